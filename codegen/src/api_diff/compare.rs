//! Two [`Surface`]s -> the list of [`Change`]s between them.
//!
//! Operations are matched by operationId, then by HTTP method and path; types by their id (the
//! schema's JSON pointer), then, for a schema renamed in the spec, by identical shape. Matching
//! by identity rather than by Rust name is what lets a naming change show up as a rename instead
//! of a removal plus an addition.

use std::collections::{BTreeMap, BTreeSet};

use crate::api_diff::change::Change;
use crate::api_diff::surface::{FieldApi, KindApi, OperationApi, Role, Surface, Ty, TypeApi};
use crate::ir::TypeRef;

pub fn changes(old: &Surface, new: &Surface) -> Vec<Change> {
    let ids = match_types(old, new);
    let mut cx = Cx { old, new, ids, out: Vec::new() };
    cx.operations();
    cx.types();
    cx.out
}

struct Cx<'a> {
    old: &'a Surface,
    new: &'a Surface,
    /// Old type id -> the new id of the same type.
    ids: BTreeMap<String, String>,
    out: Vec<Change>,
}

/// Same-id types, then each removed type whose shape matches exactly one added type (and the
/// reverse): a schema renamed in the spec.
fn match_types(old: &Surface, new: &Surface) -> BTreeMap<String, String> {
    let mut ids: BTreeMap<String, String> =
        old.types.keys().filter(|id| new.types.contains_key(*id)).map(|id| (id.clone(), id.clone())).collect();
    let gone: Vec<&String> = old.types.keys().filter(|id| !new.types.contains_key(*id)).collect();
    let born: Vec<&String> = new.types.keys().filter(|id| !old.types.contains_key(*id)).collect();
    for o in &gone {
        let same = |n: &&&String| shape_eq(&old.types[o.as_str()], &new.types[n.as_str()]);
        let candidates: Vec<&&String> = born.iter().filter(same).collect();
        if let [n] = candidates.as_slice() {
            let rivals = gone.iter().filter(|o2| shape_eq(&old.types[o2.as_str()], &new.types[n.as_str()])).count();
            if rivals == 1 {
                ids.insert((*o).clone(), (**n).clone());
            }
        }
    }
    ids
}

/// Whether two types have the same kind and members (field and variant names, value lists),
/// ignoring their names and the types of members.
fn shape_eq(a: &TypeApi, b: &TypeApi) -> bool {
    match (&a.kind, &b.kind) {
        (KindApi::Struct { fields: f, .. }, KindApi::Struct { fields: g, .. }) => {
            !f.is_empty() && f.iter().map(|(k, v)| (k, &v.rust_name)).eq(g.iter().map(|(k, v)| (k, &v.rust_name)))
        }
        (KindApi::StringEnum { values: v }, KindApi::StringEnum { values: w }) => !v.is_empty() && v == w,
        (KindApi::Union { variants: v }, KindApi::Union { variants: w }) => !v.is_empty() && v.keys().eq(w.keys()),
        _ => false,
    }
}

