//! Writing a journal imported from another instance. The whole file goes in one write
//! transaction ([`ImportTx`]): a failure half-way leaves nothing behind. `imported_records`
//! remembers which record of the file became which record here, so a second import of the same
//! file finds everything present and adds nothing.

use super::actions::insert_action_row;
use super::reflections::insert_reflection_rows;
use super::sessions::insert_session_row;
use super::{NewAction, NewReflection, NewSession, index_document, parts};
use crate::Store;
use crate::error::DbResult;
use coachkit_domain::RelationshipId;
use coachkit_domain::journal::ThemeName;
use coachkit_domain::privacy::Audience;

/// The kind of record a source id names: where to look for the person's own copy of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    Relationship,
    Session,
    Reflection,
    KillerQuestion,
    Action,
    OpenQuestion,
    Position,
    PageVersion,
    Toolkit,
}

impl ImportKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Relationship => "relationship",
            Self::Session => "session",
            Self::Reflection => "reflection",
            Self::KillerQuestion => "killer_question",
            Self::Action => "action",
            Self::OpenQuestion => "open_question",
            Self::Position => "position",
            Self::PageVersion => "page_version",
            Self::Toolkit => "toolkit_question",
        }
    }

    /// Finds a record with this id that is already the person's own: a file imported back into the
    /// instance (and account) it came from then changes nothing.
    fn own_record_sql(self) -> Option<&'static str> {
        Some(match self {
            Self::Relationship => "SELECT id FROM relationships WHERE id = $1 AND leader_id = $2",
            Self::Session => {
                "SELECT s.id FROM journal_sessions s JOIN relationships r ON r.id = s.relationship_id \
                 WHERE s.id = $1 AND r.leader_id = $2"
            }
            Self::Reflection => "SELECT id FROM reflections WHERE id = $1 AND author_id = $2",
            Self::KillerQuestion => "SELECT id FROM killer_questions WHERE id = $1 AND leader_id = $2",
            Self::Action => "SELECT id FROM actions WHERE id = $1 AND owner_id = $2",
            Self::OpenQuestion => "SELECT id FROM open_questions WHERE id = $1 AND owner_id = $2",
            Self::Position => "SELECT id FROM positions WHERE id = $1 AND owner_id = $2",
            Self::Toolkit => "SELECT id FROM toolkit_questions WHERE id = $1 AND coach_id = $2",
            // Page versions are numbered per person, not identified: the mapping alone knows them.
            Self::PageVersion => return None,
        })
    }
}

/// When a record was written and last changed, kept from the file.
#[derive(Clone, Copy, Debug)]
pub struct Stamps {
    pub created_at: i64,
    pub updated_at: i64,
}

/// A relationship recreated as history: ended, with nobody in the coach's place.
pub struct HistoryRelationship<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub invitee_email: &'a str,
    pub message: &'a str,
    pub started_at: i64,
    pub ended_at: i64,
}

/// One import's transaction, for one account.
pub struct ImportTx {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    owner: String,
    /// Told once the import commits: it may have added relationships.
    lists: std::sync::Arc<crate::list_cache::ListCache>,
}

impl Store {
    /// Starts an import into `owner`'s journal.
    pub async fn begin_import(&self, owner: &str) -> DbResult<ImportTx> {
        Ok(ImportTx { tx: self.begin_write().await?, owner: owner.to_owned(), lists: self.lists.clone() })
    }
}

impl ImportTx {
    /// The id here of the file's record `source_id`, if it was imported before or is already ours.
    pub async fn resolve(&mut self, kind: ImportKind, source_id: &str) -> DbResult<Option<String>> {
        let mapped: Option<(String,)> =
            sqlx::query_as("SELECT new_id FROM imported_records WHERE owner_id = $1 AND source_id = $2")
                .bind(&self.owner)
                .bind(source_id)
                .fetch_optional(&mut *self.tx)
                .await?;
        if let Some((id,)) = mapped {
            return Ok(Some(id));
        }
        let Some(sql) = kind.own_record_sql() else { return Ok(None) };
        let own: Option<(String,)> =
            sqlx::query_as(sql).bind(source_id).bind(&self.owner).fetch_optional(&mut *self.tx).await?;
        Ok(own.map(|o| o.0))
    }

