//! A walk over every object of an OpenAPI 3.x document by its kind (schema, parameter...), as
//! [`grammar::slot`](super::grammar::slot) lays them out: what the version translations use to
//! find the schemas without mistaking a property called `type` for a keyword.

use serde_json::Value;

use super::grammar::{slot, Kind, Shape};
use crate::error::pointer_token;

/// Calls `visit` on each object of `document` with its kind, the key of its parent that holds it
/// (`properties` for a property, `additionalProperties`...; empty for the document) and its JSON
/// pointer (`#/paths/~1a/get`), parents before children; the children are found in the value as `visit` left it, so a visit
/// may rewrite an object into another shape (a list of types into a `oneOf`). Extensions
/// (`x-...`) are not entered, and a `$ref` is not followed.
pub fn each(document: &mut Value, visit: &mut dyn FnMut(Kind, &str, &mut Value, &str)) {
    walk(document, Kind::Document, "", "#", visit);
}

fn walk(value: &mut Value, kind: Kind, slot_key: &str, pointer: &str, visit: &mut dyn FnMut(Kind, &str, &mut Value, &str)) {
    if let Value::Array(items) = value {
        for (i, item) in items.iter_mut().enumerate() {
            walk(item, kind, slot_key, &format!("{pointer}/{i}"), visit);
        }
        return;
    }
    visit(kind, slot_key, value, pointer);
    let Value::Object(map) = value else { return };
    for (key, child) in map.iter_mut() {
        let Some((shape, child_kind)) = slot(kind, key) else { continue };
        let at = format!("{pointer}/{}", pointer_token(key));
        match (shape, child) {
            (Shape::Map, Value::Object(items)) => {
                for (name, item) in items.iter_mut().filter(|(name, _)| !name.starts_with("x-")) {
                    walk(item, child_kind, key, &format!("{at}/{}", pointer_token(name)), visit);
                }
            }
            (Shape::One, child) => walk(child, child_kind, key, &at, visit),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visits_schemas_by_position_not_by_name() {
        let mut doc = serde_json::json!({"paths": {"/a": {"get": {"parameters": [{"name": "type", "in": "query", "schema": {"type": "string"}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"properties": {"type": {"type": "integer"}}}}}}}}}},
            "components": {"schemas": {"A": {"items": [{"type": "string"}], "x-skip": {"type": "x"}}}}});
        let mut seen = Vec::new();
        each(&mut doc, &mut |kind, _, _, pointer| {
            if kind == Kind::Schema {
                seen.push(pointer.to_owned());
            }
        });
        assert_eq!(
            seen,
            [
                "#/paths/~1a/get/parameters/0/schema",
                "#/paths/~1a/get/responses/200/content/application~1json/schema",
                "#/paths/~1a/get/responses/200/content/application~1json/schema/properties/type",
                "#/components/schemas/A",
                "#/components/schemas/A/items/0",
            ]
        );
    }
}
