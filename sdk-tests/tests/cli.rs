//! The generated `stytch` command-line client against a local server, run in-process through
//! `stytch_cli::run` with in-memory standard streams.

use serde_json::{json, Value};
use stytch_cli::output::{EXIT_API, EXIT_USAGE};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROJECT_ID: &str = "project-test-11111111-2222-3333-4444-555555555555";
const SECRET: &str = "secret-test-do-not-print";

/// What one run of the command produced.
struct Run {
    code: u8,
    stdout: String,
    stderr: String,
}

/// Runs `stytch <args>` against `server` with the test credentials and `stdin`.
async fn stytch(server: &MockServer, args: &[&str], stdin: &str) -> Run {
    let uri = server.uri();
    let mut argv = vec!["stytch", "--base-url", uri.as_str(), "--project-id", PROJECT_ID, "--secret", SECRET];
    argv.extend_from_slice(args);
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = stytch_cli::run(argv, &mut stdin.as_bytes(), &mut stdout, &mut stderr).await;
    Run { code, stdout: String::from_utf8(stdout).unwrap(), stderr: String::from_utf8(stderr).unwrap() }
}

fn basic_auth() -> String {
    use base64::Engine as _;
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{PROJECT_ID}:{SECRET}")))
}

fn send_response() -> Value {
    json!({
        "request_id": "request-id-test-55555555-5555-4555-8555-555555555555",
        "user_id": "user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6",
        "email_id": "email-test-81bf03a8-86e1-4d95-bd44-bb3495224953",
        "status_code": 200,
    })
}

