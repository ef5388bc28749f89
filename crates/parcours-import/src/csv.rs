//! Converts a CSV of staff into a profile: one row per métier (`metier,headcount`) or one row
//! per agent (`metier` without `headcount`, as HR systems export them), with optional level
//! columns named after competency ids (`socle`, `approfondissement`, `expertise`, `aucun`, or a
//! Pix score 0–8). Rows are aggregated at read time: names, ids and any other per-agent column
//! are never kept, so nothing that names an agent can reach a plan.
//!
//! The separator (`,` or `;`) is detected from the header; a UTF-8 byte-order mark is accepted.

use parcours_graph::diagnostic::{Diagnostic, Problems, french_number, quoted};
use parcours_graph::ids::{CompetencyId, MetierId};
use parcours_graph::locate::{Location, Locator};
use parcours_graph::model::Shares;
use parcours_graph::vocab::{Level, Maturity};
use parcours_graph::{ReferenceData, validate::suggest};
use parcours_planner::profile::{
    Budget, CollectivityKind, CurrentLevel, Profile, StaffLine, limits,
};
use std::collections::BTreeMap;

/// What the CSV does not say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvOptions {
    /// Name of the collectivity.
    pub name: String,
    /// Its kind.
    pub kind: CollectivityKind,
    /// Calendar year of year 1.
    pub first_year: u16,
    /// Digital maturity.
    pub maturity: Maturity,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            name: "Collectivité importée".into(),
            kind: CollectivityKind::Other,
            first_year: 2027,
            maturity: Maturity::Developing,
        }
    }
}

/// Per métier: agents, and per competency the agents at each level (`None`: some unknown).
type Aggregate = (u64, BTreeMap<CompetencyId, Option<[u64; 4]>>);

/// Columns that describe an agent and are dropped on reading.
const PERSONAL: &[&str] = &[
    "nom",
    "prenom",
    "prénom",
    "name",
    "first_name",
    "firstname",
    "last_name",
    "lastname",
    "surname",
    "matricule",
    "id",
    "agent",
    "agent_id",
    "email",
    "mail",
    "courriel",
    "date_naissance",
    "naissance",
    "birth_date",
    "telephone",
    "téléphone",
    "phone",
    "nir",
    "service",
    "direction",
    "grade",
    "statut",
    "sexe",
    "genre",
    "age",
    "âge",
];

/// Training days per agent and year on average in 2019 (CNFPT), used for the default budget.
pub const NATIONAL_DAYS_PER_AGENT_X10: u64 = 22;

fn norm(h: &str) -> String {
    h.trim().trim_start_matches('\u{feff}').to_lowercase()
}

/// The level a CSV cell says, or an error message.
fn cell_level(data: &ReferenceData, v: &str) -> Result<Option<Level>, String> {
    // No level is written with more than 17 letters (`approfondissement`): a longer cell is
    // not copied.
    let t = v.trim();
    let t = if t.len() <= 32 {
        t.to_lowercase()
    } else {
        String::new()
    };
    if let Some(l) = Level::parse(&t) {
        return Ok(Some(l));
    }
    match t.as_str() {
        "aucun" | "none" | "0" | "-" => return Ok(None),
        _ => {}
    }
    if let Ok(p) = t.parse::<u8>()
        && p <= 8
    {
        return Ok(data.level_of_pix(p));
    }
    Err(format!(
        "`{}` is not a level (socle, approfondissement, expertise, aucun, or a Pix score 0 to 8)",
        quoted(v)
    ))
}

/// Parses `text` (named `file` in diagnostics) into a profile. Every problem is counted, the
/// first ones reported in full (see [`Problems`]).
pub fn from_csv(
    data: &ReferenceData,
    file: &str,
    text: &str,
    opts: &CsvOptions,
) -> Result<Profile, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let sep = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let locator = Locator::new(text);
    if let Some(d) = too_long_line(file, &locator) {
        return Err(vec![d]);
    }
    let places = Places {
        file,
        text,
        sep,
        locator: &locator,
    };
    let mut problems = Problems::new();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(false)
        .from_reader(text.as_bytes());
    let columns = columns(data, &places, &mut reader, &mut problems)?;
    let staff = aggregate(data, &places, &mut reader, &columns, &mut problems);
    if staff.rows == 0 && problems.is_empty() {
        problems.push(places.at(1, 1, "the CSV has a header but no row".into()));
    }
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    Ok(profile(opts, staff))
}

