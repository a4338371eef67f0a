//! Text for seeded reflections, sessions and actions: sentences a leader might write after a
//! coaching session, with colleagues' names and made-up project words filled in, so the full-text
//! index holds a realistic vocabulary (a few thousand common words and a long tail of rare ones).
//!
//! Two words are planted for the search benchmark: [`COMMON`] comes up in about four reflections in
//! ten (it is in some of the sentences), and [`RARE`] in exactly one reflection of each person of
//! the measured cohort and nowhere else, so it matches the same few rows at every size.

use rand::Rng;
use rand::rngs::StdRng;

/// A word present in many reflections (about 40 %).
pub const COMMON: &str = "team";
/// A word present in one reflection of each cohort person and nowhere else.
pub const RARE: &str = "kintsugi";

const RARE_SENTENCE: &str = "I keep coming back to kintsugi: the repair can be part of the story.";

/// `{n}`: a colleague's name; `{p}`: a made-up project or place word (long-tailed); `{d}`: a day.
const SENTENCES: &[&str] = &[
    "We talked about how I hand work over to {n} without taking it back at the first sign of trouble.",
    "My team is waiting for me to decide on {p}, and I have been putting it off since {d}.",
    "The conversation with {n} went better than I feared, mostly because I listened first.",
    "I noticed that I interrupt when I am tired, especially in the long meetings about {p}.",
    "My coach asked what I would do if I trusted {n} completely, and I had no answer.",
    "I want to give clearer feedback to the team, closer to the moment and less wrapped in caveats.",
    "On {d} I said no to a request from {n}, and nothing terrible happened.",
    "The budget for {p} is not the real problem; the real problem is that nobody owns it.",
    "I am starting to see that my need for control slows the whole team down.",
    "Next week I will ask {n} to run the planning session for {p} while I only observe.",
    "I felt defensive when {n} questioned the plan, and I would like to understand why.",
    "We looked at where my time goes: too much into {p} and too little into my people.",
    "A question stayed with me: what would the team lose if I stepped back from {p}?",
    "I need to prepare the hard conversation with {n} instead of rehearsing it in my head.",
    "The reorganisation around {p} has left people unsure who decides what.",
    "I celebrated a small win with the team on {d}, and the mood changed noticeably.",
    "I realised I have been treating {n} as a junior when they are clearly ready for more.",
    "Saying what I think early, instead of waiting for consensus, feels risky but necessary.",
    "My energy drops every afternoon; I should protect the mornings for thinking about {p}.",
    "We agreed that I will write down the three decisions only I can make, and delegate the rest.",
    "The stakeholders for {p} want certainty that I cannot honestly give them yet.",
    "I asked the team what gets in their way, and the answers surprised me.",
    "There is a pattern: when pressure rises I go back to doing the work myself.",
    "I want to understand what motivates {n}, rather than assuming it is the same as for me.",
    "The one-to-one with {n} on {d} was the first in weeks that was not about status updates.",
    "I am proud of how I handled the escalation on {p}, even if the outcome is still open.",
    "What does good look like for {p} in six months? I could not describe it clearly.",
    "I keep promising myself to block time for reflection and then filling it with meetings.",
    "My mentor pointed out that I describe every setback as my own fault.",
    "It helped to name the tension between speed and quality out loud with the team.",
    "I will try a weekly note to the team about priorities, so fewer things land on me.",
    "The feedback from {n} about my presentation was fair, and it stung a little.",
    "Trust is built in small moments; I missed one with {n} on {d} and want to repair it.",
    "We explored whether {p} is still worth doing, or whether I am attached to it.",
    "I noticed relief when I let {n} lead the client meeting, and some anxiety too.",
    "Hiring for {p} is taking too long because I keep adding criteria.",
    "I want my team to bring me problems earlier, which means reacting more calmly when they do.",
    "The conflict between {n} and the rest of the team is partly a conflict about roles.",
    "I was clearer in the steering group about {p} than I have ever been, and it worked.",
    "I am learning that asking a good question often does more than giving a good answer.",
    "My calendar says my priorities are {p} and email; that is not what I want it to say.",
    "I should check in with {n} about workload before asking for anything else.",
    "The retrospective on {p} showed that we never agreed what done means.",
    "I do not have to have an opinion on everything in the room.",
    "A colleague from {p} asked me for advice, which made me see how far I have come.",
    "We spent the session on boundaries: when I am available, and when I am not.",
    "I would like to stop rescuing the team at the last minute.",
    "Recognition matters more to {n} than I thought; I will say thank you more specifically.",
    "The decision on {p} is reversible, so I can make it faster than I have been.",
    "I caught myself explaining instead of listening again on {d}.",
    "Change fatigue is real in the team after the move to {p}.",
    "I want to be the kind of leader who makes it safe to disagree.",
    "My coach suggested I write the email to {n} and sleep on it before sending.",
    "I finally shared the draft strategy for {p} before it was perfect.",
    "Our meetings start late and end late; I set that example myself.",
    "I notice I compare myself with {n} and come off worse every time.",
    "The performance review with {n} needs evidence, not impressions.",
    "There is more capacity in the team than I use, because I do not ask.",
    "I want to spend the next quarter building the bench of people who can lead {p}.",
    "We talked about influence without authority, and about who I need on my side for {p}.",
    "I slept badly before the board meeting and still did fine.",
    "Today I decided to stop attending the weekly {p} meeting and trust the notes.",
    "The client on {p} is not unreasonable; I have not been clear about what we can do.",
    "I asked {n} what they would change if they had my job for a week.",
    "Letting go of the details of {p} is harder than I expected.",
    "I am not sure my team knows what I expect of them, and that is on me.",
    "I want to keep this habit of writing after each session.",
    "The same theme came up again: I take on too much and then resent it.",
    "I owe {n} an apology for how I reacted on {d}.",
    "We mapped the people around {p} and who I have been avoiding.",
    "Some of the team want more direction, others want more freedom; one style will not fit both.",
    "I read my notes from last month and saw how much has moved.",
    "My default is to fix; my coach asked what would happen if I only asked questions for a day.",
    "The merger of {p} with the old department is stirring up old loyalties.",
    "I need a clearer story for why {p} matters, for myself first.",
    "I am going to ask for help with the forecast instead of pretending I have it covered.",
    "The quiet people in the team have the best ideas about {p}; I need to make room for them.",
    "I left the session with one action and a lot to think about.",
    "Feedback from the team survey was mixed, and the comments about communication were fair.",
    "I handled the disagreement with {n} in the open rather than behind closed doors.",
    "Working from home on {d} gave me the first uninterrupted hour in weeks.",
    "I would like {n} to present the results of {p} to the leadership group.",
    "It is not my job to make everyone happy about the changes to {p}.",
];

