//! Spec -> IR. `schemas` maps types, `operations` maps operations, `placement` decides which
//! module each type lives in and what it is called; this file ties them together and builds
//! the service tree.

mod all_of;
mod features;
mod multipart;
mod operations;
mod pagination;
mod placement;
mod refs;
mod request_options;
mod schemas;
mod security;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::error::{pointer_token, Error, Result, Warning};
use crate::ir::{Api, Docs, Operation, Service, TypeRef};
use crate::load::Spec;
use crate::naming::{self, pascal_ident, split_words, OperationNaming};
use operations::SpecOperation;

/// Lowers a loaded spec into the IR. What is worked around instead of refused is listed in
/// [`Api::warnings`], after the spec's own load warnings. Warnings and errors about a part read
/// from another file of a multi-file spec point into that file.
pub fn lower(spec: &Spec, config: &Config) -> Result<Api> {
    let mut api = lower_document(spec, config).map_err(|e| spec.locate_error(e))?;
    if !spec.origins.is_empty() {
        // The spec's own warnings come first, and are located already.
        for w in api.warnings.iter_mut().skip(spec.warnings.len()) {
            w.pointer = spec.locate(&w.pointer);
        }
    }
    Ok(api)
}

fn lower_document(spec: &Spec, config: &Config) -> Result<Api> {
    let mut types = schemas::Types::new(spec, config);
    let items = path_items(spec, &mut types);
    let spec_ops = collect_operations(&items, &mut types);
    let endpoints: BTreeSet<Vec<String>> = spec_ops
        .iter()
        .filter_map(|o| naming::method_endpoint(o.op.operation_id.as_deref(), o.method, o.path, &config.naming.words))
        .collect();

    let names: Vec<naming::OperationName> = spec_ops.iter().map(|so| operation_name(so, &endpoints, config, &mut types)).collect();
    let names = avoid_client_names(&spec_ops, names, &mut types);
    let names = resolve_method_collisions(&spec_ops, names, &mut types);
    let mut by_service: BTreeMap<Vec<String>, Vec<Operation>> = BTreeMap::new();
    for (so, name) in spec_ops.iter().zip(names) {
        types.operation = Some(so.id.clone());
        types.fallback_prefix = split_words(&name.method, &config.naming.words);
        let op = operations::lower_operation(&mut types, so, name.method);
        by_service.entry(name.service).or_default().push(op);
    }
    types.operation = None;
    types.fallback_prefix.clear();

    let mut services = build_tree(&by_service, &[], config);
    let error_body = error_body(&types, &by_service, config)?;
    let shared_module = if services.iter().any(|s| s.accessor == "types") { "shared_types" } else { "types" };
    break_alias_cycles(&mut types);
    let mut warnings = spec.warnings.clone();
    warnings.append(&mut types.warnings);
    let request_options = request_options::collect(&mut services, &mut warnings);
    let security_schemes = security::schemes(spec, &config.naming.words, &mut warnings);
    let security = spec.doc.security.as_deref().map(|list| {
        let mut reqs = security::requirements(list);
        security::check_requirements(&mut reqs, &security_schemes, "#/security", &mut warnings);
        reqs
    });
    check_operation_security(&mut services, &security_schemes, &mut warnings);
    let service_features = features::assign(&mut services, config, &mut warnings)?;
    let placed = placement::place(types.defs, &mut services, &error_body, shared_module, &service_features, config, &mut warnings)?;

    let info = &spec.doc.info;
    let mut docs = Docs::default();
    if let Some(d) = &info.description {
        docs.push_paragraph(d);
    }
    Ok(Api {
        title: info.title.clone(),
        version: info.version.clone(),
        docs,
        servers: operations::servers(&spec.doc.servers),
        services,
        types: placed,
        error_body,
        shared_module: shared_module.to_owned(),
        request_options,
        security_schemes,
        security,
        warnings,
    })
}

