//! Non-Rust files, rendered by minijinja from `codegen/templates/`.

use minijinja::{context, Environment};
use serde::Serialize;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::ir::Api;
use crate::naming::unraw;

const CARGO_TOML: &str = include_str!("../../templates/Cargo.toml.j2");
const README: &str = include_str!("../../templates/README.md.j2");
const CLI_CARGO_TOML: &str = include_str!("../../templates/cli.Cargo.toml.j2");

fn render(name: &str, source: &str, ctx: minijinja::Value) -> Result<String> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    let error = |e: minijinja::Error| Error::Emit { file: name.to_owned(), message: e.to_string() };
    env.add_template(name, source).map_err(error)?;
    let text = env.get_template(name).map_err(error)?.render(ctx).map_err(error)?;
    Ok(if text.ends_with('\n') { text } else { format!("{text}\n") })
}

/// `paginates`: some operation has a `<method>_all` stream, which needs the futures crates;
/// `multipart`: some operation sends a `multipart/form-data` body (reqwest's `multipart`).
/// `services`: the per-service features. The overlay's extra dependencies are checked to be
/// TOML `name = ...` lines.
pub fn cargo_toml(config: &Config, paginates: bool, multipart: bool, services: &[String]) -> Result<String> {
    let dependencies: &[String] = config.overlay.as_ref().map_or(&[], |o| &o.dependencies);
    for line in dependencies {
        toml::from_str::<toml::Table>(line).map_err(|e| Error::Emit {
            file: "Cargo.toml".into(),
            message: format!("overlay dependency `{line}` is not a TOML `name = ...` line: {e}"),
        })?;
    }
    let ctx = context! { package => &config.package, standalone => config.standalone, wire_tests => config.tests.wire, paginates, multipart, dependencies, services };
    let text = render("Cargo.toml", CARGO_TOML, ctx)?;
    toml::from_str::<toml::Table>(&text).map_err(|e| Error::Emit {
        file: "Cargo.toml".into(),
        message: format!("the rendered Cargo.toml is not valid TOML (does an overlay dependency repeat one the runtime declares?): {e}"),
    })?;
    Ok(text)
}

/// The CLI crate's `Cargo.toml`, depending on the SDK crate by path.
pub fn cli_cargo_toml(config: &Config, cli: &crate::config::CliConfig) -> Result<String> {
    let sdk_path = cli.sdk_path.clone().unwrap_or_else(|| format!("../{}", config.package.name));
    let ctx = context! {
        package => cli.package_name(config),
        version => &config.package.version,
        publish => config.package.publish,
        bin => cli.bin_name(config),
        sdk => &config.package.name,
        sdk_path,
        standalone => config.standalone,
    };
    render("Cargo.toml", CLI_CARGO_TOML, ctx)
}

#[derive(Serialize)]
struct Row {
    http_method: String,
    path: String,
    call: String,
    /// The `<method>_all` stream of a cursor-paginated operation.
    all_call: Option<String>,
    summary: String,
}

pub fn readme(api: &Api, config: &Config) -> Result<String> {
    let rows: Vec<Row> = api
        .operations()
        .into_iter()
        .map(|(s, o)| {
            let chain = s.module.iter().map(|m| unraw(m)).collect::<Vec<_>>().join("().");
            Row {
                http_method: o.http_method.clone(),
                path: o.path.clone(),
                call: format!("client.{chain}().{}()", unraw(&o.method_name)),
                all_call: o.pagination.as_ref().map(|p| format!("client.{chain}().{}()", p.method_name)),
                summary: o.docs.0.first().cloned().unwrap_or_default(),
            }
        })
        .collect();
    render(
        "README.md",
        README,
        context! {
            package => &config.package,
            lib_name => config.lib_name(),
            title => &api.title,
            api_version => &api.version,
            paginates => rows.iter().any(|r| r.all_call.is_some()),
            features => crate::emit::features::features_text(api, config),
            operations => rows,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::cargo_toml;
    use crate::config::{Config, Overlay};

    fn with_dependencies(lines: &[&str]) -> Config {
        let mut config = Config::named("t");
        config.overlay = Some(Overlay {
            dir: "overlay".into(),
            public_modules: Vec::new(),
            private_modules: Vec::new(),
            dependencies: lines.iter().map(|l| (*l).to_owned()).collect(),
            module_features: Default::default(),
        });
        config
    }

    #[test]
    fn overlay_dependencies_go_under_dependencies_only_when_configured() {
        let line = r#"jsonwebtoken = { version = "10", default-features = false }"#;
        assert!(!cargo_toml(&Config::named("t"), false, false, &[]).unwrap().contains("jsonwebtoken"));
        let text = cargo_toml(&with_dependencies(&[line]), false, false, &[]).unwrap();
        let dependencies = text.split("[dependencies]").nth(1).and_then(|rest| rest.split("\n[").next()).unwrap();
        assert!(dependencies.contains(line), "{text}");
        let err = cargo_toml(&with_dependencies(&["not toml"]), false, false, &[]).unwrap_err().to_string();
        assert!(err.contains("not toml"), "{err}");
    }
}
