//! Spec -> IR. `schemas` maps types, `operations` maps operations, `placement` decides which
//! module each type lives in and what it is called; this file ties them together and builds
//! the service tree.

mod operations;
mod pagination;
mod placement;
mod schemas;

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::error::{pointer_token, Error, Result};
use crate::ir::{Api, Docs, Operation, Service, TypeRef};
use crate::load::Spec;
use crate::naming::{self, pascal_ident, split_words, OperationNaming};
use operations::SpecOperation;

/// Lowers a loaded spec into the IR.
pub fn lower(spec: &Spec, config: &Config) -> Result<Api> {
    let mut types = schemas::Types::new(spec, config)?;
    let spec_ops = collect_operations(spec)?;
    let endpoints: BTreeSet<Vec<String>> = spec_ops
        .iter()
        .filter_map(|o| naming::method_endpoint(o.op.operation_id.as_deref(), o.method, o.path, &config.naming.words))
        .collect();

    let mut by_service: BTreeMap<Vec<String>, Vec<Operation>> = BTreeMap::new();
    let mut taken: BTreeMap<(Vec<String>, String), String> = BTreeMap::new();
    for so in &spec_ops {
        let name = operation_name(so, &endpoints, config)?;
        if let Some(other) = taken.insert((name.service.clone(), name.method.clone()), so.id.clone()) {
            let mut full = name.service.clone();
            full.push(name.method.clone());
            return Err(Error::Semantic {
                pointer: so.pointer.clone(),
                operation: Some(so.id.clone()),
                message: format!(
                    "method name `{}` is already used by operation `{other}`; set `x-rust-method` on one of them",
                    full.join(".")
                ),
            });
        }
        let op = operations::lower_operation(&mut types, so, name.method).map_err(|e| e.in_operation(&so.id))?;
        by_service.entry(name.service).or_default().push(op);
    }

    let services = build_tree(&by_service, &[], config)?;
    let error_body = error_body(&types, &by_service, config)?;
    let shared_module = if services.iter().any(|s| s.accessor == "types") { "shared_types" } else { "types" };
    let placed = placement::place(types.defs, &services, &error_body, shared_module, config)?;

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
    })
}

fn collect_operations(spec: &Spec) -> Result<Vec<SpecOperation<'_>>> {
    let mut out = Vec::new();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for (path, item) in &spec.doc.paths.paths {
        let item_pointer = format!("#/paths/{}", pointer_token(path));
        let openapiv3::ReferenceOr::Item(item) = item else {
            return Err(Error::semantic(&item_pointer, "path items given by $ref are not supported"));
        };
        for (method, op) in item.iter() {
            let pointer = format!("{item_pointer}/{method}");
            let id = op.operation_id.clone().unwrap_or_else(|| format!("{} {path}", method.to_uppercase()));
            if let Some(first) = ids.insert(id.clone(), pointer.clone()) {
                return Err(Error::Semantic {
                    pointer,
                    operation: Some(id),
                    message: format!("duplicate operationId: also used at {first}"),
                });
            }
            out.push(SpecOperation { path, method, op, item, pointer, id });
        }
    }
    Ok(out)
}

fn operation_name(so: &SpecOperation<'_>, endpoints: &BTreeSet<Vec<String>>, config: &Config) -> Result<naming::OperationName> {
    if let Some(value) = so.op.extensions.get("x-rust-method") {
        let text = value.as_str().unwrap_or_default();
        let parts: Vec<&str> = text.split('.').collect();
        let valid = |p: &&str| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if parts.len() < 2 || !parts.iter().all(valid) {
            return Err(Error::Semantic {
                pointer: format!("{}/x-rust-method", so.pointer),
                operation: Some(so.id.clone()),
                message: format!("`x-rust-method` must look like `service.sub_service.method`, got {value}"),
            });
        }
        let snake = |p: &str| naming::snake_ident(&split_words(p, &config.naming.words));
        let (method, service) = parts.split_last().expect("checked len");
        return Ok(naming::OperationName { service: service.iter().map(|p| snake(p)).collect(), method: snake(method) });
    }
    Ok(naming::operation_name(&OperationNaming {
        operation_id: so.op.operation_id.as_deref(),
        http_method: so.method,
        path: so.path,
        endpoints,
        keep: &config.naming.words,
    }))
}

/// Builds the services under `prefix` from the flat map of service path -> operations.
fn build_tree(by_service: &BTreeMap<Vec<String>, Vec<Operation>>, prefix: &[String], config: &Config) -> Result<Vec<Service>> {
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
        let sub = build_tree(by_service, &module, config)?;
        drop_colliding_pagination(&mut operations, &sub);
        if let Some(op) = operations.iter().find(|o| sub.iter().any(|s| s.accessor == o.method_name)) {
            return Err(Error::Semantic {
                pointer: format!("#/paths/{}", pointer_token(&op.path)),
                operation: Some(op.id.clone()),
                message: format!(
                    "method `{}` collides with the sub-service `{}.{}`; set `x-rust-method` on the operation",
                    op.method_name,
                    module.join("."),
                    op.method_name
                ),
            });
        }
        let words: Vec<String> = module.iter().flat_map(|m| split_words(naming::unraw(m), &config.naming.words)).collect();
        out.push(Service {
            url_prefix: common_prefix(&operations, &sub, child),
            accessor: child.clone(),
            struct_name: pascal_ident(&words),
            module,
            operations,
            children: sub,
        });
    }
    Ok(out)
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
