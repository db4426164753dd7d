//! The two outcomes of a B2B login.
//!
//! The B2B login endpoints (magic links, OAuth, SSO, passwords, email passcodes, the discovery
//! exchange and organization creation, session exchange, impersonation) either log the Member
//! in or stop halfway: the Organization still wants a second factor (`mfa_required`) or another
//! primary method (`primary_required`). In the second case the response has the same shape, but
//! `session_token` and `session_jwt` are empty and `member_session` is absent. Reading
//! `session_token` without looking at `member_authenticated` would treat "MFA pending" as a
//! logged-in Member, so each of these responses has [`outcome`](crate::b2b::magic_links::AuthenticateResponse::outcome),
//! which returns a [`LoginOutcome`] to `match` on. A B2B quick-start, from a new organization
//! to an authenticated session:
//!
//! ```no_run
//! use stytch_api::b2b::discovery::intermediate_sessions::ExchangeRequest;
//! use stytch_api::b2b::magic_links::discovery::AuthenticateRequest;
//! use stytch_api::b2b::magic_links::email::{discovery::SendRequest, InviteRequest};
//! use stytch_api::b2b::organizations::CreateRequest;
//! use stytch_api::b2b::sessions::AuthenticateRequest as SessionRequest;
//! use stytch_api::b2b_login::LoginOutcome;
//! use stytch_api::{Client, RequestOptions};
//!
//! # async fn quick_start(admin_jwt: &str, token_from_link: &str, cookie: &str) -> Result<(), stytch_api::Error> {
//! let client = Client::new("project-test-...", "secret-test-...")?;
//! // 1. An organization.
//! let created = client.b2b().organizations().create(&CreateRequest::new("Acme Co").organization_slug("acme")).await?;
//! let org_id = created.organization.organization_id;
//!
//! // 2. Invite a member, as an admin member: Stytch checks the admin's RBAC permissions.
//! let as_admin = RequestOptions::new().member_session_jwt(admin_jwt);
//! client.b2b().magic_links().email().invite(&InviteRequest::new(&org_id, "ada@acme.com")).with(as_admin).await?;
//!
//! // 3. A discovery magic link: its token comes back to your redirect URL as `?token=...`.
//! client.b2b().magic_links().email().discovery().send(&SendRequest::new("ada@acme.com")).await?;
//! let discovered = client.b2b().magic_links().discovery().authenticate(&AuthenticateRequest::new(token_from_link)).await?;
//!
//! // 4. Exchange the intermediate session for a session in the chosen organization.
//! let login = client
//!     .b2b()
//!     .discovery()
//!     .intermediate_sessions()
//!     .exchange(&ExchangeRequest::new(&discovered.intermediate_session_token, &org_id))
//!     .await?;
//! match login.outcome() {
//!     LoginOutcome::Authenticated { member_session, session_token, .. } => {
//!         println!("{} logged in; store the {}-character token in a cookie", member_session.member_id, session_token.len());
//!     }
//!     LoginOutcome::IntermediateSession { mfa_required, .. } => {
//!         // The organization wants MFA: send an SMS passcode or ask for a TOTP code, passing the
//!         // intermediate session token along.
//!         println!("second factor needed: {mfa_required:?}");
//!     }
//! }
//!
//! // 5. On later requests, authenticate the session from the cookie.
//! let checked = client.b2b().sessions().authenticate(&SessionRequest::new().session_token(cookie)).await?;
//! println!("session {} of {}", checked.member_session.member_session_id, checked.member.email_address);
//! # Ok(())
//! # }
//! ```

use std::fmt;

use crate::types::{MemberSession, MfaRequired, PrimaryRequired};

/// What a B2B login produced: a Session, or an intermediate session that still needs a factor.
///
/// `Debug` leaves the tokens out.
#[derive(Clone, Copy)]
pub enum LoginOutcome<'a> {
    /// The Member is logged in: the response said `member_authenticated` and carried a Session
    /// with its token.
    Authenticated {
        /// The new (or extended) Session.
        member_session: &'a MemberSession,
        /// The Session's opaque token.
        session_token: &'a str,
        /// The Session's JWT (empty if the response had none).
        session_jwt: &'a str,
    },
    /// The Member is not logged in yet. Pass `intermediate_session_token` (valid for 10 minutes)
    /// to the factor that is missing: an MFA endpoint (`b2b().otps().sms()`, `b2b().totp()`,
    /// `b2b().recovery_codes()`) when `mfa_required` is set, or one of
    /// `primary_required.allowed_auth_methods`.
    IntermediateSession {
        /// The token that carries the factors completed so far (empty if the response had none).
        intermediate_session_token: &'a str,
        /// The MFA still needed, if that is what is missing.
        mfa_required: Option<&'a MfaRequired>,
        /// The primary methods still accepted, if that is what is missing.
        primary_required: Option<&'a PrimaryRequired>,
    },
}

