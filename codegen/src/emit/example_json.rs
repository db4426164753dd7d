//! Example JSON values built from the IR, with every field set while that stays small (see
//! [`example`] for the bound): the bodies the generated wire tests send and serve. A field takes the spec's `example` when it has one that fits its type;
//! other values are chosen so that decoding and re-encoding gives the same JSON (`1.5` for
//! floats, the first value for enums, the tag for discriminated unions).

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use crate::emit::typeref::TypeIndex;
use crate::ir::{TypeKind, TypeRef};

/// Most JSON values (objects, arrays, scalars) an example with every field set may hold. Every
/// body of the Stytch spec fits (its largest has 398; GitHub's, 1,064); bodies of specs with deep webs of
/// shared types (Microsoft Graph) would grow exponentially with the depth of the web.
const FULL_NODES: usize = 2_000;

/// Optional fields are set at most this deep in a bounded example (the body itself is depth 0).
const BOUNDED_OPTIONAL_DEPTH: usize = 2;

/// A bounded example stops adding optional fields once it holds this many values.
const BOUNDED_NODES: usize = 1_000;

/// An example of `ty`. When the example with every field set (except optional fields of a type
/// already being built: recursive types stop there) holds at most [`FULL_NODES`] values, that is
/// it. Otherwise the example is bounded: required fields everywhere, optional fields only down
/// to [`BOUNDED_OPTIONAL_DEPTH`] and only in the first occurrence of each type (a shared
/// sub-type is shown in full once), and no more optional fields past [`BOUNDED_NODES`]
/// values. Either way its size is bounded by the spec's, never exponential in it.
pub fn example(ty: &TypeRef, index: &TypeIndex<'_>, name: &str) -> Value {
    let mut full = Builder { index, stack: Vec::new(), nodes: 0, bounded: None };
    let value = full.value(ty, name, 0);
    if full.nodes <= FULL_NODES {
        return value;
    }
    let mut bounded = Builder { index, stack: Vec::new(), nodes: 0, bounded: Some(BTreeSet::new()) };
    bounded.value(ty, name, 0)
}

struct Builder<'i, 'a> {
    index: &'i TypeIndex<'a>,
    /// The ids of the types being built (a type inside itself stops at its required fields).
    stack: Vec<String>,
    /// Values built so far; a full build gives up (returns nulls) past [`FULL_NODES`].
    nodes: usize,
    /// For a bounded build: the types already shown with their optional fields.
    bounded: Option<BTreeSet<String>>,
}

impl Builder<'_, '_> {
    fn value(&mut self, ty: &TypeRef, name: &str, depth: usize) -> Value {
        self.nodes += 1;
        if self.bounded.is_none() && self.nodes > FULL_NODES {
            return Value::Null;
        }
        match ty {
            TypeRef::String | TypeRef::Bytes | TypeRef::File => Value::String(format!("example-{name}")),
            TypeRef::Bool => Value::Bool(true),
            TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 => json!(1),
            TypeRef::F32 | TypeRef::F64 => json!(1.5),
            TypeRef::Json => json!({"any": "json"}),
            TypeRef::JsonObject => json!({"key": "value"}),
            TypeRef::Array(inner) => Value::Array(vec![self.value(inner, name, depth)]),
            TypeRef::Map(inner) => json!({"key": self.value(inner, name, depth)}),
            TypeRef::Nullable(inner) => self.value(inner, name, depth),
            // A type that requires itself (found by the property tests) has no finite example.
            TypeRef::Named(id) if self.stack.contains(id) => Value::Null,
            TypeRef::Named(id) => {
                self.stack.push(id.clone());
                let value = self.named(id, depth);
                self.stack.pop();
                value
            }
        }
    }

    /// Whether a bounded build sets the optional fields of type `id` at `depth`.
    fn optional_fields(&mut self, id: &str, depth: usize) -> bool {
        let nodes = self.nodes;
        match &mut self.bounded {
            None => true,
            Some(shown) => depth <= BOUNDED_OPTIONAL_DEPTH && nodes <= BOUNDED_NODES && shown.insert(id.to_owned()),
        }
    }

    fn named(&mut self, id: &str, depth: usize) -> Value {
        let index = self.index;
        let def = index.get(id);
        match &def.kind {
            TypeKind::Struct { .. } | TypeKind::Multipart { .. } => {
                let optional = self.optional_fields(id, depth);
                let mut object = Map::new();
                for f in def.kind.fields() {
                    if !f.required && (!optional || refers_to_any(&f.ty, &self.stack)) {
                        continue;
                    }
                    let value = match f.example.as_ref().filter(|v| fits(v, &f.ty, index)) {
                        Some(given) => given.clone(),
                        None => self.value(&f.ty, &f.name, depth + 1),
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
                    let mut value = self.value(&v.ty, "variant", depth);
                    if let (Some(prop), Some(tag), Value::Object(map)) = (discriminator, &v.tag, &mut value) {
                        map.insert(prop.clone(), Value::String(tag.clone()));
                    }
                    value
                }
            },
            TypeKind::Alias { ty } => self.value(ty, &def.name, depth),
        }
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
