//! `impl crate::error::ErrorBody for ApiErrorBody`: where the runtime finds the request id and
//! the message in the API's error body, read from the error schema's fields.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::typeref::{ident, TypeIndex};
use crate::ir::{Api, Field, TypeKind, TypeRef};

/// Field names that carry a request id, in order of preference.
const REQUEST_ID_FIELDS: &[&str] = &["request_id", "requestId", "trace_id"];
/// Field names that carry a human-readable message, in order of preference.
const MESSAGE_FIELDS: &[&str] = &["error_message", "message", "error_description", "detail", "title", "error"];
/// Field names that carry a machine-readable error type, in order of preference.
const TYPE_FIELDS: &[&str] = &["error_type", "type", "code", "error"];

/// The wire names of the error body's type and message fields, when it is a struct with them
/// (for tools that print errors, like the CLI).
pub fn type_and_message_fields(api: &Api, index: &TypeIndex<'_>) -> (Option<String>, Option<String>) {
    let TypeRef::Named(id) = &api.error_body else { return (None, None) };
    let TypeKind::Struct { fields } = &index.get(id).kind else { return (None, None) };
    let string_field = |names: &[&str], not: Option<&str>| {
        names
            .iter()
            .filter(|name| Some(**name) != not)
            .find(|name| {
                fields.iter().any(|f| f.name == **name && (matches!(strip_nullable(&f.ty), TypeRef::String) || index.is_string_enum(strip_nullable(&f.ty))))
            })
            .map(|name| (*name).to_owned())
    };
    let message = string_field(MESSAGE_FIELDS, None);
    (string_field(TYPE_FIELDS, message.as_deref()), message)
}

pub fn error_body_impl(api: &Api, index: &TypeIndex<'_>) -> TokenStream {
    let (request_id, message) = match &api.error_body {
        TypeRef::Json | TypeRef::JsonObject => (json_lookup(REQUEST_ID_FIELDS), json_lookup(MESSAGE_FIELDS)),
        TypeRef::Named(id) => match &index.get(id).kind {
            TypeKind::Struct { fields } => (field_lookup(fields, REQUEST_ID_FIELDS), field_lookup(fields, MESSAGE_FIELDS)),
            _ => (none(), none()),
        },
        _ => (none(), none()),
    };
    quote! {
        impl crate::error::ErrorBody for ApiErrorBody {
            fn request_id(&self) -> ::std::option::Option<&str> {
                #request_id
            }
            fn message(&self) -> ::std::option::Option<&str> {
                #message
            }
        }
    }
}

fn none() -> TokenStream {
    quote!(::std::option::Option::None)
}

/// `NAMES.iter().find_map(|n| self.get(n)?.as_str())` on a JSON value or object.
fn json_lookup(names: &[&str]) -> TokenStream {
    quote!([#(#names),*].iter().find_map(|name| self.get(*name)?.as_str()))
}

/// The first string field among `names`, as `Option<&str>`.
fn field_lookup(fields: &[Field], names: &[&str]) -> TokenStream {
    let found = names.iter().find_map(|name| {
        fields.iter().find(|f| f.name == *name && matches!(strip_nullable(&f.ty), TypeRef::String) && !f.boxed)
    });
    match found {
        None => none(),
        Some(f) => {
            let field = ident(&f.rust_name);
            if f.is_optional() {
                quote!(self.#field.as_deref())
            } else {
                quote!(::std::option::Option::Some(self.#field.as_str()))
            }
        }
    }
}

fn strip_nullable(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Nullable(inner) => inner,
        other => other,
    }
}
