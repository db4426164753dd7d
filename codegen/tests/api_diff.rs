//! The API change report: each kind of spec change, old and new, with its exact classification.
//! The old side is `fixtures/api_diff/base.yaml`; each test edits a copy of it.

use std::path::Path;

use codegen::api_diff::version::{lowest_next, Bump};
use codegen::api_diff::{compare, Impact, Report};
use codegen::Config;
use semver::Version;

const BASE: &str = include_str!("fixtures/api_diff/base.yaml");

fn api(yaml: &str, config: &Config) -> codegen::ir::Api {
    let spec = codegen::Spec::parse(Path::new("spec.yaml"), yaml).expect("spec parses");
    codegen::lower::lower(&spec, config).expect("spec lowers")
}

/// `spec` with each `(from, to)` replaced once.
fn edited(spec: &str, edits: &[(&str, &str)]) -> String {
    let mut new = spec.to_owned();
    for (from, to) in edits {
        assert_eq!(new.matches(from).count(), 1, "the edit's `{from}` must occur exactly once");
        new = new.replacen(from, to, 1);
    }
    new
}

/// The report from the base spec to the base spec with each `(from, to)` replaced once.
fn report(edits: &[(&str, &str)]) -> Report {
    let config = Config::named("things");
    compare(&api(BASE, &config), &api(&edited(BASE, edits), &config))
}

/// The report between two edits of the base spec.
fn report_between(old: &[(&str, &str)], new: &[(&str, &str)]) -> Vec<String> {
    let config = Config::named("things");
    compare(&api(&edited(BASE, old), &config), &api(&edited(BASE, new), &config)).lines()
}

fn lines(edits: &[(&str, &str)]) -> Vec<String> {
    report(edits).lines()
}

const NOTE: &str = "        note: {type: string}\n";

#[test]
fn the_same_spec_has_no_changes() {
    let r = report(&[]);
    assert_eq!(r.changes, vec![]);
    assert_eq!(r.impact(), None);
    assert_eq!(r.summary(), "no public API changes");
}

#[test]
fn an_added_operation_is_additive() {
    let delete = "  /v1/things/{thing_id}:\n    delete:\n      operationId: api_thing_v1_Delete\n      parameters:\n        - {name: thing_id, in: path, required: true, schema: {type: string}}\n      responses:\n        '200': {description: OK}\n    get:\n";
    assert_eq!(
        lines(&[("  /v1/things/{thing_id}:\n    get:\n", delete)]),
        ["additive: new operation `things().delete` (DELETE /v1/things/{thing_id})"]
    );
}

#[test]
fn a_removed_operation_is_breaking() {
    let get_start = BASE.find("  /v1/things/{thing_id}:").unwrap();
    let get_end = BASE.find("components:").unwrap();
    assert_eq!(
        lines(&[(&BASE[get_start..get_end], "")]),
        ["breaking: removed operation `things().get` (GET /v1/things/{thing_id})"]
    );
}

#[test]
fn a_new_optional_request_field_is_additive() {
    assert_eq!(
        lines(&[(NOTE, "        note: {type: string}\n        color: {type: string}\n")]),
        ["additive: new optional request field `things::CreateRequest.color: String`"]
    );
}

#[test]
fn a_new_required_request_field_is_breaking_because_new_gains_an_argument() {
    assert_eq!(
        lines(&[
            ("required: [name]", "required: [name, color]"),
            (NOTE, "        note: {type: string}\n        color: {type: string}\n"),
        ]),
        ["breaking: new required request field `things::CreateRequest.color: String` (a new argument of `things::CreateRequest::new`)"]
    );
}

#[test]
fn a_removed_request_field_is_breaking() {
    assert_eq!(lines(&[(NOTE, "")]), ["breaking: removed request field `things::CreateRequest.note`"]);
}

#[test]
fn a_request_field_of_another_type_is_breaking() {
    assert_eq!(
        lines(&[(NOTE, "        note: {type: integer, format: int64}\n")]),
        ["breaking: request field `things::CreateRequest.note` changed type: `String` -> `i64`"]
    );
}

#[test]
fn request_fields_changing_required_ness_are_breaking() {
    assert_eq!(
        lines(&[("required: [name]", "required: [note]")]),
        [
            "breaking: request field `things::CreateRequest.name` is now optional",
            "breaking: request field `things::CreateRequest.note` is now required",
        ]
    );
}

