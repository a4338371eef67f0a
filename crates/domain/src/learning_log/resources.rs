//! The coach's toolkit a programme can hand its participants: short texts in our own words that a
//! facilitator ticks when setting up a programme, beside links and notes of their own.

/// One toolkit sheet: a key, a title, and its text.
pub struct Sheet {
    pub key: &'static str,
    pub title: &'static str,
    pub body: &'static str,
}

pub const TOOLKIT: [Sheet; 4] = [
    Sheet {
        key: "grow",
        title: "GROW on one page",
        body: "Goal: what does your coachee want from this conversation, and from the months ahead? \
Reality: what is happening now, what have they tried, what is in the way? \
Options: what could they do, and what else, and what else again? \
Way forward: which option, by when, and how will you both know it happened?",
    },
    Sheet {
        key: "preparation",
        title: "Getting ready for a session",
        body: "Agree the purpose and the time with your coachee beforehand. Read your notes from last time. \
Write down three or four open questions you might ask, and one thing you will try not to do \
(solving it for them, usually). Keep the phone away.",
    },
    Sheet {
        key: "listening",
        title: "Listening at three depths",
        body: "Hearing the words and waiting for your turn; following what the other person means and \
checking you got it; noticing what is not said, the energy, the hesitation. Aim for the second \
and the third, and say back what you heard before you ask the next question.",
    },
    Sheet {
        key: "questions",
        title: "Questions with a purpose",
        body: "Open questions (what, how, tell me about) widen the view; closed ones confirm. Ask one at a \
time, then stay quiet. Good follow-ups: what else? what would make that possible? what will you \
do first? A question you already know the answer to is advice in disguise.",
    },
];

/// The sheet with this key.
pub fn sheet(key: &str) -> Option<&'static Sheet> {
    TOOLKIT.iter().find(|s| s.key == key)
}
