//! Non-Rust files, rendered by minijinja from `codegen/templates/`.

use minijinja::{context, Environment};
use serde::Serialize;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::ir::Api;
use crate::naming::unraw;

const CARGO_TOML: &str = include_str!("../../templates/Cargo.toml.j2");
const README: &str = include_str!("../../templates/README.md.j2");

fn render(name: &str, source: &str, ctx: minijinja::Value) -> Result<String> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    let error = |e: minijinja::Error| Error::Emit { file: name.to_owned(), message: e.to_string() };
    env.add_template(name, source).map_err(error)?;
    let text = env.get_template(name).map_err(error)?.render(ctx).map_err(error)?;
    Ok(if text.ends_with('\n') { text } else { format!("{text}\n") })
}

/// `paginates`: some operation has a `<method>_all` stream, which needs the futures crates.
pub fn cargo_toml(config: &Config, paginates: bool) -> Result<String> {
    let ctx = context! { package => &config.package, standalone => config.standalone, wire_tests => config.tests.wire, paginates };
    render("Cargo.toml", CARGO_TOML, ctx)
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
            operations => rows,
        },
    )
}
