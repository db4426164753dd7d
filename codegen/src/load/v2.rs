//! Swagger 2.0 documents converted, in place, to OpenAPI 3.0 (then read like any 3.0 file):
//!
//! - `definitions`, `parameters`, `responses`, `securityDefinitions` become the `components`
//!   sections, and every `$ref` into them is rewritten;
//! - `in: body` becomes the `requestBody`, one media type per `consumes` entry; `in: formData`
//!   parameters become the properties of a `multipart/form-data` body (when a field is a file
//!   or `consumes` asks for it) or an `application/x-www-form-urlencoded` one;
//! - a response's `schema` becomes its content, one media type per `produces` entry, and its
//!   `examples` by media type the media types' `example`;
//! - `host`, `basePath`, `schemes` become `servers`;
//! - `basic` becomes HTTP Basic, OAuth2 flows get their 3.0 names (`application` is
//!   `clientCredentials`, `accessCode` is `authorizationCode`);
//! - a non-body parameter's `type`/`items`/... become its `schema`, and `collectionFormat` its
//!   `style`/`explode` (2.0's default, `csv`, is not 3.0's default for a query: it is written out);
//! - in schemas, `type: file` becomes a binary string, `x-nullable` becomes `nullable`, and a
//!   `discriminator` naming a property becomes a discriminator object.
//!
//! Warnings point into the 2.0 document; the moved parts are reported so that later warnings do too.

use serde_json::{json, Map, Value};

use super::defs::rewrite_refs;
use super::grammar::Kind;
use crate::error::{pointer_token, Warning};

/// Keys of a 2.0 non-body parameter, header or `items` that describe its value.
const VALUE_KEYS: &[&str] = &[
    "type", "format", "items", "default", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
    "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "enum", "multipleOf", "x-nullable",
];
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];
const FORM: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";

/// What the conversion changed: warnings, and (new pointer, 2.0 pointer) for moved parts.
#[derive(Debug, Default)]
pub struct Converted {
    pub warnings: Vec<Warning>,
    pub moved: Vec<(String, String)>,
}

/// Converts the Swagger 2.0 `document` to OpenAPI 3.0.
pub fn convert(document: &mut Value) -> Converted {
    let mut c = Converter::default();
    let Some(root) = document.as_object_mut() else { return Converted::default() };
    let media = |root: &mut Map<String, Value>, key: &str| strings(root.remove(key)).unwrap_or_else(|| vec!["application/json".to_owned()]);
    c.consumes = media(root, "consumes");
    c.produces = media(root, "produces");
    root.remove("swagger");
    let servers = servers(root);
    let mut components = Map::new();
    if let Some(Value::Object(defs)) = root.remove("definitions") {
        components.insert("schemas".into(), Value::Object(defs));
    }
    if let Some(Value::Object(params)) = root.remove("parameters") {
        let mut kept = Map::new();
        for (name, p) in params {
            if matches!(p.get("in").and_then(Value::as_str), Some("body" | "formData")) {
                c.shared.insert(name, p);
            } else {
                let converted = parameter(p, &mut c.warnings, &format!("#/parameters/{}", pointer_token(&name)));
                kept.insert(name, converted);
            }
        }
        components.insert("parameters".into(), Value::Object(kept));
    }
    if let Some(Value::Object(responses)) = root.remove("responses") {
        let produces = c.produces.clone();
        let converted = responses.into_iter().map(|(name, r)| (name, response(r, &produces))).collect();
        components.insert("responses".into(), Value::Object(converted));
    }
    if let Some(Value::Object(schemes)) = root.remove("securityDefinitions") {
        let converted = schemes.into_iter().map(|(name, s)| (name, security_scheme(s))).collect();
        components.insert("securitySchemes".into(), Value::Object(converted));
    }
    let mut paths = match root.remove("paths") {
        Some(Value::Object(paths)) => paths,
        _ => Map::new(),
    };
    for (path, item) in paths.iter_mut().filter(|(p, _)| !p.starts_with("x-")) {
        if let Value::Object(item) = item {
            c.path_item(item, &format!("#/paths/{}", pointer_token(path)));
        }
    }
    let mut converted = Map::new();
    converted.insert("openapi".into(), Value::String("3.0.3".into()));
    for key in ["info", "externalDocs"] {
        if let Some(v) = root.remove(key) {
            converted.insert(key.into(), v);
        }
    }
    if !servers.is_empty() {
        converted.insert("servers".into(), Value::Array(servers));
    }
    converted.insert("paths".into(), Value::Object(paths));
    converted.insert("components".into(), Value::Object(components));
    converted.extend(std::mem::take(root));
    *document = Value::Object(converted);
    for (old, new) in [("#/definitions", "#/components/schemas"), ("#/parameters", "#/components/parameters"), ("#/responses", "#/components/responses")] {
        rewrite_refs(document, old, new);
        c.moved.push((new.to_owned(), old.to_owned()));
    }
    c.moved.push(("#/components/securitySchemes".into(), "#/securityDefinitions".into()));
    super::walk::each(document, &mut |kind, _, value, _| {
        if kind == Kind::Schema {
            schema(value);
        }
    });
    Converted { warnings: c.warnings, moved: c.moved }
}

