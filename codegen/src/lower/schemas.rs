//! Type mapping: OpenAPI schemas -> [`TypeRef`]s and named [`Pending`] types.
//! Component schemas get an id up front (their JSON pointer), so forward and recursive
//! references resolve before any of them is converted.

use std::collections::BTreeMap;

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind, StringFormat,
    Type, VariantOrUnknownOrEmpty,
};

use crate::config::Config;
use crate::error::{pointer_token, Error, Result};
use crate::ir::{Docs, Field, TypeKind, TypeRef, UnionVariant, Variant};
use crate::load::Spec;
use crate::naming::{pascal_ident, snake_ident, split_words, words_after_version};

/// A named type before it is placed in a module and given its final name.
#[derive(Debug, Clone)]
pub struct Pending {
    pub id: String,
    /// Name words before module placement (`create`, `request`).
    pub words: Vec<String>,
    /// Fallback name words used when `words` collide in a module.
    pub fallback: Vec<String>,
    /// Set by `x-rust-type`: used as is, never shortened.
    pub fixed_name: Option<String>,
    pub docs: Docs,
    pub kind: TypeKind,
}

pub struct Types<'a> {
    pub spec: &'a Spec,
    pub config: &'a Config,
    pub defs: BTreeMap<String, Pending>,
}

const COMPONENT_PREFIX: &str = "#/components/schemas/";

