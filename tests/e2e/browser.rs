//! The web app in a real browser: headless Chromium (Debian's `chromium`, driven by its
//! `chromedriver` over W3C WebDriver) follows the HR director's path on the commune's fixture
//! export — read it, map one unmatched title with the search box, fill in the collectivity, see
//! the plan, move the budget control, download the plan as XLSX and open it; the mapping and
//! the profile downloaded are those the command line reads, and the mapping given again with
//! the export next year keeps the title mapped.
//!
//! Chromium and chromedriver are installed by `scripts/install-browser.sh` where missing; when
//! they cannot be, the test fails saying how to install them, unless `PARCOURS_SKIP_BROWSER=1`.
//! `PARCOURS_SCREENSHOT=path.png` writes a screenshot of the plan view (docs/web-app-plan.png).
//!
//! The WebDriver client is a few blocking functions over `std::net::TcpStream` and serde_json:
//! one JSON request per connection, no asynchronous stack. Every wait is bounded (30 s at
//! most), and the browser, its driver and the server are killed on every path (a drop guard).

use crate::common::{arg, export_fixture, parcours, root, stderr};
use calamine::{Data, Reader, Xlsx};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The longest any single wait of this test lasts.
const WAIT: Duration = Duration::from_secs(30);

/// The key WebDriver uses for an element's reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The processes of the test, killed when it ends, however it ends.
struct Processes {
    children: Vec<Child>,
}

impl Drop for Processes {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// `name` on the PATH, if it is there.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Chromium and chromedriver, installed with the project's script when missing; `None` when
/// they are missing and `PARCOURS_SKIP_BROWSER=1` says to skip.
fn browser() -> Option<(PathBuf, PathBuf)> {
    let found = || Some((on_path("chromium")?, on_path("chromedriver")?));
    if let Some(both) = found() {
        return Some(both);
    }
    if std::env::var("PARCOURS_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        eprintln!(
            "browser test skipped (PARCOURS_SKIP_BROWSER=1): chromium or chromedriver missing"
        );
        return None;
    }
    let script = root().join("scripts/install-browser.sh");
    let out = Command::new("bash")
        .arg(&script)
        .output()
        .expect("bash runs scripts/install-browser.sh");
    let both = found();
    assert!(
        out.status.success() && both.is_some(),
        "The browser test needs Debian's chromium and chromium-driver, and {} could not install them:\n{}\n\
         Install them (as root: apt-get install chromium chromium-driver), or skip this test with \
         PARCOURS_SKIP_BROWSER=1 cargo test --workspace",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    both
}

/// A free loopback port (free when asked: the driver binds it just after).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// One HTTP request with a JSON body (or none), its status and JSON answer.
fn http(
    addr: &str,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Result<(u16, Value), String> {
    let mut s = TcpStream::connect(addr).map_err(|e| format!("connect {addr}: {e}"))?;
    s.set_read_timeout(Some(WAIT)).map_err(|e| e.to_string())?;
    s.set_write_timeout(Some(WAIT)).map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes())
        .and_then(|()| s.write_all(body.as_bytes()))
        .map_err(|e| format!("{method} {path}: {e}"))?;
    // Read by the announced length: chromedriver keeps the connection open after answering.
    let mut reader = BufReader::new(s);
    let mut status_line = String::new();
    reader
        .read_line(&mut status_line)
        .map_err(|e| format!("{method} {path}: {e}"))?;
    let status = status_line
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("{method} {path}: bad status line {status_line:?}"))?;
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader
            .read_line(&mut line)
            .map_err(|e| format!("{method} {path}: {e}"))?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':')
            && k.trim().eq_ignore_ascii_case("content-length")
        {
            length = v
                .trim()
                .parse()
                .map_err(|e| format!("{method} {path}: {e}"))?;
        }
    }
    let mut text = vec![0; length];
    reader
        .read_exact(&mut text)
        .map_err(|e| format!("{method} {path}: {e}"))?;
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&text).map_err(|e| format!("{method} {path}: {e}"))?
    };
    Ok((status, value))
}

/// A WebDriver session.
struct Session {
    driver: String,
    id: String,
}

