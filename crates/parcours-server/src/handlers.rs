//! What each route answers: plain functions from a request (its parameters and body, already
//! read in memory) to a [`Reply`], over the library crates, with the command line's results
//! byte for byte and its diagnostics as problems.

use crate::import_view::{self, ImportAnswer};
use crate::multipart;
use crate::problem::Problem;
use crate::query::Query;
use crate::reply::Reply;
use crate::routes::{Action, RON, Route, SchemaKind, XLSX};
use parcours_batch::geography::Geography;
use parcours_graph::ids::{EffectNumber, GroupId};
use parcours_graph::vocab::{Category, Horizon, Maturity};
use parcours_graph::{Graph, ReferenceData};
use parcours_import::formats::{self, Format};
use parcours_import::mapping::{self, Mapping};
use parcours_import::staff::{ImportOptions, import_with_pix};
use parcours_import::{pix, table, written};
use parcours_planner::check::CheckedProfile;
use parcours_planner::curve::{CurveError, CurveOptions, budget_curve};
use parcours_planner::left_out;
use parcours_planner::options::{OptionError, PlanOptions};
use parcours_planner::planner::Planner;
use parcours_planner::profile::CollectivityKind;
use parcours_report::csv_out::CsvStyle;
use parcours_report::part::{Part, ReportOptions};
use parcours_report::{csv_out, curve, html, plan_text, views, xlsx};

/// A request as the handlers see it: its parameters, its media type, its body.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    /// The parameters of its address.
    pub query: Query,
    /// Its `Content-Type`, if any.
    pub content_type: Option<&'a str>,
    /// Its body.
    pub body: &'a [u8],
}

/// The reference data, its graph and a planner, shared by every request.
pub struct Service<'g, 'd> {
    data: &'d ReferenceData,
    graph: &'g Graph<'d>,
    planner: Planner<'g, 'd>,
    openapi: String,
}

