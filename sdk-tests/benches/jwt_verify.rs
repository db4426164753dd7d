//! Local session JWT verification on one core, in the situations a backend meets, beside the
//! floor set by RSA itself, all in one run (the machine is shared and noisy).
//!
//! `cargo bench -p sdk-tests --bench jwt_verify` prints, per second of this thread's CPU time
//! (median of the rounds; wall time beside it):
//! - `openssl speed rsa2048`'s verifications (if `openssl` is installed): the target floor;
//! - aws-lc-rs verifying one RS256 signature with a parsed key, nothing else;
//! - 5,000 tokens each seen for the first time (a new client per round, keys already fetched);
//! - 5,000 distinct tokens in round-robin, warm (a busy backend's steady state);
//! - one token presented again and again;
//!
//! and the heap held per remembered token. `JWT_BENCH_ROUNDS` (default 5), `JWT_BENCH_SESSIONS`
//! (default 5,000) and `JWT_BENCH_REMEMBERED` (`JwtOptions::remembered_tokens`, default 10,000)
//! change the sizes.

#[path = "../tests/support/mod.rs"]
mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Instant;

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
use base64::Engine as _;
use stytch_api::Client;
use support::*;
use wiremock::MockServer;

/// Counts the bytes held on the heap, to measure what remembered tokens cost.
struct Counting;

static HELD: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        HELD.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

const REPEATED: usize = 20_000;

/// Signs `claims` as the project's key A, with aws-lc-rs (thousands of tokens in seconds).
fn sign_fast(pair: &RsaKeyPair, claims: &serde_json::Value) -> String {
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let header = b64(serde_json::json!({"alg": "RS256", "typ": "JWT", "kid": key_a().kid}).to_string().as_bytes());
    let input = format!("{header}.{}", b64(claims.to_string().as_bytes()));
    let mut signature = vec![0; pair.public_modulus_len()];
    pair.sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), input.as_bytes(), &mut signature).expect("signing");
    format!("{input}.{}", b64(&signature))
}

fn main() {
    let rounds = env("JWT_BENCH_ROUNDS", 5);
    let sessions_n = env("JWT_BENCH_SESSIONS", 5_000);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let pair = RsaKeyPair::from_der(&key_a().pkcs1_der).expect("key pair");
    runtime.block_on(async {
        let server = MockServer::start().await;
        jwks_mock(&[key_a()], (rounds + 1) as u64).mount(&server).await;
        let clock = TestClock::new();
        let options = clock.options().remembered_tokens(env("JWT_BENCH_REMEMBERED", 10_000));
        let warm_up = sign_fast(&pair, &session_claims(clock.now()));
        let warm_client = || async {
            let client: Client = client(&server);
            client.sessions().authenticate_jwt_local(&warm_up, &options).await.expect("warm-up");
            client
        };
        let tokens: Vec<String> = (0..sessions_n)
            .map(|i| {
                let mut claims = session_claims(clock.now());
                claims["sub"] = serde_json::json!(format!("user-test-{i}"));
                sign_fast(&pair, &claims)
            })
            .collect();

        let openssl = openssl_verify_rate();
        let rsa_alone = {
            let n = 5_000;
            let (input, signature) = warm_up.rsplit_once('.').unwrap();
            let signature = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(signature).unwrap();
            let key = aws_lc_rs::signature::UnparsedPublicKey::new(&aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256, pair_public(&pair))
                .parse()
                .expect("parsed key");
            measure(rounds, n, || {
                for _ in 0..n {
                    key.verify_sig(std::hint::black_box(input.as_bytes()), &signature).expect("valid");
                }
            })
        };

        let mut first_seen = Vec::new();
        for _ in 0..rounds {
            let client = warm_client().await;
            let sessions = client.sessions();
            let timer = Timer::start();
            for jwt in &tokens {
                std::hint::black_box(sessions.authenticate_jwt_local(jwt, &options).await.expect("valid"));
            }
            first_seen.push(timer.rates(tokens.len()));
        }

        let held_before = HELD.load(Ordering::Relaxed);
        let client = warm_client().await;
        let sessions = client.sessions();
        for jwt in &tokens {
            sessions.authenticate_jwt_local(jwt, &options).await.expect("valid");
        }
        let per_token = (HELD.load(Ordering::Relaxed) - held_before) as f64 / tokens.len() as f64;
        let mut round_robin = Vec::new();
        for _ in 0..rounds {
            let timer = Timer::start();
            for jwt in &tokens {
                std::hint::black_box(sessions.authenticate_jwt_local(jwt, &options).await.expect("valid"));
            }
            round_robin.push(timer.rates(tokens.len()));
        }

        let mut repeated = Vec::new();
        for _ in 0..rounds {
            let timer = Timer::start();
            for _ in 0..REPEATED {
                std::hint::black_box(sessions.authenticate_jwt_local(&warm_up, &options).await.expect("valid"));
            }
            repeated.push(timer.rates(REPEATED));
        }

        println!("local session JWT verification, RS256 2048-bit, one core, per second of CPU time (median of {rounds} rounds; wall time in brackets)");
        match openssl {
            Some(rate) => println!("  openssl speed rsa2048, verify          {rate:>9.0}/s   (the floor)"),
            None => println!("  openssl speed rsa2048, verify          n/a (openssl not installed)"),
        }
        let rsa = line("aws-lc-rs RSA verify alone", rsa_alone, openssl);
        let first = line(&format!("{sessions_n} tokens, each seen first time"), first_seen, openssl);
        let warm = line(&format!("{sessions_n} tokens round-robin, warm"), round_robin, openssl);
        let one = line("one token, repeated", repeated, openssl);
        let _ = (rsa, first);
        println!("  round-robin / one token: {:.2}", warm / one);
        println!("  heap held per remembered token: {per_token:.0} bytes");
    });
}