#[derive(Default)]
struct Converter {
    consumes: Vec<String>,
    produces: Vec<String>,
    /// Top-level `body` and `formData` parameters, inlined where referenced.
    shared: Map<String, Value>,
    warnings: Vec<Warning>,
    moved: Vec<(String, String)>,
}

impl Converter {
    /// A top-level body or form parameter a `$ref` names, as a copy; anything else as it is.
    fn resolve(&self, p: &Value) -> Value {
        let name = p.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/parameters/")).map(super::reference::unescape);
        name.and_then(|n| self.shared.get(&n)).cloned().unwrap_or_else(|| p.clone())
    }

    fn path_item(&mut self, item: &mut Map<String, Value>, pointer: &str) {
        let shared: Vec<Value> = match item.remove("parameters") {
            Some(Value::Array(params)) => params.iter().map(|p| self.resolve(p)).collect(),
            _ => Vec::new(),
        };
        let (bodies, plain): (Vec<Value>, Vec<Value>) = shared.into_iter().partition(is_body_or_form);
        if !plain.is_empty() {
            let at = format!("{pointer}/parameters");
            let converted = plain.into_iter().enumerate().map(|(i, p)| parameter(p, &mut self.warnings, &format!("{at}/{i}"))).collect();
            item.insert("parameters".into(), Value::Array(converted));
        }
        for method in METHODS {
            if let Some(Value::Object(op)) = item.get_mut(*method) {
                self.operation(op, &bodies, &format!("{pointer}/{method}"));
            }
        }
    }

    fn operation(&mut self, op: &mut Map<String, Value>, inherited: &[Value], pointer: &str) {
        let consumes = strings(op.remove("consumes")).unwrap_or_else(|| self.consumes.clone());
        let produces = strings(op.remove("produces")).unwrap_or_else(|| self.produces.clone());
        op.remove("schemes");
        let own: Vec<Value> = match op.remove("parameters") {
            Some(Value::Array(params)) => params.iter().map(|p| self.resolve(p)).collect(),
            _ => Vec::new(),
        };
        let (mut body, mut form, mut plain) = (None, Vec::new(), Vec::new());
        let overridden = |p: &Value| own.iter().any(|o| o.get("name") == p.get("name") && o.get("in") == p.get("in"));
        let inherited = inherited.iter().filter(|p| !overridden(p)).map(|p| (None, p.clone()));
        for (index, p) in inherited.chain(own.iter().cloned().enumerate().map(|(i, p)| (Some(i), p))) {
            let at = index.map(|i| format!("{pointer}/parameters/{i}"));
            match p.get("in").and_then(Value::as_str) {
                Some("body") => body = Some((p, at)),
                Some("formData") => form.push(p),
                _ => {
                    if let Some(at) = &at {
                        let now = format!("{pointer}/parameters/{}", plain.len());
                        if &now != at {
                            self.moved.push((now, at.clone()));
                        }
                    }
                    plain.push(parameter(p, &mut self.warnings, at.as_deref().unwrap_or(pointer)));
                }
            }
        }
        if !plain.is_empty() {
            op.insert("parameters".into(), Value::Array(plain));
        }
        if let Some((body, at)) = body {
            op.insert("requestBody".into(), request_body(body, &consumes));
            if let Some(at) = at {
                self.moved.push((format!("{pointer}/requestBody"), at));
            }
        } else if !form.is_empty() {
            op.insert("requestBody".into(), form_body(&form, &consumes));
        }
        if let Some(Value::Object(responses)) = op.get_mut("responses") {
            for r in responses.values_mut() {
                *r = response(std::mem::take(r), &produces);
            }
        }
    }
}

