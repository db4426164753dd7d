//! Local verification of Stytch JWTs (session JWTs and M2M access tokens): options, errors,
//! results, and the checks shared by both.
//!
//! - [`Sessions::authenticate_jwt`](crate::sessions::Sessions::authenticate_jwt) verifies a
//!   session JWT locally and asks the API when the token is too old or the keys cannot decide;
//!   [`Sessions::authenticate_jwt_local`](crate::sessions::Sessions::authenticate_jwt_local)
//!   never asks the API (except to fetch keys).
//! - [`M2m::authenticate_token`](crate::m2m::M2m::authenticate_token) verifies an M2M access
//!   token and its scopes locally.
//!
//! Keys come from `GET /v1/sessions/jwks/{project_id}`, fetched on first use and cached, shared
//! by every clone of the [`Client`](crate::Client).

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Claims registered by RFC 7519, never part of the custom claims.
const REGISTERED_CLAIMS: &[&str] = &["aud", "exp", "iat", "iss", "jti", "nbf", "sub"];

pub use crate::clock::Clock;

/// Settings of local JWT verification. `JwtOptions::default()` suits most callers.
#[derive(Clone, Debug)]
pub struct JwtOptions {
    pub(crate) max_token_age: Duration,
    pub(crate) clock_tolerance: Duration,
    pub(crate) issuers: Vec<String>,
    pub(crate) clock: Clock,
    pub(crate) jwks_ttl: Duration,
    pub(crate) jwks_refetch_cooldown: Duration,
}

impl Default for JwtOptions {
    fn default() -> JwtOptions {
        JwtOptions {
            max_token_age: Duration::from_secs(5 * 60),
            clock_tolerance: Duration::ZERO,
            issuers: Vec::new(),
            clock: Clock::system(),
            jwks_ttl: Duration::from_secs(10 * 60),
            jwks_refetch_cooldown: Duration::from_secs(30),
        }
    }
}

impl JwtOptions {
    /// The default options: tokens up to 5 minutes old, no clock tolerance, issuer
    /// `stytch.com/{project_id}`, the system clock, keys refreshed every 10 minutes.
    pub fn new() -> JwtOptions {
        JwtOptions::default()
    }

    /// Session JWTs whose `iat` is older than this are [`JwtError::TooOld`] (default 5 minutes);
    /// `authenticate_jwt` then asks the API. Not applied to M2M tokens.
    #[must_use]
    pub fn max_token_age(mut self, age: Duration) -> JwtOptions {
        self.max_token_age = age;
        self
    }

    /// Accepts `exp` and `nbf` this far off, for clock skew between servers (default none).
    #[must_use]
    pub fn clock_tolerance(mut self, tolerance: Duration) -> JwtOptions {
        self.clock_tolerance = tolerance;
        self
    }

    /// Also accepts tokens whose `iss` is `issuer`: a custom domain such as
    /// `https://login.example.com`. `stytch.com/{project_id}` is always accepted.
    #[must_use]
    pub fn issuer(mut self, issuer: impl Into<String>) -> JwtOptions {
        self.issuers.push(issuer.into());
        self
    }

    /// Reads the time from `clock` (for tests) instead of the system clock.
    #[must_use]
    pub fn clock(mut self, clock: Clock) -> JwtOptions {
        self.clock = clock;
        self
    }

    /// Refetches the key set when it is older than this (default 10 minutes).
    #[must_use]
    pub fn jwks_ttl(mut self, ttl: Duration) -> JwtOptions {
        self.jwks_ttl = ttl;
        self
    }

    /// After a fetch, a token naming an unknown key id waits this long before it may trigger
    /// another (default 30 seconds), so a flood of bad tokens cannot hammer the API.
    #[must_use]
    pub fn jwks_refetch_cooldown(mut self, cooldown: Duration) -> JwtOptions {
        self.jwks_refetch_cooldown = cooldown;
        self
    }
}

