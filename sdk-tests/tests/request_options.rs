//! Per-call option headers (`x-request-option`), on a generated crate whose spec declares two
//! shared ones and an inline one (`codegen/tests/fixtures/request_options.yaml`): the typed
//! setters send them on the operations that declare them, refuse the others, keep the values out
//! of `Debug` and previews, and the generated CLI takes them as flags on exactly those commands.

use fixture_request_options::teams::{Team, UpdateTeamParams};
use fixture_request_options::{Client, Error, RequestOptions};
use serde_json::json;
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).max_retries(0).build().unwrap()
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PUT")).respond_with(ResponseTemplate::new(200).set_body_json(json!({"name": "core"}))).mount(&server).await;
    Mock::given(method("DELETE")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(json!({"name": "core"}))).mount(&server).await;
    server
}

fn values(request: &Request, name: &str) -> Vec<String> {
    request.headers.get_all(name).iter().map(|v| v.to_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn the_setters_send_their_headers_on_operations_that_declare_them() {
    let server = server().await;
    let c = client(&server);
    let options = RequestOptions::new().acting_member("token-1").acting_member_jwt("jwt-1");
    c.teams().update_team("t1", &UpdateTeamParams::new().x_request_tag("tag"), &Team::new("core")).with(options).await.unwrap();
    // Set twice, the later value wins and the header is sent once.
    let options = RequestOptions::new().acting_member("first").acting_member("second").audit_reason("cleanup");
    c.teams().delete_team("t1").with(options).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(values(&requests[0], "x-acting-member"), ["token-1"]);
    assert_eq!(values(&requests[0], "x-acting-member-jwt"), ["jwt-1"]);
    assert_eq!(values(&requests[0], "x-request-tag"), ["tag"], "the ordinary header parameter still comes from the params");
    assert_eq!(values(&requests[1], "x-acting-member"), ["second"]);
    assert_eq!(values(&requests[1], "x-audit-reason"), ["cleanup"]);
    assert!(values(&requests[1], "x-acting-member-jwt").is_empty());
}

#[tokio::test]
async fn an_unset_option_sends_nothing() {
    let server = server().await;
    client(&server).teams().delete_team("t1").await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert!(values(&requests[0], "x-acting-member").is_empty());
    assert!(values(&requests[0], "x-audit-reason").is_empty());
}

#[tokio::test]
async fn an_operation_that_does_not_declare_the_header_refuses_it_without_sending() {
    let server = server().await;
    let c = client(&server);
    let err = c.teams().get_team("t1").with(RequestOptions::new().acting_member("token-1")).await.unwrap_err();
    match err {
        Error::Config(message) => assert!(message.contains("`getTeam` does not take the `X-Acting-Member` header"), "{message}"),
        other => panic!("expected a configuration error, got {other:?}"),
    }
    // `deleteTeam` declares `X-Acting-Member` but not the JWT header.
    let err = c.teams().delete_team("t1").with(RequestOptions::new().acting_member_jwt("jwt")).await.unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn values_stay_out_of_debug_and_previews() {
    let options = RequestOptions::new().acting_member("secret-token");
    let debug = format!("{options:?}");
    assert!(debug.contains("X-Acting-Member") && !debug.contains("secret-token"), "{debug}");
    let c = Client::builder().base_url("http://127.0.0.1:9").build().unwrap();
    let preview = c.teams().delete_team("t1").with(options).preview().unwrap();
    let text = preview.to_string();
    assert!(text.contains("x-acting-member: <redacted>"), "{text}");
    assert!(!text.contains("secret-token"), "{text}");
}

async fn cli(server: &MockServer, args: &[&str]) -> (u8, String, String) {
    let uri = server.uri();
    let mut argv = vec!["fixture-request-options", "--base-url", uri.as_str(), "--username", "u", "--password", "p"];
    argv.extend_from_slice(args);
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = fixture_request_options_cli::run(argv, &mut &b""[..], &mut stdout, &mut stderr).await;
    (code, String::from_utf8(stdout).unwrap(), String::from_utf8(stderr).unwrap())
}

#[tokio::test]
async fn the_cli_takes_the_options_as_flags_on_exactly_those_commands() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(header("x-acting-member", "token-1"))
        .and(header("x-audit-reason", "cleanup"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let (code, _, stderr) = cli(&server, &["teams", "delete-team", "t1", "--acting-member", "token-1", "--audit-reason", "cleanup"]).await;
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = cli(&server, &["teams", "update-team", "t1", "--name", "core", "--acting-member-jwt", "jwt-1", "--dry-run"]).await;
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("x-acting-member-jwt: <redacted>") && !stdout.contains("jwt-1"), "{stdout}");
    // `get-team` declares no option header, so it has no such flag.
    let (code, _, stderr) = cli(&server, &["teams", "get-team", "t1", "--acting-member", "token-1"]).await;
    assert_ne!(code, 0);
    assert!(stderr.contains("--acting-member"), "{stderr}");
}
