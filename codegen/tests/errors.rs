//! Broken specs fail with an error that says where and why, never a panic.

use std::path::Path;

use codegen::{lower::lower, Config, Spec};

fn error_of(file: &str, text: &str) -> String {
    match Spec::parse(Path::new(file), text) {
        Err(e) => e.to_string(),
        Ok(spec) => match lower(&spec, &Config::named("t")) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("expected an error for {file}"),
        },
    }
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n";

#[test]
fn yaml_syntax_error_names_file_line_and_column() {
    let e = error_of("broken.yaml", "openapi: 3.0.3\ninfo: {title: T\npaths: {}\n");
    assert!(e.starts_with("broken.yaml:3:"), "{e}");
}

#[test]
fn json_syntax_error_names_file_line_and_column() {
    let e = error_of("broken.json", "{\n  \"openapi\": \"3.0.3\",\n  \"info\": }\n");
    assert!(e.starts_with("broken.json:3:11"), "{e}");
}

#[test]
fn wrong_shape_names_the_line() {
    let e = error_of("shape.yaml", &format!("{HEAD}paths:\n  /x:\n    get:\n      responses: 12\n"));
    assert!(e.starts_with("shape.yaml:"), "{e}");
}

#[test]
fn openapi_31_and_non_openapi_documents_are_refused() {
    assert!(error_of("a.yaml", "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\n").contains("unsupported OpenAPI version `3.1.0`"));
    assert!(error_of("b.yaml", "swagger: '2.0'\n").contains("not an OpenAPI document"));
}

#[test]
fn unknown_ref_names_pointer_and_operation() {
    let spec = format!(
        "{HEAD}paths:\n  /v1/things:\n    post:\n      operationId: api_thing_v1_Create\n      requestBody:\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Nope'}}\n      responses: {{'200': {{description: ok}}}}\n"
    );
    let e = error_of("s.yaml", &spec);
    assert_eq!(
        e,
        "at #/paths/~1v1~1things/post/requestBody/content/application~1json/schema (operation `api_thing_v1_Create`): unknown $ref `#/components/schemas/Nope`: no such schema in components"
    );
}

#[test]
fn duplicate_operation_ids_name_both_places() {
    let spec = format!("{HEAD}paths:\n  /a:\n    get: {{operationId: same, responses: {{'200': {{description: ok}}}}}}\n  /b:\n    get: {{operationId: same, responses: {{'200': {{description: ok}}}}}}\n");
    let e = error_of("s.yaml", &spec);
    assert!(e.contains("#/paths/~1b/get") && e.contains("`same`") && e.contains("also used at #/paths/~1a/get"), "{e}");
}

#[test]
fn method_name_collisions_name_both_operations() {
    let spec = format!(
        "{HEAD}paths:\n  /v1/users/search:\n    post: {{operationId: api_user_v1_Search, responses: {{'200': {{description: ok}}}}}}\n  /v1/users/find:\n    post: {{operationId: api_user_v1_Find, x-rust-method: users.search, responses: {{'200': {{description: ok}}}}}}\n"
    );
    let e = error_of("s.yaml", &spec);
    assert!(e.contains("`users.search`") && e.contains("api_user_v1_Search") && e.contains("api_user_v1_Find"), "{e}");
}

#[test]
fn method_colliding_with_a_sub_service_is_an_error() {
    let spec = format!(
        "{HEAD}paths:\n  /v1/users/{{id}}/apps:\n    get:\n      operationId: api_user_v1_Apps\n      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]\n      responses: {{'200': {{description: ok}}}}\n  /v1/users/apps/{{app}}/revoke:\n    post:\n      operationId: api_user_v1_Revoke\n      parameters: [{{name: app, in: path, required: true, schema: {{type: string}}}}]\n      responses: {{'200': {{description: ok}}}}\n"
    );
    let e = error_of("s.yaml", &spec);
    assert!(e.contains("collides with the sub-service `users.apps`"), "{e}");
}

