//! Property tests of the wheel's inputs: whatever is typed, either a clear error comes back and no
//! assessment exists, or the assessment that exists keeps every rule (ratings 1 to 9, times finite,
//! non-negative and within the week, totals within the week).

use super::*;
use proptest::prelude::*;

fn any_unit() -> impl Strategy<Value = TimeUnit> {
    prop_oneof![Just(TimeUnit::HoursPerWeek), Just(TimeUnit::ShareOfTime)]
}

/// Numbers as people (and scripts) might type them, good and bad.
fn typed_number() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..200).prop_map(|n| n.to_string()),
        (-1000.0f64..1000.0).prop_map(|x| format!("{x}")),
        (-1000.0f64..1000.0).prop_map(|x| format!("{x:.1}").replace('.', ",")),
        any::<f64>().prop_map(|x| x.to_string()),
        Just(String::new()),
        Just("NaN".to_owned()),
        Just("-inf".to_owned()),
        Just("1e9".to_owned()),
        "\\PC{0,12}",
    ]
}

fn typed_rating() -> impl Strategy<Value = String> {
    prop_oneof![(-20i64..30).prop_map(|n| n.to_string()), Just(String::new()), "\\PC{0,4}"]
}

fn raw_entry() -> impl Strategy<Value = RawEntry> {
    (typed_rating(), typed_number(), typed_number(), "\\PC{0,20}").prop_map(|(rating, spent, wished, note)| RawEntry {
        rating,
        spent,
        wished,
        note,
    })
}

fn template_of(n: usize) -> Template {
    let rows: Vec<RawArea> = (0..n).map(|i| RawArea::new(format!("Area {i}"), "")).collect();
    // Names "Area 0".."Area 11" are distinct, short and one line, so this cannot fail for 2..=12.
    Template::parse("t", &rows).unwrap()
}

