//! The key set under pressure: rotations right after any fetch, floods of unknown key ids, a key
//! replaced under the same id, more live sessions than the remembered-token cache holds, and an
//! application that also uses `jsonwebtoken` on its pure-Rust backend (this crate's dependency
//! graph: see Cargo.toml).

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use stytch_api::jwt::JwtError;
use support::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// `claims` signed with `key` under another key id.
fn sign_as(kid: &str, key: &TestKey, claims: &Value) -> String {
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
    header.kid = Some(kid.to_owned());
    jsonwebtoken::encode(&header, claims, &key.encoding).unwrap()
}

#[tokio::test]
async fn a_key_rotation_right_after_a_ttl_refresh_costs_one_refetch() {
    bounded(async {
        let server = MockServer::start().await;
        jwks_mock(&[key_a()], 2).up_to_n_times(2).mount(&server).await;
        jwks_mock(&[key_a(), key_b()], 1).mount(&server).await;
        let clock = TestClock::new();
        let client = client(&server);
        let sessions = client.sessions();
        sessions.authenticate_jwt_local(&sign(key_a(), &session_claims(clock.now())), &clock.options()).await.expect("first fetch");
        clock.advance(601);
        sessions.authenticate_jwt_local(&sign(key_a(), &session_claims(clock.now())), &clock.options()).await.expect("TTL refresh");
        clock.advance(1);
        let rotated = sign(key_b(), &session_claims(clock.now()));
        sessions.authenticate_jwt_local(&rotated, &clock.options()).await.expect("rotated key, one second after a refresh");
        sessions.authenticate_jwt_local(&rotated, &clock.options()).await.expect("rotated key, cached");
    })
    .await;
}

#[tokio::test]
async fn a_hundred_random_key_ids_cost_one_fetch_and_a_rotation_after_the_cooldown_still_works() {
    bounded(async {
        let server = MockServer::start().await;
        // First use; the first unknown kid; after the cooldown, the rotation.
        jwks_mock(&[key_a()], 2).up_to_n_times(2).mount(&server).await;
        jwks_mock(&[key_a(), key_b()], 1).mount(&server).await;
        let clock = TestClock::new();
        let client = client(&server);
        let sessions = client.sessions();
        sessions.authenticate_jwt_local(&sign(key_a(), &session_claims(clock.now())), &clock.options()).await.expect("first fetch");
        let claims = session_claims(clock.now());
        let tasks: Vec<_> = (0..100)
            .map(|i| {
                let (client, options) = (client.clone(), clock.options());
                let token = sign_as(&format!("jwk-test-random-{i}"), key_a(), &claims);
                tokio::spawn(async move { client.sessions().authenticate_jwt_local(&token, &options).await })
            })
            .collect();
        for task in tasks {
            let err = task.await.unwrap().expect_err("unknown kid");
            assert!(matches!(err, JwtError::UnknownKey(_)), "{err:?}");
        }
        // Within the cooldown, a real rotation is refused locally too (the documented trade-off)...
        clock.advance(10);
        let rotated = sign(key_b(), &session_claims(clock.now()));
        let err = sessions.authenticate_jwt_local(&rotated, &clock.options()).await.expect_err("within the cooldown");
        assert!(matches!(err, JwtError::UnknownKey(_)), "{err:?}");
        // ...and accepted once it has passed.
        clock.advance(21);
        let rotated = sign(key_b(), &session_claims(clock.now()));
        sessions.authenticate_jwt_local(&rotated, &clock.options()).await.expect("after the cooldown");
    })
    .await;
}

