//! Every naming rule in one place: splitting words, Rust casing, keyword safety, the
//! derivation of a service path and method name for each operation, and how collisions are
//! resolved (see README, "Naming").
//!
//! Collisions never stop generation. [`dedupe`] gives the loser the first free numbered suffix
//! and the caller reports a warning naming both sides:
//! - methods of one service: `x-rust-method` overrides claim first, then spec order; a method
//!   named like a sub-service or `new` is renamed too (`lower::resolve_method_collisions`);
//! - struct fields and operation parameters: a wire name that is already its Rust spelling
//!   claims first, then spec order (`+1`/`-1` -> `_1`/`_1_2`, `_id`/`id` -> `id_2`/`id`);
//! - types of one module, after the full-schema-name fallback: `x-rust-type` first, then by
//!   pointer; a service struct named like a type of its module becomes `<Name>Service`
//!   (`lower::placement`);
//! - a top-level service named like a `Client` method or crate module, or a sub-service named
//!   `new`, becomes `<name>_api`.

use std::collections::BTreeSet;

/// Splits an identifier-like string into lowercase words.
///
/// Separators are any characters but ASCII letters and digits; a new word also starts at a lower-to-upper
/// step (`userId`), at the last capital of an acronym (`HTTPServer` -> `http`, `server`) and at
/// a capital after a digit that starts a capitalized word (`V1Users`). Digits stay with the word
/// before them (`oauth2`, `m2m`). Words in `keep` (e.g. `OAuth`) are matched case-sensitively and
/// kept whole.
pub fn split_words(text: &str, keep: &[String]) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_ascii_alphanumeric() {
            flush(&mut current, &mut words);
            i += 1;
            continue;
        }
        if let Some(k) = keep_word_at(&chars, i, keep) {
            flush(&mut current, &mut words);
            words.push(k.to_lowercase());
            i += k.chars().count();
            continue;
        }
        if c.is_uppercase() && !current.is_empty() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let boundary = prev.is_lowercase()
                || (prev.is_uppercase() && next_lower)
                || (prev.is_ascii_digit() && next_lower);
            if boundary {
                flush(&mut current, &mut words);
            }
        }
        current.extend(c.to_lowercase());
        i += 1;
    }
    flush(&mut current, &mut words);
    words
}

fn keep_word_at<'k>(chars: &[char], i: usize, keep: &'k [String]) -> Option<&'k str> {
    // Only at the start of a word: the previous character must not continue a lowercase run.
    if i > 0 && chars[i - 1].is_lowercase() && chars[i].is_lowercase() {
        return None;
    }
    keep.iter().map(String::as_str).find(|k| {
        let kc: Vec<char> = k.chars().collect();
        let end = i + kc.len();
        end <= chars.len()
            && chars[i..end] == kc[..]
            && !chars.get(end).is_some_and(|n| n.is_lowercase())
    })
}

fn flush(current: &mut String, words: &mut Vec<String>) {
    if !current.is_empty() {
        words.push(std::mem::take(current));
    }
}

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Makes a finished identifier safe: keywords become raw identifiers (`r#type`), or get a
/// trailing underscore where Rust forbids the raw form (`self_`); a leading digit gets a prefix.
fn safe(ident: String, digit_prefix: &str, empty: &str) -> String {
    let ident = if ident.is_empty() { empty.to_owned() } else { ident };
    let ident = if ident.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{digit_prefix}{ident}")
    } else {
        ident
    };
    if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// `snake_case` identifier for fields, methods and modules.
pub fn snake_ident(words: &[String]) -> String {
    safe(words.join("_"), "_", "value")
}

/// `PascalCase` identifier for types and variants.
pub fn pascal_ident(words: &[String]) -> String {
    safe(pascal_join(words), "V", "Value")
}

