//! Lenient loading: real specs carry small type mistakes that a strict deserializer rejects
//! (`version: 1.0`, an integer in a string `enum`, `required: true` on a schema, `"true"` for a
//! boolean). Before the typed parse, the raw tree is walked and each such value is coerced to
//! the type OpenAPI 3.0 asks for, or dropped when it cannot be; every change is a [`Warning`]
//! naming its JSON pointer.

use serde_json::{Map, Value};

use crate::error::{pointer_token, Warning};

/// Keys whose value must be a string wherever they appear as a scalar.
const STRING_KEYS: &[&str] = &[
    "title", "version", "description", "summary", "format", "pattern", "operationId", "name", "url",
    "termsOfService", "email", "in", "style", "propertyName", "$ref", "contentType", "scheme",
    "bearerFormat", "openIdConnectUrl", "authorizationUrl", "tokenUrl", "refreshUrl", "externalValue",
    "operationRef", "namespace", "prefix",
];
/// Keys whose value must be a boolean.
const BOOL_KEYS: &[&str] = &[
    "nullable", "deprecated", "readOnly", "writeOnly", "explode", "allowReserved", "uniqueItems",
    "exclusiveMinimum", "exclusiveMaximum", "allowEmptyValue", "attribute", "wrapped",
];
/// Keys whose value must be a non-negative integer.
const COUNT_KEYS: &[&str] = &["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"];
/// Keys whose value must be a number.
const NUMBER_KEYS: &[&str] = &["minimum", "maximum", "multipleOf"];
/// Keys whose values are free-form data: nothing below them is coerced.
const OPAQUE_KEYS: &[&str] = &["example", "examples", "default", "const"];

/// Coerces `value` in place; returns what was changed.
pub fn coerce(value: &mut Value) -> Vec<Warning> {
    let mut warnings = Vec::new();
    walk(value, "#", &mut warnings);
    warnings
}

