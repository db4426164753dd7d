//! One difference between two public APIs, as data. Items are named the way users see them:
//! Rust paths (`users::User`), field names, and calls from the client (`users().create`).

use crate::api_diff::surface::Role;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    OperationAdded { method: String, endpoint: String },
    OperationRemoved { method: String, endpoint: String },
    /// The same operation (by operationId, or by method and path) is called differently,
    /// because its Rust name or its service changed.
    MethodRenamed { endpoint: String, old: String, new: String },
    /// Arguments or return type changed.
    SignatureChanged { method: String, old: String, new: String },
    /// A cursor-paginated operation gained its `*_all` stream.
    PagesMethodAdded { method: String },
    PagesMethodRemoved { method: String },
    TypeAdded { path: String },
    TypeRemoved { path: String },
    /// The same type (by schema, or by identical shape) has another Rust path.
    TypeRenamed { old: String, new: String },
    TypeKindChanged { path: String, old: &'static str, new: &'static str },
    /// A struct became a request type: it gained `new(..)` and setters.
    ConstructorAdded { path: String },
    /// A struct is no longer sent: it lost `new(..)` and its setters.
    ConstructorRemoved { path: String },
    FieldAdded { owner: String, field: String, role: Role, ty: String, required: bool, in_new: bool },
    FieldRemoved { owner: String, field: String, role: Role },
    /// The wire name is the same, the Rust name is not.
    FieldRenamed { owner: String, wire: String, old: String, new: String },
    FieldTypeChanged { owner: String, field: String, role: Role, old: String, new: String },
    /// Required in the spec became optional, or the reverse. `rust_changed` says whether the Rust
    /// API changed with it (the field's `Option`, the constructor's arguments); a required but
    /// nullable field and an optional one look the same in Rust.
    FieldRequirednessChanged { owner: String, field: String, role: Role, now_required: bool, rust_changed: bool },
    EnumValueAdded { owner: String, value: String },
    EnumValueRemoved { owner: String, value: String },
    EnumValueRenamed { owner: String, value: String, old: String, new: String },
    /// A variant of a one-of enum or of a per-status success enum.
    VariantAdded { owner: String, variant: String, exhaustive: bool },
    VariantRemoved { owner: String, variant: String },
    /// The same payload under another variant name.
    VariantRenamed { owner: String, old: String, new: String },
    VariantChanged { owner: String, variant: String, old: String, new: String },
    AliasChanged { path: String, old: String, new: String },
}

/// What a change means for users' code, by Rust semver rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Impact {
    /// Nothing that compiled stops compiling; only what goes over the wire differs.
    Compatible,
    /// New items; code that compiled still compiles.
    Additive,
    /// Some code that compiled no longer does.
    Breaking,
}

impl Impact {
    pub fn label(self) -> &'static str {
        match self {
            Impact::Compatible => "compatible",
            Impact::Additive => "additive",
            Impact::Breaking => "breaking",
        }
    }
}
