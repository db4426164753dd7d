//! `tests/wire.rs` of the generated crate: one test per operation against a wiremock server.
//!
//! Each test serves an example of the success body with every field set, sends an example
//! request with every field set, and checks the method, the percent-encoded path, the header
//! parameters, the query (exactly the declared parameters, nothing more), the exact body (or its
//! absence), the credentials, and that the decoded
//! response encodes back to the very JSON served (so no field was lost).

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use crate::emit::example_json::{as_text, encode_path, example, fits};
use crate::emit::features::{any_predicate, cfg_any};
use crate::emit::format::{self, RustFile, BANNER};
use crate::error::Result;
use crate::emit::service::fixed_content_type;
use crate::emit::typeref::{ident, TypeIndex};
use crate::ir::{Api, Auth, MediaType, Operation, Param, ParamLocation, Service, Success, TypeKind, TypeRef};
use crate::naming::{snake_ident, split_words, unraw};

const CLIENT_PARAM_VALUE: &str = "client-param-value";
use crate::emit::wire_auth::BEARER_TOKEN;

/// Which helpers one test uses.
#[derive(Default)]
struct Uses {
    json_body: bool,
    form_body: bool,
    no_body: bool,
    parse: bool,
}

/// Which tests use a helper, so that no unused helper is emitted and each compiles exactly
/// when a test using it does: none, only tests of some service features, or a test that
/// always compiles.
#[derive(Default)]
enum Users {
    #[default]
    Unused,
    Features(BTreeSet<String>),
    Always,
}

impl Users {
    fn add(&mut self, used: bool, feature: Option<&String>) {
        if !used {
            return;
        }
        *self = match (std::mem::take(self), feature) {
            (Users::Always, _) | (_, None) => Users::Always,
            (Users::Unused, Some(f)) => Users::Features(BTreeSet::from([f.clone()])),
            (Users::Features(mut set), Some(f)) => {
                set.insert(f.clone());
                Users::Features(set)
            }
        };
    }

    /// The helper's `cfg`, or `None` when no test uses it.
    fn gate(&self) -> Option<TokenStream> {
        match self {
            Users::Unused => None,
            Users::Always => Some(TokenStream::new()),
            Users::Features(set) => Some(cfg_any(&set.iter().collect::<Vec<_>>())),
        }
    }
}

/// The users of each helper that only some tests need.
#[derive(Default)]
struct HelperUsers {
    json_body: Users,
    form_body: Users,
    no_body: Users,
    parse: Users,
}

impl HelperUsers {
    fn add(&mut self, uses: &Uses, feature: Option<&String>) {
        self.json_body.add(uses.json_body, feature);
        self.form_body.add(uses.form_body, feature);
        self.no_body.add(uses.no_body, feature);
        self.parse.add(uses.parse, feature);
    }
}

