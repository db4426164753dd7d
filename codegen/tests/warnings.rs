//! What the generator works around instead of refusing: each case generates, with a warning
//! naming the JSON pointer (and operation) and what was done.

use std::path::Path;

use codegen::{lower::lower, Config, Spec, Warning};

fn warnings_of(text: &str) -> Vec<Warning> {
    let spec = Spec::parse(Path::new("s.yaml"), text).unwrap_or_else(|e| panic!("{e}"));
    lower(&spec, &Config::named("t")).unwrap_or_else(|e| panic!("{e}")).warnings
}

/// The configuration of tests about component schemas that no operation uses, which are left
/// out unless kept.
fn keeping_unused_schemas() -> Config {
    let mut config = Config::named("t");
    config.types.unused_schemas = true;
    config
}

fn texts(warnings: &[Warning]) -> Vec<String> {
    warnings.iter().map(ToString::to_string).collect()
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n";

#[test]
fn unknown_ref_is_any_json_naming_pointer_and_operation() {
    let spec = format!(
        "{HEAD}paths:\n  /v1/things:\n    post:\n      operationId: api_thing_v1_Create\n      requestBody:\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/Nope'}}\n      responses: {{'200': {{description: ok}}}}\n"
    );
    assert_eq!(
        texts(&warnings_of(&spec)),
        ["warning: at #/paths/~1v1~1things/post/requestBody/content/application~1json/schema (operation `api_thing_v1_Create`): unknown $ref `#/components/schemas/Nope`: no such schema in components; typed as `serde_json::Value`"]
    );
}

#[test]
fn duplicate_operation_ids_name_both_places() {
    let spec = format!("{HEAD}paths:\n  /a:\n    get: {{operationId: same, responses: {{'200': {{description: ok}}}}}}\n  /b:\n    get: {{operationId: same, responses: {{'200': {{description: ok}}}}}}\n");
    let w = texts(&warnings_of(&spec));
    assert!(w[0].contains("#/paths/~1b/get") && w[0].contains("`same`") && w[0].contains("also used at #/paths/~1a/get"), "{w:?}");
}

#[test]
fn method_name_collisions_rename_the_later_operation() {
    // `/conversations/{id}/offer` and `/conversations/{conversation_id}/offer` both want `offer`.
    let spec = format!(
        "{HEAD}paths:\n  /conversations/{{id}}/offer:\n    post: {{parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}], responses: {{'200': {{description: ok}}}}}}\n  /conversations/{{conversation_id}}/offer:\n    post: {{parameters: [{{name: conversation_id, in: path, required: true, schema: {{type: string}}}}], responses: {{'200': {{description: ok}}}}}}\n"
    );
    let parsed = Spec::parse(Path::new("s.yaml"), &spec).unwrap();
    let api = lower(&parsed, &Config::named("t")).unwrap();
    let methods: Vec<&str> = api.operations().iter().map(|(_, o)| o.method_name.as_str()).collect();
    assert_eq!(methods, ["post", "post_2"]);
    let w = texts(&api.warnings);
    assert!(w.len() == 1 && w[0].contains("`conversations.offer.post` is also wanted by operation `POST /conversations/{id}/offer`"), "{w:?}");
}

#[test]
fn an_override_claims_its_name_first() {
    let spec = format!(
        "{HEAD}paths:\n  /v1/users/search:\n    post: {{operationId: api_user_v1_Search, responses: {{'200': {{description: ok}}}}}}\n  /v1/users/find:\n    post: {{operationId: api_user_v1_Find, x-rust-method: users.search, responses: {{'200': {{description: ok}}}}}}\n"
    );
    let parsed = Spec::parse(Path::new("s.yaml"), &spec).unwrap();
    let api = lower(&parsed, &Config::named("t")).unwrap();
    let names: Vec<(&str, &str)> = api.operations().iter().map(|(_, o)| (o.id.as_str(), o.method_name.as_str())).collect();
    assert_eq!(names, [("api_user_v1_Search", "search_2"), ("api_user_v1_Find", "search")]);
    let w = texts(&api.warnings);
    assert!(w[0].contains("api_user_v1_Search") && w[0].contains("api_user_v1_Find"), "{w:?}");
}

#[test]
fn a_method_colliding_with_a_sub_service_is_renamed() {
    let spec = format!(
        "{HEAD}paths:\n  /v1/users/{{id}}/apps:\n    get:\n      operationId: api_user_v1_Apps\n      parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}]\n      responses: {{'200': {{description: ok}}}}\n  /v1/users/apps/{{app}}/revoke:\n    post:\n      operationId: api_user_v1_Revoke\n      parameters: [{{name: app, in: path, required: true, schema: {{type: string}}}}]\n      responses: {{'200': {{description: ok}}}}\n"
    );
    let w = texts(&warnings_of(&spec));
    assert!(w.len() == 1 && w[0].contains("is the sub-service `users.apps`; this operation's method is `apps_2`"), "{w:?}");
}

#[test]
fn type_name_collisions_fall_back_then_get_a_suffix() {
    // `api_a_v1_Thing` and `api_b_v1_Thing` both want `Thing`: both take their full names, silently.
    let ok = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    api_a_v1_Thing: {{type: object, properties: {{x: {{type: string}}}}}}\n    api_b_v1_Thing: {{type: object, properties: {{x: {{type: string}}}}}}\n"
    );
    let spec = Spec::parse(Path::new("s.yaml"), &ok).unwrap();
    let api = lower(&spec, &keeping_unused_schemas()).unwrap();
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["ApiAV1Thing", "ApiBV1Thing"]);
    assert!(api.warnings.is_empty());
    // Two `x-rust-type` overrides asking for one name: the second (by pointer) gets a suffix.
    let clash = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{type: object, x-rust-type: Same, properties: {{x: {{type: string}}}}}}\n    B: {{type: object, x-rust-type: Same, properties: {{x: {{type: string}}}}}}\n"
    );
    let spec = Spec::parse(Path::new("s.yaml"), &clash).unwrap();
    let api = lower(&spec, &keeping_unused_schemas()).unwrap();
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Same", "Same2"]);
    let w = texts(&api.warnings);
    assert!(w[0].contains("`Same`") && w[0].contains("#/components/schemas/A") && w[0].contains("#/components/schemas/B"), "{w:?}");
}

