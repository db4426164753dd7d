//! Example JSON values built from the IR, with every field set: the bodies the generated wire
//! tests send and serve. Values are chosen so that decoding and re-encoding gives the same JSON
//! (`1.5` for floats, the first value for enums, the tag for discriminated unions).

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
            let fields: Vec<&crate::ir::Field> = match &def.kind {
                TypeKind::Multipart { parts } => parts.iter().map(|p| &p.field).collect(),
                TypeKind::Struct { fields } => fields.iter().collect(),
                _ => Vec::new(),
            };
            let mut object = Map::new();
            for f in fields {
                if !f.required && refers_to_any(&f.ty, stack) {
                    continue;
                }
                object.insert(f.name.clone(), example(&f.ty, index, &f.name, stack));
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
