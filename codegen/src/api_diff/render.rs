//! Reports as text: one line per change for the terminal, and a Markdown section for
//! `CHANGELOG.md`.

use std::fmt;
use std::fmt::Write as _;

use crate::api_diff::change::{Change, Impact};
use crate::api_diff::surface::Role;
use crate::api_diff::version::{lowest_next, Bump};
use crate::api_diff::Report;

fn role(role: Role) -> &'static str {
    match role {
        Role::Request => "request field",
        Role::Response => "response field",
        Role::Both => "field",
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::OperationAdded { method, endpoint } => write!(f, "new operation `{method}` ({endpoint})"),
            Change::OperationRemoved { method, endpoint } => write!(f, "removed operation `{method}` ({endpoint})"),
            Change::MethodRenamed { endpoint, old, new } => write!(f, "method renamed: `{old}` -> `{new}` ({endpoint})"),
            Change::SignatureChanged { method, old, new } => write!(f, "signature of `{method}` changed: `{old}` -> `{new}`"),
            Change::PagesMethodAdded { method } => write!(f, "new page stream `{method}`"),
            Change::PagesMethodRemoved { method } => write!(f, "removed page stream `{method}`"),
            Change::TypeAdded { path } => write!(f, "new type `{path}`"),
            Change::TypeRemoved { path } => write!(f, "removed type `{path}`"),
            Change::TypeRenamed { old, new } => write!(f, "type renamed: `{old}` -> `{new}`"),
            Change::TypeKindChanged { path, old, new } => write!(f, "`{path}` changed from a {old} to a {new}"),
            Change::ConstructorAdded { path } => write!(f, "`{path}` can now be built (`new` and setters)"),
            Change::ConstructorRemoved { path } => write!(f, "`{path}` can no longer be built (`new` and setters removed)"),
            Change::FieldAdded { owner, field, role: r, ty, required, in_new } => {
                let what = match (r, required) {
                    (Role::Response, _) => "response field".to_owned(),
                    (r, true) => format!("required {}", role(*r)),
                    (r, false) => format!("optional {}", role(*r)),
                };
                write!(f, "new {what} `{owner}.{field}: {ty}`")?;
                if *in_new {
                    write!(f, " (a new argument of `{owner}::new`)")?;
                }
                Ok(())
            }
            Change::FieldRemoved { owner, field, role: r } => write!(f, "removed {} `{owner}.{field}`", role(*r)),
            Change::FieldRenamed { owner, wire, old, new } => write!(f, "field renamed: `{owner}.{old}` -> `{owner}.{new}` (`{wire}` on the wire)"),
            Change::FieldTypeChanged { owner, field, role: r, old, new } => {
                write!(f, "{} `{owner}.{field}` changed type: `{old}` -> `{new}`", role(*r))
            }
            Change::FieldRequirednessChanged { owner, field, role: r, now_required, rust_changed } => {
                let now = if *now_required { "required" } else { "optional" };
                write!(f, "{} `{owner}.{field}` is now {now}", role(*r))?;
                if !*rust_changed {
                    write!(f, " (same Rust type; only what is sent differs)")?;
                }
                Ok(())
            }
            Change::EnumValueAdded { owner, value } => write!(f, "new value \"{value}\" in `{owner}`"),
            Change::EnumValueRemoved { owner, value } => write!(f, "removed value \"{value}\" from `{owner}`"),
            Change::EnumValueRenamed { owner, value, old, new } => {
                write!(f, "variant renamed: `{owner}::{old}` -> `{owner}::{new}` (value \"{value}\")")
            }
            Change::VariantAdded { owner, variant, .. } => write!(f, "new variant `{owner}::{variant}`"),
            Change::VariantRemoved { owner, variant } => write!(f, "removed variant `{owner}::{variant}`"),
            Change::VariantRenamed { owner, old, new } => write!(f, "variant renamed: `{owner}::{old}` -> `{owner}::{new}`"),
            Change::VariantChanged { owner, variant, old, new } => {
                write!(f, "variant `{owner}::{variant}` now holds `{new}` instead of `{old}`")
            }
            Change::AliasChanged { path, old, new } => write!(f, "`{path}` is now `{new}` instead of `{old}`"),
        }
    }
}

