//! The errors of the RON and JSON readers (and serde's) in the words of the people who write
//! profiles and reference data: French, without Rust types (`u32`, `struct Profile`), and, for
//! numbers, naming what the field holds (an effectif, days, a year) from its field path.

/// What the field at the end of `path` holds, with its article ("l'effectif"), when it is a
/// number users know by name.
pub fn field_words(path: Option<&str>) -> Option<&'static str> {
    let path = path?;
    let last = path.rsplit('.').next().unwrap_or(path);
    let last = last.split('[').next().unwrap_or(last);
    let in_counts = path.contains(".counts.");
    Some(match last {
        "headcount" | "career_headcount" => "l'effectif",
        _ if in_counts => "le nombre d'agents",
        "days_per_year" => "le nombre de jours par an",
        "max_days_per_agent" => "le nombre de jours de formation par agent",
        "cost_per_day" => "le coût d'un jour-stagiaire",
        "euros_per_year" => "le budget en euros par an",
        "intra_per_session_day" => "le coût d'une journée de session intra",
        "payroll_euros" => "la masse salariale",
        "population" => "la population",
        "first_year" | "year" => "l'année",
        "horizon" => "l'horizon",
        "managers" => "le nombre d'encadrants",
        "elected_officials" => "le nombre d'élus",
        "recruitments" => "le nombre de recrutements",
        "responsibility_posts" => "le nombre de prises de poste",
        "pix" => "le score Pix",
        "effect" => "le numéro d'effet",
        "number" => "le numéro",
        "hours" | "hours_per_day" => "le nombre d'heures",
        "percent" => "le pourcentage",
        l if l.ends_with("_percent") || l.ends_with("_share") => "le pourcentage",
        _ => return None,
    })
}

/// The range of the field at the end of `path`, when users know it by heart.
fn field_range(path: Option<&str>) -> Option<&'static str> {
    let last = path?.rsplit('.').next()?;
    Some(match last.split('[').next()? {
        "pix" => "de 0 à 8",
        "horizon" => "de 1 à 30",
        "first_year" => "de 2000 à 2100",
        _ => return None,
    })
}

/// A number too large for its field (a negative one is [`negative`]).
pub fn out_of_bounds(path: Option<&str>) -> String {
    match (field_words(path), field_range(path)) {
        (Some(w), Some(r)) => {
            format!("{w} doit être un nombre entier {r} ; ce nombre est trop grand")
        }
        (Some(w), None) => {
            format!("{w} doit être un nombre entier positif ; ce nombre est trop grand")
        }
        _ => "nombre hors des limites admises : un nombre entier positif est attendu ici".into(),
    }
}

/// A negative number where only whole positive numbers are taken.
pub fn negative(path: Option<&str>) -> String {
    match field_words(path) {
        Some(w) => format!("{w} doit être un nombre entier positif"),
        None => "un nombre entier positif est attendu ici".into(),
    }
}