proptest! {
    #[test]
    fn ratings_outside_one_to_nine_are_refused(n in any::<i64>()) {
        let parsed = Rating::parse(&n.to_string());
        prop_assert_eq!(parsed.is_ok(), (1..=9).contains(&n));
        if let Ok(r) = parsed {
            prop_assert_eq!(i64::from(r.get()), n);
        }
    }

    #[test]
    fn any_byte_outside_the_range_is_refused(n in any::<u8>()) {
        prop_assert_eq!(Rating::new(n).is_ok(), (1..=9).contains(&n));
    }

    #[test]
    fn a_parsed_amount_is_always_sane(raw in typed_number(), unit in any_unit()) {
        if let Ok(a) = TimeAmount::parse("spent", &raw, unit) {
            prop_assert!(a.value().is_finite());
            prop_assert!(a.value() >= 0.0 && a.value() <= unit.limit(), "{raw:?} gave {}", a.value());
        }
    }

    #[test]
    fn negative_nan_or_absurd_numbers_are_refused(x in any::<f64>(), unit in any_unit()) {
        let ok = TimeAmount::new("spent", x, unit).is_ok();
        prop_assert_eq!(ok, x.is_finite() && x >= 0.0 && x <= unit.limit());
        if x < 0.0 && x.is_finite() {
            prop_assert_eq!(TimeAmount::new("spent", x, unit).unwrap_err().message, "must not be negative");
        }
    }

    #[test]
    fn an_assessment_exists_only_if_every_input_is_valid(
        n in 2usize..=12,
        rows in prop::collection::vec(raw_entry(), 0..=12),
        unit in any_unit(),
    ) {
        let rows: Vec<RawEntry> = rows.into_iter().take(n).collect();
        let each_valid = rows.iter().all(|r| {
            Rating::parse_optional(&r.rating).is_ok()
                && TimeAmount::parse_optional("spent", &r.spent, unit).is_ok()
                && TimeAmount::parse_optional("wished", &r.wished, unit).is_ok()
                && AreaNote::parse_optional(&r.note).is_ok()
        });
        match Assessment::parse(template_of(n), unit, &rows) {
            Ok(a) => {
                prop_assert!(each_valid);
                prop_assert_eq!(a.entries().len(), n);
                let totals = a.totals();
                prop_assert!(totals.spent <= unit.limit() + 1e-6);
                prop_assert!(totals.wished <= unit.limit() + 1e-6);
                for i in 0..n {
                    for share in [a.spent_share(i), a.wished_share(i)].into_iter().flatten() {
                        prop_assert!((0.0..=100.0).contains(&share));
                    }
                }
                let reading = Reading::of(&a);
                prop_assert!(reading.place_to_look.len() <= Reading::MAX_PLACES);
                prop_assert_eq!(reading.by_gap.len() + reading.not_entered.len(), n);
                prop_assert!(reading.by_gap.windows(2).all(|w| w[0].gap >= w[1].gap));
                for i in &reading.place_to_look {
                    prop_assert!(reading.by_gap.iter().any(|r| r.index == *i && r.stands_out()));
                }
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                // Either some input was refused on its own, or a column adds up to more than a week.
                let totals_refused = errors.iter().any(|e| e.area.is_none());
                prop_assert!(!each_valid || totals_refused, "{errors}");
                for e in errors.iter() {
                    prop_assert!(!e.message.is_empty());
                    if let Some(i) = e.area {
                        prop_assert!(i < n);
                        let prefix = format!("area {} (Area {}): ", i + 1, i);
                        prop_assert!(e.to_string().starts_with(&prefix));
                    }
                }
            }
        }
    }

    #[test]
    fn totals_decide_when_every_amount_is_valid(values in prop::collection::vec(0u32..=100, 2..=12), unit in any_unit()) {
        let n = values.len();
        let rows: Vec<RawEntry> = values.iter().map(|v| RawEntry { wished: v.to_string(), ..RawEntry::default() }).collect();
        let total: u32 = values.iter().sum();
        let parsed = Assessment::parse(template_of(n), unit, &rows);
        prop_assert_eq!(parsed.is_ok(), f64::from(total) <= unit.limit(), "total {}", total);
        if let Err(errors) = parsed {
            prop_assert_eq!(errors.len(), 1);
            prop_assert!(errors.iter().all(|e| e.area.is_none() && e.field == "wished"));
        }
    }

    #[test]
    fn converting_keeps_every_rule(
        values in prop::collection::vec((0.0f64..=14.0, 0.0f64..=14.0), 2..=12),
        week in 1.0f64..=168.0,
    ) {
        let n = values.len();
        let rows: Vec<RawEntry> = values
            .iter()
            .map(|(s, w)| RawEntry { rating: "5".into(), spent: format!("{s:.2}"), wished: format!("{w:.2}"), note: String::new() })
            .collect();
        let hours = Assessment::parse(template_of(n), TimeUnit::HoursPerWeek, &rows);
        prop_assert!(hours.is_ok(), "12 x 14 = 168 hours fits a week");
        let Ok(hours) = hours else { return Ok(()) };
        let shares = hours.converted(TimeUnit::ShareOfTime, week);
        prop_assert!(shares.is_ok());
        let Ok(shares) = shares else { return Ok(()) };
        prop_assert!(shares.totals().spent <= 100.0 + 1e-6);
        let back = shares.converted(TimeUnit::HoursPerWeek, week);
        prop_assert!(back.is_ok());
    }

    #[test]
    fn templates_that_parse_keep_their_rules(names in prop::collection::vec("\\PC{0,50}", 0..=14)) {
        let rows: Vec<RawArea> = names.iter().map(|n| RawArea::new(n.clone(), "")).collect();
        if let Ok(t) = Template::parse("t", &rows) {
            prop_assert!((2..=12).contains(&t.len()));
            let mut keys: Vec<String> = t.areas().iter().map(|a| a.name.key()).collect();
            keys.sort();
            keys.dedup();
            prop_assert_eq!(keys.len(), t.len());
            for a in t.areas() {
                prop_assert!(!a.name.as_str().is_empty() && a.name.as_str().chars().count() <= AreaName::MAX);
                prop_assert!(!a.name.as_str().contains(['\n', '\r', '\t']));
            }
        }
    }
}