impl<'a> Types<'a> {
    /// Converts every component schema.
    pub fn new(spec: &'a Spec, config: &'a Config) -> Result<Types<'a>> {
        let mut types = Types { spec, config, defs: BTreeMap::new() };
        let Some(components) = &spec.doc.components else { return Ok(types) };
        for (name, schema) in &components.schemas {
            let id = format!("{COMPONENT_PREFIX}{}", pointer_token(name));
            let schema = types.resolve(schema, &id)?;
            let words = words_after_version(name, &config.naming.words);
            let fallback = split_words(name, &config.naming.words);
            let ty = types.convert_item(schema, &id, &words, true)?;
            if !types.defs.contains_key(&id) {
                // A component that is only another type (`type: string`, an array...).
                let docs = schema_docs(schema);
                let fixed_name = rust_type_override(schema);
                types.defs.insert(
                    id.clone(),
                    Pending { id, words, fallback, fixed_name, docs, kind: TypeKind::Alias { ty } },
                );
            }
        }
        Ok(types)
    }

    fn keep(&self) -> &'a [String] {
        &self.config.naming.words
    }

    /// Follows a `$ref` to a component schema, or returns the inline schema.
    pub fn resolve<'s>(&self, schema: &'s ReferenceOr<Schema>, pointer: &str) -> Result<&'s Schema>
    where
        'a: 's,
    {
        match schema {
            ReferenceOr::Item(s) => Ok(s),
            ReferenceOr::Reference { reference } => self.component(reference, pointer),
        }
    }

    fn component(&self, reference: &str, pointer: &str) -> Result<&'a Schema> {
        let name = component_name(reference, pointer)?;
        let schemas = self.spec.doc.components.as_ref().map(|c| &c.schemas);
        match schemas.and_then(|s| s.get(name)) {
            Some(ReferenceOr::Item(s)) => Ok(s),
            Some(ReferenceOr::Reference { reference: next }) => self.component(next, pointer),
            None => Err(unknown_ref(reference, pointer)),
        }
    }

    /// Converts a schema found at `pointer`; inline objects and enums become named types whose
    /// name words are `hint`.
    pub fn convert(&mut self, schema: &ReferenceOr<Schema>, pointer: &str, hint: &[String]) -> Result<TypeRef> {
        match schema {
            ReferenceOr::Reference { reference } => {
                let name = component_name(reference, pointer)?;
                let id = format!("{COMPONENT_PREFIX}{}", pointer_token(name));
                let exists = self.spec.doc.components.as_ref().is_some_and(|c| c.schemas.contains_key(name));
                if !exists {
                    return Err(unknown_ref(reference, pointer));
                }
                Ok(TypeRef::Named(id))
            }
            ReferenceOr::Item(s) => self.convert_item(s, pointer, hint, false),
        }
    }

    fn convert_boxed(&mut self, schema: &ReferenceOr<Box<Schema>>, pointer: &str, hint: &[String]) -> Result<TypeRef> {
        match schema {
            ReferenceOr::Reference { reference } => {
                self.convert(&ReferenceOr::Reference { reference: reference.clone() }, pointer, hint)
            }
            ReferenceOr::Item(s) => self.convert_item(s, pointer, hint, false),
        }
    }

    /// `named`: the schema is a component, so an object or enum gets the component's id.
    fn convert_item(&mut self, schema: &Schema, pointer: &str, hint: &[String], named: bool) -> Result<TypeRef> {
        let ty = self.convert_kind(schema, pointer, hint, named)?;
        Ok(if schema.schema_data.nullable { nullable(ty) } else { ty })
    }

    fn convert_kind(&mut self, schema: &Schema, pointer: &str, hint: &[String], named: bool) -> Result<TypeRef> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => {
                let values: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
                let kind = string_enum(&values, self.keep(), enum_descriptions(schema));
                Ok(self.define(schema, pointer, hint, kind))
            }
            // Every other string, whatever its format (date-time, uuid, byte...), stays text.
            SchemaKind::Type(Type::String(_)) => Ok(TypeRef::String),
            SchemaKind::Type(Type::Integer(i)) => Ok(match &i.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::I32,
                VariantOrUnknownOrEmpty::Unknown(f) if f == "uint32" => TypeRef::U32,
                VariantOrUnknownOrEmpty::Unknown(f) if f == "uint64" => TypeRef::U64,
                _ => TypeRef::I64,
            }),
            SchemaKind::Type(Type::Number(n)) => Ok(match &n.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => TypeRef::F32,
                _ => TypeRef::F64,
            }),
            SchemaKind::Type(Type::Boolean(_)) => Ok(TypeRef::Bool),
            SchemaKind::Type(Type::Array(a)) => match &a.items {
                Some(items) => {
                    let mut item_hint = hint.to_vec();
                    item_hint.push("item".into());
                    let inner = self.convert_boxed(items, &format!("{pointer}/items"), &item_hint)?;
                    Ok(TypeRef::Array(Box::new(inner)))
                }
                None => Ok(TypeRef::Array(Box::new(TypeRef::Json))),
            },
            SchemaKind::Type(Type::Object(o)) => {
                if o.properties.is_empty() {
                    return self.map_type(o.additional_properties.as_ref(), pointer, hint);
                }
                let fields = self.fields(&o.properties, &o.required, pointer, hint)?;
                Ok(self.define(schema, pointer, hint, TypeKind::Struct { fields }))
            }
            SchemaKind::AllOf { all_of } => self.all_of(schema, all_of, pointer, hint, named),
            SchemaKind::OneOf { one_of } => self.union(schema, one_of, pointer, hint, "oneOf"),
            SchemaKind::AnyOf { any_of } => self.union(schema, any_of, pointer, hint, "anyOf"),
            SchemaKind::Not { .. } => Ok(TypeRef::Json),
            SchemaKind::Any(any) => {
                if !any.properties.is_empty() {
                    let fields = self.fields(&any.properties, &any.required, pointer, hint)?;
                    return Ok(self.define(schema, pointer, hint, TypeKind::Struct { fields }));
                }
                if any.typ.as_deref() == Some("object") {
                    return self.map_type(any.additional_properties.as_ref(), pointer, hint);
                }
                Ok(TypeRef::Json)
            }
        }
    }

    fn map_type(&mut self, additional: Option<&AdditionalProperties>, pointer: &str, hint: &[String]) -> Result<TypeRef> {
        match additional {
            Some(AdditionalProperties::Schema(s)) => {
                let mut value_hint = hint.to_vec();
                value_hint.push("value".into());
                let inner = self.convert(s, &format!("{pointer}/additionalProperties"), &value_hint)?;
                Ok(TypeRef::Map(Box::new(inner)))
            }
            _ => Ok(TypeRef::JsonObject),
        }
    }

    fn fields(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        pointer: &str,
        hint: &[String],
    ) -> Result<Vec<Field>> {
        let mut fields = Vec::with_capacity(properties.len());
        for (name, prop) in properties {
            let prop_pointer = format!("{pointer}/properties/{}", pointer_token(name));
            let words = split_words(name, self.keep());
            let mut prop_hint = hint.to_vec();
            prop_hint.extend(words.iter().cloned());
            let ty = self.convert_boxed(prop, &prop_pointer, &prop_hint)?;
            let (docs, sensitive, deprecated) = self.property_facts(prop, &prop_pointer, name);
            fields.push(Field {
                name: name.clone(),
                rust_name: snake_ident(&words),
                ty,
                required: required.contains(name),
                docs,
                sensitive,
                deprecated,
                boxed: false,
            });
        }
        let mut seen = BTreeMap::new();
        for f in &fields {
            if let Some(other) = seen.insert(f.rust_name.clone(), f.name.clone()) {
                return Err(Error::semantic(
                    pointer,
                    format!(
                        "properties `{other}` and `{}` both map to the Rust field `{}`",
                        f.name, f.rust_name
                    ),
                ));
            }
        }
        Ok(fields)
    }

    /// Docs, sensitivity and deprecation of a property; a `$ref` property takes its sibling
    /// `description` from the raw document, else the referenced schema's.
    fn property_facts(&self, prop: &ReferenceOr<Box<Schema>>, pointer: &str, name: &str) -> (Docs, bool, bool) {
        let raw = self.spec.raw_at(pointer);
        let raw_str = |key: &str| raw.and_then(|r| r.get(key)).and_then(|v| v.as_str());
        let raw_flag = |key: &str| raw.and_then(|r| r.get(key)).and_then(|v| v.as_bool()) == Some(true);
        let listed = self.config.types.sensitive_fields.iter().any(|f| f == name);
        match prop {
            ReferenceOr::Item(s) => {
                let password = matches!(
                    &s.schema_kind,
                    SchemaKind::Type(Type::String(st)) if st.format == VariantOrUnknownOrEmpty::Item(StringFormat::Password)
                );
                let flagged = s.schema_data.extensions.get("x-sensitive").and_then(|v| v.as_bool()) == Some(true);
                (schema_docs(s), listed || password || flagged, s.schema_data.deprecated)
            }
            ReferenceOr::Reference { .. } => {
                let docs = raw_str("description").map(Docs::from_text).unwrap_or_default();
                (docs, listed || raw_flag("x-sensitive"), raw_flag("deprecated"))
            }
        }
    }

    fn all_of(&mut self, schema: &Schema, parts: &[ReferenceOr<Schema>], pointer: &str, hint: &[String], named: bool) -> Result<TypeRef> {
        if let [only] = parts {
            // A lone `allOf` wraps a reference to add docs or `nullable`: the same type.
            if !named {
                return self.convert(only, &format!("{pointer}/allOf/0"), hint);
            }
        }
        let mut fields: Vec<Field> = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let part_pointer = format!("{pointer}/allOf/{i}");
            let resolved = self.resolve(part, &part_pointer)?.clone();
            let part_fields = match &resolved.schema_kind {
                SchemaKind::Type(Type::Object(o)) => self.fields(&o.properties, &o.required, &part_pointer, hint)?,
                SchemaKind::Any(a) if !a.properties.is_empty() => self.fields(&a.properties, &a.required, &part_pointer, hint)?,
                SchemaKind::AllOf { all_of } => {
                    let TypeRef::Named(id) = self.all_of(&resolved, all_of, &part_pointer, hint, false)? else {
                        return Err(Error::semantic(&part_pointer, "allOf member is not an object"));
                    };
                    match self.defs.get(&id).map(|d| &d.kind) {
                        Some(TypeKind::Struct { fields }) => fields.clone(),
                        _ => return Err(Error::semantic(&part_pointer, "allOf member is not an object")),
                    }
                }
                _ => {
                    return Err(Error::semantic(
                        &part_pointer,
                        "unsupported allOf member: only objects (inline or referenced) can be merged",
                    ))
                }
            };
            for f in part_fields {
                match fields.iter_mut().find(|e| e.name == f.name) {
                    Some(existing) => existing.required |= f.required,
                    None => fields.push(f),
                }
            }
        }
        Ok(self.define(schema, pointer, hint, TypeKind::Struct { fields }))
    }

    fn union(&mut self, schema: &Schema, members: &[ReferenceOr<Schema>], pointer: &str, hint: &[String], keyword: &str) -> Result<TypeRef> {
        let discriminator = schema.schema_data.discriminator.as_ref();
        let mut variants: Vec<UnionVariant> = Vec::new();
        for (i, member) in members.iter().enumerate() {
            let member_pointer = format!("{pointer}/{keyword}/{i}");
            let mut member_hint = hint.to_vec();
            member_hint.push(format!("variant{i}"));
            let ty = self.convert(member, &member_pointer, &member_hint)?;
            let (words, reference) = match member {
                ReferenceOr::Reference { reference } => {
                    let name = component_name(reference, &member_pointer)?;
                    (words_after_version(name, self.keep()), Some(reference.as_str()))
                }
                ReferenceOr::Item(_) => (variant_words(&ty, i), None),
            };
            let tag = discriminator.map(|d| {
                let mapped = reference.and_then(|r| d.mapping.iter().find(|(_, v)| v.as_str() == r)).map(|(k, _)| k.clone());
                mapped.unwrap_or_else(|| reference.and_then(|r| r.rsplit('/').next()).unwrap_or_default().to_owned())
            });
            let mut rust_name = pascal_ident(&words);
            while variants.iter().any(|v| v.rust_name == rust_name) {
                rust_name = format!("{rust_name}{i}");
            }
            variants.push(UnionVariant { rust_name, tag, ty });
        }
        if let Some(d) = discriminator {
            if let Some(v) = variants.iter().find(|v| v.tag.as_deref() == Some("")) {
                return Err(Error::semantic(
                    pointer,
                    format!("discriminator `{}`: variant `{}` is inline, so it has no tag value; use a $ref", d.property_name, v.rust_name),
                ));
            }
        }
        let kind = TypeKind::Union { variants, discriminator: discriminator.map(|d| d.property_name.clone()) };
        Ok(self.define(schema, pointer, hint, kind))
    }

    /// Records the struct holding an operation's query and header parameters.
    pub fn define_params(&mut self, pointer: &str, hint: &[String], docs: Docs, fields: Vec<Field>) -> TypeRef {
        let pending = Pending {
            id: pointer.to_owned(),
            words: hint.to_vec(),
            fallback: hint.to_vec(),
            fixed_name: None,
            docs,
            kind: TypeKind::Struct { fields },
        };
        self.defs.insert(pointer.to_owned(), pending);
        TypeRef::Named(pointer.to_owned())
    }

    /// Records a named type at `pointer` and returns a reference to it.
    fn define(&mut self, schema: &Schema, pointer: &str, hint: &[String], kind: TypeKind) -> TypeRef {
        let fallback = if pointer.starts_with(COMPONENT_PREFIX) && !pointer[COMPONENT_PREFIX.len()..].contains('/') {
            split_words(&pointer[COMPONENT_PREFIX.len()..].replace("~1", "/").replace("~0", "~"), self.keep())
        } else {
            hint.to_vec()
        };
        let pending = Pending {
            id: pointer.to_owned(),
            words: hint.to_vec(),
            fallback,
            fixed_name: rust_type_override(schema),
            docs: schema_docs(schema),
            kind,
        };
        self.defs.insert(pointer.to_owned(), pending);
        TypeRef::Named(pointer.to_owned())
    }
}

