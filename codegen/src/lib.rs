//! An OpenAPI 3.0 to Rust client generator.
//!
//! Data flows one way: [`load`] reads a spec, [`lower`] turns it into the plain-data [`ir`],
//! [`emit`] turns the IR into formatted Rust and rendered templates, collected as [`Files`].
//! Every naming rule lives in [`naming`].

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
pub use error::{Error, Result};
pub use load::Spec;

/// Generated files: relative path -> contents, in a deterministic order.
pub type Files = BTreeMap<String, String>;

/// Loads, lowers and emits: the whole pipeline for one spec.
pub fn generate(spec_path: &Path, config: &Config) -> Result<Files> {
    let spec = Spec::load(spec_path)?;
    let api = lower::lower(&spec, config)?;
    emit::emit(&api, config)
}
