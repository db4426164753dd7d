//! The committed generated code matches its specs (the same check as `cargo xtask regen --check`),
//! and the check really catches changed, missing and stale files.

use std::path::PathBuf;

#[test]
fn committed_generated_code_is_up_to_date() {
    if let Err(report) = xtask::check_all(&xtask::workspace_root()) {
        panic!("{report}");
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-drift-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn drift_reports_changed_missing_and_stale_files_and_the_fix() {
    let root = xtask::workspace_root();
    let target = xtask::targets(&root).unwrap().remove(0);
    let files = xtask::generate(&target).unwrap();
    let dir = scratch("report");
    xtask::write(&dir, &files).unwrap();
    assert_eq!(xtask::drift(&dir, &files, &root), None, "a fresh write has no drift");

    // A description edited in the spec but not regenerated.
    let lib = dir.join("src/lib.rs");
    let text = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, text.replace("Quick start", "Quick begin")).unwrap();
    std::fs::remove_file(dir.join("src/types.rs")).unwrap();
    std::fs::write(dir.join("src/old_service.rs"), "// gone from the spec\n").unwrap();

    let report = xtask::drift(&dir, &files, &root).expect("drift");
    assert!(report.contains("changed: ") && report.contains("src/lib.rs"), "{report}");
    assert!(report.contains("-//! # Quick begin") && report.contains("+//! # Quick start"), "{report}");
    assert!(report.contains("missing: ") && report.contains("src/types.rs"), "{report}");
    assert!(report.contains("stale (no longer generated): ") && report.contains("src/old_service.rs"), "{report}");

    // `write` repairs all three, deleting the stale file.
    xtask::write(&dir, &files).unwrap();
    assert_eq!(xtask::drift(&dir, &files, &root), None);
    assert!(!dir.join("src/old_service.rs").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_failure_message_names_the_command_that_fixes_it() {
    // Point a copy of the workspace's inputs at an empty output folder: everything is missing.
    let root = scratch("root");
    std::fs::create_dir_all(root.join("codegen/tests/fixtures")).unwrap();
    let real = xtask::workspace_root();
    copy_dir(&real.join("spec"), &root.join("spec"));
    let err = xtask::check_all(&root).expect_err("nothing generated yet");
    assert!(err.contains("missing: generated/src/lib.rs"), "{err}");
    assert!(err.ends_with("Run `cargo xtask regen` and commit the result."), "{err}");
    std::fs::remove_dir_all(&root).unwrap();
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

#[test]
fn the_drift_check_sees_an_edit_to_any_file_of_a_multi_file_spec() {
    let real = xtask::workspace_root();
    let (name, fixture) = xtask::fixture_specs(&real.join("codegen/tests/fixtures")).unwrap().into_iter().find(|(n, _)| n == "multi_file").expect("the multi-file fixture is a fixture spec");
    assert!(fixture.ends_with("multi_file/root.yaml"), "{name}: {}", fixture.display());
    let dir = scratch("multi");
    copy_dir(fixture.parent().unwrap(), &dir.join("spec"));
    let target = xtask::Target::new(dir.join("spec/root.yaml"), dir.join("out"), codegen::Config::named("fixture-multi-file"));
    let files = xtask::generate(&target).unwrap();
    xtask::write(&target.out, &files).unwrap();
    let user = dir.join("spec/schemas/user.yaml");
    let text = std::fs::read_to_string(&user).unwrap();
    std::fs::write(&user, text.replace("  name: {type: string}\n", "  name: {type: string}\n  nickname: {type: string}\n")).unwrap();
    let report = xtask::drift(&target.out, &xtask::generate(&target).unwrap(), &dir).expect("drift after editing a referenced file");
    assert!(report.contains("changed: out/src/types.rs") && report.contains("+    pub nickname:"), "{report}");
    std::fs::remove_dir_all(&dir).unwrap();
}
