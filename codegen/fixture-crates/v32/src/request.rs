// @generated: copied from the generator's runtime (codegen/runtime/request.rs) by `cargo xtask regen`. Edit it there.

//! One request as an operation describes it: method, path, parameters, body and credentials,
//! built by the generated methods and sent by [`crate::Client`].

use bytes::Bytes;
use reqwest::header::HeaderValue;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::Error;

/// One request, as an operation describes it.
pub(crate) struct Request {
    pub(crate) method: Method,
    /// The operation id, for traces.
    pub(crate) operation: &'static str,
    /// The path template (`/v1/users/{user_id}`), for traces: never the filled-in path.
    pub(crate) template: &'static str,
    /// The path with parameters filled in and percent-encoded.
    pub(crate) path: String,
    pub(crate) query: Vec<(&'static str, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Option<Body>,
    /// The `Accept` header: JSON unless the operation answers in another media type.
    pub(crate) accept: &'static str,
    pub(crate) server: Option<&'static str>,
    pub(crate) auth: RequestAuth,
    pub(crate) error_decoder: Option<ErrorDecoder>,
    /// The header the API description declares for idempotency keys, if any.
    pub(crate) idempotency_header: Option<&'static str>,
    /// The headers this operation takes as per-call options ([`crate::RequestOptions`] setters).
    pub(crate) option_headers: &'static [&'static str],
}

/// A request body, sent again as it is by each attempt.
pub(crate) enum Body {
    /// Content type and encoded body; `Bytes` so that a retry resends it without copying.
    Encoded(HeaderValue, Bytes),
    /// A body each attempt builds afresh (a multipart form is consumed when sent).
    #[allow(dead_code, reason = "only used by operations with multipart bodies")]
    PerAttempt(std::sync::Arc<dyn Fn(reqwest::RequestBuilder) -> Result<reqwest::RequestBuilder, Error> + Send + Sync>),
}

/// Which credentials a request carries.
pub(crate) enum RequestAuth {
    /// The client's configured credentials, if any.
    Client,
    /// None at all.
    None,
    /// This bearer token instead of the client's credentials.
    Bearer(String),
    /// The operation's own requirements (alternatives; the first the client has every
    /// credential for is sent).
    #[allow(dead_code, reason = "only used by operations with their own security requirements")]
    Schemes(&'static [crate::auth::Requirement]),
}

/// Decodes an operation-specific error body into the API's error body.
pub(crate) type ErrorDecoder = fn(u16, &[u8]) -> Option<crate::ApiErrorBody>;

/// An error schema that some operations use instead of [`crate::ApiErrorBody`], converted into
/// it (implemented by the overlay for the schemas listed in `error_conversions`).
#[allow(dead_code, reason = "only implemented when the API has operation-specific error bodies")]
pub(crate) trait IntoApiError {
    /// The equivalent API error body, given the HTTP status it came with.
    fn into_api_error(self, status: u16) -> crate::ApiErrorBody;
}

/// Decodes `body` as `E` and converts it.
#[allow(dead_code, reason = "only used by operations with operation-specific error bodies")]
pub(crate) fn decode_error_as<E: DeserializeOwned + IntoApiError>(status: u16, body: &[u8]) -> Option<crate::ApiErrorBody> {
    serde_json::from_slice::<E>(body).ok().map(|e| e.into_api_error(status))
}

impl Request {
    pub(crate) fn new(method: Method, operation: &'static str, template: &'static str, path: String) -> Self {
        Request {
            method,
            operation,
            template,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            server: None,
            auth: RequestAuth::Client,
            error_decoder: None,
            idempotency_header: None,
            option_headers: &[],
            accept: "application/json",
        }
    }

    #[allow(dead_code, reason = "only used by operations with operation-specific error bodies")]
    pub(crate) fn errors_as(mut self, decoder: ErrorDecoder) -> Self {
        self.error_decoder = Some(decoder);
        self
    }

