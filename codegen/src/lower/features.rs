//! Per-service cargo features: one per top-level service, named after its module
//! (`magic_links` -> `magic-links`). Which features each shared type needs is decided in
//! `placement`, from the services that use it.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::error::{Error, Result, Warning};
use crate::ir::Service;
use crate::naming::unraw;

/// Features every generated crate declares; a service named like one gets a `-service` suffix.
pub const RUNTIME_FEATURES: &[&str] = &["default", "rustls", "native-tls", "tracing", "blocking"];

/// Sets each top-level service's feature and returns them by module name (empty when the
/// configuration turns per-service features off). Checks the overlay's `module_features`
/// against them.
pub fn assign(services: &mut [Service], config: &Config, warnings: &mut Vec<Warning>) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    if !config.features.per_service {
        return Ok(out);
    }
    for s in services.iter_mut() {
        let mut feature = unraw(&s.accessor).replace('_', "-");
        if RUNTIME_FEATURES.contains(&feature.as_str()) {
            let renamed = format!("{feature}-service");
            warnings.push(Warning::new(
                "#/paths",
                format!("service `{}` would have the cargo feature `{feature}`, which the runtime already declares; its feature is `{renamed}`", s.accessor),
            ));
            feature = renamed;
        }
        s.feature = Some(feature.clone());
        out.insert(s.accessor.clone(), feature);
    }
    check_overlay(config, &out)?;
    Ok(out)
}

/// Every module named in `module_features` is an overlay module, and every feature it lists is
/// a service's.
fn check_overlay(config: &Config, features: &BTreeMap<String, String>) -> Result<()> {
    let Some(overlay) = &config.overlay else { return Ok(()) };
    for (module, needed) in &overlay.module_features {
        let error = |message: String| Error::Config { file: overlay.dir.clone(), message: format!("[overlay] module_features: {message}") };
        if !overlay.public_modules.iter().chain(&overlay.private_modules).any(|m| m == module) {
            return Err(error(format!("`{module}` is not one of the overlay's public_modules or private_modules")));
        }
        if needed.is_empty() {
            return Err(error(format!("`{module}` lists no feature (leave it out to always compile it)")));
        }
        for f in needed.iter().flat_map(|alt| alt.split('+').map(str::trim)) {
            if !features.values().any(|known| known == f) {
                let known: Vec<&str> = features.values().map(String::as_str).collect();
                return Err(error(format!("`{module}` needs feature `{f}`, which is no service's (they are: {})", known.join(", "))));
            }
        }
    }
    Ok(())
}
