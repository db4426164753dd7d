//! Header parameters marked `x-request-option`: set per call through a typed setter on
//! `RequestOptions` (`.with(RequestOptions::new().member_session_jwt(jwt))`) instead of a field
//! of the operation's parameter struct, so that the operations declaring them keep their
//! signature and the callers who do not need them write nothing.
//!
//! `x-request-option: member_session_jwt` names the setter; `x-request-option: true` derives it
//! from the header name, without a leading `X-` (`X-Trace-Id` -> `trace_id`).

use std::collections::BTreeMap;

use openapiv3::ParameterData;

use crate::error::Warning;
use crate::ir::{Docs, ParamLocation, RequestOption, Service};
use crate::lower::schemas::Types;
use crate::naming::{snake_ident, split_words, unraw};

const EXTENSION: &str = "x-request-option";

/// `RequestOptions`' own methods, which a setter cannot be called.
const RESERVED: &[&str] = &["new", "default", "clone", "fmt", "timeout", "total_timeout", "max_retries", "idempotent", "header", "idempotency_key"];

/// The per-call option a parameter asks for, or `None` when it stays an ordinary parameter
/// (no `x-request-option`, or one that cannot apply: a warning says why).
pub fn request_option(types: &mut Types<'_>, pointer: &str, data: &ParameterData, location: ParamLocation) -> Option<RequestOption> {
    let value = data.extensions.get(EXTENSION)?;
    let at = format!("{pointer}/{EXTENSION}");
    let wanted = match value {
        serde_json::Value::Bool(false) => return None,
        serde_json::Value::Bool(true) => {
            let mut words = split_words(&data.name, &types.config.naming.words);
            if words.len() > 1 && words[0] == "x" {
                words.remove(0);
            }
            words
        }
        serde_json::Value::String(name) if !name.is_empty() => split_words(name, &types.config.naming.words),
        other => {
            types.warn(&at, format!("`{EXTENSION}` must be `true` or a setter name, got {other}; `{}` stays a parameter", data.name));
            return None;
        }
    };
    if location != ParamLocation::Header {
        types.warn(&at, format!("`{EXTENSION}` applies to header parameters only; `{}` stays a parameter", data.name));
        return None;
    }
    if data.required {
        types.warn(&at, format!("a required header cannot be a per-call option; `{}` stays a parameter", data.name));
        return None;
    }
    let mut setter = snake_ident(&wanted);
    if RESERVED.contains(&unraw(&setter)) {
        let renamed = format!("{}_header", unraw(&setter));
        types.warn(&at, format!("`RequestOptions::{setter}` already exists; the setter of `{}` is `{renamed}`", data.name));
        setter = renamed;
    }
    let docs = data.description.as_deref().map(Docs::from_text).unwrap_or_default();
    Some(RequestOption { header: data.name.clone(), setter, docs })
}

/// Gives each header one setter across the API (the first operation's, by emission order) and
/// each setter one header (a later header wanting a taken name gets `<name>_2`...), with a
/// warning per change; returns every option once, sorted by setter.
pub fn collect(services: &mut [Service], warnings: &mut Vec<Warning>) -> Vec<RequestOption> {
    let mut by_header: BTreeMap<String, RequestOption> = BTreeMap::new();
    let mut headers_of: BTreeMap<String, String> = BTreeMap::new();
    fn walk(s: &mut Service, f: &mut dyn FnMut(&str, &mut RequestOption)) {
        for op in &mut s.operations {
            for option in &mut op.request_options {
                f(&op.id, option);
            }
        }
        for c in &mut s.children {
            walk(c, f);
        }
    }
    let mut assign = |op: &str, option: &mut RequestOption| {
        let key = option.header.to_ascii_lowercase();
        if let Some(known) = by_header.get(&key) {
            if known.setter != option.setter {
                let message = format!("header `{}` already has the setter `{}`; `{}` is not used", option.header, known.setter, option.setter);
                warnings.push(Warning { pointer: "#/paths".into(), operation: Some(op.to_owned()), message });
                option.setter = known.setter.clone();
            }
            return;
        }
        let base = option.setter.clone();
        let mut n = 1;
        while headers_of.contains_key(&option.setter) {
            n += 1;
            option.setter = format!("{}_{n}", unraw(&base));
        }
        if n > 1 {
            let message = format!("setter `{base}` is taken by header `{}`; `{}` uses `{}`", headers_of[&base], option.header, option.setter);
            warnings.push(Warning { pointer: "#/paths".into(), operation: Some(op.to_owned()), message });
        }
        headers_of.insert(option.setter.clone(), option.header.clone());
        by_header.insert(key, option.clone());
    };
    for s in services.iter_mut() {
        walk(s, &mut assign);
    }
    let mut all: Vec<RequestOption> = by_header.into_values().collect();
    all.sort_by(|a, b| a.setter.cmp(&b.setter));
    all
}
