//! `parcours-server`: the HTTP API of `parcours serve` over the library crates. Requests are
//! read in memory and never written to disk; the answers are those of the command line (the
//! plan's JSON byte for byte), errors are `application/problem+json` with its diagnostics.
//!
//! [`Server::bind`] listens (loopback unless a token guards it), [`Server::run`] serves until the
//! process ends: a few threads read requests and answer the light ones (reference data,
//! schemas); plans, budget curves and imports run on [`limits::Workers`], a fixed number of
//! threads behind a bounded queue; a request's body is read on a thread of its own within the
//! request's deadline ([`upload`]), so a slow client never holds a reader. The routes are
//! listed once, in [`routes::ROUTES`], which the dispatcher and the OpenAPI document
//! ([`openapi`]) both read.
//!
//! The server prints nothing and reads no file: the command line prints its address.

pub mod handlers;
pub mod import_view;
pub mod limits;
pub mod multipart;
pub mod openapi;
pub mod problem;
pub mod query;
pub mod reply;
pub mod routes;
pub mod upload;
pub mod web;

use handlers::{Request, Service};
use limits::{Limits, Refused, Workers};
use parcours_graph::Graph;
use problem::Problem;
use query::Query;
use reply::Reply;
use routes::Found;
use std::net::SocketAddr;
use std::time::Instant;
use upload::{Arrived, Uploads};

/// The environment variable that may hold the token (instead of `--token`).
pub const TOKEN_VARIABLE: &str = "PARCOURS_TOKEN";

/// How the server listens and what it allows.
#[derive(Clone, Debug)]
pub struct Config {
    /// The address and port to listen on (port 0: any free port).
    pub addr: SocketAddr,
    /// The token requests must carry (`Authorization: Bearer …`); required beyond loopback.
    pub token: Option<String>,
    /// The limits.
    pub limits: Limits,
    /// Threads reading requests (and answering the light ones).
    pub threads: usize,
}

/// Why the server cannot start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// A non-loopback address without a token.
    #[error(
        "{0} n'est pas une adresse de boucle locale : le serveur serait joignable par d'autres machines ; donnez un jeton (--token ou la variable {TOKEN_VARIABLE}), que chaque requête devra porter"
    )]
    TokenRequired(std::net::IpAddr),
    /// A token shorter than [`MIN_TOKEN`] characters.
    #[error(
        "le jeton est trop court : donnez-en un d'au moins {MIN_TOKEN} caractères, difficile à deviner"
    )]
    ShortToken,
    /// The address cannot be listened on.
    #[error("impossible d'écouter sur {addr} : {reason}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why, in the system's words.
        reason: String,
    },
}

/// A listening server.
pub struct Server {
    http: tiny_http::Server,
    config: Config,
    addr: SocketAddr,
    uploads: Uploads,
}

/// Shortest token accepted.
pub const MIN_TOKEN: usize = 16;

impl Server {
    /// Listens on `config.addr`, after checking that an address beyond loopback has a token.
    pub fn bind(config: Config) -> Result<Server, ServeError> {
        if let Some(t) = &config.token
            && t.chars().count() < MIN_TOKEN
        {
            return Err(ServeError::ShortToken);
        }
        if !config.addr.ip().is_loopback() && config.token.is_none() {
            return Err(ServeError::TokenRequired(config.addr.ip()));
        }
        let http = tiny_http::Server::http(config.addr).map_err(|e| ServeError::Bind {
            addr: config.addr,
            reason: e.to_string(),
        })?;
        let addr = http.server_addr().to_ip().unwrap_or(config.addr);
        Ok(Server {
            http,
            config,
            addr,
            uploads: Uploads::default(),
        })
    }

