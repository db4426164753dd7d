//! The typed setters of per-call option headers (`x-request-option`), as an `impl
//! RequestOptions` block in `lib.rs`, and the paragraph of each operation's docs listing the
//! options it takes.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::doc_attrs;
use crate::emit::typeref::ident;
use crate::ir::{Api, Docs, Operation};
use crate::naming::unraw;

/// ```text
/// impl RequestOptions {
///     /// <the header's description>
///     pub fn member_session_jwt(self, value: impl Into<String>) -> Self {
///         self.option_header("X-Stytch-Member-SessionJWT", value.into())
///     }
/// }
/// ```
/// Nothing when the API has no such header.
pub fn setters(api: &Api, lib_name: &str) -> TokenStream {
    if api.request_options.is_empty() {
        return TokenStream::new();
    }
    let setters = api.request_options.iter().map(|option| {
        let mut docs = if option.docs.is_empty() { Docs(vec![format!("Sends the `{}` header with this call.", option.header)]) } else { option.docs.clone() };
        docs.push_paragraph(&format!(
            "Sent as the `{}` header, only by the operations whose docs list this option; any other call fails with [`Error::Config`](crate::Error::Config). The value is redacted in `Debug` and previews.",
            option.header
        ));
        docs.push_paragraph("```rust");
        docs.0.push(format!("let options = {lib_name}::RequestOptions::new().{}(\"...\");", unraw(&option.setter)));
        docs.0.push("```".into());
        let docs = doc_attrs(&docs);
        let name = ident(&option.setter);
        let header = &option.header;
        quote! {
            #docs
            pub fn #name(self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.option_header(#header, value.into())
            }
        }
    });
    quote! {
        /// Per-call options for the headers some operations take.
        impl RequestOptions {
            #(#setters)*
        }
    }
}

/// The part of an operation's docs listing its per-call options, one item each with the
/// header's first line of description.
pub fn operation_docs(op: &Operation) -> Option<Docs> {
    if op.request_options.is_empty() {
        return None;
    }
    let mut docs = Docs(vec!["Per-call options, set with [`Call::with`](crate::Call::with):".to_owned(), String::new()]);
    for o in &op.request_options {
        let setter = unraw(&o.setter);
        let what = o.docs.0.first().map(|l| format!(": {l}")).unwrap_or_default();
        docs.0.push(format!("- [`RequestOptions::{setter}`](crate::RequestOptions::{setter}) sends `{}`{what}", o.header));
    }
    Some(docs)
}

/// The names of the headers an operation takes as options, for its request.
pub fn headers(op: &Operation) -> Vec<&str> {
    op.request_options.iter().map(|o| o.header.as_str()).collect()
}
