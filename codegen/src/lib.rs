//! An OpenAPI 3.0 to Rust client generator.
//!
//! Data flows one way: [`load`] reads a spec, [`lower`] turns it into the plain-data [`ir`],
//! [`emit`] turns the IR into formatted Rust and rendered templates, collected as [`Files`].
//! Every naming rule lives in [`naming`].

pub mod api_diff;
pub mod config;
pub mod emit;
pub mod error;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;

use std::collections::BTreeMap;
use std::path::Path;

pub use config::Config;
pub use error::{Error, Result, Warning};
pub use load::Spec;

/// Generated files: relative path -> contents, in a deterministic order.
pub type Files = BTreeMap<String, String>;

/// The output of [`generate`]: the files, what was worked around, and a few counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    pub files: Files,
    /// The command-line client crate's files, when the configuration has a `[cli]` section.
    pub cli_files: Option<Files>,
    /// Load and lowering warnings (see [`Warning`]); empty for a clean spec.
    pub warnings: Vec<Warning>,
    pub operations: usize,
    pub types: usize,
}

impl Generated {
    /// `42 operations, 120 types, 3 warnings`.
    pub fn summary(&self) -> String {
        format!("{} operations, {} types, {} warnings", self.operations, self.types, self.warnings.len())
    }
}

/// Loads, lowers and emits: the whole pipeline for one spec.
pub fn generate(spec_path: &Path, config: &Config) -> Result<Generated> {
    let spec = Spec::load(spec_path)?;
    let api = lower::lower(&spec, config)?;
    let files = emit::emit(&api, config)?;
    let cli_files = emit::emit_cli(&api, config)?;
    Ok(Generated { files, cli_files, operations: api.operations().len(), types: api.types.len(), warnings: api.warnings })
}
