//! Static text embeddings compiled into the binary: nothing is read from disk or the network.
//!
//! The model is a table of int8 token vectors distilled from all-MiniLM-L6-v2 by
//! `scripts/insight/distill_m2v.py` (see `data/m2v/NOTICE`). A text's vector is the frequency-weighted
//! mean of its tokens' vectors, so embedding costs microseconds and every similarity can be split
//! exactly into the words that produced it, which is what the explanations use. A second, word-level
//! table (GloVe, `data/glove/NOTICE`) gives the engine independent evidence to blend in.

mod model;
mod table;
mod wordpiece;
mod words;

pub(crate) use model::normalize;
pub use model::{StaticModel, WordContribution};
pub use wordpiece::{PreToken, pre_tokens};
pub use words::WordVectors;
