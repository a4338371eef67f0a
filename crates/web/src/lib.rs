//! coachkit's web layer: server-rendered pages, the JSON API under `/api/v1` with its OpenAPI
//! document, health and metrics. Handlers parse input, call the app, and render; they run no SQL
//! and make no privacy decisions (the app asks the policy).

mod api;
mod auth;
mod error;
mod health;
mod middleware;
mod pages;
mod state;
mod view;

pub use api::openapi_json;
pub use state::WebConfig;

use axum::Router;
use coachkit_app::App;
use state::AppState;
use std::future::Future;

/// Every route of the server with its middleware.
pub fn router(app: App, web: WebConfig) -> Router {
    let state = AppState::new(app, web);
    let routes = Router::new()
        .merge(pages::routes())
        .nest("/api/v1", api::routes())
        .merge(api::openapi_route())
        .fallback(pages::not_found);
    // Health and metrics skip the identity lookup and most middleware: they must stay cheap.
    health::routes().with_state(state.clone()).merge(middleware::wrap(routes, state))
}

/// Serves on `listener` until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: App,
    web: WebConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let router = router(app, web);
    axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}
