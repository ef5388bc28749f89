//! The web app's pages, embedded in the binary: HTML, CSS and the little JavaScript they need,
//! no external asset (it works offline), in French. The first page reads a staff export through
//! `POST /api/v1/import` and shows what was recognised and the unmatched titles, maps each one
//! with a search as you type (`GET /api/v1/metiers?search=`) and reads the export again with
//! the mapping built on the page.

use crate::reply::Reply;

/// The first page: drop a staff export, see what was recognised.
pub const INDEX: &str = include_str!("web/index.html");

/// What the pages may load: only themselves and the API of the same server.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/// The page at `path` (of a GET), if there is one. A page holds no data: it is served
/// without the token, which the page asks for and sends with its API requests.
pub fn page(path: &str) -> Option<Reply> {
    match path {
        "/" | "/index.html" => Some(
            Reply::text("text/html", INDEX.to_owned())
                .with_header("Content-Security-Policy", POLICY)
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
        for id in ["export", "mapping", "pix", "jeton"] {
            assert!(INDEX.contains(&format!("<label for=\"{id}\">")), "{id}");
            assert!(INDEX.contains(&format!("id=\"{id}\"")), "{id}");
        }
        assert!(INDEX.contains("rien n'est écrit sur le disque"));
        assert!(page("/").is_some() && page("/autre").is_none());
    }
}