#[tokio::test]
async fn a_key_replaced_under_the_same_id_no_longer_vouches_for_remembered_tokens() {
    bounded(async {
        let server = MockServer::start().await;
        jwks_mock(&[key_a()], 1).up_to_n_times(1).mount(&server).await;
        let mut replaced = key_b().jwk.clone();
        replaced["kid"] = json!("jwk-test-a");
        let body = json!({ "keys": [replaced], "request_id": "request-id-test-jwks", "status_code": 200 });
        Mock::given(method("GET"))
            .and(path(format!("/v1/sessions/jwks/{PROJECT_ID}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
        let clock = TestClock::new();
        let client = client(&server);
        let mut claims = session_claims(clock.now());
        claims["exp"] = json!(clock.now() + 3600);
        let jwt = sign(key_a(), &claims);
        let options = clock.options().max_token_age(Duration::from_secs(3600));
        client.sessions().authenticate_jwt_local(&jwt, &options).await.expect("verified");
        client.sessions().authenticate_jwt_local(&jwt, &options).await.expect("remembered");
        clock.advance(601);
        let err = client.sessions().authenticate_jwt_local(&jwt, &options).await.expect_err("the key under this id changed");
        assert!(matches!(err, JwtError::BadSignature), "{err:?}");
        // Tokens of the new key under the old id verify.
        let new = sign_as("jwk-test-a", key_b(), &claims);
        client.sessions().authenticate_jwt_local(&new, &options).await.expect("the new key");
    })
    .await;
}

#[tokio::test]
async fn more_sessions_than_the_cache_holds_all_verify_with_their_own_claims() {
    bounded(async {
        let server = MockServer::start().await;
        jwks_mock(&[key_a()], 1).mount(&server).await;
        let clock = TestClock::new();
        let client = client(&server);
        let options = clock.options().remembered_tokens(8);
        let tokens: Vec<(String, String)> = (0..40)
            .map(|i| {
                let mut claims = session_claims(clock.now());
                claims["sub"] = json!(format!("user-test-{i}"));
                (format!("user-test-{i}"), sign(key_a(), &claims))
            })
            .collect();
        for _ in 0..3 {
            for (user, jwt) in &tokens {
                let session = client.sessions().authenticate_jwt_local(jwt, &options).await.expect("valid");
                assert_eq!(&session.session.user_id, user);
            }
        }
        // Expired tokens are refused whether or not they were remembered.
        clock.advance(301);
        for (_, jwt) in &tokens {
            let err = client.sessions().authenticate_jwt_local(jwt, &options).await.expect_err("expired");
            assert!(matches!(err, JwtError::Expired), "{err:?}");
        }
    })
    .await;
}

#[tokio::test]
async fn critical_header_extensions_are_refused() {
    bounded(async {
        let server = MockServer::start().await;
        let clock = TestClock::new();
        let client = client(&server);
        use base64::Engine as _;
        let b64 = |v: Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
        let jwt = sign(key_a(), &session_claims(clock.now()));
        let signature = jwt.rsplit('.').next().unwrap();
        let header = b64(json!({"alg": "RS256", "kid": "jwk-test-a", "crit": ["exp"], "exp": 0}));
        let token = format!("{header}.{}.{signature}", b64(session_claims(clock.now())));
        let err = client.sessions().authenticate_jwt_local(&token, &clock.options()).await.expect_err("crit");
        assert!(matches!(err, JwtError::Malformed(ref why) if why.contains("crit")), "{err:?}");
    })
    .await;
}

/// This test binary links `jsonwebtoken` with `rust_crypto` (as an application with its own
/// tokens would): the build that made the old verifier panic. Both work side by side.
#[tokio::test]
async fn an_application_using_jsonwebtoken_on_rust_crypto_verifies_its_own_tokens_and_stytchs() {
    bounded(async {
        let server = MockServer::start().await;
        jwks_mock(&[key_a()], 1).mount(&server).await;
        let clock = TestClock::new();
        let client = client(&server);
        let own = jsonwebtoken::encode(
            &jsonwebtoken::Header::default(),
            &json!({"sub": "app-user", "exp": 4_000_000_000u64}),
            &jsonwebtoken::EncodingKey::from_secret(b"app secret"),
        )
        .expect("the app signs its own HS256 token");
        let decoded = jsonwebtoken::decode::<Value>(
            &own,
            &jsonwebtoken::DecodingKey::from_secret(b"app secret"),
            &jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256),
        )
        .expect("and verifies it");
        assert_eq!(decoded.claims["sub"], "app-user");
        let session = client.sessions().authenticate_jwt_local(&sign(key_a(), &session_claims(clock.now())), &clock.options()).await;
        assert_eq!(session.expect("Stytch's token").session.session_id, "session-test-1");
        // Expired, tampered and foreign tokens are answered, not panicked on.
        let mut expired = session_claims(clock.now() - 1000);
        expired["exp"] = json!(clock.now() - 10);
        let err = client.sessions().authenticate_jwt_local(&sign(key_a(), &expired), &clock.options()).await.expect_err("expired");
        assert!(matches!(err, JwtError::Expired), "{err:?}");
        let err = client.sessions().authenticate_jwt_local(&sign_as("jwk-test-a", key_b(), &session_claims(clock.now())), &clock.options()).await;
        assert!(matches!(err, Err(JwtError::BadSignature)), "{err:?}");
    })
    .await;
}
