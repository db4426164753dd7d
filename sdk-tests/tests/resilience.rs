//! Retries, timeouts, per-call options and raw access, against servers on 127.0.0.1 that
//! misbehave on purpose. Backoff is set to a millisecond where the wait itself is not under
//! test, and every test bounds its own run time.

use std::future::IntoFuture;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use stytch_api::magic_links::CreateRequest;
use stytch_api::reqwest::Method;
use stytch_api::{Client, ClientBuilder, Error, RequestOptions, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROJECT_ID: &str = "project-test-11111111-2222-3333-4444-555555555555";
const SECRET: &str = "secret-test-resilience=";
const JWKS_PATH: &str = "/v1/sessions/jwks/project-test-11111111-2222-3333-4444-555555555555";

/// A builder pointed at `url` whose retries wait a millisecond at most.
fn builder(url: &str) -> ClientBuilder {
    Client::builder()
        .project(PROJECT_ID, SECRET)
        .base_url(url)
        .retry_policy(RetryPolicy::new().initial_backoff(Duration::from_millis(1)).max_backoff(Duration::from_secs(2)))
}

fn client(url: &str) -> Client {
    builder(url).build().expect("client")
}

/// Fails the test instead of hanging when `future` takes longer than `limit`.
async fn bounded<F: IntoFuture>(limit: Duration, future: F) -> F::Output {
    tokio::time::timeout(limit, future.into_future()).await.expect("the call ended within its bound")
}

fn jwks_body() -> serde_json::Value {
    json!({"keys": [], "request_id": "request-id-test-jwks", "status_code": 200})
}

fn magic_link_body() -> serde_json::Value {
    json!({"request_id": "r", "user_id": "u", "token": "t", "status_code": 200})
}

fn stytch_error(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "status_code": status, "request_id": "request-id-test-err", "error_type": "too_many_requests",
        "error_message": "Slow down.", "error_url": "https://stytch.com/docs/api/errors/429",
    }))
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_once_after_the_asked_delay() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(stytch_error(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(200).set_body_json(magic_link_body())).expect(1).mount(&server).await;
    let start = Instant::now();
    let created = bounded(Duration::from_secs(10), client(&server.uri()).magic_links().create(&CreateRequest::new("u"))).await;
    assert_eq!(created.expect("retried after the 429").user_id, "u");
    assert!(start.elapsed() >= Duration::from_secs(1), "waited only {:?}", start.elapsed());
}

#[tokio::test]
async fn a_retry_after_longer_than_the_cap_is_returned_not_waited_for() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(stytch_error(429).insert_header("retry-after", "30")).expect(1).mount(&server).await;
    let err = bounded(Duration::from_secs(5), client(&server.uri()).magic_links().create(&CreateRequest::new("u"))).await.expect_err("429");
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(30)));
    assert!(err.is_retryable());
    assert_eq!(err.request_id(), Some("request-id-test-err"));
}

#[tokio::test]
async fn a_503_on_get_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(stytch_error(503)).up_to_n_times(1).expect(1).mount(&server).await;
    Mock::given(method("GET")).and(path(JWKS_PATH)).respond_with(ResponseTemplate::new(200).set_body_json(jwks_body())).expect(1).mount(&server).await;
    let jwks = bounded(Duration::from_secs(5), client(&server.uri()).sessions().get_jwks()).await.expect("retried");
    assert_eq!(jwks.request_id, "request-id-test-jwks");
}

#[tokio::test]
async fn a_503_on_post_is_not_retried_unless_the_call_says_it_is_idempotent() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(stytch_error(503)).expect(1).mount(&server).await;
    let c = client(&server.uri());
    let err = bounded(Duration::from_secs(5), c.magic_links().create(&CreateRequest::new("u"))).await.expect_err("503");
    assert_eq!(err.status(), Some(503));
    server.verify().await;

    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(stytch_error(503)).expect(3).mount(&server).await;
    let c = client(&server.uri());
    let call = c.magic_links().create(&CreateRequest::new("u")).with(RequestOptions::new().idempotent(true));
    let err = bounded(Duration::from_secs(5), call).await.expect_err("503 three times");
    assert_eq!(err.status(), Some(503));
}

