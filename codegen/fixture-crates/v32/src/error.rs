// @generated: copied from the generator's runtime (codegen/runtime/error.rs) by `cargo xtask regen`. Edit it there.

//! Errors returned by every operation.

use std::fmt;
use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;

/// Everything that can go wrong when calling the API.
///
/// Each case keeps what there is to keep: the HTTP status, headers and raw body of any response
/// that arrived, and the underlying cause. `Display` is one line and never prints credentials,
/// query values or more than the start of a body.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with an error status and a body in the API's error format.
    Api(Box<ApiError>),
    /// The request did not finish in time: the per-attempt timeout, the connect timeout, or what
    /// was left of the total timeout across retries.
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
    /// The response headers (request id, rate-limit headers, `Retry-After`...).
    pub headers: HeaderMap,
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
    /// The response headers.
    pub headers: HeaderMap,
}

/// What the runtime reads from the API's error body; implemented by the generated crate from
/// the error schema's fields.
pub(crate) trait ErrorBody {
    /// The request id the body carries, if the schema has one.
    fn request_id(&self) -> Option<&str>;
    /// A human-readable message, if the schema has one.
    fn message(&self) -> Option<&str>;
}

/// Headers that carry a request id, in the order they are looked up.
const REQUEST_ID_HEADERS: [&str; 3] = ["request-id", "x-request-id", "x-amzn-requestid"];

/// The request id of a response, from its headers.
pub(crate) fn header_request_id(headers: &HeaderMap) -> Option<&str> {
    REQUEST_ID_HEADERS.iter().find_map(|name| headers.get(*name)?.to_str().ok())
}

/// The delay a `Retry-After` header asks for: seconds, or an HTTP date (relative to `now`).
pub(crate) fn retry_after_header(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Statuses that say "try again": rate limiting, request timeout, and transient server errors.
pub(crate) fn is_transient_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
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

    /// The headers of the response, when a response arrived.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Api(e) => Some(&e.headers),
            Error::UnexpectedResponse(e) => Some(&e.headers),
            Error::Timeout(_) | Error::Transport(_) | Error::Config(_) => None,
        }
    }

    /// The request id to quote to the API's support: from a `request-id`-style header, else
    /// from the error body.
    pub fn request_id(&self) -> Option<&str> {
        let from_headers = self.headers().and_then(header_request_id);
        match self {
            Error::Api(e) => from_headers.or_else(|| e.body.request_id()),
            _ => from_headers,
        }
    }

    /// Whether the call timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout(_))
    }

    /// Whether the failure is transient, so that the same call may succeed later: a timeout, a
    /// transport failure, or a 408, 429, 500, 502, 503 or 504 answer.
    ///
    /// The client retries such failures by itself only where that is safe (see
    /// [`RetryPolicy`](crate::RetryPolicy)); this tells a caller what it may retry on its own.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout(_) | Error::Transport(_) => true,
            Error::Api(_) | Error::UnexpectedResponse(_) => self.status().is_some_and(is_transient_status),
            Error::Config(_) => false,
        }
    }

    /// How long the server asked to wait before trying again (`Retry-After`, in seconds or as
    /// an HTTP date).
    pub fn retry_after(&self) -> Option<Duration> {
        self.headers().and_then(|h| retry_after_header(h, SystemTime::now()))
    }

    /// Converts a reqwest error, dropping the URL it carries so that query values never reach
    /// logs through `Display`.
    pub(crate) fn from_reqwest(error: reqwest::Error) -> Self {
        let error = error.without_url();
        if error.is_timeout() {
            Error::Timeout(error)
        } else {
            Error::Transport(error)
        }
    }
}

/// At most this many characters of a body appear in `Display`.
const DISPLAY_BODY_CHARS: usize = 200;

/// The start of `body` on one line, cut at [`DISPLAY_BODY_CHARS`].
fn excerpt(body: &str) -> String {
    let mut out: String = body.chars().take(DISPLAY_BODY_CHARS).map(|c| if c.is_control() { ' ' } else { c }).collect();
    if body.chars().nth(DISPLAY_BODY_CHARS).is_some() {
        out.push_str("...");
    }
    out
}

/// An error and its root cause, on one line (`error sending request: Connection refused`).
fn chain(f: &mut fmt::Formatter<'_>, error: &dyn std::error::Error) -> fmt::Result {
    write!(f, "{error}")?;
    let mut root = None;
    let mut source = error.source();
    while let Some(cause) = source {
        root = Some(cause);
        source = cause.source();
    }
    match root {
        Some(cause) => write!(f, ": {cause}"),
        None => Ok(()),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => {
                write!(f, "API error (HTTP {}", e.status)?;
                if let Some(id) = self.request_id() {
                    write!(f, ", request {id}")?;
                }
                match e.body.message() {
                    Some(message) => write!(f, "): {}", excerpt(message)),
                    None => write!(f, "): {}", excerpt(&e.raw_body)),
                }
            }
            Error::Timeout(e) => {
                f.write_str("request timed out: ")?;
                chain(f, e)
            }
            Error::Transport(e) => {
                f.write_str("transport error: ")?;
                chain(f, e)
            }
            Error::UnexpectedResponse(e) => {
                write!(f, "unexpected response (HTTP {}", e.status)?;
                if let Some(id) = header_request_id(&e.headers) {
                    write!(f, ", request {id}")?;
                }
                write!(f, "): {}", excerpt(&e.reason))
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
