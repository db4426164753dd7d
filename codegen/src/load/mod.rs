//! Loading a spec from YAML or JSON, from one file or several (see `bundle.rs`), in any
//! OpenAPI version: Swagger 2.0 is converted to 3.0 (`v2.rs`), and 3.1/3.2 rewritten to the 3.0
//! shape (`v31.rs`), so that everything after the loader sees one model. Syntax and shape errors
//! name the file, line and column; small type mistakes are coerced with a warning (see
//! `coerce.rs`).

mod bundle;
mod coerce;
mod defs;
mod grammar;
pub mod reference;
mod schema31;
mod sources;
mod v2;
mod v31;
mod walk;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result, Warning};
pub use sources::Origins;

/// Reads one file of a multi-file spec: the file system for [`Spec::load`], or anything else
/// (a git revision...) for [`Spec::load_with`]. The error is shown after the file's name.
pub type Reader<'r> = &'r dyn Fn(&Path) -> std::result::Result<String, String>;

/// A parsed OpenAPI document plus its raw tree, which keeps what `openapiv3` drops
/// (for example a `description` beside a `$ref`). A spec split across files is bundled into
/// one document first: both trees hold every file's parts.
#[derive(Debug, Clone)]
pub struct Spec {
    pub file: PathBuf,
    /// Every file the spec was read from: `file`, then each file a `$ref` reached.
    pub files: Vec<PathBuf>,
    pub doc: openapiv3::OpenAPI,
    pub raw: serde_json::Value,
    /// Values coerced while loading.
    pub warnings: Vec<Warning>,
    /// Where the parts taken from other files came from.
    pub origins: Origins,
}

impl Spec {
    /// Reads and parses `path`; `.json` files are parsed as JSON, everything else as YAML.
    pub fn load(path: &Path) -> Result<Spec> {
        Spec::load_with(path, &read_file)
    }

    /// Like [`Spec::load`], reading every file (the root and those it refers to) with `read`.
    pub fn load_with(path: &Path, read: Reader<'_>) -> Result<Spec> {
        let text = read(path).map_err(|message| Error::Io { path: path.to_owned(), message })?;
        Spec::parse_with(path, &text, read)
    }

    /// Parses `text`; `file` names the source in errors, picks the format, and anchors the
    /// files its `$ref`s name, which are read from the file system.
    pub fn parse(file: &Path, text: &str) -> Result<Spec> {
        Spec::parse_with(file, text, &read_file)
    }

    /// Like [`Spec::parse`], reading the files `$ref`s name with `read`.
    pub fn parse_with(file: &Path, text: &str, read: Reader<'_>) -> Result<Spec> {
        // Editors on Windows (and AutoRest's specs) start files with a byte order mark.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let is_json = is_json(file);
        let mut raw = parse_text(file, text)?;
        let mut warnings = Vec::new();
        if let Some(n) = raw.get("openapi").filter(|v| v.is_number()).map(ToString::to_string) {
            // `openapi: 3.0` without quotes is a YAML number.
            warnings.push(Warning::new("#/openapi", format!("`openapi` should be a string; read as \"{n}\"")));
            raw["openapi"] = serde_json::Value::String(n);
        }
        let swagger = check_version(file, &raw)? == Version::Swagger2;
        // Errors in a translated document cannot be located by parsing the text again as 3.0.
        let rewritten = swagger || raw.get("openapi").and_then(|v| v.as_str()).is_some_and(|v| !v.starts_with("3.0"));
        let bundled = bundle::bundle(file, &mut raw, read)?;
        warnings.extend(bundled.warnings);
        let mut origins = bundled.origins;
        if swagger {
            let converted = v2::convert(&mut raw);
            warnings.extend(converted.warnings.into_iter().map(|mut w| {
                w.pointer = origins.locate(&w.pointer);
                w
            }));
            origins = origins.moved(&converted.moved);
        }
        let translated = v31::translate(&mut raw);
        warnings.extend(translated.warnings.into_iter().map(|mut w| {
            w.pointer = origins.locate(&w.pointer);
            w
        }));
        let origins = origins.moved(&translated.moved);
        warnings.extend(coerce::coerce(&mut raw).into_iter().map(|mut w| {
            w.pointer = origins.locate(&w.pointer);
            w
        }));
        // `openapiv3` can panic on documents it rejects in one pass and accepts in another (found
        // by the property tests, e.g. a duplicated `application/json:` key): that is a shape
        // error too.
        // Deserialized from a borrow of the raw value: cloning a 13 MB document's tree first cost
        // as much as the deserialization itself.
        let typed = std::panic::catch_unwind(|| <openapiv3::OpenAPI as serde::Deserialize>::deserialize(&raw));
        let doc = match typed {
            Ok(Ok(doc)) => doc,
            // Parse the text again for the error, so that it keeps its line and column.
            Ok(Err(e)) => return Err(Spec::shape_error(file, (!rewritten).then_some(text), is_json, &e.to_string(), &raw, &origins)),
            Err(_) => {
                let message = "the document does not have the shape of an OpenAPI 3.0 document";
                return Err(Spec::shape_error(file, (!rewritten).then_some(text), is_json, message, &raw, &origins));
            }
        };
        Ok(Spec { file: file.to_owned(), files: bundled.files, doc, raw, warnings, origins })
    }

