//! Practice 5, just-in-time mentoring, in the browser: a leader asks three experts (one inside
//! the organisation, two outside) for three pieces of advice each and sends the requests; each
//! expert answers through the link in their mail, in a browser of their own and without an
//! account, one of them saving a draft first and coming back to it. While anyone is still to
//! answer the leader's page says "Sealed" and shows no word of the advice; once the last has
//! answered it shows all nine pieces side by side, the leader settles on a thread and writes a goal
//! the SMART checker accepts, then one it refuses, and sees the missing criteria named.
//!
//! Everything is done through the pages, as the people would; the links are read from the outbox
//! (the mail a real expert would open), and what the pages show is checked against the database.

use crate::{on_each_backend, sign_up};
use coachkit_app::Actor;
use coachkit_testkit::TestApp;
use coachkit_testkit::browser::Browser;
use fantoccini::Locator;

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

/// The capability the leader asks about, and the leader.
const CAPABILITY: &str = "handing over work I am attached to";
const LEADER: (&str, &str) = ("Lena Leader", "lena@example.org");

/// One expert as the leader names them on the form, with the advice they will give. Every piece
/// of advice carries a word (a project's name) found nowhere else, so that a page can be searched
/// for each piece.
struct Expert {
    name: &'static str,
    email: &'static str,
    placement: &'static str,
    advice: [(&'static str, &'static str); 3],
}

const INES: Expert = Expert {
    name: "Ines Inside",
    email: "ines@council.example",
    placement: "inside",
    advice: [
        (
            "Hand the Larkspur report over whole, and let its new owner present the outcome to the board without you.",
            "I gave my deputy the annual plan and stayed out of the room when she presented it.",
        ),
        ("Agree what good looks like before you hand over, then stop checking the drafts of the Marram budget.", ""),
        ("Tell people you are handing the Nettle review over, so that you cannot quietly take it back.", ""),
    ],
};

const OTTO: Expert = Expert {
    name: "Otto Outside",
    email: "otto@elsewhere.example",
    placement: "outside",
    advice: [
        ("Let the owner present the outcome of the Osprey launch; your part is to ask questions afterwards.", ""),
        (
            "Write down why you are attached to the Pennant work; wanting to rewrite it is usually fear.",
            "Mine was fear of looking slow in front of my own manager.",
        ),
        ("Pick one piece of work a month to hand over, starting with the Quince forecast you love most.", ""),
    ],
};

const PIA: Expert = Expert {
    name: "Pia Peer",
    email: "pia@another.example",
    placement: "outside",
    advice: [
        ("Hand over the outcome, not the tasks: the owner presents the Rowan results, not you.", ""),
        ("Book half an hour a week to coach the new owner of the Sorrel accounts instead of redoing them.", ""),
        (
            "Expect the Tansy audit to come out a little worse for a month, and say out loud that this is fine.",
            "When I let go of our audit, the first one had gaps; the third was better than mine.",
        ),
    ],
};

const EXPERTS: [&Expert; 3] = [&INES, &OTTO, &PIA];

/// The word only piece `i` of `e`'s advice contains.
fn marker(e: &Expert, i: usize) -> &'static str {
    ["Larkspur", "Marram", "Nettle", "Osprey", "Pennant", "Quince", "Rowan", "Sorrel", "Tansy"]
        [EXPERTS.iter().position(|x| x.email == e.email).unwrap() * 3 + i]
}

