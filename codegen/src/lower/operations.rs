//! Operations: parameters, bodies, responses, auth and servers, for one operation at a time.

use std::borrow::Cow;
use std::collections::BTreeSet;

use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody, Response, StatusCode};

use crate::error::{pointer_token, Result};
use crate::ir::{Auth, Body, Docs, ErrorResponse, Field, MediaType, Operation, Param, ParamLocation, QueryStyle, RequestOption, Server, StatusVariant, Success, TypeRef};
use crate::lower::refs::deref;
use crate::lower::schemas::Types;
use crate::naming::{dedupe, snake_ident, split_words, unraw};

/// One operation of the spec, with where it sits.
pub struct SpecOperation<'a> {
    pub path: &'a str,
    pub method: &'a str,
    pub op: &'a openapiv3::Operation,
    pub item: &'a openapiv3::PathItem,
    pub pointer: String,
    pub id: String,
}

/// Lowers one operation. Nothing here refuses the operation: a part that cannot be typed falls
/// back (a body or response to any JSON, a broken parameter is left out) with a warning.
pub fn lower_operation(types: &mut Types<'_>, so: &SpecOperation<'_>, method_name: String) -> Operation {
    let op = so.op;
    let hint = split_words(&method_name, &types.config.naming.words);
    let mut docs = Docs::default();
    if let Some(summary) = &op.summary {
        docs.push_paragraph(summary);
    }
    if let Some(description) = &op.description {
        docs.push_paragraph(description);
    }
    let (params, request_options) = params(types, so, &hint);
    let params_type = params_type(types, so, &hint, &params);
    let errors = errors(types, so);
    let error_conversion = error_conversion(types, &errors);
    let idempotency_header = idempotency_header(&params);
    // Body before success: their inline types are defined (and named) in that order.
    let body = body(types, so, &hint);
    let success = success(types, so, &hint, &method_name);
    let mut lowered = Operation {
        id: so.id.clone(),
        method_name,
        http_method: so.method.to_uppercase(),
        path: so.path.to_owned(),
        docs,
        deprecated: op.deprecated,
        params,
        params_type,
        body,
        success,
        errors,
        error_conversion,
        servers: servers(if op.servers.is_empty() { &so.item.servers } else { &op.servers }),
        auth: auth(types, op),
        idempotency_header,
        pagination: None,
        request_options,
    };
    // A broken `x-pagination` costs the operation its stream, not the whole spec.
    lowered.pagination = match crate::lower::pagination::pagination(types, so, &lowered) {
        Ok(pagination) => pagination,
        Err(e) => {
            types.warn_error(&e, "no `_all` stream is generated for this operation");
            None
        }
    };
    lowered
}

/// The header parameter that carries an idempotency key (`Idempotency-Key`,
/// `X-Idempotency-Key`, any case), so that per-call options can set it.
fn idempotency_header(params: &[Param]) -> Option<String> {
    params
        .iter()
        .find(|p| {
            let name = p.name.to_ascii_lowercase();
            p.location == ParamLocation::Header && (name == "idempotency-key" || name == "x-idempotency-key")
        })
        .map(|p| p.name.clone())
}

/// `security: []` sends nothing; an operation-level requirement made only of HTTP bearer
/// schemes, different from the API's default, takes the token per call; another
/// operation-level requirement is the operation's own; none means the API's default.
fn auth(types: &Types<'_>, op: &openapiv3::Operation) -> Auth {
    let Some(reqs) = &op.security else { return Auth::Client };
    if reqs.is_empty() {
        return Auth::None;
    }
    let doc = &types.spec.doc;
    if doc.security.as_ref() == Some(reqs) {
        return Auth::Client;
    }
    let is_bearer = |name: &String| {
        let scheme = doc.components.as_ref().and_then(|c| c.security_schemes.get(name));
        matches!(
            scheme,
            Some(ReferenceOr::Item(openapiv3::SecurityScheme::HTTP { scheme, .. })) if scheme.eq_ignore_ascii_case("bearer")
        )
    };
    if reqs.iter().all(|r| !r.is_empty() && r.keys().all(is_bearer)) {
        return Auth::BearerArgument;
    }
    // An empty requirement among the alternatives (`- {}`) is met by no credentials at all.
    Auth::Schemes(crate::lower::security::requirements(reqs))
}

