// @generated: copied from the generator's CLI runtime (codegen/cli-runtime/run.rs) by `cargo xtask regen`. Edit it there.

//! The command's entry point: parse, read the inputs, build the client, call, print.

use std::ffi::OsString;
use std::io::{Read, Write};

use crate::command::{self, BASE_URL, DRY_RUN, SECRET, USER};
use crate::input::Input;
use crate::output::{self, ErrorFields, Failure, Mode, Outcome, EXIT_USAGE};
use crate::table::{Group, Operation};

/// What the generator fills in for this API: names, credentials, and the operation table.
#[derive(Debug)]
pub struct Settings {
    /// The binary's name.
    pub bin: &'static str,
    pub about: &'static str,
    pub version: &'static str,
    /// The long names of the user and secret flags.
    pub flags: (&'static str, &'static str),
    /// The environment variables of the user and the secret.
    pub env: (&'static str, &'static str),
    /// Whether every call needs the user and secret (a custom client builder takes them).
    pub credentials_required: bool,
    /// One flag per security scheme not served by the user and secret.
    pub schemes: &'static [SchemeFlag],
    pub error_fields: ErrorFields,
    pub operations: &'static [Operation],
    pub groups: &'static [Group],
}

/// The flag and environment variable of one security scheme's credential.
#[derive(Debug)]
pub struct SchemeFlag {
    /// The scheme's name in the API description (the flag's id).
    pub scheme: &'static str,
    /// The long flag (`api-key`).
    pub long: &'static str,
    /// The environment variable (`PETSTORE_API_KEY`).
    pub env: &'static str,
    pub help: &'static str,
}

/// Runs the command line `args` (the binary's name first) and returns the process exit code:
/// 0 on success, then the codes in [`output`](crate::output). Writes the response (or the
/// `--dry-run` request) to `stdout` and errors to `stderr`, and reads a `--body-file -` body
/// from `stdin`.
pub async fn run<I, T>(args: I, stdin: &mut dyn Read, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let settings = &crate::SETTINGS;
    let matches = match command::command(settings).try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(e) => {
            // `--help` and `--version` are "errors" that go to stdout with code 0.
            let out: &mut dyn Write = if e.use_stderr() { stderr } else { stdout };
            let written = write!(out, "{}", e.render());
            return if written.is_ok() { u8::try_from(e.exit_code()).unwrap_or(EXIT_USAGE) } else { EXIT_USAGE };
        }
    };
    let mut path = Vec::new();
    let mut leaf = &matches;
    while let Some((name, sub)) = leaf.subcommand() {
        path.push(name);
        leaf = sub;
    }
    let result = match settings.operations.iter().find(|o| o.command == path.as_slice()) {
        Some(op) => call(op, leaf, stdin).await,
        None => Err(Failure::Usage(format!("unknown command `{}`", path.join(" ")))),
    };
    let written = match result {
        Ok(outcome) => output::print(&outcome, stdout).map(|()| 0),
        Err(failure) => output::report(&failure, &settings.error_fields, stderr),
    };
    written.unwrap_or(EXIT_USAGE)
}

/// One operation call from its parsed command line.
async fn call(op: &Operation, matches: &clap::ArgMatches, stdin: &mut dyn Read) -> Result<Outcome, Failure> {
    let settings = &crate::SETTINGS;
    let mode = if matches.get_flag(DRY_RUN) { Mode::DryRun } else { Mode::Send };
    let user = matches.get_one::<String>(USER);
    let secret = matches.get_one::<String>(SECRET);
    let credentials = match (user, secret) {
        (Some(user), Some(secret)) => Some((user.as_str(), secret.as_str())),
        // A dry run shows the request without credentials when there are none; without a
        // custom builder, the SDK says which scheme a call misses.
        (None, None) if mode == Mode::DryRun || !settings.credentials_required => None,
        _ => {
            let (user_env, secret_env) = settings.env;
            let (user_flag, secret_flag) = settings.flags;
            return Err(Failure::Usage(format!("credentials needed: --{user_flag} and --{secret_flag}, or {user_env} and {secret_env}")));
        }
    };
    let base_url = matches.get_one::<String>(BASE_URL).map(String::as_str);
    let schemes: Vec<(&str, &str)> = settings.schemes.iter().filter_map(|s| Some((s.scheme, matches.get_one::<String>(s.scheme)?.as_str()))).collect();
    let client = crate::client(credentials, &schemes, base_url).map_err(Failure::Call)?;
    let input = Input::read(op, matches, stdin)?;
    crate::dispatch::call(&client, op.id, &input, mode).await
}
