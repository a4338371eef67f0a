//! Storage errors. Callers match on the kinds they can explain to a person (a conflict, a missing
//! row); everything else is a `Backend` error that the web layer logs and never shows.

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// A unique constraint refused the write (the e-mail or handle is taken, ...).
    #[error("already exists")]
    Conflict,
    /// The database could not be reached or failed; the cause is for the log only.
    #[error("database error")]
    Backend(#[source] sqlx::Error),
    /// Migrations could not be applied.
    #[error("migration failed")]
    Migrate(#[source] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for DbError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => DbError::Conflict,
            _ => DbError::Backend(e),
        }
    }
}

pub type DbResult<T> = Result<T, DbError>;
