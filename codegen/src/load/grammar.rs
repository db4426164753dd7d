//! Which keys of which OpenAPI object hold which objects: what the bundler follows, and how a
//! part taken from another file is checked on its own when the bundled document does not parse.

use std::panic::{catch_unwind, AssertUnwindSafe};

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::sources::Origins;
use crate::error::Error;

/// The kinds of object a reference can stand for, and the containers that hold them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Document,
    Components,
    PathItem,
    Operation,
    Parameter,
    Header,
    RequestBody,
    Response,
    MediaType,
    Encoding,
    Schema,
    SecurityScheme,
}

/// How a key holds its children: one object (or, for `items`, a list), a list, or a mapping.
#[derive(Clone, Copy)]
pub enum Shape {
    One,
    Map,
}

/// The kind of the children under `key` of an object of `kind`; `None` for keys not followed.
pub fn slot(kind: Kind, key: &str) -> Option<(Shape, Kind)> {
    use Kind::*;
    use Shape::{Map as M, One};
    let slot = match (kind, key) {
        (Document, "paths" | "webhooks") => (M, PathItem),
        (Document, "components") => (One, Components),
        // Swagger 2.0's top-level sections.
        (Document, "definitions") => (M, Schema),
        (Document, "parameters") => (M, Parameter),
        (Document, "responses") => (M, Response),
        (Document, "securityDefinitions") => (M, SecurityScheme),
        (Components, "schemas") => (M, Schema),
        (Components, "parameters") => (M, Parameter),
        (Components, "responses") => (M, Response),
        (Components, "requestBodies") => (M, RequestBody),
        (Components, "headers") => (M, Header),
        (Components, "securitySchemes") => (M, SecurityScheme),
        (Components, "pathItems") => (M, PathItem),
        (PathItem, "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" | "query") => (One, Operation),
        (PathItem, "additionalOperations") => (M, Operation),
        (PathItem | Operation, "parameters") => (One, Parameter),
        (Operation, "requestBody") => (One, RequestBody),
        (Operation, "responses") => (M, Response),
        (Parameter | Header | Response, "schema") => (One, Schema),
        (Parameter | Header | RequestBody | Response, "content") => (M, MediaType),
        (Response | Encoding, "headers") => (M, Header),
        (MediaType, "schema" | "itemSchema") => (One, Schema),
        (MediaType, "encoding") => (M, Encoding),
        (Schema, "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas") => (M, Schema),
        (
            Schema,
            "items" | "allOf" | "oneOf" | "anyOf" | "prefixItems" | "not" | "additionalProperties" | "if" | "then" | "else"
            | "contains" | "propertyNames" | "additionalItems" | "unevaluatedItems" | "unevaluatedProperties" | "contentSchema",
        ) => (One, Schema),
        _ => return None,
    };
    Some(slot)
}

/// Where each kind is hoisted in the root document; a kind not listed is copied in place.
pub type Sections = &'static [(Kind, &'static str)];
pub const OPENAPI_SECTIONS: Sections = &[
    (Kind::Schema, "components/schemas"),
    (Kind::Parameter, "components/parameters"),
    (Kind::Response, "components/responses"),
    (Kind::RequestBody, "components/requestBodies"),
    (Kind::Header, "components/headers"),
    (Kind::SecurityScheme, "components/securitySchemes"),
];
pub const SWAGGER_SECTIONS: Sections = &[
    (Kind::Schema, "definitions"),
    (Kind::Parameter, "parameters"),
    (Kind::Response, "responses"),
    (Kind::SecurityScheme, "securityDefinitions"),
];

/// The kind of the items of a `components` section of another file.
pub fn component_kind(section: &str) -> Option<Kind> {
    Some(match section {
        "schemas" => Kind::Schema,
        "parameters" => Kind::Parameter,
        "responses" => Kind::Response,
        "requestBodies" => Kind::RequestBody,
        "headers" => Kind::Header,
        "securitySchemes" => Kind::SecurityScheme,
        "pathItems" => Kind::PathItem,
        _ => return None,
    })
}

