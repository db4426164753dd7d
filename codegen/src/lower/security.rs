//! Security: `components.securitySchemes` become [`SecurityScheme`]s with their builder setter
//! names, and `security` requirements become [`Requirement`]s (alternatives of AND-sets).

use openapiv3::{ReferenceOr, SecurityRequirement};

use crate::error::{pointer_token, Warning};
use crate::ir::{Docs, KeyLocation, Requirement, SchemeKind, SecurityScheme};
use crate::load::Spec;
use crate::naming::{scheme_setter, snake_ident, split_words, unraw};

/// The spec's security schemes, sorted by name, with their setters. A scheme given as a
/// `$ref`, which OpenAPI allows only to `components`, is left out with a warning.
pub fn schemes(spec: &Spec, keep: &[String], warnings: &mut Vec<Warning>) -> Vec<SecurityScheme> {
    let Some(components) = &spec.doc.components else { return Vec::new() };
    let mut out = Vec::new();
    for (name, scheme) in &components.security_schemes {
        let pointer = format!("#/components/securitySchemes/{}", pointer_token(name));
        let ReferenceOr::Item(scheme) = scheme else {
            warnings.push(Warning::new(&pointer, "a security scheme given as a `$ref` is not followed; operations requiring it send no credentials for it"));
            continue;
        };
        let (kind, description) = match scheme {
            openapiv3::SecurityScheme::APIKey { location, name: param, description, .. } => {
                let location = match location {
                    openapiv3::APIKeyLocation::Header => KeyLocation::Header,
                    openapiv3::APIKeyLocation::Query => KeyLocation::Query,
                    openapiv3::APIKeyLocation::Cookie => KeyLocation::Cookie,
                };
                (SchemeKind::ApiKey { location, param: param.clone() }, description)
            }
            openapiv3::SecurityScheme::HTTP { scheme, description, .. } if scheme.eq_ignore_ascii_case("basic") => (SchemeKind::Basic, description),
            openapiv3::SecurityScheme::HTTP { scheme, description, .. } => {
                // `bearer` is sent as `Bearer`, like every client does; other words as written.
                let word = if scheme.eq_ignore_ascii_case("bearer") { "Bearer".to_owned() } else { scheme.clone() };
                (SchemeKind::Http { scheme: word }, description)
            }
            openapiv3::SecurityScheme::OAuth2 { flows, description, .. } => {
                let flow = flows.client_credentials.as_ref();
                let kind = SchemeKind::OAuth2 {
                    token_url: flow.map(|f| f.token_url.clone()),
                    scopes: flow.map(|f| f.scopes.keys().cloned().collect()).unwrap_or_default(),
                };
                (kind, description)
            }
            openapiv3::SecurityScheme::OpenIDConnect { open_id_connect_url, description, .. } => {
                (SchemeKind::OpenIdConnect { url: open_id_connect_url.clone() }, description)
            }
        };
        let rust_name = unraw(&snake_ident(&split_words(name, keep))).to_owned();
        let docs = description.as_deref().map(Docs::from_text).unwrap_or_default();
        out.push(SecurityScheme { name: name.clone(), rust_name, docs, kind, setter: None });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    assign_setters(&mut out);
    out
}

/// Every scheme gets a setter named after it, except the only HTTP Basic and the only HTTP
/// bearer scheme, which `basic_auth` and `bearer_auth` serve. Two schemes wanting one name
/// get `_2`, `_3`... in name order.
fn assign_setters(schemes: &mut [SecurityScheme]) {
    let basic = schemes.iter().filter(|s| s.kind == SchemeKind::Basic).count();
    let bearer = schemes.iter().filter(|s| is_http_bearer(&s.kind)).count();
    let mut taken: Vec<String> = Vec::new();
    for scheme in schemes.iter_mut() {
        let generic = (scheme.kind == SchemeKind::Basic && basic == 1) || (is_http_bearer(&scheme.kind) && bearer == 1);
        if generic {
            continue;
        }
        let wanted = scheme_setter(&scheme.rust_name, &scheme.kind);
        let mut name = wanted.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{wanted}_{n}");
            n += 1;
        }
        taken.push(name.clone());
        scheme.setter = Some(name);
    }
}

fn is_http_bearer(kind: &SchemeKind) -> bool {
    matches!(kind, SchemeKind::Http { scheme } if scheme == "Bearer")
}

/// The requirements of a `security` list, in order; each names its schemes in spec order.
pub fn requirements(list: &[SecurityRequirement]) -> Vec<Requirement> {
    list.iter().map(|r| Requirement(r.keys().cloned().collect())).collect()
}

/// Requirements naming a scheme the spec does not define cannot be met: they are dropped with
/// a warning (an operation left with none sends no credentials).
pub fn check_requirements(requirements: &mut Vec<Requirement>, schemes: &[SecurityScheme], pointer: &str, warnings: &mut Vec<Warning>) {
    requirements.retain(|r| match r.0.iter().find(|name| !schemes.iter().any(|s| &s.name == *name)) {
        Some(missing) => {
            warnings.push(Warning::new(pointer, format!("security scheme `{missing}` is not defined in `components.securitySchemes`; this requirement is ignored")));
            false
        }
        None => true,
    });
}
