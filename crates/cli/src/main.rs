//! The `coachkit` binary: one program that serves the web app and API, and administers an instance.

mod commands;
mod export;
mod insight;
mod settings;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "coachkit", version, about = "Self-hosted coaching and mentoring")]
struct Cli {
    /// Configuration file (TOML). Defaults to ./coachkit.toml when it exists.
    #[arg(long, global = true, env = "COACHKIT_CONFIG")]
    config: Option<PathBuf>,
    /// Database URL: sqlite://path or postgres://... (overrides the config).
    #[arg(long, global = true)]
    database_url: Option<String>,
    /// Data folder for the SQLite file (overrides the config).
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server.
    Serve {
        /// Address to listen on, e.g. 127.0.0.1:8080.
        #[arg(long)]
        bind: Option<String>,
        /// Do not apply database migrations at start.
        #[arg(long)]
        no_migrations: bool,
        /// Load the demo data if it is not loaded yet, and print its sign-ins.
        #[arg(long)]
        demo: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Load the demo data into the database (idempotent).
    Demo,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        action: commands::UserAction,
    },
    /// Manage personal API tokens.
    Token {
        #[command(subcommand)]
        action: commands::TokenAction,
    },
    /// Read the mail outbox (for instances without SMTP).
    Mail {
        #[command(subcommand)]
        action: commands::MailAction,
    },
    /// Back up the database: a consistent SQLite copy, or what to run for PostgreSQL.
    Backup {
        /// File to write the SQLite copy to (must not exist).
        #[arg(long)]
        out: PathBuf,
    },
    /// Configuration helpers.
    Config {
        #[command(subcommand)]
        action: commands::ConfigAction,
    },
    /// Print the OpenAPI document of the JSON API.
    Openapi,
    /// Export everything one person wrote to a file (JSON to import elsewhere, or a Markdown zip).
    Export(export::ExportArgs),
    /// Import an export file into an account of this instance; prints what it did.
    Import(export::ImportArgs),
    /// Text insight (theme threads, co-coaching teams); needs no database.
    Insight {
        #[command(subcommand)]
        action: insight::InsightAction,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: could not start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One clear line: the error and its causes, no backtrace.
            let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
            eprintln!("error: {}", chain.join(": "));
            ExitCode::FAILURE
        }
    }
}