/// The French of a RON reader error `code` at field `path`; `negative` when the offending
/// text is a negative number, `looks_like_csv` when the text's first line reads as a CSV
/// header.
pub fn ron_message(
    code: &ron::Error,
    path: Option<&str>,
    negative: bool,
    looks_like_csv: bool,
) -> String {
    use ron::Error as E;
    match code {
        E::IntegerOutOfBounds if negative => self::negative(path),
        E::IntegerOutOfBounds => out_of_bounds(path),
        E::ExpectedInteger => match field_words(path) {
            Some(w) => format!(
                "un nombre entier est attendu ici ({w}, écrit en chiffres, sans guillemets)"
            ),
            None => "un nombre entier est attendu ici".into(),
        },
        E::ExpectedFloat => "un nombre est attendu ici".into(),
        E::ExpectedString => "un texte entre guillemets est attendu ici".into(),
        E::ExpectedStringEnd => "le guillemet fermant de ce texte manque".into(),
        E::ExpectedBoolean => "`true` ou `false` est attendu ici".into(),
        E::ExpectedComma => {
            "une virgule est attendue ici (entre deux champs ou deux éléments d'une liste)".into()
        }
        E::ExpectedArray => "un crochet ouvrant `[` est attendu ici (début d'une liste)".into(),
        E::ExpectedArrayEnd => "un crochet fermant `]` est attendu ici (fin d'une liste)".into(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) | E::ExpectedStructName(_) => {
            match code {
                E::ExpectedNamedStructLike("Profile") => {
                    "une parenthèse ouvrante `(` est attendue ici : le profil commence par `(` et finit par `)`".into()
                }
                _ => "une parenthèse ouvrante `(` est attendue ici".into(),
            }
        }
        E::ExpectedStructLikeEnd | E::ExpectedOptionEnd => {
            "une parenthèse fermante `)` est attendue ici".into()
        }
        E::ExpectedMap => "une accolade ouvrante `{` est attendue ici".into(),
        E::ExpectedMapEnd => "une accolade fermante `}` est attendue ici".into(),
        E::ExpectedMapColon => "un deux-points `:` est attendu ici".into(),
        E::ExpectedIdentifier => "un nom de champ ou de valeur est attendu ici".into(),
        E::ExpectedDifferentStructName { expected, found } => {
            if *expected == "Profile" && looks_like_csv {
                "ce fichier ressemble à un export CSV du personnel : utilisez `parcours profile import` pour en faire un profil".into()
            } else {
                format!("`{found}` inattendu ici : une parenthèse ouvrante `(` est attendue")
            }
        }
        E::Eof => {
            "fin de fichier inattendue : une parenthèse, un crochet ou un guillemet n'est pas refermé"
                .into()
        }
        E::TrailingCharacters => "texte en trop après la fin des données".into(),
        E::UnexpectedChar(c) => format!("caractère inattendu {c:?}"),
        E::InvalidIntegerDigit { digit, .. } => {
            format!("chiffre incorrect {digit:?} dans un nombre")
        }
        E::UnderscoreAtBeginning | E::FloatUnderscore => {
            "un nombre ne peut pas contenir de `_` à cet endroit".into()
        }
        E::InvalidEscape(_) => "séquence d'échappement incorrecte dans un texte (`\\`)".into(),
        E::UnclosedBlockComment => "commentaire `/* … */` non refermé".into(),
        E::UnclosedLineComment => "commentaire non terminé".into(),
        E::Utf8Error(_) => "le texte n'est pas en UTF-8 valide".into(),
        E::ExceededRecursionLimit => "trop de niveaux imbriqués".into(),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => unknown("valeur inconnue", found, "valeurs possibles", expected),
        E::NoSuchStructField {
            expected, found, ..
        } => unknown("champ inconnu", found, "champs possibles", expected),
        E::MissingStructField { field, .. } => {
            format!("champ obligatoire manquant : `{field}`")
        }
        E::DuplicateStructField { field, .. } => format!("champ donné deux fois : `{field}`"),
        E::InvalidValueForType { expected, found } => wrong_type(expected, found, path),
        E::ExpectedDifferentLength { expected, found } => format!(
            "nombre d'éléments incorrect : {found} ; attendu : {}",
            expected_words(expected)
        ),
        E::Message(m) => serde_message(m, path),
        E::InvalidIdentifier(i) | E::SuggestRawIdentifier(i) => {
            format!("nom incorrect {i:?}")
        }
        E::NoSuchExtension(_) | E::ExpectedAttribute | E::ExpectedAttributeEnd => {
            "en-tête `#![enable(…)]` incorrect".into()
        }
        _ => "texte incorrect à cet endroit".into(),
    }
}

/// "champ inconnu `x` ; champs possibles : `a`, `b`".
fn unknown(what: &str, found: &str, possible: &str, expected: &[&str]) -> String {
    let found = crate::diagnostic::quoted(found);
    if expected.is_empty() {
        return format!("{what} `{found}`");
    }
    let list: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
    format!("{what} `{found}` ; {possible} : {}", list.join(", "))
}

/// What serde's "expected" says, in words (`u32` → "un nombre entier positif").
fn expected_words(expected: &str) -> String {
    let e = expected.trim();
    match e {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "un nombre entier positif".into(),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "un nombre entier".into(),
        "f32" | "f64" => "un nombre".into(),
        "a string" | "string" | "a borrowed string" | "a character" | "char" => {
            "un texte entre guillemets".into()
        }
        "a boolean" | "bool" => "`true` ou `false`".into(),
        "a sequence" | "sequence" => "une liste entre crochets `[…]`".into(),
        "a map" | "map" => "une liste de champs".into(),
        "unit" => "une valeur vide `()`".into(),
        _ if e.starts_with("struct ") || e.starts_with("tuple struct ") => {
            "un bloc de champs".into()
        }
        _ if e.starts_with("enum ") || e.starts_with("variant ") || e.contains("variant") => {
            "une des valeurs possibles".into()
        }
        _ if e.starts_with("an array of length ") || e.starts_with("a tuple of size ") => {
            format!("une liste de {}", e.rsplit(' ').next().unwrap_or(e))
        }
        _ => e.to_owned(),
    }
}

