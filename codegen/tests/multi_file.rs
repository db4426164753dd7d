//! Multi-file specs: a split spec lowers to the IR of the same spec in one file, names its types
//! after their schemas, and its warnings point into the file they concern. (The fixture crate
//! `multi_file` is snapshot-tested in `snapshots.rs`; errors are in `errors.rs`.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::{ir::Api, lower::lower, Config, Spec};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

fn api_of(spec: &Spec) -> Api {
    lower(spec, &Config::named("layout")).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_stytch_layout_lowers_to_the_ir_of_the_same_spec_in_one_file() {
    let split = Spec::load(&fixture("stytch_layout/stytch.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let single = Spec::load(&fixture("stytch_layout/single.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let files: Vec<String> = split.files.iter().map(|f| f.strip_prefix(fixture("stytch_layout")).unwrap().display().to_string()).collect();
    assert_eq!(files, ["stytch.yaml", "b2b/organizations.yaml", "b2b/common.yaml", "b2b/members.yaml"]);
    let (split_api, single_api) = (api_of(&split), api_of(&single));
    assert!(split_api.warnings.is_empty(), "{:#?}", split_api.warnings);
    // The IR does not depend on the order the components are listed in.
    assert_eq!(split_api, single_api);
    let config = Config::named("layout");
    assert_eq!(codegen::emit::emit(&split_api, &config).unwrap(), codegen::emit::emit(&single_api, &config).unwrap());
}

#[test]
fn types_from_other_files_are_named_and_recursive_ones_boxed() {
    let spec = Spec::load(&fixture("multi_file/root.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let api = api_of(&spec);
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    for name in ["User", "Team", "Address", "Role", "NewTeam", "CommonError", "Organization", "CreateRequest"] {
        assert!(names.contains(&name), "no type {name}: {names:?}");
    }
    let files = codegen::generate(&fixture("multi_file/root.yaml"), &Config::named("multi")).unwrap().files;
    let types = &files["src/types.rs"];
    assert!(types.contains("pub manager: ::std::option::Option<::std::boxed::Box<crate::types::User>>"), "{types}");
    assert!(types.contains("pub members: ::std::option::Option<::std::vec::Vec<crate::types::User>>"), "{types}");
    assert!(!files.values().any(|f| f.contains("serde_json::Value>") && f.contains("pub team")), "a type fell back to JSON");
}

/// A spec given in memory: the root `root.yaml` and other files by path.
fn spec_of(root: &str, others: &[(&str, &str)]) -> Spec {
    let files: BTreeMap<PathBuf, String> = others.iter().map(|(p, t)| (Path::new(p).to_owned(), (*t).to_owned())).collect();
    let read = |p: &Path| files.get(p).cloned().ok_or_else(|| "No such file or directory".to_owned());
    Spec::parse_with(Path::new("root.yaml"), &format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\n{root}"), &read).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn warnings_about_parts_of_other_files_point_into_them() {
    let root = "paths:\n  /a: {$ref: 'paths/a.yaml'}\n";
    let path = "get:\n  operationId: getA\n  parameters:\n    - {name: c, in: cookie, schema: {type: string}}\n  responses:\n    '200':\n      description: ok\n      content:\n        application/json:\n          schema: {$ref: '../schemas/thing.yaml'}\n";
    let schema = "type: object\nnullable: 'true'\nproperties:\n  link: {$ref: 'https://example.com/link.yaml'}\n  kind: {type: string, enum: [x, 1]}\n";
    let api = api_of(&spec_of(root, &[("paths/a.yaml", path), ("schemas/thing.yaml", schema)]));
    let warnings: Vec<String> = api.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "warning: at schemas/thing.yaml#/nullable: `nullable` should not be a string (\"true\"); read as true",
            "warning: at schemas/thing.yaml#/properties/kind/enum: `enum` holds values of the wrong type; read as [\"x\",\"1\"]",
            "warning: at schemas/thing.yaml#/properties/link: remote reference `https://example.com/link.yaml` is not fetched; typed as `serde_json::Value`",
            "warning: at paths/a.yaml#/get/parameters/0 (operation `getA`): cookie parameters are not supported yet; parameter left out",
        ]
    );
}

#[test]
fn one_target_is_one_entry_and_a_clash_is_renamed_with_a_warning() {
    let root = "paths:\n  /a:\n    get:\n      parameters:\n        - $ref: 'p.yaml#/components/parameters/Limit'\n        - $ref: 'p.yaml#/components/parameters/Limit'\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: 'x.yaml#/components/schemas/Thing'}}}}\n        '201': {description: ok, content: {application/json: {schema: {$ref: 'y.yaml#/components/schemas/Thing'}}}}\n        '202': {description: ok, content: {application/json: {schema: {$ref: './x.yaml#/components/schemas/Thing'}}}}\ncomponents:\n  schemas:\n    Own: {type: string}\n";
    let thing = "components: {schemas: {Thing: {type: object, properties: {a: {type: string}}}}}\n";
    let limit = "components: {parameters: {Limit: {name: limit, in: query, schema: {type: integer}}}}\n";
    let spec = spec_of(root, &[("x.yaml", thing), ("y.yaml", &thing.replace("a:", "b:")), ("p.yaml", limit)]);
    let schemas: Vec<&String> = spec.raw["components"]["schemas"].as_object().unwrap().keys().collect();
    assert_eq!(schemas, ["Own", "Thing", "y_Thing"]);
    let parameters: Vec<&String> = spec.raw["components"]["parameters"].as_object().unwrap().keys().collect();
    assert_eq!(parameters, ["Limit"]);
    assert_eq!(spec.raw["paths"]["/a"]["get"]["parameters"][1]["$ref"], "#/components/parameters/Limit");
    assert_eq!(spec.raw["paths"]["/a"]["get"]["responses"]["202"]["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/Thing");
    let w: Vec<String> = spec.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(w, ["warning: at y.yaml#/components/schemas/Thing: `Thing` is also the name of x.yaml#/components/schemas/Thing; this one is `components/schemas/y_Thing` in the bundled document"]);
}

#[test]
fn a_spec_in_one_file_is_left_untouched() {
    let text = std::fs::read_to_string(fixture("refs.yaml")).unwrap();
    let spec = Spec::parse(&fixture("refs.yaml"), &text).unwrap();
    let raw: serde_json::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(spec.raw, raw);
    assert_eq!(spec.files, [fixture("refs.yaml")]);
    assert!(spec.origins.is_empty());
}

#[test]
fn deep_pointers_discriminator_mappings_and_whole_file_pointers() {
    let root = "paths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: 'pets.yaml#/components/schemas/Pet'}}}}\n        '201': {description: ok, content: {application/json: {schema: {$ref: 'pets.yaml#/components/schemas/Dog/properties/bark'}}}}\n        '202': {description: ok, content: {application/json: {schema: {$ref: 'defs.json#/Cat'}}}}\n        '203': {description: ok, content: {application/json: {schema: {$ref: 'defs.json'}}}}\n";
    let pets = "components:\n  schemas:\n    Pet:\n      oneOf: [{$ref: '#/components/schemas/Dog'}, {$ref: 'defs.json#/Cat'}]\n      discriminator: {propertyName: kind, mapping: {dog: '#/components/schemas/Dog', cat: 'defs.json#/Cat'}}\n    Dog: {type: object, required: [kind], properties: {kind: {type: string}, bark: {type: object, properties: {loud: {type: boolean}}}}}\n";
    let defs = r#"{"Cat": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}}}"#;
    let spec = spec_of(root, &[("pets.yaml", pets), ("defs.json", defs)]);
    let schemas: Vec<&String> = spec.raw["components"]["schemas"].as_object().unwrap().keys().collect();
    assert_eq!(schemas, ["Pet", "Dog", "Cat", "defs"]);
    let pet = &spec.raw["components"]["schemas"]["Pet"];
    assert_eq!(pet["discriminator"]["mapping"], serde_json::json!({"dog": "#/components/schemas/Dog", "cat": "#/components/schemas/Cat"}));
    let responses = &spec.raw["paths"]["/a"]["get"]["responses"];
    assert_eq!(responses["201"]["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/Dog/properties/bark");
    // The whole file `defs.json` is one more entry, named after the file.
    assert_eq!(spec.raw["components"]["schemas"]["defs"]["Cat"]["type"], "object");
    let api = api_of(&spec);
    let pet = api.types.iter().find(|t| t.name == "Pet").unwrap();
    assert!(format!("{:?}", pet.kind).contains("\"dog\"") && format!("{:?}", pet.kind).contains("\"cat\""), "{pet:?}");
}
