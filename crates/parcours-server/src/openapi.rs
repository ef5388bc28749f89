//! The OpenAPI 3.1 document of the API, written from the route table (`routes.rs`) and the
//! types' JSON Schemas: what the server serves at `/api/v1/openapi.json` and what
//! `docs/openapi.json` holds (a test keeps the two equal).

use crate::import_view::ImportAnswer;
use crate::problem::{PROBLEM_JSON, Problem};
use crate::routes::{Action, Body, Kind, PREFIX, ROUTES, Route, XLSX};
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

/// The document, pretty-printed, ending with a newline.
pub fn document() -> String {
    let mut s = serde_json::to_string_pretty(&value()).unwrap_or_default();
    s.push('\n');
    s
}

/// The document as a JSON value.
pub fn value() -> Value {
    let mut generator = SchemaSettings::draft2020_12()
        .with(|s| {
            s.definitions_path = "/components/schemas".into();
            s.meta_schema = None;
        })
        .into_generator();
    let plan = generator
        .subschema_for::<parcours_planner::plan::Plan>()
        .to_value();
    let curve = generator
        .subschema_for::<parcours_planner::curve::BudgetCurve>()
        .to_value();
    let profile = generator
        .subschema_for::<parcours_planner::profile::Profile>()
        .to_value();
    let import = generator.subschema_for::<ImportAnswer>().to_value();
    let problem = generator.subschema_for::<Problem>().to_value();
    let schemas = generator.take_definitions(true);
    let mut paths = Map::new();
    for r in ROUTES {
        let ok = match r.action {
            Action::Plan => plan.clone(),
            Action::Curve => curve.clone(),
            Action::Import => import.clone(),
            Action::Profile => profile.clone(),
            Action::Schema(_) | Action::OpenApi | Action::Competencies => json!({"type": "object"}),
            Action::Recommendations | Action::Metiers | Action::Modules => {
                json!({"type": "array", "items": {"type": "object"}})
            }
        };
        let op = operation(r, ok, &profile, &problem);
        paths.insert(
            format!("{PREFIX}{}", r.path),
            json!({ r.method.name().to_lowercase(): op }),
        );
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "parcours",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Training plans for French local governments from the CNFPT study on the digital transition of their job families: the HTTP API of `parcours serve`. Errors are `application/problem+json` (RFC 9457) carrying the command line's diagnostics (file, line, column, field path, French message). Bodies are read in memory and never written to disk.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "jeton": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "Required when the server listens on an address other than loopback (`--token` or `PARCOURS_TOKEN`).",
                },
            },
        },
        "security": [{}, {"jeton": []}],
    })
}

fn operation(r: &Route, ok: Value, profile: &Value, problem: &Value) -> Value {
    let parameters: Vec<Value> = r
        .params
        .iter()
        .map(|p| {
            let schema = match p.kind {
                Kind::Whole(min, max) => json!({"type": "integer", "minimum": min, "maximum": max}),
                Kind::Flag => json!({"type": "boolean"}),
                Kind::Word(words) => json!({"type": "string", "enum": words()}),
                Kind::Text => json!({"type": "string"}),
            };
            json!({"name": p.name, "in": "query", "required": false, "description": p.doc, "schema": schema})
        })
        .collect();
    let mut content = Map::new();
    for (i, t) in r.answers.iter().enumerate() {
        let schema = match *t {
            _ if i == 0 => ok.clone(),
            XLSX => json!({"type": "string", "contentMediaType": XLSX}),
            _ => json!({"type": "string"}),
        };
        content.insert((*t).to_owned(), json!({ "schema": schema }));
    }
    let problem_answer =
        |what: &str| json!({"description": what, "content": {PROBLEM_JSON: {"schema": problem}}});
    let mut responses = Map::new();
    responses.insert(
        "200".into(),
        json!({"description": "The result.", "content": content}),
    );
    responses.insert(
        "400".into(),
        problem_answer("A parameter of the address is wrong (unknown, malformed, out of range)."),
    );
    responses.insert(
        "401".into(),
        problem_answer("The token is missing or wrong (servers listening beyond loopback)."),
    );
    responses.insert(
        "403".into(),
        problem_answer("A loopback server without a token answers only requests whose Host is 127.0.0.1, localhost or [::1] with its port (DNS rebinding)."),
    );
    if r.body.is_some() {
        responses.insert(
            "408".into(),
            problem_answer("The body did not arrive within the request's time limit (a client sending it too slowly, or not at all)."),
        );
        responses.insert(
            "413".into(),
            problem_answer("The body is larger than 64 MB."),
        );
        responses.insert("422".into(), problem_answer("The body holds problems: the command line's diagnostics, with file, line, column and field path."));
    }
    if r.heavy {
        responses.insert("429".into(), problem_answer("Every computation slot and the queue are taken: retry after the `Retry-After` delay."));
        responses.insert(
            "503".into(),
            problem_answer(
                "The request's time limit ran out, or too many bodies are being read at once.",
            ),
        );
    }
    let mut op = json!({
        "operationId": r.id,
        "summary": r.summary,
        "parameters": parameters,
        "responses": responses,
    });
    if let Some(body) = r.body {
        let binary = json!({"type": "string", "contentMediaType": "application/octet-stream"});
        let content = match body {
            Body::Profile => json!({
                "application/json": {"schema": profile},
                "application/ron": {"schema": {"type": "string"}},
                "text/plain": {"schema": {"type": "string"}},
            }),
            Body::Export => json!({
                "text/csv": {"schema": {"type": "string"}},
                XLSX: {"schema": binary},
                "multipart/form-data": {"schema": {
                    "type": "object",
                    "properties": {
                        "export": {"description": "The staff export, CSV or XLSX.", "type": "string", "contentMediaType": "application/octet-stream"},
                        "mapping": {"description": "A `titre;metier` mapping file.", "type": "string", "contentMediaType": "text/csv"},
                        "pix": {"description": "The results export of a Pix Orga profile-collection campaign (CSV as Pix writes it): the measured current levels of the agents it joins.", "type": "string", "contentMediaType": "text/csv"},
                    },
                    "required": ["export"],
                }},
            }),
        };
        op["requestBody"] = json!({"required": true, "content": content});
    }
    op
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_documented_with_its_parameters_and_every_reference_resolves() {
        let doc = value();
        for r in ROUTES {
            let op = &doc["paths"][format!("{PREFIX}{}", r.path)][r.method.name().to_lowercase()];
            assert_eq!(op["operationId"], r.id);
            assert_eq!(op["parameters"].as_array().unwrap().len(), r.params.len());
        }
        let text = document();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for piece in text.split("\"$ref\": \"#/components/schemas/").skip(1) {
            let name = &piece[..piece.find('"').unwrap()];
            assert!(schemas.contains_key(name), "{name}");
        }
        assert!(!text.contains("$defs"));
    }
}