/// The modulus and exponent of `pair`, as the DER `RSAPublicKey` aws-lc-rs parses.
fn pair_public(pair: &RsaKeyPair) -> Vec<u8> {
    use aws_lc_rs::signature::KeyPair as _;
    pair.public_key().as_ref().to_vec()
}

/// Verifications per second by `openssl speed` on one core, if `openssl` runs here.
fn openssl_verify_rate() -> Option<f64> {
    let output = std::process::Command::new("openssl").args(["speed", "-seconds", "2", "-mr", "rsa2048"]).output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    // `+F2:<n>:<bits>:<signs per second>:<verifies per second>`
    text.lines().find_map(|l| l.strip_prefix("+F2:")).and_then(|l| l.split(':').nth(3)).and_then(|v| v.trim().parse().ok())
}

/// Median CPU-time rate of `rounds` runs of `body`, each doing `n` operations.
fn measure(rounds: usize, n: usize, mut body: impl FnMut()) -> Vec<(f64, f64)> {
    (0..rounds)
        .map(|_| {
            let timer = Timer::start();
            body();
            timer.rates(n)
        })
        .collect()
}

/// Prints one figure and returns its median CPU-time rate.
fn line(what: &str, rates: Vec<(f64, f64)>, openssl: Option<f64>) -> f64 {
    let median = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let cpu = median(rates.iter().map(|r| r.1).collect());
    let wall = median(rates.iter().map(|r| r.0).collect());
    let ratio = openssl.map_or_else(String::new, |o| format!("  {:.2} of openssl", cpu / o));
    println!("  {what:<38} {cpu:>9.0}/s   [{wall:.0}/s]{ratio}");
    cpu
}

/// Wall time and this thread's CPU time.
struct Timer {
    wall: Instant,
    cpu: f64,
}

fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

impl Timer {
    fn start() -> Timer {
        Timer { wall: Instant::now(), cpu: thread_cpu_seconds() }
    }

    /// Operations per second of wall time and of CPU time.
    fn rates(&self, operations: usize) -> (f64, f64) {
        let wall = operations as f64 / self.wall.elapsed().as_secs_f64();
        let cpu = operations as f64 / (thread_cpu_seconds() - self.cpu).max(1e-9);
        (wall, cpu)
    }
}
