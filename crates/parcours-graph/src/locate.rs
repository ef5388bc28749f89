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
    /// Length of the located value on its line, in characters (at least 1, at most 1,000).
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
    Locator::new(text).locate(path)
}

/// Like [`locate`], but falls back to the longest prefix of the path that exists, and to the
/// start of the file when nothing does.
pub fn locate_nearest(text: &str, path: &str) -> Location {
    Locator::new(text).locate_nearest(path)
}

/// A text prepared for locating many problems in it, each at a cost that does not grow with
/// the number of problems: the places of the paths already walked are kept (paths sharing a
/// prefix are not walked again from the start of the text; a list's elements are counted on
/// from the last one found), and positions become lines and columns through a sparse index of
/// the text built on first use (one entry per 4 KiB: a long line is not scanned again for each
/// problem on it).
pub struct Locator<'a> {
    text: &'a str,
    /// Byte offset of the value at a path, or `None` when the path does not exist.
    walked: rustc_hash::FxHashMap<String, Option<usize>>,
    /// Per list (by path): its closing byte, and the index and offset of the last element found.
    lists: rustc_hash::FxHashMap<String, (u8, usize, usize)>,
    index: std::cell::OnceCell<Vec<Block>>,
}

/// Bytes per entry of a [`Locator`]'s index.
const BLOCK: usize = 4096;

/// Where a block of the text starts: lines ended before it, and characters since the last line
/// start.
#[derive(Clone, Copy)]
struct Block {
    newlines: usize,
    col: usize,
}

/// Longest value measured for [`Location::len`], in characters (a caret under more is cut
/// anyway).
const MAX_LEN: usize = 1_000;

/// Characters shown on each side of a problem's column in [`Diagnostic::line_text`]
/// (minified files are one line).
///
/// [`Diagnostic::line_text`]: crate::diagnostic::Diagnostic::line_text
pub const WINDOW: usize = 60;

fn is_char_start(b: u8) -> bool {
    b & 0xC0 != 0x80
}

fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| is_char_start(**b)).count()
}

impl<'a> Locator<'a> {
    /// Prepares `text` (nothing is computed before the first question).
    pub fn new(text: &'a str) -> Self {
        Locator {
            text,
            walked: Default::default(),
            lists: Default::default(),
            index: std::cell::OnceCell::new(),
        }
    }

    /// The text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Locates the value at `path`, like [`locate`].
    pub fn locate(&mut self, path: &str) -> Option<Location> {
        let start = self.offset_of_path(&parse_path(path))?;
        let mut sc = Scanner::at(self.text, start);
        sc.skip_value()?;
        Some(self.location_of(start, sc.pos))
    }

    /// Locates the value at `path` or its longest existing prefix, like [`locate_nearest`].
    pub fn locate_nearest(&mut self, path: &str) -> Location {
        let segs = parse_path(path);
        for keep in (0..=segs.len()).rev() {
            if let Some(start) = self.offset_of_path(&segs[..keep]) {
                let mut sc = Scanner::at(self.text, start);
                if sc.skip_value().is_some() {
                    return self.location_of(start, sc.pos);
                }
            }
        }
        Location {
            line: 1,
            col: 1,
            len: 1,
        }
    }

    /// Byte offset of the value at `segs`, walking from the nearest place already found.
    fn offset_of_path(&mut self, segs: &[Segment]) -> Option<usize> {
        let key = render_path(segs);
        if let Some(found) = self.walked.get(&key) {
            return *found;
        }
        let found = match segs.split_last() {
            None => {
                let mut sc = Scanner::at(self.text, 0);
                sc.skip_trivia();
                Some(sc.pos)
            }
            Some((last, parent)) => self.offset_of_path(parent).and_then(|at| {
                let mut sc = Scanner::at(self.text, at);
                match last {
                    Segment::Field(name) => sc.enter_field(name).map(|()| sc.pos),
                    Segment::Index(n) => {
                        let parent_key = render_path(parent);
                        let (close, from, pos) = match self.lists.get(&parent_key) {
                            Some(&(close, i, pos)) if i <= *n => (close, i, pos),
                            _ => (sc.open_list()?, 0, sc.pos),
                        };
                        sc.pos = pos;
                        sc.seek_element(close, from, *n)?;
                        self.lists.insert(parent_key, (close, *n, sc.pos));
                        Some(sc.pos)
                    }
                }
            }),
        };
        self.walked.insert(key, found);
        found
    }

