//! What keeps large specs fast and small: component schemas no operation reaches are left out
//! unless the configuration keeps them.

use std::path::Path;

use codegen::{lower::lower, Config, Spec};

const SPEC: &str = "openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      properties:
        part: {$ref: '#/components/schemas/Part'}
    Part: {type: object, properties: {name: {type: string}}}
    WebhookPayload: {type: object, properties: {action: {type: string}}}
";

fn type_names(config: &Config) -> Vec<String> {
    let spec = Spec::parse(Path::new("s.yaml"), SPEC).unwrap_or_else(|e| panic!("{e}"));
    let api = lower(&spec, config).unwrap_or_else(|e| panic!("{e}"));
    let mut names: Vec<String> = api.types.iter().map(|t| t.name.clone()).collect();
    names.sort();
    names
}

#[test]
fn unreached_component_schemas_are_left_out_by_default() {
    assert_eq!(type_names(&Config::named("t")), ["Part", "Thing"]);
}

#[test]
fn unused_schemas_keeps_them() {
    let mut config = Config::named("t");
    config.types.unused_schemas = true;
    assert_eq!(type_names(&config), ["Part", "Thing", "WebhookPayload"]);
}

/// A web of shared types, each holding the next one twice, 24 deep: an example with every field
/// set would hold 2^25 values. The wire tests' bodies stay bounded, and required fields are
/// still set all the way down.
#[test]
fn example_bodies_of_a_deep_web_of_shared_types_stay_small() {
    let mut spec = String::from(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /web:\n    get:\n      operationId: getWeb\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/T0'}\ncomponents:\n  schemas:\n",
    );
    for i in 0..24 {
        let next = i + 1;
        spec.push_str(&format!(
            "    T{i}:\n      type: object\n      required: [id]\n      properties:\n        id: {{type: string}}\n        left: {{$ref: '#/components/schemas/T{next}'}}\n        right: {{$ref: '#/components/schemas/T{next}'}}\n"
        ));
    }
    spec.push_str("    T24: {type: object, required: [leaf], properties: {leaf: {type: string}}}\n");
    let spec = Spec::parse(Path::new("s.yaml"), &spec).unwrap_or_else(|e| panic!("{e}"));
    let config = Config::named("t");
    let api = lower(&spec, &config).unwrap_or_else(|e| panic!("{e}"));
    let files = codegen::emit::emit(&api, &config).unwrap_or_else(|e| panic!("{e}"));
    let wire = &files["tests/wire.rs"];
    assert!(wire.len() < 20_000, "tests/wire.rs is {} bytes", wire.len());
    assert!(wire.contains(r#"\"left\":{\"id\":\"example-id\""#), "the first levels show optional fields:\n{wire}");
}
