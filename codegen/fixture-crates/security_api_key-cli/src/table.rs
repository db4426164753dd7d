// @generated: copied from the generator's CLI runtime (codegen/cli-runtime/table.rs) by `cargo xtask regen`. Edit it there.

//! What the generated operation table says about each command: its path, summary, and the
//! flags and positionals built from the operation's parameters and request type.

/// One operation, callable as `<bin> <command...>`.
#[derive(Debug)]
pub struct Operation {
    /// The spec's operationId, which the dispatcher matches on.
    pub id: &'static str,
    /// The command path: the SDK's service path and method name in kebab case
    /// (`["magic-links", "email", "send"]`).
    pub command: &'static [&'static str],
    /// The first line of the operation's docs.
    pub summary: &'static str,
    /// The whole docs, for the command's own `--help`.
    pub docs: &'static str,
    /// `POST`, for the help text.
    pub method: &'static str,
    /// The path template, for the help text.
    pub path: &'static str,
    /// Positionals and flags, in order.
    pub args: &'static [Arg],
    /// What the request body is, if the operation has one.
    pub body: Body,
}

/// A command group: a service with sub-services or operations.
#[derive(Debug)]
pub struct Group {
    pub command: &'static [&'static str],
    pub about: &'static str,
}

/// The request body of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// No body.
    #[allow(dead_code, reason = "only used by APIs with operations without a body")]
    None,
    /// A JSON (or form) object: fields from flags, merged over `--json` / `--body-file`.
    #[allow(dead_code, reason = "only used by APIs with JSON object bodies")]
    Object,
    /// Any other JSON value (an array, a union...): only from `--json` / `--body-file`.
    #[allow(dead_code, reason = "only used by APIs with non-object JSON bodies")]
    Value { required: bool },
    #[allow(dead_code, reason = "only used by APIs with text or raw request bodies")]
    /// Text or bytes sent as they are, read from `--body-file`; `open_content_type` when the
    /// caller names the media type with `--content-type`.
    Raw { open_content_type: bool },
}

/// One input of an operation.
#[derive(Debug)]
pub struct Arg {
    /// The flag (`session-duration-minutes`) or, for a path parameter, the positional's name.
    pub flag: &'static str,
    /// The name on the wire (`session_duration_minutes`).
    pub wire: &'static str,
    pub place: Place,
    pub kind: Kind,
    /// A JSON array of `kind` values, from a repeated flag.
    pub many: bool,
    pub required: bool,
    pub help: &'static str,
}

/// Where an input goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A positional, filled into the URL path.
    #[allow(dead_code, reason = "only used by APIs with path parameters")]
    Path,
    #[allow(dead_code, reason = "only used by APIs with query parameters")]
    Query,
    #[allow(dead_code, reason = "only used by APIs with header parameters")]
    Header,
    /// A field of the JSON body.
    #[allow(dead_code, reason = "only used by APIs with JSON object bodies")]
    Body,
    /// A bearer token sent instead of the client's credentials.
    #[allow(dead_code, reason = "only used by APIs taking a bearer token per call")]
    Bearer,
    /// A header sent through its typed `RequestOptions` setter; `wire` is the setter's name.
    #[allow(dead_code, reason = "only used by APIs with per-call option headers")]
    Option,
}

/// How a value is parsed from the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    #[allow(dead_code, reason = "only used by APIs with string inputs")]
    String,
    #[allow(dead_code, reason = "only used by APIs with boolean inputs")]
    Bool,
    #[allow(dead_code, reason = "only used by APIs with integer inputs")]
    Integer,
    #[allow(dead_code, reason = "only used by APIs with floating-point inputs")]
    Number,
    /// One of these values.
    #[allow(dead_code, reason = "only used by APIs with enum inputs")]
    Enum(&'static [&'static str]),
}
