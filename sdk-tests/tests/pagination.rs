//! The `<method>_all` streams follow `next_cursor` page after page.

use futures_util::TryStreamExt;
use serde_json::{json, Value};
use stytch_api::m2m::clients::SearchRequest as ClientSearchRequest;
use stytch_api::users::SearchRequest;
use stytch_api::{Client, Error};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A client for `server` that does not retry, so that an error page ends the stream at once.
fn client(server: &MockServer) -> Client {
    Client::builder().project("project-test-1", "secret").base_url(server.uri()).max_retries(0).build().unwrap()
}

fn user(id: &str) -> Value {
    json!({
        "user_id": id, "emails": [], "status": "active", "phone_numbers": [], "webauthn_registrations": [],
        "providers": [], "totps": [], "crypto_wallets": [], "biometric_registrations": [],
        "is_locked": false, "roles": [],
    })
}

/// Matches a request whose JSON body has this `cursor` (`None`: no `cursor` key at all).
fn cursor_is(expected: Option<&'static str>) -> impl Fn(&Request) -> bool {
    move |request: &Request| {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or_default();
        body.get("cursor").and_then(Value::as_str) == expected
    }
}

/// The `cursor` each received request sent, in order.
async fn sent_cursors(server: &MockServer) -> Vec<Option<String>> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|r| serde_json::from_slice::<Value>(&r.body).unwrap()["cursor"].as_str().map(str::to_owned))
        .collect()
}

async fn page(server: &MockServer, route: &str, cursor: Option<&'static str>, body: Value) {
    Mock::given(method("POST"))
        .and(path(route))
        .and(cursor_is(cursor))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(server)
        .await;
}

fn users_page(ids: &[&str], next_cursor: Value) -> Value {
    json!({
        "request_id": "r", "status_code": 200,
        "results": ids.iter().map(|id| user(id)).collect::<Vec<_>>(),
        "results_metadata": {"total": 5, "next_cursor": next_cursor},
    })
}

#[tokio::test]
async fn users_search_all_walks_three_pages_and_yields_every_user() {
    let server = MockServer::start().await;
    page(&server, "/v1/users/search", None, users_page(&["user-1", "user-2"], json!("cursor-2"))).await;
    page(&server, "/v1/users/search", Some("cursor-2"), users_page(&["user-3", "user-4"], json!("cursor-3"))).await;
    page(&server, "/v1/users/search", Some("cursor-3"), users_page(&["user-5"], Value::Null)).await;

    let request = SearchRequest::new().limit(2);
    let users: Vec<_> = client(&server).users().search_all(&request).try_collect().await.expect("every page");

    let ids: Vec<&str> = users.iter().map(|u| u.user_id.as_str()).collect();
    assert_eq!(ids, ["user-1", "user-2", "user-3", "user-4", "user-5"]);
    assert_eq!(sent_cursors(&server).await, [None, Some("cursor-2".into()), Some("cursor-3".into())]);
    let bodies = server.received_requests().await.unwrap();
    assert!(bodies.iter().all(|r| serde_json::from_slice::<Value>(&r.body).unwrap()["limit"] == 2), "other fields are kept");
    assert_eq!(request.cursor, None, "the caller's request is not changed");
}

fn m2m_page(ids: &[&str], next_cursor: &str) -> Value {
    let clients: Vec<Value> = ids
        .iter()
        .map(|id| {
            json!({
                "client_id": id, "client_name": "n", "client_description": "d", "status": "active",
                "scopes": [], "client_secret_last_four": "abcd",
            })
        })
        .collect();
    json!({
        "request_id": "r", "status_code": 200, "m2m_clients": clients,
        "results_metadata": {"total": 3, "next_cursor": next_cursor},
    })
}