pub fn servers(list: &[openapiv3::Server]) -> Vec<Server> {
    list.iter()
        .map(|s| Server { url: s.url.trim_end_matches('/').to_owned(), description: s.description.clone() })
        .collect()
}

/// The operation's parameters, and apart from them the headers set through `RequestOptions`.
fn params(types: &mut Types<'_>, so: &SpecOperation<'_>, hint: &[String]) -> (Vec<Param>, Vec<RequestOption>) {
    // Path-level parameters apply unless the operation redefines the same name and location.
    let mut list: Vec<(String, Cow<'_, Parameter>)> = Vec::new();
    let item_pointer = so.pointer.rsplit_once('/').map_or("", |(p, _)| p).to_owned();
    let declared = so.item.parameters.iter().enumerate().map(|(i, p)| (format!("{item_pointer}/parameters/{i}"), p, false));
    let own = so.op.parameters.iter().enumerate().map(|(i, p)| (format!("{}/parameters/{i}", so.pointer), p, true));
    for (pointer, p, overrides) in declared.chain(own).collect::<Vec<_>>() {
        // A referenced parameter is lowered at its target, so its inline types are shared.
        let (pointer, param) = match resolve_parameter(types, p, &pointer) {
            Ok(found) => found,
            Err(e) => {
                types.warn_error(&e, "parameter left out");
                continue;
            }
        };
        if overrides {
            let key = (param.parameter_data_ref().name.clone(), std::mem::discriminant(param.as_ref()));
            list.retain(|(_, e)| (e.parameter_data_ref().name.clone(), std::mem::discriminant(e.as_ref())) != key);
        }
        list.push((pointer, param));
    }
    let mut out: Vec<Param> = Vec::new();
    let mut options: Vec<RequestOption> = Vec::new();
    for (pointer, param) in list {
        let location = match param.as_ref() {
            Parameter::Path { .. } => ParamLocation::Path,
            Parameter::Query { .. } => ParamLocation::Query,
            Parameter::Header { .. } => ParamLocation::Header,
            Parameter::Cookie { .. } => {
                types.warn(&pointer, "cookie parameters are not supported yet; parameter left out");
                continue;
            }
        };
        let data = param.parameter_data_ref();
        if let Some(option) = crate::lower::request_options::request_option(types, &pointer, data, location) {
            options.push(option);
            continue;
        }
        if location == ParamLocation::Path && !so.path.contains(&format!("{{{}}}", data.name)) {
            types.warn(&pointer, format!("path parameter `{}` does not appear in the path `{}`; parameter left out", data.name, so.path));
            continue;
        }
        let words = split_words(&data.name, &types.config.naming.words);
        let ty = match &data.format {
            ParameterSchemaOrContent::Schema(s) => {
                let mut param_hint = hint.to_vec();
                param_hint.extend(words.iter().cloned());
                types.convert(s, &format!("{pointer}/schema"), &param_hint)
            }
            ParameterSchemaOrContent::Content(_) => TypeRef::String,
        };
        let client_param = data.extensions.get("x-client-param").and_then(|v| v.as_str()).map(str::to_owned);
        let style = match param.as_ref() {
            Parameter::Query { style, .. } => query_style(style, data.explode),
            _ => None,
        };
        out.push(Param {
            style,
            name: data.name.clone(),
            rust_name: snake_ident(&words),
            location,
            ty,
            required: data.required || location == ParamLocation::Path,
            docs: data.description.as_deref().map(Docs::from_text).unwrap_or_default(),
            client_param,
            example: data.example.clone().or_else(|| param_schema_example(types, &data.format)),
        });
    }
    for name in template_names(so.path) {
        if !out.iter().any(|p| p.location == ParamLocation::Path && p.name == name) {
            types.warn(&so.pointer, format!("path template names `{{{name}}}` but no path parameter declares it; taken as a string"));
            let words = split_words(name, &types.config.naming.words);
            let rust_name = snake_ident(&words);
            out.push(Param { name: name.to_owned(), rust_name, location: ParamLocation::Path, ty: TypeRef::String, required: true, docs: Docs::default(), client_param: None, style: None, example: None });
        }
    }
    dedupe_params(types, so, &mut out);
    (out, options)
}

/// The spelling of a query parameter, `None` for the default (`form`, exploded).
fn query_style(style: &openapiv3::QueryStyle, explode: Option<bool>) -> Option<QueryStyle> {
    match style {
        openapiv3::QueryStyle::Form if explode == Some(false) => Some(QueryStyle::FormUnexploded),
        openapiv3::QueryStyle::Form => None,
        openapiv3::QueryStyle::DeepObject => Some(QueryStyle::DeepObject),
        openapiv3::QueryStyle::SpaceDelimited => Some(QueryStyle::SpaceDelimited),
        openapiv3::QueryStyle::PipeDelimited => Some(QueryStyle::PipeDelimited),
    }
}

/// Parameters whose names sanitize to one Rust name (`drug_id` and `DRUG_ID`, a path and a
/// query `id`) are told apart: see [`crate::naming::dedupe`].
fn dedupe_params(types: &mut Types<'_>, so: &SpecOperation<'_>, params: &mut [Param]) {
    let wanted: Vec<String> = params.iter().map(|p| p.rust_name.clone()).collect();
    let exact: Vec<bool> = params.iter().map(|p| unraw(&p.rust_name) == p.name).collect();
    let (names, renames) = dedupe(&wanted, &exact, &BTreeSet::new());
    for r in renames {
        let winner = r.winner.map_or("", |w| params[w].name.as_str());
        let loser = &params[r.loser];
        let message = format!(
            "parameters `{winner}` and `{}` both map to `{}`; `{}` is `{}`",
            loser.name, wanted[r.loser], loser.name, names[r.loser]
        );
        types.warn(&format!("{}/parameters", so.pointer), message);
    }
    for (p, name) in params.iter_mut().zip(names) {
        p.rust_name = name;
    }
}

/// The query and header parameters the caller sets, gathered in one struct.
fn params_type(types: &mut Types<'_>, so: &SpecOperation<'_>, hint: &[String], params: &[Param]) -> Option<TypeRef> {
    let fields: Vec<Field> = params
        .iter()
        .filter(|p| p.location != ParamLocation::Path && p.client_param.is_none())
        .map(|p| Field {
            name: p.name.clone(),
            rust_name: p.rust_name.clone(),
            ty: p.ty.clone(),
            required: p.required,
            docs: p.docs.clone(),
            sensitive: false,
            deprecated: false,
            boxed: false,
            example: p.example.clone(),
        })
        .collect();
    if fields.is_empty() {
        return None;
    }
    let mut words = hint.to_vec();
    words.push("params".into());
    let docs = Docs(vec![format!("Query and header parameters of `{} {}`.", so.method.to_uppercase(), so.path)]);
    Some(types.define_params(&format!("{}/parameters", so.pointer), &words, docs, fields))
}

fn template_names(path: &str) -> Vec<&str> {
    path.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(n, _)| n)).collect()
}

