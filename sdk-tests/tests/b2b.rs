//! The B2B API on the wire: the two outcomes of a login, member-session authorization on the
//! operations that take it (and only those), GETs and DELETEs that send only their declared
//! query and no body, locales spelled as on the wire, paging through organizations, and the
//! `stytch b2b ...` commands.

use serde_json::{json, Value};
use stytch_api::b2b::discovery::intermediate_sessions::ExchangeRequest;
use stytch_api::b2b::magic_links::AuthenticateRequest;
use stytch_api::b2b::organizations::{SearchRequest, UpdateRequest};
use stytch_api::b2b::otps::sms::SendRequest;
use stytch_api::b2b::sessions::AuthenticateRequest as SessionRequest;
use stytch_api::b2b_login::LoginOutcome;
use stytch_api::types::Locale;
use stytch_api::{Client, Error, RequestOptions};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ORG: &str = "organization-test-07971b06-ac8b-4cdb-9c15-63b17e653931";
const MEMBER: &str = "member-test-32fc5024-9c09-4da3-bd2e-c9ce4da9375f";

fn client(server: &MockServer) -> Client {
    Client::builder().project("project-test-11111111-2222-3333-4444-555555555555", "secret").base_url(server.uri()).max_retries(0).build().unwrap()
}

fn member() -> Value {
    json!({
        "organization_id": ORG, "member_id": MEMBER, "email_address": "sandbox@stytch.com", "status": "active",
        "name": "Ada", "sso_registrations": [], "is_breakglass": false, "member_password_id": "", "oauth_registrations": [],
        "email_address_verified": true, "mfa_phone_number_verified": false, "is_admin": false, "totp_registration_id": "",
        "retired_email_addresses": [], "is_locked": false, "mfa_enrolled": true, "mfa_phone_number": "", "default_mfa_method": "",
        "roles": [],
    })
}

fn organization() -> Value {
    json!({
        "organization_id": ORG, "organization_name": "Example Org Inc.", "organization_logo_url": "", "organization_slug": "example-org",
        "sso_jit_provisioning": "ALL_ALLOWED", "sso_jit_provisioning_allowed_connections": [], "sso_active_connections": [],
        "email_allowed_domains": [], "email_jit_provisioning": "NOT_ALLOWED", "email_invites": "ALL_ALLOWED",
        "auth_methods": "ALL_ALLOWED", "allowed_auth_methods": [], "mfa_policy": "REQUIRED_FOR_ALL",
        "rbac_email_implicit_role_assignments": [], "mfa_methods": "ALL_ALLOWED", "allowed_mfa_methods": [],
        "oauth_tenant_jit_provisioning": "NOT_ALLOWED", "claimed_email_domains": [], "first_party_connected_apps_allowed_type": "ALL_ALLOWED",
        "allowed_first_party_connected_apps": [], "third_party_connected_apps_allowed_type": "ALL_ALLOWED",
        "allowed_third_party_connected_apps": [], "custom_roles": [],
    })
}

/// A magic-link login answer: `mfa` pending (empty tokens, an intermediate session) or a session.
fn login(mfa: bool) -> Value {
    let mut body = json!({
        "request_id": "request-id-test-b05c992f-ebdc-489d-a754-c7e70ba13141", "status_code": 200,
        "member_id": MEMBER, "method_id": "email-test-81bf03a8-86e1-4d95-bd44-bb3495224953", "reset_sessions": false,
        "organization_id": ORG, "member": member(), "organization": organization(),
    });
    let extra = if mfa {
        json!({
            "member_authenticated": false, "session_token": "", "session_jwt": "",
            "intermediate_session_token": "SeiGwdj5lKkrEVgcEY3QNJXt6srxS3IK2Nwkar6mXD4=",
            "mfa_required": {"member_options": {"mfa_phone_number": "+12025550162", "totp_registration_id": ""}, "secondary_auth_initiated": "sms_otp"},
        })
    } else {
        json!({
            "member_authenticated": true, "session_token": "mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q", "session_jwt": "eyJ.e30.sig",
            "intermediate_session_token": "",
            "member_session": {
                "member_session_id": "session-test-fe6c042b-6286-479f-8a4f-b046a6c46509", "member_id": MEMBER, "organization_id": ORG,
                "started_at": "2023-01-09T07:41:52Z", "last_accessed_at": "2023-01-09T07:41:52Z", "expires_at": "2023-01-16T07:41:52Z",
                "authentication_factors": [], "roles": ["stytch_member"], "organization_slug": "example-org",
            },
        })
    };
    body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    body
}

