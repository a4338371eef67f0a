//! A database per test, on either backend.

use sqlx::Connection;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The backends to run every integration test on: SQLite always, PostgreSQL when
/// `COACHKIT_TEST_PG_URL` names a server (CI sets it).
pub fn backends() -> Vec<Backend> {
    let mut b = vec![Backend::Sqlite];
    if pg_base().is_some() {
        b.push(Backend::Postgres);
    }
    b
}

fn pg_base() -> Option<String> {
    std::env::var("COACHKIT_TEST_PG_URL").ok().filter(|s| !s.is_empty())
}

/// One test's database.
pub struct TestDb {
    pub url: String,
    pub backend: Backend,
    /// SQLite: the temporary folder. PostgreSQL: (server URL, database name).
    cleanup: Option<Cleanup>,
}

enum Cleanup {
    Folder(std::path::PathBuf),
    Database { server: String, name: String },
}

impl TestDb {
    pub async fn create(backend: Backend) -> Self {
        let unique = uuid::Uuid::new_v4().simple().to_string();
        match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(format!("coachkit-test-{unique}"));
                std::fs::create_dir_all(&dir).expect("temp dir");
                let url = format!("sqlite://{}", dir.join("test.db").display());
                Self { url, backend, cleanup: Some(Cleanup::Folder(dir)) }
            }
            Backend::Postgres => {
                let server = pg_base().expect("COACHKIT_TEST_PG_URL is set");
                let name = format!("ck_test_{unique}");
                sqlx::any::install_default_drivers();
                let mut conn = sqlx::AnyConnection::connect(&server).await.expect("connect to COACHKIT_TEST_PG_URL");
                sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create test database");
                let _ = conn.close().await;
                let url = with_database(&server, &name);
                Self { url, backend, cleanup: Some(Cleanup::Database { server, name }) }
            }
        }
    }

    /// Removes the database now (the normal path, from `TestApp::stop`).
    pub async fn drop_now(mut self) {
        if let Some(c) = self.cleanup.take() {
            remove(c).await;
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        // A test that panicked before `stop`: clean up on a helper thread with its own runtime,
        // because we may be inside (or outside) a tokio runtime here.
        if let Some(c) = self.cleanup.take() {
            let _ = std::thread::spawn(move || {
                if let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() {
                    rt.block_on(remove(c));
                }
            })
            .join();
        }
    }
}

async fn remove(c: Cleanup) {
    match c {
        Cleanup::Folder(dir) => {
            let _ = std::fs::remove_dir_all(dir);
        }
        Cleanup::Database { server, name } => {
            sqlx::any::install_default_drivers();
            if let Ok(mut conn) = sqlx::AnyConnection::connect(&server).await {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn).await;
                let _ = conn.close().await;
            }
        }
    }
}

/// Replaces the database name in a PostgreSQL URL.
fn with_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (server, None),
    };
    let after_scheme = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[after_scheme..].find('/') {
        Some(slash) => &base[..after_scheme + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_name_is_replaced() {
        assert_eq!(super::with_database("postgres://u@h:5432/postgres", "x"), "postgres://u@h:5432/x");
        assert_eq!(super::with_database("postgres://u@h:5432", "x"), "postgres://u@h:5432/x");
        assert_eq!(super::with_database("postgres://u@h/db?sslmode=disable", "x"), "postgres://u@h/x?sslmode=disable");
    }
}
