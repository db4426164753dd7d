// @generated: copied from the overlay (src/session_jwt.rs) by `cargo xtask regen`. Edit it there.

//! `client.sessions().authenticate_jwt(..)` and `authenticate_jwt_local(..)`: session JWTs
//! verified with the project's cached keys, falling back to the API when local checks cannot
//! decide.

use serde::de::MapAccess;

use crate::claims::ClaimMapping;
use crate::jwt::{JwtError, JwtOptions, JwtSession, Verified};
use crate::types::Session;

/// The claim in which Stytch puts the session.
const SESSION_CLAIM: &str = "https://stytch.com/session";

/// The Consumer project's keys: `GET /v1/sessions/jwks/{project_id}`. Also M2M tokens'.
pub(crate) struct ConsumerKeys;

impl crate::jwks::KeySource for ConsumerKeys {
    async fn fetch(client: &crate::Client) -> Result<Vec<crate::types::Jwk>, crate::Error> {
        Ok(client.sessions().get_jwks().await?.keys)
    }
}

impl crate::sessions::Sessions<'_> {
    /// Authenticates a session JWT, locally when possible.
    ///
    /// The token is verified with the project's keys (see [`authenticate_jwt_local`]); when it
    /// is older than `max_token_age` (5 minutes by default), names a key the key set does not
    /// have, or the keys cannot be fetched, `POST /v1/sessions/authenticate` decides instead
    /// (and [`JwtSession::session_jwt`] carries the fresh JWT it returns). Expired, badly signed
    /// or foreign tokens are refused without asking the API.
    ///
    /// [`authenticate_jwt_local`]: Self::authenticate_jwt_local
    pub async fn authenticate_jwt(&self, jwt: &str, options: &JwtOptions) -> Result<JwtSession, JwtError> {
        match self.authenticate_jwt_local(jwt, options).await {
            Err(JwtError::TooOld | JwtError::UnknownKey(_) | JwtError::KeysUnavailable(_) | JwtError::Request(_)) => {}
            decided => return decided,
        }
        let request = crate::sessions::AuthenticateRequest::new().session_jwt(jwt);
        let response = self.authenticate(&request).await?;
        let custom_claims = response.session.custom_claims.clone().unwrap_or_default();
        Ok(JwtSession { session: response.session, custom_claims, session_jwt: Some(response.session_jwt) })
    }

    /// Authenticates a session JWT locally only: RS256 signature with a key of the project's
    /// key set (`GET /v1/sessions/jwks/{project_id}`, the only call made, cached on the client),
    /// audience (the project id), issuer (`stytch.com/{project_id}` or one set with
    /// [`JwtOptions::issuer`]), `exp`, `nbf`, and `iat` no older than `max_token_age`.
    pub async fn authenticate_jwt_local(&self, jwt: &str, options: &JwtOptions) -> Result<JwtSession, JwtError> {
        let verified = crate::jwt::verify::<ConsumerKeys, SessionMapping>(self.client, jwt, options).await?;
        match verified.age {
            Some(age) if age <= options.max_token_age.as_secs_f64() => {}
            _ => return Err(JwtError::TooOld),
        }
        session_from_claims(verified)
    }
}

/// The session claim, read straight from the token's JSON.
#[derive(serde::Deserialize)]
struct SessionClaim {
    id: String,
    #[serde(default)]
    authentication_factors: Option<Vec<crate::types::AuthenticationFactor>>,
    #[serde(default)]
    roles: Option<Vec<String>>,
    #[serde(default)]
    started_at: Option<String>,
    #[serde(default)]
    last_accessed_at: Option<String>,
    #[serde(default)]
    expires_at: Option<String>,
    #[serde(default)]
    attributes: Option<crate::types::Attributes>,
}

/// Reads `https://stytch.com/session` into a [`SessionClaim`].
#[derive(Default)]
struct SessionMapping(Option<SessionClaim>);

impl ClaimMapping for SessionMapping {
    fn read<'de, A: MapAccess<'de>>(&mut self, name: &str, map: &mut A) -> Result<bool, A::Error> {
        if name != SESSION_CLAIM {
            return Ok(false);
        }
        self.0 = map.next_value()?;
        Ok(true)
    }
}

fn session_from_claims(mut verified: Verified<SessionMapping>) -> Result<JwtSession, JwtError> {
    let user_id = verified.subject()?;
    let claims = verified.claims;
    let claim = claims.mapped.0.ok_or_else(|| JwtError::Malformed(format!("the `{SESSION_CLAIM}` claim is missing")))?;
    let session = Session {
        session_id: claim.id,
        user_id,
        authentication_factors: claim.authentication_factors.unwrap_or_default(),
        roles: claim.roles.unwrap_or_default(),
        started_at: claim.started_at,
        last_accessed_at: claim.last_accessed_at,
        expires_at: claim.expires_at,
        attributes: claim.attributes,
        custom_claims: Some(claims.custom.clone()),
    };
    Ok(JwtSession { session, custom_claims: claims.custom, session_jwt: None })
}
