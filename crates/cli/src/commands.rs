//! What each subcommand does.

use crate::settings::{EXAMPLE, FlagOverrides, Settings};
use crate::{Cli, Command};
use anyhow::{Context, bail};
use clap::Subcommand;
use coachkit_app::{App, demo};
use coachkit_domain::TokenId;
use coachkit_domain::account::{DisplayName, Email, Password};
use coachkit_store::{Backend, Store, StoreOptions};
use std::io::Read;
use std::time::{Duration, Instant};

#[derive(Subcommand)]
pub enum UserAction {
    /// Create an account. The password is read from standard input with --password-stdin,
    /// otherwise one is generated and printed once.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Make the account an instance admin.
        #[arg(long)]
        admin: bool,
        #[arg(long)]
        password_stdin: bool,
    },
    /// List accounts.
    List,
    /// Disable an account (signs it out everywhere).
    Disable { email: String },
    /// Re-enable a disabled account.
    Enable { email: String },
    /// Delete an account on its owner's request: what they wrote goes, in every practice; what
    /// others wrote stays. Nothing happens without --yes.
    Delete {
        email: String,
        /// Confirm: this cannot be undone.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Subcommand)]
pub enum TokenAction {
    /// Create an API token for an account; the token is printed once.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
    /// Revoke one of an account's tokens.
    Revoke {
        #[arg(long)]
        email: String,
        #[arg(long)]
        id: String,
    },
}

#[derive(Subcommand)]
pub enum MailAction {
    /// Show the newest messages in the outbox.
    List {
        #[arg(long, default_value_t = 20)]
        limit: i64,
    },
}

#[derive(Subcommand)]
pub enum ConfigAction {
    /// Print a fully commented example configuration.
    Default,
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let started = Instant::now();
    let bind = match &cli.command {
        Command::Serve { bind, .. } => bind.clone(),
        _ => None,
    };
    // Commands that need no configuration run before it is read, so they work anywhere.
    match &cli.command {
        Command::Config { action: ConfigAction::Default } => {
            print!("{EXAMPLE}");
            return Ok(());
        }
        Command::Openapi => {
            print!("{}", coachkit_web::openapi_json());
            return Ok(());
        }
        Command::Insight { action } => return crate::insight::run(action),
        _ => {}
    }
    let settings = Settings::load(
        cli.config.as_deref(),
        FlagOverrides { bind, data_dir: cli.data_dir.clone(), database_url: cli.database_url.clone() },
    )?;
    let serving = matches!(cli.command, Command::Serve { .. });
    init_logging(&settings.log_format, serving);

    let store =
        Store::connect(&StoreOptions { url: settings.database_url(), max_connections: settings.max_connections })
            .await
            .with_context(|| format!("opening the database at {}", redact(&settings.database_url())))?;
    let migrate_first = !matches!(cli.command, Command::Serve { no_migrations: true, .. } | Command::Backup { .. });
    if migrate_first {
        store.migrate().await.context("applying database migrations")?;
    }
    let app = App::new(store.clone(), settings.app_config());

    match cli.command {
        Command::Serve { demo, .. } => serve(app, &settings, demo, started).await?,
        Command::Migrate => println!("migrations applied"),
        Command::Demo => {
            let loaded = demo::load(&app).await.map_err(app_error)?;
            println!("{}", if loaded { "demo data loaded" } else { "demo data was already there" });
            print_demo_sign_ins();
            for (name, state, url) in coachkit_app::mentoring::demo::expert_links(&app).await.map_err(app_error)? {
                println!("  expert link, no account needed: {name} ({state}): {url}");
            }
        }
        Command::User { action } => user(&app, action).await?,
        Command::Token { action } => token(&app, action).await?,
        Command::Mail { action: MailAction::List { limit } } => {
            for m in app.store.recent_mail(limit.clamp(1, 1000)).await.map_err(db_error)? {
                let state = if m.sent_at.is_some() { "sent" } else { "waiting" };
                println!("--- {} | to {} | {}\nSubject: {}\n\n{}\n", m.id, m.to_addr, state, m.subject, m.body);
            }
        }
        Command::Backup { out } => backup(&store, &out).await?,
        Command::Export(args) => crate::export::export(&app, args).await?,
        Command::Import(args) => crate::export::import(&app, args).await?,
        Command::Config { .. } | Command::Openapi | Command::Insight { .. } => {}
    }
    store.close().await;
    Ok(())
}

pub(crate) fn app_error(e: coachkit_app::AppError) -> anyhow::Error {
    match e {
        coachkit_app::AppError::Invalid(fields) => {
            anyhow::anyhow!(fields.iter().map(|f| f.to_string()).collect::<Vec<_>>().join("; "))
        }
        coachkit_app::AppError::Internal(cause) => anyhow::anyhow!("internal error: {cause}"),
        other => anyhow::anyhow!(other.to_string()),
    }
}

fn db_error(e: coachkit_store::DbError) -> anyhow::Error {
    anyhow::Error::new(e)
}

/// Hides a password in a database URL before it is printed.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

fn init_logging(format: &str, serving: bool) {
    use tracing_subscriber::EnvFilter;
    let default = if serving { "info,sqlx=warn" } else { "warn" };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}

fn print_demo_sign_ins() {
    println!("Demo sign-ins (password for all: {}):", demo::DEMO_PASSWORD);
    for s in demo::SIGN_INS {
        println!("  {:<28} {:<20} {}", s.email, s.name, s.story);
    }
}

async fn serve(app: App, settings: &Settings, load_demo: bool, started: Instant) -> anyhow::Result<()> {
    if load_demo {
        let loaded = demo::load(&app).await.map_err(app_error)?;
        tracing::info!(loaded, "demo data {}", if loaded { "loaded" } else { "already present" });
        for s in demo::SIGN_INS {
            tracing::info!("demo sign-in: {} / {} ({}: {})", s.email, demo::DEMO_PASSWORD, s.name, s.story);
        }
        for (name, state, url) in coachkit_app::mentoring::demo::expert_links(&app).await.map_err(app_error)? {
            tracing::info!("demo expert link, no account needed: {name} ({state}): {url}");
        }
    }
    let listener = tokio::net::TcpListener::bind(&settings.bind)
        .await
        .with_context(|| format!("cannot listen on {}", settings.bind))?;
    let address = listener.local_addr().map(|a| a.to_string()).unwrap_or_else(|_| settings.bind.clone());
    let backend = match app.store.backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    tracing::info!(backend, ready_ms = started.elapsed().as_millis() as u64, "coachkit listening on http://{address}");

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let outbox = tokio::spawn(app.clone().run_outbox(Duration::from_secs(10), stop_rx.clone()));
    // One scheduler for every timed job (nudges, co-coaching, expired sessions, the search merge).
    let scheduler = tokio::spawn(app.clone().run_scheduler(Duration::from_secs(60), stop_rx));
    coachkit_web::serve(listener, app, settings.web_config(), shutdown_signal()).await.context("serving")?;
    let _ = stop_tx.send(true);
    let _ = tokio::join!(outbox, scheduler);
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("shutting down: finishing requests in flight");
}

async fn user(app: &App, action: UserAction) -> anyhow::Result<()> {
    match action {
        UserAction::Create { email, name, admin, password_stdin } => {
            let email = Email::parse(&email).map_err(|e| anyhow::anyhow!("{e}"))?;
            let name = DisplayName::parse(&name).map_err(|e| anyhow::anyhow!("{e}"))?;
            let (password, generated) = if password_stdin {
                let mut s = String::new();
                std::io::stdin().read_to_string(&mut s).context("reading the password from standard input")?;
                (s.trim_end_matches(['\n', '\r']).to_owned(), false)
            } else {
                let secret = coachkit_domain::capability::Secret::from_random_bytes(random_bytes());
                (secret.expose()[..20].to_owned(), true)
            };
            let password = Password::parse_new(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
            let user = app.create_account(&email, &name, password.clone(), admin).await.map_err(app_error)?;
            println!("created {} <{}>{}", user.display_name, user.email, if admin { " (admin)" } else { "" });
            if generated {
                println!("password: {}", password.expose());
            }
        }
        UserAction::List => {
            for u in app.store.list_users(100_000, 0).await.map_err(db_error)? {
                let state = if u.is_disabled() { "disabled" } else { "active" };
                let role = if u.is_admin() { "admin" } else { "" };
                println!("{}\t{}\t{}\t{}\t{}", u.id, u.email, u.display_name, state, role);
            }
        }
        UserAction::Disable { email } | UserAction::Enable { email } if email.is_empty() => bail!("give an e-mail"),
        UserAction::Disable { email } => set_disabled(app, &email, true).await?,
        UserAction::Enable { email } => set_disabled(app, &email, false).await?,
        UserAction::Delete { yes: false, email } => {
            bail!("deleting {email} cannot be undone: run again with --yes to delete it")
        }
        UserAction::Delete { email, yes: true } => {
            let user = find_user(app, &email).await?;
            app.delete_account(coachkit_app::Leaver::Operator, &user.user_id(), &user.email)
                .await
                .map_err(app_error)?;
            println!("{} deleted: what they wrote is gone, their sign-ins and tokens have ended", user.email);
        }
    }
    Ok(())
}

async fn set_disabled(app: &App, email: &str, disabled: bool) -> anyhow::Result<()> {
    let user = find_user(app, email).await?;
    app.store.set_user_disabled(&user.user_id(), disabled).await.map_err(db_error)?;
    println!("{} {}", user.email, if disabled { "disabled" } else { "enabled" });
    Ok(())
}

pub(crate) async fn find_user(app: &App, email: &str) -> anyhow::Result<coachkit_store::UserRow> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("{e}"))?;
    app.store
        .user_by_email(email.as_str())
        .await
        .map_err(db_error)?
        .with_context(|| format!("no account with the e-mail {}", email.as_str()))
}

