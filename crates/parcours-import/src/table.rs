//! A staff export as a table of cells, each with its place in the file: a CSV (`,`, `;` or
//! tab; UTF-8 with or without byte-order mark, UTF-16 with one, or Windows-1252; LF, CRLF or CR
//! line endings) or the first sheet of a workbook (`.xlsx`, `.xls`, `.ods`), or a named one.
//!
//! A diagnostic about a cell quotes that cell only, never its row: a row of an HR export holds
//! names and birth dates ([`Table::at`]).

use parcours_graph::diagnostic::{Diagnostic, french_number, quoted};
use parcours_graph::locate::Location;
use parcours_planner::profile::limits;

/// One row of the table: its line in the file (its row in a sheet), and its cells with their
/// columns (1-based).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// The line of the file (or the row of the sheet) where the row starts.
    pub line: usize,
    /// The cells, trimmed.
    pub cells: Vec<String>,
    /// The column where each cell starts (characters in a CSV line, the column of a sheet).
    pub cols: Vec<usize>,
}

impl Row {
    /// The cell `i` (empty when the row is shorter).
    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", String::as_str)
    }

    /// Each cell's key by `key` (a header compared to known names), or empty for a cell longer
    /// than `max` characters (no known name is that long).
    pub fn keys(&self, max: usize, key: impl Fn(&str) -> String) -> Vec<String> {
        self.cells
            .iter()
            .map(|h| {
                if h.chars().count() <= max {
                    key(h)
                } else {
                    String::new()
                }
            })
            .collect()
    }

    /// The column of cell `i` (after the last cell when the row is shorter).
    pub fn col(&self, i: usize) -> usize {
        match self.cols.get(i) {
            Some(&c) => c,
            None => self.cols.last().map_or(1, |c| c + 1),
        }
    }
}

/// A staff export read as a table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The file as named in diagnostics: its path, and for a workbook the sheet
    /// (`export.xlsx, feuille « Agents »`).
    pub file: String,
    /// True for a sheet of a workbook (diagnostics also name the cell, `C14`).
    pub sheet: bool,
    /// The header row.
    pub header: Row,
    /// The rows under it, blank ones left out.
    pub rows: Vec<Row>,
    /// What the user should know about the reading (an encoding guessed), in French.
    pub notes: Vec<String>,
}

/// The name of a spreadsheet column (`A`, `Z`, `AA`…) of 1-based number `col`.
pub fn column_letters(col: usize) -> String {
    let mut n = col.max(1);
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl Table {
    /// A diagnostic at `line` and `col` that shows `cell` (`None`: shows nothing, for a cell
    /// of personal data or a whole row). In a sheet, the message ends with the cell's name.
    pub fn at(&self, line: usize, col: usize, cell: Option<&str>, message: String) -> Diagnostic {
        let shown = cell.map(|c| quoted(c).into_owned()).unwrap_or_default();
        let message = if self.sheet {
            format!("{message} (cellule {}{line})", column_letters(col))
        } else {
            message
        };
        let mut d = Diagnostic::at_location(
            self.file.clone(),
            "",
            Location {
                line: line.max(1),
                col: col.max(1),
                len: shown.chars().count().max(1),
            },
            message,
        );
        d.line_text = shown;
        d.line_col = 1;
        d
    }

    /// A diagnostic at cell `i` of `row`, showing the cell unless `personal`.
    pub fn at_cell(&self, row: &Row, i: usize, personal: bool, message: String) -> Diagnostic {
        let cell = (!personal).then(|| row.cell(i));
        self.at(row.line, row.col(i), cell, message)
    }
}

/// What kind of file the bytes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text: a CSV.
    Csv,
    /// A workbook (zip: `.xlsx`, `.ods`; compound file: `.xls`).
    Workbook,
}

/// The kind of `bytes`, by their first bytes, then by the file name's extension.
pub fn detect(name: &str, bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Kind::Workbook;
    }
    let lower = name.to_lowercase();
    if [".xlsx", ".xlsm", ".xls", ".ods"]
        .iter()
        .any(|e| lower.ends_with(e))
        && bytes.contains(&0)
    {
        return Kind::Workbook;
    }
    Kind::Csv
}

