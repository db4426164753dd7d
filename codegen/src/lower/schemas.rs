//! Type mapping: OpenAPI schemas -> [`TypeRef`]s and named [`Pending`] types.
//! Component schemas get an id up front (their JSON pointer), so forward and recursive
//! references resolve before any of them is converted.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind, StringFormat,
    Type, VariantOrUnknownOrEmpty,
};

use crate::config::Config;
use crate::error::{pointer_token, Error, Warning};
use crate::ir::{Docs, Field, TypeKind, TypeRef, UnionVariant, Variant};
use crate::load::Spec;
use crate::load::reference::unescape;
use crate::lower::refs::{component_schema_name, local_pointer, COMPONENT_PREFIX};
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
    /// What was worked around, in the order found.
    pub warnings: Vec<Warning>,
    /// The operation being lowered, named in warnings.
    pub operation: Option<String>,
    /// Non-component `$ref` targets being converted, to stop circular chains.
    pub(super) in_progress: BTreeSet<String>,
    /// `allOf` member references being merged, to stop circular merges.
    pub(super) merging: BTreeSet<String>,
    /// Name words of the operation being lowered: an inline type whose name collides in its
    /// module falls back to them plus its own (`ListTasksError422`).
    pub(super) fallback_prefix: Vec<String>,
}

