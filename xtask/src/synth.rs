//! A synthetic OpenAPI 3.0 description the size of GitHub's REST API (1,240 operations under
//! 40 services), for the scale benchmark. It is built in memory, deterministically (no
//! randomness, no network), with the schema mix of a large real API: objects with `$ref`s to
//! shared and per-service schemas, string enums, arrays, maps, `date-time` strings, `allOf`
//! update bodies, `oneOf` unions with a discriminator, path and query parameters (paging, enum
//! filters, arrays), and JSON error bodies.

use serde_json::{json, Map, Value};

const SERVICES: [&str; 40] = [
    "actions", "activity", "apps", "billing", "branches", "checks", "code_scanning", "codespaces", "collaborators", "commits",
    "copilot", "dependabot", "deployments", "emojis", "environments", "gists", "git", "hooks", "interactions", "issues",
    "licenses", "markdown", "migrations", "oidc", "orgs", "packages", "pages", "projects", "pulls", "reactions",
    "releases", "repos", "search", "secret_scanning", "security_advisories", "teams", "users", "variables", "wikis", "workflows",
];
const RESOURCES: [&str; 6] = ["items", "runs", "comments", "labels", "keys", "events"];

/// Operations per resource (list, create, get, update, delete) and one more per service.
pub const OPERATIONS: usize = SERVICES.len() * (RESOURCES.len() * 5 + 1);

