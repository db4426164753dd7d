//! `#[cfg(feature = ..)]` gates for per-service features.

use proc_macro2::TokenStream;
use quote::quote;

use crate::config::Config;
use crate::emit::example::example_feature;
use crate::error::{Error, Result};
use crate::ir::Api;

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

/// Markdown for the crate docs and the README: the `Cargo.toml` line to copy, the features,
/// and the minimum supported Rust version.
pub fn features_text(api: &Api, config: &Config) -> String {
    let name = &config.package.name;
    let requirement = config.package.requirement();
    let services: Vec<String> = api.services.iter().filter_map(|s| s.feature.as_ref()).map(|f| format!("`{f}`")).collect();
    let mut text = format!(
        "Add it to `Cargo.toml`:\n\n```toml\n[dependencies]\n{name} = \"{requirement}\"\n```\n\n\
         - `rustls` (default) or `native-tls`: TLS through rustls or the platform's own library.\n\
         - `tracing` (default): one `tracing` span per call (operation, method, path template, status, attempts, duration).\n\
         - `blocking`: `Call::send_blocking`, every call usable from synchronous code.\n"
    );
    if !services.is_empty() {
        text.push_str(&format!(
            "- One feature per service, all on by default: {}. A service's feature turns on its `Client` accessor, its module, and the shared types it uses.\n",
            services.join(", ")
        ));
        let mut chosen = vec!["rustls".to_owned(), "tracing".to_owned()];
        chosen.extend(example_feature(api, config).map(str::to_owned));
        let chosen: Vec<String> = chosen.iter().map(|f| format!("\"{f}\"")).collect();
        text.push_str(&format!(
            "\nTo compile only the services you call, turn the default features off and list them:\n\n```toml\n\
             {name} = {{ version = \"{requirement}\", default-features = false, features = [{}] }}\n```\n",
            chosen.join(", ")
        ));
    }
    text.push_str(&format!("\nThe minimum supported Rust version (MSRV) is {}.", config.package.rust_version));
    text
}
