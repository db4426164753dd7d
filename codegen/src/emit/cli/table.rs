//! `src/operations.rs` of the CLI crate: the command groups and one table entry per operation,
//! with a flag or positional per input the command line can type.

use std::collections::BTreeSet;

use heck::ToKebabCase;
use proc_macro2::TokenStream;
use quote::quote;

use crate::config::{CliConfig, Config};
use crate::emit::service::{display_prefix, fixed_content_type};
use crate::emit::typeref::TypeIndex;
use crate::ir::{Api, Auth, MediaType, Operation, ParamLocation, Service, TypeKind, TypeRef};
use crate::naming::unraw;

/// Flags the CLI runtime defines itself (see `cli-runtime/command.rs`).
const RUNTIME_FLAGS: &[&str] = &["json", "body-file", "content-type", "base-url", "dry-run", "help", "version"];

/// The command path of a service: `["magic-links", "email"]`.
pub fn service_command(service: &Service) -> Vec<String> {
    service.module.iter().map(|m| kebab(unraw(m))).collect()
}

/// The command path of an operation: the service's and the method's.
pub fn operation_command(service: &Service, op: &Operation) -> Vec<String> {
    let mut command = service_command(service);
    command.push(kebab(unraw(&op.method_name)));
    command
}

fn kebab(name: &str) -> String {
    let kebab = name.to_kebab_case();
    if kebab.is_empty() {
        "value".to_owned()
    } else {
        kebab
    }
}