async fn serve(server: &MockServer, route: &str, body: Value) {
    Mock::given(method("POST")).and(path(route)).respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(server).await;
}

#[tokio::test]
async fn a_login_with_mfa_pending_is_an_intermediate_session_not_a_member_session() {
    let server = MockServer::start().await;
    serve(&server, "/v1/b2b/magic_links/authenticate", login(true)).await;
    let response = client(&server).b2b().magic_links().authenticate(&AuthenticateRequest::new("token")).await.unwrap();
    assert_eq!(response.session_token.as_deref(), Some(""), "the API sends the token empty");
    match response.outcome() {
        LoginOutcome::IntermediateSession { intermediate_session_token, mfa_required, primary_required } => {
            assert_eq!(intermediate_session_token, "SeiGwdj5lKkrEVgcEY3QNJXt6srxS3IK2Nwkar6mXD4=");
            assert_eq!(mfa_required.and_then(|m| m.secondary_auth_initiated.as_deref()), Some("sms_otp"));
            assert!(primary_required.is_none());
        }
        other => panic!("MFA pending must not read as logged in: {other:?}"),
    }
    assert!(!response.outcome().is_authenticated());
}

#[tokio::test]
async fn a_login_that_issues_a_session_is_authenticated_and_debug_hides_the_tokens() {
    let server = MockServer::start().await;
    serve(&server, "/v1/b2b/magic_links/authenticate", login(false)).await;
    let response = client(&server).b2b().magic_links().authenticate(&AuthenticateRequest::new("token")).await.unwrap();
    let outcome = response.outcome();
    let LoginOutcome::Authenticated { member_session, session_token, session_jwt } = outcome else { panic!("{outcome:?}") };
    assert_eq!(member_session.member_id, MEMBER);
    assert_eq!((session_token, session_jwt), ("mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q", "eyJ.e30.sig"));
    let debug = format!("{outcome:?}");
    assert!(!debug.contains("mZAYn5") && !debug.contains("eyJ.e30"), "{debug}");
}

#[tokio::test]
async fn a_session_flag_without_a_token_is_still_not_a_login() {
    // `member_authenticated: true` with an empty token: nothing to hand the browser.
    let mut body = login(false);
    body["session_token"] = json!("");
    let server = MockServer::start().await;
    serve(&server, "/v1/b2b/discovery/intermediate_sessions/exchange", body).await;
    let response = client(&server).b2b().discovery().intermediate_sessions().exchange(&ExchangeRequest::new("ist", ORG)).await.unwrap();
    assert!(!response.outcome().is_authenticated());
}

#[tokio::test]
async fn member_session_headers_go_to_the_operations_that_take_them_and_no_other() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(format!("/v1/b2b/organizations/{ORG}")))
        .and(header("x-stytch-member-sessionjwt", "member-jwt"))
        .and(body_json(json!({"organization_name": "Renamed"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"request_id": "r", "status_code": 200, "organization": organization()})))
        .expect(1)
        .mount(&server)
        .await;
    let c = client(&server);
    let options = RequestOptions::new().member_session_jwt("member-jwt");
    c.b2b().organizations().update(ORG, &UpdateRequest::new().organization_name("Renamed")).with(options.clone()).await.unwrap();
    // Authenticating a session takes no member session: refused before anything is sent.
    let err = c.b2b().sessions().authenticate(&SessionRequest::new().session_token("t")).with(options).await.unwrap_err();
    assert!(matches!(&err, Error::Config(m) if m.contains("X-Stytch-Member-SessionJWT")), "{err:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn gets_and_deletes_send_only_their_declared_query_and_no_body() {
    let c = Client::builder().project("project-test-1", "secret").base_url("http://127.0.0.1:9").build().unwrap();
    let b2b = c.b2b();
    let members = stytch_api::b2b::organizations::members::GetParams::new().email_address("sandbox@stytch.com");
    let sessions = stytch_api::b2b::sessions::GetParams::new(ORG, MEMBER);
    let groups = stytch_api::b2b::scim::connection::GetGroupsParams::new().limit(10);
    let cases = [
        (b2b.organizations().members().get(ORG, &members).preview(), format!("/v1/b2b/organizations/{ORG}/member?email_address=sandbox%40stytch.com")),
        (b2b.sessions().get(&sessions).preview(), format!("/v1/b2b/sessions?organization_id={ORG}&member_id={MEMBER}")),
        (b2b.scim().connection().get_groups(ORG, "scim-connection-1", &groups).preview(), format!("/v1/b2b/scim/{ORG}/connection/scim-connection-1?limit=10")),
        (b2b.rbac().policy().preview(), "/v1/b2b/rbac/policy".to_owned()),
        (b2b.organizations().get(ORG).preview(), format!("/v1/b2b/organizations/{ORG}")),
        (b2b.organizations().delete(ORG).preview(), format!("/v1/b2b/organizations/{ORG}")),
        (b2b.organizations().members().delete_mfa_phone_number(ORG, MEMBER).preview(), format!("/v1/b2b/organizations/{ORG}/members/mfa_phone_numbers/{MEMBER}")),
    ];
    for (preview, want) in cases {
        let preview = preview.unwrap();
        assert_eq!(preview.url, format!("http://127.0.0.1:9{want}"), "{} {}", preview.method, preview.url);
        assert!(preview.body.is_none(), "{} {} sends a body", preview.method, preview.url);
        assert!(!preview.headers.iter().any(|(name, _)| name == "content-type"), "{}", preview.url);
    }
}

