//! The profile an import writes: complete and commented in French like the template of
//! `profile init`, every figure the export gave explained, every figure it could not give
//! marked « à vérifier ».

use crate::staff::Imported;
use parcours_graph::ReferenceData;
use parcours_graph::diagnostic::french_number;
use parcours_planner::profile::Profile;
use std::fmt::Write;

/// A RON string literal.
fn lit(s: &str) -> String {
    ron::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The profile of `imported` as commented RON; `export` names the file read.
pub fn profile_ron(data: &ReferenceData, imported: &Imported, export: &str) -> String {
    let p: &Profile = &imported.profile;
    let r = &imported.report;
    let total: u64 = p.staff.iter().map(|s| u64::from(s.headcount)).sum();
    let mut o = String::new();
    let _ = writeln!(
        o,
        "// Profil de collectivité produit par « parcours profile import » à partir de {export}."
    );
    let _ = writeln!(
        o,
        "// {} agent{} lu{} sur {} ligne{}, rattaché{} à {} métier{} ; les colonnes nominatives de",
        french_number(r.agents as usize),
        s(r.agents),
        s(r.agents),
        french_number(r.rows),
        s(r.rows as u64),
        s(r.agents),
        p.staff.len(),
        s(p.staff.len() as u64)
    );
    let _ = writeln!(
        o,
        "// l'export n'ont pas été recopiées : le profil ne compte que des effectifs par métier."
    );
    if r.left_out > 0 {
        let _ = writeln!(
            o,
            "// {} agent{} sans métier reconnu {} été laissé{} de côté (--ignore-unmatched).",
            french_number(r.left_out as usize),
            s(r.left_out),
            if r.left_out > 1 { "ont" } else { "a" },
            s(r.left_out)
        );
    }
    let _ = writeln!(
        o,
        "// Vérifiez les lignes marquées « à vérifier », puis lancez :  parcours plan <ce fichier>"
    );
    let _ = writeln!(
        o,
        "// Chaque champ est décrit dans « parcours plan --help » et dans docs/planning.md."
    );
    o.push_str("(\n");
    let _ = writeln!(
        o,
        "    name: {},  // à vérifier : le nom de la collectivité",
        lit(&p.name)
    );
    let _ = writeln!(
        o,
        "    // Commune, Intercommunality, Department, Region, SocialActionCentre, FireAndRescue,\n    // ManagementCentre ou Other."
    );
    let _ = writeln!(o, "    kind: {:?},", p.kind);
    match p.population {
        Some(n) => {
            let _ = writeln!(o, "    population: {n},  // habitants");
        }
        None => {
            let _ = writeln!(
                o,
                "    // population: 12000,  // facultatif : habitants (option --population)"
            );
        }
    }
    match &p.commune {
        Some(c) => {
            let _ = writeln!(o, "    commune: {},  // code INSEE de la commune", lit(c));
        }
        None => {
            let _ = writeln!(
                o,
                "    // commune: \"35238\",  // facultatif : code INSEE de la commune (option --commune)"
            );
        }
    }
    match &p.department {
        Some(d) => {
            let _ = writeln!(
                o,
                "    department: {},  // code INSEE du département",
                lit(d)
            );
        }
        None => {
            let _ = writeln!(
                o,
                "    // department: \"35\",  // facultatif : code INSEE du département (option --department)"
            );
        }
    }
    match &p.intercommunality {
        Some(e) => {
            let _ = writeln!(
                o,
                "    intercommunality: {},  // SIREN de l'intercommunalité",
                lit(e)
            );
        }
        None => {
            let _ = writeln!(
                o,
                "    // intercommunality: \"243500139\",  // facultatif : SIREN de l'intercommunalité (option --intercommunality)"
            );
        }
    }
    let _ = writeln!(
        o,
        "    first_year: {},  // année civile de la première année du plan",
        p.first_year
    );
    let _ = writeln!(
        o,
        "    // Initial, Developing, Established ou Advanced : donne les niveaux actuels que l'export\n    // ne donne pas."
    );
    let _ = writeln!(o, "    maturity: {:?},", p.maturity);
    if let Some(m) = p.measured_by {
        let _ = writeln!(
            o,
            "    // Les niveaux « measured » des lignes viennent des résultats envoyés d'une campagne\n    // Pix Orga : les agents mesurés à leur niveau, les autres selon la maturité."
        );
        let _ = writeln!(o, "    measured_by: {m:?},");
    }
    o.push_str("    staff: [\n");
    let _ = writeln!(
        o,
        "        // Une ligne par métier : son effectif ({} agent{} en tout) et, quand l'export les donne,",
        french_number(total as usize),
        s(total)
    );
    let _ = writeln!(
        o,
        "        // les niveaux actuels par compétence (nombre d'agents à chaque niveau : aucun, socle,\n        // approfondissement, expertise ; une cellule vide compte au niveau « aucun »)."
    );
    let titles = r.titles_of();
    for line in &p.staff {
        let name = data.metier(&line.metier).map_or("", |m| m.name.as_str());
        let from: Vec<String> = titles
            .get(&line.metier)
            .map(|v| v.iter().take(4).map(|t| format!("« {t} »")).collect())
            .unwrap_or_default();
        let more = titles
            .get(&line.metier)
            .map_or(0, |v| v.len().saturating_sub(4));
        let mut note = format!("        // {name}");
        if !from.is_empty() {
            let _ = write!(note, " ; intitulés de l'export : {}", from.join(", "));
            if more > 0 {
                let _ = write!(note, " et {more} autre{}", s(more as u64));
            }
        }
        o.push_str(&note);
        o.push('\n');
        let _ = write!(
            o,
            "        (metier: {}, headcount: {}",
            lit(line.metier.as_str()),
            line.headcount
        );
        if line.levels.is_empty() {
            o.push_str("),\n");
            continue;
        }
        o.push_str(", levels: [\n");
        if let Some((k, n)) = r.measured.get(&line.metier) {
            let _ = writeln!(
                o,
                "            // niveaux mesurés par Pix pour {} agent{} sur {} ; les autres selon la maturité",
                french_number(*k as usize),
                s(*k),
                french_number(*n as usize)
            );
        }
        for l in &line.levels {
            for (field, c) in [("counts", l.counts), ("measured", l.measured)] {
                if let Some(c) = c {
                    let _ = writeln!(
                        o,
                        "            (competency: {}, {field}: (none: {}, socle: {}, approfondissement: {}, expertise: {})),",
                        lit(l.competency.as_str()),
                        c.none,
                        c.socle,
                        c.approfondissement,
                        c.expertise
                    );
                }
            }
        }
        o.push_str("        ]),\n");
    }
    o.push_str("    ],\n");
    let managers_source = if r.managers_given {
        "d'après l'option --managers".to_owned()
    } else if r.managers_column.is_empty() {
        "à vérifier : option --managers".to_owned()
    } else {
        format!("d'après la colonne « {} »", r.managers_column)
    };
    let elected_source = if r.elected_given {
        "d'après l'option --elected"
    } else {
        "à vérifier : option --elected"
    };
    let _ = writeln!(
        o,
        "    // Encadrants à former dans le parcours managérial (effet 2) : chefs d'équipe et cadres\n    // intermédiaires dont la ligne de métier ne porte pas déjà ces objectifs."
    );
    let _ = writeln!(o, "    managers: {},  // {managers_source}", p.managers);
    let _ = writeln!(
        o,
        "    elected_officials: {},  // élus à former dans leur parcours (effet 2) ; {elected_source}",
        p.elected_officials
    );
    o.push_str("    budget: (\n");
    let _ = writeln!(
        o,
        "        // Jours-stagiaires par an (un agent, un jour = 1), formations statutaires comprises ;"
    );
    if r.days_given {
        let _ = writeln!(o, "        // donnés par l'option --days-per-year.");
    } else {
        let _ = writeln!(
            o,
            "        // à vérifier : par défaut la moyenne nationale de 2,2 jours par agent et par an (CNFPT, 2019)."
        );
    }
    let _ = writeln!(o, "        days_per_year: {},", p.budget.days_per_year);
    let _ = writeln!(
        o,
        "        max_days_per_agent: {},  // au plus, pour un agent, dans l'année",
        p.budget.max_days_per_agent
    );
    match p.budget.cost_per_day {
        Some(c) => {
            let _ = writeln!(
                o,
                "        cost_per_day: {c},  // euros la journée-stagiaire chez un organisme payant"
            );
        }
        None => {
            let _ = writeln!(
                o,
                "        // cost_per_day: 150,  // facultatif : euros la journée-stagiaire chez un organisme payant (option --cost-per-day)"
            );
        }
    }
    o.push_str(
        "        // sessions_per_year: 40,  // facultatif : sessions avec formateur que le service formation peut tenir par an (ou trainer_days_per_year, en jours de formateur)\n",
    );
    o.push_str("    ),\n");
    let _ = writeln!(
        o,
        "    horizon: {},  // années ; 1 à 5 court terme, 6 à 10 long terme",
        p.horizon
    );
    o.push_str(")\n");
    o
}

fn s(n: u64) -> &'static str {
    if n > 1 { "s" } else { "" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::{ImportOptions, import};
    use crate::table::read_csv;

    #[test]
    fn a_profile_with_pix_levels_reads_back_equal_and_names_nobody() {
        let data = ReferenceData::embedded().expect("data");
        let staff = read_csv(
            "agents.csv",
            "Matricule;Nom;Prénom;Emploi\nM1;Zorglub;Lou;ATSEM\nM2;Bidule;Léa;ATSEM\nM3;Truc;Éloi;ATSEM\nM4;Zorglub;Lou;Jardinier\n",
        )
        .expect("csv");
        let pix = read_csv(
            "pix.csv",
            "\u{feff}\"Nom du Participant\";\"Prénom du Participant\";\"Envoi (O/N)\";\"Date de l'envoi\";\"Niveau pour la compétence Gérer des données\"\n\
             \"BIDULE\";\"Lea\";\"Oui\";2026-01-10;4\n\
             \"Truc\";\"Eloi\";\"Non\";\"NA\";\"NA\"\n\
             \"Zorglub\";\"Lou\";\"Oui\";2026-01-11;5\n\
             \"Machin\";\"Alix\";\"Oui\";2026-01-12;2\n",
        )
        .expect("pix csv");
        let pix = crate::pix::read(&data, &pix, None).expect("pix");
        let i = crate::staff::import_with_pix(
            &data,
            &staff,
            &ImportOptions::default(),
            None,
            Some(&pix),
        )
        .expect("import");
        let atsem = i
            .profile
            .staff
            .iter()
            .find(|l| l.headcount == 3)
            .unwrap_or_else(|| panic!("{:?}", i.profile.staff));
        let m = atsem.levels[0].measured.expect("measured");
        // Léa joined by folded names; Éloi did not share; Lou has two rows: a homonym.
        assert_eq!((m.none, m.socle, m.approfondissement), (0, 1, 0));
        let j = i.report.pix.clone().expect("join");
        assert_eq!(
            (j.measured, j.not_shared, j.homonyms, j.no_staff_row),
            (1, 1, 1, 1)
        );
        let text = profile_ron(&data, &i, "agents.csv");
        assert!(text.contains("measured_by: Pix,"));
        assert!(text.contains("niveaux mesurés par Pix pour 1 agent sur 3"));
        let back = crate::formats::load(&data, "p.ron", &text, crate::formats::Format::Ron)
            .expect("the written profile checks");
        assert_eq!(*back.profile(), i.profile);
        let all = format!("{text}{:?}{i:?}", i.report.notes);
        for name in [
            "Zorglub", "orglub", "Bidule", "BIDULE", "Lea", "Léa", "Eloi", "Machin", "Alix", "M1",
        ] {
            assert!(!all.contains(name), "{name}");
        }
    }

    #[test]
    fn the_written_profile_reads_back_equal_and_checks() {
        let data = ReferenceData::embedded().expect("data");
        let t = read_csv(
            "e.csv",
            "Nom;Emploi;pix-1-1;Encadrant\nZorglub;Jardinier;4;oui\nZorglub;Jardinière;;non\nZorglub;ATSEM;2;non\n",
        )
        .expect("csv");
        let opts = ImportOptions {
            name: "Commune d'Exemple".into(),
            population: Some(3200),
            commune: Some("35238".into()),
            department: Some("35".into()),
            intercommunality: Some("243500139".into()),
            elected_officials: Some(19),
            cost_per_day: Some(150),
            ..ImportOptions::default()
        };
        let i = import(&data, &t, &opts, None).expect("import");
        let text = profile_ron(&data, &i, "e.csv");
        let back = crate::formats::load(&data, "p.ron", &text, crate::formats::Format::Ron)
            .expect("the written profile checks");
        assert_eq!(*back.profile(), i.profile);
        assert!(text.contains("intitulés de l'export : « Jardinier »"));
        assert!(text.contains("managers: 1,  // d'après la colonne « Encadrant »"));
        assert!(!text.contains("Zorglub"));
        // Every line that is not a comment carries no English word of explanation.
        for l in text.lines().filter(|l| l.contains("//")) {
            let comment = &l[l.find("//").unwrap_or(0)..];
            assert!(!comment.contains(" the "), "{l}");
        }
    }
}