/// Where the problems of a CSV text are: diagnostics at a line and column, or at a field of a
/// record.
struct Places<'a> {
    /// The file's name in diagnostics.
    file: &'a str,
    /// The text, without its byte-order mark.
    text: &'a str,
    /// The separator.
    sep: u8,
    /// Positions in `text`.
    locator: &'a Locator<'a>,
}

impl Places<'_> {
    /// A diagnostic at `line` and `col` (1 at least).
    fn at(&self, line: u64, col: usize, msg: String) -> Diagnostic {
        Diagnostic::at_location_in(
            self.file,
            self.locator,
            Location {
                line: line.max(1) as usize,
                col: col.max(1),
                len: 1,
            },
            msg,
        )
    }

    /// A diagnostic at the start of field `i` of the record starting at byte `start` (exact for
    /// unquoted fields).
    fn at_field(&self, start: u64, i: usize, msg: String) -> Diagnostic {
        let text = self.text;
        let mut at = usize::try_from(start).unwrap_or(usize::MAX).min(text.len());
        let mut before = i; // separators before the field
        while before > 0 && at < text.len() && text.as_bytes()[at] != b'\n' {
            before -= usize::from(text.as_bytes()[at] == self.sep);
            at += 1;
        }
        Diagnostic::at_location_in(
            self.file,
            self.locator,
            self.locator.location_of(at, at),
            msg,
        )
    }
}

/// The columns the header names, by position.
struct Columns {
    /// The métier.
    metier: usize,
    /// The headcount, if any (else a row is an agent).
    headcount: Option<usize>,
    /// The levels of competencies.
    levels: Vec<(usize, CompetencyId)>,
}

/// Reads the header: which column holds what. A column of an agent's personal data is
/// dropped; an unknown column, or one that says what an earlier one says, is a problem. An
/// unreadable or empty header is the only problem reported; without a `metier` column, the
/// problems so far are.
fn columns(
    data: &ReferenceData,
    places: &Places<'_>,
    reader: &mut csv::Reader<&[u8]>,
    problems: &mut Problems,
) -> Result<Columns, Vec<Diagnostic>> {
    let headers = match reader.headers() {
        Ok(h) => h,
        Err(e) => {
            return Err(vec![places.at(
                1,
                1,
                format!("cannot read the header: {e}"),
            )]);
        }
    };
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(vec![places.at(
            1,
            1,
            "the CSV file is empty: expected a header such as `metier,headcount`".into(),
        )]);
    }
    let mut metier_col = None;
    let mut headcount_col = None;
    let mut level_cols: Vec<(usize, CompetencyId)> = Vec::new();
    // A column that says what an earlier one says (the same name, or `métier` after `metier`)
    // is an error, not resolved to either: which one the user meant cannot be known.
    let twice = |first: usize, i: usize, h: &str| {
        let first_name = headers.get(first).unwrap_or("").trim();
        let message = if norm(first_name) == norm(h) {
            format!("la colonne `{}` apparaît deux fois", h.trim())
        } else {
            format!(
                "la colonne `{}` dit la même chose que la colonne `{first_name}`",
                h.trim()
            )
        };
        places
            .at_field(0, i, message)
            .with_id(h.trim())
            .with_help(format!(
                "la première est la colonne {} : gardez-en une seule",
                first + 1
            ))
    };
    // A name longer than every known one is not copied to be compared.
    let longest = data.competencies().competencies.iter();
    let longest = longest
        .map(|c| c.id.as_str().len())
        .max()
        .unwrap_or(0)
        .max(20);
    for (i, h) in headers.iter().enumerate() {
        let n = if h.trim().len() <= longest {
            norm(h)
        } else {
            String::new()
        };
        match n.as_str() {
            "metier" | "métier" => match metier_col {
                Some(first) => problems.push(twice(first, i, h)),
                None => metier_col = Some(i),
            },
            "headcount" | "effectif" | "effectifs" => match headcount_col {
                Some(first) => problems.push(twice(first, i, h)),
                None => headcount_col = Some(i),
            },
            _ if PERSONAL.contains(&n.as_str()) => {}
            _ => {
                let c = CompetencyId::new(n.as_str());
                if !n.is_empty()
                    && let Some(&(first, _)) = level_cols.iter().find(|(_, k)| *k == c)
                {
                    problems.push(twice(first, i, h));
                } else if !n.is_empty() && data.competency(&c).is_some() {
                    level_cols.push((i, c));
                } else {
                    problems.add(|| {
                        let help = suggest(
                            &n,
                            data.competencies()
                                .competencies
                                .iter()
                                .map(|c| c.id.as_str()),
                        );
                        places
                            .at_field(0, i, format!("unknown column `{}`", quoted(h.trim())))
                            .with_id(quoted(h.trim()))
                            .with_help(format!(
                                "columns are `metier`, `headcount` and competency ids; {help}"
                            ))
                    });
                }
            }
        }
    }
    let Some(metier_col) = metier_col else {
        problems.push(
            places
                .at(1, 1, "the CSV has no `metier` column".into())
                .with_help("the header must name a `metier` column, e.g. `metier,headcount`"),
        );
        return Err(std::mem::take(problems).into_vec());
    };
    Ok(Columns {
        metier: metier_col,
        headcount: headcount_col,
        levels: level_cols,
    })
}

