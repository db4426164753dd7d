//! `cargo xtask regen [--check]`, `generate`, `diff`, `release-check`, `changelog`, `bench` and
//! `corpus`.


/// mimalloc: the generator allocates many small token trees and strings; on GitHub's spec
/// glibc's allocator took about a quarter of the time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  cargo xtask regen            rewrite generated/ (and the fixture crates) from their specs,
                               then print the API change report against git HEAD
  cargo xtask regen --check    fail, with a diff, if the committed generated code is stale
  cargo xtask generate --spec FILE --out DIR --name CRATE [--config FILE] [--strict] [--cli]
                               write a standalone crate from any OpenAPI 3.0 spec;
                               --strict turns warnings into errors; --cli (or a [cli]
                               section in the config) also writes its command-line
                               client into DIR-cli
  cargo xtask diff --base REV [--spec FILE [--config FILE]] [--changelog]
                               the public API changes from git revision REV to the working
                               tree (default: spec/stytch.yaml and spec/codegen.toml);
                               --changelog prints them as CHANGELOG.md Markdown
  cargo xtask release-check    fail unless the version in spec/codegen.toml is bumped enough
                               for the API changes since the last release in CHANGELOG.md
  cargo xtask changelog        rewrite the `## Unreleased` section of CHANGELOG.md from the
                               API changes since the last release
  cargo run --release -p xtask -- bench
                               time each pipeline stage on spec/stytch.yaml and on a
                               synthetic 1,240-operation spec, then `cargo check` its crate
  cargo run --release -p xtask -- bench --spec FILE [--runs N] [--config FILE]
                               stage times, peak memory and a parse floor on any spec
  cargo run --release -p xtask -- corpus --dir DIR [--sample N] [--check]
                               generate every spec under DIR (panics and hangs are caught
                               and counted); --check also compiles the crates";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("regen") => regen(&args[1..]),
        Some("generate") => generate(&args[1..]),
        Some("diff") => diff(&args[1..]),
        Some("release-check") if args.len() == 1 => xtask::release::check(&xtask::workspace_root()).map(|m| print!("{m}")),
        Some("changelog") if args.len() == 1 => xtask::release::draft(&xtask::workspace_root()).map(|s| print!("CHANGELOG.md now starts with:\n\n{s}")),
        Some("bench") if args.len() > 1 => xtask::bench_spec::run(&args[1..]),
        Some("bench") => xtask::bench::run(&xtask::workspace_root()),
        Some("corpus") => xtask::corpus::run(&xtask::workspace_root(), &args[1..]),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn regen(args: &[String]) -> Result<(), String> {
    let root = xtask::workspace_root();
    match args {
        [] => {
            for target in xtask::targets(&root)? {
                let generated = xtask::generate_reporting(&target)?;
                for (dir, files) in target.outputs(&generated) {
                    xtask::write(&dir, &files)?;
                    let shown = dir.strip_prefix(&root).unwrap_or(&dir).display().to_string();
                    println!("wrote {shown} ({} files): {}", files.len(), generated.summary());
                }
                for w in &generated.warnings {
                    println!("  {w}");
                }
            }
            print!("{}", xtask::api_report::since_head(&root));
            Ok(())
        }
        [flag] if flag == "--check" => {
            xtask::check_all(&root)?;
            println!("generated code is up to date");
            Ok(())
        }
        _ => Err(USAGE.to_owned()),
    }
}

fn generate(args: &[String]) -> Result<(), String> {
    let mut spec = None;
    let mut out = None;
    let mut name = None;
    let mut config = None;
    let mut strict = false;
    let mut cli = false;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "--strict" {
            strict = true;
            continue;
        }
        if flag == "--cli" {
            cli = true;
            continue;
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--spec" => spec = Some(PathBuf::from(value)),
            "--out" => out = Some(PathBuf::from(value)),
            "--name" => name = Some(value.clone()),
            "--config" => config = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown flag {flag}\n{USAGE}")),
        }
    }
    let (Some(spec), Some(out), Some(name)) = (spec, out, name) else {
        return Err(USAGE.to_owned());
    };
    let mut config = match config {
        Some(path) => codegen::Config::load(&path).map_err(|e| e.to_string())?,
        None => codegen::Config::named(&name),
    };
    config.package.name = name;
    config.standalone = true;
    if cli && config.cli.is_none() {
        config.cli = Some(codegen::config::CliConfig::default());
    }
    let target = xtask::Target::new(spec, out, config);
    let generated = codegen::generate(&target.spec, &target.config).map_err(|e| e.to_string())?;
    for w in &generated.warnings {
        eprintln!("{w}");
    }
    if strict && !generated.warnings.is_empty() {
        return Err(format!("--strict: {} warnings, nothing written", generated.warnings.len()));
    }
    for (dir, files) in target.outputs(&generated) {
        for (rel, text) in &files {
            let path = dir.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        println!("wrote {} files to {}: {}", files.len(), dir.display(), generated.summary());
    }
    Ok(())
}

fn diff(args: &[String]) -> Result<(), String> {
    let root = xtask::workspace_root();
    let (mut base, mut spec, mut config, mut changelog) = (None, None, None, false);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "--changelog" {
            changelog = true;
            continue;
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--base" => base = Some(value.clone()),
            "--spec" => spec = Some(PathBuf::from(value)),
            "--config" => config = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown flag {flag}\n{USAGE}")),
        }
    }
    let base = base.ok_or_else(|| format!("diff needs --base REV\n{USAGE}"))?;
    let inputs = match spec {
        Some(spec) => xtask::api_report::Inputs { spec, config },
        None if config.is_none() => xtask::api_report::Inputs::sdk(&root),
        None => return Err(format!("--config needs --spec\n{USAGE}")),
    };
    let report = inputs.diff(&base)?;
    if changelog {
        print!("{}", report.markdown());
    } else {
        let version = codegen::api_diff::version::parse(&inputs.config_at(&base)?.package.version, "the configuration's version")?;
        print!("{}", report.text(&format!("{base} (version {version})"), &version));
    }
    Ok(())
}
