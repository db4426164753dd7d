//! The `tracing` span of a call: its fields, and what it must never carry.

use std::sync::{Arc, Mutex};

use serde_json::json;
use stytch_api::passwords::CreateRequest;
use stytch_api::Client;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::Subscriber;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::Layer;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Every span name and field the layer saw, as `name: field=value` lines.
#[derive(Clone, Default)]
struct Recorded(Arc<Mutex<Vec<String>>>);

struct Collect<'a>(&'a mut Vec<String>);

impl Visit for Collect<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push(format!("{}={value:?}", field.name()));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push(format!("{}={value}", field.name()));
    }
}

impl<S: Subscriber> Layer<S> for Recorded {
    fn on_new_span(&self, attrs: &Attributes<'_>, _id: &Id, _ctx: Context<'_, S>) {
        let mut fields = Vec::new();
        attrs.record(&mut Collect(&mut fields));
        let name = attrs.metadata().name();
        self.0.lock().unwrap().extend(fields.into_iter().map(|f| format!("{name}: {f}")));
    }
    fn on_record(&self, _id: &Id, values: &Record<'_>, _ctx: Context<'_, S>) {
        let mut fields = Vec::new();
        values.record(&mut Collect(&mut fields));
        self.0.lock().unwrap().extend(fields.into_iter().map(|f| format!("record: {f}")));
    }
    fn on_event(&self, event: &tracing::Event<'_>, _ctx: Context<'_, S>) {
        let mut fields = Vec::new();
        event.record(&mut Collect(&mut fields));
        self.0.lock().unwrap().extend(fields.into_iter().map(|f| format!("event: {f}")));
    }
}

#[tokio::test]
async fn one_span_per_call_with_route_status_attempts_and_request_id_but_no_body_or_secret() {
    let recorded = Recorded::default();
    let _guard = tracing::subscriber::set_default(tracing_subscriber::registry().with(recorded.clone()));
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("request-id", "request-id-hdr-5")
                .set_body_json(json!({"request_id": "r", "user_id": "user-body-value", "email_id": "e", "status_code": 200, "user": {"user_id": "user-body-value"}})),
        )
        .mount(&server)
        .await;
    let client = Client::builder().project("project-test-1", "secret-never-logged").base_url(server.uri()).build().unwrap();
    // The response may not decode fully; the span is what is under test.
    let _ = client.passwords().create(&CreateRequest::new("ada@example.com", "password-never-logged")).await;

    let lines = recorded.0.lock().unwrap().clone();
    let all = lines.join("\n");
    for expected in [
        "api_call: operation=api_password_v1_Create",
        "api_call: http.method=POST",
        "api_call: http.route=/v1/passwords",
        "record: http.status=200",
        "record: attempts=1",
        "record: request_id=request-id-hdr-5",
    ] {
        assert!(lines.iter().any(|l| l == expected), "missing `{expected}` in:\n{all}");
    }
    assert!(lines.iter().any(|l| l.starts_with("record: duration_ms=")), "{all}");
    for secret in ["secret-never-logged", "password-never-logged", "ada@example.com", "user-body-value"] {
        assert!(!all.contains(secret), "`{secret}` leaked into tracing:\n{all}");
    }
}
