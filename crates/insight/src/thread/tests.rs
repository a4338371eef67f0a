//! Constructed cases for the thread search: what it must find, and inputs that must not break it.

use super::*;
use crate::embed::StaticModel;
use crate::lexical::TfIdf;

fn model() -> &'static StaticModel {
    StaticModel::embedded().unwrap()
}

fn expert(name: &str, texts: &[&str]) -> Expert {
    let prefix = name.chars().last().unwrap_or('X');
    Expert {
        name: name.to_owned(),
        advice: texts
            .iter()
            .enumerate()
            .map(|(i, t)| Advice { id: format!("{prefix}{}", i + 1), text: (*t).to_owned() })
            .collect(),
    }
}

fn ids(t: &Thread) -> Vec<&str> {
    t.items.iter().map(|i| i.id.as_str()).collect()
}

fn three_experts() -> Vec<Expert> {
    vec![
        expert(
            "Expert A",
            &[
                "Book a weekly one-on-one with each report.",
                "Give feedback the same day, while the details are fresh.",
                "Learn the rating calibration process.",
            ],
        ),
        expert(
            "Expert B",
            &[
                "Give feedback the same day, while the details are fresh.",
                "Ask your manager to observe one of your meetings.",
                "Read a book about difficult conversations.",
            ],
        ),
        expert(
            "Expert C",
            &[
                "Celebrate wins publicly on Fridays.",
                "Protect your sleep and exercise.",
                "Give feedback the same day, while the details are fresh.",
            ],
        ),
    ]
}

#[test]
fn identical_wording_is_found_by_both_methods() {
    for rep in [model() as &dyn Representation, &TfIdf] {
        let report = find_thread(rep, &three_experts()).unwrap();
        assert_eq!(ids(&report.thread), ["A2", "B1", "C3"], "{}", rep.name());
        assert!((report.thread.similarity - 1.0).abs() < 1e-4);
        assert!(report.confidence > 0.5, "{}: {}", rep.name(), report.confidence);
        assert!(!report.close);
        let words: Vec<&str> = report.shared_words.iter().map(|w| w.word.as_str()).collect();
        assert!(words.contains(&"feedback") && words.contains(&"fresh"), "{words:?}");
        assert!(report.explanation.contains("A2 (Expert A)") && report.explanation.contains("27 ways"));
    }
}

#[test]
fn paraphrased_thread_is_found() {
    let experts = vec![
        expert(
            "Expert A",
            &[
                "Hand whole projects, including the decisions, to your most senior people and let them run them.",
                "Put a weekly one-to-one in the calendar with every report.",
                "Ask your manager which two deadlines really matter this quarter.",
            ],
        ),
        expert(
            "Expert B",
            &[
                "Block the first ninety minutes of each morning for focused work.",
                "Give away the tasks someone on your team could do, with a clear outcome rather than instructions.",
                "Decline meetings that arrive without an agenda.",
            ],
        ),
        expert(
            "Expert C",
            &[
                "Stop redoing their work at night; trust them to own the result, mistakes included.",
                "Publish the team's priorities for the quarter.",
                "Celebrate one small win publicly every Friday.",
            ],
        ),
    ];
    let engine = crate::engine().unwrap();
    for rep in [model() as &dyn Representation, &engine] {
        let report = find_thread(rep, &experts).unwrap();
        assert_eq!(ids(&report.thread), ["A1", "B2", "C1"], "{}: {}", rep.name(), report.explanation);
    }
    let report = find_thread(model(), &experts).unwrap();
    assert!(report.thread.items.iter().all(|i| !i.key_words.is_empty()));
    for item in &report.thread.items {
        for k in &item.key_words {
            let text = experts.iter().flat_map(|e| &e.advice).find(|a| a.id == item.id).unwrap();
            assert_eq!(text.text[k.start..k.end], k.text);
        }
    }
}

#[test]
fn an_expert_who_repeats_the_point_contributes_two_items() {
    let experts = vec![
        expert(
            "Expert A",
            &[
                "Delegate entire projects to your team, decisions included.",
                "Delegate entire projects, decisions included, to your team.",
                "Keep a list of your wins.",
            ],
        ),
        expert("Expert B", &["Give your team entire projects and the decisions that go with them.", "Sleep more."]),
        expert("Expert C", &["Exercise before meetings.", "Let the team own whole projects, decisions and all."]),
    ];
    let report = find_thread(model(), &experts).unwrap();
    let mut found = ids(&report.thread);
    found.sort();
    assert_eq!(found, ["A1", "A2", "B1", "C2"], "{}", report.explanation);
    assert_eq!(report.thread.items.iter().filter(|i| i.repeat).count(), 1);
    assert!(report.explanation.contains("second item"));
}

#[test]
fn blank_and_one_word_advice_are_handled() {
    let experts = vec![
        expert("Expert A", &["", "Delegate.", "   "]),
        expert("Expert B", &["Delegate more work.", "Sleep."]),
        expert("Expert C", &["Exercise.", "delegation"]),
    ];
    let report = find_thread(model(), &experts).unwrap();
    assert_eq!(ids(&report.thread)[0], "A2", "a blank item is never part of the thread");
    assert!(report.related.iter().all(|r| r.id != "A1" && r.id != "A3"));

    let all_blank = vec![expert("Expert A", &["", " "]), expert("Expert B", &["Delegate."])];
    assert_eq!(find_thread(model(), &all_blank).unwrap_err(), InsightError::NoAdvice { expert: "Expert A".into() });
}

