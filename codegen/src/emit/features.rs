//! `#[cfg(feature = ..)]` gates for per-service features.

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::{Error, Result};

/// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", feature = "b"))]`; nothing when no
/// feature is given (the item always compiles).
pub fn cfg_any<S: AsRef<str>>(features: &[S]) -> TokenStream {
    any_predicate(features).map_or_else(TokenStream::new, |p| quote!(#[cfg(#p)]))
}

/// `feature = "a"` or `any(feature = "a", feature = "b")`; `None` for no feature.
pub fn any_predicate<S: AsRef<str>>(features: &[S]) -> Option<TokenStream> {
    let features: Vec<&str> = features.iter().map(AsRef::as_ref).collect();
    match features.as_slice() {
        [] => None,
        [one] => Some(quote!(feature = #one)),
        many => Some(quote!(any(#(feature = #many),*))),
    }
}

/// The `cfg` of an overlay module from its configured alternatives: any of them, where an
/// alternative is a feature or several joined by `+` that must all be on
/// (`["idp", "m2m"]`, `["m2m+sessions"]`).
pub fn cfg_alternatives(alternatives: &[String]) -> TokenStream {
    let terms: Vec<TokenStream> = alternatives
        .iter()
        .map(|alt| {
            let all: Vec<&str> = alt.split('+').map(str::trim).collect();
            match all.as_slice() {
                [one] => quote!(feature = #one),
                many => quote!(all(#(feature = #many),*)),
            }
        })
        .collect();
    match terms.as_slice() {
        [] => TokenStream::new(),
        [one] => quote!(#[cfg(#one)]),
        many => quote!(#[cfg(any(#(#many),*))]),
    }
}

/// Puts `gate` on every item of `items` (a type and its `impl` blocks), after its docs.
pub fn gate_items(items: TokenStream, gate: &TokenStream, what: &str) -> Result<TokenStream> {
    if gate.is_empty() {
        return Ok(items);
    }
    let error = |e: syn::Error| Error::Emit { file: what.to_owned(), message: format!("generated items do not parse: {e}") };
    let mut file: syn::File = syn::parse2(items).map_err(error)?;
    let gate = syn::parse::Parser::parse2(syn::Attribute::parse_outer, gate.clone()).map_err(error)?;
    for item in &mut file.items {
        let attrs = match item {
            syn::Item::Struct(i) => &mut i.attrs,
            syn::Item::Enum(i) => &mut i.attrs,
            syn::Item::Impl(i) => &mut i.attrs,
            syn::Item::Type(i) => &mut i.attrs,
            syn::Item::Fn(i) => &mut i.attrs,
            syn::Item::Const(i) => &mut i.attrs,
            syn::Item::Use(i) => &mut i.attrs,
            syn::Item::Mod(i) => &mut i.attrs,
            syn::Item::Trait(i) => &mut i.attrs,
            other => return Err(Error::Emit { file: what.to_owned(), message: format!("cannot gate this kind of item: {}", quote!(#other)) }),
        };
        let after_docs = attrs.iter().take_while(|a| a.path().is_ident("doc")).count();
        attrs.splice(after_docs..after_docs, gate.iter().cloned());
    }
    Ok(quote!(#file))
}
