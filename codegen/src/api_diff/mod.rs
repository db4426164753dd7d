//! The public API change report: what a user of the generated crate sees change between two
//! versions of its spec, and the version bump that calls for.
//!
//! Both sides are computed from the IR ([`Surface::of`]), not by diffing generated text:
//! [`compare`] matches operations and types by identity, lists the [`Change`]s, and each change
//! knows its [`Impact`] by Rust semver rules (see `classify.rs`). [`Report::text`] and
//! [`Report::markdown`] render it; [`version`] turns the impact into a bump.

mod change;
mod classify;
mod compare;
mod render;
pub mod surface;
pub mod version;

pub use change::{Change, Impact};
pub use surface::Surface;

use crate::ir::Api;

/// The changes from one API to another, most severe first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub changes: Vec<Change>,
}

impl Report {
    /// The most severe impact, or `None` when nothing public changed.
    pub fn impact(&self) -> Option<Impact> {
        self.changes.iter().map(Change::impact).max()
    }
}

/// Compares the public API of the crate generated from `old` with the one from `new`.
pub fn compare(old: &Api, new: &Api) -> Report {
    let mut changes = compare::changes(&Surface::of(old), &Surface::of(new));
    changes.sort_by_key(|c| std::cmp::Reverse(c.impact()));
    Report { changes }
}
