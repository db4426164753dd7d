// @generated: copied from the generator's runtime (codegen/runtime/client.rs) by `cargo xtask regen`. Edit it there.

//! The API client and its builder: where requests go, with which credentials, and the
//! defaults for timeouts and retries.

use std::any::Any;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::HeaderValue;
use reqwest::Method;

use crate::auth::{Credential, Token, TokenProvider};
use crate::call::Call;
use crate::error::Error;
use crate::request::Request;
use crate::retry::RetryPolicy;

/// The user agent sent unless another is configured.
const DEFAULT_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));
/// The longest wait for a connection to be set up.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The longest one attempt may take, from sending to reading the whole body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(31);
/// The longest a call may take, retries and the waits between them included.
pub const DEFAULT_TOTAL_TIMEOUT: Duration = Duration::from_secs(60);

/// The API client. Cheap to clone: clones share one connection pool and one set of settings.
///
/// Build one with [`Client::builder`].
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    pub(crate) server_urls: BTreeMap<String, String>,
    /// The HTTP Basic credentials of `basic_auth`.
    pub(crate) basic: Option<Credential>,
    /// The token of `bearer_auth` or `bearer_token_provider`.
    pub(crate) bearer: Option<Credential>,
    /// Each scheme's own credential, by scheme name (the generated per-scheme setters).
    pub(crate) credentials: BTreeMap<&'static str, Credential>,
    client_params: BTreeMap<String, String>,
    pub(crate) user_agent: HeaderValue,
    pub(crate) timeout: Duration,
    pub(crate) total_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    extensions: Mutex<Vec<Arc<dyn Any + Send + Sync>>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        let mut d = f.debug_struct("Client");
        d.field("base_url", &inner.base_url)
            .field("server_urls", &inner.server_urls)
            .field("auth", &inner.bearer.as_ref().or(inner.basic.as_ref()).map_or_else(|| "none".to_owned(), Credential::describe));
        if !inner.credentials.is_empty() {
            let described: BTreeMap<&str, String> = inner.credentials.iter().map(|(name, c)| (*name, c.describe())).collect();
            d.field("credentials", &described);
        }
        d.field("user_agent", &inner.user_agent)
            .field("user_agent", &inner.user_agent)
            .field("timeout", &inner.timeout)
            .field("total_timeout", &inner.total_timeout)
            .field("retry", &inner.retry)
            .finish_non_exhaustive()
    }
}

