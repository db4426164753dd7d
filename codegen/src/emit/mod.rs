//! IR -> files. Rust is built as token streams and formatted by prettyplease; `Cargo.toml` and
//! `README.md` are rendered by minijinja; the runtime and the overlay are copied in verbatim.

mod by_status;
mod cli;
mod docs;
mod error_body;
mod example;
mod example_json;
mod features;
mod format;
mod lib_rs;
mod multipart;
mod parallel;
mod pagination;
mod request_options;
mod runtime;
mod security;
mod service;
mod templates;
mod typeref;
mod types;
mod wire_auth;
mod wire_tests;

use std::collections::BTreeMap;


use crate::config::Config;
use crate::error::Result;
use crate::ir::{Api, MediaType, Service};
use crate::Files;
pub use format::{formatting_time, BANNER};
pub use parallel::threads;
pub use service::fixed_content_type;
use typeref::TypeIndex;

/// Emits every file of the crate.
pub fn emit(api: &Api, config: &Config) -> Result<Files> {
    let index = TypeIndex::new(api);
    let mut files = Files::new();

    let examples = example::ExampleContext::new(config);
    // Every type item, every service module's own items and the wire tests are independent
    // jobs, run in parallel (see `parallel.rs`); each job formats what it builds at once, so
    // no file's whole token stream or syntax tree is ever held.
    let mut services = Vec::new();
    flatten(&api.services, &mut services);
    let mut jobs: Vec<Job<'_>> = api.types.iter().map(Job::Type).collect();
    jobs.extend(services.iter().map(|s| Job::Service(s)));
    if config.tests.wire {
        // First, so the longest job starts first.
        jobs.insert(0, Job::Wire);
    }
    let lib_name = config.lib_name();
    let mut done = parallel::map(&jobs, |job| match job {
        Job::Type(def) => {
            let item = features::gate_items(types::type_item(def, &index), &features::cfg_any(&def.features), &def.id)?;
            format::items(&format!("the type {}", def.id), item)
        }
        Job::Service(service) => {
            let mut file = format::RustFile::new(&service_path(service));
            service::service_module(service, &index, &examples, &mut file)?;
            Ok(file.into_body())
        }
        Job::Wire => wire_tests::wire_tests(api, &lib_name, &index),
    })
    .into_iter();
    if config.tests.wire {
        files.insert("tests/wire.rs".into(), done.next().unwrap_or_else(|| Ok(String::new()))?);
    }
    let mut items: BTreeMap<&[String], Vec<String>> = BTreeMap::new();
    for def in &api.types {
        items.entry(def.module.as_slice()).or_default().push(done.next().unwrap_or_else(|| Ok(String::new()))?);
    }
    for service in &services {
        let path = service_path(service);
        let mut file = format::RustFile::new(&path);
        file.push_formatted(&done.next().unwrap_or_else(|| Ok(String::new()))?);
        for item in items.remove(service.module.as_slice()).unwrap_or_default() {
            file.push_formatted(&item);
        }
        files.insert(path, file.finish(BANNER));
    }
    let shared = vec![api.shared_module.clone()];
    let shared_items = items.remove(shared.as_slice()).unwrap_or_default();
    let doc = " Types shared by several services.";
    let path = format!("src/{}.rs", api.shared_module);
    let mut shared_file = format::RustFile::new(&path);
    shared_file.push(quote::quote! { #![doc = #doc] })?;
    for item in &shared_items {
        shared_file.push_formatted(item);
    }
    files.insert(path, shared_file.finish(BANNER));

    let overlay = runtime::overlay_files(config)?;
    // Only a crate with multipart bodies gets the multipart runtime and reqwest's `multipart`
    // feature (which adds `mime_guess`).
    let multipart = api.operations().iter().any(|(_, o)| o.body.as_ref().is_some_and(|b| b.media == MediaType::Multipart));
    let oauth2 = security::fetches_tokens(api);
    files.insert("src/lib.rs".into(), format::rust_file("src/lib.rs", lib_rs::lib_rs(api, config, &index, multipart, oauth2), BANNER)?);
    files.extend(runtime::runtime_files(config, multipart, oauth2));
    files.extend(overlay);
    let paginates = api.operations().iter().any(|(_, o)| o.pagination.is_some());
    let services: Vec<String> = api.services.iter().filter_map(|s| s.feature.clone()).collect();
    files.insert("Cargo.toml".into(), templates::cargo_toml(config, paginates, multipart, &services)?);
    files.insert("README.md".into(), templates::readme(api, config)?);
    Ok(files)
}

/// Every file of the command-line client crate, when the configuration asks for one (`[cli]`).
pub fn emit_cli(api: &Api, config: &Config) -> Result<Option<Files>> {
    config.cli.as_ref().map(|cli| cli::emit(api, config, cli)).transpose()
}

/// One unit of parallel work in [`emit`].
enum Job<'a> {
    Type(&'a crate::ir::TypeDef),
    Service(&'a Service),
    Wire,
}

/// Every service of the tree, parents before their children.
fn flatten<'a>(services: &'a [Service], out: &mut Vec<&'a Service>) {
    for service in services {
        out.push(service);
        flatten(&service.children, out);
    }
}

/// `src/magic_links.rs`, or `src/magic_links/mod.rs` for a service with sub-services.
fn service_path(service: &Service) -> String {
    let stem = service.module.iter().map(|m| crate::naming::unraw(m)).collect::<Vec<_>>().join("/");
    if service.children.is_empty() {
        format!("src/{stem}.rs")
    } else {
        format!("src/{stem}/mod.rs")
    }
}