    fn index(&self) -> &[Block] {
        self.index.get_or_init(|| {
            let s = self.text.as_bytes();
            let mut blocks = Vec::with_capacity(s.len() / BLOCK + 1);
            let (mut newlines, mut col) = (0, 0);
            for chunk in s.chunks(BLOCK) {
                blocks.push(Block { newlines, col });
                match chunk.iter().rposition(|b| *b == b'\n') {
                    Some(last) => {
                        newlines += chunk.iter().filter(|b| **b == b'\n').count();
                        col = chars_in(&chunk[last + 1..]);
                    }
                    None => col += chars_in(chunk),
                }
            }
            blocks
        })
    }

    /// Converts a byte range to a 1-based line and character column, clamped inside the text;
    /// the length is the value's on its first line (at most 1,000 characters).
    pub fn location_of(&self, start: usize, end: usize) -> Location {
        let text = self.text;
        let start = floor_char_boundary(text, start.min(text.len()));
        let block = start / BLOCK;
        let (mut line, mut col) = match self.index().get(block) {
            Some(b) => (b.newlines + 1, b.col + 1),
            None => (1, 1),
        };
        let from = (block * BLOCK).min(start);
        let before = &text.as_bytes()[from..start];
        match before.iter().rposition(|b| *b == b'\n') {
            Some(last) => {
                line += before.iter().filter(|b| **b == b'\n').count();
                col = chars_in(&before[last + 1..]) + 1;
            }
            None => col += chars_in(before),
        }
        // At most MAX_LEN + 1 characters of the value are looked at (4 bytes each at most).
        let end = end.clamp(start, text.len()).min(start + 4 * (MAX_LEN + 1));
        let value = &text[start..floor_char_boundary(text, end)];
        let first_line = value.split('\n').next().unwrap_or("");
        let len = first_line.trim_end().chars().count().clamp(1, MAX_LEN);
        Location { line, col, len }
    }

