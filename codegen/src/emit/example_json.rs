//! Example JSON values built from the IR, with every field set: the bodies the generated wire
//! tests send and serve. A field takes the spec's `example` when it has one that fits its type;
//! other values are chosen so that decoding and re-encoding gives the same JSON (`1.5` for
//! floats, the first value for enums, the tag for discriminated unions).

use serde_json::{json, Map, Value};

use crate::emit::typeref::TypeIndex;
use crate::ir::{TypeKind, TypeRef};

/// An example of `ty` with every field set, except optional fields of a type already being
/// built (recursive types stop there). `stack` holds the ids of the types being built.
pub fn example(ty: &TypeRef, index: &TypeIndex<'_>, name: &str, stack: &mut Vec<String>) -> Value {
    match ty {
        TypeRef::String | TypeRef::Bytes | TypeRef::File => Value::String(format!("example-{name}")),
        TypeRef::Bool => Value::Bool(true),
        TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 => json!(1),
        TypeRef::F32 | TypeRef::F64 => json!(1.5),
        TypeRef::Json => json!({"any": "json"}),
        TypeRef::JsonObject => json!({"key": "value"}),
        TypeRef::Array(inner) => Value::Array(vec![example(inner, index, name, stack)]),
        TypeRef::Map(inner) => json!({"key": example(inner, index, name, stack)}),
        TypeRef::Nullable(inner) => example(inner, index, name, stack),
        // A type that requires itself (found by the property tests) has no finite example.
        TypeRef::Named(id) if stack.contains(id) => Value::Null,
        TypeRef::Named(id) => {
            stack.push(id.clone());
            let value = named(id, index, stack);
            stack.pop();
            value
        }
    }
}

fn named(id: &str, index: &TypeIndex<'_>, stack: &mut Vec<String>) -> Value {
    let def = index.get(id);
    match &def.kind {
        TypeKind::Struct { .. } | TypeKind::Multipart { .. } => {
            let mut object = Map::new();
            for f in def.kind.fields() {
                if !f.required && refers_to_any(&f.ty, stack) {
                    continue;
                }
                let value = match f.example.as_ref().filter(|v| fits(v, &f.ty, index)) {
                    Some(given) => given.clone(),
                    None => example(&f.ty, index, &f.name, stack),
                };
                object.insert(f.name.clone(), value);
            }
            Value::Object(object)
        }
        TypeKind::StringEnum { variants, .. } => {
            Value::String(variants.first().map_or_else(|| "example".to_owned(), |v| v.value.clone()))
        }
        TypeKind::Union { variants, discriminator } => match variants.first() {
            None => json!({"any": "json"}),
            Some(v) => {
                let mut value = example(&v.ty, index, "variant", stack);
                if let (Some(prop), Some(tag), Value::Object(map)) = (discriminator, &v.tag, &mut value) {
                    map.insert(prop.clone(), Value::String(tag.clone()));
                }
                value
            }
        },
        TypeKind::Alias { ty } => example(ty, index, &def.name, stack),
    }
}

