//! Stytch-specific behaviour on the wire: OAuth2 endpoints, the fraud host, and the project id
//! the client fills into paths.

use serde_json::json;
use stytch_api::fraud::fingerprint::LookupRequest;
use stytch_api::m2m::TokenRequest;
use stytch_api::types::ErrorType;
use stytch_api::{Client, Error};
use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROJECT_ID: &str = "project-test-11111111-2222-3333-4444-555555555555";

/// A client for `server` that does not retry (the 429 below is asserted on its first answer).
fn client(server: &MockServer) -> Client {
    Client::builder().project(PROJECT_ID, "secret").base_url(server.uri()).max_retries(0).build().unwrap()
}

#[tokio::test]
async fn m2m_token_is_form_encoded_without_project_credentials_and_fills_the_project_id() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("/v1/public/{PROJECT_ID}/oauth2/token")))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("grant_type=client_credentials&client_id=m2m-client-1&client_secret=s%2Fecret+%26more"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "eyJ...", "token_type": "bearer", "expires_in": 3600,
        })))
        .expect(1)
        .mount(&server)
        .await;
    let token = client(&server).m2m().token(&TokenRequest::new("m2m-client-1", "s/ecret &more")).await.expect("token");
    assert_eq!(token.expires_in, 3600);
    let sent = &server.received_requests().await.unwrap()[0];
    assert!(sent.headers.get("authorization").is_none(), "the project secret must not be sent");
    assert!(!format!("{token:?}").contains("eyJ"), "access tokens are redacted in Debug");
}

#[tokio::test]
async fn oauth2_error_bodies_become_api_errors() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "invalid_client",
            "error_description": "Client authentication failed.",
            "error_uri": "https://stytch.com/docs/api/errors/401",
        })))
        .mount(&server)
        .await;
    let err = client(&server).m2m().token(&TokenRequest::new("c", "wrong")).await.expect_err("401");
    let Error::Api(api) = err else { panic!("expected Error::Api, got {err:?}") };
    assert_eq!(api.status, 401);
    assert_eq!(api.body.status_code, 401);
    assert_eq!(api.body.error_type, ErrorType::Unknown("invalid_client".into()));
    assert_eq!(api.body.error_message, "Client authentication failed.");
    assert_eq!(api.body.error_url.as_deref(), Some("https://stytch.com/docs/api/errors/401"));
    // A Stytch-shaped error on the same endpoint still decodes as one.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).set_body_json(json!({
            "status_code": 429, "request_id": "request-id-test-9", "error_type": "too_many_requests",
            "error_message": "Too many requests have been made.",
        })))
        .mount(&server)
        .await;
    let err = client(&server).m2m().token(&TokenRequest::new("c", "s")).await.expect_err("429");
    let Error::Api(api) = err else { panic!("expected Error::Api") };
    assert_eq!(api.body.error_type, ErrorType::TooManyRequests);
    assert_eq!(api.body.request_id, "request-id-test-9");
}

#[tokio::test]
async fn fraud_operations_go_to_their_own_host_which_can_be_overridden() {
    let api = MockServer::start().await;
    let telemetry = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/fingerprint/lookup"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "request_id": "r", "telemetry_id": "t", "fingerprints": {
                "network_fingerprint": "n", "hardware_fingerprint": "h", "browser_fingerprint": "b",
                "visitor_fingerprint": "v", "browser_id": "bi", "visitor_id": "vi"},
            "verdict": {"action": "ALLOW", "reasons": [], "detected_device_type": "d", "is_authentic_device": true,
                "verdict_reason_overrides": []},
            "external_metadata": {}, "created_at": "2026-01-01T00:00:00Z", "expires_at": "2026-01-02T00:00:00Z",
            "status_code": 200,
        })))
        .expect(1)
        .mount(&telemetry)
        .await;
    let c = Client::builder()
        .project(PROJECT_ID, "secret")
        .base_url(api.uri())
        .fraud_base_url(telemetry.uri())
        .build()
        .unwrap();
    let result = c.fraud().fingerprint().lookup(&LookupRequest::new("telemetry-id-1")).await;
    let lookup = result.unwrap_or_else(|e| panic!("lookup: {e} {:?}", e.raw_body()));
    assert_eq!(lookup.telemetry_id, "t");
    assert!(api.received_requests().await.unwrap().is_empty(), "nothing reaches the main API host");
}

