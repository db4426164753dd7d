//! The command-line client crate (`[cli]` in the configuration): a binary calling any operation
//! by its Rust path, generated from the same IR as the SDK it depends on.
//!
//! The generic part (clap command tree, input merging, output and errors) is hand-written in
//! `codegen/cli-runtime/` and copied in; what is generated is data (the operation table), the
//! dispatcher calling each SDK method, the settings in `lib.rs`, and `Cargo.toml`.

mod dispatch;
mod lib_rs;
mod schemes;
mod table;
mod tests_rs;

use crate::config::{CliConfig, Config};
use crate::emit::format::{rust_file, BANNER};
use crate::emit::templates;
use crate::emit::typeref::{ident, TypeIndex};
use crate::error::Result;
use crate::ir::Api;
use crate::Files;

/// The CLI runtime's files, copied as they are.
const RUNTIME: &[(&str, &str)] = &[
    ("src/command.rs", include_str!("../../../cli-runtime/command.rs")),
    ("src/input.rs", include_str!("../../../cli-runtime/input.rs")),
    ("src/output.rs", include_str!("../../../cli-runtime/output.rs")),
    ("src/run.rs", include_str!("../../../cli-runtime/run.rs")),
    ("src/table.rs", include_str!("../../../cli-runtime/table.rs")),
];

/// Every file of the CLI crate.
pub fn emit(api: &Api, config: &Config, cli: &CliConfig) -> Result<Files> {
    let index = TypeIndex::new(api);
    let sdk = index.outside(&ident("sdk"));
    let mut files = Files::new();
    for (path, text) in RUNTIME {
        let name = path.trim_start_matches("src/");
        let banner = format!("// @generated: copied from the generator's CLI runtime (codegen/cli-runtime/{name}) by `cargo xtask regen`. Edit it there.\n\n");
        files.insert((*path).to_owned(), format!("{banner}{text}"));
    }
    let generated = [
        ("src/lib.rs", lib_rs::lib_rs(api, config, cli, &index)),
        ("src/main.rs", lib_rs::main_rs(config, cli)),
        ("src/operations.rs", table::operations_rs(api, config, cli, &index)),
        ("src/dispatch.rs", dispatch::dispatch_rs(api, &sdk)),
        ("tests/binary.rs", tests_rs::binary_rs(api, config, cli)),
    ];
    for (path, tokens) in generated {
        files.insert(path.to_owned(), rust_file(path, tokens, BANNER)?);
    }
    files.insert("Cargo.toml".into(), templates::cli_cargo_toml(config, cli)?);
    Ok(files)
}
