//! Doc examples: for each operation method, and for the crate docs' quick-start, a call with every
//! required argument built from the spec's `example` values (typed placeholders where it has
//! none), then one field of the response read. They compile as `no_run` doctests.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::emit::example_json::{self, fits};
use crate::emit::service::fixed_content_type;
use crate::emit::typeref::TypeIndex;
use crate::emit::types;
use crate::ir::{Api, Auth, Field, MediaType, Operation, Pagination, ParamLocation, Service, Success, TypeDef, TypeKind, TypeRef};
use crate::naming::unraw;
use serde_json::Value;

/// Who the examples are written for: the crate's library name and how its client is built.
pub struct ExampleContext {
    krate: String,
    setup: String,
}

impl ExampleContext {
    pub fn new(config: &Config) -> Self {
        let setup = config.docs.client_setup.clone().unwrap_or_else(|| "Client::builder().build()?".into());
        ExampleContext { krate: config.lib_name(), setup }
    }
}

/// The crate docs' quick-start: the configured operation's example (the first operation's when
/// unset).
pub fn quickstart(api: &Api, config: &Config, index: &TypeIndex<'_>) -> String {
    let context = ExampleContext::new(config);
    match example_operation(api, config) {
        Some((service, op)) => operation_example(service, op, &context, index).join("\n"),
        None => format!("# fn main() -> Result<(), {0}::Error> {{\nlet client = {0}::{1};\n# Ok(())\n# }}", context.krate, context.setup),
    }
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

/// The lines of an operation's example, without the code fence (`# ` lines are hidden).
pub fn operation_example(service: &Service, op: &Operation, context: &ExampleContext, index: &TypeIndex<'_>) -> Vec<String> {
    example_lines(service, op, None, context, index)
}

/// The example of a paginated operation's `<method>_all` stream: its items, one by one.
pub fn stream_example(service: &Service, op: &Operation, pagination: &Pagination, context: &ExampleContext, index: &TypeIndex<'_>) -> Vec<String> {
    example_lines(service, op, Some(pagination), context, index)
}

fn example_lines(service: &Service, op: &Operation, stream: Option<&Pagination>, context: &ExampleContext, index: &TypeIndex<'_>) -> Vec<String> {
    let krate = &context.krate;
    let mut builder = Builder { krate, index, imports: BTreeMap::new(), qualify: false };
    if context.setup.starts_with("Client::") {
        builder.imports.insert("Client".into(), krate.clone());
    }
    let mut lets = Vec::new();
    let mut args: Vec<String> = Vec::new();
    for p in op.params.iter().filter(|p| p.location == ParamLocation::Path && p.client_param.is_none()) {
        let ty = match &p.ty {
            TypeRef::Nullable(t) => t.as_ref(),
            t => t,
        };
        let value = builder.value(ty, p.example.as_ref(), &p.name, 0, false);
        args.push(if index.is_string_enum(ty) { format!("&{value}") } else { value });
    }
    if op.auth == Auth::BearerArgument {
        args.push("\"access_token\"".into());
    }
    if let Some(pt) = &op.params_type {
        lets.push(format!("let params = {};", builder.value(pt, None, "params", 0, false)));
        args.push("&params".into());
    }
    if let Some(body) = &op.body {
        match body.media {
            MediaType::Json | MediaType::Form | MediaType::Multipart => {
                lets.push(format!("let request = {};", builder.value(&body.ty, None, "request", 0, false)));
                args.push("&request".into());
            }
            MediaType::Text => args.push("\"example\"".into()),
            MediaType::Bytes => args.push("bytes::Bytes::from_static(b\"example\")".into()),
        }
        if matches!(body.media, MediaType::Text | MediaType::Bytes) && !fixed_content_type(&body.content_type) {
            args.push("\"application/octet-stream\"".into());
        }
    }
    let chain: String = service.module.iter().map(|m| format!(".{m}()")).collect();
    let (call, read) = match stream {
        // `<method>_all` takes the request body only.
        Some(p) => {
            builder.imports.insert("TryStreamExt".into(), "futures_util".into());
            let call = format!("let mut items = std::pin::pin!(client{chain}.{}(&request));", p.method_name);
            let read = ["while let Some(item) = items.try_next().await? {", "    println!(\"{item:?}\");", "}"];
            (call, read.iter().map(|l| (*l).to_owned()).collect())
        }
        None => {
            let binding = if matches!(op.success, Success::Empty { .. }) { "" } else { "let response = " };
            let call = format!("{binding}client{chain}.{}({}).await?;", op.method_name, args.join(", "));
            (call, builder.read_response(&op.success, &service.module))
        }
    };

    let mut lines: Vec<String> = builder.imports.iter().map(|(name, path)| format!("use {path}::{name};")).collect();
    lines.sort();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!("# async fn example() -> Result<(), {krate}::Error> {{"));
    lines.push(format!("let client = {};", context.setup));
    lines.extend(lets.into_iter().filter(|l| stream.is_none() || l.starts_with("let request")));
    lines.push(call);
    lines.extend(read);
    lines.push("# Ok(())".into());
    lines.push("# }".into());
    lines
}