impl Cx<'_> {
    /// An old type reference, with ids of matched types replaced by their new ids.
    fn map(&self, ty: &TypeRef) -> TypeRef {
        match ty {
            TypeRef::Named(id) => TypeRef::Named(self.ids.get(id).cloned().unwrap_or_else(|| id.clone())),
            TypeRef::Array(t) => TypeRef::Array(Box::new(self.map(t))),
            TypeRef::Map(t) => TypeRef::Map(Box::new(self.map(t))),
            TypeRef::Nullable(t) => TypeRef::Nullable(Box::new(self.map(t))),
            other => other.clone(),
        }
    }

    fn map_ty(&self, ty: &Ty) -> Ty {
        match ty {
            Ty::Ref(r) => Ty::Ref(self.map(r)),
            fixed => fixed.clone(),
        }
    }

    fn operations(&mut self) {
        let by_id: BTreeMap<&str, &OperationApi> = self.new.operations.iter().map(|o| (o.id.as_str(), o)).collect();
        let by_endpoint: BTreeMap<&str, &OperationApi> = self.new.operations.iter().map(|o| (o.endpoint.as_str(), o)).collect();
        let mut matched = BTreeSet::new();
        for old in &self.old.operations {
            let found = by_id.get(old.id.as_str()).or_else(|| by_endpoint.get(old.endpoint.as_str())).filter(|n| !matched.contains(&n.id));
            match found {
                Some(new) => {
                    matched.insert(new.id.clone());
                    self.operation(old, new);
                }
                None => self.out.push(Change::OperationRemoved { method: old.method.clone(), endpoint: old.endpoint.clone() }),
            }
        }
        for new in self.new.operations.iter().filter(|n| !matched.contains(&n.id)) {
            self.out.push(Change::OperationAdded { method: new.method.clone(), endpoint: new.endpoint.clone() });
        }
    }

    fn operation(&mut self, old: &OperationApi, new: &OperationApi) {
        if old.method != new.method {
            self.out.push(Change::MethodRenamed { endpoint: new.endpoint.clone(), old: old.method.clone(), new: new.method.clone() });
        }
        match (&old.all_method, &new.all_method) {
            (None, Some(m)) => self.out.push(Change::PagesMethodAdded { method: m.clone() }),
            (Some(m), None) => self.out.push(Change::PagesMethodRemoved { method: m.clone() }),
            // A stream renamed with its method is part of that rename, reported once.
            (Some(a), Some(b)) if a != b && old.method == new.method => {
                self.out.push(Change::MethodRenamed { endpoint: new.endpoint.clone(), old: a.clone(), new: b.clone() });
            }
            _ => {}
        }
        let same_args = old.args.len() == new.args.len() && old.args.iter().zip(&new.args).all(|(a, b)| self.map_ty(&a.ty) == b.ty && a.by_ref == b.by_ref);
        if !same_args || self.map_ty(&old.returns) != new.returns {
            self.out.push(Change::SignatureChanged {
                method: new.method.clone(),
                old: self.old.signature(old),
                new: self.new.signature(new),
            });
        }
    }

    fn types(&mut self) {
        let (old_types, new_types) = (&self.old.types, &self.new.types);
        let reached: BTreeSet<String> = self.ids.values().cloned().collect();
        for (old_id, old) in old_types {
            match self.ids.get(old_id).map(|new_id| &new_types[new_id]) {
                Some(new) => self.type_pair(old, new),
                None => self.out.push(Change::TypeRemoved { path: old.path.clone() }),
            }
        }
        for (id, new) in new_types {
            if !reached.contains(id) {
                self.out.push(Change::TypeAdded { path: new.path.clone() });
            }
        }
    }

    fn type_pair(&mut self, old: &TypeApi, new: &TypeApi) {
        if old.path != new.path {
            self.out.push(Change::TypeRenamed { old: old.path.clone(), new: new.path.clone() });
        }
        let owner = new.path.clone();
        match (&old.kind, &new.kind) {
            (KindApi::Struct { role: r0, fields: f0 }, KindApi::Struct { role: r1, fields: f1 }) => {
                match (r0.is_input(), r1.is_input()) {
                    (false, true) => self.out.push(Change::ConstructorAdded { path: owner.clone() }),
                    (true, false) => self.out.push(Change::ConstructorRemoved { path: owner.clone() }),
                    _ => {}
                }
                self.fields(&owner, *r1, f0, f1);
            }
            (KindApi::StringEnum { values: v0 }, KindApi::StringEnum { values: v1 }) => {
                for (value, rust) in v0 {
                    match v1.get(value) {
                        None => self.out.push(Change::EnumValueRemoved { owner: owner.clone(), value: value.clone() }),
                        Some(r) if r != rust => self.out.push(Change::EnumValueRenamed {
                            owner: owner.clone(),
                            value: value.clone(),
                            old: rust.clone(),
                            new: r.clone(),
                        }),
                        Some(_) => {}
                    }
                }
                for value in v1.keys().filter(|v| !v0.contains_key(*v)) {
                    self.out.push(Change::EnumValueAdded { owner: owner.clone(), value: value.clone() });
                }
            }
            (KindApi::Union { variants: v0 }, KindApi::Union { variants: v1 }) => {
                let v0: BTreeMap<&String, Ty> = v0.iter().map(|(k, t)| (k, Ty::Ref(t.clone()))).collect();
                let v1: BTreeMap<&String, Ty> = v1.iter().map(|(k, t)| (k, Ty::Ref(t.clone()))).collect();
                self.variants(&owner, &v0, &v1, true);
            }
            (KindApi::StatusEnum { variants: v0 }, KindApi::StatusEnum { variants: v1 }) => {
                let unit = Ty::Fixed("()");
                let v0: BTreeMap<&String, Ty> = v0.iter().map(|(k, t)| (k, t.clone().unwrap_or(unit.clone()))).collect();
                let v1: BTreeMap<&String, Ty> = v1.iter().map(|(k, t)| (k, t.clone().unwrap_or(unit.clone()))).collect();
                self.variants(&owner, &v0, &v1, false);
            }
            (KindApi::Alias { ty: t0 }, KindApi::Alias { ty: t1 }) => {
                if self.map(t0) != *t1 {
                    self.out.push(Change::AliasChanged { path: owner, old: self.old.show_ref(t0), new: self.new.show_ref(t1) });
                }
            }
            (k0, k1) => self.out.push(Change::TypeKindChanged { path: owner, old: k0.name(), new: k1.name() }),
        }
    }

    fn fields(&mut self, owner: &str, role: Role, f0: &BTreeMap<String, FieldApi>, f1: &BTreeMap<String, FieldApi>) {
        let owner = owner.to_owned();
        for (wire, a) in f0 {
            let Some(b) = f1.get(wire) else {
                self.out.push(Change::FieldRemoved { owner: owner.clone(), field: a.rust_name.clone(), role });
                continue;
            };
            if a.rust_name != b.rust_name {
                self.out.push(Change::FieldRenamed { owner: owner.clone(), wire: wire.clone(), old: a.rust_name.clone(), new: b.rust_name.clone() });
            }
            if self.map(&a.ty) != b.ty || a.boxed != b.boxed {
                self.out.push(Change::FieldTypeChanged {
                    owner: owner.clone(),
                    field: b.rust_name.clone(),
                    role,
                    old: self.old.show_ref(&a.ty),
                    new: self.new.show_ref(&b.ty),
                });
            }
            if a.required != b.required || a.optional != b.optional {
                self.out.push(Change::FieldRequirednessChanged {
                    owner: owner.clone(),
                    field: b.rust_name.clone(),
                    role,
                    now_required: b.required,
                    rust_changed: a.optional != b.optional || a.in_new != b.in_new,
                });
            }
        }
        for b in f1.iter().filter(|(w, _)| !f0.contains_key(*w)).map(|(_, b)| b) {
            self.out.push(Change::FieldAdded {
                owner: owner.clone(),
                field: b.rust_name.clone(),
                role,
                ty: self.new.show_ref(&b.ty),
                required: !b.optional,
                in_new: b.in_new,
            });
        }
    }

    /// Variants by name; a removed variant whose payload type is that of exactly one added
    /// variant was renamed.
    fn variants(&mut self, owner: &str, v0: &BTreeMap<&String, Ty>, v1: &BTreeMap<&String, Ty>, exhaustive: bool) {
        let added: Vec<(&String, &Ty)> = v1.iter().filter(|(n, _)| !v0.contains_key(*n)).map(|(n, t)| (*n, t)).collect();
        let mut renamed = BTreeSet::new();
        for (name, t0) in v0 {
            let t0_new = self.map_ty(t0);
            match v1.get(name) {
                Some(t1) if t0_new != *t1 => self.out.push(Change::VariantChanged {
                    owner: owner.to_owned(),
                    variant: (*name).clone(),
                    old: self.old.show(t0),
                    new: self.new.show(t1),
                }),
                Some(_) => {}
                None => match added.iter().filter(|(_, t)| **t == t0_new).collect::<Vec<_>>().as_slice() {
                    [(to, _)] if renamed.insert((*to).clone()) => {
                        self.out.push(Change::VariantRenamed { owner: owner.to_owned(), old: (*name).clone(), new: (*to).clone() });
                    }
                    _ => self.out.push(Change::VariantRemoved { owner: owner.to_owned(), variant: (*name).clone() }),
                },
            }
        }
        for (name, _) in added.into_iter().filter(|(n, _)| !renamed.contains(*n)) {
            self.out.push(Change::VariantAdded { owner: owner.to_owned(), variant: name.clone(), exhaustive });
        }
    }
}