    /// The address listened on (with the port chosen when 0 was asked).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves the API over `graph` until the process ends.
    pub fn run(&self, graph: &Graph<'_>) {
        let service = Service::new(graph);
        let (workers, jobs) = Workers::new(self.config.limits.queue);
        std::thread::scope(|s| {
            for _ in 0..self.config.limits.max_plans.max(1) {
                let jobs = jobs.clone();
                s.spawn(move || Workers::work(&jobs));
            }
            for _ in 0..self.config.threads.max(1) {
                let workers = workers.clone();
                let service = &service;
                s.spawn(move || {
                    while let Ok(request) = self.http.recv() {
                        // A bug in a light handler loses its request (tiny_http answers 500
                        // for a request dropped unanswered), never this reader.
                        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            self.respond(service, &workers, request);
                        }));
                    }
                });
            }
            drop(workers);
        });
    }

    fn respond<'s>(
        &self,
        service: &'s Service<'_, '_>,
        workers: &Workers<'s>,
        request: tiny_http::Request,
    ) {
        if let Some((request, reply)) = self.reply(service, workers, request) {
            send(request, reply);
        }
    }

    /// The answer to `request`, with the request to answer; `None` when the request's body
    /// did not arrive in time and its reading thread answers it (`upload.rs`).
    fn reply<'s>(
        &self,
        service: &'s Service<'_, '_>,
        workers: &Workers<'s>,
        request: tiny_http::Request,
    ) -> Option<(tiny_http::Request, Reply)> {
        let arrived = Instant::now();
        let limits = &self.config.limits;
        let deadline = arrived + limits.timeout;
        let (route, query) = match self.routed(&request) {
            Ok(found) => found,
            Err(reply) => return Some((request, reply)),
        };
        // A body gets the request's time limit, and at least a second to arrive.
        let wait = limits.timeout.max(upload::MIN_WAIT);
        let (request, body) = if route.body.is_some() {
            match self
                .uploads
                .read(request, limits.max_body, arrived + wait, wait, |r, p| {
                    send(r, p.reply())
                }) {
                Arrived::Read(request, Ok(body)) => (request, body),
                Arrived::Read(request, Err(p)) => return Some((request, p.reply())),
                Arrived::Left => return None,
            }
        } else {
            (request, Vec::new())
        };
        let content_type = header(&request, "Content-Type");
        let reply = self.compute(service, workers, route, query, content_type, body, deadline);
        Some((request, reply))
    }

    /// The answer of `route`: at once for a light one, on the workers for a heavy one (429 /
    /// 503 at the limits).
    #[allow(clippy::too_many_arguments)]
    fn compute<'s>(
        &self,
        service: &'s Service<'_, '_>,
        workers: &Workers<'s>,
        route: &'static routes::Route,
        query: Query,
        content_type: Option<String>,
        body: Vec<u8>,
        deadline: Instant,
    ) -> Reply {
        if !route.heavy {
            let r = Request {
                query,
                content_type: content_type.as_deref(),
                body: &body,
            };
            return service.answer(route, &r);
        }
        let work = move || {
            let r = Request {
                query,
                content_type: content_type.as_deref(),
                body: &body,
            };
            service.answer(route, &r)
        };
        match workers.run(deadline, work) {
            Ok(reply) => reply,
            Err(Refused::Busy) => Problem::new(
                429,
                "serveur-occupe",
                "Serveur occupé",
                format!(
                    "{} calcul{} en cours et la file d'attente est pleine : réessayez dans un instant",
                    self.config.limits.max_plans,
                    if self.config.limits.max_plans > 1 { "s" } else { "" }
                ),
            )
            .reply()
            .with_header("Retry-After", "1"),
            Err(Refused::TimedOut) => Problem::new(
                503,
                "delai-depasse",
                "Délai dépassé",
                format!(
                    "le calcul n'a pas abouti dans le délai de {} ms accordé à une requête : réessayez plus tard, ou demandez moins (une courbe avec moins de points)",
                    self.config.limits.timeout.as_millis()
                ),
            )
            .reply()
            .with_header("Retry-After", "5"),
            Err(Refused::Panicked) => Problem::new(
                500,
                "erreur-interne",
                "Erreur interne",
                "le calcul s'est interrompu sur une erreur de parcours, pas de la requête ; signalez-la avec la requête qui l'a produite",
            )
            .reply(),
        }
    }
}

impl Server {
    /// The route and parameters of `request`, or the answer that stops it before its body is
    /// read: a foreign host (403), a page, a missing token (401), an unknown path or method
    /// (404 / 405), malformed parameters (400).
    fn routed(
        &self,
        request: &tiny_http::Request,
    ) -> Result<(&'static routes::Route, Query), Reply> {
        if !self.host_allowed(header(request, "Host").as_deref()) {
            return Err(Problem::new(
                403,
                "hote-inattendu",
                "Hôte inattendu",
                "ce serveur n'écoute que sur la boucle locale et ne répond qu'aux adresses 127.0.0.1, localhost et [::1] : une page d'un autre site ne peut pas l'interroger",
            )
            .reply());
        }
        if request.method() == &tiny_http::Method::Get
            && let Some(page) = web::page(request.url())
        {
            return Err(page);
        }
        if let Some(token) = &self.config.token
            && !authorised(header(request, "Authorization").as_deref(), token)
        {
            return Err(Problem::new(
                401,
                "jeton-manquant",
                "Jeton manquant ou incorrect",
                "ce serveur n'accepte que les requêtes portant son jeton : en-tête « Authorization: Bearer JETON »",
            )
            .reply()
            .with_header("WWW-Authenticate", "Bearer realm=\"parcours\""));
        }
        let url = request.url().to_owned();
        let (path, raw_query) = url.split_once('?').unwrap_or((&url, ""));
        let route = match routes::find(request.method().as_str(), path) {
            Found::Route(r) => r,
            Found::WrongMethod(allowed) => {
                return Err(Problem::new(
                    405,
                    "methode-non-admise",
                    "Méthode non admise",
                    format!("cette adresse s'appelle avec la méthode {allowed}"),
                )
                .reply()
                .with_header("Allow", allowed));
            }
            Found::Nothing => {
                return Err(Problem::new(
                    404,
                    "adresse-inconnue",
                    "Adresse inconnue",
                    format!(
                        "aucune ressource à cette adresse ; la liste des adresses est dans {}/openapi.json",
                        routes::PREFIX
                    ),
                )
                .reply());
            }
        };
        let query = match Query::parse(raw_query) {
            Ok(q) => q,
            Err(p) => return Err(p.reply()),
        };
        Ok((route, query))
    }

