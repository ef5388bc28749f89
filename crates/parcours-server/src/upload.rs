//! A request's body, read in memory within the request's time limit. tiny_http gives no hold on
//! a connection's socket (no read timeout), so a body is read on a thread of its own while the
//! reader thread that took the request waits for it until the deadline at most: a client
//! sending its body slowly, or not at all, never holds a reader thread beyond the time limit.
//! A body still coming at the deadline is refused with 408 by its own thread as soon as its
//! next bytes arrive (a slow client), or when the client gives up (a silent one). tiny_http
//! then reads what is left of the body before closing the connection: the threads left with
//! slow or silent clients are bounded ([`MAX_UPLOADS`], 503 beyond).

use crate::problem::Problem;
use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Bodies read at once, at most (slow ones included): beyond, a request is refused at once
/// with 503 rather than read.
pub const MAX_UPLOADS: usize = 256;

/// The least time a body is given to arrive, whatever the request's time limit: a very short
/// limit (tests use 1 ms) bounds the computation, not the copy of a body already sent.
pub const MIN_WAIT: Duration = Duration::from_secs(1);

/// The stack of a thread reading a body (it only copies bytes, on the heap).
const STACK: usize = 128 * 1024;

/// What became of a request's body.
// Moved once per request: boxing the request would only add an allocation.
#[allow(clippy::large_enum_variant)]
pub enum Arrived {
    /// Read (or refused: too large, unreadable, too slow, too many uploads): the request is
    /// back to be answered.
    Read(tiny_http::Request, Result<Vec<u8>, Problem>),
    /// Not arrived by the deadline: its thread keeps the request and answers it (408) itself.
    Left,
}

/// The bodies being read, counted against [`MAX_UPLOADS`].
#[derive(Clone, Debug, Default)]
pub struct Uploads {
    live: Arc<AtomicUsize>,
}

/// 408: the body did not arrive within `limit`.
pub fn too_slow(limit: Duration) -> Problem {
    Problem::new(
        408,
        "envoi-trop-lent",
        "Envoi trop lent",
        format!(
            "le corps de la requête n'est pas arrivé en entier dans le délai de {} ms accordé à une requête : la connexion est-elle trop lente ? réessayez",
            limit.as_millis()
        ),
    )
}

impl Uploads {
    /// Reads `request`'s body (at most `max` bytes) on a thread of its own and waits for it
    /// until `deadline`; `limit` (the time allowed to a request) is said in the 408.
    /// `answer` answers a request whose body arrived too late (the server's sending function).
    pub fn read(
        &self,
        mut request: tiny_http::Request,
        max: usize,
        deadline: Instant,
        limit: Duration,
        answer: fn(tiny_http::Request, Problem),
    ) -> Arrived {
        if self.live.fetch_add(1, Ordering::SeqCst) >= MAX_UPLOADS {
            self.live.fetch_sub(1, Ordering::SeqCst);
            let busy = Problem::new(
                503,
                "trop-d-envois",
                "Trop d'envois en cours",
                format!(
                    "{MAX_UPLOADS} envois de fichiers sont déjà en cours de lecture : réessayez dans un instant"
                ),
            );
            return Arrived::Read(request, Err(busy));
        }
        let (tx, rx) = mpsc::sync_channel(1);
        let live = Arc::clone(&self.live);
        let spawned = std::thread::Builder::new()
            .name("parcours-envoi".into())
            .stack_size(STACK)
            .spawn(move || {
                let body = read_body(&mut request, max, deadline, limit);
                if let Err(mpsc::SendError((request, _))) = tx.send((request, body)) {
                    // The reader thread left at the deadline: this one answers, then waits
                    // for the rest of the body (tiny_http reads it to the end before closing
                    // the connection), still counted.
                    answer(request, too_slow(limit));
                }
                live.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            // No thread (the request went with the closure: tiny_http answers it 500).
            self.live.fetch_sub(1, Ordering::SeqCst);
            return Arrived::Left;
        }
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok((request, body)) => Arrived::Read(request, body),
            Err(_) => Arrived::Left,
        }
    }

    /// Bodies being read now.
    pub fn live(&self) -> usize {
        self.live.load(Ordering::SeqCst)
    }
}

/// The body, in memory, refused beyond `max` bytes (413) before it is read when its length is
/// announced, and as soon as it passes `max` otherwise; refused too (408) when its bytes are
/// still coming after `deadline`.
fn read_body(
    request: &mut tiny_http::Request,
    max: usize,
    deadline: Instant,
    limit: Duration,
) -> Result<Vec<u8>, Problem> {
    let too_large = || {
        Problem::new(
            413,
            "requete-trop-grande",
            "Requête trop grande",
            format!(
                "le corps de la requête dépasse {} Mo, la limite de parcours pour un fichier",
                max / 1_000_000
            ),
        )
    };
    let announced = request.body_length();
    if announced.is_some_and(|n| n > max) {
        return Err(too_large());
    }
    let mut body = Vec::with_capacity(announced.unwrap_or(0));
    let mut reader = request.as_reader().take(max as u64 + 1);
    let mut chunk = vec![0; 64 * 1024];
    loop {
        match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => body.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(Problem::new(
                    400,
                    "corps-illisible",
                    "Corps de la requête illisible",
                    format!("le corps de la requête n'a pas pu être lu en entier : {e}"),
                ));
            }
        }
        if body.len() > max {
            return Err(too_large());
        }
        // Only while bytes are still expected: a body read in full is never refused.
        if Instant::now() > deadline && announced.is_none_or(|n| body.len() < n) {
            return Err(too_slow(limit));
        }
    }
    if announced.is_some_and(|n| body.len() < n) {
        return Err(Problem::new(
            400,
            "corps-incomplet",
            "Corps de la requête incomplet",
            format!(
                "la connexion s'est fermée après {} octets du corps, avant les {} annoncés (Content-Length)",
                body.len(),
                announced.unwrap_or_default()
            ),
        ));
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_408_says_the_time_allowed() {
        let p = too_slow(Duration::from_millis(1500));
        assert_eq!(p.status, 408);
        assert!(p.detail.contains("1500 ms"), "{}", p.detail);
        assert_eq!(Uploads::default().live(), 0);
    }
}