fn pascal_join(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// The text of an identifier without its raw prefix (`r#type` -> `type`).
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// The words after the last version marker (`api_magic_v1_CreateRequest` -> `create`,
/// `request`); the whole name when there is none.
pub fn words_after_version(name: &str, keep: &[String]) -> Vec<String> {
    let parts: Vec<&str> = name.split('_').collect();
    let start = parts.iter().rposition(|p| is_version(p)).map_or(0, |i| i + 1);
    let rest = if start >= parts.len() { name.to_owned() } else { parts[start..].join("_") };
    split_words(&rest, keep)
}

/// `v1`, `v2`, `v10`...
pub fn is_version(segment: &str) -> bool {
    let mut cs = segment.chars();
    matches!(cs.next(), Some('v' | 'V'))
        && segment.len() > 1
        && cs.all(|c| c.is_ascii_digit() || c == '.')
}

/// The literal segments of a path after its version segment, parameters skipped:
/// `/v1/users/{user_id}/emails` -> `users`, `emails`.
pub fn path_segments(path: &str) -> Vec<String> {
    let all: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let start = all.iter().position(|s| is_version(s)).map_or(0, |i| i + 1);
    all[start..].iter().filter(|s| !s.starts_with('{')).map(|s| (*s).to_owned()).collect()
}

/// Where an operation lives and what its method is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationName {
    /// Service path as module names (`magic_links`, `email`); empty for a method on the client.
    pub service: Vec<String>,
    pub method: String,
}

/// Inputs to [`operation_name`].
pub struct OperationNaming<'a> {
    pub operation_id: Option<&'a str>,
    pub http_method: &'a str,
    pub path: &'a str,
    /// The literal segment lists ([`path_segments`]) of the operations whose method is named by
    /// their last segment (see [`method_endpoint`]).
    pub endpoints: &'a BTreeSet<Vec<String>>,
    pub keep: &'a [String],
}

/// Derives the service path and method of an operation (the rule is in the README):
///
/// 1. `S` = the path's literal segments after the version, parameters skipped.
/// 2. `W` = the operationId's words after its version marker; without an operationId, the HTTP
///    method, plus `by <param>` when the path ends in a parameter.
/// 3. Trailing segments of `S` spelled by the end of `W` name the method, not a service: the last
///    segment (singular or plural), then each earlier one that is the path of another operation
///    whose own method that segment names (`/passwords/email/reset` is `Reset`, so
///    `/passwords/email/reset/start` is the method `reset_start`; `/m2m/clients` is `Create`, so
///    `/m2m/clients/search` stays `clients().search()`).
/// 4. The remaining segments are the service path; leading words of `W` that repeat them are
///    dropped, and the rest is the method.
pub fn operation_name(input: &OperationNaming<'_>) -> OperationName {
    let segments = path_segments(input.path);
    let verb = match input.operation_id {
        Some(id) => words_after_version(id, input.keep),
        None => fallback_verb(input.http_method, input.path, input.keep),
    };
    let seg_words: Vec<Vec<String>> =
        segments.iter().map(|s| split_words(s, input.keep)).collect();

    // Step 3: how many trailing segments the verb spells.
    // A service keeps at least its first segment, so no method lands on the client itself.
    let mut service_len = segments.len();
    let mut covered_words = 0;
    while service_len > 1 {
        let i = service_len - 1;
        let is_last = i + 1 == segments.len();
        if !is_last && !input.endpoints.contains(&segments[..=i].to_vec()) {
            break;
        }
        let remaining = &verb[..verb.len() - covered_words];
        match suffix_match(remaining, &seg_words[i], is_last) {
            Some(n) => {
                covered_words += n;
                service_len = i;
            }
            None => break,
        }
    }
    let service_words = &seg_words[..service_len];

    // Step 4: drop the leading words that repeat the service path.
    let mut method_words: &[String] = &verb;
    for seg in service_words {
        match prefix_match(method_words, seg) {
            Some(n) if n < method_words.len() => method_words = &method_words[n..],
            _ => break,
        }
    }
    let mut service: Vec<String> = service_words.iter().map(|w| snake_ident(w)).collect();
    if service.is_empty() {
        service.push("root".into());
    }
    OperationName {
        service,
        method: snake_ident(method_words),
    }
}

