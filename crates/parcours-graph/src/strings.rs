//! The text given by users, checked where it enters: every string of a parsed record (a
//! reference file, a profile) is visited with its field path ([`each_string`]), so a new text
//! field is checked without being listed; [`text_problem`] says what is wrong with one string
//! (a control character, or more characters than a limit), in French.

use serde::ser::{self, Serialize};
use std::fmt;

/// One step of a field path: a named field or an index in a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// A struct field.
    Field(&'static str),
    /// A list index.
    Index(usize),
}

/// The field path of a visited string (`custom_metiers[0].name`), as `locate` reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldPath(Vec<Step>);

impl FieldPath {
    /// The steps, outermost first.
    pub fn steps(&self) -> &[Step] {
        &self.0
    }

    /// The innermost named field (`groups` for `custom_metiers[0].groups[2]`).
    pub fn field(&self) -> Option<&'static str> {
        self.0.iter().rev().find_map(|s| match s {
            Step::Field(f) => Some(*f),
            Step::Index(_) => None,
        })
    }

    /// True when the path is one field of the root (`name`, not `custom_metiers[0].name`).
    pub fn is_root_field(&self, name: &str) -> bool {
        matches!(self.0.as_slice(), [Step::Field(f)] if *f == name)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, s) in self.0.iter().enumerate() {
            match s {
                Step::Field(name) if k == 0 => f.write_str(name)?,
                Step::Field(name) => write!(f, ".{name}")?,
                Step::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

/// Calls `visit` with every string of `value` (struct fields, list items, optional values,
/// enum payloads, map keys and values) and its field path; an enum's payload has the path of
/// the field that holds the enum. Numbers, booleans and unit variants are skipped.
pub fn each_string<T: Serialize + ?Sized>(value: &T, visit: &mut dyn FnMut(&FieldPath, &str)) {
    let mut walker = Walker {
        path: FieldPath::default(),
        visit,
    };
    // The walker itself never fails; a failing `Serialize` impl only stops the walk.
    let _ = value.serialize(&mut walker);
}

/// A control character (Unicode `Cc`: C0, DEL, C1 — NUL, tab, line feed, carriage return,
/// escape…) or an invisible character that changes the direction or the lines of the text
/// around it (bidirectional embeddings, overrides and isolates; line and paragraph
/// separators). No name, id or text of parcours needs one, and each can corrupt a terminal, a
/// spreadsheet or a report.
pub fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
        )
}

/// What is wrong with one string, in French: the message and a hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextProblem {
    /// « le nom de la collectivité contient un caractère de contrôle (U+001B) ».
    pub message: String,
    /// How to fix it.
    pub help: &'static str,
}

/// What is wrong with a string of `what` (« le nom de la collectivité »), at most `max`
/// characters long, or `None`.
pub fn text_problem(what: &str, s: &str, max: usize) -> Option<TextProblem> {
    if let Some(c) = s.chars().find(|&c| is_forbidden(c)) {
        return Some(TextProblem {
            message: format!(
                "{what} contient un caractère de contrôle (U+{:04X})",
                u32::from(c)
            ),
            help: "retirez ce caractère invisible (souvent copié depuis un autre logiciel)",
        });
    }
    // Counting stops past the limit: a 64 MB string is not walked to the end.
    let n = s.chars().take(max + 1).count();
    (n > max).then(|| TextProblem {
        message: format!(
            "{what} compte {} caractères, plus que la limite de {max}",
            s.chars().count()
        ),
        help: "raccourcissez-le",
    })
}

/// How a text field is named to the user, from its innermost field name (« l'intitulé »
/// for `title`); « le texte » for a field not listed.
pub fn field_noun(field: Option<&str>) -> &'static str {
    match field.unwrap_or("") {
        "name" => "le nom",
        "title" => "l'intitulé",
        "id" => "l'identifiant",
        "metier" => "l'identifiant du métier",
        "competency" => "l'identifiant de la compétence",
        "module" | "done_modules" | "excluded_modules" | "prerequisites" => {
            "l'identifiant du module"
        }
        "field" => "l'identifiant du champ d'action",
        "groups" => "l'identifiant du groupe de métiers",
        "domain" => "l'identifiant du domaine",
        "department" => "le code du département",
        "intercommunality" => "l'identifiant de l'intercommunalité",
        _ => "le texte",
    }
}

struct Walker<'v> {
    path: FieldPath,
    visit: &'v mut dyn FnMut(&FieldPath, &str),
}

/// Never built: the walker does not fail.
#[derive(Debug)]
pub struct Never;

impl fmt::Display for Never {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("stopped")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Never
    }
}

impl Walker<'_> {
    fn inside<T: Serialize + ?Sized>(&mut self, step: Step, value: &T) -> Result<(), Never> {
        self.path.0.push(step);
        let r = value.serialize(&mut *self);
        self.path.0.pop();
        r
    }
}

/// A list, tuple or map being walked: the index of its next item.
struct Items<'w, 'v> {
    walker: &'w mut Walker<'v>,
    next: usize,
}

impl Items<'_, '_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        let i = self.next;
        self.next += 1;
        self.walker.inside(Step::Index(i), value)
    }
}

macro_rules! skip {
    ($($name:ident($ty:ty)),* $(,)?) => {
        $(fn $name(self, _: $ty) -> Result<(), Never> { Ok(()) })*
    };
}

