//! Local session JWT verifications per second with a warm key cache, on one core.
//!
//! `cargo bench -p sdk-tests --bench jwt_verify` prints the median and best of 7 rounds for:
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

const ROUNDS: usize = 7;
const DISTINCT: usize = 2_000;
const REPEATED: usize = 20_000;

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let server = MockServer::start().await;
        jwks_mock(&[key_a()], (ROUNDS + 1) as u64).mount(&server).await;
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

        let mut distinct = Vec::with_capacity(ROUNDS);
        for _ in 0..ROUNDS {
            let client = warm_client().await;
            let sessions = client.sessions();
            let start = Instant::now();
            for jwt in &tokens {
                std::hint::black_box(sessions.authenticate_jwt_local(jwt, &options).await.expect("valid"));
            }
            distinct.push(DISTINCT as f64 / start.elapsed().as_secs_f64());
        }
        report("distinct tokens (RSA check every time)", distinct, DISTINCT);

        let client = warm_client().await;
        let sessions = client.sessions();
        let mut repeated = Vec::with_capacity(ROUNDS);
        for _ in 0..ROUNDS {
            let start = Instant::now();
            for _ in 0..REPEATED {
                std::hint::black_box(sessions.authenticate_jwt_local(&warm_up, &options).await.expect("valid"));
            }
            repeated.push(REPEATED as f64 / start.elapsed().as_secs_f64());
        }
        report("one repeated token (signature check remembered)", repeated, REPEATED);
    });
}

fn report(what: &str, mut rates: Vec<f64>, per_round: usize) {
    rates.sort_by(f64::total_cmp);
    println!(
        "local session JWT verification, {what}: median {:.0}/s, best {:.0}/s ({} rounds of {per_round}, RS256 2048-bit, one core)",
        rates[rates.len() / 2],
        rates[rates.len() - 1],
        rates.len()
    );
}
