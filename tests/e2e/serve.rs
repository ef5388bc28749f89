//! `parcours serve`: the binary started on a free loopback port, spoken to over HTTP with
//! `std::net`. The API answers what the command line answers (the plan's JSON byte for byte,
//! the same diagnostics), its OpenAPI document is the one committed, and its limits answer
//! 401, 413, 429 and 503 without bringing it down.

use crate::common::{parcours, root, stderr, stdout};
use crate::import::{complete, fixture};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A server started for one test, stopped when dropped.
struct Served {
    child: Child,
    addr: String,
}

impl Served {
    fn start(args: &[&str]) -> Served {
        Served::start_with_token_variable(args, None)
    }

    /// Starts the server with `PARCOURS_TOKEN` set to `token`, or unset.
    fn start_with_token_variable(args: &[&str], token: Option<&str>) -> Served {
        let mut command = Command::new(env!("CARGO_BIN_EXE_parcours"));
        command.args(["serve", "--port", "0"]).args(args);
        match token {
            Some(t) => command.env("PARCOURS_TOKEN", t),
            None => command.env_remove("PARCOURS_TOKEN"),
        };
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("parcours serve starts");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("the address is printed");
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .to_owned();
        assert!(addr.starts_with("127.0.0.1:"), "{first}");
        Served { child, addr }
    }

    /// Sends one request and reads the whole answer.
    fn send(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(300)))
            .expect("timeout");
        let mut head = format!("{method} {target} HTTP/1.1\r\nConnection: close\r\n");
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            head.push_str(&format!("Host: {}\r\n", self.addr));
        }
        if !headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        // An empty value leaves the header out (a chunked body has no length).
        for (k, v) in headers.iter().filter(|(_, v)| !v.is_empty()) {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        s.write_all(head.as_bytes()).expect("write head");
        // The server may answer (413) before reading a body it refuses.
        let _ = s.write_all(body);
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("read answer");
        Answer::parse(&raw)
    }

    fn get(&self, target: &str) -> Answer {
        self.send("GET", target, &[], b"")
    }

    fn post(&self, target: &str, body: &[u8]) -> Answer {
        self.send("POST", target, &[], body)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn parse(raw: &[u8]) -> Answer {
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete head");
        let head = String::from_utf8_lossy(&raw[..end]).into_owned();
        let mut lines = head.lines();
        let status = lines.next().expect("status line")[9..12]
            .parse()
            .expect("status");
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let body = raw[end + 4..].to_vec();
        assert!(
            !headers
                .iter()
                .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked")),
            "answers have a length"
        );
        Answer {
            status,
            headers,
            body,
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }

    /// The answer is a problem of `status` (RFC 9457), in French.
    fn problem(&self, status: u16) -> serde_json::Value {
        assert_eq!(self.status, status, "{}", self.text());
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json")
        );
        let p = self.json();
        assert_eq!(p["status"], status);
        assert!(
            p["type"]
                .as_str()
                .unwrap()
                .starts_with("urn:parcours:probleme:")
        );
        assert!(!p["title"].as_str().unwrap().is_empty());
        p
    }
}

fn example(name: &str) -> (String, Vec<u8>) {
    let path = root().join("examples/profiles").join(name);
    let shown = path.to_str().expect("UTF-8 path").to_owned();
    (shown, std::fs::read(&path).expect("example profile"))
}

