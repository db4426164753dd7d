// @generated: copied from the generator's runtime (codegen/runtime/send.rs) by `cargo xtask regen`. Edit it there.

//! Sending a request: attempts, timeouts, retries, and turning the answer into a result.

use std::future::Future as _;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE, USER_AGENT};

use crate::call::{Decode, RequestOptions, RequestPreview, Response};
use crate::auth::{Applied, Selected};
use crate::error::{ApiError, Error, UnexpectedResponse};
use crate::request::{Body, ErrorDecoder, Request};
use crate::retry::is_idempotent;
use crate::trace::CallSpan;
use crate::Client;

/// What one attempt brought back: a whole response, or the error that ended it.
pub(crate) type Attempt = Result<(u16, HeaderMap, Bytes), Error>;

impl Client {
    /// Sends `request` with retries, within the timeouts, and decodes a success with `decode`.
    ///
    /// Tries until the call succeeds, fails for good, or runs out of retries or time.
    pub(crate) async fn execute<T>(&self, request: Request, options: &RequestOptions, decode: Decode<T>) -> Result<Response<T>, Error> {
        let span = CallSpan::new(&request);
        let start = Instant::now();
        let (result, attempts) = span.instrument(self.attempts(&request, options, start, &span)).await;
        span.finish(&result, attempts, start.elapsed());
        let (status, headers, body) = result?;
        match decode(status, &body) {
            Ok(body) => Ok(Response { status, headers, body }),
            Err(reason) => Err(unexpected(status, headers, &body, reason)),
        }
    }

    /// The attempts of one call: the last outcome and how many attempts were made.
    async fn attempts(&self, request: &Request, options: &RequestOptions, start: Instant, span: &CallSpan) -> (Attempt, u32) {
        let inner = &*self.inner;
        let policy = options.max_retries.map_or(inner.retry, |n| inner.retry.max_retries(n));
        let attempt_timeout = options.timeout.unwrap_or(inner.timeout);
        let total_timeout = options.total_timeout.unwrap_or(inner.total_timeout);
        let prepared = match self.prepare(request, options) {
            Ok(prepared) => prepared,
            Err(e) => return (Err(e), 0),
        };
        // Missing credentials fail here, before anything is sent.
        let selected = match self.select_credentials(request.operation, &request.auth) {
            Ok(selected) => selected,
            Err(e) => return (Err(e), 0),
        };
        let mut refetched = false;
        // A declared idempotency key, from the options or the operation's own parameter, makes
        // any method safe to repeat.
        let carries_key = request.idempotency_header.is_some_and(|key| request.headers.iter().any(|(name, _)| *name == key));
        let safe_to_repeat = options
            .idempotent
            .unwrap_or_else(|| options.idempotency_key.is_some() || carries_key || is_idempotent(&request.method));
        let mut attempt = 0;
        loop {
            attempt += 1;
            // The first attempt has the whole total timeout left; later ones what remains.
            let remaining = if attempt == 1 { total_timeout } else { total_timeout.saturating_sub(start.elapsed()) };
            // Tokens are asked for before each attempt, so that a provider can refresh them.
            let applied = match selected.apply(self, false).await {
                Ok(applied) => applied,
                Err(e) => return (Err(e), attempt),
            };
            let error = match self.attempt(request, &prepared, &applied, attempt_timeout.min(remaining)).await {
                Ok((status, headers, body)) if (200..300).contains(&status) => return (Ok((status, headers, body)), attempt),
                Ok((401, _, _)) if !refetched && applied.fetched.is_some() => {
                    // A fetched token the API refuses is fetched again, once, right away.
                    if let Some((fetcher, token)) = &applied.fetched {
                        fetcher.invalidate(token).await;
                    }
                    refetched = true;
                    continue;
                }
                Ok((status, headers, body)) => error_from(status, headers, &body, request.error_decoder),
                Err(e) => e,
            };
            match policy.delay_after(&error, attempt, safe_to_repeat) {
                Some(delay) if start.elapsed() + delay < total_timeout => {
                    span.retrying(attempt, delay, &error);
                    tokio::time::sleep(delay).await;
                }
                _ => return (Err(error), attempt),
            }
        }
    }

    /// What stays the same across attempts: the URL and the caller's extra headers.
    fn prepare(&self, request: &Request, options: &RequestOptions) -> Result<Prepared, Error> {
        let base = match request.server {
            Some(server) => self.inner.server_urls.get(server).map_or(server, String::as_str),
            None => self.inner.base_url.as_str(),
        };
        let mut url = String::with_capacity(base.len() + request.path.len());
        url.push_str(base);
        url.push_str(&request.path);
        if !request.query.is_empty() {
            url.push('?');
            url.push_str(&serde_urlencoded::to_string(&request.query).map_err(|e| Error::Config(format!("cannot encode the query: {e}")))?);
        }
        let mut headers = Vec::new();
        for (name, value) in &options.headers {
            headers.push(header(name, value)?);
        }
        let mut replaced = None;
        if let Some(key) = &options.idempotency_key {
            let Some(name) = request.idempotency_header else {
                return Err(Error::Config(format!("`{}` declares no idempotency-key header", request.operation)));
            };
            headers.push(header(name, key)?);
            replaced = Some(name);
        }
        // A per-call option header goes only to operations that declare it: sent elsewhere it
        // would be ignored, and the call would run with other rights than the caller meant.
        for (name, value) in &options.option_headers {
            if !request.option_headers.iter().any(|accepted| accepted.eq_ignore_ascii_case(name)) {
                return Err(Error::Config(format!("`{}` does not take the `{name}` header", request.operation)));
            }
            headers.push(header(name, value)?);
        }
        Ok(Prepared { url, headers, replaced })
    }

