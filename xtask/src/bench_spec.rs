//! `cargo xtask bench --spec FILE [--runs N] [--config FILE]`: the pipeline's stages on any real
//! spec (load, lower, emit tokens, format with prettyplease, write), the process's peak memory,
//! the largest generated file and example body, and, as a floor, how long `serde_json` (and
//! Python's `json.load`, when `python3` is installed) take just to parse the same file.
//!
//! The first run's peak is that of a cold process: nothing was loaded before it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use codegen::{emit, lower, Config, Spec};

use crate::bench::{ms, peak_rss_kib};

pub fn run(args: &[String]) -> Result<(), String> {
    let (mut spec, mut runs, mut config_path) = (None, 3usize, None);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--spec" => spec = Some(PathBuf::from(value)),
            "--runs" => runs = value.parse().map_err(|_| format!("--runs {value}: not a number"))?,
            "--config" => config_path = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown flag {flag}: cargo xtask bench [--spec FILE [--runs N] [--config FILE]]")),
        }
    }
    let spec = spec.ok_or("--spec FILE is needed")?;
    let runs = runs.max(1);
    let mut config = match &config_path {
        Some(path) => Config::load(path).map_err(|e| e.to_string())?,
        None => Config::named("bench-spec"),
    };
    config.standalone = true;
    let bytes = std::fs::metadata(&spec).map_err(|e| format!("{}: {e}", spec.display()))?.len();
    println!("{} ({:.1} MB), {runs} runs:", spec.display(), bytes as f64 / 1e6);

    let out = std::env::temp_dir().join(format!("oas-bench-spec-{}", std::process::id()));
    let mut times: [Vec<Duration>; 6] = Default::default();
    let mut summary = String::new();
    let mut first_peak = None;
    for _ in 0..runs {
        let total = Instant::now();
        let t = Instant::now();
        let loaded = Spec::load(&spec).map_err(|e| e.to_string())?;
        times[0].push(t.elapsed());
        let t = Instant::now();
        let api = lower::lower(&loaded, &config).map_err(|e| e.to_string())?;
        times[1].push(t.elapsed());
        drop(loaded);
        let (t, formatting) = (Instant::now(), emit::formatting_time());
        let files = emit::emit(&api, &config).map_err(|e| e.to_string())?;
        let emitting = t.elapsed();
        let formatted = emit::formatting_time() - formatting;
        times[2].push(emitting);
        times[3].push(formatted);
        let t = Instant::now();
        crate::write(&out, &files)?;
        times[4].push(t.elapsed());
        times[5].push(total.elapsed());
        first_peak = first_peak.or_else(peak_rss_kib);
        let largest = files.iter().map(|(p, t)| (t.len(), p)).max().map(|(n, p)| format!("{p} ({:.1} KB)", n as f64 / 1e3)).unwrap_or_default();
        summary = format!(
            "{} operations, {} types, {} warnings; {} files, {} lines, {:.1} MB; largest file {largest}; largest example body {:.1} KB",
            api.operations().len(),
            api.types.len(),
            api.warnings.len(),
            files.len(),
            files.values().map(|f| f.lines().count()).sum::<usize>(),
            files.values().map(String::len).sum::<usize>() as f64 / 1e6,
            largest_example(&files) as f64 / 1e3,
        );
    }
    let _ = std::fs::remove_dir_all(&out);
    let names = ["load (text -> openapiv3)", "lower (spec -> IR)", "emit + format (wall)", " of which format (CPU)", "write files", "total"];
    println!("  emitting threads               {} (OAS_CODEGEN_THREADS); format CPU is summed over them", codegen::emit::threads());
    for (name, t) in names.iter().zip(times.iter_mut()) {
        t.sort();
        println!("  {name:<30} median {:>9.1} ms   min {:>9.1} ms", ms(t[runs / 2]), ms(t[0]));
    }
    println!("  output                         {summary}");
    if let Some(kib) = first_peak {
        println!("  peak resident memory, 1st run {:>7.1} MiB", kib as f64 / 1024.0);
    }
    floors(&spec, runs)
}

/// The longest example body in `tests/wire.rs`, in bytes of source: the wire tests pass each
/// body to `parse("...")` as one string literal.
fn largest_example(files: &codegen::Files) -> usize {
    let Some(wire) = files.get("tests/wire.rs") else { return 0 };
    wire.split("parse(").skip(1).filter_map(|rest| literal_len(rest.trim_start())).max().unwrap_or(0)
}

/// The length of the string literal `text` starts with, if it starts with one.
fn literal_len(text: &str) -> Option<usize> {
    let body = text.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

/// Parse-only floors: `serde_json` into a `Value`, and Python's `json.load` (timed inside Python,
/// so interpreter start-up is not counted). YAML specs are only parsed by the first.
fn floors(spec: &Path, runs: usize) -> Result<(), String> {
    let text = std::fs::read_to_string(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let mut parse = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let value: Result<serde_json::Value, _> = serde_json::from_str(&text);
        parse.push(t.elapsed());
        if value.is_err() {
            println!("  floor: not JSON, no parse floor");
            return Ok(());
        }
    }
    parse.sort();
    println!("  floor: serde_json::from_str    median {:>9.1} ms   min {:>9.1} ms", ms(parse[runs / 2]), ms(parse[0]));
    let script = "import json,sys,time\nt=time.perf_counter()\njson.load(open(sys.argv[1]))\nprint((time.perf_counter()-t)*1000)";
    match Command::new("python3").arg("-c").arg(script).arg(spec).output() {
        Ok(o) if o.status.success() => println!("  floor: python3 json.load       {:>16.1} ms", String::from_utf8_lossy(&o.stdout).trim().parse::<f64>().unwrap_or(f64::NAN)),
        _ => println!("  floor: python3 json.load       (python3 not available)"),
    }
    Ok(())
}
