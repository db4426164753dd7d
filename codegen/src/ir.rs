//! The intermediate representation: plain, printable data between the spec and the emitters.
//! Names in here are final Rust spellings (already made safe, e.g. `r#type`); nothing here
//! knows about token streams.

use serde::Serialize;

/// A whole API, ready to emit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub docs: Docs,
    /// Default servers, in spec order; the first is the client's default base URL.
    pub servers: Vec<Server>,
    /// Top-level services, sorted by module name.
    pub services: Vec<Service>,
    /// Every named type, sorted by module then name.
    pub types: Vec<TypeDef>,
    /// The body that `Error::Api` carries.
    pub error_body: TypeRef,
    /// Name of the module holding types shared between services.
    pub shared_module: String,
    /// Header parameters set per call with a typed `RequestOptions` setter, one per header,
    /// sorted by setter.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub request_options: Vec<RequestOption>,
    /// The security schemes of `components.securitySchemes`, sorted by name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub security_schemes: Vec<SecurityScheme>,
    /// The top-level `security`: what operations without their own require. `None` when the
    /// spec says nothing, and the client sends whatever HTTP credentials it was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security: Option<Vec<Requirement>>,
    /// What loading and lowering worked around (renames, raw-JSON fallbacks, coerced values),
    /// in the order found. Emitters ignore it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<crate::error::Warning>,
}

/// Documentation text, one entry per line, already trimmed of trailing blanks.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Docs(pub Vec<String>);

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Server {
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A group of operations reached as `client.<accessor>()`, possibly nested.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    /// Module path from the crate root, e.g. `["magic_links", "email"]`.
    pub module: Vec<String>,
    /// The accessor method on the parent (`email`).
    pub accessor: String,
    /// The service struct (`MagicLinksEmail`).
    pub struct_name: String,
    /// URL prefix the service's operations share, for its docs (`/v1/magic_links/email`).
    pub url_prefix: String,
    /// The cargo feature that turns a top-level service on (`magic-links`), when the crate has
    /// per-service features; `None` for nested services (their parent's feature covers them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
    pub operations: Vec<Operation>,
    pub children: Vec<Service>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// The spec's operationId, or `METHOD /path` when it has none.
    pub id: String,
    pub method_name: String,
    pub http_method: String,
    /// The path template as written in the spec (`/v1/users/{user_id}`).
    pub path: String,
    pub docs: Docs,
    pub deprecated: bool,
    pub params: Vec<Param>,
    /// The generated struct holding the query and header parameters, if there are any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub params_type: Option<TypeRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    pub success: Success,
    pub errors: Vec<ErrorResponse>,
    /// An error schema of this operation that is decoded first and converted into the error body
    /// (configured in `error_conversions`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_conversion: Option<TypeRef>,
    /// Operation-level servers overriding the default ones.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    pub auth: Auth,
    /// The header parameter carrying an idempotency key, if the operation declares one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idempotency_header: Option<String>,
    /// How to follow this operation's pages, when it is cursor-paginated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
    /// Optional header parameters the caller sets through `RequestOptions` (`x-request-option`)
    /// instead of the parameter struct; they are not in [`Operation::params`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub request_options: Vec<RequestOption>,
}

/// An optional header parameter marked `x-request-option`: a typed per-call setter on
/// `RequestOptions` (`.member_session_jwt(jwt)`) sends it, on the operations that declare it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestOption {
    /// The header's name on the wire (`X-Stytch-Member-SessionJWT`).
    pub header: String,
    /// The setter's name (`member_session_jwt`).
    pub setter: String,
    /// The parameter's description.
    pub docs: Docs,
}

