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
fn openapi_31_and_non_openapi_documents_are_refused() {
    assert!(error_of("a.yaml", "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\n").contains("unsupported OpenAPI version `3.1.0`"));
    assert!(error_of("b.yaml", "swagger: '2.0'\n").contains("not an OpenAPI document"));
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