impl<'a> Types<'a> {
    /// Converts every component schema.
    pub fn new(spec: &'a Spec, config: &'a Config) -> Types<'a> {
        let mut types = Types {
            spec,
            config,
            defs: BTreeMap::new(),
            warnings: Vec::new(),
            operation: None,
            in_progress: BTreeSet::new(),
            merging: BTreeSet::new(),
            fallback_prefix: Vec::new(),
        };
        let Some(components) = &spec.doc.components else { return types };
        for (name, schema) in &components.schemas {
            let id = format!("{COMPONENT_PREFIX}{}", pointer_token(name));
            let words = words_after_version(name, &config.naming.words);
            let fallback = split_words(name, &config.naming.words);
            let (ty, docs, fixed_name) = match types.resolve(schema, &id) {
                Ok(schema) => (types.convert_item(&schema, &id, &words, true), schema_docs(&schema), rust_type_override(&schema)),
                Err(e) => (types.fallback(&e), Docs::default(), None),
            };
            if !types.defs.contains_key(&id) {
                // A component that is only another type (`type: string`, an array...).
                types.defs.insert(id.clone(), Pending { id, words, fallback, fixed_name, docs, kind: TypeKind::Alias { ty } });
            }
        }
        types
    }

    pub(super) fn keep(&self) -> &'a [String] {
        &self.config.naming.words
    }

    /// Records a warning, naming the operation being lowered.
    pub fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        let mut w = Warning::new(pointer, message);
        w.operation.clone_from(&self.operation);
        self.warnings.push(w);
    }

    /// Records a worked-around error as a warning; `fallback` says what was done instead.
    pub fn warn_error(&mut self, error: &Error, fallback: &str) {
        let mut w = Warning::from_error(error, fallback);
        if w.operation.is_none() {
            w.operation.clone_from(&self.operation);
        }
        self.warnings.push(w);
    }

    /// A type that cannot be derived becomes any JSON, with a warning.
    pub(super) fn fallback(&mut self, error: &Error) -> TypeRef {
        self.warn_error(error, "typed as `serde_json::Value`");
        TypeRef::Json
    }

    /// Converts a schema found at `pointer`; inline objects and enums become named types whose
    /// name words are `hint`. What cannot be typed becomes any JSON, with a warning.
    pub fn convert(&mut self, schema: &ReferenceOr<Schema>, pointer: &str, hint: &[String]) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => self.convert_ref(reference, pointer, hint),
            ReferenceOr::Item(s) => self.convert_item(s, pointer, hint, false),
        }
    }

    pub(super) fn convert_boxed(&mut self, schema: &ReferenceOr<Box<Schema>>, pointer: &str, hint: &[String]) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => self.convert_ref(reference, pointer, hint),
            ReferenceOr::Item(s) => self.convert_item(s, pointer, hint, false),
        }
    }

    /// `named`: the schema is a component, so an object or enum gets the component's id.
    pub(super) fn convert_item(&mut self, schema: &Schema, pointer: &str, hint: &[String], named: bool) -> TypeRef {
        let ty = self.convert_kind(schema, pointer, hint, named);
        if schema.schema_data.nullable {
            nullable(ty)
        } else {
            ty
        }
    }

    fn convert_kind(&mut self, schema: &Schema, pointer: &str, hint: &[String], named: bool) -> TypeRef {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => {
                let values: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
                self.define(schema, pointer, hint, string_enum(&values, self.keep(), enum_descriptions(schema)))
            }
            // Every other string, whatever its format (date-time, uuid, byte...), stays text.
            SchemaKind::Type(Type::String(_)) => TypeRef::String,
            SchemaKind::Type(Type::Integer(i)) => match &i.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::I32,
                VariantOrUnknownOrEmpty::Unknown(f) if f == "uint32" => TypeRef::U32,
                VariantOrUnknownOrEmpty::Unknown(f) if f == "uint64" => TypeRef::U64,
                _ => TypeRef::I64,
            },
            SchemaKind::Type(Type::Number(n)) => match &n.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => TypeRef::F32,
                _ => TypeRef::F64,
            },
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Array(a)) => self.array(a.items.as_ref(), pointer, hint),
            SchemaKind::Type(Type::Object(o)) => {
                if o.properties.is_empty() {
                    return self.map_type(o.additional_properties.as_ref(), pointer, hint);
                }
                let fields = self.fields(&o.properties, &o.required, pointer, hint);
                self.define(schema, pointer, hint, TypeKind::Struct { fields })
            }
            SchemaKind::AllOf { all_of } => self.all_of(schema, all_of, Vec::new(), pointer, hint, named),
            SchemaKind::OneOf { one_of } => self.union(schema, one_of, pointer, hint, "oneOf"),
            SchemaKind::AnyOf { any_of } => self.union(schema, any_of, pointer, hint, "anyOf"),
            SchemaKind::Not { .. } => TypeRef::Json,
            SchemaKind::Any(any) => self.any(schema, any, pointer, hint, named),
        }
    }

    /// A schema without a single `type` keyword shape: `allOf` or `oneOf` beside `properties`,
    /// `properties` without `type`, an `enum` without `type`...
    fn any(&mut self, schema: &Schema, any: &openapiv3::AnySchema, pointer: &str, hint: &[String], named: bool) -> TypeRef {
        if !any.all_of.is_empty() {
            // Sibling properties are one more member of the merge.
            // (`merging` also guards this path: `member` is where references are followed.)
            let own = self.fields(&any.properties, &any.required, pointer, hint);
            return self.all_of(schema, &any.all_of, own, pointer, hint, named);
        }
        if !any.one_of.is_empty() {
            return self.union(schema, &any.one_of, pointer, hint, "oneOf");
        }
        if !any.any_of.is_empty() {
            return self.union(schema, &any.any_of, pointer, hint, "anyOf");
        }
        if !any.properties.is_empty() {
            let fields = self.fields(&any.properties, &any.required, pointer, hint);
            return self.define(schema, pointer, hint, TypeKind::Struct { fields });
        }
        if any.typ.as_deref() == Some("object") || any.additional_properties.is_some() {
            return self.map_type(any.additional_properties.as_ref(), pointer, hint);
        }
        if any.typ.as_deref() == Some("array") || any.items.is_some() {
            return self.array(any.items.as_ref(), pointer, hint);
        }
        let texts: Vec<String> = any.enumeration.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect();
        if !texts.is_empty() && texts.len() == any.enumeration.iter().filter(|v| !v.is_null()).count() {
            return self.define(schema, pointer, hint, string_enum(&texts, self.keep(), enum_descriptions(schema)));
        }
        match any.typ.as_deref() {
            Some("string") => TypeRef::String,
            Some("integer") => TypeRef::I64,
            Some("number") => TypeRef::F64,
            Some("boolean") => TypeRef::Bool,
            _ => TypeRef::Json,
        }
    }

    fn array(&mut self, items: Option<&ReferenceOr<Box<Schema>>>, pointer: &str, hint: &[String]) -> TypeRef {
        match items {
            Some(items) => {
                let mut item_hint = hint.to_vec();
                item_hint.push("item".into());
                TypeRef::Array(Box::new(self.convert_boxed(items, &format!("{pointer}/items"), &item_hint)))
            }
            None => TypeRef::Array(Box::new(TypeRef::Json)),
        }
    }

    fn map_type(&mut self, additional: Option<&AdditionalProperties>, pointer: &str, hint: &[String]) -> TypeRef {
        match additional {
            Some(AdditionalProperties::Schema(s)) => {
                let mut value_hint = hint.to_vec();
                value_hint.push("value".into());
                TypeRef::Map(Box::new(self.convert(s, &format!("{pointer}/additionalProperties"), &value_hint)))
            }
            _ => TypeRef::JsonObject,
        }
    }

    pub(super) fn fields(
        &mut self,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        pointer: &str,
        hint: &[String],
    ) -> Vec<Field> {
        let mut fields = Vec::with_capacity(properties.len());
        for (name, prop) in properties {
            let prop_pointer = format!("{pointer}/properties/{}", pointer_token(name));
            let words = split_words(name, self.keep());
            let mut prop_hint = hint.to_vec();
            prop_hint.extend(words.iter().cloned());
            let ty = self.convert_boxed(prop, &prop_pointer, &prop_hint);
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
                example: self.property_example(prop, &prop_pointer),
            });
        }
        self.dedupe_fields(&mut fields, pointer);
        fields
    }

    /// Properties whose names sanitize to one Rust field (`+1` and `-1`, `_id` and `id`) are
    /// told apart: see [`crate::naming::dedupe`].
    pub(super) fn dedupe_fields(&mut self, fields: &mut [Field], pointer: &str) {
        let wanted: Vec<String> = fields.iter().map(|f| f.rust_name.clone()).collect();
        let exact: Vec<bool> = fields.iter().map(|f| crate::naming::unraw(&f.rust_name) == f.name).collect();
        let (names, renames) = crate::naming::dedupe(&wanted, &exact, &BTreeSet::new());
        for r in renames {
            let winner = r.winner.map_or_else(String::new, |w| format!(" `{}` keeps `{}`;", fields[w].name, names[w]));
            let message = format!(
                "properties `{}` and `{}` both map to the Rust field `{}`;{winner} `{}` becomes `{}`",
                r.winner.map_or("", |w| fields[w].name.as_str()),
                fields[r.loser].name,
                wanted[r.loser],
                fields[r.loser].name,
                names[r.loser]
            );
            self.warn(pointer, message);
        }
        for (f, name) in fields.iter_mut().zip(names) {
            f.rust_name = name;
        }
    }

    /// Docs, sensitivity and deprecation of a property; a `$ref` property takes its sibling
    /// `description` from the raw document, else the referenced schema's.
    pub(super) fn property_facts(&self, prop: &ReferenceOr<Box<Schema>>, pointer: &str, name: &str) -> (Docs, bool, bool) {
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

    /// A property's `example`: its own, else (for a `$ref`, whose siblings only the raw document
    /// keeps) the sibling's or the referenced schema's.
    pub(super) fn property_example(&self, prop: &ReferenceOr<Box<Schema>>, pointer: &str) -> Option<serde_json::Value> {
        match prop {
            ReferenceOr::Item(s) => s.schema_data.example.clone(),
            ReferenceOr::Reference { reference } => {
                let sibling = self.spec.raw_at(pointer).and_then(|r| r.get("example"));
                sibling.or_else(|| self.spec.raw_at(reference).and_then(|r| r.get("example"))).cloned()
            }
        }
    }

    fn union(&mut self, schema: &Schema, members: &[ReferenceOr<Schema>], pointer: &str, hint: &[String], keyword: &str) -> TypeRef {
        let mut discriminator = schema.schema_data.discriminator.as_ref();
        let mut variants: Vec<UnionVariant> = Vec::new();
        for (i, member) in members.iter().enumerate() {
            let member_pointer = format!("{pointer}/{keyword}/{i}");
            let mut member_hint = hint.to_vec();
            member_hint.push(format!("variant{i}"));
            let ty = self.convert(member, &member_pointer, &member_hint);
            let target = match member {
                ReferenceOr::Reference { reference } => local_pointer(reference, &member_pointer).ok(),
                ReferenceOr::Item(_) => None,
            };
            let words = match target.as_deref().and_then(component_schema_name) {
                Some(name) => words_after_version(&name, self.keep()),
                None => variant_words(&ty, i),
            };
            let reference = match member {
                ReferenceOr::Reference { reference } => Some(reference.as_str()),
                ReferenceOr::Item(_) => None,
            };
            let tag = discriminator.map(|d| {
                let mapped = reference.and_then(|r| d.mapping.iter().find(|(_, v)| v.as_str() == r)).map(|(k, _)| k.clone());
                mapped.unwrap_or_else(|| reference.and_then(|r| r.rsplit('/').next()).map(unescape).unwrap_or_default())
            });
            let mut rust_name = pascal_ident(&words);
            while variants.iter().any(|v| v.rust_name == rust_name) {
                rust_name = format!("{rust_name}{i}");
            }
            variants.push(UnionVariant { rust_name, tag, ty });
        }
        if let Some(d) = discriminator {
            let untagged = variants.iter().find(|v| v.tag.as_deref() == Some("")).map(|v| v.rust_name.clone());
            if let Some(v) = untagged {
                let message = format!(
                    "discriminator `{}`: variant `{v}` is inline, so it has no tag value (use a $ref); the union is decoded by shape instead",
                    d.property_name
                );
                self.warn(pointer, message);
                discriminator = None;
                variants.iter_mut().for_each(|v| v.tag = None);
            }
        }
        let kind = TypeKind::Union { variants, discriminator: discriminator.map(|d| d.property_name.clone()) };
        self.define(schema, pointer, hint, kind)
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
    pub(super) fn define(&mut self, schema: &Schema, pointer: &str, hint: &[String], kind: TypeKind) -> TypeRef {
        let fallback = match component_schema_name(pointer) {
            Some(name) => split_words(&name, self.keep()),
            None if !hint.starts_with(&self.fallback_prefix) => self.fallback_prefix.iter().chain(hint).cloned().collect(),
            None => hint.to_vec(),
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

pub(super) fn unknown_ref(reference: &str, pointer: &str) -> Error {
    Error::semantic(pointer, format!("unknown $ref `{reference}`: no such schema in components"))
}
