//! `cargo xtask bench`: how long each stage of the pipeline takes, and the process's peak
//! memory, on the Stytch spec and on a synthetic spec of GitHub's size (see [`crate::synth`]),
//! whose generated crate is then type-checked with `cargo check`. Run it in release mode for
//! figures worth comparing: `cargo run --release -p xtask -- bench`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use codegen::{emit, lower, Config, Spec};

const RUNS: usize = 20;
const SCALE_RUNS: usize = 5;

pub fn run(root: &Path) -> Result<(), String> {
    let spec_path = root.join("spec/stytch.yaml");
    let config = Config::load(&root.join("spec/codegen.toml")).map_err(|e| e.to_string())?;
    let files = Spec::load(&spec_path).map_err(|e| e.to_string())?.files;
    let mut spec_lines = 0;
    for file in &files {
        spec_lines += std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?.lines().count();
    }
    let in_files = if files.len() > 1 { format!(" in {} files", files.len()) } else { String::new() };
    println!("spec/stytch.yaml ({spec_lines} lines{in_files}), {RUNS} runs:");
    let output = stages(&spec_path, &config, RUNS)?;
    println!("  output                        {} files, {} lines", output.0, output.1);
    print_peak();
    scale(root)
}

/// Times load, lower and emit `runs` times and prints the medians; returns the output's file
/// and line counts.
fn stages(spec_path: &Path, config: &Config, runs: usize) -> Result<(usize, usize), String> {
    let (mut load, mut lowering, mut emitting) = (Vec::new(), Vec::new(), Vec::new());
    let mut output = (0, 0);
    for _ in 0..runs {
        let t = Instant::now();
        let spec = Spec::load(spec_path).map_err(|e| e.to_string())?;
        load.push(t.elapsed());
        let t = Instant::now();
        let api = lower::lower(&spec, config).map_err(|e| e.to_string())?;
        lowering.push(t.elapsed());
        let t = Instant::now();
        let files = emit::emit(&api, config).map_err(|e| e.to_string())?;
        emitting.push(t.elapsed());
        output = (files.len(), files.values().map(|f| f.lines().count()).sum());
    }
    for (stage, times) in [("load (text -> openapiv3)", &mut load), ("lower (spec -> IR)", &mut lowering), ("emit (IR -> formatted files)", &mut emitting)] {
        times.sort();
        println!("  {stage:<30} median {:>8.2} ms   min {:>8.2} ms", ms(times[runs / 2]), ms(times[0]));
    }
    Ok(output)
}

/// The synthetic GitHub-sized spec: pipeline stages and peak memory, then `cargo check` of the
/// generated crate, once with its dependencies (in a target directory of its own, kept between
/// runs under `target/bench-scale`) and once for the crate alone.
fn scale(root: &Path) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("oas-bench-scale-{}", std::process::id()));
    let out = dir.join("crate");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let spec_path = dir.join("spec.json");
    let text = serde_json::to_string_pretty(&crate::synth::spec()).map_err(|e| e.to_string())?;
    std::fs::write(&spec_path, &text).map_err(|e| format!("{}: {e}", spec_path.display()))?;
    let mut config = Config::named("synthetic-scale");
    config.standalone = true;
    reset_peak();
    println!("synthetic spec ({} operations, {:.1} MB of JSON), {SCALE_RUNS} runs:", crate::synth::OPERATIONS, text.len() as f64 / 1e6);
    let output = stages(&spec_path, &config, SCALE_RUNS)?;
    println!("  output                        {} files, {} lines", output.0, output.1);
    print_peak();
    let generated = codegen::generate(&spec_path, &config).map_err(|e| e.to_string())?;
    let largest = generated.files.iter().filter(|(p, _)| p.starts_with("src/")).map(|(p, t)| (t.lines().count(), p)).max();
    if let Some((lines, path)) = largest {
        println!("  largest source file           {path}: {lines} lines");
    }
    crate::write(&out, &generated.files)?;
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let target = root.join("target/bench-scale");
    let (cold, _) = cargo_check(&out, &target)?;
    println!("  cargo check, with dependencies {:>7.1} s (target/bench-scale, reused between runs)", cold.as_secs_f64());
    // Touch the crate so the second check redoes only it.
    std::fs::write(out.join("src/lib.rs"), &generated.files["src/lib.rs"]).map_err(|e| e.to_string())?;
    let (warm, peak) = cargo_check(&out, &target)?;
    println!("  cargo check, the crate alone  {:>7.1} s", warm.as_secs_f64());
    match peak {
        Some(kib) => println!("  rustc peak resident memory    {:.1} MiB", kib as f64 / 1024.0),
        None => println!("  rustc peak resident memory    (needs GNU time at {TIME})"),
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// GNU time, which reports the peak resident memory of the largest process it waited for.
const TIME: &str = "/usr/bin/time";

/// `cargo check` of the crate at `dir`, offline with the workspace's lock file: its duration,
/// and the peak resident memory of its largest process (rustc) when GNU time is installed.
fn cargo_check(dir: &Path, target: &Path) -> Result<(Duration, Option<u64>), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let peak_file = dir.with_file_name("peak-rss");
    let mut command = if Path::new(TIME).exists() {
        let mut c = Command::new(TIME);
        c.args(["-f", "%M", "-o"]).arg(&peak_file).arg(cargo);
        c
    } else {
        Command::new(cargo)
    };
    command.args(["check", "--offline", "--quiet", "--manifest-path"]).arg(dir.join("Cargo.toml")).env("CARGO_TARGET_DIR", target);
    let t = Instant::now();
    let status = command.status().map_err(|e| format!("cannot run cargo: {e}"))?;
    let elapsed = t.elapsed();
    if !status.success() {
        return Err(format!("cargo check of the generated crate in {} failed", dir.display()));
    }
    let peak = std::fs::read_to_string(&peak_file).ok().and_then(|t| t.trim().parse().ok());
    Ok((elapsed, peak))
}

pub(crate) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn print_peak() {
    match peak_rss_kib() {
        Some(kib) => println!("  peak resident memory          {:.1} MiB", kib as f64 / 1024.0),
        None => println!("  peak resident memory          (not available on this platform)"),
    }
}

/// `VmHWM` from `/proc/self/status` (Linux).
pub(crate) fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets `VmHWM` to the current resident size (Linux: writing 5 to `clear_refs`), so the next
/// peak is that of what follows; elsewhere the peak stays the process's.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
