//! coachkit-insight: reads short texts the way a thoughtful coach would, offline.
//!
//! Two practices need it. In just-in-time mentoring, three experts each give three pieces of advice
//! and the leader looks for the thread that runs through them ([`thread`]). In co-coaching, people
//! from two organisations bring challenges and natural pairs across the organisations are suggested
//! ([`teams`]). The journal asks which earlier reflections are about the same thing ([`journal`]).
//!
//! Everything runs on the CPU from data compiled into the binary ([`embed`]): a static embedding
//! model distilled from all-MiniLM-L6-v2, int8, about 8 MB, and GloVe word vectors (3 MB), read within
//! each request by [`engine()`] (threads and teams hubness-corrected against each text's usual company). A stemmed tf-idf ([`lexical`]) is the
//! baseline it is measured against, and finds literally shared words for highlighting. [`eval`]
//! scores both on labelled sets. This crate knows nothing of the web or the database.

pub mod embed;
pub mod engine;
pub mod error;
pub mod eval;
pub mod journal;
mod keywords;
pub mod lexical;
pub mod similarity;
pub mod teams;
pub mod text;
pub mod thread;

pub use embed::StaticModel;
pub use engine::{Engine, EngineOptions};
pub use error::InsightError;
pub use lexical::TfIdf;
pub use similarity::{Representation, Similarity};

/// The static model compiled into this binary (loaded on first use, then shared).
pub fn model() -> Result<&'static StaticModel, InsightError> {
    StaticModel::embedded()
}

/// The method the pages should use for threads and teams: the static model read within the
/// request ([`Engine`] with [`EngineOptions::CHOSEN`]): threads from both models blended,
/// hubness-corrected, with the situation's words at half weight (pass the situation to
/// [`thread::find_thread_in_context`]), teams hubness-corrected with a bar above the group's
/// typical pair. The plain static model stays available as [`model`] for comparison.
pub fn engine() -> Result<Engine<'static>, InsightError> {
    Ok(Engine::new(model()?, EngineOptions::CHOSEN))
}

/// How alike two texts are, with the static model.
pub fn similarity(a: &str, b: &str) -> Result<Similarity, InsightError> {
    text::check_length("first text", a)?;
    text::check_length("second text", b)?;
    let m = model()?;
    let cosine: f32 = m.embed(a).iter().zip(m.embed(b)).map(|(x, y)| x * y).sum();
    Ok(Similarity { cosine, relatedness: similarity::calibrate(cosine) })
}