    /// One attempt: send, then read the whole body, all within `timeout`.
    async fn attempt(&self, request: &Request, prepared: &Prepared, applied: &Applied, timeout: Duration) -> Attempt {
        let mut response = self.http_request(request, prepared, applied, timeout)?.send().await.map_err(Error::from_reqwest)?;
        let status = response.status().as_u16();
        let headers = std::mem::take(response.headers_mut());
        let body = response.bytes().await.map_err(Error::from_reqwest)?;
        Ok((status, headers, body))
    }

    /// The request one attempt sends (also what [`Call::preview`](crate::Call::preview) shows).
    fn http_request(&self, request: &Request, prepared: &Prepared, applied: &Applied, timeout: Duration) -> Result<reqwest::RequestBuilder, Error> {
        let inner = &*self.inner;
        let url = if applied.query.is_empty() {
            std::borrow::Cow::Borrowed(prepared.url.as_str())
        } else {
            // An API key in the query goes after the operation's own parameters.
            let separator = if request.query.is_empty() { '?' } else { '&' };
            let keys = serde_urlencoded::to_string(&applied.query).map_err(|e| Error::Config(format!("cannot encode the query: {e}")))?;
            std::borrow::Cow::Owned(format!("{}{separator}{keys}", prepared.url))
        };
        let mut builder = inner
            .http
            .request(request.method.clone(), url.as_ref())
            .timeout(timeout)
            .header(USER_AGENT, inner.user_agent.clone())
            .header(ACCEPT, HeaderValue::from_static(request.accept));
        for (name, value) in request.headers.iter().filter(|(name, _)| Some(*name) != prepared.replaced) {
            builder = builder.header(*name, value.as_str());
        }
        for (name, value) in &applied.headers {
            builder = builder.header(name.clone(), value.clone());
        }
        for (name, value) in &prepared.headers {
            builder = builder.header(name.clone(), value.clone());
        }
        match &request.body {
            Some(Body::Encoded(content_type, body)) => builder = builder.header(CONTENT_TYPE, content_type.clone()).body(body.clone()),
            Some(Body::PerAttempt(build)) => builder = build(builder)?,
            None => {}
        }
        Ok(builder)
    }

    /// The request `request` would send first, built but not sent.
    pub(crate) fn preview(&self, request: &Request, options: &RequestOptions) -> Result<RequestPreview, Error> {
        let prepared = self.prepare(request, options)?;
        // Missing credentials are left out: a preview shows the request as far as it goes.
        let selected = self.select_credentials(request.operation, &request.auth).unwrap_or(Selected::None);
        let applied = redacted_credentials(self, &selected)?;
        let timeout = options.timeout.unwrap_or(self.inner.timeout);
        let built = self.http_request(request, &prepared, &applied, timeout)?.build().map_err(Error::from_reqwest)?;
        let headers = built
            .headers()
            .iter()
            .map(|(name, value)| {
                let shown = if value.is_sensitive() { "<redacted>".to_owned() } else { String::from_utf8_lossy(value.as_bytes()).into_owned() };
                (name.as_str().to_owned(), shown)
            })
            .collect();
        let body = built.body().and_then(reqwest::Body::as_bytes).map(Bytes::copy_from_slice);
        // A redacted API key in the query reads as it does in headers.
        let url = built.url().to_string().replace("%3Credacted%3E", crate::auth::REDACTED);
        Ok(RequestPreview { method: built.method().to_string(), url, headers, body })
    }
}

/// The credentials of a preview, every secret `<redacted>`: nothing is fetched or asked for,
/// so the future is ready when first polled.
fn redacted_credentials(client: &Client, selected: &Selected) -> Result<Applied, Error> {
    let mut future = std::pin::pin!(selected.apply(client, true));
    match future.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop())) {
        std::task::Poll::Ready(applied) => applied,
        std::task::Poll::Pending => Err(Error::Config("the credentials cannot be previewed".into())),
    }
}

/// The parts of a request computed once per call.
struct Prepared {
    url: String,
    headers: Vec<(HeaderName, HeaderValue)>,
    /// The operation's own header that a per-call idempotency key replaces.
    replaced: Option<&'static str>,
}

fn header(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), Error> {
    let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| Error::Config(format!("invalid header name `{name}`")))?;
    let mut value = HeaderValue::from_str(value).map_err(|_| Error::Config(format!("invalid value for header `{name}`")))?;
    value.set_sensitive(true);
    Ok((name, value))
}

fn content_type(headers: &HeaderMap) -> Option<String> {
    headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

pub(crate) fn unexpected(status: u16, headers: HeaderMap, body: &[u8], reason: String) -> Error {
    Error::UnexpectedResponse(Box::new(UnexpectedResponse {
        status,
        content_type: content_type(&headers),
        body: String::from_utf8_lossy(body).into_owned(),
        reason,
        headers,
    }))
}

/// An error status: the API's error object when the body is one (or, first, the operation's own
/// error body, converted), else an unexpected response.
fn error_from(status: u16, headers: HeaderMap, body: &[u8], decoder: Option<ErrorDecoder>) -> Error {
    let decoded = match decoder.and_then(|decode| decode(status, body)) {
        Some(decoded) => Ok(decoded),
        None => serde_json::from_slice::<crate::ApiErrorBody>(body),
    };
    match decoded {
        Ok(decoded) => Error::Api(Box::new(ApiError { status, body: decoded, raw_body: String::from_utf8_lossy(body).into_owned(), headers })),
        Err(e) => unexpected(status, headers, body, format!("HTTP {status} without an API error body: {e}")),
    }
}
