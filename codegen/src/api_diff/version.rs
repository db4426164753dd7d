//! The version bump a set of changes needs, by Cargo's semver rules: in `0.y.z` the minor number
//! plays the major's part (`0.1.3` -> `0.2.0` is a breaking release, `0.1.3` -> `0.1.4` is not),
//! and every `0.0.z` release is breaking.

use semver::Version;

use crate::api_diff::change::Impact;

/// Which number a release must increase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    Patch,
    Minor,
    Major,
}

impl Bump {
    /// The smallest bump from `from` for changes of this impact.
    pub fn needed(from: &Version, impact: Impact) -> Bump {
        match (from.major, from.minor, impact) {
            (0, 0, _) => Bump::Patch,
            (0, _, Impact::Breaking) => Bump::Minor,
            (0, _, _) => Bump::Patch,
            (_, _, Impact::Breaking) => Bump::Major,
            (_, _, Impact::Additive) => Bump::Minor,
            (_, _, Impact::Compatible) => Bump::Patch,
        }
    }

    /// `from` with this bump applied: `0.1.3` + minor = `0.2.0`.
    pub fn apply(self, from: &Version) -> Version {
        match self {
            Bump::Patch => Version::new(from.major, from.minor, from.patch + 1),
            Bump::Minor => Version::new(from.major, from.minor + 1, 0),
            Bump::Major => Version::new(from.major + 1, 0, 0),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// Parses a crate version, naming where it came from when it is not semver.
pub fn parse(text: &str, source: &str) -> Result<Version, String> {
    Version::parse(text.trim()).map_err(|e| format!("{source}: `{text}` is not a semver version: {e}"))
}

/// The lowest version a release after `released` may have, given the changes' overall impact
/// (`None`: no public API change, so the same version will do).
pub fn lowest_next(released: &Version, impact: Option<Impact>) -> Version {
    match impact {
        Some(impact) => Bump::needed(released, impact).apply(released),
        None => released.clone(),
    }
}