#[test]
fn type_name_collisions_fall_back_then_fail_naming_both_schemas() {
    // `api_a_v1_Thing` and `api_b_v1_Thing` both want `Thing`: both take their full names.
    let ok = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    api_a_v1_Thing: {{type: object, properties: {{x: {{type: string}}}}}}\n    api_b_v1_Thing: {{type: object, properties: {{x: {{type: string}}}}}}\n"
    );
    let spec = Spec::parse(Path::new("s.yaml"), &ok).unwrap();
    let api = lower(&spec, &Config::named("t")).unwrap();
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["ApiAV1Thing", "ApiBV1Thing"]);
    // Two `x-rust-type` overrides asking for one name cannot be resolved.
    let clash = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{type: object, x-rust-type: Same, properties: {{x: {{type: string}}}}}}\n    B: {{type: object, x-rust-type: Same, properties: {{x: {{type: string}}}}}}\n"
    );
    let e = error_of("s.yaml", &clash);
    assert!(e.contains("`Same`") && e.contains("#/components/schemas/A") && e.contains("#/components/schemas/B"), "{e}");
}

#[test]
fn unsupported_constructs_are_named() {
    let external = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: 'other.yaml#/A'}}\n    B: {{type: object, properties: {{a: {{$ref: 'other.yaml#/A'}}}}}}\n");
    assert!(error_of("s.yaml", &external).contains("external reference `other.yaml#/A` is not supported"));
    let media = format!(
        "{HEAD}paths:\n  /up:\n    post:\n      operationId: upload\n      requestBody: {{content: {{application/octet-stream: {{schema: {{type: string, format: binary}}}}}}}}\n      responses: {{'200': {{description: ok}}}}\n"
    );
    let e = error_of("s.yaml", &media);
    assert!(e.contains("(operation `upload`)") && e.contains("application/octet-stream"), "{e}");
    let undeclared = format!("{HEAD}paths:\n  /p/{{id}}:\n    get: {{operationId: g, responses: {{'200': {{description: ok}}}}}}\n");
    assert!(error_of("s.yaml", &undeclared).contains("no path parameter declares it"));
    let bad_override = format!("{HEAD}paths:\n  /p:\n    get: {{operationId: g, x-rust-method: 'not valid', responses: {{'200': {{description: ok}}}}}}\n");
    assert!(error_of("s.yaml", &bad_override).contains("`x-rust-method` must look like"));
}

#[test]
fn missing_files_are_reported_with_their_path() {
    let e = Spec::load(Path::new("/nonexistent/spec.yaml")).unwrap_err().to_string();
    assert!(e.starts_with("/nonexistent/spec.yaml:"), "{e}");
}

#[test]
fn x_pagination_naming_a_missing_field_is_an_error() {
    let op = |pagination: &str| {
        format!(
            "{HEAD}paths:\n  /v1/things/list:\n    post:\n      operationId: api_thing_v1_List\n      x-pagination: {pagination}\n      requestBody:\n        content:\n          application/json:\n            schema: {{type: object, properties: {{cursor: {{type: string}}}}}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{type: object, properties: {{things: {{type: array, items: {{type: string}}}}, next: {{type: string}}}}}}\n"
        )
    };
    let e = error_of("s.yaml", &op("{cursor_param: cursor, next_cursor: meta.next, items: things}"));
    assert_eq!(
        e,
        "at #/paths/~1v1~1things~1list/post/x-pagination (operation `api_thing_v1_List`): the response has no string field at `meta.next`"
    );
    let e = error_of("s.yaml", &op("{cursor_param: after, next_cursor: next, items: things}"));
    assert!(e.contains("no optional string field `after`"), "{e}");
    let e = error_of("s.yaml", &op("yes"));
    assert!(e.contains("expected `{cursor_param"), "{e}");
}
