//! OpenAPI 3.1 and 3.2 documents rewritten, in place, to the OpenAPI 3.0 shape the typed model
//! reads, so that lowering and emitting see one IR whatever version came in. Run on every 3.x
//! document (a 3.0 file may use 3.1 forms, and a 3.1 file 3.0 ones); a Swagger 2.0 document is
//! converted to 3.0 first (`v2.rs`).
//!
//! - Each schema: `schema31.rs`; `$defs`: `defs.rs`.
//! - `webhooks` (requests the API sends, not calls a client makes): dropped with a warning each.
//! - `jsonSchemaDialect`: dropped, with a warning unless it is the OpenAPI default.
//! - `components.pathItems` (3.1) and `components.mediaTypes` (3.2): inlined where referenced.
//! - `info.summary`: dropped; `license.identifier`: the SPDX page as the `url`.
//! - A `mutualTLS` security scheme, a `deviceAuthorization` OAuth2 flow (3.2): dropped with a
//!   warning (the client cannot supply them).
//! - 3.2: the `query` method and `additionalOperations`, `in: querystring` parameters,
//!   `itemSchema` (sequential media types), tag `parent`/`kind`: dropped with a warning.

use serde_json::{Map, Value};

use super::grammar::Kind;
use super::{defs, schema31, walk};
use crate::error::{pointer_token, Warning};

const DEFAULT_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

/// What the translation changed: warnings, and (new pointer, old pointer) for moved parts.
#[derive(Debug, Default)]
pub struct Translated {
    pub warnings: Vec<Warning>,
    pub moved: Vec<(String, String)>,
}

/// Rewrites `document` to the OpenAPI 3.0 shape.
pub fn translate(document: &mut Value) -> Translated {
    let mut out = Vec::new();
    let Some(root) = document.as_object_mut() else { return Translated::default() };
    let newer = root.get("openapi").and_then(Value::as_str).is_some_and(|v| !v.starts_with("3.0"));
    top_level(root, &mut out);
    inline_components(root, "pathItems");
    inline_components(root, "mediaTypes");
    if newer {
        root.insert("openapi".into(), Value::String("3.0.3".into()));
    }
    walk::each(document, &mut |kind, key, value, pointer| visit(kind, key, value, pointer, &mut out));
    let moved = defs::hoist(document);
    Translated { warnings: out, moved }
}

fn top_level(root: &mut Map<String, Value>, out: &mut Vec<Warning>) {
    if let Some(Value::Object(hooks)) = root.remove("webhooks") {
        for name in hooks.keys() {
            out.push(Warning::new(format!("#/webhooks/{}", pointer_token(name)), "a webhook (a request the API sends) is not generated; ignored"));
        }
    }
    if let Some(dialect) = root.remove("jsonSchemaDialect") {
        if dialect.as_str() != Some(DEFAULT_DIALECT) {
            out.push(Warning::new("#/jsonSchemaDialect", format!("schemas are read as JSON Schema 2020-12 with the OpenAPI vocabulary, not as {dialect}")));
        }
    }
    root.remove("$self");
    root.entry("paths").or_insert_with(|| Value::Object(Map::new()));
    if let Some(Value::Object(info)) = root.get_mut("info") {
        info.remove("summary");
        if let Some(Value::Object(license)) = info.get_mut("license") {
            if let Some(Value::String(id)) = license.remove("identifier") {
                license.entry("url").or_insert_with(|| Value::String(format!("https://spdx.org/licenses/{id}.html")));
            }
        }
    }
    if let Some(Value::Array(tags)) = root.get_mut("tags") {
        for (i, tag) in tags.iter_mut().enumerate() {
            let Some(tag) = tag.as_object_mut() else { continue };
            tag.remove("summary");
            tag.remove("kind");
            if tag.remove("parent").is_some() {
                out.push(Warning::new(format!("#/tags/{i}/parent"), "tag parents are not used to group operations; ignored"));
            }
        }
    }
}