/// Reads `bytes` (the file `file`) as a table: a workbook's sheet (`sheet`, or the first), or
/// a CSV.
pub fn read(file: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Table, Vec<Diagnostic>> {
    match detect(file, bytes) {
        Kind::Workbook => read_workbook(file, bytes, sheet),
        Kind::Csv => {
            if let Some(s) = sheet {
                let t = Table {
                    file: file.to_owned(),
                    ..Table::default()
                };
                return Err(vec![t.at(
                    1,
                    1,
                    None,
                    format!(
                        "--sheet {} : ce fichier est un CSV, il n'a pas de feuilles",
                        quoted(s)
                    ),
                )]);
            }
            let (text, note) = decode(file, bytes);
            let mut t = read_csv(file, &text)?;
            t.notes.extend(note);
            Ok(t)
        }
    }
}

/// The text of a CSV file and, when it was not UTF-8, a note that says how it was read.
pub fn decode(file: &str, bytes: &[u8]) -> (String, Option<String>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF")
        && let Ok(s) = std::str::from_utf8(rest)
    {
        return (s.to_owned(), None);
    }
    for (bom, enc, name) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "UTF-16"),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "UTF-16"),
    ] {
        if bytes.starts_with(bom) {
            let (text, _, _) = enc.decode(bytes);
            return (
                text.into_owned(),
                Some(format!(
                    "note : {file} est en {name} (« texte Unicode » d'Excel) : il est lu comme tel"
                )),
            );
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), None),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (
                text.into_owned(),
                Some(format!(
                    "note : {file} n'est pas en UTF-8 : il est lu en Windows-1252, l'encodage des CSV qu'Excel enregistre par défaut ; vérifiez les accents des intitulés dans le résultat"
                )),
            )
        }
    }
}

/// The separator of a CSV: the one of `;`, tab and `,` that the header holds most often
/// outside quotes (`,` when none).
fn separator(header: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let seps = [b';', b'\t', b','];
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(2);
    if counts[best] == 0 { b',' } else { seps[best] }
}

/// The columns (1-based characters) where the fields of the line starting at byte `start` of
/// `text` begin, for `n` fields.
fn field_cols(text: &str, start: usize, sep: u8, n: usize) -> Vec<usize> {
    let mut cols = Vec::with_capacity(n);
    cols.push(1);
    let mut quoted = false;
    let mut col = 1;
    for c in text.get(start..).unwrap_or("").chars() {
        if cols.len() >= n || (c == '\n' && !quoted) {
            break;
        }
        col += 1;
        if c == '"' {
            quoted = !quoted;
        } else if !quoted && c.is_ascii() && c as u8 == sep {
            cols.push(col);
        }
    }
    while cols.len() < n {
        cols.push(col + 1);
    }
    cols
}

/// Reads a CSV text: lines end with LF, CRLF or CR.
pub fn read_csv(file: &str, text: &str) -> Result<Table, Vec<Diagnostic>> {
    read_csv_with_comments(file, text, false)
}

/// Reads a CSV text; with `comments`, lines starting with `#` are left out.
pub fn read_csv_with_comments(
    file: &str,
    text: &str,
    comments: bool,
) -> Result<Table, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // One line ending for all: CR-only files (old Mac Excel) and CRLF get their true line
    // numbers.
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    };
    let mut table = Table {
        file: file.to_owned(),
        ..Table::default()
    };
    let max = limits::MAX_CSV_LINE;
    if let Some((i, _)) = text
        .split('\n')
        .enumerate()
        .find(|(_, l)| l.len() > max && l.chars().count() > max)
    {
        let max = french_number(max);
        return Err(vec![table.at(
            i + 1,
            limits::MAX_CSV_LINE + 1,
            None,
            format!("ligne de plus de {max} caractères : la limite est de {max}"),
        )]);
    }
    let first = text
        .split('\n')
        .find(|l| !(l.trim().is_empty() || comments && l.starts_with('#')))
        .unwrap_or("");
    let sep = separator(first);
    // The csv reader's line numbers skip blank lines: lines are found from byte offsets.
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |byte: u64| starts.partition_point(|&s| s as u64 <= byte).max(1);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .comment(comments.then_some(b'#'))
        .from_reader(text.as_bytes());
    let mut rec = csv::StringRecord::new();
    let mut rows = Vec::new();
    loop {
        match reader.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(1, |p| line_of(p.byte()));
                return Err(vec![table.at(
                    line,
                    1,
                    None,
                    "ligne illisible : un guillemet ouvert n'est pas refermé, ou la ligne n'est pas du texte".into(),
                )]);
            }
        }
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // The reader's position is where it started reading: before the blank lines it skipped.
        let mut start = rec.position().map_or(0, |p| p.byte() as usize);
        while text.as_bytes().get(start) == Some(&b'\n') {
            start += 1;
        }
        let line = line_of(start as u64);
        let row = Row {
            line,
            cells: rec.iter().map(|c| c.trim().to_owned()).collect(),
            cols: field_cols(&text, start, sep, rec.len()),
        };
        if rows.len() as u64 > limits::MAX_TOTAL_AGENTS {
            return Err(vec![too_many_rows(&table, line)]);
        }
        rows.push(row);
    }
    // An odd number of quotes: one was opened and never closed, and the reader took the rest
    // of the file as one cell. Said where that cell starts, rather than as what follows.
    if text.matches('"').count() % 2 == 1
        && let Some(row) = rows.last()
    {
        let i = row.cells.iter().position(|c| c.contains('\n')).unwrap_or(0);
        return Err(vec![table.at(
            row.line,
            row.col(i),
            None,
            "un guillemet ouvert ici n'est jamais refermé : la suite du fichier serait lue comme une seule cellule".into(),
        )
        .with_help("refermez le guillemet, ou retirez-le")]);
    }
    split_header(&mut table, rows);
    Ok(table)
}

