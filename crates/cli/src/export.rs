//! `coachkit export` and `coachkit import`: one person's journal as a file, and that file brought
//! into an account on another instance. The operator runs these for a person (say, moving them to
//! their organisation's own instance); what goes in and out is exactly what the web downloads give.

use crate::commands::{app_error, find_user};
use anyhow::{Context, bail};
use coachkit_app::journal::export::{MAX_IMPORT_BYTES, markdown_zip, to_json};
use coachkit_app::{Actor, App};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The account whose journal to export.
    #[arg(long)]
    email: String,
    /// File to write (it must not exist): FILE.json for the complete, importable file, FILE.zip for
    /// the Markdown files.
    #[arg(long)]
    out: PathBuf,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The account to import into (it must exist on this instance).
    #[arg(long)]
    email: String,
    /// An export file (JSON) written by `coachkit export` or downloaded from /journal/export.json.
    file: PathBuf,
}

fn actor(user: coachkit_store::UserRow) -> Actor {
    Actor { user, csrf_token: None, session_hash: None }
}

pub async fn export(app: &App, args: ExportArgs) -> anyhow::Result<()> {
    let user = find_user(app, &args.email).await?;
    let doc = app.export_json(&actor(user)).await.map_err(app_error)?;
    let zip = args.out.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    let bytes = if zip { markdown_zip(&doc) } else { to_json(&doc) }.map_err(app_error)?;
    // create_new: an export never overwrites a file, least of all an earlier export.
    let mut file = match std::fs::OpenOptions::new().write(true).create_new(true).open(&args.out) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!("{} already exists; choose a new file", args.out.display())
        }
        Err(e) => return Err(e).with_context(|| format!("creating {}", args.out.display())),
    };
    file.write_all(&bytes).and_then(|()| file.sync_all()).with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "exported the journal of {} <{}> to {}: sessions {}, reflections {}, actions {}, open questions {}, positions {}",
        doc.person.display_name,
        doc.person.email,
        args.out.display(),
        doc.sessions.len(),
        doc.reflections.len(),
        doc.actions.len(),
        doc.open_questions.len(),
        doc.positions.len()
    );
    Ok(())
}

pub async fn import(app: &App, args: ImportArgs) -> anyhow::Result<()> {
    let user = find_user(app, &args.email).await?;
    let size = std::fs::metadata(&args.file).with_context(|| format!("reading {}", args.file.display()))?.len();
    // Checked before reading, so a wrong (huge) file is refused without filling memory.
    if size > MAX_IMPORT_BYTES as u64 {
        bail!("{} is too large for an export file ({size} bytes; at most {MAX_IMPORT_BYTES})", args.file.display());
    }
    let raw = std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let (name, email) = (user.display_name.clone(), user.email.clone());
    let report = app.import_json(&actor(user), &raw).await.map_err(app_error)?;
    println!("imported {} into the journal of {name} <{email}>:", args.file.display());
    print!("{report}");
    Ok(())
}