    /// Notes that the file's `source_id` became `new_id` here.
    pub async fn remember(&mut self, kind: ImportKind, source_id: &str, new_id: &str) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO imported_records (owner_id, source_id, kind, new_id, imported_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&self.owner)
        .bind(source_id)
        .bind(kind.as_str())
        .bind(new_id)
        .bind(crate::now_ms())
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    pub async fn insert_history_relationship(&mut self, r: &HistoryRelationship<'_>) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO relationships (id, leader_id, coach_id, invitee_email, kind, status, message, created_at, answered_at, ended_at) \
             VALUES ($1, $2, NULL, $3, $4, 'ended', $5, $6, $6, $7)",
        )
        .bind(r.id)
        .bind(&self.owner)
        .bind(r.invitee_email)
        .bind(r.kind)
        .bind(r.message)
        .bind(r.started_at)
        .bind(r.ended_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Finds or creates the person's themes with these names; their ids in order.
    pub async fn ensure_themes(&mut self, names: &[ThemeName]) -> DbResult<Vec<String>> {
        let mut ids = Vec::with_capacity(names.len());
        for name in names {
            ids.push(super::themes::ensure_theme(&mut self.tx, &self.owner, name).await?);
        }
        Ok(ids)
    }

    /// A session with its themes and the person's private detail of it.
    pub async fn insert_session(
        &mut self,
        s: &NewSession<'_>,
        stamps: Stamps,
        theme_ids: &[String],
        detail: Option<&str>,
    ) -> DbResult<()> {
        insert_session_row(&mut self.tx, s, &self.owner, stamps.created_at, stamps.updated_at).await?;
        for theme in theme_ids {
            sqlx::query("INSERT INTO session_themes (theme_id, session_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(theme)
                .bind(s.id)
                .execute(&mut *self.tx)
                .await?;
        }
        if let Some(body) = detail {
            let note_id = coachkit_domain::RecordId::new().to_string();
            sqlx::query(
                "INSERT INTO session_notes (id, session_id, author_id, kind, body, audience, audience_target, shared_at, created_at, updated_at) \
                 VALUES ($1, $2, $3, 'detail', $4, 'private', NULL, $5, $5, $5)",
            )
            .bind(&note_id)
            .bind(s.id)
            .bind(&self.owner)
            .bind(body)
            .bind(stamps.updated_at)
            .execute(&mut *self.tx)
            .await?;
            index_document(
                &mut self.tx,
                &note_id,
                "session_detail",
                &self.owner,
                Some(s.relationship_id),
                &Audience::Private,
                stamps.updated_at,
                "Private detail",
                body,
            )
            .await?;
        }
        Ok(())
    }

    pub async fn insert_reflection(&mut self, r: &NewReflection<'_>, stamps: Stamps) -> DbResult<()> {
        insert_reflection_rows(&mut self.tx, r, stamps.created_at, stamps.updated_at).await?;
        Ok(())
    }

    /// A killer question; who asked it is not kept (the asker has no account here).
    pub async fn insert_killer_question(
        &mut self,
        id: &str,
        relationship_id: &str,
        session_id: Option<&str>,
        text: &str,
        created_at: i64,
    ) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO killer_questions (id, leader_id, relationship_id, session_id, asked_by, text, created_at) \
             VALUES ($1, $2, $3, $4, NULL, $5, $6)",
        )
        .bind(id)
        .bind(&self.owner)
        .bind(relationship_id)
        .bind(session_id)
        .bind(text)
        .bind(created_at)
        .execute(&mut *self.tx)
        .await?;
        let audience = Audience::Relationship(RelationshipId::from_trusted(relationship_id.to_owned()));
        index_document(
            &mut self.tx,
            id,
            "killer_question",
            &self.owner,
            Some(relationship_id),
            &audience,
            created_at,
            "Killer question",
            text,
        )
        .await?;
        Ok(())
    }

    pub async fn insert_action(&mut self, a: &NewAction<'_>, status: &str, stamps: Stamps) -> DbResult<()> {
        insert_action_row(&mut self.tx, a, status, stamps.created_at, stamps.updated_at).await?;
        Ok(())
    }