impl Session {
    /// A command of the session: its `value`, or a panic naming the command and the error.
    fn call(&self, method: &str, command: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{command}", self.id);
        let (status, answer) = http(&self.driver, method, &path, body.as_ref())
            .unwrap_or_else(|e| panic!("WebDriver: {e}"));
        assert_eq!(status, 200, "WebDriver {method} {command}: {answer}");
        answer["value"].clone()
    }

    fn navigate(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    /// Runs `script` (a function body) in the page with `args`.
    fn js(&self, script: &str, args: Value) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// The element found by `css`.
    fn find(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        );
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}: {v}"))
            .to_owned()
    }

    /// Types `text` into the element `css` (keys pressed one by one, as a user would).
    fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.call(
            "POST",
            &format!("/element/{e}/value"),
            Some(json!({ "text": text })),
        );
    }

    /// The text `script` returns ("" when it returns no text).
    fn text(&self, script: &str) -> String {
        self.js(script, json!([]))
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Empties the field `css`.
    fn clear(&self, css: &str) {
        let e = self.find(css);
        self.call("POST", &format!("/element/{e}/clear"), Some(json!({})));
    }

    fn click(&self, css: &str) {
        let e = self.find(css);
        self.call("POST", &format!("/element/{e}/click"), Some(json!({})));
    }

    /// Waits until `script` returns something else than null, false, 0 or "" (30 s at most).
    fn until(&self, what: &str, script: &str) -> Value {
        let started = Instant::now();
        loop {
            let v = self.js(script, json!([]));
            if !(v.is_null() || v == json!(false) || v == json!("") || v == json!(0)) {
                return v;
            }
            assert!(
                started.elapsed() < WAIT,
                "{what} (waited {WAIT:?}); the page says: {}",
                self.js("return document.body.innerText;", json!([]))
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The text of the status line the page announces (its live region).
    fn status(&self) -> String {
        self.js(
            "return document.getElementById('etat').textContent;",
            json!([]),
        )
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = http(
            &self.driver,
            "DELETE",
            &format!("/session/{}", self.id),
            None,
        );
    }
}

/// Starts `parcours serve` on a free loopback port; its address.
fn serve(processes: &mut Processes) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args(["serve", "--port", "0"])
        .env_remove("PARCOURS_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("parcours serve starts");
    let stdout = child.stdout.take().expect("stdout");
    processes.children.push(child);
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("the address is printed");
    first
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .to_owned()
}

/// Starts chromedriver on a free port and opens a headless Chromium session downloading to
/// `downloads`.
fn open_session(
    processes: &mut Processes,
    chromium: &Path,
    chromedriver: &Path,
    downloads: &Path,
) -> Session {
    let port = free_port();
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    processes.children.push(child);
    let driver = format!("127.0.0.1:{port}");
    let started = Instant::now();
    while !matches!(http(&driver, "GET", "/status", None), Ok((200, v)) if v["value"]["ready"] == true)
    {
        assert!(
            started.elapsed() < WAIT,
            "chromedriver not ready on {driver}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let capabilities = json!({ "capabilities": { "alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1600", "--lang=fr-FR"],
            "prefs": {
                "download.default_directory": downloads,
                "download.prompt_for_download": false,
                "download.directory_upgrade": true,
            },
        },
        "goog:loggingPrefs": { "browser": "ALL" },
        "timeouts": { "script": 30000, "pageLoad": 30000, "implicit": 0 },
    }}});
    let (status, answer) = http(&driver, "POST", "/session", Some(&capabilities))
        .unwrap_or_else(|e| panic!("WebDriver session: {e}"));
    assert_eq!(status, 200, "WebDriver session refused: {answer}");
    let id = answer["value"]["sessionId"]
        .as_str()
        .expect("a session id")
        .to_owned();
    Session { driver, id }
}

/// Decodes standard base64 (a screenshot).
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text
        .bytes()
        .filter(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/')
        .map(value)
        .collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, d)| acc | (u32::from(*d) << (18 - 6 * i)));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