fn nullable(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Nullable(_) | TypeRef::Json => ty,
        other => TypeRef::Nullable(Box::new(other)),
    }
}

fn variant_words(ty: &TypeRef, index: usize) -> Vec<String> {
    let word = match ty {
        TypeRef::String => "string",
        TypeRef::Bool => "bool",
        TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 => "integer",
        TypeRef::F32 | TypeRef::F64 => "number",
        TypeRef::Array(_) => "array",
        TypeRef::Map(_) | TypeRef::JsonObject => "object",
        _ => return vec!["variant".into(), index.to_string()],
    };
    vec![word.to_owned()]
}

/// `x-enum-descriptions: {value: text}` on a string enum documents its values one by one.
fn enum_descriptions(schema: &Schema) -> impl Fn(&str) -> Option<String> + '_ {
    let map = schema.schema_data.extensions.get("x-enum-descriptions").and_then(|v| v.as_object());
    move |value| {
        let text = map?.get(value)?.as_str()?.split_whitespace().collect::<Vec<_>>().join(" ");
        (!text.is_empty()).then_some(text)
    }
}

fn string_enum(values: &[String], keep: &[String], description: impl Fn(&str) -> Option<String>) -> TypeKind {
    let mut variants: Vec<Variant> = Vec::new();
    for value in values {
        let words = split_words(value, keep);
        let base = if words.is_empty() { "Empty".to_owned() } else { pascal_ident(&words) };
        let mut rust_name = base.clone();
        let mut n = 2;
        while variants.iter().any(|v| v.rust_name == rust_name) {
            rust_name = format!("{base}{n}");
            n += 1;
        }
        variants.push(Variant { value: value.clone(), rust_name, description: description(value) });
    }
    let mut unknown_variant = "Unknown".to_owned();
    while variants.iter().any(|v| v.rust_name == unknown_variant) {
        unknown_variant.push_str("Value");
    }
    TypeKind::StringEnum { variants, unknown_variant }
}

pub fn schema_docs(schema: &Schema) -> Docs {
    let mut docs = Docs::default();
    if let Some(title) = &schema.schema_data.title {
        docs.push_paragraph(title);
    }
    if let Some(description) = &schema.schema_data.description {
        docs.push_paragraph(description);
    }
    docs
}

fn rust_type_override(schema: &Schema) -> Option<String> {
    schema.schema_data.extensions.get("x-rust-type").and_then(|v| v.as_str()).map(str::to_owned)
}

fn component_name<'r>(reference: &'r str, pointer: &str) -> Result<&'r str> {
    match reference.strip_prefix(COMPONENT_PREFIX) {
        Some(name) if !name.contains('/') => Ok(name),
        _ if !reference.starts_with('#') => Err(Error::semantic(
            pointer,
            format!("external reference `{reference}` is not supported: bundle the spec into one file first"),
        )),
        _ => Err(Error::semantic(
            pointer,
            format!("reference `{reference}` must point at a schema under #/components/schemas/"),
        )),
    }
}

fn unknown_ref(reference: &str, pointer: &str) -> Error {
    Error::semantic(pointer, format!("unknown $ref `{reference}`: no such schema in components"))
}