/// Builds Rust expressions for example values, importing the types they name.
struct Builder<'a, 'i> {
    krate: &'a str,
    index: &'a TypeIndex<'i>,
    /// Type name -> module path it is imported from.
    imports: BTreeMap<String, String>,
    /// Names every type by its full path and imports nothing (for generated tests).
    qualify: bool,
}

/// A Rust expression building a value of `ty` from the spec's examples, every type named by its
/// full path: the request a generated wire test sends.
pub(crate) fn qualified_value(ty: &TypeRef, krate: &str, index: &TypeIndex<'_>) -> String {
    let mut builder = Builder { krate, index, imports: BTreeMap::new(), qualify: true };
    builder.value(ty, None, "example", 0, false)
}

impl Builder<'_, '_> {
    /// How the example names the item `name` of `module`: by its bare name, imported, unless
    /// another item of that name is imported already.
    fn name(&mut self, module: &[String], name: &str) -> String {
        let module = std::iter::once(self.krate).chain(module.iter().map(String::as_str)).collect::<Vec<_>>().join("::");
        if self.qualify {
            return format!("{module}::{name}");
        }
        match self.imports.get(name) {
            Some(path) if *path != module => format!("{module}::{name}"),
            _ => {
                self.imports.insert(name.to_owned(), module);
                name.to_owned()
            }
        }
    }

    /// A Rust expression of type `ty` (as seen from outside the crate) for `example` when it
    /// fits, else a typed placeholder (`name` for strings). `owned`: a `String` is wanted, not
    /// something that converts into one.
    fn value(&mut self, ty: &TypeRef, example: Option<&Value>, name: &str, depth: usize, owned: bool) -> String {
        let example = example.filter(|v| fits(v, ty, self.index));
        match ty {
            TypeRef::String => {
                let text = example.and_then(Value::as_str).unwrap_or(name);
                if owned { format!("{text:?}.to_owned()") } else { format!("{text:?}") }
            }
            TypeRef::Bytes => "bytes::Bytes::from_static(b\"example\")".into(),
            TypeRef::File => format!("{}::FilePart::new(&b\"example\"[..]).file_name(\"example.txt\")", self.krate),
            TypeRef::Bool => example.map_or_else(|| "false".into(), Value::to_string),
            TypeRef::I32 | TypeRef::I64 | TypeRef::U32 | TypeRef::U64 => example.map_or_else(|| "0".into(), Value::to_string),
            TypeRef::F32 | TypeRef::F64 => example.map_or_else(|| "0.0".into(), Value::to_string),
            TypeRef::Json => format!("serde_json::json!({})", example.cloned().unwrap_or_else(|| Value::Object(Default::default()))),
            TypeRef::JsonObject | TypeRef::Map(_) => "Default::default()".into(),
            TypeRef::Array(inner) => match example.and_then(Value::as_array) {
                Some(items) if !items.is_empty() => {
                    let items: Vec<String> = items.iter().map(|v| self.value(inner, Some(v), name, depth + 1, true)).collect();
                    format!("vec![{}]", items.join(", "))
                }
                _ => "Vec::new()".into(),
            },
            TypeRef::Nullable(inner) => match example {
                Some(_) => format!("Some({})", self.value(inner, example, name, depth, owned)),
                None => "None".into(),
            },
            TypeRef::Named(id) => self.named(self.index.get(id), example, name, depth, owned),
        }
    }

