//! "Which of my earlier reflections are about the same thing?" for the journal.
//!
//! Uses the static model's absolute scale (see `similarity::calibrate`): a pair counts as the same
//! thing when it is more alike than 95 of 100 unrelated pairs, and everything else more alike than
//! unrelated texts usually are is listed as possibly related, closest first.

use crate::InsightError;
use crate::embed::StaticModel;
use crate::lexical::shared_terms;
use crate::similarity::{SAME_THING_COSINE, Similarity, UNRELATED_COSINE, calibrate};
use crate::text;
use serde::{Deserialize, Serialize};

/// An earlier reflection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reflection {
    pub id: String,
    pub text: String,
}

/// An earlier reflection that looks related to the current one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimilarReflection {
    pub id: String,
    pub similarity: Similarity,
    /// More alike than 95 of 100 unrelated pairs: very likely about the same thing.
    pub same_thing: bool,
    /// Words both texts use (stemmed), for highlighting.
    pub shared_words: Vec<String>,
    pub explanation: String,
}

/// Earlier reflections more alike to `current` than unrelated texts usually are, closest first,
/// at most `limit` of them.
pub fn similar_reflections(
    model: &StaticModel,
    current: &str,
    earlier: &[Reflection],
    limit: usize,
) -> Result<Vec<SimilarReflection>, InsightError> {
    text::check_length("current reflection", current)?;
    for r in earlier {
        text::check_length(&r.id, &r.text)?;
    }
    let now = model.embed(current);
    let mut found: Vec<SimilarReflection> = earlier
        .iter()
        .filter_map(|r| {
            let cosine: f32 = now.iter().zip(model.embed(&r.text)).map(|(a, b)| a * b).sum();
            (cosine > UNRELATED_COSINE).then(|| {
                let same_thing = cosine >= SAME_THING_COSINE;
                let shared_words: Vec<String> =
                    shared_terms(&[current, r.text.as_str()], 2).into_iter().map(|t| t.label).collect();
                let explanation = format!(
                    "Similarity {cosine:.2}: {} (unrelated texts typically score {UNRELATED_COSINE:.2}, and \
                     {SAME_THING_COSINE:.2} or more is rarer than 1 in 20 for unrelated texts).{}",
                    if same_thing { "very likely about the same thing" } else { "possibly related" },
                    if shared_words.is_empty() {
                        String::new()
                    } else {
                        format!(" Shared words: {}.", text::join_list(&text::quoted(&shared_words)))
                    }
                );
                SimilarReflection {
                    id: r.id.clone(),
                    similarity: Similarity { cosine, relatedness: calibrate(cosine) },
                    same_thing,
                    shared_words,
                    explanation,
                }
            })
        })
        .collect();
    found.sort_by(|a, b| b.similarity.cosine.total_cmp(&a.similarity.cosine));
    found.truncate(limit);
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_reflection_about_the_same_thing() {
        let model = StaticModel::embedded().unwrap();
        let earlier = [
            Reflection { id: "r1".into(), text: "I keep doing my team's work myself instead of delegating it.".into() },
            Reflection { id: "r2".into(), text: "The offsite venue was lovely and the food was great.".into() },
            Reflection { id: "r3".into(), text: "".into() },
        ];
        let found =
            similar_reflections(model, "Again I took over a task I should have handed to my team.", &earlier, 5)
                .unwrap();
        assert_eq!(found.first().map(|f| f.id.as_str()), Some("r1"), "{found:#?}");
        assert!(found.iter().all(|f| f.id != "r3"));
        assert!(similar_reflections(model, "x", &[], 5).unwrap().is_empty());
    }
}
