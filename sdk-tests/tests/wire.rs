//! The generated `stytch-api` client on the wire, against a mock server on 127.0.0.1.

use std::time::Duration;

use serde_json::json;
use stytch_api::magic_links::email::SendRequest;
use stytch_api::magic_links::CreateRequest;
use stytch_api::types::{Attributes, EmailLocale, ErrorType};
use stytch_api::{Client, Error};
use wiremock::matchers::{body_json, header, header_regex, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const PROJECT_ID: &str = "project-test-11111111-2222-3333-4444-555555555555";
const SECRET: &str = "secret-test-abc=";
/// `Basic base64(PROJECT_ID:SECRET)`.
const BASIC: &str = "Basic cHJvamVjdC10ZXN0LTExMTExMTExLTIyMjItMzMzMy00NDQ0LTU1NTU1NTU1NTU1NTpzZWNyZXQtdGVzdC1hYmM9";

/// A client for `server` whose retries (of the 429s below) wait a millisecond at most.
fn client(server: &MockServer) -> Client {
    let fast = stytch_api::RetryPolicy::new().initial_backoff(Duration::from_millis(1)).max_backoff(Duration::from_millis(1));
    Client::builder().project(PROJECT_ID, SECRET).base_url(server.uri()).retry_policy(fast).build().expect("client")
}

fn stytch_error(status: u16, error_type: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "status_code": status,
        "request_id": "request-id-test-1",
        "error_type": error_type,
        "error_message": "Something went wrong.",
        "error_url": format!("https://stytch.com/docs/api/errors/{status}"),
        "error_details": {"field": "user_id"},
    }))
}

/// The exact JSON body a request carried.
fn sent_body(request: &Request) -> serde_json::Value {
    serde_json::from_slice(&request.body).expect("JSON body")
}

#[tokio::test]
async fn create_sends_method_path_auth_and_only_the_set_fields() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/magic_links"))
        .and(header("authorization", BASIC))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"user_id": "user-test-1"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "request_id": "request-id-test-2",
            "user_id": "user-test-1",
            "token": "SeiGwdj5lKkrEVgcEY3QNJXt6srxS3IK2Nwkar6mXD4=",
            "status_code": 200,
            "a_field_added_later": {"nested": true},
        })))
        .expect(1)
        .mount(&server)
        .await;

    let response = client(&server).magic_links().create(&CreateRequest::new("user-test-1")).await.expect("create");
    assert_eq!(response.user_id, "user-test-1");
    assert_eq!(response.token, "SeiGwdj5lKkrEVgcEY3QNJXt6srxS3IK2Nwkar6mXD4=");
    assert_eq!(response.status_code, 200);
    assert_eq!(response.request_id, "request-id-test-2");
}

#[tokio::test]
async fn email_send_serializes_optional_fields_enums_and_nested_objects() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/magic_links/email/send"))
        .and(header("authorization", BASIC))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "request_id": "request-id-test-3",
            "user_id": "user-test-1",
            "email_id": "email-test-1",
            "status_code": 200,
        })))
        .expect(1)
        .mount(&server)
        .await;

    let request = SendRequest::new("sandbox@stytch.com")
        .login_magic_link_url("https://example.com/authenticate")
        .login_expiration_minutes(15)
        .locale(EmailLocale::PtBr)
        .attributes(Attributes::new().ip_address("203.0.113.7"));
    let response = client(&server).magic_links().email().send(&request).await.expect("send");
    assert_eq!(response.email_id, "email-test-1");

    let received = server.received_requests().await.expect("recorded");
    assert_eq!(
        sent_body(&received[0]),
        json!({
            "email": "sandbox@stytch.com",
            "attributes": {"ip_address": "203.0.113.7"},
            "login_magic_link_url": "https://example.com/authenticate",
            "login_expiration_minutes": 15,
            "locale": "pt-br",
        })
    );
}

#[tokio::test]
async fn error_statuses_become_api_errors_with_the_parsed_stytch_error() {
    let server = MockServer::start().await;
    for (status, user, kind) in [(400, "u400", "invalid_magic_link_url"), (401, "u401", "unauthorized_credentials"), (429, "u429", "too_many_requests")] {
        Mock::given(body_json(json!({"user_id": user}))).respond_with(stytch_error(status, kind)).mount(&server).await;
    }
    let c = client(&server);
    for (status, user, kind) in [(400, "u400", ErrorType::InvalidMagicLinkUrl), (401, "u401", ErrorType::UnauthorizedCredentials), (429, "u429", ErrorType::TooManyRequests)] {
        let err = c.magic_links().create(&CreateRequest::new(user)).await.expect_err("error status");
        assert_eq!(err.status(), Some(status));
        let Error::Api(api) = &err else { panic!("expected Error::Api, got {err:?}") };
        assert_eq!(api.status, status);
        assert_eq!(api.body.error_type, kind);
        assert_eq!(api.body.request_id, "request-id-test-1");
        assert_eq!(api.body.error_details.as_ref().and_then(|d| d.get("field")), Some(&json!("user_id")));
        assert!(api.raw_body.contains("request-id-test-1"));
    }
}

#[tokio::test]
async fn an_error_type_the_crate_does_not_know_still_decodes() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(stytch_error(400, "brand_new_error_kind")).mount(&server).await;
    let err = client(&server).magic_links().create(&CreateRequest::new("u")).await.expect_err("400");
    let Error::Api(api) = err else { panic!("expected Error::Api") };
    assert_eq!(api.body.error_type, ErrorType::Unknown("brand_new_error_kind".into()));
    assert_eq!(api.body.error_type.as_str(), "brand_new_error_kind");
}

