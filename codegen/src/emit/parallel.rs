//! Emitting on several threads with output in a fixed order. Token streams cannot cross
//! threads, so each job builds its own tokens from the (shared, read-only) IR and returns
//! formatted text; results are put back in job order, so the files do not depend on which
//! thread finished first.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// How many threads emit: `OAS_CODEGEN_THREADS` when set (1 runs everything on the calling
/// thread), else the machine's available parallelism.
pub fn threads() -> usize {
    std::env::var("OAS_CODEGEN_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}

/// `f` applied to every job, on up to [`threads`] threads, the results in the order of `jobs`.
/// Jobs are handed out one at a time, so one long job does not hold back the others.
pub fn map<T: Sync, R: Send>(jobs: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads().min(jobs.len());
    if threads <= 1 {
        return jobs.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(jobs.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let result = f(job);
                results.lock().unwrap_or_else(std::sync::PoisonError::into_inner)[i] = Some(result);
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    // Every slot was filled: a job that panicked would have propagated out of `scope`.
    results.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_back_in_job_order() {
        let jobs: Vec<u64> = (0..500).collect();
        let out = super::map(&jobs, |n| {
            // Uneven work, so threads finish out of order.
            (0..(n % 7) * 1000).fold(*n, |a, b| a.wrapping_add(b) % 1_000_003)
        });
        let sequential: Vec<u64> = jobs.iter().map(|n| (0..(n % 7) * 1000).fold(*n, |a, b| a.wrapping_add(b) % 1_000_003)).collect();
        assert_eq!(out, sequential);
    }
}
