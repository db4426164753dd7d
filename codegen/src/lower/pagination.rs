//! Cursor pagination: which operations can be walked page by page, found from their shapes or
//! declared with `x-pagination: {cursor_param, next_cursor, items}` (`x-pagination: false`
//! turns detection off for one operation).
//!
//! Detected shape: the request body has an optional string `cursor`; the response has exactly
//! one array field, and `next_cursor` either at its top level or one object down
//! (`results_metadata.next_cursor`).

use serde_json::Value;

use crate::error::{Error, Result};
use crate::ir::{Auth, Field, FieldStep, Operation, Pagination, Success, TypeKind, TypeRef};
use crate::lower::operations::SpecOperation;
use crate::lower::schemas::Types;
use crate::naming::unraw;

pub fn pagination(types: &Types<'_>, so: &SpecOperation<'_>, op: &Operation) -> Result<Option<Pagination>> {
    let declared = so.op.extensions.get("x-pagination");
    if declared == Some(&Value::Bool(false)) {
        return Ok(None);
    }
    let pointer = format!("{}/x-pagination", so.pointer);
    let shape = shape(types, op);
    let Some(spec) = declared else {
        return Ok(shape.and_then(|(request, response)| detect(types, request, response)).map(|p| p.finish(op)));
    };
    let Some((request, response)) = shape else {
        return Err(Error::semantic(
            &pointer,
            "pagination needs a JSON or form request body as the only argument and a JSON object response",
        ));
    };
    let text = |key: &str| spec.get(key).and_then(Value::as_str);
    let (Some(cursor), Some(next), Some(items)) = (text("cursor_param"), text("next_cursor"), text("items")) else {
        return Err(Error::semantic(&pointer, "expected `{cursor_param: .., next_cursor: a.b, items: ..}` (or `false`)"));
    };
    let missing = |what: String| Error::semantic(&pointer, what);
    let request_field = cursor_field(request, cursor)
        .ok_or_else(|| missing(format!("the request body has no optional string field `{cursor}`")))?;
    let path: Vec<&str> = next.split('.').collect();
    let next_cursor_path = cursor_path(types, response, &path)
        .ok_or_else(|| missing(format!("the response has no string field at `{next}`")))?;
    let items_field = response
        .iter()
        .find(|f| f.name == items && array_item(&f.ty).is_some())
        .ok_or_else(|| missing(format!("the response has no array field `{items}`")))?;
    Ok(Some(Found { request_field, next_cursor_path, items_field }.finish(op)))
}

struct Found<'t> {
    request_field: &'t Field,
    next_cursor_path: Vec<FieldStep>,
    items_field: &'t Field,
}

impl Found<'_> {
    fn finish(self, op: &Operation) -> Pagination {
        Pagination {
            method_name: format!("{}_all", unraw(&op.method_name)),
            request_field: self.request_field.rust_name.clone(),
            next_cursor_path: self.next_cursor_path,
            items_field: self.items_field.rust_name.clone(),
            items_optional: optional(self.items_field),
            item_ty: array_item(&self.items_field.ty).cloned().unwrap_or(TypeRef::Json),
        }
    }
}

/// The request and response fields, when the body is the method's only argument and the
/// response is a JSON object.
fn shape<'t>(types: &'t Types<'_>, op: &Operation) -> Option<(&'t [Field], &'t [Field])> {
    let only_body = op.params_type.is_none() && op.params.iter().all(|p| p.client_param.is_some()) && op.auth != Auth::BearerArgument;
    let request = struct_fields(types, &op.body.as_ref()?.ty)?;
    let Success::Json { ty, .. } = &op.success else { return None };
    let response = struct_fields(types, ty)?;
    only_body.then_some((request, response))
}

fn detect<'t>(types: &'t Types<'_>, request: &'t [Field], response: &'t [Field]) -> Option<Found<'t>> {
    let request_field = cursor_field(request, "cursor")?;
    let next_cursor_path = cursor_path(types, response, &["next_cursor"]).or_else(|| {
        response.iter().find_map(|f| cursor_path(types, response, &[f.name.as_str(), "next_cursor"]))
    })?;
    let mut arrays = response.iter().filter(|f| array_item(&f.ty).is_some());
    let items_field = arrays.next()?;
    arrays.next().is_none().then_some(Found { request_field, next_cursor_path, items_field })
}

/// An optional string field of the request, which the next cursor can be written into.
fn cursor_field<'t>(fields: &'t [Field], name: &str) -> Option<&'t Field> {
    fields.iter().find(|f| f.name == name && optional(f) && is_string(&f.ty))
}

/// The steps to a string field, following object fields by wire name.
fn cursor_path(types: &Types<'_>, fields: &[Field], path: &[&str]) -> Option<Vec<FieldStep>> {
    let (first, rest) = path.split_first()?;
    let field = fields.iter().find(|f| f.name == *first)?;
    let step = FieldStep { field: field.rust_name.clone(), optional: optional(field) };
    let mut steps = vec![step];
    if rest.is_empty() {
        return is_string(&field.ty).then_some(steps);
    }
    steps.extend(cursor_path(types, struct_fields(types, &field.ty)?, rest)?);
    Some(steps)
}

fn struct_fields<'t>(types: &'t Types<'_>, ty: &TypeRef) -> Option<&'t [Field]> {
    match strip_nullable(ty) {
        TypeRef::Named(id) => match &types.defs.get(id)?.kind {
            TypeKind::Struct { fields } => Some(fields),
            _ => None,
        },
        _ => None,
    }
}

fn array_item(ty: &TypeRef) -> Option<&TypeRef> {
    match strip_nullable(ty) {
        TypeRef::Array(item) => Some(item),
        _ => None,
    }
}

fn is_string(ty: &TypeRef) -> bool {
    strip_nullable(ty) == &TypeRef::String
}

fn strip_nullable(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Nullable(inner) => inner,
        other => other,
    }
}

/// Whether the field's Rust type is an `Option` (not required, or nullable).
fn optional(f: &Field) -> bool {
    !f.required || matches!(f.ty, TypeRef::Nullable(_))
}
