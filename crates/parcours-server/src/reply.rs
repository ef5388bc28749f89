//! What a handler answers: a status, a media type, a body and a few headers; independent of
//! the HTTP library, so that handlers are plain functions tested without a socket.

/// An answer to a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Media type of the body.
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
    /// Other headers (name, value).
    pub headers: Vec<(String, String)>,
}

impl Reply {
    /// A reply with a body of `content_type`.
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Self {
        Reply {
            status,
            content_type: content_type.into(),
            body,
            headers: Vec::new(),
        }
    }

    /// 200 with a text body of `content_type` (UTF-8 is said in the media type).
    pub fn text(content_type: &str, text: String) -> Self {
        Reply::new(
            200,
            &format!("{content_type}; charset=utf-8"),
            text.into_bytes(),
        )
    }

    /// 200 with JSON, pretty-printed and ending with a newline, as the command line writes it.
    pub fn json<T: serde::Serialize>(value: &T) -> Self {
        match serde_json::to_string_pretty(value) {
            Ok(mut s) => {
                s.push('\n');
                Reply::new(200, "application/json", s.into_bytes())
            }
            Err(e) => crate::problem::Problem::new(
                500,
                "erreur-interne",
                "Erreur interne",
                format!("le résultat n'a pas pu être écrit en JSON : {e}"),
            )
            .reply(),
        }
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}
