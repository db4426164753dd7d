//! Multipart body types: a struct with one field per part (files as `FilePart`), its
//! constructor and setters, and `to_multipart`, which lists the parts to send.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::doc_attrs;
use crate::emit::typeref::{ident, TypeIndex};
use crate::emit::types::{constructor_and_setters, field_type, redacting_debug, with_fallback};
use crate::ir::{Field, Part, PartEncoding, TypeDef};

pub fn multipart_item(def: &TypeDef, name: &syn::Ident, docs: TokenStream, parts: &[Part], index: &TypeIndex<'_>) -> TokenStream {
    let fields: Vec<Field> = parts.iter().map(|p| p.field.clone()).collect();
    let sensitive = fields.iter().any(|f| f.sensitive);
    let mut derives = vec![quote!(Clone), quote!(PartialEq)];
    if !sensitive {
        derives.push(quote!(Debug));
    }
    let field_items = fields.iter().map(|f| {
        let fdocs = doc_attrs(&with_fallback(&f.docs, &format!("The `{}` part.", f.name)));
        let fname = ident(&f.rust_name);
        let ty = field_type(f, index);
        quote! { #fdocs pub #fname: #ty, }
    });
    let debug = sensitive.then(|| redacting_debug(name, &fields));
    let builder = def.input.then(|| constructor_and_setters(name, &fields, index));
    let pushes = parts.iter().map(part_push);
    quote! {
        #docs
        ///
        /// Sent as `multipart/form-data`: a file as a file part (a list of files repeats the
        /// part), a scalar as a text part, any other value as a JSON part; unset fields are left
        /// out.
        #[derive(#(#derives),*)]
        #[non_exhaustive]
        pub struct #name { #(#field_items)* }
        #debug
        #builder
        impl #name {
            /// The parts, in declaration order: files (with their name and content type), scalars
            /// as text, other values as JSON text; unset fields are left out and a list of files
            /// repeats the part.
            pub(crate) fn to_multipart(&self) -> ::std::result::Result<crate::multipart::Multipart, crate::Error> {
                let mut parts = crate::multipart::Multipart::default();
                #(#pushes)*
                ::std::result::Result::Ok(parts)
            }
        }
    }
}

/// The statements adding one field's parts.
fn part_push(part: &Part) -> TokenStream {
    let f = &part.field;
    let wire = &f.name;
    let fname = ident(&f.rust_name);
    let content_type = match &part.content_type {
        Some(ct) => quote!(::std::option::Option::Some(#ct)),
        None => quote!(::std::option::Option::None),
    };
    let optional = f.is_optional();
    match part.encoding {
        PartEncoding::File if optional => quote! {
            if let ::std::option::Option::Some(file) = &self.#fname {
                parts.file(#wire, file, #content_type);
            }
        },
        PartEncoding::File => quote!(parts.file(#wire, &self.#fname, #content_type);),
        PartEncoding::Files if optional => quote! {
            for file in self.#fname.iter().flatten() {
                parts.file(#wire, file, #content_type);
            }
        },
        PartEncoding::Files => quote! {
            for file in &self.#fname {
                parts.file(#wire, file, #content_type);
            }
        },
        // `text` leaves out `None` (it encodes as `null`).
        PartEncoding::Text => quote!(parts.text(#wire, &self.#fname, #content_type)?;),
        PartEncoding::Json if optional => quote! {
            if let ::std::option::Option::Some(value) = &self.#fname {
                parts.json(#wire, value, #content_type)?;
            }
        },
        PartEncoding::Json => quote!(parts.json(#wire, &self.#fname, #content_type)?;),
    }
}
