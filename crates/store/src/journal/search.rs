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

/// The searcher's access tokens, as both migrations 0005_scaling compute them for each document:
/// `o<me>0`, `r<relationship>0` for each of their relationships, `c<leader>0` for each leader
/// they coach. Ids keep only their letters and digits, so a token is one plain word.
fn scope_tokens(scope: &SearchScope) -> Vec<String> {
    let token = |prefix: char, id: &str| {
        let id: String = id.chars().filter(char::is_ascii_alphanumeric).collect();
        format!("{prefix}{id}0")
    };
    std::iter::once(token('o', &scope.me))
        .chain(scope.relationships.iter().map(|r| token('r', r)))
        .chain(scope.leaders.iter().map(|l| token('c', l)))
        .collect()
}

/// The FTS5 query: every word in the title or body, AND one of the searcher's access tokens, so
/// that FTS5 walks the searcher's documents, not everyone's. Each word is quoted, so operators
/// typed by a person are searched as words. No `bm25()` ranking: it counts every document that
/// holds each word, a cost that grows with the whole table, so hits come newest first.
fn fts5_query(terms: &[String], scope: &SearchScope) -> String {
    let words = terms.iter().map(|t| format!("\"{}\"", t.replace('"', ""))).collect::<Vec<_>>().join(" ");
    format!("{{title body}} : ({words}) AND scope : ({})", scope_tokens(scope).join(" OR "))
}

/// A value bound to a search statement's placeholder.
#[derive(Clone, Debug, PartialEq)]
pub enum SearchArg {
    Text(String),
    Int(i64),
}

/// The search statement and its arguments, in placeholder order. Public so that the benchmark's
/// query plans run exactly the SQL the server runs.
pub fn search_statement(
    backend: Backend,
    terms: &[String],
    scope: &SearchScope,
    limit: i64,
) -> (String, Vec<SearchArg>) {
    let r = placeholders(4, scope.relationships.len());
    let l = placeholders(4 + scope.relationships.len(), scope.leaders.len());
    // Belt and braces: the access tokens already narrow the hits; this says the same in columns.
    let access = format!(
        "(d.owner_id = $2 OR (d.audience = 'relationship' AND d.audience_target IN ({r})) \
         OR (d.audience = 'all_my_coaches' AND d.owner_id IN ({l})))"
    );
    let columns =
        "d.record_id, d.kind, d.owner_id, d.relationship_id, d.audience, d.audience_target, d.shared_at, d.title";
    let mut args = vec![SearchArg::Text(String::new()), SearchArg::Text(scope.me.clone()), SearchArg::Int(limit)];
    args.extend(scope.relationships.iter().chain(&scope.leaders).map(|id| SearchArg::Text(id.clone())));
    let sql = match backend {
        Backend::Sqlite => {
            args[0] = SearchArg::Text(fts5_query(terms, scope));
            format!(
                "SELECT {columns}, snippet(search_fts, 1, char(2), char(3), '…', 24) AS snippet, d.updated_at \
                 FROM search_fts JOIN search_documents d ON d.doc_rowid = search_fts.rowid \
                 WHERE search_fts MATCH $1 AND {access} ORDER BY d.updated_at DESC, d.record_id LIMIT $3"
            )
        }
        Backend::Postgres => {
            args[0] = SearchArg::Text(terms.join(" "));
            args.push(SearchArg::Text(scope_tokens(scope).join(" | ")));
            let tokens = args.len();
            // `numnode(q) > 0`: a query of stop words only ("the") must find nothing, not every
            // document in scope.
            format!(
                "SELECT {columns}, ts_headline('english', d.body, q, \
                   'StartSel=' || chr(2) || ',StopSel=' || chr(3) || ',MaxWords=30,MinWords=12,ShortWord=2') AS snippet, d.updated_at \
                 FROM search_documents d, plainto_tsquery('english', $1) q \
                 WHERE numnode(q) > 0 AND d.search_vector @@ (q && to_tsquery('simple', ${tokens})) AND {access} \
                 ORDER BY d.updated_at DESC, d.record_id LIMIT $3"
            )
        }
    };
    (sql, args)
}

impl Store {
    /// Searches for every word of `terms` (already split into plain words by the caller), newest
    /// first.
    pub async fn search(&self, terms: &[String], scope: &SearchScope, limit: i64) -> DbResult<Vec<SearchHit>> {
        if terms.is_empty() {
            return Ok(vec![]);
        }
        let (sql, args) = search_statement(self.backend(), terms, scope, limit);
        let mut q = sqlx::query_as::<_, SearchHit>(&sql);
        for arg in args {
            q = match arg {
                SearchArg::Text(t) => q.bind(t),
                SearchArg::Int(i) => q.bind(i),
            };
        }
        Ok(q.fetch_all(&self.pool).await?)
    }
}

impl Store {
    /// One step of merging the full-text index into a single segment; `true` if the step did
    /// any work (call again until it does not). SQLite's FTS5 keeps a handful of segments per
    /// level of size, so a search looks up each word in more segments as the index grows; merged
    /// into one, the cost of a search stops depending on how many documents there are. This is
    /// FTS5's 'merge' with a negative page count, an 'optimize' done a few pages at a time, so
    /// writers wait for one step at most. PostgreSQL's GIN index needs nothing of the kind.
    pub async fn merge_search_index_step(&self, pages: i64) -> DbResult<bool> {
        if self.backend() != Backend::Sqlite {
            return Ok(false);
        }
        // The writer pool holds SQLite's one write connection; total_changes() is per connection.
        let mut conn = self.writer.acquire().await?;
        let (before,): (i64,) = sqlx::query_as("SELECT total_changes()").fetch_one(&mut *conn).await?;
        sqlx::query("INSERT INTO search_fts(search_fts, rank) VALUES ('merge', $1)")
            .bind(-pages.max(1))
            .execute(&mut *conn)
            .await?;
        let (after,): (i64,) = sqlx::query_as("SELECT total_changes()").fetch_one(&mut *conn).await?;
        // FTS5's documented test: a difference of 2 or more means pages were merged.
        Ok(after - before >= 2)
    }
}