    /// Byte offset where 1-based line `line` starts, or `None` when the text has no such line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        let s = self.text.as_bytes();
        let wanted = line.checked_sub(1)?; // newlines before the line
        let blocks = self.index();
        // The last block starting with fewer newlines than wanted holds the line's start.
        let b = blocks
            .partition_point(|b| b.newlines < wanted)
            .saturating_sub(1);
        let mut pos = b * BLOCK;
        let mut seen = blocks.get(b).map_or(0, |b| b.newlines);
        while seen < wanted {
            let next = s[pos..].iter().position(|c| *c == b'\n')?;
            pos += next + 1;
            seen += 1;
        }
        (pos < s.len()).then_some(pos)
    }

    /// Byte offset of a 1-based line and character column (the column clamped to the line's
    /// end), or `None` when the text has no such line.
    pub fn offset_of(&self, line: usize, col: usize) -> Option<usize> {
        let s = self.text.as_bytes();
        let start = self.line_start(line)?;
        let wanted = col.saturating_sub(1); // characters before the column
        // Skip the blocks wholly inside the line before the column.
        let blocks = self.index();
        let first = start / BLOCK + 1;
        let skip = blocks[first.min(blocks.len())..]
            .partition_point(|b| b.newlines == line - 1 && b.col <= wanted);
        let (mut pos, mut seen) = match skip {
            0 => (start, 0),
            k => {
                let b = first + k - 1;
                (b * BLOCK, blocks[b].col)
            }
        };
        while pos < s.len() && s[pos] != b'\n' {
            if is_char_start(s[pos]) {
                if seen == wanted {
                    break;
                }
                seen += 1;
            }
            pos += 1;
        }
        Some(pos)
    }

    /// The line at 1-based `location`, whole when short, else a window of [`WINDOW`]
    /// characters on each side of the column with `…` where it is cut; and the 1-based column
    /// of the location in it. Empty when the text has no such line.
    pub fn line_window(&self, location: Location) -> (String, usize) {
        let Some(at) = self.offset_of(location.line, location.col) else {
            return (String::new(), location.col);
        };
        let s = self.text.as_bytes();
        // Back to at most WINDOW characters before, within the line.
        let mut start = at;
        let mut before = 0;
        while before < WINDOW && start > 0 && s[start - 1] != b'\n' {
            start -= 1;
            if is_char_start(s[start]) {
                before += 1;
            }
        }
        let cut_before = start > 0 && s[start - 1] != b'\n';
        // On to at most WINDOW characters after the column's, within the line (`str::lines`
        // drops the `\r` of a `\r\n`).
        let line_end = |i: usize| s[i] == b'\n' || (s[i] == b'\r' && s.get(i + 1) == Some(&b'\n'));
        let mut end = at;
        let mut after = 0;
        while end < s.len() && !line_end(end) {
            if is_char_start(s[end]) {
                if after == WINDOW {
                    break;
                }
                after += 1;
            }
            end += 1;
        }
        let cut_after = end < s.len() && !line_end(end);
        let mut window = String::with_capacity(end - start + 6);
        if cut_before {
            window.push('…');
        }
        window.push_str(&self.text[start..end]);
        if cut_after {
            window.push('…');
        }
        (window, before + usize::from(cut_before) + 1)
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
    Locator::new(text).location_of(start, end)
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

impl<'a> Scanner<'a> {
    fn at(text: &'a str, pos: usize) -> Self {
        Scanner {
            s: text.as_bytes(),
            pos,
            depth: 0,
        }
    }

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

    /// Moves just inside the list or tuple at the cursor; returns its closing byte.
    fn open_list(&mut self) -> Option<u8> {
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
        Some(close)
    }

    /// Moves to the start of element `n` of the list closed by `close`, the cursor being
    /// inside it before element `i` (or at its start).
    fn seek_element(&mut self, close: u8, mut i: usize, n: usize) -> Option<()> {
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

    /// The line, column and window of a byte offset, computed the plain way.
    fn naive(text: &str, at: usize) -> (usize, usize, String, usize) {
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = text[start..at].chars().count() + 1;
        let full: Vec<char> = text.lines().nth(line - 1).unwrap_or("").chars().collect();
        let c = (col - 1).min(full.len());
        let (from, to) = (c.saturating_sub(WINDOW), (c + WINDOW).min(full.len()));
        let mut window: String = full[from..to].iter().collect();
        if from > 0 {
            window.insert(0, '…');
        }
        if to < full.len() {
            window.push('…');
        }
        (line, col, window, c - from + usize::from(from > 0) + 1)
    }

    #[test]
    fn the_index_agrees_with_a_plain_count() {
        let mut text = String::new();
        for i in 0..40 {
            let width = [0, 3, 70, 130, 5_000, 9_000][i % 6];
            let c = ['a', 'é', '€', '\t'][i % 4];
            text.extend(std::iter::repeat_n(c, width));
            text.push_str(if i % 5 == 0 { "\r\n" } else { "\n" });
        }
        text.push_str("fin sans saut de ligne");
        let loc = Locator::new(&text);
        let mut checked = 0;
        for at in (0..=text.len())
            .step_by(37)
            .filter(|i| text.is_char_boundary(*i))
        {
            let (line, col, window, window_col) = naive(&text, at);
            let found = loc.location_of(at, at);
            assert_eq!((found.line, found.col), (line, col), "offset {at}");
            assert_eq!(loc.offset_of(line, col), Some(at), "line {line} col {col}");
            assert_eq!(loc.line_window(found), (window, window_col), "offset {at}");
            checked += 1;
        }
        assert!(checked > 1_000);
        assert_eq!(loc.line_start(42), None);
        assert_eq!(
            loc.offset_of(3, 1_000_000),
            loc.line_start(4).map(|s| s - 1)
        );
    }

    #[test]
    fn paths_are_found_from_the_places_already_walked() {
        let mut loc = Locator::new(TEXT);
        for _ in 0..2 {
            for (path, line, col) in [
                ("[1].headcount.year", 9, 45),
                ("[0].prerequisites[1]", 5, 68),
                ("[0].prerequisites[0].competency", 5, 48),
                ("[1].id", 9, 10),
                ("[0].id", 4, 13),
            ] {
                let found = loc.locate(path).unwrap();
                assert_eq!((found.line, found.col), (line, col), "{path}");
                assert_eq!(Some(found), locate(TEXT, path), "{path}");
            }
        }
        assert_eq!(loc.locate("[2]"), None);
        assert_eq!(loc.locate_nearest("[1].absent").line, 9);
    }

    #[test]
    fn never_panics_on_broken_text() {
        for text in ["", "[", "(\"", "[(a: r#\"x", "/* open", "(a: 'x"] {
            let _ = locate_nearest(text, "[0].a");
        }
    }
}
