//! `coachkit-bench`: the Rust half of coachkit's load benchmark.
//!
//! `seed` fills a fresh database with a realistic instance (10,000 people, 100,000 records) and
//! writes the API tokens and session cookies of a sample of them for the load generator.
//! `check-writes` compares what a write run acknowledged with what the database holds.
//! The benchmark itself is `bench/run.sh`; `bench/README.md` explains it.

mod check;
mod seed;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "coachkit-bench", about = "Seed and check databases for coachkit's load benchmark")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill a fresh database and write the sample users' secrets for the load generator.
    Seed(seed::SeedArgs),
    /// Verify that every write a wrk run saw acknowledged is stored.
    CheckWrites(check::CheckArgs),
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Seed(args) => seed::run(args).await,
        Command::CheckWrites(args) => check::run(args).await,
    }
}
