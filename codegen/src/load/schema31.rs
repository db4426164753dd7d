//! One schema's OpenAPI 3.1 (JSON Schema 2020-12) keywords rewritten to their OpenAPI 3.0 form,
//! in place, before the typed parse. Both forms are accepted in either version: real 3.1 files
//! keep 3.0's `nullable`, boolean `exclusiveMinimum` and `format: binary`, which pass through.
//!
//! | 3.1 | 3.0 |
//! |---|---|
//! | `true` / `false` | `{}` / `{not: {}}` |
//! | `type: [T, "null"]` | `type: T, nullable: true`; several types: a `oneOf`, one branch each |
//! | `type: "null"` alone | `{nullable: true}`, with a warning |
//! | `anyOf`/`oneOf` with a `{type: "null"}` branch | the other branches, `nullable: true` |
//! | `const: v` | `enum: [v]` |
//! | `examples: [a, ...]` | `example: a` |
//! | `exclusiveMinimum: n` | `minimum: n, exclusiveMinimum: true` (same for the maximum) |
//! | `contentEncoding: base64` / `contentMediaType` | `format: byte` / `format: binary` |
//! | `prefixItems` (and `items: [..]`) | `items: {anyOf: [..]}`, with a warning |
//! | `$ref` with validation siblings | `allOf: [{$ref}]` beside them (docs siblings stay) |
//!
//! What 3.0 cannot say is dropped with a warning (`if/then/else`, `dependent*`, `unevaluated*`,
//! `$dynamicRef`, `patternProperties`), or silently when it only validates (`propertyNames`,
//! `contains`, `$id`, `$comment`...). `$defs` are hoisted by `defs.rs`.

use serde_json::{json, Map, Value};

use crate::error::Warning;

/// Keywords 3.0 has no form for, that change what a value may be: dropped with a warning.
const DROPPED: &[&str] = &[
    "if", "then", "else", "dependentSchemas", "dependentRequired", "unevaluatedProperties", "unevaluatedItems",
    "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor", "patternProperties",
];
/// Keywords that only validate, name or annotate: dropped without a word.
const IGNORED: &[&str] = &[
    "$schema", "$id", "$anchor", "$comment", "$vocabulary", "propertyNames", "contains", "minContains",
    "maxContains", "contentSchema", "additionalItems", "dependencies",
];
/// Siblings of a `$ref` that only document it: the lowering reads them from the raw document.
const DOC_SIBLINGS: &[&str] = &["description", "title", "summary", "deprecated", "default", "example", "readOnly", "writeOnly"];

/// Rewrites the schema `value` at `pointer`, held by its parent's `key`; its subschemas are
/// visited after it. A boolean `additionalProperties` is already 3.0.
pub fn rewrite(value: &mut Value, key: &str, pointer: &str, out: &mut Vec<Warning>) {
    match value {
        Value::Bool(_) if key == "additionalProperties" => {}
        Value::Bool(true) => *value = json!({}),
        Value::Bool(false) => *value = json!({"not": {}}),
        Value::Object(map) => rewrite_object(map, pointer, out),
        _ => {}
    }
}

fn rewrite_object(map: &mut Map<String, Value>, pointer: &str, out: &mut Vec<Warning>) {
    let warn = |out: &mut Vec<Warning>, key: &str, message: String| out.push(Warning::new(format!("{pointer}/{}", crate::error::pointer_token(key)), message));
    for key in DROPPED {
        if map.remove(*key).is_some() {
            warn(out, key, format!("`{key}` has no OpenAPI 3.0 form and is not generated; ignored"));
        }
    }
    for key in IGNORED {
        map.remove(*key);
    }
    if map.contains_key("$ref") {
        ref_siblings(map);
        return;
    }
    types(map, pointer, out);
    null_branches(map, "anyOf");
    null_branches(map, "oneOf");
    if let Some(value) = map.remove("const") {
        if value.is_null() {
            map.insert("nullable".into(), Value::Bool(true));
        } else if !map.contains_key("enum") {
            map.insert("enum".into(), Value::Array(vec![value]));
        }
    }
    if let Some(Value::Array(examples)) = map.get("examples") {
        let first = examples.first().cloned();
        map.remove("examples");
        if let (Some(first), false) = (first, map.contains_key("example")) {
            map.insert("example".into(), first);
        }
    }
    for (exclusive, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
        if let Some(n) = map.get(exclusive).filter(|v| v.is_number()).cloned() {
            map.insert(bound.into(), n);
            map.insert(exclusive.into(), Value::Bool(true));
        }
    }
    content(map);
    tuples(map, pointer, out);
}

