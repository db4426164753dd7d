//! Swagger 2.0, OpenAPI 3.1 and 3.2 documents load into the same model as OpenAPI 3.0 (the
//! fixture crates `swagger_*`, `v31_*` and `v32` are snapshot-tested in `snapshots.rs`): what
//! each construct becomes, and the warnings, which point into the document as written.

use std::path::{Path, PathBuf};

use codegen::{lower::lower, Config, Spec};
use serde_json::json;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn load(name: &str) -> Spec {
    Spec::load(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn parse(text: &str) -> Spec {
    Spec::parse(Path::new("s.yaml"), text).unwrap_or_else(|e| panic!("{e}"))
}

/// Every warning, the loader's and the lowering's.
fn warnings(spec: &Spec) -> Vec<String> {
    lower(spec, &Config::named("t")).unwrap_or_else(|e| panic!("{e}")).warnings.iter().map(ToString::to_string).collect()
}

fn types_rs(text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("oas-versions-{}-{}", std::process::id(), text.len()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("s.yaml");
    std::fs::write(&path, text).unwrap();
    let files = codegen::generate(&path, &Config::named("t")).unwrap_or_else(|e| panic!("{e}")).files;
    files.iter().filter(|(f, _)| f.ends_with(".rs")).map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n")
}

#[test]
fn swagger_sections_bodies_and_responses_become_3_0() {
    let spec = load("swagger_body.yaml");
    let raw = &spec.raw;
    assert_eq!(raw["openapi"], "3.0.3");
    assert_eq!(raw["servers"], json!([{"url": "https://pets.example.com/v2"}]));
    let schemas: Vec<&String> = raw["components"]["schemas"].as_object().unwrap().keys().collect();
    assert_eq!(schemas, ["NewPet", "Pet", "Error"]);
    assert_eq!(raw["components"]["schemas"]["Pet"]["allOf"][0]["$ref"], "#/components/schemas/NewPet");
    assert_eq!(raw["components"]["schemas"]["NewPet"]["properties"]["tag"], json!({"type": "string", "nullable": true}));
    let add = &raw["paths"]["/pets"]["post"];
    assert!(add.get("parameters").is_none());
    assert_eq!(
        add["requestBody"],
        json!({"content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewPet"}}}, "description": "The pet to add.", "required": true})
    );
    assert_eq!(add["responses"]["200"]["content"]["application/json"]["example"], json!({"id": 1, "name": "Rex", "tag": null}));
    assert_eq!(add["responses"]["default"]["$ref"], "#/components/responses/Error");
    let get = &raw["paths"]["/pets/{petId}"];
    assert_eq!(get["parameters"][0]["$ref"], "#/components/parameters/PetId");
    assert_eq!(raw["components"]["parameters"]["PetId"]["schema"], json!({"type": "integer", "format": "int64"}));
    assert_eq!(get["get"]["responses"]["200"]["headers"]["X-Rate-Limit"], json!({"schema": {"type": "integer"}, "description": "Calls left."}));
    let photo = &raw["paths"]["/pets/{petId}/photo"]["get"]["responses"]["200"]["content"];
    assert_eq!(photo, &json!({"image/png": {"schema": {"type": "string", "format": "binary"}}}));
    assert!(warnings(&spec).is_empty(), "{:?}", warnings(&spec));
}

#[test]
fn swagger_security_definitions_become_security_schemes() {
    let spec = load("swagger_security.yaml");
    let schemes = &spec.raw["components"]["securitySchemes"];
    assert_eq!(schemes["basic"], json!({"type": "http", "scheme": "basic"}));
    assert_eq!(schemes["key"], json!({"type": "apiKey", "name": "X-API-Key", "in": "header"}));
    assert_eq!(schemes["oauth"]["flows"], json!({"clientCredentials": {"tokenUrl": "https://secure.example.com/token", "scopes": {"read": "Read things."}}}));
    assert_eq!(schemes["code"]["flows"]["authorizationCode"]["authorizationUrl"], "https://secure.example.com/auth");
    assert_eq!(spec.raw["servers"], json!([{"url": "https://secure.example.com"}, {"url": "http://secure.example.com"}]));
    assert!(spec.doc.components.as_ref().is_some_and(|c| c.security_schemes.len() == 4));
}