/// A parameter and the pointer it sits at (the target, for a `$ref`).
fn resolve_parameter<'a>(types: &Types<'a>, p: &'a ReferenceOr<Parameter>, pointer: &str) -> Result<(String, Cow<'a, Parameter>)> {
    match p {
        ReferenceOr::Item(p) => Ok((pointer.to_owned(), Cow::Borrowed(p))),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/parameters/");
            match name.and_then(|n| Some((n, types.spec.doc.components.as_ref()?.parameters.get(n)?))) {
                Some((n, ReferenceOr::Item(p))) => Ok((format!("#/components/parameters/{n}"), Cow::Borrowed(p))),
                // Any other pointer (`#/paths/~1pets/get/parameters/0`), or a chain.
                _ => deref::<Parameter>(types.spec, reference, pointer, "parameter").map(|(at, p)| (at, Cow::Owned(p))),
            }
        }
    }
}

fn body(types: &mut Types<'_>, so: &SpecOperation<'_>, hint: &[String]) -> Option<Body> {
    let body = so.op.request_body.as_ref()?;
    let pointer = format!("{}/requestBody", so.pointer);
    let body: Cow<'_, RequestBody> = match resolve_body(types, body, &pointer) {
        Ok(b) => b,
        Err(e) => {
            types.warn_error(&e, "the operation is generated without a body");
            return None;
        }
    };
    let chosen = body
        .content
        .iter()
        .find(|(ct, _)| is_json(ct))
        .map(|(ct, m)| (MediaType::Json, ct, m))
        .or_else(|| {
            body.content
                .iter()
                .find(|(ct, _)| ct.starts_with("application/x-www-form-urlencoded"))
                .map(|(ct, m)| (MediaType::Form, ct, m))
        });
    let Some((media, content_type, media_obj)) = chosen else {
        let listed: Vec<&str> = body.content.keys().map(String::as_str).collect();
        if listed.is_empty() {
            types.warn(&pointer, "request body declares no media type; the operation is generated without a body");
            return None;
        }
        let mut untyped = None;
        if let Some((ct, media)) = body.content.iter().find(|(ct, _)| ct.starts_with("multipart/form-data")) {
            let mut body_hint = hint.to_vec();
            body_hint.push("request".into());
            let media_pointer = format!("{pointer}/content/{}/schema", pointer_token(ct));
            match types.multipart_body(media, &media_pointer, &body_hint) {
                Ok(ty) => return Some(Body { media: MediaType::Multipart, content_type: ct.clone(), ty, required: body.required }),
                Err(reason) => untyped = Some(format!("the `{ct}` body cannot be typed ({reason})")),
            }
        }
        if let Some(raw) = raw_body(&listed, body.required) {
            return Some(raw);
        }
        if let Some(reason) = untyped {
            types.warn(&pointer, format!("{reason}: it is typed as `serde_json::Value` and sent as `application/json`"));
            return Some(Body { media: MediaType::Json, content_type: "application/json".into(), ty: TypeRef::Json, required: body.required });
        }
        types.warn(
            &pointer,
            format!("unsupported request media type(s) {listed:?}: the body is typed as `serde_json::Value` and sent as `application/json`"),
        );
        return Some(Body { media: MediaType::Json, content_type: "application/json".into(), ty: TypeRef::Json, required: body.required });
    };
    let mut body_hint = hint.to_vec();
    body_hint.push("request".into());
    let media_pointer = format!("{pointer}/content/{}/schema", pointer_token(content_type));
    let ty = match &media_obj.schema {
        Some(s) => types.convert(s, &media_pointer, &body_hint),
        None => TypeRef::Json,
    };
    Some(Body { media, content_type: content_type.clone(), ty, required: body.required })
}