/// A cursor-paginated operation: the request body carries a cursor, and each page returns
/// its items and the cursor of the next page (empty or absent on the last one).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pagination {
    /// The method that walks every page (`search_all`).
    pub method_name: String,
    /// Rust name of the request body's optional string field that takes the cursor.
    pub request_field: String,
    /// Rust field names leading from the response to the next cursor
    /// (`results_metadata`, `next_cursor`), each saying whether it is an `Option`.
    pub next_cursor_path: Vec<FieldStep>,
    /// Rust name of the response's array field holding the page's items.
    pub items_field: String,
    /// Whether that array field is an `Option`.
    pub items_optional: bool,
    /// The type of one item.
    pub item_ty: TypeRef,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldStep {
    pub field: String,
    pub optional: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Param {
    /// Name on the wire.
    pub name: String,
    pub rust_name: String,
    pub location: ParamLocation,
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Docs,
    /// Filled in by the client from its own settings (`x-client-param`), not by the caller.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_param: Option<String>,
    /// How a query array or object is spelled, when it is not the default (`form`, exploded:
    /// `?tag=a&tag=b`, `?name=x&age=3`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<QueryStyle>,
    /// The spec's `example` value (the parameter's, else its schema's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryStyle {
    /// `form` with `explode: false`: `?tag=a,b`, `?point=x,1,y,2`.
    FormUnexploded,
    /// `?point[x]=1&point[y]=2`.
    DeepObject,
    /// `?tag=a%20b` (arrays only).
    SpaceDelimited,
    /// `?tag=a|b` (arrays only).
    PipeDelimited,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaType {
    Json,
    Form,
    /// `text/*`: the body is a `String`, sent as it is.
    Text,
    /// Any other media type (`application/octet-stream`, `image/*`, an empty or unknown one):
    /// raw bytes with their content type.
    Bytes,
    /// `multipart/form-data`: the body is a [`TypeKind::Multipart`] type, sent part by part.
    Multipart,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Body {
    pub media: MediaType,
    /// The exact content type sent.
    pub content_type: String,
    pub ty: TypeRef,
    pub required: bool,
}

/// What a successful call returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Success {
    /// A JSON body of this type, with the status code it was declared under. `optional` when
    /// the same status may come without a body (`204`, `205`, `2XX`, `default`): the method
    /// returns an `Option`.
    Json {
        status: String,
        ty: TypeRef,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        optional: bool,
    },
    /// A text body, returned as it is.
    Text { status: String },
    /// No body worth decoding.
    Empty { status: String },
    /// Raw bytes in a non-JSON, non-text media type (`application/octet-stream`, `image/png`...).
    Bytes { status: String, content_type: String },
    /// Several success statuses with different bodies: an enum named `type_name`, emitted next
    /// to the operation, with one variant per status.
    ByStatus { type_name: String, variants: Vec<StatusVariant> },
}

/// One success status of a [`Success::ByStatus`] operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusVariant {
    /// `Ok` for 200, `Accepted` for 202..., `Other` for `2XX`.
    pub rust_name: String,
    pub docs: Docs,
    /// What this status carries (never `ByStatus`).
    pub success: Success,
}

impl Success {
    /// The status code the success was declared under (`200`, `2XX`, `default`).
    pub fn status(&self) -> &str {
        match self {
            Success::Json { status, .. } | Success::Text { status } | Success::Empty { status } | Success::Bytes { status, .. } => status,
            Success::ByStatus { variants, .. } => variants.first().map_or("2XX", |v| v.success.status()),
        }
    }
}

/// A declared non-success response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorResponse {
    /// `400`, `4XX` or `default`.
    pub status: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ty: Option<TypeRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Auth {
    /// No credentials are sent.
    None,
    /// The API's default requirement ([`Api::security`]), with the client's credentials.
    Client,
    /// A bearer token passed to each call (the operation's own security is only an HTTP bearer
    /// scheme, unlike the API's default).
    BearerArgument,
    /// The operation's own requirements, unlike the API's default: alternatives, the first the
    /// client has credentials for is used.
    Schemes(Vec<Requirement>),
}

/// One security requirement: the schemes (by their spec name) that are all sent together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Requirement(pub Vec<String>);

/// One entry of `components.securitySchemes`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SecurityScheme {
    /// The scheme's key in the spec (`petstore_auth`), as requirements name it.
    pub name: String,
    /// Its snake-case spelling (`petstore_auth`), the stem of its setters and CLI flag.
    pub rust_name: String,
    pub docs: Docs,
    pub kind: SchemeKind,
    /// The `ClientBuilder` method that takes this scheme's credential (`petstore_auth_token`);
    /// `None` when a generic method serves it (the only HTTP Basic scheme: `basic_auth`, the
    /// only HTTP bearer scheme: `bearer_auth`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setter: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SchemeKind {
    /// A key sent as the header, query parameter or cookie `param`.
    ApiKey { location: KeyLocation, param: String },
    /// `Authorization: Basic base64(user:password)`.
    Basic,
    /// `Authorization: <scheme> <token>`: `Bearer` or any other HTTP scheme word, as written.
    Http { scheme: String },
    /// An OAuth2 access token, sent as a bearer token; with a `clientCredentials` flow, the
    /// client can fetch it from `token_url` itself.
    OAuth2 {
        #[serde(skip_serializing_if = "Option::is_none")]
        token_url: Option<String>,
        /// The scopes the client-credentials flow declares, in spec order.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        scopes: Vec<String>,
    },
    /// An OpenID Connect ID or access token, sent as a bearer token.
    OpenIdConnect { url: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyLocation {
    Header,
    Query,
    Cookie,
}

/// A reference to a type, as a field or parameter uses it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeRef {
    String,
    Bool,
    I32,
    I64,
    U32,
    U64,
    F32,
    F64,
    /// Any JSON value.
    Json,
    /// A JSON object with arbitrary keys.
    JsonObject,
    Array(Box<TypeRef>),
    /// An object whose keys are free and values of one type.
    Map(Box<TypeRef>),
    /// A value that may be JSON `null`.
    Nullable(Box<TypeRef>),
    /// A named type, by its id (see [`TypeDef::id`]).
    Named(String),
    /// Raw bytes: a request body in a non-JSON, non-text media type.
    Bytes,
    /// A file part of a multipart body (the runtime's `FilePart`: bytes, file name, content
    /// type); only in [`TypeKind::Multipart`] fields.
    File,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeDef {
    /// Stable id: the JSON pointer of the schema it came from.
    pub id: String,
    pub name: String,
    /// Module path from the crate root, e.g. `["magic_links"]` or `["types"]`.
    pub module: Vec<String>,
    pub docs: Docs,
    pub kind: TypeKind,
    /// Whether the type travels in requests (it gets a constructor and setters).
    pub input: bool,
    /// Whether the type is decoded from responses.
    pub output: bool,
    /// Cargo features of which at least one must be on for the type to compile (the services
    /// that use it, directly or through other types), beyond its module's own; empty when it
    /// compiles whenever its module does.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    Struct { fields: Vec<Field> },
    /// A string enum with a catch-all variant for values the spec does not list.
    StringEnum { variants: Vec<Variant>, unknown_variant: String },
    /// `oneOf`/`anyOf`: one of several shapes.
    Union { variants: Vec<UnionVariant>, discriminator: Option<String> },
    /// A named schema that is just another type (an array, a string...).
    Alias { ty: TypeRef },
    /// A `multipart/form-data` request body: one field per part.
    Multipart { parts: Vec<Part> },
}

/// One field of a multipart body and how it is sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    pub field: Field,
    pub encoding: PartEncoding,
    /// The part's content type from the media type's `encoding.<field>.contentType`, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
}

/// How a multipart field becomes parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartEncoding {
    /// A scalar (string, number, boolean, string enum): one text part.
    Text,
    /// Anything else that is not a file (object, array of non-files, map): one JSON text part.
    Json,
    /// `format: binary` or `byte`: one file part (`TypeRef::File`).
    File,
    /// An array of files: the part repeated once per file.
    Files,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    pub name: String,
    pub rust_name: String,
    pub ty: TypeRef,
    pub required: bool,
    pub docs: Docs,
    pub sensitive: bool,
    pub deprecated: bool,
    /// Stored behind a `Box` because the type contains itself.
    pub boxed: bool,
    /// The spec's `example` value for the property (its own, else the referenced schema's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    pub value: String,
    pub rust_name: String,
    /// What the value means, from the schema's `x-enum-descriptions` map.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnionVariant {
    pub rust_name: String,
    /// The discriminator value selecting this variant, when there is a discriminator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    pub ty: TypeRef,
}

