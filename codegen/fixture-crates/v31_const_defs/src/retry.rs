// @generated: copied from the generator's runtime (codegen/runtime/retry.rs) by `cargo xtask regen`. Edit it there.

//! When a failed attempt is tried again, and after how long.

use std::time::Duration;

use reqwest::Method;

use crate::error::{is_transient_status, Error};

/// How failed calls are retried: exponential backoff with full jitter.
///
/// A call is retried when
/// - the server answered 429 (any method), honoring `Retry-After`;
/// - the server answered 408, 500, 502, 503 or 504, or the connection failed or timed out after
///   the request was sent, and the call is safe to repeat: an idempotent method (GET, HEAD,
///   PUT, DELETE, OPTIONS), a call with an idempotency key, or one marked
///   [`RequestOptions::idempotent`](crate::RequestOptions::idempotent);
/// - the connection could not be made at all (refused, DNS failure, connect timeout), so the
///   request provably never left (any method).
///
/// A POST that may have reached the server is never retried unless the caller says so: many
/// operations send an email or an SMS.
///
/// The n-th retry waits a random time between zero and `min(max_backoff, initial_backoff *
/// 2^(n-1))`, or at least what `Retry-After` asks. When `Retry-After` asks for more than
/// `max_backoff`, or a wait would end past the total timeout, the call stops and returns the
/// error, whose [`Error::retry_after`] says how long the server wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryPolicy {
    /// 2 retries, a 0.5 s first delay, delays capped at 8 s.
    fn default() -> Self {
        RetryPolicy { max_retries: 2, initial_backoff: Duration::from_millis(500), max_backoff: Duration::from_secs(8) }
    }
}

impl RetryPolicy {
    /// The default policy: 2 retries, a 0.5 s first delay, delays capped at 8 s.
    pub fn new() -> Self {
        Self::default()
    }

    /// A policy that never retries.
    pub fn disabled() -> Self {
        Self::default().max_retries(0)
    }

    /// How many times a call is tried again after its first attempt (0 turns retries off).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The upper bound of the first retry's random delay; each further retry doubles it.
    pub fn initial_backoff(mut self, delay: Duration) -> Self {
        self.initial_backoff = delay;
        self
    }

    /// The longest delay before a retry, including one asked for by `Retry-After`.
    pub fn max_backoff(mut self, delay: Duration) -> Self {
        self.max_backoff = delay;
        self
    }

    /// The configured number of retries.
    pub fn retries(&self) -> u32 {
        self.max_retries
    }

    /// The delay before retry number `retry` (1-based): full jitter over the exponential bound.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(31);
        let bound = self.initial_backoff.saturating_mul(1 << exponent).min(self.max_backoff);
        bound.mul_f64(fastrand::f64())
    }

    /// How long to wait before trying `error` again, or `None` when it must not be retried.
    /// `attempt` is the 1-based number of the attempt that failed.
    pub(crate) fn delay_after(&self, error: &Error, attempt: u32, safe_to_repeat: bool) -> Option<Duration> {
        if attempt > self.max_retries {
            return None;
        }
        let retryable = match error {
            Error::Transport(e) | Error::Timeout(e) => e.is_connect() || safe_to_repeat,
            Error::Api(_) | Error::UnexpectedResponse(_) => match error.status() {
                Some(429) => true,
                Some(status) => safe_to_repeat && is_transient_status(status),
                None => false,
            },
            Error::Config(_) => false,
        };
        if !retryable {
            return None;
        }
        let backoff = self.backoff(attempt);
        match error.retry_after() {
            Some(asked) if asked > self.max_backoff => None,
            Some(asked) => Some(asked.max(backoff)),
            None => Some(backoff),
        }
    }
}

/// Whether repeating a request with this method has the same effect as sending it once.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE)
}
