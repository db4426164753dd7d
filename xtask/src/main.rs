//! `cargo xtask regen [--check]` and `cargo xtask generate --spec FILE --out DIR --name CRATE`.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  cargo xtask regen            rewrite generated/ (and the fixture crates) from their specs
  cargo xtask regen --check    fail, with a diff, if the committed generated code is stale
  cargo xtask generate --spec FILE --out DIR --name CRATE [--config FILE] [--strict]
                               write a standalone crate from any OpenAPI 3.0 spec;
                               --strict turns warnings into errors
  cargo run --release -p xtask -- bench
                               time each pipeline stage on spec/stytch.yaml and on a
                               synthetic 1,240-operation spec, then `cargo check` its crate";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("regen") => regen(&args[1..]),
        Some("generate") => generate(&args[1..]),
        Some("bench") => xtask::bench::run(&xtask::workspace_root()),
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
                xtask::write(&target.out, &generated.files)?;
                let shown = target.out.strip_prefix(&root).unwrap_or(&target.out).display().to_string();
                println!("wrote {shown} ({} files): {}", generated.files.len(), generated.summary());
                for w in &generated.warnings {
                    println!("  {w}");
                }
            }
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
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "--strict" {
            strict = true;
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
    let generated = codegen::generate(&spec, &config).map_err(|e| e.to_string())?;
    for w in &generated.warnings {
        eprintln!("{w}");
    }
    if strict && !generated.warnings.is_empty() {
        return Err(format!("--strict: {} warnings, nothing written", generated.warnings.len()));
    }
    let files = &generated.files;
    for (rel, text) in files {
        let path = out.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    println!("wrote {} files to {}: {}", files.len(), out.display(), generated.summary());
    Ok(())
}
