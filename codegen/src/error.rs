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

    /// Attaches an operation id to a semantic error that does not carry one yet.
    pub(crate) fn in_operation(self, operation: &str) -> Self {
        match self {
            Error::Semantic { pointer, operation: None, message } => {
                Error::Semantic { pointer, operation: Some(operation.to_owned()), message }
            }
            other => other,
        }
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

/// Escapes one JSON pointer token (RFC 6901): `~` becomes `~0`, `/` becomes `~1`.
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
