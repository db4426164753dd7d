//! `$ref` resolution: a reference may point anywhere in the document
//! (`#/components/schemas/Disk/properties/filesystem`, `#/paths/~1pets/get/parameters/0`), with
//! `~0`/`~1` escapes and percent-encoding. References to other files were bundled by the loader;
//! remote URLs are refused. The `Types`
//! methods here follow schema references: `resolve` to the schema itself, `convert_ref` to a
//! type (a component is a named type; any other target is converted once, under its pointer).

use std::borrow::Cow;

use openapiv3::{ReferenceOr, Schema};
use serde::de::DeserializeOwned;

use crate::error::{pointer_token, Error, Result};
use crate::ir::TypeRef;
use crate::load::reference::{self, percent_decode, unescape, Target};
use crate::load::Spec;
use crate::lower::schemas::{unknown_ref, Types};
use crate::naming::{split_words, words_after_version};

pub const COMPONENT_PREFIX: &str = "#/components/schemas/";

/// How many `$ref` hops are followed before a chain is called circular.
const MAX_HOPS: usize = 32;

/// The canonical local pointer of a reference: `#` plus the percent-decoded fragment.
pub fn local_pointer(reference: &str, at: &str) -> Result<String> {
    if !reference.starts_with('#') {
        let message = match reference::parse(reference) {
            Target::Remote => format!("remote reference `{reference}` is not fetched"),
            _ => format!("reference `{reference}` to another file is not followed here"),
        };
        return Err(Error::semantic(at, message));
    }
    Ok(percent_decode(reference))
}

/// `Pet` for `#/components/schemas/Pet`; `None` for any other pointer.
pub fn component_schema_name(pointer: &str) -> Option<String> {
    let token = pointer.strip_prefix(COMPONENT_PREFIX)?;
    (!token.contains('/') && !token.is_empty()).then(|| unescape(token))
}

/// The value a reference points at, following `$ref` chains; returns the final pointer too.
pub fn raw_target<'s>(spec: &'s Spec, reference: &str, at: &str) -> Result<(String, &'s serde_json::Value)> {
    let mut pointer = local_pointer(reference, at)?;
    for _ in 0..MAX_HOPS {
        let Some(value) = spec.raw_at(&pointer) else {
            return Err(Error::semantic(at, format!("unknown $ref `{reference}`: nothing at `{pointer}` in this document")));
        };
        match value.get("$ref").and_then(|r| r.as_str()) {
            Some(next) => pointer = local_pointer(next, at)?,
            None => return Ok((pointer, value)),
        }
    }
    Err(Error::semantic(at, format!("$ref `{reference}` is circular")))
}

/// The object a reference points at, read as a `T` (a parameter, a response...).
pub fn deref<T: DeserializeOwned>(spec: &Spec, reference: &str, at: &str, what: &str) -> Result<(String, T)> {
    let (pointer, value) = raw_target(spec, reference, at)?;
    let parsed = serde_json::from_value(value.clone())
        .map_err(|e| Error::semantic(at, format!("$ref `{reference}` does not point at a {what}: {e}")))?;
    Ok((pointer, parsed))
}

