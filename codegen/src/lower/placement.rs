//! Where each named type lives and what it is called.
//!
//! A type used (directly or through other types) by exactly one service lives in that service's
//! module; anything else lives in the shared module. Its name is the schema name after the
//! version marker, minus leading words that repeat the module path. When two types of a module
//! would get the same name, both take their full schema name instead; if that still collides,
//! the later one (by id; `x-rust-type` overrides first) gets a numbered suffix (`Thing2`), and a
//! service struct named like a type of its module becomes `<Name>Service`, each with a warning.
//!
//! With per-service features, a shared type compiles when any service using it is on; the
//! error body, types no operation uses, and everything they hold always compile.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::error::{Result, Warning};
use crate::ir::{Service, TypeDef, TypeKind, TypeRef};
use crate::lower::schemas::Pending;
use crate::naming::{dedupe, pascal_ident, strip_module_words};

#[derive(Default)]
struct Usage {
    services: BTreeSet<Vec<String>>,
    input: bool,
    output: bool,
}

pub fn place(
    defs: BTreeMap<String, Pending>,
    services: &mut [Service],
    error_body: &TypeRef,
    shared: &str,
    service_features: &BTreeMap<String, String>,
    config: &Config,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<TypeDef>> {
    let mut usage: BTreeMap<String, Usage> = BTreeMap::new();
    // Types already walked for a (service, direction): everything below them is marked too, so
    // a densely linked spec (Stripe: 5,800 types) is walked once per service, not once per root.
    let mut walked: BTreeMap<(Vec<String>, bool), BTreeSet<String>> = BTreeMap::new();
    let mut walk = |roots: Vec<&TypeRef>, service: &[String], input: bool| {
        let seen = walked.entry((service.to_vec(), input)).or_default();
        for root in roots {
            mark(root, &defs, &mut usage, service, input, seen);
        }
    };
    for (service, op) in all_operations(&*services) {
        let inputs: Vec<&TypeRef> = op
            .params
            .iter()
            .map(|p| &p.ty)
            .chain(op.body.iter().map(|b| &b.ty))
            .chain(op.params_type.iter())
            .collect();
        walk(inputs, &service.module, true);
        let mut outputs: Vec<&TypeRef> = op.errors.iter().filter_map(|e| e.ty.as_ref()).collect();
        match &op.success {
            crate::ir::Success::Json { ty, .. } => outputs.push(ty),
            crate::ir::Success::ByStatus { variants, .. } => outputs.extend(variants.iter().filter_map(|v| match &v.success {
                crate::ir::Success::Json { ty, .. } => Some(ty),
                _ => None,
            })),
            _ => {}
        }
        walk(outputs, &service.module, false);
    }
    walk(vec![error_body], &[], false);
    let mut defs = defs;
    if config.types.unused_schemas {
        // A type no operation uses is the crate's own, like the error body: it, and what it
        // holds, are shared and always compiled.
        let unused: Vec<TypeRef> = defs.keys().filter(|id| !usage.contains_key(*id)).map(|id| TypeRef::Named(id.clone())).collect();
        for root in &unused {
            mark(root, &defs, &mut usage, &[], false, &mut BTreeSet::new());
        }
    } else {
        // Component schemas no operation reaches are left out (`[types] unused_schemas = true`
        // keeps them): in large specs they are many (GitHub's webhook payloads).
        defs.retain(|id, _| usage.contains_key(id));
    }

    // Module of each type.
    let module_of = |id: &str| -> Vec<String> {
        let is_error = matches!(error_body, TypeRef::Named(e) if e == id);
        match usage.get(id) {
            // The crate's own types (marked with the empty service path) are shared.
            Some(u) if u.services.len() == 1 && !is_error && !u.services.contains(&Vec::new()) => {
                u.services.iter().next().cloned().unwrap_or_default()
            }
            _ => vec![shared.to_owned()],
        }
    };
    let mut by_module: BTreeMap<Vec<String>, Vec<&Pending>> = BTreeMap::new();
    for p in defs.values() {
        by_module.entry(module_of(&p.id)).or_default().push(p);
    }

    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for (module, members) in &by_module {
        let reserved = service_structs_in(services, module);
        let named = name_module(module, members, &reserved, config, warnings);
        let taken: BTreeSet<String> = named.values().cloned().collect();
        rename_service_structs(services, module, &taken, &named, warnings);
        names.extend(named);
    }

    let boxed = recursive_fields(&defs);
    let mut out: Vec<TypeDef> = defs
        .into_values()
        .map(|p| {
            let u = usage.get(&p.id);
            let mut kind = p.kind;
            if let TypeKind::Struct { fields } = &mut kind {
                for f in fields.iter_mut() {
                    f.boxed = boxed.contains(&(p.id.clone(), f.name.clone()));
                }
            }
            let module = module_of(&p.id);
            let features = match u {
                Some(u) if module == [shared] && !u.services.iter().any(Vec::is_empty) => {
                    u.services.iter().filter_map(|s| s.first().and_then(|m| service_features.get(m)).cloned()).collect::<BTreeSet<_>>().into_iter().collect()
                }
                _ => Vec::new(),
            };
            TypeDef {
                module,
                features,
                name: names[&p.id].clone(),
                input: u.is_some_and(|u| u.input),
                output: u.is_some_and(|u| u.output),
                id: p.id,
                docs: p.docs,
                kind,
            }
        })
        .collect();
    out.sort_by(|a, b| (&a.module, &a.name).cmp(&(&b.module, &b.name)));
    Ok(out)
}

fn all_operations(services: &[Service]) -> Vec<(&Service, &crate::ir::Operation)> {
    let mut out = Vec::new();
    for s in services {
        out.extend(s.operations.iter().map(|o| (s, o)));
        out.extend(all_operations(&s.children));
    }
    out
}

fn service_structs_in(services: &[Service], module: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for s in services {
        if s.module == module {
            out.insert(s.struct_name.clone());
        }
        out.extend(service_structs_in(&s.children, module));
    }
    out
}

fn mark(
    ty: &TypeRef,
    defs: &BTreeMap<String, Pending>,
    usage: &mut BTreeMap<String, Usage>,
    service: &[String],
    input: bool,
    seen: &mut BTreeSet<String>,
) {
    let mut ids = Vec::new();
    named_in(ty, &mut ids);
    for id in ids {
        if seen.contains(&id) {
            continue;
        }
        let u = usage.entry(id.clone()).or_default();
        // The error body is marked with the empty service path, which counts as one more user:
        // it and everything it holds land in the shared module.
        if !u.services.contains(service) {
            u.services.insert(service.to_vec());
        }
        if input {
            u.input = true;
        } else {
            u.output = true;
        }
        seen.insert(id.clone());
        for child in children(defs.get(&id)) {
            mark(child, defs, usage, service, input, seen);
        }
    }
}

/// The type references one named type holds.
fn children(def: Option<&Pending>) -> Vec<&TypeRef> {
    match def.map(|d| &d.kind) {
        Some(TypeKind::Struct { fields }) => fields.iter().map(|f| &f.ty).collect(),
        Some(TypeKind::Union { variants, .. }) => variants.iter().map(|v| &v.ty).collect(),
        Some(TypeKind::Alias { ty }) => vec![ty],
        Some(TypeKind::Multipart { parts }) => parts.iter().map(|p| &p.field.ty).collect(),
        _ => Vec::new(),
    }
}

/// Named ids inside a reference, at any depth.
fn named_in(ty: &TypeRef, out: &mut Vec<String>) {
    match ty {
        TypeRef::Named(id) => out.push(id.clone()),
        TypeRef::Array(t) | TypeRef::Map(t) | TypeRef::Nullable(t) => named_in(t, out),
        _ => {}
    }
}

/// Named ids held inline (not behind a `Vec` or map, which already allocate).
fn inline_named(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(id) => Some(id),
        TypeRef::Nullable(t) => inline_named(t),
        _ => None,
    }
}

