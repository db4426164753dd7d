// @generated: copied from the generator's runtime (codegen/runtime/trace.rs) by `cargo xtask regen`. Edit it there.

//! One `tracing` span per call (cargo feature `tracing`): operation id, method, path template,
//! status, attempts, duration and request id. Never a body, a credential, a filled-in path or
//! a query value. Without the feature every function here is a no-op.

use std::future::Future;
use std::time::Duration;

use crate::error::Error;
use crate::request::Request;
use crate::send::Attempt;

/// The span of one call.
pub(crate) struct CallSpan {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

#[cfg(feature = "tracing")]
impl CallSpan {
    pub(crate) fn new(request: &Request) -> Self {
        let span = tracing::info_span!(
            "api_call",
            operation = request.operation,
            http.method = request.method.as_str(),
            http.route = request.template,
            http.status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
            request_id = tracing::field::Empty,
            error = tracing::field::Empty,
        );
        CallSpan { span }
    }

    pub(crate) fn instrument<F: Future>(&self, future: F) -> tracing::instrument::Instrumented<F> {
        tracing::Instrument::instrument(future, self.span.clone())
    }

    pub(crate) fn retrying(&self, attempt: u32, delay: Duration, error: &Error) {
        tracing::debug!(parent: &self.span, attempt, delay_ms = delay.as_millis() as u64, status = error.status(), "retrying after a transient failure");
    }

    pub(crate) fn finish(&self, result: &Attempt, attempts: u32, elapsed: Duration) {
        let span = &self.span;
        if span.is_disabled() {
            return;
        }
        span.record("attempts", attempts);
        span.record("duration_ms", elapsed.as_secs_f64() * 1000.0);
        match result {
            Ok((status, headers, _)) => {
                span.record("http.status", status);
                if let Some(id) = crate::error::header_request_id(headers) {
                    span.record("request_id", id);
                }
            }
            Err(error) => {
                if let Some(status) = error.status() {
                    span.record("http.status", status);
                }
                if let Some(id) = error.request_id() {
                    span.record("request_id", id);
                }
                span.record("error", error_kind(error));
            }
        }
    }
}

/// The kind of an error, without its details (which may quote a body).
#[cfg(feature = "tracing")]
fn error_kind(error: &Error) -> &'static str {
    match error {
        Error::Api(_) => "api",
        Error::Timeout(_) => "timeout",
        Error::Transport(_) => "transport",
        Error::UnexpectedResponse(_) => "unexpected_response",
        Error::Config(_) => "config",
    }
}

#[cfg(not(feature = "tracing"))]
impl CallSpan {
    pub(crate) fn new(_request: &Request) -> Self {
        CallSpan {}
    }

    pub(crate) fn instrument<F: Future>(&self, future: F) -> F {
        future
    }

    pub(crate) fn retrying(&self, _attempt: u32, _delay: Duration, _error: &Error) {}

    pub(crate) fn finish(&self, _result: &Attempt, _attempts: u32, _elapsed: Duration) {}
}