fn resolve_body<'a>(types: &Types<'a>, body: &'a ReferenceOr<RequestBody>, pointer: &str) -> Result<Cow<'a, RequestBody>> {
    match body {
        ReferenceOr::Item(b) => Ok(Cow::Borrowed(b)),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/requestBodies/");
            match name.and_then(|n| types.spec.doc.components.as_ref()?.request_bodies.get(n)) {
                Some(ReferenceOr::Item(b)) => Ok(Cow::Borrowed(b)),
                _ => deref::<RequestBody>(types.spec, reference, pointer, "request body").map(|(_, b)| Cow::Owned(b)),
            }
        }
    }
}

fn is_json(content_type: &str) -> bool {
    let ct = content_type.split(';').next().unwrap_or("").trim();
    ct == "application/json" || ct.ends_with("+json")
}

fn resolve_response<'a>(types: &Types<'a>, r: &'a ReferenceOr<Response>, pointer: &str) -> Result<Cow<'a, Response>> {
    match r {
        ReferenceOr::Item(r) => Ok(Cow::Borrowed(r)),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/responses/");
            match name.and_then(|n| types.spec.doc.components.as_ref()?.responses.get(n)) {
                Some(ReferenceOr::Item(r)) => Ok(Cow::Borrowed(r)),
                _ => deref::<Response>(types.spec, reference, pointer, "response").map(|(_, r)| Cow::Owned(r)),
            }
        }
    }
}

