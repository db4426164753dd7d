//! `multipart/form-data` request bodies -> a [`TypeKind::Multipart`] type. The rule, per
//! property of the body's object schema:
//! - `type: string` with `format: binary` or `byte` is a file part ([`TypeRef::File`]);
//!   an array of those repeats the part once per file;
//! - a scalar (string, number, integer, boolean, string enum) is a text part;
//! - anything else (object, map, array of non-files, union) is a JSON text part.
//!
//! `encoding.<property>.contentType` sets the part's content type. A body whose schema is not
//! an object with properties cannot be typed and is left to the caller (`None`).

use openapiv3::{MediaType, ReferenceOr, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

use crate::error::pointer_token;
use crate::ir::{Field, Part, PartEncoding, TypeKind, TypeRef};
use crate::lower::schemas::Types;
use crate::naming::{snake_ident, split_words};

impl Types<'_> {
    /// The multipart body type at `pointer` (the media type's `schema`), or `None` with the
    /// reason when its schema is not an object with properties.
    pub fn multipart_body(&mut self, media: &MediaType, pointer: &str, hint: &[String]) -> Result<TypeRef, String> {
        let Some(schema) = &media.schema else { return Err("it has no schema".into()) };
        let schema = self.resolve(schema, pointer).map_err(|e| e.to_string())?.into_owned();
        let (properties, required) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => (&o.properties, &o.required),
            SchemaKind::Any(a) if a.all_of.is_empty() && a.one_of.is_empty() && a.any_of.is_empty() => (&a.properties, &a.required),
            _ => return Err("its schema is not an object".into()),
        };
        if properties.is_empty() {
            return Err("its schema lists no properties".into());
        }
        let mut fields = Vec::with_capacity(properties.len());
        let mut encodings = Vec::with_capacity(properties.len());
        for (name, prop) in properties {
            let prop_pointer = format!("{pointer}/properties/{}", pointer_token(name));
            let words = split_words(name, self.keep());
            let resolved = match prop {
                ReferenceOr::Item(s) => Some((**s).clone()),
                ReferenceOr::Reference { reference } => {
                    self.resolve(&ReferenceOr::Reference { reference: reference.clone() }, &prop_pointer).ok().map(|s| s.into_owned())
                }
            };
            let (ty, encoding) = match resolved.as_ref().map(file_shape) {
                Some(Some(Shape::One)) => (TypeRef::File, PartEncoding::File),
                Some(Some(Shape::Many)) => (TypeRef::Array(Box::new(TypeRef::File)), PartEncoding::Files),
                _ => {
                    let mut prop_hint = hint.to_vec();
                    prop_hint.extend(words.iter().cloned());
                    let ty = self.convert_boxed(prop, &prop_pointer, &prop_hint);
                    let encoding = if self.is_scalar(&ty) { PartEncoding::Text } else { PartEncoding::Json };
                    (ty, encoding)
                }
            };
            let (docs, sensitive, deprecated) = self.property_facts(prop, &prop_pointer, name);
            let required = required.contains(name);
            // A file's example would be its bytes, which no spec gives usefully.
            let example = if encoding == PartEncoding::Text { self.property_example(prop, &prop_pointer) } else { None };
            fields.push(Field { name: name.clone(), rust_name: snake_ident(&words), ty, required, docs, sensitive, deprecated, boxed: false, example });
            encodings.push((encoding, media.encoding.get(name).and_then(|e| e.content_type.clone())));
        }
        self.dedupe_fields(&mut fields, pointer);
        let parts = fields.into_iter().zip(encodings).map(|(field, (encoding, content_type))| Part { field, encoding, content_type }).collect();
        Ok(self.define(&schema, pointer, hint, TypeKind::Multipart { parts }))
    }

    /// Whether values of `ty` are sent as plain text: strings, numbers, booleans, string enums.
    fn is_scalar(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::String | TypeRef::Bool | TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 | TypeRef::F32 | TypeRef::F64 => true,
            TypeRef::Nullable(inner) => self.is_scalar(inner),
            TypeRef::Named(id) => match self.defs.get(id).map(|d| &d.kind) {
                Some(TypeKind::StringEnum { .. }) => true,
                Some(TypeKind::Alias { ty }) => self.is_scalar(ty),
                _ => false,
            },
            _ => false,
        }
    }
}

enum Shape {
    One,
    Many,
}

/// Whether a property is a file (`format: binary`/`byte`) or an array of files.
fn file_shape(schema: &Schema) -> Option<Shape> {
    let is_file = |s: &Schema| {
        matches!(&s.schema_kind, SchemaKind::Type(Type::String(st))
            if matches!(st.format, VariantOrUnknownOrEmpty::Item(StringFormat::Binary | StringFormat::Byte)))
    };
    if is_file(schema) {
        return Some(Shape::One);
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::Array(a)) => match a.items.as_ref()? {
            ReferenceOr::Item(items) if is_file(items) => Some(Shape::Many),
            _ => None,
        },
        _ => None,
    }
}
