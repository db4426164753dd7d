//! Multi-file specs: every `$ref` to another file is followed and the document is bundled into
//! one, before anything typed sees it, so that lowering sees the same document (and gives the
//! same IR) whatever the layout.
//!
//! - A schema, parameter, response, request body, header or security scheme taken from another
//!   file becomes an entry of the root's `components` section for its kind, named after its
//!   pointer: the last token of `#/components/<section>/NAME` (or `#/definitions/NAME`,
//!   `#/$defs/NAME`), the file stem for a whole file (`schemas/user.yaml` -> `user`), the last
//!   token of any other pointer to a schema. One (file, pointer) is one entry however often it is
//!   referenced; a name already taken (by the root or another file) becomes `<stem>_<name>`, with
//!   a warning. A pointer deeper into such an entry (`#/components/schemas/A/properties/b`) points
//!   into the entry.
//! - A path item, and anything else (a parameter at `#/paths/~1a/get/parameters/0`), is copied
//!   in place of its reference: path items have no components section in OpenAPI 3.0, and an
//!   unnamed part would only get a meaningless name.
//! - A reference inside a file taken in is relative to that file (`#/X` in `b2b/org.yaml` is
//!   `b2b/org.yaml#/X`); one back into the root file is the root's own item.
//! - Only what the generator reads is followed (paths, operations, parameters, bodies,
//!   responses, headers, media types, schemas, security schemes); references under `examples`,
//!   `links`, `callbacks` and extensions are left as written. Remote URLs are never fetched:
//!   lowering warns and types them as any JSON.
//!
//! A missing file, a file that does not parse, or a pointer with nothing behind it is an error
//! naming the referring file and pointer and the target. Cycles end, since an entry is named
//! before its contents are followed, and a copy that would contain itself is an error.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::grammar::{component_kind, slot, Kind, Sections, Shape, OPENAPI_SECTIONS, SWAGGER_SECTIONS};
use super::reference::{self, unescape, Target};
use super::sources::{Origins, Sources};
use super::Reader;
use crate::error::{pointer_token, Error, Result, Warning};

/// What bundling produced besides the document itself.
#[derive(Debug, Default)]
pub struct Bundled {
    /// Every file read, the root first.
    pub files: Vec<PathBuf>,
    pub origins: Origins,
    pub warnings: Vec<Warning>,
}

/// Bundles `document`, read from `root`, in place; other files are read with `read`.
pub fn bundle(root: &Path, document: &mut Value, read: Reader<'_>) -> Result<Bundled> {
    if !refers_to_files(document) {
        return Ok(Bundled { files: vec![root.to_owned()], ..Bundled::default() });
    }
    let swagger = document.get("swagger").is_some();
    let mut bundler = Bundler {
        sources: Sources::new(root, document.clone(), read),
        sections: if swagger { SWAGGER_SECTIONS } else { OPENAPI_SECTIONS },
        placed: BTreeMap::new(),
        names: BTreeMap::new(),
        hoisted: Vec::new(),
        copying: BTreeSet::new(),
        origins: Origins::default(),
        warnings: Vec::new(),
    };
    let root = super::reference::normalize(root);
    bundler.reserve_root_names(document, &root);
    bundler.walk(document, Kind::Document, &Here { file: root, bundled: String::new(), source: String::new() })?;
    for (section, name, value) in std::mem::take(&mut bundler.hoisted) {
        insert(document, section, name, value)?;
    }
    Ok(Bundled { files: bundler.sources.into_files(), origins: bundler.origins, warnings: bundler.warnings })
}

/// Whether any `$ref` anywhere names a file: when none does, the document is left untouched.
fn refers_to_files(value: &Value) -> bool {
    match value {
        Value::Object(map) => {
            map.get("$ref").and_then(Value::as_str).is_some_and(|r| matches!(reference::parse(r), Target::File(..)))
                || map.values().any(refers_to_files)
        }
        Value::Array(items) => items.iter().any(refers_to_files),
        _ => false,
    }
}

/// Where the walk is: the file being read, and the same place as a pointer in the bundled
/// document and in that file (both without the leading `#`).
struct Here {
    file: PathBuf,
    bundled: String,
    source: String,
}

impl Here {
    fn child(&self, token: &str) -> Here {
        let token = pointer_token(token);
        Here { file: self.file.clone(), bundled: format!("{}/{token}", self.bundled), source: format!("{}/{token}", self.source) }
    }
}

/// An item of another file that becomes one entry of a components section.
struct Unit {
    kind: Kind,
    /// Its pointer in its file.
    pointer: String,
    name: String,
    /// The rest of the reference's pointer, inside the item.
    rest: String,
}

