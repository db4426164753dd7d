//! `allOf`: object members (inline, referenced or themselves `allOf`) merge into one struct;
//! members that only add docs or `nullable` are skipped; when no member is an object, the
//! result is the most specific member's type (an enum over a plain string, else the first).

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use crate::ir::{Field, TypeKind, TypeRef};
use crate::lower::schemas::Types;

/// What one `allOf` member contributes.
enum Member {
    /// Only docs, `nullable`, `readOnly`...: nothing to merge.
    Empty,
    /// Only a `required` list: makes fields of the other members required.
    Required(Vec<String>),
    /// Object fields to merge.
    Fields(Vec<Field>),
    /// Anything else: a primitive, an enum, a union, a free-form object.
    Other { specific: bool },
}

impl Types<'_> {
    /// `own` holds the fields of `properties` written beside `allOf`; they come last.
    pub(super) fn all_of(
        &mut self,
        schema: &Schema,
        parts: &[ReferenceOr<Schema>],
        own: Vec<Field>,
        pointer: &str,
        hint: &[String],
        named: bool,
    ) -> TypeRef {
        if let ([only @ ReferenceOr::Reference { .. }], true, false) = (parts, own.is_empty(), named) {
            // A lone `allOf` wraps a reference to add docs or `nullable`: the same type.
            return self.convert(only, &format!("{pointer}/allOf/0"), hint);
        }
        let mut fields = Vec::new();
        let mut merged_any = !own.is_empty();
        let mut others: Vec<(usize, bool)> = Vec::new();
        let mut required: Vec<String> = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let part_pointer = format!("{pointer}/allOf/{i}");
            match self.member(part, &part_pointer, hint) {
                Member::Empty => {}
                Member::Required(names) => required.extend(names),
                Member::Fields(part_fields) => {
                    merged_any = true;
                    merge(&mut fields, part_fields);
                }
                Member::Other { specific } => others.push((i, specific)),
            }
        }
        merge(&mut fields, own);
        fields.iter_mut().filter(|f| required.contains(&f.name)).for_each(|f| f.required = true);
        if merged_any {
            let dropped: Vec<String> = others
                .iter()
                .map(|(i, _)| *i)
                .filter(|i| !self.is_free_form(&parts[*i], pointer))
                .map(|i| i.to_string())
                .collect();
            if !dropped.is_empty() {
                let message = format!("allOf members {} are not objects and are left out of the merged struct", dropped.join(", "));
                self.warn(pointer, message);
            }
            self.dedupe_fields(&mut fields, pointer);
            return self.define(schema, pointer, hint, TypeKind::Struct { fields });
        }
        let chosen = others.iter().find(|(_, specific)| *specific).or(others.first()).map(|(i, _)| *i);
        match chosen {
            Some(i) => self.convert(&parts[i], &format!("{pointer}/allOf/{i}"), hint),
            None => TypeRef::Json,
        }
    }

    fn member(&mut self, part: &ReferenceOr<Schema>, pointer: &str, hint: &[String]) -> Member {
        // A member that refers back to a schema being merged (`A: {allOf: [$ref: A]}`) adds
        // nothing more.
        let target = match part {
            ReferenceOr::Reference { reference } => Some(reference.clone()),
            ReferenceOr::Item(_) => None,
        };
        if let Some(t) = &target {
            if !self.merging.insert(t.clone()) {
                self.warn(pointer, format!("allOf member `{t}` refers back to a schema being merged; left out"));
                return Member::Empty;
            }
        }
        let member = self.member_inner(part, pointer, hint);
        if let Some(t) = &target {
            self.merging.remove(t);
        }
        member
    }

    fn member_inner(&mut self, part: &ReferenceOr<Schema>, pointer: &str, hint: &[String]) -> Member {
        let resolved = match self.resolve(part, pointer) {
            Ok(s) => s.into_owned(),
            Err(e) => {
                self.warn_error(&e, "member left out of the allOf");
                return Member::Empty;
            }
        };
        match &resolved.schema_kind {
            SchemaKind::Type(Type::Object(o)) if !o.properties.is_empty() => {
                Member::Fields(self.fields(&o.properties, &o.required, pointer, hint))
            }
            SchemaKind::Any(a) if !a.all_of.is_empty() => {
                let mut fields = self.fields(&a.properties, &a.required, pointer, hint);
                match self.nested(&a.all_of, pointer, hint) {
                    Some(inner) => merge(&mut fields, inner),
                    None if fields.is_empty() => return Member::Other { specific: false },
                    None => {}
                }
                Member::Fields(fields)
            }
            SchemaKind::Any(a) if !a.properties.is_empty() => Member::Fields(self.fields(&a.properties, &a.required, pointer, hint)),
            SchemaKind::AllOf { all_of } => match self.nested(all_of, pointer, hint) {
                Some(fields) => Member::Fields(fields),
                None => Member::Other { specific: false },
            },
            SchemaKind::Any(a) if is_empty(a) && !a.required.is_empty() => Member::Required(a.required.clone()),
            SchemaKind::Any(a) if is_empty(a) => Member::Empty,
            SchemaKind::Type(Type::String(s)) => Member::Other { specific: !s.enumeration.is_empty() },
            SchemaKind::Any(a) => Member::Other { specific: !a.enumeration.is_empty() },
            _ => Member::Other { specific: false },
        }
    }

    /// The merged fields of a nested `allOf`, or `None` when none of its members is an object.
    fn nested(&mut self, parts: &[ReferenceOr<Schema>], pointer: &str, hint: &[String]) -> Option<Vec<Field>> {
        let mut fields: Vec<Field> = Vec::new();
        let mut required = Vec::new();
        let mut any = false;
        for (i, part) in parts.iter().enumerate() {
            match self.member(part, &format!("{pointer}/allOf/{i}"), hint) {
                Member::Fields(f) => {
                    any = true;
                    merge(&mut fields, f);
                }
                Member::Required(names) => required.extend(names),
                _ => {}
            }
        }
        fields.iter_mut().filter(|f| required.contains(&f.name)).for_each(|f| f.required = true);
        any.then_some(fields)
    }

    /// `type: object` without properties (a map or free-form object): merging it adds nothing.
    fn is_free_form(&self, part: &ReferenceOr<Schema>, pointer: &str) -> bool {
        let Ok(s) = self.resolve(part, pointer) else { return true };
        match &s.schema_kind {
            SchemaKind::Type(Type::Object(_)) => true,
            SchemaKind::Any(a) => a.typ.as_deref() == Some("object") || a.additional_properties.is_some(),
            _ => false,
        }
    }
}

fn is_empty(a: &openapiv3::AnySchema) -> bool {
    a.typ.is_none()
        && a.properties.is_empty()
        && a.additional_properties.is_none()
        && a.items.is_none()
        && a.enumeration.is_empty()
        && a.one_of.is_empty()
        && a.any_of.is_empty()
        && a.not.is_none()
}

/// Adds `more` to `fields`; a property listed twice is required if either member requires it.
fn merge(fields: &mut Vec<Field>, more: Vec<Field>) {
    for f in more {
        match fields.iter_mut().find(|e| e.name == f.name) {
            Some(existing) => existing.required |= f.required,
            None => fields.push(f),
        }
    }
}
