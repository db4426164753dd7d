//! M2M: local verification of access tokens and their scopes, and the token cache.

mod support;

use std::time::Duration;

use serde_json::json;
use stytch_api::jwt::JwtError;
use stytch_api::m2m::TokenRequest;
use stytch_api::m2m_tokens::TokenCacheOptions;
use support::*;
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn m2m_tokens_are_verified_locally_with_their_scopes() {
    bounded(async {
        let server = MockServer::start().await;
        // Fetched on first use, and again at the end when the keys are older than their TTL.
        jwks_mock(&[key_a()], 2).mount(&server).await;
        let clock = TestClock::new();
        let client = client(&server);
        let m2m = client.m2m();
        let token = sign(key_a(), &m2m_claims("m2m-client-test-1", "read:* write:users", clock.now() - 1800));
        let claims = m2m.authenticate_token(&token, &["read:orgs", "write:users"], &clock.options()).await.expect("granted");
        assert_eq!(claims.client_id, "m2m-client-test-1");
        assert_eq!(claims.scopes, ["read:*", "write:users"]);
        assert_eq!(claims.custom_claims.get("tenant"), Some(&json!("acme")));
        #[derive(serde::Deserialize)]
        struct Custom {
            tenant: String,
        }
        assert_eq!(claims.custom_claims_as::<Custom>().unwrap().tenant, "acme");

        let err = m2m.authenticate_token(&token, &["write:orgs", "read:users", "delete"], &clock.options()).await.expect_err("scopes");
        assert!(matches!(&err, JwtError::MissingScopes(missing) if missing == &["write:orgs", "delete"]), "{err:?}");

        // The caller's own check.
        let refused = m2m.authenticate_token_with(&token, |granted| Err(granted.to_vec()), &clock.options()).await;
        assert!(matches!(refused, Err(JwtError::MissingScopes(_))));
        m2m.authenticate_token_with(&token, |granted| if granted.len() == 2 { Ok(()) } else { Err(vec![]) }, &clock.options())
            .await
            .expect("accepted by the caller");

        // Missing claims are errors, never panics.
        let mut bare = m2m_claims("c", "read:users", clock.now());
        bare.as_object_mut().unwrap().remove("sub");
        bare.as_object_mut().unwrap().remove("scope");
        let err = m2m.authenticate_token(&sign(key_a(), &bare), &[], &clock.options()).await.expect_err("no sub");
        assert!(matches!(err, JwtError::Malformed(_)), "{err:?}");
        bare["sub"] = json!("c");
        let claims = m2m.authenticate_token(&sign(key_a(), &bare), &[], &clock.options()).await.expect("no scope claim, none required");
        assert!(claims.scopes.is_empty());
        let err = m2m.authenticate_token(&sign(key_a(), &bare), &["read:users"], &clock.options()).await.expect_err("no scope");
        assert!(matches!(err, JwtError::MissingScopes(_)), "{err:?}");

        // Expiry is checked; max_token_age is not applied to M2M tokens.
        clock.advance(3600);
        let err = m2m.authenticate_token(&token, &[], &clock.options()).await.expect_err("expired");
        assert!(matches!(err, JwtError::Expired), "{err:?}");
    })
    .await;
}

fn token_response(token: &str, expires_in: u64) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({ "access_token": token, "token_type": "bearer", "expires_in": expires_in }))
}

#[tokio::test]
async fn m2m_tokens_are_cached_per_client_and_scopes_and_refreshed_near_expiry() {
    bounded(async {
        let server = MockServer::start().await;
        let token_path = format!("/v1/public/{PROJECT_ID}/oauth2/token");
        Mock::given(method("POST"))
            .and(path(token_path.clone()))
            .and(body_string_contains("scope=read%3Ausers+write%3Ausers"))
            .respond_with(token_response("token-1", 3600))
            .up_to_n_times(1)
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path(token_path.clone()))
            .and(body_string_contains("scope=write%3Ausers+read%3Ausers"))
            .respond_with(token_response("token-2", 3600))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path(token_path.clone()))
            .and(body_string_contains("client_id=m2m-client-test-2"))
            .respond_with(token_response("token-other-client", 3600))
            .expect(1)
            .mount(&server)
            .await;
        let clock = TestClock::new();
        let options = TokenCacheOptions::new().clock(clock.clock()).refresh_before_expiry(Duration::from_secs(60));
        let client = client(&server);
        let request = TokenRequest::new("m2m-client-test-1", "secret-1").scope("read:users write:users");
        // Concurrent first callers share one request.
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (client, request, options) = (client.clone(), request.clone(), options.clone());
                tokio::spawn(async move { client.m2m().token_cached(&request, &options).await.map(|t| t.access_token) })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.unwrap().expect("token"), "token-1");
        }
        clock.advance(3000);
        // Same scopes in another order: the same cached token, with the time it has left.
        let reordered = TokenRequest::new("m2m-client-test-1", "secret-1").scope("write:users read:users");
        let cached = client.m2m().token_cached(&reordered, &options).await.expect("cached");
        assert_eq!((cached.access_token.as_str(), cached.expires_in), ("token-1", 600));
        // Another client id is another cache entry.
        let other = TokenRequest::new("m2m-client-test-2", "secret-2");
        assert_eq!(client.m2m().token_cached(&other, &options).await.unwrap().access_token, "token-other-client");
        // Within the refresh margin: a new token (the second mock answers).
        clock.advance(541);
        let refreshed = client.m2m().token_cached(&reordered, &options).await.expect("refreshed");
        assert_eq!((refreshed.access_token.as_str(), refreshed.expires_in), ("token-2", 3600));
        assert_eq!(client.m2m().token_cached(&request, &options).await.unwrap().access_token, "token-2");
    })
    .await;
}
