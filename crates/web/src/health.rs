//! Liveness, readiness and metrics, kept outside the request middleware so probes stay cheap.

use crate::state::AppState;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/static/app.css", get(stylesheet))
        .route("/static/time_zone.js", get(time_zone_script))
        .route("/static/favicon.svg", get(favicon))
        .route("/favicon.ico", get(favicon))
}

/// The process is up. Also the benchmark's "framework ceiling" route.
async fn healthz() -> &'static str {
    "ok"
}

/// The database answers.
async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.app.store.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = ?e, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], state.metrics.render())
}

const CSS: &str = include_str!("../static/app.css");

async fn stylesheet() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], CSS)
}

const TIME_ZONE_JS: &str = include_str!("../static/time_zone.js");

/// The sign-up page's zone guess: a served file, because the pages' CSP allows no inline script.
async fn time_zone_script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        TIME_ZONE_JS,
    )
}

/// Our own small drawing (a figure under a lamp), served for browsers that ask `/favicon.ico` too.
const FAVICON: &str = include_str!("../static/favicon.svg");

async fn favicon() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=86400")], FAVICON)
}
