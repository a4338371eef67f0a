//! The words of the seeded logs: the sessions participants hold with people they lead, and their
//! answers to the sixteen default questions about the best and the hardest of them, in our own
//! words. Each answer is one of a few per question and case, so logs differ but stay plausible.

/// (topic, goal of the plan, the GROW notes once held: goal, reality, options, way forward).
pub const SESSIONS: &[(&str, &str, [&str; 4])] = &[
    (
        "Taking over the largest account",
        "A plan for the first month she owns",
        [
            "Own the account by the end of the quarter",
            "Three open complaints, a contract renewal in spring",
            "Visit, call the sponsor, read the history first",
            "Read the history this week, visit next week",
        ],
    ),
    (
        "A colleague who misses deadlines",
        "Help him find what he can change himself",
        [
            "Deadlines he can keep",
            "Two late reports, waiting on another team each time",
            "Ask earlier, agree dates with the other team, escalate",
            "Agree dates with the other team on Monday",
        ],
    ),
    (
        "First month as a team lead",
        "What she wants people to say about her in a year",
        [
            "A team that brings problems early",
            "Four people, two of them former peers",
            "One-to-ones, a team charter, ask what they need",
            "One-to-ones with all four in two weeks",
        ],
    ),
    (
        "Preparing a difficult client meeting",
        "Go in with a clear ask",
        [
            "The client agrees the new scope",
            "They expect the old price for more work",
            "Split the scope, price the extra, walk away",
            "Propose the split and price the extra",
        ],
    ),
    (
        "Handing over a project before leave",
        "A handover nobody has to call about",
        [
            "Nobody calls during the leave",
            "Two projects, one deputy who has not led before",
            "Write it up, shadow week, name a backup",
            "Shadow week starting Tuesday",
        ],
    ),
    (
        "Asking for a promotion",
        "Know what the case rests on",
        [
            "A case her manager can take upwards",
            "Good results, little visibility",
            "List the results, ask for a stretch task, find a sponsor",
            "Write the list and book the conversation",
        ],
    ),
    (
        "Too many meetings",
        "Find the two hours a day that matter",
        [
            "Two free hours every morning",
            "Thirty meetings a week, half of them status updates",
            "Decline, delegate, move status to writing",
            "Decline the three status meetings this week",
        ],
    ),
];

/// Whom the sessions are with (people without an account: a name only).
pub const COACHEES: &[&str] = &[
    "Amara Osei",
    "Tomasz Nowak",
    "Leila Haddad",
    "Jonas Berg",
    "Priya Raman",
    "Felix Moreau",
    "Hana Sato",
    "Diego Alvarez",
    "Ines Costa",
    "Kwame Mensah",
];

/// The answers about the best session, a few per question in the default order.
pub const BEST: [&[&str]; 16] = [
    &[
        "We spent most of the hour on her plan. I asked, she talked, and I wrote down her options instead of mine.",
        "I kept to GROW: we agreed the goal in the first ten minutes and did not move on until it was clear.",
    ],
    &[
        "Pleased, and surprised at how much he already knew. I had expected to do more of the work.",
        "Proud of it, honestly. It is the first time I left a conversation without having given advice.",
    ],
    &[
        "I meant to summarise the way forward back to her at the end and ran out of time.",
        "I had planned to ask about support from the rest of the team and forgot.",
    ],
    &[
        "I could have asked who else had done something similar, so she had someone to lean on besides me.",
        "I could have checked how confident he felt about the first step, not only whether he had one.",
    ],
    &[
        "Well. She left with three steps and a date, and she chose all of them.",
        "Better than I hoped: he sent me his plan the same afternoon, unprompted.",
    ],
    &[
        "Silence is useful. When I waited, she filled it with something better than my suggestion.",
        "Preparation pays: my three questions carried the first half of the session.",
    ],
    &[
        "Stop filling pauses, start closing with a summary in their words, continue asking what else.",
        "Stop checking my phone, start writing the goal where we both see it, continue preparing questions.",
    ],
    &[
        "I will keep ten minutes at the end for the way forward and say so in the invitation.",
        "I will ask the goal question first and write the answer down before anything else.",
    ],
    &[
        "The client renewed for another year; she led the meeting herself.",
        "The report went out on time for the first time this quarter.",
    ],
    &[
        "I trust my questions more than I did. I do not need to have the answer to be useful.",
        "I can see that coaching saves me time later, even when it costs time now.",
    ],
    &[
        "I am more patient in a planned conversation than in a corridor one. Planning makes the difference.",
        "I like it when people find their own answer, more than I like being right.",
    ],
    &[
        "GROW in order, with the goal agreed first, and listening for what she meant, not only what she said.",
        "The ladder of questions from the training: it kept me from jumping to options.",
    ],
    &[
        "Open questions. I counted afterwards: most of mine started with what or how.",
        "Listening: I waited before answering and played back what I heard.",
    ],
    &[
        "Next session: check the three steps, and ask what got in the way of any of them.",
        "Book a follow-up in two weeks and let him lead it.",
    ],
    &[
        "I want to practise summarising, because it is the step I keep dropping when time runs short.",
        "I want to learn to ask about feelings without it sounding like a script.",
    ],
    &[
        "How to keep the summary when a session overruns, and whether to send it in writing after.",
        "How to coach someone who used to be my peer without it feeling odd for either of us.",
    ],
];