fn is_body_or_form(p: &Value) -> bool {
    matches!(p.get("in").and_then(Value::as_str), Some("body" | "formData"))
}

fn strings(value: Option<Value>) -> Option<Vec<String>> {
    let Some(Value::Array(items)) = value else { return None };
    let list: Vec<String> = items.iter().filter_map(Value::as_str).map(str::to_owned).collect();
    (!list.is_empty()).then_some(list)
}

/// `host` + `basePath` + each of `schemes` (`https` when none is listed) as `servers`.
fn servers(root: &mut Map<String, Value>) -> Vec<Value> {
    let host = root.remove("host").and_then(|h| h.as_str().map(str::to_owned));
    let base = root.remove("basePath").and_then(|b| b.as_str().map(|b| b.trim_end_matches('/').to_owned())).unwrap_or_default();
    let schemes = strings(root.remove("schemes")).unwrap_or_else(|| vec!["https".to_owned()]);
    match host {
        Some(host) => schemes.iter().map(|s| json!({"url": format!("{s}://{host}{base}")})).collect(),
        None if !base.is_empty() => vec![json!({"url": base})],
        None => Vec::new(),
    }
}

/// A 2.0 parameter, header or `items` object's value keys as a schema.
fn value_schema(from: &mut Map<String, Value>) -> Value {
    let mut schema = Map::new();
    for key in VALUE_KEYS {
        if let Some(mut v) = from.remove(*key) {
            if *key == "items" {
                if let Value::Object(items) = &mut v {
                    items.remove("collectionFormat");
                    v = value_schema(items);
                }
            }
            schema.insert((*key).to_owned(), v);
        }
    }
    Value::Object(schema)
}

/// A non-body parameter: its value keys as a `schema`, `collectionFormat` as `style`/`explode`.
fn parameter(p: Value, out: &mut Vec<Warning>, pointer: &str) -> Value {
    let Value::Object(mut p) = p else { return p };
    if p.contains_key("$ref") {
        return Value::Object(p);
    }
    let format = p.remove("collectionFormat");
    let schema = value_schema(&mut p);
    let location = p.get("in").and_then(Value::as_str).unwrap_or_default().to_owned();
    if schema.get("type").and_then(Value::as_str) == Some("array") {
        let format = format.as_ref().and_then(Value::as_str).unwrap_or("csv");
        let (style, explode) = match (format, location.as_str()) {
            ("multi", _) => ("form", true),
            ("ssv", "query") => ("spaceDelimited", false),
            ("pipes", "query") => ("pipeDelimited", false),
            ("csv", "query") => ("form", false),
            ("csv", _) => ("simple", false),
            (other, _) => {
                out.push(Warning::new(format!("{pointer}/collectionFormat"), format!("`collectionFormat: {other}` has no OpenAPI 3.0 form here; sent comma-separated")));
                (if location == "query" { "form" } else { "simple" }, false)
            }
        };
        p.insert("style".into(), Value::String(style.into()));
        p.insert("explode".into(), Value::Bool(explode));
    }
    p.insert("schema".into(), schema);
    Value::Object(p)
}

fn request_body(p: Value, consumes: &[String]) -> Value {
    let Value::Object(mut p) = p else { return p };
    let schema = p.remove("schema").unwrap_or_else(|| json!({}));
    let types: Vec<&String> = consumes.iter().filter(|m| !m.starts_with(FORM) && !m.starts_with(MULTIPART)).collect();
    let types = if types.is_empty() { consumes.iter().collect() } else { types };
    let content: Map<String, Value> = types.into_iter().map(|m| (m.clone(), json!({"schema": schema}))).collect();
    let mut body = Map::new();
    body.insert("content".into(), Value::Object(content));
    for key in ["description", "required"] {
        if let Some(v) = p.remove(key) {
            body.insert(key.into(), v);
        }
    }
    body.extend(p.into_iter().filter(|(k, _)| k.starts_with("x-")));
    Value::Object(body)
}

