//! `tests/binary.rs` of the CLI crate: runs the built binary, so what the in-process tests
//! cannot reach is covered too (the process's arguments, exit status and environment).

use proc_macro2::TokenStream;
use quote::quote;

use crate::config::{CliConfig, Config};
use crate::emit::cli::table::operation_command;
use crate::ir::{Api, Auth, ParamLocation};

pub fn binary_rs(api: &Api, config: &Config, cli: &CliConfig) -> TokenStream {
    let bin_env = format!("CARGO_BIN_EXE_{}", cli.bin_name(config));
    let listed = api.operations().into_iter().map(|(s, op)| {
        let command = operation_command(s, op).join(" ");
        let summary = op.docs.0.first().cloned().unwrap_or_else(|| format!("{} {}", op.http_method, op.path));
        quote!((#command, #summary),)
    });
    // An operation needing nothing but path parameters and the client's credentials, which
    // the user and secret meet (HTTP Basic, or no declared security).
    let basic_default = api.security.as_ref().is_none_or(|reqs| {
        reqs.iter().any(|r| !r.0.is_empty() && r.0.iter().all(|n| api.security_schemes.iter().any(|s| &s.name == n && s.kind == crate::ir::SchemeKind::Basic)))
    });
    let plain = api.operations().into_iter().find(|(_, op)| {
        basic_default && op.body.is_none() && op.auth == Auth::Client && op.params.iter().all(|p| p.location == ParamLocation::Path && p.client_param.is_none())
    });
    let env_test = plain.map(|(s, op)| {
        let mut args = operation_command(s, op);
        // `1` reads as a string or an integer path parameter.
        args.extend(op.params.iter().map(|_| "1".to_owned()));
        args.push("--dry-run".to_owned());
        let (user_env, secret_env) = cli.env_names(config);
        quote! {
            #[test]
            fn dry_run_takes_the_credentials_from_the_environment_and_redacts_them() {
                let args = [#(#args),*];
                let with = Command::new(BIN).args(args).env(#user_env, "user-from-env").env(#secret_env, "secret-from-env").output().unwrap();
                let stdout = String::from_utf8_lossy(&with.stdout);
                assert!(with.status.success(), "{}", String::from_utf8_lossy(&with.stderr));
                assert!(stdout.contains("authorization: <redacted>"), "{stdout}");
                assert!(!stdout.contains("secret-from-env"), "{stdout}");
                let without = Command::new(BIN).args(args).env_remove(#user_env).env_remove(#secret_env).output().unwrap();
                let stdout = String::from_utf8_lossy(&without.stdout);
                assert!(without.status.success(), "{}", String::from_utf8_lossy(&without.stderr));
                assert!(!stdout.contains("authorization:"), "{stdout}");
            }
        }
    });
    quote! {
        //! The built binary: its help lists every operation, and a dry run takes the credentials
        //! from the environment and never prints them.

        use std::process::Command;

        const BIN: &str = env!(#bin_env);

        #[test]
        fn help_lists_every_operation_with_its_summary() {
            let output = Command::new(BIN).arg("--help").output().unwrap();
            assert!(output.status.success());
            let help = String::from_utf8(output.stdout).unwrap();
            for (command, summary) in [#(#listed)*] {
                assert!(help.contains(&format!("  {command}  ")) && help.contains(summary), "`{command}` is not listed:\n{help}");
            }
        }

        #env_test
    }
}
