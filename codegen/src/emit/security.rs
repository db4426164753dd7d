//! The security part of `lib.rs`: the table of schemes and default requirements the runtime
//! reads (`crate::auth`), and the `ClientBuilder` setter of each scheme's credential.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::doc_attrs;
use crate::emit::typeref::ident;
use crate::ir::{Api, Docs, KeyLocation, Requirement, SchemeKind, SecurityScheme};

/// Whether some scheme has an OAuth2 client-credentials flow (the crate gets `oauth2.rs`).
pub fn fetches_tokens(api: &Api) -> bool {
    api.security_schemes.iter().any(|s| matches!(s.kind, SchemeKind::OAuth2 { token_url: Some(_), .. }))
}

/// The method a scheme's credential is set with: its own setter, else the generic one.
pub fn setter_name(scheme: &SecurityScheme) -> &str {
    match (&scheme.setter, &scheme.kind) {
        (Some(setter), _) => setter,
        (None, SchemeKind::Basic) => "basic_auth",
        (None, _) => "bearer_auth",
    }
}

/// `[&["a", "b"], &["c"]]`: alternatives of schemes sent together.
pub fn requirements_tokens(requirements: &[Requirement]) -> TokenStream {
    let each = requirements.iter().map(|r| {
        let names = &r.0;
        quote!(&[#(#names),*])
    });
    quote!(&[#(#each),*])
}

/// ```text
/// pub(crate) const SECURITY: auth::Security = auth::Security { schemes: &[..], default: .. };
/// impl ClientBuilder { pub fn api_key(self, key: impl Into<String>) -> Self { .. } }
/// ```
pub fn security_items(api: &Api, lib_name: &str) -> TokenStream {
    let schemes = api.security_schemes.iter().map(|s| {
        let name = &s.name;
        let setter = setter_name(s);
        let kind = match &s.kind {
            SchemeKind::ApiKey { location, param } => {
                let location = match location {
                    KeyLocation::Header => quote!(Header),
                    KeyLocation::Query => quote!(Query),
                    KeyLocation::Cookie => quote!(Cookie),
                };
                quote!(crate::auth::SchemeKind::ApiKey { location: crate::auth::KeyLocation::#location, param: #param })
            }
            SchemeKind::Basic => quote!(crate::auth::SchemeKind::Basic),
            SchemeKind::Http { scheme } => quote!(crate::auth::SchemeKind::Http(#scheme)),
            SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect { .. } => quote!(crate::auth::SchemeKind::Token),
        };
        quote!(crate::auth::Scheme { name: #name, kind: #kind, setter: #setter })
    });
    let default = match &api.security {
        Some(requirements) => {
            let list = requirements_tokens(requirements);
            quote!(::std::option::Option::Some(#list))
        }
        None => quote!(::std::option::Option::None),
    };
    let setters: Vec<TokenStream> = api.security_schemes.iter().flat_map(|s| scheme_setters(s, lib_name)).chain(api_key_alias(api)).collect();
    let setters = (!setters.is_empty()).then(|| {
        quote! {
            /// Credentials of the API's security schemes, one setter per scheme.
            impl ClientBuilder {
                #(#setters)*
            }
        }
    });
    quote! {
        /// The security schemes of the API description, and what operations without their own
        /// requirement need.
        pub(crate) const SECURITY: auth::Security = auth::Security { schemes: &[#(#schemes),*], default: #default };

        #setters
    }
}

/// Where a scheme's credential goes, for docs.
fn sent_as(scheme: &SecurityScheme) -> String {
    match &scheme.kind {
        SchemeKind::ApiKey { location: KeyLocation::Header, param } => format!("the `{param}` header"),
        SchemeKind::ApiKey { location: KeyLocation::Query, param } => format!("the `{param}` query parameter"),
        SchemeKind::ApiKey { location: KeyLocation::Cookie, param } => format!("the `{param}` cookie"),
        SchemeKind::Basic => "an `Authorization: Basic` header".to_owned(),
        SchemeKind::Http { scheme } => format!("an `Authorization: {scheme} <token>` header"),
        SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect { .. } => "an `Authorization: Bearer <token>` header".to_owned(),
    }
}

fn setter_docs(scheme: &SecurityScheme, what: &str, example: &str, lib_name: &str) -> TokenStream {
    let mut docs = Docs(vec![format!("{what} of the `{}` security scheme.", scheme.name)]);
    if !scheme.docs.is_empty() {
        docs.0.push(String::new());
        docs.0.extend(scheme.docs.0.iter().cloned());
    }
    docs.push_paragraph(&format!(
        "Sent as {} to the operations requiring this scheme, and redacted in `Debug` and previews.",
        sent_as(scheme)
    ));
    docs.push_paragraph("```rust");
    docs.0.push(format!("let builder = {lib_name}::Client::builder().{example};"));
    docs.0.push("```".into());
    doc_attrs(&docs)
}

/// The setters of one scheme: nothing for a scheme served by `basic_auth` or `bearer_auth`.
fn scheme_setters(scheme: &SecurityScheme, lib_name: &str) -> Vec<TokenStream> {
    let Some(setter) = &scheme.setter else { return Vec::new() };
    let name = &scheme.name;
    let method = ident(setter);
    let mut out = Vec::new();
    match &scheme.kind {
        SchemeKind::ApiKey { .. } => {
            let docs = setter_docs(scheme, "The API key", &format!("{setter}(\"...\")"), lib_name);
            out.push(quote! {
                #docs
                pub fn #method(self, key: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.credential(#name, crate::auth::Credential::Key(key.into()))
                }
            });
        }
        SchemeKind::Basic => {
            let docs = setter_docs(scheme, "The HTTP Basic user name and password", &format!("{setter}(\"user\", \"password\")"), lib_name);
            out.push(quote! {
                #docs
                pub fn #method(self, username: impl ::std::convert::Into<::std::string::String>, password: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.credential(#name, crate::auth::Credential::Basic { username: username.into(), password: password.into() })
                }
            });
        }
        SchemeKind::Http { .. } | SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect { .. } => {
            let docs = setter_docs(scheme, "A fixed token", &format!("{setter}(\"...\")"), lib_name);
            out.push(quote! {
                #docs
                pub fn #method(self, token: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.credential(#name, crate::auth::Credential::Token(crate::auth::Token::Fixed(token.into())))
                }
            });
            let provider = format!("{setter}_provider");
            let provider_method = ident(&provider);
            let example = format!("{provider}(|| async {{ Ok::<_, {lib_name}::Error>(\"...\".to_owned()) }})");
            let docs = setter_docs(scheme, "A token provider, asked for a token before each attempt,", &example, lib_name);
            out.push(quote! {
                #docs
                pub fn #provider_method(self, provider: impl crate::TokenProvider) -> Self {
                    self.credential(#name, crate::auth::Credential::Token(crate::auth::Token::Provider(::std::sync::Arc::new(provider))))
                }
            });
        }
    }
    if let SchemeKind::OAuth2 { token_url: Some(url), scopes } = &scheme.kind {
        let fetch = format!("{}_client_credentials", scheme.rust_name);
        let fetch_method = ident(&fetch);
        let mut docs = Docs(vec![format!("The OAuth2 client id and secret of the `{name}` security scheme: the client fetches its tokens itself.")]);
        docs.push_paragraph(&format!(
            "The client-credentials flow posts them as a form to `{url}` (resolved against the base URL when relative){}, caches the token until shortly before `expires_in`, lets one call fetch while the others wait, and fetches again once when the API answers 401. Tokens are sent as an `Authorization: Bearer` header and redacted in `Debug` and previews.",
            if scopes.is_empty() { String::new() } else { format!(" with the scopes `{}`", scopes.join(" ")) }
        ));
        docs.push_paragraph("```rust");
        docs.0.push(format!("let builder = {lib_name}::Client::builder().{fetch}(\"client-id\", \"client-secret\");"));
        docs.0.push("```".into());
        let docs = doc_attrs(&docs);
        out.push(quote! {
            #docs
            pub fn #fetch_method(self, client_id: impl ::std::convert::Into<::std::string::String>, client_secret: impl ::std::convert::Into<::std::string::String>) -> Self {
                let fetcher = crate::oauth2::ClientCredentials::new(#url, client_id.into(), client_secret.into(), &[#(#scopes),*]);
                self.credential(#name, crate::auth::Credential::Token(crate::auth::Token::Fetched(::std::sync::Arc::new(fetcher))))
            }
        });
    }
    out
}

/// `api_key(..)` for an API with exactly one API key scheme whose setter is named otherwise.
fn api_key_alias(api: &Api) -> Option<TokenStream> {
    let mut keys = api.security_schemes.iter().filter(|s| matches!(s.kind, SchemeKind::ApiKey { .. }));
    let (Some(only), None) = (keys.next(), keys.next()) else { return None };
    let setter = only.setter.as_deref().filter(|s| *s != "api_key")?;
    let doc = format!(" The API key (the only one the API has: the same as [`{setter}`](Self::{setter})).");
    let method = ident(setter);
    Some(quote! {
        #[doc = #doc]
        pub fn api_key(self, key: impl ::std::convert::Into<::std::string::String>) -> Self {
            self.#method(key)
        }
    })
}
