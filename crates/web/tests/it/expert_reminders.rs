//! The experts' reminders through the nudges job, with a fake clock on both backends: at a
//! quarter, half and three quarters of the time to their date, each once however many instances
//! run, moved by more time with none of the old date left, stopped by an answer, a decline,
//! being left out, or the expert's own one-click link (for that request only, and for good,
//! also after a new date), held by the leader's quiet hours.
//!
//! A request's default date is fourteen days after it is written, so its reminders come at
//! 3.5, 7 and 10.5 days. Moments are 14:00 UTC or later (`afternoon_after`), awake hours for a
//! leader on UTC.

use crate::mentoring::{advice, expert, sent_request};
use crate::nudges::{afternoon_after, one_click, utc_day};
use crate::on_each_backend;
use crate::relationships::account;
use coachkit_app::Actor;
use coachkit_domain::time::Millis;
use coachkit_store::{MailRow, now_ms};
use coachkit_testkit::{TestApp, TestOptions};

const DAY: i64 = Millis::DAY;
const HOUR: i64 = Millis::HOUR;

/// The reminders mailed to `email`, newest first.
async fn reminders(app: &TestApp, email: &str) -> Vec<MailRow> {
    let mail = app.app.store.mail_to(email).await.unwrap();
    mail.into_iter().filter(|m| m.subject.starts_with("A reminder:")).collect()
}

/// Those of them about the request whose capability is `capability`.
async fn reminders_about(app: &TestApp, email: &str, capability: &str) -> Vec<MailRow> {
    reminders(app, email).await.into_iter().filter(|m| m.body.contains(capability)).collect()
}

/// The expert link in a mail.
fn secret_in(mail: &MailRow) -> String {
    let at = mail.body.find("/expert/").expect("an expert link") + "/expert/".len();
    mail.body[at..at + 64].to_owned()
}

/// A request from `leader` to Ines, Otto and Una (suffixed by `n`); returns its id.
async fn request(app: &TestApp, leader: &Actor, n: &str) -> String {
    let experts = vec![
        expert("Ines Inside", &format!("ines-{n}@example.org"), "inside"),
        expert("Otto Outside", &format!("otto-{n}@elsewhere.example"), "outside"),
        expert("Una Outside", &format!("una-{n}@faraway.example"), "outside"),
    ];
    sent_request(app, leader, &format!("Delegating {n}"), experts).await
}

async fn states(app: &TestApp, expert_id: &str) -> Vec<String> {
    app.app.store.expert_reminders_of(expert_id).await.unwrap().into_iter().map(|r| r.state).collect()
}

