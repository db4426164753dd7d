//! Named types -> Rust items: structs with constructors and setters for request types,
//! forward-compatible string enums, unions, and aliases.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::doc_attrs;
use crate::emit::typeref::{ident, TypeIndex};
use crate::ir::{Docs, Field, TypeDef, TypeKind, TypeRef, UnionVariant, Variant};
use crate::naming::unraw;

pub fn type_item(def: &TypeDef, index: &TypeIndex<'_>) -> TokenStream {
    let docs = doc_attrs(&with_fallback(&def.docs, &format!("The `{}` type.", def.name)));
    let name = ident(&def.name);
    match &def.kind {
        TypeKind::Struct { fields } => struct_item(def, &name, docs, fields, index),
        TypeKind::StringEnum { variants, unknown_variant } => string_enum(&name, docs, variants, unknown_variant),
        TypeKind::Union { variants, discriminator } => union(&name, docs, variants, discriminator.as_deref(), index),
        TypeKind::Alias { ty } => {
            let ty = index.tokens(ty);
            quote! { #docs pub type #name = #ty; }
        }
        TypeKind::Multipart { parts } => crate::emit::multipart::multipart_item(def, &name, docs, parts, index),
    }
}

pub(crate) fn with_fallback(docs: &Docs, fallback: &str) -> Docs {
    if docs.is_empty() {
        Docs(vec![fallback.to_owned()])
    } else {
        docs.clone()
    }
}

/// The Rust type of a field: optional fields and nullable types become one `Option`.
pub(crate) fn field_type(f: &Field, index: &TypeIndex<'_>) -> TokenStream {
    let inner = match &f.ty {
        TypeRef::Nullable(t) => t.as_ref(),
        t => t,
    };
    let mut ty = index.tokens(inner);
    if f.boxed {
        ty = quote!(::std::boxed::Box<#ty>);
    }
    if f.is_optional() {
        quote!(::std::option::Option<#ty>)
    } else {
        ty
    }
}

fn struct_item(def: &TypeDef, name: &syn::Ident, docs: TokenStream, fields: &[Field], index: &TypeIndex<'_>) -> TokenStream {
    let sensitive = fields.iter().any(|f| f.sensitive);
    let no_required = fields.iter().all(Field::is_optional);
    let mut derives = vec![quote!(Clone), quote!(PartialEq)];
    if !sensitive {
        derives.push(quote!(Debug));
    }
    if def.input && no_required {
        derives.push(quote!(Default));
    }
    let field_items = fields.iter().map(|f| {
        let fdocs = doc_attrs(&with_fallback(&f.docs, &format!("The `{}` field.", f.name)));
        let fname = ident(&f.rust_name);
        let ty = field_type(f, index);
        let rename = (unraw(&f.rust_name) != f.name).then(|| {
            let wire = &f.name;
            quote!(#[serde(rename = #wire)])
        });
        // Unset optional fields are left out of the JSON, never sent as `null`.
        let optional = (!f.required).then(|| quote!(#[serde(default, skip_serializing_if = "::std::option::Option::is_none")]));
        quote! { #fdocs #rename #optional pub #fname: #ty, }
    });
    let debug = sensitive.then(|| redacting_debug(name, fields));
    let builder = def.input.then(|| constructor_and_setters(name, fields, index));
    quote! {
        #docs
        #[derive(#(#derives,)* ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name { #(#field_items)* }
        #debug
        #builder
    }
}

/// `Debug` that prints `<redacted>` for secret fields.
pub(crate) fn redacting_debug(name: &syn::Ident, fields: &[Field]) -> TokenStream {
    let name_str = name.to_string();
    let entries = fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let label = unraw(&f.rust_name);
        if !f.sensitive {
            quote!(.field(#label, &self.#fname))
        } else if f.is_optional() {
            quote!(.field(#label, &self.#fname.as_ref().map(|_| crate::client::Redacted)))
        } else {
            quote!(.field(#label, &crate::client::Redacted))
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#name_str) #(#entries)* .finish()
            }
        }
    }
}

/// How a caller passes a value of this type: strings as `impl Into<String>`.
fn arg(ty: &TypeRef, boxed: bool, index: &TypeIndex<'_>) -> (TokenStream, TokenStream) {
    let value = quote!(value);
    match ty {
        TypeRef::String => (quote!(impl ::std::convert::Into<::std::string::String>), quote!(#value.into())),
        _ if boxed => {
            let t = index.tokens(ty);
            (t, quote!(::std::boxed::Box::new(#value)))
        }
        _ => (index.tokens(ty), value),
    }
}

/// Setter names are the field names, except where that would read as a conversion or clash
/// with the constructor (`new`, `is_*`, `to_*`, `as_*`, `into_*`, `from_*`): those get `with_`.
pub fn setter_name(field: &str) -> syn::Ident {
    let bare = unraw(field);
    let prefixed = ["is_", "to_", "as_", "into_", "from_"].iter().any(|p| bare.starts_with(p)) || bare == "new";
    if prefixed {
        format_ident!("with_{}", bare)
    } else {
        ident(field)
    }
}

/// A required field whose type is an enum with a single value (such as OAuth2's
/// `grant_type=client_credentials`) is set by the constructor, not passed to it.
pub fn fixed_value(f: &Field, index: &TypeIndex<'_>) -> Option<TokenStream> {
    let TypeRef::Named(id) = &f.ty else { return None };
    let only = index.get(id).single_value().filter(|_| !f.is_optional())?;
    let ty = index.tokens(&f.ty);
    let variant = ident(&only.rust_name);
    Some(quote!(#ty::#variant))
}

pub(crate) fn constructor_and_setters(name: &syn::Ident, fields: &[Field], index: &TypeIndex<'_>) -> TokenStream {
    let required: Vec<&Field> = fields.iter().filter(|f| !f.is_optional() && fixed_value(f, index).is_none()).collect();
    let params = required.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let (ty, _) = arg(&f.ty, f.boxed, index);
        quote!(#fname: #ty)
    });
    let inits = fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        if f.is_optional() {
            quote!(#fname: ::std::option::Option::None)
        } else if let Some(fixed) = fixed_value(f, index) {
            quote!(#fname: #fixed)
        } else {
            let (_, conv) = arg(&f.ty, f.boxed, index);
            if conv.to_string() == "value" {
                quote!(#fname)
            } else {
                let conv = replace_value(conv, &fname);
                quote!(#fname: #conv)
            }
        }
    });
    let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments, reason = "one argument per required field")]));
    let new_doc = format!(" Creates a `{name}` from its required fields; optional fields start unset.");
    let fixed_docs = fields.iter().filter_map(|f| {
        fixed_value(f, index)?;
        let TypeRef::Named(id) = &f.ty else { return None };
        let TypeKind::StringEnum { variants, .. } = &index.get(id).kind else { return None };
        let line = format!(" `{}` is always `{}`.", f.name, variants[0].value);
        Some(quote!(#[doc = ""] #[doc = #line]))
    });
    let setters = fields.iter().filter(|f| f.is_optional()).map(|f| {
        let fname = ident(&f.rust_name);
        let setter = setter_name(&f.rust_name);
        let inner = match &f.ty {
            TypeRef::Nullable(t) => t.as_ref(),
            t => t,
        };
        let (ty, conv) = arg(inner, f.boxed, index);
        let doc = format!(" Sets `{}`.", f.name);
        let more = f.docs.0.first().map(|l| {
            let l = format!(" {l}");
            quote!(#[doc = ""] #[doc = #l])
        });
        quote! {
            #[doc = #doc]
            #more
            #[must_use]
            pub fn #setter(mut self, value: #ty) -> Self {
                self.#fname = ::std::option::Option::Some(#conv);
                self
            }
        }
    });
    quote! {
        impl #name {
            #[doc = #new_doc]
            #(#fixed_docs)*
            #allow
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits,)* }
            }
            #(#setters)*
        }
    }
}

/// Uses the argument named like the field instead of the placeholder `value`.
fn replace_value(tokens: TokenStream, with: &syn::Ident) -> TokenStream {
    tokens
        .into_iter()
        .map(|t| match t {
            proc_macro2::TokenTree::Ident(i) if i == "value" => proc_macro2::TokenTree::Ident(with.clone()),
            proc_macro2::TokenTree::Group(g) => {
                let mut ng = proc_macro2::Group::new(g.delimiter(), replace_value(g.stream(), with));
                ng.set_span(g.span());
                proc_macro2::TokenTree::Group(ng)
            }
            other => other,
        })
        .collect()
}

fn string_enum(name: &syn::Ident, docs: TokenStream, variants: &[Variant], unknown: &str) -> TokenStream {
    let unknown = ident(unknown);
    let idents: Vec<syn::Ident> = variants.iter().map(|v| ident(&v.rust_name)).collect();
    let values: Vec<&str> = variants.iter().map(|v| v.value.as_str()).collect();
    let variant_docs = variants.iter().map(|v| match &v.description {
        Some(text) => format!(" `{}`: {text}", v.value),
        None => format!(" `{}`", v.value),
    });
    quote! {
        #docs
        ///
        /// Values this version of the crate does not know are kept in the catch-all variant,
        /// so a new server value does not break decoding.
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #variant_docs] #idents, )*
            /// A value not listed in the API description.
            #unknown(::std::string::String),
        }
        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#idents => #values, )*
                    Self::#unknown(value) => value.as_str(),
                }
            }
        }
        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #values => Self::#idents, )*
                    other => Self::#unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(value.as_str()))
            }
        }
    }
}

fn union(name: &syn::Ident, docs: TokenStream, variants: &[UnionVariant], discriminator: Option<&str>, index: &TypeIndex<'_>) -> TokenStream {
    let mut unknown = "Unknown".to_owned();
    while variants.iter().any(|v| v.rust_name == unknown) {
        unknown.push_str("Value");
    }
    let unknown = ident(&unknown);
    let idents: Vec<syn::Ident> = variants.iter().map(|v| ident(&v.rust_name)).collect();
    let types = variants.iter().map(|v| match &v.ty {
        TypeRef::Named(_) => {
            let t = index.tokens(&v.ty);
            quote!(::std::boxed::Box<#t>)
        }
        other => index.tokens(other),
    });
    let variant_docs = variants.iter().map(|v| match &v.tag {
        Some(tag) => format!(" The `{tag}` shape."),
        None => format!(" The `{}` shape.", v.rust_name),
    });
    let body = quote! {
        #( #[doc = #variant_docs] #idents(#types), )*
        /// A shape not described by the API description, kept as raw JSON.
        #unknown(::serde_json::Value),
    };
    let Some(tag_field) = discriminator else {
        return quote! {
            #docs
            #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(untagged)]
            pub enum #name { #body }
        };
    };
    let tags: Vec<&str> = variants.iter().map(|v| v.tag.as_deref().unwrap_or_default()).collect();
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
        #[serde(untagged)]
        pub enum #name { #body }
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let tag = value.get(#tag_field).and_then(::serde_json::Value::as_str).map(::std::borrow::ToOwned::to_owned);
                match tag.as_deref() {
                    #( ::std::option::Option::Some(#tags) => ::serde_json::from_value(value).map(Self::#idents).map_err(<D::Error as ::serde::de::Error>::custom), )*
                    _ => ::std::result::Result::Ok(Self::#unknown(value)),
                }
            }
        }
    }
}
