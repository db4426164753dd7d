//! The tokens whose signature was verified, remembered so that a token presented again (a
//! session JWT comes back with every request until it expires) skips the RSA check.
//!
//! The cache is bounded and evicts gradually (quick_cache's S3-FIFO: tokens seen once leave
//! first), so a backend with more live sessions than it holds still keeps its busy ones. An
//! entry vouches for its token only while the key that verified it is still in the key set,
//! unchanged; an expired entry is dropped when it is next looked up, and others make room.
//! Only the time, audience and issuer checks, which depend on the moment and the options, run
//! again on a remembered token.

use std::sync::Arc;

use crate::jwks::Key;

/// One remembered token: its claims' JSON and the key that verified it.
#[derive(Clone)]
pub(crate) struct Remembered {
    pub(crate) payload: Arc<str>,
    pub(crate) key: Arc<Key>,
    /// The token's `exp`, in seconds since the Unix epoch.
    pub(crate) exp: f64,
}

/// Verified tokens, by their full text.
pub(crate) struct VerifiedTokens {
    cache: Option<quick_cache::sync::Cache<Box<str>, Remembered>>,
}

impl VerifiedTokens {
    /// Room for `capacity` tokens; none remembered at all when `capacity` is 0.
    pub(crate) fn new(capacity: usize) -> VerifiedTokens {
        VerifiedTokens { cache: (capacity > 0).then(|| quick_cache::sync::Cache::new(capacity)) }
    }

    /// The remembered entry of `token`, unless it has expired by `now` (then it is forgotten).
    pub(crate) fn get(&self, token: &str, now: f64) -> Option<Remembered> {
        let cache = self.cache.as_ref()?;
        let found = cache.get(token)?;
        if found.exp < now {
            cache.remove(token);
            return None;
        }
        Some(found)
    }

    pub(crate) fn remember(&self, token: &str, remembered: Remembered) {
        if let Some(cache) = &self.cache {
            cache.insert(token.into(), remembered);
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.cache.as_ref().map_or(0, quick_cache::sync::Cache::len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(exp: f64) -> Remembered {
        Remembered { payload: Arc::from("{}"), key: Arc::new(Key::test("k")), exp }
    }

    #[test]
    fn expired_tokens_are_forgotten_on_lookup() {
        let tokens = VerifiedTokens::new(10);
        tokens.remember("a", entry(100.0));
        assert!(tokens.get("a", 99.0).is_some());
        assert!(tokens.get("a", 101.0).is_none());
        assert_eq!(tokens.len(), 0);
    }

    #[test]
    fn the_cache_is_bounded_and_keeps_busy_tokens() {
        let tokens = VerifiedTokens::new(100);
        tokens.remember("busy", entry(f64::MAX));
        for i in 0..1_000 {
            assert!(tokens.get("busy", 0.0).is_some(), "the busy token survived {i} others");
            tokens.remember(&format!("once-{i}"), entry(f64::MAX));
        }
        assert!(tokens.len() <= 110, "{} entries", tokens.len());
    }

    #[test]
    fn capacity_zero_remembers_nothing() {
        let tokens = VerifiedTokens::new(0);
        tokens.remember("a", entry(f64::MAX));
        assert!(tokens.get("a", 0.0).is_none());
    }
}
