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
        // A feature name may not start with `-`: an accessor such as `_1` (a path segment `1`)
        // becomes `1`, and a name taken by an earlier service gets a number.
        let base = unraw(&s.accessor).trim_matches('_').replace('_', "-");
        let mut feature = if base.is_empty() { "service".to_owned() } else { base };
        let taken: Vec<&String> = out.values().collect();
        if taken.contains(&&feature) {
            feature = (2..).map(|n| format!("{feature}-{n}")).find(|f| !taken.contains(&f)).unwrap_or(feature);
        }
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

#[cfg(test)]
mod tests {
    use super::assign;
    use crate::config::{Config, Overlay};
    use crate::ir::Service;

    fn service(accessor: &str) -> Service {
        Service {
            module: vec![accessor.to_owned()],
            accessor: accessor.to_owned(),
            struct_name: accessor.to_owned(),
            url_prefix: String::new(),
            feature: None,
            operations: Vec::new(),
            children: Vec::new(),
        }
    }

    fn with_module_features(entries: &[(&str, &[&str])]) -> Config {
        let mut config = Config::named("t");
        config.overlay = Some(Overlay {
            dir: "overlay".into(),
            public_modules: vec!["jwt".into()],
            private_modules: vec!["m2m_auth".into()],
            dependencies: Vec::new(),
            module_features: entries.iter().map(|(m, f)| ((*m).to_owned(), f.iter().map(|s| (*s).to_owned()).collect())).collect(),
        });
        config
    }

    #[test]
    fn each_top_level_service_gets_a_kebab_case_feature_unless_it_is_taken_or_turned_off() {
        let mut services = vec![service("magic_links"), service("tracing"), service("r#type")];
        let mut warnings = Vec::new();
        let features = assign(&mut services, &Config::named("t"), &mut warnings).unwrap();
        let got: Vec<_> = services.iter().map(|s| s.feature.clone().unwrap()).collect();
        assert_eq!(got, ["magic-links", "tracing-service", "type"]);
        assert_eq!(features["magic_links"], "magic-links");
        assert!(warnings[0].to_string().contains("`tracing-service`"), "{:?}", warnings);

        let mut config = Config::named("t");
        config.features.per_service = false;
        let mut services = vec![service("users")];
        assert!(assign(&mut services, &config, &mut warnings).unwrap().is_empty());
        assert_eq!(services[0].feature, None);
    }

    #[test]
    fn feature_names_never_start_with_a_dash_and_stay_unique() {
        let mut services = vec![service("_1"), service("one_"), service("one")];
        let features = assign(&mut services, &Config::named("t"), &mut Vec::new()).unwrap();
        assert_eq!(features["_1"], "1");
        assert_eq!(features["one_"], "one");
        assert_eq!(features["one"], "one-2");
    }

    #[test]
    fn overlay_module_features_must_name_overlay_modules_and_service_features() {
        let run = |config: &Config| assign(&mut [service("sessions"), service("m2m")], config, &mut Vec::new()).map(|_| ());
        assert!(run(&with_module_features(&[("jwt", &["sessions"]), ("m2m_auth", &["m2m+sessions"])])).is_ok());
        let err = run(&with_module_features(&[("jwt", &["session"])])).unwrap_err().to_string();
        assert!(err.contains("`jwt` needs feature `session`, which is no service's (they are: m2m, sessions)"), "{err}");
        let err = run(&with_module_features(&[("m2m_auth", &["m2m+oops"])])).unwrap_err().to_string();
        assert!(err.contains("`oops`"), "{err}");
        let err = run(&with_module_features(&[("clock", &["m2m"])])).unwrap_err().to_string();
        assert!(err.contains("`clock` is not one of the overlay's"), "{err}");
        let err = run(&with_module_features(&[("jwt", &[])])).unwrap_err().to_string();
        assert!(err.contains("lists no feature"), "{err}");
    }
}