/// Configures and builds a [`Client`].
#[derive(Clone, Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    default_base_url: Option<String>,
    server_urls: BTreeMap<String, String>,
    basic: Option<Credential>,
    bearer: Option<Credential>,
    credentials: BTreeMap<&'static str, Credential>,
    client_params: BTreeMap<String, String>,
    user_agent: Option<String>,
    timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    http: Option<reqwest::Client>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("default_base_url", &self.default_base_url)
            .field("server_urls", &self.server_urls)
            .field("auth", &self.bearer.as_ref().or(self.basic.as_ref()).map(|_| Redacted))
            .field("credentials", &self.credentials.keys().collect::<Vec<_>>())
            .field("user_agent", &self.user_agent)
            .field("timeout", &self.timeout)
            .field("total_timeout", &self.total_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
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

    /// The one `T` shared by this client and its clones, created on first use (caches that
    /// hand-written helpers keep next to the client).
    #[allow(dead_code, reason = "only used by overlays that keep state on the client")]
    pub(crate) fn extension<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        let mut extensions = self.inner.extensions.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(found) = extensions.iter().find_map(|e| Arc::clone(e).downcast::<T>().ok()) {
            return found;
        }
        let created = Arc::new(T::default());
        extensions.push(created.clone());
        created
    }

    /// A call to an endpoint the API description does not have (yet), with the client's
    /// credentials, retries, timeouts and error decoding. `path` is appended to the base URL
    /// as it is (percent-encode its segments); `body`, if any, is sent as JSON. The answer is
    /// decoded as JSON (`null` when empty).
    ///
    /// ```no_run
    /// # async fn example(client: &fixture_v31_const_defs::Client) -> Result<(), fixture_v31_const_defs::Error> {
    /// let body = serde_json::json!({"id": 1});
    /// let value = client.request(fixture_v31_const_defs::reqwest::Method::POST, "/v1/new_endpoint", Some(&body)).await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn request(&self, method: Method, path: &str, body: Option<&serde_json::Value>) -> Call<serde_json::Value> {
        let mut request = Request::new(method, "request", "", path.to_owned());
        if let Some(body) = body {
            request = match request.json("application/json", body) {
                Ok(request) => request,
                Err(e) => return Call::new(self, Err(e), crate::call::json_or_null),
            };
        }
        Call::new(self, Ok(request), crate::call::json_or_null)
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

    /// Authenticates with HTTP Basic credentials: sent to operations requiring an HTTP Basic
    /// scheme without credentials of its own (or to every operation, when the API description
    /// declares no security).
    pub fn basic_auth(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.basic = Some(Credential::Basic { username: username.into(), password: password.into() });
        self
    }

    /// Authenticates with a bearer token: sent to operations requiring a bearer, OAuth2 or
    /// OpenID Connect scheme without credentials of its own (or to every operation, when the
    /// API description declares no security; it is sent instead of
    /// [`basic_auth`](Self::basic_auth)'s then).
    pub fn bearer_auth(mut self, token: impl Into<String>) -> Self {
        self.bearer = Some(Credential::Token(Token::Fixed(token.into())));
        self
    }

    /// Like [`bearer_auth`](Self::bearer_auth), with a token asked from `provider` before each
    /// attempt of every call (to refresh tokens that expire).
    pub fn bearer_token_provider(mut self, provider: impl TokenProvider) -> Self {
        self.bearer = Some(Credential::Token(Token::Provider(Arc::new(provider))));
        self
    }

    /// Sets the credential of the security scheme `scheme` (the generated per-scheme setters).
    #[allow(dead_code, reason = "only used by APIs with per-scheme credential setters")]
    pub(crate) fn credential(mut self, scheme: &'static str, credential: Credential) -> Self {
        self.credentials.insert(scheme, credential);
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

    /// Limits each attempt, from sending to reading the whole body (default
    /// [`DEFAULT_TIMEOUT`], 31 s). Applies to a custom [`http_client`](Self::http_client) too.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Limits a whole call, retries and the waits between them included (default
    /// [`DEFAULT_TOTAL_TIMEOUT`], 60 s).
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.total_timeout = Some(timeout);
        self
    }

    /// Limits connection set-up (default [`DEFAULT_CONNECT_TIMEOUT`], 5 s). Ignored when a
    /// custom [`http_client`](Self::http_client) is given: configure that client instead.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How failed calls are retried (default [`RetryPolicy::default`]: 2 retries, 0.5 s first
    /// delay, 8 s cap).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// How many times a failed call may be tried again; 0 turns retries off. The same as
    /// [`retry_policy`](Self::retry_policy) with [`RetryPolicy::max_retries`].
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry = Some(self.retry.unwrap_or_default().max_retries(retries));
        self
    }

    /// Uses this `reqwest::Client` (for proxies, custom TLS, shared pools...).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Builds the client; fails when the base URL is not an absolute http(s) URL, a setting is
    /// not a valid header value, or the HTTP client cannot be created. Touches no network.
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
        let user_agent = HeaderValue::from_str(&user_agent).map_err(|_| Error::Config(format!("invalid user agent `{user_agent}`")))?;
        for credential in self.basic.iter().chain(&self.bearer).chain(self.credentials.values()) {
            check_credential(credential)?;
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                .build()
                .map_err(|e| Error::Config(format!("cannot create the HTTP client: {e}")))?,
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
                basic: self.basic,
                bearer: self.bearer,
                credentials: self.credentials,
                client_params: self.client_params,
                user_agent,
                timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                total_timeout: self.total_timeout.unwrap_or(DEFAULT_TOTAL_TIMEOUT),
                retry: self.retry.unwrap_or_default(),
                extensions: Mutex::new(Vec::new()),
            }),
        })
    }
}

/// Fails when a fixed token cannot be sent in an HTTP header (checked once, at build; keys
/// may go in a query, Basic credentials are encoded).
fn check_credential(credential: &Credential) -> Result<(), Error> {
    let Credential::Token(Token::Fixed(token)) = credential else { return Ok(()) };
    HeaderValue::from_str(token).map(drop).map_err(|_| Error::Config("the credentials are not valid in an HTTP header".into()))
}

/// Stands in for a secret in `Debug` output.
pub(crate) struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}
