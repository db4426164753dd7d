//! The credentials part of the generated wire tests: the test client gets a credential for
//! every security scheme, and each test expects what the runtime sends for the operation's
//! requirement (the first one: the test client can meet them all).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Auth, KeyLocation, Operation, Requirement, SchemeKind, SecurityScheme};

/// The HTTP Basic credentials of the test client, and their `Authorization` header.
pub const USER: &str = "test-user";
pub const PASSWORD: &str = "test-secret";
/// `Basic base64("test-user:test-secret")`.
pub const AUTHORIZATION: &str = "Basic dGVzdC11c2VyOnRlc3Qtc2VjcmV0";
/// The token of `bearer_auth` in the test client.
const BEARER: &str = "test-bearer";
/// The token passed to operations that take one per call.
pub const BEARER_TOKEN: &str = "per-call-token";

/// What an operation's test expects on the wire for credentials.
#[derive(Default)]
pub struct Expected {
    /// The first `Authorization` header.
    pub authorization: Option<String>,
    /// Other headers (API keys, the cookie), each checked by a matcher.
    pub headers: Vec<(String, String)>,
    /// Query parameters (API keys).
    pub query: Vec<(String, String)>,
}

/// Whether the test client sets `bearer_auth` (a bearer-like scheme has no setter of its own,
/// and the API declares security, so it does not replace `basic_auth` everywhere).
fn uses_bearer_auth(api: &Api) -> bool {
    api.security.is_some() && api.security_schemes.iter().any(|s| s.setter.is_none() && s.kind != SchemeKind::Basic)
}

/// The builder calls of the test client, after `base_url`.
pub fn client_credentials(api: &Api) -> Vec<TokenStream> {
    let mut out = vec![quote!(.basic_auth(#USER, #PASSWORD))];
    if uses_bearer_auth(api) {
        out.push(quote!(.bearer_auth(#BEARER)));
    }
    for scheme in &api.security_schemes {
        let Some(setter) = &scheme.setter else { continue };
        let method = crate::emit::typeref::ident(setter);
        out.push(match &scheme.kind {
            SchemeKind::Basic => quote!(.#method(#USER, #PASSWORD)),
            SchemeKind::ApiKey { .. } => {
                let key = key_value(scheme);
                quote!(.#method(#key))
            }
            _ => {
                let token = token_value(scheme);
                quote!(.#method(#token))
            }
        });
    }
    out
}

fn key_value(scheme: &SecurityScheme) -> String {
    format!("key-{}", scheme.rust_name)
}

fn token_value(scheme: &SecurityScheme) -> String {
    if scheme.setter.is_none() {
        BEARER.to_owned()
    } else {
        format!("token-{}", scheme.rust_name)
    }
}

/// What the runtime sends for `op` from the test client.
pub fn expected(api: &Api, op: &Operation) -> Expected {
    let mut expected = Expected::default();
    let requirement: Option<&Requirement> = match &op.auth {
        Auth::None => None,
        Auth::BearerArgument => {
            expected.authorization = Some(format!("Bearer {BEARER_TOKEN}"));
            None
        }
        Auth::Schemes(requirements) => requirements.first(),
        Auth::Client => match &api.security {
            Some(requirements) => requirements.first(),
            None => {
                expected.authorization = Some(AUTHORIZATION.to_owned());
                None
            }
        },
    };
    let mut cookies = Vec::new();
    for name in requirement.map(|r| r.0.as_slice()).unwrap_or_default() {
        let Some(scheme) = api.security_schemes.iter().find(|s| &s.name == name) else { continue };
        let authorization = match &scheme.kind {
            SchemeKind::ApiKey { location, param } => {
                let pair = (param.clone(), key_value(scheme));
                match location {
                    KeyLocation::Header => expected.headers.push(pair),
                    KeyLocation::Query => expected.query.push(pair),
                    KeyLocation::Cookie => cookies.push(format!("{}={}", pair.0, pair.1)),
                }
                None
            }
            SchemeKind::Basic => Some(AUTHORIZATION.to_owned()),
            SchemeKind::Http { scheme: word } => Some(format!("{word} {}", token_value(scheme))),
            SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect { .. } => Some(format!("Bearer {}", token_value(scheme))),
        };
        if expected.authorization.is_none() {
            expected.authorization = authorization;
        }
    }
    if !cookies.is_empty() {
        expected.headers.push(("cookie".to_owned(), cookies.join("; ")));
    }
    expected
}
