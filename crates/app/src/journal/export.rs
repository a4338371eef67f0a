//! A person's export of everything they wrote, and its import on another instance.
//!
//! Two formats from one document: JSON (complete, versioned, re-importable with `coachkit import`)
//! and a zip of Markdown files (one per session, readable in any editor). An export holds only
//! what the person wrote, never what another person wrote and let them see: the store reads by
//! author, not by "may see", so a mentor's shared note or the other party's private detail cannot
//! slip in through the privacy policy's read rules.

mod build;
mod format;
mod import;
mod markdown;
mod parse;
mod plan;

pub use format::*;
pub use import::{ImportCount, ImportReport};
pub use parse::MAX_BYTES as MAX_IMPORT_BYTES;

use crate::error::{AppError, AppResult};
use crate::{Actor, App};

impl App {
    /// Everything the actor wrote, as the export document.
    pub async fn export_json(&self, actor: &Actor) -> AppResult<ExportDocument> {
        let data = self.store.journal_export(&actor.user.id).await?;
        build::document(&actor.user, data, coachkit_store::now_ms())
    }

    /// Everything the actor wrote, as a zip of Markdown files (with the JSON document inside too).
    pub async fn export_markdown(&self, actor: &Actor) -> AppResult<Vec<u8>> {
        let doc = self.export_json(actor).await?;
        markdown_zip(&doc)
    }
}

/// The document as pretty-printed JSON, as the download and the command line write it.
pub fn to_json(doc: &ExportDocument) -> AppResult<Vec<u8>> {
    serde_json::to_vec_pretty(doc).map_err(|e| AppError::Internal(Box::new(e)))
}

/// The document as a zip of Markdown files.
pub fn markdown_zip(doc: &ExportDocument) -> AppResult<Vec<u8>> {
    let json = String::from_utf8(to_json(doc)?).map_err(|e| AppError::Internal(Box::new(e)))?;
    markdown::zip(doc, &markdown::files(doc, &json))
}

/// A download's file name: "coachkit-export-lena-2026-11-01.json".
pub fn file_name(doc: &ExportDocument, extension: &str) -> String {
    let day: String = rfc3339::format(doc.exported_at).unwrap_or_default().chars().take(10).collect();
    let handle: String = doc.person.handle.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    format!("coachkit-export-{handle}-{day}.{extension}")
}