/// The `/expert/<secret>` path of the invitation mailed to `email`.
async fn expert_link(app: &TestApp, email: &str) -> String {
    let mail = app.app.store.mail_to(email).await.unwrap();
    let invitations: Vec<_> =
        mail.iter().filter(|m| m.subject == "Lena Leader would value three pieces of your advice").collect();
    assert_eq!(
        invitations.len(),
        1,
        "one invitation to {email}: {:?}",
        mail.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    let body = &invitations[0].body;
    let at = body.find("/expert/").unwrap_or_else(|| panic!("no link in the mail to {email}: {body}"));
    let secret: String = body[at + "/expert/".len()..].chars().take_while(char::is_ascii_hexdigit).collect();
    assert_eq!(secret.len(), 64, "a 64-hex-digit secret in {body}");
    format!("/expert/{secret}")
}

/// Opens an expert's link in `b` and waits for their page.
async fn open_link(b: &Browser, link: &str) {
    b.open(link).await;
    assert_eq!(b.wait_for("h1").await, "Lena Leader asks for your advice");
    assert!(b.get_named_cookie("ck_session").await.is_err(), "the expert has no account and is signed out");
}

/// Types pieces `from..to` of `e`'s advice into the boxes of the expert's page.
async fn write_advice(b: &Browser, e: &Expert, pieces: std::ops::Range<usize>) {
    for i in pieces {
        let (text, example) = e.advice[i];
        b.fill(&format!("#advice{}", i + 1), text).await;
        if !example.is_empty() {
            b.fill(&format!("#example{}", i + 1), example).await;
        }
    }
}

const SAVE_DRAFT: &str = "#advice form button[name=action][value=save]";
const SEND_ADVICE: &str = "#advice form button[name=action][value=submit]";

/// Sends the advice written on the page, and checks the page then shows it as sealed.
async fn send_advice(b: &Browser, e: &Expert) {
    let notice = submit(b, SEND_ADVICE, "p.notice[role=status]").await;
    assert_eq!(notice, "Sent, thank you. Your advice is sealed: it will be read once everyone asked has answered.");
    assert_eq!(b.wait_for("#advice h2").await, "Your advice, as you sent it");
    let sent = b.texts("#advice li.advice").await;
    assert_eq!(sent.len(), 3, "{sent:?}");
    for (i, shown) in sent.iter().enumerate() {
        assert!(shown.contains(e.advice[i].0), "{shown}");
    }
    assert!(b.texts("#advice textarea").await.is_empty(), "nothing left to edit");
}

/// What the leader's request page holds that a person reads (the page's source, markup and all).
async fn source(b: &Browser) -> String {
    b.source().await.expect("the page's source")
}

#[tokio::test]
async fn three_experts_answer_under_seal_and_the_leader_turns_the_thread_into_a_goal() {
    on_each_backend("mentoring", |app, b| async move {
        // The leader signs up through the page; the session the browser holds is theirs.
        sign_up(&b, LEADER.0, LEADER.1).await;
        let cookie = b.get_named_cookie("ck_session").await.expect("a session cookie");
        let leader: Actor = app.app.actor_from_session(cookie.value()).await.unwrap().expect("a live session");

        // The practice's home, from the navigation, then the new request.
        b.open("/advice").await;
        assert_eq!(b.wait_for("h1").await, "Expert advice");
        assert!(b.wait_for("main").await.contains("None yet."));
        b.click("main a[href='/advice/new']").await;
        b.wait_for("#capability").await;
        assert_eq!(b.wait_for("h1").await, "Ask for advice");
        b.fill("#capability", CAPABILITY).await;
        b.fill(
            "#context",
            "I lead a team of eight and still rewrite their reports at night. In the next year I want the team to own its work.",
        )
        .await;
        for (n, e) in EXPERTS.iter().enumerate() {
            let n = n + 1;
            b.fill(&format!("#e{n}_name"), e.name).await;
            b.fill(&format!("#e{n}_email"), e.email).await;
            b.click(&format!("input[name=e{n}_placement][value={}]", e.placement)).await;
            for check in ["i_know_them", "they_know_me", "knows_their_stuff"] {
                b.click(&format!("input[name=e{n}_{check}]")).await;
            }
        }
        b.screenshot_desktop_and_phone("new-request").await;

        // Next: the message drafted for each expert, which the leader may change before it goes.
        let heading = submit(&b, "form[action='/advice'] button[type=submit]", "h1").await;
        assert_eq!(heading, CAPABILITY);
        let id = b.path().await.strip_prefix("/advice/").expect("the request's own page").to_owned();
        assert_eq!(b.texts("main .status").await, ["draft"]);
        let legends = b.texts("#experts fieldset.expert-row legend").await;
        assert_eq!(
            legends,
            [
                "Ines Inside (ines@council.example, inside)",
                "Otto Outside (otto@elsewhere.example, outside)",
                "Pia Peer (pia@another.example, outside)"
            ]
        );
        let messages = b.texts("#experts textarea").await;
        assert_eq!(messages.len(), 3);
        let page = app.app.advice_request_page(&leader, &id).await.unwrap();
        let ines_id = &page.experts.iter().find(|e| e.name == INES.name).expect("Ines on the request").id;
        let drafted = b.value(&format!("#message_{ines_id}")).await;
        assert!(drafted.starts_with("Dear Ines,") && drafted.contains(CAPABILITY), "{drafted}");
        let personal = drafted.replace("Thank you,", "You ran the council's handover last spring so well.\n\nThank you,");
        b.fill(&format!("#message_{ines_id}"), &personal).await;
        b.screenshot("messages").await;

        let notice = submit(&b, "#experts form button[type=submit]", "p.notice[role=status]").await;
        assert!(notice.starts_with("Sent. Each expert has their own link"), "{notice}");
        assert_eq!(b.texts("main .row-between .status").await, ["sealed"]);
        assert!(b.wait_for("p.sealed").await.starts_with("Sealed. 0 of 3 have answered."));

        // Each expert's link, from the mail they were sent; Ines's carries the leader's words.
        let links: Vec<String> = {
            let mut v = vec![];
            for e in EXPERTS {
                v.push(expert_link(&app, e.email).await);
            }
            v
        };
        let ines_mail = app.app.store.mail_to(INES.email).await.unwrap();
        assert!(ines_mail.iter().any(|m| m.body.contains("You ran the council's handover last spring so well.")));

        // Ines answers in one go.
        let ines = b.another_person().await;
        open_link(&ines, &links[0]).await;
        assert!(ines.wait_for("main .prose").await.contains("You ran the council's handover last spring so well."));
        write_advice(&ines, &INES, 0..3).await;
        ines.screenshot_desktop_and_phone("expert-page").await;
        send_advice(&ines, &INES).await;
        ines.screenshot_desktop_and_phone("expert-sent").await;

        // Pia writes two pieces, saves them, and leaves.
        let pia = b.another_person().await;
        open_link(&pia, &links[2]).await;
        write_advice(&pia, &PIA, 0..2).await;
        let notice = submit(&pia, SAVE_DRAFT, "p.notice[role=status]").await;
        assert_eq!(notice, "Saved. Come back to this page whenever you like; nothing has been sent yet.");
        assert_eq!(pia.value("#advice1").await, PIA.advice[0].0);
        assert_eq!(pia.value("#advice3").await, "");
        pia.screenshot("expert-draft-saved").await;
        drop(pia);

        // Otto answers; his page shows nothing of what Ines sent.
        let otto = b.another_person().await;
        open_link(&otto, &links[1]).await;
        let otto_page = source(&otto).await;
        for i in 0..3 {
            assert!(!otto_page.contains(marker(&INES, i)), "Ines's advice is not on Otto's page");
        }
        write_advice(&otto, &OTTO, 0..3).await;
        send_advice(&otto, &OTTO).await;

        // Two of three in: the leader's page says "Sealed" and holds none of the advice, not even
        // Pia's saved draft.
        b.open(&format!("/advice/{id}")).await;
        let sealed = b.wait_for("p.sealed").await;
        assert!(sealed.starts_with("Sealed. 2 of 3 have answered."), "{sealed}");
        assert_eq!(b.texts("main .row-between .status").await, ["sealed"]);
        let statuses = b.texts("table.experts tbody tr td:nth-child(3)").await;
        assert_eq!(statuses, ["answered", "answered", "writing"], "Ines, Otto, and Pia with a draft");
        assert!(b.texts("#advice").await.is_empty(), "no advice section while sealed");
        let page = source(&b).await;
        for e in EXPERTS {
            for i in 0..3 {
                assert!(!page.contains(marker(e, i)), "{} is not on the sealed page", marker(e, i));
            }
        }
        b.screenshot_desktop_and_phone("request-sealed").await;
        let held = app.app.advice_request_page(&leader, &id).await.unwrap();
        assert!(held.sealed && held.advice.is_empty());
        assert_eq!((held.answered, held.waiting), (2, 1));

        // Pia comes back later in a fresh browser: the link alone brings back her draft.
        let pia = b.another_person().await;
        open_link(&pia, &links[2]).await;
        assert_eq!(pia.value("#advice1").await, PIA.advice[0].0);
        assert_eq!(pia.value("#advice2").await, PIA.advice[1].0);
        assert_eq!(pia.value("#advice3").await, "");
        write_advice(&pia, &PIA, 2..3).await;
        send_advice(&pia, &PIA).await;

        // The last answer opened the seal: the leader is told by mail, without a word of advice.
        let opened = app.app.store.mail_to(LEADER.1).await.unwrap();
        let opened: Vec<_> = opened.iter().filter(|m| m.subject == "All your experts have answered").collect();
        assert_eq!(opened.len(), 1);
        for e in EXPERTS {
            for i in 0..3 {
                assert!(!opened[0].body.contains(marker(e, i)), "no advice in the mail");
            }
        }

        // All nine pieces, side by side, with each expert's examples.
        b.open(&format!("/advice/{id}")).await;
        b.wait_for("#advice").await;
        assert_eq!(b.texts("main .row-between .status").await, ["open"]);
        assert!(b.texts("p.sealed").await.is_empty());
        // Each expert's column holds their three pieces, in their order, with their examples.
        let mut columns = vec![];
        for col in b.find_all(Locator::Css("#advice .advice-column")).await.unwrap() {
            let heading = col.find(Locator::Css("h3")).await.unwrap().text().await.unwrap();
            let mut pieces = vec![];
            for li in col.find_all(Locator::Css("li.advice")).await.unwrap() {
                pieces.push(li.text().await.unwrap());
            }
            columns.push((heading, pieces));
        }
        assert_eq!(columns.len(), 3, "{columns:?}");
        for e in EXPERTS {
            let heading = format!("{} ({})", e.name, e.placement);
            let (_, pieces) = columns.iter().find(|(h, _)| *h == heading).unwrap_or_else(|| panic!("{heading}: {columns:?}"));
            assert_eq!(pieces.len(), 3, "{pieces:?}");
            for (shown, (text, example)) in pieces.iter().zip(e.advice) {
                assert!(shown.contains(text), "{shown}");
                if !example.is_empty() {
                    assert!(shown.contains(&format!("For example: {example}")), "{shown}");
                }
            }
        }
        assert_eq!(b.texts("#advice li.advice").await.len(), 9);
        let opened = app.app.advice_request_page(&leader, &id).await.unwrap();
        assert_eq!(opened.advice.iter().map(|x| x.items.len()).sum::<usize>(), 9);
        let thread = opened.thread.expect("the engine's thread");
        assert!(!thread.suggestion.items.is_empty(), "{:?}", thread.suggestion);
        assert_eq!(thread.choice, "suggested");
        b.screenshot_desktop_and_phone("request-open").await;

        // The thread: the leader takes the runner-up when there is one, else keeps the suggestion.
        let explanation = b.wait_for("#thread").await;
        assert!(explanation.contains("Confidence"), "{explanation}");
        // The thread is named by expert and number, as the columns above show the pieces.
        let lines = b.texts("#thread p.thread-pieces").await;
        assert!(lines[0].starts_with("Suggested: "), "{lines:?}");
        let tags = b.texts("#thread p.thread-pieces .tag").await;
        assert_eq!(tags.len(), thread.suggestion.items.len() + thread.suggestion.runner_up.len(), "{tags:?}");
        assert!(tags.iter().all(|t| EXPERTS.iter().any(|e| t.starts_with(e.name))), "{tags:?}");
        let (choice, expected, said) = if thread.suggestion.runner_up.is_empty() {
            ("suggested", thread.suggestion.items.clone(), "Your choice: the suggested thread.")
        } else {
            ("runner_up", thread.suggestion.runner_up.clone(), "Your choice: the runner-up.")
        };
        b.click(&format!("#thread input[name=choice][value={choice}]")).await;
        let notice = submit(&b, "#thread form button[type=submit]", "p.notice[role=status]").await;
        assert_eq!(notice, "Your choice of thread is saved beside what the engine suggested.");
        assert!(b.texts("#thread p.meta").await.contains(&said.to_owned()), "{said}");
        let mut chosen_on_page: Vec<String> = vec![];
        for el in b.find_all(Locator::Css("#advice li.advice.chosen")).await.unwrap() {
            chosen_on_page.push(el.attr("id").await.unwrap().unwrap().trim_start_matches("item-").to_owned());
        }
        let stored = app.app.advice_request_page(&leader, &id).await.unwrap().thread.unwrap();
        assert_eq!(stored.choice, choice);
        let (mut a, mut e) = (chosen_on_page, expected);
        a.sort_unstable();
        e.sort_unstable();
        assert_eq!(a, e, "the page marks the chosen pieces");
        assert_eq!(stored.chosen, e);

        // A goal the checker accepts.
        let good = "By 31 March, hand over two pieces of work I am attached to each month and let the owner present the outcome without me.";
        b.fill("#goal_text", good).await;
        let notice = submit(&b, "#goal form button[type=submit]", "p.notice[role=status]").await;
        assert_eq!(notice, "Goal saved. The checker's reading of it is below the goal.");
        assert_eq!(b.value("#goal_text").await, good);
        assert_eq!(b.texts("ul.smart li.ok").await.len(), 6);
        assert!(b.texts("ul.smart li.missing").await.is_empty());
        assert!(b.texts("#goal p.notice").await.contains(&"The checker finds nothing missing.".to_owned()));
        b.screenshot_desktop_and_phone("goal-accepted").await;
        assert_eq!(app.app.advice_request_page(&leader, &id).await.unwrap().goal.as_deref(), Some(good));

        // One it refuses: the missing letters are named, each with how to fix it.
        b.fill("#goal_text", "Get better at delegating").await;
        submit(&b, "#goal form button[type=submit]", "p.notice[role=status]").await;
        let missing = b.texts("ul.smart li.missing").await;
        let named: Vec<&str> = missing.iter().map(|m| m.split(':').next().unwrap()).collect();
        assert_eq!(named, ["Specific", "Measurable", "Relevant", "Time-bound"], "{missing:?}");
        assert!(missing[0].contains("\"get better\""), "{missing:?}");
        assert!(missing[2].contains(CAPABILITY), "{missing:?}");
        assert!(missing[3].contains("by 31 March"), "{missing:?}");
        assert!(!b.texts("#goal p.notice").await.contains(&"The checker finds nothing missing.".to_owned()));
        b.screenshot_desktop_and_phone("goal-refused").await;
        let report = app.app.advice_request_page(&leader, &id).await.unwrap().goal_report.unwrap();
        assert!(!report.accepted);
        app.stop().await;
    })
    .await;
}
