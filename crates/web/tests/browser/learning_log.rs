//! Practice 3, the Leadership Learning Log, in the browser: a facilitator sets up a programme
//! with the default questions and hands out an invitation link (and mails one); a participant
//! opens the link signed out, makes an account on the way and joins, plans two sessions inside
//! the window and records each as held with GROW notes, chooses the Best and the Most
//! Challenging, answers some of the questions about both and finds the answers again after a
//! reload. Until the pack is shared the facilitator's cohort view holds the counts and not a word
//! of what was written, and the pack's address is "not found" for them; once shared they read
//! it and write a note of their own. A session planned outside the window is refused on the page,
//! with nothing saved.
//!
//! Everything is done through the pages, as the people would; what the pages show is checked
//! against what the app holds.

use crate::{PW, on_each_backend, sign_up};
use coachkit_app::Actor;
use coachkit_app::journal::time::to_date;
use coachkit_domain::time::Millis;
use coachkit_testkit::TestApp;
use coachkit_testkit::browser::Browser;
use serde_json::json;

/// Marks the page now shown, so that waiting for `html:not([data-before]) <css>` only succeeds
/// once another page has loaded, even one at the same address (a form that posts back to itself).
async fn mark_page(b: &Browser) {
    b.execute("document.documentElement.dataset.before = 'yes'", vec![]).await.expect("mark the page");
}

/// Clicks `button`, a form's submit button, and waits for `landing` on the page the form leads to.
async fn submit(b: &Browser, button: &str, landing: &str) -> String {
    mark_page(b).await;
    b.click(button).await;
    b.wait_for(&format!("html:not([data-before]) {landing}")).await
}

/// Sets a `date` field to `value` ("2026-11-03"). Typing into one depends on the browser's
/// locale (month first or day first), so the value is set by a script, which then fires the
/// events a person's input would; the browser refuses a malformed value by leaving the field
/// empty, which the assertion catches.
async fn set_date(b: &Browser, css: &str, value: &str) {
    let script = "const el = document.querySelector(arguments[0]); el.value = arguments[1]; \
                  el.dispatchEvent(new Event('input', { bubbles: true })); \
                  el.dispatchEvent(new Event('change', { bubbles: true })); return el.value;";
    let taken = b.execute(script, vec![json!(css), json!(value)]).await.expect("set the date");
    assert_eq!(taken.as_str(), Some(value), "the browser took the date");
}

/// The signed-in person of `b`, as the app knows them.
async fn actor_of(app: &TestApp, b: &Browser) -> Actor {
    let cookie = b.get_named_cookie("ck_session").await.expect("a session cookie");
    app.app.actor_from_session(cookie.value()).await.unwrap().expect("a live session")
}

const FACILITATOR: (&str, &str) = ("Fiona Facilitator", "fiona@example.org");
const PARTICIPANT: (&str, &str) = ("Priya Participant", "priya@example.org");
const PROGRAMME: &str = "Coaching master class, spring cohort";
const TRAINING: &str = "the coaching master class";