#[tokio::test]
async fn a_get_that_always_fails_stops_after_the_configured_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(stytch_error(503)).expect(4).mount(&server).await;
    let c = builder(&server.uri()).retry_policy(RetryPolicy::new().max_retries(3).initial_backoff(Duration::from_millis(1))).build().unwrap();
    let err = bounded(Duration::from_secs(5), c.sessions().get_jwks()).await.expect_err("always 503");
    assert_eq!(err.status(), Some(503));
    server.verify().await;

    // Per call: no retries at all.
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(stytch_error(503)).expect(1).mount(&server).await;
    let c = client(&server.uri());
    let err = bounded(Duration::from_secs(5), c.sessions().get_jwks().with(RequestOptions::new().max_retries(0))).await.expect_err("503");
    assert_eq!(err.status(), Some(503));
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported_as_transport() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let c = client(&format!("http://127.0.0.1:{port}"));
    let err = bounded(Duration::from_secs(5), c.magic_links().create(&CreateRequest::new("u"))).await.expect_err("refused");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(err.is_retryable());
    assert_eq!(err.status(), None);
    let shown = err.to_string();
    assert!(shown.starts_with("transport error: ") && !shown.contains('\n'), "{shown}");
}

/// A server that answers each connection with `reply(connection_number)`, then closes it.
/// Returns its URL and the number of connections it accepted.
async fn raw_server(reply: fn(usize) -> Option<&'static [u8]>) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else { return };
            let n = seen.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = socket.read(&mut buf).await;
                match reply(n) {
                    Some(bytes) => {
                        let _ = socket.write_all(bytes).await;
                    }
                    // Never answer: hold the connection open until the test ends.
                    None => tokio::time::sleep(Duration::from_secs(30)).await,
                }
            });
        }
    });
    (url, count)
}

const HALF_A_RESPONSE: &[u8] = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"request_id\":";

#[tokio::test]
async fn a_reset_mid_response_is_a_transport_error_and_a_post_is_not_resent() {
    let (url, connections) = raw_server(|_| Some(HALF_A_RESPONSE)).await;
    let err = bounded(Duration::from_secs(5), client(&url).magic_links().create(&CreateRequest::new("u"))).await.expect_err("reset");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(connections.load(Ordering::SeqCst), 1, "a POST that reached the server is not retried");

    // A GET is safe to repeat: the first connection breaks, the second answers.
    const OK: &[u8] = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 57\r\n\r\n{\"keys\":[],\"request_id\":\"request-id-2\",\"status_code\":200}";
    let (url, connections) = raw_server(|n| Some(if n == 0 { HALF_A_RESPONSE } else { OK })).await;
    let jwks = bounded(Duration::from_secs(5), client(&url).sessions().get_jwks()).await.expect("second attempt");
    assert_eq!(jwks.request_id, "request-id-2");
    assert_eq!(connections.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_and_a_post_is_not_retried() {
    let (url, connections) = raw_server(|_| None).await;
    let c = builder(&url).timeout(Duration::from_millis(300)).build().unwrap();
    let start = Instant::now();
    let err = bounded(Duration::from_secs(5), c.magic_links().create(&CreateRequest::new("u"))).await.expect_err("stalled");
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert!(start.elapsed() < Duration::from_secs(2), "took {:?}", start.elapsed());
    assert_eq!(connections.load(Ordering::SeqCst), 1);

    // Per call, a shorter timeout wins over the client's.
    let c = builder(&url).timeout(Duration::from_secs(20)).build().unwrap();
    let call = c.magic_links().create(&CreateRequest::new("u")).with(RequestOptions::new().timeout(Duration::from_millis(200)));
    assert!(bounded(Duration::from_secs(5), call).await.expect_err("stalled").is_timeout());
}

#[tokio::test]
async fn the_total_timeout_bounds_a_call_across_retries() {
    let (url, connections) = raw_server(|_| None).await;
    let c = builder(&url).timeout(Duration::from_millis(200)).total_timeout(Duration::from_millis(500)).max_retries(10).build().unwrap();
    let start = Instant::now();
    let err = bounded(Duration::from_secs(5), c.sessions().get_jwks()).await.expect_err("stalled GET");
    assert!(err.is_timeout(), "{err:?}");
    assert!(start.elapsed() < Duration::from_millis(1500), "took {:?}", start.elapsed());
    let made = connections.load(Ordering::SeqCst);
    assert!((2..=4).contains(&made), "a stalled GET is retried until the total timeout: {made} attempts");
}

#[tokio::test]
async fn garbage_answers_are_unexpected_responses_with_their_status() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/magic_links"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"request_id": "r", "user_id"#, "application/json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502).set_body_raw("<html><h1>502 Bad Gateway</h1></html>", "text/html"))
        .expect(3)
        .mount(&server)
        .await;
    let c = client(&server.uri());
    let err = bounded(Duration::from_secs(5), c.magic_links().create(&CreateRequest::new("u"))).await.expect_err("truncated");
    let Error::UnexpectedResponse(r) = &err else { panic!("{err:?}") };
    assert_eq!(r.status, 200);
    assert!(r.reason.contains("EOF"), "{}", r.reason);
    let err = bounded(Duration::from_secs(5), c.sessions().get_jwks()).await.expect_err("502");
    let Error::UnexpectedResponse(r) = &err else { panic!("{err:?}") };
    assert_eq!((r.status, r.content_type.as_deref()), (502, Some("text/html")));
    assert!(err.is_retryable());
}

