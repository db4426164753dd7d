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