/// The answers about the most challenging session.
pub const HARDEST: [&[&str]; 16] = [
    &[
        "He brought a client who keeps delaying a decision. I told him what worked with my own clients for most of the hour.",
        "She was upset about a reorganisation and I spent the session reassuring instead of coaching.",
    ],
    &[
        "Frustrated with myself. He was polite, but he took notes rather than thinking.",
        "Uneasy. I am not sure she got anything from it except the feeling that I cared.",
    ],
    &["I had a page of open questions ready and used two of them.", "I planned to agree a goal first; we never did."],
    &[
        "I should have asked what he had already tried, and what the client might be afraid of.",
        "I could have named what I saw, that she was upset, and asked what she wanted from the hour.",
    ],
    &[
        "Badly, as coaching. As advice it was fine, which is not what the session was for.",
        "Not well: we ran over and ended without a next step.",
    ],
    &[
        "When I feel the clock, I switch to telling. His client is not my client, and my examples did not fit.",
        "Strong feelings in the room make me rush to fix things. I need to slow down instead.",
    ],
    &[
        "Stop giving my own examples first, start with what they already tried, continue using GROW to keep on track.",
        "Stop promising things I cannot control, start asking what they need, continue making time for them.",
    ],
    &[
        "Prepare three questions about their situation, not about mine, and keep my stories for when they ask.",
        "Open by asking what they want from the session, and write it down.",
    ],
    &[
        "Not yet. At the next session he brought his own plan, which is the result I wanted the first time.",
        "Nothing measurable; she stayed in the team, which matters.",
    ],
    &[
        "I noticed the habit, which is the first step. I tell when I am anxious about results.",
        "I am learning that a hard session is still useful if I look at it honestly.",
    ],
    &[
        "My wish to help quickly gets in the way of their learning. I need to trust them to find it.",
        "I avoid discomfort; I fill it with solutions.",
    ],
    &[
        "I knew the theory of listening at depth; in the moment I listened only for my chance to speak.",
        "The training's point about contracting: we never agreed what the session was for.",
    ],
    &[
        "Listening: waiting longer, and saying back what I heard before asking the next question.",
        "Trust: being honest that I did not know either.",
    ],
    &["Book a follow-up in two weeks and let him lead it.", "Ask her whether she wants another session, and on what."],
    &[
        "I want to learn to notice the moment I start telling, and what to say instead.",
        "I want to practise staying with strong feelings without trying to fix them.",
    ],
    &[
        "What to do in the moment I catch myself giving advice, and how to hand the conversation back.",
        "How to coach when the person is upset about something I cannot change.",
    ],
];

/// Skill tags by question position: (position, skill). The rest are untagged.
pub const SKILLS: [(i64, &str); 6] =
    [(5, "listening"), (6, "grow"), (7, "preparation"), (10, "trust"), (11, "grow"), (12, "open_questions")];