pub fn operations_rs(api: &Api, config: &Config, cli: &CliConfig, index: &TypeIndex<'_>) -> TokenStream {
    let mut groups = Vec::new();
    fn walk(service: &Service, out: &mut Vec<TokenStream>) {
        let command = service_command(service);
        let about = format!("Operations under {}", display_prefix(service));
        out.push(quote!(Group { command: &[#(#command),*], about: #about },));
        service.children.iter().for_each(|c| walk(c, out));
    }
    api.services.iter().for_each(|s| walk(s, &mut groups));
    let reserved: Vec<&str> = RUNTIME_FLAGS.iter().copied().chain([cli.credentials.user_flag.as_str(), cli.credentials.secret_flag.as_str()]).collect();
    let operations = api.operations().into_iter().map(|(s, op)| operation(s, op, &reserved, index));
    let doc = format!(" The command groups and operations of `{}`, in the SDK's order.", config.package.name);
    quote! {
        #![doc = #doc]

        use crate::table::{Arg, Body, Group, Kind, Operation, Place};

        /// One group per service.
        pub const GROUPS: &[Group] = &[#(#groups)*];

        /// One entry per operation.
        pub const OPERATIONS: &[Operation] = &[#(#operations)*];
    }
}

fn operation(service: &Service, op: &Operation, reserved: &[&str], index: &TypeIndex<'_>) -> TokenStream {
    let command = operation_command(service, op);
    let summary = op.docs.0.first().cloned().unwrap_or_else(|| format!("{} {}", op.http_method, op.path));
    let docs = op.docs.0.join("\n");
    let (id, method, path) = (&op.id, &op.http_method, &op.path);
    let mut taken: BTreeSet<String> = reserved.iter().map(|r| (*r).to_owned()).collect();
    let mut args = Vec::new();
    let mut push = |wire: &str, prefix: &str, place: TokenStream, kind: (TokenStream, bool), required: bool, help: String, taken: &mut BTreeSet<String>| {
        let mut flag = kebab(wire);
        if taken.contains(&flag) {
            flag = format!("{prefix}-{flag}");
        }
        while taken.contains(&flag) {
            flag.push('_');
        }
        taken.insert(flag.clone());
        let (kind, many) = kind;
        args.push(quote!(Arg { flag: #flag, wire: #wire, place: #place, kind: #kind, many: #many, required: #required, help: #help },));
    };
    for p in op.params.iter().filter(|p| p.client_param.is_none()) {
        let kind = match (p.location, kind(&p.ty, index)) {
            // A path segment is one value; odd types (unions) are parsed from its text.
            (ParamLocation::Path, Some((kind, false))) => (kind, false),
            (ParamLocation::Path, _) => (quote!(Kind::String), false),
            (_, Some(kind)) => kind,
            (_, None) => continue,
        };
        let (place, prefix) = match p.location {
            ParamLocation::Path => (quote!(Place::Path), "path"),
            ParamLocation::Query => (quote!(Place::Query), "query"),
            ParamLocation::Header => (quote!(Place::Header), "header"),
        };
        let help = first_line(&p.docs.0).unwrap_or_else(|| format!("The `{}` parameter", p.name));
        push(&p.name, prefix, place, kind, p.required || p.location == ParamLocation::Path, help, &mut taken);
    }
    for option in &op.request_options {
        let help = first_line(&option.docs.0).unwrap_or_else(|| format!("The `{}` header", option.header));
        let help = format!("{help} (header `{}`)", option.header);
        push(unraw(&option.setter), "option", quote!(Place::Option), (quote!(Kind::String), false), false, help, &mut taken);
    }
    if op.auth == Auth::BearerArgument {
        push("access_token", "bearer", quote!(Place::Bearer), (quote!(Kind::String), false), true, "The bearer token sent with this call".to_owned(), &mut taken);
    }
    let body = match &op.body {
        None => quote!(Body::None),
        Some(body) if matches!(body.media, MediaType::Text | MediaType::Bytes) => {
            let open = !fixed_content_type(&body.content_type);
            quote!(Body::Raw { open_content_type: #open })
        }
        Some(body) => match object_fields(&body.ty, index) {
            Some(fields) => {
                for f in fields {
                    let Some(kind) = kind(&f.ty, index) else { continue };
                    let help = first_line(&f.docs.0).unwrap_or_else(|| format!("The `{}` field", f.name));
                    push(&f.name, "body", quote!(Place::Body), kind, f.required, help, &mut taken);
                }
                quote!(Body::Object)
            }
            None => {
                let required = body.required;
                quote!(Body::Value { required: #required })
            }
        },
    };
    quote! {
        Operation {
            id: #id,
            command: &[#(#command),*],
            summary: #summary,
            docs: #docs,
            method: #method,
            path: #path,
            args: &[#(#args)*],
            body: #body,
        },
    }
}

/// The first line of some docs, without a trailing period.
fn first_line(docs: &[String]) -> Option<String> {
    docs.first().map(|l| l.trim_end_matches('.').to_owned()).filter(|l| !l.is_empty())
}

/// The fields of a body that is a JSON object with declared fields.
fn object_fields<'a>(ty: &TypeRef, index: &TypeIndex<'a>) -> Option<&'a [crate::ir::Field]> {
    let TypeRef::Named(id) = ty else { return None };
    match &index.get(id).kind {
        TypeKind::Struct { fields } => Some(fields),
        TypeKind::Alias { ty } => object_fields(ty, index),
        _ => None,
    }
}

/// How a value of `ty` is typed on the command line, and whether it repeats (an array);
/// `None` for objects, maps, unions and free JSON, which come through `--json`.
fn kind(ty: &TypeRef, index: &TypeIndex<'_>) -> Option<(TokenStream, bool)> {
    match ty {
        TypeRef::Nullable(inner) => kind(inner, index),
        TypeRef::Array(inner) => match kind(inner, index)? {
            (kind, false) => Some((kind, true)),
            (_, true) => None,
        },
        TypeRef::String => Some((quote!(Kind::String), false)),
        TypeRef::Bool => Some((quote!(Kind::Bool), false)),
        TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 => Some((quote!(Kind::Integer), false)),
        TypeRef::F32 | TypeRef::F64 => Some((quote!(Kind::Number), false)),
        TypeRef::Named(id) => match &index.get(id).kind {
            TypeKind::StringEnum { variants, .. } => {
                let values = variants.iter().map(|v| v.value.as_str());
                Some((quote!(Kind::Enum(&[#(#values),*])), false))
            }
            TypeKind::Alias { ty } => kind(ty, index),
            _ => None,
        },
        TypeRef::Json | TypeRef::JsonObject | TypeRef::Map(_) | TypeRef::Bytes | TypeRef::File => None,
    }
}
