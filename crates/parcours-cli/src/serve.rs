//! `parcours serve`: the token taken from `--token` or the environment, the server bound, its
//! address printed, then served until Ctrl-C or SIGTERM.

use crate::Failure;
use parcours_graph::Graph;
use parcours_server::limits::Limits;
use parcours_server::{Config, Server, TOKEN_VARIABLE};
use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;

/// The options of `parcours serve`.
#[derive(Clone, Debug)]
pub struct Options {
    /// Address and port.
    pub addr: SocketAddr,
    /// `--token`.
    pub token: Option<String>,
    /// `--max-plans`.
    pub max_plans: Option<usize>,
    /// `--queue`.
    pub queue: usize,
    /// `--timeout-ms`.
    pub timeout_ms: u64,
}

/// Binds, prints the address to open, and serves.
pub fn run(graph: &Graph<'_>, o: Options) -> Result<(), Failure> {
    let token = o
        .token
        .or_else(|| std::env::var(TOKEN_VARIABLE).ok().filter(|t| !t.is_empty()));
    let defaults = Limits::default();
    let max_plans = o.max_plans.unwrap_or(defaults.max_plans);
    if max_plans == 0 {
        return Err(Failure::Usage(
            "--max-plans 0 : donnez au moins 1 calcul à la fois".into(),
        ));
    }
    if o.timeout_ms == 0 {
        return Err(Failure::Usage(
            "--timeout-ms 0 : donnez un délai d'au moins 1 milliseconde".into(),
        ));
    }
    let guarded = token.is_some();
    let server = Server::bind(Config {
        addr: o.addr,
        token,
        limits: Limits {
            max_plans,
            queue: o.queue,
            timeout: Duration::from_millis(o.timeout_ms),
            ..defaults
        },
        // Enough readers for the waiting requests and the light ones beside them.
        threads: max_plans + o.queue.min(64) + 4,
    })
    .map_err(|e| Failure::Usage(e.to_string()))?;
    let addr = server.local_addr();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "parcours sert son API sur http://{addr}/api/v1/ (description : http://{addr}/api/v1/openapi.json){}",
        if guarded {
            " ; chaque requête doit porter le jeton"
        } else {
            ""
        }
    );
    let _ = writeln!(out, "Ctrl-C pour arrêter");
    let _ = out.flush();
    drop(out);
    server.run(graph);
    Ok(())
}
