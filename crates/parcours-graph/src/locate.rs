//! Finds where a field path (`[3].prerequisites[0].competency`) sits in a RON text, so that a
//! validation problem found after parsing can still be reported at `file:line:col`.
//!
//! The scanner understands just enough RON to walk it: structs `Name(key: value, ..)`, tuples,
//! lists, maps, strings (plain and raw), characters, comments and `#![enable(..)]` attributes.

/// One step of a field path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// A named field of a struct (or a key of a map).
    Field(String),
    /// The n-th element of a list or tuple.
    Index(usize),
}

/// A 1-based position in a text, column counted in characters, with the length of the value
/// found there (in characters, limited to the rest of the line).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// Length of the located value on its line, in characters (at least 1).
    pub len: usize,
}

/// Parses a path such as `[3].prerequisites[0].competency` or `competencies[2].min`.
pub fn parse_path(path: &str) -> Vec<Segment> {
    let mut segs = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']').unwrap_or(after.len());
            if let Ok(n) = after[..end].trim().parse() {
                segs.push(Segment::Index(n));
            }
            rest = after.get(end + 1..).unwrap_or("");
        } else if let Some(after) = rest.strip_prefix('.') {
            rest = after;
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            segs.push(Segment::Field(rest[..end].to_owned()));
            rest = &rest[end..];
        }
    }
    segs
}