#[test]
fn swagger_form_data_becomes_a_form_or_multipart_body_and_collection_formats_styles() {
    let spec = load("swagger_form.yaml");
    let paths = &spec.raw["paths"];
    let login = &paths["/login"]["post"]["requestBody"];
    assert_eq!(login["required"], true);
    assert_eq!(login["content"]["application/x-www-form-urlencoded"]["schema"]["required"], json!(["username", "password"]));
    let upload = &paths["/uploads"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"];
    assert_eq!(upload["properties"]["file"], json!({"type": "string", "format": "binary", "description": "The file."}));
    let styles: Vec<(String, bool)> = paths["/search"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["style"].as_str().unwrap().to_owned(), p["explode"].as_bool().unwrap()))
        .collect();
    let expected = [("form", false), ("form", true), ("pipeDelimited", false), ("simple", false)];
    assert_eq!(styles, expected.map(|(s, e)| (s.to_owned(), e)));
}

#[test]
fn warnings_in_a_swagger_document_point_into_it() {
    let text = "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    post:\n      parameters:\n        - {in: body, name: b, schema: {type: object}}\n        - {name: q, in: query, type: array, items: {type: string}, collectionFormat: tsv}\n        - {name: c, in: query, type: string}\n      responses: {'200': {description: ok}}\ndefinitions:\n  A: {type: object, properties: {n: {type: integer, enum: ['1', x]}}}\n";
    let spec = parse(text);
    assert_eq!(
        warnings(&spec),
        [
            "warning: at #/paths/~1a/post/parameters/1/collectionFormat: `collectionFormat: tsv` has no OpenAPI 3.0 form here; sent comma-separated",
            "warning: at #/definitions/A/properties/n/enum: `enum` holds values of the wrong type; read as [1]",
        ]
    );
    // The parameters after the body moved up one; each is located where it was written.
    assert_eq!(spec.locate("#/paths/~1a/post/parameters/0"), "#/paths/~1a/post/parameters/1");
    assert_eq!(spec.locate("#/paths/~1a/post/requestBody/content"), "#/paths/~1a/post/parameters/0/content");
    assert_eq!(spec.locate("#/components/schemas/A"), "#/definitions/A");
}

#[test]
fn openapi_3_1_warnings_name_each_construct() {
    assert_eq!(
        warnings(&load("v31_webhooks.yaml")),
        [
            "warning: at #/webhooks/newPet: a webhook (a request the API sends) is not generated; ignored",
            "warning: at #/paths/~1subscriptions/post/requestBody/content/application~1json/schema/if: `if` has no OpenAPI 3.0 form and is not generated; ignored",
            "warning: at #/paths/~1subscriptions/post/requestBody/content/application~1json/schema/then: `then` has no OpenAPI 3.0 form and is not generated; ignored",
            "warning: at #/paths/~1subscriptions/post/requestBody/content/application~1json/schema/else: `else` has no OpenAPI 3.0 form and is not generated; ignored",
            "warning: at #/paths/~1subscriptions/post/requestBody/content/application~1json/schema/dependentRequired: `dependentRequired` has no OpenAPI 3.0 form and is not generated; ignored",
            "warning: at #/paths/~1subscriptions/post/requestBody/content/application~1json/schema/unevaluatedProperties: `unevaluatedProperties` has no OpenAPI 3.0 form and is not generated; ignored",
        ]
    );
    assert_eq!(
        warnings(&load("v31_nullable.yaml")),
        ["warning: at #/components/schemas/Pet/properties/anything/type: a schema whose only type is `null` is read as any JSON value, nullable"]
    );
    assert!(warnings(&load("v31_const_defs.yaml")).is_empty());
}

#[test]
fn openapi_3_2_additions_are_dropped_with_a_warning_each() {
    assert_eq!(
        warnings(&load("v32.yaml")),
        [
            "warning: at #/tags/1/parent: tag parents are not used to group operations; ignored",
            "warning: at #/paths/~1pets/query: the `query` method (OpenAPI 3.2) is not generated yet; operation left out",
            "warning: at #/paths/~1pets/get/parameters/1: an `in: querystring` parameter (OpenAPI 3.2) is not generated yet; left out",
            "warning: at #/paths/~1pets~1stream/get/responses/200/content/application~1jsonl/itemSchema: a stream of items (`itemSchema`, OpenAPI 3.2) is not typed yet; the body is read as raw bytes",
        ]
    );
}

const SCHEMA_USE: &str = "paths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}\n";