fn pascal(snake: &str) -> String {
    snake.split('_').map(|w| w[..1].to_uppercase() + &w[1..]).collect()
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn json_content(schema: Value) -> Value {
    json!({ "application/json": { "schema": schema } })
}

/// The whole description as JSON.
pub fn spec() -> Value {
    let mut schemas = Map::new();
    let mut paths = Map::new();
    shared_schemas(&mut schemas);
    for service in SERVICES {
        for resource in RESOURCES {
            resource_schemas(&mut schemas, service, resource);
            resource_paths(&mut paths, service, resource);
        }
        let summary = pascal(service) + "Summary";
        schemas.insert(
            summary.clone(),
            json!({
                "type": "object",
                "description": format!("Counts of the {service} resources."),
                "properties": RESOURCES.iter().map(|r| ((*r).to_owned(), json!({ "type": "integer" }))).collect::<Map<_, _>>(),
            }),
        );
        paths.insert(
            format!("/{service}/summary"),
            json!({ "get": {
                "operationId": format!("{service}/get-summary"),
                "tags": [service],
                "summary": format!("Summarize the {service} resources."),
                "responses": { "200": { "description": "OK", "content": json_content(schema_ref(&summary)) }, "404": error_response("BasicError") },
            }}),
        );
    }
    json!({
        "openapi": "3.0.3",
        "info": { "title": "Synthetic scale API", "version": "1.0.0", "description": "A generated description the size of GitHub's REST API." },
        "servers": [{ "url": "https://api.example.com" }],
        "paths": paths,
        "components": { "schemas": schemas },
    })
}

fn shared_schemas(schemas: &mut Map<String, Value>) {
    let user = json!({
        "type": "object",
        "description": "A user.",
        "required": ["login", "id", "type"],
        "properties": {
            "login": { "type": "string" },
            "id": { "type": "integer", "format": "int64" },
            "type": { "type": "string", "enum": ["User"] },
            "avatar_url": { "type": "string", "format": "uri" },
            "site_admin": { "type": "boolean" },
            "email": { "type": "string", "nullable": true },
        },
    });
    let team = json!({
        "type": "object",
        "description": "A team.",
        "required": ["slug", "id", "type"],
        "properties": {
            "slug": { "type": "string" },
            "id": { "type": "integer" },
            "type": { "type": "string", "enum": ["Team"] },
            "privacy": { "type": "string", "enum": ["secret", "closed"] },
            "parent": { "allOf": [schema_ref("Team")], "nullable": true },
        },
    });
    schemas.insert("SimpleUser".into(), user);
    schemas.insert("Team".into(), team);
    schemas.insert(
        "Actor".into(),
        json!({ "description": "Who acted.", "oneOf": [schema_ref("SimpleUser"), schema_ref("Team")], "discriminator": { "propertyName": "type", "mapping": { "User": "#/components/schemas/SimpleUser", "Team": "#/components/schemas/Team" } } }),
    );
    schemas.insert(
        "BasicError".into(),
        json!({ "type": "object", "description": "An error.", "properties": { "message": { "type": "string" }, "documentation_url": { "type": "string" }, "status": { "type": "string" } } }),
    );
    schemas.insert(
        "ValidationError".into(),
        json!({
            "type": "object",
            "required": ["message"],
            "properties": {
                "message": { "type": "string" },
                "errors": { "type": "array", "items": { "type": "object", "properties": { "field": { "type": "string" }, "code": { "type": "string" }, "value": { "oneOf": [{ "type": "string" }, { "type": "integer" }, { "type": "array", "items": { "type": "string" } }], "nullable": true } } } },
            },
        }),
    );
}

fn resource_schemas(schemas: &mut Map<String, Value>, service: &str, resource: &str) {
    let name = pascal(service) + &pascal(resource);
    schemas.insert(
        name.clone(),
        json!({
            "type": "object",
            "description": format!("One of the {resource} of {service}."),
            "required": ["id", "node_id", "name", "state", "created_at", "creator"],
            "properties": {
                "id": { "type": "integer", "format": "int64" },
                "node_id": { "type": "string" },
                "name": { "type": "string", "description": "The display name." },
                "state": { "type": "string", "enum": ["open", "closed", "in_progress", "archived"] },
                "labels": { "type": "array", "items": { "type": "string" } },
                "creator": schema_ref("SimpleUser"),
                "assignees": { "type": "array", "items": schema_ref("SimpleUser") },
                "actor": schema_ref("Actor"),
                "created_at": { "type": "string", "format": "date-time" },
                "updated_at": { "type": "string", "format": "date-time", "nullable": true },
                "metadata": { "type": "object", "additionalProperties": { "type": "string" } },
                "settings": {
                    "type": "object",
                    "properties": {
                        "visibility": { "type": "string", "enum": ["public", "private", "internal"] },
                        "retention_days": { "type": "integer", "format": "int32" },
                        "ratio": { "type": "number" },
                    },
                },
                "url": { "type": "string", "format": "uri" },
            },
        }),
    );
    schemas.insert(
        format!("{name}Create"),
        json!({
            "type": "object",
            "description": format!("What a new one of the {resource} of {service} holds."),
            "required": ["name"],
            "properties": {
                "name": { "type": "string" },
                "labels": { "type": "array", "items": { "type": "string" } },
                "assignees": { "type": "array", "items": { "type": "string" } },
                "visibility": { "type": "string", "enum": ["public", "private", "internal"] },
                "metadata": { "type": "object", "additionalProperties": { "type": "string" } },
            },
        }),
    );
    schemas.insert(
        format!("{name}Update"),
        json!({
            "description": format!("Changes to one of the {resource} of {service}."),
            "allOf": [
                schema_ref(&format!("{name}Create")),
                { "type": "object", "properties": { "state": { "type": "string", "enum": ["open", "closed"] }, "archived": { "type": "boolean" } } },
            ],
        }),
    );
}

fn error_response(schema: &str) -> Value {
    json!({ "description": "Error", "content": json_content(schema_ref(schema)) })
}

fn resource_paths(paths: &mut Map<String, Value>, service: &str, resource: &str) {
    let name = pascal(service) + &pascal(resource);
    let singular = resource.trim_end_matches('s');
    let id_param = format!("{singular}_id");
    let owner = json!({ "name": "owner", "in": "path", "required": true, "schema": { "type": "string" } });
    let id = json!({ "name": id_param, "in": "path", "required": true, "schema": { "type": "integer" } });
    let list_params = json!([
        owner,
        { "name": "per_page", "in": "query", "schema": { "type": "integer", "default": 30 } },
        { "name": "page", "in": "query", "schema": { "type": "integer", "default": 1 } },
        { "name": "direction", "in": "query", "schema": { "type": "string", "enum": ["asc", "desc"] } },
        { "name": "since", "in": "query", "schema": { "type": "string", "format": "date-time" } },
        { "name": "labels", "in": "query", "style": "form", "explode": false, "schema": { "type": "array", "items": { "type": "string" } } },
    ]);
    let one = |verb: &str, what: &str| format!("{service}/{verb}-{}", if what.is_empty() { resource.to_owned() } else { what.to_owned() });
    let ok = |schema: Value| json!({ "description": "OK", "content": json_content(schema) });
    paths.insert(
        format!("/{service}/{{owner}}/{resource}"),
        json!({
            "get": {
                "operationId": one("list", ""), "tags": [service], "summary": format!("List {resource}."), "parameters": list_params,
                "responses": { "200": ok(json!({ "type": "array", "items": schema_ref(&name) })), "404": error_response("BasicError") },
            },
            "post": {
                "operationId": one("create", singular), "tags": [service], "summary": format!("Create one of the {resource}."), "parameters": [owner],
                "requestBody": { "required": true, "content": json_content(schema_ref(&format!("{name}Create"))) },
                "responses": { "201": ok(schema_ref(&name)), "422": error_response("ValidationError") },
            },
        }),
    );
    paths.insert(
        format!("/{service}/{{owner}}/{resource}/{{{id_param}}}"),
        json!({
            "get": {
                "operationId": one("get", singular), "tags": [service], "summary": format!("Get one of the {resource}."), "parameters": [owner, id],
                "responses": { "200": ok(schema_ref(&name)), "404": error_response("BasicError") },
            },
            "patch": {
                "operationId": one("update", singular), "tags": [service], "summary": format!("Update one of the {resource}."), "parameters": [owner, id],
                "requestBody": { "required": true, "content": json_content(schema_ref(&format!("{name}Update"))) },
                "responses": { "200": ok(schema_ref(&name)), "422": error_response("ValidationError") },
            },
            "delete": {
                "operationId": one("delete", singular), "tags": [service], "summary": format!("Delete one of the {resource}."), "parameters": [owner, id],
                "responses": { "204": { "description": "Deleted" }, "404": error_response("BasicError") },
            },
        }),
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_synthetic_spec_has_githubs_size_and_generates_without_warnings() {
        let spec = super::spec();
        let operations: usize = spec["paths"].as_object().unwrap().values().map(|item| item.as_object().unwrap().len()).sum();
        assert_eq!(operations, super::OPERATIONS);
        assert!(operations >= 1200);
        let dir = std::env::temp_dir().join(format!("xtask-synth-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("spec.json");
        std::fs::write(&path, spec.to_string()).unwrap();
        let generated = codegen::generate(&path, &codegen::Config::named("synthetic-scale")).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(generated.warnings.is_empty(), "{:?}", generated.warnings.iter().map(ToString::to_string).collect::<Vec<_>>());
        // One module file per service: no single file holds the whole API.
        assert!(generated.files.keys().filter(|f| f.starts_with("src/")).count() > 40);
    }
}
