//! Test support shared by every crate's integration tests and the browser tests.
//!
//! - [`TestDb`]: a fresh database per test: a SQLite file in a temporary folder, or a PostgreSQL
//!   database created on the server named by `COACHKIT_TEST_PG_URL` and dropped afterwards.
//! - [`spawn_app`]: the real router served on 127.0.0.1:0 (no port probing, no sleeps: the listener
//!   is bound before the server task starts, so the first request is already accepted).
//! - [`Client`]: an HTTP client with its own cookie jar that knows our forms' CSRF fields.

// Test support: a failed set-up step should stop the test loudly, so expect() is the right tool here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod browser;
pub mod client;
mod db;
pub mod smtp;

pub use client::Client;
pub use db::{Backend, TestDb, backends};

use coachkit_app::{App, AppConfig};
use coachkit_store::{Store, StoreOptions};

/// A running server and a handle on its app (for arranging data and reading the outbox).
pub struct TestApp {
    pub base_url: String,
    pub app: App,
    pub backend: Backend,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
    db: Option<TestDb>,
}

/// Settings tests may change before the server starts.
pub struct TestOptions {
    pub config: AppConfig,
    pub web: coachkit_web::WebConfig,
}

impl Default for TestOptions {
    fn default() -> Self {
        // Cheap password hashing: the tests exercise the same code, not the cost parameters.
        Self { config: AppConfig { argon2_memory_kib: 1024, ..AppConfig::default() }, web: Default::default() }
    }
}

/// Starts the app on a fresh database of `backend`.
pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, TestOptions::default()).await
}

pub async fn spawn_app_with(backend: Backend, options: TestOptions) -> TestApp {
    let db = TestDb::create(backend).await;
    let url = db.url.clone();
    serve_on(backend, &url, options, Some(db)).await
}

/// Starts the app on the database at `url`; `db` (if any) is dropped with it.
async fn serve_on(backend: Backend, url: &str, options: TestOptions, db: Option<TestDb>) -> TestApp {
    let store = Store::connect(&StoreOptions { url: url.to_owned(), max_connections: 8 })
        .await
        .expect("test database connects");
    store.migrate().await.expect("migrations apply");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
    let addr = listener.local_addr().expect("local addr");
    let base_url = format!("http://{addr}");
    let config = AppConfig { base_url: base_url.clone(), ..options.config };
    let app = App::new(store, config);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = app.clone();
    let server = tokio::spawn(async move {
        let _ = coachkit_web::serve(listener, served, options.web, async {
            let _ = stopped.await;
        })
        .await;
    });
    TestApp { base_url, app, backend, stop: Some(stop), server: Some(server), db }
}

impl TestApp {
    /// A second instance of the app on the same database, as behind a load balancer. It does not
    /// own the database: stop it before the first instance, which drops the database.
    pub async fn another_instance(&self, options: TestOptions) -> TestApp {
        let url = self.db.as_ref().map(|d| d.url.clone()).expect("the first instance owns a database");
        serve_on(self.backend, &url, options, None).await
    }

    /// A new client with an empty cookie jar.
    pub fn client(&self) -> Client {
        Client::new(&self.base_url)
    }

    /// Stops the server, closes the pool and drops the database. Tests call this at the end;
    /// if one panics first, `Drop` of the database still removes it.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
        self.app.store.close().await;
        if let Some(db) = self.db.take() {
            db.drop_now().await;
        }
    }
}