/// The file downloaded into `dir` whose name ends with `extension`, once complete.
fn downloaded(dir: &Path, extension: &str) -> PathBuf {
    let started = Instant::now();
    loop {
        let files: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("the download folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        let partial = files
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "crdownload"));
        if let Some(f) = files
            .iter()
            .find(|p| p.extension().is_some_and(|e| e == extension))
            && !partial
        {
            return f.clone();
        }
        assert!(
            started.elapsed() < WAIT,
            "no .{extension} downloaded in {WAIT:?}: {files:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn an_hr_director_maps_a_title_plans_moves_the_budget_and_downloads_the_workbook() {
    let Some((chromium, chromedriver)) = browser() else {
        return;
    };
    let mut processes = Processes {
        children: Vec::new(),
    };
    let downloads = tempfile::tempdir().expect("tempdir");
    let addr = serve(&mut processes);
    let s = open_session(&mut processes, &chromium, &chromedriver, downloads.path());
    s.navigate(&format!("http://{addr}/"));
    assert_eq!(
        s.js("return document.documentElement.lang;", json!([])),
        "fr"
    );
    let unlabelled = s.js(
        "return Array.from(document.querySelectorAll('input, select')).filter(function (i) { return !document.querySelector('label[for=\"' + i.id + '\"]'); }).map(function (i) { return i.id; });",
        json!([]),
    );
    assert_eq!(unlabelled, json!([]), "fields without a label");

    // 1. The export: what was recognised, five titles to map.
    let export = export_fixture("commune-agents.csv");
    s.type_into("#export", export.to_str().expect("UTF-8 path"));
    s.click("#lire");
    s.until(
        "no title to map is shown",
        "return document.querySelectorAll('input[id^=rattache-]').length;",
    );
    let shown = s.text("return document.getElementById('resultat').innerText;");
    assert!(shown.contains("156 agents"), "{shown:?}");
    assert!(
        shown.contains("Colonnes de données personnelles écartées"),
        "{shown}"
    );
    for personal in ["Tartempion", "Zorglub", "M01000"] {
        assert!(!shown.contains(personal), "an agent is named: {personal}");
    }
    assert_eq!(
        s.js(
            "return document.querySelectorAll('input[id^=rattache-]').length;",
            json!([])
        ),
        5
    );
    // One title mapped with the search as you type: « jardin » proposes the gardener.
    let title = s.text("return document.querySelector('label[for=rattache-0]').textContent;");
    s.type_into("#rattache-0", "jardin");
    let proposed = s.until(
        "the search « jardin » proposes no gardener",
        "var o = Array.from(document.querySelectorAll('#rattache-0-liste option')).find(function (o) { return o.value === 'jardinier'; }); return o ? o.value : null;",
    );
    s.clear("#rattache-0");
    s.type_into("#rattache-0", proposed.as_str().expect("a métier id"));
    s.click("#relire");
    s.until(
        "the title mapped on the page is not read back from the mapping",
        "return document.querySelectorAll('input[id^=rattache-]').length === 4 && Array.from(document.querySelectorAll('#resultat td')).some(function (td) { return td.textContent === 'fichier de correspondance'; });",
    );
    let mapped = s.js(
        "return Array.from(document.querySelectorAll('#resultat tr')).filter(function (tr) { return tr.innerText.indexOf('fichier de correspondance') >= 0; }).map(function (tr) { return tr.cells[0].textContent + ' → ' + tr.cells[1].textContent; });",
        json!([]),
    );
    let mapped_text = mapped.to_string();
    let title =
        &title[title.find('«').map_or(0, |i| i + 3)..title.find(" »").unwrap_or(title.len())];
    assert!(mapped_text.contains(title), "{title} not in {mapped_text}");
    assert!(mapped_text.contains("Jardinier"), "{mapped_text}");
    // The mapping is offered for next year: the file `profile import --mapping` reads.
    s.click("#telecharger-correspondance");
    let mapping = downloaded(downloads.path(), "csv");
    assert_eq!(
        mapping.file_name().and_then(|n| n.to_str()),
        Some("correspondance-intitules-metiers.csv")
    );
    let work = tempfile::tempdir().expect("tempdir");
    let written = work.path().join("profil.ron");
    let cli = parcours(&[
        "profile",
        "import",
        arg(&export),
        "--mapping",
        arg(&mapping),
        "--ignore-unmatched",
        "-o",
        arg(&written),
    ]);
    assert!(cli.status.success(), "{}", stderr(&cli));
    let profile = std::fs::read_to_string(&written).expect("the CLI's profile");
    // The gardeners (8 + 4 recognised) and the 2 agents of the title mapped on the page.
    assert!(
        profile.contains("(metier: \"jardinier\", headcount: 14,"),
        "{profile}"
    );

    // 2. The collectivity; a wrong field is refused beside it, in the CLI's words.
    s.until(
        "the collectivity's form is not shown",
        "return !document.getElementById('etape-collectivite').hidden;",
    );
    s.type_into("#nom", "Commune de Test-sur-Vilaine");
    s.js(
        "var t = document.getElementById('type'); t.value = 'commune'; t.dispatchEvent(new Event('change'));",
        json!([]),
    );
    s.type_into("#population", "9000");
    s.type_into("#departement", "99A");
    s.type_into("#elus", "29");
    s.type_into("#euros", "30000");
    s.type_into("#horizon", "6");
    s.type_into("#carriere", "100");
    s.click("#ignorer");
    s.click("#calculer");
    let beside = s.until(
        "a wrong département is not shown beside its field",
        "var p = document.getElementById('erreur-departement'); return p.hidden ? null : p.textContent;",
    );
    assert!(
        beside.as_str().unwrap_or_default().starts_with("erreur : "),
        "{beside}"
    );
    assert_eq!(
        s.js(
            "return document.getElementById('departement').getAttribute('aria-invalid');",
            json!([])
        ),
        "true"
    );
    s.clear("#departement");
    s.type_into("#departement", "35");
    s.click("#calculer");

    // 3. The plan, as the HTML report shows it, with its budget curve.
    s.until(
        "the plan is not shown",
        "return !document.getElementById('etape-plan').hidden && document.getElementById('rapport').srcdoc.length > 0;",
    );
    let first = s.text("return document.getElementById('rapport').srcdoc;");
    assert!(
        first.contains("Commune de Test-sur-Vilaine"),
        "the report names the collectivity"
    );
    assert!(first.contains("Courbe budgétaire"), "the budget curve");
    let initial = s.js(
        "return Number(document.getElementById('budget').value);",
        json!([]),
    );
    let initial = initial.as_u64().expect("a budget");
    assert!(initial > 0);
    assert!(
        first.contains(&format!(
            "Budget de formation : {initial} jours-stagiaires par an"
        )),
        "the report's budget"
    );
    // The range moved with the keyboard: re-planned.
    // (Keys pressed on the focused range: WebDriver would set a range's value directly.)
    s.js(
        "document.getElementById('budget-curseur').focus();",
        json!([]),
    );
    let left = json!({ "type": "keyDown", "value": "\u{E012}" });
    let up = json!({ "type": "keyUp", "value": "\u{E012}" });
    s.call(
        "POST",
        "/actions",
        Some(json!({ "actions": [{ "type": "key", "id": "clavier",
            "actions": [left, up, left, up, left, up] }] })),
    );
    let lower = initial - 3;
    s.until(
        "the range did not re-plan",
        &format!("return document.getElementById('etat').textContent === 'Plan calculé pour {lower} jours-stagiaires par an.';"),
    );
    assert_eq!(
        s.js(
            "return Number(document.getElementById('budget').value);",
            json!([])
        ),
        lower
    );
    // A budget below the statutory reserve (100 civil servants in post): refused beside the
    // control, in the CLI's words.
    s.clear("#budget");
    s.type_into("#budget", "2");
    let refused = s.until(
        "a budget below the reserve is not refused beside the control",
        "var p = document.getElementById('erreur-budget'); return p.hidden ? null : p.textContent;",
    );
    assert!(
        refused
            .as_str()
            .unwrap_or_default()
            .contains("ne couvre pas la réserve des formations statutaires obligatoires"),
        "{refused}"
    );
    // A budget typed: re-planned, the report's figures changed.
    s.clear("#budget");
    s.type_into("#budget", "100");
    s.until(
        "typing a budget did not re-plan",
        "return document.getElementById('etat').textContent === 'Plan calculé pour 100 jours-stagiaires par an.';",
    );
    let second = s.text("return document.getElementById('rapport').srcdoc;");
    assert_ne!(second, first, "the plan changed with the budget");
    assert!(
        second.contains("Budget de formation : 100 jours-stagiaires par an"),
        "the report's budget follows the control"
    );
    if let Ok(path) = std::env::var("PARCOURS_SCREENSHOT") {
        s.js(
            "document.getElementById('etape-plan').scrollIntoView();",
            json!([]),
        );
        let png = s.call("GET", "/screenshot", None);
        std::fs::write(&path, base64(png.as_str().expect("base64")))
            .unwrap_or_else(|e| panic!("{path}: {e}"));
    }

    // 4. The workbook downloaded, at the budget chosen.
    s.click("#telechargements button[data-format=xlsx]");
    let file = downloaded(downloads.path(), "xlsx");
    assert_eq!(
        file.file_name().and_then(|n| n.to_str()),
        Some("plan-de-formation-commune-de-test-sur-vilaine.xlsx")
    );
    assert!(s.status().contains("téléchargé"), "{}", s.status());
    let mut wb: Xlsx<_> = calamine::open_workbook(&file).expect("the workbook opens");
    assert!(wb.sheet_names().iter().any(|n| n == "Plan annuel"));
    let synthese = wb.worksheet_range("Synthèse").expect("a Synthèse sheet");
    let rows: Vec<&[Data]> = synthese.rows().collect();
    let header = rows
        .iter()
        .position(|r| r.first() == Some(&Data::String("Année".into())))
        .expect("the year table");
    let budget = rows[header]
        .iter()
        .position(|c| *c == Data::String("Budget de formation (jours)".into()))
        .expect("the budget column");
    assert_eq!(rows[header + 1][budget], Data::Float(100.0));

    // The profile downloaded as RON plans on the command line at the budget chosen.
    s.click("#telechargements button[data-profil=ron]");
    let ron = downloaded(downloads.path(), "ron");
    assert_eq!(
        ron.file_name().and_then(|n| n.to_str()),
        Some("profil-commune-de-test-sur-vilaine.ron")
    );
    let plan = parcours(&["plan", arg(&ron), "--format", "json"]);
    assert!(plan.status.success(), "{}", stderr(&plan));
    let plan: Value = serde_json::from_slice(&plan.stdout).expect("the plan's JSON");
    assert_eq!(plan["profile"]["name"], "Commune de Test-sur-Vilaine");
    assert_eq!(plan["profile"]["budget_days_per_year"], 100);
    assert_eq!(plan["profile"]["horizon"], 6);
    let text = std::fs::read_to_string(&ron).expect("the profile");
    assert!(text.contains("euros_per_year: 30000"), "{text}");
    assert!(text.contains("career_headcount: 100"), "{text}");

    // Next year: the export given again with the mapping downloaded, the title stays mapped.
    s.navigate(&format!("http://{addr}/"));
    s.type_into("#export", arg(&export));
    s.type_into("#mapping", arg(&mapping));
    s.click("#lire");
    s.until(
        "the mapping given with the export is not used",
        "return document.querySelectorAll('input[id^=rattache-]').length === 4 && Array.from(document.querySelectorAll('#resultat td')).some(function (td) { return td.textContent === 'fichier de correspondance'; });",
    );

    // No script error in the browser's console (the policy refusing a script, or an
    // exception, would show there).
    let (status, logs) = http(
        &s.driver,
        "POST",
        &format!("/session/{}/se/log", s.id),
        Some(&json!({ "type": "browser" })),
    )
    .unwrap_or_else(|e| panic!("WebDriver log: {e}"));
    if status == 200 {
        let severe: Vec<&Value> = logs["value"]
            .as_array()
            .into_iter()
            .flatten()
            // The API's 4xx answers the path provokes (an import with titles left, a wrong
            // département) are logged as network errors: the page's own errors are not.
            .filter(|l| l["level"] == "SEVERE" && l["source"] != "network")
            .collect();
        assert!(severe.is_empty(), "console errors: {severe:?}");
    }
}