    #[allow(dead_code, reason = "only used by operations with query parameters")]
    pub(crate) fn query(mut self, name: &'static str, value: String) -> Self {
        self.query.push((name, value));
        self
    }

    #[allow(dead_code, reason = "only used by operations with header parameters")]
    pub(crate) fn header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    #[allow(dead_code, reason = "only used by operations with JSON bodies")]
    pub(crate) fn json<T: Serialize>(mut self, content_type: &'static str, body: &T) -> Result<Self, Error> {
        let bytes = serde_json::to_vec(body).map_err(|e| Error::Config(format!("cannot encode the request body as JSON: {e}")))?;
        self.body = Some(Body::Encoded(HeaderValue::from_static(content_type), Bytes::from(bytes)));
        Ok(self)
    }

    #[allow(dead_code, reason = "only used by operations with form bodies")]
    pub(crate) fn form<T: Serialize>(mut self, content_type: &'static str, body: &T) -> Result<Self, Error> {
        // Fields in declaration order, unset fields left out.
        let text = serde_urlencoded::to_string(body).map_err(|e| Error::Config(format!("cannot encode the form body: {e}")))?;
        self.body = Some(Body::Encoded(HeaderValue::from_static(content_type), Bytes::from(text)));
        Ok(self)
    }

    /// A body sent as it is, in the media type the API description fixes.
    #[allow(dead_code, reason = "only used by operations with text or raw bodies")]
    pub(crate) fn raw(mut self, content_type: &'static str, body: Bytes) -> Self {
        self.body = Some(Body::Encoded(HeaderValue::from_static(content_type), body));
        self
    }

    /// A body sent as it is, in a media type the caller gives (the API description leaves it
    /// open, as with `image/*`).
    #[allow(dead_code, reason = "only used by operations with raw bodies of an open media type")]
    pub(crate) fn raw_with(mut self, content_type: &str, body: Bytes) -> Result<Self, Error> {
        let value = HeaderValue::from_str(content_type).map_err(|_| Error::Config(format!("invalid content type `{content_type}`")))?;
        self.body = Some(Body::Encoded(value, body));
        Ok(self)
    }

    /// The media type asked for in `Accept`, for operations that do not answer with JSON.
    #[allow(dead_code, reason = "only used by operations answering with raw bytes")]
    pub(crate) fn accept(mut self, media_type: &'static str) -> Self {
        self.accept = media_type;
        self
    }

    #[allow(dead_code, reason = "only used by operations served by another host")]
    pub(crate) fn server(mut self, url: &'static str) -> Self {
        self.server = Some(url);
        self
    }

    #[allow(dead_code, reason = "only used by operations taking a bearer token per call")]
    pub(crate) fn bearer(mut self, token: &str) -> Self {
        self.auth = RequestAuth::Bearer(token.to_owned());
        self
    }

    #[allow(dead_code, reason = "only used by operations with their own security requirements")]
    pub(crate) fn security(mut self, requirements: &'static [crate::auth::Requirement]) -> Self {
        self.auth = RequestAuth::Schemes(requirements);
        self
    }

    #[allow(dead_code, reason = "only used by operations without the client's credentials")]
    pub(crate) fn without_auth(mut self) -> Self {
        self.auth = RequestAuth::None;
        self
    }

    #[allow(dead_code, reason = "only used by operations declaring an idempotency key header")]
    pub(crate) fn idempotency_header(mut self, name: &'static str) -> Self {
        self.idempotency_header = Some(name);
        self
    }

    #[allow(dead_code, reason = "only used by operations taking per-call option headers")]
    pub(crate) fn option_headers(mut self, names: &'static [&'static str]) -> Self {
        self.option_headers = names;
        self
    }
}

/// What a path segment keeps unencoded: RFC 3986's unreserved characters.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes one path segment: everything but unreserved characters.
#[allow(dead_code, reason = "only used by operations with path parameters")]
pub(crate) fn encode_path(segment: &str) -> String {
    utf8_percent_encode(segment, PATH_SEGMENT).to_string()
}
