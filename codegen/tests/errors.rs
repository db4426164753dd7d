//! Input that cannot be generated fails with an error that says where and why, never a
//! panic. Everything that can be worked around is a warning instead (see `warnings.rs`).

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
fn unknown_versions_and_non_openapi_documents_are_refused() {
    assert!(error_of("a.yaml", "openapi: 4.0.0\ninfo: {title: T, version: '1'}\npaths: {}\n").contains("unsupported OpenAPI version `4.0.0`"));
    assert!(error_of("b.yaml", "swagger: '1.2'\n").contains("unsupported OpenAPI version `1.2`"));
    assert!(error_of("c.yaml", "asyncapi: '2.0'\n").contains("not an OpenAPI document"));
}

#[test]
fn a_file_that_is_neither_yaml_nor_json_is_refused() {
    let e = error_of("x.json", "openapi: 3.0.3\n");
    assert!(e.starts_with("x.json:1:1"), "{e}");
    let e = error_of("x.yaml", "key: [unclosed\n");
    assert!(e.starts_with("x.yaml:"), "{e}");
    let e = error_of("x.yaml", "just some text\n");
    assert!(e.contains("not an OpenAPI document"), "{e}");
}

#[test]
fn a_configured_error_schema_that_does_not_exist_is_refused() {
    let mut config = Config::named("t");
    config.types.error_schema = Some("Nope".into());
    let spec = Spec::parse(Path::new("s.yaml"), &format!("{HEAD}paths: {{}}\n")).unwrap();
    let e = lower(&spec, &config).unwrap_err().to_string();
    assert!(e.contains("`Nope` is not a component schema"), "{e}");
}

#[test]
fn missing_files_are_reported_with_their_path() {
    let e = Spec::load(Path::new("/nonexistent/spec.yaml")).unwrap_err().to_string();
    assert!(e.starts_with("/nonexistent/spec.yaml:"), "{e}");
}

/// The error of a multi-file spec whose root is `root.yaml`, the other files given in memory.
fn multi_file_error(root: &str, others: &[(&str, &str)]) -> String {
    let files: std::collections::BTreeMap<std::path::PathBuf, String> =
        others.iter().map(|(p, t)| (Path::new("specs").join(p), (*t).to_owned())).collect();
    let read = |p: &Path| files.get(p).cloned().ok_or_else(|| "No such file or directory".to_owned());
    match Spec::parse_with(Path::new("specs/root.yaml"), &format!("{HEAD}{root}"), &read) {
        Err(e) => e.to_string(),
        Ok(spec) => match lower(&spec, &Config::named("t")) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("expected an error"),
        },
    }
}

const GET_USER: &str = "paths:\n  /u:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'schemas/user.yaml'}\n";
const AT_GET_USER: &str = "root.yaml#/paths/~1u/get/responses/200/content/application~1json/schema";

#[test]
fn a_missing_file_names_the_referring_pointer_and_the_target() {
    let e = multi_file_error(GET_USER, &[]);
    assert_eq!(e, format!("at {AT_GET_USER}: $ref `schemas/user.yaml`: cannot read `schemas/user.yaml` (specs/schemas/user.yaml): No such file or directory"));
    // On disk, too, with the system's reason.
    let dir = std::env::temp_dir().join(format!("oas-codegen-missing-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("root.yaml"), format!("{HEAD}{GET_USER}")).unwrap();
    let e = Spec::load(&dir.join("root.yaml")).unwrap_err().to_string();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(e.starts_with(&format!("at {AT_GET_USER}: $ref `schemas/user.yaml`: cannot read `schemas/user.yaml` (")), "{e}");
}

#[test]
fn a_missing_fragment_names_the_referring_file_and_pointer() {
    let root = GET_USER.replace("schemas/user.yaml", "common.yaml#/components/schemas/Nope");
    let e = multi_file_error(&root, &[("common.yaml", "components: {schemas: {User: {type: object}}}\n")]);
    assert!(e.starts_with(&format!("at {AT_GET_USER}: $ref `common.yaml#/components/schemas/Nope`: ")), "{e}");
    assert!(e.ends_with("`common.yaml` has nothing at `#/components/schemas/Nope`"), "{e}");
    // A local pointer inside another file is relative to that file, and the error says so.
    let user = "type: object\nproperties:\n  team: {$ref: '#/definitions/Team'}\n";
    let e = multi_file_error(GET_USER, &[("schemas/user.yaml", user)]);
    assert_eq!(e, "at schemas/user.yaml#/properties/team: $ref `#/definitions/Team`: `schemas/user.yaml` has nothing at `#/definitions/Team`");
    // A reference back into the root checks the root.
    let user = "type: object\nproperties:\n  e: {$ref: '../root.yaml#/components/schemas/Gone'}\n";
    let e = multi_file_error(GET_USER, &[("schemas/user.yaml", user)]);
    assert!(e.ends_with("`root.yaml` has nothing at `#/components/schemas/Gone`"), "{e}");
}

#[test]
fn an_unparsable_file_names_the_reference_and_the_line() {
    let e = multi_file_error(GET_USER, &[("schemas/user.yaml", "type: object\nproperties: {id: [unclosed\n")]);
    assert!(e.starts_with(&format!("at {AT_GET_USER}: $ref `schemas/user.yaml`: `schemas/user.yaml` cannot be parsed: specs/schemas/user.yaml:3:")), "{e}");
    let root = GET_USER.replace("schemas/user.yaml", "user.json");
    let e = multi_file_error(&root, &[("user.json", "{\"type\": \"object\",\n}")]);
    assert!(e.contains("`user.json` cannot be parsed: specs/user.json:2:1"), "{e}");
}

#[test]
fn a_part_of_the_wrong_shape_names_its_file() {
    let root = "paths:\n  /u: {$ref: 'paths/u.yaml'}\n";
    let e = multi_file_error(root, &[("paths/u.yaml", "get:\n  responses: 12\n")]);
    assert!(e.starts_with("at paths/u.yaml#: not a valid path item: "), "{e}");
}

#[test]
fn circular_copies_and_fragments_that_are_not_pointers_are_refused() {
    let root = "paths:\n  /u: {$ref: 'a.yaml'}\n";
    let e = multi_file_error(root, &[("a.yaml", "$ref: 'b.yaml'\n"), ("b.yaml", "$ref: 'a.yaml#'\n")]);
    assert!(e.contains("the reference is circular"), "{e}");
    let e = multi_file_error(&GET_USER.replace("schemas/user.yaml", "user.yaml#User"), &[("user.yaml", "User: {type: object}\n")]);
    assert!(e.ends_with("$ref `user.yaml#User`: the fragment `#User` is not a JSON pointer"), "{e}");
}
