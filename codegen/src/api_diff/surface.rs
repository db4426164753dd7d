//! The public API of a generated crate as plain data, computed from the IR: the methods a user
//! calls and the types they name. It mirrors what the emitters produce (argument lists, `Option`
//! fields, constructor arguments) without producing any code, and keeps the IR's stable ids next
//! to the Rust names so that a renamed item is recognised as the same item.

use std::collections::BTreeMap;

use crate::ir::{Api, Auth, Body, MediaType, Operation, ParamLocation, Service, Success, TypeDef, TypeKind, TypeRef};
use crate::naming::unraw;

/// Everything a user of the crate can call or name.
#[derive(Debug, Clone, PartialEq)]
pub struct Surface {
    /// In emission order.
    pub operations: Vec<OperationApi>,
    /// By type id, including each operation's per-status success enum (id `status:<operationId>`).
    pub types: BTreeMap<String, TypeApi>,
}

/// One operation's method on its service.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationApi {
    /// The spec's operationId (or `METHOD /path`).
    pub id: String,
    /// `POST /v1/users`.
    pub endpoint: String,
    /// How it is called from the client: `users().create`.
    pub method: String,
    /// The stream over every page of a cursor-paginated operation: `users().search_all`.
    pub all_method: Option<String>,
    pub args: Vec<Arg>,
    pub returns: Ty,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    pub name: String,
    pub ty: Ty,
    /// Passed by reference (`request: &T`).
    pub by_ref: bool,
}

/// A Rust type in a signature: a type the IR describes, or a fixed one (`&str`, `()`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    Ref(TypeRef),
    Fixed(&'static str),
}

/// A named type: its Rust path and its shape.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeApi {
    /// `users::User`.
    pub path: String,
    pub kind: KindApi,
}

#[derive(Debug, Clone, PartialEq)]
pub enum KindApi {
    /// A `#[non_exhaustive]` struct with public fields, by wire name.
    Struct { role: Role, fields: BTreeMap<String, FieldApi> },
    /// A `#[non_exhaustive]` string enum: wire value -> variant name.
    StringEnum { values: BTreeMap<String, String> },
    /// A `oneOf`/`anyOf` enum (exhaustive): variant name -> payload.
    Union { variants: BTreeMap<String, TypeRef> },
    /// An operation's `#[non_exhaustive]` per-status success enum: variant name -> payload.
    StatusEnum { variants: BTreeMap<String, Option<Ty>> },
    Alias { ty: TypeRef },
}

impl KindApi {
    pub fn name(&self) -> &'static str {
        match self {
            KindApi::Struct { .. } => "struct",
            KindApi::StringEnum { .. } => "string enum",
            KindApi::Union { .. } => "one-of enum",
            KindApi::StatusEnum { .. } => "status enum",
            KindApi::Alias { .. } => "type alias",
        }
    }
}

/// Where a struct travels, which decides what a field change does to users.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Sent only: built with `new(..)` and setters.
    Request,
    /// Received only: read, never built by users.
    Response,
    /// Both built and read.
    Both,
}

impl Role {
    fn of(def: &TypeDef) -> Role {
        match (def.input, def.output) {
            (true, true) => Role::Both,
            (true, false) => Role::Request,
            // A type used nowhere is still public; it cannot be built, like a response.
            (false, _) => Role::Response,
        }
    }

