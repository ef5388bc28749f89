//! The text formats of a profile: RON and JSON, parsed with the file, line, column and field
//! path of any error, and the commented template that `parcours profile init` writes.

use parcours_graph::ReferenceData;
use parcours_graph::diagnostic::Diagnostic;
use parcours_graph::parse::from_ron;
use parcours_planner::check::CheckedProfile;
use parcours_planner::profile::Profile;

/// The input formats of a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RON.
    Ron,
    /// JSON.
    Json,
}

impl Format {
    /// Guesses the format from a file name, then from the first character of the text.
    pub fn detect(name: &str, text: &str) -> Format {
        let lower = name.to_lowercase();
        if lower.ends_with(".json") {
            Format::Json
        } else if lower.ends_with(".ron") {
            Format::Ron
        } else if text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{')
        {
            Format::Json
        } else {
            Format::Ron
        }
    }
}

/// The text of a file's bytes (named `file` in diagnostics), without its byte-order mark; bytes
/// that are not UTF-8 become a diagnostic at the first bad one.
pub fn utf8_text(file: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..'\u{feff}'.len_utf8());
            }
            Ok(s)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let good = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let loc = parcours_graph::locate::location_of(&good, good.len(), good.len());
            Err(Diagnostic::at_location(
                file,
                &good,
                parcours_graph::locate::Location { len: 1, ..loc },
                format!("le fichier n'est pas enregistré en UTF-8 (octet incorrect à la position {valid})"),
            )
            .with_help("enregistrez le fichier en UTF-8 (dans un tableur ou un éditeur : « Enregistrer sous », encodage UTF-8)"))
        }
    }
}

/// Parses a profile from text, RON or JSON (named `file` in diagnostics).
pub fn parse(file: &str, text: &str, format: Format) -> Result<Profile, Diagnostic> {
    match format {
        Format::Ron => from_ron(file, text),
        Format::Json => from_json(file, text),
    }
}

/// Parses a profile and checks it against the reference data, as `plan` does: the checked
/// profile, or every problem found (a parse error alone, or the checks' problems).
pub fn load(
    data: &ReferenceData,
    file: &str,
    text: &str,
    format: Format,
) -> Result<CheckedProfile, Vec<Diagnostic>> {
    let p = parse(file, text, format).map_err(|d| vec![d])?;
    CheckedProfile::from_text(p, data, file, text)
}

/// Parses JSON into `T` with line, column and field path on error.
pub fn from_json<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let result: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    let value = match result {
        Ok(v) => v,
        Err(e) => {
            let path = parcours_graph::parse::clean_path(&e.path().to_string());
            let inner = e.into_inner();
            let location = parcours_graph::locate::Location {
                line: inner.line().max(1),
                col: inner.column().max(1),
                len: 1,
            };
            let message = inner.to_string();
            // serde_json appends " at line L column C": drop it, the location says it.
            let message = match message.rfind(" at line ") {
                Some(i) => message[..i].to_owned(),
                None => message,
            };
            let message = if text.trim().is_empty() {
                "le fichier est vide".to_owned()
            } else {
                parcours_graph::french::serde_message(&lower_first(&message), path.as_deref())
            };
            let d = Diagnostic::at_location(file, text, clamp(text, location), message);
            return Err(match path {
                Some(p) => d.with_path(p),
                None => d,
            });
        }
    };
    if let Err(e) = de.end() {
        let location = parcours_graph::locate::Location {
            line: e.line().max(1),
            col: e.column().max(1),
            len: 1,
        };
        return Err(Diagnostic::at_location(
            file,
            text,
            clamp(text, location),
            "texte en trop après la fin du profil",
        ));
    }
    Ok(value)
}

