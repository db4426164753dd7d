//! JSON Schema `$defs` (OpenAPI 3.1), and `definitions`, their draft-07 name that real 3.1 files
//! still use inside schemas (Codat), hoisted into `components.schemas`, where OpenAPI 3.0 keeps
//! named schemas, with every `$ref` into them rewritten: a definition keeps its name, or becomes
//! `<Owner>_<name>` when the name is taken. So its type is named after it, not after its owner.

use serde_json::{Map, Value};

use super::grammar::Kind;
use super::reference::unescape;
use crate::error::pointer_token;

const KEYWORDS: [&str; 2] = ["$defs", "definitions"];

/// Hoists every `$defs` of `document`; returns each hoisted schema's new pointer and old one.
pub fn hoist(document: &mut Value) -> Vec<(String, String)> {
    let mut owners = Vec::new();
    super::walk::each(document, &mut |kind, _, value, pointer| {
        for keyword in KEYWORDS {
            if kind == Kind::Schema && value.get(keyword).is_some_and(Value::is_object) {
                owners.push((pointer.to_owned(), keyword));
            }
        }
    });
    // The deepest first, so that a definition inside a definition moves before its owner.
    owners.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    let mut targets = Vec::new();
    references(document, &mut targets);
    let mut moved = Vec::new();
    for (owner, keyword) in owners {
        let Some(Value::Object(defs)) = document.pointer_mut(&owner[1..]).and_then(|v| v.as_object_mut()).and_then(|m| m.remove(keyword)) else {
            continue;
        };
        let owner_name = owner.rsplit('/').next().map(unescape).unwrap_or_default();
        // All of them in first, so that references between them are rewritten too. One that
        // nothing refers to is dropped, like any schema of another file that nothing refers to
        // (a bundled file's own `definitions` are already components).
        let mut renamed = Vec::new();
        let mut keep = Map::new();
        for (name, schema) in defs {
            let old = format!("{owner}/{keyword}/{}", pointer_token(&name));
            if !targets.iter().any(|t| t == &old || t.strip_prefix(old.as_str()).is_some_and(|rest| rest.starts_with('/'))) {
                continue;
            }
            if !is_schema(&schema) {
                // Left where it is, as before: the lowering reads it through the pointer.
                keep.insert(name, schema);
                continue;
            }
            let new_name = free_name(document, &name, &owner_name);
            renamed.push((format!("#/components/schemas/{}", pointer_token(&new_name)), old));
            schemas(document).insert(new_name, schema);
        }
        if !keep.is_empty() {
            if let Some(owner) = document.pointer_mut(&owner[1..]).and_then(|v| v.as_object_mut()) {
                owner.insert(keyword.to_owned(), Value::Object(keep));
            }
        }
        for (new, old) in renamed {
            rewrite_refs(document, &old, &new);
            moved.push((new, old));
        }
    }
    moved
}

fn schemas(document: &mut Value) -> &mut Map<String, Value> {
    let root = document.as_object_mut().expect("an OpenAPI document is a mapping");
    let components = root.entry("components").or_insert_with(|| Value::Object(Map::new()));
    if !components.is_object() {
        *components = Value::Object(Map::new());
    }
    let schemas = components.as_object_mut().expect("made a mapping").entry("schemas").or_insert_with(|| Value::Object(Map::new()));
    if !schemas.is_object() {
        *schemas = Value::Object(Map::new());
    }
    schemas.as_object_mut().expect("made a mapping")
}

fn free_name(document: &mut Value, name: &str, owner: &str) -> String {
    let taken = schemas(document);
    let mut candidates = std::iter::once(name.to_owned()).chain(std::iter::once(format!("{owner}_{name}"))).chain((2..).map(|i| format!("{owner}_{name}_{i}")));
    candidates.find(|c| !taken.contains_key(c)).unwrap_or_default()
}

/// Every `$ref` (and discriminator mapping) naming `old` or a place inside it, pointed at `new`.
pub fn rewrite_refs(value: &mut Value, old: &str, new: &str) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                match child {
                    Value::String(text) if key == "$ref" => retarget(text, old, new),
                    Value::Object(mapping) if key == "mapping" => {
                        for target in mapping.values_mut() {
                            if let Value::String(text) = target {
                                retarget(text, old, new);
                            }
                        }
                    }
                    _ => rewrite_refs(child, old, new),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rewrite_refs(v, old, new)),
        _ => {}
    }
}

/// Whether `value` reads as a schema once small mistakes are coerced (Codat has a definition
/// whose `type` is a mapping: hoisted, it would make the whole document unreadable).
fn is_schema(value: &Value) -> bool {
    let mut value = value.clone();
    super::coerce::coerce(&mut value);
    Kind::Schema.check(&value).is_none()
}

/// Every `$ref` and discriminator mapping of `value`.
fn references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match child {
                    Value::String(text) if key == "$ref" => out.push(text.clone()),
                    Value::Object(mapping) if key == "mapping" => out.extend(mapping.values().filter_map(Value::as_str).map(str::to_owned)),
                    _ => references(child, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

fn retarget(text: &mut String, old: &str, new: &str) {
    if let Some(rest) = text.strip_prefix(old).filter(|rest| rest.is_empty() || rest.starts_with('/')) {
        *text = format!("{new}{rest}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hoists_defs_and_renames_a_taken_name() {
        let mut doc = serde_json::json!({"components": {"schemas": {
            "Pet": {"type": "object", "properties": {"tag": {"$ref": "#/components/schemas/Pet/$defs/Tag"}, "owner": {"$ref": "#/components/schemas/Pet/$defs/Owner"}},
                "$defs": {"Tag": {"type": "string"}, "Owner": {"type": "object"}}},
            "Owner": {"type": "integer"}
        }}});
        let moved = hoist(&mut doc);
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["Pet"]["properties"]["tag"]["$ref"], "#/components/schemas/Tag");
        assert_eq!(schemas["Pet"]["properties"]["owner"]["$ref"], "#/components/schemas/Pet_Owner");
        assert_eq!(schemas["Pet_Owner"]["type"], "object");
        assert!(schemas["Pet"].get("$defs").is_none());
        assert_eq!(moved[0], ("#/components/schemas/Tag".to_owned(), "#/components/schemas/Pet/$defs/Tag".to_owned()));
    }

    #[test]
    fn hoists_draft_07_definitions_inside_a_schema() {
        let mut doc = serde_json::json!({"components": {"schemas": {"Account": {"properties": {"kind": {"$ref": "#/components/schemas/Account/definitions/kind"}},
            "definitions": {"list": {"items": {"$ref": "#/components/schemas/Account/definitions/kind"}}, "kind": {"type": "string", "enum": ["a", "b"]}, "unused": {"type": "string"}, "bad": {"type": {"enum": ["x"]}}}},
            "Other": {"properties": {"list": {"$ref": "#/components/schemas/Account/definitions/list"}, "bad": {"$ref": "#/components/schemas/Account/definitions/bad"}}}}}});
        hoist(&mut doc);
        assert_eq!(doc["components"]["schemas"]["Account"]["properties"]["kind"]["$ref"], "#/components/schemas/kind");
        assert_eq!(doc["components"]["schemas"]["kind"]["type"], "string");
        assert_eq!(doc["components"]["schemas"]["list"]["items"]["$ref"], "#/components/schemas/kind", "a reference between definitions");
        assert!(doc["components"]["schemas"].get("unused").is_none(), "nothing refers to it");
        assert_eq!(doc["components"]["schemas"]["Account"]["definitions"]["bad"]["type"]["enum"][0], "x", "not a schema: left in place");
    }
}
