// @generated: copied from the generator's runtime (codegen/runtime/call.rs) by `cargo xtask regen`. Edit it there.

//! What every operation method returns: a [`Call`], awaited for the typed result, adjusted with
//! [`RequestOptions`] first, or sent for a [`Response`] that keeps the status and headers.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use crate::error::{header_request_id, Error};
use crate::request::Request;
use crate::Client;

/// Turns a success status and body into the operation's result, or says why it cannot.
pub(crate) type Decode<T> = fn(u16, &[u8]) -> Result<T, String>;

/// One call of an operation, ready to send.
///
/// `.await` it for the typed result. Before that, [`with`](Call::with) sets per-call options
/// (timeout, retries, headers, idempotency key) without touching the client, and
/// [`send_with_response`](Call::send_with_response) also returns the status and headers:
///
/// ```no_run
/// # async fn example(client: &fixture_swagger_security::Client) -> Result<(), fixture_swagger_security::Error> {
/// use std::time::Duration;
/// use fixture_swagger_security::reqwest::Method;
/// use fixture_swagger_security::RequestOptions;
///
/// // Any operation method works the same way; `request` is the one every crate has.
/// let value = client.request(Method::GET, "/v1/things/1", None).await?;
/// let options = RequestOptions::new().timeout(Duration::from_secs(2)).max_retries(0);
/// let value = client.request(Method::GET, "/v1/things/1", None).with(options).await?;
/// let response = client.request(Method::GET, "/v1/things/1", None).send_with_response().await?;
/// println!("{} {:?} {}", response.status, response.request_id(), response.body);
/// # Ok(())
/// # }
/// ```
///
/// A `Call` owns what it needs (a handle to the client and the encoded request), so it can be
/// stored, moved to another task, or spawned.
#[must_use = "a call does nothing until it is awaited or sent"]
pub struct Call<T> {
    client: Client,
    request: Result<Request, Error>,
    options: RequestOptions,
    decode: Decode<T>,
}

impl<T> fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Call");
        if let Ok(request) = &self.request {
            d.field("operation", &request.operation).field("method", &request.method).field("path", &request.template);
        }
        d.field("options", &self.options).finish_non_exhaustive()
    }
}

impl<T: Send + 'static> Call<T> {
    /// A call of `request` (or the error that stopped it from being built) on `client`.
    pub(crate) fn new(client: &Client, request: Result<Request, Error>, decode: Decode<T>) -> Self {
        Call { client: client.clone(), request, options: RequestOptions::default(), decode }
    }

    /// Uses these options for this call only; they take precedence over the client's settings.
    pub fn with(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// Sends the call and decodes the result (the same as `.await` on the call).
    pub async fn send(self) -> Result<T, Error> {
        self.into_future().await
    }

    /// The HTTP request this call would send first (method, URL, headers, body), without
    /// sending anything: for dry runs and debugging. Credentials and other sensitive header
    /// values read `<redacted>`.
    ///
    /// ```no_run
    /// # fn example(client: &fixture_swagger_security::Client) -> Result<(), fixture_swagger_security::Error> {
    /// let preview = client.request(fixture_swagger_security::reqwest::Method::GET, "/v1/things/1", None).preview()?;
    /// println!("{preview}");
    /// # Ok(())
    /// # }
    /// ```
    pub fn preview(self) -> Result<RequestPreview, Error> {
        self.client.preview(&self.request?, &self.options)
    }

    /// Sends the call and returns the decoded result with the status and headers.
    pub async fn send_with_response(self) -> Result<Response<T>, Error> {
        let request = self.request?;
        self.client.execute(request, &self.options, self.decode).await
    }
}

impl<T: Send + 'static> IntoFuture for Call<T> {
    type Output = Result<T, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T, Error>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        // One async block (not `self.send()`): each nested async fn would copy the whole
        // future state once more on every call.
        Box::pin(async move {
            let request = self.request?;
            self.client.execute(request, &self.options, self.decode).await.map(|response| response.body)
        })
    }
}

/// A decoded success with its HTTP status and headers.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The HTTP status code.
    pub status: u16,
    /// The response headers (request id, rate-limit headers...).
    pub headers: HeaderMap,
    /// The decoded body.
    pub body: T,
}

impl<T> Response<T> {
    /// The request id from a `request-id`-style header, if the server sent one.
    pub fn request_id(&self) -> Option<&str> {
        header_request_id(&self.headers)
    }

    /// The decoded body.
    pub fn into_body(self) -> T {
        self.body
    }
}

/// The HTTP request a [`Call`] would send, from [`Call::preview`].
///
/// `Display` prints it the way it goes on the wire: the request line, one header a line, a
/// blank line and the body (lossily decoded as UTF-8).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RequestPreview {
    /// The HTTP method (`POST`).
    pub method: String,
    /// The full URL, query included.
    pub url: String,
    /// Header names and values, in sending order; sensitive values read `<redacted>`.
    pub headers: Vec<(String, String)>,
    /// The encoded body, if the request has one.
    pub body: Option<bytes::Bytes>,
}