fn clamp(text: &str, mut l: parcours_graph::locate::Location) -> parcours_graph::locate::Location {
    let lines = text.lines().count().max(1);
    if l.line > lines {
        l.line = lines;
        l.col = text.lines().last().map_or(0, |s| s.chars().count()) + 1;
    }
    l
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    if s.chars().nth(1).is_some_and(char::is_uppercase) {
        return s.to_owned(); // an acronym (`EOF`)
    }
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A commented starting profile, in RON, that `parcours profile init` writes. It parses and
/// plans as it is.
pub const TEMPLATE: &str = include_str!("template.ron");

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_graph::ids::MetierId;
    use parcours_planner::check::check;
    use parcours_planner::profile::limits;

    #[test]
    fn the_template_is_a_valid_profile() {
        let data = ReferenceData::embedded().expect("data");
        let p = parse("template.ron", TEMPLATE, Format::Ron).expect("template parses");
        assert_eq!(check(&p, &data, "template.ron", TEMPLATE), Vec::new());
    }

    /// The problems `check` finds in `text`, as (field path, message).
    fn problems(text: &str, format: Format) -> Vec<(String, String)> {
        let data = ReferenceData::embedded().expect("data");
        let p = parse("p", text, format).expect("parses");
        check(&p, &data, "p", text)
            .into_iter()
            .map(|d| (d.path.unwrap_or_default(), d.message))
            .collect()
    }

    /// The template with `from` replaced by `to`.
    fn template_with(from: &str, to: &str) -> String {
        assert!(TEMPLATE.contains(from), "{from}");
        TEMPLATE.replacen(from, to, 1)
    }

    const CUSTOM: &str = "custom_metiers: [(id: \"gardien-de-phare\", name: \"Gardien de phare\", targets: [(competency: \"pix-1-1\", year10: Socle)])],\n)";

    #[test]
    fn control_characters_are_rejected_in_every_string() {
        let ron = template_with("Saint-Exemple", "Saint\\u{1b}[31mExemple");
        assert_eq!(
            problems(&ron, Format::Ron),
            vec![(
                "name".to_owned(),
                "le nom de la collectivité contient un caractère de contrôle (U+001B)".to_owned()
            )]
        );
        let ron = template_with("\n)", &format!("\n{CUSTOM}"))
            .replace("Gardien de phare", "Gardien\\u{7}")
            .replace("\"35\"", "\"3\\u{0}5\"");
        let found = problems(&ron, Format::Ron);
        assert!(
            found.contains(&(
                "custom_metiers[0].name".to_owned(),
                "le nom du métier déclaré contient un caractère de contrôle (U+0007)".to_owned()
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                "department".to_owned(),
                "le code du département contient un caractère de contrôle (U+0000)".to_owned()
            )),
            "{found:?}"
        );
        let json = r#"{"name": "Ville\r", "kind": "Commune", "first_year": 2027, "staff": [{"metier": "atsem\u001b", "headcount": 1}], "budget": {"days_per_year": 1, "max_days_per_agent": 1}}"#;
        let found = problems(json, Format::Json);
        for (path, message) in [
            (
                "name",
                "le nom de la collectivité contient un caractère de contrôle (U+000D)",
            ),
            (
                "staff[0].metier",
                "l'identifiant du métier contient un caractère de contrôle (U+001B)",
            ),
        ] {
            assert!(
                found.contains(&(path.to_owned(), message.to_owned())),
                "{path}: {found:?}"
            );
        }
    }

    #[test]
    fn names_and_ids_have_length_limits() {
        let long = "é".repeat(limits::MAX_NAME_CHARS + 1);
        let ron = template_with("Commune de Saint-Exemple", &long);
        assert_eq!(
            problems(&ron, Format::Ron),
            vec![(
                "name".to_owned(),
                format!(
                    "le nom de la collectivité compte {} caractères, plus que la limite de {}",
                    limits::MAX_NAME_CHARS + 1,
                    limits::MAX_NAME_CHARS
                )
            )]
        );
        let at_limit = template_with("Commune de Saint-Exemple", &long[2..]);
        assert_eq!(problems(&at_limit, Format::Ron), Vec::new());
        let id = "a".repeat(limits::MAX_ID_CHARS + 1);
        let ron = template_with("\n)", &format!("\n{CUSTOM}"))
            .replace("gardien-de-phare", &id)
            .replace("Gardien de phare", &"n".repeat(40_000));
        let found = problems(&ron, Format::Ron);
        assert!(
            found.contains(&(
                "custom_metiers[0].id".to_owned(),
                "l'identifiant du métier déclaré compte 101 caractères, plus que la limite de 100"
                    .to_owned()
            )),
            "{found:?}"
        );
        assert!(
            found.contains(&(
                "custom_metiers[0].name".to_owned(),
                "le nom du métier déclaré compte 40000 caractères, plus que la limite de 200"
                    .to_owned()
            )),
            "{found:?}"
        );
    }

    #[test]
    fn a_metier_under_its_former_and_current_ids_is_rejected() {
        let data = ReferenceData::embedded().expect("shipped data");
        let mut p = Profile::for_metiers(
            [
                MetierId::new("atsem"),
                MetierId::new(data.current_metier_id(&MetierId::new("atsem")).as_str()),
            ]
            .into_iter(),
        );
        p.name = "Test".into();
        assert_ne!(p.staff[0].metier, p.staff[1].metier);
        let problems = check(&p, &data, "p.ron", "");
        assert!(
            problems
                .iter()
                .any(|d| d.message.contains("ancien identifiant de l'autre")),
            "{problems:?}"
        );
    }

    #[test]
    fn an_effect_weighed_twice_is_rejected() {
        let ron = template_with(
            "[(effect: 1, percent: 120)]",
            "[(effect: 2, percent: 120), (effect: 1, percent: 80), (effect: 2, percent: 90)]",
        );
        assert_eq!(
            problems(&ron, Format::Ron),
            vec![(
                "effect_weights[2].effect".to_owned(),
                "deux poids sont donnés pour l'effet 2".to_owned()
            )]
        );
    }

    #[test]
    fn a_declared_metier_needs_an_id_and_a_name() {
        let ok = template_with("\n)", &format!("\n{CUSTOM}"));
        assert_eq!(problems(&ok, Format::Ron), Vec::new());
        let blank = ok
            .replace("\"gardien-de-phare\"", "\"  \"")
            .replace("\"Gardien de phare\"", "\"\"");
        assert_eq!(
            problems(&blank, Format::Ron),
            vec![
                (
                    "custom_metiers[0].id".to_owned(),
                    "le métier déclaré n° 1 n'a pas d'identifiant".to_owned()
                ),
                (
                    "custom_metiers[0].name".to_owned(),
                    "le métier déclaré n° 1 n'a pas de nom".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn implausible_years_and_blank_names_are_rejected() {
        for (from, to, path) in [
            ("first_year: 2027", "first_year: 65535", "first_year"),
            ("first_year: 2027", "first_year: 1999", "first_year"),
            ("first_year: 2027", "first_year: 2101", "first_year"),
            ("\"Commune de Saint-Exemple\"", "\" \"", "name"),
        ] {
            let found = problems(&template_with(from, to), Format::Ron);
            assert_eq!(found.len(), 1, "{to}: {found:?}");
            assert_eq!(found[0].0, path, "{to}");
        }
        for year in ["2000", "2100"] {
            let ok = template_with("2027", year);
            assert_eq!(problems(&ok, Format::Ron), Vec::new(), "{year}");
        }
    }

    #[test]
    fn json_errors_are_located() {
        let e = from_json::<Profile>("p.json", "{\n  \"name\": \"X\",\n  \"kind\": \"Town\"\n}")
            .unwrap_err();
        assert_eq!((e.location.line, e.path.as_deref()), (3, Some("kind")));
        assert!(
            e.message
                .starts_with("valeur inconnue `Town` ; valeurs possibles : `Commune`"),
            "{}",
            e.message
        );
    }
}