impl Report {
    /// `1 breaking, 2 additive changes`, or `no public API changes`.
    pub fn summary(&self) -> String {
        if self.changes.is_empty() {
            return "no public API changes".to_owned();
        }
        let parts: Vec<String> = [Impact::Breaking, Impact::Additive, Impact::Compatible]
            .iter()
            .filter_map(|i| {
                let n = self.changes.iter().filter(|c| c.impact() == *i).count();
                (n > 0).then(|| format!("{n} {}", i.label()))
            })
            .collect();
        let noun = if self.changes.len() == 1 { "change" } else { "changes" };
        format!("{} {noun}", parts.join(", "))
    }

    /// One line per change, most severe first: `breaking: removed response field `users::User.name``.
    /// Values added to (or removed from) one enum share a line.
    pub fn lines(&self) -> Vec<String> {
        self.grouped().into_iter().map(|(impact, text)| format!("{}: {text}", impact.label())).collect()
    }

    /// Each change's description, with the enum values added to or removed from one enum
    /// gathered where the first of them was.
    fn grouped(&self) -> Vec<(Impact, String)> {
        let mut out: Vec<(Impact, String)> = Vec::new();
        let mut values: Vec<(&str, &str, Vec<&str>)> = Vec::new();
        let mut slots: Vec<Option<usize>> = Vec::new();
        for change in &self.changes {
            let (verb, owner, value) = match change {
                Change::EnumValueAdded { owner, value } => ("new", owner, value),
                Change::EnumValueRemoved { owner, value } => ("removed", owner, value),
                other => {
                    out.push((other.impact(), other.to_string()));
                    slots.push(None);
                    continue;
                }
            };
            match values.iter_mut().find(|(v, o, _)| *v == verb && *o == owner.as_str()) {
                Some((_, _, list)) => list.push(value),
                None => {
                    values.push((verb, owner, vec![value.as_str()]));
                    out.push((change.impact(), String::new()));
                    slots.push(Some(values.len() - 1));
                }
            }
        }
        for ((_, text), slot) in out.iter_mut().zip(slots) {
            if let Some(i) = slot {
                let (verb, owner, list) = &values[i];
                *text = enum_values(verb, owner, list);
            }
        }
        out
    }

    /// The terminal report: the summary, the version advice relative to `version` (the
    /// version at `since`, a revision or release), and the changes.
    pub fn text(&self, since: &str, version: &semver::Version) -> String {
        let mut out = format!("API changes since {since}: {}", self.summary());
        if let Some(impact) = self.impact() {
            let bump = Bump::needed(version, impact);
            let _ = write!(out, " -> {} bump: {version} -> {}", bump.label(), lowest_next(version, Some(impact)));
        }
        out.push('\n');
        for line in self.lines() {
            let _ = writeln!(out, "  {line}");
        }
        out
    }

    /// The changes as a `CHANGELOG.md` section body: `### Breaking changes`, `### Added`,
    /// `### Changed` lists (empty when nothing changed).
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for (impact, title) in [(Impact::Breaking, "Breaking changes"), (Impact::Additive, "Added"), (Impact::Compatible, "Changed")] {
            let items: Vec<String> = self.grouped().into_iter().filter(|(i, _)| *i == impact).map(|(_, text)| text).collect();
            if items.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push('\n');
            }
            let _ = writeln!(out, "### {title}\n");
            for text in items {
                let _ = writeln!(out, "- {text}");
            }
        }
        out
    }
}

/// Most values shown for one enum; the rest are counted.
const SHOWN_VALUES: usize = 8;

/// `new value "a" in `X``, `removed values "a", "b" and 3 more from `X``.
fn enum_values(verb: &str, owner: &str, list: &[&str]) -> String {
    let noun = if list.len() == 1 { "value" } else { "values" };
    let shown: Vec<String> = list.iter().take(SHOWN_VALUES).map(|v| format!("\"{v}\"")).collect();
    let more = match list.len().saturating_sub(SHOWN_VALUES) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let prep = if verb == "new" { "in" } else { "from" };
    format!("{verb} {noun} {}{more} {prep} `{owner}`", shown.join(", "))
}