#[tokio::test]
async fn jwks_takes_the_project_id_from_the_client_and_sends_no_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/sessions/jwks/{PROJECT_ID}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "keys": [{"kty": "RSA", "use": "sig", "key_ops": ["verify"], "alg": "RS256", "kid": "jwk-test-1",
                      "x5c": [], "x5t#S256": "", "n": "abc", "e": "AQAB"}],
            "request_id": "r", "status_code": 200,
        })))
        .expect(1)
        .mount(&server)
        .await;
    let jwks = client(&server).sessions().get_jwks().await.expect("jwks");
    assert_eq!(jwks.keys[0].kid, "jwk-test-1");
    let sent = &server.received_requests().await.unwrap()[0];
    assert!(sent.body.is_empty(), "GET sends no body");
    assert!(sent.url.query().is_none(), "GET repeats no path parameter in the query");
}

#[tokio::test]
async fn consumer_error_types_decode_into_their_variants() {
    for (wire, expected) in [
        ("session_not_found", ErrorType::SessionNotFound),
        ("duplicate_email", ErrorType::DuplicateEmail),
        ("invalid_session_token", ErrorType::InvalidSessionToken),
        ("too_many_unverified_factors", ErrorType::TooManyUnverifiedFactors),
        ("consumer_session_authorization_error", ErrorType::ConsumerSessionAuthorizationError),
        ("invalid_md_5_hash", ErrorType::InvalidMd5Hash),
        ("twitter_401", ErrorType::Twitter401),
        ("not_a_listed_value", ErrorType::Unknown("not_a_listed_value".into())),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(404).set_body_json(json!({
                "status_code": 404, "request_id": "r", "error_type": wire, "error_message": "m",
            })))
            .mount(&server)
            .await;
        let err = client(&server).m2m().token(&TokenRequest::new("c", "s")).await.expect_err("404");
        let Error::Api(api) = err else { panic!("expected Error::Api") };
        assert_eq!(api.body.error_type, expected);
        assert_eq!(api.body.error_type.as_str(), wire, "the wire spelling is kept");
    }
}

#[tokio::test]
async fn locales_are_sent_with_their_exact_spelling() {
    use stytch_api::types::{EmailLocale, Locale};
    // SMS and WhatsApp passcodes: the sixteen tags of the official SDKs, case as on the wire.
    let sms = [
        (Locale::En, "en"), (Locale::PtBr, "pt-br"), (Locale::DeDe, "de-DE"), (Locale::ZhHans, "zh-Hans"),
        (Locale::CaEs, "ca-ES"), (Locale::It, "it"), (Locale::Ja, "ja"), (Locale::Ru, "ru"), (Locale::Nl, "nl"),
        (Locale::Pl, "pl"), (Locale::Tr, "tr"), (Locale::Fa, "fa"), (Locale::Vi, "vi"), (Locale::Cs, "cs"),
    ];
    for (locale, wire) in sms {
        assert_eq!(serde_json::to_value(&locale).unwrap(), json!(wire));
        assert_eq!(serde_json::from_value::<Locale>(json!(wire)).unwrap(), locale);
    }
    // Emails list four; another tag still goes out as written.
    assert_eq!(serde_json::to_value(EmailLocale::PtBr).unwrap(), json!("pt-br"));
    assert_eq!(serde_json::to_value(EmailLocale::from("it")).unwrap(), json!("it"));
}
