//! Every route of the API in one table: its method and path, its parameters, what its body
//! and its answers are. The dispatcher refuses parameters not listed here and the OpenAPI
//! document (`openapi.rs`) is written from the same table, so the two cannot drift apart.

use parcours_graph::vocab::{Category, Horizon, Maturity};
use parcours_planner::profile::CollectivityKind;
use parcours_report::csv_out::CsvStyle;

/// The prefix of every route of this version of the API.
pub const PREFIX: &str = "/api/v1";

/// An HTTP method the API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// GET: reading.
    Get,
    /// POST: a computation over the body.
    Post,
}

impl Method {
    /// Its name in HTTP.
    pub fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// What a parameter of the address holds.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// A whole number in a range.
    Whole(u64, u64),
    /// `true` or `false`.
    Flag,
    /// One of a closed list of words.
    Word(fn() -> Vec<&'static str>),
    /// Any text.
    Text,
}

/// A parameter of the address (`?name=value`).
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// Its name.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// What it does (English, for developers).
    pub doc: &'static str,
}

/// The body a route takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    /// A profile, RON or JSON.
    Profile,
    /// A staff export, CSV or XLSX (or a form with the export and a mapping file).
    Export,
}

/// What a route does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// A plan.
    Plan,
    /// A budget curve.
    Curve,
    /// A staff export imported.
    Import,
    /// A profile checked and written again, in RON or JSON.
    Profile,
    /// The recommendations.
    Recommendations,
    /// The métiers.
    Metiers,
    /// The competencies.
    Competencies,
    /// The modules.
    Modules,
    /// A JSON Schema.
    Schema(SchemaKind),
    /// The OpenAPI document.
    OpenApi,
}

/// The JSON Schemas served (the same as `parcours schema`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaKind {
    /// The plan.
    Plan,
    /// A profile.
    Profile,
    /// The budget curve.
    BudgetCurve,
}

/// One route.
#[derive(Clone, Copy, Debug)]
pub struct Route {
    /// Its method.
    pub method: Method,
    /// Its path, after [`PREFIX`].
    pub path: &'static str,
    /// What it does.
    pub action: Action,
    /// The OpenAPI operation id.
    pub id: &'static str,
    /// One line for the OpenAPI document (English).
    pub summary: &'static str,
    /// Its parameters.
    pub params: &'static [Param],
    /// Its body.
    pub body: Option<Body>,
    /// The media types of its successful answer, JSON first (its schema follows from the
    /// action, see `openapi.rs`).
    pub answers: &'static [&'static str],
    /// Whether it runs on the bounded workers (and may get 429 / 503).
    pub heavy: bool,
}

const JSON: &str = "application/json";
const HTML: &str = "text/html";
const MD: &str = "text/markdown";
const CSV: &str = "text/csv";
/// The media type of a RON profile.
pub const RON: &str = "application/ron";
/// The media type of an Excel workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn plan_formats() -> Vec<&'static str> {
    vec!["json", "html", "md", "csv", "xlsx"]
}
fn parts() -> Vec<&'static str> {
    vec!["full", "executive", "annex"]
}
fn curve_formats() -> Vec<&'static str> {
    vec!["json", "html", "md", "csv"]
}
fn csv_styles() -> Vec<&'static str> {
    CsvStyle::ALL.iter().map(|s| s.key()).collect()
}
fn horizons() -> Vec<&'static str> {
    Horizon::ALL.iter().map(|h| h.key()).collect()
}
fn categories() -> Vec<&'static str> {
    Category::ALL.iter().map(|c| c.option_value()).collect()
}
fn kinds() -> Vec<&'static str> {
    CollectivityKind::ALL.iter().map(|k| k.key()).collect()
}
fn maturities() -> Vec<&'static str> {
    Maturity::ALL.iter().map(|m| m.key()).collect()
}
fn profile_formats() -> Vec<&'static str> {
    vec!["ron", "json"]
}

const FILE: Param = Param {
    name: "file",
    kind: Kind::Text,
    doc: "The name the body's file had, shown in diagnostics; its extension (.ron, .json, .csv, .xlsx) helps detect the format.",
};
const CSV_STYLE: Param = Param {
    name: "csv_style",
    kind: Kind::Word(csv_styles),
    doc: "CSV flavour: `standard` (comma, no BOM) or `excel` (semicolon, BOM, decimal comma).",
};

const PLAN_PARAMS: &[Param] = &[
    Param {
        name: "format",
        kind: Kind::Word(plan_formats),
        doc: "The plan's format (default `json`: the same bytes as `parcours plan --format json`).",
    },
    Param {
        name: "budget_days",
        kind: Kind::Whole(0, u32::MAX as u64),
        doc: "Trainee-days per year instead of the profile's (the whole training budget, statutory reserve included).",
    },
    Param {
        name: "horizon",
        kind: Kind::Whole(0, u16::MAX as u64),
        doc: "Horizon in years instead of the profile's.",
    },
    Param {
        name: "explain",
        kind: Kind::Flag,
        doc: "Each line's motive with its score (formats `html` and `md` only).",
    },
    Param {
        name: "part",
        kind: Kind::Word(parts),
        doc: "The part of the report (formats `html` and `md` only): `full` (default), `executive` (a few pages: what is left out, totals, priorities, the budget curve) or `annex` (the detailed tables).",
    },
    CSV_STYLE,
    FILE,
];

