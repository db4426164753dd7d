//! Generator configuration: what the spec cannot say (crate name, overlay, naming hints).
//! Every field has a default, so `cargo xtask generate` works on a bare spec.

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
    #[serde(default)]
    pub publish: bool,
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
            publish: false,
        }
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