#[test]
fn a_3_1_file_keeps_3_0_forms_and_a_3_0_file_may_use_3_1_forms() {
    // OpenAI's 3.1 spec: boolean `exclusiveMinimum`, `nullable`, `format: binary`.
    let leftovers = format!("openapi: 3.1.0\ninfo: {{title: T, version: '1'}}\n{SCHEMA_USE}components:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        n: {{type: integer, minimum: 0, exclusiveMinimum: true}}\n        s: {{type: string, nullable: true}}\n        f: {{type: string, format: binary}}\n");
    let spec = parse(&leftovers);
    assert!(warnings(&spec).is_empty(), "{:?}", warnings(&spec));
    assert_eq!(spec.raw["components"]["schemas"]["Thing"]["properties"]["n"], json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true}));
    let forms = format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\n{SCHEMA_USE}components:\n  schemas:\n    B: {{type: object, properties: {{b: {{type: string}}}}}}\n    Thing:\n      type: object\n      properties:\n        s: {{type: [string, 'null']}}\n        b: {{$ref: '#/components/schemas/B', nullable: true}}\n        k: {{const: fixed}}\n");
    let code = types_rs(&forms);
    assert!(code.contains("pub s: ::std::option::Option<::std::string::String>"), "{code}");
    assert!(code.contains("pub b: ::std::option::Option<crate::"), "{code}");
    assert!(warnings(&parse(&forms)).is_empty());
}

#[test]
fn a_3_1_document_needs_no_paths() {
    let spec = parse("openapi: 3.1.0\ninfo: {title: T, version: '1'}\nwebhooks:\n  ping: {post: {responses: {'200': {description: ok}}}}\n");
    assert_eq!(warnings(&spec), ["warning: at #/webhooks/ping: a webhook (a request the API sends) is not generated; ignored"]);
}

#[test]
fn malformed_swagger_and_3_1_documents_are_errors_not_panics() {
    let cases = [
        "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: 12\n",
        "swagger: '2.0'\ninfo: {title: T, version: '1'}\nparameters: [1]\ndefinitions: 3\npaths: {/a: {get: {parameters: [{$ref: '#/parameters/x'}, 7], responses: 3}}}\n",
        "swagger: '2.0'\ninfo: {title: T, version: '1'}\nsecurityDefinitions: {a: {type: oauth2}}\npaths: {/a: {post: {parameters: [{in: formData}], consumes: 5, responses: {'200': 1}}}}\n",
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\ncomponents: {schemas: {A: {type: [1, null]}, B: {anyOf: [{type: 'null'}]}, C: {$defs: 4}, D: {prefixItems: 3}}}\n",
        "openapi: 3.2.0\ninfo: {title: T, version: '1'}\npaths: {/a: {$ref: '#/components/pathItems/A'}}\ncomponents: {pathItems: {A: {$ref: '#/components/pathItems/A'}}}\n",
    ];
    for text in cases {
        let result = std::panic::catch_unwind(|| Spec::parse(Path::new("s.yaml"), text).map(|s| lower(&s, &Config::named("t")).map(|_| ())));
        assert!(result.is_ok(), "panicked on {text}");
    }
}

#[test]
fn a_shape_error_in_a_translated_document_names_the_pointer() {
    let text = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      parameters: [{name: x, in: nowhere}]\n";
    let e = Spec::parse(Path::new("s.yaml"), text).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("#/paths/~1a/get/parameters/0") && e.contains("not a valid parameter"), "{e}");
    let text = "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\ndefinitions:\n  A: {type: object, properties: {b: {type: 7}}}\n";
    let e = Spec::parse(Path::new("s.yaml"), text).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("#/definitions/A/properties/b") && e.contains("not a valid schema"), "{e}");
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let text = "\u{feff}{\"swagger\": \"2.0\", \"info\": {\"title\": \"T\", \"version\": \"1\"}, \"paths\": {}}";
    let spec = Spec::parse(Path::new("s.json"), text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(spec.raw["openapi"], "3.0.3");
}

#[test]
fn path_items_that_refer_to_themselves_end() {
    let hook = "{post: {responses: {'200': {description: ok}}, callbacks: {c: {a: {$ref: '#/components/pathItems/A'}, b: {$ref: '#/components/pathItems/A'}, d: {$ref: '#/components/pathItems/A'}}}}}";
    let text = format!("openapi: 3.1.0\ninfo: {{title: T, version: '1'}}\npaths: {{/a: {{$ref: '#/components/pathItems/A'}}}}\ncomponents: {{pathItems: {{A: {hook}}}}}\n");
    let spec = parse(&text);
    assert!(spec.raw["paths"]["/a"]["post"].is_object());
    assert!(spec.raw["components"].get("pathItems").is_none());
}
