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
    let ops = api.operations();
    let wanted = config.docs.example_operation.as_deref();
    let chosen = ops.iter().find(|(_, o)| Some(o.id.as_str()) == wanted).or(ops.first());
    if let Some((service, op)) = chosen {
        out.push_str(&call(service, op, &krate, index));
    }
    out.push_str("# Ok(())\n# }");
    out
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
            MediaType::Json | MediaType::Form | MediaType::Multipart => args.push(format!("&{}", example(&body.ty, krate, index, 0))),
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
pub(crate) fn example(ty: &TypeRef, krate: &str, index: &TypeIndex<'_>, depth: usize) -> String {
    match ty {
        TypeRef::String => "\"example\"".into(),
        TypeRef::Bytes => "bytes::Bytes::from_static(b\"example\")".into(),
        TypeRef::File => format!("{krate}::FilePart::new(&b\"example\"[..]).file_name(\"example.txt\")"),
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
                TypeKind::Struct { .. } | TypeKind::Multipart { .. } if depth < 6 => {
                    let fields: Vec<&crate::ir::Field> = match &def.kind {
                        TypeKind::Multipart { parts } => parts.iter().map(|p| &p.field).collect(),
                        TypeKind::Struct { fields } => fields.iter().collect(),
                        _ => Vec::new(),
                    };
                    let args: Vec<String> = fields
                        .into_iter()
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