#[tokio::test]
async fn display_is_one_line_without_secrets_or_whole_bodies() {
    let server = MockServer::start().await;
    let long = format!("{{\"status_code\":400,\"request_id\":\"request-id-test-7\",\"error_type\":\"x\",\"error_message\":\"{}\"}}", "a".repeat(5000));
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(400).set_body_raw(long, "application/json")).mount(&server).await;
    let err = client(&server.uri()).magic_links().create(&CreateRequest::new("u")).await.expect_err("400");
    let shown = err.to_string();
    assert!(shown.starts_with("API error (HTTP 400, request request-id-test-7): aaa"), "{shown}");
    assert!(shown.len() < 300 && !shown.contains('\n') && !shown.contains(SECRET), "{shown}");
}

#[tokio::test]
async fn send_with_response_keeps_status_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(jwks_body()).insert_header("request-id", "hdr-1").insert_header("x-ratelimit-remaining", "99"))
        .mount(&server)
        .await;
    let response = client(&server.uri()).sessions().get_jwks().send_with_response().await.expect("jwks");
    assert_eq!(response.status, 200);
    assert_eq!(response.request_id(), Some("hdr-1"));
    assert_eq!(response.headers.get("x-ratelimit-remaining").unwrap(), "99");
    assert_eq!(response.body.request_id, "request-id-test-jwks");
}

#[tokio::test]
async fn per_call_headers_are_sent_and_bad_ones_fail_before_sending() {
    let server = MockServer::start().await;
    Mock::given(header("x-trace", "t-1")).respond_with(ResponseTemplate::new(200).set_body_json(jwks_body())).expect(1).mount(&server).await;
    let c = client(&server.uri());
    c.sessions().get_jwks().with(RequestOptions::new().header("x-trace", "t-1")).await.expect("header sent");
    let err = c.sessions().get_jwks().with(RequestOptions::new().header("bad header", "v")).await.expect_err("invalid name");
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    // Stytch declares no idempotency-key header: asking for one is a configuration error.
    let err = c.magic_links().create(&CreateRequest::new("u")).with(RequestOptions::new().idempotency_key("k")).await.expect_err("no header");
    assert!(err.to_string().contains("idempotency"), "{err}");
}

#[tokio::test]
async fn raw_requests_get_auth_retries_and_typed_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/v1/not_in_the_spec")).respond_with(stytch_error(503)).up_to_n_times(1).mount(&server).await;
    Mock::given(method("GET"))
        .and(path("/v1/not_in_the_spec"))
        .and(header("authorization", "Basic cHJvamVjdC10ZXN0LTExMTExMTExLTIyMjItMzMzMy00NDQ0LTU1NTU1NTU1NTU1NTpzZWNyZXQtdGVzdC1yZXNpbGllbmNlPQ=="))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"answer": 42})))
        .mount(&server)
        .await;
    Mock::given(method("POST")).and(path("/v1/new_thing")).respond_with(stytch_error(400)).mount(&server).await;
    let c = client(&server.uri());
    let value = c.request(Method::GET, "/v1/not_in_the_spec", None).await.expect("retried raw GET");
    assert_eq!(value["answer"], 42);
    let err = c.request(Method::POST, "/v1/new_thing", Some(&json!({"a": 1}))).await.expect_err("400");
    let Error::Api(api) = &err else { panic!("{err:?}") };
    assert_eq!(api.body.request_id, "request-id-test-err");
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.last().unwrap().body, br#"{"a":1}"#);
}

#[test]
fn secrets_never_show_in_debug() {
    let c = Client::new(PROJECT_ID, SECRET).unwrap();
    let shown = format!("{c:?}");
    assert!(!shown.contains(SECRET) && shown.contains("<redacted>"), "{shown}");
    let request = stytch_api::passwords::CreateRequest::new("ada@example.com", "correct horse battery staple");
    let shown = format!("{request:?}");
    assert!(!shown.contains("correct horse") && shown.contains("<redacted>"), "{shown}");
    let options = RequestOptions::new().header("authorization", "Bearer hunter2").idempotency_key("key-secret");
    let shown = format!("{options:?}");
    assert!(!shown.contains("hunter2") && !shown.contains("key-secret"), "{shown}");
    let call = c.magic_links().create(&CreateRequest::new("u")).with(options);
    let shown = format!("{call:?}");
    assert!(!shown.contains("hunter2") && !shown.contains(SECRET) && shown.contains("/v1/magic_links"), "{shown}");
}
