//! The CLI's flag per security scheme: `--<scheme>` and `<BIN>_<SCHEME>`, passed to the
//! scheme's `ClientBuilder` setter. HTTP Basic schemes take the user and secret flags instead.

use std::collections::BTreeSet;

use heck::ToKebabCase;
use proc_macro2::TokenStream;
use quote::quote;

use crate::config::{CliConfig, Config};
use crate::emit::security::setter_name;
use crate::emit::typeref::ident;
use crate::ir::{Api, Auth, KeyLocation, SchemeKind, SecurityScheme};

/// Flags the runtime or the user and secret already take.
const TAKEN: &[&str] = &["base-url", "dry-run", "json", "body-file", "content-type", "help", "version"];

/// The schemes some operation may send with the client's credentials (not the user and secret).
fn flagged(api: &Api) -> Vec<&SecurityScheme> {
    let mut used: BTreeSet<&str> = BTreeSet::new();
    let ops = api.operations();
    if ops.iter().any(|(_, o)| o.auth == Auth::Client) {
        used.extend(api.security.iter().flatten().flat_map(|r| r.0.iter().map(String::as_str)));
    }
    for (_, op) in &ops {
        if let Auth::Schemes(reqs) = &op.auth {
            used.extend(reqs.iter().flat_map(|r| r.0.iter().map(String::as_str)));
        }
    }
    api.security_schemes.iter().filter(|s| s.kind != SchemeKind::Basic && used.contains(s.name.as_str())).collect()
}

/// `(--flag, ENV)` of a scheme.
fn names(scheme: &SecurityScheme, config: &Config, cli: &CliConfig) -> (String, String) {
    let c = &cli.credentials;
    let mut long = scheme.rust_name.to_kebab_case();
    if TAKEN.contains(&long.as_str()) || long == c.user_flag || long == c.secret_flag {
        long.push_str("-credential");
    }
    let prefix = cli.bin_name(config).to_uppercase().replace('-', "_");
    (long.clone(), format!("{prefix}_{}", long.to_uppercase().replace('-', "_")))
}

/// `&[run::SchemeFlag { scheme, long, env, help }, ..]`.
pub fn table(api: &Api, config: &Config, cli: &CliConfig) -> TokenStream {
    let flags = flagged(api).into_iter().map(|s| {
        let (long, env) = names(s, config, cli);
        let what = match &s.kind {
            SchemeKind::ApiKey { location: KeyLocation::Header, param } => format!("API key, sent as the `{param}` header"),
            SchemeKind::ApiKey { location: KeyLocation::Query, param } => format!("API key, sent as the `{param}` query parameter"),
            SchemeKind::ApiKey { location: KeyLocation::Cookie, param } => format!("API key, sent as the `{param}` cookie"),
            SchemeKind::Http { scheme } => format!("token, sent as `Authorization: {scheme}`"),
            _ => "bearer token".to_owned(),
        };
        let help = format!("The `{}` {what} (or set the environment variable)", s.name);
        let name = &s.name;
        quote!(run::SchemeFlag { scheme: #name, long: #long, env: #env, help: #help })
    });
    quote!(&[#(#flags),*])
}

/// The parameter and statements of `client()` passing each given scheme flag to its setter.
pub fn client_setters(api: &Api) -> (TokenStream, TokenStream) {
    let flagged = flagged(api);
    if flagged.is_empty() {
        return (quote!(_schemes), TokenStream::new());
    }
    let arms = flagged.iter().map(|s| {
        let name = &s.name;
        let setter = ident(setter_name(s));
        quote!(#name => builder.#setter(*value),)
    });
    let body = quote! {
        for (scheme, value) in schemes {
            builder = match *scheme {
                #(#arms)*
                _ => builder,
            };
        }
    };
    (quote!(schemes), body)
}
