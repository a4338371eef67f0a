//! The WordPiece tokenizer agrees with the reference tokenizer on the golden cases written by
//! `scripts/insight/wordpiece_golden.py` (Hugging Face `tokenizers` on the model's own tokenizer.json).

use coachkit_insight::StaticModel;
use serde::Deserialize;

#[derive(Deserialize)]
struct Golden {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    ids: Vec<u32>,
}

#[test]
fn tokenizer_matches_the_reference() {
    let golden: Golden = serde_json::from_str(include_str!("wordpiece_golden.json")).unwrap();
    let model = StaticModel::embedded().unwrap();
    let mut failures = Vec::new();
    for case in &golden.cases {
        let ids = model.token_ids(&case.text);
        if ids != case.ids {
            failures.push(format!("{:?}\n  ours: {ids:?}\n  ref:  {:?}", case.text, case.ids));
        }
    }
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), golden.cases.len(), failures.join("\n"));
}