#[tokio::test]
async fn send_takes_its_fields_from_typed_flags_and_prints_the_answer_as_json() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/magic_links/email/send"))
        .and(header("authorization", basic_auth().as_str()))
        .and(body_json(json!({"email": "sandbox@stytch.com", "login_expiration_minutes": 60, "locale": "pt-br"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(send_response()))
        .expect(1)
        .mount(&server)
        .await;
    let run = stytch(&server, &["magic-links", "email", "send", "--email", "sandbox@stytch.com", "--login-expiration-minutes", "60", "--locale", "pt-br"], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let printed: Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    assert_eq!(printed, send_response());
    assert!(run.stdout.contains("\n  \"email_id\""), "pretty-printed: {}", run.stdout);
}

#[tokio::test]
async fn get_takes_the_path_parameter_as_a_positional() {
    let server = MockServer::start().await;
    let user = json!({
        "request_id": "request-id-test-1", "user_id": "user-test-16d9ba61", "emails": [], "status": "active",
        "phone_numbers": [], "webauthn_registrations": [], "providers": [], "totps": [], "crypto_wallets": [],
        "biometric_registrations": [], "is_locked": false, "roles": [], "status_code": 200,
    });
    Mock::given(method("GET"))
        .and(path("/v1/users/user-test-16d9ba61%2Fx"))
        .respond_with(ResponseTemplate::new(200).set_body_json(user.clone()))
        .expect(1)
        .mount(&server)
        .await;
    let run = stytch(&server, &["users", "get", "user-test-16d9ba61/x"], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let printed: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(printed["user_id"], "user-test-16d9ba61");
}

#[tokio::test]
async fn nested_values_come_from_json_and_flags_win_over_it() {
    let server = MockServer::start().await;
    let query = json!({"operator": "AND", "operands": [{"filter_name": "email_address", "filter_value": ["sandbox@stytch.com"]}]});
    Mock::given(method("POST"))
        .and(path("/v1/users/search"))
        .and(body_json(json!({"limit": 10, "query": query})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "request_id": "r", "results": [], "results_metadata": {"total": 0}, "status_code": 200,
        })))
        .expect(1)
        .mount(&server)
        .await;
    let body = json!({"limit": 5, "query": query}).to_string();
    let run = stytch(&server, &["users", "search", "--json", &body, "--limit", "10"], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(serde_json::from_str::<Value>(&run.stdout).unwrap()["results_metadata"]["total"], 0);
}

#[tokio::test]
async fn the_body_can_come_from_standard_input() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/magic_links/email/send"))
        .and(body_json(json!({"email": "sandbox@stytch.com", "locale": "es"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(send_response()))
        .expect(1)
        .mount(&server)
        .await;
    let stdin = r#"{"email": "sandbox@stytch.com", "locale": "fr"}"#;
    let run = stytch(&server, &["magic-links", "email", "send", "--body-file", "-", "--locale", "es"], stdin).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[tokio::test]
async fn a_value_outside_an_enum_is_a_usage_error_naming_the_values_and_sends_nothing() {
    let server = MockServer::start().await;
    let run = stytch(&server, &["magic-links", "email", "send", "--email", "sandbox@stytch.com", "--locale", "klingon"], "").await;
    assert_eq!(run.code, EXIT_USAGE);
    assert!(run.stderr.contains("klingon") && run.stderr.contains("pt-br"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_missing_required_field_is_a_usage_error() {
    let server = MockServer::start().await;
    let run = stytch(&server, &["magic-links", "email", "send"], "").await;
    assert_eq!(run.code, EXIT_USAGE);
    assert!(run.stderr.contains("--email"), "{}", run.stderr);
    // Given through --json instead, a wrongly typed field is reported by the request type.
    let run = stytch(&server, &["magic-links", "email", "send", "--json", r#"{"email": 7}"#], "").await;
    assert_eq!(run.code, EXIT_USAGE);
    assert!(run.stderr.contains("invalid request body"), "{}", run.stderr);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn dry_run_prints_the_request_with_the_secret_redacted_and_sends_nothing() {
    let server = MockServer::start().await;
    let run = stytch(&server, &["--dry-run", "magic-links", "email", "send", "--email", "sandbox@stytch.com"], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected_line = format!("POST {}/v1/magic_links/email/send\n", server.uri());
    assert!(run.stdout.starts_with(&expected_line), "{}", run.stdout);
    assert!(run.stdout.contains("authorization: <redacted>\n"), "{}", run.stdout);
    assert!(run.stdout.contains("content-type: application/json\n"), "{}", run.stdout);
    assert!(run.stdout.ends_with("\n{\"email\":\"sandbox@stytch.com\"}\n"), "{}", run.stdout);
    let encoded = basic_auth();
    assert!(!run.stdout.contains(SECRET) && !run.stdout.contains(&encoded[6..]), "{}", run.stdout);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn dry_run_shows_the_project_id_the_client_fills_in() {
    let server = MockServer::start().await;
    let run = stytch(&server, &["sessions", "get-jwks", "--dry-run"], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with(&format!("GET {}/v1/sessions/jwks/{PROJECT_ID}\n", server.uri())), "{}", run.stdout);
}

#[tokio::test]
async fn fraud_operations_follow_the_base_url_too() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/fingerprint/lookup"))
        .and(body_json(json!({"telemetry_id": "telemetry-id-test-1"})))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "status_code": 404, "request_id": "request-id-test-fraud", "error_type": "telemetry_id_not_found", "error_message": "No telemetry found.",
        })))
        .expect(1)
        .mount(&server)
        .await;
    let run = stytch(&server, &["fraud", "fingerprint", "lookup", "--telemetry-id", "telemetry-id-test-1"], "").await;
    assert_eq!(run.code, EXIT_API, "{}", run.stderr);
}

#[tokio::test]
async fn an_api_error_prints_its_type_message_and_request_id_and_exits_non_zero() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/users/user-test-missing"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "status_code": 404,
            "request_id": "request-id-test-404",
            "error_type": "user_not_found",
            "error_message": "User could not be found.",
            "error_url": "https://stytch.com/docs/api/errors/404",
        })))
        .mount(&server)
        .await;
    let run = stytch(&server, &["users", "get", "user-test-missing"], "").await;
    assert_eq!(run.code, EXIT_API);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    for expected in ["status: 404", "type: user_not_found", "message: User could not be found.", "request id: request-id-test-404"] {
        assert!(run.stderr.contains(expected), "missing `{expected}` in:\n{}", run.stderr);
    }
}

#[tokio::test]
async fn help_lists_every_operation_with_its_summary() {
    let server = MockServer::start().await;
    let run = stytch(&server, &["--help"], "").await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("magic-links email send"), "{}", run.stdout);
    assert!(run.stdout.contains("Send a magic link by email"), "{}", run.stdout);
    let operations = run.stdout.split("Operations:\n").nth(1).expect("an operation list").lines().count();
    assert!(operations > 90, "{operations} operations listed");
    assert!(run.stdout.contains("fraud fingerprint lookup") && run.stdout.contains("users get "), "{}", run.stdout);
}

#[tokio::test]
async fn calls_need_credentials() {
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let args = ["stytch", "users", "get", "user-test-1", "--project-id", "project-test-1"];
    let code = stytch_cli::run(args, &mut "".as_bytes(), &mut stdout, &mut stderr).await;
    assert_eq!(code, EXIT_USAGE);
    assert!(String::from_utf8(stderr).unwrap().contains("STYTCH_SECRET"));
}