#[tokio::test]
async fn m2m_clients_search_all_stops_at_an_empty_cursor() {
    let server = MockServer::start().await;
    page(&server, "/v1/m2m/clients/search", None, m2m_page(&["c-1", "c-2"], "next")).await;
    page(&server, "/v1/m2m/clients/search", Some("next"), m2m_page(&["c-3"], "")).await;

    let clients: Vec<_> =
        client(&server).m2m().clients().search_all(&ClientSearchRequest::new()).try_collect().await.expect("every page");

    let ids: Vec<&str> = clients.iter().map(|c| c.client_id.as_str()).collect();
    assert_eq!(ids, ["c-1", "c-2", "c-3"]);
    assert_eq!(sent_cursors(&server).await, [None, Some("next".into())]);
}

#[tokio::test]
async fn an_error_page_ends_the_stream_after_the_items_already_yielded() {
    let server = MockServer::start().await;
    page(&server, "/v1/users/search", None, users_page(&["user-1"], json!("cursor-2"))).await;
    Mock::given(method("POST"))
        .and(path("/v1/users/search"))
        .and(cursor_is(Some("cursor-2")))
        .respond_with(ResponseTemplate::new(429).set_body_json(json!({
            "status_code": 429, "request_id": "r", "error_type": "too_many_requests", "error_message": "slow down",
        })))
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server);
    let mut users = std::pin::pin!(client.users().search_all(&SearchRequest::new()));
    assert_eq!(users.try_next().await.expect("first page").expect("one user").user_id, "user-1");
    let err = users.try_next().await.expect_err("second page fails");
    assert!(matches!(&err, Error::Api(api) if api.status == 429), "{err:?}");
    assert!(users.try_next().await.expect("ended").is_none(), "nothing after the error");
}

fn rules_page(visitor_ids: &[&str], next_cursor: Value) -> Value {
    let rules: Vec<Value> = visitor_ids
        .iter()
        .map(|id| json!({"rule_type": "VISITOR_ID", "action": "BLOCK", "created_at": "2026-01-01T00:00:00Z", "visitor_id": id}))
        .collect();
    json!({"request_id": "r", "status_code": 200, "rules": rules, "next_cursor": next_cursor})
}

#[tokio::test]
async fn fraud_rules_list_all_follows_the_top_level_cursor_on_the_fraud_host() {
    let api = MockServer::start().await;
    let telemetry = MockServer::start().await;
    page(&telemetry, "/v1/rules/list", None, rules_page(&["v-1"], json!("r2"))).await;
    page(&telemetry, "/v1/rules/list", Some("r2"), rules_page(&["v-2", "v-3"], Value::Null)).await;
    let client = Client::builder()
        .project("project-test-1", "secret")
        .base_url(api.uri())
        .fraud_base_url(telemetry.uri())
        .build()
        .unwrap();

    let rules: Vec<_> = client
        .fraud()
        .rules()
        .list_all(&stytch_api::fraud::rules::ListRequest::new().limit(1))
        .try_collect()
        .await
        .expect("every page");

    let ids: Vec<Option<&str>> = rules.iter().map(|r| r.visitor_id.as_deref()).collect();
    assert_eq!(ids, [Some("v-1"), Some("v-2"), Some("v-3")]);
    assert_eq!(sent_cursors(&telemetry).await, [None, Some("r2".into())]);
    assert!(api.received_requests().await.unwrap().is_empty(), "nothing goes to the main API host");
}

#[tokio::test]
async fn a_cursor_that_comes_back_unchanged_ends_the_stream() {
    let server = MockServer::start().await;
    page(&server, "/v1/users/search", None, users_page(&["user-1"], json!("same"))).await;
    page(&server, "/v1/users/search", Some("same"), users_page(&["user-2"], json!("same"))).await;

    let users: Vec<_> = client(&server).users().search_all(&SearchRequest::new()).try_collect().await.expect("two pages");

    assert_eq!(users.len(), 2, "no endless loop on a server that repeats its cursor");
    assert_eq!(sent_cursors(&server).await, [None, Some("same".into())]);
}
