// @generated: copied from the overlay (src/m2m_tokens.rs) by `cargo xtask regen`. Edit it there.

//! A cache of M2M access tokens: `client.m2m().token_cached(..)` reuses a token until shortly
//! before it expires, shared by every clone of the client.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

pub use crate::clock::Clock;
use crate::m2m::{TokenRequest, TokenResponse};

/// Settings of [`M2m::token_cached`](crate::m2m::M2m::token_cached).
#[derive(Clone, Debug)]
pub struct TokenCacheOptions {
    refresh_before_expiry: Duration,
    clock: Clock,
}

impl Default for TokenCacheOptions {
    fn default() -> TokenCacheOptions {
        TokenCacheOptions { refresh_before_expiry: Duration::from_secs(60), clock: Clock::system() }
    }
}

impl TokenCacheOptions {
    /// The defaults: a new token is fetched 60 seconds before the cached one expires.
    pub fn new() -> TokenCacheOptions {
        TokenCacheOptions::default()
    }

    /// Fetches a new token this long before the cached one expires (at most half its lifetime).
    #[must_use]
    pub fn refresh_before_expiry(mut self, margin: Duration) -> TokenCacheOptions {
        self.refresh_before_expiry = margin;
        self
    }

    /// Reads the time from `clock` (for tests) instead of the system clock.
    #[must_use]
    pub fn clock(mut self, clock: Clock) -> TokenCacheOptions {
        self.clock = clock;
        self
    }
}

/// Client id, secret and (sorted) scopes. The secret is part of the key so that a wrong
/// secret never gets a token obtained with the right one.
type Key = (String, String, Vec<String>);

/// Cached tokens, one slot per key.
#[derive(Default)]
pub(crate) struct TokenCache {
    slots: Mutex<HashMap<Key, Arc<Slot>>>,
}

#[derive(Default)]
struct Slot {
    token: Mutex<Option<Cached>>,
    fetch: tokio::sync::Mutex<()>,
}

#[derive(Clone)]
struct Cached {
    response: TokenResponse,
    expires_at: SystemTime,
    refresh_at: SystemTime,
}

impl Slot {
    /// The cached token, with `expires_in` counted from `now`, unless it is due for refresh.
    fn fresh(&self, now: SystemTime) -> Option<TokenResponse> {
        let cached = self.token.lock().unwrap_or_else(PoisonError::into_inner).clone()?;
        if now >= cached.refresh_at {
            return None;
        }
        let mut response = cached.response;
        let left = cached.expires_at.duration_since(now).unwrap_or(Duration::ZERO).as_secs();
        response.expires_in = i32::try_from(left).unwrap_or(i32::MAX);
        Some(response)
    }
}

impl crate::m2m::M2m<'_> {
    /// Like [`token`](Self::token), but reuses a token obtained for the same client id, secret
    /// and scopes until shortly before it expires (see [`TokenCacheOptions`]); concurrent
    /// callers wait for one request. The cache is shared by every clone of the client. A reused
    /// token's `expires_in` counts the seconds it has left.
    pub async fn token_cached(&self, request: &TokenRequest, options: &TokenCacheOptions) -> Result<TokenResponse, crate::Error> {
        let mut scopes: Vec<String> = request.scope.as_deref().unwrap_or_default().split_whitespace().map(str::to_owned).collect();
        scopes.sort();
        scopes.dedup();
        let key = (request.client_id.clone(), request.client_secret.clone(), scopes);
        let cache = self.client.extension::<TokenCache>();
        let slot = Arc::clone(cache.slots.lock().unwrap_or_else(PoisonError::into_inner).entry(key).or_default());
        if let Some(token) = slot.fresh(options.clock.now()) {
            return Ok(token);
        }
        let _fetching = slot.fetch.lock().await;
        if let Some(token) = slot.fresh(options.clock.now()) {
            return Ok(token);
        }
        let response = self.token(request).await?;
        let now = options.clock.now();
        let lifetime = Duration::from_secs(u64::try_from(response.expires_in).unwrap_or(0));
        let margin = options.refresh_before_expiry.min(lifetime / 2);
        let expires_at = now.checked_add(lifetime).unwrap_or(now);
        let refresh_at = expires_at.checked_sub(margin).unwrap_or(now);
        *slot.token.lock().unwrap_or_else(PoisonError::into_inner) = Some(Cached { response: response.clone(), expires_at, refresh_at });
        Ok(response)
    }
}
