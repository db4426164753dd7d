//! The `blocking` feature: the same calls from synchronous code, on the wire exactly as the
//! async ones.

use serde_json::json;
use stytch_api::magic_links::CreateRequest;
use stytch_api::{Client, Error};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn body() -> serde_json::Value {
    json!({"request_id": "r", "user_id": "user-test-1", "token": "t", "status_code": 200})
}

#[test]
fn a_blocking_call_sends_what_the_async_call_sends() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(MockServer::start());
    runtime.block_on(Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(200).set_body_json(body())).expect(3).mount(&server));
    let client = Client::builder().project("project-test-1", "secret").base_url(server.uri()).build().unwrap();
    let request = CreateRequest::new("user-test-1").expiration_minutes(10);

    let blocking = client.magic_links().create(&request).send_blocking().expect("blocking call");
    let async_result = runtime.block_on(async { client.magic_links().create(&request).await }).expect("async call");
    assert_eq!(blocking.user_id, async_result.user_id);

    let sent = runtime.block_on(server.received_requests()).unwrap();
    assert_eq!(sent.len(), 2);
    let (a, b) = (&sent[0], &sent[1]);
    assert_eq!((a.method.as_str(), a.url.as_str(), &a.body), (b.method.as_str(), b.url.as_str(), &b.body));
    for name in ["authorization", "content-type", "user-agent", "accept"] {
        assert_eq!(a.headers.get(name), b.headers.get(name), "header {name}");
    }
    let raw = client.magic_links().create(&request).send_blocking_with_response();
    assert_eq!(raw.expect("with response").status, 200);
}

#[tokio::test]
async fn a_blocking_call_inside_an_async_runtime_is_an_error_not_a_deadlock() {
    let client = Client::builder().project("project-test-1", "secret").base_url("http://127.0.0.1:9").build().unwrap();
    let err = client.magic_links().create(&CreateRequest::new("u")).send_blocking().expect_err("refused");
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}
