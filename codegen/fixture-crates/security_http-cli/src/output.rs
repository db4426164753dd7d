// @generated: copied from the generator's CLI runtime (codegen/cli-runtime/output.rs) by `cargo xtask regen`. Edit it there.

//! What a call ends with: the response printed on stdout, the request printed by `--dry-run`,
//! or an error printed on stderr with its exit code.

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use crate::sdk::{Call, Error, RequestPreview};

/// Exit codes: 0 success, 1 a client setting, 2 a usage error, 3 the API answered with an
/// error, 4 no answer (transport failure or timeout).
pub const EXIT_CONFIG: u8 = 1;
pub const EXIT_USAGE: u8 = 2;
pub const EXIT_API: u8 = 3;
pub const EXIT_TRANSPORT: u8 = 4;

/// Whether to send the call or only show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Send,
    DryRun,
}

/// A successful response, ready to print.
#[derive(Debug)]
pub enum Output {
    Json(Value),
    Text(String),
    Bytes(Vec<u8>),
    Empty,
}

impl Output {
    /// A typed response as JSON.
    pub fn json<T: Serialize>(body: &T) -> Output {
        // The SDK's response types serialize to JSON by construction; fall back to `null`
        // rather than failing after a successful call.
        Output::Json(serde_json::to_value(body).unwrap_or(Value::Null))
    }
}

/// What a command produced.
#[derive(Debug)]
pub enum Outcome {
    Response(Output),
    Preview(RequestPreview),
}

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// The command line does not make a valid call.
    Usage(String),
    /// The SDK's error.
    Call(Error),
}

/// Sends `call` (or previews it) and turns the typed result into an [`Output`].
pub async fn finish<T: Send + 'static>(call: Call<T>, mode: Mode, output: impl FnOnce(T) -> Output) -> Result<Outcome, Failure> {
    match mode {
        Mode::DryRun => call.preview().map(Outcome::Preview).map_err(Failure::Call),
        Mode::Send => call.await.map(|body| Outcome::Response(output(body))).map_err(Failure::Call),
    }
}

/// Prints a successful outcome on `stdout`.
pub fn print(outcome: &Outcome, stdout: &mut dyn Write) -> std::io::Result<()> {
    match outcome {
        Outcome::Preview(preview) => {
            let text = preview.to_string();
            stdout.write_all(text.as_bytes())?;
            if text.ends_with('\n') {
                Ok(())
            } else {
                writeln!(stdout)
            }
        }
        Outcome::Response(Output::Json(value)) => {
            serde_json::to_writer_pretty(&mut *stdout, value)?;
            writeln!(stdout)
        }
        Outcome::Response(Output::Text(text)) => stdout.write_all(text.as_bytes()),
        Outcome::Response(Output::Bytes(bytes)) => stdout.write_all(bytes),
        Outcome::Response(Output::Empty) => Ok(()),
    }
}

/// The names of the error body's fields that hold the error's type and message.
#[derive(Debug)]
pub struct ErrorFields {
    pub kind: Option<&'static str>,
    pub message: Option<&'static str>,
}

/// Prints a failure on `stderr` and returns its exit code.
pub fn report(failure: &Failure, fields: &ErrorFields, stderr: &mut dyn Write) -> std::io::Result<u8> {
    let error = match failure {
        Failure::Usage(message) => {
            writeln!(stderr, "error: {message}")?;
            return Ok(EXIT_USAGE);
        }
        Failure::Call(error) => error,
    };
    writeln!(stderr, "error: {error}")?;
    let code = match error {
        Error::Api(api) => {
            let body = serde_json::to_value(&api.body).unwrap_or(Value::Null);
            let field = |name: Option<&str>| name.and_then(|n| body.get(n)).and_then(Value::as_str);
            writeln!(stderr, "status: {}", api.status)?;
            if let Some(kind) = field(fields.kind) {
                writeln!(stderr, "type: {kind}")?;
            }
            if let Some(message) = field(fields.message) {
                writeln!(stderr, "message: {message}")?;
            }
            EXIT_API
        }
        Error::UnexpectedResponse(response) => {
            writeln!(stderr, "status: {}", response.status)?;
            EXIT_API
        }
        Error::Timeout(_) | Error::Transport(_) => EXIT_TRANSPORT,
        _ => EXIT_CONFIG,
    };
    if let Some(id) = error.request_id() {
        writeln!(stderr, "request id: {id}")?;
    }
    Ok(code)
}