/// A session as the participant plans and records it.
struct Session {
    /// Days after the window's first day.
    day: i64,
    coachee: &'static str,
    topic: &'static str,
    plan_goal: &'static str,
    notes: [&'static str; 4],
}

const FIRST: Session = Session {
    day: 1,
    coachee: "Sam Seller",
    topic: "Winning back a lost account",
    plan_goal: "Find out what Sam wants from the Juniper account before offering anything.",
    notes: [
        "Sam wants the Juniper account back by the end of the quarter.",
        "Two missed calls and an unanswered proposal since the spring.",
        "Call the buyer, write a shorter proposal, or ask a colleague to introduce him again.",
        "Sam calls the buyer on Monday and sends me a line afterwards.",
    ],
};

const SECOND: Session = Session {
    day: 5,
    coachee: "Alex Agent",
    topic: "A dispute about the rota",
    plan_goal: "Hear Alex out about the rota before anything else.",
    notes: [
        "Alex wants weekends shared fairly across the team.",
        "He has worked four of the last five Saturdays.",
        "",
        "Alex drafts a fair rota and brings it to Thursday's team meeting.",
    ],
};

/// The answers the participant writes: (case, question key, text). Each holds a word found
/// nowhere else, so that a page can be searched for it.
const ANSWERS: [(&str, &str, &str); 5] = [
    (
        "best",
        "did",
        "I asked Sam open questions about the account and let him find his own plan; the Kestrel idea was his.",
    ),
    ("best", "learned", "Staying quiet for longer than felt comfortable gave Sam the room to think of Lichen."),
    ("best", "bring_to_coach", "How to keep my own solution to myself when I can see it early, as with Moorhen."),
    ("hardest", "did", "Alex came angry about the Nutmeg rota and I slipped into telling him what to do."),
    (
        "hardest",
        "stop_start_continue",
        "Stop: solving it for him. Start: asking what he wants first. Continue: booking the Osprey follow-up.",
    ),
];

const NOTE: &str =
    "Priya noticed herself telling in the rota session; start our hour there, with the Quillwort question.";

/// The form's submit buttons.
const PLAN_SUBMIT: &str = "form[action$='/sessions'] button[type=submit]";
const CASES_SUBMIT: &str = "form[action$='/cases'] button[type=submit]";
const ANSWERS_SUBMIT: &str = "#answers-form button[type=submit]";
const SHARE_SUBMIT: &str = "form[action$='/share'] button[type=submit]";

/// Plans `s` on the participant's log page and returns its id.
async fn plan(app: &TestApp, p: &Browser, who: &Actor, id: &str, first_day: i64, s: &Session) -> String {
    set_date(p, "#held_on", &to_date(first_day + s.day * Millis::DAY)).await;
    p.fill("#coachee_name", s.coachee).await;
    p.fill("#topic", s.topic).await;
    p.click("form[action$='/sessions'] details summary").await;
    p.fill("#plan_goal", s.plan_goal).await;
    let notice = submit(p, PLAN_SUBMIT, "p.notice[role=status]").await;
    assert_eq!(notice, "The session is in your log. Record it as held after you have had it.");
    let log = app.app.ll_log(who, id).await.unwrap();
    let stored = log.sessions.iter().find(|x| x.topic == s.topic).expect("the session is in the log");
    assert!(!stored.held);
    assert_eq!(stored.plan.goal.as_deref(), Some(s.plan_goal));
    let article = format!("article.ll-session:has(form[action$='/sessions/{}/held'])", stored.id);
    let heading = p.wait_for(&format!("{article} h3")).await;
    assert!(heading.ends_with(&format!(" · {} · {}", s.coachee, s.topic)), "{heading}");
    assert_eq!(p.texts(&format!("{article} .status")).await, ["planned"]);
    stored.id.clone()
}

/// Records session `sid` (planned as `s`) as held with its GROW notes, on the log page.
async fn record(app: &TestApp, p: &Browser, who: &Actor, id: &str, sid: &str, s: &Session) {
    let article = format!("article.ll-session:has(form[action$='/sessions/{sid}/held'])");
    p.click(&format!("{article} details summary")).await;
    for (field, text) in ["goal", "reality", "options", "way"].iter().zip(s.notes) {
        if !text.is_empty() {
            p.fill(&format!("#{field}_{sid}"), text).await;
        }
    }
    let notice =
        submit(p, &format!("{article} form[action$='/held'] button[type=submit]"), "p.notice[role=status]").await;
    assert_eq!(notice, "Recorded as held, with your GROW notes.");
    assert_eq!(p.texts(&format!("{article} .status")).await, ["held"]);
    let shown = p.wait_for(&format!("{article} dl.grow:last-of-type")).await;
    assert!(shown.starts_with("What happened"), "{shown}");
    for text in s.notes.iter().filter(|t| !t.is_empty()) {
        assert!(shown.contains(text), "{shown}");
    }
    let log = app.app.ll_log(who, id).await.unwrap();
    let stored = log.sessions.iter().find(|x| x.id == sid).unwrap();
    assert!(stored.held);
    let n = &stored.notes;
    let kept = [&n.goal, &n.reality, &n.options, &n.way_forward].map(|x| x.as_deref().unwrap_or_default());
    assert_eq!(kept, s.notes, "the four notes as typed, an empty one left empty");
}

#[tokio::test]
async fn a_participant_logs_two_cases_and_shares_the_pack_the_facilitator_saw_only_as_counts() {
    on_each_backend("learning-log", |app, b| async move {
        // The window opened ten days ago, so that sessions inside it can already have been held.
        let today = coachkit_store::now_ms().div_euclid(Millis::DAY) * Millis::DAY;
        let first_day = today - 10 * Millis::DAY;

        // The facilitator signs up through the page and sets up a programme from the practice's home.
        sign_up(&b, FACILITATOR.0, FACILITATOR.1).await;
        let facilitator = actor_of(&app, &b).await;
        b.open("/learning-log").await;
        assert_eq!(b.wait_for("h1").await, "Leadership Learning Log");
        b.click("main a[href='/learning-log/new']").await;
        b.wait_for("#name").await;
        assert_eq!(b.wait_for("h1").await, "Set up a programme");
        b.fill("#name", PROGRAMME).await;
        b.fill("#training", TRAINING).await;
        set_date(&b, "#starts_on", &to_date(first_day)).await;
        assert_eq!((b.value("#weeks").await, b.value("#session_cap").await), ("6".into(), "5".into()));
        // Our sixteen questions, as an editable copy, and two empty boxes to add more: kept as they are.
        let prompts = {
            let mut v = vec![];
            for i in 0..18 {
                v.push(b.value(&format!("#q_prompt_{i}")).await);
            }
            v
        };
        assert!(prompts[..16].iter().all(|q| q.ends_with('?')), "{prompts:?}");
        assert_eq!(prompts[16..], ["", ""]);
        b.screenshot("new-programme").await;

        let heading = submit(&b, "form[action='/learning-log'] button[type=submit]", "h1").await;
        assert_eq!(heading, PROGRAMME);
        let id = b.path().await.strip_prefix("/learning-log/").expect("the programme's own page").to_owned();
        assert!(b.wait_for("#cohort").await.contains("Nobody has joined yet."));
        let meta = b.texts("main .card:first-of-type p.meta").await;
        assert!(meta[1].contains("16 questions per case"), "{meta:?}");

        // A link to hand out, shown once on the page; and an invitation by mail, in the outbox.
        let notice = submit(&b, "form[action$='/link'] button[type=submit]", "code.secret-link").await;
        let link = notice.trim().to_owned();
        let join_path = link.strip_prefix(&app.base_url).expect("the link points at this app").to_owned();
        assert!(join_path.starts_with("/learning-log/join/"), "{link}");
        b.screenshot("link-made").await;
        b.fill("#emails", "ravi@example.org").await;
        b.fill("#note", "Bring one session you are proud of and one you are not.").await;
        let notice = submit(&b, "form[action$='/invite'] button[type=submit]", "p.notice[role=status]").await;
        assert_eq!(notice, "Invitations are in the outbox: each person gets their own link.");
        let mail = app.app.store.mail_to("ravi@example.org").await.unwrap();
        assert_eq!(mail.len(), 1);
        assert_eq!(mail[0].subject, format!("An invitation to {PROGRAMME}"));
        assert!(mail[0].body.contains("Bring one session you are proud of"), "{}", mail[0].body);
        assert!(mail[0].body.contains(&format!("{}/learning-log/join/", app.base_url)), "{}", mail[0].body);
        let invitations = b.texts("#invite ul.plain li").await;
        assert_eq!(invitations.len(), 2, "{invitations:?}");
        assert!(invitations.iter().any(|i| i.starts_with("ravi@example.org") && i.ends_with("not used yet")));
        assert!(invitations.iter().any(|i| i.starts_with("A link handed out") && i.ends_with("not used yet")));
        b.screenshot("invited").await;

        // The participant opens the link signed out, makes an account from it and comes back to join.
        let p = b.another_person().await;
        p.goto(&link).await.unwrap();
        assert_eq!(p.wait_for("h1").await, PROGRAMME);
        let lead = p.wait_for("main p.lead").await;
        assert_eq!(lead, format!("After {TRAINING}: a learning-log programme run by {}.", FACILITATOR.0));
        p.screenshot("join-signed-out").await;
        p.click("main a[href^='/signup?next=']").await;
        p.wait_for("form[action='/signup']").await;
        p.fill("#display_name", PARTICIPANT.0).await;
        p.fill("#email", PARTICIPANT.1).await;
        p.fill("#password", PW).await;
        p.click("form[action='/signup'] button[type=submit]").await;
        p.wait_for(&format!("form[action='{join_path}'] button")).await;
        assert_eq!(p.path().await, join_path);
        let notice = submit(&p, &format!("form[action='{join_path}'] button"), "p.notice[role=status]").await;
        assert_eq!(notice, "You have joined. Plan your first session below.");
        assert_eq!(p.path().await, format!("/learning-log/{id}/log?done=joined"));
        let priya = actor_of(&app, &p).await;
        assert!(p.wait_for("#sessions").await.contains("None yet."));
        p.screenshot("joined").await;

        // Two sessions inside the window, each planned and then recorded as held.
        let s1 = plan(&app, &p, &priya, &id, first_day, &FIRST).await;
        record(&app, &p, &priya, &id, &s1, &FIRST).await;
        let s2 = plan(&app, &p, &priya, &id, first_day, &SECOND).await;
        p.screenshot("planned").await;
        record(&app, &p, &priya, &id, &s2, &SECOND).await;

        // Best and Most Challenging: two different held sessions.
        assert!(p.texts("#answers").await.is_empty(), "no questions before a case is chosen");
        p.click(&format!("#best option[value='{s1}']")).await;
        p.click(&format!("#hardest option[value='{s2}']")).await;
        let notice = submit(&p, CASES_SUBMIT, "p.notice[role=status]").await;
        assert_eq!(notice, "Your two cases are saved. The questions below are about them.");
        assert_eq!(p.value("#best").await, s1);
        assert_eq!(p.value("#hardest").await, s2);
        let log = app.app.ll_log(&priya, &id).await.unwrap();
        assert_eq!((log.best_session_id.as_deref(), log.hardest_session_id.as_deref()), (Some(&*s1), Some(&*s2)));

        // Some answers about both, one tagged with its skill; saved, then there again after a reload.
        let position = |key: &str| log.questions.iter().find(|q| q.key == key).unwrap().position;
        assert_eq!(p.texts("#answers table.ll-answers tbody tr").await.len(), 16);
        for (case, key, text) in ANSWERS {
            p.fill(&format!("#a_{case}_{}", position(key)), text).await;
        }
        p.click(&format!("#s_best_{} option[value=listening]", position("learned"))).await;
        let notice = submit(&p, ANSWERS_SUBMIT, "p.notice[role=status]").await;
        assert_eq!(notice, "Your answers are saved. Come back to them whenever you like.");
        mark_page(&p).await;
        p.refresh().await.unwrap();
        p.wait_for("html:not([data-before]) #answers-form").await;
        for (case, key, text) in ANSWERS {
            assert_eq!(p.value(&format!("#a_{case}_{}", position(key))).await, text, "{case} {key}");
        }
        assert_eq!(p.value(&format!("#a_hardest_{}", position("learned"))).await, "");
        assert_eq!(p.value(&format!("#s_best_{}", position("learned"))).await, "listening");
        let meta = p.texts("main .card:first-of-type p.meta").await;
        assert!(meta[1].ends_with("5 of 32 answers written"), "{meta:?}");
        assert_eq!(p.texts("#answers ul.inline-list li").await, ["Listening 1"]);
        assert!(p.wait_for("#pack").await.contains("Private: the facilitators see how far you have come"));
        p.screenshot_desktop_and_phone("log").await;
        let log = app.app.ll_log(&priya, &id).await.unwrap();
        assert_eq!(log.answered, 5);
        assert!(!log.shared);

        // Before sharing: the cohort view has Priya's counts and none of her words, and her pack's
        // address is "not found" for the facilitator.
        b.open(&format!("/learning-log/{id}")).await;
        let row = "#cohort table.cohort tbody tr";
        assert_eq!(b.texts(row).await.len(), 1);
        assert_eq!(b.texts(&format!("{row} th")).await, [PARTICIPANT.0]);
        let cell = |label: &str| format!("{row} td[data-label='{label}']");
        assert_eq!(b.texts(&cell("Planned")).await, ["2"]);
        assert_eq!(b.texts(&cell("Held")).await, ["2"]);
        assert_eq!(b.texts(&cell("In the window")).await, ["2"]);
        assert_eq!(b.texts(&cell("Cases")).await, ["2 of 2"]);
        assert_eq!(b.texts(&cell("Answers")).await, ["5 of 32"]);
        assert!(b.texts(&format!("{row} a")).await.is_empty(), "no pack to open");
        let pack_path = format!("/learning-log/{id}/participants/{}", priya.user.id);
        let words: Vec<&str> = ANSWERS
            .iter()
            .map(|a| a.2)
            .chain(FIRST.notes)
            .chain(SECOND.notes.into_iter().filter(|t| !t.is_empty()))
            .chain([FIRST.topic, SECOND.topic, FIRST.plan_goal, SECOND.plan_goal])
            .collect();
        let page = b.source().await.unwrap();
        for w in &words {
            assert!(!page.contains(w), "the cohort view shows none of the log: {w}");
        }
        assert!(b.texts(&format!("a[href='{pack_path}']")).await.is_empty(), "no link to the pack");
        assert!(b.wait_for("#questions").await.contains("Participants have started answering"));
        b.screenshot_desktop_and_phone("cohort-before-sharing").await;
        b.open(&pack_path).await;
        assert_eq!(b.wait_for("h1").await, "Not found");
        assert!(b.wait_for("main").await.contains("Status 404"));
        let page = b.source().await.unwrap();
        assert!(words.iter().all(|w| !page.contains(w)), "nothing of the log on the refusal");
        b.screenshot("pack-not-shared").await;
        assert!(app.app.ll_pack_for_facilitator(&facilitator, &id, &priya.user.id).await.is_err());

        // Priya shares her pack.
        let notice = submit(&p, SHARE_SUBMIT, "p.notice[role=status]").await;
        assert_eq!(notice, "Your pack is shared with the programme's facilitators.");
        assert_eq!(p.texts(SHARE_SUBMIT).await, ["Stop sharing it"]);
        assert!(app.app.ll_log(&priya, &id).await.unwrap().shared);
        p.click(&format!("#pack a[href='/learning-log/{id}/pack']")).await;
        assert_eq!(p.wait_for("h1").await, format!("{}: coach-the-coach pack", PARTICIPANT.0));
        p.screenshot("pack-own").await;

        // Now the facilitator opens it from the cohort and reads her words.
        b.open(&format!("/learning-log/{id}")).await;
        assert_eq!(b.texts(&format!("{row} th .status")).await, ["shared"]);
        b.screenshot("cohort-shared").await;
        b.click(&format!("{row} a[href='{pack_path}']")).await;
        assert_eq!(b.wait_for("h1").await, format!("{}: coach-the-coach pack", PARTICIPANT.0));
        assert_eq!(b.path().await, pack_path);
        let held = b.texts("article.pack h2 + ul li").await;
        assert_eq!(held.len(), 2, "{held:?}");
        assert!(held[0].contains(FIRST.topic) && held[0].ends_with("(best)"), "{held:?}");
        assert!(held[1].contains(SECOND.topic) && held[1].ends_with("(most challenging)"), "{held:?}");
        let rows = b.texts("table.pack-table tbody tr").await;
        assert_eq!(rows.len(), 16);
        for (case, key, text) in ANSWERS {
            let row = &rows[usize::try_from(position(key)).unwrap()];
            assert!(row.contains(text), "{case} {key}: {row}");
        }
        assert!(rows[usize::try_from(position("learned")).unwrap()].contains("Listening"));
        b.screenshot_desktop_and_phone("pack-shared").await;

        // The facilitator's private note, beside the pack.
        b.fill("#note_body", NOTE).await;
        let notice = submit(&b, "#note form[action$='/note'] button[type=submit]", "p.notice[role=status]").await;
        assert_eq!(notice, "Your note is saved. Only you can read it.");
        assert_eq!(b.value("#note_body").await, NOTE);
        b.screenshot("note-saved").await;
        let pack = app.app.ll_pack_for_facilitator(&facilitator, &id, &priya.user.id).await.unwrap();
        assert_eq!(pack.my_note.as_deref(), Some(NOTE));
        p.open(&format!("/learning-log/{id}/pack")).await;
        p.wait_for("table.pack-table").await;
        assert!(!p.source().await.unwrap().contains("Quillwort"), "the note is the facilitator's alone");

        // A session on the day after the window closes: a clear message on the page, nothing saved.
        p.open(&format!("/learning-log/{id}/log")).await;
        set_date(&p, "#held_on", &to_date(first_day + 42 * Millis::DAY)).await;
        p.fill("#coachee_name", "Jo Junior").await;
        p.fill("#topic", "Too late for this programme").await;
        let alert = submit(&p, PLAN_SUBMIT, ".alert[role=alert]").await;
        let window = format!(
            "{} to {}",
            coachkit_domain::time::day_label(Millis(first_day)),
            coachkit_domain::time::day_label(Millis(first_day + 41 * Millis::DAY))
        );
        assert_eq!(
            alert,
            format!(
                "Nothing was saved:\nThe day is outside the programme's window ({window}); choose a day inside it."
            )
        );
        assert_eq!(p.value("#topic").await, "Too late for this programme", "what was typed is still there");
        assert_eq!(p.texts("article.ll-session").await.len(), 2);
        p.screenshot_desktop_and_phone("outside-the-window").await;
        let log = app.app.ll_log(&priya, &id).await.unwrap();
        assert_eq!(log.sessions.len(), 2, "nothing saved");
        app.stop().await;
    })
    .await;
}
