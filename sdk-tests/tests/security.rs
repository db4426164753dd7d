//! Security schemes on the wire, beyond the generated per-operation tests: the OAuth2
//! client-credentials fetcher (form, cache, single flight, refetch on 401), token providers,
//! alternatives, missing credentials, redaction; and empty or ill-fitting success bodies.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use fixture_security_oauth2 as oauth2;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn token_answer(token: &str, expires_in: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({"access_token": token, "token_type": "Bearer", "expires_in": expires_in}))
}

/// The token URL `/oauth/token` is relative: resolved against the base URL's host.
async fn oauth2_client(server: &MockServer) -> oauth2::Client {
    oauth2::Client::builder()
        .base_url(format!("{}/v2", server.uri()))
        .petstore_auth_client_credentials("my-client", "my-secret")
        .max_retries(0)
        .build()
        .expect("client")
}

#[tokio::test]
async fn client_credentials_are_posted_as_a_form_and_the_token_is_cached() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains("client_id=my-client"))
        .and(body_string_contains("client_secret=my-secret"))
        .and(body_string_contains("scope=read+write"))
        .respond_with(token_answer("tok-1", 3600))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/pets"))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!(["rex"])))
        .expect(3)
        .mount(&server)
        .await;
    let client = oauth2_client(&server).await;
    // Concurrent first calls wait for one fetch.
    let (a, b) = tokio::join!(client.pets().list_pets().send(), client.pets().list_pets().send());
    assert_eq!(a.expect("first"), vec!["rex".to_owned()]);
    b.expect("second");
    client.pets().list_pets().await.expect("cached token");
}

#[tokio::test]
async fn a_refused_token_is_fetched_again_once() {
    let server = MockServer::start().await;
    let fetches = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&fetches);
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(move |_: &wiremock::Request| {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            token_answer(&format!("tok-{n}"), 3600)
        })
        .mount(&server)
        .await;
    Mock::given(method("GET")).and(path("/v2/pets")).and(header("authorization", "Bearer tok-1")).respond_with(ResponseTemplate::new(401)).mount(&server).await;
    Mock::given(method("GET"))
        .and(path("/v2/pets"))
        .and(header("authorization", "Bearer tok-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .mount(&server)
        .await;
    let client = oauth2_client(&server).await;
    client.pets().list_pets().await.expect("the second token works");
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_token_about_to_expire_is_fetched_again() {
    let server = MockServer::start().await;
    // A 1 s token is refreshed at half its lifetime: each call here fetches.
    Mock::given(method("POST")).and(path("/oauth/token")).respond_with(token_answer("short", 0)).expect(2).mount(&server).await;
    Mock::given(method("GET")).and(path("/v2/pets")).respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([]))).mount(&server).await;
    let client = oauth2_client(&server).await;
    client.pets().list_pets().await.expect("first");
    client.pets().list_pets().await.expect("second");
}

