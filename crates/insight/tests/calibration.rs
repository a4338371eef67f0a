//! The absolute scale of the static model (`similarity::UNRELATED_COSINE`, `SAME_THING_COSINE`) is
//! what the author's own labelled sets measure: pairs of advice written for different situations
//! are taken as unrelated, and their median and 95th percentile cosine must match the constants.

use coachkit_insight::StaticModel;
use coachkit_insight::eval::EvalFile;
use coachkit_insight::similarity::{SAME_THING_COSINE, UNRELATED_COSINE};

#[test]
fn calibration_matches_the_own_sets() {
    let Ok(EvalFile::Advice(file)) = EvalFile::parse(include_str!("../eval/own_advice_sets.json")) else {
        panic!("own advice sets must parse");
    };
    let model = StaticModel::embedded().unwrap();
    let items: Vec<(usize, Vec<f32>)> = file
        .sets
        .iter()
        .enumerate()
        .flat_map(|(s, set)| set.experts.iter().flat_map(move |e| e.advice.iter().map(move |a| (s, a.text.clone()))))
        .map(|(s, text)| (s, model.embed(&text)))
        .collect();
    let mut cosines: Vec<f32> = Vec::new();
    for (i, (si, a)) in items.iter().enumerate() {
        for (sj, b) in &items[i + 1..] {
            if si != sj {
                cosines.push(a.iter().zip(b).map(|(x, y)| x * y).sum());
            }
        }
    }
    cosines.sort_by(f32::total_cmp);
    let at = |q: f64| cosines[((cosines.len() - 1) as f64 * q) as usize];
    let (median, p95) = (at(0.5), at(0.95));
    assert!((median - UNRELATED_COSINE).abs() < 0.02, "median {median:.3}, constant {UNRELATED_COSINE}");
    assert!((p95 - SAME_THING_COSINE).abs() < 0.02, "p95 {p95:.3}, constant {SAME_THING_COSINE}");
}
