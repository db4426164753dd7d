//! Hand-written code copied into the generated crate: the generic runtime (HTTP, errors) that
//! ships with the generator, and the project's overlay folder.

use std::path::Path;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::Files;

/// The runtime's files; `lib.rs` declares one module per file (see `lib_rs::runtime_modules`).
const RUNTIME: &[(&str, &str)] = &[
    ("src/auth.rs", include_str!("../../runtime/auth.rs")),
    ("src/blocking.rs", include_str!("../../runtime/blocking.rs")),
    ("src/call.rs", include_str!("../../runtime/call.rs")),
    ("src/client.rs", include_str!("../../runtime/client.rs")),
    ("src/error.rs", include_str!("../../runtime/error.rs")),
    ("src/request.rs", include_str!("../../runtime/request.rs")),
    ("src/retry.rs", include_str!("../../runtime/retry.rs")),
    ("src/send.rs", include_str!("../../runtime/send.rs")),
    ("src/trace.rs", include_str!("../../runtime/trace.rs")),
];

/// The multipart runtime, only in crates with `multipart/form-data` bodies.
const MULTIPART: (&str, &str) = ("src/multipart.rs", include_str!("../../runtime/multipart.rs"));

/// The OAuth2 client-credentials fetcher, only in crates with such a flow.
const OAUTH2: (&str, &str) = ("src/oauth2.rs", include_str!("../../runtime/oauth2.rs"));

/// The runtime files; `__crate__` in their doc examples becomes the crate's library name.
pub fn runtime_files(config: &Config, multipart: bool, oauth2: bool) -> Files {
    let lib = config.lib_name();
    RUNTIME
        .iter()
        .chain(multipart.then_some(&MULTIPART))
        .chain(oauth2.then_some(&OAUTH2))
        .map(|(path, text)| {
            let name = path.trim_start_matches("src/");
            let banner = format!("// @generated: copied from the generator's runtime (codegen/runtime/{name}) by `cargo xtask regen`. Edit it there.\n\n");
            ((*path).to_owned(), format!("{banner}{}", text.replace("__crate__", &lib)))
        })
        .collect()
}

/// Every file under the overlay folder, at the same relative path; Rust files get a banner
/// naming their source.
pub fn overlay_files(config: &Config) -> Result<Files> {
    let mut files = Files::new();
    let Some(overlay) = &config.overlay else { return Ok(files) };
    let mut stack = vec![overlay.dir.clone()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| Error::Io { path: dir.clone(), message: e.to_string() })?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::Io { path: dir.clone(), message: e.to_string() })?;
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = relative(&path, &overlay.dir);
            let text = std::fs::read_to_string(&path).map_err(|e| Error::Io { path: path.clone(), message: e.to_string() })?;
            let text = if rel.ends_with(".rs") {
                format!("// @generated: copied from the overlay ({rel}) by `cargo xtask regen`. Edit it there.\n\n{text}")
            } else {
                text
            };
            files.insert(rel, text);
        }
    }
    for module in overlay.public_modules.iter().chain(&overlay.private_modules) {
        let expected = format!("src/{module}.rs");
        if !files.contains_key(&expected) {
            return Err(Error::Config {
                file: overlay.dir.clone(),
                message: format!("overlay module `{module}` is declared but `{expected}` is not in the overlay"),
            });
        }
    }
    Ok(files)
}

fn relative(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}