#[tokio::test]
async fn a_token_provider_is_asked_before_each_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/v2/pets")).and(header("authorization", "Bearer p-1")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    Mock::given(method("GET"))
        .and(path("/v2/pets"))
        .and(header("authorization", "Bearer p-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .mount(&server)
        .await;
    let asked = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&asked);
    let client = oauth2::Client::builder()
        .base_url(server.uri() + "/v2")
        .petstore_auth_token_provider(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            async move { Ok::<_, oauth2::Error>(format!("p-{n}")) }
        })
        .retry_policy(oauth2::RetryPolicy::default().initial_backoff(std::time::Duration::from_millis(1)))
        .build()
        .expect("client");
    client.pets().list_pets().await.expect("the retry carries the new token");
    assert_eq!(asked.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn missing_credentials_fail_before_sending_and_name_the_scheme() {
    let server = MockServer::start().await;
    let client = oauth2::Client::builder().base_url(server.uri()).build().expect("client");
    let error = client.pets().list_pets().await.expect_err("no credentials");
    assert!(matches!(error, oauth2::Error::Config(_)), "{error:?}");
    let text = error.to_string();
    assert!(text.contains("`petstore_auth`") && text.contains("petstore_auth_token"), "{text}");
    assert!(server.received_requests().await.expect("recorded").is_empty());
}

#[tokio::test]
async fn the_first_alternative_the_client_has_credentials_for_is_sent() {
    use fixture_security_requirements as req;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/either"))
        .and(header("x-partner-key", "partner"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET")).and(path("/v1/optional")).respond_with(ResponseTemplate::new(200)).expect(1).mount(&server).await;
    let client = req::Client::builder().base_url(server.uri()).partner_key("partner").build().expect("client");
    client.either().either().await.expect("the partner key meets the second alternative");
    client.optional().optional().await.expect("no key: the empty alternative");
    let requests = server.received_requests().await.expect("recorded");
    assert!(requests[0].headers.get("x-api-key").is_none());
    assert!(requests[1].headers.get("x-api-key").is_none() && requests[1].headers.get("x-partner-key").is_none());
    // Combined: both are needed, and one is missing.
    let error = client.both().both().await.expect_err("api_key missing");
    assert!(error.to_string().contains("`api_key`"), "{error}");
}

#[tokio::test]
async fn keys_are_redacted_in_debug_and_previews() {
    use fixture_security_api_key as keys;
    let client = keys::Client::builder().query_key("SECRET-Q").header_key("SECRET-H").session_cookie_key("SECRET-C").build().expect("client");
    let debug = format!("{client:?}");
    assert!(!debug.contains("SECRET"), "{debug}");
    for preview in [
        client.search().search().preview().expect("preview").to_string(),
        client.items().list_items(&keys::items::ListItemsParams::new()).preview().expect("preview").to_string(),
        client.session().get_session().preview().expect("preview").to_string(),
    ] {
        assert!(!preview.contains("SECRET"), "{preview}");
        assert!(preview.contains("<redacted>"), "{preview}");
    }
}

#[tokio::test]
async fn empty_success_bodies_decode_and_bad_bodies_name_the_path() {
    use fixture_empty_bodies as empty;
    let server = MockServer::start().await;
    Mock::given(method("PUT")).and(path("/v1/things/a")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    Mock::given(method("DELETE")).and(path("/v1/things/a")).respond_with(ResponseTemplate::new(200).insert_header("content-length", "0")).mount(&server).await;
    Mock::given(method("DELETE"))
        .and(path("/v1/things/b"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": 7})))
        .mount(&server)
        .await;
    Mock::given(method("POST")).and(path("/v1/reset")).respond_with(ResponseTemplate::new(205)).mount(&server).await;
    let client = empty::Client::builder().base_url(server.uri()).build().expect("client");
    assert!(client.things().update_thing("a").await.expect("204").is_none());
    assert!(client.things().delete_thing("a").await.expect("empty 200").is_none());
    client.reset().reset().await.expect("205");
    let error = client.things().delete_thing("b").await.expect_err("id is a number");
    let text = error.to_string();
    assert!(text.contains("`id`") && text.contains("expected a string"), "{text}");
    assert_eq!(error.raw_body(), Some("{\"id\":7}"));
}

/// Runs a generated CLI in-process: (exit code, stdout, stderr).
async fn run_cli<F, Fut>(run: F, args: &[&str]) -> (u8, String, String)
where
    F: FnOnce(Vec<String>, Box<dyn std::io::Read>, Vec<u8>, Vec<u8>) -> Fut,
    Fut: std::future::Future<Output = (u8, Vec<u8>, Vec<u8>)>,
{
    let args = args.iter().map(|a| (*a).to_owned()).collect();
    let (code, out, err) = run(args, Box::new(std::io::empty()), Vec::new(), Vec::new()).await;
    (code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
}

#[tokio::test]
async fn every_scheme_has_a_cli_flag_and_bearer_apis_are_callable() {
    let http = |args: Vec<String>, mut stdin: Box<dyn std::io::Read>, mut out: Vec<u8>, mut err: Vec<u8>| async move {
        let code = fixture_security_http_cli::run(args, &mut stdin, &mut out, &mut err).await;
        (code, out, err)
    };
    let (code, help, _) = run_cli(http, &["fixture-security-http", "--help"]).await;
    assert_eq!(code, 0);
    assert!(help.contains("--bearer-auth") && help.contains("FIXTURE_SECURITY_HTTP_BEARER_AUTH") && help.contains("--hoba"), "{help}");
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/v1/me")).and(header("authorization", "Bearer cli-token")).respond_with(ResponseTemplate::new(200)).expect(1).mount(&server).await;
    let uri = server.uri();
    let (code, _, err) = run_cli(http, &["fixture-security-http", "--base-url", &uri, "--bearer-auth", "cli-token", "me", "get-me"]).await;
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_cli(http, &["fixture-security-http", "--base-url", &uri, "me", "get-me"]).await;
    assert_ne!(code, 0);
    assert!(err.contains("bearerAuth"), "{err}");

    let keys = |args: Vec<String>, mut stdin: Box<dyn std::io::Read>, mut out: Vec<u8>, mut err: Vec<u8>| async move {
        let code = fixture_security_api_key_cli::run(args, &mut stdin, &mut out, &mut err).await;
        (code, out, err)
    };
    let (code, out, err) = run_cli(keys, &["fixture-security-api-key", "--query-key", "SECRET-Q", "search", "search", "--dry-run"]).await;
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("api_key=<redacted>") && !out.contains("SECRET"), "{out}");
}