const TITLES: &[&str] = &[
    "After the session",
    "Delegating again",
    "A hard conversation",
    "Notes to self",
    "What I noticed this week",
    "On feedback",
    "Before the board meeting",
    "Saying no",
    "Where my time goes",
    "Trust",
    "Thinking about the team",
    "A small win",
    "Boundaries",
    "Letting go",
    "The question that stayed",
];

const NAMES: &[&str] = &[
    "Amira", "Ben", "Carla", "Dev", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kemal", "Lena", "Marek",
    "Nadia", "Olu", "Priya", "Quentin", "Rosa", "Sam", "Tariq", "Ursula", "Viktor", "Wen", "Ximena", "Yusuf", "Zofia",
    "Aoife", "Bram", "Chiara", "Dmitri", "Esther", "Felix", "Gwen", "Hamid", "Ingrid", "Jasper", "Kaito", "Lucia",
    "Mateo", "Niamh", "Oskar", "Paloma", "Rafael", "Sanne", "Tomas", "Uma", "Vera", "Willem", "Yara", "Zeynep",
];

const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// Themes people give their reflections; each person uses a few of them.
pub const THEMES: &[&str] = &[
    "Delegation",
    "Hard conversations",
    "Feedback",
    "Boundaries",
    "Time management",
    "Strategy",
    "Stakeholders",
    "Confidence",
    "Listening",
    "Decision making",
    "Conflict",
    "Hiring",
    "Letting go",
    "Energy",
    "Priorities",
    "Coaching my team",
    "Trust",
    "Influence",
    "Change",
    "Burnout",
    "Presence",
    "Meetings",
    "Career",
    "Motivation",
    "Accountability",
    "Vision",
    "Saying no",
    "Recognition",
    "Performance reviews",
    "Onboarding",
    "Remote work",
    "Psychological safety",
    "Perfectionism",
    "Impostor feelings",
    "Managing up",
    "Peers",
    "Budget",
    "Clients",
    "Culture",
    "Restructuring",
    "Succession",
    "Mentoring others",
    "Focus",
    "Communication",
    "Habits",
    "Resilience",
    "Ownership",
    "Curiosity",
    "Patience",
    "Learning",
];

const ACTIONS: &[&str] = &[
    "Ask {n} to lead the next planning meeting for {p}",
    "Write down the three decisions only I can make",
    "Block two mornings a week for thinking time",
    "Prepare the conversation with {n} and hold it before Friday",
    "Send the team a short note on priorities",
    "Say thank you to {n} for the work on {p}, specifically",
    "Stop attending the weekly {p} status meeting",
    "Ask the team what gets in their way",
    "Draft the one-page story for {p}",
    "Check in with {n} about workload",
];

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ru", "ta", "ve", "zo", "bri", "dal", "fen", "gor", "hul", "jas", "kel", "lom", "mar",
    "nor", "pel", "quin", "ros", "sil", "tor", "ul", "var", "wen", "xen", "yor", "zal", "ost", "ark", "ebb", "ild",
    "orn", "usk", "ash", "ber", "cal", "dun", "esk",
];