/// Drops operation requirements naming undefined schemes (with a warning each).
fn check_operation_security(services: &mut [Service], schemes: &[crate::ir::SecurityScheme], warnings: &mut Vec<Warning>) {
    for service in services {
        for op in &mut service.operations {
            if let crate::ir::Auth::Schemes(reqs) = &mut op.auth {
                let pointer = format!("#/paths/{}/{}/security", pointer_token(&op.path), op.http_method.to_lowercase());
                security::check_requirements(reqs, schemes, &pointer, warnings);
                if reqs.is_empty() {
                    op.auth = crate::ir::Auth::None;
                }
            }
        }
        check_operation_security(&mut service.children, schemes, warnings);
    }
}

/// Aliases that name each other in a ring (`A = B`, `B = A`, from schemas that only refer to
/// each other) have no type: the first of the ring becomes any JSON, with a warning.
fn break_alias_cycles(types: &mut schemas::Types<'_>) {
    let alias_target = |kind: Option<&crate::ir::TypeKind>| -> Option<String> {
        let crate::ir::TypeKind::Alias { ty } = kind? else { return None };
        let inner = match ty {
            TypeRef::Nullable(t) => t.as_ref(),
            t => t,
        };
        match inner {
            TypeRef::Named(n) => Some(n.clone()),
            _ => None,
        }
    };
    let ids: Vec<String> = types.defs.keys().cloned().collect();
    for id in ids {
        let mut seen = BTreeSet::new();
        let mut at = id.clone();
        while let Some(next) = alias_target(types.defs.get(&at).map(|d| &d.kind)) {
            if next == id {
                types.warn(&id, "this schema only refers to itself through other schemas; typed as `serde_json::Value`");
                if let Some(def) = types.defs.get_mut(&id) {
                    def.kind = crate::ir::TypeKind::Alias { ty: TypeRef::Json };
                }
                break;
            }
            if !seen.insert(next.clone()) {
                break;
            }
            at = next;
        }
    }
}

/// Every path item, `$ref`s followed; one that cannot be resolved is left out with a warning.
fn path_items<'a>(spec: &'a Spec, types: &mut schemas::Types<'_>) -> Vec<(&'a str, String, Cow<'a, openapiv3::PathItem>)> {
    let mut out = Vec::new();
    for (path, item) in &spec.doc.paths.paths {
        let pointer = format!("#/paths/{}", pointer_token(path));
        let item = match item {
            openapiv3::ReferenceOr::Item(item) => Cow::Borrowed(item),
            openapiv3::ReferenceOr::Reference { reference } => match refs::deref(spec, reference, &pointer, "path item") {
                Ok((_, item)) => Cow::Owned(item),
                Err(e) => {
                    types.warn_error(&e, "its operations are left out");
                    continue;
                }
            },
        };
        out.push((path.as_str(), pointer, item));
    }
    out
}

fn collect_operations<'a>(items: &'a [(&'a str, String, Cow<'a, openapiv3::PathItem>)], types: &mut schemas::Types<'_>) -> Vec<SpecOperation<'a>> {
    let mut out = Vec::new();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for (path, item_pointer, item) in items {
        for (method, op) in item.iter() {
            let pointer = format!("{item_pointer}/{method}");
            let fallback_id = format!("{} {path}", method.to_uppercase());
            let mut id = op.operation_id.clone().unwrap_or_else(|| fallback_id.clone());
            if let Some(first) = ids.get(&id) {
                types.warn(&pointer, format!("duplicate operationId `{id}`: also used at {first}; this one is called `{fallback_id}`"));
                id = fallback_id;
            }
            ids.insert(id.clone(), pointer.clone());
            out.push(SpecOperation { path, method, op, item, pointer, id });
        }
    }
    out
}

/// Names a top-level service cannot take: the `Client`'s own methods (its accessor would clash
/// with them) and the crate's fixed modules.
const CLIENT_RESERVED: &[&str] = &[
    "base_url", "builder", "client_param", "send", "send_empty", "send_json", "send_text", "url_for", "new", "clone",
    "client", "error",
];

