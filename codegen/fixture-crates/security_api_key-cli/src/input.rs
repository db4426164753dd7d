// @generated: copied from the generator's CLI runtime (codegen/cli-runtime/input.rs) by `cargo xtask regen`. Edit it there.

//! What the command line says about one call: path parameters, query and header parameters,
//! the body (flags merged over `--json` / `--body-file`), read into the SDK's request types.

use std::collections::BTreeMap;
use std::io::Read;

use clap::ArgMatches;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::command::{BODY_FILE, CONTENT_TYPE, JSON};
use crate::output::Failure;
use crate::table::{Arg, Body, Kind, Operation, Place};

/// The inputs of one call, as JSON values keyed by their wire names.
#[derive(Debug, Default)]
pub struct Input {
    path: BTreeMap<&'static str, String>,
    params: Map<String, Value>,
    body: Option<Value>,
    raw: Option<Vec<u8>>,
    content_type: Option<String>,
    bearer: Option<String>,
    /// Per-call option headers, by setter name.
    options: BTreeMap<&'static str, String>,
}

impl Input {
    /// Reads the operation's inputs from the parsed command line; `stdin` is read when the body
    /// file is `-`.
    pub fn read(op: &Operation, matches: &ArgMatches, stdin: &mut dyn Read) -> Result<Input, Failure> {
        let mut input = Input::default();
        let mut fields = Map::new();
        for arg in op.args {
            let Some(value) = value(arg, matches) else { continue };
            match arg.place {
                Place::Path => {
                    input.path.insert(arg.wire, text(&value));
                }
                Place::Bearer => input.bearer = Some(text(&value)),
                Place::Option => {
                    input.options.insert(arg.wire, text(&value));
                }
                Place::Query | Place::Header => {
                    input.params.insert(arg.wire.to_owned(), value);
                }
                Place::Body => {
                    fields.insert(arg.wire.to_owned(), value);
                }
            }
        }
        match op.body {
            Body::None => {}
            Body::Object => {
                let mut object = match base(matches, stdin)? {
                    None => Map::new(),
                    Some(Value::Object(object)) => object,
                    Some(other) => return Err(Failure::Usage(format!("the body must be a JSON object, not `{other}`"))),
                };
                object.extend(fields);
                input.body = Some(Value::Object(object));
            }
            Body::Value { .. } => input.body = base(matches, stdin)?,
            Body::Raw { .. } => {
                input.raw = match matches.get_one::<String>(BODY_FILE) {
                    Some(file) => Some(read_file(file, stdin)?),
                    None => None,
                };
                input.content_type = matches.get_one::<String>(CONTENT_TYPE).cloned();
            }
        }
        Ok(input)
    }

    /// A path parameter as text.
    #[allow(dead_code, reason = "only used by APIs with path parameters")]
    pub fn path(&self, name: &str) -> Result<&str, Failure> {
        self.path.get(name).map(String::as_str).ok_or_else(|| Failure::Usage(format!("missing the path parameter <{name}>")))
    }

    /// A path parameter read as `T` (a number, an enum...): as JSON if it parses, else as a
    /// JSON string.
    #[allow(dead_code, reason = "only used by APIs with non-string path parameters")]
    pub fn path_as<T: DeserializeOwned>(&self, name: &str) -> Result<T, Failure> {
        let text = self.path(name)?;
        let value = serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()));
        serde_json::from_value(value).map_err(|e| Failure::Usage(format!("invalid <{name}> `{text}`: {e}")))
    }

    /// The query and header parameters, as the SDK's parameter struct.
    #[allow(dead_code, reason = "only used by APIs with query or header parameters")]
    pub fn params<T: DeserializeOwned>(&self) -> Result<T, Failure> {
        serde_json::from_value(Value::Object(self.params.clone())).map_err(|e| Failure::Usage(format!("invalid parameters: {e}")))
    }

    /// The JSON body, as the SDK's request type.
    #[allow(dead_code, reason = "only used by APIs with JSON bodies")]
    pub fn body<T: DeserializeOwned>(&self) -> Result<T, Failure> {
        let body = self.body.clone().unwrap_or(Value::Null);
        serde_json::from_value(body).map_err(|e| Failure::Usage(format!("invalid request body: {e}")))
    }

    /// A raw body as text.
    #[allow(dead_code, reason = "only used by APIs with text bodies")]
    pub fn text(&self) -> Result<String, Failure> {
        String::from_utf8(self.bytes()?).map_err(|e| Failure::Usage(format!("the body is not UTF-8 text: {e}")))
    }

    /// A raw body.
    #[allow(dead_code, reason = "only used by APIs with raw bodies")]
    pub fn bytes(&self) -> Result<Vec<u8>, Failure> {
        self.raw.clone().ok_or_else(|| Failure::Usage(format!("missing --{BODY_FILE}")))
    }

    /// The media type of a raw body.
    #[allow(dead_code, reason = "only used by APIs with raw bodies of an open media type")]
    pub fn content_type(&self) -> Result<&str, Failure> {
        self.content_type.as_deref().ok_or_else(|| Failure::Usage(format!("missing --{CONTENT_TYPE}")))
    }

    /// The value of a per-call option header, by its setter's name, if given.
    #[allow(dead_code, reason = "only used by APIs with per-call option headers")]
    pub fn option(&self, setter: &str) -> Option<&str> {
        self.options.get(setter).map(String::as_str)
    }

    /// The bearer token of an operation that takes one per call.
    #[allow(dead_code, reason = "only used by APIs with a bearer token per call")]
    pub fn access_token(&self) -> Result<&str, Failure> {
        self.bearer.as_deref().ok_or_else(|| Failure::Usage("missing the access token".to_owned()))
    }
}

/// The value of one input as JSON, if given.
fn value(arg: &Arg, matches: &ArgMatches) -> Option<Value> {
    let one = |matches: &ArgMatches| -> Option<Vec<Value>> {
        Some(match arg.kind {
            Kind::String | Kind::Enum(_) => matches.get_many::<String>(arg.flag)?.map(|s| Value::String(s.clone())).collect(),
            Kind::Bool => matches.get_many::<bool>(arg.flag)?.map(|b| Value::Bool(*b)).collect(),
            Kind::Integer => matches.get_many::<i64>(arg.flag)?.map(|n| Value::from(*n)).collect(),
            Kind::Number => matches.get_many::<f64>(arg.flag)?.map(|n| Value::from(*n)).collect(),
        })
    };
    let mut values = one(matches)?;
    if arg.many {
        Some(Value::Array(values))
    } else {
        values.pop()
    }
}

/// A value as it goes into a path: strings unquoted.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The JSON body given with `--json` or `--body-file`, if any.
fn base(matches: &ArgMatches, stdin: &mut dyn Read) -> Result<Option<Value>, Failure> {
    let (source, text) = if let Some(json) = matches.get_one::<String>(JSON) {
        (format!("--{JSON}"), json.clone().into_bytes())
    } else if let Some(file) = matches.get_one::<String>(BODY_FILE) {
        (format!("--{BODY_FILE} {file}"), read_file(file, stdin)?)
    } else {
        return Ok(None);
    };
    serde_json::from_slice(&text).map(Some).map_err(|e| Failure::Usage(format!("{source} is not JSON: {e}")))
}

/// The contents of `file`, or of standard input for `-`.
fn read_file(file: &str, stdin: &mut dyn Read) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let read = if file == "-" { stdin.read_to_end(&mut bytes).map(drop) } else { std::fs::read(file).map(|b| bytes = b) };
    read.map_err(|e| Failure::Usage(format!("cannot read {file}: {e}")))?;
    Ok(bytes)
}