    /// Whether the struct has a constructor and setters.
    pub fn is_input(self) -> bool {
        matches!(self, Role::Request | Role::Both)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldApi {
    pub rust_name: String,
    /// The type inside the `Option`, when the field is one.
    pub ty: TypeRef,
    pub boxed: bool,
    /// Required in the spec.
    pub required: bool,
    /// An `Option` in Rust (optional, or nullable).
    pub optional: bool,
    /// An argument of the struct's `new(..)` (request structs only).
    pub in_new: bool,
}

impl Surface {
    pub fn of(api: &Api) -> Surface {
        let defs: BTreeMap<&str, &TypeDef> = api.types.iter().map(|t| (t.id.as_str(), t)).collect();
        let mut types: BTreeMap<String, TypeApi> = api.types.iter().map(|t| (t.id.clone(), type_api(t, &defs))).collect();
        let mut operations = Vec::new();
        for (service, op) in api.operations() {
            let returns = match &op.success {
                Success::ByStatus { type_name, variants } => {
                    let id = format!("status:{}", op.id);
                    let variants = variants.iter().map(|v| (v.rust_name.clone(), payload(&v.success))).collect();
                    let path = rust_path(&service.module, type_name);
                    types.insert(id.clone(), TypeApi { path, kind: KindApi::StatusEnum { variants } });
                    Ty::Ref(TypeRef::Named(id))
                }
                other => payload(other).unwrap_or(Ty::Fixed("()")),
            };
            operations.push(OperationApi {
                id: op.id.clone(),
                endpoint: format!("{} {}", op.http_method, op.path),
                method: call_path(service, &op.method_name),
                all_method: op.pagination.as_ref().map(|p| call_path(service, &p.method_name)),
                args: args(op, &defs),
                returns,
            });
        }
        Surface { operations, types }
    }

    /// A type as Rust spells it, with named types by their path: `Vec<users::User>`.
    pub fn show(&self, ty: &Ty) -> String {
        match ty {
            Ty::Fixed(text) => (*text).to_owned(),
            Ty::Ref(r) => self.show_ref(r),
        }
    }

    pub fn show_ref(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::String => "String".into(),
            TypeRef::Bool => "bool".into(),
            TypeRef::I32 => "i32".into(),
            TypeRef::I64 => "i64".into(),
            TypeRef::U32 => "u32".into(),
            TypeRef::U64 => "u64".into(),
            TypeRef::F32 => "f32".into(),
            TypeRef::F64 => "f64".into(),
            TypeRef::Json => "serde_json::Value".into(),
            TypeRef::JsonObject => "serde_json::Map<String, serde_json::Value>".into(),
            TypeRef::Bytes => "bytes::Bytes".into(),
            TypeRef::File => "FilePart".into(),
            TypeRef::Array(t) => format!("Vec<{}>", self.show_ref(t)),
            TypeRef::Map(t) => format!("BTreeMap<String, {}>", self.show_ref(t)),
            TypeRef::Nullable(t) => format!("Option<{}>", self.show_ref(t)),
            TypeRef::Named(id) => self.types.get(id).map_or_else(|| id.clone(), |t| t.path.clone()),
        }
    }

    /// `fn create(&self, request: &users::CreateRequest) -> users::User`.
    pub fn signature(&self, op: &OperationApi) -> String {
        let args: Vec<String> =
            op.args.iter().map(|a| format!(", {}: {}{}", a.name, if a.by_ref { "&" } else { "" }, self.show(&a.ty))).collect();
        let name = op.method.rsplit('.').next().unwrap_or(&op.method);
        format!("fn {name}(&self{}) -> {}", args.concat(), self.show(&op.returns))
    }
}

/// `magic_links().email().send`.
fn call_path(service: &Service, method: &str) -> String {
    let mut parts: Vec<String> = service.module.iter().map(|m| format!("{}()", unraw(m))).collect();
    parts.push(unraw(method).to_owned());
    parts.join(".")
}

fn rust_path(module: &[String], name: &str) -> String {
    let mut parts: Vec<&str> = module.iter().map(|m| unraw(m)).collect();
    parts.push(unraw(name));
    parts.join("::")
}

fn payload(success: &Success) -> Option<Ty> {
    match success {
        Success::Json { ty, .. } => Some(Ty::Ref(ty.clone())),
        Success::Text { .. } => Some(Ty::Fixed("String")),
        Success::Bytes { .. } => Some(Ty::Fixed("bytes::Bytes")),
        Success::Empty { .. } | Success::ByStatus { .. } => None,
    }
}

fn strip_nullable(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Nullable(t) => t,
        t => t,
    }
}