#[test]
fn every_example_profile_plans_through_the_api_byte_for_byte_as_the_command_line() {
    let served = Served::start(&[]);
    for name in [
        "commune-rurale.ron",
        "intercommunalite.ron",
        "ville-40000.ron",
        "ville-40000.json",
        "departement.ron",
        "region.ron",
    ] {
        let (path, body) = example(name);
        let cli = parcours(&["plan", &path, "--format", "json"]);
        assert!(cli.status.success(), "{}", stderr(&cli));
        let api = served.post("/api/v1/plan", &body);
        assert_eq!(api.status, 200, "{name}: {}", api.text());
        assert_eq!(api.header("content-type"), Some("application/json"));
        assert!(
            api.body == cli.stdout,
            "{name}: the API's plan differs from the CLI's"
        );
    }
    // Other formats and options: the command line's bytes too.
    let (path, body) = example("ville-40000.ron");
    for (query, args) in [
        (
            "format=md&explain=true",
            vec!["--format", "md", "--explain"],
        ),
        (
            "format=csv&csv_style=excel",
            vec!["--format", "csv", "--csv-style", "excel"],
        ),
        (
            "format=html&budget_days=40&horizon=5",
            vec!["--format", "html", "--budget-days", "40", "--horizon", "5"],
        ),
    ] {
        let mut a = vec!["plan", path.as_str()];
        a.extend(args);
        let cli = parcours(&a);
        let api = served.post(&format!("/api/v1/plan?{query}"), &body);
        assert_eq!(api.status, 200, "{query}: {}", api.text());
        assert!(api.body == cli.stdout, "{query}: differs from the CLI");
    }
    let xlsx = served.post("/api/v1/plan?format=xlsx", &body);
    assert_eq!(xlsx.status, 200);
    assert!(xlsx.body.starts_with(b"PK\x03\x04"), "a workbook");
    // The budget curve as `parcours budget-curve --format json`.
    let cli = parcours(&["budget-curve", &path, "--format", "json", "--steps", "4"]);
    let api = served.post("/api/v1/budget-curve?steps=4", &body);
    assert_eq!(api.status, 200, "{}", api.text());
    assert!(api.body == cli.stdout, "the curve differs from the CLI's");
}

#[test]
fn a_bad_profile_gets_the_command_lines_diagnostics_as_a_problem() {
    let served = Served::start(&[]);
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, body) = example("commune-rurale.ron");
    let text = String::from_utf8(body)
        .expect("UTF-8")
        .replacen("headcount: ", "headcount: -", 1);
    let file = dir.path().join("profil.ron");
    std::fs::write(&file, &text).expect("write");
    let shown = file.to_str().expect("UTF-8 path");
    let cli = parcours(&["plan", shown]);
    assert_eq!(cli.status.code(), Some(2));
    let err = stderr(&cli);
    let api = served.post(&format!("/api/v1/plan?file={shown}"), text.as_bytes());
    let p = api.problem(422);
    assert_eq!(p["detail"], "1 problème dans le profil");
    let d = &p["diagnostics"][0];
    let at = format!(
        "--> {}:{}:{}",
        d["file"].as_str().unwrap(),
        d["location"]["line"],
        d["location"]["col"]
    );
    assert!(err.contains(&at), "{at} not in:\n{err}");
    assert!(err.contains(d["message"].as_str().unwrap()), "{err}");
    if let Some(path) = d["path"].as_str() {
        assert!(err.contains(&format!("(champ `{path}`)")), "{err}");
    }
    // Not UTF-8: the CLI's message, at the first bad byte.
    let p = served
        .post("/api/v1/plan", b"(name: \"\xff\")")
        .problem(422);
    assert!(
        p["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("UTF-8")
    );
}