/// Why a JWT was not accepted.
#[derive(Debug)]
#[non_exhaustive]
pub enum JwtError {
    /// The token was issued (`iat`) longer ago than `max_token_age`, or has no `iat`.
    TooOld,
    /// The token's `exp` has passed.
    Expired,
    /// The token's `nbf` is still in the future.
    NotYetValid,
    /// The signature does not match the token.
    BadSignature,
    /// The header names an algorithm other than RS256 (`none`, HS256...).
    UnsupportedAlgorithm(String),
    /// No key of the project's key set has the token's `kid`, even after refetching the keys.
    UnknownKey(String),
    /// `aud` does not name this project.
    WrongAudience,
    /// `iss` is neither `stytch.com/{project_id}` nor a configured issuer.
    WrongIssuer(Option<String>),
    /// The M2M token lacks these required scopes (or the caller's check refused it).
    MissingScopes(Vec<String>),
    /// Not a well-formed JWT, or a required claim is missing or has the wrong type.
    Malformed(String),
    /// The project's keys could not be fetched (this error, or, within the refetch cooldown,
    /// the last fetch's error).
    KeysUnavailable(Arc<crate::Error>),
    /// A request failed (the API fallback of `authenticate_jwt`, or the client lacks the
    /// project id).
    Request(crate::Error),
}

impl fmt::Display for JwtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JwtError::TooOld => f.write_str("the JWT is older than the maximum token age"),
            JwtError::Expired => f.write_str("the JWT has expired"),
            JwtError::NotYetValid => f.write_str("the JWT is not valid yet (nbf)"),
            JwtError::BadSignature => f.write_str("the JWT signature is invalid"),
            JwtError::UnsupportedAlgorithm(alg) => write!(f, "the JWT algorithm `{alg}` is not accepted (RS256 only)"),
            JwtError::UnknownKey(kid) => write!(f, "no key with id `{kid}` in the project's key set"),
            JwtError::WrongAudience => f.write_str("the JWT audience is not this project"),
            JwtError::WrongIssuer(Some(iss)) => write!(f, "the JWT issuer `{iss}` is not accepted"),
            JwtError::WrongIssuer(None) => f.write_str("the JWT has no issuer"),
            JwtError::MissingScopes(scopes) => write!(f, "the token lacks the required scopes: {}", scopes.join(" ")),
            JwtError::Malformed(reason) => write!(f, "malformed JWT: {reason}"),
            JwtError::KeysUnavailable(e) => write!(f, "the project's keys could not be fetched: {e}"),
            JwtError::Request(e) => write!(f, "request failed: {e}"),
        }
    }
}

impl std::error::Error for JwtError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            JwtError::KeysUnavailable(e) => Some(&**e),
            JwtError::Request(e) => Some(e),
            _ => None,
        }
    }
}

impl From<crate::Error> for JwtError {
    fn from(e: crate::Error) -> JwtError {
        JwtError::Request(e)
    }
}

/// A session authenticated by its JWT.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct JwtSession {
    /// The session, rebuilt from the `https://stytch.com/session` claim (or the API's answer).
    pub session: crate::types::Session,
    /// The claims that are neither registered JWT claims nor Stytch's session claim.
    pub custom_claims: Map<String, Value>,
    /// A fresh session JWT, when the API was asked (`authenticate_jwt` on a too-old token).
    pub session_jwt: Option<String>,
}

impl JwtSession {
    /// The custom claims as a caller-defined type.
    pub fn custom_claims_as<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_value(Value::Object(self.custom_claims.clone()))
    }
}

/// An M2M access token that passed local verification.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct M2mClaims {
    /// The M2M client the token was issued to (`sub`).
    pub client_id: String,
    /// The granted scopes (`scope`, split at spaces).
    pub scopes: Vec<String>,
    /// The claims that are neither registered JWT claims nor `scope`.
    pub custom_claims: Map<String, Value>,
}

impl M2mClaims {
    /// The custom claims as a caller-defined type.
    pub fn custom_claims_as<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_value(Value::Object(self.custom_claims.clone()))
    }
}

/// Verified claims of a token, before they are shaped into a session or M2M result.
pub(crate) struct Verified {
    pub(crate) claims: Arc<Map<String, Value>>,
    /// Seconds since `iat`, or `None` when the token has no `iat`.
    pub(crate) age: Option<f64>,
}

impl Verified {
    /// `claims` without the registered claims and `also_skip`.
    pub(crate) fn custom_claims(&self, also_skip: &str) -> Map<String, Value> {
        self.claims
            .iter()
            .filter(|(k, _)| !REGISTERED_CLAIMS.contains(&k.as_str()) && k.as_str() != also_skip)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// A string claim, or a malformed-token error naming it.
    pub(crate) fn string(&self, name: &str) -> Result<&str, JwtError> {
        self.claims
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| JwtError::Malformed(format!("the `{name}` claim is missing or not a string")))
    }
}

