//! Releases recorded in `CHANGELOG.md`, `cargo xtask release-check` and `cargo xtask changelog`.
//!
//! A release is a heading `## <version> - released from <git rev>`, newest first; `<git rev>`
//! is a commit whose `spec/stytch.yaml` and `spec/codegen.toml` describe the released API
//! (usually the commit before the one that records the release). A `## Unreleased` section
//! above the releases holds the draft for the next one.

use std::path::Path;

use codegen::api_diff::version::{lowest_next, parse, Bump};
use semver::Version;

use crate::api_report::Inputs;

const UNRELEASED: &str = "## Unreleased";
const RELEASED_FROM: &str = " - released from ";

/// The last release recorded in a changelog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    pub version: Version,
    pub rev: String,
}

/// The newest `## <version> - released from <rev>` heading of `text`.
pub fn last_release(text: &str) -> Result<Release, String> {
    for (n, line) in text.lines().enumerate() {
        let Some(rest) = line.strip_prefix("## ") else { continue };
        let Some((version, rev)) = rest.split_once(RELEASED_FROM) else { continue };
        let version = parse(version, &format!("CHANGELOG.md line {}", n + 1))?;
        let rev = rev.trim();
        if rev.is_empty() || rev.contains(char::is_whitespace) {
            return Err(format!("CHANGELOG.md line {}: `{}` should end with one git revision", n + 1, line));
        }
        return Ok(Release { version, rev: rev.to_owned() });
    }
    Err(format!("CHANGELOG.md records no release: expected a heading like `## 0.1.0{RELEASED_FROM}<git rev>`"))
}

fn changelog(root: &Path) -> Result<String, String> {
    let path = root.join("CHANGELOG.md");
    std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The changes since `release`, explaining a revision missing from a shallow clone.
fn since(inputs: &Inputs, release: &Release) -> Result<codegen::api_diff::Report, String> {
    inputs.diff(&release.rev).map_err(|e| {
        format!("{e}\n(the last release in CHANGELOG.md was made from {}; a shallow clone needs `git fetch --unshallow`)", release.rev)
    })
}

/// Passes when the version in `spec/codegen.toml` is at least what the public API changes since
/// the last release call for; the message says what was compared either way.
pub fn check(root: &Path) -> Result<String, String> {
    let release = last_release(&changelog(root)?)?;
    let inputs = Inputs::sdk(root);
    let current = parse(&inputs.config_in_tree()?.package.version, "spec/codegen.toml [package] version")?;
    let report = since(&inputs, &release)?;
    let need = lowest_next(&release.version, report.impact());
    let since = format!("{} (released from {})", release.version, short(&release.rev));
    let text = report.text(&since, &release.version);
    if current >= need {
        return Ok(format!("release check passed: version {current} is enough for the changes since {since}.\n{text}"));
    }
    let bump = report.impact().map(|i| Bump::needed(&release.version, i).label()).unwrap_or("no");
    Err(format!(
        "release check failed: spec/codegen.toml says version {current}, but the public API changed since {since} \
         and needs at least {need} (a {bump} bump). Set `version = \"{need}\"` in spec/codegen.toml.\n{text}"
    ))
}

fn short(rev: &str) -> &str {
    rev.get(..12).unwrap_or(rev)
}

/// Rewrites the `## Unreleased` section of `CHANGELOG.md` (adding it above the last release if
/// missing) with the changes since the last release; returns the new section.
pub fn draft(root: &Path) -> Result<String, String> {
    let text = changelog(root)?;
    let release = last_release(&text)?;
    let inputs = Inputs::sdk(root);
    let report = since(&inputs, &release)?;
    let mut section = format!("{UNRELEASED}\n\n");
    match report.impact() {
        None => section.push_str(&format!("No public API changes since {}.\n", release.version)),
        Some(impact) => {
            let next = lowest_next(&release.version, Some(impact));
            let bump = Bump::needed(&release.version, impact).label();
            section.push_str(&format!("Public API changes since {} (at least {next}, a {bump} bump):\n\n", release.version));
            section.push_str(&report.markdown());
        }
    }
    section.push('\n');
    let updated = replace_unreleased(&text, &section)?;
    let path = root.join("CHANGELOG.md");
    std::fs::write(&path, updated).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(section)
}

/// `text` with its `## Unreleased` section (up to the next `## ` heading) replaced by `section`,
/// or with `section` inserted before the first release heading.
fn replace_unreleased(text: &str, section: &str) -> Result<String, String> {
    let headings: Vec<usize> = line_starts(text).filter(|&i| text[i..].starts_with("## ")).collect();
    let start = headings.iter().copied().find(|&i| text[i..].lines().next() == Some(UNRELEASED));
    let (from, to) = match start {
        Some(s) => (s, headings.iter().copied().find(|&i| i > s).unwrap_or(text.len())),
        None => {
            let first = headings.iter().copied().find(|&i| text[i..].lines().next().is_some_and(|l| l.contains(RELEASED_FROM)));
            let at = first.ok_or("CHANGELOG.md has no release heading to put the draft above")?;
            (at, at)
        }
    };
    Ok(format!("{}{section}{}", &text[..from], &text[to..]))
}

fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1).filter(move |&i| i < text.len()))
}
