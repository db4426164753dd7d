//! [`TypeRef`] -> Rust type tokens, with absolute paths so generated modules need no imports.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, TypeDef, TypeKind, TypeRef};

/// Maps type ids to their definitions, for resolving `Named` references.
pub struct TypeIndex<'a> {
    defs: BTreeMap<&'a str, &'a TypeDef>,
    /// `crate` inside the crate, the crate's name outside it (in its tests).
    /// (A name, not tokens: token streams cannot be shared between the emitting threads.)
    root: String,
}

impl<'a> TypeIndex<'a> {
    pub fn new(api: &'a Api) -> Self {
        TypeIndex { defs: api.types.iter().map(|t| (t.id.as_str(), t)).collect(), root: "crate".to_owned() }
    }

    /// The same index, naming types from outside the crate (`stytch_api::users::User`).
    pub fn outside(&self, crate_name: &syn::Ident) -> Self {
        TypeIndex { defs: self.defs.clone(), root: crate_name.to_string() }
    }

    pub fn get(&self, id: &str) -> &'a TypeDef {
        self.defs.get(id).copied().unwrap_or_else(|| panic!("IR invariant: unknown type id {id}"))
    }

    /// An item `name` in the module `module`, named from where this index names types:
    /// `crate::things::CreateThingSuccess`.
    pub fn item_path(&self, module: &[String], name: &str) -> TokenStream {
        let segments = module.iter().map(|m| ident(m));
        let name = ident(name);
        let root = proc_macro2::Ident::new(&self.root, proc_macro2::Span::call_site());
        quote!(#root #(:: #segments)* :: #name)
    }

    /// `crate::magic_links::CreateRequest`.
    pub fn path(&self, id: &str) -> TokenStream {
        let def = self.get(id);
        let segments = def.module.iter().map(|m| ident(m));
        let name = ident(&def.name);
        let root = proc_macro2::Ident::new(&self.root, proc_macro2::Span::call_site());
        quote!(#root #(:: #segments)* :: #name)
    }

    pub fn tokens(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::String => quote!(::std::string::String),
            TypeRef::Bool => quote!(bool),
            TypeRef::I32 => quote!(i32),
            TypeRef::I64 => quote!(i64),
            TypeRef::U32 => quote!(u32),
            TypeRef::U64 => quote!(u64),
            TypeRef::F32 => quote!(f32),
            TypeRef::F64 => quote!(f64),
            TypeRef::Json => quote!(::serde_json::Value),
            TypeRef::Bytes => quote!(::bytes::Bytes),
            TypeRef::JsonObject => quote!(::serde_json::Map<::std::string::String, ::serde_json::Value>),
            TypeRef::Array(inner) => {
                let inner = self.tokens(inner);
                quote!(::std::vec::Vec<#inner>)
            }
            TypeRef::Map(inner) => {
                let inner = self.tokens(inner);
                quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
            }
            TypeRef::Nullable(inner) => {
                let inner = self.tokens(inner);
                quote!(::std::option::Option<#inner>)
            }
            TypeRef::Named(id) => self.path(id),
            TypeRef::File => {
                let root = proc_macro2::Ident::new(&self.root, proc_macro2::Span::call_site());
                quote!(#root::FilePart)
            }
        }
    }

    /// Whether values of this type are strings on the wire (for `impl Into<String>` setters).
    pub fn is_string_enum(&self, ty: &TypeRef) -> bool {
        matches!(ty, TypeRef::Named(id) if matches!(self.get(id).kind, TypeKind::StringEnum { .. }))
    }
}

/// An identifier from a final IR name (which may be raw, like `r#type`).
pub fn ident(name: &str) -> syn::Ident {
    syn::parse_str(name).unwrap_or_else(|_| panic!("IR invariant: `{name}` is not an identifier"))
}
