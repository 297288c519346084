//! The batch: one job per input, run on all cores by a pool of worker threads, each result kept
//! in its input's slot so reports come out in input order whatever order the workers finish in.
//! One input runs on the main thread when its stack is deep enough (a thread costs about
//! 0.1 ms to start).

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Stack of each worker thread: as large as the main thread's usual 8 MiB, and more, so the
/// deepest YAML the parser accepts cannot overflow it in any build.
const WORKER_STACK_BYTES: usize = blueprint::STACK_BYTES;

/// The main thread's stack limit from which one input is run on it rather than on a worker
/// thread (which costs about 0.1 ms to start): the usual 8 MiB. The deepest YAML the parser
/// accepts needed about 0.3 MiB in a release build (`valgrind --tool=massif --stacks=yes`) and
/// 2 to 4 MiB in a debug one.
const MAIN_STACK_BYTES: u64 = 8 << 20;

/// Runs `job` on each of `inputs`, on as many threads as there are cores and inputs, and
/// returns the results in input order. A job that panics ends the run (the scope resumes the
/// panic once every worker is done), so a slot is `None` only in theory (a poisoned lock).
pub fn run<T: Sync, R: Send>(inputs: &[T], job: impl Fn(&T) -> R + Sync) -> Vec<Option<R>> {
    // Inputs are independent. (One input needs no count of the cores, which reads the cgroup
    // files.)
    let workers = match inputs.len() {
        0 | 1 => inputs.len(),
        n => std::thread::available_parallelism().map_or(1, |c| c.get().min(n)),
    };
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<R>>> = inputs.iter().map(|_| Mutex::new(None)).collect();
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(input) = inputs.get(i) else {
                break;
            };
            let r = job(input);
            if let Ok(mut slot) = results[i].lock() {
                *slot = Some(r);
            }
        }
    };
    // One input is run here, on the main thread, when its stack is deep enough.
    if workers == 1 && main_stack_is_deep() {
        work();
    } else {
        spawn_workers(workers, &work);
    }
    results
        .into_iter()
        .map(|slot| slot.into_inner().ok().flatten())
        .collect()
}

/// Runs `job` on one `input` where [`run`] would: on the main thread when its stack is deep
/// enough, else on a worker with a deep stack. For work that parses (a blueprint, a theme file)
/// outside a batch: the parser recurses once per nesting level, which a small main stack
/// (`ulimit -s`) cannot hold in every build.
pub fn one<T: Sync, R: Send>(input: &T, job: impl Fn(&T) -> R + Sync) -> R {
    match run(std::slice::from_ref(input), &job).pop().flatten() {
        Some(r) => r,
        // Only a poisoned slot; run it here rather than lose it.
        None => job(input),
    }
}

/// Runs `work` on `workers` threads and waits for them; here if the system refuses them all.
fn spawn_workers(workers: usize, work: &(impl Fn() + Sync)) {
    std::thread::scope(|s| {
        let mut spawned = 0;
        for _ in 0..workers {
            // The YAML parser recurses once per nesting level (capped at MAX_DEPTH); a spawned
            // thread's default 2 MiB stack is too small for that cap in a debug build.
            let t = std::thread::Builder::new()
                .stack_size(WORKER_STACK_BYTES)
                .spawn_scoped(s, work);
            spawned += usize::from(t.is_ok());
        }
        if spawned == 0 {
            work();
        }
    });
}

/// Whether the main thread's stack may grow to [`MAIN_STACK_BYTES`].
fn main_stack_is_deep() -> bool {
    #[cfg(unix)]
    {
        let limit = rustix::process::getrlimit(rustix::process::Resource::Stack);
        limit.current.is_none_or(|bytes| bytes >= MAIN_STACK_BYTES)
    }
    #[cfg(not(unix))]
    {
        false
    }
}
