// @generated: copied from the overlay (src/jwks.rs) by `cargo xtask regen`. Edit it there.

//! A JSON Web Key Set, fetched lazily and cached on the client (shared by clones): one cache per
//! key source (the Consumer sessions keys, the B2B sessions keys).
//!
//! Readers take the current key set from a lock held only to clone an `Arc`, never across an
//! `await`, so verification with cached keys never waits for a fetch. Fetches are single-flight:
//! a tokio mutex lets one caller fetch while the others wait and then reuse its result.
//!
//! When a fetch happens:
//! - the first verification fetches the keys; later ones refetch once the set is older than
//!   [`JwtOptions::jwks_ttl`] (stale keys that have the token's `kid` stay usable meanwhile);
//! - a token naming a `kid` the set lacks refetches at once, however recent the last fetch (the
//!   first one, a TTL refresh), so a rotated key is accepted right away;
//! - only a fetch that did not find the `kid` it was made for, or that failed, starts a cooldown
//!   ([`JwtOptions::jwks_refetch_cooldown`]) in which unknown `kid`s are refused without
//!   fetching, so a flood of tokens with random `kid`s costs one fetch per cooldown.
//!
//! Each key is parsed once, when its set is fetched; a refetched set keeps the parsed keys whose
//! `kid`, `n` and `e` are unchanged, so the tokens they verified stay remembered.

use std::collections::HashMap;
use std::future::Future;
use std::marker::PhantomData;
use std::sync::{Arc, OnceLock, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use crate::jws::PublicKey;
use crate::jwt::{JwtError, JwtOptions};
use crate::verified_tokens::VerifiedTokens;

/// Where a key set comes from.
pub(crate) trait KeySource: Send + Sync + 'static {
    /// Fetches the key set.
    fn fetch(client: &crate::Client) -> impl Future<Output = Result<Vec<crate::types::Jwk>, crate::Error>> + Send;
}

/// One RS256 key of a key set, parsed.
pub(crate) struct Key {
    pub(crate) kid: Box<str>,
    n: Box<str>,
    e: Box<str>,
    pub(crate) public: Option<PublicKey>,
}

impl Key {
    #[cfg(test)]
    pub(crate) fn test(kid: &str) -> Key {
        Key { kid: kid.into(), n: "".into(), e: "".into(), public: None }
    }
}

/// The keys usable for RS256, by key id.
#[derive(Default)]
pub(crate) struct Keys {
    by_kid: HashMap<Box<str>, Arc<Key>>,
}

impl Keys {
    pub(crate) fn get(&self, kid: &str) -> Option<&Arc<Key>> {
        self.by_kid.get(kid)
    }

    /// The RS256 keys of `jwks`, reusing the parsed keys of `previous` that did not change.
    fn parse(jwks: &[crate::types::Jwk], previous: &Keys) -> Keys {
        let by_kid = jwks
            .iter()
            .filter(|k| k.kty == "RSA" && (k.alg.is_empty() || k.alg == "RS256"))
            .filter_map(|k| {
                if let Some(old) = previous.get(&k.kid).filter(|old| *old.n == *k.n && *old.e == *k.e) {
                    return Some((k.kid.as_str().into(), Arc::clone(old)));
                }
                // A key aws-lc cannot use (short, malformed) is left out: its tokens are then
                // refused as signed with an unknown key.
                let public = PublicKey::from_components(&k.n, &k.e).ok()?;
                let key = Key { kid: k.kid.as_str().into(), n: k.n.as_str().into(), e: k.e.as_str().into(), public: Some(public) };
                Some((key.kid.clone(), Arc::new(key)))
            })
            .collect();
        Keys { by_kid }
    }
}

/// The cached key set of source `S`, and the tokens verified with it.
pub(crate) struct JwksCache<S> {
    current: RwLock<Arc<Snapshot>>,
    fetch: tokio::sync::Mutex<()>,
    verified: OnceLock<VerifiedTokens>,
    source: PhantomData<fn() -> S>,
}

impl<S> Default for JwksCache<S> {
    fn default() -> JwksCache<S> {
        JwksCache { current: RwLock::default(), fetch: tokio::sync::Mutex::new(()), verified: OnceLock::new(), source: PhantomData }
    }
}

#[derive(Default)]
struct Snapshot {
    keys: Arc<Keys>,
    /// When the keys were last fetched successfully; `None` before the first fetch.
    fetched_at: Option<SystemTime>,
    /// When a fetch last failed, or did not find the `kid` it was made for (the cooldown's start).
    cooldown_from: Option<SystemTime>,
    /// Counts fetch attempts, so a waiter can tell that another caller fetched meanwhile.
    generation: u64,
    /// Why the last attempt failed; `None` when it succeeded.
    last_error: Option<Arc<crate::Error>>,
}