    /// `pointer` in the bundled document as a pointer into the file it came from
    /// (`schemas/user.yaml#/properties/id`); unchanged for a part of the root file.
    pub fn locate(&self, pointer: &str) -> String {
        self.origins.locate(pointer)
    }

    /// An error whose pointer is located in the file it came from.
    pub(crate) fn locate_error(&self, error: Error) -> Error {
        match error {
            Error::Semantic { pointer, operation, message } => Error::Semantic { pointer: self.locate(&pointer), operation, message },
            other => other,
        }
    }

    /// `text` is the file as written, when it is a 3.0 document the typed model can locate in.
    fn shape_error(file: &Path, text: Option<&str>, is_json: bool, coerced: &str, raw: &serde_json::Value, origins: &Origins) -> Error {
        let located = std::panic::catch_unwind(|| {
            let text = text?;
            if is_json {
                serde_json::from_str::<openapiv3::OpenAPI>(text).err().map(|e| json_error(file, &e))
            } else {
                serde_yaml::from_str::<openapiv3::OpenAPI>(text).err().map(|e| yaml_error(file, &e))
            }
        });
        located
            .ok()
            .flatten()
            .or_else(|| grammar::shape_error(raw, origins))
            .or_else(|| text.is_none().then(|| grammar::first_invalid(raw, origins)).flatten())
            .unwrap_or_else(|| Error::Syntax { file: file.to_owned(), line: None, column: None, message: coerced.to_owned() })
    }

    /// Looks up a JSON pointer in the raw document.
    pub fn raw_at(&self, pointer: &str) -> Option<&serde_json::Value> {
        self.raw.pointer(pointer.strip_prefix('#').unwrap_or(pointer))
    }
}

fn read_file(path: &Path) -> std::result::Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| e.to_string())
}

fn is_json(file: &Path) -> bool {
    file.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// The tree of one file: JSON for `.json`, YAML for anything else.
fn parse_text(file: &Path, text: &str) -> Result<serde_json::Value> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if is_json(file) {
        serde_json::from_str(text).map_err(|e| json_error(file, &e))
    } else {
        serde_yaml::from_str(text).map_err(|e| yaml_error(file, &e))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    Swagger2,
    OpenApi3,
}

fn check_version(file: &Path, raw: &serde_json::Value) -> Result<Version> {
    let error = |message: String| Error::Syntax { file: file.to_owned(), line: None, column: None, message };
    let text = |key: &str| raw.get(key).map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned));
    match (text("openapi"), text("swagger")) {
        (Some(v), _) if ["3.0", "3.1", "3.2"].iter().any(|m| v == *m || v.starts_with(&format!("{m}."))) => Ok(Version::OpenApi3),
        (None, Some(v)) if v == "2.0" || v == "2" => Ok(Version::Swagger2),
        (Some(v), _) | (None, Some(v)) => {
            Err(error(format!("unsupported OpenAPI version `{v}`: this generator reads Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2")))
        }
        (None, None) => Err(error("not an OpenAPI document: the top-level `openapi` (or `swagger`) version field is missing".into())),
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
