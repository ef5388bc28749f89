//! The server's limits: the size of a request's body, the plans computed at once and those
//! waiting, and the time allowed to each request. [`Workers`] runs the heavy work (plans, budget
//! curves, imports) on a fixed number of threads behind a bounded queue: a request that finds
//! the queue full is refused at once (429), one whose time runs out gets 503 while its
//! computation ends on its own, still counted against the bound.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The largest request body, in bytes: the command line's limit on an input file (64 MB).
pub const MAX_BODY: usize = 64_000_000;

/// The server's limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest request body, in bytes (413 beyond).
    pub max_body: usize,
    /// Plans (or curves, or imports) computed at once.
    pub max_plans: usize,
    /// Requests that may wait for a free computation (429 beyond).
    pub queue: usize,
    /// Time allowed to one request, from its arrival (503 beyond).
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Limits {
            max_body: MAX_BODY,
            max_plans: cores,
            queue: 32,
            timeout: Duration::from_secs(30),
        }
    }
}

/// Why heavy work was not done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Every worker busy and the queue full.
    Busy,
    /// The request's time ran out.
    TimedOut,
    /// The work panicked (a bug): caught, the worker goes on.
    Panicked,
}

type Job<'s> = Box<dyn FnOnce() + Send + 's>;

/// The sending side of the workers' queue (cheap to share between request threads).
#[derive(Clone)]
pub struct Workers<'s> {
    queue: SyncSender<Job<'s>>,
}

/// The receiving side, shared by the worker threads.
pub type Jobs<'s> = Arc<Mutex<Receiver<Job<'s>>>>;

impl<'s> Workers<'s> {
    /// A queue holding at most `queue` waiting jobs, and its receiving side for the workers
    /// (see [`Workers::work`]).
    pub fn new(queue: usize) -> (Self, Jobs<'s>) {
        let (tx, rx) = mpsc::sync_channel(queue);
        (Workers { queue: tx }, Arc::new(Mutex::new(rx)))
    }

    /// A worker's loop: runs jobs until every sender is gone.
    pub fn work(jobs: &Jobs<'s>) {
        loop {
            let job = match jobs.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => return,
            };
            match job {
                Ok(job) => job(),
                Err(_) => return,
            }
        }
    }

    /// Runs `work` on a worker and waits for it until `deadline`.
    pub fn run<T: Send + 's>(
        &self,
        deadline: Instant,
        work: impl FnOnce() -> T + Send + 's,
    ) -> Result<T, Refused> {
        let (tx, rx) = mpsc::channel();
        let job: Job<'s> = Box::new(move || {
            // A job whose request has already been answered (503) is not started.
            if Instant::now() >= deadline {
                return;
            }
            let _ = tx.send(catch_unwind(AssertUnwindSafe(work)).map_err(|_| Refused::Panicked));
        });
        match self.queue.try_send(job) {
            Ok(()) => {}
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => {
                return Err(Refused::Busy);
            }
        }
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(r) => r,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                Err(Refused::TimedOut)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn soon() -> Instant {
        Instant::now() + Duration::from_millis(20)
    }

    #[test]
    fn no_free_worker_and_no_room_to_wait_is_busy() {
        let (workers, _jobs) = Workers::new(0);
        assert_eq!(workers.run(soon(), || 1), Err(Refused::Busy));
    }

    #[test]
    fn a_job_left_waiting_past_its_deadline_times_out_and_is_never_run() {
        let ran = std::sync::atomic::AtomicBool::new(false);
        let (workers, jobs) = Workers::new(1);
        std::thread::scope(|s| {
            assert_eq!(
                workers.run(soon(), || ran
                    .store(true, std::sync::atomic::Ordering::SeqCst)),
                Err(Refused::TimedOut)
            );
            // A worker started late finds the job past its deadline and skips it.
            drop(workers);
            s.spawn(|| Workers::work(&jobs));
        });
        assert!(!ran.load(std::sync::atomic::Ordering::SeqCst));
    }

    #[test]
    fn workers_answer_and_survive_a_panic() {
        let (workers, jobs) = Workers::new(4);
        std::thread::scope(|s| {
            s.spawn(|| Workers::work(&jobs));
            let far = Instant::now() + Duration::from_secs(30);
            assert_eq!(
                workers.run(far, || -> u8 { panic!("a bug") }),
                Err(Refused::Panicked)
            );
            assert_eq!(workers.run(far, || 7), Ok(7));
            drop(workers);
        });
    }
}