/// The token header's `kid`, once its `alg` is known to be RS256.
fn header_kid(token: &str) -> Result<String, JwtError> {
    #[derive(serde::Deserialize)]
    struct Header {
        alg: Option<String>,
        kid: Option<String>,
    }
    let encoded = token.split('.').next().unwrap_or_default();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded)
        .map_err(|_| JwtError::Malformed("the header is not base64url".into()))?;
    let header: Header = serde_json::from_slice(&bytes).map_err(|_| JwtError::Malformed("the header is not a JSON object".into()))?;
    let alg = header.alg.unwrap_or_default();
    if alg != "RS256" {
        return Err(JwtError::UnsupportedAlgorithm(alg));
    }
    header.kid.ok_or_else(|| JwtError::Malformed("the header has no `kid`".into()))
}

/// Seconds since the Unix epoch, as a float so that any JSON number compares without overflow.
fn unix_seconds(t: SystemTime) -> f64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs_f64(),
        Err(e) => -e.duration().as_secs_f64(),
    }
}

fn numeric_claim(claims: &Map<String, Value>, name: &str) -> Result<Option<f64>, JwtError> {
    match claims.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_f64().map(Some).ok_or_else(|| JwtError::Malformed(format!("the `{name}` claim is not a number"))),
    }
}

/// Verifies `token`'s signature with the project's keys and checks `aud`, `iss`, `exp` and
/// `nbf`. The age (`iat`) is returned for the caller to judge.
pub(crate) async fn verify(client: &crate::Client, token: &str, options: &JwtOptions) -> Result<Verified, JwtError> {
    let kid = header_kid(token)?;
    let project_id = client.client_param("project_id")?.to_owned();
    let keys = crate::jwks::keys_for(client, &kid, options).await?;
    let claims = match keys.verified(token) {
        Some(claims) => claims,
        None => {
            let key = keys.get(&kid).ok_or(JwtError::UnknownKey(kid))?;
            let claims = Arc::new(check_signature(token, key)?);
            keys.remember(token, Arc::clone(&claims));
            claims
        }
    };
    check_audience(&claims, &project_id)?;
    check_issuer(&claims, &project_id, &options.issuers)?;
    let now = unix_seconds(options.clock.now());
    let tolerance = options.clock_tolerance.as_secs_f64();
    let exp = numeric_claim(&claims, "exp")?.ok_or_else(|| JwtError::Malformed("the `exp` claim is missing".into()))?;
    if now > exp + tolerance {
        return Err(JwtError::Expired);
    }
    if let Some(nbf) = numeric_claim(&claims, "nbf")? {
        if now + tolerance < nbf {
            return Err(JwtError::NotYetValid);
        }
    }
    // A future `iat` counts as age zero.
    let age = numeric_claim(&claims, "iat")?.map(|iat| (now - iat).max(0.0));
    Ok(Verified { claims, age })
}

/// The claims of `token` if it is signed (RS256) with `key`.
fn check_signature(token: &str, key: &jsonwebtoken::DecodingKey) -> Result<Map<String, Value>, JwtError> {
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    // Time, audience and issuer are checked by `verify`, with the injectable clock.
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    match jsonwebtoken::decode::<Map<String, Value>>(token, key, &validation) {
        Ok(data) => Ok(data.claims),
        Err(e) => Err(match e.kind() {
            jsonwebtoken::errors::ErrorKind::InvalidSignature => JwtError::BadSignature,
            _ => JwtError::Malformed(e.to_string()),
        }),
    }
}

fn check_audience(claims: &Map<String, Value>, project_id: &str) -> Result<(), JwtError> {
    let ok = match claims.get("aud") {
        Some(Value::String(aud)) => aud == project_id,
        Some(Value::Array(auds)) => auds.iter().any(|a| a.as_str() == Some(project_id)),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(JwtError::WrongAudience)
    }
}

fn check_issuer(claims: &Map<String, Value>, project_id: &str, extra: &[String]) -> Result<(), JwtError> {
    let Some(iss) = claims.get("iss").and_then(Value::as_str) else { return Err(JwtError::WrongIssuer(None)) };
    let trimmed = iss.trim_end_matches('/');
    let stytch = format!("stytch.com/{project_id}");
    if trimmed == stytch || extra.iter().any(|e| e.trim_end_matches('/') == trimmed) {
        Ok(())
    } else {
        Err(JwtError::WrongIssuer(Some(iss.to_owned())))
    }
}
