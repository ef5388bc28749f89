//! `multipart/form-data` bodies (RFC 7578), as a browser's form sends a file: the parts, their
//! names and file names, borrowed from the body (nothing copied, nothing written to disk).

/// One part of a form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part<'a> {
    /// The form field's name.
    pub name: String,
    /// The file's name, for a file.
    pub filename: Option<String>,
    /// Its content.
    pub body: &'a [u8],
}

/// The boundary of a `multipart/form-data` media type, or `None` for any other type.
pub fn boundary(content_type: Option<&str>) -> Option<String> {
    let t = content_type?;
    let (kind, params) = t.split_once(';').unwrap_or((t, ""));
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let b = params
        .split(';')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim().trim_matches('"').to_owned())
        .unwrap_or_default();
    Some(b)
}

/// The parts of a form body whose boundary is `boundary`; a French message when the body is
/// not such a form.
pub fn parts<'a>(body: &'a [u8], boundary: &str) -> Result<Vec<Part<'a>>, String> {
    let bad = |m: &str| format!("formulaire illisible : {m}");
    if boundary.is_empty() || boundary.len() > 70 {
        return Err(bad("la limite (boundary) manque ou dépasse 70 caractères"));
    }
    let delimiter = format!("--{boundary}").into_bytes();
    let Some(first) = find(body, &delimiter, 0) else {
        return Err(bad("aucune partie"));
    };
    let mut at = first + delimiter.len();
    let mut out = Vec::new();
    loop {
        if body[at..].starts_with(b"--") {
            return Ok(out);
        }
        at = skip_line_end(body, at).ok_or_else(|| bad("limite mal terminée"))?;
        let head_end =
            find(body, b"\r\n\r\n", at).ok_or_else(|| bad("en-têtes d'une partie sans fin"))?;
        let head = String::from_utf8_lossy(&body[at..head_end]);
        let content = head_end + 4;
        let mut next_delim = b"\r\n".to_vec();
        next_delim.extend_from_slice(&delimiter);
        let end =
            find(body, &next_delim, content).ok_or_else(|| bad("partie sans limite finale"))?;
        let (name, filename) =
            disposition(&head).ok_or_else(|| bad("partie sans nom (Content-Disposition)"))?;
        out.push(Part {
            name,
            filename,
            body: &body[content..end],
        });
        at = end + next_delim.len();
    }
}

fn skip_line_end(body: &[u8], at: usize) -> Option<usize> {
    body[at..].starts_with(b"\r\n").then_some(at + 2)
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// The `name` and `filename` of a part's `Content-Disposition: form-data` header.
fn disposition(head: &str) -> Option<(String, Option<String>)> {
    let line = head.lines().find(|l| {
        l.split_once(':')
            .is_some_and(|(k, _)| k.trim().eq_ignore_ascii_case("content-disposition"))
    })?;
    let (_, value) = line.split_once(':')?;
    let mut name = None;
    let mut filename = None;
    for p in value.split(';').skip(1) {
        if let Some((k, v)) = p.trim().split_once('=') {
            let v = v.trim().trim_matches('"').to_owned();
            match k.trim() {
                "name" => name = Some(v),
                "filename" => filename = Some(v),
                _ => {}
            }
        }
    }
    Some((name?, filename))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_form_is_split_into_its_parts() {
        let t = Some("multipart/form-data; boundary=\"XyZ\"");
        assert_eq!(boundary(t).as_deref(), Some("XyZ"));
        assert_eq!(boundary(Some("text/csv")), None);
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"export\"; filename=\"agents.csv\"\r\nContent-Type: text/csv\r\n\r\nEmploi;Effectif\r\nJardinier;3\r\n--XyZ\r\nContent-Disposition: form-data; name=\"mapping\"\r\n\r\n\r\n--XyZ--\r\n";
        let p = parts(body, "XyZ").unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].name, "export");
        assert_eq!(p[0].filename.as_deref(), Some("agents.csv"));
        assert_eq!(p[0].body, b"Emploi;Effectif\r\nJardinier;3");
        assert_eq!(p[1].name, "mapping");
        assert_eq!(p[1].body, b"");
        assert!(parts(b"garbage", "XyZ").is_err());
        assert!(parts(b"--XyZ\r\nno end", "XyZ").is_err());
    }
}