/// The rows read: per métier its headcount and, per competency, the counts per level (`None`:
/// some unknown), the métiers in the order of their first row, and the number of rows.
struct Staff {
    lines: BTreeMap<MetierId, Aggregate>,
    order: Vec<MetierId>,
    rows: usize,
}

/// Reads the rows and adds them up per métier. A row with a problem is left out (and the
/// problem counted); reading stops past [`limits::MAX_TOTAL_AGENTS`] rows.
fn aggregate(
    data: &ReferenceData,
    places: &Places<'_>,
    reader: &mut csv::Reader<&[u8]>,
    columns: &Columns,
    problems: &mut Problems,
) -> Staff {
    let mut staff = Staff {
        lines: BTreeMap::new(),
        order: Vec::new(),
        rows: 0,
    };
    let longest_metier_id = data.metiers().iter().map(|m| m.id.as_str().len()).max();
    let longest_metier_id = longest_metier_id.unwrap_or(0);
    // One record, reused from row to row.
    let mut rec = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line());
                problems.add(|| places.at(line, 1, format!("malformed CSV row: {}", e)));
                continue;
            }
        }
        staff.rows += 1;
        let (line, start) = rec.position().map_or((1, 0), |p| (p.line(), p.byte()));
        if staff.rows > limits::MAX_TOTAL_AGENTS as usize {
            problems.add(|| {
                places.at(
                    line,
                    1,
                    format!("more than {} rows", limits::MAX_TOTAL_AGENTS),
                )
            });
            break;
        }
        let row = Row {
            rec: &rec,
            start,
            places,
            columns,
        };
        let id = rec.get(columns.metier).unwrap_or("").trim();
        let Some(mid) = row.metier(data, id, longest_metier_id, problems) else {
            continue;
        };
        let Some(n) = row.headcount(id, problems) else {
            continue;
        };
        if !staff.lines.contains_key(&mid) {
            staff.order.push(mid.clone());
        }
        let entry = staff
            .lines
            .entry(mid)
            .or_insert_with(|| (0, BTreeMap::new()));
        entry.0 += n;
        if entry.0 > u64::from(limits::MAX_HEADCOUNT)
            && entry.0 - n <= u64::from(limits::MAX_HEADCOUNT)
        {
            problems.add(|| {
                places
                    .at_field(
                        start,
                        columns.headcount.unwrap_or(columns.metier),
                        format!(
                            "the rows of métier `{id}` add up to more than {} agents",
                            limits::MAX_HEADCOUNT
                        ),
                    )
                    .with_id(quoted(id))
            });
        }
        row.add_levels(data, n, &mut entry.1, problems);
    }
    staff
}

/// One row being read.
struct Row<'r, 'p> {
    /// Its fields.
    rec: &'r csv::StringRecord,
    /// The byte where it starts.
    start: u64,
    places: &'r Places<'p>,
    columns: &'r Columns,
}

impl Row<'_, '_> {
    /// The row's métier, `id`, if it names a known one (else a problem).
    fn metier(
        &self,
        data: &ReferenceData,
        id: &str,
        longest_metier_id: usize,
        problems: &mut Problems,
    ) -> Option<MetierId> {
        let column = self.columns.metier;
        if id.is_empty() {
            problems.add(|| {
                self.places
                    .at_field(self.start, column, "empty métier".into())
            });
            return None;
        }
        // An id longer than every known one is not copied to be looked up.
        let mid = (id.len() <= longest_metier_id).then(|| MetierId::new(id));
        let mid = mid.filter(|m| data.metier(m).is_some());
        if mid.is_none() {
            problems.add(|| {
                let help = suggest(id, data.metiers().iter().map(|m| m.id.as_str()));
                self.places
                    .at_field(
                        self.start,
                        column,
                        format!("unknown métier `{}`", quoted(id)),
                    )
                    .with_id(quoted(id))
                    .with_help(help)
            });
        }
        mid
    }

