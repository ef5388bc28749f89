//! `parcours profile import`: realistic staff exports (CSV and XLSX) become plannable profiles
//! in at most one pass of the mapping file; encodings, separators and line endings as Excel and
//! HR software write them; nothing that names an agent reaches an output or a message.

use crate::common::{arg, assert_none_of, export_fixture, parcours, stderr, stdout};
use std::path::{Path, PathBuf};

/// The fictional surnames, first names, ids and dates of the fixtures: none may appear
/// anywhere parcours writes.
const PERSONAL: &[&str] = &[
    "Tartempion",
    "Zorglub",
    "Trucmuche",
    "Camille",
    "M01000",
    "01/01/1960",
    "departement-fictif",
    "1600135100100",
];

pub(crate) fn fixture(name: &str) -> PathBuf {
    export_fixture(name)
}

fn s(p: &Path) -> &str {
    arg(p)
}

fn assert_no_personal_data(what: &str, text: &str) {
    assert_none_of(PERSONAL, what, text);
}

/// The commune's export as a workbook: the same cells in a sheet « Agents », under a title
/// row, as HR software often writes them.
pub(crate) fn xlsx_twin(csv: &Path, xlsx: &Path) {
    let bytes = std::fs::read(csv).expect("fixture");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Agents").expect("sheet name");
    sheet
        .write(0, 0, "Extraction du logiciel RH — effectif au 31/12")
        .expect("cell");
    for (r, rec) in reader.records().enumerate() {
        let rec = rec.expect("record");
        for (c, cell) in rec.iter().enumerate() {
            let (row, col) = (r as u32 + 2, c as u16);
            // Scores as numbers, the way a spreadsheet holds them.
            match cell.parse::<u32>() {
                Ok(n) if cell.len() == 1 => sheet.write(row, col, n).map(|_| ()),
                _ => sheet.write(row, col, cell).map(|_| ()),
            }
            .expect("cell");
        }
    }
    let mut other = rust_xlsxwriter::Worksheet::new();
    other.set_name("Notes").expect("sheet name");
    book.push_worksheet(other);
    book.save(xlsx).expect("xlsx");
}