/// `in: formData` parameters as one object schema, sent as multipart when a field is a file.
fn form_body(params: &[Value], consumes: &[String]) -> Value {
    let (mut properties, mut required) = (Map::new(), Vec::new());
    for p in params {
        let Some(mut p) = p.as_object().cloned() else { continue };
        let name = p.get("name").and_then(Value::as_str).unwrap_or_default().to_owned();
        if p.get("required").and_then(Value::as_bool) == Some(true) {
            required.push(Value::String(name.clone()));
        }
        p.remove("collectionFormat");
        let mut schema = value_schema(&mut p);
        if let (Some(d), Value::Object(s)) = (p.get("description"), &mut schema) {
            s.insert("description".into(), d.clone());
        }
        properties.insert(name, schema);
    }
    let file = params.iter().any(|p| p.get("type").and_then(Value::as_str) == Some("file"));
    let multipart = file || (consumes.iter().any(|m| m.starts_with(MULTIPART)) && !consumes.iter().any(|m| m.starts_with(FORM)));
    let mut schema = json!({"type": "object", "properties": properties});
    if !required.is_empty() {
        schema["required"] = Value::Array(required.clone());
    }
    let media = if multipart { MULTIPART } else { FORM };
    json!({"required": !required.is_empty(), "content": {media: {"schema": schema}}})
}

fn response(r: Value, produces: &[String]) -> Value {
    let Value::Object(mut r) = r else { return r };
    if r.contains_key("$ref") {
        return Value::Object(r);
    }
    let mut out = Map::new();
    out.insert("description".into(), r.remove("description").unwrap_or_else(|| Value::String(String::new())));
    let examples = match r.remove("examples") {
        Some(Value::Object(e)) => e,
        _ => Map::new(),
    };
    if let Some(schema) = r.remove("schema") {
        let content = produces
            .iter()
            .map(|m| {
                let mut media = json!({"schema": schema});
                if let Some(example) = examples.get(m) {
                    media["example"] = example.clone();
                }
                (m.clone(), media)
            })
            .collect();
        out.insert("content".into(), Value::Object(content));
    }
    if let Some(Value::Object(headers)) = r.remove("headers") {
        let converted = headers
            .into_iter()
            .map(|(name, h)| {
                let Value::Object(mut h) = h else { return (name, h) };
                h.remove("collectionFormat");
                let mut header = Map::new();
                header.insert("schema".into(), value_schema(&mut h));
                header.extend(h);
                (name, Value::Object(header))
            })
            .collect();
        out.insert("headers".into(), Value::Object(converted));
    }
    out.extend(r.into_iter().filter(|(k, _)| k.starts_with("x-")));
    Value::Object(out)
}

fn security_scheme(s: Value) -> Value {
    let Value::Object(mut s) = s else { return s };
    match s.get("type").and_then(Value::as_str) {
        Some("basic") => {
            s.insert("type".into(), Value::String("http".into()));
            s.insert("scheme".into(), Value::String("basic".into()));
        }
        Some("oauth2") => {
            let flow = s.remove("flow").and_then(|f| f.as_str().map(str::to_owned)).unwrap_or_default();
            let mut details = Map::new();
            for key in ["authorizationUrl", "tokenUrl"] {
                if let Some(v) = s.remove(key) {
                    details.insert(key.into(), v);
                }
            }
            details.insert("scopes".into(), s.remove("scopes").unwrap_or_else(|| json!({})));
            let name = match flow.as_str() {
                "application" => "clientCredentials",
                "accessCode" => "authorizationCode",
                "password" => "password",
                _ => "implicit",
            };
            s.insert("flows".into(), json!({name: details}));
        }
        _ => {}
    }
    Value::Object(s)
}

/// One schema's 2.0 forms: `type: file`, `x-nullable`, a `discriminator` given as a name.
fn schema(value: &mut Value) {
    let Some(map) = value.as_object_mut() else { return };
    if map.get("type").and_then(Value::as_str) == Some("file") {
        map.insert("type".into(), Value::String("string".into()));
        map.insert("format".into(), Value::String("binary".into()));
    }
    if let Some(nullable) = map.remove("x-nullable") {
        map.entry("nullable").or_insert(nullable);
    }
    if let Some(Value::String(name)) = map.get("discriminator") {
        let name = name.clone();
        map.insert("discriminator".into(), json!({"propertyName": name}));
    }
}