#[test]
fn optional_and_required_but_nullable_look_the_same_in_rust() {
    assert_eq!(
        lines(&[("required: [name]", "required: [name, note]"), (NOTE, "        note: {type: string, nullable: true}\n")]),
        ["compatible: request field `things::CreateRequest.note` is now required (same Rust type; only what is sent differs)"]
    );
}

#[test]
fn a_new_response_field_is_additive_and_a_removed_one_breaking() {
    assert_eq!(
        lines(&[("        name: {type: string}\n        status:", "        label: {type: string}\n        status:")]),
        [
            "breaking: removed response field `things::Thing.name`",
            "additive: new response field `things::Thing.label: String`",
        ]
    );
}

#[test]
fn a_response_field_turning_optional_is_breaking() {
    assert_eq!(
        lines(&[("required: [thing_id, name]", "required: [thing_id]")]),
        ["breaking: response field `things::Thing.name` is now optional"]
    );
}

#[test]
fn enum_values_added_are_additive_and_removed_breaking() {
    assert_eq!(lines(&[("enum: [active, archived]", "enum: [active, archived, deleted]")]), ["additive: new value \"deleted\" in `things::Status`"]);
    assert_eq!(lines(&[("enum: [active, archived]", "enum: [active]")]), ["breaking: removed value \"archived\" from `things::Status`"]);
}

#[test]
fn a_new_one_of_variant_is_breaking_because_the_enum_is_exhaustive() {
    let triangle = "        - {$ref: '#/components/schemas/api_thing_v1_Square'}\n        - {$ref: '#/components/schemas/api_thing_v1_Triangle'}\n";
    let schema = "    api_thing_v1_Triangle:\n      type: object\n      properties:\n        base: {type: number}\n    api_thing_v1_Square:\n";
    assert_eq!(
        lines(&[("        - {$ref: '#/components/schemas/api_thing_v1_Square'}\n", triangle), ("    api_thing_v1_Square:\n", schema)]),
        ["breaking: new variant `things::Shape::Triangle`", "additive: new type `things::Triangle`"]
    );
}

#[test]
fn a_renamed_schema_is_a_renamed_type_not_a_removal_and_an_addition() {
    let new = BASE.replace("api_thing_v1_Status", "api_thing_v1_State");
    let config = Config::named("things");
    let r = compare(&api(BASE, &config), &api(&new, &config));
    assert_eq!(r.lines(), ["breaking: type renamed: `things::Status` -> `things::State`"]);
}

#[test]
fn an_operation_id_renamed_keeps_the_endpoint_and_renames_the_method() {
    assert_eq!(
        lines(&[("operationId: api_thing_v1_Get", "operationId: api_thing_v1_Fetch")]),
        ["breaking: method renamed: `things().get` -> `things().fetch` (GET /v1/things/{thing_id})"]
    );
}

#[test]
fn a_naming_change_in_the_config_renames_methods_and_types() {
    let spec = BASE.replace("api_thing_v1_Get", "api_thing_v1_GetOAuthThing").replace("api_thing_v1_Circle", "api_thing_v1_OAuthCircle");
    let mut with_word = Config::named("things");
    with_word.naming.words = vec!["OAuth".into()];
    let r = compare(&api(&spec, &Config::named("things")), &api(&spec, &with_word));
    assert_eq!(
        r.lines(),
        [
            "breaking: method renamed: `things().get_o_auth_thing` -> `things().get_oauth_thing` (GET /v1/things/{thing_id})",
            "breaking: type renamed: `things::OAuthCircle` -> `things::OauthCircle`",
            "breaking: variant renamed: `things::Shape::OAuthCircle` -> `things::Shape::OauthCircle`",
        ]
    );
}

#[test]
fn a_path_parameter_of_another_type_changes_the_signature() {
    assert_eq!(
        lines(&[("{name: thing_id, in: path, required: true, schema: {type: string}}", "{name: thing_id, in: path, required: true, schema: {type: integer}}")]),
        ["breaking: signature of `things().get` changed: `fn get(&self, thing_id: &str) -> things::Thing` -> `fn get(&self, thing_id: i64) -> things::Thing`"]
    );
}

const THING_ID: &str = "        - {name: thing_id, in: path, required: true, schema: {type: string}}\n";
const EXPAND: &str = "        - {name: expand, in: query, schema: {type: boolean}}\n";

