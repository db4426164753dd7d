// @generated: copied from the generator's runtime (codegen/runtime/client.rs) by `cargo xtask regen`. Edit it there.

//! The HTTP client every operation goes through.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderValue, ACCEPT, CONTENT_TYPE, USER_AGENT};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{ApiError, Error, UnexpectedResponse};

/// The user agent sent unless another is configured.
const DEFAULT_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// The API client. Cheap to clone: clones share one connection pool.
///
/// Build one with [`Client::builder`].
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    server_urls: BTreeMap<String, String>,
    auth: Option<Auth>,
    client_params: BTreeMap<String, String>,
    user_agent: String,
    timeout: Option<Duration>,
}

#[derive(Clone)]
enum Auth {
    Basic { username: String, password: String },
    Bearer(String),
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let auth = match &self.inner.auth {
            None => "none".to_owned(),
            Some(Auth::Basic { username, .. }) => format!("basic ({username}:<redacted>)"),
            Some(Auth::Bearer(_)) => "bearer (<redacted>)".to_owned(),
        };
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("server_urls", &self.inner.server_urls)
            .field("auth", &auth)
            .field("user_agent", &self.inner.user_agent)
            .field("timeout", &self.inner.timeout)
            .finish_non_exhaustive()
    }
}

/// Configures and builds a [`Client`].
#[derive(Clone, Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    default_base_url: Option<String>,
    server_urls: BTreeMap<String, String>,
    auth: Option<Auth>,
    client_params: BTreeMap<String, String>,
    user_agent: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    http: Option<reqwest::Client>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("default_base_url", &self.default_base_url)
            .field("server_urls", &self.server_urls)
            .field("auth", &self.auth.as_ref().map(|_| Redacted))
            .field("user_agent", &self.user_agent)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests go to (without a trailing slash).
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// A value the client fills into operations by itself (such as a project id in a path).
    #[allow(dead_code, reason = "only used by operations with client-filled parameters")]
    pub(crate) fn client_param(&self, name: &str) -> Result<&str, Error> {
        self.inner.client_params.get(name).map(String::as_str).ok_or_else(|| {
            Error::Config(format!("this operation needs the client setting `{name}`; set it with `ClientBuilder::client_param`"))
        })
    }

    fn url_for(&self, request: &Request) -> String {
        let base = match request.server {
            Some(server) => self.inner.server_urls.get(server).map_or(server, String::as_str),
            None => self.inner.base_url.as_str(),
        };
        format!("{base}{}", request.path)
    }

    /// Sends the request; an error status becomes an `Err` here, a success returns its
    /// status, content type and body.
    async fn send(&self, request: Request) -> Result<(u16, Option<String>, Vec<u8>), Error> {
        let url = self.url_for(&request);
        let error_decoder = request.error_decoder;
        let mut builder = self
            .inner
            .http
            .request(request.method, url)
            .header(USER_AGENT, self.inner.user_agent.as_str())
            .header(ACCEPT, "application/json");
        if !request.query.is_empty() {
            builder = builder.query(&request.query);
        }
        for (name, value) in &request.headers {
            builder = builder.header(*name, value.as_str());
        }
        builder = match (&request.auth, &self.inner.auth) {
            (RequestAuth::Bearer(token), _) | (RequestAuth::Client, Some(Auth::Bearer(token))) => builder.bearer_auth(token),
            (RequestAuth::Client, Some(Auth::Basic { username, password })) => builder.basic_auth(username, Some(password)),
            (RequestAuth::Client | RequestAuth::None, _) => builder,
        };
        if let Some((content_type, body)) = request.body {
            builder = builder.header(CONTENT_TYPE, content_type).body(body);
        }
        if let Some(timeout) = self.inner.timeout {
            builder = builder.timeout(timeout);
        }
        let response = builder.send().await.map_err(Error::from_reqwest)?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response.bytes().await.map_err(Error::from_reqwest)?.to_vec();
        if !(200..300).contains(&status) {
            return Err(error_from(status, content_type, &body, error_decoder));
        }
        Ok((status, content_type, body))
    }

    /// Sends a request whose successful answer is a JSON body of type `T`.
    #[allow(dead_code, reason = "only used by operations answering with JSON")]
    pub(crate) async fn send_json<T: DeserializeOwned>(&self, request: Request) -> Result<T, Error> {
        let (status, content_type, body) = self.send(request).await?;
        serde_json::from_slice(&body).map_err(|e| unexpected(status, content_type, &body, format!("the body is not the expected JSON: {e}")))
    }

    /// Sends a request whose successful answer has no body worth decoding.
    #[allow(dead_code, reason = "only used by operations without a response body")]
    pub(crate) async fn send_empty(&self, request: Request) -> Result<(), Error> {
        self.send(request).await?;
        Ok(())
    }

    /// Sends a request whose successful answer is text.
    #[allow(dead_code, reason = "only used by operations answering with text")]
    pub(crate) async fn send_text(&self, request: Request) -> Result<String, Error> {
        let (status, content_type, body) = self.send(request).await?;
        String::from_utf8(body).map_err(|e| {
            let bytes = e.into_bytes();
            unexpected(status, content_type, &bytes, "the body is not UTF-8 text".into())
        })
    }
}

