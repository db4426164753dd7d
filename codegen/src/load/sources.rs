//! The files a spec is read from (the root, and each file a `$ref` reaches, each read and parsed
//! once), how messages name them (their path relative to the root's folder), and where each
//! part of the bundled document came from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::reference::{normalize, relative};
use super::{parse_text, Reader};

/// The parsed files, by normalized path.
pub(super) struct Sources<'r> {
    read: Reader<'r>,
    root: PathBuf,
    base: PathBuf,
    parsed: BTreeMap<PathBuf, Value>,
    /// In the order first read, the root first.
    order: Vec<PathBuf>,
}

impl<'r> Sources<'r> {
    /// Starts from the root file and its document as parsed, before any change.
    pub fn new(root: &Path, document: Value, read: Reader<'r>) -> Sources<'r> {
        let root = normalize(root);
        let base = root.parent().map(Path::to_owned).unwrap_or_default();
        Sources { read, parsed: BTreeMap::from([(root.clone(), document)]), order: vec![root.clone()], root, base }
    }

    pub fn is_root(&self, file: &Path) -> bool {
        file == self.root
    }

    /// The file a reference written in `from` names.
    pub fn resolve(&self, from: &Path, written: &str) -> PathBuf {
        normalize(&from.parent().unwrap_or(Path::new("")).join(written))
    }

    /// The document in `file`, read and parsed on first use; the error says why it cannot be.
    pub fn get(&mut self, file: &Path) -> Result<&Value, String> {
        if !self.parsed.contains_key(file) {
            let shown = self.display(file);
            let text = (self.read)(file).map_err(|e| format!("cannot read `{shown}` ({}): {e}", file.display()))?;
            let value = parse_text(file, &text).map_err(|e| format!("`{shown}` cannot be parsed: {e}"))?;
            self.parsed.insert(file.to_owned(), value);
            self.order.push(file.to_owned());
        }
        Ok(&self.parsed[file])
    }

    /// How messages name `file`: relative to the root's folder (`b2b/common.yaml`); the root by
    /// its file name.
    pub fn display(&self, file: &Path) -> String {
        if self.is_root(file) {
            return file.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        }
        relative(&self.base, file)
    }

    /// Every file read, the root first.
    pub fn into_files(self) -> Vec<PathBuf> {
        self.order
    }
}

/// Where the parts of a bundled document came from: each part taken from another file, by its
/// pointer in the bundled document, with the file and pointer it was read from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origins(Vec<(String, String)>);

impl Origins {
    /// Records that the part at `bundled` (`#/components/schemas/User`) is `origin`
    /// (`schemas/user.yaml#`).
    pub(super) fn add(&mut self, bundled: String, origin: String) {
        self.0.push((bundled, origin));
    }

    /// `pointer` in the bundled document as a pointer into the file it came from
    /// (`schemas/user.yaml#/properties/id`); a pointer into the root file is returned as it is.
    pub fn locate(&self, pointer: &str) -> String {
        let within = |prefix: &str| pointer == prefix || pointer.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/'));
        let best = self.0.iter().filter(|(bundled, _)| within(bundled)).max_by_key(|(bundled, _)| bundled.len());
        match best {
            Some((bundled, origin)) => format!("{origin}{}", &pointer[bundled.len()..]),
            None => pointer.to_owned(),
        }
    }

    /// After parts of the document moved (`moved` holds each one's new pointer and old one):
    /// recorded parts under their new pointers, and each moved part located where it was.
    pub(super) fn moved(self, moved: &[(String, String)]) -> Origins {
        if moved.is_empty() {
            return self;
        }
        let mut renamed = Origins::default();
        // Where each moved part was, as the parts before the move are recorded.
        let was: Vec<String> = moved.iter().map(|(_, old)| self.locate(old)).collect();
        for (bundled, origin) in self.0 {
            let within = |prefix: &str| bundled == prefix || bundled.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/'));
            let best = moved.iter().filter(|(_, old)| within(old)).max_by_key(|(_, old)| old.len());
            let bundled = match best {
                Some((new, old)) => format!("{new}{}", &bundled[old.len()..]),
                None => bundled,
            };
            renamed.add(bundled, origin);
        }
        for ((new, _), origin) in moved.iter().zip(was) {
            renamed.add(new.clone(), origin);
        }
        renamed
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each part's pointer in the bundled document and its origin.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(b, o)| (b.as_str(), o.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_the_longest_recorded_prefix_on_a_token_boundary() {
        let mut origins = Origins::default();
        origins.add("#/components/schemas/User".into(), "schemas/user.yaml#".into());
        origins.add("#/paths/~1users".into(), "paths/users.yaml#".into());
        origins.add("#/paths/~1users/get/parameters/0".into(), "params.yaml#/limit".into());
        assert_eq!(origins.locate("#/components/schemas/User/properties/id"), "schemas/user.yaml#/properties/id");
        assert_eq!(origins.locate("#/components/schemas/User"), "schemas/user.yaml#");
        assert_eq!(origins.locate("#/components/schemas/UserList"), "#/components/schemas/UserList");
        assert_eq!(origins.locate("#/paths/~1users/get/parameters/0/schema"), "params.yaml#/limit/schema");
        assert_eq!(origins.locate("#/paths/~1users/get"), "paths/users.yaml#/get");
        assert_eq!(origins.locate("#/info"), "#/info");
    }

    #[test]
    fn moved_parts_are_located_where_they_were_written() {
        let mut origins = Origins::default();
        origins.add("#/definitions/User".into(), "user.yaml#".into());
        let moved = [
            ("#/components/schemas".to_owned(), "#/definitions".to_owned()),
            ("#/p/0".to_owned(), "#/p/1".to_owned()),
            ("#/p/1".to_owned(), "#/p/2".to_owned()),
            ("#/body".to_owned(), "#/p/0".to_owned()),
        ];
        let origins = origins.moved(&moved);
        assert_eq!(origins.locate("#/components/schemas/User/properties/id"), "user.yaml#/properties/id");
        assert_eq!(origins.locate("#/components/schemas/Pet"), "#/definitions/Pet");
        assert_eq!(origins.locate("#/p/0/schema"), "#/p/1/schema");
        assert_eq!(origins.locate("#/p/1"), "#/p/2");
        assert_eq!(origins.locate("#/body/content"), "#/p/0/content");
    }
}