fn walk(value: &mut Value, pointer: &str, out: &mut Vec<Warning>) {
    match value {
        Value::Object(map) => {
            fix_object(map, pointer, out);
            for (key, child) in map.iter_mut() {
                if OPAQUE_KEYS.contains(&key.as_str()) || key.starts_with("x-") {
                    continue;
                }
                walk(child, &format!("{pointer}/{}", pointer_token(key)), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter_mut().enumerate() {
                walk(child, &format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn fix_object(map: &mut Map<String, Value>, pointer: &str, out: &mut Vec<Warning>) {
    let keys: Vec<String> = map.keys().cloned().collect();
    for key in keys {
        let at = format!("{pointer}/{}", pointer_token(&key));
        let value = &map[&key];
        if key == "callbacks" && pointer != "#/components" {
            if let Some(kept) = drop_callback_refs(value) {
                out.push(Warning::new(&at, "a callback given as a `$ref` is not read (callbacks are not generated); ignored"));
                map.insert(key, kept);
            }
            continue;
        }
        // A mapping is never a valid value for these keys: the key is a name (a property
        // called `required`, a schema called `version`), not a field.
        let fixed = if value.is_object() {
            None
        } else if STRING_KEYS.contains(&key.as_str()) {
            match value {
                Value::Number(_) | Value::Bool(_) => Some(Some(Value::String(scalar_text(value)))),
                _ => None,
            }
        } else if BOOL_KEYS.contains(&key.as_str()) {
            match value {
                Value::Bool(_) => None,
                Value::String(s) if s == "true" || s == "false" => Some(Some(Value::Bool(s == "true"))),
                // OpenAPI 3.1's numeric `exclusiveMinimum`, or anything else: dropped.
                _ => Some(None),
            }
        } else if COUNT_KEYS.contains(&key.as_str()) {
            match value {
                Value::Number(n) if n.is_u64() => None,
                _ => Some(as_number(value).filter(|n| *n >= 0.0).map(|n| Value::from(n as u64))),
            }
        } else if NUMBER_KEYS.contains(&key.as_str()) {
            match value {
                Value::Number(_) => None,
                _ => Some(as_number(value).and_then(serde_json::Number::from_f64).map(Value::Number)),
            }
        } else if key == "required" {
            fix_required(map, value)
        } else if key == "enum" {
            fix_enum(map, value)
        } else {
            None
        };
        match fixed {
            None => {}
            Some(Some(new)) => {
                let message = match &map[&key] {
                    Value::Array(_) => format!("`{key}` holds values of the wrong type; read as {new}"),
                    old => format!("`{key}` should not be {}; read as {new}", describe(old)),
                };
                out.push(Warning::new(&at, message));
                map.insert(key, new);
            }
            Some(None) => {
                out.push(Warning::new(&at, format!("`{key}` cannot be {}; ignored", describe(&map[&key]))));
                map.remove(&key);
            }
        }
    }
}

/// An operation's `callbacks` without the entries that are references, which OpenAPI 3.0
/// allows but the typed model does not; `None` when there are none. The generator ignores
/// callbacks, so nothing is lost from the crate.
fn drop_callback_refs(value: &Value) -> Option<Value> {
    let Value::Object(callbacks) = value else { return None };
    let is_ref = |v: &Value| v.get("$ref").is_some_and(Value::is_string);
    if !callbacks.values().any(is_ref) {
        return None;
    }
    Some(Value::Object(callbacks.iter().filter(|(_, v)| !is_ref(v)).map(|(k, v)| (k.clone(), v.clone())).collect()))
}

/// `required` is a list of names on a schema and a boolean on a parameter, header or body.
fn fix_required(map: &Map<String, Value>, value: &Value) -> Option<Option<Value>> {
    let boolean_owner = ["in", "schema", "content"].iter().any(|k| map.contains_key(*k));
    match value {
        Value::Bool(_) if boolean_owner => None,
        Value::String(s) if boolean_owner && (s == "true" || s == "false") => Some(Some(Value::Bool(s == "true"))),
        Value::Array(items) if !boolean_owner => {
            if items.iter().all(Value::is_string) {
                None
            } else {
                Some(Some(Value::Array(items.iter().filter(|v| v.is_string()).cloned().collect())))
            }
        }
        _ => Some(None),
    }
}

/// `enum` values must match the schema's `type`: texts for strings, numbers for numbers.
fn fix_enum(map: &Map<String, Value>, value: &Value) -> Option<Option<Value>> {
    let Value::Array(items) = value else { return Some(None) };
    let kind = map.get("type").and_then(Value::as_str).unwrap_or("");
    let fix_item = |v: &Value| -> Option<Value> {
        match (kind, v) {
            (_, Value::Null) => Some(Value::Null),
            ("string", Value::String(_)) => Some(v.clone()),
            ("string", Value::Number(_) | Value::Bool(_)) => Some(Value::String(scalar_text(v))),
            ("integer", Value::Number(n)) if n.is_i64() => Some(v.clone()),
            ("integer", _) => as_number(v).filter(|n| n.fract() == 0.0).map(|n| Value::from(n as i64)),
            ("number", Value::Number(_)) => Some(v.clone()),
            ("number", _) => as_number(v).and_then(serde_json::Number::from_f64).map(Value::Number),
            ("boolean", Value::Bool(_)) => Some(v.clone()),
            ("boolean", Value::String(s)) if s == "true" || s == "false" => Some(Value::Bool(s == "true")),
            ("string" | "boolean", _) => None,
            _ => Some(v.clone()),
        }
    };
    let fixed: Vec<Value> = items.iter().filter_map(fix_item).collect();
    if fixed == *items {
        None
    } else {
        Some(Some(Value::Array(fixed)))
    }
}

fn as_number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn describe(value: &Value) -> String {
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    };
    match value {
        Value::Array(_) | Value::Object(_) => kind.to_owned(),
        other => format!("{kind} ({other})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coerces_known_fields_and_reports_each() {
        let mut v = serde_json::json!({
            "info": {"title": "T", "version": 1.0},
            "components": {"schemas": {"A": {
                "type": "object", "required": true, "nullable": "true",
                "properties": {"e": {"type": "string", "enum": ["a", 1, true]}, "n": {"type": "integer", "enum": ["2", "x"]}},
                "example": {"version": 3}
            }}}
        });
        let warnings = coerce(&mut v);
        assert_eq!(v["info"]["version"], "1.0");
        let a = &v["components"]["schemas"]["A"];
        assert!(a.get("required").is_none());
        assert_eq!(a["nullable"], true);
        assert_eq!(a["properties"]["e"]["enum"], serde_json::json!(["a", "1", "true"]));
        assert_eq!(a["properties"]["n"]["enum"], serde_json::json!([2]));
        assert_eq!(a["example"]["version"], 3, "examples are left alone");
        let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert!(pointers.contains(&"#/info/version"), "{pointers:?}");
        assert!(pointers.contains(&"#/components/schemas/A/required"), "{pointers:?}");
        assert_eq!(warnings.len(), 5, "{warnings:?}");
    }

    #[test]
    fn drops_callbacks_given_as_references() {
        let mut v = serde_json::json!({"paths": {"/a": {"post": {"callbacks": {
            "byRef": {"$ref": "#/components/callbacks/hook"},
            "inline": {"{$request.body#/url}": {"post": {"responses": {"200": {"description": "ok"}}}}}
        }}}}});
        let warnings = coerce(&mut v);
        let callbacks = &v["paths"]["/a"]["post"]["callbacks"];
        assert!(callbacks.get("byRef").is_none());
        assert!(callbacks.get("inline").is_some());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].pointer, "#/paths/~1a/post/callbacks");
    }

    #[test]
    fn leaves_a_valid_document_alone() {
        let mut v = serde_json::json!({"paths": {"/a": {"get": {"parameters": [{"name": "x", "in": "query", "required": true}]}}}});
        let before = v.clone();
        assert!(coerce(&mut v).is_empty());
        assert_eq!(v, before);
    }
}
