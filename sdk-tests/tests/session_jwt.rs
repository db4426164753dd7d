//! Local verification of session JWTs: the checks, the JWKS cache, and the API fallback.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use stytch_api::jwt::JwtError;
use support::*;
use wiremock::matchers::{body_partial_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn a_valid_token_gives_the_session_and_custom_claims_with_one_key_fetch_shared_by_clones() {
    bounded(async {
        let server = MockServer::start().await;
        jwks_mock(&[key_a()], 1).mount(&server).await;
        let clock = TestClock::new();
        let client = client(&server);
        assert!(server.received_requests().await.unwrap().is_empty(), "building a client fetches nothing");
        let jwt = sign(key_a(), &session_claims(clock.now() - 10));
        let verified = client.sessions().authenticate_jwt_local(&jwt, &clock.options()).await.expect("valid token");
        let session = &verified.session;
        assert_eq!(session.session_id, "session-test-1");
        assert_eq!(session.user_id, "user-test-1");
        assert_eq!(session.roles, ["stytch_user"]);
        assert_eq!(session.started_at.as_deref(), Some("2027-01-15T08:00:00Z"));
        assert_eq!(session.last_accessed_at.as_deref(), Some("2027-01-15T08:00:00Z"));
        assert_eq!(session.expires_at.as_deref(), Some("2027-01-22T08:00:00Z"));
        assert_eq!(session.attributes.as_ref().and_then(|a| a.ip_address.as_deref()), Some("203.0.113.7"));
        let factor = &session.authentication_factors[0];
        assert_eq!(factor.email_factor.as_ref().map(|e| e.email_address.as_str()), Some("ada@example.com"));
        assert_eq!(Value::Object(verified.custom_claims.clone()), json!({ "tier": "gold", "seats": 3 }));
        #[derive(serde::Deserialize)]
        struct Custom {
            tier: String,
            seats: u32,
        }
        let custom: Custom = verified.custom_claims_as().expect("typed claims");
        assert_eq!((custom.tier.as_str(), custom.seats), ("gold", 3));
        assert!(verified.session_jwt.is_none());
        // A clone shares the cached keys: no second fetch (the mock expects exactly one).
        let clone = client.clone();
        clone.sessions().authenticate_jwt(&jwt, &clock.options()).await.expect("still valid");
    })
    .await;
}

#[tokio::test]
async fn time_checks_expired_not_yet_valid_and_clock_tolerance() {
    bounded(async {
        let server = MockServer::start().await;
        jwks_mock(&[key_a()], 1).mount(&server).await;
        let clock = TestClock::new();
        let client = client(&server);
        let sessions = client.sessions();
        let mut claims = session_claims(clock.now() - 100);
        claims["exp"] = json!(clock.now() - 5);
        let expired = sign(key_a(), &claims);
        let err = sessions.authenticate_jwt_local(&expired, &clock.options()).await.expect_err("expired");
        assert!(matches!(err, JwtError::Expired), "{err:?}");
        assert_eq!(err.to_string(), "the JWT has expired");
        let tolerant = clock.options().clock_tolerance(Duration::from_secs(10));
        sessions.authenticate_jwt_local(&expired, &tolerant).await.expect("within the tolerance");
        // authenticate_jwt does not ask the API about an expired token.
        let err = sessions.authenticate_jwt(&expired, &clock.options()).await.expect_err("expired");
        assert!(matches!(err, JwtError::Expired), "{err:?}");

        let mut claims = session_claims(clock.now());
        claims["nbf"] = json!(clock.now() + 60);
        let early = sign(key_a(), &claims);
        let err = sessions.authenticate_jwt_local(&early, &clock.options()).await.expect_err("not yet valid");
        assert!(matches!(err, JwtError::NotYetValid), "{err:?}");

        // A future iat counts as age zero; a missing iat as too old.
        let mut claims = session_claims(clock.now());
        claims["iat"] = json!(u64::MAX);
        sessions.authenticate_jwt_local(&sign(key_a(), &claims), &clock.options()).await.expect("future iat");
        claims["iat"] = json!(-1e300);
        let err = sessions.authenticate_jwt_local(&sign(key_a(), &claims), &clock.options()).await.expect_err("ancient iat");
        assert!(matches!(err, JwtError::TooOld), "{err:?}");
        claims.as_object_mut().unwrap().remove("iat");
        let err = sessions.authenticate_jwt_local(&sign(key_a(), &claims), &clock.options()).await.expect_err("no iat");
        assert!(matches!(err, JwtError::TooOld), "{err:?}");
    })
    .await;
}

#[tokio::test]
async fn audience_and_issuer_including_a_custom_domain() {
    bounded(async {
        let server = MockServer::start().await;
        jwks_mock(&[key_a()], 1).mount(&server).await;
        let clock = TestClock::new();
        let client = client(&server);
        let sessions = client.sessions();
        let mut claims = session_claims(clock.now());
        claims["aud"] = json!(["project-test-someone-else"]);
        let err = sessions.authenticate_jwt_local(&sign(key_a(), &claims), &clock.options()).await.expect_err("audience");
        assert!(matches!(err, JwtError::WrongAudience), "{err:?}");

        let mut claims = session_claims(clock.now());
        claims["iss"] = json!("stytch.com/project-test-someone-else");
        let err = sessions.authenticate_jwt_local(&sign(key_a(), &claims), &clock.options()).await.expect_err("issuer");
        assert!(matches!(err, JwtError::WrongIssuer(Some(_))), "{err:?}");

        claims["iss"] = json!("https://login.example.com");
        let custom = sign(key_a(), &claims);
        let err = sessions.authenticate_jwt_local(&custom, &clock.options()).await.expect_err("unconfigured domain");
        assert!(matches!(err, JwtError::WrongIssuer(_)), "{err:?}");
        let options = clock.options().issuer("https://login.example.com");
        sessions.authenticate_jwt_local(&custom, &options).await.expect("configured custom domain");
    })
    .await;
}

#[tokio::test]
async fn tampered_signatures_alg_none_and_garbage_are_refused() {
    bounded(async {
        let server = MockServer::start().await;
        jwks_mock(&[key_a()], 1).mount(&server).await;
        let clock = TestClock::new();
        let client = client(&server);
        let sessions = client.sessions();
        let jwt = sign(key_a(), &session_claims(clock.now()));
        let (header, rest) = jwt.split_once('.').unwrap();
        let (_, signature) = rest.split_once('.').unwrap();
        // Same header and signature, another payload (a different user).
        let mut claims = session_claims(clock.now());
        claims["sub"] = json!("user-test-admin");
        let forged_payload = sign(key_a(), &claims).split('.').nth(1).unwrap().to_owned();
        let tampered = format!("{header}.{forged_payload}.{signature}");
        let err = sessions.authenticate_jwt_local(&tampered, &clock.options()).await.expect_err("tampered");
        assert!(matches!(err, JwtError::BadSignature), "{err:?}");
        // Signed by a key that is not the project's, under the project's key id.
        let forged = {
            let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
            header.kid = Some("jwk-test-a".into());
            jsonwebtoken::encode(&header, &session_claims(clock.now()), &key_b().encoding).unwrap()
        };
        let err = sessions.authenticate_jwt(&forged, &clock.options()).await.expect_err("foreign key");
        assert!(matches!(err, JwtError::BadSignature), "{err:?}");

        use base64::Engine as _;
        let b64 = |v: Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
        let none = format!("{}.{}.", b64(json!({"alg": "none", "typ": "JWT", "kid": "jwk-test-a"})), b64(session_claims(clock.now())));
        let err = sessions.authenticate_jwt(&none, &clock.options()).await.expect_err("alg none");
        assert!(matches!(err, JwtError::UnsupportedAlgorithm(ref alg) if alg == "none"), "{err:?}");
        let hs = format!("{}.{}.{signature}", b64(json!({"alg": "HS256", "kid": "jwk-test-a"})), b64(session_claims(clock.now())));
        let err = sessions.authenticate_jwt_local(&hs, &clock.options()).await.expect_err("HS256");
        assert!(matches!(err, JwtError::UnsupportedAlgorithm(_)), "{err:?}");
        for garbage in ["", "not a jwt", "a.b.c", "....", &format!("{header}.%%%.{signature}")] {
            let err = sessions.authenticate_jwt_local(garbage, &clock.options()).await.expect_err("garbage");
            assert!(matches!(err, JwtError::Malformed(_) | JwtError::BadSignature), "{garbage:?}: {err:?}");
        }
        // A token without the session claim is malformed, not a panic.
        let mut claims = session_claims(clock.now());
        claims.as_object_mut().unwrap().remove("https://stytch.com/session");
        let err = sessions.authenticate_jwt_local(&sign(key_a(), &claims), &clock.options()).await.expect_err("no session");
        assert!(matches!(err, JwtError::Malformed(_)), "{err:?}");
    })
    .await;
}

#[tokio::test]
async fn a_key_rotation_right_after_the_first_fetch_costs_one_refetch() {
    bounded(async {
        let server = MockServer::start().await;
        jwks_mock(&[key_a()], 1).up_to_n_times(1).mount(&server).await;
        jwks_mock(&[key_a(), key_b()], 1).mount(&server).await;
        let clock = TestClock::new();
        let client = client(&server);
        let sessions = client.sessions();
        sessions.authenticate_jwt_local(&sign(key_a(), &session_claims(clock.now())), &clock.options()).await.expect("old key");
        // Right after the first fetch: no cooldown holds the rotated key back.
        let rotated = sign(key_b(), &session_claims(clock.now()));
        sessions.authenticate_jwt_local(&rotated, &clock.options()).await.expect("new key after one refetch");
        sessions.authenticate_jwt_local(&rotated, &clock.options()).await.expect("new key, cached");
    })
    .await;
}

#[tokio::test]
async fn a_key_removed_from_the_set_no_longer_vouches_for_tokens_it_verified() {
    bounded(async {
        let server = MockServer::start().await;
        jwks_mock(&[key_a()], 1).up_to_n_times(1).mount(&server).await;
        jwks_mock(&[key_b()], 1).mount(&server).await;
        let clock = TestClock::new();
        let client = client(&server);
        let mut claims = session_claims(clock.now());
        claims["exp"] = json!(clock.now() + 3600);
        let jwt = sign(key_a(), &claims);
        let options = clock.options().max_token_age(Duration::from_secs(3600));
        client.sessions().authenticate_jwt_local(&jwt, &options).await.expect("verified");
        client.sessions().authenticate_jwt_local(&jwt, &options).await.expect("remembered");
        clock.advance(601); // the key set's TTL has passed: the refetched set has only key B
        let err = client.sessions().authenticate_jwt_local(&jwt, &options).await.expect_err("key A is gone");
        assert!(matches!(err, JwtError::UnknownKey(ref kid) if kid == "jwk-test-a"), "{err:?}");
    })
    .await;
}

#[tokio::test]
async fn a_flood_of_unknown_key_ids_refetches_at_most_once_per_cooldown() {
    bounded(async {
        let server = MockServer::start().await;
        // One fetch on first use, one when the cooldown has passed.
        jwks_mock(&[key_a()], 2).mount(&server).await;
        let clock = TestClock::new();
        let client = client(&server);
        let claims = session_claims(clock.now());
        let unknown = |i: usize| {
            let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
            header.kid = Some(format!("jwk-test-unknown-{i}"));
            jsonwebtoken::encode(&header, &claims, &key_a().encoding).unwrap()
        };
        let tokens: Vec<String> = (0..20).map(unknown).collect();
        let flood = |tokens: Vec<String>| {
            let client = client.clone();
            let options = clock.options();
            async move {
                let tasks: Vec<_> = tokens
                    .into_iter()
                    .map(|t| {
                        let (client, options) = (client.clone(), options.clone());
                        tokio::spawn(async move { client.sessions().authenticate_jwt_local(&t, &options).await })
                    })
                    .collect();
                for task in tasks {
                    let err = task.await.unwrap().expect_err("unknown kid");
                    assert!(matches!(err, JwtError::UnknownKey(_)), "{err:?}");
                }
            }
        };
        flood(tokens.clone()).await;
        clock.advance(5);
        flood(tokens.clone()).await;
        clock.advance(30);
        flood(tokens).await;
    })
    .await;
}

#[tokio::test]
async fn concurrent_first_use_fetches_the_keys_once() {
    bounded(async {
        let server = MockServer::start().await;
        let slow = ResponseTemplate::new(200).set_body_json(jwks_body(&[key_a()])).set_delay(Duration::from_millis(200));
        Mock::given(method("GET")).and(path(format!("/v1/sessions/jwks/{PROJECT_ID}"))).respond_with(slow).expect(1).mount(&server).await;
        let clock = TestClock::new();
        let client = client(&server);
        let jwt = sign(key_a(), &session_claims(clock.now()));
        let tasks: Vec<_> = (0..16)
            .map(|_| {
                let (client, jwt, options) = (client.clone(), jwt.clone(), clock.options());
                tokio::spawn(async move { client.sessions().authenticate_jwt_local(&jwt, &options).await.map(|s| s.session.session_id) })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.unwrap().expect("verified"), "session-test-1");
        }
    })
    .await;
}

#[tokio::test]
async fn keys_are_refreshed_after_their_ttl() {
    bounded(async {
        let server = MockServer::start().await;
        jwks_mock(&[key_a()], 2).mount(&server).await;
        let clock = TestClock::new();
        let client = client(&server);
        let options = clock.options().jwks_ttl(Duration::from_secs(600));
        client.sessions().authenticate_jwt_local(&sign(key_a(), &session_claims(clock.now())), &options).await.expect("first");
        clock.advance(599);
        client.sessions().authenticate_jwt_local(&sign(key_a(), &session_claims(clock.now())), &options).await.expect("cached");
        clock.advance(2);
        client.sessions().authenticate_jwt_local(&sign(key_a(), &session_claims(clock.now())), &options).await.expect("refreshed");
    })
    .await;
}

fn authenticate_response() -> Value {
    json!({
        "request_id": "request-id-test-1",
        "status_code": 200,
        "session_token": "session-token-test",
        "session_jwt": "fresh-jwt",
        "session": {
            "session_id": "session-test-1", "user_id": "user-test-1", "authentication_factors": [], "roles": ["stytch_user"],
            "custom_claims": { "tier": "gold" },
        },
        "user": {
            "user_id": "user-test-1", "emails": [], "status": "active", "phone_numbers": [], "webauthn_registrations": [],
            "providers": [], "totps": [], "crypto_wallets": [], "biometric_registrations": [], "is_locked": false, "roles": [],
        },
    })
}

#[tokio::test]
async fn a_too_old_token_is_checked_by_the_api_exactly_once() {
    bounded(async {
        let server = MockServer::start().await;
        jwks_mock(&[key_a()], 1).mount(&server).await;
        let clock = TestClock::new();
        let mut claims = session_claims(clock.now() - 350); // older than 5 minutes...
        claims["exp"] = json!(clock.now() + 3600); // ...but not expired
        let jwt = sign(key_a(), &claims);
        let options = clock.options();
        Mock::given(method("POST"))
            .and(path("/v1/sessions/authenticate"))
            .and(body_partial_json(json!({ "session_jwt": jwt })))
            .respond_with(ResponseTemplate::new(200).set_body_json(authenticate_response()))
            .expect(1)
            .mount(&server)
            .await;
        let client = client(&server);
        let err = client.sessions().authenticate_jwt_local(&jwt, &options).await.expect_err("too old, local only");
        assert!(matches!(err, JwtError::TooOld), "{err:?}");
        let verified = client.sessions().authenticate_jwt(&jwt, &options).await.expect("the API accepts it");
        assert_eq!(verified.session.session_id, "session-test-1");
        assert_eq!(verified.session_jwt.as_deref(), Some("fresh-jwt"));
        assert_eq!(verified.custom_claims.get("tier"), Some(&json!("gold")));
        // A longer max age accepts it locally (the API mock expects no second call).
        let relaxed = options.clone().max_token_age(Duration::from_secs(600));
        let local = client.sessions().authenticate_jwt(&jwt, &relaxed).await.expect("young enough");
        assert!(local.session_jwt.is_none());
    })
    .await;
}

#[tokio::test]
async fn when_the_keys_cannot_be_fetched_authenticate_jwt_asks_the_api() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path(format!("/v1/sessions/jwks/{PROJECT_ID}")))
            .respond_with(ResponseTemplate::new(503).set_body_json(json!({
                "status_code": 503, "request_id": "request-id-test-503", "error_type": "internal_server_error",
                "error_message": "Unavailable.",
            })))
            // Two fetches (once, and again when the cooldown has passed), each a GET that the
            // client tries three times on a 503 (its default two retries).
            .expect(6)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/v1/sessions/authenticate"))
            .respond_with(ResponseTemplate::new(200).set_body_json(authenticate_response()))
            .expect(1)
            .mount(&server)
            .await;
        let clock = TestClock::new();
        let client = client(&server);
        let jwt = sign(key_a(), &session_claims(clock.now()));
        let is_503 = |err: &JwtError| matches!(err, JwtError::KeysUnavailable(e) if matches!(&**e, stytch_api::Error::Api(api) if api.status == 503));
        let err = client.sessions().authenticate_jwt_local(&jwt, &clock.options()).await.expect_err("no keys");
        assert!(is_503(&err), "{err:?}");
        assert!(std::error::Error::source(&err).is_some());
        // Within the cooldown, a flood of tokens gets the same error without another fetch.
        for _ in 0..10 {
            let err = client.sessions().authenticate_jwt_local(&jwt, &clock.options()).await.expect_err("no keys");
            assert!(is_503(&err), "{err:?}");
        }
        let verified = client.sessions().authenticate_jwt(&jwt, &clock.options()).await.expect("the API decides");
        assert_eq!(verified.session_jwt.as_deref(), Some("fresh-jwt"));
        clock.advance(31);
        let err = client.sessions().authenticate_jwt_local(&jwt, &clock.options()).await.expect_err("still no keys");
        assert!(is_503(&err), "{err:?}");
    })
    .await;
}
