//! The success enum of an operation whose success statuses carry different bodies:
//!
//! ```text
//! pub enum CreateThingSuccess { Ok(Thing), Accepted(Job), NoContent }
//! impl CreateThingSuccess { fn decode(status: u16, body: &[u8]) -> Result<Self, String> { .. } }
//! ```

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::doc_attrs;
use crate::emit::typeref::{ident, TypeIndex};
use crate::ir::{Docs, Operation, StatusVariant, Success};

/// The enum and its decoder, for an operation whose success is [`Success::ByStatus`].
pub fn status_enum(op: &Operation, index: &TypeIndex<'_>) -> TokenStream {
    let Success::ByStatus { type_name, variants } = &op.success else { return TokenStream::new() };
    let name = ident(type_name);
    let docs = doc_attrs(&Docs(vec![
        format!("The successful answers of `{} {}`, one variant per status.", op.http_method, op.path),
    ]));
    let items = variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let mut docs = Docs(vec![format!("`{}`", v.success.status())]);
        if !v.docs.is_empty() {
            docs.0[0].push_str(": ");
            docs.0[0].push_str(&v.docs.0.join(" "));
        }
        let docs = doc_attrs(&docs);
        match payload(v, index) {
            Some((ty, _)) => quote!(#docs #variant(#ty),),
            None => quote!(#docs #variant,),
        }
    });
    // Exact statuses first, then a `2XX` range.
    let mut arms: Vec<&StatusVariant> = variants.iter().filter(|v| v.success.status().parse::<u16>().is_ok()).collect();
    arms.extend(variants.iter().filter(|v| v.success.status().parse::<u16>().is_err()));
    let arms = arms.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let pattern = match v.success.status().parse::<u16>() {
            Ok(code) => {
                let code = proc_macro2::Literal::u16_unsuffixed(code);
                quote!(#code)
            }
            Err(_) => quote!(200..=299),
        };
        match payload(v, index) {
            Some((_, decode)) => quote!(#pattern => #decode(status, body).map(Self::#variant),),
            None => quote!(#pattern => ::std::result::Result::Ok(Self::#variant),),
        }
    });
    // The message is a format string: braces of a path template (an operation without an id) are
    // escaped.
    let error = format!("HTTP {{status}} is not a success status of `{}`", op.id.replace('{', "{{").replace('}', "}}"));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#items)*
        }

        impl #name {
            /// Decodes the body of a success status.
            fn decode(status: u16, body: &[u8]) -> ::std::result::Result<Self, ::std::string::String> {
                match status {
                    #(#arms)*
                    _ => ::std::result::Result::Err(::std::format!(#error)),
                }
            }
        }
    }
}

/// The variant's payload type and the runtime decoder for it, or `None` for an empty body.
fn payload(v: &StatusVariant, index: &TypeIndex<'_>) -> Option<(TokenStream, TokenStream)> {
    match &v.success {
        Success::Json { ty, optional: true, .. } => {
            let ty = index.tokens(ty);
            Some((quote!(::std::option::Option<#ty>), quote!(crate::call::json_or_none)))
        }
        Success::Json { ty, .. } => Some((index.tokens(ty), quote!(crate::call::json))),
        Success::Text { .. } => Some((quote!(::std::string::String), quote!(crate::call::text))),
        Success::Bytes { .. } => Some((quote!(::bytes::Bytes), quote!(crate::call::bytes))),
        Success::Empty { .. } | Success::ByStatus { .. } => None,
    }
}