/// The segments of an operation whose last segment names its method (`/passwords/email/reset`
/// with `PasswordsEmailReset`), or `None`. Collected over the spec for [`OperationNaming::endpoints`].
pub fn method_endpoint(operation_id: Option<&str>, http_method: &str, path: &str, keep: &[String]) -> Option<Vec<String>> {
    let segments = path_segments(path);
    let verb = match operation_id {
        Some(id) => words_after_version(id, keep),
        None => fallback_verb(http_method, path, keep),
    };
    let last = split_words(segments.last()?, keep);
    suffix_match(&verb, &last, true).map(|_| segments)
}

fn fallback_verb(http_method: &str, path: &str, keep: &[String]) -> Vec<String> {
    let mut words = vec![http_method.to_lowercase()];
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    if let Some(param) = last.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
        words.push("by".into());
        words.extend(split_words(param, keep));
    }
    words
}

/// How many words at the end of `words` spell `segment` (joined, ignoring case and separators;
/// `plural` also accepts the segment as the plural of the words).
fn suffix_match(words: &[String], segment: &[String], plural: bool) -> Option<usize> {
    let target = segment.concat();
    (1..=words.len()).find(|&k| {
        let joined = words[words.len() - k..].concat();
        joined == target || (plural && format!("{joined}s") == target)
    })
}

/// How many words at the start of `words` spell `segment`, in the singular or the plural.
fn prefix_match(words: &[String], segment: &[String]) -> Option<usize> {
    let target = segment.concat();
    (1..=words.len()).find(|&k| {
        let joined = words[..k].concat();
        joined == target || format!("{joined}s") == target || joined == format!("{target}s")
    })
}

/// Strips the leading words that repeat a module path from a type name's words:
/// `MagicLinksEmailSendRequest` in `magic_links::email` -> `SendRequest`. The longest tail of the
/// module path that the name repeats whole is dropped (`EmailRiskRequest` in `fraud::email` ->
/// `RiskRequest`); failing that, as many leading module segments as the name repeats. Keeps the
/// words when nothing, or only a digit, would remain.
pub fn strip_module_words(words: &[String], module: &[String], keep: &[String]) -> Vec<String> {
    let segs: Vec<Vec<String>> = module.iter().map(|m| split_words(unraw(m), keep)).collect();
    let strip = |tail: &[Vec<String>], whole: bool| -> Option<&[String]> {
        let mut rest: &[String] = words;
        for seg in tail {
            match prefix_match(rest, seg) {
                Some(n) if n < rest.len() => rest = &rest[n..],
                _ if whole => return None,
                _ => break,
            }
        }
        Some(rest)
    };
    let rest = (0..segs.len())
        .find_map(|start| strip(&segs[start..], true))
        .or_else(|| strip(&segs, false))
        .unwrap_or(words);
    if rest.first().is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit())) {
        words.to_vec()
    } else {
        rest.to_vec()
    }
}

/// One identifier renamed by [`dedupe`]: item `loser` wanted the name item `winner` kept
/// (`None`: a reserved name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    pub loser: usize,
    pub winner: Option<usize>,
}