/// The method's arguments, in the order `emit::service` writes them.
fn args(op: &Operation, defs: &BTreeMap<&str, &TypeDef>) -> Vec<Arg> {
    let mut out = Vec::new();
    for p in op.params.iter().filter(|p| p.location == ParamLocation::Path && p.client_param.is_none()) {
        let name = unraw(&p.rust_name).to_owned();
        out.push(match strip_nullable(&p.ty) {
            TypeRef::String => Arg { name, ty: Ty::Fixed("&str"), by_ref: false },
            // String enums are borrowed, other types passed by value.
            TypeRef::Named(id) => {
                let by_ref = defs.get(id.as_str()).is_some_and(|d| matches!(d.kind, TypeKind::StringEnum { .. }));
                Arg { name, ty: Ty::Ref(TypeRef::Named(id.clone())), by_ref }
            }
            t => Arg { name, ty: Ty::Ref(t.clone()), by_ref: false },
        });
    }
    if op.auth == Auth::BearerArgument {
        out.push(Arg { name: "access_token".into(), ty: Ty::Fixed("&str"), by_ref: false });
    }
    if let Some(pt) = &op.params_type {
        out.push(Arg { name: "params".into(), ty: Ty::Ref(pt.clone()), by_ref: true });
    }
    if let Some(body) = &op.body {
        out.extend(body_args(body));
    }
    out
}

fn body_args(body: &Body) -> Vec<Arg> {
    let raw = match body.media {
        MediaType::Json | MediaType::Form | MediaType::Multipart => return vec![Arg { name: "request".into(), ty: Ty::Ref(body.ty.clone()), by_ref: true }],
        MediaType::Text => Arg { name: "body".into(), ty: Ty::Fixed("impl Into<String>"), by_ref: false },
        MediaType::Bytes => Arg { name: "body".into(), ty: Ty::Fixed("impl Into<bytes::Bytes>"), by_ref: false },
    };
    let mut out = vec![raw];
    if !crate::emit::fixed_content_type(&body.content_type) {
        out.push(Arg { name: "content_type".into(), ty: Ty::Fixed("&str"), by_ref: false });
    }
    out
}

fn type_api(def: &TypeDef, defs: &BTreeMap<&str, &TypeDef>) -> TypeApi {
    let kind = match &def.kind {
        // A multipart body is a request struct too: `new(..)` and setters, one per part.
        TypeKind::Struct { .. } | TypeKind::Multipart { .. } => struct_api(def, def.kind.fields(), defs),
        TypeKind::StringEnum { variants, .. } => {
            KindApi::StringEnum { values: variants.iter().map(|v| (v.value.clone(), v.rust_name.clone())).collect() }
        }
        TypeKind::Union { variants, .. } => {
            KindApi::Union { variants: variants.iter().map(|v| (unraw(&v.rust_name).to_owned(), v.ty.clone())).collect() }
        }
        TypeKind::Alias { ty } => KindApi::Alias { ty: ty.clone() },
    };
    TypeApi { path: rust_path(&def.module, &def.name), kind }
}

fn struct_api(def: &TypeDef, fields: Vec<&crate::ir::Field>, defs: &BTreeMap<&str, &TypeDef>) -> KindApi {
    let role = Role::of(def);
    let fields = fields
        .into_iter()
        .map(|f| {
            let fixed = match &f.ty {
                TypeRef::Named(id) => defs.get(id.as_str()).is_some_and(|d| d.single_value().is_some()),
                _ => false,
            };
            let api = FieldApi {
                rust_name: unraw(&f.rust_name).to_owned(),
                ty: strip_nullable(&f.ty).clone(),
                boxed: f.boxed,
                required: f.required,
                optional: f.is_optional(),
                in_new: role.is_input() && !f.is_optional() && !fixed,
            };
            (f.name.clone(), api)
        })
        .collect();
    KindApi::Struct { role, fields }
}