impl fmt::Display for RequestPreview {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}", self.method, self.url)?;
        for (name, value) in &self.headers {
            writeln!(f, "{name}: {value}")?;
        }
        if let Some(body) = &self.body {
            write!(f, "\n{}", String::from_utf8_lossy(body))?;
        }
        Ok(())
    }
}

/// Settings for one call, overriding the client's (see [`Call::with`]).
///
/// ```
/// use std::time::Duration;
///
/// let options = fixture_swagger_security::RequestOptions::new()
///     .timeout(Duration::from_secs(5))
///     .max_retries(4)
///     .header("x-trace-id", "abc");
/// ```
#[derive(Clone, Default)]
pub struct RequestOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) total_timeout: Option<Duration>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) idempotent: Option<bool>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) idempotency_key: Option<String>,
    /// Values of the headers the API description makes per-call options, set by their typed
    /// setters (in `lib.rs`).
    pub(crate) option_headers: Vec<(&'static str, String)>,
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values may be credentials: names only.
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("total_timeout", &self.total_timeout)
            .field("max_retries", &self.max_retries)
            .field("idempotent", &self.idempotent)
            .field("headers", &header_names)
            .field("idempotency_key", &self.idempotency_key.as_ref().map(|_| "<set>"))
            .field("option_headers", &self.option_headers.iter().map(|(name, _)| *name).collect::<Vec<_>>())
            .finish()
    }
}

impl RequestOptions {
    /// No overrides: the client's settings apply.
    pub fn new() -> Self {
        Self::default()
    }

    /// Limits each attempt of this call, from sending to reading the whole body.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Limits the whole call, retries and the waits between them included.
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.total_timeout = Some(timeout);
        self
    }

    /// How many times this call may be tried again (0: never).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Declares that repeating this call is harmless, so that it is retried after failures that
    /// may have reached the server (a 503, a timeout, a reset connection) even when its method
    /// is POST; `false` stops such retries for idempotent methods too.
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = Some(idempotent);
        self
    }

    /// Adds a header to this call (sent after, and so in addition to, the operation's own).
    /// An invalid name or value fails the call with [`Error::Config`].
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sends `key` in the idempotency-key header the operation declares, and makes the call
    /// safe to retry. An operation that declares no such header fails with [`Error::Config`].
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Sets a header that the operations declaring it take as a per-call option (the typed
    /// setters call this); setting it again replaces the value.
    #[allow(dead_code, reason = "only used by APIs with per-call option headers")]
    pub(crate) fn option_header(mut self, name: &'static str, value: String) -> Self {
        self.option_headers.retain(|(set, _)| *set != name);
        self.option_headers.push((name, value));
        self
    }
}

/// Decodes a JSON body. A body that does not fit says where and what was expected
/// (`at \`items[2].id\`: invalid type: string "x", expected i64`); the error keeps the raw body.
#[allow(dead_code, reason = "only used by operations answering with JSON")]
pub(crate) fn json<T: DeserializeOwned>(_status: u16, body: &[u8]) -> Result<T, String> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_eof() && body.iter().all(u8::is_ascii_whitespace) {
            "the body is empty, expected JSON".to_owned()
        } else if path == "." {
            format!("the body is not the expected JSON: {inner}")
        } else {
            format!("the body is not the expected JSON at `{path}`: {inner}")
        }
    })?;
    deserializer.end().map_err(|e| format!("the body is not the expected JSON: {e}"))?;
    Ok(value)
}

/// Decodes a JSON body, or `None` when there is none (a status that may come without content:
/// `204`, `205`, a `2XX` range).
#[allow(dead_code, reason = "only used by operations whose success may have no body")]
pub(crate) fn json_or_none<T: DeserializeOwned>(status: u16, body: &[u8]) -> Result<Option<T>, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    json(status, body).map(Some)
}

/// Decodes a JSON body, or `null` when there is none (for raw requests).
pub(crate) fn json_or_null(status: u16, body: &[u8]) -> Result<serde_json::Value, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(serde_json::Value::Null);
    }
    json(status, body)
}

/// Decodes a text body.
#[allow(dead_code, reason = "only used by operations answering with text")]
pub(crate) fn text(_status: u16, body: &[u8]) -> Result<String, String> {
    std::str::from_utf8(body).map(str::to_owned).map_err(|e| format!("the body is not UTF-8 text: {e}"))
}

/// Keeps the body as raw bytes.
#[allow(dead_code, reason = "only used by operations answering with raw bytes")]
pub(crate) fn bytes(_status: u16, body: &[u8]) -> Result<bytes::Bytes, String> {
    Ok(bytes::Bytes::copy_from_slice(body))
}

/// Ignores the body.
#[allow(dead_code, reason = "only used by operations without a response body")]
pub(crate) fn empty(_status: u16, _body: &[u8]) -> Result<(), String> {
    Ok(())
}
