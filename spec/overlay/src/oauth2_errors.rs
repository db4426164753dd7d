//! The OAuth2 endpoints (`m2m().token()`, `idp().introspect_token_network()`...) answer errors as
//! `{"error", "error_description", "error_uri"}` rather than Stytch's error object. They are
//! converted into it, so every failed call is an `Error::Api` whose body has an `error_type`.

use crate::request::IntoApiError;
use crate::types::{ErrorType, Oauth2Error, StytchError};

impl IntoApiError for Oauth2Error {
    fn into_api_error(self, status: u16) -> StytchError {
        StytchError {
            status_code: i32::from(status),
            // OAuth2 error bodies carry no request id.
            request_id: String::new(),
            error_type: ErrorType::from(self.error.as_str()),
            error_message: self.error_description.unwrap_or_else(|| self.error.clone()),
            error_url: self.error_uri,
            error_details: None,
        }
    }
}
