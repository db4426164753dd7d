//! Generator configuration: what the spec cannot say (crate name, overlay, naming hints).
//! Every field has a default, so `cargo xtask generate` works on a bare spec.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub package: Package,
    #[serde(default)]
    pub naming: Naming,
    #[serde(default)]
    pub types: Types,
    #[serde(default)]
    pub overlay: Option<Overlay>,
    #[serde(default)]
    pub docs: DocsConfig,
    #[serde(default)]
    pub tests: TestsConfig,
    /// A command-line client generated next to the crate, when set.
    #[serde(default)]
    pub cli: Option<CliConfig>,
    #[serde(default)]
    pub features: FeaturesConfig,
    /// Whether the generated `Cargo.toml` declares its own `[workspace]` (a standalone crate)
    /// or expects to be a member of an enclosing workspace.
    #[serde(default)]
    pub standalone: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    pub name: String,
    #[serde(default = "default_version")]
    pub version: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub repository: Option<String>,
    /// Where the docs are read (docs.rs by default on crates.io).
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub homepage: Option<String>,
    /// At most five crates.io keywords.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// crates.io category slugs (<https://crates.io/category_slugs>).
    #[serde(default)]
    pub categories: Vec<String>,
    /// The minimum supported Rust version, stated in `Cargo.toml`, the crate docs and the README.
    #[serde(default = "default_rust_version")]
    pub rust_version: String,
    #[serde(default = "default_license")]
    pub license: String,
    /// The files `cargo package` puts in the crate, as `Cargo.toml` `include` globs; every
    /// file when empty.
    #[serde(default)]
    pub include: Vec<String>,
    /// Whether the crate may be published; `false` writes `publish = false`.
    #[serde(default)]
    pub publish: bool,
}

fn default_rust_version() -> String {
    "1.85".into()
}

fn default_license() -> String {
    "MIT OR Apache-2.0".into()
}

/// The generated crate's own cargo features, beyond TLS, `tracing` and `blocking`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeaturesConfig {
    /// One cargo feature per top-level service (`magic_links` -> `magic-links`), all on by
    /// default; a service's module, its accessor on `Client`, its wire tests and the shared
    /// types only it uses compile only when its feature is on.
    #[serde(default = "yes")]
    pub per_service: bool,
}

impl Default for FeaturesConfig {
    fn default() -> Self {
        FeaturesConfig { per_service: true }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Naming {
    /// Mixed-case words kept whole when splitting identifiers, e.g. `OAuth`, `WebAuthn`.
    #[serde(default)]
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Types {
    /// Property names whose values are secrets and never shown by `Debug`, in addition to
    /// properties marked `x-sensitive: true` or `format: password`.
    #[serde(default)]
    pub sensitive_fields: Vec<String>,
    /// The component schema that `Error::Api` carries; inferred from the error responses when unset.
    #[serde(default)]
    pub error_schema: Option<String>,
    /// Error schemas some operations declare instead of the error body, which the overlay
    /// converts into it by implementing `crate::client::IntoApiError`.
    #[serde(default)]
    pub error_conversions: Vec<String>,
    /// Keep component schemas that no operation reaches, as shared types. Off by default: large
    /// specs hold many (GitHub's webhook payloads) that only cost generation and compile time.
    #[serde(default)]
    pub unused_schemas: bool,
}

/// What the crate docs' quick-start shows.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocsConfig {
    /// A Rust expression that builds the client, e.g. `Client::new("id", "secret")?`; names the
    /// crate's items by path relative to the crate (`Client`, not `my_crate::Client`).
    #[serde(default)]
    pub client_setup: Option<String>,
    /// The operationId the quick-start calls; the first operation when unset.
    #[serde(default)]
    pub example_operation: Option<String>,
}

/// Tests generated with the crate.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestsConfig {
    /// `tests/wire.rs`: one wiremock test per operation.
    #[serde(default = "yes")]
    pub wire: bool,
}

impl Default for TestsConfig {
    fn default() -> Self {
        TestsConfig { wire: true }
    }
}

fn yes() -> bool {
    true
}

/// The command-line client crate (`[cli]`): a binary calling any operation by its Rust path.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CliConfig {
    /// The CLI crate's package name; `<crate>-cli` when unset.
    #[serde(default)]
    pub package: Option<String>,
    /// The binary's name; the API crate's name when unset.
    #[serde(default)]
    pub bin: Option<String>,
    /// Where the CLI crate finds the API crate, relative to the CLI crate (set by the tool
    /// writing both; `../<crate>` when unset).
    #[serde(default)]
    pub sdk_path: Option<String>,
    /// How the CLI authenticates: the two credential flags, their environment variables, and
    /// the `ClientBuilder` method they are passed to.
    #[serde(default)]
    pub credentials: CliCredentials,
}

