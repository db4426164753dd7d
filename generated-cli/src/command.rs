// @generated: copied from the generator's CLI runtime (codegen/cli-runtime/command.rs) by `cargo xtask regen`. Edit it there.

//! The clap command tree, built from the generated operation table: one subcommand per service
//! path segment, one leaf per operation, and the global flags.

use clap::builder::PossibleValuesParser;
use clap::{value_parser, Arg as Flag, ArgAction, Command};

use crate::table::{Arg, Body, Group, Kind, Operation, Place};
use crate::run::Settings;

/// Flag ids the runtime reads (the generator keeps operation flags clear of them).
pub const BASE_URL: &str = "base-url";
pub const DRY_RUN: &str = "dry-run";
pub const JSON: &str = "json";
pub const BODY_FILE: &str = "body-file";
pub const CONTENT_TYPE: &str = "content-type";
pub const USER: &str = "credentials-user";
pub const SECRET: &str = "credentials-secret";

/// Global flags come after an operation's own in its help.
const GLOBAL_ORDER: usize = 10_000;

/// The whole command line interface.
pub fn command(settings: &Settings) -> Command {
    let (operations, groups) = (settings.operations, settings.groups);
    let (user_env, secret_env) = settings.env;
    let root = Command::new(settings.bin)
        .about(settings.about)
        .version(settings.version)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .after_help(listing(operations))
        .arg(Flag::new(BASE_URL).long(BASE_URL).global(true).display_order(GLOBAL_ORDER).value_name("URL").help("Send requests to this server instead (a proxy or a test server)"))
        .arg(Flag::new(DRY_RUN).long(DRY_RUN).global(true).display_order(GLOBAL_ORDER).action(ArgAction::SetTrue).help("Print the HTTP request instead of sending it (credentials redacted)"))
        .arg(Flag::new(USER).long(settings.flags.0).global(true).display_order(GLOBAL_ORDER).env(user_env).value_name("ID").help("The API user (or set the environment variable)"))
        .arg(
            Flag::new(SECRET)
                .long(settings.flags.1)
                .global(true)
                .display_order(GLOBAL_ORDER)
                .env(secret_env)
                .hide_env_values(true)
                .value_name("SECRET")
                .help("The API secret (or set the environment variable)"),
        );
    let root = settings.schemes.iter().fold(root, |root, scheme| {
        root.arg(Flag::new(scheme.scheme).long(scheme.long).global(true).display_order(GLOBAL_ORDER).env(scheme.env).hide_env_values(true).value_name("SECRET").help(scheme.help))
    });
    children(root, &[], operations, groups)
}

/// Adds the groups and operations one level below `prefix` to `parent`.
fn children(mut parent: Command, prefix: &[&'static str], operations: &'static [Operation], groups: &'static [Group]) -> Command {
    let below = |command: &[&str]| command.len() == prefix.len() + 1 && command.starts_with(prefix);
    for group in groups.iter().filter(|g| below(g.command)) {
        let name = group.command[prefix.len()];
        let sub = Command::new(name).about(group.about).subcommand_required(true).arg_required_else_help(true);
        parent = parent.subcommand(children(sub, group.command, operations, groups));
    }
    for op in operations.iter().filter(|o| below(o.command)) {
        parent = parent.subcommand(leaf(op));
    }
    parent
}

fn leaf(op: &'static Operation) -> Command {
    let long_about = format!("{}\n\n{} {}", op.docs, op.method, op.path);
    let mut command = Command::new(op.command[op.command.len() - 1]).about(op.summary).long_about(long_about);
    let mut index = 1;
    for arg in op.args {
        let flag = if arg.place == Place::Path {
            index += 1;
            Flag::new(arg.flag).index(index - 1).value_name(arg.flag.to_uppercase().replace('-', "_"))
        } else {
            Flag::new(arg.flag).long(arg.flag)
        };
        command = command.arg(typed(flag, arg));
    }
    let body_help = "The body as JSON; flags set on top of it win";
    command = match op.body {
        Body::None => command,
        Body::Object | Body::Value { .. } => command
            .arg(Flag::new(JSON).long(JSON).value_name("JSON").conflicts_with(BODY_FILE).help(body_help))
            .arg(Flag::new(BODY_FILE).long(BODY_FILE).value_name("FILE").help("Read the JSON body from FILE (`-`: standard input)")),
        Body::Raw { open_content_type } => {
            let body = Flag::new(BODY_FILE).long(BODY_FILE).value_name("FILE").required(true).help("Read the body from FILE (`-`: standard input)");
            let command = command.arg(body);
            if open_content_type {
                command.arg(Flag::new(CONTENT_TYPE).long(CONTENT_TYPE).value_name("MEDIA_TYPE").required(true).help("The body's media type"))
            } else {
                command
            }
        }
    };
    if let Body::Value { required: true } = op.body {
        command = command.group(clap::ArgGroup::new("body").args([JSON, BODY_FILE]).required(true));
    }
    command
}

/// The value parser, arity and requirement of one operation input.
fn typed(flag: Flag, arg: &Arg) -> Flag {
    let flag = match arg.kind {
        Kind::String => flag.value_parser(value_parser!(String)),
        Kind::Integer => flag.value_parser(value_parser!(i64)),
        Kind::Number => flag.value_parser(value_parser!(f64)),
        Kind::Enum(values) => flag.value_parser(PossibleValuesParser::new(values.iter().copied())),
        // `--flag` alone means true; `--flag=false` says false.
        Kind::Bool if arg.place != Place::Path => flag.value_parser(value_parser!(bool)).num_args(0..=1).require_equals(true).default_missing_value("true"),
        Kind::Bool => flag.value_parser(value_parser!(bool)),
    };
    let flag = if arg.many { flag.action(ArgAction::Append) } else { flag };
    let flag = if arg.required && arg.place != Place::Path { flag.help(format!("{} [required]", arg.help)) } else { flag.help(arg.help) };
    match (arg.required, arg.place) {
        (false, _) => flag,
        // A required body field may come from the JSON body instead.
        (true, Place::Body) => flag.required_unless_present_any([JSON, BODY_FILE]),
        (true, _) => flag.required(true),
    }
}

/// The top-level help's list of every operation and its summary.
fn listing(operations: &[Operation]) -> String {
    let width = operations.iter().map(|o| o.command.join(" ").len()).max().unwrap_or(0);
    let mut text = String::from("Operations:\n");
    for op in operations {
        text.push_str(&format!("  {:width$}  {}\n", op.command.join(" "), op.summary));
    }
    text
}
