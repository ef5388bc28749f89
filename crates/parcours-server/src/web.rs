//! The web app, embedded in the binary: one page (`web/index.html`) and its script
//! (`web/app.js`), no external asset (it works offline), in French. The HR director's path:
//! drop the staff export (`POST /api/v1/import`), see what was recognised, map the unmatched
//! titles with a search as you type (`GET /api/v1/metiers?search=`) and read the export again
//! with that mapping (downloadable, re-used next year); fill in the collectivity; see the plan
//! as the HTML report shows it (`POST /api/v1/plan?format=html`) with a budget control that
//! re-plans as it moves; download the plan in every format and the profile
//! (`POST /api/v1/profile`).
//!
//! The script is inlined into the page and allowed by its hash alone: the policy has no
//! `'unsafe-inline'` for scripts. Styles stay inline (the page's and the report's, shown in a
//! sandboxed frame without scripts).

use crate::reply::Reply;
use std::sync::LazyLock;

/// The page, without its script.
const PAGE: &str = include_str!("web/index.html");

/// The page's script.
pub const SCRIPT: &str = include_str!("web/app.js");

/// The page with its script inlined at the end of its body.
pub static INDEX: LazyLock<String> =
    LazyLock::new(|| PAGE.replacen("</body>", &format!("<script>{SCRIPT}</script>\n</body>"), 1));

/// What the page may load: itself, its script (by hash), the API of the same server, and the
/// report in a frame of its own (`srcdoc`); downloads are `blob:` links it makes.
static POLICY: LazyLock<String> = LazyLock::new(|| {
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; script-src {}; connect-src 'self'; frame-src 'self' about:; img-src 'self' data: blob:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
        parcours_report::html::script_source(SCRIPT)
    )
});

/// The page at `path` (of a GET), if there is one. A page holds no data: it is served
/// without the token, which the page asks for and sends with its API requests.
pub fn page(path: &str) -> Option<Reply> {
    match path {
        "/" | "/index.html" => Some(
            Reply::text("text/html", INDEX.clone())
                .with_header("Content-Security-Policy", POLICY.as_str())
                .with_header("Referrer-Policy", "no-referrer"),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_french_self_contained_and_labelled() {
        assert!(INDEX.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
        for external in ["http://", "https://", "src=\"", "<link"] {
            assert!(!INDEX.contains(external), "external asset: {external}");
        }
        // Every field has its label and its one-sentence explanation, tied by aria-describedby.
        let tags: Vec<&str> = INDEX
            .split("<input ")
            .skip(1)
            .chain(INDEX.split("<select ").skip(1))
            .map(|rest| &rest[..rest.find('>').expect("a closed tag")])
            .collect();
        assert!(tags.len() >= 20, "{tags:?}");
        for tag in tags {
            let id = tag.split("id=\"").nth(1).expect("an id");
            let id = &id[..id.find('"').expect("closed")];
            assert!(
                INDEX.contains(&format!("<label for=\"{id}\"")),
                "label: {id}"
            );
            let help = if id.starts_with("budget") {
                "budget"
            } else {
                id
            };
            assert!(
                tag.contains(&format!("aria-describedby=\"aide-{help}")),
                "help: {id}"
            );
            assert!(
                INDEX.contains(&format!("<p class=\"aide\" id=\"aide-{help}\">")),
                "{id}"
            );
        }
        assert!(INDEX.contains("rien n'est écrit sur le disque"));
        assert!(INDEX.contains("@media print"));
        assert_eq!(INDEX.matches("<script>").count(), 1);
        assert!(page("/").is_some() && page("/autre").is_none());
    }

    #[test]
    fn the_policy_allows_the_script_by_its_hash_only() {
        let reply = page("/").expect("the page");
        let policy = &reply
            .headers
            .iter()
            .find(|(k, _)| k == "Content-Security-Policy")
            .expect("a policy")
            .1;
        let scripts = policy
            .split("; ")
            .find(|d| d.starts_with("script-src "))
            .expect("script-src");
        assert!(scripts.starts_with("script-src 'sha256-"), "{scripts}");
        assert!(!scripts.contains("unsafe-inline"));
        assert!(INDEX.contains(&format!("<script>{SCRIPT}</script>")));
    }
}