/// The CLI's credential flags: `--<user_flag>` and `--<secret_flag>`, read from `user_env` and
/// `secret_env` when not given, passed to `ClientBuilder::<builder>(user, secret)`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CliCredentials {
    #[serde(default = "default_user_flag")]
    pub user_flag: String,
    #[serde(default = "default_secret_flag")]
    pub secret_flag: String,
    /// Environment variable of the user; `<BIN>_USERNAME` when unset.
    #[serde(default)]
    pub user_env: Option<String>,
    /// Environment variable of the secret; `<BIN>_PASSWORD` when unset.
    #[serde(default)]
    pub secret_env: Option<String>,
    /// A `ClientBuilder` method taking `(user, secret)`; HTTP Basic (`basic_auth`) by default.
    #[serde(default = "default_builder")]
    pub builder: String,
}

impl Default for CliCredentials {
    fn default() -> Self {
        CliCredentials { user_flag: default_user_flag(), secret_flag: default_secret_flag(), user_env: None, secret_env: None, builder: default_builder() }
    }
}

fn default_user_flag() -> String {
    "username".into()
}

fn default_secret_flag() -> String {
    "password".into()
}

fn default_builder() -> String {
    "basic_auth".into()
}

impl CliConfig {
    /// The CLI crate's package name.
    pub fn package_name(&self, sdk: &Config) -> String {
        self.package.clone().unwrap_or_else(|| format!("{}-cli", sdk.package.name))
    }

    /// The binary's name.
    pub fn bin_name(&self, sdk: &Config) -> String {
        self.bin.clone().unwrap_or_else(|| sdk.package.name.clone())
    }

    /// The environment variables of the user and the secret.
    pub fn env_names(&self, sdk: &Config) -> (String, String) {
        let prefix = self.bin_name(sdk).to_uppercase().replace('-', "_");
        let c = &self.credentials;
        (c.user_env.clone().unwrap_or_else(|| format!("{prefix}_USERNAME")), c.secret_env.clone().unwrap_or_else(|| format!("{prefix}_PASSWORD")))
    }
}

/// Hand-written files copied into the generated crate.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// Folder whose files are copied as they are, relative to the configuration file.
    pub dir: PathBuf,
    /// Modules (files `src/<name>.rs` of the overlay) declared `pub mod` in `lib.rs`.
    #[serde(default)]
    pub public_modules: Vec<String>,
    /// Modules declared as private `mod` in `lib.rs` (e.g. extra `impl` blocks).
    #[serde(default)]
    pub private_modules: Vec<String>,
    /// Extra lines for the generated `Cargo.toml`'s `[dependencies]`, needed by the overlay's
    /// code only (e.g. `'tokio = { version = "1", features = ["sync"] }'`).
    #[serde(default)]
    pub dependencies: Vec<String>,
    /// With per-service features: the service features an overlay module needs. It compiles
    /// when any entry is on, an entry being a feature or several joined by `+` that must all be
    /// on (`oauth2_errors = ["idp", "m2m"]`, `m2m_auth = ["m2m+sessions"]`). Modules not listed
    /// always compile.
    #[serde(default)]
    pub module_features: BTreeMap<String, Vec<String>>,
}

fn default_version() -> String {
    "0.1.0".into()
}

impl Default for Package {
    fn default() -> Self {
        Package {
            name: "openapi-client".into(),
            version: default_version(),
            description: None,
            repository: None,
            documentation: None,
            homepage: None,
            keywords: Vec::new(),
            categories: Vec::new(),
            rust_version: default_rust_version(),
            license: default_license(),
            include: Vec::new(),
            publish: false,
        }
    }
}

