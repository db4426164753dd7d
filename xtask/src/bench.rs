//! `cargo xtask bench`: how long each stage of the pipeline takes on the Stytch spec, and the
//! process's peak memory. Run it in release mode for figures worth comparing:
//! `cargo run --release -p xtask -- bench`.

use std::path::Path;
use std::time::{Duration, Instant};

use codegen::{emit, lower, Config, Spec};

const RUNS: usize = 20;

pub fn run(root: &Path) -> Result<(), String> {
    let spec_path = root.join("spec/stytch.yaml");
    let config = Config::load(&root.join("spec/codegen.toml")).map_err(|e| e.to_string())?;
    let (mut load, mut lowering, mut emitting) = (Vec::new(), Vec::new(), Vec::new());
    let mut output = (0, 0);
    for _ in 0..RUNS {
        let t = Instant::now();
        let spec = Spec::load(&spec_path).map_err(|e| e.to_string())?;
        load.push(t.elapsed());
        let t = Instant::now();
        let api = lower::lower(&spec, &config).map_err(|e| e.to_string())?;
        lowering.push(t.elapsed());
        let t = Instant::now();
        let files = emit::emit(&api, &config).map_err(|e| e.to_string())?;
        emitting.push(t.elapsed());
        output = (files.len(), files.values().map(|f| f.lines().count()).sum());
    }
    let spec_lines = std::fs::read_to_string(&spec_path).map_err(|e| e.to_string())?.lines().count();
    println!("spec/stytch.yaml: {spec_lines} lines -> {} files, {} lines of output; {RUNS} runs", output.0, output.1);
    for (stage, times) in [("load (YAML -> openapiv3)", &mut load), ("lower (spec -> IR)", &mut lowering), ("emit (IR -> formatted files)", &mut emitting)] {
        times.sort();
        println!("  {stage:<30} median {:>8.2} ms   min {:>8.2} ms", ms(times[RUNS / 2]), ms(times[0]));
    }
    match peak_rss_kib() {
        Some(kib) => println!("  peak resident memory          {:.1} MiB", kib as f64 / 1024.0),
        None => println!("  peak resident memory          (not available on this platform)"),
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `VmHWM` from `/proc/self/status` (Linux).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