impl<'a> Types<'a> {
    /// Follows a `$ref` (to a component or any pointer in the document), or returns the inline
    /// schema.
    pub fn resolve<'s>(&self, schema: &'s ReferenceOr<Schema>, pointer: &str) -> Result<Cow<'s, Schema>>
    where
        'a: 's,
    {
        match schema {
            ReferenceOr::Item(s) => Ok(Cow::Borrowed(s)),
            ReferenceOr::Reference { reference } => self.resolve_ref(reference, pointer, 0),
        }
    }

    fn resolve_ref(&self, reference: &str, pointer: &str, hops: usize) -> Result<Cow<'a, Schema>> {
        if hops > 32 {
            return Err(Error::semantic(pointer, format!("$ref `{reference}` is circular")));
        }
        let target = local_pointer(reference, pointer)?;
        let found: ReferenceOr<Cow<'a, Schema>> = match component_schema_name(&target) {
            Some(name) => match self.spec.doc.components.as_ref().and_then(|c| c.schemas.get(&name)) {
                Some(ReferenceOr::Item(s)) => ReferenceOr::Item(Cow::Borrowed(s)),
                Some(ReferenceOr::Reference { reference }) => ReferenceOr::Reference { reference: reference.clone() },
                None => return Err(unknown_ref(reference, pointer)),
            },
            None => match self.raw_schema(&target, reference, pointer)? {
                ReferenceOr::Item(s) => ReferenceOr::Item(Cow::Owned(s)),
                ReferenceOr::Reference { reference } => ReferenceOr::Reference { reference },
            },
        };
        match found {
            ReferenceOr::Item(s) => Ok(s),
            ReferenceOr::Reference { reference: next } => self.resolve_ref(&next, pointer, hops + 1),
        }
    }

    /// The schema at a non-component pointer, read from the raw document.
    fn raw_schema(&self, target: &str, reference: &str, pointer: &str) -> Result<ReferenceOr<Schema>> {
        let Some(value) = self.spec.raw_at(target) else {
            return Err(Error::semantic(pointer, format!("unknown $ref `{reference}`: nothing at `{target}` in this document")));
        };
        serde_json::from_value(value.clone())
            .map_err(|e| Error::semantic(pointer, format!("$ref `{reference}` does not point at a schema: {e}")))
    }

    pub(super) fn convert_ref(&mut self, reference: &str, pointer: &str, hint: &[String]) -> TypeRef {
        let target = match local_pointer(reference, pointer) {
            Ok(t) => t,
            Err(e) => return self.fallback(&e),
        };
        if let Some(name) = component_schema_name(&target) {
            let exists = self.spec.doc.components.as_ref().is_some_and(|c| c.schemas.contains_key(&name));
            if !exists {
                return self.fallback(&unknown_ref(reference, pointer));
            }
            return TypeRef::Named(format!("{COMPONENT_PREFIX}{}", pointer_token(&name)));
        }
        // A pointer into another schema, a parameter, a response...: the schema there is
        // converted once, under its own pointer.
        if self.defs.contains_key(&target) {
            return TypeRef::Named(target);
        }
        if !self.in_progress.insert(target.clone()) {
            return self.fallback(&Error::semantic(pointer, format!("$ref `{reference}` is circular")));
        }
        let ty = match self.raw_schema(&target, reference, pointer) {
            Ok(ReferenceOr::Reference { reference: next }) => self.convert_ref(&next, pointer, hint),
            Ok(ReferenceOr::Item(s)) => {
                let words = pointer_words(&target, self.keep()).unwrap_or_else(|| hint.to_vec());
                self.convert_item(&s, &target, &words, false)
            }
            Err(e) => self.fallback(&e),
        };
        self.in_progress.remove(&target);
        ty
    }

}

/// Name words for a schema reached through a pointer inside a component schema, the same
/// words its component's own conversion gives it (`Disk/properties/filesystem` -> `disk`,
/// `filesystem`); `None` outside component schemas.
fn pointer_words(pointer: &str, keep: &[String]) -> Option<Vec<String>> {
    let rest = pointer.strip_prefix(COMPONENT_PREFIX)?;
    let mut tokens = rest.split('/').map(unescape);
    let mut words = words_after_version(&tokens.next()?, keep);
    let tokens: Vec<String> = tokens.collect();
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i].as_str() {
            "properties" if i + 1 < tokens.len() => {
                words.extend(split_words(&tokens[i + 1], keep));
                i += 1;
            }
            "items" => words.push("item".into()),
            "additionalProperties" => words.push("value".into()),
            "oneOf" | "anyOf" if i + 1 < tokens.len() => {
                words.push(format!("variant{}", tokens[i + 1]));
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_percent_encoding() {
        assert_eq!(local_pointer("#/paths/~1pets%7Bid%7D/get", "#").unwrap(), "#/paths/~1pets{id}/get");
        assert_eq!(component_schema_name("#/components/schemas/A~1B"), Some("A/B".into()));
        assert_eq!(component_schema_name("#/components/schemas/Disk/properties/fs"), None);
        assert!(local_pointer("other.yaml#/A", "#/x").is_err());
    }
}