/// Made-up words: 40^3 possible, picked with a long tail (rank r with probability about 1/r).
const WORDS: u64 = 20_000;

fn made_up_word(out: &mut String, rng: &mut StdRng) {
    // Log-uniform rank: density ~ 1/r, so a few words are everywhere and most are rare.
    let rank = ((WORDS as f64 + 1.0).powf(rng.r#gen::<f64>()) as u64).clamp(1, WORDS) - 1;
    let n = SYLLABLES.len() as u64;
    let word_start = out.len();
    for k in 0..3 {
        out.push_str(SYLLABLES[((rank / n.pow(k)) % n) as usize]);
    }
    // Capitalise like a project name.
    if let Some(first) = out[word_start..].chars().next() {
        out.replace_range(word_start..word_start + first.len_utf8(), &first.to_ascii_uppercase().to_string());
    }
}

fn fill(out: &mut String, template: &str, rng: &mut StdRng) {
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        match &rest[at..at + 3] {
            "{n}" => out.push_str(NAMES[rng.gen_range(0..NAMES.len())]),
            "{p}" => made_up_word(out, rng),
            _ => out.push_str(DAYS[rng.gen_range(0..DAYS.len())]),
        }
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
}

/// Does this sentence hold [`COMMON`] (or its plural, which the stemmers fold into it)?
fn has_common(sentence: &str) -> bool {
    sentence
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case(COMMON) || w.eq_ignore_ascii_case("teams"))
}

/// A reflection body: 1 to 40 sentences, about 5 for the median (around 400 characters) with a
/// long tail, in paragraphs of up to four. Returns the text and whether it holds [`COMMON`].
pub fn body(rng: &mut StdRng, with_rare: bool) -> (String, bool) {
    // Log-normal number of sentences: exp(N(ln 5, 0.7)), clamped.
    let normal: f64 = (0..12).map(|_| rng.r#gen::<f64>()).sum::<f64>() - 6.0;
    let count = ((5f64.ln() + 0.7 * normal).exp().round() as usize).clamp(1, 40);
    let rare_at = with_rare.then(|| rng.gen_range(0..count));
    let mut out = String::with_capacity(count * 80);
    let mut common = false;
    for i in 0..count {
        if i > 0 {
            out.push_str(if i % 4 == 0 { "\n\n" } else { " " });
        }
        if rare_at == Some(i) {
            out.push_str(RARE_SENTENCE);
            continue;
        }
        let s = SENTENCES[rng.gen_range(0..SENTENCES.len())];
        common |= has_common(s);
        fill(&mut out, s, rng);
    }
    (out, common)
}

/// A title for about six reflections in ten.
pub fn title(rng: &mut StdRng) -> Option<String> {
    rng.gen_bool(0.6).then(|| TITLES[rng.gen_range(0..TITLES.len())].to_owned())
}

/// A session's agenda and goal (its searchable text).
pub fn session_text(rng: &mut StdRng) -> (String, String) {
    let mut agenda = String::new();
    fill(&mut agenda, SENTENCES[rng.gen_range(0..SENTENCES.len())], rng);
    let mut goal = String::new();
    fill(&mut goal, SENTENCES[rng.gen_range(0..SENTENCES.len())], rng);
    (agenda, goal)
}

pub fn action(rng: &mut StdRng) -> String {
    let mut out = String::new();
    fill(&mut out, ACTIONS[rng.gen_range(0..ACTIONS.len())], rng);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn planted_words_are_where_they_should_be() {
        assert!(!SENTENCES.iter().chain(TITLES).chain(ACTIONS).any(|s| s.to_lowercase().contains(RARE)));
        assert!(SENTENCES.iter().filter(|s| has_common(s)).count() >= 5);
        let mut rng = StdRng::seed_from_u64(1);
        let (text, _) = body(&mut rng, true);
        assert!(text.contains(RARE));
        let mut lens: Vec<usize> = (0..2_000).map(|_| body(&mut rng, false).0.len()).collect();
        lens.sort_unstable();
        let median = lens[lens.len() / 2];
        assert!((250..700).contains(&median), "median body length {median}");
    }

    #[test]
    fn made_up_words_never_spell_the_planted_ones() {
        let mut rng = StdRng::seed_from_u64(2);
        for _ in 0..50_000 {
            let mut w = String::new();
            made_up_word(&mut w, &mut rng);
            let w = w.to_lowercase();
            assert!(w != RARE && w != COMMON && w != "teams");
        }
    }
}