/// A top-level service named like a reserved name, or a sub-service named `new`, becomes
/// `<name>_api`, with one warning.
fn avoid_client_names(
    ops: &[SpecOperation<'_>],
    mut names: Vec<naming::OperationName>,
    types: &mut schemas::Types<'_>,
) -> Vec<naming::OperationName> {
    let mut warned = BTreeSet::new();
    for (so, name) in ops.iter().zip(names.iter_mut()) {
        // A sub-service accessor cannot be `new`, the parent service's constructor.
        for segment in name.service.iter_mut().skip(1).filter(|s| *s == "new") {
            if warned.insert(segment.clone()) {
                let message = "sub-service `new` would clash with the service constructor `new`; it is `new_api`".to_owned();
                types.warnings.push(Warning { pointer: so.pointer.clone(), operation: Some(so.id.clone()), message });
            }
            *segment = "new_api".to_owned();
        }
        let Some(first) = name.service.first_mut() else { continue };
        if CLIENT_RESERVED.contains(&naming::unraw(first)) {
            let renamed = format!("{}_api", naming::unraw(first));
            if warned.insert(first.clone()) {
                let message = format!("service `{first}` would clash with `Client::{first}` or the crate module `{first}`; it is `{renamed}`");
                types.warnings.push(Warning { pointer: so.pointer.clone(), operation: Some(so.id.clone()), message });
            }
            *first = renamed;
        }
    }
    names
}

/// Two operations wanting one method of a service, a method named like a sub-service, or a
/// method called `new` (the service constructor): the loser gets `<method>_2`, `_3`... with a
/// warning naming both sides. `x-rust-method` overrides claim their name first, then operations
/// in spec order.
fn resolve_method_collisions(
    ops: &[SpecOperation<'_>],
    names: Vec<naming::OperationName>,
    types: &mut schemas::Types<'_>,
) -> Vec<naming::OperationName> {
    let mut children: BTreeMap<Vec<String>, BTreeSet<String>> = BTreeMap::new();
    for n in &names {
        for len in 1..=n.service.len() {
            children.entry(n.service[..len - 1].to_vec()).or_default().insert(n.service[len - 1].clone());
        }
    }
    let mut by_service: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
    for (i, n) in names.iter().enumerate() {
        by_service.entry(n.service.clone()).or_default().push(i);
    }
    let mut out = names.clone();
    for (service, members) in by_service {
        let mut reserved: BTreeSet<String> = children.get(&service).cloned().unwrap_or_default();
        reserved.insert("new".into());
        let wanted: Vec<String> = members.iter().map(|i| names[*i].method.clone()).collect();
        let preferred: Vec<bool> = members.iter().map(|i| ops[*i].op.extensions.contains_key("x-rust-method")).collect();
        let (finals, renames) = naming::dedupe(&wanted, &preferred, &reserved);
        for r in renames {
            let op = &ops[members[r.loser]];
            let mut full = service.clone();
            full.push(wanted[r.loser].clone());
            let with = match r.winner {
                Some(w) => format!("is also wanted by operation `{}`", ops[members[w]].id),
                None if wanted[r.loser] == "new" => "is the service constructor".to_owned(),
                None => format!("is the sub-service `{}`", full.join(".")),
            };
            let message = format!(
                "method `{}` {with}; this operation's method is `{}` (set `x-rust-method` to choose another)",
                full.join("."),
                finals[r.loser]
            );
            types.warnings.push(Warning { pointer: op.pointer.clone(), operation: Some(op.id.clone()), message });
        }
        for (i, name) in members.iter().zip(finals) {
            out[*i].method = name;
        }
    }
    out
}

fn operation_name(
    so: &SpecOperation<'_>,
    endpoints: &BTreeSet<Vec<String>>,
    config: &Config,
    types: &mut schemas::Types<'_>,
) -> naming::OperationName {
    if let Some(value) = so.op.extensions.get("x-rust-method") {
        let text = value.as_str().unwrap_or_default();
        let parts: Vec<&str> = text.split('.').collect();
        let valid = |p: &&str| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if parts.len() >= 2 && parts.iter().all(valid) {
            let snake = |p: &str| naming::snake_ident(&split_words(p, &config.naming.words));
            let (method, service) = parts.split_last().expect("checked len");
            return naming::OperationName { service: service.iter().map(|p| snake(p)).collect(), method: snake(method) };
        }
        types.warnings.push(Warning {
            pointer: format!("{}/x-rust-method", so.pointer),
            operation: Some(so.id.clone()),
            message: format!("`x-rust-method` must look like `service.sub_service.method`, got {value}; ignored"),
        });
    }
    let mut name = naming::operation_name(&OperationNaming {
        operation_id: so.op.operation_id.as_deref(),
        http_method: so.method,
        path: so.path,
        endpoints,
        keep: &config.naming.words,
    });
    if name.service.is_empty() {
        // `/` or `/{id}`: no literal segment names a service.
        name.service.push("api".into());
    }
    name
}

/// Builds the services under `prefix` from the flat map of service path -> operations.
fn build_tree(by_service: &BTreeMap<Vec<String>, Vec<Operation>>, prefix: &[String], config: &Config) -> Vec<Service> {
    let children: BTreeSet<&String> = by_service
        .keys()
        .filter(|k| k.len() > prefix.len() && k.starts_with(prefix))
        .map(|k| &k[prefix.len()])
        .collect();
    let mut out = Vec::new();
    for child in children {
        let mut module = prefix.to_vec();
        module.push(child.clone());
        let mut operations = by_service.get(&module).cloned().unwrap_or_default();
        let sub = build_tree(by_service, &module, config);
        drop_colliding_pagination(&mut operations, &sub);
        let words: Vec<String> = module.iter().flat_map(|m| split_words(naming::unraw(m), &config.naming.words)).collect();
        out.push(Service {
            url_prefix: common_prefix(&operations, &sub, child),
            accessor: child.clone(),
            struct_name: pascal_ident(&words),
            feature: None,
            module,
            operations,
            children: sub,
        });
    }
    out
}

/// A page-walking method named like another method or a sub-service is not generated.
fn drop_colliding_pagination(operations: &mut [Operation], children: &[Service]) {
    let taken: BTreeSet<String> = operations
        .iter()
        .map(|o| naming::unraw(&o.method_name).to_owned())
        .chain(children.iter().map(|c| naming::unraw(&c.accessor).to_owned()))
        .collect();
    let mut added = BTreeSet::new();
    for op in operations.iter_mut() {
        let clash = op.pagination.as_ref().is_some_and(|p| taken.contains(&p.method_name) || !added.insert(p.method_name.clone()));
        if clash {
            op.pagination = None;
        }
    }
}

/// The path prefix shared by every operation of a service and its children, cut after the
/// segment that names the service when there is one.
fn common_prefix(ops: &[Operation], children: &[Service], accessor: &str) -> String {
    let mut paths: Vec<&str> = ops.iter().map(|o| o.path.as_str()).collect();
    paths.extend(children.iter().map(|c| c.url_prefix.as_str()));
    let Some(first) = paths.first() else { return String::new() };
    let mut common: Vec<&str> = first.split('/').collect();
    for p in &paths[1..] {
        let segs: Vec<&str> = p.split('/').collect();
        let n = common.iter().zip(&segs).take_while(|(a, b)| a == b).count();
        common.truncate(n);
    }
    let names_service = |s: &str| naming::snake_ident(&split_words(s, &[])) == accessor;
    if let Some(at) = common.iter().rposition(|s| names_service(s)) {
        common.truncate(at + 1);
    }
    while common.last().is_some_and(|s| s.starts_with('{')) {
        common.pop();
    }
    common.join("/")
}

/// The type `Error::Api` carries: the configured schema, else the schema most error responses
/// use (ties go to the first by name), else any JSON.
fn error_body(types: &schemas::Types<'_>, by_service: &BTreeMap<Vec<String>, Vec<Operation>>, config: &Config) -> Result<TypeRef> {
    if let Some(name) = &config.types.error_schema {
        let id = format!("#/components/schemas/{}", pointer_token(name));
        if !types.defs.contains_key(&id) {
            return Err(Error::semantic(&id, format!("configured error_schema `{name}` is not a component schema")));
        }
        return Ok(TypeRef::Named(id));
    }
    let mut counts: BTreeMap<&TypeRef, usize> = BTreeMap::new();
    for op in by_service.values().flatten() {
        for ty in op.errors.iter().filter_map(|e| e.ty.as_ref()) {
            *counts.entry(ty).or_default() += 1;
        }
    }
    let best = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
    Ok(best.map_or(TypeRef::Json, |(ty, _)| (*ty).clone()))
}