fn unexpected(status: u16, content_type: Option<String>, body: &[u8], reason: String) -> Error {
    Error::UnexpectedResponse(Box::new(UnexpectedResponse {
        status,
        content_type,
        body: String::from_utf8_lossy(body).into_owned(),
        reason,
    }))
}

/// An error status: the API's error object when the body is one (or, first, the operation's own
/// error body, converted), else an unexpected response.
fn error_from(status: u16, content_type: Option<String>, body: &[u8], decoder: Option<ErrorDecoder>) -> Error {
    let api_error = |decoded| Error::Api(Box::new(ApiError { status, body: decoded, raw_body: String::from_utf8_lossy(body).into_owned() }));
    if let Some(decoded) = decoder.and_then(|decode| decode(status, body)) {
        return api_error(decoded);
    }
    match serde_json::from_slice::<crate::ApiErrorBody>(body) {
        Ok(decoded) => api_error(decoded),
        Err(e) => unexpected(status, content_type, body, format!("HTTP {status} without an API error body: {e}")),
    }
}

impl ClientBuilder {
    /// Sends requests to `url` instead of the default server. A path prefix is kept:
    /// `http://127.0.0.1:9000/proxy` sends `/v1/users` to `http://127.0.0.1:9000/proxy/v1/users`.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The base URL used when [`base_url`](Self::base_url) is not called.
    #[allow(dead_code, reason = "used by overlays that pick the default server from credentials")]
    pub(crate) fn default_base_url(mut self, url: impl Into<String>) -> Self {
        self.default_base_url = Some(url.into());
        self
    }

    /// Sends operations that the API description assigns to the server `spec_url` to `url`
    /// instead (for example to point them at a test server).
    pub fn server_url(mut self, spec_url: impl Into<String>, url: impl Into<String>) -> Self {
        self.server_urls.insert(spec_url.into(), url.into());
        self
    }

    /// Authenticates with HTTP Basic credentials.
    pub fn basic_auth(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.auth = Some(Auth::Basic { username: username.into(), password: password.into() });
        self
    }

    /// Authenticates with a bearer token.
    pub fn bearer_auth(mut self, token: impl Into<String>) -> Self {
        self.auth = Some(Auth::Bearer(token.into()));
        self
    }

    /// Sets a value the client fills into operations by itself (see the operations' docs).
    pub fn client_param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.client_params.insert(name.into(), value.into());
        self
    }

    /// Overrides the `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Limits each request, from sending to reading the whole body. Applies to a custom
    /// [`http_client`](Self::http_client) too.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Limits connection set-up. Ignored when a custom [`http_client`](Self::http_client) is given.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Uses this `reqwest::Client` (for proxies, custom TLS, shared pools...).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Builds the client; fails when the base URL is not an absolute http(s) URL or the HTTP
    /// client cannot be created.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = self
            .base_url
            .or(self.default_base_url)
            .unwrap_or_else(|| crate::DEFAULT_BASE_URL.to_owned());
        let base_url = base_url.trim_end_matches('/').to_owned();
        let parsed = reqwest::Url::parse(&base_url).map_err(|e| Error::Config(format!("invalid base URL `{base_url}`: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.query().is_some() {
            return Err(Error::Config(format!("invalid base URL `{base_url}`: expected http(s)://host[/prefix]")));
        }
        let user_agent = self.user_agent.unwrap_or_else(|| DEFAULT_USER_AGENT.to_owned());
        HeaderValue::from_str(&user_agent).map_err(|_| Error::Config(format!("invalid user agent `{user_agent}`")))?;
        let http = match self.http {
            Some(http) => http,
            None => {
                let mut b = reqwest::Client::builder();
                if let Some(t) = self.connect_timeout {
                    b = b.connect_timeout(t);
                }
                b.build().map_err(|e| Error::Config(format!("cannot create the HTTP client: {e}")))?
            }
        };
        let server_urls = self
            .server_urls
            .into_iter()
            .map(|(k, v)| (k.trim_end_matches('/').to_owned(), v.trim_end_matches('/').to_owned()))
            .collect();
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                server_urls,
                auth: self.auth,
                client_params: self.client_params,
                user_agent,
                timeout: self.timeout,
            }),
        })
    }
}

