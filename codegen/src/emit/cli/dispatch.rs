//! `src/dispatch.rs` of the CLI crate: one match arm per operation that reads the inputs into
//! the SDK's argument types, calls the SDK's method, and turns its typed answer into output.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::service::fixed_content_type;
use crate::emit::typeref::{ident, TypeIndex};
use crate::ir::{Api, Auth, MediaType, Operation, ParamLocation, Service, Success};
use crate::naming::unraw;

pub fn dispatch_rs(api: &Api, sdk: &TypeIndex<'_>) -> TokenStream {
    let arms = api.operations().into_iter().map(|(s, op)| arm(s, op, sdk));
    quote! {
        //! Calls an operation through the SDK: the command line's inputs become the method's
        //! typed arguments (serde reports what does not fit), and the typed answer is printed.

        use crate::input::Input;
        use crate::output::{finish, Failure, Mode, Outcome, Output};
        use crate::sdk;

        /// Calls the operation `id` with `input` (or, in a dry run, only builds its request).
        pub async fn call(client: &sdk::Client, id: &str, input: &Input, mode: Mode) -> Result<Outcome, Failure> {
            match id {
                #(#arms)*
                _ => Err(Failure::Usage(format!("unknown operation `{id}`"))),
            }
        }
    }
}

fn arm(service: &Service, op: &Operation, sdk: &TypeIndex<'_>) -> TokenStream {
    let id = &op.id;
    if op.body.as_ref().is_some_and(|b| b.media == MediaType::Multipart) {
        // Files cannot come from JSON; the command says so instead of sending half a form.
        let message = format!("`{id}` sends a multipart/form-data body (files), which this command line cannot build yet; call it from the SDK");
        return quote!(#id => Err(Failure::Usage(#message.to_owned())),);
    }
    let mut args = Vec::new();
    for p in op.params.iter().filter(|p| p.location == ParamLocation::Path && p.client_param.is_none()) {
        let name = &p.name;
        let ty = match &p.ty {
            crate::ir::TypeRef::Nullable(inner) => inner.as_ref(),
            other => other,
        };
        args.push(match ty {
            crate::ir::TypeRef::String => quote!(input.path(#name)?),
            t if sdk.is_string_enum(t) => {
                let t = sdk.tokens(t);
                quote!(&input.path_as::<#t>(#name)?)
            }
            t => {
                let t = sdk.tokens(t);
                quote!(input.path_as::<#t>(#name)?)
            }
        });
    }
    if op.auth == Auth::BearerArgument {
        args.push(quote!(input.access_token()?));
    }
    if let Some(params) = &op.params_type {
        let ty = sdk.tokens(params);
        args.push(quote!(&input.params::<#ty>()?));
    }
    if let Some(body) = &op.body {
        match body.media {
            MediaType::Multipart => {}
            MediaType::Json | MediaType::Form => {
                let ty = sdk.tokens(&body.ty);
                args.push(quote!(&input.body::<#ty>()?));
            }
            MediaType::Text => args.push(quote!(input.text()?)),
            MediaType::Bytes => args.push(quote!(input.bytes()?)),
        }
        if matches!(body.media, MediaType::Text | MediaType::Bytes) && !fixed_content_type(&body.content_type) {
            args.push(quote!(input.content_type()?));
        }
    }
    let accessors = service.module.iter().map(|m| ident(m));
    let method = ident(&op.method_name);
    let output = output(service, &op.success, sdk);
    // `if let Some(value) = input.option("acting_member") { options = options.acting_member(value); }`
    let with_options = (!op.request_options.is_empty()).then(|| {
        let sets = op.request_options.iter().map(|o| {
            let key = unraw(&o.setter);
            let setter = ident(&o.setter);
            quote!(if let Some(value) = input.option(#key) { options = options.#setter(value); })
        });
        quote! {
            let mut options = sdk::RequestOptions::new();
            #(#sets)*
            let call = call.with(options);
        }
    });
    quote! {
        #id => {
            let call = client #(.#accessors())* .#method(#(#args),*);
            #with_options
            finish(call, mode, #output).await
        }
    }
}

/// The closure turning the method's typed answer into printable output.
fn output(service: &Service, success: &Success, sdk: &TypeIndex<'_>) -> TokenStream {
    match success {
        Success::Json { .. } => quote!(|body| Output::json(&body)),
        Success::Text { .. } => quote!(Output::Text),
        Success::Empty { .. } => quote!(|()| Output::Empty),
        Success::Bytes { .. } => quote!(|body| Output::Bytes(body.to_vec())),
        Success::ByStatus { type_name, variants } => {
            let ty = sdk.item_path(&service.module, type_name);
            let arms = variants.iter().map(|v| {
                let variant = ident(&v.rust_name);
                match &v.success {
                    Success::Json { .. } => quote!(#ty::#variant(body) => Output::json(&body),),
                    Success::Text { .. } => quote!(#ty::#variant(body) => Output::Text(body),),
                    Success::Bytes { .. } => quote!(#ty::#variant(body) => Output::Bytes(body.to_vec()),),
                    Success::Empty { .. } | Success::ByStatus { .. } => quote!(#ty::#variant => Output::Empty,),
                }
            });
            // The SDK's enum is non-exhaustive.
            quote!(|body| match body { #(#arms)* _ => Output::Empty })
        }
    }
}