/// The problem of a file of more rows than a profile has agents.
fn too_many_rows(table: &Table, line: usize) -> Diagnostic {
    let max = french_number(limits::MAX_TOTAL_AGENTS as usize);
    table.at(
        line,
        1,
        None,
        format!("plus de {max} lignes : la limite est de {max}"),
    )
}

/// Puts the header in place: the first row of two cells or more among the first twenty (a
/// title line above the table, « Extraction du … au 31/12 », is left out, with a note), or the
/// first row when none has two.
fn split_header(table: &mut Table, mut rows: Vec<Row>) {
    let filled = |r: &Row| r.cells.iter().filter(|c| !c.is_empty()).count();
    let at = rows
        .iter()
        .take(20)
        .position(|r| filled(r) >= 2)
        .unwrap_or(0);
    if at > 0 {
        table.notes.push(format!(
            "note : {at} ligne{s} au-dessus de l'en-tête laissée{s} de côté (titre du tableau)",
            s = if at > 1 { "s" } else { "" }
        ));
    }
    let mut rest = rows.split_off(at);
    if rest.is_empty() {
        return;
    }
    table.header = rest.remove(0);
    table.rows = rest;
}

/// The text of a workbook cell.
fn cell_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "oui" } else { "non" }.to_owned(),
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Reads a sheet of a workbook: `sheet`, or the first.
fn read_workbook(file: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Table, Vec<Diagnostic>> {
    use calamine::Reader;
    let plain = Table {
        file: file.to_owned(),
        ..Table::default()
    };
    // calamine's own words (English, about zip entries and XML) would not help the user.
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|_| {
        vec![plain.at(
            1,
            1,
            None,
            "le classeur ne peut pas être lu : fichier abîmé, protégé par un mot de passe ou d'un autre format ; enregistrez-le de nouveau depuis Excel ou LibreOffice, ou exportez la feuille en CSV".into(),
        )]
    })?;
    let names = book.sheet_names();
    let name = match sheet {
        None => names.first().cloned(),
        Some(s) => names.iter().find(|n| n.trim() == s.trim()).cloned(),
    };
    let Some(name) = name else {
        let list = names
            .iter()
            .map(|n| format!("« {} »", quoted(n)))
            .collect::<Vec<_>>()
            .join(", ");
        let message = match sheet {
            Some(s) => format!("le classeur n'a pas de feuille « {} »", quoted(s)),
            None => "le classeur n'a aucune feuille".into(),
        };
        return Err(vec![plain.at(1, 1, None, message).with_help(format!(
            "ses feuilles : {list} ; choisissez-en une avec --sheet NOM"
        ))]);
    };
    let mut table = Table {
        file: format!("{file}, feuille « {name} »"),
        sheet: true,
        ..Table::default()
    };
    let range = book.worksheet_range(&name).map_err(|_| {
        vec![table.at(
            1,
            1,
            None,
            "la feuille ne peut pas être lue : enregistrez le classeur de nouveau, ou exportez la feuille en CSV".into(),
        )]
    })?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (r, cells) in range.rows().enumerate() {
        let texts: Vec<String> = cells.iter().map(cell_text).collect();
        if texts.iter().all(String::is_empty) {
            continue;
        }
        let line = row0 as usize + r + 1;
        if rows.len() as u64 > limits::MAX_TOTAL_AGENTS {
            return Err(vec![too_many_rows(&table, line)]);
        }
        rows.push(Row {
            line,
            cols: (0..texts.len()).map(|c| col0 as usize + c + 1).collect(),
            cells: texts,
        });
    }
    split_header(&mut table, rows);
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_line_endings_and_columns() {
        for (text, sep) in [
            ("Nom;Métier\nA;atsem\n\nB;cuisinier\n", ";"),
            ("Nom,Métier\r\nA,atsem\r\n\r\nB,cuisinier\r\n", ","),
            ("Nom\tMétier\rA\tatsem\r\rB\tcuisinier\r", "tab"),
        ] {
            let t = read_csv("x.csv", text).expect(sep);
            assert_eq!(t.header.cells, ["Nom", "Métier"], "{sep}");
            assert_eq!(t.rows.len(), 2, "{sep}");
            assert_eq!(t.rows[1].line, 4, "{sep}: the blank line counts");
            assert_eq!(t.rows[1].cols, [1, 3], "{sep}");
            assert_eq!(t.rows[1].cell(1), "cuisinier");
        }
        let t = read_csv("x.csv", "a;\"b;c\";d\n1;\"x;y\";z\n").expect("quoted");
        assert_eq!(t.rows[0].cols, [1, 3, 9]);
        assert_eq!(t.rows[0].cell(1), "x;y");
    }

    #[test]
    fn encodings_are_detected_and_said() {
        let (t, note) = decode("x.csv", b"\xEF\xBB\xBFM\xC3\xA9tier\n");
        assert_eq!((t.as_str(), note), ("Métier\n", None));
        let (t, note) = decode("x.csv", b"M\xE9tier;Fonction\nJardini\xE8re\n");
        assert_eq!(t, "Métier;Fonction\nJardinière\n");
        assert!(note.expect("a note").contains("Windows-1252"));
        let (t, note) = decode("x.csv", b"\xFF\xFEM\x00\xE9\x00\n\x00");
        assert_eq!(t.trim_start_matches('\u{feff}'), "Mé\n");
        assert!(note.expect("a note").contains("UTF-16"));
    }

    #[test]
    fn a_diagnostic_quotes_the_cell_only() {
        let t = read_csv("x.csv", "Nom;Métier\nDupont;astronaute\n").expect("csv");
        let d = t.at_cell(&t.rows[0], 1, false, "inconnu".into());
        assert_eq!((d.location.line, d.location.col), (2, 8));
        assert_eq!(d.line_text, "astronaute");
        let d = t.at_cell(&t.rows[0], 0, true, "personnel".into());
        assert_eq!(d.line_text, "");
        assert_eq!(column_letters(3), "C");
        assert_eq!(column_letters(28), "AB");
    }

    #[test]
    fn a_workbook_sheet_is_read_with_its_cells() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("Agents").expect("name");
        sheet.write(2, 1, "Métier").expect("cell");
        sheet.write(2, 2, "Effectif").expect("cell");
        sheet.write(3, 1, "Jardinier").expect("cell");
        sheet.write(3, 2, 3).expect("cell");
        let bytes = book.save_to_buffer().expect("xlsx");
        let t = read("export.xlsx", &bytes, None).expect("read");
        assert_eq!(t.file, "export.xlsx, feuille « Agents »");
        assert_eq!(t.header.cells, ["Métier", "Effectif"]);
        assert_eq!((t.rows[0].line, t.rows[0].col(1)), (4, 3));
        assert_eq!(t.rows[0].cell(1), "3");
        let d = t.at_cell(&t.rows[0], 1, false, "effectif".into());
        assert_eq!(d.message, "effectif (cellule C4)");
        let e = read("export.xlsx", &bytes, Some("Feuil2")).unwrap_err();
        assert!(e[0].help.as_deref().unwrap_or("").contains("« Agents »"));
        let e = read("export.csv", b"a;b\n", Some("Agents")).unwrap_err();
        assert!(e[0].message.contains("--sheet"));
    }
}
