//! Services -> one module file each: the service struct, its accessors for sub-services,
//! one method per operation returning a `crate::Call` (plus a `<method>_all` stream for
//! cursor-paginated ones), and the types that only this service uses.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::doc_attrs;
use crate::emit::format::RustFile;
use crate::emit::example::{operation_example, ExampleContext};
use crate::emit::pagination;
use crate::emit::typeref::{ident, TypeIndex};
use crate::ir::{Auth, Body, Docs, Field, MediaType, Operation, Param, ParamLocation, QueryStyle, Service, Success, TypeKind, TypeRef};
use crate::naming::unraw;
use crate::error::Result;

/// Pushes the service's items to `file`: its module doc, child modules, the service struct with
/// one method per operation, and the status enums (the module's types follow, pushed by the caller).
pub fn service_module(service: &Service, index: &TypeIndex<'_>, examples: &ExampleContext, file: &mut RustFile) -> Result<()> {
    let module_doc = format!(" Operations under `{}`.", display_prefix(service));
    let children = service.children.iter().map(|c| {
        let m = ident(&c.accessor);
        quote!(pub mod #m;)
    });
    let name = ident(&service.struct_name);
    let accessor_doc = format!(
        " The `{}` operations, reached with `client.{}()`.",
        service.module.iter().map(|m| unraw(m)).collect::<Vec<_>>().join("."),
        service.module.iter().map(|m| unraw(m)).collect::<Vec<_>>().join("().")
    );
    let child_accessors = service.children.iter().map(sub_accessor);
    let status_enums = service.operations.iter().map(|op| crate::emit::by_status::status_enum(op, index));
    let methods = service.operations.iter().map(|op| {
        let all = op.pagination.as_ref().map(|p| pagination::all_method(service, op, p, index, examples));
        let one = method(service, op, index, examples);
        quote!(#one #all)
    });
    file.push(quote! {
        #![doc = #module_doc]
        #(#children)*

        #[doc = #accessor_doc]
        #[derive(Clone, Copy, Debug)]
        pub struct #name<'a> {
            pub(crate) client: &'a crate::Client,
        }

        impl<'a> #name<'a> {
            pub(crate) fn new(client: &'a crate::Client) -> Self {
                Self { client }
            }
            #(#child_accessors)*
            #(#methods)*
        }
    })?;
    for status_enum in status_enums {
        file.push(status_enum)?;
    }
    Ok(())
}

pub(crate) fn display_prefix(service: &Service) -> String {
    if service.url_prefix.is_empty() {
        "/".to_owned()
    } else {
        service.url_prefix.clone()
    }
}

/// Path to a service struct: `crate::magic_links::email::MagicLinksEmail`.
pub fn struct_path(service: &Service) -> TokenStream {
    let segments = service.module.iter().map(|m| ident(m));
    let name = ident(&service.struct_name);
    quote!(crate #(:: #segments)* :: #name)
}

/// `fn email(&self) -> MagicLinksEmail<'a>` on the parent service.
fn sub_accessor(child: &Service) -> TokenStream {
    let accessor = ident(&child.accessor);
    let path = struct_path(child);
    let doc = format!(" Operations under `{}`.", display_prefix(child));
    quote! {
        #[doc = #doc]
        pub fn #accessor(&self) -> #path<'a> {
            #path::new(self.client)
        }
    }
}

/// Method argument names that cannot clash with path parameter names.
fn local_name(param: &Param, taken: &[&str]) -> syn::Ident {
    let base = unraw(&param.rust_name);
    if taken.contains(&base) {
        ident(&format!("{base}_param"))
    } else {
        ident(&param.rust_name)
    }
}

fn method(service: &Service, op: &Operation, index: &TypeIndex<'_>, examples: &ExampleContext) -> TokenStream {
    let mut docs = op.docs.clone();
    if op.deprecated {
        docs.push_paragraph("**Deprecated** by the API description.");
    }
    if op.auth == Auth::BearerArgument {
        docs.push_paragraph("`access_token` is sent as the `Authorization: Bearer` header instead of the client's credentials.");
    }
    if let Some(body) = op.body.as_ref().filter(|b| matches!(b.media, MediaType::Text | MediaType::Bytes)) {
        let shown = if body.content_type.is_empty() { "any media type".to_owned() } else { format!("`{}`", body.content_type) };
        let how = if fixed_content_type(&body.content_type) { "with that content type" } else { "with `content_type` as its content type" };
        docs.push_paragraph(&format!("`body` is sent as it is ({shown}), {how}."));
    }
    if let Some(options) = crate::emit::request_options::operation_docs(op) {
        docs.0.push(String::new());
        docs.0.extend(options.0);
    }
    docs.push_paragraph(&format!("`{} {}`", op.http_method, op.path));
    docs.push_paragraph("# Example");
    docs.0.push(String::new());
    docs.0.push("```no_run".into());
    docs.0.extend(operation_example(service, op, examples, index));
    docs.0.push("```".into());
    let docs = doc_attrs(&docs);
    let name = ident(&op.method_name);
    let reserved = ["request", "params", "path", "value", "self", "access_token"];

    let mut args = Vec::new();
    let mut lets = Vec::new();
    // Whether building the request can fail (a body to encode, a client setting to read).
    let mut fallible = false;
    let path_params: Vec<&Param> = op.params.iter().filter(|p| p.location == ParamLocation::Path).collect();
    for p in &path_params {
        // Each path parameter is percent-encoded into `<name>_segment`, then formatted in.
        let segment = segment_name(p);
        if let Some(setting) = &p.client_param {
            lets.push(quote!(let #segment = crate::request::encode_path(self.client.client_param(#setting)?);));
            fallible = true;
            continue;
        }
        let local = local_name(p, &reserved);
        let (ty, as_text) = path_arg(&p.ty, &local, index);
        args.push(quote!(#local: #ty));
        let text = as_text.unwrap_or_else(|| quote!(#local));
        lets.push(quote!(let #segment = crate::request::encode_path(#text);));
    }
    let path_expr = path_format(&op.path, &path_params);

    if op.auth == Auth::BearerArgument {
        args.push(quote!(access_token: &str));
    }
    if let Some(pt) = &op.params_type {
        let ty = index.tokens(pt);
        args.push(quote!(params: &#ty));
    }
    if let Some(body) = &op.body {
        args.extend(body_args(body, index));
    }

    let method_ident = ident(&op.http_method);
    let (id, template) = (&op.id, &op.path);
    let new_request = quote!(crate::request::Request::new(::reqwest::Method::#method_ident, #id, #template, #path_expr));
    let mut build = Vec::new();
    for p in op.params.iter().filter(|p| p.location != ParamLocation::Path && p.client_param.is_none()) {
        build.push(param_pushes(p, index));
    }
    if let Some(body) = &op.body {
        // Encoding JSON, a form or parts, or checking a caller's content type, can fail.
        fallible |= matches!(body.media, MediaType::Json | MediaType::Form | MediaType::Multipart) || !fixed_content_type(&body.content_type);
        build.push(body_push(body));
    }
    if let Some(server) = op.servers.first() {
        let url = &server.url;
        build.push(quote!(request_spec = request_spec.server(#url);));
    }
    if let Some(conversion) = &op.error_conversion {
        let ty = index.tokens(conversion);
        build.push(quote!(request_spec = request_spec.errors_as(crate::request::decode_error_as::<#ty>);));
    }
    if let Some(header) = &op.idempotency_header {
        build.push(quote!(request_spec = request_spec.idempotency_header(#header);));
    }
    if !op.request_options.is_empty() {
        let headers = crate::emit::request_options::headers(op);
        build.push(quote!(request_spec = request_spec.option_headers(&[#(#headers),*]);));
    }
    if let Success::Bytes { content_type, .. } = &op.success {
        let accept = if fixed_content_type(content_type) { content_type.as_str() } else { "*/*" };
        build.push(quote!(request_spec = request_spec.accept(#accept);));
    }
    match &op.auth {
        Auth::None => build.push(quote!(request_spec = request_spec.without_auth();)),
        Auth::BearerArgument => build.push(quote!(request_spec = request_spec.bearer(access_token);)),
        Auth::Schemes(requirements) => {
            let list = crate::emit::security::requirements_tokens(requirements);
            build.push(quote!(request_spec = request_spec.security(#list);));
        }
        Auth::Client => {}
    }
    let (ret, decode) = match &op.success {
        Success::Json { ty, optional: true, .. } => {
            let ty = index.tokens(ty);
            (quote!(::std::option::Option<#ty>), quote!(crate::call::json_or_none))
        }
        Success::Json { ty, .. } => (index.tokens(ty), quote!(crate::call::json)),
        Success::Text { .. } => (quote!(::std::string::String), quote!(crate::call::text)),
        Success::Empty { .. } => (quote!(()), quote!(crate::call::empty)),
        Success::Bytes { .. } => (quote!(::bytes::Bytes), quote!(crate::call::bytes)),
        Success::ByStatus { type_name, .. } => {
            let ty = ident(type_name);
            (quote!(#ty), quote!(#ty::decode))
        }
    };
    // `let mut request_spec = Request::new(..); request_spec = request_spec.query(..); ...`
    let request_spec = if build.is_empty() {
        quote!(let request_spec = #new_request;)
    } else {
        quote!(let mut request_spec = #new_request; #(#build)*)
    };
    let body = if fallible {
        // let build = || -> Result<Request, Error> { ..?..; Ok(request_spec) };
        quote! {
            let build = || -> ::std::result::Result<crate::request::Request, crate::Error> {
                #(#lets)*
                #request_spec
                ::std::result::Result::Ok(request_spec)
            };
            crate::Call::new(self.client, build(), #decode)
        }
    } else {
        quote! {
            #(#lets)*
            #request_spec
            crate::Call::new(self.client, ::std::result::Result::Ok(request_spec), #decode)
        }
    };
    quote! {
        #docs
        pub fn #name(&self, #(#args),*) -> crate::Call<#ret> {
            #body
        }
    }
}

/// The argument type of a path parameter, and how to turn it into text when it is not a string.
fn path_arg(ty: &TypeRef, local: &syn::Ident, index: &TypeIndex<'_>) -> (TokenStream, Option<TokenStream>) {
    let ty = match ty {
        TypeRef::Nullable(t) => t.as_ref(),
        t => t,
    };
    match ty {
        TypeRef::String => (quote!(&str), None),
        TypeRef::Named(_) if index.is_string_enum(ty) => {
            let t = index.tokens(ty);
            (quote!(&#t), Some(quote!(#local.as_str())))
        }
        other if is_scalar(other, index) => (index.tokens(other), Some(quote!(&::std::string::ToString::to_string(&#local)))),
        // A union (`oneOf: [string, integer]`) or anything else: its JSON value, unquoted when
        // it is a string.
        other => (
            index.tokens(other),
            Some(quote! {
                &match ::serde_json::to_value(&#local) {
                    ::std::result::Result::Ok(::serde_json::Value::String(text)) => text,
                    ::std::result::Result::Ok(value) => value.to_string(),
                    ::std::result::Result::Err(_) => ::std::string::String::new(),
                }
            }),
        ),
    }
}

/// The local holding a percent-encoded path parameter: `user_id_segment`.
fn segment_name(param: &Param) -> syn::Ident {
    ident(&format!("{}_segment", unraw(&param.rust_name)))
}

/// `format!("/v1/users/{user_id_segment}")`, or a plain string without parameters.
fn path_format(path: &str, params: &[&Param]) -> TokenStream {
    let mut fmt = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        fmt.push_str(&rest[..start]);
        let name = &rest[start + 1..start + len];
        match params.iter().find(|p| p.name == name) {
            Some(p) => fmt.push_str(&format!("{{{}}}", segment_name(p))),
            // A placeholder no parameter declares stays as written: escaped in a format string.
            None if params.is_empty() => fmt.push_str(&rest[start..start + len + 1]),
            None => fmt.push_str(&format!("{{{{{name}}}}}")),
        }
        rest = &rest[start + len + 1..];
    }
    fmt.push_str(rest);
    if params.is_empty() {
        quote!(::std::string::String::from(#fmt))
    } else {
        quote!(::std::format!(#fmt))
    }
}

/// Adds one query or header parameter from `params` to the request. Scalars are sent as text,
/// arrays of scalars one value each (or joined, per `style`), object query parameters field by
/// field (see [`object_pushes`]), and anything else as JSON text.
fn param_pushes(p: &Param, index: &TypeIndex<'_>) -> TokenStream {
    let wire = &p.name;
    let field = ident(&p.rust_name);
    let add = match p.location {
        ParamLocation::Header => quote!(header),
        _ => quote!(query),
    };
    let inner = strip_nullable(&p.ty);
    let optional = !p.required || matches!(p.ty, TypeRef::Nullable(_));
    let object = match inner {
        TypeRef::Named(id) if p.location == ParamLocation::Query => match &index.get(id).kind {
            TypeKind::Struct { fields } => Some(fields),
            _ => None,
        },
        _ => None,
    };
    let joined = match p.style {
        Some(QueryStyle::FormUnexploded) => Some(","),
        Some(QueryStyle::SpaceDelimited) => Some(" "),
        Some(QueryStyle::PipeDelimited) => Some("|"),
        _ => None,
    };
    let push = match (inner, object) {
        (_, Some(fields)) => object_pushes(wire, fields, p.style, index),
        (TypeRef::Array(item), _) if is_scalar(item, index) && joined.is_some() => {
            let sep = joined.unwrap_or(",");
            quote! {
                let joined: ::std::vec::Vec<::std::string::String> = value.iter().map(::std::string::ToString::to_string).collect();
                request_spec = request_spec.#add(#wire, joined.join(#sep));
            }
        }
        (TypeRef::Array(item), _) => {
            let text = param_text(quote!(item), item, index);
            quote!(for item in value { request_spec = request_spec.#add(#wire, #text); })
        }
        (other, _) => {
            let text = param_text(quote!(value), other, index);
            quote!(request_spec = request_spec.#add(#wire, #text);)
        }
    };
    if optional {
        quote!(if let ::std::option::Option::Some(value) = &params.#field { #push })
    } else if object.is_none() && !matches!(inner, TypeRef::Array(_)) {
        let text = param_text(quote!(&params.#field), inner, index);
        quote!(request_spec = request_spec.#add(#wire, #text);)
    } else {
        quote!(let value = &params.#field; #push)
    }
}

fn strip_nullable(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Nullable(t) => t.as_ref(),
        t => t,
    }
}

/// Whether a value of this type is sent as its `ToString` text.
fn is_scalar(ty: &TypeRef, index: &TypeIndex<'_>) -> bool {
    match ty {
        TypeRef::String | TypeRef::Bool | TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 | TypeRef::F32 | TypeRef::F64 => true,
        TypeRef::Named(id) => match &index.get(id).kind {
            TypeKind::StringEnum { .. } => true,
            TypeKind::Alias { ty } => is_scalar(ty, index),
            _ => false,
        },
        _ => false,
    }
}

/// The text of one parameter value: `ToString` for scalars, JSON otherwise.
fn param_text(value: TokenStream, ty: &TypeRef, index: &TypeIndex<'_>) -> TokenStream {
    if is_scalar(ty, index) {
        quote!(::std::string::ToString::to_string(#value))
    } else {
        quote!(::serde_json::to_string(#value).unwrap_or_default())
    }
}

/// An object query parameter, field by field: `?name=x&age=3` (form, exploded),
/// `?point[x]=1&point[y]=2` (deepObject), or `?point=x,1,y,2` (form, `explode: false`). Unset
/// optional fields are left out; array fields are joined with commas; nested objects are JSON.
fn object_pushes(wire: &str, fields: &[Field], style: Option<QueryStyle>, index: &TypeIndex<'_>) -> TokenStream {
    let unexploded = style == Some(QueryStyle::FormUnexploded);
    let pushes = fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let inner = strip_nullable(&f.ty);
        let text = match inner {
            TypeRef::Array(item) if is_scalar(item, index) => quote! {
                v.iter().map(::std::string::ToString::to_string).collect::<::std::vec::Vec<_>>().join(",")
            },
            other => param_text(quote!(v), other, index),
        };
        let push = if unexploded {
            let key = &f.name;
            quote!(parts.push(::std::string::String::from(#key)); parts.push(#text);)
        } else {
            let key = if style == Some(QueryStyle::DeepObject) { format!("{wire}[{}]", f.name) } else { f.name.clone() };
            quote!(request_spec = request_spec.query(#key, #text);)
        };
        if !f.required || matches!(f.ty, TypeRef::Nullable(_)) {
            quote!(if let ::std::option::Option::Some(v) = &value.#fname { #push })
        } else {
            quote!({ let v = &value.#fname; #push })
        }
    });
    if unexploded {
        quote! {
            let mut parts: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
            #(#pushes)*
            request_spec = request_spec.query(#wire, parts.join(","));
        }
    } else {
        quote!(#(#pushes)*)
    }
}

/// Crate-level docs text for a service accessor on `Client`.
pub fn accessor_docs(service: &Service) -> Docs {
    Docs(vec![format!("Operations under `{}`.", display_prefix(service))])
}

/// Whether a body's content type is fixed by the spec, so it is sent as written; otherwise
/// (`image/*`, `*/*`, empty, or not a valid header value) the caller gives it per call.
pub fn fixed_content_type(content_type: &str) -> bool {
    !content_type.is_empty() && !content_type.contains('*') && content_type.bytes().all(|b| (0x20..0x7f).contains(&b))
}

/// The method arguments a body takes: `request: &T` for JSON, form and multipart bodies,
/// `body: impl Into<String>` for text, `body: impl Into<Bytes>` for raw bytes, and
/// `content_type: &str` after a raw body whose content type the spec leaves open.
fn body_args(body: &Body, index: &TypeIndex<'_>) -> Vec<TokenStream> {
    let mut args = match body.media {
        MediaType::Json | MediaType::Form | MediaType::Multipart => {
            let ty = index.tokens(&body.ty);
            return vec![quote!(request: &#ty)];
        }
        MediaType::Text => vec![quote!(body: impl ::std::convert::Into<::std::string::String>)],
        MediaType::Bytes => vec![quote!(body: impl ::std::convert::Into<::bytes::Bytes>)],
    };
    if !fixed_content_type(&body.content_type) {
        args.push(quote!(content_type: &str));
    }
    args
}

/// `request_spec = request_spec.json("application/json", request)?;` and the like.
fn body_push(body: &Body) -> TokenStream {
    let ct = if fixed_content_type(&body.content_type) { body.content_type.as_str() } else { "" };
    match body.media {
        // A JSON or form content type the spec spells invalidly is sent as the standard one.
        MediaType::Json => {
            let ct = if ct.is_empty() { "application/json" } else { ct };
            quote!(request_spec = request_spec.json(#ct, request)?;)
        }
        MediaType::Form => {
            let ct = if ct.is_empty() { "application/x-www-form-urlencoded" } else { ct };
            quote!(request_spec = request_spec.form(#ct, request)?;)
        }
        // The boundary is reqwest's: the spec's content type (`multipart/form-data`) is not
        // sent as it is.
        MediaType::Multipart => quote!(request_spec = request_spec.multipart(request.to_multipart()?)?;),
        MediaType::Text | MediaType::Bytes => {
            let bytes = if body.media == MediaType::Text {
                quote!(::bytes::Bytes::from(::std::convert::Into::<::std::string::String>::into(body)))
            } else {
                quote!(body.into())
            };
            if ct.is_empty() {
                quote!(request_spec = request_spec.raw_with(content_type, #bytes)?;)
            } else {
                quote!(request_spec = request_spec.raw(#ct, #bytes);)
            }
        }
    }
}