#[test]
fn an_export_is_imported_mapped_and_planned_through_the_api() {
    let served = Served::start(&[]);
    let csv = fixture("commune-agents.csv");
    let shown = csv.to_str().expect("UTF-8 path");
    let export = std::fs::read(&csv).expect("fixture");
    // Five titles match nothing: 422, with what was recognised and the mapping to complete.
    let first = served.post(&format!("/api/v1/import?file={shown}"), &export);
    let p = first.problem(422);
    let report = &p["import"];
    let unmatched = report["unmatched"].as_array().expect("unmatched titles");
    assert_eq!(unmatched.len(), 5, "{}", first.text());
    let salle = unmatched
        .iter()
        .find(|t| t["title"] == "Agent polyvalent salle des fêtes")
        .expect("a title of the export");
    assert_eq!(salle["agents"], 2);
    assert!(!report["recognised"].as_array().unwrap().is_empty());
    assert_eq!(
        report["personal_columns"],
        serde_json::json!([
            "Matricule",
            "Civilité",
            "Nom",
            "Prénom",
            "Date de naissance",
            "Sexe"
        ])
    );
    let text = first.text();
    for personal in ["Tartempion", "Zorglub", "M01000", "01/01/1960"] {
        assert!(
            !text.contains(personal),
            "the answer names an agent: {personal}"
        );
    }
    // The mapping completed, sent with the export in a browser's form: the CLI's profile.
    let mapping = complete(report["mapping_template"].as_str().unwrap());
    let boundary = "----parcours-test-7d2";
    let mut form = Vec::new();
    for (name, filename, bytes) in [
        ("export", "commune-agents.csv", export.as_slice()),
        ("mapping", "correspondance.csv", mapping.as_bytes()),
    ] {
        form.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes(),
        );
        form.extend_from_slice(bytes);
        form.extend_from_slice(b"\r\n");
    }
    form.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let query = format!(
        "/api/v1/import?file={shown}&name=Ville+fictive&kind=commune&population=9000&department=35&elected=29"
    );
    let second = served.send("POST", &query, &[("Content-Type", &content_type)], &form);
    assert_eq!(second.status, 200, "{}", second.text());
    let answer = second.json();
    assert!(answer["report"]["unmatched"].as_array().unwrap().is_empty());
    assert_eq!(answer["profile"]["name"], "Ville fictive");
    let dir = tempfile::tempdir().expect("tempdir");
    let map = dir.path().join("correspondance.csv");
    std::fs::write(&map, &mapping).expect("mapping");
    let out = dir.path().join("profil.ron");
    let cli = parcours(&[
        "profile",
        "import",
        shown,
        "--mapping",
        map.to_str().unwrap(),
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
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(cli.status.success(), "{}", stderr(&cli));
    assert_eq!(
        answer["profile_text"].as_str().unwrap(),
        std::fs::read_to_string(&out).expect("profile"),
        "the API writes the CLI's profile"
    );
    // That profile plans through the API.
    let plan = served.post(
        "/api/v1/plan",
        answer["profile_text"].as_str().unwrap().as_bytes(),
    );
    assert_eq!(plan.status, 200, "{}", plan.text());
    // A form without its export.
    let empty = format!("--{boundary}--\r\n");
    served
        .send(
            "POST",
            "/api/v1/import",
            &[("Content-Type", &content_type)],
            empty.as_bytes(),
        )
        .problem(400);
}

/// Asserts that `parcours profile import ARGS` writes the profile text of the API's `answer`.
fn cli_writes(answer: &serde_json::Value, args: &[&str]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("profil.ron");
    let mut all = vec!["profile", "import"];
    all.extend(args);
    all.extend(["-o", out.to_str().unwrap()]);
    let cli = parcours(&all);
    assert!(cli.status.success(), "{}", stderr(&cli));
    assert_eq!(
        answer["profile_text"].as_str().unwrap(),
        std::fs::read_to_string(&out).expect("profile"),
        "the API writes the CLI's profile"
    );
}

/// `commune` and `intercommunality`, as `profile import --commune/--intercommunality`: the
/// commune's department, intercommunality and population from the map; the same profile as the
/// command line's; a code off the map, or outside `department`, refused with the parameter.
#[test]
fn a_commune_code_places_the_imported_profile_as_on_the_command_line() {
    let served = Served::start(&[]);
    let csv = fixture("commune-agents.csv");
    let shown = csv.to_str().expect("UTF-8 path");
    let export = std::fs::read(&csv).expect("fixture");
    let import = |params: &str| {
        served.post(
            &format!("/api/v1/import?file={shown}&ignore_unmatched=true&{params}"),
            &export,
        )
    };
    let answer = import("commune=35238");
    assert_eq!(answer.status, 200, "{}", answer.text());
    let profile = &answer.json()["profile"];
    assert_eq!(
        (
            &profile["commune"],
            &profile["department"],
            &profile["intercommunality"]
        ),
        (
            &serde_json::Value::from("35238"),
            &serde_json::Value::from("35"),
            &serde_json::Value::from("243500139")
        ),
        "{profile}"
    );
    assert!(
        profile["population"].as_u64().unwrap() > 200_000,
        "{profile}"
    );
    cli_writes(
        &answer.json(),
        &[shown, "--ignore-unmatched", "--commune", "35238"],
    );
    // The intercommunality given directly, with the department.
    let given = import("department=35&intercommunality=243500139").json();
    assert_eq!(given["profile"]["intercommunality"], "243500139");
    assert!(given["profile"]["commune"].is_null());
    // Refused: a commune outside the department given, a code off the map.
    for (params, said) in [
        (
            "commune=35238&department=22",
            "commune 35238 est dans le département 35, pas dans le département 22 de department",
        ),
        (
            "commune=99999",
            "commune 99999 : aucune commune de ce code INSEE",
        ),
    ] {
        let p = import(params).problem(400);
        let detail = p["detail"].as_str().unwrap();
        assert!(
            detail.starts_with("paramètre « commune » : ") && detail.contains(said),
            "{p}"
        );
    }
}

#[test]
fn pix_results_join_the_export_through_the_api_as_on_the_command_line() {
    let served = Served::start(&[]);
    let csv = fixture("commune-agents.csv");
    let pix = fixture("commune-pix.csv");
    let shown = csv.to_str().expect("UTF-8 path");
    let boundary = "----parcours-test-pix";
    let mut form = Vec::new();
    for (name, path) in [("export", &csv), ("pix", &pix)] {
        let filename = path.file_name().unwrap().to_str().unwrap();
        form.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes(),
        );
        form.extend_from_slice(&std::fs::read(path).expect("fixture"));
        form.extend_from_slice(b"\r\n");
    }
    form.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let answer = served.send(
        "POST",
        &format!("/api/v1/import?file={shown}&ignore_unmatched=true"),
        &[("Content-Type", &content_type)],
        &form,
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
    let text = answer.text();
    // Names and identifiers join participants to agents, in memory only.
    for personal in ["Tartempion", "Zorglub", "M01000", "01/01/1960"] {
        assert!(
            !text.contains(personal),
            "the answer names an agent: {personal}"
        );
    }
    let json = answer.json();
    let join = &json["report"]["pix"];
    assert!(join["measured_agents"].as_u64().unwrap() > 0, "{join}");
    assert!(join["participants"].as_u64().unwrap() >= join["measured_agents"].as_u64().unwrap());
    assert_eq!(json["profile"]["measured_by"], "Pix");
    // The same profile as `profile import --pix`.
    cli_writes(
        &json,
        &[shown, "--pix", pix.to_str().unwrap(), "--ignore-unmatched"],
    );
    // `pix_id` without a Pix export is refused.
    served
        .post(
            &format!("/api/v1/import?file={shown}&pix_id=Matricule"),
            &std::fs::read(&csv).expect("fixture"),
        )
        .problem(400);
}

#[test]
fn reference_data_and_schemas_are_the_command_lines() {
    let served = Served::start(&[]);
    for (target, args) in [
        (
            "/api/v1/recommendations?priority=true",
            vec!["recommendations", "--priority", "--format", "json"],
        ),
        (
            "/api/v1/recommendations?effect=5&horizon=short",
            vec![
                "recommendations",
                "--effect",
                "5",
                "--horizon",
                "short",
                "--format",
                "json",
            ],
        ),
        (
            "/api/v1/metiers?search=jardinier",
            vec!["metiers", "--search", "jardinier", "--format", "json"],
        ),
        (
            "/api/v1/metiers?category=sensitive",
            vec!["metiers", "--category", "sensitive", "--format", "json"],
        ),
        ("/api/v1/schemas/plan", vec!["schema", "plan"]),
        ("/api/v1/schemas/profile", vec!["schema", "profile"]),
        (
            "/api/v1/schemas/budget-curve",
            vec!["schema", "budget-curve"],
        ),
    ] {
        let api = served.get(target);
        assert_eq!(api.status, 200, "{target}: {}", api.text());
        assert_eq!(api.text(), stdout(&parcours(&args)), "{target}");
    }
    let competencies = served.get("/api/v1/competencies").json();
    assert_eq!(competencies["competencies"].as_array().unwrap().len(), 46);
    let modules = served.get("/api/v1/modules").json();
    let catalogue = parcours::graph::ReferenceData::embedded().expect("reference data");
    assert_eq!(modules.as_array().unwrap().len(), catalogue.modules().len());
    // Wrong parameters, paths and methods: problems in French, never a 5xx.
    let p = served
        .get("/api/v1/metiers?categorie=sensitive")
        .problem(400);
    assert!(
        p["detail"].as_str().unwrap().contains("paramètre inconnu"),
        "{p}"
    );
    let p = served.get("/api/v1/recommendations?effect=9").problem(400);
    assert!(p["detail"].as_str().unwrap().contains("de 1 à 5"), "{p}");
    let p = served.get("/api/v1/metiers?group=nulle-part").problem(400);
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("groupe de métiers inconnu"),
        "{p}"
    );
    served.get("/api/v1/nulle-part").problem(404);
    // A page of another site pointed at 127.0.0.1 (DNS rebinding) is refused.
    let p = served
        .send(
            "GET",
            "/api/v1/modules",
            &[("Host", "autre-site.example:80")],
            b"",
        )
        .problem(403);
    assert!(
        p["detail"].as_str().unwrap().contains("boucle locale"),
        "{p}"
    );
    let wrong = served.get("/api/v1/plan");
    wrong.problem(405);
    assert_eq!(wrong.header("allow"), Some("POST"));
    let p = served
        .post("/api/v1/plan?budget_days=abc", b"")
        .problem(400);
    assert!(p["detail"].as_str().unwrap().contains("budget_days"), "{p}");
}

