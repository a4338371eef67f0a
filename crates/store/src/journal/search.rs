//! Full-text search over `search_documents`: FTS5 on SQLite, `tsvector` on PostgreSQL. The only
//! dialect-specific queries of the journal. The SQL narrows rows to what the viewer could be shown;
//! the app still asks the policy about every hit.

use crate::Store;
use crate::db::Backend;
use crate::error::DbResult;

/// Who is searching and whose shared records could reach them.
pub struct SearchScope {
    pub me: String,
    /// Every relationship the viewer is a party to (accepted at some point).
    pub relationships: Vec<String>,
    /// Leaders the viewer coaches (for "all my coaches" records).
    pub leaders: Vec<String>,
}

/// One hit. The snippet marks matches with \u{2} and \u{3}, for the page to turn into <mark>.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SearchHit {
    pub record_id: String,
    pub kind: String,
    pub owner_id: String,
    pub relationship_id: Option<String>,
    pub audience: String,
    pub audience_target: Option<String>,
    pub shared_at: i64,
    pub title: String,
    pub snippet: String,
    pub updated_at: i64,
}

/// `n` placeholders starting at `$first`, or a never-true list when empty.
fn placeholders(first: usize, n: usize) -> String {
    if n == 0 {
        return "NULL".into();
    }
    (first..first + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

impl Store {
    /// Searches for every word of `terms` (already split into plain words by the caller).
    pub async fn search(&self, terms: &[String], scope: &SearchScope, limit: i64) -> DbResult<Vec<SearchHit>> {
        if terms.is_empty() {
            return Ok(vec![]);
        }
        let r = placeholders(4, scope.relationships.len());
        let l = placeholders(4 + scope.relationships.len(), scope.leaders.len());
        let access = format!(
            "(d.owner_id = $2 OR (d.audience = 'relationship' AND d.audience_target IN ({r})) \
             OR (d.audience = 'all_my_coaches' AND d.owner_id IN ({l})))"
        );
        let columns =
            "d.record_id, d.kind, d.owner_id, d.relationship_id, d.audience, d.audience_target, d.shared_at, d.title";
        let (sql, query) = match self.backend() {
            Backend::Sqlite => (
                format!(
                    "SELECT {columns}, snippet(search_fts, 1, char(2), char(3), '…', 24) AS snippet, d.updated_at \
                     FROM search_fts JOIN search_documents d ON d.rowid = search_fts.rowid \
                     WHERE search_fts MATCH $1 AND {access} ORDER BY bm25(search_fts) LIMIT $3"
                ),
                // Each word quoted: FTS5 operators typed by a person are searched as words.
                terms.iter().map(|t| format!("\"{}\"", t.replace('"', ""))).collect::<Vec<_>>().join(" "),
            ),
            Backend::Postgres => (
                format!(
                    "SELECT {columns}, ts_headline('english', d.body, q, \
                       'StartSel=' || chr(2) || ',StopSel=' || chr(3) || ',MaxWords=30,MinWords=12,ShortWord=2') AS snippet, d.updated_at \
                     FROM search_documents d, plainto_tsquery('english', $1) q \
                     WHERE to_tsvector('english', d.title || ' ' || d.body) @@ q AND {access} \
                     ORDER BY ts_rank(to_tsvector('english', d.title || ' ' || d.body), q) DESC LIMIT $3"
                ),
                terms.join(" "),
            ),
        };
        let mut q = sqlx::query_as::<_, SearchHit>(&sql).bind(query).bind(&scope.me).bind(limit);
        for id in scope.relationships.iter().chain(&scope.leaders) {
            q = q.bind(id);
        }
        Ok(q.fetch_all(&self.pool).await?)
    }
}
