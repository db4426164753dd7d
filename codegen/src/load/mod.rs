//! Loading a spec from YAML or JSON. Syntax and shape errors name the file, line and column;
//! small type mistakes are coerced with a warning (see `coerce.rs`).

mod coerce;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result, Warning};

/// A parsed OpenAPI document plus its raw tree, which keeps what `openapiv3` drops
/// (for example a `description` beside a `$ref`).
#[derive(Debug, Clone)]
pub struct Spec {
    pub file: PathBuf,
    pub doc: openapiv3::OpenAPI,
    pub raw: serde_json::Value,
    /// Values coerced while loading.
    pub warnings: Vec<Warning>,
}

impl Spec {
    /// Reads and parses `path`; `.json` files are parsed as JSON, everything else as YAML.
    pub fn load(path: &Path) -> Result<Spec> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Io { path: path.to_owned(), message: e.to_string() })?;
        Spec::parse(path, &text)
    }

    /// Parses `text`; `file` is only used to name the source in errors and to pick the format.
    pub fn parse(file: &Path, text: &str) -> Result<Spec> {
        let is_json = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let mut raw: serde_json::Value = if is_json {
            serde_json::from_str(text).map_err(|e| json_error(file, &e))?
        } else {
            serde_yaml::from_str(text).map_err(|e| yaml_error(file, &e))?
        };
        let mut warnings = Vec::new();
        if let Some(n) = raw.get("openapi").filter(|v| v.is_number()).map(ToString::to_string) {
            // `openapi: 3.0` without quotes is a YAML number.
            warnings.push(Warning::new("#/openapi", format!("`openapi` should be a string; read as \"{n}\"")));
            raw["openapi"] = serde_json::Value::String(n);
        }
        check_version(file, &raw)?;
        warnings.extend(coerce::coerce(&mut raw));
        // `openapiv3` can panic on documents it rejects in one pass and accepts in another (found
        // by the property tests, e.g. a duplicated `application/json:` key): that is a shape
        // error too.
        let typed = std::panic::catch_unwind(|| serde_json::from_value::<openapiv3::OpenAPI>(raw.clone()));
        let doc = match typed {
            Ok(Ok(doc)) => doc,
            // Parse the text again for the error, so that it keeps its line and column.
            Ok(Err(e)) => return Err(Spec::shape_error(file, text, is_json, &e.to_string())),
            Err(_) => return Err(Spec::shape_error(file, text, is_json, "the document does not have the shape of an OpenAPI 3.0 document")),
        };
        Ok(Spec { file: file.to_owned(), doc, raw, warnings })
    }

    fn shape_error(file: &Path, text: &str, is_json: bool, coerced: &str) -> Error {
        let located = std::panic::catch_unwind(|| {
            if is_json {
                serde_json::from_str::<openapiv3::OpenAPI>(text).err().map(|e| json_error(file, &e))
            } else {
                serde_yaml::from_str::<openapiv3::OpenAPI>(text).err().map(|e| yaml_error(file, &e))
            }
        });
        located
            .ok()
            .flatten()
            .unwrap_or_else(|| Error::Syntax { file: file.to_owned(), line: None, column: None, message: coerced.to_owned() })
    }

    /// Looks up a JSON pointer in the raw document.
    pub fn raw_at(&self, pointer: &str) -> Option<&serde_json::Value> {
        self.raw.pointer(pointer.strip_prefix('#').unwrap_or(pointer))
    }
}

fn check_version(file: &Path, raw: &serde_json::Value) -> Result<()> {
    let version = raw.get("openapi").and_then(|v| v.as_str());
    match version {
        Some(v) if v.starts_with("3.0") => Ok(()),
        Some(v) => Err(Error::Syntax {
            file: file.to_owned(),
            line: None,
            column: None,
            message: format!("unsupported OpenAPI version `{v}`: this generator reads OpenAPI 3.0.x"),
        }),
        None => Err(Error::Syntax {
            file: file.to_owned(),
            line: None,
            column: None,
            message: "not an OpenAPI document: the top-level `openapi` version field is missing"
                .into(),
        }),
    }
}

fn yaml_error(file: &Path, e: &serde_yaml::Error) -> Error {
    let location = e.location();
    Error::Syntax {
        file: file.to_owned(),
        line: location.as_ref().map(|l| l.line()),
        column: location.as_ref().map(|l| l.column()),
        message: e.to_string(),
    }
}

fn json_error(file: &Path, e: &serde_json::Error) -> Error {
    Error::Syntax {
        file: file.to_owned(),
        line: Some(e.line()),
        column: Some(e.column()),
        message: e.to_string(),
    }
}