/// Struct fields that must be boxed because the field's type contains the struct inline.
fn recursive_fields(defs: &BTreeMap<String, Pending>) -> BTreeSet<(String, String)> {
    let edges = |id: &str| -> Vec<String> {
        children(defs.get(id)).into_iter().filter_map(|t| inline_named(t).map(str::to_owned)).collect()
    };
    let reaches = |from: &str, target: &str| -> bool {
        let mut stack = vec![from.to_owned()];
        let mut seen = BTreeSet::new();
        while let Some(id) = stack.pop() {
            if id == target {
                return true;
            }
            if seen.insert(id.clone()) {
                stack.extend(edges(&id));
            }
        }
        false
    };
    let mut out = BTreeSet::new();
    for (id, def) in defs {
        if let TypeKind::Struct { fields } = &def.kind {
            for f in fields {
                if inline_named(&f.ty).is_some_and(|to| reaches(to, id)) {
                    out.insert((id.clone(), f.name.clone()));
                }
            }
        }
    }
    out
}

fn name_module(
    module: &[String],
    members: &[&Pending],
    reserved: &BTreeSet<String>,
    config: &Config,
    warnings: &mut Vec<Warning>,
) -> BTreeMap<String, String> {
    let keep = &config.naming.words;
    let short = |p: &Pending| {
        p.fixed_name.clone().unwrap_or_else(|| pascal_ident(&strip_module_words(&p.words, module, keep)))
    };
    let mut wanted: BTreeMap<String, Vec<&Pending>> = BTreeMap::new();
    for p in members {
        wanted.entry(short(p)).or_default().push(p);
    }
    // First the documented fallback: names wanted twice, or taken by a service struct, become
    // the full schema names.
    let mut first: Vec<(&Pending, String)> = Vec::new();
    for (name, group) in wanted {
        let clash = group.len() > 1 || reserved.contains(&name);
        for p in group {
            let name = if clash && p.fixed_name.is_none() { pascal_ident(&p.fallback) } else { name.clone() };
            first.push((p, name));
        }
    }
    first.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    // Then what still collides gets a numbered suffix.
    let names: Vec<String> = first.iter().map(|(_, n)| n.clone()).collect();
    let preferred: Vec<bool> = first.iter().map(|(p, _)| p.fixed_name.is_some()).collect();
    let (finals, renames) = dedupe(&names, &preferred, &BTreeSet::new());
    for r in renames {
        let loser = first[r.loser].0;
        let winner = r.winner.map_or("", |w| first[w].0.id.as_str());
        warnings.push(Warning::new(
            &loser.id,
            format!(
                "type name `{}` in module `{}` is wanted by both `{winner}` and `{}`; the latter is `{}` (set `x-rust-type` to choose)",
                names[r.loser],
                module.join("::"),
                loser.id,
                finals[r.loser]
            ),
        ));
    }
    first.iter().zip(finals).map(|((p, _), name)| (p.id.clone(), name)).collect()
}

/// A service struct named like a type of its module becomes `<Name>Service` (then
/// `<Name>Service2`...): types keep the names users write.
fn rename_service_structs(
    services: &mut [Service],
    module: &[String],
    taken: &BTreeSet<String>,
    named: &BTreeMap<String, String>,
    warnings: &mut Vec<Warning>,
) {
    for s in services.iter_mut() {
        if s.module == module && taken.contains(&s.struct_name) {
            let type_id = named.iter().find(|(_, n)| **n == s.struct_name).map_or("", |(id, _)| id.as_str());
            let mut candidate = format!("{}Service", s.struct_name);
            let mut n = 2;
            while taken.contains(&candidate) {
                candidate = format!("{}Service{n}", s.struct_name);
                n += 1;
            }
            warnings.push(Warning::new(
                type_id,
                format!(
                    "type `{type_id}` and the service struct of `client.{}()` are both `{}`; the service struct is `{candidate}`",
                    s.module.join("()."),
                    s.struct_name
                ),
            ));
            s.struct_name = candidate;
        }
        rename_service_structs(&mut s.children, module, taken, named, warnings);
    }
}
