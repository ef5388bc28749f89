//! The mapping file: the user's own correspondence between the job titles of an export and the
//! métiers (`titre;metier`), written as a template by `--mapping-out` for the titles that
//! matched nothing, completed by the user, and read back with `--mapping` (next year's export
//! too). Lines starting with `#` are comments.

use crate::staff::{How, Report, suggestions_text};
use crate::table::{decode, read_csv_with_comments};
use parcours_graph::ReferenceData;
use parcours_graph::diagnostic::{Diagnostic, Problems, quoted};
use parcours_graph::ids::MetierId;
use parcours_graph::titles::{TitleMatcher, key};
use std::collections::BTreeMap;

/// A mapping file read: title keys to métiers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    by_key: BTreeMap<String, MetierId>,
    /// Titles of the file left without a métier.
    pub blank: usize,
}

impl Mapping {
    /// The métier of a title key, if the file gives one.
    pub fn get(&self, key: &str) -> Option<&MetierId> {
        self.by_key.get(key)
    }

    /// How many titles the file maps.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// True when the file maps no title.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

/// Reads a mapping file (`file` in diagnostics). Its métier column takes an id, a name or an
/// alias; an unknown one is an error with the closest métiers.
pub fn read(data: &ReferenceData, file: &str, bytes: &[u8]) -> Result<Mapping, Vec<Diagnostic>> {
    let (text, _) = decode(file, bytes);
    let table = read_csv_with_comments(file, &text, true)?;
    let keys: Vec<String> = table.header.cells.iter().map(|h| key(h)).collect();
    let find = |names: &[&str]| keys.iter().position(|k| names.iter().any(|n| key(n) == *k));
    let title_col = find(&["titre", "intitule", "intitule poste", "emploi", "title"]);
    let metier_col = find(&["metier"]);
    let (Some(tc), Some(mc)) = (title_col, metier_col) else {
        return Err(vec![
            table
                .at(table.header.line, 1, None, "le fichier de correspondance n'a pas les colonnes « titre » et « metier »".into())
                .with_help("sa première ligne (hors commentaires # ) doit être « titre;metier » : écrivez-le avec --mapping-out"),
        ]);
    };
    let matcher = TitleMatcher::new(data);
    let mut mapping = Mapping::default();
    let mut lines: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems = Problems::new();
    for row in &table.rows {
        let title = row.cell(tc);
        let metier = row.cell(mc);
        if title.is_empty() {
            if !metier.is_empty() {
                problems.add(|| {
                    table
                        .at_cell(row, tc, false, "intitulé vide".into())
                        .with_help(
                            "écrivez l'intitulé tel que l'export l'écrit, ou retirez la ligne",
                        )
                });
            }
            continue;
        }
        if metier.is_empty() {
            mapping.blank += 1;
            continue;
        }
        let Some(m) = matcher.find(metier) else {
            problems.add(|| {
                let close = suggestions_text(data, &matcher.suggest(metier, 3));
                let help = if close.is_empty() {
                    "écrivez l'identifiant d'un métier : « parcours metiers --search MOT » les cherche".to_owned()
                } else {
                    format!("métiers proches : {close}")
                };
                table
                    .at_cell(
                        row,
                        mc,
                        false,
                        format!("métier inconnu « {} »", quoted(metier)),
                    )
                    .with_help(help)
            });
            continue;
        };
        let k = key(title);
        match mapping.by_key.get(&k) {
            Some(other) if other != m => problems.add(|| {
                table
                    .at_cell(
                        row,
                        tc,
                        false,
                        format!(
                            "l'intitulé « {} » est déjà associé au métier `{other}`",
                            quoted(title)
                        ),
                    )
                    .with_help(format!(
                        "voir la ligne {} : gardez une seule ligne pour cet intitulé",
                        lines.get(&k).copied().unwrap_or(0)
                    ))
            }),
            Some(_) => {}
            None => {
                mapping.by_key.insert(k.clone(), m.clone());
                lines.insert(k, row.line);
            }
        }
    }
    if problems.is_empty() {
        Ok(mapping)
    } else {
        Err(problems.into_vec())
    }
}

/// Closeness from which the template writes the closest métier in the `metier` column.
const PREFILL_SCORE: u8 = 50;

/// The mapping template for the titles of `report`: those that matched nothing first (most
/// agents first), the closest métier written in when it is close enough, then those matched,
/// to check. UTF-8 with a byte-order mark and `;`, so that Excel opens it as is.
pub fn template(data: &ReferenceData, report: &Report, export: &str) -> String {
    let mut out = String::from("\u{feff}");
    let header = [
        "Correspondance entre les intitulés de poste de l'export et les métiers de parcours.",
        &format!("Export lu : {export}"),
        "Pour chaque ligne, la colonne « metier » donne le métier de l'intitulé : l'identifiant",
        "d'un métier (liste : « parcours metiers », recherche : « parcours metiers --search MOT »)",
        "ou son nom. Quand un métier est proche, il est déjà écrit : vérifiez-le, corrigez-le au besoin.",
        "Une ligne laissée sans métier laisse ses agents hors du profil (avec --ignore-unmatched).",
        "Les colonnes « agents » et « suggestions » ne sont pas relues.",
        "Ensuite : parcours profile import EXPORT --mapping CE_FICHIER",
        "Gardez ce fichier : il resservira pour l'export de l'an prochain.",
    ];
    for l in header {
        out.push_str("# ");
        out.push_str(l);
        out.push('\n');
    }
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(Vec::new());
    let _ = w.write_record(["titre", "agents", "metier", "suggestions"]);
    let mut titles: Vec<_> = report.titles.values().collect();
    titles.sort_by(|a, b| {
        (a.metier.is_some(), std::cmp::Reverse(a.agents), &a.title).cmp(&(
            b.metier.is_some(),
            std::cmp::Reverse(b.agents),
            &b.title,
        ))
    });
    for t in titles {
        let (metier, note) = match (&t.metier, t.how) {
            (Some(m), How::Mapping) => (
                m.to_string(),
                "d'après le fichier de correspondance".to_owned(),
            ),
            (Some(m), _) => (
                m.to_string(),
                format!(
                    "reconnu : {}",
                    data.metier(m).map_or("", |x| x.name.as_str())
                ),
            ),
            (None, _) => {
                let prefill = t
                    .suggestions
                    .first()
                    .filter(|s| s.score >= PREFILL_SCORE)
                    .map(|s| s.metier.to_string())
                    .unwrap_or_default();
                let list = t
                    .suggestions
                    .iter()
                    .map(|s| {
                        let name = data.metier(&s.metier).map_or("", |m| m.name.as_str());
                        format!("{} ({name}, {} %)", s.metier, s.score)
                    })
                    .collect::<Vec<_>>()
                    .join(" | ");
                let note = if list.is_empty() {
                    "à compléter : aucun métier proche".to_owned()
                } else {
                    format!("à vérifier : {list}")
                };
                (prefill, note)
            }
        };
        let _ = w.write_record([&t.title, &t.agents.to_string(), &metier, &note]);
    }
    let body = w.into_inner().unwrap_or_default();
    out.push_str(&String::from_utf8_lossy(&body));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::{ImportOptions, import};
    use crate::table::read_csv;

    #[test]
    fn the_template_read_back_matches_every_title() {
        let data = ReferenceData::embedded().expect("data");
        let export = read_csv(
            "e.csv",
            "Nom;Emploi\nZorglub;Jardinier espaces verts communaux\nZorglub;Cuisinier\nZorglub;Responsable du pôle festivités\n",
        )
        .expect("csv");
        let failed = import(&data, &export, &ImportOptions::default(), None).unwrap_err();
        let text = template(&data, &failed.report, "e.csv");
        assert!(text.starts_with("\u{feff}# "));
        assert!(!text.contains("Zorglub"));
        assert!(text.contains("\"Jardinier espaces verts communaux\";\"1\";\"jardinier\";"));
        // The user completes the title without a close métier.
        let completed = text.replace(
            "\"Responsable du pôle festivités\";\"1\";\"\"",
            "\"Responsable du pôle festivités\";\"1\";\"Directeur des affaires culturelles\"",
        );
        let mapping = read(&data, "m.csv", completed.as_bytes()).expect("mapping");
        let done =
            import(&data, &export, &ImportOptions::default(), Some(&mapping)).expect("one pass");
        assert_eq!(done.report.agents, 3);
        assert_eq!(done.profile.staff.len(), 3);
    }

    #[test]
    fn mapping_errors_are_located_with_suggestions() {
        let data = ReferenceData::embedded().expect("data");
        let text = "# commentaire\ntitre;metier\nA;jardinierr\nB;jardinier\nB;cuisinier\n";
        let e = read(&data, "m.csv", text.as_bytes()).unwrap_err();
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!((e[0].location.line, e[0].location.col), (3, 3));
        assert!(e[0].help.as_deref().unwrap_or("").contains("`jardinier`"));
        assert_eq!(e[1].location.line, 5);
        let e = read(&data, "m.csv", b"a;b\n").unwrap_err();
        assert!(e[0].message.contains("« titre » et « metier »"));
    }
}
