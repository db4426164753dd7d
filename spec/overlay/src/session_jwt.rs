//! `client.sessions().authenticate_jwt(..)` and `authenticate_jwt_local(..)`: session JWTs
//! verified with the project's cached keys, falling back to the API when local checks cannot
//! decide.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::jwt::{JwtError, JwtOptions, JwtSession, Verified};
use crate::types::Session;

/// The claim in which Stytch puts the session.
const SESSION_CLAIM: &str = "https://stytch.com/session";

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
        let verified = crate::jwt::verify(self.client, jwt, options).await?;
        match verified.age {
            Some(age) if age <= options.max_token_age.as_secs_f64() => {}
            _ => return Err(JwtError::TooOld),
        }
        session_from_claims(&verified)
    }
}

fn session_from_claims(verified: &Verified) -> Result<JwtSession, JwtError> {
    let user_id = verified.string("sub")?.to_owned();
    let claim = verified
        .claims
        .get(SESSION_CLAIM)
        .and_then(Value::as_object)
        .ok_or_else(|| JwtError::Malformed(format!("the `{SESSION_CLAIM}` claim is missing")))?;
    let custom_claims = verified.custom_claims(SESSION_CLAIM);
    let session = Session {
        session_id: field(claim, "id")?,
        user_id,
        authentication_factors: list(claim, "authentication_factors")?,
        roles: list(claim, "roles")?,
        started_at: field(claim, "started_at")?,
        last_accessed_at: field(claim, "last_accessed_at")?,
        expires_at: field(claim, "expires_at")?,
        attributes: field(claim, "attributes")?,
        custom_claims: Some(custom_claims.clone()),
    };
    Ok(JwtSession { session, custom_claims, session_jwt: None })
}

/// The session claim's field `name` (absent is `null`).
fn field<T: DeserializeOwned>(claim: &Map<String, Value>, name: &str) -> Result<T, JwtError> {
    let value = claim.get(name).cloned().unwrap_or(Value::Null);
    serde_json::from_value(value).map_err(|e| JwtError::Malformed(format!("`{SESSION_CLAIM}`.{name}: {e}")))
}

/// The session claim's list `name` (absent is empty).
fn list<T: DeserializeOwned>(claim: &Map<String, Value>, name: &str) -> Result<Vec<T>, JwtError> {
    match claim.get(name) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(_) => field(claim, name),
    }
}