/// Resolves identifier collisions deterministically. `wanted[i]` is the name item `i` wants;
/// items marked `preferred` (a wire name that is already its Rust spelling, an `x-rust-*`
/// override) claim their name first, then the others in order. An item whose name is taken
/// (or `reserved`) gets the first free (and not otherwise wanted) `<name>_2`, `<name>_3`... (for PascalCase names,
/// `<Name>2`...). Returns the final names and who was renamed.
pub fn dedupe(wanted: &[String], preferred: &[bool], reserved: &BTreeSet<String>) -> (Vec<String>, Vec<Rename>) {
    let mut taken: std::collections::BTreeMap<String, Option<usize>> = reserved.iter().map(|r| (r.clone(), None)).collect();
    let mut out: Vec<Option<String>> = vec![None; wanted.len()];
    let mut renames = Vec::new();
    let order = (0..wanted.len()).filter(|i| preferred.get(*i) == Some(&true)).chain((0..wanted.len()).filter(|i| preferred.get(*i) != Some(&true)));
    for i in order {
        let name = &wanted[i];
        let Some(winner) = taken.get(name).copied() else {
            taken.insert(name.clone(), Some(i));
            out[i] = Some(name.clone());
            continue;
        };
        let base = unraw(name);
        let pascal = base.starts_with(|c: char| c.is_ascii_uppercase());
        let mut n = 2;
        let free = loop {
            let candidate = if pascal { format!("{base}{n}") } else { format!("{base}_{n}") };
            if !taken.contains_key(&candidate) && !wanted.contains(&candidate) {
                break candidate;
            }
            n += 1;
        };
        taken.insert(free.clone(), Some(i));
        out[i] = Some(free);
        renames.push(Rename { loser: i, winner });
    }
    renames.sort_by_key(|r| r.loser);
    (out.into_iter().map(Option::unwrap_or_default).collect(), renames)
}

#[cfg(test)]
mod tests {
    #[test]
    fn collisions_are_resolved_with_numbered_suffixes() {
        let names = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        // `_id` and `id` both want `id`: the exact spelling `id` keeps it wherever it comes.
        let (out, renames) = dedupe(&names(&["id", "id"]), &[false, true], &BTreeSet::new());
        assert_eq!(out, ["id_2", "id"]);
        assert_eq!(renames, [Rename { loser: 0, winner: Some(1) }]);
        // Otherwise the first wins; suffixes skip names already taken and reserved ones.
        let reserved: BTreeSet<String> = ["new".to_owned()].into();
        let (out, _) = dedupe(&names(&["_1", "_1", "_1_2", "new"]), &[false; 4], &reserved);
        assert_eq!(out, ["_1", "_1_3", "_1_2", "new_2"]);
        let (out, _) = dedupe(&names(&["Profile", "Profile", "r#type", "r#type"]), &[false; 4], &BTreeSet::new());
        assert_eq!(out, ["Profile", "Profile2", "r#type", "type_2"]);
    }

    use super::*;

    fn w(s: &str) -> Vec<String> {
        split_words(s, &["OAuth".into(), "WebAuthn".into()])
    }

    #[test]
    fn splits_case_steps_acronyms_digits_and_separators() {
        assert_eq!(w("MagicLinksEmailSend"), ["magic", "links", "email", "send"]);
        assert_eq!(w("userId"), ["user", "id"]);
        assert_eq!(w("HTTPServer"), ["http", "server"]);
        assert_eq!(w("M2mClients"), ["m2m", "clients"]);
        assert_eq!(w("M2MClients"), ["m2m", "clients"]);
        assert_eq!(w("V1Users"), ["v1", "users"]);
        assert_eq!(w("oauth2"), ["oauth2"]);
        assert_eq!(w("pt-br"), ["pt", "br"]);
        assert_eq!(w(".well-known"), ["well", "known"]);
        assert_eq!(w("DeleteOAuthRegistration"), ["delete", "oauth", "registration"]);
        assert_eq!(w("WebAuthnRegistration"), ["webauthn", "registration"]);
        assert_eq!(w("GetJWKS"), ["get", "jwks"]);
    }

    #[test]
    fn keywords_digits_and_empties_are_made_safe() {
        assert_eq!(snake_ident(&w("type")), "r#type");
        assert_eq!(snake_ident(&w("self")), "self_");
        assert_eq!(pascal_ident(&w("self")), "Self_");
        assert_eq!(snake_ident(&w("2fa_code")), "_2fa_code");
        assert_eq!(pascal_ident(&w("2fa")), "V2fa");
        assert_eq!(pascal_ident(&[]), "Value");
        assert_eq!(snake_ident(&w("async")), "r#async");
    }