const CURVE_PARAMS: &[Param] = &[
    Param {
        name: "format",
        kind: Kind::Word(curve_formats),
        doc: "The curve's format (default `json`).",
    },
    Param {
        name: "steps",
        kind: Kind::Whole(0, u32::MAX as u64),
        doc: "Steps between 0 and the last budget (1 to 100; default 20).",
    },
    Param {
        name: "max_days",
        kind: Kind::Whole(0, u32::MAX as u64),
        doc: "The last budget in trainee-days per year (default: where the plan stops improving).",
    },
    CSV_STYLE,
    FILE,
];

const IMPORT_PARAMS: &[Param] = &[
    FILE,
    Param {
        name: "pix_id",
        kind: Kind::Text,
        doc: "The Pix export's column of the campaign's external identifier, joined to the staff export's identifier (default: found from the headers; with the form field `pix` only).",
    },
    Param {
        name: "sheet",
        kind: Kind::Text,
        doc: "The workbook's sheet to read (default: the first).",
    },
    Param {
        name: "ignore_unmatched",
        kind: Kind::Flag,
        doc: "Leave out the agents whose job title matches no métier instead of failing.",
    },
    Param {
        name: "name",
        kind: Kind::Text,
        doc: "The collectivity's name.",
    },
    Param {
        name: "kind",
        kind: Kind::Word(kinds),
        doc: "The collectivity's kind.",
    },
    Param {
        name: "first_year",
        kind: Kind::Whole(0, u16::MAX as u64),
        doc: "Calendar year of the plan's first year (default 2027).",
    },
    Param {
        name: "maturity",
        kind: Kind::Word(maturities),
        doc: "Digital maturity, for the levels the export does not give.",
    },
    Param {
        name: "population",
        kind: Kind::Whole(0, u32::MAX as u64),
        doc: "Inhabitants.",
    },
    Param {
        name: "commune",
        kind: Kind::Text,
        doc: "INSEE code of the commune (`35238`, `2A004`), for a commune or its CCAS: the département, the intercommunality and, unless given, the population follow from the administrative map (an unknown code, or one outside `department`, is refused).",
    },
    Param {
        name: "department",
        kind: Kind::Text,
        doc: "INSEE code of the département (`35`, `2A`, `974`).",
    },
    Param {
        name: "intercommunality",
        kind: Kind::Text,
        doc: "SIREN of the intercommunality (`243500139`), to pool sessions with its other members.",
    },
    Param {
        name: "managers",
        kind: Kind::Whole(0, u32::MAX as u64),
        doc: "Managers to train (default: the export's managers column, else 0).",
    },
    Param {
        name: "elected",
        kind: Kind::Whole(0, u32::MAX as u64),
        doc: "Elected officials to train.",
    },
    Param {
        name: "days_per_year",
        kind: Kind::Whole(0, u32::MAX as u64),
        doc: "Trainee-days per year (default: 2.2 per agent, the national average).",
    },
    Param {
        name: "max_days_per_agent",
        kind: Kind::Whole(0, u32::MAX as u64),
        doc: "Most training days of one agent in a year (default 5).",
    },
    Param {
        name: "cost_per_day",
        kind: Kind::Whole(0, u32::MAX as u64),
        doc: "Euros per trainee-day at a paying body.",
    },
    Param {
        name: "format",
        kind: Kind::Word(profile_formats),
        doc: "The format of the profile text in the answer's `profile_text` (default `ron`, commented).",
    },
];

const PROFILE_PARAMS: &[Param] = &[
    Param {
        name: "format",
        kind: Kind::Word(profile_formats),
        doc: "The profile's format in the answer: `json` (default) or `ron`.",
    },
    FILE,
];

/// A route reading the reference data or a document: GET, JSON, no body, answered at once.
const fn reading(
    path: &'static str,
    action: Action,
    id: &'static str,
    summary: &'static str,
    params: &'static [Param],
) -> Route {
    Route {
        method: Method::Get,
        path,
        action,
        id,
        summary,
        params,
        body: None,
        answers: &[JSON],
        heavy: false,
    }
}

