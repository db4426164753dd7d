// @generated: copied from the overlay (src/jwt.rs) by `cargo xtask regen`. Edit it there.

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
//! by every clone of the [`Client`](crate::Client); a token naming a key the set lacks refetches
//! it at once (a rotated key is accepted right away), and a cooldown after such a fetch bounds
//! what a flood of unknown key ids costs (see [`JwtOptions::jwks_refetch_cooldown`]).
//!
//! The RS256 signature is checked by aws-lc-rs directly, with each key parsed once: no JWT
//! crate and no process-wide crypto provider is involved, so an application that also uses
//! `jsonwebtoken` (on any backend) gets the same behaviour. Verified tokens are remembered, up
//! to [`JwtOptions::remembered_tokens`], so a session JWT presented again skips the RSA check.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::claims::{ClaimMapping, Claims};
use crate::jwks::{JwksCache, KeySource};
use crate::jws::Compact;
use crate::verified_tokens::Remembered;

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
    pub(crate) remembered_tokens: usize,
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
            remembered_tokens: 10_000,
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

    /// Bounds the fetches that tokens naming unknown key ids can cause (default 30 seconds).
    ///
    /// A token whose `kid` the cached set lacks refetches the set at once, however recent the
    /// last fetch (the first one, a TTL refresh), so a key rotated in is accepted right away.
    /// After a fetch that did not find the `kid` it was made for, or a failed fetch, further
    /// unknown ids are refused ([`JwtError::UnknownKey`], or the fetch's error) for this long
    /// without fetching, so 100 tokens with random `kid`s cost one fetch. A real rotation
    /// within that window is refused locally too, and `authenticate_jwt` asks the API.
    #[must_use]
    pub fn jwks_refetch_cooldown(mut self, cooldown: Duration) -> JwtOptions {
        self.jwks_refetch_cooldown = cooldown;
        self
    }

    /// How many verified tokens each client remembers (default 10,000; 0 remembers none).
    ///
    /// A remembered token skips the signature check (the time, audience and issuer checks still
    /// run). The cache evicts gradually, tokens seen once before busy ones, and forgets a token
    /// once it has expired or its key has left the key set. Each entry costs about 2.5 KB for a
    /// typical session JWT (the token, its claims' JSON, the bookkeeping), so the default holds
    /// about 25 MB at most. Read when a client first verifies a token of a key set.
    #[must_use]
    pub fn remembered_tokens(mut self, tokens: usize) -> JwtOptions {
        self.remembered_tokens = tokens;
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

/// A token that passed the signature, audience, issuer and time checks, with its claims.
pub(crate) struct Verified<M> {
    pub(crate) claims: Claims<M>,
    /// Seconds since `iat`, or `None` when the token has no `iat`.
    pub(crate) age: Option<f64>,
}

impl<M> Verified<M> {
    /// `sub`, or a malformed-token error.
    pub(crate) fn subject(&mut self) -> Result<String, JwtError> {
        self.claims.registered.sub.take().ok_or_else(|| JwtError::Malformed("the `sub` claim is missing".into()))
    }
}

/// Seconds since the Unix epoch, as a float so that any JSON number compares without overflow.
fn unix_seconds(t: SystemTime) -> f64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs_f64(),
        Err(e) => -e.duration().as_secs_f64(),
    }
}

/// Verifies `token` with the keys of source `S` and reads its claims with mapping `M`: the
/// RS256 signature (skipped for a remembered token whose key is unchanged), `aud` (the
/// project id), `iss`, `exp` and `nbf`. The age (`iat`) is returned for the caller to judge.
pub(crate) async fn verify<S: KeySource, M: ClaimMapping>(client: &crate::Client, token: &str, options: &JwtOptions) -> Result<Verified<M>, JwtError> {
    let project_id = client.client_param("project_id")?;
    let cache = client.extension::<JwksCache<S>>();
    let now = unix_seconds(options.clock.now());
    let remembered = cache.verified(options).get(token, now).filter(|entry| {
        // Only while the key that verified it is still in the (fresh) set, unchanged.
        cache.fresh(options).and_then(|keys| keys.get(&entry.key.kid).map(|key| Arc::ptr_eq(key, &entry.key))).unwrap_or(false)
    });
    let (payload, first_seen) = match remembered {
        Some(entry) => (entry.payload, None),
        None => {
            let compact = Compact::split(token)?;
            let kid = compact.kid()?;
            let key = match cache.fresh(options).and_then(|keys| keys.get(&kid).cloned()) {
                Some(key) => key,
                None => Box::pin(crate::jwks::key_for(client, &cache, &kid, options)).await?,
            };
            key.public.as_ref().ok_or_else(|| JwtError::UnknownKey(kid))?.verify(&compact)?;
            (Arc::<str>::from(compact.payload()?), Some(key))
        }
    };
    let claims = crate::claims::parse::<M>(&payload)?;
    let registered = &claims.registered;
    if !registered.aud.iter().any(|aud| aud == project_id) {
        return Err(JwtError::WrongAudience);
    }
    check_issuer(registered.iss.as_deref(), project_id, &options.issuers)?;
    let tolerance = options.clock_tolerance.as_secs_f64();
    let exp = registered.exp.ok_or_else(|| JwtError::Malformed("the `exp` claim is missing".into()))?;
    if now > exp + tolerance {
        return Err(JwtError::Expired);
    }
    if registered.nbf.is_some_and(|nbf| now + tolerance < nbf) {
        return Err(JwtError::NotYetValid);
    }
    // A future `iat` counts as age zero.
    let age = registered.iat.map(|iat| (now - iat).max(0.0));
    if let Some(key) = first_seen {
        cache.verified(options).remember(token, Remembered { payload, key, exp: exp + tolerance });
    }
    Ok(Verified { claims, age })
}

/// `iss` is `stytch.com/{project_id}` or one of `extra` (a trailing `/` aside).
fn check_issuer(iss: Option<&str>, project_id: &str, extra: &[String]) -> Result<(), JwtError> {
    let Some(iss) = iss else { return Err(JwtError::WrongIssuer(None)) };
    let trimmed = iss.trim_end_matches('/');
    let stytch = trimmed.strip_prefix("stytch.com/").is_some_and(|rest| rest == project_id);
    if stytch || extra.iter().any(|e| e.trim_end_matches('/') == trimmed) {
        Ok(())
    } else {
        Err(JwtError::WrongIssuer(Some(iss.to_owned())))
    }
}
