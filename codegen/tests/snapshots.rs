//! Snapshots of the IR and of the emitted code for each fixture spec (one construct each), of
//! the Stytch name table, and a determinism check. The emitted fixture crates are also committed
//! under `codegen/fixture-crates/` and compiled by the workspace, so a snapshot that stops
//! compiling fails the build.

use std::path::{Path, PathBuf};

use codegen::{ir, lower::lower, Config, Spec};

/// Each `<name>.yaml`, and each multi-file spec `<name>/root.yaml` (as `xtask` finds them).
fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .map(|e| e.expect("entry").path())
        .filter_map(|p| if p.is_dir() { Some(p.join("root.yaml")).filter(|r| r.is_file()) } else { p.extension().is_some_and(|x| x == "yaml").then_some(p) })
        .collect();
    specs.sort();
    assert!(specs.len() >= 10, "expected the fixture specs, found {specs:?}");
    assert!(specs.iter().any(|p| p.ends_with("multi_file/root.yaml")), "expected the multi-file fixture");
    specs
}

/// The fixture's name: the file stem, or the folder of a multi-file spec.
fn stem(path: &Path) -> String {
    let named = if path.ends_with("root.yaml") { path.parent().unwrap().as_os_str() } else { path.file_stem().unwrap() };
    Path::new(named).file_name().unwrap().to_string_lossy().into_owned()
}

fn config_for(name: &str) -> Config {
    Config::named(&format!("fixture-{}", name.replace('_', "-")))
}

#[test]
fn ir_snapshots() {
    for path in fixtures() {
        let name = stem(&path);
        let spec = Spec::load(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let api = lower(&spec, &config_for(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        insta::assert_yaml_snapshot!(format!("{name}__ir"), api);
    }
}

/// The emitted Rust of each fixture, minus the runtime files that are the same for every crate.
#[test]
fn code_snapshots() {
    for path in fixtures() {
        let name = stem(&path);
        let files = codegen::generate(&path, &config_for(&name)).unwrap_or_else(|e| panic!("{name}: {e}")).files;
        let mut text = String::new();
        for (file, contents) in files.iter().filter(|(f, text)| f.ends_with(".rs") && !text.starts_with("// @generated: copied from the generator's runtime")) {
            text.push_str(&format!("=== {file}\n{contents}\n"));
        }
        insta::assert_snapshot!(format!("{name}__code"), text);
    }
}

/// The generated (not copied) files of the command-line client of each fixture whose config
/// asks for one.
#[test]
fn cli_code_snapshots() {
    let mut seen = 0;
    for path in fixtures() {
        let name = stem(&path);
        let config_path = path.with_extension("toml");
        if !config_path.exists() {
            continue;
        }
        let config = Config::load(&config_path).unwrap();
        let Some(files) = codegen::generate(&path, &config).unwrap_or_else(|e| panic!("{name}: {e}")).cli_files else { continue };
        seen += 1;
        let mut text = String::new();
        for (file, contents) in files.iter().filter(|(_, text)| !text.starts_with("// @generated: copied from the generator's CLI runtime")) {
            text.push_str(&format!("=== {file}\n{contents}\n"));
        }
        insta::assert_snapshot!(format!("{name}__cli"), text);
    }
    assert!(seen >= 1, "expected a fixture with a [cli] section");
}

#[test]
fn generation_is_deterministic() {
    for path in fixtures().into_iter().chain([stytch_spec()]) {
        let config = config_for(&stem(&path));
        let first = codegen::generate(&path, &config).unwrap();
        let second = codegen::generate(&path, &config).unwrap();
        assert_eq!(first, second, "{}", path.display());
    }
}

fn stytch_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/stytch.yaml")
}

fn walk(service: &ir::Service, out: &mut Vec<String>) {
    let chain = service.module.join("().");
    for op in &service.operations {
        out.push(format!("{:<48} {:<7} {:<62} client.{chain}().{}()", op.id, op.http_method, op.path, op.method_name));
    }
    for child in &service.children {
        walk(child, out);
    }
}

/// Every Rust name the Stytch spec produces: operations, then types.
#[test]
fn stytch_name_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let config = Config::load(&root.join("spec/codegen.toml")).unwrap();
    let spec = Spec::load(&stytch_spec()).unwrap();
    let api = lower(&spec, &config).unwrap();
    assert!(api.warnings.is_empty(), "the Stytch spec must generate without warnings: {:#?}", api.warnings);
    let mut lines = Vec::new();
    for s in &api.services {
        walk(s, &mut lines);
    }
    lines.sort();
    lines.push(String::new());
    for t in &api.types {
        lines.push(format!("{:<70} {}::{}", t.id.trim_start_matches("#/components/schemas/"), t.module.join("::"), t.name));
    }
    insta::assert_snapshot!("stytch_name_table", lines.join("\n"));
}