/// Inlines the `$ref`s to `#/components/<section>/NAME` (which 3.0 has no section for), with
/// the reference's own `summary`/`description` kept over the target's, and drops the section.
fn inline_components(root: &mut Map<String, Value>, section: &str) {
    let Some(Value::Object(items)) = root.get_mut("components").and_then(|c| c.as_object_mut()).and_then(|c| c.remove(section)) else { return };
    let prefix = format!("#/components/{section}/");
    for value in root.values_mut() {
        inline(value, &prefix, &items, &mut Vec::new());
    }
}

/// Replaces each reference into `items` under `value` by a copy of its target; a reference
/// inside its own target (a cycle, through a callback) is left as it is.
fn inline(value: &mut Value, prefix: &str, items: &Map<String, Value>, inside: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            let target = map.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix(prefix)).map(super::reference::unescape);
            if let Some((name, item)) = target.and_then(|name| items.get(&name).map(|item| (name, item))).filter(|(name, _)| !inside.contains(name)) {
                let mut copy = item.clone();
                if let Value::Object(copied) = &mut copy {
                    for key in ["summary", "description"] {
                        if let Some(v) = map.get(key) {
                            copied.insert(key.to_owned(), v.clone());
                        }
                    }
                }
                *value = copy;
                inside.push(name);
                inline(value, prefix, items, inside);
                inside.pop();
                return;
            }
            map.values_mut().for_each(|v| inline(v, prefix, items, inside));
        }
        Value::Array(list) => list.iter_mut().for_each(|v| inline(v, prefix, items, inside)),
        _ => {}
    }
}

fn visit(kind: Kind, key: &str, value: &mut Value, pointer: &str, out: &mut Vec<Warning>) {
    if kind == Kind::Schema {
        schema31::rewrite(value, key, pointer, out);
        return;
    }
    let Some(map) = value.as_object_mut() else { return };
    let mut drop = |map: &mut Map<String, Value>, key: &str, why: &str| {
        if map.remove(key).is_some() {
            out.push(Warning::new(format!("{pointer}/{}", pointer_token(key)), why.to_owned()));
        }
    };
    match kind {
        Kind::PathItem => {
            drop(map, "query", "the `query` method (OpenAPI 3.2) is not generated yet; operation left out");
            drop(map, "additionalOperations", "`additionalOperations` (OpenAPI 3.2) are not generated yet; left out");
            querystring(map, pointer, out);
        }
        Kind::Operation => {
            querystring(map, pointer, out);
            // 3.1 makes `responses` optional.
            map.entry("responses").or_insert_with(|| Value::Object(Map::new()));
        }
        Kind::MediaType => {
            drop(map, "itemSchema", "a stream of items (`itemSchema`, OpenAPI 3.2) is not typed yet; the body is read as raw bytes");
            map.remove("itemEncoding");
            map.remove("prefixEncoding");
        }
        Kind::SecurityScheme => {
            map.remove("deprecated");
            map.remove("oauth2MetadataUrl");
            if let Some(Value::Object(flows)) = map.get_mut("flows") {
                if flows.remove("deviceAuthorization").is_some() {
                    out.push(Warning::new(format!("{pointer}/flows/deviceAuthorization"), "the OAuth2 device authorization flow is not supported; ignored"));
                }
            }
        }
        Kind::Components => {
            if let Some(Value::Object(schemes)) = map.get_mut("securitySchemes") {
                let mtls: Vec<String> = schemes.iter().filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("mutualTLS")).map(|(k, _)| k.clone()).collect();
                for name in mtls {
                    schemes.remove(&name);
                    out.push(Warning::new(format!("{pointer}/securitySchemes/{}", pointer_token(&name)), "a `mutualTLS` scheme needs the client's TLS setup, which is not generated; ignored"));
                }
            }
        }
        _ => {}
    }
}

/// `in: querystring` parameters (the whole query string as one value, OpenAPI 3.2): left out.
fn querystring(map: &mut Map<String, Value>, pointer: &str, out: &mut Vec<Warning>) {
    let Some(Value::Array(params)) = map.get_mut("parameters") else { return };
    let mut i = 0;
    params.retain(|p| {
        let keep = p.get("in").and_then(Value::as_str) != Some("querystring");
        if !keep {
            out.push(Warning::new(format!("{pointer}/parameters/{i}"), "an `in: querystring` parameter (OpenAPI 3.2) is not generated yet; left out"));
        }
        i += 1;
        keep
    });
}
