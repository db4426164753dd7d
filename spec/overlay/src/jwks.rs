//! The project's JSON Web Key Set, fetched lazily and cached on the client (shared by clones).
//!
//! Readers take the current key set from a lock held only to clone an `Arc`, never across an
//! `await`, so verification with cached keys never waits for a fetch. Fetches are single-flight:
//! a tokio mutex lets one caller fetch while the others wait and then reuse its result.
//!
//! Each key set also remembers the tokens whose signature it has verified (the same session
//! JWT usually comes back many times before it expires), so a repeated token skips the RSA
//! check; the time, audience and issuer checks still run every time. A new key set starts
//! with no remembered tokens, so a key removed from the set stops vouching for its tokens.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use jsonwebtoken::DecodingKey;

use crate::jwt::{JwtError, JwtOptions};

/// How many verified tokens a key set remembers; when full, it forgets them all.
const REMEMBERED_TOKENS: usize = 1024;

/// The keys usable for RS256, by key id, and the tokens verified with them.
#[derive(Default)]
pub(crate) struct Keys {
    by_kid: HashMap<String, DecodingKey>,
    verified: RwLock<HashMap<Box<str>, Arc<Claims>>>,
}

/// A token's claims.
pub(crate) type Claims = serde_json::Map<String, serde_json::Value>;

impl Keys {
    pub(crate) fn contains_key(&self, kid: &str) -> bool {
        self.by_kid.contains_key(kid)
    }

    pub(crate) fn get(&self, kid: &str) -> Option<&DecodingKey> {
        self.by_kid.get(kid)
    }

    /// The claims of `token` if its signature was verified with one of these keys.
    pub(crate) fn verified(&self, token: &str) -> Option<Arc<Claims>> {
        self.verified.read().unwrap_or_else(PoisonError::into_inner).get(token).cloned()
    }

    /// Remembers that `token`'s signature is valid.
    pub(crate) fn remember(&self, token: &str, claims: Arc<Claims>) {
        let mut verified = self.verified.write().unwrap_or_else(PoisonError::into_inner);
        if verified.len() >= REMEMBERED_TOKENS {
            verified.clear();
        }
        verified.insert(token.into(), claims);
    }
}

#[derive(Default)]
pub(crate) struct JwksCache {
    current: RwLock<Arc<Snapshot>>,
    fetch: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct Snapshot {
    keys: Arc<Keys>,
    /// When the keys were last fetched successfully; `None` before the first fetch.
    fetched_at: Option<SystemTime>,
    /// When a fetch was last attempted, successful or not.
    attempted_at: Option<SystemTime>,
    /// Counts fetch attempts, so a waiter can tell that another caller fetched meanwhile.
    generation: u64,
    /// Why the last attempt failed; `None` when it succeeded.
    last_error: Option<Arc<crate::Error>>,
}

fn elapsed(since: Option<SystemTime>, now: SystemTime) -> Option<Duration> {
    // A clock that went backwards counts as no time elapsed.
    since.map(|t| now.duration_since(t).unwrap_or(Duration::ZERO))
}

impl JwksCache {
    fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner))
    }

    fn store(&self, snapshot: Snapshot) {
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(snapshot);
    }
}

/// The key set to verify a token signed with `kid`: the cached one when it is fresh and has
/// `kid`, else (at most one caller at a time) a refetched one. An unknown `kid`, or a failed
/// fetch, triggers another fetch only once per cooldown.
pub(crate) async fn keys_for(client: &crate::Client, kid: &str, options: &JwtOptions) -> Result<Arc<Keys>, JwtError> {
    let cache = client.extension::<JwksCache>();
    let now = options.clock.now();
    let seen = cache.snapshot();
    let fresh = elapsed(seen.fetched_at, now).is_some_and(|age| age < options.jwks_ttl);
    let has_kid = seen.keys.contains_key(kid);
    if fresh && has_kid {
        return Ok(Arc::clone(&seen.keys));
    }
    let cooling = elapsed(seen.attempted_at, now).is_some_and(|age| age < options.jwks_refetch_cooldown);
    match (cooling, has_kid) {
        // Stale keys are still used while a recent refresh attempt failed.
        (true, true) => return Ok(Arc::clone(&seen.keys)),
        (true, false) => return Err(unusable(&seen, kid)),
        (false, _) => {}
    }
    // Stale keys that have `kid` stay usable while another caller refreshes them.
    let guard = if has_kid {
        match cache.fetch.try_lock() {
            Ok(guard) => guard,
            Err(_) => return Ok(Arc::clone(&seen.keys)),
        }
    } else {
        cache.fetch.lock().await
    };
    let latest = cache.snapshot();
    if latest.generation != seen.generation {
        // Another caller fetched while this one waited: use its result.
        return if latest.keys.contains_key(kid) { Ok(Arc::clone(&latest.keys)) } else { Err(unusable(&latest, kid)) };
    }
    let fetched = client.sessions().get_jwks().await;
    let attempted_at = options.clock.now();
    let generation = latest.generation + 1;
    match fetched {
        Ok(response) => {
            let by_kid = response
                .keys
                .iter()
                .filter(|k| k.kty == "RSA" && (k.alg.is_empty() || k.alg == "RS256"))
                .filter_map(|k| DecodingKey::from_rsa_components(&k.n, &k.e).ok().map(|key| (k.kid.clone(), key)))
                .collect();
            let keys = Arc::new(Keys { by_kid, verified: RwLock::default() });
            cache.store(Snapshot {
                keys: Arc::clone(&keys),
                fetched_at: Some(attempted_at),
                attempted_at: Some(attempted_at),
                generation,
                last_error: None,
            });
            drop(guard);
            if keys.contains_key(kid) {
                Ok(keys)
            } else {
                Err(JwtError::UnknownKey(kid.to_owned()))
            }
        }
        Err(e) => {
            // Keep the old keys; a stale key that matches is better than failing.
            let error = Arc::new(e);
            let keys = Arc::clone(&latest.keys);
            cache.store(Snapshot {
                keys: Arc::clone(&keys),
                fetched_at: latest.fetched_at,
                attempted_at: Some(attempted_at),
                generation,
                last_error: Some(Arc::clone(&error)),
            });
            drop(guard);
            if keys.contains_key(kid) {
                Ok(keys)
            } else {
                Err(JwtError::KeysUnavailable(error))
            }
        }
    }
}

/// Why `snapshot` cannot verify a token signed with `kid`: its last fetch failed, or the key
/// is not in the set.
fn unusable(snapshot: &Snapshot, kid: &str) -> JwtError {
    match &snapshot.last_error {
        Some(error) => JwtError::KeysUnavailable(Arc::clone(error)),
        None => JwtError::UnknownKey(kid.to_owned()),
    }
}
