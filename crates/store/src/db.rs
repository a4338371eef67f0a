//! Connecting, configuring and migrating either backend. This is the one place that knows the
//! dialects differ: SQLite needs pragmas per connection and `BEGIN IMMEDIATE` for writes.

use crate::error::{DbError, DbResult};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::str::FromStr;
use std::time::Duration;

/// Which database is behind the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// How to open the store.
#[derive(Clone, Debug)]
pub struct StoreOptions {
    /// `sqlite://path/to/file.db` or `postgres://...`.
    pub url: String,
    pub max_connections: u32,
}

/// The handle every layer above uses. Cheap to clone (the pool is shared).
#[derive(Clone, Debug)]
pub struct Store {
    /// Reads (and, on PostgreSQL, writes).
    pub(crate) pool: AnyPool,
    /// Writes. On SQLite a pool of one connection: SQLite allows one writer at a time, and
    /// queueing writers here (in order, without sleeping) beats letting them collide in SQLite's
    /// busy handler, whose back-off sleeps made the tail of write latency long. On PostgreSQL it
    /// is the same pool as `pool`.
    pub(crate) writer: AnyPool,
    backend: Backend,
    /// Recent relationship lists (off until [`Store::keep_lists_for`] turns it on).
    pub(crate) lists: std::sync::Arc<crate::list_cache::ListCache>,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Store {
    /// Opens a pool. A SQLite file (and its folder) is created if missing.
    pub async fn connect(options: &StoreOptions) -> DbResult<Self> {
        sqlx::any::install_default_drivers();
        let backend = if options.url.starts_with("postgres://") || options.url.starts_with("postgresql://") {
            Backend::Postgres
        } else if options.url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            return Err(DbError::Backend(sqlx::Error::Configuration(
                "the database URL must start with sqlite:// or postgres://".into(),
            )));
        };
        let url = match backend {
            Backend::Sqlite => sqlite_url_creating_dirs(&options.url)?,
            Backend::Postgres => options.url.clone(),
        };
        let connect = AnyConnectOptions::from_str(&url)?;
        let pool = Self::pool_options(backend, options.max_connections).connect_with(connect.clone()).await?;
        let writer = match backend {
            Backend::Sqlite => Self::pool_options(backend, 1).connect_with(connect).await?,
            Backend::Postgres => pool.clone(),
        };
        let lists = std::sync::Arc::new(crate::list_cache::ListCache::new(Duration::ZERO, 50_000));
        Ok(Self { pool, writer, backend, lists })
    }

    /// Keeps each person's relationship list for up to `ttl` (see `list_cache`): the app turns it
    /// on with the identity cache's bound on how late another instance's change may be seen.
    pub fn keep_lists_for(&self, ttl: Duration) {
        self.lists.set_ttl(ttl);
    }

    /// Every cached relationship list is stale: called after any write to `relationships` or
    /// `users` has committed (names and "last here" are in the lists).
    pub(crate) fn lists_changed(&self) {
        self.lists.changed();
    }

    fn pool_options(backend: Backend, max_connections: u32) -> AnyPoolOptions {
        AnyPoolOptions::new()
            .max_connections(max_connections.max(1))
            .min_connections(0)
            .acquire_timeout(Duration::from_secs(10))
            // A SQLite connection is a file in this process: the ping sqlx sends before handing one
            // out checks nothing, and costs a round trip to the connection's worker thread for
            // every statement (`ConnectionWorker::ping`, 8 % of the dashboard's server time in
            // `perf`). A PostgreSQL connection can die with its server, so it is still checked.
            .test_before_acquire(backend == Backend::Postgres)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the writer; the busy timeout makes a second
                        // writer wait instead of failing; foreign keys are off by default in SQLite.
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies every migration not yet applied. Forward-only.
    pub async fn migrate(&self) -> DbResult<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.writer).await.map_err(DbError::Migrate)
    }

    /// Version numbers of each backend's migrations, for the test that keeps them in step.
    pub fn migration_versions() -> (Vec<i64>, Vec<i64>) {
        (SQLITE_MIGRATIONS.iter().map(|m| m.version).collect(), POSTGRES_MIGRATIONS.iter().map(|m| m.version).collect())
    }

    /// Is the database answering? For `/readyz`.
    pub async fn ping(&self) -> DbResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock up front
    /// (`BEGIN IMMEDIATE`), so two writers queue on the busy timeout instead of one failing when
    /// it upgrades from reading to writing.
    pub(crate) async fn begin_write(&self) -> DbResult<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.writer.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.writer.begin().await?,
        })
    }

    /// SQLite online backup into `dest` (`VACUUM INTO` writes a consistent copy while the app
    /// keeps serving). PostgreSQL is backed up with its own tools; see `coachkit backup`.
    pub async fn backup_sqlite(&self, dest: &std::path::Path) -> DbResult<()> {
        if self.backend != Backend::Sqlite {
            return Err(DbError::Backend(sqlx::Error::Configuration("backup into a file is for SQLite".into())));
        }
        let dest = dest.to_string_lossy().to_string();
        sqlx::query("VACUUM INTO $1").bind(dest).execute(&self.pool).await?;
        Ok(())
    }

    /// Closes the pool (flushes SQLite's WAL on the last connection).
    pub async fn close(&self) {
        self.writer.close().await;
        self.pool.close().await;
    }
}

/// Makes sure the folder of a SQLite file exists and asks SQLite to create the file.
fn sqlite_url_creating_dirs(url: &str) -> DbResult<String> {
    let path_part = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = path_part.split('?').next().unwrap_or_default();
    if path != ":memory:"
        && let Some(parent) = std::path::Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|e| DbError::Backend(sqlx::Error::Io(e)))?;
    }
    Ok(if url.contains('?') { url.to_owned() } else { format!("{url}?mode=rwc") })
}