impl<'w, 'v> ser::Serializer for &'w mut Walker<'v> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Items<'w, 'v>;
    type SerializeTuple = Items<'w, 'v>;
    type SerializeTupleStruct = Items<'w, 'v>;
    type SerializeTupleVariant = Items<'w, 'v>;
    type SerializeMap = Items<'w, 'v>;
    type SerializeStruct = &'w mut Walker<'v>;
    type SerializeStructVariant = &'w mut Walker<'v>;

    skip!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_bytes(&[u8]),
        serialize_unit_struct(&'static str),
    );

    fn serialize_char(self, v: char) -> Result<(), Never> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Never> {
        (self.visit)(&self.path, v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'w, 'v>, Never> {
        Ok(Items {
            walker: self,
            next: 0,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Items<'w, 'v>, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Items<'w, 'v>, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        len: usize,
    ) -> Result<Items<'w, 'v>, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Items<'w, 'v>, Never> {
        self.serialize_seq(len)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        Ok(self)
    }
}

/// The list-like walks: each item under its index.
macro_rules! items {
    ($($walk:ident :: $method:ident),*) => {$(
        impl ser::$walk for Items<'_, '_> {
            type Ok = ();
            type Error = Never;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
                self.item(value)
            }
            fn end(self) -> Result<(), Never> {
                Ok(())
            }
        }
    )*};
}

items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// A map's entries are numbered in order; its keys share their value's index.
impl ser::SerializeMap for Items<'_, '_> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Never> {
        self.walker.inside(Step::Index(self.next), key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        self.item(value)
    }
    fn end(self) -> Result<(), Never> {
        Ok(())
    }
}

/// The struct-like walks: each field under its name.
macro_rules! fields {
    ($($walk:ident),*) => {$(
        impl ser::$walk for &mut Walker<'_> {
            type Ok = ();
            type Error = Never;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Never> {
                self.inside(Step::Field(key), value)
            }
            fn end(self) -> Result<(), Never> {
                Ok(())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Module, Prerequisite};
    use std::collections::BTreeMap;

    fn strings<T: Serialize>(v: &T) -> Vec<(String, String)> {
        let mut out = Vec::new();
        each_string(v, &mut |p, s| out.push((p.to_string(), s.to_owned())));
        out
    }

    #[test]
    fn every_string_is_visited_with_its_path() {
        let data = crate::ReferenceData::embedded().expect("data");
        let m: &Module = data
            .modules()
            .iter()
            .find(|m| {
                m.prerequisites
                    .iter()
                    .any(|p| matches!(p, Prerequisite::Module(_)))
            })
            .expect("a module with a module prerequisite");
        let list = vec![m.clone()];
        let seen = strings(&list);
        assert_eq!(seen[0], ("[0].id".to_owned(), m.id.to_string()));
        assert!(seen.contains(&("[0].title".to_owned(), m.title.clone())));
        assert!(
            seen.iter()
                .any(|(p, _)| p.starts_with("[0].prerequisites[")),
            "{seen:?}"
        );
        // The provenance's text, inside an enum variant, is under the field holding the enum.
        assert!(
            seen.iter().any(|(p, _)| p.starts_with("[0].provenance.")),
            "{seen:?}"
        );
        let mut map = BTreeMap::new();
        map.insert("k".to_owned(), vec!["v".to_owned()]);
        assert_eq!(
            strings(&map),
            vec![
                ("[0]".to_owned(), "k".to_owned()),
                ("[0][0]".to_owned(), "v".to_owned())
            ]
        );
        assert_eq!(strings(&(Some('x'), 3u8, None::<String>)).len(), 1);
    }

    #[test]
    fn field_paths_name_their_innermost_field() {
        let p = FieldPath(vec![
            Step::Field("custom_metiers"),
            Step::Index(0),
            Step::Field("groups"),
            Step::Index(2),
        ]);
        assert_eq!(p.to_string(), "custom_metiers[0].groups[2]");
        assert_eq!(p.field(), Some("groups"));
        assert!(!p.is_root_field("custom_metiers"));
        assert!(FieldPath(vec![Step::Field("name")]).is_root_field("name"));
        assert_eq!(field_noun(p.field()), "l'identifiant du groupe de métiers");
        assert_eq!(field_noun(Some("rationale")), "le texte");
    }

    #[test]
    fn control_characters_and_lengths() {
        for c in [
            '\0', '\u{7}', '\u{1b}', '\r', '\n', '\t', '\u{7f}', '\u{85}', '\u{202e}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
            let s = format!("Ville{c}");
            assert_eq!(
                text_problem("le nom", &s, 10).map(|p| p.message),
                Some(format!(
                    "le nom contient un caractère de contrôle (U+{:04X})",
                    u32::from(c)
                ))
            );
        }
        for ok in [
            "Saint-Étienne",
            "L'Haÿ-les-Roses",
            "Œuvre « sociale » — 2027",
            "é",
        ] {
            assert_eq!(text_problem("le nom", ok, 40), None, "{ok}");
        }
        assert_eq!(text_problem("le nom", "ééé", 3), None);
        assert_eq!(
            text_problem("le nom", "éééé", 3)
                .map(|p| p.message)
                .as_deref(),
            Some("le nom compte 4 caractères, plus que la limite de 3")
        );
    }
}