#[tokio::test]
async fn an_html_502_is_an_unexpected_response_keeping_status_and_body() {
    let server = MockServer::start().await;
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(html, "text/html"))
        .mount(&server)
        .await;
    let err = client(&server).magic_links().create(&CreateRequest::new("u")).await.expect_err("502");
    assert_eq!(err.status(), Some(502));
    assert_eq!(err.raw_body(), Some(html));
    let Error::UnexpectedResponse(r) = err else { panic!("expected UnexpectedResponse") };
    assert_eq!(r.content_type.as_deref(), Some("text/html"));
}

#[tokio::test]
async fn a_success_status_with_a_garbage_body_is_an_unexpected_response() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(200).set_body_string("not json")).mount(&server).await;
    let err = client(&server).magic_links().create(&CreateRequest::new("u")).await.expect_err("garbage");
    assert_eq!(err.status(), Some(200));
    assert_eq!(err.raw_body(), Some("not json"));
    assert!(matches!(err, Error::UnexpectedResponse(_)));
}

#[tokio::test]
async fn a_success_body_missing_a_required_field_says_which() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"request_id": "r", "user_id": "u", "status_code": 200})))
        .mount(&server)
        .await;
    let err = client(&server).magic_links().create(&CreateRequest::new("u")).await.expect_err("missing token");
    let Error::UnexpectedResponse(r) = err else { panic!("expected UnexpectedResponse") };
    assert!(r.reason.contains("missing field `token`"), "{}", r.reason);
}

#[tokio::test]
async fn a_base_url_path_prefix_is_kept() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/proxy/v1/magic_links/email/send"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "request_id": "r", "user_id": "u", "email_id": "e", "status_code": 200,
        })))
        .expect(1)
        .mount(&server)
        .await;
    let c = Client::builder().project(PROJECT_ID, SECRET).base_url(format!("{}/proxy/", server.uri())).build().unwrap();
    c.magic_links().email().send(&SendRequest::new("a@b.c")).await.expect("prefixed");
}

#[tokio::test]
async fn a_slow_server_gives_a_timeout_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let c = Client::builder().project(PROJECT_ID, SECRET).base_url(server.uri()).timeout(Duration::from_millis(200)).build().unwrap();
    let err = c.magic_links().create(&CreateRequest::new("u")).await.expect_err("timeout");
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(err.status(), None);
}

#[tokio::test]
async fn user_agent_is_sent_and_can_be_overridden() {
    let server = MockServer::start().await;
    // The crate's name and version, whatever the version is.
    Mock::given(header_regex("user-agent", r"^stytch-api/\d+\.\d+\.\d+$"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"request_id": "r", "user_id": "u", "token": "t", "status_code": 200})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(header("user-agent", "my-app/2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"request_id": "r", "user_id": "u", "token": "t", "status_code": 200})))
        .expect(1)
        .mount(&server)
        .await;
    client(&server).magic_links().create(&CreateRequest::new("u")).await.expect("default agent");
    let custom = Client::builder().project(PROJECT_ID, SECRET).base_url(server.uri()).user_agent("my-app/2").build().unwrap();
    custom.magic_links().create(&CreateRequest::new("u")).await.expect("custom agent");
}

#[tokio::test]
async fn a_custom_reqwest_client_is_used() {
    let server = MockServer::start().await;
    Mock::given(header("x-from-custom-client", "yes"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"request_id": "r", "user_id": "u", "token": "t", "status_code": 200})))
        .expect(1)
        .mount(&server)
        .await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-from-custom-client", "yes".parse().unwrap());
    let http = reqwest::Client::builder().default_headers(headers).build().unwrap();
    let c = Client::builder().project(PROJECT_ID, SECRET).base_url(server.uri()).http_client(http).build().unwrap();
    c.magic_links().create(&CreateRequest::new("u")).await.expect("custom client");
}

#[test]
fn the_project_id_picks_the_live_or_test_server() {
    assert_eq!(Client::new("project-live-123", "s").unwrap().base_url(), "https://api.stytch.com");
    assert_eq!(Client::new("project-test-123", "s").unwrap().base_url(), "https://test.stytch.com");
    let explicit = Client::builder().base_url("https://proxy.example/").project("project-live-1", "s").build().unwrap();
    assert_eq!(explicit.base_url(), "https://proxy.example");
    assert!(matches!(Client::builder().base_url("not a url").build(), Err(Error::Config(_))));
}

#[test]
fn secrets_never_show_in_debug() {
    let c = Client::new(PROJECT_ID, SECRET).unwrap();
    let shown = format!("{c:?}");
    assert!(!shown.contains(SECRET), "{shown}");
    assert!(shown.contains(PROJECT_ID) && shown.contains("<redacted>"), "{shown}");
    let builder = format!("{:?}", Client::builder().project(PROJECT_ID, SECRET));
    assert!(!builder.contains(SECRET), "{builder}");

    let request = SendRequest::new("a@b.c").session_token("session-token-secret").session_jwt("jwt-secret");
    let shown = format!("{request:?}");
    assert!(!shown.contains("session-token-secret") && !shown.contains("jwt-secret"), "{shown}");
    assert!(shown.contains("a@b.c") && shown.contains("Some(<redacted>)"), "{shown}");
}

#[test]
fn the_client_is_clone_send_and_sync() {
    fn clone_send_sync<T: Clone + Send + Sync + 'static>() {}
    fn send_sync_error<T: std::error::Error + Send + Sync + 'static>() {}
    clone_send_sync::<Client>();
    send_sync_error::<Error>();
}