/// The JSON Schema of the plan, a profile or the budget curve, as `parcours schema` writes it.
pub fn schema(which: SchemaKind) -> String {
    let schema = match which {
        SchemaKind::Plan => schemars::schema_for!(parcours_planner::plan::Plan),
        SchemaKind::Profile => schemars::schema_for!(parcours_planner::profile::Profile),
        SchemaKind::BudgetCurve => schemars::schema_for!(parcours_planner::curve::BudgetCurve),
    };
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

impl<'g, 'd> Service<'g, 'd> {
    /// A service over the graph of the reference data.
    pub fn new(graph: &'g Graph<'d>) -> Self {
        Service {
            data: graph.data(),
            graph,
            planner: Planner::new(graph),
            openapi: crate::openapi::document(),
        }
    }

    /// The answer of `route` to `request`: its result, or a problem.
    pub fn answer(&self, route: &Route, request: &Request<'_>) -> Reply {
        self.handle(route, request)
            .unwrap_or_else(|problem| problem.reply())
    }

    fn handle(&self, route: &Route, r: &Request<'_>) -> Result<Reply, Problem> {
        let names: Vec<&str> = route.params.iter().map(|p| p.name).collect();
        r.query.only(&names)?;
        match route.action {
            Action::Plan => self.plan(r),
            Action::Curve => self.curve(r),
            Action::Import => self.import(r),
            Action::Profile => self.profile_written(r),
            Action::Recommendations => self.recommendations(&r.query),
            Action::Metiers => self.metiers(&r.query),
            Action::Competencies => Ok(Reply::json(self.data.competencies())),
            Action::Modules => Ok(Reply::json(&self.data.modules())),
            Action::Schema(which) => Ok(Reply::text("application/json", schema(which))),
            Action::OpenApi => Ok(Reply::text("application/json", self.openapi.clone())),
        }
    }

    /// The body read as a profile and checked, as `parcours plan` reads a file.
    fn profile(&self, r: &Request<'_>) -> Result<CheckedProfile, Problem> {
        let file = r.query.text("file").unwrap_or("profil");
        let bad = |d| Problem::invalid(d, "le profil");
        let text = formats::utf8_text(file, r.body.to_vec()).map_err(|d| bad(vec![d]))?;
        let format = if r.content_type.is_some_and(|t| t.contains("json")) {
            Format::Json
        } else {
            Format::detect(file, &text)
        };
        formats::load(self.data, file, &text, format).map_err(bad)
    }

    fn plan(&self, r: &Request<'_>) -> Result<Reply, Problem> {
        let q = &r.query;
        let format = q
            .word("format", &["json", "html", "md", "csv", "xlsx"], |w| w)?
            .unwrap_or("json");
        let explain = q.flag("explain")?;
        if explain && !matches!(format, "html" | "md") {
            return Err(Problem::bad_parameter(
                "explain",
                "ne s'applique qu'aux rapports à lire (format html ou md) ; le JSON donne déjà le score de chaque ligne et ses composantes",
            ));
        }
        let part = match q.word("part", &["full", "executive", "annex"], |w| w)? {
            None | Some("full") => Part::Full,
            Some("executive") => Part::Executive,
            Some(_) => Part::Annex,
        };
        if part != Part::Full && !matches!(format, "html" | "md") {
            return Err(Problem::bad_parameter(
                "part",
                "ne s'applique qu'aux rapports à lire (format html ou md) ; les formats CSV, XLSX et JSON gardent toutes les lignes",
            ));
        }
        let style = csv_style(q)?;
        let options = PlanOptions {
            budget_days: q.number("budget_days", 0, u64::from(u32::MAX))?,
            horizon: q.number("horizon", 0, u64::from(u16::MAX))?,
        };
        options.check().map_err(|e| match e {
            OptionError::Horizon(_) => Problem::bad_parameter("horizon", &e.to_string()),
            _ => Problem::bad_parameter("budget_days", &e.to_string()),
        })?;
        let p = self.profile(r)?.with_options(&options).map_err(|e| {
            let mut m = e.to_string();
            if let OptionError::BelowStatutoryReserve { reserve, .. } = e {
                m.push_str(&format!(
                    " ; donnez au moins {} jours, ou changez la section `statutory` du profil",
                    reserve.ceil_whole()
                ));
            }
            Problem::bad_parameter("budget_days", &m)
        })?;
        let mut plan = self.planner.plan(&p);
        left_out::thresholds(&self.planner, &p, &mut plan.warnings);
        // The executive part shows the budget curve, as `parcours plan` computes it.
        let plans_nothing = plan.years.iter().all(|y| y.sessions.is_empty());
        let curve = if matches!(format, "html" | "md") && part.executive() && !plans_nothing {
            Some(
                budget_curve(&self.planner, &p, &CurveOptions::default()).map_err(|e| {
                    Problem::new(500, "erreur-interne", "Erreur interne", e.to_string())
                })?,
            )
        } else {
            None
        };
        let report = ReportOptions {
            explain,
            part,
            curve: curve.as_ref(),
        };
        Ok(match format {
            "html" => Reply::text("text/html", html::plan_html(&plan, self.data, &report)),
            "md" => Reply::text(
                "text/markdown",
                plan_text::plan_md(&plan, self.data, &report),
            ),
            "csv" => Reply::text("text/csv", csv_out::plan_csv(&plan, self.data, style)),
            "xlsx" => match xlsx::plan_xlsx(&plan, self.data) {
                Ok(bytes) => Reply::new(200, XLSX, bytes),
                Err(e) => {
                    Problem::new(500, "erreur-interne", "Erreur interne", e.to_string()).reply()
                }
            },
            _ => Reply::json(&plan),
        })
    }

    /// The body's profile, checked as `plan` checks it, written again in RON (with a header
    /// comment) or JSON (as `profile import --format json` writes it).
    fn profile_written(&self, r: &Request<'_>) -> Result<Reply, Problem> {
        let ron = r.query.word("format", &["ron", "json"], |w| w)? == Some("ron");
        let checked = self.profile(r)?;
        let p = checked.profile();
        if ron {
            let header = format!(
                "Profil de collectivité « {} », écrit par parcours (application web).\nPour le plan :  parcours plan <ce fichier>",
                p.name
            );
            parcours_import::csv::to_ron(p, &header)
                .map(|text| Reply::text(RON, text))
                .map_err(|e| Problem::new(500, "erreur-interne", "Erreur interne", e))
        } else {
            Ok(Reply::json(p))
        }
    }

    fn curve(&self, r: &Request<'_>) -> Result<Reply, Problem> {
        let q = &r.query;
        let format = q
            .word("format", &["json", "html", "md", "csv"], |w| w)?
            .unwrap_or("json");
        let style = csv_style(q)?;
        let options = CurveOptions {
            steps: q
                .number("steps", 0, u64::from(u32::MAX))?
                .unwrap_or(CurveOptions::default().steps),
            max_days: q.number("max_days", 0, u64::from(u32::MAX))?,
        };
        let param = |e: CurveError| match e {
            CurveError::Steps(_) => Problem::bad_parameter("steps", &e.to_string()),
            _ => Problem::bad_parameter("max_days", &e.to_string()),
        };
        options.check().map_err(param)?;
        let p = self.profile(r)?;
        let c = budget_curve(&self.planner, &p, &options).map_err(param)?;
        Ok(match format {
            "html" => Reply::text("text/html", html::budget_curve_html(&c)),
            "md" => Reply::text("text/markdown", curve::curve_md(&c)),
            "csv" => Reply::text("text/csv", curve::curve_csv(&c, style)),
            _ => Reply::json(&c),
        })
    }

    fn import(&self, r: &Request<'_>) -> Result<Reply, Problem> {
        let q = &r.query;
        let form = multipart::boundary(r.content_type)
            .map(|b| multipart::parts(r.body, &b))
            .transpose()
            .map_err(|m| Problem::bad_parameter("Content-Type", &m))?;
        let (export, export_name, mapping_part, pix_part) = match &form {
            None => (r.body, None, None, None),
            Some(parts) => {
                let export = parts.iter().find(|p| p.name == "export").ok_or_else(|| {
                    Problem::new(
                        400,
                        "formulaire-incomplet",
                        "Formulaire incomplet",
                        "le formulaire n'a pas de champ « export » (le fichier des agents)",
                    )
                })?;
                let mapping = parts.iter().find(|p| p.name == "mapping");
                let pix = parts.iter().find(|p| p.name == "pix");
                (export.body, export.filename.as_deref(), mapping, pix)
            }
        };
        let file = q.text("file").or(export_name).unwrap_or("export");
        let table = table::read(file, export, q.text("sheet"))
            .map_err(|d| Problem::invalid(d, "l'export"))?;
        let mapping: Option<Mapping> = match mapping_part {
            None => None,
            Some(m) => {
                let name = m.filename.as_deref().unwrap_or("correspondance.csv");
                Some(
                    mapping::read(self.data, name, m.body)
                        .map_err(|d| Problem::invalid(d, "le fichier de correspondance"))?,
                )
            }
        };
        // The results of a Pix Orga campaign, as `profile import --pix`: names and identifiers
        // only join participants to staff rows, in memory, and are never answered.
        let pix_id = q.text("pix_id");
        if pix_id.is_some() && pix_part.is_none() {
            return Err(Problem::bad_parameter(
                "pix_id",
                "ne s'applique qu'avec un export Pix (champ « pix » du formulaire)",
            ));
        }
        let pix = match pix_part {
            None => None,
            Some(p) => {
                let name = p.filename.as_deref().unwrap_or("export-pix.csv");
                let t = table::read(name, p.body, None)
                    .map_err(|d| Problem::invalid(d, "l'export Pix"))?;
                Some(
                    pix::read(self.data, &t, pix_id)
                        .map_err(|d| Problem::invalid(d, "l'export Pix"))?,
                )
            }
        };
        // As `profile import --commune`: the commune's department, intercommunality and
        // population from the administrative map (read on the first such request).
        let commune = q.text("commune");
        let department = q.text("department");
        let place = commune
            .map(|c| Geography::france().place(c, department))
            .transpose()
            .map_err(|e| Problem::bad_parameter("commune", &e.french("")))?;
        let defaults = ImportOptions::default();
        let opts = ImportOptions {
            name: q.text("name").map_or(defaults.name, str::to_owned),
            kind: q
                .word("kind", &CollectivityKind::ALL, CollectivityKind::key)?
                .unwrap_or(defaults.kind),
            first_year: q
                .number("first_year", 0, u64::from(u16::MAX))?
                .unwrap_or(defaults.first_year),
            maturity: q
                .word("maturity", &Maturity::ALL, Maturity::key)?
                .unwrap_or(defaults.maturity),
            population: q.number("population", 0, u64::from(u32::MAX))?,
            commune: commune.map(str::to_owned),
            department: department.map(str::to_owned),
            intercommunality: q.text("intercommunality").map(str::to_owned),
            managers: q.number("managers", 0, u64::from(u32::MAX))?,
            elected_officials: q.number("elected", 0, u64::from(u32::MAX))?,
            days_per_year: q.number("days_per_year", 0, u64::from(u32::MAX))?,
            max_days_per_agent: q
                .number("max_days_per_agent", 0, u64::from(u32::MAX))?
                .unwrap_or(defaults.max_days_per_agent),
            cost_per_day: q.number("cost_per_day", 0, u64::from(u32::MAX))?,
            ignore_unmatched: q.flag("ignore_unmatched")?,
        };
        let opts = match place {
            Some(p) => opts.placed(p.department, p.intercommunality, p.population),
            None => opts,
        };
        let json = q.word("format", &["ron", "json"], |w| w)? == Some("json");
        match import_with_pix(self.data, &table, &opts, mapping.as_ref(), pix.as_ref()) {
            Err(failed) => {
                let mut p = Problem::invalid(failed.diagnostics, "l'export");
                p.import =
                    serde_json::to_value(import_view::report(self.data, &failed.report, file)).ok();
                Err(p)
            }
            Ok(imported) => {
                let text = if json {
                    let mut s = serde_json::to_string_pretty(&imported.profile).unwrap_or_default();
                    s.push('\n');
                    s
                } else {
                    written::profile_ron(self.data, &imported, file)
                };
                // As the command line: a profile that `plan` would refuse is not handed out.
                let format = if json { Format::Json } else { Format::Ron };
                let name = format!("profil produit à partir de {file}");
                if let Err(problems) = formats::load(self.data, &name, &text, format) {
                    return Err(Problem::invalid(
                        problems
                            .into_iter()
                            .map(|d| d.with_help("ce profil serait refusé par le calcul du plan ; corrigez l'export ou les paramètres (name, first_year…)"))
                            .collect(),
                        "le profil produit",
                    ));
                }
                Ok(Reply::json(&ImportAnswer {
                    profile: &imported.profile,
                    profile_text: text,
                    report: import_view::report(self.data, &imported.report, file),
                }))
            }
        }
    }

    fn recommendations(&self, q: &Query) -> Result<Reply, Problem> {
        let effect = q.number::<u16>("effect", 1, 5)?.map(EffectNumber);
        if let Some(e) = effect
            && self.data.effect(e).is_none()
        {
            return Err(Problem::bad_parameter(
                "effect",
                &format!(
                    "cet effet n'existe pas (l'étude compte les effets 1 à {})",
                    self.data.effects().len()
                ),
            ));
        }
        let filter = views::RecommendationFilter {
            effect,
            horizon: q.word("horizon", &Horizon::ALL, Horizon::key)?,
            priority_only: q.flag("priority")?,
        };
        Ok(Reply::json(&views::recommendation_views(
            self.graph, &filter,
        )))
    }

    fn metiers(&self, q: &Query) -> Result<Reply, Problem> {
        let group = q.text("group").map(GroupId::new);
        if let Some(g) = &group
            && self.data.group(g).is_none()
        {
            let known: Vec<&str> = self.data.groups().iter().map(|g| g.id.as_str()).collect();
            return Err(Problem::bad_parameter(
                "group",
                &format!(
                    "groupe de métiers inconnu (groupes connus : {})",
                    known.join(", ")
                ),
            ));
        }
        let filter = views::MetierFilter {
            category: q.word("category", &Category::ALL, Category::option_value)?,
            group,
        };
        let mut list = views::metier_views(self.graph, &filter);
        if let Some(text) = q.text("search") {
            views::search_metiers(self.data, &mut list, text);
        }
        Ok(Reply::json(&list))
    }
}

fn csv_style(q: &Query) -> Result<CsvStyle, Problem> {
    Ok(q.word("csv_style", &CsvStyle::ALL, CsvStyle::key)?
        .unwrap_or(CsvStyle::Standard))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::{Found, find};
    use parcours_graph::sources::Sources;

    fn answer(service: &Service<'_, '_>, method: &str, target: &str, body: &[u8]) -> Reply {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let Found::Route(route) = find(method, path) else {
            panic!("no route {method} {path}");
        };
        let request = Request {
            query: Query::parse(query).unwrap(),
            content_type: None,
            body,
        };
        service.answer(route, &request)
    }

    #[test]
    fn handlers_answer_plans_problems_and_reference_data() {
        let data = ReferenceData::load(&Sources::embedded()).unwrap();
        let graph = Graph::new(&data);
        let service = Service::new(&graph);
        let profile = include_bytes!("../../../examples/profiles/commune-rurale.ron");
        let plan = answer(&service, "POST", "/api/v1/plan", profile);
        assert_eq!(plan.status, 200);
        assert!(plan.body.ends_with(b"}\n"));
        let v: serde_json::Value = serde_json::from_slice(&plan.body).unwrap();
        assert_eq!(v["profile"]["name"], "Commune de Saint-Aubin-les-Prés");
        let refused = answer(&service, "POST", "/api/v1/plan?explain=true", profile);
        assert_eq!(refused.status, 400);
        let refused = answer(&service, "POST", "/api/v1/plan?horizon=0", profile);
        assert_eq!(refused.status, 400);
        let bad = answer(&service, "POST", "/api/v1/plan", b"(");
        assert_eq!(bad.status, 422);
        let found = answer(&service, "GET", "/api/v1/metiers?search=jardinier", b"");
        let v: serde_json::Value = serde_json::from_slice(&found.body).unwrap();
        assert_eq!(v[0]["id"], "jardinier");
        let schema = answer(&service, "GET", "/api/v1/schemas/profile", b"");
        let v: serde_json::Value = serde_json::from_slice(&schema.body).unwrap();
        assert_eq!(v["title"], "Profile");
        let unknown = answer(&service, "GET", "/api/v1/modules?x=1", b"");
        assert_eq!(unknown.status, 400);
        // A profile written again: RON with its header, or JSON.
        let ron = answer(&service, "POST", "/api/v1/profile?format=ron", profile);
        assert_eq!(ron.status, 200);
        assert!(ron.body.starts_with(
            "// Profil de collectivité « Commune de Saint-Aubin-les-Prés »".as_bytes()
        ));
        let json = answer(&service, "POST", "/api/v1/profile", &ron.body);
        let v: serde_json::Value = serde_json::from_slice(&json.body).unwrap();
        assert_eq!(v["horizon"], 10);
        assert_eq!(
            answer(&service, "POST", "/api/v1/profile", b"(").status,
            422
        );
    }
}
