//! Stytch project credentials: `Client::new(project_id, secret)` and the choice of server.

use crate::{Client, ClientBuilder, Error};

/// Stytch's live API host, used for `project-live-` project ids.
const LIVE_BASE_URL: &str = "https://api.stytch.com";
/// Stytch's test API host, used for every other project id.
const TEST_BASE_URL: &str = "https://test.stytch.com";
/// The host of the fraud and risk operations (`client.fraud()`), as the API description says.
const FRAUD_BASE_URL: &str = "https://telemetry.stytch.com";

impl Client {
    /// A client for the Stytch project `project_id`, authenticated with its `secret`.
    ///
    /// Requests go to `https://api.stytch.com` when the project id starts with
    /// `project-live-`, and to `https://test.stytch.com` otherwise. Use [`Client::builder`] and
    /// [`ClientBuilder::project`] to change the server, timeout or HTTP client.
    pub fn new(project_id: impl Into<String>, secret: impl Into<String>) -> Result<Client, Error> {
        Client::builder().project(project_id, secret).build()
    }
}

impl ClientBuilder {
    /// Authenticates as the Stytch project `project_id` with its `secret` (HTTP Basic), fills
    /// the project id into the operations that need it, and picks the live or test server from
    /// the project id unless [`ClientBuilder::base_url`] sets one.
    pub fn project(self, project_id: impl Into<String>, secret: impl Into<String>) -> ClientBuilder {
        let project_id = project_id.into();
        let server = if project_id.starts_with("project-live-") { LIVE_BASE_URL } else { TEST_BASE_URL };
        self.default_base_url(server)
            .client_param("project_id", project_id.clone())
            .basic_auth(project_id, secret)
    }

    /// Sends the fraud and risk operations (`client.fraud()`), which Stytch serves from
    /// `https://telemetry.stytch.com`, to `url` instead (a proxy or a test server).
    pub fn fraud_base_url(self, url: impl Into<String>) -> ClientBuilder {
        self.server_url(FRAUD_BASE_URL, url)
    }
}
