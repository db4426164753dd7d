//! Idempotency keys, on a generated crate whose spec declares the header
//! (`codegen/tests/fixtures/idempotency.yaml`): the per-call option sets it, and a call that
//! carries a key is retried like an idempotent one, even as a POST.

use std::time::Duration;

use fixture_idempotency::payments::{CreatePaymentParams, Payment};
use fixture_idempotency::{Client, RequestOptions, RetryPolicy};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server_failing_once() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(503).set_body_json(json!({"message": "busy"}))).up_to_n_times(1).mount(&server).await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(200).set_body_json(json!({"amount": 5}))).mount(&server).await;
    server
}

fn client(server: &MockServer) -> Client {
    let fast = RetryPolicy::new().initial_backoff(Duration::from_millis(1));
    Client::builder().base_url(server.uri()).retry_policy(fast).build().unwrap()
}

/// The `idempotency-key` values each request carried.
async fn keys_sent(server: &MockServer) -> Vec<Vec<String>> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|r| r.headers.get_all("idempotency-key").iter().map(|v| v.to_str().unwrap().to_owned()).collect())
        .collect()
}

#[tokio::test]
async fn the_option_sets_the_declared_header_and_makes_a_post_retryable() {
    let server = server_failing_once().await;
    let call = client(&server).payments().create_payment(&CreatePaymentParams::new(), &Payment::new(5));
    let paid = call.with(RequestOptions::new().idempotency_key("key-1")).await.expect("retried after the 503");
    assert_eq!(paid.amount, 5);
    assert_eq!(keys_sent(&server).await, [vec!["key-1"], vec!["key-1"]]);
}

#[tokio::test]
async fn the_option_replaces_the_parameter_and_the_parameter_alone_also_allows_retries() {
    let server = server_failing_once().await;
    let params = CreatePaymentParams::new().idempotency_key("from-params");
    let c = client(&server);
    c.payments().create_payment(&params, &Payment::new(5)).with(RequestOptions::new().idempotency_key("from-options")).await.expect("paid");
    assert_eq!(keys_sent(&server).await, [vec!["from-options"], vec!["from-options"]]);

    let server = server_failing_once().await;
    client(&server).payments().create_payment(&params, &Payment::new(5)).await.expect("retried with the parameter's key");
    assert_eq!(keys_sent(&server).await, [vec!["from-params"], vec!["from-params"]]);
}

#[tokio::test]
async fn without_a_key_the_post_is_not_retried() {
    let server = server_failing_once().await;
    let err = client(&server).payments().create_payment(&CreatePaymentParams::new(), &Payment::new(5)).await.expect_err("503");
    assert_eq!(err.status(), Some(503));
    assert_eq!(keys_sent(&server).await.len(), 1);
}
