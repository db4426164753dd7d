//! Test keys, tokens and a mock JWKS endpoint for the local JWT verification tests.
//!
//! Keys are generated when a test binary first needs them (no secret is committed).

#![allow(dead_code, reason = "each test binary uses a different part of this module")]

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, UNIX_EPOCH};

use base64::Engine as _;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::traits::PublicKeyParts;
use serde_json::{json, Value};
use stytch_api::jwt::{Clock, JwtOptions};
use stytch_api::Client;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const PROJECT_ID: &str = "project-test-11111111-2222-3333-4444-555555555555";
/// The tests' "now", in seconds since the Unix epoch.
pub const NOW: u64 = 1_800_000_000;

pub fn client(server: &MockServer) -> Client {
    Client::builder().project(PROJECT_ID, "secret").base_url(server.uri()).build().unwrap()
}

/// Runs a test body, failing it if it takes more than 60 seconds.
pub async fn bounded<F: Future>(body: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(60), body).await.expect("the test finished in time")
}

/// A settable clock, starting at [`NOW`].
#[derive(Clone)]
pub struct TestClock(Arc<AtomicU64>);

impl TestClock {
    pub fn new() -> TestClock {
        TestClock(Arc::new(AtomicU64::new(NOW)))
    }
    pub fn advance(&self, seconds: u64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
    pub fn now(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }
    pub fn clock(&self) -> Clock {
        let now = Arc::clone(&self.0);
        Clock::from_fn(move || UNIX_EPOCH + Duration::from_secs(now.load(Ordering::SeqCst)))
    }
    pub fn options(&self) -> JwtOptions {
        JwtOptions::new().clock(self.clock())
    }
}

pub struct TestKey {
    pub kid: String,
    pub encoding: EncodingKey,
    pub jwk: Value,
    /// The private key, PKCS#1 DER (the bench signs thousands of tokens with aws-lc-rs).
    pub pkcs1_der: Vec<u8>,
}

fn generate(kid: &str) -> TestKey {
    let private = rsa::RsaPrivateKey::new(&mut rand::thread_rng(), 2048).expect("RSA key generation");
    let der = private.to_pkcs1_der().expect("PKCS#1 DER");
    let b64 = |bytes: Vec<u8>| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let jwk = json!({
        "kty": "RSA", "use": "sig", "key_ops": ["verify"], "alg": "RS256", "kid": kid,
        "x5c": [], "x5t#S256": "", "n": b64(private.n().to_bytes_be()), "e": b64(private.e().to_bytes_be()),
    });
    TestKey { kid: kid.to_owned(), encoding: EncodingKey::from_rsa_der(der.as_bytes()), jwk, pkcs1_der: der.as_bytes().to_vec() }
}

/// The first test key (`jwk-test-a`).
pub fn key_a() -> &'static TestKey {
    static KEY: OnceLock<TestKey> = OnceLock::new();
    KEY.get_or_init(|| generate("jwk-test-a"))
}

/// The key the project rotates to (`jwk-test-b`).
pub fn key_b() -> &'static TestKey {
    static KEY: OnceLock<TestKey> = OnceLock::new();
    KEY.get_or_init(|| generate("jwk-test-b"))
}

pub fn jwks_body(keys: &[&TestKey]) -> Value {
    json!({ "keys": keys.iter().map(|k| k.jwk.clone()).collect::<Vec<_>>(), "request_id": "request-id-test-jwks", "status_code": 200 })
}

/// A JWKS endpoint serving `keys`, expected to be called `calls` times (checked on drop).
pub fn jwks_mock(keys: &[&TestKey], calls: u64) -> Mock {
    Mock::given(method("GET"))
        .and(path(format!("/v1/sessions/jwks/{PROJECT_ID}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(jwks_body(keys)))
        .expect(calls)
}

/// Signs `claims` with `key` (RS256, `kid` in the header).
pub fn sign(key: &TestKey, claims: &Value) -> String {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(key.kid.clone());
    jsonwebtoken::encode(&header, claims, &key.encoding).expect("signing")
}

/// The claims of a session JWT issued at `iat`, valid for five minutes.
pub fn session_claims(iat: u64) -> Value {
    json!({
        "aud": [PROJECT_ID],
        "iss": format!("stytch.com/{PROJECT_ID}"),
        "sub": "user-test-1",
        "iat": iat,
        "nbf": iat,
        "exp": iat + 300,
        "https://stytch.com/session": {
            "id": "session-test-1",
            "started_at": "2027-01-15T08:00:00Z",
            "last_accessed_at": "2027-01-15T08:00:00Z",
            "expires_at": "2027-01-22T08:00:00Z",
            "attributes": { "user_agent": "Mozilla/5.0", "ip_address": "203.0.113.7" },
            "authentication_factors": [{
                "type": "magic_link",
                "delivery_method": "email",
                "last_authenticated_at": "2027-01-15T08:00:00Z",
                "email_factor": { "email_id": "email-test-1", "email_address": "ada@example.com" },
            }],
            "roles": ["stytch_user"],
        },
        "tier": "gold",
        "seats": 3,
    })
}

/// The claims of an M2M access token for `client_id` with `scope`, issued at `iat`.
pub fn m2m_claims(client_id: &str, scope: &str, iat: u64) -> Value {
    json!({
        "aud": [PROJECT_ID],
        "iss": format!("stytch.com/{PROJECT_ID}"),
        "sub": client_id,
        "scope": scope,
        "iat": iat,
        "nbf": iat,
        "exp": iat + 3600,
        "tenant": "acme",
    })
}