#[tokio::test]
async fn locales_are_spelled_as_on_the_wire() {
    let c = Client::builder().project("project-test-1", "secret").base_url("http://127.0.0.1:9").build().unwrap();
    for (locale, wire) in [(Locale::PtBr, "pt-br"), (Locale::DeDe, "de-DE"), (Locale::ZhHans, "zh-Hans"), (Locale::CaEs, "ca-ES")] {
        let request = SendRequest::new(ORG, MEMBER).locale(locale);
        let preview = c.b2b().otps().sms().send(&request).preview().unwrap();
        let body: Value = serde_json::from_slice(preview.body.as_deref().unwrap()).unwrap();
        assert_eq!(body, json!({"organization_id": ORG, "member_id": MEMBER, "locale": wire}));
    }
}

#[tokio::test]
async fn search_all_follows_the_results_metadata_cursor() {
    use futures_util::TryStreamExt;
    let server = MockServer::start().await;
    let page = |cursor: Option<&str>, next: &str| {
        let mut request = json!({"limit": 1});
        if let Some(cursor) = cursor {
            request["cursor"] = json!(cursor);
        }
        let mut org = organization();
        org["organization_slug"] = json!(format!("org-{}", cursor.unwrap_or("first")));
        (request, json!({"request_id": "r", "status_code": 200, "organizations": [org], "results_metadata": {"total": 2, "next_cursor": next}}))
    };
    for (request, response) in [page(None, "c2"), page(Some("c2"), "")] {
        Mock::given(method("POST"))
            .and(path("/v1/b2b/organizations/search"))
            .and(body_json(request))
            .respond_with(ResponseTemplate::new(200).set_body_json(response))
            .expect(1)
            .mount(&server)
            .await;
    }
    let c = client(&server);
    let slugs: Vec<String> = c.b2b().organizations().search_all(&SearchRequest::new().limit(1)).map_ok(|o| o.organization_slug).try_collect().await.unwrap();
    assert_eq!(slugs, ["org-first", "org-c2"]);
}

async fn stytch(server: &MockServer, args: &[&str]) -> (u8, String, String) {
    let uri = server.uri();
    let mut argv = vec!["stytch", "--base-url", uri.as_str(), "--project-id", "project-test-1", "--secret", "secret-test-x"];
    argv.extend_from_slice(args);
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = stytch_cli::run(argv, &mut &b""[..], &mut stdout, &mut stderr).await;
    (code, String::from_utf8(stdout).unwrap(), String::from_utf8(stderr).unwrap())
}

#[tokio::test]
async fn the_cli_has_the_b2b_commands_with_member_session_flags_where_they_apply() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/b2b/organizations"))
        .and(body_json(json!({"organization_name": "Acme", "organization_slug": "acme"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"request_id": "r", "status_code": 200, "organization": organization()})))
        .expect(1)
        .mount(&server)
        .await;
    let (code, stdout, stderr) = stytch(&server, &["b2b", "organizations", "create", "--organization-name", "Acme", "--organization-slug", "acme"]).await;
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\"organization_slug\": \"example-org\""), "{stdout}");
    let (code, stdout, stderr) = stytch(&server, &["b2b", "organizations", "delete", ORG, "--member-session", "member-token", "--dry-run"]).await;
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with(&format!("DELETE {}/v1/b2b/organizations/{ORG}\n", server.uri())), "{stdout}");
    assert!(stdout.contains("x-stytch-member-session: <redacted>") && !stdout.contains("member-token"), "{stdout}");
    // `create` takes no member session.
    let (code, _, stderr) = stytch(&server, &["b2b", "organizations", "create", "--organization-name", "Acme", "--member-session", "t", "--dry-run"]).await;
    assert_ne!(code, 0);
    assert!(stderr.contains("--member-session"), "{stderr}");
}