    #[test]
    fn version_prefix_is_dropped_from_schema_names() {
        assert_eq!(words_after_version("api_magic_v1_CreateRequest", &[]), ["create", "request"]);
        assert_eq!(words_after_version("Pet", &[]), ["pet"]);
        assert_eq!(words_after_version("api_v2", &[]), ["api", "v2"]);
    }

    /// `endpoints`: (operationId, path) of the other operations in the spec.
    fn name(id: Option<&str>, method: &str, path: &str, endpoints: &[(&str, &str)]) -> String {
        let endpoints: BTreeSet<Vec<String>> = endpoints
            .iter()
            .filter_map(|(id, p)| method_endpoint(Some(id), "post", p, &[]))
            .collect();
        let n = operation_name(&OperationNaming {
            operation_id: id,
            http_method: method,
            path,
            endpoints: &endpoints,
            keep: &["OAuth".into(), "WebAuthn".into()],
        });
        let mut parts = n.service;
        parts.push(n.method);
        parts.join(".")
    }

    #[test]
    fn operation_names_follow_the_rule() {
        let ml = [("api_magic_v1_Create", "/v1/magic_links")];
        assert_eq!(name(Some("api_magic_v1_Create"), "post", "/v1/magic_links", &ml), "magic_links.create");
        assert_eq!(
            name(Some("api_magic_v1_MagicLinksEmailSend"), "post", "/v1/magic_links/email/send", &ml),
            "magic_links.email.send"
        );
        // The verb alone gives the same answer.
        assert_eq!(name(Some("api_magic_v1_Send"), "post", "/v1/magic_links/email/send", &ml), "magic_links.email.send");
        let pw = [("api_password_v1_PasswordsEmailReset", "/v1/passwords/email/reset")];
        assert_eq!(
            name(Some("api_password_v1_PasswordsEmailResetStart"), "post", "/v1/passwords/email/reset/start", &pw),
            "passwords.email.reset_start"
        );
        assert_eq!(
            name(Some("api_password_v1_PasswordsEmailReset"), "post", "/v1/passwords/email/reset", &pw),
            "passwords.email.reset"
        );
        // A plural verb word repeats a singular segment.
        assert_eq!(
            name(Some("api_password_v1_PasswordsSessionsReset"), "post", "/v1/passwords/session/reset", &[]),
            "passwords.session.reset"
        );
        assert_eq!(name(Some("api_user_v1_DeleteEmail"), "delete", "/v1/users/emails/{email_id}", &[]), "users.delete_email");
        assert_eq!(
            name(Some("api_user_v1_DeleteExternalId"), "delete", "/v1/users/{user_id}/external_id", &[]),
            "users.delete_external_id"
        );
        let m2m = [
            ("api_m2m_v1_M2mClientsCreate", "/v1/m2m/clients"),
            ("api_m2m_v1_M2mClientsSecretsRotate", "/v1/m2m/clients/{client_id}/secrets/rotate"),
        ];
        assert_eq!(
            name(Some("api_m2m_v1_M2mClientsSecretsRotateStart"), "post", "/v1/m2m/clients/{client_id}/secrets/rotate/start", &m2m),
            "m2m.clients.secrets.rotate_start"
        );
        // `/m2m/clients` is an endpoint, but its method is `create`, so `clients` stays a service.
        assert_eq!(name(Some("api_m2m_v1_M2mClientsSearch"), "post", "/v1/m2m/clients/search", &m2m), "m2m.clients.search");
        assert_eq!(name(Some("api_session_v1_GetJwks"), "get", "/v1/sessions/jwks/{project_id}", &[]), "sessions.get_jwks");
        assert_eq!(name(Some("api_user_v1_Search"), "post", "/v1/users/search", &[]), "users.search");
        assert_eq!(name(Some("api_user_v1_Get"), "get", "/v1/users/{user_id}", &[]), "users.get");
    }