/// `type` given as a list (or as `"null"`), as 3.0's one type plus `nullable`.
fn types(map: &mut Map<String, Value>, pointer: &str, out: &mut Vec<Warning>) {
    let listed: Vec<String> = match map.get("type") {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        Some(Value::String(t)) if t == "null" => vec![t.clone()],
        _ => return,
    };
    let mut kinds: Vec<String> = listed.iter().filter(|t| *t != "null").cloned().collect();
    kinds.dedup();
    if kinds.len() < listed.len() {
        map.insert("nullable".into(), Value::Bool(true));
    }
    match kinds.as_slice() {
        [] => {
            map.remove("type");
            out.push(Warning::new(format!("{pointer}/type"), "a schema whose only type is `null` is read as any JSON value, nullable"));
        }
        [one] => {
            map.insert("type".into(), Value::String(one.clone()));
        }
        several => {
            map.remove("type");
            let branches = several.iter().map(|t| Value::Object(branch_for(map, t))).collect();
            map.insert("oneOf".into(), Value::Array(branches));
        }
    }
}

/// One branch of a schema with several types: the type, and the keywords that belong to it.
fn branch_for(map: &mut Map<String, Value>, kind: &str) -> Map<String, Value> {
    let own: &[&str] = match kind {
        "array" => &["items", "prefixItems", "minItems", "maxItems", "uniqueItems"],
        "object" => &["properties", "required", "additionalProperties", "minProperties", "maxProperties"],
        "string" => &["format", "pattern", "minLength", "maxLength", "enum"],
        "integer" | "number" => &["minimum", "maximum", "multipleOf"],
        _ => &[],
    };
    let mut branch = Map::new();
    branch.insert("type".into(), Value::String(kind.to_owned()));
    for key in own {
        if let Some(v) = map.remove(*key) {
            branch.insert((*key).to_owned(), v);
        }
    }
    branch
}

fn is_null_schema(value: &Value) -> bool {
    value.get("type").and_then(Value::as_str) == Some("null")
        || value.get("const").is_some_and(Value::is_null)
        || value.get("enum").and_then(Value::as_array).is_some_and(|e| e.len() == 1 && e[0].is_null())
}

/// `anyOf: [X, {type: "null"}]`: the other branches, `nullable`. One branch left is the schema
/// itself: merged in when inline, `allOf: [{$ref}]` when a reference (the form the lowering
/// reads as the same type).
fn null_branches(map: &mut Map<String, Value>, keyword: &str) {
    let Some(Value::Array(branches)) = map.get(keyword) else { return };
    if !branches.iter().any(is_null_schema) {
        return;
    }
    let mut rest: Vec<Value> = branches.iter().filter(|b| !is_null_schema(b)).cloned().collect();
    map.insert("nullable".into(), Value::Bool(true));
    if rest.len() != 1 {
        map.insert(keyword.into(), Value::Array(rest));
        if map[keyword].as_array().is_some_and(Vec::is_empty) {
            map.remove(keyword);
        }
        return;
    }
    map.remove(keyword);
    let only = rest.remove(0);
    match only {
        Value::Object(inner) if !inner.contains_key("$ref") && !map.contains_key("allOf") => {
            for (k, v) in inner {
                map.entry(k).or_insert(v);
            }
        }
        other => {
            let all_of = map.entry("allOf").or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(items) = all_of {
                items.insert(0, other);
            }
        }
    }
}

/// A `$ref` with siblings that constrain (2020-12 applies both): `allOf: [{$ref}]` beside them.
fn ref_siblings(map: &mut Map<String, Value>) {
    let constrains = map.keys().any(|k| k != "$ref" && !k.starts_with("x-") && !DOC_SIBLINGS.contains(&k.as_str()));
    if constrains {
        let reference = map.remove("$ref").unwrap_or_default();
        let all_of = map.entry("allOf").or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(items) = all_of {
            items.insert(0, json!({"$ref": reference}));
        }
    }
}

/// `contentEncoding` / `contentMediaType` on a string as 3.0's `format`.
fn content(map: &mut Map<String, Value>) {
    let encoding = map.remove("contentEncoding");
    let media = map.remove("contentMediaType");
    if map.contains_key("format") {
        return;
    }
    let base64 = encoding.as_ref().and_then(Value::as_str).is_some_and(|e| e.starts_with("base64"));
    let textual = media.as_ref().and_then(Value::as_str).is_some_and(|m| m.starts_with("text/") || m.contains("json") || m.contains("xml"));
    let format = if base64 {
        "byte"
    } else if media.is_some() && !textual {
        "binary"
    } else {
        return;
    };
    map.entry("type").or_insert_with(|| Value::String("string".into()));
    map.insert("format".into(), Value::String(format.into()));
}