/// Locates the value at `path` in `text`. Returns `None` when the path does not exist (for
/// example a field that was omitted); callers then fall back to the enclosing record.
pub fn locate(text: &str, path: &str) -> Option<Location> {
    let segs = parse_path(path);
    let mut sc = Scanner {
        s: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    sc.skip_trivia();
    for seg in &segs {
        match seg {
            Segment::Field(name) => sc.enter_field(name)?,
            Segment::Index(n) => sc.enter_index(*n)?,
        }
    }
    let start = sc.pos;
    sc.skip_value()?;
    Some(location_of(text, start, sc.pos))
}

/// Like [`locate`], but falls back to the longest prefix of the path that exists, and to the
/// start of the file when nothing does.
pub fn locate_nearest(text: &str, path: &str) -> Location {
    let segs = parse_path(path);
    for keep in (0..=segs.len()).rev() {
        let prefix = render_path(&segs[..keep]);
        if let Some(loc) = locate(text, &prefix) {
            return loc;
        }
    }
    Location {
        line: 1,
        col: 1,
        len: 1,
    }
}

/// Writes segments back as a path string.
pub fn render_path(segs: &[Segment]) -> String {
    let mut out = String::new();
    for seg in segs {
        match seg {
            Segment::Field(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Segment::Index(n) => {
                out.push('[');
                out.push_str(&n.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// Converts a byte range to a 1-based line and character column, clamped inside the text.
pub fn location_of(text: &str, start: usize, end: usize) -> Location {
    let start = floor_char_boundary(text, start.min(text.len()));
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..start].chars().count() + 1;
    let end = floor_char_boundary(text, end.clamp(start, text.len()));
    let value = &text[start..end];
    let first_line = value.split('\n').next().unwrap_or("");
    let len = first_line.trim_end().chars().count().max(1);
    Location { line, col, len }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Deepest nesting the scanner follows; deeper text is not located (never a stack overflow).
const MAX_DEPTH: usize = 200;

struct Scanner<'a> {
    s: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn skip_trivia(&mut self) {
        loop {
            match self.peek() {
                Some(b) if b.is_ascii_whitespace() => self.pos += 1,
                Some(b'/') if self.s.get(self.pos + 1) == Some(&b'/') => {
                    while let Some(b) = self.peek() {
                        self.pos += 1;
                        if b == b'\n' {
                            break;
                        }
                    }
                }
                Some(b'/') if self.s.get(self.pos + 1) == Some(&b'*') => {
                    self.pos += 2;
                    let mut depth = 1;
                    while depth > 0 && self.pos < self.s.len() {
                        if self.s[self.pos..].starts_with(b"/*") {
                            depth += 1;
                            self.pos += 2;
                        } else if self.s[self.pos..].starts_with(b"*/") {
                            depth -= 1;
                            self.pos += 2;
                        } else {
                            self.pos += 1;
                        }
                    }
                }
                Some(b'#') if self.s.get(self.pos + 1) == Some(&b'!') => {
                    // `#![enable(..)]`
                    while let Some(b) = self.peek() {
                        self.pos += 1;
                        if b == b']' {
                            break;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn is_ident_byte(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
    }

    fn skip_ident(&mut self) -> &[u8] {
        let start = self.pos;
        while self.peek().is_some_and(Self::is_ident_byte) {
            self.pos += 1;
        }
        &self.s[start..self.pos]
    }

    fn skip_string(&mut self) -> Option<()> {
        // at the opening quote
        self.pos += 1;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'"' => return Some(()),
                _ => {}
            }
        }
        None
    }

    fn skip_raw_string(&mut self) -> Option<()> {
        // at `r`
        self.pos += 1;
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.pos += 1;
        }
        if self.peek() != Some(b'"') {
            return None;
        }
        self.pos += 1;
        let mut closing = vec![b'"'];
        closing.extend(std::iter::repeat_n(b'#', hashes));
        while self.pos < self.s.len() {
            if self.s[self.pos..].starts_with(&closing) {
                self.pos += closing.len();
                return Some(());
            }
            self.pos += 1;
        }
        None
    }

    fn skip_group(&mut self, close: u8) -> Option<()> {
        // at the opening bracket
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let r = self.skip_group_inner(close);
        self.depth -= 1;
        r
    }

    fn skip_group_inner(&mut self, close: u8) -> Option<()> {
        self.pos += 1;
        loop {
            self.skip_trivia();
            match self.peek()? {
                b if b == close => {
                    self.pos += 1;
                    return Some(());
                }
                b',' | b':' => self.pos += 1,
                _ => self.skip_value()?,
            }
        }
    }

    /// Skips one value; `pos` ends just after it.
    fn skip_value(&mut self) -> Option<()> {
        self.skip_trivia();
        match self.peek()? {
            b'"' => self.skip_string(),
            b'r' if matches!(self.s.get(self.pos + 1), Some(b'"' | b'#')) => self.skip_raw_string(),
            b'b' if self.s.get(self.pos + 1) == Some(&b'"') => {
                self.pos += 1;
                self.skip_string()
            }
            b'\'' => {
                self.pos += 1;
                while let Some(b) = self.peek() {
                    self.pos += 1;
                    match b {
                        b'\\' => self.pos += 1,
                        b'\'' => return Some(()),
                        _ => {}
                    }
                }
                None
            }
            b'(' => self.skip_group(b')'),
            b'[' => self.skip_group(b']'),
            b'{' => self.skip_group(b'}'),
            b if Self::is_ident_byte(b) || b == b'-' || b == b'+' || b == b'.' => {
                if b == b'-' || b == b'+' {
                    self.pos += 1;
                }
                self.skip_ident();
                // numbers like 1.5e3 or 0x1F: keep eating number-ish bytes
                while matches!(self.peek(), Some(b'.')) {
                    self.pos += 1;
                    self.skip_ident();
                }
                let save = self.pos;
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    self.skip_group(b')')
                } else {
                    self.pos = save;
                    Some(())
                }
            }
            _ => None,
        }
    }

    /// Moves into the field `name` of the struct (or map) at the cursor.
    fn enter_field(&mut self, name: &str) -> Option<()> {
        self.skip_trivia();
        if self.peek().is_some_and(Self::is_ident_byte) {
            self.skip_ident();
            self.skip_trivia();
        }
        let close = match self.peek()? {
            b'(' => b')',
            b'{' => b'}',
            _ => return None,
        };
        self.pos += 1;
        let inner_start = self.pos;
        loop {
            self.skip_trivia();
            match self.peek()? {
                b if b == close => return None,
                b',' => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let key_start = self.pos;
            let key: Vec<u8> = if self.peek() == Some(b'"') {
                self.skip_string()?;
                self.s[key_start + 1..self.pos - 1].to_vec()
            } else {
                self.skip_ident().to_vec()
            };
            self.skip_trivia();
            if self.peek() != Some(b':') || key.is_empty() {
                // a tuple or newtype (e.g. `Some(..)`): look inside its single value
                self.pos = inner_start;
                self.skip_trivia();
                if self.depth >= MAX_DEPTH {
                    return None;
                }
                self.depth += 1;
                return self.enter_field(name);
            }
            self.pos += 1;
            self.skip_trivia();
            if key == name.as_bytes() {
                return Some(());
            }
            self.skip_value()?;
        }
    }

    /// Moves into the n-th element of the list or tuple at the cursor.
    fn enter_index(&mut self, n: usize) -> Option<()> {
        self.skip_trivia();
        if self.peek().is_some_and(Self::is_ident_byte) {
            self.skip_ident();
            self.skip_trivia();
        }
        let close = match self.peek()? {
            b'[' => b']',
            b'(' => b')',
            _ => return None,
        };
        self.pos += 1;
        let mut i = 0;
        loop {
            self.skip_trivia();
            match self.peek()? {
                b if b == close => return None,
                b',' => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            if i == n {
                return Some(());
            }
            self.skip_value()?;
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r##"// header
[
    (
        id: "a",
        prerequisites: [Competency(competency: "x", level: Socle), Module("b")],
        year5: Socle,
        note: r#"raw "quoted" text"#,
    ),
    (id: "b", headcount: (agents: 12, year: 2020)),
]
"##;

    #[test]
    fn finds_fields_and_indexes() {
        let loc = locate(TEXT, "[0].id").unwrap();
        assert_eq!((loc.line, loc.col, loc.len), (4, 13, 3));
        let loc = locate(TEXT, "[0].prerequisites[1]").unwrap();
        assert_eq!((loc.line, loc.col), (5, 68));
        let loc = locate(TEXT, "[0].prerequisites[0].competency").unwrap();
        assert_eq!((loc.line, loc.col, loc.len), (5, 48, 3));
        let loc = locate(TEXT, "[1].headcount.year").unwrap();
        assert_eq!((loc.line, loc.col, loc.len), (9, 45, 4));
    }

    #[test]
    fn missing_paths_fall_back_to_the_record() {
        assert_eq!(locate(TEXT, "[0].absent"), None);
        let loc = locate_nearest(TEXT, "[1].absent");
        assert_eq!((loc.line, loc.col), (9, 5));
        let loc = locate_nearest(TEXT, "[7].id");
        assert_eq!((loc.line, loc.col), (2, 1));
    }

    #[test]
    fn path_round_trip() {
        let p = "competencies[2].levels[0].meaning";
        assert_eq!(render_path(&parse_path(p)), p);
    }

    #[test]
    fn never_panics_on_broken_text() {
        for text in ["", "[", "(\"", "[(a: r#\"x", "/* open", "(a: 'x"] {
            let _ = locate_nearest(text, "[0].a");
        }
    }
}