/// The user's one pass over the template: every title left blank gets a métier.
pub(crate) fn complete(template: &str) -> String {
    template
        .lines()
        .map(|l| {
            if l.contains(";\"\";\"à ") {
                l.replacen(";\"\";", ";\"agent-gestion-administrative\";", 1)
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

#[test]
fn a_commune_export_and_its_xlsx_twin_plan_after_one_mapping_pass() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = fixture("commune-agents.csv");
    let map = dir.path().join("correspondance.csv");
    let profile = dir.path().join("profil.ron");
    // First run: five titles match nothing; the template is written, not the profile.
    let o = parcours(&[
        "profile",
        "import",
        s(&csv),
        "--mapping-out",
        s(&map),
        "-o",
        s(&profile),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(!profile.exists());
    assert_no_personal_data("stderr", &err);
    assert_eq!(
        err.matches("colonnes de données personnelles écartées")
            .count(),
        1
    );
    assert!(err.contains("Matricule, Civilité, Nom, Prénom, Date de naissance, Sexe"));
    assert!(err.contains("colonnes non utilisées : Catégorie, Filière, Grade, Statut"));
    assert_eq!(
        err.matches("ne correspond à aucun métier").count(),
        5,
        "{err}"
    );
    assert!(
        err.contains(
            "« Agent polyvalent salle des fêtes » ne correspond à aucun métier (2 agents)"
        )
    );
    let template = std::fs::read_to_string(&map).expect("template written");
    assert!(
        template.starts_with("\u{feff}# "),
        "UTF-8 with BOM for Excel"
    );
    assert_no_personal_data("the template", &template);
    // Second run, the template completed: a commented profile that plans.
    std::fs::write(&map, complete(&template)).expect("completed");
    let args = |input: &Path, out: &Path, format: &str| -> Vec<String> {
        [
            "profile",
            "import",
            s(input),
            "--mapping",
            s(&map),
            "--name",
            "Ville fictive",
            "--kind",
            "commune",
            "--population",
            "9000",
            "--department",
            "35",
            "--elected",
            "29",
            "--format",
            format,
            "-o",
            s(out),
        ]
        .map(str::to_owned)
        .to_vec()
    };
    let run = |a: Vec<String>| {
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        parcours(&refs)
    };
    let o = run(args(&csv, &profile, "ron"));
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("156 agents dans"), "{err}");
    assert!(
        err.contains("96 % des agents reconnus sans fichier de correspondance"),
        "{err}"
    );
    let ron = std::fs::read_to_string(&profile).expect("profile");
    assert_no_personal_data("the profile", &ron);
    assert!(
        ron.contains("managers: 15,  // d'après la colonne « Encadrant »"),
        "{ron}"
    );
    assert!(ron.contains("elected_officials: 29,  // élus à former dans leur parcours (effet 2) ; d'après l'option --elected"));
    assert!(ron.contains("population: 9000,"));
    let plan = parcours(&["plan", s(&profile)]);
    assert!(plan.status.success(), "{}", stderr(&plan));
    // The XLSX twin gives the same profile.
    let xlsx = dir.path().join("agents.xlsx");
    xlsx_twin(&csv, &xlsx);
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    assert!(run(args(&csv, &a, "json")).status.success());
    let mut twin = args(&xlsx, &b, "json");
    twin.extend(["--sheet".to_owned(), "Agents".to_owned()]);
    let o = run(twin);
    assert!(o.status.success(), "{}", stderr(&o));
    let (a, b) = (std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
    assert_eq!(a, b, "the CSV and its XLSX twin give the same profile");
}

#[test]
fn xlsx_errors_name_the_sheet_and_the_cell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("agents.xlsx");
    xlsx_twin(&fixture("commune-agents.csv"), &xlsx);
    let o = parcours(&["profile", "import", s(&xlsx)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("agents.xlsx, feuille « Agents »:"),
        "the first sheet is read: {err}"
    );
    assert!(err.contains("(cellule O"), "{err}");
    assert_no_personal_data("stderr", &err);
    let o = parcours(&["profile", "import", s(&xlsx), "--sheet", "Effectif"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("le classeur n'a pas de feuille « Effectif »"),
        "{err}"
    );
    assert!(err.contains("« Agents », « Notes »"), "{err}");
}

#[test]
fn windows_1252_tab_separated_and_cr_only_exports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("export.csv");
    // Windows-1252 (é = E9, è = E8), tabs, CR line endings: Excel for Mac's « texte ».
    let bytes = b"Nom\tPr\xE9nom\tEmploi\tpix-1-1\rTartempion\tCamille\tJardini\xE8re\t4\rZorglub\tLou\tJARDINIER\t\rTrucmuche\tSacha\tAstronaute\t2\r";
    std::fs::write(&path, bytes).expect("write");
    let o = parcours(&["profile", "import", s(&path)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("lu en Windows-1252"), "{err}");
    // Line 4 of the file, column 17 (after two tabs): the line is counted right with CR.
    assert!(err.contains("export.csv:4:17"), "{err}");
    assert!(err.contains("« Astronaute »"));
    assert_no_personal_data("stderr", &err);
    let o = parcours(&["profile", "import", s(&path), "--ignore-unmatched"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("1 agent laissé de côté"), "{err}");
    assert!(
        err.contains("colonne pix-1-1 : 1 agent sans niveau connu"),
        "{err}"
    );
    let ron = stdout(&o);
    assert!(ron.contains("« Jardinière »"), "accents read right: {ron}");
    assert!(ron.contains("(metier: \"jardinier\", headcount: 2"));
    assert_no_personal_data("the profile", &ron);
}

#[test]
fn a_crlf_export_points_at_the_right_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("crlf.csv");
    std::fs::write(&path, "Métier;Effectif\r\nATSEM;3\r\n\r\nCuisinier;x\r\n").expect("write");
    let o = parcours(&["profile", "import", s(&path)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("crlf.csv:4:11"), "{err}");
    assert!(err.contains("l'effectif « x » n'est pas un nombre entier d'agents"));
}

#[test]
fn from_csv_is_the_same_import() {
    let csv = fixture("departement-agents.csv");
    let o = parcours(&["profile", "from-csv", s(&csv)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("« Chargé de mission » ne correspond à aucun métier (4 agents)"),
        "{err}"
    );
    assert_no_personal_data("stderr", &err);
}

#[test]
fn metiers_search_and_show_take_names_and_usual_titles() {
    let o = parcours(&[
        "metiers",
        "--search",
        "instructeur urbanisme",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("\"instructeur-ads\""));
    let o = parcours(&["metiers", "--search", "ripeur", "--format", "json"]);
    assert!(stdout(&o).contains("\"agent-collecte\""));
    for name in ["Jardinière", "ATSEM", "Secrétaire de mairie"] {
        let o = parcours(&["show", name]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
    }
    assert!(stdout(&parcours(&["show", "Bibliothécaire"])).contains("`bibliothecaire`"));
}

/// `--commune`: the department, the intercommunality and the population follow from the map
/// and are written in the profile, which places it for `batch`; an unknown code or one outside
/// `--department` is refused.
#[test]
fn a_commune_code_places_the_imported_profile() {
    let dir = tempfile::tempdir().expect("tmp");
    let csv = dir.path().join("agents.csv");
    std::fs::write(&csv, "Métier;Effectif\nATSEM;3\nCuisinier;2\n").expect("write");
    let out = dir.path().join("p.ron");
    let import = |extra: &[&str]| {
        let mut a = vec![
            "profile",
            "import",
            s(&csv),
            "--name",
            "Rennes",
            "--kind",
            "commune",
        ];
        a.extend_from_slice(extra);
        a.extend(["-o", s(&out)]);
        parcours(&a)
    };
    let o = import(&["--commune", "35238"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ron = std::fs::read_to_string(&out).expect("profile");
    for line in [
        "commune: \"35238\",",
        "department: \"35\",",
        "intercommunality: \"243500139\",",
    ] {
        assert!(ron.contains(line), "{line}\n{ron}");
    }
    assert!(ron.contains("population: "), "{ron}");
    let o = parcours(&["plan", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::remove_file(&out).expect("rm");
    for (extra, said) in [
        (
            &["--commune", "35999"][..],
            "--commune 35999 : aucune commune de ce code INSEE",
        ),
        (
            &["--commune", "35238", "--department", "22"][..],
            "--commune 35238 est dans le département 35, pas dans le département 22",
        ),
    ] {
        let o = import(extra);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains(said), "{}", stderr(&o));
        assert!(!out.exists());
    }
}
