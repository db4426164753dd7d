//! Property tests: mutated and truncated fixture specs (cut at a random byte, lines deleted,
//! duplicated or swapped, values swapped between lines; for the multi-file fixture, in any of
//! its files, and `$ref`s moved between files) go through load, lower and emit, and must end in
//! `Ok` or `Err`, never a panic. 64 cases per property by default;
//! `PROPTEST_CASES=5000 cargo test -p oas-codegen --test robustness` runs longer; with
//! `ROBUSTNESS_TRACE=1` each input is first written to `target/robustness-last.yaml`, to catch
//! one that aborts the process.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

/// The files of the multi-file fixture, by path relative to its folder; the root first.
fn multi_file() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/multi_file");
    let mut files = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((path.strip_prefix(&dir).unwrap().to_owned(), std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort_by_key(|(p, _)| (p != Path::new("root.yaml"), p.clone()));
    files
}

/// Loads a multi-file spec held in memory (`files[0]` is the root).
fn load_files(files: &[(PathBuf, String)]) -> codegen::Result<Spec> {
    let by_path: BTreeMap<PathBuf, &str> = files.iter().map(|(p, t)| (Path::new("mf").join(p), t.as_str())).collect();
    let read = |p: &Path| by_path.get(p).map(|t| (*t).to_owned()).ok_or_else(|| "no such file".to_owned());
    Spec::parse_with(&Path::new("mf").join(&files[0].0), &files[0].1, &read)
}

/// The whole pipeline on a multi-file spec held in memory.
fn run_files(files: &[(PathBuf, String)]) {
    let config = Config::named("robust");
    if let Ok(spec) = load_files(files) {
        if let Ok(api) = lower(&spec, &config) {
            let _ = emit(&api, &config);
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

    #[test]
    fn edited_multi_file_specs_never_panic(which in any::<prop::sample::Index>(), edits in prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>()), 1..6)) {
        let mut files = multi_file();
        let i = which.index(files.len());
        let mut lines: Vec<String> = files[i].1.lines().map(str::to_owned).collect();
        for (kind, a, b) in edits {
            edit(&mut lines, kind, a, b);
        }
        files[i].1 = lines.join("\n");
        run_files(&files);
    }

    /// A `$ref` from one file written into a line of another: references to the wrong file, to
    /// pointers that do not exist there, cycles.
    #[test]
    fn references_moved_between_files_never_panic(moves in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..4)) {
        let mut files = multi_file();
        let refs: Vec<String> = files.iter().flat_map(|(_, t)| t.lines().filter_map(|l| l.split_once("$ref").map(|(_, r)| format!("$ref{r}")))).collect();
        for (from, to, line) in moves {
            let reference = from.get(&refs).clone();
            let to = to.index(files.len());
            let mut lines: Vec<String> = files[to].1.lines().map(str::to_owned).collect();
            let at = line.index(lines.len().max(1)).min(lines.len().saturating_sub(1));
            if let Some(l) = lines.get_mut(at) {
                if let Some((head, _)) = l.split_once("$ref") {
                    *l = format!("{head}{reference}");
                } else if let Some((key, _)) = l.split_once(": ") {
                    *l = format!("{key}: {{{reference}}}");
                }
            }
            files[to].1 = lines.join("\n");
        }
        run_files(&files);
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

#[test]
fn the_multi_file_fixture_goes_through_the_in_memory_pipeline() {
    let files = multi_file();
    assert!(files.len() >= 6 && files[0].0 == Path::new("root.yaml"), "{:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>());
    let spec = load_files(&files).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(spec.files.len(), files.len());
}
