// @generated: copied from the generator's runtime (codegen/runtime/error.rs) by `cargo xtask regen`. Edit it there.

//! Errors returned by every operation.

use std::fmt;

/// Everything that can go wrong when calling the API.
///
/// Each case keeps what there is to keep: the HTTP status and raw body of any response that
/// arrived, and the underlying cause.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with an error status and a body in the API's error format.
    Api(Box<ApiError>),
    /// The request did not finish within the configured timeout.
    Timeout(reqwest::Error),
    /// The request could not be sent or the response could not be read (connection refused,
    /// DNS failure, TLS error, connection reset...).
    Transport(reqwest::Error),
    /// The server answered with something that could not be decoded: not JSON, not the expected
    /// shape, or an error status without the API's error format (an HTML 502 from a proxy).
    UnexpectedResponse(Box<UnexpectedResponse>),
    /// The client is not configured for this call, or the request could not be built.
    Config(String),
}

/// An error answer from the API.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status code.
    pub status: u16,
    /// The decoded error body.
    pub body: crate::ApiErrorBody,
    /// The raw response body, as received.
    pub raw_body: String,
}

/// A response that could not be decoded.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct UnexpectedResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The raw response body (lossily decoded as UTF-8).
    pub body: String,
    /// Why it could not be decoded.
    pub reason: String,
}

impl Error {
    /// The HTTP status code of the response, when a response arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::UnexpectedResponse(e) => Some(e.status),
            Error::Timeout(_) | Error::Transport(_) | Error::Config(_) => None,
        }
    }

    /// The raw body of the response, when a response arrived.
    pub fn raw_body(&self) -> Option<&str> {
        match self {
            Error::Api(e) => Some(&e.raw_body),
            Error::UnexpectedResponse(e) => Some(&e.body),
            Error::Timeout(_) | Error::Transport(_) | Error::Config(_) => None,
        }
    }

    /// Whether the call timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout(_))
    }

    pub(crate) fn from_reqwest(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            Error::Timeout(error)
        } else {
            Error::Transport(error)
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => write!(f, "API error (HTTP {}): {}", e.status, e.raw_body),
            Error::Timeout(e) => write!(f, "request timed out: {e}"),
            Error::Transport(e) => write!(f, "transport error: {e}"),
            Error::UnexpectedResponse(e) => {
                write!(f, "unexpected response (HTTP {}): {}", e.status, e.reason)
            }
            Error::Config(message) => write!(f, "client configuration error: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Timeout(e) | Error::Transport(e) => Some(e),
            Error::Api(_) | Error::UnexpectedResponse(_) | Error::Config(_) => None,
        }
    }
}
