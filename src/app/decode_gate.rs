//! At most so many photos decoded at once: each decode takes a permit before it starts on
//! a blocking thread and gives it back when it ends, even if the request that asked for it
//! was cut meanwhile. Uploads beyond the limit wait their turn, so eight large photos at
//! once cost the memory and cores of the limit, not of eight. Its counts go to `/metrics`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use tokio::sync::Semaphore;

/// The gate every photo decode goes through. Cheap to clone: clones share the permits.
#[derive(Debug, Clone)]
pub struct DecodeGate {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    permits: Arc<Semaphore>,
    limit: usize,
    running: AtomicUsize,
    waiting: AtomicUsize,
    most_running: AtomicUsize,
    waited: AtomicU64,
}

/// The gate's counts at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeCounts {
    /// The most decodes that may run at once.
    pub limit: usize,
    /// Decodes running now.
    pub running: usize,
    /// Decodes waiting for a permit now.
    pub waiting: usize,
    /// The most that ever ran at once since the start.
    pub most_running: usize,
    /// Decodes that had to wait for a permit, since the start.
    pub waited: u64,
}

impl DecodeGate {
    /// A gate letting `limit` decodes run at once (at least one).
    pub fn new(limit: usize) -> DecodeGate {
        let limit = limit.max(1);
        DecodeGate {
            inner: Arc::new(Inner {
                permits: Arc::new(Semaphore::new(limit)),
                limit,
                running: AtomicUsize::new(0),
                waiting: AtomicUsize::new(0),
                most_running: AtomicUsize::new(0),
                waited: AtomicU64::new(0),
            }),
        }
    }

    /// The default limit: the machine's cores.
    pub fn default_limit() -> usize {
        std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get)
    }

    /// Runs `work` on a blocking thread once a permit is free. The permit goes with the
    /// work, so it is held until the work ends even if the caller stops waiting.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, tokio::task::JoinError> {
        let inner = &self.inner;
        let permit = match inner.permits.clone().try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                inner.waited.fetch_add(1, Ordering::Relaxed);
                inner.waiting.fetch_add(1, Ordering::SeqCst);
                let permit = inner.permits.clone().acquire_owned().await;
                inner.waiting.fetch_sub(1, Ordering::SeqCst);
                permit.expect("the gate's semaphore is never closed")
            }
        };
        let shared = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let now = shared.running.fetch_add(1, Ordering::SeqCst) + 1;
            shared.most_running.fetch_max(now, Ordering::SeqCst);
            let result = work();
            shared.running.fetch_sub(1, Ordering::SeqCst);
            drop(permit);
            result
        })
        .await
    }

    /// The counts now.
    pub fn counts(&self) -> DecodeCounts {
        let inner = &self.inner;
        DecodeCounts {
            limit: inner.limit,
            running: inner.running.load(Ordering::SeqCst),
            waiting: inner.waiting.load(Ordering::SeqCst),
            most_running: inner.most_running.load(Ordering::SeqCst),
            waited: inner.waited.load(Ordering::Relaxed),
        }
    }
}

impl Default for DecodeGate {
    fn default() -> Self {
        DecodeGate::new(DecodeGate::default_limit())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;

    /// Waits (without a time limit of its own) until `gate` shows `running` and `waiting`.
    async fn until(gate: &DecodeGate, running: usize, waiting: usize) {
        loop {
            let c = gate.counts();
            if c.running == running && c.waiting == waiting {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn five_decodes_through_a_gate_of_two_run_two_at_a_time() {
        let gate = DecodeGate::new(2);
        let mut releases = Vec::new();
        let mut tasks = Vec::new();
        for n in 0..5 {
            let (release, wait) = mpsc::channel::<()>();
            releases.push(release);
            let gate = gate.clone();
            tasks.push(tokio::spawn(async move {
                gate.run(move || {
                    wait.recv().expect("released");
                    n
                })
                .await
                .expect("runs")
            }));
        }
        until(&gate, 2, 3).await;
        assert_eq!(gate.counts().most_running, 2);
        for release in releases {
            release.send(()).expect("a decode waits for it");
        }
        let mut done = Vec::new();
        for task in tasks {
            done.push(task.await.expect("task"));
        }
        done.sort_unstable();
        assert_eq!(done, [0, 1, 2, 3, 4]);
        let counts = gate.counts();
        assert_eq!((counts.running, counts.waiting), (0, 0));
        assert_eq!(counts.most_running, 2, "never more than the limit");
        assert_eq!(counts.waited, 3);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_decode_whose_caller_stopped_waiting_keeps_its_permit_until_it_ends() {
        let gate = DecodeGate::new(1);
        let (release, wait) = mpsc::channel::<()>();
        let first = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.run(move || wait.recv().is_ok()).await })
        };
        until(&gate, 1, 0).await;
        first.abort();
        let _ = first.await;
        // The first decode still runs: a second one waits for it.
        let second = {
            let gate = gate.clone();
            tokio::spawn(async move { gate.run(|| "second").await })
        };
        until(&gate, 1, 1).await;
        release.send(()).expect("the first decode waits");
        assert_eq!(second.await.expect("task").expect("runs"), "second");
        assert_eq!(gate.counts().most_running, 1);
    }
}
