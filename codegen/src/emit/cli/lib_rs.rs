//! `src/lib.rs` and `src/main.rs` of the CLI crate: the settings the runtime reads (names,
//! credentials, error fields) and the client construction, which names the SDK's builder.

use proc_macro2::TokenStream;
use quote::quote;

use crate::config::{CliConfig, Config};
use crate::emit::error_body::type_and_message_fields;
use crate::emit::typeref::{ident, TypeIndex};
use crate::ir::Api;

pub fn lib_rs(api: &Api, config: &Config, cli: &CliConfig, index: &TypeIndex<'_>) -> TokenStream {
    let bin = cli.bin_name(config);
    let (user_env, secret_env) = cli.env_names(config);
    let (user_flag, secret_flag) = (&cli.credentials.user_flag, &cli.credentials.secret_flag);
    let about = format!("Calls any operation of the {} from the command line and prints the answer as JSON.", api.title);
    let docs = [
        format!(" Command-line client for the {} (version {}), generated from the same API", api.title, api.version),
        format!(" description as `{}`.", config.package.name),
        String::new(),
        format!(" `{bin} <service>... <operation> [PATH PARAMETERS] [--flags]`: flags are typed from the request"),
        " type, nested values come from `--json` or `--body-file` (`-` for standard input), and".to_owned(),
        " `--dry-run` prints the request instead of sending it. [`run`] is the whole program, callable".to_owned(),
        " in-process (the binary only passes it the process's arguments and streams).".to_owned(),
        String::new(),
        " # How calls are made".to_owned(),
        String::new(),
        " Each command goes through the typed SDK: its inputs are deserialized into the method's".to_owned(),
        " request type and the generated method is called. The SDK then validates the body, fills".to_owned(),
        " client-side path parameters, routes operations served by another host, and decodes".to_owned(),
        " operation-specific errors, exactly as for a Rust caller; `--dry-run` shows the request".to_owned(),
        " the same method would send ([`Call::preview`](sdk::Call::preview)).".to_owned(),
    ];
    let docs = docs.iter().map(|l| quote!(#![doc = #l]));
    let sdk_crate = ident(&config.lib_name());
    let builder = ident(&cli.credentials.builder);
    let version = &config.package.version;
    let (kind_field, message_field) = type_and_message_fields(api, index);
    let option = |v: Option<String>| match v {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    };
    let (kind_field, message_field) = (option(kind_field), option(message_field));
    // Every host some operation names gets `--base-url` too.
    let mut servers: Vec<&str> = api.operations().iter().flat_map(|(_, o)| o.servers.iter().map(|s| s.url.as_str())).collect();
    servers.sort_unstable();
    servers.dedup();
    let scheme_flags = super::schemes::table(api, config, cli);
    let (schemes_param, scheme_setters) = super::schemes::client_setters(api);
    let credentials_required = cli.credentials.builder != "basic_auth";
    quote! {
        #(#docs)*
        #![forbid(unsafe_code)]

        mod command;
        mod dispatch;
        mod input;
        mod operations;
        pub mod output;
        mod run;
        mod table;

        pub use run::run;

        use #sdk_crate as sdk;

        /// The names, credentials and operations of this API.
        const SETTINGS: run::Settings = run::Settings {
            bin: #bin,
            about: #about,
            version: #version,
            flags: (#user_flag, #secret_flag),
            env: (#user_env, #secret_env),
            credentials_required: #credentials_required,
            schemes: #scheme_flags,
            error_fields: output::ErrorFields { kind: #kind_field, message: #message_field },
            operations: operations::OPERATIONS,
            groups: operations::GROUPS,
        };

        /// The SDK client: the credentials, if any, each scheme flag given (scheme, value),
        /// and `--base-url` for every server.
        fn client(credentials: ::std::option::Option<(&str, &str)>, #schemes_param: &[(&str, &str)], base_url: ::std::option::Option<&str>) -> ::std::result::Result<sdk::Client, sdk::Error> {
            let mut builder = sdk::Client::builder();
            if let ::std::option::Option::Some((user, secret)) = credentials {
                builder = builder.#builder(user, secret);
            }
            #scheme_setters
            if let ::std::option::Option::Some(url) = base_url {
                builder = builder.base_url(url) #(.server_url(#servers, url))*;
            }
            builder.build()
        }
    }
}

pub fn main_rs(config: &Config, cli: &CliConfig) -> TokenStream {
    let lib = ident(&cli.package_name(config).replace('-', "_"));
    quote! {
        //! The binary: runs the command line with the process's arguments and streams.

        use std::process::ExitCode;

        #[tokio::main(flavor = "current_thread")]
        async fn main() -> ExitCode {
            let code = #lib::run(std::env::args_os(), &mut std::io::stdin().lock(), &mut std::io::stdout().lock(), &mut std::io::stderr().lock()).await;
            ExitCode::from(code)
        }
    }
}