#[test]
fn non_english_and_emoji_do_not_crash() {
    let experts = vec![
        expert("Expert A", &["🙂🚀👍🏽", "委任してください", "Déléguez davantage à l'équipe."]),
        expert("Expert B", &["Делегируйте больше", "\u{0}\u{200B}\u{FEFF}", "مزيد من التفويض"]),
        expert("Expert C", &["🔥", "Delegate more 🙂", "ok"]),
    ];
    for rep in [model() as &dyn Representation, &TfIdf] {
        let report = find_thread(rep, &experts).unwrap();
        assert_eq!(report.thread.items.len(), 3);
        assert!(report.confidence.is_finite() && (0.0..=1.0).contains(&report.confidence));
        assert!(report.thread.similarity.is_finite());
    }
}

#[test]
fn long_advice_is_handled_and_too_long_is_refused() {
    let long = "Delegate the decisions as well as the work. ".repeat(230); // about 10,000 characters
    assert!(long.chars().count() >= 10_000);
    let experts =
        vec![expert("Expert A", &[&long, "Sleep."]), expert("Expert B", &["Delegate decisions too.", "Exercise."])];
    let report = find_thread(model(), &experts).unwrap();
    assert_eq!(ids(&report.thread), ["A1", "B1"]);

    let too_long = "a ".repeat(text::MAX_TEXT_CHARS);
    let experts = vec![expert("Expert A", &[&too_long]), expert("Expert B", &["Delegate."])];
    let err = find_thread(model(), &experts).unwrap_err();
    assert!(matches!(err, InsightError::TextTooLong { ref id, .. } if id == "A1"), "{err}");
}

#[test]
fn counts_and_ids_are_checked() {
    let one = vec![expert("Expert A", &["x"])];
    assert!(matches!(find_thread(model(), &one), Err(InsightError::Count { what: "experts", .. })));
    let seven: Vec<Expert> = (0..7).map(|i| expert(&format!("Expert {i}"), &["x"])).collect();
    assert!(matches!(find_thread(model(), &seven), Err(InsightError::Count { .. })));
    let six_items = vec![expert("Expert A", &["a", "b", "c", "d", "e", "f"]), expert("Expert B", &["x"])];
    assert!(matches!(find_thread(model(), &six_items), Err(InsightError::Count { .. })));
    let none = vec![expert("Expert A", &[]), expert("Expert B", &["x"])];
    assert!(matches!(find_thread(model(), &none), Err(InsightError::Count { .. })));
    let mut dup = vec![expert("Expert A", &["x"]), expert("Expert B", &["y"])];
    dup[1].advice[0].id = "A1".into();
    assert_eq!(find_thread(model(), &dup).unwrap_err(), InsightError::DuplicateId("A1".into()));
}

#[test]
fn the_largest_request_is_searched_exhaustively() {
    let topics = ["delegate", "feedback", "sleep", "budget", "hiring"];
    let experts: Vec<Expert> = (0..6)
        .map(|e| {
            let texts: Vec<String> = topics.iter().map(|t| format!("Advice {e} about {t} and more {t}")).collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            expert(&format!("Expert {}", char::from(b'A' + e as u8)), &refs)
        })
        .collect();
    let report = find_thread(model(), &experts).unwrap();
    assert_eq!(report.thread.items.len(), 6);
    assert!(report.explanation.contains("15625 ways"));
    let runner = report.runner_up.unwrap();
    assert_ne!(ids(&runner), ids(&report.thread));
}

#[test]
fn single_items_give_the_only_combination() {
    let experts = vec![expert("Expert A", &["Delegate."]), expert("Expert B", &["Sleep."])];
    let report = find_thread(model(), &experts).unwrap();
    assert_eq!(report.confidence, 1.0);
    assert!(report.runner_up.is_none() && !report.close);
    assert!(report.explanation.contains("only way"));
}

#[test]
fn hubness_is_measured_against_the_other_experts_items() {
    // A1 and A2 are near-duplicates (one expert); with the correction measured over all items, A1
    // would look like a hub because of its sibling. The search must use other experts' items only:
    // the same as searching a matrix corrected over those candidates beforehand.
    let sim = crate::similarity::SimilarityMatrix::from_fn(6, |i, j| match (i.min(j), i.max(j)) {
        (a, b) if a == b => 1.0,
        (0, 1) => 0.95,
        (0, 2) | (0, 4) | (2, 4) => 0.70,
        (1, 3) | (1, 5) | (3, 5) => 0.68,
        _ => 0.40,
    });
    struct Fixed(crate::similarity::SimilarityMatrix, usize);
    impl Representation for Fixed {
        fn name(&self) -> &'static str {
            "fixed"
        }
        fn similarities(&self, _: &[&str]) -> crate::similarity::SimilarityMatrix {
            self.0.clone()
        }
        fn hubness_neighbours(&self) -> usize {
            self.1
        }
    }
    let experts = vec![
        expert("Expert A", &["a one", "a two"]),
        expert("Expert B", &["b one", "b two"]),
        expert("Expert C", &["c one", "c two"]),
    ];
    let expert_of = |i: usize| i / 2;
    let pre = sim.hubness_corrected(2, |i, j| expert_of(i) != expert_of(j));
    let wired = find_thread(&Fixed(sim, 2), &experts).unwrap();
    let by_hand = find_thread(&Fixed(pre, 0), &experts).unwrap();
    assert_eq!(wired, by_hand);
    assert_eq!(ids(&wired.thread), ["A1", "B1", "C1"]);
}

#[test]
fn the_situation_is_checked_and_optional() {
    let engine = crate::engine().unwrap();
    let with = find_thread_in_context(&engine, &three_experts(), "Giving feedback to my team").unwrap();
    assert_eq!(ids(&with.thread), ["A2", "B1", "C3"]);
    let long = "word ".repeat(crate::text::MAX_TEXT_CHARS);
    assert!(find_thread_in_context(&engine, &three_experts(), &long).is_err());
}