/// What serde's "unexpected" says, in words (`string "two"` → `le texte "two"`).
fn found_words(found: &str) -> String {
    let f = found.trim();
    let f = f.strip_prefix("the ").unwrap_or(f);
    let value = |rest: &str| rest.trim().trim_matches('`').to_owned();
    if let Some(s) = f.strip_prefix("string ") {
        return format!("le texte {}", s.trim());
    }
    for p in ["unsigned integer", "signed integer", "integer"] {
        if let Some(n) = f.strip_prefix(p) {
            return format!("le nombre {}", value(n));
        }
    }
    for p in ["floating point number", "floating point"] {
        if let Some(n) = f.strip_prefix(p) {
            return format!("le nombre décimal {}", value(n));
        }
    }
    if let Some(b) = f.strip_prefix("boolean") {
        return format!("la valeur {}", value(b));
    }
    match f {
        "null" | "unit" | "unit value" => "une valeur vide (null)".into(),
        "sequence" => "une liste".into(),
        "map" => "un bloc de champs".into(),
        "Option value" => "une valeur optionnelle".into(),
        _ if f.starts_with("unit variant") || f.contains("variant") => "une valeur nommée".into(),
        _ => f.to_owned(),
    }
}

/// A value of the wrong type (serde's "invalid type" and "invalid value").
fn wrong_type(expected: &str, found: &str, path: Option<&str>) -> String {
    let exp = expected_words(expected);
    let unsigned = exp == "un nombre entier positif";
    let f = found.trim().strip_prefix("the ").unwrap_or(found.trim());
    let number_found = ["integer", "signed integer", "unsigned integer"]
        .iter()
        .find_map(|p| f.strip_prefix(p))
        .map(|n| n.trim().trim_matches('`').to_owned());
    if unsigned && let Some(n) = number_found {
        // An integer refused by an unsigned field: negative, or too large.
        return if n.starts_with('-') {
            negative(path)
        } else {
            out_of_bounds(path)
        };
    }
    let found = found_words(found);
    match field_words(path) {
        Some(w) if unsigned => format!("{w} doit être un nombre entier positif, pas {found}"),
        _ => format!("il faut ici {exp}, pas {found}"),
    }
}

/// The backquoted names after "expected" in serde's lists ("expected one of `a`, `b`",
/// "expected `a` or `b`").
fn names_after_expected(rest: &str) -> Vec<&str> {
    rest.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s)
        .collect()
}

