//! The crate docs' quick-start: a call to one operation with example values for every required
//! argument, compiled as a `no_run` doctest.

use crate::config::Config;
use crate::emit::typeref::TypeIndex;
use crate::emit::types;
use crate::emit::service::fixed_content_type;
use crate::ir::{Api, MediaType, Operation, ParamLocation, Service, Success, TypeKind, TypeRef};
use crate::naming::unraw;

pub fn quickstart(api: &Api, config: &Config, index: &TypeIndex<'_>) -> String {
    let krate = config.lib_name();
    let setup = config.docs.client_setup.clone().unwrap_or_else(|| "Client::builder().build()?".into());
    let mut out = format!("use {krate}::Client;\n\n# async fn example() -> Result<(), {krate}::Error> {{\nlet client = {setup};\n");
    if let Some((service, op)) = example_operation(api, config) {
        out.push_str(&call(service, op, &krate, index));
    }
    out.push_str("# Ok(())\n# }");
    out
}

/// The operation the quick-start calls: the configured one, or the first.
pub fn example_operation<'a>(api: &'a Api, config: &Config) -> Option<(&'a Service, &'a Operation)> {
    let ops = api.operations();
    let wanted = config.docs.example_operation.as_deref();
    ops.iter().find(|(_, o)| Some(o.id.as_str()) == wanted).or(ops.first()).copied()
}

/// The cargo feature of the quick-start's service, for the docs' "only some services" line.
pub fn example_feature<'a>(api: &'a Api, config: &Config) -> Option<&'a str> {
    let (service, _) = example_operation(api, config)?;
    api.services.iter().find(|s| s.module.first() == service.module.first())?.feature.as_deref()
}

fn call(service: &Service, op: &Operation, krate: &str, index: &TypeIndex<'_>) -> String {
    let chain: String = service.module.iter().map(|m| format!(".{}()", unraw(m))).collect();
    let mut args: Vec<String> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path && p.client_param.is_none())
        .map(|p| match &p.ty {
            TypeRef::String => format!("\"{}\"", p.name),
            other => example(other, krate, index, 0),
        })
        .collect();
    if let Some(pt) = &op.params_type {
        args.push(format!("&{}", example(pt, krate, index, 0)));
    }
    if let Some(body) = &op.body {
        match body.media {
            MediaType::Json | MediaType::Form => args.push(format!("&{}", example(&body.ty, krate, index, 0))),
            MediaType::Text => args.push("\"example\"".into()),
            MediaType::Bytes => args.push(example(&body.ty, krate, index, 0)),
        }
        if matches!(body.media, MediaType::Text | MediaType::Bytes) && !fixed_content_type(&body.content_type) {
            args.push("\"application/octet-stream\"".into());
        }
    }
    let binding = if matches!(op.success, Success::Empty { .. }) { "" } else { "let response = " };
    let mut text = format!("{binding}client{chain}\n    .{}({})\n    .await?;\n", unraw(&op.method_name), args.join(", "));
    if !binding.is_empty() {
        text.push_str("println!(\"{response:?}\");\n");
    }
    text
}

/// A Rust expression of type `ty` (as seen from outside the crate).
fn example(ty: &TypeRef, krate: &str, index: &TypeIndex<'_>, depth: usize) -> String {
    match ty {
        TypeRef::String => "\"example\"".into(),
        TypeRef::Bytes => "bytes::Bytes::from_static(b\"example\")".into(),
        TypeRef::Bool => "false".into(),
        TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 => "0".into(),
        TypeRef::F32 | TypeRef::F64 => "0.0".into(),
        TypeRef::Json => "serde_json::Value::Null".into(),
        TypeRef::JsonObject | TypeRef::Map(_) => "Default::default()".into(),
        TypeRef::Array(_) => "Vec::new()".into(),
        TypeRef::Nullable(_) => "None".into(),
        TypeRef::Named(id) => {
            let def = index.get(id);
            let path = format!("{krate}::{}::{}", def.module.join("::"), def.name);
            match &def.kind {
                TypeKind::StringEnum { variants, unknown_variant } => match variants.first() {
                    Some(v) => format!("{path}::{}", v.rust_name),
                    None => format!("{path}::{unknown_variant}(String::new())"),
                },
                TypeKind::Struct { fields } if depth < 6 => {
                    let args: Vec<String> = fields
                        .iter()
                        .filter(|f| f.required && !matches!(f.ty, TypeRef::Nullable(_)) && types::fixed_value(f, index).is_none())
                        .map(|f| match &f.ty {
                            TypeRef::String => format!("\"{}\"", f.name),
                            other => example(other, krate, index, depth + 1),
                        })
                        .collect();
                    format!("{path}::new({})", args.join(", "))
                }
                TypeKind::Alias { ty } => example(ty, krate, index, depth + 1),
                _ => format!("serde_json::from_str::<{path}>(\"{{}}\").expect(\"example\")"),
            }
        }
    }
}
