//! `src/lib.rs`: crate docs with a compiled quick-start, module declarations, re-exports,
//! the error body alias, the default base URL, and one accessor per top-level service.

use proc_macro2::TokenStream;
use quote::quote;

use crate::config::Config;
use crate::emit::docs::doc_attrs;
use crate::emit::features::{cfg_alternatives, cfg_any, features_text};
use crate::emit::service::{accessor_docs, struct_path};
use crate::emit::typeref::{ident, TypeIndex};
use crate::emit::example::quickstart;
use crate::ir::{Api, Docs};

pub fn lib_rs(api: &Api, config: &Config, index: &TypeIndex<'_>, multipart: bool, oauth2: bool) -> TokenStream {
    let mut docs = Docs(vec![format!("Rust client for the {} (version {}).", api.title, api.version)]);
    docs.0.push(String::new());
    docs.0.extend(api.docs.0.iter().cloned());
    docs.push_paragraph("# Quick start");
    docs.0.push(String::new());
    docs.0.push("```no_run".into());
    docs.0.extend(quickstart(api, config, index).lines().map(str::to_owned));
    docs.0.push("```".into());
    docs.push_paragraph("# Installation and cargo features");
    docs.0.push(String::new());
    docs.0.extend(features_text(api, config).lines().map(str::to_owned));
    let crate_docs = docs.0.iter().map(|l| {
        let text = if l.is_empty() { String::new() } else { format!(" {l}") };
        quote!(#![doc = #text])
    });

    let gate = |s: &crate::ir::Service| cfg_any(s.feature.as_slice());
    let service_mods = api.services.iter().map(|s| {
        let m = ident(&s.accessor);
        let gate = gate(s);
        quote!(#gate pub mod #m;)
    });
    // Overlay modules needing services compile when any of them is on.
    let per_service = api.services.iter().any(|s| s.feature.is_some());
    let overlay_gate = |m: &String| match config.overlay.as_ref().and_then(|o| o.module_features.get(m)) {
        Some(alternatives) if per_service => cfg_alternatives(alternatives),
        _ => TokenStream::new(),
    };
    let shared = ident(&api.shared_module);
    let overlay = config.overlay.iter().flat_map(|o| {
        let public = o.public_modules.iter().map(|m| {
            let gate = overlay_gate(m);
            let m = ident(m);
            quote!(#gate pub mod #m;)
        });
        let private = o.private_modules.iter().map(|m| {
            let gate = overlay_gate(m);
            let m = ident(m);
            quote!(#gate mod #m;)
        });
        public.chain(private).collect::<Vec<_>>()
    });
    let accessors = api.services.iter().map(|s| {
        let docs = doc_attrs(&accessor_docs(s));
        let name = ident(&s.accessor);
        let path = struct_path(s);
        let gate = gate(s);
        quote! {
            #docs
            #gate
            pub fn #name(&self) -> #path<'_> {
                #path::new(self)
            }
        }
    });
    let multipart = multipart.then(|| quote!(mod multipart; pub use multipart::FilePart;));
    let error_body = index.tokens(&api.error_body);
    let error_body_impl = crate::emit::error_body::error_body_impl(api, index);
    let base_url = api.servers.first().map_or("http://localhost", |s| s.url.as_str());
    let option_setters = crate::emit::request_options::setters(api, &config.lib_name());
    let oauth2 = oauth2.then(|| quote!(mod oauth2;));
    let security = crate::emit::security::security_items(api, &config.lib_name());
    quote! {
        #(#crate_docs)*
        #![warn(missing_docs)]
        #![forbid(unsafe_code)]

        mod auth;
        #[cfg(feature = "blocking")]
        mod blocking;
        mod call;
        mod client;
        mod error;
        mod request;
        mod retry;
        mod send;
        mod trace;
        #multipart
        #oauth2
        #(#service_mods)*
        pub mod #shared;
        #(#overlay)*

        pub use auth::{TokenFuture, TokenProvider};
        pub use call::{Call, RequestOptions, RequestPreview, Response};
        pub use client::{Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_TOTAL_TIMEOUT};
        pub use error::{ApiError, Error, UnexpectedResponse};
        pub use retry::RetryPolicy;
        /// The HTTP client crate this one is built on, for [`Client::request`] methods, header
        /// maps and a custom [`ClientBuilder::http_client`].
        pub use reqwest;

        /// The body of an error response, carried by [`Error::Api`].
        pub type ApiErrorBody = #error_body;

        #error_body_impl

        /// The base URL used when none is configured: the first server of the API description.
        pub const DEFAULT_BASE_URL: &str = #base_url;

        impl Client {
            #(#accessors)*
        }

        #option_setters

        #security
    }
}