impl Kind {
    fn what(self) -> &'static str {
        match self {
            Kind::Document => "document",
            Kind::Components => "components object",
            Kind::PathItem => "path item",
            Kind::Operation => "operation",
            Kind::Parameter => "parameter",
            Kind::Header => "header",
            Kind::RequestBody => "request body",
            Kind::Response => "response",
            Kind::MediaType => "media type",
            Kind::Encoding => "encoding",
            Kind::Schema => "schema",
            Kind::SecurityScheme => "security scheme",
        }
    }

    /// Why `value` is not an OpenAPI 3.0 object of this kind, if it is not.
    pub(super) fn check(self, value: &Value) -> Option<String> {
        use openapiv3::{Components, Encoding, Header, MediaType, Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema, SecurityScheme};
        fn fails<T: DeserializeOwned>(value: &Value) -> Option<String> {
            // `openapiv3` can panic on what it rejects (see `Spec::parse_with`).
            match catch_unwind(AssertUnwindSafe(|| serde_json::from_value::<T>(value.clone()))) {
                Ok(Ok(_)) => None,
                Ok(Err(e)) => Some(e.to_string()),
                Err(_) => Some("it does not have the expected shape".to_owned()),
            }
        }
        match self {
            Kind::Document => None,
            Kind::Components => fails::<Components>(value),
            Kind::PathItem => fails::<ReferenceOr<PathItem>>(value),
            Kind::Operation => fails::<Operation>(value),
            Kind::Parameter => fails::<ReferenceOr<Parameter>>(value),
            Kind::Header => fails::<ReferenceOr<Header>>(value),
            Kind::RequestBody => fails::<ReferenceOr<RequestBody>>(value),
            Kind::Response => fails::<ReferenceOr<Response>>(value),
            Kind::MediaType => fails::<MediaType>(value),
            Kind::Encoding => fails::<Encoding>(value),
            Kind::Schema => fails::<ReferenceOr<Schema>>(value),
            Kind::SecurityScheme => fails::<ReferenceOr<SecurityScheme>>(value),
        }
    }
}

/// The kind of the object at `pointer` (`/paths/~1a/get/parameters/0`) in `document`.
fn kind_at(document: &Value, pointer: &str) -> Option<Kind> {
    let mut kind = Kind::Document;
    let mut at = document;
    let mut tokens = pointer.split('/').skip(1).map(super::reference::unescape);
    while let Some(key) = tokens.next() {
        let (shape, child) = slot(kind, &key)?;
        at = at.get(&key)?;
        match shape {
            Shape::Map => at = at.get(tokens.next()?)?,
            Shape::One if at.is_array() => at = at.get(tokens.next()?.parse::<usize>().ok()?)?,
            Shape::One => {}
        }
        kind = child;
    }
    Some(kind)
}

/// When the bundled document does not parse: the most specific part taken from another file
/// that does not parse on its own, as an error naming its file and pointer.
pub fn shape_error(document: &Value, origins: &Origins) -> Option<Error> {
    let mut parts: Vec<(&str, &str)> = origins.iter().collect();
    parts.sort_by_key(|(bundled, _)| std::cmp::Reverse(bundled.len()));
    parts.into_iter().find_map(|(bundled, origin)| {
        let pointer = bundled.strip_prefix('#').unwrap_or(bundled);
        let kind = kind_at(document, pointer)?;
        let why = kind.check(document.pointer(pointer)?)?;
        Some(Error::semantic(origin, format!("not a valid {}: {why}", kind.what())))
    })
}

/// When a translated document (Swagger 2.0, OpenAPI 3.1/3.2) does not parse, so that its text
/// cannot locate the error: the deepest object that does not parse on its own, as an error
/// naming its pointer (located in the file and place it was written).
pub fn first_invalid(document: &Value, origins: &Origins) -> Option<Error> {
    let mut parts = Vec::new();
    super::walk::each(&mut document.clone(), &mut |kind, _, _, pointer| parts.push((kind, pointer.to_owned())));
    parts.sort_by_key(|(_, pointer)| std::cmp::Reverse(pointer.matches('/').count()));
    parts.into_iter().find_map(|(kind, pointer)| {
        let why = kind.check(document.pointer(&pointer[1..])?)?;
        Some(Error::semantic(origins.locate(&pointer), format!("not a valid {}: {why}", kind.what())))
    })
}
