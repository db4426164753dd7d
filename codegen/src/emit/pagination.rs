//! The `<method>_all` stream of a cursor-paginated operation: calls the page method, yields the
//! page's items, and sends the next cursor back until it is empty or absent.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::doc_attrs;
use crate::emit::example::{stream_example, ExampleContext};
use crate::emit::typeref::{ident, TypeIndex};
use crate::ir::{Docs, FieldStep, Operation, Pagination, Service};
use crate::naming::unraw;

/// The stream borrows only the client (`use<'a>`): edition 2024 would otherwise capture the
/// borrows of `self` and `request` too, and tie the stream to them.
pub fn all_method(service: &Service, op: &Operation, p: &Pagination, index: &TypeIndex<'_>, examples: &ExampleContext) -> TokenStream {
    let body = op.body.as_ref().expect("IR invariant: a paginated operation has a request body");
    let request_ty = index.tokens(&body.ty);
    let item_ty = index.tokens(&p.item_ty);
    let name = ident(&p.method_name);
    let page_method = ident(&op.method_name);
    let cursor = ident(&p.request_field);
    let items_field = ident(&p.items_field);
    let items = if p.items_optional {
        quote!(page.#items_field.unwrap_or_default())
    } else {
        quote!(page.#items_field)
    };
    let next = next_cursor(&p.next_cursor_path);
    let mut docs = Docs::default();
    docs.push_paragraph(&format!(
        "Every item of [`Self::{}`], page after page: each page's next cursor is sent back as `{}` until it comes back empty or absent (or unchanged).",
        unraw(&op.method_name),
        unraw(&p.request_field),
    ));
    docs.push_paragraph("Pages are fetched as the stream is polled; the stream ends after the first error.");
    docs.push_paragraph(&format!("`{} {}`", op.http_method, op.path));
    docs.push_paragraph("# Example");
    docs.0.push(String::new());
    docs.0.push("```no_run".into());
    docs.0.extend(stream_example(service, op, p, examples, index));
    docs.0.push("```".into());
    let docs = doc_attrs(&docs);
    quote! {
        #docs
        pub fn #name(&self, request: &#request_ty) -> impl ::futures_core::Stream<Item = ::std::result::Result<#item_ty, crate::Error>> + use<'a> {
            let service = *self;
            let pages = ::futures_util::stream::try_unfold(
                ::std::option::Option::Some(::std::clone::Clone::clone(request)),
                move |state| async move {
                    let ::std::option::Option::Some(mut request) = state else {
                        return ::std::result::Result::<_, crate::Error>::Ok(::std::option::Option::None);
                    };
                    let page = service.#page_method(&request).await?;
                    let next = #next
                        .filter(|cursor| !cursor.is_empty() && request.#cursor.as_deref() != ::std::option::Option::Some(cursor.as_str()))
                        .cloned();
                    let items = ::futures_util::stream::iter(::std::iter::IntoIterator::into_iter(#items).map(::std::result::Result::Ok));
                    let state = next.map(|cursor| {
                        request.#cursor = ::std::option::Option::Some(cursor);
                        request
                    });
                    ::std::result::Result::Ok(::std::option::Option::Some((items, state)))
                },
            );
            ::futures_util::stream::TryStreamExt::try_flatten(pages)
        }
    }
}

/// An `Option<&String>` expression reading the next cursor out of `page`.
fn next_cursor(path: &[FieldStep]) -> TokenStream {
    let mut expr = quote!(page);
    let mut optional = false;
    for step in path {
        let f = ident(&step.field);
        expr = match (optional, step.optional) {
            (false, false) => quote!(#expr.#f),
            (false, true) => quote!(#expr.#f.as_ref()),
            (true, false) => quote!(#expr.map(|value| &value.#f)),
            (true, true) => quote!(#expr.and_then(|value| value.#f.as_ref())),
        };
        optional |= step.optional;
    }
    if optional {
        expr
    } else {
        quote!(::std::option::Option::Some(&#expr))
    }
}