/// Tuples (`prefixItems`, or draft-04's `items: [..]`): 3.0 has one item schema, so the items
/// are any of the listed ones.
fn tuples(map: &mut Map<String, Value>, pointer: &str, out: &mut Vec<Warning>) {
    let (key, listed) = match (map.remove("prefixItems"), map.get("items")) {
        (Some(Value::Array(prefix)), _) => ("prefixItems", prefix),
        (_, Some(Value::Array(items))) => ("items", items.clone()),
        _ => return,
    };
    let rest = map.remove("items").filter(Value::is_object);
    let mut members = listed;
    members.extend(rest);
    let items = if members.len() == 1 { members.remove(0) } else { json!({"anyOf": members}) };
    map.insert("items".into(), items);
    out.push(Warning::new(format!("{pointer}/{key}"), "a tuple has no OpenAPI 3.0 form; its items are read as any of the listed schemas"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(mut value: Value) -> (Value, Vec<String>) {
        let mut out = Vec::new();
        rewrite(&mut value, "items", "#/s", &mut out);
        (value, out.into_iter().map(|w| w.to_string()).collect())
    }

    #[test]
    fn type_lists_and_null_branches_become_nullable() {
        assert_eq!(rewritten(json!({"type": ["string", "null"]})).0, json!({"type": "string", "nullable": true}));
        assert_eq!(
            rewritten(json!({"type": ["string", "array"], "items": {"type": "integer"}})).0,
            json!({"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "integer"}}]})
        );
        assert_eq!(
            rewritten(json!({"description": "d", "anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]})).0,
            json!({"description": "d", "nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]})
        );
        assert_eq!(rewritten(json!({"oneOf": [{"type": "integer"}, {"type": "null"}]})).0, json!({"nullable": true, "type": "integer"}));
        let (v, w) = rewritten(json!({"type": "null"}));
        assert_eq!((v, w.len()), (json!({"nullable": true}), 1));
    }

    #[test]
    fn keywords_with_a_3_0_form() {
        assert_eq!(rewritten(json!({"const": "x"})).0, json!({"enum": ["x"]}));
        assert_eq!(rewritten(json!({"type": "integer", "examples": [3, 4]})).0, json!({"type": "integer", "example": 3}));
        assert_eq!(rewritten(json!({"exclusiveMinimum": 0})).0, json!({"exclusiveMinimum": true, "minimum": 0}));
        assert_eq!(rewritten(json!({"exclusiveMinimum": true, "minimum": 1})).0, json!({"exclusiveMinimum": true, "minimum": 1}));
        assert_eq!(rewritten(json!({"type": "string", "contentEncoding": "base64"})).0, json!({"type": "string", "format": "byte"}));
        assert_eq!(rewritten(json!({"contentMediaType": "image/png"})).0, json!({"type": "string", "format": "binary"}));
        assert_eq!(rewritten(json!(true)).0, json!({}));
        assert_eq!(rewritten(json!(false)).0, json!({"not": {}}));
        assert_eq!(rewritten(json!({"$ref": "#/x", "description": "d"})).0, json!({"$ref": "#/x", "description": "d"}));
        assert_eq!(rewritten(json!({"$ref": "#/x", "maxLength": 3})).0, json!({"maxLength": 3, "allOf": [{"$ref": "#/x"}]}));
    }

    #[test]
    fn what_3_0_cannot_say_is_dropped_with_a_warning() {
        let (v, w) = rewritten(json!({"type": "object", "if": {}, "then": {}, "unevaluatedProperties": false, "$comment": "c"}));
        assert_eq!(v, json!({"type": "object"}));
        assert_eq!(w, [
            "warning: at #/s/if: `if` has no OpenAPI 3.0 form and is not generated; ignored",
            "warning: at #/s/then: `then` has no OpenAPI 3.0 form and is not generated; ignored",
            "warning: at #/s/unevaluatedProperties: `unevaluatedProperties` has no OpenAPI 3.0 form and is not generated; ignored",
        ]);
        let (v, w) = rewritten(json!({"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]}));
        assert_eq!(v, json!({"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}}));
        assert_eq!(w.len(), 1);
    }
}