#[test]
fn the_openapi_document_is_served_and_committed() {
    let served = Served::start(&[]);
    let api = served.get("/api/v1/openapi.json");
    assert_eq!(api.status, 200);
    let doc = api.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let committed = root().join("docs/openapi.json");
    if std::env::var_os("PARCOURS_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&committed, api.text()).expect("write docs/openapi.json");
    }
    assert_eq!(
        std::fs::read_to_string(&committed).unwrap_or_default(),
        api.text(),
        "docs/openapi.json is stale: PARCOURS_UPDATE_SNAPSHOTS=1 cargo test --test e2e serve"
    );
    for path in [
        "/api/v1/plan",
        "/api/v1/import",
        "/api/v1/budget-curve",
        "/api/v1/metiers",
    ] {
        assert!(doc["paths"][path].is_object(), "{path}");
    }
}

#[test]
fn the_web_app_is_served_self_contained_with_its_script_allowed_by_hash() {
    let served = Served::start(&[]);
    let page = served.get("/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let csp = page.header("content-security-policy").expect("a policy");
    assert!(csp.starts_with("default-src 'none'") && csp.contains("connect-src 'self'"));
    assert!(
        csp.contains("script-src 'sha256-") && !csp.contains("script-src 'unsafe-inline'"),
        "{csp}"
    );
    let html = page.text();
    assert!(html.contains("<html lang=\"fr\">"));
    assert!(html.contains("<label for=\"export\">Export des agents (CSV ou XLSX)"));
    for call in [
        "\"/api/v1/import?file=\"",
        "\"/api/v1/metiers?search=\"",
        "\"/api/v1/plan?format=html&file=profil.json\"",
        "\"/api/v1/profile?file=profil.json&format=\"",
    ] {
        assert!(html.contains(call), "the page calls {call}");
    }
    assert!(html.contains("Relire l'export avec ces rattachements"));
    assert!(html.contains("type=\"range\" id=\"budget-curseur\""));
    assert!(
        !html.contains("https://") && !html.contains("http://"),
        "no external asset"
    );
    served.get("/autre-page").problem(404);
}

#[test]
fn a_profile_is_checked_and_written_again_in_ron_or_json() {
    let served = Served::start(&[]);
    let (path, body) = example("commune-rurale.ron");
    let json = served.post("/api/v1/profile?file=commune-rurale.ron", &body);
    assert_eq!(json.status, 200, "{}", json.text());
    assert_eq!(json.header("content-type"), Some("application/json"));
    let ron = served.post("/api/v1/profile?format=ron", &json.body);
    assert_eq!(ron.status, 200, "{}", ron.text());
    assert_eq!(
        ron.header("content-type"),
        Some("application/ron; charset=utf-8")
    );
    // Written again, the profile plans as the original: the same plan, byte for byte.
    let dir = tempfile::tempdir().expect("tempdir");
    let again = dir.path().join("profil.ron");
    std::fs::write(&again, ron.text()).expect("write");
    let original = parcours(&["plan", &path, "--format", "json"]);
    let written = parcours(&["plan", again.to_str().unwrap(), "--format", "json"]);
    assert!(written.status.success(), "{}", stderr(&written));
    assert!(
        original.stdout == written.stdout,
        "the RON written plans differently"
    );
    // A wrong field: the CLI's diagnostic, with its path.
    let bad = String::from_utf8(body)
        .expect("UTF-8")
        .replacen("horizon: 10", "horizon: 0", 1);
    let p = served.post("/api/v1/profile", bad.as_bytes()).problem(422);
    assert_eq!(p["diagnostics"][0]["path"], "horizon", "{p}");
}

#[test]
fn beyond_loopback_a_token_is_required_and_checked() {
    let o = parcours(&["serve", "--bind", "0.0.0.0", "--port", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("donnez un jeton (--token ou la variable PARCOURS_TOKEN)"),
        "{}",
        stderr(&o)
    );
    let o = parcours(&["serve", "--port", "0", "--token", "court"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("le jeton est trop court"),
        "{}",
        stderr(&o)
    );
    let o = parcours(&["serve", "--bind", "ici"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("une adresse IP est attendue"),
        "{}",
        stderr(&o)
    );
    let token = "jeton-de-test-0123456789";
    let served = Served::start(&["--token", token]);
    let refused = served.get("/api/v1/modules");
    refused.problem(401);
    assert_eq!(
        refused.header("www-authenticate"),
        Some("Bearer realm=\"parcours\"")
    );
    served
        .send(
            "GET",
            "/api/v1/modules",
            &[("Authorization", "Bearer jeton-faux-0123456789")],
            b"",
        )
        .problem(401);
    // The page holds no data: served without the token, it asks for it.
    let page = served.get("/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("<label for=\"jeton\">"));
    let bearer = format!("Bearer {token}");
    let ok = served.send("GET", "/api/v1/modules", &[("Authorization", &bearer)], b"");
    assert_eq!(ok.status, 200);
    drop(served);
    // The token from the environment.
    let served = Served::start_with_token_variable(&[], Some(token));
    served.get("/api/v1/modules").problem(401);
    let ok = served.send("GET", "/api/v1/modules", &[("Authorization", &bearer)], b"");
    assert_eq!(ok.status, 200);
}

#[test]
fn limits_answer_413_429_and_503_and_the_server_goes_on() {
    // 413: announced beyond 64 MB, refused before the body is read; and a body that runs past.
    let served = Served::start(&[]);
    served
        .send(
            "POST",
            "/api/v1/plan",
            &[("Content-Length", "64000001")],
            b"",
        )
        .problem(413);
    let big = vec![b' '; 64_000_001];
    let p = served.post("/api/v1/import", &big).problem(413);
    assert!(p["detail"].as_str().unwrap().contains("64 Mo"), "{p}");
    // Chunked, without a length: refused once past the limit.
    let mut chunked = format!("{:x}\r\n", big.len()).into_bytes();
    chunked.extend_from_slice(&big);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    served
        .send(
            "POST",
            "/api/v1/plan",
            &[("Transfer-Encoding", "chunked"), ("Content-Length", "")],
            &chunked,
        )
        .problem(413);
    let (_, rural) = example("commune-rurale.ron");
    assert_eq!(
        served.post("/api/v1/plan", &rural).status,
        200,
        "still serving"
    );
    drop(served);

    // 503: a time limit shorter than a department's plan.
    let served = Served::start(&["--timeout-ms", "1"]);
    let (_, department) = example("departement.ron");
    let late = served.post("/api/v1/plan", &department);
    let p = late.problem(503);
    assert!(p["detail"].as_str().unwrap().contains("délai"), "{p}");
    assert!(late.header("retry-after").is_some());
    assert_eq!(
        served.get("/api/v1/modules").status,
        200,
        "light requests still answered"
    );
    drop(served);

    // 429: one computation at a time and no queue; while a department's curve runs, a plan is
    // refused at once, and served again once it is done.
    let served = Served::start(&["--max-plans", "1", "--queue", "0"]);
    // On a loaded machine the curve's request may arrive while one of our plans holds the only
    // worker: it is then refused itself (a 429 too), and the round starts again.
    let mut rounds = 0;
    let busy = loop {
        rounds += 1;
        assert!(
            rounds <= 10,
            "no round saw a plan refused while the curve ran"
        );
        let (busy, curve) = std::thread::scope(|s| {
            let slow = s.spawn(|| served.post("/api/v1/budget-curve?steps=40", &department));
            // Let the curve take the only worker (it runs for seconds in a debug build).
            std::thread::sleep(Duration::from_millis(300));
            let started = Instant::now();
            let mut busy = None;
            while started.elapsed() < Duration::from_secs(60) && !slow.is_finished() {
                let a = served.post("/api/v1/plan", &rural);
                if a.status == 429 {
                    busy = Some(a);
                    break;
                }
                assert_eq!(a.status, 200, "{}", a.text());
                std::thread::sleep(Duration::from_millis(5));
            }
            (busy, slow.join().expect("the curve").status)
        });
        match (busy, curve) {
            (Some(busy), 200) => break busy,
            (_, 429) => continue,
            (busy, status) => panic!(
                "the curve answered {status}; a plan refused meanwhile: {}",
                busy.is_some()
            ),
        }
    };
    let p = busy.problem(429);
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("file d'attente est pleine"),
        "{p}"
    );
    assert_eq!(busy.header("retry-after"), Some("1"));
    // Served again once the curve is done (its worker may free itself just after answering).
    let started = Instant::now();
    loop {
        let status = served.post("/api/v1/plan", &rural).status;
        if status == 200 {
            break;
        }
        assert_eq!(status, 429, "served again");
        assert!(started.elapsed() < Duration::from_secs(10), "served again");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Opens a connection and sends the head of a plan request announcing `length` bytes of body.
fn upload_head(served: &Served, length: usize) -> TcpStream {
    let mut s = TcpStream::connect(&served.addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let head = format!(
        "POST /api/v1/plan HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {length}\r\n\r\n",
        served.addr
    );
    s.write_all(head.as_bytes()).expect("write head");
    s
}

/// Reads an answer (by its length: the server reads the rest of a refused body before closing
/// the connection) and checks it is the 408 of a body too slow for `limit_ms`.
fn too_slow(s: TcpStream, limit_ms: u64) {
    let mut reader = BufReader::new(s);
    let mut raw = Vec::new();
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("an answer's head");
        raw.extend_from_slice(line.as_bytes());
        if let Some(n) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = n.trim().parse().expect("a length");
        }
        if line == "\r\n" || line.is_empty() {
            break;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).expect("the answer's body");
    raw.extend_from_slice(&body);
    let p = Answer::parse(&raw).problem(408);
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains(&format!("{limit_ms} ms")),
        "{p}"
    );
}

#[test]
fn a_slow_upload_gets_408_at_the_time_limit_and_silent_ones_hold_no_reader() {
    // One computation, no queue: 5 reader threads (`--max-plans + queue + 4`).
    let served = Served::start(&["--timeout-ms", "1500", "--max-plans", "1", "--queue", "0"]);
    let (_, rural) = example("commune-rurale.ron");
    // A client sending its body one byte every 100 ms (it would take minutes): 408 once the
    // time limit has passed, not when the body would have ended.
    let s = upload_head(&served, rural.len());
    let started = Instant::now();
    let mut writer = s.try_clone().expect("a second handle");
    let body = rural.clone();
    let dripping = std::thread::spawn(move || {
        for b in body {
            if writer.write_all(&[b]).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    let closer = s.try_clone().expect("a third handle");
    too_slow(s, 1500);
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "answered after {:?}",
        started.elapsed()
    );
    // (The server would read the rest of the body before closing: the client leaves.)
    closer.shutdown(std::net::Shutdown::Both).expect("shutdown");
    dripping.join().expect("the writer");
    // Eight clients that send their head and then nothing, more than the reader threads: each
    // reader is freed at the time limit, so a plan asked meanwhile is served.
    // (Bodies of 1 kB or less are read by tiny_http before the request is handed over. The
    // connections are opened a little apart: tiny_http's pool of connection threads may queue
    // a connection behind busy ones when several arrive at once.)
    let silent: Vec<TcpStream> = (0..8)
        .map(|_| {
            std::thread::sleep(Duration::from_millis(50));
            upload_head(&served, rural.len())
        })
        .collect();
    std::thread::sleep(Duration::from_millis(50));
    let started = Instant::now();
    let (status, elapsed) = std::thread::scope(|scope| {
        let asked = scope.spawn(|| served.post("/api/v1/plan", &rural).status);
        (asked.join().expect("the plan"), started.elapsed())
    });
    assert_eq!(status, 200);
    assert!(
        elapsed < Duration::from_secs(10),
        "served after {elapsed:?}"
    );
    // A silent client that gives up gets the 408 as it leaves (once every reader has left it:
    // the last three were taken when the first five were left, 1.5 s after them).
    std::thread::sleep(Duration::from_millis(2500));
    for s in silent {
        s.shutdown(std::net::Shutdown::Write).expect("shutdown");
        too_slow(s, 1500);
    }
}