    #[test]
    fn operations_without_an_id_use_method_and_path() {
        assert_eq!(name(None, "GET", "/pets", &[]), "pets.get");
        assert_eq!(name(None, "GET", "/pets/{petId}", &[]), "pets.get_by_pet_id");
        assert_eq!(name(None, "post", "/v2/pets/{id}/toys", &[]), "pets.toys.post");
    }

    #[test]
    fn type_names_drop_words_of_their_module() {
        let words = w("MagicLinksEmailSendRequest");
        let m = ["magic_links".to_string(), "email".to_string()];
        assert_eq!(strip_module_words(&words, &m, &[]), ["send", "request"]);
        assert_eq!(strip_module_words(&w("Attributes"), &m, &[]), ["attributes"]);
        assert_eq!(strip_module_words(&w("CreateRequest"), &m, &[]), ["create", "request"]);
        let fraud = ["fraud".to_string(), "email".to_string()];
        assert_eq!(strip_module_words(&w("EmailRiskRequest"), &fraud, &[]), ["risk", "request"]);
        assert_eq!(strip_module_words(&w("Email"), &fraud, &[]), ["email"]);
    }
}

/// `ClientBuilder` methods of the runtime that a scheme's setter must not take.
const BUILDER_METHODS: &[&str] = &[
    "base_url", "default_base_url", "server_url", "basic_auth", "bearer_auth", "bearer_token_provider", "client_param", "user_agent", "timeout",
    "total_timeout", "connect_timeout", "retry_policy", "max_retries", "http_client", "build", "api_key", "credential",
];

/// The `ClientBuilder` setter of a security scheme, from its snake-case name: `<name>_key` for
/// an API key, `<name>_credentials` for HTTP Basic, `<name>_token` for a token (HTTP, OAuth2,
/// OpenID Connect); a name already ending in the word is not repeated (`api_key`,
/// `user_token`); a runtime method's name gets `_credential` (`timeout_credential`).
pub fn scheme_setter(stem: &str, kind: &crate::ir::SchemeKind) -> String {
    use crate::ir::SchemeKind;
    let word = match kind {
        SchemeKind::ApiKey { .. } => "key",
        SchemeKind::Basic => "credentials",
        SchemeKind::Http { .. } | SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect { .. } => "token",
    };
    let name = if stem == word || stem.ends_with(&format!("_{word}")) { stem.to_owned() } else { format!("{stem}_{word}") };
    if BUILDER_METHODS.contains(&name.as_str()) && name != "api_key" {
        format!("{name}_credential")
    } else {
        name
    }
}

#[cfg(test)]
mod scheme_setter_tests {
    use super::scheme_setter;
    use crate::ir::{KeyLocation, SchemeKind};

    #[test]
    fn setters_name_the_scheme_and_the_credential() {
        let key = SchemeKind::ApiKey { location: KeyLocation::Header, param: "X-Key".into() };
        let token = SchemeKind::OAuth2 { token_url: None, scopes: Vec::new() };
        assert_eq!(scheme_setter("api_key", &key), "api_key");
        assert_eq!(scheme_setter("header_auth", &key), "header_auth_key");
        assert_eq!(scheme_setter("petstore_auth", &token), "petstore_auth_token");
        assert_eq!(scheme_setter("user_token", &token), "user_token");
        assert_eq!(scheme_setter("admin", &SchemeKind::Basic), "admin_credentials");
        assert_eq!(scheme_setter("bearer_auth", &SchemeKind::Http { scheme: "Bearer".into() }), "bearer_auth_token");
        assert_eq!(scheme_setter("timeout", &SchemeKind::Http { scheme: "Bearer".into() }), "timeout_token");
        assert_eq!(scheme_setter("build", &SchemeKind::Basic), "build_credentials");
    }
}