/// Whether a spec `example` can stand for a value of `ty` and comes back unchanged from a
/// decode and re-encode: `null` (an absent `Option`), an integer for a float (re-encoded as
/// `1.0`), a value an enum does not list, or a whole object for a struct (built from its
/// fields' own examples instead) do not.
pub fn fits(value: &Value, ty: &TypeRef, index: &TypeIndex<'_>) -> bool {
    match (ty, value) {
        (_, Value::Null) => false,
        (TypeRef::String | TypeRef::Bytes, Value::String(_)) | (TypeRef::Bool, Value::Bool(_)) | (TypeRef::Json, _) => true,
        (TypeRef::I32, Value::Number(n)) => n.as_i64().is_some_and(|v| i32::try_from(v).is_ok()),
        (TypeRef::I64, Value::Number(n)) => n.as_i64().is_some(),
        (TypeRef::U32, Value::Number(n)) => n.as_u64().is_some_and(|v| u32::try_from(v).is_ok()),
        (TypeRef::U64, Value::Number(n)) => n.as_u64().is_some(),
        (TypeRef::F32 | TypeRef::F64, Value::Number(n)) => n.is_f64(),
        (TypeRef::JsonObject, Value::Object(_)) => true,
        (TypeRef::Array(t), Value::Array(items)) => items.iter().all(|v| fits(v, t, index)),
        (TypeRef::Map(t), Value::Object(map)) => map.values().all(|v| fits(v, t, index)),
        (TypeRef::Nullable(t), v) => fits(v, t, index),
        (TypeRef::Named(id), v) => match &index.get(id).kind {
            TypeKind::StringEnum { variants, .. } => v.as_str().is_some_and(|s| variants.iter().any(|x| x.value == s)),
            TypeKind::Alias { ty } => fits(v, ty, index),
            TypeKind::Struct { .. } | TypeKind::Union { .. } | TypeKind::Multipart { .. } => false,
        },
        _ => false,
    }
}

fn refers_to_any(ty: &TypeRef, ids: &[String]) -> bool {
    match ty {
        TypeRef::Named(id) => ids.contains(id),
        TypeRef::Array(t) | TypeRef::Map(t) | TypeRef::Nullable(t) => refers_to_any(t, ids),
        _ => false,
    }
}

/// A scalar as the client writes it into a path, query or header (`to_string()` of the value).
pub fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// What a path segment keeps unencoded: RFC 3986's unreserved characters, as in the runtime's
/// `request::encode_path` (the generated crate cannot depend on the generator, so both name the
/// same set; the generated wire tests hold them together).
const PATH_SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A path segment percent-encoded the way the runtime's `encode_path` does it.
pub fn encode_path(segment: &str) -> String {
    percent_encoding::utf8_percent_encode(segment, PATH_SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Api, Docs, TypeDef, Variant};

    fn api_with_enum() -> Api {
        let variant = |v: &str| Variant { value: v.into(), rust_name: v.to_uppercase(), description: None };
        Api {
            title: "t".into(),
            version: "1".into(),
            docs: Docs::default(),
            servers: Vec::new(),
            services: Vec::new(),
            security_schemes: Vec::new(),
            security: None,
            types: vec![TypeDef {
                id: "#/e".into(),
                name: "E".into(),
                module: vec!["types".into()],
                docs: Docs::default(),
                kind: TypeKind::StringEnum { variants: vec![variant("cat"), variant("dog")], unknown_variant: "Unknown".into() },
                input: true,
                output: true,
                features: Vec::new(),
            }],
            error_body: TypeRef::Json,
            shared_module: "types".into(),
            request_options: Vec::new(),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn examples_fit_only_what_decodes_and_re_encodes_unchanged() {
        let api = api_with_enum();
        let index = TypeIndex::new(&api);
        let fits = |v: Value, ty: TypeRef| fits(&v, &ty, &index);
        assert!(fits(json!("sandbox@stytch.com"), TypeRef::String));
        assert!(!fits(json!(7), TypeRef::String), "a number for a string");
        assert!(fits(json!(45), TypeRef::I32));
        assert!(!fits(json!(3_000_000_000u64), TypeRef::I32), "out of range");
        assert!(!fits(json!(-1), TypeRef::U64));
        assert!(fits(json!(1.25), TypeRef::F64));
        assert!(!fits(json!(12), TypeRef::F64), "12 would come back as 12.0");
        assert!(fits(json!(["a", "b"]), TypeRef::Array(Box::new(TypeRef::String))));
        assert!(!fits(json!(["a", 1]), TypeRef::Array(Box::new(TypeRef::String))));
        assert!(!fits(Value::Null, TypeRef::Nullable(Box::new(TypeRef::String))), "null is an absent Option");
        assert!(fits(json!("dog"), TypeRef::Named("#/e".into())));
        assert!(!fits(json!("cow"), TypeRef::Named("#/e".into())), "not a listed value");
    }
}
