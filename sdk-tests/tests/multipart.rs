//! `multipart/form-data` bodies on the wire, on a generated crate whose spec declares them
//! (`codegen/tests/fixtures/multipart.yaml`): the boundary in the content type, then each
//! part's name, file name, content type and bytes, and the same form again on a retry.

use std::time::Duration;

use fixture_multipart::documents::{UploadDocumentRequest, UploadDocumentRequestKind, UploadDocumentRequestMetadata};
use fixture_multipart::{Client, FilePart, RequestOptions, RetryPolicy};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// One part as received: its name, file name, content type and body.
#[derive(Debug, PartialEq)]
struct Received {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    body: Vec<u8>,
}

/// Splits a received multipart body at the boundary its content type announces.
fn parts(request: &Request) -> Vec<Received> {
    let content_type = request.headers.get("content-type").expect("a content type").to_str().unwrap();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").unwrap_or_else(|| panic!("not multipart: {content_type}"));
    let delimiter = format!("--{boundary}");
    let body = &request.body;
    let mut starts: Vec<usize> = body.windows(delimiter.len()).enumerate().filter(|(_, w)| *w == delimiter.as_bytes()).map(|(i, _)| i).collect();
    assert!(body.ends_with(format!("{delimiter}--\r\n").as_bytes()), "the body ends with the closing delimiter");
    let end = starts.pop().expect("a closing delimiter");
    starts.push(end);
    starts
        .windows(2)
        .map(|w| {
            // `--boundary\r\n<headers>\r\n\r\n<body>\r\n`
            let part = &body[w[0] + delimiter.len() + 2..w[1] - 2];
            let split = part.windows(4).position(|x| x == b"\r\n\r\n").expect("headers end");
            let headers = std::str::from_utf8(&part[..split]).unwrap();
            let mut received = Received { name: String::new(), file_name: None, content_type: None, body: part[split + 4..].to_vec() };
            for line in headers.split("\r\n") {
                let (key, value) = line.split_once(": ").unwrap();
                match key.to_ascii_lowercase().as_str() {
                    "content-disposition" => {
                        for attr in value.split("; ").skip(1) {
                            let (k, v) = attr.split_once('=').unwrap();
                            let v = v.trim_matches('"').to_owned();
                            match k {
                                "name" => received.name = v,
                                "filename" => received.file_name = Some(v),
                                other => panic!("unexpected attribute {other}"),
                            }
                        }
                    }
                    "content-type" => received.content_type = Some(value.to_owned()),
                    other => panic!("unexpected part header {other}"),
                }
            }
            received
        })
        .collect()
}

fn client(server: &MockServer) -> Client {
    let fast = RetryPolicy::new().initial_backoff(Duration::from_millis(1));
    Client::builder().base_url(server.uri()).retry_policy(fast).build().unwrap()
}

fn document() -> UploadDocumentRequest {
    UploadDocumentRequest::new(FilePart::new(b"%PDF-1.7 \x00\xff".to_vec()).file_name("report.pdf"), "Q3 report")
        .pages(12)
        .public(false)
        .kind(UploadDocumentRequestKind::Invoice)
        .metadata(UploadDocumentRequestMetadata::new().source("scanner"))
        .attachments(vec![
            FilePart::new(&b"first"[..]).file_name("a.txt").content_type("text/plain"),
            FilePart::new(&b"\x01\x02"[..]),
        ])
        .tags(vec!["q3".into(), "finance".into()])
}

fn part(name: &str, file_name: Option<&str>, content_type: Option<&str>, body: &[u8]) -> Received {
    Received { name: name.to_owned(), file_name: file_name.map(str::to_owned), content_type: content_type.map(str::to_owned), body: body.to_vec() }
}

/// Checks that `request` carries the parts of `document()`, in order.
fn check(request: &Request) {
    let expected = [
        // The spec's `encoding.file.contentType`.
        part("file", Some("report.pdf"), Some("application/pdf"), b"%PDF-1.7 \x00\xff"),
        part("title", None, None, b"Q3 report"),
        part("pages", None, None, b"12"),
        part("public", None, None, b"false"),
        part("kind", None, None, b"invoice"),
        // A JSON part, in the spec's `encoding.metadata.contentType`.
        part("metadata", None, Some("application/vnd.example+json"), br#"{"source":"scanner"}"#),
        // One part per file: the caller's content type wins, else octet-stream.
        part("attachments", Some("a.txt"), Some("text/plain"), b"first"),
        part("attachments", None, Some("application/octet-stream"), b"\x01\x02"),
        part("tags", None, Some("application/json"), br#"["q3","finance"]"#),
    ];
    assert_eq!(parts(request), expected);
}

#[tokio::test]
async fn every_part_is_sent_with_its_name_file_name_content_type_and_bytes() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "doc_1"}))).mount(&server).await;
    let stored = client(&server).documents().upload_document(&document()).await.unwrap();
    assert_eq!(stored.id, "doc_1");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    check(&requests[0]);
}

#[tokio::test]
async fn unset_optional_fields_send_no_part() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "doc_2"}))).mount(&server).await;
    let request = UploadDocumentRequest::new(FilePart::new(&b"x"[..]), "only required");
    client(&server).documents().upload_document(&request).await.unwrap();
    let received = parts(&server.received_requests().await.unwrap()[0]);
    let names: Vec<&str> = received.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["file", "title"]);
}

#[tokio::test]
async fn a_retry_sends_the_whole_form_again() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(503).set_body_json(json!({"message": "busy"}))).up_to_n_times(1).mount(&server).await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "doc_3"}))).mount(&server).await;
    let call = client(&server).documents().upload_document(&document());
    let stored = call.with(RequestOptions::new().idempotent(true)).await.expect("retried after the 503");
    assert_eq!(stored.id, "doc_3");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    requests.iter().for_each(check);
}

#[tokio::test]
async fn an_invalid_content_type_is_a_config_error_before_sending() {
    let server = MockServer::start().await;
    let request = UploadDocumentRequest::new(FilePart::new(&b"x"[..]).content_type("not a media type"), "t");
    let err = client(&server).documents().upload_document(&request).await.unwrap_err();
    assert!(matches!(err, fixture_multipart::Error::Config(ref m) if m.contains("not a media type") && m.contains("`file`")), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
