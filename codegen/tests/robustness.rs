//! Property tests: mutated and truncated fixture specs (cut at a random byte, lines deleted,
//! duplicated or swapped, values swapped between lines) go through load, lower and emit, and
//! must end in `Ok` or `Err`, never a panic. 64 cases per property by default;
//! `PROPTEST_CASES=5000 cargo test -p oas-codegen --test robustness` runs longer; with
//! `ROBUSTNESS_TRACE=1` each input is first written to `target/robustness-last.yaml`, to catch
//! one that aborts the process.

use std::path::Path;

use codegen::{emit::emit, lower::lower, Config, Spec};
use proptest::prelude::*;

fn fixtures() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "yaml")).collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

/// The whole pipeline on `text`; the result is ignored, only a panic fails. A panicking input is
/// saved under `target/robustness-failures/` to be kept as a regression in `tests/robustness/`.
fn run(text: &str) {
    if std::env::var_os("ROBUSTNESS_TRACE").is_some() {
        // A stack overflow aborts without unwinding: keep the input that was running.
        let _ = std::fs::write(Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/robustness-last.yaml"), text);
    }
    if let Err(panic) = std::panic::catch_unwind(|| pipeline(text)) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/robustness-failures");
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join(format!("{:016x}.yaml", fxhash(text))), text);
        std::panic::resume_unwind(panic);
    }
}

fn fxhash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

fn pipeline(text: &str) {
    let config = Config::named("robust");
    for file in ["spec.yaml", "spec.json"] {
        if let Ok(spec) = Spec::parse(Path::new(file), text) {
            if let Ok(api) = lower(&spec, &config) {
                let _ = emit(&api, &config);
            }
        }
    }
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// A line edit: 0 deletes line `a`, 1 duplicates it, 2 swaps lines `a` and `b`, 3 swaps the
/// values after `:` of lines `a` and `b`.
fn edit(lines: &mut Vec<String>, kind: u8, a: usize, b: usize) {
    if lines.is_empty() {
        return;
    }
    let (a, b) = (a % lines.len(), b % lines.len());
    match kind % 4 {
        0 => {
            lines.remove(a);
        }
        1 => lines.insert(a, lines[a].clone()),
        2 => lines.swap(a, b),
        _ => {
            let split = |l: &str| l.split_once(": ").map(|(k, v)| (k.to_owned(), v.to_owned()));
            if let (Some((ka, va)), Some((kb, vb))) = (split(&lines[a]), split(&lines[b])) {
                lines[a] = format!("{ka}: {vb}");
                lines[b] = format!("{kb}: {va}");
            }
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn truncated_specs_never_panic(which in any::<prop::sample::Index>(), at in any::<prop::sample::Index>()) {
        let specs = fixtures();
        let text = which.get(&specs);
        let mut cut = at.index(text.len() + 1);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        run(&text[..cut]);
    }

    #[test]
    fn edited_specs_never_panic(which in any::<prop::sample::Index>(), edits in prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 1..6)) {
        let specs = fixtures();
        let mut lines: Vec<String> = which.get(&specs).lines().map(str::to_owned).collect();
        for (kind, a, b) in edits {
            edit(&mut lines, kind, a, b);
        }
        run(&lines.join("\n"));
    }
}

/// Inputs that once made the pipeline panic, kept as regressions.
#[test]
fn known_bad_inputs_do_not_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/robustness");
    let Ok(entries) = std::fs::read_dir(&dir) else { return };
    for entry in entries {
        let path = entry.unwrap().path();
        run(&std::fs::read_to_string(&path).unwrap());
    }
}
