//! The layers around every route: request ids, tracing, metrics, security headers, body limits,
//! the origin check, identity, and the body of internal errors.

use crate::auth;
use crate::error::InternalErrorBody;
use crate::state::AppState;
use crate::view;
use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use std::time::Instant;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Wraps `routes` in every layer. Layers run outside-in in the reverse order they are added.
pub fn wrap(routes: Router<AppState>, state: AppState) -> Router<AppState> {
    let inner = routes
        .layer(from_fn(keep_nav_on_error_pages))
        .layer(from_fn_with_state(state.clone(), auth::resolve_actor))
        .layer(from_fn(check_origin))
        .layer(axum::extract::DefaultBodyLimit::max(state.web.max_body_bytes))
        .layer(from_fn(finish_internal_errors))
        .layer(from_fn(record_metrics));
    with_security_headers(inner)
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            let id = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", method = %req.method(), path = %loggable_path(req.uri().path()), request_id = %id)
        }))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

/// Headers that make the browser stricter: no sniffing, no framing, no third-party anything.
fn with_security_headers(router: Router<AppState>) -> Router<AppState> {
    const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                       frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    let headers = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::CONTENT_SECURITY_POLICY, CSP),
    ];
    headers.into_iter().fold(router, |r, (name, value)| {
        r.layer(SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value)))
    })
}

async fn check_origin(request: Request, next: Next) -> Response {
    if auth::origin_matches(request.method(), request.headers()) {
        return next.run(request).await;
    }
    let message = "This request came from another site and was refused.";
    if request.uri().path().starts_with("/api/") {
        crate::error::ApiError::BadRequest(StatusCode::FORBIDDEN, message.into()).into_response()
    } else {
        view::error_page(StatusCode::FORBIDDEN, "Refused", message)
    }
}

/// A 4xx page for a signed-in person keeps their navigation: the page is drawn again with it
/// (handlers' errors and the unknown-address fallback know no actor; this layer, inside identity,
/// does). Signed-out visitors keep the bare page.
async fn keep_nav_on_error_pages(request: Request, next: Next) -> Response {
    let actor = request.extensions().get::<auth::Resolved>().and_then(|r| r.0.clone()).map(|(a, _)| a);
    let response = next.run(request).await;
    let (Some(actor), Some(words)) = (actor, response.extensions().get::<view::ErrorPageWords>().cloned()) else {
        return response;
    };
    let status = response.status();
    let mut again = view::error_page_with(view::Nav::for_actor(&actor, ""), status, &words.title, &words.message);
    for name in [header::LOCATION, header::RETRY_AFTER] {
        if let Some(v) = response.headers().get(&name) {
            again.headers_mut().insert(name, v.clone());
        }
    }
    again
}

/// Gives internal errors their body: the request id to quote, never the cause (already logged).
async fn finish_internal_errors(request: Request, next: Next) -> Response {
    let id =
        request.extensions().get::<RequestId>().and_then(|r| r.header_value().to_str().ok()).unwrap_or("-").to_owned();
    let response = next.run(request).await;
    let Some(marker) = response.extensions().get::<InternalErrorBody>().copied() else {
        return response;
    };
    let status = response.status();
    if marker.json {
        let body = serde_json::json!({
            "code": "internal",
            "message": format!("Something went wrong on our side. If it keeps happening, quote request id {id}."),
        });
        (status, axum::Json(body)).into_response()
    } else {
        view::internal_error_page(status, &id)
    }
}

async fn record_metrics(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let route =
        request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned()).unwrap_or_else(|| "unmatched".into());
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    let labels = [("method", method), ("route", route), ("status", status)];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels).record(started.elapsed().as_secs_f64());
    response
}

/// The path as the log may keep it: a link's secret (64 hex characters in `/expert/...`,
/// `/invite/...`, `/reset/...`) becomes `<secret>`, so reading the logs opens nobody's page.
fn loggable_path(path: &str) -> String {
    path.split('/')
        .map(|seg| if seg.len() == 64 && seg.bytes().all(|b| b.is_ascii_hexdigit()) { "<secret>" } else { seg })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod log_tests {
    #[test]
    fn secrets_never_reach_the_log() {
        let secret = "ab".repeat(32);
        assert_eq!(super::loggable_path(&format!("/expert/{secret}/decline")), "/expert/<secret>/decline");
        assert_eq!(
            super::loggable_path("/advice/0190a3b2-1c2d-7e8f-9a0b-1c2d3e4f5a6b"),
            "/advice/0190a3b2-1c2d-7e8f-9a0b-1c2d3e4f5a6b"
        );
    }
}