fn status_text(code: &StatusCode) -> String {
    match code {
        StatusCode::Code(c) => c.to_string(),
        StatusCode::Range(r) => format!("{r}XX"),
    }
}

fn response_pointer(so: &SpecOperation<'_>, status: &str) -> String {
    format!("{}/responses/{status}", so.pointer)
}

/// The JSON schema of a response, if it has one.
fn json_type(types: &mut Types<'_>, r: &Response, pointer: &str, hint: &[String]) -> Option<TypeRef> {
    let (ct, media) = r.content.iter().find(|(ct, _)| is_json(ct))?;
    let schema = media.schema.as_ref()?;
    Some(types.convert(schema, &format!("{pointer}/content/{}/schema", pointer_token(ct)), hint))
}

fn success(types: &mut Types<'_>, so: &SpecOperation<'_>, hint: &[String], method_name: &str) -> Success {
    let mut found: Vec<(Success, Docs)> = Vec::new();
    let mut response_hint = hint.to_vec();
    response_hint.push("response".into());
    let successes = so.op.responses.responses.iter().filter(|(code, _)| match code {
        StatusCode::Code(c) => (200..300).contains(c),
        StatusCode::Range(r) => *r == 2,
    });
    for (code, r) in successes {
        let status = status_text(code);
        let pointer = response_pointer(so, &status);
        let r = match resolve_response(types, r, &pointer) {
            Ok(r) => r,
            Err(e) => {
                types.warn_error(&e, "response typed as `serde_json::Value`");
                return Success::Json { status, ty: TypeRef::Json, optional: false };
            }
        };
        let mut variant_hint = response_hint.clone();
        if !found.is_empty() {
            // A second body type gets its status in its name (`CreateResponse202`).
            variant_hint.push(status.clone());
        }
        let this = match json_type(types, &r, &pointer, &variant_hint) {
            Some(ty) => Success::Json { optional: may_be_empty(&status), status: status.clone(), ty },
            None if r.content.keys().any(|ct| ct.starts_with("text/")) => Success::Text { status: status.clone() },
            // A body in another media type (octet-stream, image/png...) is returned as bytes;
            // a JSON media type without a schema stays empty.
            None => match r.content.keys().find(|ct| !is_json(ct)) {
                Some(ct) => Success::Bytes { status: status.clone(), content_type: ct.clone() },
                None => Success::Empty { status: status.clone() },
            },
        };
        found.push((this, Docs::from_text(&r.description)));
    }
    let all_alike = found.windows(2).all(|pair| same_shape(&pair[0].0, &pair[1].0));
    match found.len() {
        0 => {}
        _ if all_alike => {
            // One body type under several statuses: empty if any of them may be.
            let empty_too = found.iter().any(|(s, _)| may_be_empty(s.status()));
            let mut first = found.swap_remove(0).0;
            if let Success::Json { optional, .. } = &mut first {
                *optional = empty_too;
            }
            return first;
        }
        _ => return by_status(found, method_name, &types.config.naming.words),
    }
    if let Some(default) = &so.op.responses.default {
        let pointer = response_pointer(so, "default");
        if let Ok(r) = resolve_response(types, default, &pointer) {
            if let Some(ty) = json_type(types, &r, &pointer, &response_hint) {
                return Success::Json { status: "default".into(), ty, optional: true };
            }
        }
    }
    Success::Empty { status: "2XX".into() }
}

/// Whether a success declared under `status` may come without a body, whatever its schema:
/// `204 No Content`, `205 Reset Content`, and the ranges that include them.
fn may_be_empty(status: &str) -> bool {
    matches!(status, "204" | "205" | "2XX" | "default")
}