    /// The agents the row stands for: its headcount, or one agent without a headcount column
    /// (`None` and a problem when the headcount is not a plausible whole number). `id` is the
    /// row's métier.
    fn headcount(&self, id: &str, problems: &mut Problems) -> Option<u64> {
        let Some(c) = self.columns.headcount else {
            return Some(1);
        };
        let v = self.rec.get(c).unwrap_or("").trim();
        match v.parse::<u64>() {
            Ok(n) if n <= u64::from(limits::MAX_HEADCOUNT) => Some(n),
            Ok(n) => {
                problems.add(|| {
                    self.places
                        .at_field(
                            self.start,
                            c,
                            format!(
                                "{n} agents on one row is not plausible (at most {})",
                                limits::MAX_HEADCOUNT
                            ),
                        )
                        .with_id(quoted(id))
                });
                None
            }
            Err(_) => {
                problems.add(|| {
                    self.places
                        .at_field(
                            self.start,
                            c,
                            format!("headcount `{}` is not a whole number of agents", quoted(v)),
                        )
                        .with_id(quoted(id))
                });
                None
            }
        }
    }

    /// Adds the row's `n` agents to the counts per level of each competency column (an empty
    /// cell makes the competency's levels unknown for the métier).
    fn add_levels(
        &self,
        data: &ReferenceData,
        n: u64,
        levels: &mut BTreeMap<CompetencyId, Option<[u64; 4]>>,
        problems: &mut Problems,
    ) {
        for (c, comp) in &self.columns.levels {
            let v = self.rec.get(*c).unwrap_or("").trim();
            let slot = levels.entry(comp.clone()).or_insert(Some([0; 4]));
            if v.is_empty() {
                *slot = None;
                continue;
            }
            match cell_level(data, v) {
                Ok(l) => {
                    if let Some(counts) = slot {
                        counts[l.map_or(0, |l| usize::from(l.rank()))] += n;
                    }
                }
                Err(m) => problems.add(|| self.places.at_field(self.start, *c, m).with_id(comp)),
            }
        }
    }
}

/// The profile of the staff read, with what the CSV does not say from `opts` and a budget of
/// the national average of training days per agent.
fn profile(opts: &CsvOptions, staff: Staff) -> Profile {
    let Staff {
        mut lines, order, ..
    } = staff;
    let mut total = 0u64;
    let staff: Vec<StaffLine> = order
        .into_iter()
        .map(|m| {
            let (n, levels) = lines.remove(&m).unwrap_or_default();
            total += n;
            let mut line = StaffLine::new(m, u32::try_from(n).unwrap_or(u32::MAX));
            line.levels = levels
                .into_iter()
                .filter_map(|(c, counts)| {
                    let k = counts?;
                    let counts = Shares {
                        none: k[0] as u32,
                        socle: k[1] as u32,
                        approfondissement: k[2] as u32,
                        expertise: k[3] as u32,
                    };
                    Some(CurrentLevel::counts(c, counts))
                })
                .collect();
            line
        })
        .collect();
    let days = u32::try_from((total * NATIONAL_DAYS_PER_AGENT_X10).div_ceil(10))
        .unwrap_or(u32::MAX)
        .min(limits::MAX_DAYS_PER_YEAR);
    let mut profile = Profile::new(
        opts.name.clone(),
        opts.kind,
        opts.first_year,
        Budget::new(days, 5),
    );
    profile.maturity = opts.maturity;
    profile.staff = staff;
    profile
}

/// The first line longer than [`limits::MAX_CSV_LINE`] characters, refused before the CSV is
/// parsed: no staff CSV needs one, and a 64 MB line would be copied whole into a record.
fn too_long_line(file: &str, locator: &Locator<'_>) -> Option<Diagnostic> {
    let max = limits::MAX_CSV_LINE;
    let (i, _) = locator
        .text()
        .split('\n')
        .enumerate()
        .find(|(_, l)| l.len() > max && l.chars().count() > max)?;
    let location = Location {
        line: i + 1,
        col: max + 1,
        len: 1,
    };
    let max = french_number(max);
    let message = format!("ligne de plus de {max} caractères : la limite est de {max}");
    Some(Diagnostic::at_location_in(file, locator, location, message))
}