    fn named(&mut self, def: &TypeDef, example: Option<&Value>, name: &str, depth: usize, owned: bool) -> String {
        match &def.kind {
            TypeKind::StringEnum { variants, unknown_variant } => {
                let given = example.and_then(Value::as_str);
                let variant = variants.iter().find(|v| Some(v.value.as_str()) == given).or(variants.first());
                let path = self.name(&def.module, &def.name);
                match variant {
                    Some(v) => format!("{path}::{}", v.rust_name),
                    None => format!("{path}::{unknown_variant}(String::new())"),
                }
            }
            // A multipart body is only ever a top-level request, never too deep.
            TypeKind::Struct { .. } | TypeKind::Multipart { .. } if depth < 6 || matches!(def.kind, TypeKind::Multipart { .. }) => {
                let fields = def.kind.fields();
                let args: Vec<String> = fields
                    .iter()
                    .filter(|f| !f.is_optional() && types::fixed_value(f, self.index).is_none())
                    .map(|f| self.value(&f.ty, f.example.as_ref(), &f.name, depth + 1, false))
                    .collect();
                let mut text = format!("{}::new({})", self.name(&def.module, &def.name), args.join(", "));
                // A request with nothing required shows one optional field the spec gives an
                // example for, so the example does something.
                if depth == 0 && args.is_empty() {
                    let optional = fields.iter().filter(|f| f.is_optional() && !f.deprecated);
                    if let Some((f, example)) = optional.filter_map(|f| Some((f, f.example.as_ref().filter(|v| fits(v, &f.ty, self.index))?))).next() {
                        let inner = match &f.ty {
                            TypeRef::Nullable(t) => t.as_ref(),
                            t => t,
                        };
                        let value = self.value(inner, Some(example), &f.name, depth + 1, false);
                        text.push_str(&format!(".{}({value})", types::setter_name(&f.rust_name)));
                    }
                }
                text
            }
            TypeKind::Alias { ty } => self.value(ty, example, name, depth + 1, owned),
            // A union, or a struct nested too deep: decoded from its example JSON.
            TypeKind::Union { .. } | TypeKind::Struct { .. } | TypeKind::Multipart { .. } => {
                let json = example_json::example(&TypeRef::Named(def.id.clone()), self.index, name);
                format!("serde_json::from_value::<{}>(serde_json::json!({json})).expect(\"example\")", self.name(&def.module, &def.name))
            }
        }
    }

    /// Lines reading the response: one field of a struct, or the whole value.
    fn read_response(&mut self, success: &Success, module: &[String]) -> Vec<String> {
        match success {
            Success::Json { ty: TypeRef::Named(id), optional: false, .. } => match &self.index.get(id).kind {
                TypeKind::Struct { fields } => match shown_field(fields) {
                    Some(f) => vec![format!("println!(\"{}: {{:?}}\", response.{});", unraw(&f.rust_name), f.rust_name)],
                    None => vec!["println!(\"{response:?}\");".into()],
                },
                _ => vec!["println!(\"{response:?}\");".into()],
            },
            Success::Json { .. } => vec!["println!(\"{response:?}\");".into()],
            Success::Text { .. } => vec!["println!(\"{response}\");".into()],
            Success::Bytes { .. } => vec!["println!(\"{} bytes\", response.len());".into()],
            Success::Empty { .. } => Vec::new(),
            Success::ByStatus { type_name, variants } => {
                let Some(first) = variants.first() else { return vec!["println!(\"{response:?}\");".into()] };
                // The enum lives next to the operation, in the service's module.
                let name = self.name(module, type_name);
                let arm = match first.success {
                    Success::Empty { .. } => format!("    {name}::{} => println!(\"{}\"),", first.rust_name, first.success.status()),
                    _ => format!("    {name}::{}(body) => println!(\"{{body:?}}\"),", first.rust_name),
                };
                vec!["match response {".into(), arm, "    other => println!(\"{other:?}\"),".into(), "}".into()]
            }
        }
    }
}

/// The field an example prints: an id other than `request_id` (which every Stytch-like
/// response has), else the first other required field besides `status_code`, else any; never a
/// secret.
fn shown_field(fields: &[Field]) -> Option<&Field> {
    let shown: Vec<&Field> = fields.iter().filter(|f| !f.sensitive).collect();
    let plain = |f: &&&Field| f.required && f.name != "request_id" && f.name != "status_code";
    let id = |f: &&&Field| f.name == "id" || f.name.ends_with("_id");
    shown
        .iter()
        .filter(plain)
        .find(id)
        .or_else(|| shown.iter().find(plain))
        .or_else(|| shown.iter().find(|f| f.required))
        .or_else(|| shown.first())
        .copied()
}
