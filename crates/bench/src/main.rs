//! `coachkit-bench`: the Rust half of coachkit's load benchmark.
//!
//! `seed` fills a fresh database with a realistic instance (10,000 people, 100,000 records) and
//! writes the API tokens and session cookies of a sample of them for the load generator.
//! `check-writes` compares what a write run acknowledged with what the database holds.
//! The benchmark itself is `bench/run.sh`; `bench/README.md` explains it.
//!
//! The journal's benchmark (`bench/journal.sh`) adds `seed --reflections N` and four tools:
//! `time-actions`, `count-actions`, `check-actions` and `explain` (see [`journal`]).
//!
//! Practice 4's benchmark (`bench/co_coaching.sh`) adds `seed-co-coaching` and `time-teaming`
//! (see [`co_coaching`]).
//!
//! Practice 5's benchmark (`bench/mentoring.sh`) adds `seed-mentoring`, `check-advice` and
//! `time-seal` (see [`mentoring`]).
//!
//! Practice 3's benchmark (`bench/learning_log.sh`) adds `seed-learning-log` and
//! `time-learning-log` (see [`learning_log`]).

mod check;
mod co_coaching;
mod http;
mod journal;
mod learning_log;
mod mentoring;
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
    /// Time creating actions, one at a time, in a relationship with none and one with 9,999.
    TimeActions(journal::TimeActionsArgs),
    /// Print how many actions a relationship holds.
    CountActions(journal::CountActionsArgs),
    /// Verify that every action a create run saw acknowledged is stored.
    CheckActions(journal::CheckActionsArgs),
    /// Show the plans and timings of the journal's hot queries.
    Explain(journal::ExplainArgs),
    /// Add practice 5's advice requests (through the app) to a seeded database.
    SeedMentoring(mentoring::SeedMentoringArgs),
    /// Verify that every expert's draft save a wrk run saw acknowledged is stored.
    CheckAdvice(mentoring::CheckAdviceArgs),
    /// Load the demo (with its co-coaching engagements) and sign in a participant and the facilitator.
    SeedCoCoaching(co_coaching::SeedArgs),
    /// Time teaming up cards from many organisations through the API.
    TimeTeaming(co_coaching::TimeTeamingArgs),
    /// Time the layers of one teaming request in process: JSON in, the insight crate alone, the app, JSON out.
    TimeTeamingLayers(co_coaching::TimeLayersArgs),
    /// Time the last expert's submit (the seal opening) against the one before it.
    TimeSeal(mentoring::TimeSealArgs),
    /// Add practice 3's programme and its cohort (through the app) to a seeded database.
    SeedLearningLog(learning_log::SeedLearningLogArgs),
    /// Time the cohort view's and the log's steps in process, and show the cohort query's plan.
    TimeLearningLog(learning_log::TimeLearningLogArgs),
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Seed(args) => seed::run(args).await,
        Command::CheckWrites(args) => check::run(args).await,
        Command::TimeActions(args) => journal::time_actions(args),
        Command::CountActions(args) => journal::count_actions(args).await,
        Command::CheckActions(args) => journal::check_actions(args).await,
        Command::Explain(args) => journal::explain(args).await,
        Command::SeedMentoring(args) => mentoring::seed(args).await,
        Command::SeedCoCoaching(args) => co_coaching::seed(args).await,
        Command::TimeTeaming(args) => co_coaching::time_teaming(args),
        Command::TimeTeamingLayers(args) => co_coaching::time_layers(args).await,
        Command::CheckAdvice(args) => mentoring::check_advice(args).await,
        Command::TimeSeal(args) => mentoring::time_seal(args).await,
        Command::SeedLearningLog(args) => learning_log::seed(args).await,
        Command::TimeLearningLog(args) => learning_log::time_learning_log(args).await,
    }
}
