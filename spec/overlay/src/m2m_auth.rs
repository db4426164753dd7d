//! `client.m2m().authenticate_token(..)`: M2M access tokens (Stytch JWTs signed with the
//! project's keys) verified locally, with their scopes.

use std::collections::{HashMap, HashSet};

use serde::de::MapAccess;

use crate::claims::ClaimMapping;
use crate::jwt::{JwtError, JwtOptions, M2mClaims};

/// Reads `scope`, a space-separated string.
#[derive(Default)]
struct ScopeMapping(Option<String>);

impl ClaimMapping for ScopeMapping {
    fn read<'de, A: MapAccess<'de>>(&mut self, name: &str, map: &mut A) -> Result<bool, A::Error> {
        if name != "scope" {
            return Ok(false);
        }
        self.0 = map.next_value()?;
        Ok(true)
    }
}

impl crate::m2m::M2m<'_> {
    /// Verifies an M2M access token locally and checks that it grants every scope of
    /// `required_scopes` ([`JwtError::MissingScopes`] lists those it lacks).
    ///
    /// The signature, audience, issuer, `exp` and `nbf` are checked as for session JWTs (keys
    /// from the same cache); `max_token_age` does not apply. Scopes follow Stytch's
    /// `action:resource` convention: a granted `read:*` (or a bare `read`) covers
    /// `read:users`, a granted `read:users` covers only `read:users`, and the action is never a
    /// wildcard.
    pub async fn authenticate_token(&self, token: &str, required_scopes: &[&str], options: &JwtOptions) -> Result<M2mClaims, JwtError> {
        let claims = self.authenticate_token_with(token, |_| Ok(()), options).await?;
        let missing = missing_scopes(&claims.scopes, required_scopes);
        if missing.is_empty() {
            Ok(claims)
        } else {
            Err(JwtError::MissingScopes(missing))
        }
    }

    /// Like [`authenticate_token`](Self::authenticate_token), with the caller's own scope
    /// check: `check` gets the granted scopes and returns the missing ones as an error.
    pub async fn authenticate_token_with(
        &self,
        token: &str,
        check: impl FnOnce(&[String]) -> Result<(), Vec<String>>,
        options: &JwtOptions,
    ) -> Result<M2mClaims, JwtError> {
        let mut verified = crate::jwt::verify::<crate::session_jwt::ConsumerKeys, ScopeMapping>(self.client, token, options).await?;
        let client_id = verified.subject()?;
        let scope = verified.claims.mapped.0.unwrap_or_default();
        let scopes: Vec<String> = scope.split_whitespace().map(str::to_owned).collect();
        check(&scopes).map_err(JwtError::MissingScopes)?;
        let custom_claims = verified.claims.custom;
        Ok(M2mClaims { client_id, scopes, custom_claims })
    }
}

/// Splits `action:resource`; a bare `action` means every resource.
fn split(scope: &str) -> (&str, &str) {
    scope.split_once(':').unwrap_or((scope, "*"))
}

/// The scopes of `required` that `granted` does not cover, in order.
pub(crate) fn missing_scopes(granted: &[String], required: &[&str]) -> Vec<String> {
    let mut by_action: HashMap<&str, HashSet<&str>> = HashMap::new();
    for scope in granted {
        let (action, resource) = split(scope);
        by_action.entry(action).or_default().insert(resource);
    }
    required
        .iter()
        .filter(|scope| {
            let (action, resource) = split(scope);
            !by_action.get(action).is_some_and(|resources| resources.contains("*") || resources.contains(resource))
        })
        .map(|scope| (*scope).to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::missing_scopes;

    fn missing(granted: &[&str], required: &[&str]) -> Vec<String> {
        let granted: Vec<String> = granted.iter().map(|s| (*s).to_owned()).collect();
        missing_scopes(&granted, required)
    }

    #[test]
    fn scopes_follow_the_action_resource_convention() {
        assert!(missing(&["read:users", "write:users"], &["read:users"]).is_empty());
        assert!(missing(&["read:*"], &["read:users", "read:orgs"]).is_empty());
        assert!(missing(&["read"], &["read:users"]).is_empty());
        assert_eq!(missing(&["read:users"], &["read:orgs", "write:users"]), ["read:orgs", "write:users"]);
        assert_eq!(missing(&["*:users"], &["read:users"]), ["read:users"]);
        assert_eq!(missing(&["read:users"], &["read"]), ["read"]);
        assert!(missing(&[], &[]).is_empty());
        assert_eq!(missing(&[], &["read:users"]), ["read:users"]);
    }
}