struct Bundler<'r> {
    sources: Sources<'r>,
    sections: Sections,
    /// Hoisted items, by (file, pointer): their pointer in the bundled document.
    placed: BTreeMap<(PathBuf, String), String>,
    /// Names taken in each section, with where their owner came from.
    names: BTreeMap<&'static str, BTreeMap<String, String>>,
    /// Hoisted items in the order they were met: (section, name, contents).
    hoisted: Vec<(&'static str, String, Value)>,
    /// Items being copied in place, to refuse a copy that contains itself.
    copying: BTreeSet<(PathBuf, String)>,
    origins: Origins,
    warnings: Vec<Warning>,
}

impl Bundler<'_> {
    fn reserve_root_names(&mut self, document: &Value, root: &Path) {
        let shown = self.sources.display(root);
        for &(_, section) in self.sections {
            let path = format!("/{section}");
            let Some(Value::Object(items)) = document.pointer(&path) else { continue };
            let taken = self.names.entry(section).or_default();
            for name in items.keys() {
                taken.insert(name.clone(), format!("{shown}#{path}/{}", pointer_token(name)));
            }
        }
    }

    fn walk(&mut self, value: &mut Value, kind: Kind, here: &Here) -> Result<()> {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.walk(item, kind, &here.child(&i.to_string()))?;
                }
            }
            Value::Object(map) => {
                for (key, child) in map.iter_mut() {
                    if let Some((shape, child_kind)) = slot(kind, key) {
                        let at = here.child(key);
                        match (shape, child) {
                            (Shape::Map, Value::Object(items)) => {
                                for (name, item) in items.iter_mut().filter(|(name, _)| !name.starts_with("x-")) {
                                    self.walk(item, child_kind, &at.child(name))?;
                                }
                            }
                            (Shape::One, child) => self.walk(child, child_kind, &at)?,
                            _ => {}
                        }
                    } else if kind == Kind::Schema && key == "discriminator" {
                        self.discriminator(child, &here.child(key))?;
                    }
                }
                if map.get("$ref").is_some_and(Value::is_string) {
                    self.reference(value, kind, here)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// `discriminator.mapping` values that are references, rewritten like the variants' `$ref`s
    /// so that they still match them.
    fn discriminator(&mut self, value: &mut Value, here: &Here) -> Result<()> {
        let Some(Value::Object(mapping)) = value.get_mut("mapping") else { return Ok(()) };
        let at = here.child("mapping");
        for (tag, target) in mapping.iter_mut() {
            let Value::String(text) = target else { continue };
            if text.contains(['#', '/']) || [".yaml", ".yml", ".json"].iter().any(|x| text.ends_with(x)) {
                if let Followed::Ref(rewritten) = self.follow(text, Kind::Schema, &at.child(tag))? {
                    *text = rewritten;
                }
            }
        }
        Ok(())
    }

    /// Follows the `$ref` of `value`: rewrites it to point into the bundled document, or
    /// replaces `value` by a copy of its target.
    fn reference(&mut self, value: &mut Value, kind: Kind, here: &Here) -> Result<()> {
        let text = value["$ref"].as_str().unwrap_or_default().to_owned();
        match self.follow(&text, kind, here)? {
            Followed::Ref(rewritten) => value["$ref"] = Value::String(rewritten),
            Followed::Copy(file, pointer) => self.copy_in(value, &text, (file, pointer), kind, here)?,
        }
        Ok(())
    }

    /// What the reference `text` becomes in the bundled document.
    fn follow(&mut self, text: &str, kind: Kind, here: &Here) -> Result<Followed> {
        let (file, pointer) = match reference::parse(text) {
            Target::Remote => return Ok(Followed::Ref(text.to_owned())),
            Target::Local(_) if self.sources.is_root(&here.file) => return Ok(Followed::Ref(text.to_owned())),
            Target::Local(pointer) => (here.file.clone(), pointer),
            Target::File(path, pointer) => (self.sources.resolve(&here.file, &path), pointer),
        };
        if !pointer.is_empty() && !pointer.starts_with('/') {
            return Err(self.error(here, text, format!("the fragment `#{pointer}` is not a JSON pointer")));
        }
        self.target(&file, &pointer, text, here)?;
        if self.sources.is_root(&file) {
            return Ok(Followed::Ref(local_ref(&pointer)));
        }
        let unit = self.unit(&file, &pointer, kind);
        let section = unit.as_ref().and_then(|u| self.sections.iter().find(|(k, _)| *k == u.kind)).map(|(_, s)| *s);
        let (Some(unit), Some(section)) = (unit, section) else { return Ok(Followed::Copy(file, pointer)) };
        let key = (file.clone(), unit.pointer.clone());
        if let Some(bundled) = self.placed.get(&key) {
            return Ok(Followed::Ref(local_ref(&format!("{bundled}{}", unit.rest))));
        }
        let origin = format!("{}#{}", self.sources.display(&file), unit.pointer);
        let name = self.unique_name(section, &unit.name, &file, &origin);
        let bundled = format!("/{section}/{}", pointer_token(&name));
        self.placed.insert(key, bundled.clone());
        self.origins.add(format!("#{bundled}"), origin);
        let slot = self.hoisted.len();
        self.hoisted.push((section, name, Value::Null));
        let mut contents = self.target(&file, &unit.pointer, text, here)?.clone();
        self.walk(&mut contents, unit.kind, &Here { file, bundled: bundled.clone(), source: unit.pointer })?;
        self.hoisted[slot].2 = contents;
        Ok(Followed::Ref(local_ref(&format!("{bundled}{}", unit.rest))))
    }

    /// Replaces the reference object `value` by a copy of its target, whose own references are
    /// followed from its file; the reference's siblings (`summary`, `description`) are kept.
    fn copy_in(&mut self, value: &mut Value, text: &str, key: (PathBuf, String), kind: Kind, here: &Here) -> Result<()> {
        if !self.copying.insert(key.clone()) {
            return Err(self.error(here, text, "the reference is circular: its target contains itself".to_owned()));
        }
        let (file, pointer) = &key;
        let mut copy = self.target(file, pointer, text, here)?.clone();
        self.origins.add(format!("#{}", here.bundled), format!("{}#{pointer}", self.sources.display(file)));
        self.walk(&mut copy, kind, &Here { file: file.clone(), bundled: here.bundled.clone(), source: pointer.clone() })?;
        self.copying.remove(&key);
        if let (Value::Object(copy), Value::Object(siblings)) = (&mut copy, &*value) {
            for (k, v) in siblings.iter().filter(|(k, _)| *k != "$ref") {
                copy.insert(k.clone(), v.clone());
            }
        }
        *value = copy;
        Ok(())
    }

    /// What a reference into `file` at `pointer` becomes: an item hoisted whole (with the rest
    /// of the pointer inside it), or `None` to copy it in place.
    fn unit(&self, file: &Path, pointer: &str, kind: Kind) -> Option<Unit> {
        let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
        let unit = |kind, n: usize| Unit {
            kind,
            pointer: format!("/{}", tokens[..n].join("/")),
            name: unescape(tokens[n - 1]),
            rest: tokens[n..].iter().map(|t| format!("/{t}")).collect(),
        };
        match tokens.as_slice() {
            [] => return Some(Unit { kind, pointer: String::new(), name: stem(file), rest: String::new() }),
            ["components", section, _, ..] => return component_kind(section).map(|k| unit(k, 3)),
            ["definitions" | "$defs", _, ..] => return Some(unit(Kind::Schema, 2)),
            _ => {}
        }
        // Inside an item already hoisted (a whole-file schema, then `#/properties/a` of it),
        // which has its name.
        let inside = self.placed.keys().filter(|(f, p)| f == file && pointer.starts_with(p.as_str()) && pointer[p.len()..].starts_with('/'));
        if let Some((_, p)) = inside.max_by_key(|(_, p)| p.len()) {
            let kind = self.hoisted_kind(file, p).unwrap_or(kind);
            return Some(Unit { kind, pointer: p.clone(), name: String::new(), rest: pointer[p.len()..].to_owned() });
        }
        let n = tokens.len();
        let last = tokens[n - 1];
        let name = match last {
            "" => stem(file),
            _ if n > 1 && last.bytes().all(|b| b.is_ascii_digit()) => format!("{}_{last}", unescape(tokens[n - 2])),
            _ => unescape(last),
        };
        (kind == Kind::Schema).then(|| Unit { kind, pointer: pointer.to_owned(), name, rest: String::new() })
    }

    /// The kind of an item already hoisted, from the section it went to.
    fn hoisted_kind(&self, file: &Path, pointer: &str) -> Option<Kind> {
        let bundled = self.placed.get(&(file.to_owned(), pointer.to_owned()))?;
        self.sections.iter().find(|(_, s)| bundled[1..].starts_with(s) && bundled[1 + s.len()..].starts_with('/')).map(|(k, _)| *k)
    }

    /// `wanted`, or `<stem>_<wanted>` (then `_2`, `_3`...) with a warning when it is taken.
    fn unique_name(&mut self, section: &'static str, wanted: &str, file: &Path, origin: &str) -> String {
        let taken = self.names.entry(section).or_default();
        let name = if taken.contains_key(wanted) {
            let base = format!("{}_{wanted}", stem(file));
            let name = (1..).map(|i| if i == 1 { base.clone() } else { format!("{base}_{i}") }).find(|n| !taken.contains_key(n));
            let name = name.unwrap_or(base);
            let owner = &taken[wanted];
            let message = format!("`{wanted}` is also the name of {owner}; this one is `{section}/{name}` in the bundled document");
            self.warnings.push(Warning::new(origin, message));
            name
        } else {
            wanted.to_owned()
        };
        taken.insert(name.clone(), origin.to_owned());
        name
    }

    /// The value a reference points at, or an error naming the reference, its place and its
    /// target.
    fn target(&mut self, file: &Path, pointer: &str, text: &str, here: &Here) -> Result<&Value> {
        let shown = self.sources.display(file);
        let referrer = self.referrer(here);
        let document = self.sources.get(file).map_err(|message| ref_error(&referrer, text, message))?;
        document.pointer(pointer).ok_or_else(|| ref_error(&referrer, text, format!("`{shown}` has nothing at `#{pointer}`")))
    }

    /// The file and pointer the walk is at, as messages show them.
    fn referrer(&self, here: &Here) -> String {
        format!("{}#{}", self.sources.display(&here.file), here.source)
    }

    fn error(&self, here: &Here, text: &str, message: String) -> Error {
        ref_error(&self.referrer(here), text, message)
    }
}

/// What a followed reference becomes.
enum Followed {
    /// A reference into the bundled document.
    Ref(String),
    /// A copy of the target (file, pointer) in place of the reference.
    Copy(PathBuf, String),
}

fn ref_error(referrer: &str, text: &str, message: String) -> Error {
    Error::semantic(referrer, format!("$ref `{text}`: {message}"))
}

/// A reference to a pointer of the bundled document; `%` is encoded, since references are
/// percent-decoded when they are followed.
fn local_ref(pointer: &str) -> String {
    format!("#{}", pointer.replace('%', "%25"))
}

/// `user` for `schemas/user.yaml`.
fn stem(file: &Path) -> String {
    file.file_stem().map_or_else(|| "file".to_owned(), |s| s.to_string_lossy().into_owned())
}

/// Adds a hoisted item to its section of the root document, creating the section if needed.
fn insert(document: &mut Value, section: &str, name: String, value: Value) -> Result<()> {
    // The section, made a mapping if it is missing or null.
    fn mapping(value: &mut Value) -> Option<&mut Map<String, Value>> {
        if value.is_null() {
            *value = Value::Object(Map::new());
        }
        value.as_object_mut()
    }
    let mut at = mapping(document);
    for key in section.split('/') {
        at = at.and_then(|map| mapping(map.entry(key).or_insert(Value::Null)));
    }
    let Some(map) = at else {
        return Err(Error::semantic(format!("#/{section}"), format!("cannot add `{name}` from another file: `#/{section}` is not a mapping")));
    };
    map.insert(name, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_swagger_root_gets_schemas_in_definitions() {
        let mut doc = json!({"swagger": "2.0", "definitions": {"Own": {"type": "string"}}, "paths": {"/a": {"get": {
            "parameters": [{"$ref": "p.yaml#/parameters/limit"}],
            "responses": {"200": {"description": "ok", "schema": {"$ref": "defs.yaml#/definitions/Pet"}}}
        }}}});
        let read = |p: &Path| match p.to_str() {
            Some("p.yaml") => Ok("parameters: {limit: {name: limit, in: query, type: integer}}".to_owned()),
            Some("defs.yaml") => Ok("definitions: {Pet: {type: object, properties: {owner: {$ref: '#/definitions/Own'}}}, Own: {type: integer}}".to_owned()),
            _ => Err("no such file".to_owned()),
        };
        let bundled = bundle(Path::new("root.yaml"), &mut doc, &read).unwrap();
        assert_eq!(doc["paths"]["/a"]["get"]["responses"]["200"]["schema"]["$ref"], "#/definitions/Pet");
        assert_eq!(doc["definitions"]["Pet"]["properties"]["owner"]["$ref"], "#/definitions/defs_Own");
        assert_eq!(doc["definitions"]["defs_Own"]["type"], "integer");
        assert_eq!(doc["paths"]["/a"]["get"]["parameters"][0], json!({"name": "limit", "in": "query", "type": "integer"}));
        assert_eq!(bundled.files, [Path::new("root.yaml"), Path::new("p.yaml"), Path::new("defs.yaml")]);
        assert_eq!(bundled.warnings.len(), 1, "{:?}", bundled.warnings);
        assert_eq!(bundled.origins.locate("#/paths/~1a/get/parameters/0/in"), "p.yaml#/parameters/limit/in");
    }
}