#[test]
fn a_first_query_parameter_adds_a_params_argument() {
    assert_eq!(
        lines(&[(THING_ID, &format!("{THING_ID}{EXPAND}"))]),
        [
            "breaking: signature of `things().get` changed: `fn get(&self, thing_id: &str) -> things::Thing` -> `fn get(&self, thing_id: &str, params: &things::GetParams) -> things::Thing`",
            "additive: new type `things::GetParams`",
        ]
    );
}

#[test]
fn another_optional_query_parameter_is_a_new_optional_request_field() {
    let fields = "        - {name: fields, in: query, schema: {type: string}}\n";
    assert_eq!(
        report_between(&[(THING_ID, &format!("{THING_ID}{EXPAND}"))], &[(THING_ID, &format!("{THING_ID}{EXPAND}{fields}"))]),
        ["additive: new optional request field `things::GetParams.fields: String`"]
    );
}

const CREATED: &str = "              schema: {$ref: '#/components/schemas/api_thing_v1_Thing'}\n  /v1/things/{thing_id}:";

#[test]
fn a_status_enum_gaining_a_variant_is_additive_because_it_is_non_exhaustive() {
    let accepted = "              schema: {$ref: '#/components/schemas/api_thing_v1_Thing'}\n        '202': {description: Queued}\n  /v1/things/{thing_id}:";
    let no_content = "              schema: {$ref: '#/components/schemas/api_thing_v1_Thing'}\n        '202': {description: Queued}\n        '204': {description: Nothing to do}\n  /v1/things/{thing_id}:";
    assert_eq!(
        lines(&[(CREATED, accepted)]),
        [
            "breaking: signature of `things().create` changed: `fn create(&self, request: &things::CreateRequest) -> things::Thing` -> `fn create(&self, request: &things::CreateRequest) -> things::CreateSuccess`",
            "additive: new type `things::CreateSuccess`",
        ]
    );
    assert_eq!(report_between(&[(CREATED, accepted)], &[(CREATED, no_content)]), ["additive: new variant `things::CreateSuccess::NoContent`"]);
    assert_eq!(report_between(&[(CREATED, no_content)], &[(CREATED, accepted)]), ["breaking: removed variant `things::CreateSuccess::NoContent`"]);
}

#[test]
fn the_markdown_groups_changes_by_impact() {
    let r = report(&[
        ("        name: {type: string}\n        status:", "        label: {type: string}\n        status:"),
        ("enum: [active, archived]", "enum: [active, archived, deleted]"),
    ]);
    assert_eq!(
        r.markdown(),
        "### Breaking changes\n\n- removed response field `things::Thing.name`\n\n### Added\n\n- new value \"deleted\" in `things::Status`\n- new response field `things::Thing.label: String`\n"
    );
    assert_eq!(r.summary(), "1 breaking, 2 additive changes");
    assert!(r.text("0.1.0", &Version::new(0, 1, 0)).starts_with("API changes since 0.1.0: 1 breaking, 2 additive changes -> minor bump: 0.1.0 -> 0.2.0\n"));
}

#[test]
fn bumps_follow_cargo_semver_rules() {
    let v = |s: &str| Version::parse(s).unwrap();
    // 0.y.z: breaking bumps the minor number, everything else the patch.
    assert_eq!(lowest_next(&v("0.1.3"), Some(Impact::Breaking)), v("0.2.0"));
    assert_eq!(lowest_next(&v("0.1.3"), Some(Impact::Additive)), v("0.1.4"));
    assert_eq!(lowest_next(&v("0.1.3"), Some(Impact::Compatible)), v("0.1.4"));
    // 0.0.z: every release is breaking anyway.
    assert_eq!(Bump::needed(&v("0.0.4"), Impact::Breaking), Bump::Patch);
    // 1.0 and later: major, minor, patch.
    assert_eq!(lowest_next(&v("1.2.3"), Some(Impact::Breaking)), v("2.0.0"));
    assert_eq!(lowest_next(&v("1.2.3"), Some(Impact::Additive)), v("1.3.0"));
    assert_eq!(lowest_next(&v("1.2.3"), Some(Impact::Compatible)), v("1.2.4"));
    assert_eq!(lowest_next(&v("1.2.3"), None), v("1.2.3"));
}
