//! Errors as `application/problem+json` (RFC 9457): a status, a French title and detail, and
//! the same diagnostics as the command line (file, line, column, field path, message, help).

use crate::reply::Reply;
use parcours_graph::Diagnostic;
use parcours_graph::diagnostic::french_number;
use serde::Serialize;

/// The media type of a problem.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem answered instead of a result.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Problem {
    /// A URI naming the kind of problem (`urn:parcours:probleme:…`).
    #[serde(rename = "type")]
    pub kind: String,
    /// A short French title of the kind of problem.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What went wrong, in French.
    pub detail: String,
    /// The problems found in the request's body, as the command line reports them.
    // Absent when empty: `default` tells the schema it is optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<serde_json::Value>")]
    pub diagnostics: Vec<Diagnostic>,
    /// For a failed import: what the reading of the export found (recognised and unmatched
    /// job titles), so that the titles can be mapped.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<serde_json::Value>")]
    pub import: Option<serde_json::Value>,
}

impl Problem {
    /// A problem of `status`, of kind `kind` (the end of its URN), with a title and a detail.
    pub fn new(status: u16, kind: &str, title: &str, detail: impl Into<String>) -> Self {
        Problem {
            kind: format!("urn:parcours:probleme:{kind}"),
            title: title.into(),
            status,
            detail: detail.into(),
            diagnostics: Vec::new(),
            import: None,
        }
    }

    /// 422: problems located in the body; `what` names it in French with its article
    /// (« le profil », « l'export »).
    pub fn invalid(diagnostics: Vec<Diagnostic>, what: &str) -> Self {
        let n = parcours_graph::diagnostic::total(&diagnostics);
        let mut p = Problem::new(
            422,
            "donnees-invalides",
            "Données invalides",
            format!(
                "{} problème{} dans {what}",
                french_number(n),
                if n == 1 { "" } else { "s" }
            ),
        );
        p.diagnostics = diagnostics;
        p
    }

    /// 400: a parameter of the request's address is wrong.
    pub fn bad_parameter(name: &str, message: &str) -> Self {
        Problem::new(
            400,
            "parametre-invalide",
            "Paramètre invalide",
            format!("paramètre « {name} » : {message}"),
        )
    }

    /// The problem as a reply.
    pub fn reply(&self) -> Reply {
        let mut body = serde_json::to_vec_pretty(self).unwrap_or_else(|_| b"{}".to_vec());
        body.push(b'\n');
        Reply::new(self.status, PROBLEM_JSON, body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_names_its_count_and_keeps_its_diagnostics() {
        let d = Diagnostic::at_path("profil", "(name: 3)", "name", "un texte est attendu");
        let p = Problem::invalid(vec![d], "le profil");
        assert_eq!(p.status, 422);
        assert_eq!(p.detail, "1 problème dans le profil");
        let r = p.reply();
        assert_eq!(r.content_type, PROBLEM_JSON);
        let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(v["type"], "urn:parcours:probleme:donnees-invalides");
        assert_eq!(v["diagnostics"][0]["path"], "name");
        assert_eq!(v["diagnostics"][0]["location"]["line"], 1);
        assert!(v.get("import").is_none());
    }
}
