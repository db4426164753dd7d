//! What `cargo xtask` does, as a library so the drift check also runs under `cargo test`.

pub mod api_report;
pub mod bench;
pub mod bench_spec;
pub mod corpus;
pub mod release;
pub mod synth;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use codegen::{Config, Files};

/// One generated output: a directory fully owned by the generator (and, when the config has
/// a `[cli]` section, its sibling `<out>-cli` holding the command-line client).
pub struct Target {
    pub spec: PathBuf,
    pub out: PathBuf,
    pub config: Config,
}

impl Target {
    /// A target writing `spec` into `out`; a CLI finds the crate next to it.
    pub fn new(spec: PathBuf, out: PathBuf, mut config: Config) -> Target {
        if let Some(cli) = &mut config.cli {
            let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            cli.sdk_path.get_or_insert(format!("../{name}"));
        }
        Target { spec, out, config }
    }

    /// Where the command-line client goes: next to the crate, as `<out>-cli`.
    pub fn cli_out(&self) -> PathBuf {
        let mut name = self.out.file_name().unwrap_or_default().to_owned();
        name.push("-cli");
        self.out.with_file_name(name)
    }

    /// Each output directory with its files: the crate, then its CLI if configured.
    pub fn outputs(&self, generated: &codegen::Generated) -> Vec<(PathBuf, Files)> {
        let mut out = vec![(self.out.clone(), generated.files.clone())];
        if let Some(cli) = &generated.cli_files {
            out.push((self.cli_out(), cli.clone()));
        }
        out
    }
}

/// The workspace root (the parent of this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_owned()
}

/// Everything `cargo xtask regen` writes: the SDK from `spec/`, and one crate per fixture spec
/// under `codegen/tests/fixtures/` (compiled by the workspace, so emitted code must build).
/// Every input file is read again on each run, so an edit to any file of a multi-file spec is
/// seen by the drift check.
pub fn targets(root: &Path) -> Result<Vec<Target>, String> {
    let config = Config::load(&root.join("spec/codegen.toml")).map_err(|e| e.to_string())?;
    let mut out = vec![Target::new(root.join("spec/stytch.yaml"), root.join("generated"), config)];
    for (stem, spec) in fixture_specs(&root.join("codegen/tests/fixtures"))? {
        let config_path = spec.with_extension("toml");
        let config = if config_path.exists() {
            Config::load(&config_path).map_err(|e| e.to_string())?
        } else {
            Config::named(&format!("fixture-{}", stem.replace('_', "-")))
        };
        out.push(Target::new(spec, root.join("codegen/fixture-crates").join(&stem), config));
    }
    Ok(out)
}

/// The fixture specs, by name: each `<name>.yaml` or `<name>.json` in `dir`, and each folder
/// `<name>/` holding a multi-file spec whose root is `<name>/root.yaml`; sorted by name.
pub fn fixture_specs(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let mut specs = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        if path.is_dir() && path.join("root.yaml").is_file() {
            specs.push((name, path.join("root.yaml")));
        } else if path.extension().is_some_and(|x| x == "yaml" || x == "json") {
            specs.push((name, path));
        }
    }
    specs.sort();
    Ok(specs)
}

pub fn generate(target: &Target) -> Result<Files, String> {
    generate_reporting(target).map(|g| g.files)
}

/// Generates a target, with its warnings and counts.
pub fn generate_reporting(target: &Target) -> Result<codegen::Generated, String> {
    codegen::generate(&target.spec, &target.config).map_err(|e| e.to_string())
}

/// Files under `dir`, relative, skipping build output.
fn files_on_disk(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "target") {
                    stack.push(path);
                }
            } else if let Ok(rel) = path.strip_prefix(dir) {
                out.insert(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
            }
        }
    }
    out
}

/// Writes `files` into `dir` and deletes files there that are no longer produced.
pub fn write(dir: &Path, files: &Files) -> Result<(), String> {
    for stale in files_on_disk(dir).iter().filter(|f| !files.contains_key(*f)) {
        std::fs::remove_file(dir.join(stale)).map_err(|e| format!("{stale}: {e}"))?;
    }
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    remove_empty_dirs(dir);
    Ok(())
}

fn remove_empty_dirs(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.path().is_dir() {
                remove_empty_dirs(&entry.path());
                let _ = std::fs::remove_dir(entry.path());
            }
        }
    }
}

const DIFF_LINES: usize = 60;

/// Compares `files` with `dir`; returns a report of changed, missing and stale files, or `None`
/// when they match.
pub fn drift(dir: &Path, files: &Files, root: &Path) -> Option<String> {
    let shown = dir.strip_prefix(root).unwrap_or(dir).display().to_string();
    let on_disk = files_on_disk(dir);
    let mut report = String::new();
    let mut budget = DIFF_LINES;
    for (rel, expected) in files {
        match std::fs::read_to_string(dir.join(rel)) {
            Err(_) => {
                let _ = writeln!(report, "missing: {shown}/{rel}");
            }
            Ok(actual) if actual != *expected => {
                let _ = writeln!(report, "changed: {shown}/{rel}");
                let diff = similar::TextDiff::from_lines(actual.as_str(), expected.as_str());
                let text = diff.unified_diff().context_radius(2).header("committed", "regenerated").to_string();
                for line in text.lines().take(budget) {
                    let _ = writeln!(report, "    {line}");
                }
                let lines = text.lines().count();
                if lines > budget {
                    let _ = writeln!(report, "    ... ({} more diff lines)", lines - budget);
                }
                budget = budget.saturating_sub(lines);
            }
            Ok(_) => {}
        }
    }
    for stale in on_disk.iter().filter(|f| !files.contains_key(*f)) {
        let _ = writeln!(report, "stale (no longer generated): {shown}/{stale}");
    }
    (!report.is_empty()).then_some(report)
}

/// The drift check over every target; `Err` holds the full report ending with the fix.
pub fn check_all(root: &Path) -> Result<(), String> {
    let mut report = String::new();
    for target in targets(root)? {
        let generated = generate_reporting(&target)?;
        for (dir, files) in target.outputs(&generated) {
            if let Some(r) = drift(&dir, &files, root) {
                report.push_str(&r);
            }
        }
    }
    if report.is_empty() {
        Ok(())
    } else {
        Err(format!("generated code is out of date with its spec:\n{report}\nRun `cargo xtask regen` and commit the result."))
    }
}
