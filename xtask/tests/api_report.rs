//! `cargo xtask diff`, `release-check` and `changelog` on a throwaway git repository laid out
//! like this workspace (`spec/stytch.yaml`, `spec/codegen.toml`, `CHANGELOG.md`), so they need
//! no history of the real repository.

use std::path::{Path, PathBuf};
use std::process::Command;

use xtask::api_report::{self, Inputs};

const SPEC: &str = include_str!("../../codegen/tests/fixtures/api_diff/base.yaml");
const CONFIG: &str = "[package]\nname = \"things\"\nversion = \"0.1.0\"\n";

/// A fresh repository with one commit; removed when dropped.
struct Repo(PathBuf);

impl Repo {
    fn new(name: &str) -> Repo {
        let dir = std::env::temp_dir().join(format!("xtask-api-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("spec")).unwrap();
        let repo = Repo(dir);
        repo.write("spec/stytch.yaml", SPEC);
        repo.write("spec/codegen.toml", CONFIG);
        repo.git(&["init", "-q"]);
        repo.commit("base");
        let rev = repo.git(&["rev-parse", "HEAD"]);
        repo.write("CHANGELOG.md", &format!("# Changelog\n\n## 0.1.0 - released from {}\n\nFirst release.\n", rev.trim()));
        repo.commit("release 0.1.0");
        repo
    }

    fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.0.join(rel), text).unwrap();
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.0.join(rel)).unwrap()
    }

    fn git(&self, args: &[&str]) -> String {
        api_report::git(&self.0, args).unwrap()
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "commit", "-qm", message]);
    }

    /// One response field renamed on the wire: `name` removed, `label` added.
    fn edit_thing(&self) {
        let edited = SPEC.replacen("        name: {type: string}\n        status:", "        label: {type: string}\n        status:", 1);
        assert_ne!(edited, SPEC);
        self.write("spec/stytch.yaml", &edited);
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn xtask(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn diff_prints_a_field_added_as_additive_and_one_removed_as_breaking() {
    let repo = Repo::new("diff");
    let (spec, config) = (repo.0.join("spec/stytch.yaml"), repo.0.join("spec/codegen.toml"));
    let args = ["diff", "--base", "HEAD", "--spec", path(&spec), "--config", path(&config)];
    let (ok, out, err) = xtask(&args);
    assert!(ok, "{err}");
    assert_eq!(out, "API changes since HEAD (version 0.1.0): no public API changes\n");

    repo.edit_thing();
    let (ok, out, err) = xtask(&args);
    assert!(ok, "{err}");
    assert_eq!(
        out,
        "API changes since HEAD (version 0.1.0): 1 breaking, 1 additive changes -> minor bump: 0.1.0 -> 0.2.0\n\
         \x20 breaking: removed response field `things::Thing.name`\n\
         \x20 additive: new response field `things::Thing.label: String`\n"
    );

    let (ok, out, err) = xtask(&[&args[..], &["--changelog"]].concat());
    assert!(ok, "{err}");
    assert_eq!(out, "### Breaking changes\n\n- removed response field `things::Thing.name`\n\n### Added\n\n- new response field `things::Thing.label: String`\n");
}

#[test]
fn diff_reads_every_file_of_a_multi_file_spec_at_the_revision() {
    let repo = Repo::new("multi");
    // The Thing schema moves to a file of its own: the same API.
    let (head, rest) = SPEC.split_once("    api_thing_v1_Thing:\n").unwrap();
    let (thing, tail) = rest.split_once("    api_thing_v1_Status:").unwrap();
    let root = format!("{head}    api_thing_v1_Status:{tail}").replace("'#/components/schemas/api_thing_v1_Thing'", "'thing.yaml'");
    let thing: String = thing.lines().map(|l| format!("{}\n", &l[6..])).collect();
    let thing = thing.replace("'#/components/schemas/", "'stytch.yaml#/components/schemas/");
    repo.write("spec/stytch.yaml", &root);
    repo.write("spec/thing.yaml", &thing);
    let spec = repo.0.join("spec/stytch.yaml");
    let args = ["diff", "--base", "HEAD", "--spec", path(&spec)];
    let no_change = "API changes since HEAD (version 0.1.0): no public API changes\n";
    let (ok, out, err) = xtask(&args);
    assert!(ok, "{err}");
    assert_eq!(out, no_change);
    repo.commit("split");

    // An edit to the referenced file alone is reported; `HEAD`'s side is read from git.
    let edited = thing.replacen("  name: {type: string}\n", "  label: {type: string}\n", 1);
    assert_ne!(edited, thing);
    repo.write("spec/thing.yaml", &edited);
    let (ok, out, err) = xtask(&args);
    assert!(ok, "{err}");
    assert!(out.contains("breaking: removed response field `things::Thing.name`"), "{out}");
    assert!(out.contains("additive: new response field `things::Thing.label: String`"), "{out}");
    repo.write("spec/thing.yaml", &thing);
    assert_eq!(xtask(&args).1, no_change);
}

#[test]
fn diff_names_a_revision_git_does_not_know() {
    let repo = Repo::new("badrev");
    let spec = repo.0.join("spec/stytch.yaml");
    let (ok, _, err) = xtask(&["diff", "--base", "no-such-rev", "--spec", path(&spec)]);
    assert!(!ok);
    assert!(err.contains("git show no-such-rev:spec/stytch.yaml"), "{err}");
}

#[test]
fn release_check_fails_until_the_version_is_bumped_enough() {
    let repo = Repo::new("release");
    let passed = xtask::release::check(&repo.0).unwrap();
    assert!(passed.contains("no public API changes"), "{passed}");

    repo.edit_thing();
    let err = xtask::release::check(&repo.0).unwrap_err();
    assert!(
        err.starts_with("release check failed: spec/codegen.toml says version 0.1.0, but the public API changed since 0.1.0"),
        "{err}"
    );
    assert!(err.contains("needs at least 0.2.0 (a minor bump)"), "{err}");
    assert!(err.contains("breaking: removed response field `things::Thing.name`"), "{err}");

    // A patch bump is not enough for a breaking change in 0.x; a minor bump is.
    repo.write("spec/codegen.toml", &CONFIG.replace("0.1.0", "0.1.1"));
    assert!(xtask::release::check(&repo.0).is_err());
    repo.write("spec/codegen.toml", &CONFIG.replace("0.1.0", "0.2.0"));
    let passed = xtask::release::check(&repo.0).unwrap();
    assert!(passed.starts_with("release check passed: version 0.2.0"), "{passed}");
}

#[test]
fn release_check_explains_a_changelog_without_a_release() {
    let repo = Repo::new("nochangelog");
    repo.write("CHANGELOG.md", "# Changelog\n\n## Unreleased\n");
    let err = xtask::release::check(&repo.0).unwrap_err();
    assert!(err.contains("CHANGELOG.md records no release: expected a heading like `## 0.1.0 - released from <git rev>`"), "{err}");
}

#[test]
fn changelog_drafts_the_unreleased_section_above_the_last_release_and_redrafts_it() {
    let repo = Repo::new("changelog");
    repo.edit_thing();
    xtask::release::draft(&repo.0).unwrap();
    let text = repo.read("CHANGELOG.md");
    let draft = "## Unreleased\n\nPublic API changes since 0.1.0 (at least 0.2.0, a minor bump):\n\n\
                 ### Breaking changes\n\n- removed response field `things::Thing.name`\n\n\
                 ### Added\n\n- new response field `things::Thing.label: String`\n\n## 0.1.0 - released from ";
    assert!(text.starts_with(&format!("# Changelog\n\n{draft}")), "{text}");

    // Drafting again replaces the section instead of adding another one.
    repo.write("spec/stytch.yaml", SPEC);
    xtask::release::draft(&repo.0).unwrap();
    let text = repo.read("CHANGELOG.md");
    assert!(text.starts_with("# Changelog\n\n## Unreleased\n\nNo public API changes since 0.1.0.\n\n## 0.1.0 - released from "), "{text}");
    assert_eq!(text.matches("## Unreleased").count(), 1);
}

#[test]
fn regen_skips_the_report_outside_a_git_repository() {
    let dir = std::env::temp_dir().join(format!("xtask-api-nogit-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("spec")).unwrap();
    std::fs::write(dir.join("spec/stytch.yaml"), SPEC).unwrap();
    std::fs::write(dir.join("spec/codegen.toml"), CONFIG).unwrap();
    let note = api_report::since_head(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    // Outside any repository git cannot find the top level (or, under a repository, the file).
    assert!(note.starts_with("API change report skipped: git "), "{note}");
}

#[test]
fn the_sdk_inputs_are_read_from_the_working_tree() {
    let repo = Repo::new("sdk");
    repo.edit_thing();
    let report = Inputs::sdk(&repo.0).diff("HEAD").unwrap();
    assert_eq!(report.lines(), ["breaking: removed response field `things::Thing.name`", "additive: new response field `things::Thing.label: String`"]);
}

#[test]
fn release_check_explains_a_release_revision_missing_from_the_clone() {
    let repo = Repo::new("missingrev");
    repo.write("CHANGELOG.md", "# Changelog\n\n## 0.1.0 - released from 0123456789abcdef0123456789abcdef01234567\n");
    let err = xtask::release::check(&repo.0).unwrap_err();
    assert!(err.starts_with("git show 0123456789abcdef0123456789abcdef01234567:spec/stytch.yaml: "), "{err}");
    assert!(err.ends_with("a shallow clone needs `git fetch --unshallow`)"), "{err}");
}