impl Package {
    /// The version requirement a user writes in `Cargo.toml`: `0.1` for `0.1.0`, `2` for
    /// `2.3.1`, the whole version for a pre-release.
    pub fn requirement(&self) -> String {
        let parts: Vec<&str> = self.version.split('.').collect();
        match parts.as_slice() {
            _ if self.version.contains(['-', '+']) => self.version.clone(),
            ["0", "0", ..] => self.version.clone(),
            ["0", minor, ..] => format!("0.{minor}"),
            [major, ..] => (*major).to_owned(),
            [] => self.version.clone(),
        }
    }

    /// What crates.io would refuse: more than five keywords, or a keyword that is not 1 to 20
    /// ASCII letters, digits, `-` or `_` starting with a letter.
    fn check(&self) -> std::result::Result<(), String> {
        if self.keywords.len() > 5 {
            return Err(format!("[package] keywords: crates.io takes at most 5, not {}", self.keywords.len()));
        }
        for k in &self.keywords {
            let ok = (1..=20).contains(&k.len())
                && k.starts_with(|c: char| c.is_ascii_alphabetic())
                && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !ok {
                return Err(format!("[package] keywords: `{k}` is not 1 to 20 ASCII letters, digits, `-` or `_` starting with a letter"));
            }
        }
        Ok(())
    }
}

impl Config {
    /// A configuration for a crate called `name` with every other setting at its default.
    pub fn named(name: &str) -> Config {
        Config {
            package: Package { name: name.to_owned(), ..Package::default() },
            naming: Naming::default(),
            types: Types::default(),
            overlay: None,
            docs: DocsConfig::default(),
            tests: TestsConfig::default(),
            cli: None,
            features: FeaturesConfig::default(),
            standalone: false,
        }
    }

    /// Reads a TOML configuration; a relative overlay folder is resolved against its location.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Io { path: path.to_owned(), message: e.to_string() })?;
        Config::parse(path, &text)
    }

    /// Parses the TOML `text` of a configuration read from `path` (which names it in errors and
    /// anchors a relative overlay folder), e.g. an old version taken from git.
    pub fn parse(path: &Path, text: &str) -> Result<Config> {
        let mut config: Config = toml::from_str(text)
            .map_err(|e| Error::Config { file: path.to_owned(), message: e.to_string() })?;
        config.package.check().map_err(|message| Error::Config { file: path.to_owned(), message })?;
        if let Some(overlay) = &mut config.overlay {
            if overlay.dir.is_relative() {
                let base = path.parent().unwrap_or(Path::new("."));
                overlay.dir = base.join(&overlay.dir);
            }
        }
        Ok(config)
    }

    /// The library name of the crate (`stytch-api` -> `stytch_api`).
    pub fn lib_name(&self) -> String {
        self.package.name.replace('-', "_")
    }
}

#[cfg(test)]
mod tests {
    use super::Package;

    fn package(version: &str, keywords: &[&str]) -> Package {
        Package { version: version.into(), keywords: keywords.iter().map(|k| (*k).to_owned()).collect(), ..Package::default() }
    }

    #[test]
    fn the_version_requirement_keeps_what_semver_treats_as_compatible() {
        assert_eq!(package("0.1.0", &[]).requirement(), "0.1");
        assert_eq!(package("0.12.3", &[]).requirement(), "0.12");
        assert_eq!(package("2.3.1", &[]).requirement(), "2");
        assert_eq!(package("0.0.4", &[]).requirement(), "0.0.4");
        assert_eq!(package("1.0.0-beta.1", &[]).requirement(), "1.0.0-beta.1");
    }

    #[test]
    fn keywords_crates_io_would_refuse_are_named() {
        assert!(package("0.1.0", &["api", "sdk-rs", "auth_2"]).check().is_ok());
        let err = package("0.1.0", &["a", "b", "c", "d", "e", "f"]).check().unwrap_err();
        assert!(err.contains("at most 5"), "{err}");
        let err = package("0.1.0", &["two words"]).check().unwrap_err();
        assert!(err.contains("`two words`"), "{err}");
        let err = package("0.1.0", &["1password"]).check().unwrap_err();
        assert!(err.contains("`1password`"), "{err}");
    }
}
