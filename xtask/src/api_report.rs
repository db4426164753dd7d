//! The API change report between a git revision and the working tree: both sides are lowered
//! to the IR by the current generator from the spec and configuration as they are at the
//! revision (`git show REV:path`) and on disk, then compared with [`codegen::api_diff`].
//! Generator changes alone are therefore not reported; spec and configuration changes are.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::api_diff::{self, Report};
use codegen::ir::Api;
use codegen::{Config, Spec};

/// A spec and its optional generator configuration, as paths in the working tree.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub spec: PathBuf,
    pub config: Option<PathBuf>,
}

impl Inputs {
    /// The SDK's: `spec/stytch.yaml` and `spec/codegen.toml`.
    pub fn sdk(root: &Path) -> Inputs {
        Inputs { spec: root.join("spec/stytch.yaml"), config: Some(root.join("spec/codegen.toml")) }
    }

    /// The configuration on disk, or the default one.
    pub fn config_in_tree(&self) -> Result<Config, String> {
        match &self.config {
            Some(path) => Config::load(path).map_err(|e| e.to_string()),
            None => Ok(Config::named("openapi-client")),
        }
    }

    /// The configuration as it is at `rev`.
    pub fn config_at(&self, rev: &str) -> Result<Config, String> {
        match &self.config {
            Some(path) => Config::parse(path, &show(path, rev)?).map_err(|e| e.to_string()),
            None => Ok(Config::named("openapi-client")),
        }
    }

    /// The API the working tree describes.
    pub fn api_in_tree(&self) -> Result<Api, String> {
        let spec = Spec::load(&self.spec).map_err(|e| e.to_string())?;
        codegen::lower::lower(&spec, &self.config_in_tree()?).map_err(|e| e.to_string())
    }

    /// The API described at `rev`; every file of a multi-file spec is read as it is at `rev`.
    pub fn api_at(&self, rev: &str) -> Result<Api, String> {
        let text = show(&self.spec, rev)?;
        let spec = Spec::parse_with(&self.spec, &text, &|file| show(file, rev)).map_err(|e| format!("at {rev}: {e}"))?;
        codegen::lower::lower(&spec, &self.config_at(rev)?).map_err(|e| format!("at {rev}: {e}"))
    }

    /// The public API changes from `rev` to the working tree.
    pub fn diff(&self, rev: &str) -> Result<Report, String> {
        Ok(api_diff::compare(&self.api_at(rev)?, &self.api_in_tree()?))
    }
}

/// Runs git in `dir`; its stdout, or its stderr as the error.
pub fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!("git {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim()))
    }
}

/// The text of the file at `path` (in a git working tree) as it is at `rev`; the file may be
/// gone from the working tree, not its folder.
pub fn show(path: &Path, rev: &str) -> Result<String, String> {
    let full = std::fs::canonicalize(path)
        .or_else(|e| match (path.parent().map(std::fs::canonicalize), path.file_name()) {
            (Some(Ok(dir)), Some(name)) => Ok(dir.join(name)),
            _ => Err(e),
        })
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let dir = full.parent().ok_or_else(|| format!("{}: no parent folder", full.display()))?;
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    let top = std::fs::canonicalize(top.trim()).map_err(|e| format!("{}: {e}", top.trim()))?;
    let rel = full.strip_prefix(&top).map_err(|_| format!("{} is outside the git repository {}", full.display(), top.display()))?;
    let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    git(&top, &["show", &format!("{rev}:{rel}")])
}

/// The report `cargo xtask regen` prints: the SDK's spec and configuration at `HEAD` against
/// the working tree, or a note saying why there is none (no git, no commit yet...).
pub fn since_head(root: &Path) -> String {
    let inputs = Inputs::sdk(root);
    let report = inputs.diff("HEAD").and_then(|r| {
        let config = inputs.config_at("HEAD")?;
        let version = api_diff::version::parse(&config.package.version, "spec/codegen.toml at HEAD")?;
        Ok(r.text(&format!("HEAD (version {version})"), &version))
    });
    report.unwrap_or_else(|e| format!("API change report skipped: {e}\n"))
}