async fn token(app: &App, action: TokenAction) -> anyhow::Result<()> {
    match action {
        TokenAction::Create { email, name } => {
            let user = find_user(app, &email).await?;
            let (id, secret) = app.create_token(&user.user_id(), &name).await.map_err(app_error)?;
            println!("token {id} for {}:\n{}", user.email, secret.expose());
        }
        TokenAction::Revoke { email, id } => {
            let user = find_user(app, &email).await?;
            let id = TokenId::parse(&id).map_err(|_| anyhow::anyhow!("{id} is not a token id"))?;
            app.revoke_token(&user.user_id(), &id).await.map_err(app_error)?;
            println!("revoked");
        }
    }
    Ok(())
}

async fn backup(store: &Store, out: &std::path::Path) -> anyhow::Result<()> {
    match store.backend() {
        Backend::Postgres => {
            println!("PostgreSQL is backed up with its own tools, for example:");
            println!("  pg_dump --format=custom --file=coachkit.dump \"$DATABASE_URL\"");
            println!("and restored with: pg_restore --clean --dbname=\"$DATABASE_URL\" coachkit.dump");
        }
        Backend::Sqlite => {
            if out.exists() {
                bail!("{} already exists; choose a new file", out.display());
            }
            store.backup_sqlite(out).await.map_err(db_error).context("writing the backup")?;
            println!("backup written to {}", out.display());
        }
    }
    Ok(())
}

fn random_bytes() -> [u8; 32] {
    let mut b = [0u8; 32];
    b[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    b[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    b
}

#[cfg(test)]
mod tests {
    #[test]
    fn database_passwords_are_redacted() {
        assert_eq!(super::redact("postgres://u:secret@h:5432/db"), "postgres://u:***@h:5432/db");
        assert_eq!(super::redact("sqlite://data/coachkit.db"), "sqlite://data/coachkit.db");
    }
}