    /// Whether a request's `Host` names this loopback server (`127.0.0.1`, `localhost` or
    /// `[::1]`, with its port): a page of another site whose name was made to point at
    /// 127.0.0.1 (DNS rebinding) is refused. A server guarded by a token, or beyond loopback,
    /// takes any host; a request without `Host` (HTTP/1.0) is let through.
    fn host_allowed(&self, host: Option<&str>) -> bool {
        if self.config.token.is_some() || !self.addr.ip().is_loopback() {
            return true;
        }
        let Some(host) = host else {
            return true;
        };
        let port = self.addr.port().to_string();
        let (name, given_port) = match host.rsplit_once(':') {
            Some((n, p)) if !n.is_empty() && !p.contains(']') => (n, p),
            _ => (host, "80"),
        };
        given_port == port
            && ["127.0.0.1", "localhost", "[::1]"]
                .iter()
                .any(|n| n.eq_ignore_ascii_case(name))
    }
}

/// The value of a request's header.
fn header(request: &tiny_http::Request, name: &'static str) -> Option<String> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str().to_owned())
}

/// Whether an `Authorization` header carries `token` (compared in constant time).
fn authorised(header: Option<&str>, token: &str) -> bool {
    let Some(given) = header.and_then(|h| h.strip_prefix("Bearer ")) else {
        return false;
    };
    let (a, b) = (given.trim().as_bytes(), token.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Sends `reply` as the answer to `request`, always with a `Content-Length` (tiny_http chunks
/// bodies above 32 kB by default): clients see the size of a plan or a workbook before reading
/// it.
fn send(request: tiny_http::Request, reply: Reply) {
    let mut response = tiny_http::Response::from_data(reply.body)
        .with_status_code(reply.status)
        .with_chunked_threshold(usize::MAX);
    let headers = [
        ("Content-Type", reply.content_type.as_str()),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ];
    for (k, v) in headers
        .into_iter()
        .chain(reply.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            response.add_header(h);
        }
    }
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_bearer_token_is_authorised() {
        let t = "0123456789abcdef";
        assert!(authorised(Some("Bearer 0123456789abcdef"), t));
        assert!(!authorised(Some("Bearer 0123456789abcdeg"), t));
        assert!(!authorised(Some("Bearer 0123456789abcde"), t));
        assert!(!authorised(Some("0123456789abcdef"), t));
        assert!(!authorised(None, t));
    }

    #[test]
    fn beyond_loopback_a_token_is_required() {
        let config = |addr: &str, token: Option<&str>| Config {
            addr: addr.parse().unwrap(),
            token: token.map(str::to_owned),
            limits: Limits::default(),
            threads: 1,
        };
        assert!(matches!(
            Server::bind(config("0.0.0.0:0", None)),
            Err(ServeError::TokenRequired(_))
        ));
        assert!(matches!(
            Server::bind(config("127.0.0.1:0", Some("court"))),
            Err(ServeError::ShortToken)
        ));
        let s = Server::bind(config("127.0.0.1:0", None)).unwrap();
        assert_ne!(s.local_addr().port(), 0);
        let port = s.local_addr().port();
        for ok in ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"] {
            assert!(s.host_allowed(Some(&format!("{ok}:{port}"))), "{ok}");
        }
        assert!(s.host_allowed(None));
        assert!(!s.host_allowed(Some(&format!("evil.example:{port}"))));
        assert!(!s.host_allowed(Some("127.0.0.1:1")));
        assert!(!s.host_allowed(Some("localhost")));
        let guarded = Server::bind(config("127.0.0.1:0", Some("0123456789abcdef"))).unwrap();
        assert!(guarded.host_allowed(Some("evil.example")));
    }
}