/// Writes a profile as RON, with a header comment.
pub fn to_ron(profile: &Profile, header: &str) -> Result<String, String> {
    // Staff lines and their levels stay on one line each, so the file reads as a table.
    let cfg = ron::ser::PrettyConfig::new()
        .depth_limit(3)
        .indentor("    ".to_owned())
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let body = ron::ser::to_string_pretty(profile, cfg).map_err(|e| e.to_string())?;
    let mut out = String::new();
    for l in header.lines() {
        out.push_str("// ");
        out.push_str(l);
        out.push('\n');
    }
    out.push_str(&body);
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_rows_are_aggregated_and_names_dropped() {
        let data = ReferenceData::embedded().expect("data");
        let csv = "nom;prenom;metier;pix-1-1\nDupont;Marie;charge-accueil;socle\nMartin;Paul;charge-accueil;4\nDurand;Léa;atsem;aucun\n";
        let p = from_csv(&data, "agents.csv", csv, &CsvOptions::default()).expect("valid");
        assert_eq!(p.staff.len(), 2);
        assert_eq!(p.staff[0].headcount, 2);
        let c = p.staff[0].levels[0].counts.expect("counts");
        assert_eq!((c.none, c.socle), (0, 2));
        let ron = to_ron(&p, "test").expect("ron");
        for name in ["Dupont", "Marie", "Martin", "Paul", "Durand", "Léa"] {
            assert!(!ron.contains(name), "{name} leaked");
        }
    }

    #[test]
    fn a_column_given_twice_is_rejected_where_it_is() {
        let data = ReferenceData::embedded().expect("data");
        let opts = CsvOptions::default();
        for (csv, col, message) in [
            (
                "metier,metier,headcount\natsem,charge-accueil,2\n",
                8,
                "la colonne `metier` apparaît deux fois",
            ),
            (
                "metier;effectif;Métier\natsem;2;atsem\n",
                17,
                "la colonne `Métier` dit la même chose que la colonne `metier`",
            ),
            (
                "metier,headcount,effectifs\natsem,2,3\n",
                18,
                "la colonne `effectifs` dit la même chose que la colonne `headcount`",
            ),
            (
                "metier,pix-1-1,headcount,pix-1-1\natsem,socle,2,expertise\n",
                26,
                "la colonne `pix-1-1` apparaît deux fois",
            ),
        ] {
            let e = from_csv(&data, "s.csv", csv, &opts).unwrap_err();
            assert_eq!(e.len(), 1, "{csv}: {e:?}");
            assert_eq!((e[0].location.line, e[0].location.col), (1, col), "{csv}");
            assert_eq!(e[0].message, message);
        }
        // Personal columns are dropped, twice or not.
        let p = from_csv(&data, "s.csv", "nom,metier,nom\nA,atsem,B\n", &opts).expect("valid");
        assert_eq!(p.staff[0].headcount, 1);
    }

    /// What `profile from-csv` is given beyond the CSV is checked like any profile.
    #[test]
    fn a_written_profile_over_a_limit_fails_its_check() {
        let data = ReferenceData::embedded().expect("data");
        let csv =
            "metier,headcount\natsem,200000\ncharge-accueil,200000\nagent-etat-civil,200000\n";
        let opts = CsvOptions {
            name: String::new(),
            first_year: u16::MAX,
            ..CsvOptions::default()
        };
        let p = from_csv(&data, "s.csv", csv, &opts).expect("each row is within the limits");
        let ron = to_ron(&p, "test").expect("ron");
        let problems = parcours_planner::check::check(&p, &data, "p.ron", &ron);
        let paths: Vec<&str> = problems.iter().filter_map(|d| d.path.as_deref()).collect();
        assert_eq!(paths, ["name", "first_year", "staff"], "{problems:?}");
        assert!(problems[2].message.contains("600000 agents en tout"));
    }

    #[test]
    fn errors_name_line_and_column() {
        let data = ReferenceData::embedded().expect("data");
        let csv = "metier,headcount\ncharge-accueil,3\nsecretaire-de-mairi,x\n";
        let e = from_csv(&data, "s.csv", csv, &CsvOptions::default()).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].location.line, e[0].location.col), (3, 1));
        assert!(
            e[0].help
                .as_deref()
                .unwrap_or("")
                .contains("secretaire-de-mairie")
        );
    }
}
