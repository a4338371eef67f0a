//! The layers around every route: request ids, tracing, metrics, security headers, body limits,
//! the origin check, identity, and the body of internal errors.

use crate::auth;
use crate::error::InternalErrorBody;
use crate::state::AppState;
use crate::view;
use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{Next, from_fn, from_fn_with_state, map_response};
use axum::response::{IntoResponse, Response};
use std::time::Instant;
use tower::ServiceBuilder;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// `routes` with every layer around it once, as a router with no routes of its own.
///
/// The layers wrap the finished router as one service rather than through `Router::layer`, which
/// wraps every route on its own: each route's layered service is boxed, and every request cloned
/// that stack of boxes again inside each layer. That was most of what a cached read cost
/// (measured with `perf`, `docs/benchmarks/2026-12-07-middleware.md`). The one layer left inside
/// the router, `name_route`, hands the matched route's template out to the metrics.
pub fn wrap(routes: Router<AppState>, state: AppState) -> Router {
    let routes = routes.route_layer(from_fn(name_route)).with_state(state.clone());
    let layered = ServiceBuilder::new()
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(request_span as fn(&Request) -> tracing::Span))
        .layer(map_response(add_security_headers))
        .layer(from_fn(record_metrics))
        .layer(from_fn(finish_internal_errors))
        .layer(axum::extract::DefaultBodyLimit::max(state.web.max_body_bytes))
        .layer(from_fn(check_origin))
        .layer(from_fn_with_state(state, auth::resolve_actor))
        .layer(from_fn(keep_nav_on_error_pages))
        .service(routes);
    Router::new().fallback_service(layered)
}

fn request_span(req: &Request) -> tracing::Span {
    let id = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
    tracing::info_span!("request", method = %req.method(), path = %loggable_path(req.uri().path()), request_id = %id)
}

/// Headers that make the browser stricter: no sniffing, no framing, no third-party anything.
/// A handler that set one of them itself (the downloaded SVG's own policy) keeps its value.
async fn add_security_headers(mut response: Response) -> Response {
    const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                       frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    let headers = response.headers_mut();
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::CONTENT_SECURITY_POLICY, CSP),
    ] {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    }
    response
}

/// The template of the route that answered (`/api/v1/relationships/{id}`), for the metrics' label.
#[derive(Clone)]
struct RouteName(MatchedPath);

/// Inside the router, where the matched route is known: hands its template to `record_metrics`.
async fn name_route(path: MatchedPath, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.extensions_mut().insert(RouteName(path));
    response
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
    let method = request.method().clone();
    let response = next.run(request).await;
    let route = response.extensions().get::<RouteName>().map(|r| r.0.as_str()).unwrap_or("unmatched").to_owned();
    let labels =
        [("method", method.as_str().to_owned()), ("route", route), ("status", response.status().as_str().to_owned())];
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
