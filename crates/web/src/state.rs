//! What every handler shares.

use coachkit_app::App;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::{Arc, OnceLock};

/// Settings of the web layer itself.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Mark cookies `Secure` (set when served behind https).
    pub secure_cookies: bool,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Trust `X-Forwarded-For` for the client address (only behind a proxy you run).
    pub trust_forwarded_for: bool,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self { secure_cookies: false, max_body_bytes: 256 * 1024, trust_forwarded_for: false }
    }
}

/// One pointer to what every handler shares: the state is cloned into every layer and handler
/// of every request, and one reference count is cheaper to move than the six inside `App`.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub app: App,
    pub web: WebConfig,
    pub metrics: PrometheusHandle,
}

impl AppState {
    pub fn new(app: App, web: WebConfig) -> Self {
        Self(Arc::new(Shared { app, web, metrics: metrics_handle() }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The process-wide Prometheus recorder, installed on first use (tests build many routers in one
/// process; a recorder can be installed only once).
fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new().build_recorder();
            let handle = recorder.handle();
            // Fails only if another recorder is installed, in which case ours just stays local.
            let _ = metrics::set_global_recorder(recorder);
            handle
        })
        .clone()
}
