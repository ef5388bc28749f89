//! A CSV of staff converted into a profile ([`from_csv`], the library side of `profile
//! from-csv`, now the same reading as `profile import`: see [`crate::staff`] and
//! [`crate::table`]), and a profile written as RON ([`to_ron`]).

use crate::staff::{ImportOptions, import};
use parcours_graph::ReferenceData;
use parcours_graph::diagnostic::Diagnostic;
use parcours_graph::vocab::Maturity;
use parcours_planner::profile::{CollectivityKind, Profile};

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

pub use crate::staff::NATIONAL_DAYS_PER_AGENT_X10;

impl From<&CsvOptions> for ImportOptions {
    fn from(o: &CsvOptions) -> Self {
        ImportOptions {
            name: o.name.clone(),
            kind: o.kind,
            first_year: o.first_year,
            maturity: o.maturity,
            ..ImportOptions::default()
        }
    }
}

/// Parses `text` (named `file` in diagnostics) into a profile, as `profile import` reads a CSV:
/// every problem is counted, the first ones reported in full.
pub fn from_csv(
    data: &ReferenceData,
    file: &str,
    text: &str,
    opts: &CsvOptions,
) -> Result<Profile, Vec<Diagnostic>> {
    let table = crate::table::read_csv(file, text)?;
    import(data, &table, &ImportOptions::from(opts), None)
        .map(|i| i.profile)
        .map_err(|f| f.diagnostics)
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
        let accueil = p
            .staff
            .iter()
            .find(|s| s.metier.as_str() == "charge-accueil");
        let accueil = accueil.expect("accueil");
        assert_eq!(accueil.headcount, 2);
        let c = accueil.levels[0].counts.expect("counts");
        assert_eq!((c.none, c.socle + c.approfondissement), (0, 2));
        let ron = to_ron(&p, "test").expect("ron");
        for name in ["Dupont", "Marie", "Martin", "Paul", "Durand", "Léa"] {
            assert!(!ron.contains(name), "{name} leaked");
        }
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
    fn errors_name_line_and_column_and_a_crlf_file_counts_lines_right() {
        let data = ReferenceData::embedded().expect("data");
        for csv in [
            "metier,headcount\ncharge-accueil,3\natsem,x\n",
            "metier,headcount\r\ncharge-accueil,3\r\natsem,x\r\n",
            "metier,headcount\rcharge-accueil,3\ratsem,x\r",
        ] {
            let e = from_csv(&data, "s.csv", csv, &CsvOptions::default()).unwrap_err();
            assert_eq!(e.len(), 1);
            assert_eq!((e[0].location.line, e[0].location.col), (3, 7), "{csv:?}");
            assert_eq!(e[0].line_text, "x");
        }
    }
}