#[test]
fn worked_around_constructs_are_named() {
    let remote = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: 'https://example.com/other.yaml#/A'}}\n    B: {{type: object, properties: {{a: {{$ref: 'https://example.com/other.yaml#/A'}}}}}}\n");
    let w = texts(&warnings_of(&remote));
    assert!(w.len() == 2 && w.iter().all(|w| w.contains("remote reference `https://example.com/other.yaml#/A` is not fetched")), "{w:?}");
    let media = |ct: &str| {
        format!(
            "{HEAD}paths:\n  /up:\n    post:\n      operationId: upload\n      requestBody: {{content: {{{ct}: {{schema: {{type: string, format: binary}}}}}}}}\n      responses: {{'200': {{description: ok}}}}\n"
        )
    };
    // A multipart body whose schema is not an object cannot be typed (see the multipart fixture
    // for those that can); raw bytes can (see the raw_bodies fixture).
    let w = texts(&warnings_of(&media("multipart/form-data")));
    assert!(w[0].contains("(operation `upload`)") && w[0].contains("multipart/form-data"), "{w:?}");
    assert_eq!(texts(&warnings_of(&media("application/octet-stream"))), Vec::<String>::new());
    let undeclared = format!("{HEAD}paths:\n  /p/{{id}}:\n    get: {{operationId: g, responses: {{'200': {{description: ok}}}}}}\n");
    assert!(texts(&warnings_of(&undeclared))[0].contains("no path parameter declares it; taken as a string"));
    let bad_override = format!("{HEAD}paths:\n  /p:\n    get: {{operationId: g, x-rust-method: 'not valid', responses: {{'200': {{description: ok}}}}}}\n");
    assert!(texts(&warnings_of(&bad_override))[0].contains("`x-rust-method` must look like"));
}

