//! The benchmark's cards: front-line challenges written from a few phrasings per theme, so that
//! cards about the same thing in different organisations read alike without being copies.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// (what, why it matters, what success looks like) phrasings per theme.
const THEMES: [[&str; 3]; 12] = [
    [
        "new starters leave in their first months",
        "training each one costs us weeks",
        "most new starters stay past a year",
    ],
    [
        "the yearly budget takes weeks of spreadsheets",
        "my team works evenings every spring",
        "a budget agreed in three weeks",
    ],
    [
        "customers are not told when a visit or delivery slips",
        "a silent delay turns into a complaint",
        "everyone hears about a delay before the slot",
    ],
    [
        "vans and rooms stand empty half the day",
        "we pay for space and vehicles we barely use",
        "our quiet hours used by someone else",
    ],
    [
        "managers are promoted without any training",
        "good specialists become unhappy managers",
        "every new manager has a first-year programme",
    ],
    [
        "night shifts run on agency cover",
        "agency staff cost more and make more mistakes",
        "a settled night team of our own people",
    ],
    [
        "our data lives in a dozen spreadsheets",
        "nobody trusts the numbers in the board report",
        "one shared source for the figures we report",
    ],
    [
        "sickness absence keeps rising on the front line",
        "the same few people cover every gap",
        "absence back to where it was three years ago",
    ],
    [
        "buying is done in many small contracts",
        "we pay more than a bigger buyer would",
        "one shared contract at a better price",
    ],
    ["handovers between shifts lose information", "jobs are repeated or forgotten", "a handover nobody has to chase"],
    [
        "apprentices have nobody to turn to",
        "they drop out before they qualify",
        "every apprentice has a mentor from day one",
    ],
    [
        "complaints take weeks to answer",
        "people give up on us before we reply",
        "every complaint answered within five days",
    ],
];

const OPENINGS: [&str; 4] = ["", "Too often ", "In our teams ", "Across the organisation "];

/// The JSON body of one suggestion request.
pub fn request_body(cards: usize, orgs: usize) -> String {
    let mut rng = StdRng::seed_from_u64(4);
    let mut out = String::from("{\"cards\":[");
    for i in 0..cards {
        let theme = THEMES[rng.gen_range(0..THEMES.len())];
        let opening = OPENINGS[rng.gen_range(0..OPENINGS.len())];
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            "{{\"id\":\"c{i}\",\"org\":\"org{}\",\"person\":\"p{i}\",\"what\":\"{opening}{}\",\"why\":\"{}\",\"success\":\"{}\"}}",
            i % orgs.max(1),
            theme[0],
            theme[1],
            theme[2]
        ));
    }
    out.push_str("]}");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_body_is_json_with_every_card() {
        let body = super::request_body(50, 7);
        assert_eq!(body.matches("\"id\":").count(), 50);
        assert!(body.starts_with("{\"cards\":[{") && body.ends_with("}]}"));
    }
}