pub fn wire_tests(api: &Api, lib_name: &str, index: &TypeIndex<'_>) -> Result<String> {
    const PATH: &str = "tests/wire.rs";
    let krate = ident(lib_name);
    let index = &index.outside(&krate);
    let mut users = HelperUsers::default();
    let mut names = BTreeSet::new();
    let mut client_params = BTreeSet::new();
    let mut servers = BTreeSet::new();
    let mut tests = Vec::new();
    for (service, op) in api.operations() {
        client_params.extend(op.params.iter().filter_map(|p| p.client_param.clone()));
        servers.extend(op.servers.iter().map(|s| s.url.clone()));
        let mut name = test_name(service, op);
        while !names.insert(name.clone()) {
            name.push('_');
        }
        let feature = api.services.iter().find(|s| s.module.first() == service.module.first()).and_then(|s| s.feature.as_ref());
        let mut uses = Uses::default();
        // Formatted at once, so only one test's tokens are alive at a time.
        tests.push(format::items(PATH, operation_test(api, (service, op), &name, &cfg_any(feature.as_slice()), lib_name, index, &mut uses))?);
        users.add(&uses, feature);
    }
    // With per-service features the whole file needs one of them: the shared helpers are used
    // by every test.
    let features: Vec<&String> = api.services.iter().filter_map(|s| s.feature.as_ref()).collect();
    let file_gate = match any_predicate(&features) {
        Some(p) if features.len() == api.services.len() => quote!(#![cfg(#p)]),
        _ => TokenStream::new(),
    };
    let client_params = client_params.iter().map(|p| quote!(.client_param(#p, #CLIENT_PARAM_VALUE)));
    let servers = servers.iter().map(|s| quote!(.server_url(#s, server.uri())));
    let helpers = helpers(&users);
    let credentials = crate::emit::wire_auth::client_credentials(api);
    let header = " One test per operation: method, path, query, body and credentials on the wire,";
    let header2 = " and a success body with every field decoded and encoded back unchanged.";
    let mut file = RustFile::new(PATH);
    file.push(quote! {
        #![doc = #header]
        #![doc = #header2]
        #file_gate

        use wiremock::{Mock, MockServer, Request, ResponseTemplate};

        fn client(server: &MockServer) -> #krate::Client {
            #krate::Client::builder()
                .base_url(server.uri())
                #(#credentials)*
                #(#client_params)*
                #(#servers)*
                .build()
                .expect("client")
        }

        /// The one request the server received.
        async fn received(server: &MockServer) -> Request {
            let mut requests = server.received_requests().await.expect("requests are recorded");
            assert_eq!(requests.len(), 1, "expected exactly one request");
            requests.remove(0)
        }

        fn assert_auth(request: &Request, expected: Option<&str>) {
            let got = request.headers.get("authorization").and_then(|v| v.to_str().ok());
            assert_eq!(got, expected, "credentials sent");
        }

        /// The query is exactly the declared parameters: nothing else, no path parameter again.
        fn assert_query(request: &Request, expected: &[(&str, &str)]) {
            let mut got: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
            let mut want: Vec<(String, String)> = expected.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
            got.sort();
            want.sort();
            assert_eq!(got, want, "query parameters");
        }

        #helpers
    })?;
    for test in &tests {
        file.push_formatted(test);
    }
    Ok(file.finish(BANNER))
}

fn test_name(service: &Service, op: &Operation) -> String {
    let mut words: Vec<String> = service.module.iter().flat_map(|m| split_words(unraw(m), &[])).collect();
    words.extend(split_words(unraw(&op.method_name), &[]));
    unraw(&snake_ident(&words)).to_owned()
}

fn helpers(users: &HelperUsers) -> TokenStream {
    let parse = users.parse.gate().map(|gate| {
        quote! {
            #gate
            fn parse(text: &str) -> serde_json::Value {
                serde_json::from_str(text).expect("example JSON")
            }
        }
    });
    let json = users.json_body.gate().map(|gate| {
        quote! {
            #gate
            fn assert_json_body(request: &Request, expected: &serde_json::Value) {
                let content_type = request.headers.get("content-type").and_then(|v| v.to_str().ok());
                assert_eq!(content_type, Some("application/json"));
                let body: serde_json::Value = serde_json::from_slice(&request.body).expect("a JSON body");
                assert_eq!(&body, expected, "request body");
            }
        }
    });
    let form = users.form_body.gate().map(|gate| {
        quote! {
            #gate
            fn assert_form_body(request: &Request, expected: &serde_json::Value) {
                let mut got: Vec<(String, String)> = url::form_urlencoded::parse(&request.body).into_owned().collect();
                let mut want: Vec<(String, String)> = expected
                    .as_object()
                    .expect("a form example is an object")
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_owned)))
                    .collect();
                got.sort();
                want.sort();
                assert_eq!(got, want, "form body");
            }
        }
    });
    let none = users.no_body.gate().map(|gate| {
        quote! {
            #gate
            fn assert_no_body(request: &Request) {
                assert!(request.body.is_empty(), "no body expected, got {:?}", String::from_utf8_lossy(&request.body));
            }
        }
    });
    quote!(#parse #json #form #none)
}

/// The example value of a path parameter: the spec's when it fits, else (for a string) text that
/// needs percent-encoding.
fn path_example(p: &Param, index: &TypeIndex<'_>) -> (Value, TokenStream) {
    let inner = match &p.ty {
        TypeRef::Nullable(t) => t.as_ref(),
        t => t,
    };
    let given = p.example.clone().filter(|v| fits(v, inner, index));
    match inner {
        TypeRef::String => {
            let text = given.as_ref().and_then(Value::as_str).map_or_else(|| format!("{} 1/2", p.name), str::to_owned);
            (Value::String(text.clone()), quote!(#text))
        }
        TypeRef::Named(id) if matches!(index.get(id).kind, TypeKind::StringEnum { .. }) => {
            let value = given.unwrap_or_else(|| example(inner, index, &p.name));
            let text = as_text(&value);
            let ty = index.tokens(inner);
            (value, quote!(&#ty::from(#text)))
        }
        // A union or other named type: decoded from its example JSON.
        TypeRef::Named(_) => {
            let value = example(inner, index, &p.name);
            let json = value.to_string();
            let ty = index.tokens(inner);
            (value, quote!(serde_json::from_str::<#ty>(#json).expect("path parameter example")))
        }
        other => {
            let value = given.unwrap_or_else(|| example(other, index, &p.name));
            let literal: TokenStream = value.to_string().parse().expect("a JSON scalar is a Rust literal");
            (value, literal)
        }
    }
}

/// `(service, op)`: the operation and the service it is in.
fn operation_test(api: &Api, (service, op): (&Service, &Operation), name: &str, gate: &TokenStream, lib_name: &str, index: &TypeIndex<'_>, uses: &mut Uses) -> TokenStream {
    let fn_name = ident(name);
    let doc = format!(" `{} {}` (`{}`).", op.http_method, op.path, op.id);
    let http = &op.http_method;

    // The path the server must see, and the arguments that produce it.
    let mut expected_path = op.path.clone();
    let mut args = Vec::new();
    for p in op.params.iter().filter(|p| p.location == ParamLocation::Path) {
        let text = match &p.client_param {
            Some(_) => CLIENT_PARAM_VALUE.to_owned(),
            None => {
                let (value, arg) = path_example(p, index);
                args.push(arg);
                as_text(&value)
            }
        };
        expected_path = expected_path.replace(&format!("{{{}}}", p.name), &encode_path(&text));
    }

    let mut matchers = vec![quote!(.and(wiremock::matchers::path(#expected_path)))];
    let mut query_pairs: Vec<(String, String)> = Vec::new();
    let mut setup = Vec::new();
    if op.auth == Auth::BearerArgument {
        args.push(quote!(#BEARER_TOKEN));
    }
    if let Some(pt) = &op.params_type {
        let value = example(pt, index, "params");
        for p in op.params.iter().filter(|p| p.location != ParamLocation::Path && p.client_param.is_none()) {
            let Some(v) = value.get(&p.name) else { continue };
            let inner = match &p.ty {
                TypeRef::Nullable(t) => t.as_ref(),
                t => t,
            };
            let object = matches!(inner, TypeRef::Named(id) if matches!(index.get(id).kind, TypeKind::Struct { .. }));
            for (wire, text) in expected_params(p, v, object) {
                if p.location == ParamLocation::Query {
                    query_pairs.push((wire.clone(), text.clone()));
                }
                matchers.push(match p.location {
                    // wiremock splits header values at commas, so JSON text is only checked to be there.
                    ParamLocation::Header if text.contains(',') => quote!(.and(wiremock::matchers::header_exists(#wire))),
                    ParamLocation::Header => quote!(.and(wiremock::matchers::header(#wire, #text))),
                    _ => quote!(.and(wiremock::matchers::query_param(#wire, #text))),
                });
            }
        }
        let json = value.to_string();
        let ty = index.tokens(pt);
        setup.push(quote!(let params: #ty = serde_json::from_value(parse(#json)).expect("params example");));
        uses.parse = true;
        args.push(quote!(&params));
    }
    let body_check = match &op.body {
        Some(body) if matches!(body.media, MediaType::Text | MediaType::Bytes) => {
            // A text or raw body is sent as it is, with its content type (the caller's when the
            // spec leaves it open).
            args.push(if body.media == MediaType::Text { quote!("example body") } else { quote!(bytes::Bytes::from_static(b"example body")) });
            let content_type = if fixed_content_type(&body.content_type) {
                body.content_type.clone()
            } else {
                args.push(quote!("application/x-example"));
                "application/x-example".to_owned()
            };
            quote! {
                assert_eq!(sent.body, b"example body", "raw request body");
                assert_eq!(sent.headers.get("content-type").map(|v| v.to_str().unwrap()), Some(#content_type), "content type");
            }
        }
        Some(body) if body.media == MediaType::Multipart => {
            // Built from its required fields; each is a part of the form, under reqwest's boundary.
            let request: syn::Expr = syn::parse_str(&crate::emit::example::qualified_value(&body.ty, lib_name, index)).expect("examples are Rust expressions");
            setup.push(quote!(let request = #request;));
            args.push(quote!(&request));
            let parts: &[crate::ir::Part] = match &body.ty {
                TypeRef::Named(id) => match &index.get(id).kind {
                    TypeKind::Multipart { parts } => parts,
                    _ => &[],
                },
                _ => &[],
            };
            let names = parts.iter().filter(|p| !p.field.is_optional()).map(|p| format!("name=\"{}\"", p.field.name));
            quote! {
                let content_type = sent.headers.get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
                assert!(content_type.starts_with("multipart/form-data; boundary="), "content type {content_type}");
                let text = String::from_utf8_lossy(&sent.body);
                #( assert!(text.contains(#names), "part {} missing from {text}", #names); )*
            }
        }
        Some(body) => {
            let json = example(&body.ty, index, "request").to_string();
            let ty = index.tokens(&body.ty);
            setup.push(quote!(let request_json = parse(#json);));
            uses.parse = true;
            setup.push(quote!(let request: #ty = serde_json::from_value(request_json.clone()).expect("request example");));
            args.push(quote!(&request));
            if body.media == MediaType::Form {
                uses.form_body = true;
                quote!(assert_form_body(&sent, &request_json);)
            } else {
                uses.json_body = true;
                quote!(assert_json_body(&sent, &request_json);)
            }
        }
        None => {
            uses.no_body = true;
            quote!(assert_no_body(&sent);)
        }
    };

    let (respond, check) = match &op.success {
        Success::ByStatus { type_name, variants } => {
            // The first declared status answers; the call must decode into its variant.
            let first = &variants[0];
            let (respond, check) = respond_and_check(&first.success, index, &mut setup);
            let variant = ident(&first.rust_name);
            let enum_path = index.item_path(&service.module, type_name);
            let unwrap = if check.is_empty() {
                quote!(assert!(matches!(response, #enum_path::#variant), "{response:?}");)
            } else {
                quote! {
                    let #enum_path::#variant(response) = response else { panic!("expected the first status's variant, got {response:?}") };
                    #check
                }
            };
            (respond, unwrap)
        }
        other => respond_and_check(other, index, &mut setup),
    };
    // A JSON success is parsed from its example (`respond_and_check`).
    let answered = match &op.success {
        Success::ByStatus { variants, .. } => &variants[0].success,
        other => other,
    };
    uses.parse |= answers_json(answered);
    let chain = service.module.iter().map(|m| ident(m));
    let method_name = ident(&op.method_name);
    let credentials = crate::emit::wire_auth::expected(api, op);
    let auth = match &credentials.authorization {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    };
    for (name, value) in &credentials.headers {
        matchers.push(quote!(.and(wiremock::matchers::header(#name, #value))));
    }
    query_pairs.extend(credentials.query);
    // Each per-call option header is set, and must arrive.
    let krate = ident(lib_name);
    let with_options = (!op.request_options.is_empty()).then(|| {
        let sets = op.request_options.iter().map(|o| {
            let setter = ident(&o.setter);
            let value = format!("{}-value", unraw(&o.setter));
            quote!(.#setter(#value))
        });
        quote!(.with(#krate::RequestOptions::new() #(#sets)*))
    });
    for o in &op.request_options {
        let (header, value) = (&o.header, format!("{}-value", unraw(&o.setter)));
        matchers.push(quote!(.and(wiremock::matchers::header(#header, #value))));
    }
    let call = quote!(client(&server) #(.#chain())* .#method_name(#(#args),*) #with_options .await.expect("the call succeeds"));
    let (query_keys, query_values): (Vec<String>, Vec<String>) = query_pairs.into_iter().unzip();
    let call_and_check = if check.is_empty() {
        quote!(#call;)
    } else {
        quote!(let response = #call; #check)
    };
    quote! {
        #[doc = #doc]
        #gate
        #[tokio::test]
        async fn #fn_name() {
            let server = MockServer::start().await;
            #(#setup)*
            Mock::given(wiremock::matchers::method(#http))
                #(#matchers)*
                .respond_with(#respond)
                .expect(1)
                .mount(&server)
                .await;
            #call_and_check
            let sent = received(&server).await;
            #body_check
            assert_query(&sent, &[#((#query_keys, #query_values)),*]);
            assert_auth(&sent, #auth);
        }
    }
}

/// Whether the mock answers the success with a JSON body (not an empty `204`).
fn answers_json(success: &Success) -> bool {
    match success {
        Success::Json { status, optional, .. } => !(*optional && (status == "204" || status == "205")),
        _ => false,
    }
}

/// The mock's answer for a single-body success, and the check of the decoded `response`
/// (empty when there is nothing to check).
fn respond_and_check(success: &Success, index: &TypeIndex<'_>, setup: &mut Vec<TokenStream>) -> (TokenStream, TokenStream) {
    let status = |s: &str| s.parse::<u16>().unwrap_or(200);
    match success {
        Success::Json { status: s, optional: true, .. } if s == "204" || s == "205" => {
            let code = status(s);
            (quote!(ResponseTemplate::new(#code)), quote!(assert!(response.is_none(), "an empty body decodes to `None`");))
        }
        Success::Json { status: s, ty, .. } => {
            let json = example(ty, index, "response").to_string();
            let code = status(s);
            setup.insert(0, quote!(let response_json = parse(#json);));
            (
                quote!(ResponseTemplate::new(#code).set_body_json(&response_json)),
                quote!(assert_eq!(serde_json::to_value(&response).expect("encode"), response_json, "every response field decodes");),
            )
        }
        Success::Text { status: s } => {
            let code = status(s);
            (quote!(ResponseTemplate::new(#code).set_body_string("example text")), quote!(assert_eq!(response, "example text");))
        }
        Success::Bytes { status: s, content_type } => {
            let code = status(s);
            (
                quote!(ResponseTemplate::new(#code).set_body_raw(&b"\x00\x01example bytes"[..], #content_type)),
                quote!(assert_eq!(&response[..], b"\x00\x01example bytes");),
            )
        }
        Success::Empty { status: s } => {
            let code = if s.starts_with('2') && s.len() == 3 { status(s) } else { 204 };
            (quote!(ResponseTemplate::new(#code)), TokenStream::new())
        }
        // Variants of a status enum are single-body successes: never nested.
        Success::ByStatus { .. } => (quote!(ResponseTemplate::new(204)), TokenStream::new()),
    }
}

/// A query or header value as the client writes it.
/// The (name, text) pairs a parameter's example value is sent as; mirrors `param_pushes` in
/// `service.rs`.
fn expected_params(p: &Param, v: &Value, object: bool) -> Vec<(String, String)> {
    use crate::ir::QueryStyle;
    let joined = |items: &[Value], sep: &str| items.iter().map(param_text).collect::<Vec<_>>().join(sep);
    let field_text = |v: &Value| match v {
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => joined(items, ","),
        other => param_text(other),
    };
    match (v, p.style) {
        (Value::Object(map), style) if object && p.location == ParamLocation::Query => match style {
            Some(QueryStyle::FormUnexploded) => {
                let parts: Vec<String> = map.iter().flat_map(|(k, v)| [k.clone(), field_text(v)]).collect();
                vec![(p.name.clone(), parts.join(","))]
            }
            Some(QueryStyle::DeepObject) => map.iter().map(|(k, v)| (format!("{}[{k}]", p.name), field_text(v))).collect(),
            _ => map.iter().map(|(k, v)| (k.clone(), field_text(v))).collect(),
        },
        (Value::Array(items), Some(QueryStyle::FormUnexploded)) => vec![(p.name.clone(), joined(items, ","))],
        (Value::Array(items), Some(QueryStyle::SpaceDelimited)) => vec![(p.name.clone(), joined(items, " "))],
        (Value::Array(items), Some(QueryStyle::PipeDelimited)) => vec![(p.name.clone(), joined(items, "|"))],
        (Value::Array(items), _) => items.iter().map(|i| (p.name.clone(), param_text(i))).collect(),
        (other, _) => vec![(p.name.clone(), param_text(other))],
    }
}

fn param_text(value: &Value) -> String {
    match value {
        Value::Object(_) | Value::Array(_) => value.to_string(),
        other => as_text(other),
    }
}