/// One request, as an operation describes it.
pub(crate) struct Request {
    method: Method,
    path: String,
    query: Vec<(&'static str, String)>,
    headers: Vec<(&'static str, String)>,
    body: Option<(&'static str, Vec<u8>)>,
    server: Option<&'static str>,
    auth: RequestAuth,
    error_decoder: Option<ErrorDecoder>,
}

/// Which credentials a request carries.
enum RequestAuth {
    /// The client's configured credentials, if any.
    Client,
    /// None at all.
    None,
    /// This bearer token instead of the client's credentials.
    Bearer(String),
}

/// Decodes an operation-specific error body into the API's error body.
type ErrorDecoder = fn(u16, &[u8]) -> Option<crate::ApiErrorBody>;

/// An error schema that some operations use instead of [`crate::ApiErrorBody`], converted into
/// it (implemented by the overlay for the schemas listed in `error_conversions`).
#[allow(dead_code, reason = "only implemented when the API has operation-specific error bodies")]
pub(crate) trait IntoApiError {
    /// The equivalent API error body, given the HTTP status it came with.
    fn into_api_error(self, status: u16) -> crate::ApiErrorBody;
}

/// Decodes `body` as `E` and converts it.
#[allow(dead_code, reason = "only used by operations with operation-specific error bodies")]
pub(crate) fn decode_error_as<E: DeserializeOwned + IntoApiError>(status: u16, body: &[u8]) -> Option<crate::ApiErrorBody> {
    serde_json::from_slice::<E>(body).ok().map(|e| e.into_api_error(status))
}

impl Request {
    pub(crate) fn new(method: Method, path: String) -> Self {
        Request {
            method,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            server: None,
            auth: RequestAuth::Client,
            error_decoder: None,
        }
    }

    #[allow(dead_code, reason = "only used by operations with operation-specific error bodies")]
    pub(crate) fn errors_as(mut self, decoder: ErrorDecoder) -> Self {
        self.error_decoder = Some(decoder);
        self
    }

    #[allow(dead_code, reason = "only used by operations with query parameters")]
    pub(crate) fn query(mut self, name: &'static str, value: String) -> Self {
        self.query.push((name, value));
        self
    }

    #[allow(dead_code, reason = "only used by operations with header parameters")]
    pub(crate) fn header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    #[allow(dead_code, reason = "only used by operations with JSON bodies")]
    pub(crate) fn json<T: Serialize>(mut self, content_type: &'static str, body: &T) -> Result<Self, Error> {
        let bytes = serde_json::to_vec(body).map_err(|e| Error::Config(format!("cannot encode the request body as JSON: {e}")))?;
        self.body = Some((content_type, bytes));
        Ok(self)
    }

    #[allow(dead_code, reason = "only used by operations with form bodies")]
    pub(crate) fn form<T: Serialize>(mut self, content_type: &'static str, body: &T) -> Result<Self, Error> {
        // Fields in declaration order, unset fields left out.
        let text = serde_urlencoded::to_string(body).map_err(|e| Error::Config(format!("cannot encode the form body: {e}")))?;
        self.body = Some((content_type, text.into_bytes()));
        Ok(self)
    }

    #[allow(dead_code, reason = "only used by operations served by another host")]
    pub(crate) fn server(mut self, url: &'static str) -> Self {
        self.server = Some(url);
        self
    }

    #[allow(dead_code, reason = "only used by operations taking a bearer token per call")]
    pub(crate) fn bearer(mut self, token: &str) -> Self {
        self.auth = RequestAuth::Bearer(token.to_owned());
        self
    }

    #[allow(dead_code, reason = "only used by operations without the client's credentials")]
    pub(crate) fn without_auth(mut self) -> Self {
        self.auth = RequestAuth::None;
        self
    }
}

/// Percent-encodes one path segment: everything but unreserved characters.
#[allow(dead_code, reason = "only used by operations with path parameters")]
pub(crate) fn encode_path(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Stands in for a secret in `Debug` output.
pub(crate) struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}
