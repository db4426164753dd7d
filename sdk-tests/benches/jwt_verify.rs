//! Local session JWT verifications per second with a warm key cache, on one core.
//!
//! `cargo bench -p sdk-tests --bench jwt_verify` prints the median and best of 7 rounds, per
//! second of wall time and per second of this thread's CPU time (which a busy machine does not
//! distort), for:
//! - distinct tokens (every verification checks an RS256 signature: 2,000 per round, on a new
//!   client whose key set is warm but has verified none of them);
//! - one token presented again and again (20,000 per round: the signature check is
//!   remembered, the time, audience and issuer checks run every time).

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Instant;

use stytch_api::Client;
use support::*;
use wiremock::MockServer;

/// Rounds per measurement; `JWT_BENCH_ROUNDS=1` suits an instruction count under callgrind.
fn rounds() -> usize {
    std::env::var("JWT_BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(7)
}
const DISTINCT: usize = 2_000;
const REPEATED: usize = 20_000;

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let server = MockServer::start().await;
        jwks_mock(&[key_a()], (rounds() + 1) as u64).mount(&server).await;
        let clock = TestClock::new();
        let options = clock.options();
        let warm_up = sign(key_a(), &session_claims(clock.now()));
        let warm_client = || async {
            let client: Client = client(&server);
            client.sessions().authenticate_jwt_local(&warm_up, &options).await.expect("warm-up");
            client
        };
        let tokens: Vec<String> = (0..DISTINCT)
            .map(|i| {
                let mut claims = session_claims(clock.now());
                claims["request"] = serde_json::json!(i);
                sign(key_a(), &claims)
            })
            .collect();

        let mut distinct = Vec::with_capacity(rounds());
        for _ in 0..rounds() {
            let client = warm_client().await;
            let sessions = client.sessions();
            let start = Timer::start();
            for jwt in &tokens {
                std::hint::black_box(sessions.authenticate_jwt_local(jwt, &options).await.expect("valid"));
            }
            distinct.push(start.rates(DISTINCT));
        }
        report("distinct tokens (RSA check every time)", distinct, DISTINCT);

        let client = warm_client().await;
        let sessions = client.sessions();
        let mut repeated = Vec::with_capacity(rounds());
        for _ in 0..rounds() {
            let start = Timer::start();
            for _ in 0..REPEATED {
                std::hint::black_box(sessions.authenticate_jwt_local(&warm_up, &options).await.expect("valid"));
            }
            repeated.push(start.rates(REPEATED));
        }
        report("one repeated token (signature check remembered)", repeated, REPEATED);
    });
}

/// Wall time and this thread's CPU time (Linux: `/proc/thread-self/stat`, in clock ticks).
struct Timer {
    wall: Instant,
    cpu_ticks: Option<u64>,
}

fn thread_cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which ends with `)`): utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

impl Timer {
    fn start() -> Timer {
        Timer { wall: Instant::now(), cpu_ticks: thread_cpu_ticks() }
    }

    /// Operations per second of wall time and of CPU time (assuming 100 ticks per second).
    fn rates(&self, operations: usize) -> (f64, Option<f64>) {
        let wall = operations as f64 / self.wall.elapsed().as_secs_f64();
        let cpu = match (self.cpu_ticks, thread_cpu_ticks()) {
            (Some(before), Some(after)) if after > before => Some(operations as f64 * 100.0 / (after - before) as f64),
            _ => None,
        };
        (wall, cpu)
    }
}

fn report(what: &str, rates: Vec<(f64, Option<f64>)>, per_round: usize) {
    let median = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values.get(values.len() / 2).copied()
    };
    let wall: Vec<f64> = rates.iter().map(|r| r.0).collect();
    let best = wall.iter().copied().fold(0.0, f64::max);
    let cpu: Vec<f64> = rates.iter().filter_map(|r| r.1).collect();
    let cpu = median(cpu).map_or_else(|| "n/a".to_owned(), |c| format!("{c:.0}/s"));
    println!(
        "local session JWT verification, {what}: median {:.0}/s (best {best:.0}/s) of wall time, {cpu} of CPU time ({} rounds of {per_round}, RS256 2048-bit, one core)",
        median(wall).unwrap_or(0.0),
        rates.len()
    );
}