#[test]
fn lenient_loading_names_each_coerced_value() {
    let spec = "openapi: 3.0.3\ninfo: {title: T, version: 1.0}\npaths: {}\ncomponents:\n  schemas:\n    E: {type: string, enum: [a, 1]}\n";
    let w = texts(&warnings_of(spec));
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].starts_with("warning: at #/info/version:"), "{w:?}");
    assert!(w[1].starts_with("warning: at #/components/schemas/E/enum:"), "{w:?}");
}

/// One spec mixing every construct of issue 8 (typed or worked around) generates files, with
/// warnings for what is worked around only.
#[test]
fn a_spec_mixing_everything_generates_with_warnings() {
    let text = "openapi: 3.0.3
info: {title: Mixed, version: 1.0}
paths:
  /profile/{id}:
    get:
      operationId: fetch
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: ID, in: query, schema: {type: string}}
        - {name: filter, in: query, style: deepObject, schema: {$ref: '#/components/schemas/Profile'}}
        - {name: c, in: cookie, schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Profile'}}}}
        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Profile/properties/name'}}}}
  /profile/{profile_id}:
    get:
      operationId: fetch
      parameters: [{$ref: '#/paths/~1profile~1%7Bid%7D/get/parameters/0'}, {name: profile_id, in: path, required: true, schema: {type: string}}]
      requestBody: {content: {multipart/form-data: {schema: {type: object}}}}
      responses: {'200': {description: ok}}
  /upload:
    post:
      operationId: upload
      requestBody: {content: {multipart/form-data: {schema: {type: object, properties: {f: {type: string, format: binary}, n: {type: integer}}}}}}
      responses:
        '200': {description: ok, content: {image/png: {schema: {type: string, format: binary}}}}
        '202': {description: later, content: {text/plain: {schema: {type: string}}}}
components:
  schemas:
    Profile:
      type: object
      required: true
      properties:
        name: {type: string, enum: [a, 1]}
        _name: {allOf: [{type: string}, {description: x}]}
        other: {$ref: 'https://example.com/elsewhere.yaml#/X'}
";
    let path = std::env::temp_dir().join(format!("oas-codegen-mixed-{}.yaml", std::process::id()));
    std::fs::write(&path, text).unwrap();
    let generated = codegen::generate(&path, &Config::named("mixed")).unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_file(&path);
    assert!(generated.files.contains_key("src/lib.rs"));
    assert_eq!(generated.operations, 3);
    let w = texts(&generated.warnings);
    // A typed multipart body and a bytes-or-text success enum need no warning.
    assert!(!w.iter().any(|w| w.contains("`upload`")), "{w:#?}");
    let upload = generated.files.get("src/upload.rs").map_or("", String::as_str);
    assert!(upload.contains("pub f: ::std::option::Option<crate::FilePart>"), "{upload}");
    for needle in ["#/info/version", "enum", "`ID`", "cookie", "duplicate operationId", "`fetch_2`", "multipart", "elsewhere.yaml", "`name_2`", "ProfileService"] {
        assert!(w.iter().any(|w| w.contains(needle)), "no warning about {needle}: {w:#?}");
    }
    assert!(generated.summary().ends_with(&format!("{} warnings", w.len())));
}

#[test]
fn a_broken_x_pagination_costs_the_stream_not_the_spec() {
    let op = |pagination: &str| {
        format!(
            "{HEAD}paths:\n  /v1/things/list:\n    post:\n      operationId: api_thing_v1_List\n      x-pagination: {pagination}\n      requestBody:\n        content:\n          application/json:\n            schema: {{type: object, properties: {{cursor: {{type: string}}}}}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{type: object, properties: {{things: {{type: array, items: {{type: string}}}}, next: {{type: string}}}}}}\n"
        )
    };
    let w = texts(&warnings_of(&op("{cursor_param: cursor, next_cursor: meta.next, items: things}")));
    assert_eq!(
        w,
        ["warning: at #/paths/~1v1~1things~1list/post/x-pagination (operation `api_thing_v1_List`): the response has no string field at `meta.next`; no `_all` stream is generated for this operation"]
    );
    let w = texts(&warnings_of(&op("{cursor_param: after, next_cursor: next, items: things}")));
    assert!(w.len() == 1 && w[0].contains("no optional string field `after`"), "{w:?}");
    let w = texts(&warnings_of(&op("yes")));
    assert!(w.len() == 1 && w[0].contains("expected `{cursor_param"), "{w:?}");
}