#[tokio::test]
async fn reminders_come_at_their_moments_once_and_follow_a_new_date_with_none_of_the_old_left() {
    on_each_backend(|app| async move {
        let other = app.another_instance(TestOptions::default()).await;
        let start = now_ms();
        let lena = account(&app, "Lena Leader", "lena@example.org").await;
        let id = request(&app, &lena, "r").await;
        let experts = app.app.store.advice_experts(&id).await.unwrap();
        let (ines, otto, una) = ("ines-r@example.org", "otto-r@elsewhere.example", "una-r@faraway.example");
        assert!(reminders(&app, ines).await.is_empty(), "nothing waits in the outbox at sending");

        // Two days in: too early.
        app.app.run_nudges_at(afternoon_after(start + 2 * DAY)).await.unwrap();
        assert!(reminders(&app, ines).await.is_empty());

        // A quarter of the way: two instances' schedulers at once, then both run the job itself
        // at once (no lease): each expert gets exactly one.
        let m1 = afternoon_after(start + 14 * DAY / 4 + HOUR);
        let (x, y) = tokio::join!(app.app.run_due_jobs_at("one", m1), other.app.run_due_jobs_at("two", m1));
        let ran = [x.unwrap(), y.unwrap()];
        let nudge_runs = ran.iter().filter(|r| r.contains(&coachkit_app::scheduler::Job::Nudges)).count();
        assert_eq!(nudge_runs, 1, "{ran:?}");
        let (x, y) = tokio::join!(app.app.run_nudges_at(m1 + 60_000), other.app.run_nudges_at(m1 + 60_000));
        assert_eq!((x.unwrap().delivered.experts, y.unwrap().delivered.experts), (0, 0));
        for email in [ines, otto, una] {
            let mine = reminders(&app, email).await;
            assert_eq!(mine.len(), 1, "{email}: {mine:?}");
            let m = &mine[0];
            assert_eq!(m.subject, "A reminder: Lena Leader's request for your advice");
            assert!(
                m.body.contains("Lena Leader asked for your three pieces of advice on “Delegating r”"),
                "{}",
                m.body
            );
            let stop = m.unsubscribe_url.clone().expect("List-Unsubscribe");
            let html = m.html_body.clone().expect("an HTML part");
            assert!(m.body.contains(&stop) && html.contains(&stop) && html.contains("/expert/"), "{html}");
            assert!(!m.body.contains("/settings/"), "an expert has no settings: {}", m.body);
            assert!(m.body.starts_with("Dear "), "{}", m.body);
        }
        // The link in a reminder is the expert's own page.
        let otto_secret = secret_in(&reminders(&app, otto).await[0]);
        assert_eq!(app.app.expert_page(&otto_secret).await.unwrap().expert_name, "Otto Outside");

        // Ines answers, Una declines, Otto asks for more time (through the reminder's link).
        let ines_secret = secret_in(&reminders(&app, ines).await[0]);
        app.app.save_expert_advice(&ines_secret, &advice("zqadvice", false), true).await.unwrap();
        let una_secret = secret_in(&reminders(&app, una).await[0]);
        app.app.expert_decline(&una_secret, "Not this month").await.unwrap();
        app.app.expert_more_time(&otto_secret, &utc_day(start + 59 * DAY), "Travelling").await.unwrap();

        // The old date's half and three quarters pass: nobody hears (Otto's new timetable runs
        // from his asking to the new date: about 14.75, 29.5 and 44 days, two left of his three).
        for at in [afternoon_after(start + 7 * DAY + HOUR), afternoon_after(start + 42 * DAY / 4 + HOUR)] {
            app.app.run_nudges_at(at).await.unwrap();
            for email in [ines, otto, una] {
                assert_eq!(reminders(&app, email).await.len(), 1, "{email} at day {}", (at - start) / DAY);
            }
        }
        app.app.run_nudges_at(afternoon_after(start + 15 * DAY + HOUR)).await.unwrap();
        assert_eq!(reminders(&app, otto).await.len(), 2, "the new date's first step");
        app.app.run_nudges_at(afternoon_after(start + 30 * DAY + HOUR)).await.unwrap();
        let to_otto = reminders(&app, otto).await;
        assert_eq!(to_otto.len(), 3);
        let fmt = time::macros::format_description!("[day padding:none] [month repr:long] [year]");
        let new_date =
            time::OffsetDateTime::from_unix_timestamp((start + 59 * DAY) / 1000).unwrap().format(&fmt).unwrap();
        assert!(to_otto[0].body.contains(&format!("by {new_date}.")), "the new date: {}", to_otto[0].body);
        // Three is the most ever, whatever the dates; none after the date.
        app.app.run_nudges_at(afternoon_after(start + 45 * DAY + HOUR)).await.unwrap();
        app.app.run_nudges_at(afternoon_after(start + 60 * DAY + HOUR)).await.unwrap();
        assert_eq!(reminders(&app, otto).await.len(), 3);
        for email in [ines, una] {
            assert_eq!(reminders(&app, email).await.len(), 1, "{email}: stopped by the answer or the decline");
        }
        for e in &experts {
            let s = states(&app, &e.id).await;
            assert!(!s.iter().any(|s| s == "pending"), "{}: nothing stale left waiting: {s:?}", e.name);
        }
        assert_eq!(states(&app, &experts[1].id).await.iter().filter(|s| *s == "sent").count(), 3);
        other.stop().await;
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn an_expert_stops_the_reminders_about_one_request_for_good_with_one_click() {
    on_each_backend(|app| async move {
        let start = now_ms();
        let lena = account(&app, "Lena Leader", "lena@example.org").await;
        request(&app, &lena, "x").await;
        // Otto is asked again, on another request.
        let experts = vec![
            expert("Ines Inside", "ines-y@example.org", "inside"),
            expert("Otto Outside", "otto-x@elsewhere.example", "outside"),
            expert("Una Outside", "una-y@faraway.example", "outside"),
        ];
        sent_request(&app, &lena, "Delegating y", experts).await;
        let otto = "otto-x@elsewhere.example";
        app.app.run_nudges_at(afternoon_after(start + 14 * DAY / 4 + HOUR)).await.unwrap();
        let to_otto = reminders_about(&app, otto, "Delegating x").await;
        assert_eq!(to_otto.len(), 1, "{to_otto:?}");
        assert_eq!(reminders_about(&app, otto, "Delegating y").await.len(), 1, "one mail per request, never folded");
        let url = to_otto[0].unsubscribe_url.clone().unwrap();
        let page = one_click(&url).await;
        assert!(page.contains("Turned off") && page.contains("reminders about this request"), "{page}");

        // Half way: the others, and Otto's other request, still get theirs; this one is quiet.
        app.app.run_nudges_at(afternoon_after(start + 7 * DAY + HOUR)).await.unwrap();
        assert_eq!(reminders_about(&app, otto, "Delegating x").await.len(), 1);
        assert_eq!(reminders_about(&app, otto, "Delegating y").await.len(), 2, "not this link's to stop");
        assert_eq!(reminders(&app, "ines-x@example.org").await.len(), 2);

        // A new date later changes nothing: stopped is for good.
        let secret = secret_in(&to_otto[0]);
        app.app.expert_more_time(&secret, &utc_day(start + 59 * DAY), "").await.unwrap();
        for days in [15, 30, 45] {
            app.app.run_nudges_at(afternoon_after(start + days * DAY + HOUR)).await.unwrap();
        }
        assert_eq!(reminders_about(&app, otto, "Delegating x").await.len(), 1);
        // Pressing it again is harmless.
        assert!(one_click(&url).await.contains("Turned off"));
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn quiet_hours_are_the_leaders_and_a_held_reminder_that_stopped_being_true_never_goes() {
    on_each_backend(|app| async move {
        let start = now_ms();
        let lena = account(&app, "Lena Leader", "lena@example.org").await;
        app.app.guess_time_zone(&lena.id(), "Asia/Tokyo").await.unwrap();
        let id = request(&app, &lena, "q").await;
        let experts = app.app.store.advice_experts(&id).await.unwrap();
        // 14:00 UTC is 23:00 in Tokyo: found, held.
        let night = afternoon_after(start + 14 * DAY / 4 + HOUR);
        let run = app.app.run_nudges_at(night).await.unwrap();
        assert_eq!((run.found, run.delivered.held, run.delivered.experts), (3, 3, 0), "{run:?}");
        assert!(reminders(&app, "ines-q@example.org").await.is_empty());

        // Overnight Otto asks for more time and Lena goes on without Una.
        let otto = crate::mentoring::secret_for(&app, "otto-q@elsewhere.example").await;
        app.app.expert_more_time(&otto, &utc_day(start + 59 * DAY), "").await.unwrap();
        app.app.withdraw_advice_expert(&lena, &id, &experts[2].id).await.unwrap();

        // 00:00 UTC is 09:00 in Tokyo: only Ines's reminder is still true.
        let run = app.app.run_nudges_at(night + 10 * HOUR).await.unwrap();
        assert_eq!(run.delivered.experts, 1, "{run:?}");
        assert_eq!(reminders(&app, "ines-q@example.org").await.len(), 1);
        assert!(reminders(&app, "otto-q@elsewhere.example").await.is_empty(), "the old date's reminder is void");
        assert!(reminders(&app, "una-q@faraway.example").await.is_empty(), "left out: no reminder");
        assert_eq!(states(&app, &experts[1].id).await, vec!["void".to_owned()]);
        assert_eq!(states(&app, &experts[2].id).await, vec!["void".to_owned()]);
        app.stop().await;
    })
    .await;
}