impl Api {
    /// All operations, depth first, in emission order.
    pub fn operations(&self) -> Vec<(&Service, &Operation)> {
        fn walk<'a>(s: &'a Service, out: &mut Vec<(&'a Service, &'a Operation)>) {
            out.extend(s.operations.iter().map(|o| (s, o)));
            s.children.iter().for_each(|c| walk(c, out));
        }
        let mut out = Vec::new();
        self.services.iter().for_each(|s| walk(s, &mut out));
        out
    }
}

impl Field {
    /// Whether the Rust field is an `Option`: optional in the spec, or nullable.
    pub fn is_optional(&self) -> bool {
        !self.required || matches!(self.ty, TypeRef::Nullable(_))
    }
}

impl TypeKind {
    /// The fields of a struct, or of a multipart body (one per part); none for other kinds.
    pub fn fields(&self) -> Vec<&Field> {
        match self {
            TypeKind::Struct { fields } => fields.iter().collect(),
            TypeKind::Multipart { parts } => parts.iter().map(|p| &p.field).collect(),
            _ => Vec::new(),
        }
    }
}

impl TypeDef {
    /// The value of a string enum that has exactly one: a required field of such a type is set
    /// by the request constructor instead of being passed to it.
    pub fn single_value(&self) -> Option<&Variant> {
        match &self.kind {
            TypeKind::StringEnum { variants, .. } if variants.len() == 1 => variants.first(),
            _ => None,
        }
    }
}

impl Docs {
    /// Splits text into trimmed lines, dropping leading and trailing blank lines and
    /// collapsing runs of blank lines into one.
    pub fn from_text(text: &str) -> Docs {
        let mut lines: Vec<String> = Vec::new();
        for line in text.lines() {
            let line = line.trim_end();
            if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
                continue;
            }
            lines.push(line.to_owned());
        }
        while lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        Docs(lines)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Appends a paragraph, separated by a blank line.
    pub fn push_paragraph(&mut self, text: &str) {
        let more = Docs::from_text(text);
        if more.is_empty() {
            return;
        }
        if !self.0.is_empty() {
            self.0.push(String::new());
        }
        self.0.extend(more.0);
    }
}