    pub async fn insert_question(
        &mut self,
        id: &str,
        text: &str,
        status: &str,
        audience: &Audience,
        stamps: Stamps,
    ) -> DbResult<()> {
        let (word, target) = parts(audience);
        sqlx::query(
            "INSERT INTO open_questions (id, owner_id, text, status, audience, audience_target, shared_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7)",
        )
        .bind(id)
        .bind(&self.owner)
        .bind(text)
        .bind(status)
        .bind(word)
        .bind(target)
        .bind(stamps.updated_at)
        .bind(stamps.created_at)
        .execute(&mut *self.tx)
        .await?;
        index_document(
            &mut self.tx,
            id,
            "open_question",
            &self.owner,
            None,
            audience,
            stamps.updated_at,
            "Open question",
            text,
        )
        .await?;
        Ok(())
    }

    /// Notes that a reflection moved a question on (a link already there is kept as it is).
    pub async fn link_progress(&mut self, question_id: &str, reflection_id: &str, at: i64) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO question_progress (question_id, reflection_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(question_id)
        .bind(reflection_id)
        .bind(at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// The next free place at the end of the person's positions.
    pub async fn next_position_order(&mut self) -> DbResult<i64> {
        let (next,): (i64,) =
            sqlx::query_as("SELECT COALESCE(MAX(sort_order), 0) + 1 FROM positions WHERE owner_id = $1")
                .bind(&self.owner)
                .fetch_one(&mut *self.tx)
                .await?;
        Ok(next)
    }

    #[allow(clippy::too_many_arguments)] // the position's columns and links
    pub async fn insert_position(
        &mut self,
        id: &str,
        statement: &str,
        explanation: Option<&str>,
        sort_order: i64,
        listed: bool,
        theme_ids: &[String],
        evidence: &[String],
        updated_at: i64,
    ) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO positions (id, owner_id, statement, explanation, sort_order, listed, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(id)
        .bind(&self.owner)
        .bind(statement)
        .bind(explanation)
        .bind(sort_order)
        .bind(i64::from(listed))
        .bind(updated_at)
        .execute(&mut *self.tx)
        .await?;
        for t in theme_ids {
            sqlx::query("INSERT INTO position_themes (position_id, theme_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(id)
                .bind(t)
                .execute(&mut *self.tx)
                .await?;
        }
        for r in evidence {
            sqlx::query(
                "INSERT INTO position_evidence (position_id, reflection_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(r)
            .execute(&mut *self.tx)
            .await?;
        }
        Ok(())
    }

    /// Adds a version at the end of the person's page history; returns its number here.
    pub async fn insert_page_version(&mut self, published_at: i64, note: Option<&str>, content: &str) -> DbResult<i64> {
        let (last,): (i64,) =
            sqlx::query_as("SELECT COALESCE(MAX(version), 0) FROM public_page_versions WHERE owner_id = $1")
                .bind(&self.owner)
                .fetch_one(&mut *self.tx)
                .await?;
        sqlx::query(
            "INSERT INTO public_page_versions (owner_id, version, published_at, note, content) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&self.owner)
        .bind(last + 1)
        .bind(published_at)
        .bind(note)
        .bind(content)
        .execute(&mut *self.tx)
        .await?;
        Ok(last + 1)
    }

    /// Makes `version` the page's current one, not put up, if the person has no page version here
    /// yet. Returns whether it did: a page that already has a version is left exactly as it is.
    pub async fn adopt_page_if_none(&mut self, version: i64) -> DbResult<bool> {
        let done = sqlx::query(
            "INSERT INTO public_pages (owner_id, published, indexable, current_version, updated_at) VALUES ($1, 0, 0, $2, $3) \
             ON CONFLICT (owner_id) DO UPDATE SET current_version = excluded.current_version \
             WHERE public_pages.current_version = 0",
        )
        .bind(&self.owner)
        .bind(version)
        .bind(crate::now_ms())
        .execute(&mut *self.tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn insert_toolkit_question(&mut self, id: &str, text: &str, created_at: i64) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO toolkit_questions (id, coach_id, text, source_question_id, created_at) VALUES ($1, $2, $3, NULL, $4)",
        )
        .bind(id)
        .bind(&self.owner)
        .bind(text)
        .bind(created_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Makes the whole import visible at once.
    pub async fn commit(self) -> DbResult<()> {
        self.tx.commit().await?;
        self.lists.changed();
        Ok(())
    }
}
