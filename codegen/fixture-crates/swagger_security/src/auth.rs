// @generated: copied from the generator's runtime (codegen/runtime/auth.rs) by `cargo xtask regen`. Edit it there.

//! Credentials: the security schemes the API description declares (generated in `lib.rs`),
//! the credential the client holds for each, the requirement a request meets, and what that
//! puts on the wire (a header, a query parameter or a cookie).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use base64::Engine as _;
use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION, COOKIE};

use crate::error::Error;
use crate::request::RequestAuth;
use crate::Client;

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code, reason = "only the locations the API description uses are built")]
pub(crate) enum KeyLocation {
    Header,
    Query,
    Cookie,
}

/// How a scheme sends its credential.
#[derive(Debug, Clone, Copy)]
#[allow(dead_code, reason = "only the kinds the API description uses are built")]
pub(crate) enum SchemeKind {
    /// The key as the header, query parameter or cookie `param`.
    ApiKey { location: KeyLocation, param: &'static str },
    /// `Authorization: Basic base64(user:password)`.
    Basic,
    /// `Authorization: <word> <token>`: `Bearer`, or another HTTP scheme word.
    Http(&'static str),
    /// An OAuth2 or OpenID Connect token, sent as a bearer token.
    Token,
}

/// One security scheme of the API description.
#[derive(Debug)]
pub(crate) struct Scheme {
    /// Its name in the API description, as requirements name it.
    pub(crate) name: &'static str,
    pub(crate) kind: SchemeKind,
    /// The `ClientBuilder` method that takes its credential, for error messages.
    pub(crate) setter: &'static str,
}

/// Schemes (by name) sent together.
pub(crate) type Requirement = &'static [&'static str];

/// What the API description declares.
#[derive(Debug)]
pub(crate) struct Security {
    pub(crate) schemes: &'static [Scheme],
    /// The requirements of operations without their own; `None` when the description says
    /// nothing, and the client's HTTP credentials (if any) go to every operation.
    pub(crate) default: Option<&'static [Requirement]>,
}

/// The future a [`TokenProvider`] returns.
pub type TokenFuture = Pin<Box<dyn Future<Output = Result<String, Error>> + Send>>;

/// A source of bearer tokens, asked before each attempt of a call (so that it can refresh
/// them). Any `Fn() -> impl Future<Output = Result<String, Error>>` is one:
///
/// ```
/// let builder = fixture_swagger_security::Client::builder().bearer_token_provider(|| async {
///     Ok::<_, fixture_swagger_security::Error>("token-from-a-vault".to_owned())
/// });
/// ```
pub trait TokenProvider: Send + Sync + 'static {
    /// The token to send now.
    fn token(&self) -> TokenFuture;
}

impl<F, Fut> TokenProvider for F
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<String, Error>> + Send + 'static,
{
    fn token(&self) -> TokenFuture {
        Box::pin(self())
    }
}

/// A token the client fetches and caches itself (OAuth2 client credentials).
pub(crate) trait FetchToken: Send + Sync + 'static {
    /// A valid token, fetched when none is cached or the cached one is about to expire.
    fn token<'a>(&'a self, client: &'a Client) -> Pin<Box<dyn Future<Output = Result<String, Error>> + Send + 'a>>;
    /// Forgets `token` if it is still the cached one (the server refused it).
    fn invalidate<'a>(&'a self, token: &'a str) -> Pin<Box<dyn Future<Output = ()> + Send + 'a>>;
}

/// What the client holds for one scheme.
#[derive(Clone)]
#[allow(dead_code, reason = "API keys are only built by APIs with an API key scheme")]
pub(crate) enum Credential {
    Key(String),
    Basic { username: String, password: String },
    Token(Token),
}

/// Where a token comes from.
#[derive(Clone)]
pub(crate) enum Token {
    Fixed(String),
    Provider(Arc<dyn TokenProvider>),
    #[allow(dead_code, reason = "only built by APIs with an OAuth2 client-credentials flow")]
    Fetched(Arc<dyn FetchToken>),
}

impl Credential {
    /// How `Debug` shows it: the kind, never the secret.
    pub(crate) fn describe(&self) -> String {
        match self {
            Credential::Key(_) => "key (<redacted>)".to_owned(),
            Credential::Basic { username, .. } => format!("basic ({username}:<redacted>)"),
            Credential::Token(Token::Fixed(_)) => "bearer (<redacted>)".to_owned(),
            Credential::Token(Token::Provider(_)) => "bearer (token provider)".to_owned(),
            Credential::Token(Token::Fetched(_)) => "oauth2 client credentials (<redacted>)".to_owned(),
        }
    }
}

