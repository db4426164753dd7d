//! `$ref` resolution: a reference may point anywhere in the same document
//! (`#/components/schemas/Disk/properties/filesystem`, `#/paths/~1pets/get/parameters/0`), with
//! `~0`/`~1` escapes and percent-encoding. External references are refused.

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};
use crate::load::Spec;

pub const COMPONENT_PREFIX: &str = "#/components/schemas/";

/// How many `$ref` hops are followed before a chain is called circular.
const MAX_HOPS: usize = 32;

/// The canonical local pointer of a reference: `#` plus the percent-decoded fragment.
pub fn local_pointer(reference: &str, at: &str) -> Result<String> {
    if !reference.starts_with('#') {
        return Err(Error::semantic(
            at,
            format!("external reference `{reference}` is not supported: bundle the spec into one file first"),
        ));
    }
    Ok(percent_decode(reference))
}

/// `Pet` for `#/components/schemas/Pet`; `None` for any other pointer.
pub fn component_schema_name(pointer: &str) -> Option<String> {
    let token = pointer.strip_prefix(COMPONENT_PREFIX)?;
    (!token.contains('/') && !token.is_empty()).then(|| unescape(token))
}

/// Undoes RFC 6901 escaping of one token.
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_percent_encoding() {
        assert_eq!(local_pointer("#/paths/~1pets%7Bid%7D/get", "#").unwrap(), "#/paths/~1pets{id}/get");
        assert_eq!(component_schema_name("#/components/schemas/A~1B"), Some("A/B".into()));
        assert_eq!(component_schema_name("#/components/schemas/Disk/properties/fs"), None);
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert!(local_pointer("other.yaml#/A", "#/x").is_err());
    }
}