/// The French of a serde message (from serde itself, serde_json or a custom error): serde's
/// sentences are translated, serde_json's syntax errors too, anything else (the project's own
/// messages, already French) is kept.
pub fn serde_message(message: &str, path: Option<&str>) -> String {
    let m = message.trim();
    let rest_after = |prefix: &str| m.strip_prefix(prefix);
    if let Some(rest) = rest_after("invalid type: ").or_else(|| rest_after("invalid value: "))
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return wrong_type(expected, found, path);
    }
    if let Some(rest) = rest_after("invalid length ")
        && let Some((n, expected)) = rest.split_once(", expected ")
    {
        return format!(
            "nombre d'éléments incorrect : {n} ; attendu : {}",
            expected_words(expected)
        );
    }
    for (prefix, what, possible) in [
        ("unknown variant `", "valeur inconnue", "valeurs possibles"),
        ("unknown field `", "champ inconnu", "champs possibles"),
    ] {
        if let Some(rest) = rest_after(prefix)
            && let Some((found, tail)) = rest.split_once('`')
        {
            let names = names_after_expected(tail);
            return unknown(what, found, possible, &names);
        }
    }
    if let Some(rest) = rest_after("missing field `") {
        return format!(
            "champ obligatoire manquant : `{}`",
            rest.trim_end_matches('`')
        );
    }
    if let Some(rest) = rest_after("duplicate field `") {
        return format!("champ donné deux fois : `{}`", rest.trim_end_matches('`'));
    }
    match m {
        "EOF while parsing an object" => {
            "fin de fichier inattendue : une accolade `{` n'est pas refermée".into()
        }
        "EOF while parsing a list" => {
            "fin de fichier inattendue : un crochet `[` n'est pas refermé".into()
        }
        "EOF while parsing a string" => {
            "fin de fichier inattendue : un guillemet n'est pas refermé".into()
        }
        "EOF while parsing a value" | "EOF while parsing" => {
            "fin de fichier inattendue : une valeur est attendue".into()
        }
        "key must be a string" => "un nom de champ entre guillemets est attendu ici".into(),
        "expected `,` or `}`" => "une virgule ou une accolade fermante `}` est attendue ici".into(),
        "expected `,` or `]`" => "une virgule ou un crochet fermant `]` est attendu ici".into(),
        "expected `:`" => "un deux-points `:` est attendu ici".into(),
        "expected value" => "une valeur est attendue ici".into(),
        "expected ident" => {
            "mot inconnu : seuls `true`, `false` et `null` s'écrivent sans guillemets".into()
        }
        "trailing comma" => "virgule en trop".into(),
        "trailing characters" => "texte en trop après la fin des données".into(),
        "invalid number" => "nombre incorrect".into(),
        "number out of range" => out_of_bounds(path),
        "invalid escape" => "séquence d'échappement incorrecte dans un texte (`\\`)".into(),
        "invalid unicode code point" | "lone leading surrogate in hex escape" => {
            "code Unicode incorrect dans un texte".into()
        }
        "recursion limit exceeded" => "trop de niveaux imbriqués".into(),
        _ if m.starts_with("control character") => {
            "caractère de contrôle dans un texte : écrivez-le `\\n`, `\\t`…".into()
        }
        _ => m.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_named_from_their_field() {
        assert_eq!(
            ron_message(
                &ron::Error::IntegerOutOfBounds,
                Some("staff[1].headcount"),
                true,
                false
            ),
            "l'effectif doit être un nombre entier positif"
        );
        assert_eq!(
            ron_message(
                &ron::Error::IntegerOutOfBounds,
                Some("staff[0].levels[1].pix"),
                false,
                false
            ),
            "le score Pix doit être un nombre entier de 0 à 8 ; ce nombre est trop grand"
        );
        assert_eq!(
            ron_message(&ron::Error::IntegerOutOfBounds, Some("x.y"), false, false),
            "nombre hors des limites admises : un nombre entier positif est attendu ici"
        );
        assert_eq!(
            serde_message(
                "invalid value: integer `-2`, expected u32",
                Some("staff[0].headcount")
            ),
            "l'effectif doit être un nombre entier positif"
        );
        assert_eq!(
            serde_message(
                "invalid type: string \"two\", expected u32",
                Some("staff[1].headcount")
            ),
            "l'effectif doit être un nombre entier positif, pas le texte \"two\""
        );
        assert_eq!(
            serde_message("invalid type: sequence, expected a string", None),
            "il faut ici un texte entre guillemets, pas une liste"
        );
    }

    #[test]
    fn fields_and_values_are_listed() {
        assert_eq!(
            serde_message(
                "unknown field `colour`, expected one of `metier`, `headcount`",
                None
            ),
            "champ inconnu `colour` ; champs possibles : `metier`, `headcount`"
        );
        assert_eq!(
            serde_message(
                "unknown variant `Town`, expected `Commune` or `Other`",
                None
            ),
            "valeur inconnue `Town` ; valeurs possibles : `Commune`, `Other`"
        );
        assert_eq!(
            serde_message("missing field `first_year`", None),
            "champ obligatoire manquant : `first_year`"
        );
        assert_eq!(
            ron_message(
                &ron::Error::MissingStructField {
                    field: "budget",
                    outer: Some("Profile".into())
                },
                None,
                false,
                false
            ),
            "champ obligatoire manquant : `budget`"
        );
    }

    #[test]
    fn a_csv_given_as_a_profile_is_recognised() {
        let code = ron::Error::ExpectedDifferentStructName {
            expected: "Profile",
            found: "metier".into(),
        };
        assert!(ron_message(&code, None, false, true).contains("`parcours profile import`"));
        assert!(!ron_message(&code, None, false, false).contains("CSV"));
    }

    #[test]
    fn other_messages_are_kept() {
        assert_eq!(
            serde_message("plus de 500 lignes de personnel", None),
            "plus de 500 lignes de personnel"
        );
    }
}
