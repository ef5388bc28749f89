//! clap's errors put into French words: clap gives the kind of mistake and its context (the
//! argument, the value, the suggestions, the usage line); the sentences are ours.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::fmt::Write;

/// What a command line that could not be parsed leads to: text for standard output (help,
/// version) or standard error, and the exit code.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The text to print.
    pub text: String,
    /// Whether it goes to standard output (help and version asked for) or standard error.
    pub to_stdout: bool,
    /// The exit code: 0 for help and version, 2 for a usage error.
    pub code: u8,
}

/// The outcome of a clap error.
pub fn outcome(err: &clap::Error) -> Outcome {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Outcome {
            text: with_newline(err.render().to_string()),
            to_stdout: true,
            code: crate::EXIT_OK,
        },
        // `parcours` alone, or `parcours profile`: the help (in French already), as an error.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Outcome {
            text: err.render().to_string(),
            to_stdout: false,
            code: crate::EXIT_BAD_INPUT,
        },
        _ => Outcome {
            text: message(err),
            to_stdout: false,
            code: crate::EXIT_BAD_INPUT,
        },
    }
}

/// `text`, ending with a newline.
fn with_newline(mut text: String) -> String {
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// A text of the context of `err`.
fn text(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A list of the context of `err`.
fn list(err: &clap::Error, kind: ContextKind) -> Vec<String> {
    match err.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
        _ => Vec::new(),
    }
}

/// Backquoted items, comma-separated.
fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The French message of a usage error (ends with a newline).
pub fn message(err: &clap::Error) -> String {
    let arg = text(err, ContextKind::InvalidArg).unwrap_or_default();
    let value = text(err, ContextKind::InvalidValue).unwrap_or_default();
    let mut tips: Vec<String> = Vec::new();
    let mut out = match err.kind() {
        ErrorKind::UnknownArgument => {
            if let Some(s) = text(err, ContextKind::SuggestedArg) {
                tips.push(format!("un argument proche existe : `{s}`"));
            }
            let commands = list(err, ContextKind::SuggestedSubcommand);
            if !commands.is_empty() {
                tips.push(format!(
                    "une commande proche existe : {}",
                    quoted(&commands)
                ));
            }
            if arg.starts_with('-') && arg[1..].parse::<f64>().is_ok() {
                tips.push(format!(
                    "pour donner `{arg}` comme valeur, écrivez `-- {arg}`"
                ));
            }
            format!("argument inattendu `{arg}`")
        }
        ErrorKind::InvalidSubcommand => {
            let sub = text(err, ContextKind::InvalidSubcommand).unwrap_or_default();
            let close = list(err, ContextKind::SuggestedSubcommand);
            if !close.is_empty() {
                tips.push(format!("une commande proche existe : {}", quoted(&close)));
            }
            if sub == "help" || sub == "aide" {
                tips.push(
                    "pour l'aide, écrivez `parcours --help`, ou `parcours <commande> --help`"
                        .into(),
                );
            }
            format!("commande inconnue `{sub}`")
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("une valeur est attendue après `{arg}`")
        }
        ErrorKind::InvalidValue => {
            let close = list(err, ContextKind::SuggestedValue);
            if !close.is_empty() {
                tips.push(format!("une valeur proche existe : {}", quoted(&close)));
            }
            let valid = list(err, ContextKind::ValidValue);
            let mut m = format!("valeur incorrecte `{value}` pour `{arg}`");
            if !valid.is_empty() {
                let _ = write!(m, "\n  [valeurs possibles : {}]", valid.join(", "));
            }
            m
        }
        ErrorKind::ValueValidation => {
            let mut m = format!("valeur incorrecte `{value}` pour `{arg}`");
            if let Some(why) = std::error::Error::source(err) {
                let _ = write!(m, " : {why}");
            }
            m
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = list(err, ContextKind::InvalidArg);
            if missing.len() == 1 {
                format!("argument obligatoire manquant : {}", missing[0])
            } else {
                let mut m = String::from("arguments obligatoires manquants :");
                for a in &missing {
                    let _ = write!(m, "\n  {a}");
                }
                m
            }
        }
        ErrorKind::MissingSubcommand => {
            let name = text(err, ContextKind::InvalidSubcommand).unwrap_or_default();
            let valid = list(err, ContextKind::ValidSubcommand);
            format!(
                "`{name}` demande une commande ; commandes possibles : {}",
                valid.join(", ")
            )
        }
        ErrorKind::ArgumentConflict => {
            let prior = list(err, ContextKind::PriorArg);
            let who = match text(err, ContextKind::InvalidSubcommand) {
                Some(sub) if arg.is_empty() => format!("la commande `{sub}`"),
                _ => format!("l'argument `{arg}`"),
            };
            if prior.len() == 1 && prior[0] == arg {
                format!("{who} ne peut être donné qu'une fois")
            } else if prior.is_empty() {
                format!("{who} ne peut pas être employé avec les autres arguments donnés")
            } else {
                format!("{who} ne peut pas être employé avec {}", quoted(&prior))
            }
        }
        ErrorKind::NoEquals => {
            format!("écrivez la valeur de `{arg}` après un signe `=`")
        }
        ErrorKind::TooManyValues => {
            format!("valeur en trop `{value}` pour `{arg}` : aucune autre n'était attendue")
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let actual = text(err, ContextKind::ActualNumValues).unwrap_or_default();
            format!("nombre de valeurs incorrect pour `{arg}` ({actual} données)")
        }
        ErrorKind::InvalidUtf8 => "un argument n'est pas un texte valide (UTF-8)".into(),
        _ => "ligne de commande incorrecte".into(),
    };
    out.insert_str(0, "erreur : ");
    out.push('\n');
    for t in &tips {
        let _ = write!(out, "\n  astuce : {t}\n");
    }
    if let Some(usage) = text(err, ContextKind::Usage) {
        let usage = usage.trim_end();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim_start();
        let _ = write!(out, "\nUtilisation : {usage}\n");
    }
    out.push_str("\nPour plus d'informations, essayez `--help`.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::args::parse_from;

    fn error(args: &[&str]) -> Outcome {
        let e = parse_from(std::iter::once("parcours").chain(args.iter().copied()))
            .expect_err("the command line is refused");
        outcome(&e)
    }

    #[test]
    fn an_unknown_flag_is_named_with_the_closest_one() {
        let o = error(&["plan", "p.ron", "--frobnicate"]);
        assert_eq!(o.code, 2);
        assert!(!o.to_stdout);
        assert!(
            o.text
                .starts_with("erreur : argument inattendu `--frobnicate`\n"),
            "{}",
            o.text
        );
        assert!(o.text.contains("Utilisation : parcours plan"), "{}", o.text);
        assert!(
            o.text
                .ends_with("Pour plus d'informations, essayez `--help`.\n")
        );
    }

    #[test]
    fn a_bad_value_lists_the_possible_ones() {
        let o = error(&["plan", "p.ron", "--format", "pdf"]);
        assert!(
            o.text
                .starts_with("erreur : valeur incorrecte `pdf` pour `--format <FORMAT>`"),
            "{}",
            o.text
        );
        assert!(
            o.text
                .contains("[valeurs possibles : table, md, html, csv, xlsx, json]"),
            "{}",
            o.text
        );
    }

    #[test]
    fn numbers_are_refused_in_french() {
        let o = error(&["plan", "p.ron", "--budget-days", "-1"]);
        assert!(
            o.text.contains("les nombres négatifs ne sont pas admis"),
            "{}",
            o.text
        );
        let o = error(&["plan", "p.ron", "--budget-days", "99999999999"]);
        assert!(
            o.text
                .contains("nombre trop grand ; donnez un nombre entier de 0 à 4 294 967 295"),
            "{}",
            o.text
        );
        let o = error(&["plan", "p.ron", "--horizon", "douze"]);
        assert!(
            o.text.contains("un nombre entier est attendu"),
            "{}",
            o.text
        );
    }

    #[test]
    fn missing_pieces_are_named() {
        let o = error(&["plan"]);
        assert!(
            o.text
                .starts_with("erreur : argument obligatoire manquant : <PROFIL>"),
            "{}",
            o.text
        );
        let o = error(&["frobnicate"]);
        assert!(
            o.text
                .starts_with("erreur : commande inconnue `frobnicate`"),
            "{}",
            o.text
        );
        let o = error(&["graph", "--depth", "2"]);
        assert!(
            o.text.contains("argument obligatoire manquant"),
            "{}",
            o.text
        );
    }

    #[test]
    fn help_and_version_go_to_standard_output() {
        let o = error(&["--version"]);
        assert_eq!((o.code, o.to_stdout), (0, true));
        assert!(o.text.starts_with("parcours "), "{}", o.text);
        let o = error(&["plan", "--help"]);
        assert_eq!((o.code, o.to_stdout), (0, true));
        assert!(o.text.contains("Utilisation : parcours plan"), "{}", o.text);
    }
}
