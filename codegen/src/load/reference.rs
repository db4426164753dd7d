//! The syntax of a `$ref`: an optional file part, relative to the file the reference sits in,
//! and a fragment that is a JSON pointer (RFC 6901 `~0`/`~1` escapes, percent-encoding).

use std::path::{Component, Path, PathBuf};

/// What a `$ref` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `#/components/schemas/Pet`: a JSON pointer (percent-decoded, `""` for the whole
    /// document) into the file the reference sits in.
    Local(String),
    /// `schemas/pet.yaml#/Pet`: a file path as written (percent-decoded) and a pointer into it.
    File(String, String),
    /// `https://example.com/pet.yaml`: never fetched.
    Remote,
}

/// Splits a reference into what it names.
pub fn parse(reference: &str) -> Target {
    let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    let fragment = percent_decode(fragment);
    if let Some(path) = file.strip_prefix("file://") {
        return Target::File(percent_decode(path), fragment);
    }
    if is_url(file) {
        Target::Remote
    } else if file.is_empty() {
        Target::Local(fragment)
    } else {
        Target::File(percent_decode(file), fragment)
    }
}

/// `https://...`, `urn:...`: a scheme (letters, digits, `+-.`, at least two characters, so that
/// a Windows drive `C:` stays a path) followed by `:`.
fn is_url(text: &str) -> bool {
    text.split_once(':').is_some_and(|(scheme, _)| {
        scheme.len() > 1
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// Undoes RFC 6901 escaping of one token.
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Decodes `%XX` sequences; text that is not valid UTF-8 once decoded is kept as it was.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// `a/./b/../c` -> `a/c`, without touching the file system, so that one file reached by two
/// spellings is read once, and so that any reader (the disk, a git revision) sees one path.
pub fn normalize(path: &Path) -> PathBuf {
    let mut parts: Vec<Component<'_>> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match parts.last() {
                Some(Component::Normal(_)) => {
                    parts.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => parts.push(c),
            },
            other => parts.push(other),
        }
    }
    parts.iter().collect()
}

/// `to` relative to the folder `base`, with `/` separators (`../shared/x.yaml`); both are
/// normalized paths.
pub fn relative(base: &Path, to: &Path) -> String {
    let base: Vec<_> = base.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = base.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); base.len() - common];
    parts.extend(to[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_references() {
        assert_eq!(parse("#/components/schemas/A%20B"), Target::Local("/components/schemas/A B".into()));
        assert_eq!(parse("#"), Target::Local(String::new()));
        assert_eq!(parse("schemas/user.yaml"), Target::File("schemas/user.yaml".into(), String::new()));
        assert_eq!(parse("../my%20api.yaml#/paths/~1a"), Target::File("../my api.yaml".into(), "/paths/~1a".into()));
        assert_eq!(parse("file:///specs/a.json#/A"), Target::File("/specs/a.json".into(), "/A".into()));
        assert_eq!(parse("https://example.com/a.yaml#/A"), Target::Remote);
        assert_eq!(parse("urn:example:a"), Target::Remote);
        assert_eq!(parse("C:/specs/a.yaml"), Target::File("C:/specs/a.yaml".into(), String::new()));
    }

    #[test]
    fn decodes_escapes_and_percent_encoding() {
        assert_eq!(unescape("A~1B~0C"), "A/B~C");
        assert_eq!(percent_decode("%7Bid%7D"), "{id}");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }

    #[test]
    fn normalizes_and_relativizes_paths() {
        assert_eq!(normalize(Path::new("spec/b2b/../stytch.yaml")), Path::new("spec/stytch.yaml"));
        assert_eq!(normalize(Path::new("./a/./b")), Path::new("a/b"));
        assert_eq!(normalize(Path::new("../a/../../b")), Path::new("../../b"));
        assert_eq!(normalize(Path::new("/../a")), Path::new("/a"));
        assert_eq!(relative(Path::new("spec"), Path::new("spec/b2b/common.yaml")), "b2b/common.yaml");
        assert_eq!(relative(Path::new("spec/b2b"), Path::new("spec/shared/x.yaml")), "../shared/x.yaml");
        assert_eq!(relative(Path::new(""), Path::new("schemas/a.yaml")), "schemas/a.yaml");
    }
}
