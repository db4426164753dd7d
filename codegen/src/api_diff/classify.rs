//! Each [`Change`] classified by Rust semver rules (the Cargo book's "SemVer compatibility"
//! chapter), against what the generator really emits:
//!
//! - every struct is `#[non_exhaustive]` with public fields: users read fields, cannot build a
//!   struct with a literal or destructure it without `..`; request structs (sent by some
//!   operation) are built with `new(required fields..)` and one setter per optional field;
//! - string enums are `#[non_exhaustive]` and keep unknown values in a catch-all variant;
//! - per-status success enums are `#[non_exhaustive]`;
//! - one-of enums (`oneOf`/`anyOf`) are exhaustive: users may `match` them without a wildcard;
//! - each operation is a method on its service, reached through accessors from the client.

use crate::api_diff::change::{Change, Impact};

impl Change {
    /// Whether code written against the old API still compiles against the new one.
    pub fn impact(&self) -> Impact {
        match self {
            // New methods, types and `*_all` streams: nothing existing changes. (A new item can
            // only clash with a glob import, which semver treats as minor.)
            Change::OperationAdded { .. } | Change::PagesMethodAdded { .. } | Change::TypeAdded { .. } => Impact::Additive,
            // Calls to the old method, or uses of the old type, no longer resolve.
            Change::OperationRemoved { .. }
            | Change::PagesMethodRemoved { .. }
            | Change::MethodRenamed { .. }
            | Change::TypeRemoved { .. }
            | Change::TypeRenamed { .. } => Impact::Breaking,
            // Arguments or return type differ: existing calls pass or receive the wrong type.
            Change::SignatureChanged { .. } => Impact::Breaking,
            // A struct becoming an enum, an alias becoming a struct...: uses no longer fit.
            Change::TypeKindChanged { .. } => Impact::Breaking,
            // A response struct became a request struct too: it gained `new` and setters.
            Change::ConstructorAdded { .. } => Impact::Additive,
            // A request struct is no longer sent: `new` and its setters are gone.
            Change::ConstructorRemoved { .. } => Impact::Breaking,
            // Structs are `#[non_exhaustive]`, so a new field breaks no literal or pattern: a new
            // optional field only adds a setter, and a new response field is only more to read.
            // A new required field of a request struct is a new argument of `new(..)`, which
            // breaks every call (and its `Default`, if it had one).
            Change::FieldAdded { in_new, .. } => {
                if *in_new {
                    Impact::Breaking
                } else {
                    Impact::Additive
                }
            }
            // Reads of the field (and calls of its setter) no longer compile.
            Change::FieldRemoved { .. } | Change::FieldRenamed { .. } => Impact::Breaking,
            // Reads, setters and constructor arguments take the old type.
            Change::FieldTypeChanged { .. } => Impact::Breaking,
            // Required <-> optional turns `T` into `Option<T>` (or back) and moves the field
            // between `new(..)` and a setter; a change between "optional" and "required but
            // nullable" leaves the Rust API as it was and only changes what is sent.
            Change::FieldRequirednessChanged { rust_changed, .. } => {
                if *rust_changed {
                    Impact::Breaking
                } else {
                    Impact::Compatible
                }
            }
            // String enums are `#[non_exhaustive]`: matches already have a wildcard arm. (A value
            // that used to arrive as the catch-all variant now has its own.)
            Change::EnumValueAdded { .. } => Impact::Additive,
            // Uses of the variant no longer resolve.
            Change::EnumValueRemoved { .. } | Change::EnumValueRenamed { .. } => Impact::Breaking,
            // A one-of enum is exhaustive, so a new variant breaks matches without a wildcard; a
            // per-status success enum is `#[non_exhaustive]`, so it does not.
            Change::VariantAdded { exhaustive, .. } => {
                if *exhaustive {
                    Impact::Breaking
                } else {
                    Impact::Additive
                }
            }
            Change::VariantRemoved { .. } | Change::VariantRenamed { .. } | Change::VariantChanged { .. } => Impact::Breaking,
            // An alias to another type changes every use of it.
            Change::AliasChanged { .. } => Impact::Breaking,
        }
    }
}
