// @generated: copied from the generator's runtime (codegen/runtime/multipart.rs) by `cargo xtask regen`. Edit it there.

//! `multipart/form-data` request bodies: the file parts a caller gives ([`FilePart`]) and the
//! parts of one body, kept so that every attempt (a retry too) sends a fresh form built from
//! them. Text parts are sent as they are, files with their name and content type, and
//! structured values (objects, arrays of non-files) as JSON text.

use bytes::Bytes;
use reqwest::multipart::{Form, Part as FormPart};
use serde::Serialize;

use crate::error::Error;
use crate::request::Request;

/// A file sent as one part of a `multipart/form-data` body: its bytes, and optionally the file
/// name and content type the server sees.
///
/// ```
/// let avatar = fixture_swagger_form::FilePart::new(b"\x89PNG...".to_vec())
///     .file_name("avatar.png")
///     .content_type("image/png");
/// assert_eq!(avatar.bytes().len(), 7);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePart {
    bytes: Bytes,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// A file part holding `bytes`, without a file name, in the content type the API
    /// description gives for the field (else `application/octet-stream`).
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        FilePart { bytes: bytes.into(), file_name: None, content_type: None }
    }

    /// Sets the file name sent in the part's `Content-Disposition`.
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// Sets the part's content type, overriding the API description's.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The file's contents.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The file name, if one was set.
    pub fn name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The content type set on this part, if any.
    pub fn media_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }
}

/// One part of a body: its field name, contents, and headers.
#[derive(Debug, Clone)]
struct Part {
    name: &'static str,
    body: Bytes,
    file_name: Option<String>,
    content_type: Option<String>,
}

/// The parts of one `multipart/form-data` body, in declaration order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Multipart {
    parts: Vec<Part>,
}

impl Multipart {
    /// A scalar field (string, number, boolean, string enum) as a text part; `null` is left out.
    #[allow(dead_code, reason = "only used by multipart bodies with text fields")]
    pub(crate) fn text<T: Serialize>(&mut self, name: &'static str, value: &T, content_type: Option<&'static str>) -> Result<(), Error> {
        let text = match serde_json::to_value(value).map_err(|e| encode_error(name, &e))? {
            serde_json::Value::Null => return Ok(()),
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        self.parts.push(Part { name, body: Bytes::from(text), file_name: None, content_type: content_type.map(str::to_owned) });
        Ok(())
    }

    /// A structured field (object, array of non-files) as a JSON text part.
    #[allow(dead_code, reason = "only used by multipart bodies with structured fields")]
    pub(crate) fn json<T: Serialize>(&mut self, name: &'static str, value: &T, content_type: Option<&'static str>) -> Result<(), Error> {
        let body = serde_json::to_vec(value).map_err(|e| encode_error(name, &e))?;
        let content_type = content_type.unwrap_or("application/json").to_owned();
        self.parts.push(Part { name, body: Bytes::from(body), file_name: None, content_type: Some(content_type) });
        Ok(())
    }

    /// A file part; its own content type wins over the API description's `default_type`.
    #[allow(dead_code, reason = "only used by multipart bodies with file fields")]
    pub(crate) fn file(&mut self, name: &'static str, file: &FilePart, default_type: Option<&'static str>) {
        let content_type = file.content_type.clone().or_else(|| default_type.map(str::to_owned)).unwrap_or_else(|| "application/octet-stream".to_owned());
        self.parts.push(Part { name, body: file.bytes.clone(), file_name: file.file_name.clone(), content_type: Some(content_type) });
    }

    /// A fresh form holding every part (the bytes are shared, not copied).
    fn form(&self) -> Result<Form, Error> {
        let mut form = Form::new();
        for part in &self.parts {
            let mut p = FormPart::stream_with_length(part.body.clone(), part.body.len() as u64);
            if let Some(file_name) = &part.file_name {
                p = p.file_name(file_name.clone());
            }
            if let Some(content_type) = &part.content_type {
                p = p.mime_str(content_type).map_err(|_| Error::Config(format!("invalid content type `{content_type}` for the part `{}`", part.name)))?;
            }
            form = form.part(part.name, p);
        }
        Ok(form)
    }
}

fn encode_error(name: &str, e: &serde_json::Error) -> Error {
    Error::Config(format!("cannot encode the multipart field `{name}`: {e}"))
}

impl Request {
    /// A `multipart/form-data` body. The form is checked now and built again for each attempt,
    /// since a sent form is consumed.
    pub(crate) fn multipart(mut self, parts: Multipart) -> Result<Self, Error> {
        parts.form()?;
        self.body = Some(crate::request::Body::PerAttempt(std::sync::Arc::new(move |builder| Ok(builder.multipart(parts.form()?)))));
        Ok(self)
    }
}
