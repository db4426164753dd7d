//! Per-call CPU cost of `stytch-api` next to a hand-written reqwest + serde_json client making
//! the same calls, on a loopback server this benchmark starts in a child process (so the CPU
//! measured is the clients' alone).
//!
//! `cargo bench -p sdk-tests --bench client` (`BENCH_CALLS=N` calls per round, default 4000).
//! Scenarios: a small POST (`magic_links().create`) and a 3 KB GET (`users().get`), each
//! sequential and with 32 calls in flight. Rounds alternate ours / hand-written (each going first
//! in every other round) so that noise from a shared machine hits both; the table shows medians
//! over rounds.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use futures::stream::{self, StreamExt};
use stytch_api::magic_links::{CreateRequest, CreateResponse};
use stytch_api::users::GetResponse;
use stytch_api::Client;

const USER_JSON: &str = include_str!("user.json");
const CREATE_JSON: &str = r#"{"request_id":"request-id-test-0b1b7d0e","user_id":"user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6","token":"SeiGwdj5lKkrEVgcEY3QNJXt6srxS3IK2Nwkar6mXD4=","status_code":200}"#;
const PROJECT_ID: &str = "project-test-11111111-2222-3333-4444-555555555555";
const SECRET: &str = "secret-test-bench=";
const USER_ID: &str = "user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6";
const ROUNDS: usize = 9;

fn main() {
    if std::env::var_os("CLIENT_BENCH_SERVER").is_some() {
        return serve();
    }
    let calls: usize = std::env::var("BENCH_CALLS").ok().and_then(|v| v.parse().ok()).unwrap_or(4000);
    let mut server = ServerProcess(
        Command::new(std::env::current_exe().expect("own path"))
            .env("CLIENT_BENCH_SERVER", "1")
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the loopback server"),
    );
    let mut line = String::new();
    BufReader::new(server.0.stdout.take().expect("stdout")).read_line(&mut line).expect("server address");
    let base = format!("http://{}", line.trim());

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let ours = Client::builder().project(PROJECT_ID, SECRET).base_url(&base).build().expect("client");
    // The same timeouts as the SDK's defaults, so that both clients arm the same timers.
    let theirs = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(31))
        .build()
        .expect("reqwest client");
    if let Ok(only) = std::env::var("BENCH_ONLY") {
        // One client and one request kind, for a profiler: `BENCH_ONLY=ours-get valgrind
        // --tool=callgrind target/release/deps/client-* --bench`.
        let which = if only.starts_with("ours") { Which::Ours } else { Which::HandWritten };
        runtime.block_on(measure(calls, 1, || one_call(which, only.ends_with("get"), &ours, &theirs, &base)));
        return;
    }
    println!("{calls} calls per round, {ROUNDS} rounds, medians; CPU = this process's user+system time per call");
    println!("| scenario | ours CPU/call | hand-written CPU/call | CPU ratio | ours calls/s | hand-written calls/s |");
    println!("|---|---|---|---|---|---|");
    for (name, in_flight, get) in [("small POST, sequential", 1, false), ("small POST, 32 in flight", 32, false), ("3 KB GET, sequential", 1, true), ("3 KB GET, 32 in flight", 32, true)] {
        let run = |which: Which| runtime.block_on(measure(calls, in_flight, || one_call(which, get, &ours, &theirs, &base)));
        run(Which::Ours);
        run(Which::HandWritten);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        // Each client goes first in every other round, so that neither always runs on a machine
        // the other has just warmed (or heated).
        for round in 0..ROUNDS {
            if round % 2 == 0 {
                a.push(run(Which::Ours));
                b.push(run(Which::HandWritten));
            } else {
                b.push(run(Which::HandWritten));
                a.push(run(Which::Ours));
            }
        }
        let (ours_cpu, ours_rate) = medians(&a);
        let (their_cpu, their_rate) = medians(&b);
        println!(
            "| {name} | {:.1} µs | {:.1} µs | {:.3} | {:.0} | {:.0} |",
            ours_cpu * 1e6,
            their_cpu * 1e6,
            ours_cpu / their_cpu,
            ours_rate,
            their_rate
        );
    }
}

/// The server child process, stopped when the benchmark ends, even by a panic.
struct ServerProcess(std::process::Child);

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[derive(Clone, Copy)]
enum Which {
    Ours,
    HandWritten,
}

async fn one_call(which: Which, get: bool, ours: &Client, theirs: &reqwest::Client, base: &str) {
    match (which, get) {
        (Which::Ours, false) => {
            let created = ours.magic_links().create(&CreateRequest::new(USER_ID)).await.expect("create");
            assert_eq!(created.status_code, 200);
        }
        (Which::Ours, true) => {
            let user = ours.users().get(USER_ID).await.expect("get");
            assert_eq!(user.status_code, 200);
        }
        (Which::HandWritten, false) => {
            let body = serde_json::to_vec(&CreateRequest::new(USER_ID)).expect("encode");
            let response = theirs
                .post(format!("{base}/v1/magic_links"))
                .basic_auth(PROJECT_ID, Some(SECRET))
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .expect("send");
            let bytes = response.error_for_status().expect("status").bytes().await.expect("body");
            let created: CreateResponse = serde_json::from_slice(&bytes).expect("decode");
            assert_eq!(created.status_code, 200);
        }
        (Which::HandWritten, true) => {
            let response = theirs.get(format!("{base}/v1/users/{USER_ID}")).basic_auth(PROJECT_ID, Some(SECRET)).send().await.expect("send");
            let bytes = response.error_for_status().expect("status").bytes().await.expect("body");
            let user: GetResponse = serde_json::from_slice(&bytes).expect("decode");
            assert_eq!(user.status_code, 200);
        }
    }
}

/// CPU seconds per call and calls per second for `calls` calls, `in_flight` at a time.
async fn measure<F, Fut>(calls: usize, in_flight: usize, call: F) -> (f64, f64)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let cpu = cpu_time();
    let start = Instant::now();
    stream::iter(0..calls).for_each_concurrent(in_flight, |_| call()).await;
    let wall = start.elapsed();
    let cpu = cpu_time() - cpu;
    (cpu.as_secs_f64() / calls as f64, calls as f64 / wall.as_secs_f64())
}

fn medians(samples: &[(f64, f64)]) -> (f64, f64) {
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    (median(samples.iter().map(|s| s.0).collect()), median(samples.iter().map(|s| s.1).collect()))
}

/// User plus system CPU time of this process.
fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes into the zeroed struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// The loopback server: HTTP/1.1 keep-alive, one thread per connection, a fixed answer per
/// route. Prints its address, then serves until killed.
fn serve() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    println!("{}", listener.local_addr().expect("address"));
    std::io::stdout().flush().expect("flush");
    for stream in listener.incoming().flatten() {
        std::thread::spawn(move || connection(stream));
    }
}

fn connection(stream: TcpStream) {
    stream.set_nodelay(true).ok();
    let user = response(USER_JSON.trim());
    let create = response(CREATE_JSON);
    let mut writer = stream.try_clone().expect("clone stream");
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let is_get = line.starts_with("GET ");
        let mut length = 0usize;
        loop {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            if line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let answer = if is_get { &user } else { &create };
        if writer.write_all(answer).is_err() {
            return;
        }
    }
}

fn response(body: &str) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}", body.len()).into_bytes()
}
