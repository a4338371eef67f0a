//! Where a piece of text still lives: every text column of every table the database's own
//! catalogue lists (not a hand-kept list, so a table added later is searched too). Deletion is
//! checked with it, and an operator can run it after deleting someone.

use crate::error::DbResult;
use crate::{Backend, Store};

/// One place a needle was found: the table and the column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub table: String,
    pub column: String,
    pub rows: i64,
}

/// Identifiers come from the catalogue, but are quoted anyway (doubling any quote in them).
fn quoted(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

impl Store {
    /// Every (table, text column) of the database, from its catalogue. The one dialect-specific
    /// query of this module: SQLite lists columns per table, PostgreSQL in information_schema.
    pub async fn text_columns(&self) -> DbResult<Vec<(String, String)>> {
        match self.backend() {
            Backend::Sqlite => {
                let tables: Vec<(String,)> = sqlx::query_as(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
                )
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::new();
                for (table,) in tables {
                    // The declared type: FTS5 tables declare none, their shadow tables BLOB.
                    let cols: Vec<(String, String)> =
                        sqlx::query_as("SELECT name, type FROM pragma_table_info($1) ORDER BY cid")
                            .bind(&table)
                            .fetch_all(&self.pool)
                            .await?;
                    for (column, declared) in cols {
                        let declared = declared.to_ascii_uppercase();
                        if declared.is_empty() || declared.contains("TEXT") || declared.contains("CHAR") {
                            out.push((table.clone(), column));
                        }
                    }
                }
                Ok(out)
            }
            Backend::Postgres => Ok(sqlx::query_as(
                "SELECT table_name::text, column_name::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'character') \
                 ORDER BY table_name, ordinal_position",
            )
            .fetch_all(&self.pool)
            .await?),
        }
    }

    /// Every text column that holds `needle` (case-insensitively) in at least one row.
    pub async fn where_text_lives(&self, needle: &str) -> DbResult<Vec<Hit>> {
        let pattern = super::contains_pattern(needle);
        let mut hits = Vec::new();
        for (table, column) in self.text_columns().await? {
            let sql = format!(
                "SELECT COUNT(*) FROM {} WHERE LOWER(CAST({} AS TEXT)) LIKE $1 ESCAPE '\\'",
                quoted(&table),
                quoted(&column)
            );
            let (rows,): (i64,) = sqlx::query_as(&sql).bind(&pattern).fetch_one(&self.pool).await?;
            if rows > 0 {
                hits.push(Hit { table, column, rows });
            }
        }
        Ok(hits)
    }
}