impl LoginOutcome<'_> {
    /// Whether the Member is logged in.
    pub fn is_authenticated(&self) -> bool {
        matches!(self, LoginOutcome::Authenticated { .. })
    }
}

/// The two-way decision every login response makes: a Session only when the response says the
/// Member is authenticated and carries a Session and a non-empty token.
fn decide<'a>(
    member_authenticated: bool,
    member_session: Option<&'a MemberSession>,
    session_token: Option<&'a str>,
    session_jwt: Option<&'a str>,
    intermediate_session_token: Option<&'a str>,
    mfa_required: Option<&'a MfaRequired>,
    primary_required: Option<&'a PrimaryRequired>,
    ) -> LoginOutcome<'a> {
    match (member_authenticated, member_session, session_token.filter(|t| !t.is_empty())) {
        (true, Some(member_session), Some(session_token)) => {
            LoginOutcome::Authenticated { member_session, session_token, session_jwt: session_jwt.unwrap_or_default() }
        }
        _ => LoginOutcome::IntermediateSession {
            intermediate_session_token: intermediate_session_token.unwrap_or_default(),
            mfa_required,
            primary_required,
        },
    }
}

impl fmt::Debug for LoginOutcome<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoginOutcome::Authenticated { member_session, .. } => f
                .debug_struct("Authenticated")
                .field("member_session", member_session)
                .field("session_token", &"<redacted>")
                .field("session_jwt", &"<redacted>")
                .finish(),
            LoginOutcome::IntermediateSession { mfa_required, primary_required, .. } => f
                .debug_struct("IntermediateSession")
                .field("intermediate_session_token", &"<redacted>")
                .field("mfa_required", mfa_required)
                .field("primary_required", primary_required)
                .finish(),
        }
    }
}

/// `outcome()` for a login response; `no_primary` for responses without `primary_required`.
macro_rules! login_response {
    ($($ty:ty),* $(,)?) => {$(
        impl $ty {
            /// Whether this login issued a Session or still needs a factor: see
            /// [`LoginOutcome`](crate::b2b_login::LoginOutcome).
            pub fn outcome(&self) -> LoginOutcome<'_> {
                decide(
                    self.member_authenticated,
                    self.member_session.as_ref(),
                    self.session_token.as_deref(),
                    self.session_jwt.as_deref(),
                    self.intermediate_session_token.as_deref(),
                    self.mfa_required.as_ref(),
                    self.primary_required.as_ref(),
                )
            }
        }
    )*};
    (no_primary: $($ty:ty),* $(,)?) => {$(
        impl $ty {
            /// Whether this login issued a Session or still needs a factor: see
            /// [`LoginOutcome`](crate::b2b_login::LoginOutcome).
            pub fn outcome(&self) -> LoginOutcome<'_> {
                decide(
                    self.member_authenticated,
                    self.member_session.as_ref(),
                    self.session_token.as_deref(),
                    self.session_jwt.as_deref(),
                    self.intermediate_session_token.as_deref(),
                    self.mfa_required.as_ref(),
                    None,
                )
            }
        }
    )*};
}

login_response!(
    crate::b2b::discovery::intermediate_sessions::ExchangeResponse,
    crate::b2b::discovery::organizations::CreateResponse,
    crate::b2b::magic_links::AuthenticateResponse,
    crate::b2b::oauth::AuthenticateResponse,
    crate::b2b::otps::email::AuthenticateResponse,
    crate::b2b::passwords::AuthenticateResponse,
    crate::b2b::passwords::email::ResetResponse,
    crate::b2b::passwords::existing_password::ResetResponse,
    crate::b2b::sso::AuthenticateResponse,
    crate::b2b::sessions::ExchangeResponse,
);
login_response!(no_primary: crate::b2b::impersonation::AuthenticateResponse, crate::b2b::passwords::session::ResetResponse);