fn elapsed(since: Option<SystemTime>, now: SystemTime) -> Option<Duration> {
    // A clock that went backwards counts as no time elapsed.
    since.map(|t| now.duration_since(t).unwrap_or(Duration::ZERO))
}

impl<S: KeySource> JwksCache<S> {
    fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner))
    }

    fn store(&self, snapshot: Snapshot) {
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(snapshot);
    }

    /// The tokens verified with this source's keys, sized by the first caller's options.
    pub(crate) fn verified(&self, options: &JwtOptions) -> &VerifiedTokens {
        self.verified.get_or_init(|| VerifiedTokens::new(options.remembered_tokens))
    }

    /// The current key set, when it is fresh; no fetch, no waiting.
    pub(crate) fn fresh(&self, options: &JwtOptions) -> Option<Arc<Keys>> {
        let seen = self.snapshot();
        let fresh = elapsed(seen.fetched_at, options.clock.now()).is_some_and(|age| age < options.jwks_ttl);
        fresh.then(|| Arc::clone(&seen.keys))
    }
}

/// The key with id `kid`: from the cached set when it is fresh and has `kid`, else (at most one
/// caller at a time) from a refetched set, under the rules of the module docs.
pub(crate) async fn key_for<S: KeySource>(client: &crate::Client, cache: &JwksCache<S>, kid: &str, options: &JwtOptions) -> Result<Arc<Key>, JwtError> {
    let now = options.clock.now();
    let seen = cache.snapshot();
    let fresh = elapsed(seen.fetched_at, now).is_some_and(|age| age < options.jwks_ttl);
    let known = seen.keys.get(kid).cloned();
    match (&known, fresh) {
        (Some(key), true) => return Ok(Arc::clone(key)),
        _ if cooling(&seen, now, options) => {
            // Within the cooldown: stale keys still serve, unknown ids are refused.
            return known.ok_or_else(|| unusable(&seen, kid));
        }
        _ => {}
    }
    // Stale keys that have `kid` stay usable while another caller refreshes them.
    let guard = match (&known, cache.fetch.try_lock()) {
        (_, Ok(guard)) => guard,
        (Some(key), Err(_)) => return Ok(Arc::clone(key)),
        (None, Err(_)) => cache.fetch.lock().await,
    };
    let latest = cache.snapshot();
    if latest.generation != seen.generation {
        // Another caller fetched while this one waited: use its result.
        return latest.keys.get(kid).cloned().ok_or_else(|| unusable(&latest, kid));
    }
    let fetched = S::fetch(client).await;
    let attempted_at = options.clock.now();
    let generation = latest.generation + 1;
    let stored = match fetched {
        Ok(jwks) => {
            let keys = Keys::parse(&jwks, &latest.keys);
            // A fetch that finds the key it was made for (a rotation) holds back no other.
            let found = keys.get(kid).is_some();
            Snapshot {
                keys: Arc::new(keys),
                fetched_at: Some(attempted_at),
                cooldown_from: if found { latest.cooldown_from } else { Some(attempted_at) },
                generation,
                last_error: None,
            }
        }
        // Keep the old keys; a stale key that matches is better than failing.
        Err(e) => Snapshot {
            keys: Arc::clone(&latest.keys),
            fetched_at: latest.fetched_at,
            cooldown_from: Some(attempted_at),
            generation,
            last_error: Some(Arc::new(e)),
        },
    };
    let result = match (stored.keys.get(kid), &stored.last_error) {
        (Some(key), _) => Ok(Arc::clone(key)),
        (None, Some(error)) => Err(JwtError::KeysUnavailable(Arc::clone(error))),
        (None, None) => Err(JwtError::UnknownKey(kid.to_owned())),
    };
    cache.store(stored);
    drop(guard);
    result
}

/// Whether a fetch failed, or an unknown `kid` triggered one, within the cooldown.
fn cooling(snapshot: &Snapshot, now: SystemTime, options: &JwtOptions) -> bool {
    elapsed(snapshot.cooldown_from, now).is_some_and(|age| age < options.jwks_refetch_cooldown)
}

/// Why `snapshot` cannot verify a token signed with `kid`: its last fetch failed, or the key
/// is not in the set.
fn unusable(snapshot: &Snapshot, kid: &str) -> JwtError {
    match &snapshot.last_error {
        Some(error) => JwtError::KeysUnavailable(Arc::clone(error)),
        None => JwtError::UnknownKey(kid.to_owned()),
    }
}