#[test]
fn a_misplaced_x_request_option_leaves_an_ordinary_parameter() {
    let param = |name: &str, place: &str, extra: &str| format!("{{name: {name}, in: {place}, schema: {{type: string}}, {extra}}}");
    let params = [
        param("tag", "query", "x-request-option: tag"),
        param("X-Must", "header", "required: true, x-request-option: must"),
        param("X-Odd", "header", "x-request-option: 3"),
        param("X-Timeout", "header", "x-request-option: timeout"),
        param("X-Fine", "header", "x-request-option: true"),
    ]
    .join(", ");
    let spec = format!("{HEAD}paths:\n  /v1/things:\n    get:\n      operationId: api_thing_v1_List\n      parameters: [{params}]\n      responses: {{'200': {{description: ok}}}}\n");
    let parsed = Spec::parse(Path::new("s.yaml"), &spec).unwrap();
    let api = lower(&parsed, &Config::named("t")).unwrap();
    let w = texts(&api.warnings);
    let expect = [
        "parameters/0/x-request-option (operation `api_thing_v1_List`): `x-request-option` applies to header parameters only; `tag` stays a parameter",
        "parameters/1/x-request-option (operation `api_thing_v1_List`): a required header cannot be a per-call option; `X-Must` stays a parameter",
        "parameters/2/x-request-option (operation `api_thing_v1_List`): `x-request-option` must be `true` or a setter name, got 3; `X-Odd` stays a parameter",
        "parameters/3/x-request-option (operation `api_thing_v1_List`): `RequestOptions::timeout` already exists; the setter of `X-Timeout` is `timeout_header`",
    ];
    assert_eq!(w.len(), expect.len(), "{w:?}");
    for (got, want) in w.iter().zip(expect) {
        assert!(got.ends_with(want), "{got}\n  does not end with\n{want}");
    }
    let (_, op) = api.operations()[0];
    let params: Vec<&str> = op.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(params, ["tag", "X-Must", "X-Odd"]);
    let setters: Vec<(&str, &str)> = op.request_options.iter().map(|o| (o.header.as_str(), o.setter.as_str())).collect();
    assert_eq!(setters, [("X-Timeout", "timeout_header"), ("X-Fine", "fine")]);
}

#[test]
fn one_setter_per_header_and_one_header_per_setter() {
    let op = |path: &str, id: &str, params: &str| {
        format!("  {path}:\n    get:\n      operationId: {id}\n      parameters: [{params}]\n      responses: {{'200': {{description: ok}}}}\n")
    };
    let spec = format!(
        "{HEAD}paths:\n{}{}{}",
        op("/v1/a", "api_a_v1_Get", "{name: X-Actor, in: header, schema: {type: string}, x-request-option: actor}"),
        // The same header asks for another setter: it keeps the first one.
        op("/v1/b", "api_b_v1_Get", "{name: x-actor, in: header, schema: {type: string}, x-request-option: acting}"),
        // Another header wants the taken setter: it is numbered.
        op("/v1/c", "api_c_v1_Get", "{name: X-Other-Actor, in: header, schema: {type: string}, x-request-option: actor}"),
    );
    let parsed = Spec::parse(Path::new("s.yaml"), &spec).unwrap();
    let api = lower(&parsed, &Config::named("t")).unwrap();
    let w = texts(&api.warnings);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].contains("`api_b_v1_Get`") && w[0].contains("header `x-actor` already has the setter `actor`; `acting` is not used"), "{w:?}");
    assert!(w[1].contains("`api_c_v1_Get`") && w[1].contains("setter `actor` is taken by header `X-Actor`; `X-Other-Actor` uses `actor_2`"), "{w:?}");
    let all: Vec<(&str, &str)> = api.request_options.iter().map(|o| (o.header.as_str(), o.setter.as_str())).collect();
    assert_eq!(all, [("X-Actor", "actor"), ("X-Other-Actor", "actor_2")]);
}