/// The credentials one call sends, chosen before its first attempt.
pub(crate) enum Selected {
    None,
    /// A per-call bearer token.
    Bearer(String),
    /// Each scheme of the requirement met, with its credential.
    Schemes(Vec<(&'static Scheme, Credential)>),
    /// The API description declares no security: the client's HTTP credentials, if any.
    Any(Credential),
}

/// What the chosen credentials put on one attempt.
#[derive(Default)]
pub(crate) struct Applied {
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) query: Vec<(&'static str, String)>,
    /// A fetched token and its source, asked again once if the server answers 401.
    pub(crate) fetched: Option<(Arc<dyn FetchToken>, String)>,
}

/// Stands in for every secret in previews.
pub(crate) const REDACTED: &str = "<redacted>";

impl Client {
    /// The credential the client holds for `scheme`: its own, else the generic HTTP one
    /// (`basic_auth` for Basic schemes, `bearer_auth` for bearer, OAuth2 and OpenID Connect).
    fn credential_for(&self, scheme: &Scheme) -> Option<Credential> {
        let inner = &*self.inner;
        if let Some(own) = inner.credentials.get(scheme.name) {
            return Some(own.clone());
        }
        match scheme.kind {
            SchemeKind::Basic => inner.basic.clone(),
            SchemeKind::Http("Bearer") | SchemeKind::Token => inner.bearer.clone(),
            _ => None,
        }
    }

    /// The credentials `auth` asks for: the first requirement the client has every credential
    /// for. None met fails with [`Error::Config`] naming what is missing, before sending.
    pub(crate) fn select_credentials(&self, operation: &str, auth: &RequestAuth) -> Result<Selected, Error> {
        let requirements = match auth {
            RequestAuth::None => return Ok(Selected::None),
            RequestAuth::Bearer(token) => return Ok(Selected::Bearer(token.clone())),
            RequestAuth::Schemes(requirements) => *requirements,
            RequestAuth::Client => match crate::SECURITY.default {
                Some(requirements) => requirements,
                None => return Ok(self.inner.bearer.as_ref().or(self.inner.basic.as_ref()).cloned().map_or(Selected::None, Selected::Any)),
            },
        };
        if requirements.is_empty() {
            return Ok(Selected::None);
        }
        let mut missing = Vec::new();
        for requirement in requirements {
            let mut chosen = Vec::new();
            for name in *requirement {
                let Some(scheme) = crate::SECURITY.schemes.iter().find(|s| s.name == *name) else { continue };
                match self.credential_for(scheme) {
                    Some(credential) => chosen.push((scheme, credential)),
                    None => {
                        missing.push(scheme);
                        break;
                    }
                }
            }
            if chosen.len() == requirement.len() {
                return Ok(Selected::Schemes(chosen));
            }
        }
        let wanted: Vec<String> = missing.iter().map(|s| format!("`{}` (set it with `ClientBuilder::{}`)", s.name, s.setter)).collect();
        Err(Error::Config(format!("`{operation}` needs credentials for the security scheme {}", wanted.join(", or "))))
    }
}

impl Selected {
    /// What these credentials put on one attempt; tokens are asked for now. With `redact`,
    /// every secret reads `<redacted>` and no token is asked for (previews).
    pub(crate) async fn apply(&self, client: &Client, redact: bool) -> Result<Applied, Error> {
        let mut applied = Applied::default();
        let mut cookies = Vec::new();
        match self {
            Selected::None => {}
            Selected::Bearer(token) => applied.headers.push(authorization("Bearer", if redact { REDACTED } else { token })?),
            Selected::Any(credential) => push_authorization(&mut applied, client, credential, "Bearer", redact).await?,
            Selected::Schemes(chosen) => {
                for (scheme, credential) in chosen {
                    match (scheme.kind, credential) {
                        (SchemeKind::ApiKey { location, param }, Credential::Key(key)) => {
                            let key = if redact { REDACTED.to_owned() } else { key.clone() };
                            match location {
                                KeyLocation::Header => applied.headers.push(sensitive(param, &key)?),
                                KeyLocation::Query => applied.query.push((param, key)),
                                KeyLocation::Cookie => cookies.push(format!("{param}={key}")),
                            }
                        }
                        (SchemeKind::Http(word), credential) => push_authorization(&mut applied, client, credential, word, redact).await?,
                        (_, credential) => push_authorization(&mut applied, client, credential, "Bearer", redact).await?,
                    }
                }
            }
        }
        if !cookies.is_empty() {
            applied.headers.push(sensitive(COOKIE.as_str(), &cookies.join("; "))?);
        }
        Ok(applied)
    }
}

/// `Authorization: Basic ...` or `Authorization: <word> <token>`.
async fn push_authorization(applied: &mut Applied, client: &Client, credential: &Credential, word: &str, redact: bool) -> Result<(), Error> {
    let value = match credential {
        Credential::Basic { .. } if redact => authorization("Basic", REDACTED)?,
        Credential::Basic { username, password } => {
            authorization("Basic", &base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}")))?
        }
        Credential::Key(_) | Credential::Token(_) if redact => authorization(word, REDACTED)?,
        Credential::Key(key) | Credential::Token(Token::Fixed(key)) => authorization(word, key)?,
        Credential::Token(Token::Provider(provider)) => authorization(word, &provider.token().await?)?,
        Credential::Token(Token::Fetched(fetcher)) => {
            let token = fetcher.token(client).await?;
            let value = authorization(word, &token)?;
            applied.fetched = Some((Arc::clone(fetcher), token));
            value
        }
    };
    applied.headers.push(value);
    Ok(())
}

fn authorization(word: &str, credentials: &str) -> Result<(HeaderName, HeaderValue), Error> {
    sensitive(AUTHORIZATION.as_str(), &format!("{word} {credentials}"))
}

/// A header marked sensitive (left out of `Debug` and previews).
fn sensitive(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), Error> {
    let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| Error::Config(format!("invalid credential header name `{name}`")))?;
    let mut value = HeaderValue::from_str(value).map_err(|_| Error::Config(format!("the credentials for `{name}` are not valid in an HTTP header")))?;
    value.set_sensitive(true);
    Ok((name, value))
}
