//! Every way generation can fail, each saying where and why.

use std::fmt;
use std::path::PathBuf;

/// A generation failure. Its `Display` names the file, line and column (syntax), or the JSON
/// pointer and operation (semantic problems), so a user can go straight to the cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A file could not be read or written.
    Io { path: PathBuf, message: String },
    /// The document is not valid YAML/JSON, or does not have the shape of an OpenAPI 3.0 document.
    Syntax { file: PathBuf, line: Option<usize>, column: Option<usize>, message: String },
    /// The document parses but says something the generator cannot honor.
    Semantic { pointer: String, operation: Option<String>, message: String },
    /// The generator configuration is invalid.
    Config { file: PathBuf, message: String },
    /// Emitting or formatting the output failed; this is a generator bug, reported with context.
    Emit { file: String, message: String },
}

impl Error {
    pub(crate) fn semantic(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Semantic { pointer: pointer.into(), operation: None, message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Syntax { file, line, column, message } => {
                write!(f, "{}", file.display())?;
                if let Some(line) = line {
                    write!(f, ":{line}")?;
                    if let Some(column) = column {
                        write!(f, ":{column}")?;
                    }
                }
                write!(f, ": {message}")
            }
            Error::Semantic { pointer, operation, message } => {
                write!(f, "at {pointer}")?;
                if let Some(op) = operation {
                    write!(f, " (operation `{op}`)")?;
                }
                write!(f, ": {message}")
            }
            Error::Config { file, message } => write!(f, "{}: {message}", file.display()),
            Error::Emit { file, message } => write!(f, "emitting {file}: {message}"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Something the generator worked around instead of refusing the spec: a renamed identifier,
/// a body typed as raw JSON, a coerced value. `cargo xtask generate --strict` turns these into
/// errors.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Warning {
    /// JSON pointer into the spec (`#/paths/~1pets/get/requestBody`).
    pub pointer: String,
    /// The operation it concerns, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    pub message: String,
}

impl Warning {
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Warning { pointer: pointer.into(), operation: None, message: message.into() }
    }

    /// A warning from a semantic error that was worked around; `fallback` says how.
    pub(crate) fn from_error(error: &Error, fallback: &str) -> Self {
        match error {
            Error::Semantic { pointer, operation, message } => {
                Warning { pointer: pointer.clone(), operation: operation.clone(), message: format!("{message}; {fallback}") }
            }
            other => Warning::new("#", format!("{other}; {fallback}")),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "warning: at {}", self.pointer)?;
        if let Some(op) = &self.operation {
            write!(f, " (operation `{op}`)")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Escapes one JSON pointer token (RFC 6901): `~` becomes `~0`, `/` becomes `~1`.
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