/// Every route.
pub const ROUTES: &[Route] = &[
    Route {
        method: Method::Post,
        path: "/plan",
        action: Action::Plan,
        id: "plan",
        summary: "Plan a profile (RON or JSON body): the plan in the format asked.",
        params: PLAN_PARAMS,
        body: Some(Body::Profile),
        answers: &[JSON, HTML, MD, CSV, XLSX],
        heavy: true,
    },
    Route {
        method: Method::Post,
        path: "/budget-curve",
        action: Action::Curve,
        id: "budgetCurve",
        summary: "The budget curve of a profile (RON or JSON body): what each yearly budget buys.",
        params: CURVE_PARAMS,
        body: Some(Body::Profile),
        answers: &[JSON, HTML, MD, CSV],
        heavy: true,
    },
    Route {
        method: Method::Post,
        path: "/import",
        action: Action::Import,
        id: "importStaff",
        summary: "Import a staff export (CSV or XLSX body, or a form with `export`, an optional `mapping` and an optional Pix Orga export `pix`): the profile and what was recognised.",
        params: IMPORT_PARAMS,
        body: Some(Body::Export),
        answers: &[JSON],
        heavy: true,
    },
    Route {
        method: Method::Post,
        path: "/profile",
        action: Action::Profile,
        id: "profile",
        summary: "Check a profile (RON or JSON body) as the plan does and write it again in RON or JSON: what the web app offers for download.",
        params: PROFILE_PARAMS,
        body: Some(Body::Profile),
        answers: &[JSON, RON],
        heavy: true,
    },
    reading(
        "/recommendations",
        Action::Recommendations,
        "recommendations",
        "The study's recommendations, as `parcours recommendations --format json`.",
        &[
            Param {
                name: "effect",
                kind: Kind::Whole(1, 5),
                doc: "Only those of this desired effect.",
            },
            Param {
                name: "horizon",
                kind: Kind::Word(horizons),
                doc: "Only those of this horizon.",
            },
            Param {
                name: "priority",
                kind: Kind::Flag,
                doc: "Only the 8 priority (➔) recommendations.",
            },
        ],
    ),
    reading(
        "/metiers",
        Action::Metiers,
        "metiers",
        "The métiers, as `parcours metiers --format json`; `search` finds them from a job title.",
        &[
            Param {
                name: "category",
                kind: Kind::Word(categories),
                doc: "Only those of this category of the study.",
            },
            Param {
                name: "group",
                kind: Kind::Text,
                doc: "Only those of this group of recommendation 23.",
            },
            Param {
                name: "search",
                kind: Kind::Text,
                doc: "A job title: the métiers it names, or the closest ones.",
            },
        ],
    ),
    reading(
        "/competencies",
        Action::Competencies,
        "competencies",
        "The levels, the Pix mapping, the domains and the competencies.",
        &[],
    ),
    reading(
        "/modules",
        Action::Modules,
        "modules",
        "The training modules of the catalogue.",
        &[],
    ),
    reading(
        "/schemas/plan",
        Action::Schema(SchemaKind::Plan),
        "planSchema",
        "The JSON Schema of the plan (`parcours schema plan`).",
        &[],
    ),
    reading(
        "/schemas/profile",
        Action::Schema(SchemaKind::Profile),
        "profileSchema",
        "The JSON Schema of a profile (`parcours schema profile`).",
        &[],
    ),
    reading(
        "/schemas/budget-curve",
        Action::Schema(SchemaKind::BudgetCurve),
        "budgetCurveSchema",
        "The JSON Schema of the budget curve (`parcours schema budget-curve`).",
        &[],
    ),
    reading(
        "/openapi.json",
        Action::OpenApi,
        "openapi",
        "This API's OpenAPI 3.1 document.",
        &[],
    ),
];

/// What a method and a path lead to.
#[derive(Clone, Copy, Debug)]
pub enum Found {
    /// A route.
    Route(&'static Route),
    /// A known path, another method (405, with the methods allowed).
    WrongMethod(&'static str),
    /// Nothing (404).
    Nothing,
}

/// Finds the route of a method and a path (without its query).
pub fn find(method: &str, path: &str) -> Found {
    let Some(rest) = path.strip_prefix(PREFIX) else {
        return Found::Nothing;
    };
    let mut other = None;
    for r in ROUTES {
        if r.path == rest {
            if r.method.name() == method {
                return Found::Route(r);
            }
            other = Some(r.method.name());
        }
    }
    other.map_or(Found::Nothing, Found::WrongMethod)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_distinct_and_found() {
        for (i, r) in ROUTES.iter().enumerate() {
            assert!(ROUTES[..i].iter().all(|o| o.id != r.id && o.path != r.path));
            let path = format!("{PREFIX}{}", r.path);
            assert!(matches!(find(r.method.name(), &path), Found::Route(f) if f.id == r.id));
            let names: Vec<&str> = r.params.iter().map(|p| p.name).collect();
            let mut sorted = names.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), names.len(), "{}", r.id);
        }
        assert!(matches!(
            find("GET", "/api/v1/plan"),
            Found::WrongMethod("POST")
        ));
        assert!(matches!(find("GET", "/api/v2/plan"), Found::Nothing));
    }
}
