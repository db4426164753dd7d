// @generated: copied from the generator's runtime (codegen/runtime/oauth2.rs) by `cargo xtask regen`. Edit it there.

//! The OAuth2 client-credentials flow: the client posts its id and secret to the token URL,
//! caches the access token until shortly before it expires, lets one caller fetch at a time,
//! and forgets a token the API refuses (see [`crate::auth`]).

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderValue, ACCEPT, CONTENT_TYPE};
use serde::Deserialize;
use tokio::sync::Mutex;

use crate::auth::FetchToken;
use crate::error::Error;
use crate::Client;

/// A token is fetched again this long before it expires (or at half its lifetime, if shorter).
const EXPIRY_MARGIN: Duration = Duration::from_secs(30);

/// Fetches and caches the token of one OAuth2 scheme.
pub(crate) struct ClientCredentials {
    /// As the API description gives it: absolute, or relative to the client's base URL.
    token_url: &'static str,
    client_id: String,
    client_secret: String,
    scopes: &'static [&'static str],
    /// Held across a fetch, so concurrent calls wait for one fetch instead of each making one.
    cached: Mutex<Option<Cached>>,
}

struct Cached {
    token: String,
    /// When to fetch again; `None` when the server gave no lifetime.
    refresh_at: Option<Instant>,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

impl ClientCredentials {
    pub(crate) fn new(token_url: &'static str, client_id: String, client_secret: String, scopes: &'static [&'static str]) -> Self {
        ClientCredentials { token_url, client_id, client_secret, scopes, cached: Mutex::new(None) }
    }

    /// The token URL, resolved against the client's base URL when relative.
    fn url(&self, client: &Client) -> Result<reqwest::Url, Error> {
        let base = format!("{}/", client.base_url());
        let base = reqwest::Url::parse(&base).map_err(|e| Error::Config(format!("invalid base URL `{base}`: {e}")))?;
        base.join(self.token_url).map_err(|e| Error::Config(format!("invalid OAuth2 token URL `{}`: {e}", self.token_url)))
    }

    async fn fetch(&self, client: &Client) -> Result<Cached, Error> {
        let url = self.url(client)?;
        let mut form = vec![("grant_type", "client_credentials"), ("client_id", self.client_id.as_str()), ("client_secret", self.client_secret.as_str())];
        let scope = self.scopes.join(" ");
        if !scope.is_empty() {
            form.push(("scope", scope.as_str()));
        }
        let body = serde_urlencoded::to_string(&form).map_err(|e| Error::Config(format!("cannot encode the token request: {e}")))?;
        let inner = &*client.inner;
        let response = inner
            .http
            .post(url)
            .timeout(inner.timeout)
            .header(reqwest::header::USER_AGENT, inner.user_agent.clone())
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .header(CONTENT_TYPE, HeaderValue::from_static("application/x-www-form-urlencoded"))
            .body(body)
            .send()
            .await
            .map_err(Error::from_reqwest)?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.map_err(Error::from_reqwest)?;
        if !(200..300).contains(&status) {
            return Err(crate::send::unexpected(status, headers, &bytes, format!("the OAuth2 token endpoint answered HTTP {status}")));
        }
        let token: TokenResponse = serde_json::from_slice(&bytes)
            .map_err(|e| crate::send::unexpected(status, headers, &bytes, format!("the OAuth2 token response is not the expected JSON: {e}")))?;
        let refresh_at = token.expires_in.map(|seconds| {
            let lifetime = Duration::from_secs(seconds);
            Instant::now() + lifetime - EXPIRY_MARGIN.min(lifetime / 2)
        });
        Ok(Cached { token: token.access_token, refresh_at })
    }
}

impl FetchToken for ClientCredentials {
    fn token<'a>(&'a self, client: &'a Client) -> Pin<Box<dyn Future<Output = Result<String, Error>> + Send + 'a>> {
        Box::pin(async move {
            let mut cached = self.cached.lock().await;
            if let Some(c) = cached.as_ref().filter(|c| c.refresh_at.is_none_or(|at| Instant::now() < at)) {
                return Ok(c.token.clone());
            }
            let fresh = self.fetch(client).await?;
            let token = fresh.token.clone();
            *cached = Some(fresh);
            Ok(token)
        })
    }

    fn invalidate<'a>(&'a self, token: &'a str) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>> {
        Box::pin(async move {
            let mut cached = self.cached.lock().await;
            if cached.as_ref().is_some_and(|c| c.token == token) {
                *cached = None;
            }
        })
    }
}