/// Success statuses with different bodies: one enum variant per status, named after it
/// (`Ok`, `Created`, `Accepted`, `MultiStatus`..., `Other` for `2XX`); the enum is
/// `<Method>Success`.
fn by_status(found: Vec<(Success, Docs)>, method_name: &str, keep: &[String]) -> Success {
    let variants = found
        .into_iter()
        .map(|(success, docs)| StatusVariant { rust_name: status_variant_name(success.status()), docs, success })
        .collect();
    let type_name = crate::naming::pascal_ident(&split_words(&format!("{method_name} success"), keep));
    Success::ByStatus { type_name, variants }
}

fn status_variant_name(status: &str) -> String {
    let name = match status {
        "200" => "Ok",
        "201" => "Created",
        "202" => "Accepted",
        "203" => "NonAuthoritativeInformation",
        "204" => "NoContent",
        "205" => "ResetContent",
        "206" => "PartialContent",
        "207" => "MultiStatus",
        "208" => "AlreadyReported",
        "226" => "ImUsed",
        "2XX" => "Other",
        other => return format!("Status{other}"),
    };
    name.to_owned()
}

/// A body sent as it is: the first `text/*` media type as a `String`, else the first media type
/// that is not multipart (octet-stream, `image/*`, an empty or unknown type) as raw bytes.
fn raw_body(listed: &[&str], required: bool) -> Option<Body> {
    if let Some(ct) = listed.iter().find(|ct| ct.starts_with("text/")) {
        return Some(Body { media: MediaType::Text, content_type: (*ct).to_owned(), ty: TypeRef::String, required });
    }
    let ct = listed.iter().find(|ct| !ct.starts_with("multipart/"))?;
    Some(Body { media: MediaType::Bytes, content_type: (*ct).to_owned(), ty: TypeRef::Bytes, required })
}

fn same_shape(a: &Success, b: &Success) -> bool {
    match (a, b) {
        (Success::Json { ty: x, .. }, Success::Json { ty: y, .. }) => x == y,
        (Success::Text { .. }, Success::Text { .. }) | (Success::Empty { .. }, Success::Empty { .. }) => true,
        (Success::Bytes { content_type: x, .. }, Success::Bytes { content_type: y, .. }) => x == y,
        _ => false,
    }
}

/// The first declared error schema listed in the configuration's `error_conversions`.
fn error_conversion(types: &Types<'_>, errors: &[ErrorResponse]) -> Option<TypeRef> {
    let listed = |id: &str| {
        types.config.types.error_conversions.iter().any(|name| id == format!("#/components/schemas/{}", pointer_token(name)))
    };
    errors.iter().filter_map(|e| e.ty.as_ref()).find(|ty| matches!(ty, TypeRef::Named(id) if listed(id))).cloned()
}

fn errors(types: &mut Types<'_>, so: &SpecOperation<'_>) -> Vec<ErrorResponse> {
    let mut out = Vec::new();
    let responses = so.op.responses.responses.iter().map(|(c, r)| (status_text(c), r));
    let default = so.op.responses.default.iter().map(|r| ("default".to_owned(), r));
    for (status, r) in responses.chain(default) {
        if status.starts_with('2') {
            continue;
        }
        let pointer = response_pointer(so, &status);
        let resolved = match resolve_response(types, r, &pointer) {
            Ok(r) => r,
            Err(e) => {
                types.warn_error(&e, "its body is not decoded");
                out.push(ErrorResponse { status, description: String::new(), ty: None });
                continue;
            }
        };
        let hint = vec!["error".to_owned(), status.to_lowercase()];
        let ty = json_type(types, &resolved, &pointer, &hint);
        out.push(ErrorResponse { status, description: resolved.description.clone(), ty });
    }
    out
}

/// The `example` of a parameter's schema (inline or referenced), when the parameter has none.
fn param_schema_example(types: &Types<'_>, format: &ParameterSchemaOrContent) -> Option<serde_json::Value> {
    match format {
        ParameterSchemaOrContent::Schema(ReferenceOr::Item(s)) => s.schema_data.example.clone(),
        ParameterSchemaOrContent::Schema(ReferenceOr::Reference { reference }) => {
            types.spec.raw_at(reference).and_then(|raw| raw.get("example")).cloned()
        }
        ParameterSchemaOrContent::Content(_) => None,
    }
}
