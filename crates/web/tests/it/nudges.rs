//! Nudges with a fake clock, for every kind: sent once, folded into a digest, stopped by the
//! one-click unsubscribe link, never duplicated by two instances; plus quiet hours, escalation,
//! the scheduler's lease, the settings page and API, and the mail as it goes out over SMTP.

use crate::nudge_kinds::{closing_programme, engagement, join, quiet_team, reply_to};
use crate::relationships::account;
use crate::{PW, on_each_backend};
use coachkit_app::journal::{ActionInput, SessionInput};
use coachkit_app::{Actor, App};
use coachkit_domain::nudge::NudgeKind;
use coachkit_domain::relationship::Transition;
use coachkit_domain::time::Millis;
use coachkit_store::{MailRow, now_ms};
use coachkit_testkit::{TestApp, TestOptions};
use reqwest::StatusCode;

const DAY: i64 = Millis::DAY;
const HOUR: i64 = Millis::HOUR;

/// The first 14:00 UTC at or after `at`: awake hours for anyone on UTC.
pub(crate) fn afternoon_after(at: i64) -> i64 {
    let t = at.div_euclid(DAY) * DAY + 14 * HOUR;
    if t < at { t + DAY } else { t }
}

/// "2027-01-10T14:00" in UTC, as the session form takes it.
fn utc_minute(at: i64) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    time::OffsetDateTime::from_unix_timestamp(at / 1000).unwrap().format(&fmt).unwrap()
}

/// "2027-01-10", as the action form takes a due date.
pub(crate) fn utc_day(at: i64) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::OffsetDateTime::from_unix_timestamp(at / 1000).unwrap().format(&fmt).unwrap()
}

/// Nudge mail to a person (other mail, such as invitations, has no unsubscribe address).
async fn nudge_mail(app: &App, who: &Actor) -> Vec<MailRow> {
    app.store.mail_to(&who.user.email).await.unwrap().into_iter().filter(|m| m.unsubscribe_url.is_some()).collect()
}

async fn pair(app: &TestApp, leader: &Actor, n: &str) -> (Actor, String) {
    let mentor = account(app, &format!("Mentor {n}"), &format!("mentor-{n}@example.org")).await;
    let invite = app.app.invite(leader, "mentoring", &mentor.user.email, "").await.unwrap();
    app.app.change_relationship(&mentor, &invite.relationship.id, Transition::Accept).await.unwrap();
    (mentor, invite.relationship.id.to_string())
}

/// When a kind's scenario is due, measured from now (relationships and invitations are dated now).
fn moment_for(kind: NudgeKind) -> i64 {
    let now = now_ms();
    afternoon_after(match kind {
        NudgeKind::SessionReminder | NudgeKind::ActionOverdue => now + 2 * DAY,
        NudgeKind::InvitationUnanswered => now + 3 * DAY + HOUR,
        NudgeKind::RelationshipQuiet => now + 28 * DAY + HOUR,
        // A one-week programme starting today: its window closes within a week.
        NudgeKind::WindowClosing => now + HOUR,
        // Session one is ten days ahead: five days before it, the first reminder.
        NudgeKind::CardsDue => now + 5 * DAY + HOUR,
        // A week after session one (ten days ahead), the team's space is still empty.
        NudgeKind::TeamQuiet => now + 18 * DAY,
        NudgeKind::ReplyNotice => now + HOUR,
        // The experts' date is two weeks ahead; the leader hears the day after it.
        NudgeKind::ExpertsSilent => now + 15 * DAY + HOUR,
    })
}

/// Makes one occurrence of `kind` due at `at` for a fresh person named `n`, who is returned with
/// a phrase their nudge's line contains.
async fn occurrence(app: &TestApp, kind: NudgeKind, n: &str, at: i64) -> (Actor, &'static str) {
    match kind {
        NudgeKind::SessionReminder => {
            let leader = account(app, &format!("Leader {n}"), &format!("leader-{n}@example.org")).await;
            let (_, rel) = pair(app, &leader, n).await;
            session_at(app, &leader, &rel, at + 20 * HOUR).await;
            (leader, "Your session with")
        }
        NudgeKind::ActionOverdue => {
            let owner = account(app, &format!("Owner {n}"), &format!("owner-{n}@example.org")).await;
            overdue_action(app, &owner, at).await;
            (owner, "was due on")
        }
        NudgeKind::InvitationUnanswered => {
            let leader = account(app, &format!("Inviter {n}"), &format!("inviter-{n}@example.org")).await;
            let invitee = account(app, &format!("Invitee {n}"), &format!("invitee-{n}@example.org")).await;
            app.app.invite(&leader, "coaching", &invitee.user.email, "").await.unwrap();
            (invitee, "asked you three days ago")
        }
        NudgeKind::RelationshipQuiet => {
            let leader = account(app, &format!("Quiet {n}"), &format!("quiet-{n}@example.org")).await;
            pair(app, &leader, n).await;
            (leader, "No session with")
        }
        NudgeKind::WindowClosing => {
            let who = account(app, &format!("Learner {n}"), &format!("learner-{n}@example.org")).await;
            closing_programme(app, n, &who).await;
            (who, "closes in a week")
        }
        NudgeKind::CardsDue => {
            let who = account(app, &format!("Carder {n}"), &format!("carder-{n}@example.org")).await;
            let (fac, e) = engagement(app, n).await;
            join(app, &fac, &e, "a", &who).await;
            (who, "One or two challenge cards are enough")
        }
        NudgeKind::TeamQuiet => {
            let who = account(app, &format!("Teamer {n}"), &format!("teamer-{n}@example.org")).await;
            quiet_team(app, n, &who).await;
            (who, "Nothing new in your team's space")
        }
        NudgeKind::ReplyNotice => {
            let leader = account(app, &format!("Reflector {n}"), &format!("reflector-{n}@example.org")).await;
            reply_to(app, n, &leader).await;
            (leader, "replied on")
        }
        NudgeKind::ExpertsSilent => {
            let leader = account(app, &format!("Asker {n}"), &format!("asker-{n}@example.org")).await;
            silent_experts(app, n, &leader).await;
            (leader, "have not answered, and the date you gave has passed")
        }
    }
}

/// An advice request from `leader` to three experts, none of whom answers.
async fn silent_experts(app: &TestApp, n: &str, leader: &Actor) -> String {
    use crate::mentoring::{expert, sent_request};
    let experts = vec![
        expert("Ines Inside", &format!("ines-{n}@example.org"), "inside"),
        expert("Otto Outside", &format!("otto-{n}@elsewhere.example"), "outside"),
        expert("Una Outside", &format!("una-{n}@faraway.example"), "outside"),
    ];
    sent_request(app, leader, &format!("Delegating {n}"), experts).await
}

async fn session_at(app: &TestApp, leader: &Actor, rel: &str, starts: i64) {
    let rid = coachkit_domain::RelationshipId::from_trusted(rel.to_owned());
    let input = SessionInput {
        starts_at: utc_minute(starts),
        status: "planned".into(),
        agenda: "Next steps".into(),
        ..Default::default()
    };
    app.app.plan_session(leader, &rid, &input).await.unwrap();
}

async fn overdue_action(app: &TestApp, owner: &Actor, at: i64) {
    let input = ActionInput {
        text: "Write to the board about the pilot".into(),
        due: utc_day(at - 3 * DAY),
        audience: "private".into(),
        ..Default::default()
    };
    app.app.create_action(owner, &input).await.unwrap();
}

async fn choose(app: &App, who: &Actor, kind: NudgeKind, delivery: &str) {
    app.store.set_nudge_preference(&who.user.id, kind.as_str(), delivery).await.unwrap();
}

/// POSTs to an unsubscribe address as a mail program's one-click button does: no cookie, no token.
pub(crate) async fn one_click(url: &str) -> String {
    let r = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.text().await.unwrap()
}

#[tokio::test]
async fn every_kind_is_sent_once_folded_into_a_digest_stopped_by_unsubscribe_and_never_doubled() {
    for kind in NudgeKind::ALL {
        on_each_backend(|app| async move {
            eprintln!("-- kind {kind:?}");
            let other = app.another_instance(TestOptions::default()).await;
            let at = moment_for(kind);
            let (soon, phrase) = occurrence(&app, kind, "a", at).await;
            let (digested, _) = occurrence(&app, kind, "b", at).await;
            let (leaving, _) = occurrence(&app, kind, "c", at).await;
            choose(&app.app, &soon, kind, "immediate").await;
            choose(&app.app, &digested, kind, "daily").await;
            choose(&app.app, &leaving, kind, "immediate").await;

            // Two instances' schedulers at the same moment: one wins the job, the mail goes once.
            let (x, y) = tokio::join!(app.app.run_due_jobs_at("one", at), other.app.run_due_jobs_at("two", at));
            let ran = [x.unwrap(), y.unwrap()];
            let nudge_runs = ran.iter().filter(|r| r.contains(&coachkit_app::scheduler::Job::Nudges)).count();
            assert_eq!(nudge_runs, 1, "exactly one instance ran the nudges job: {ran:?}");
            // Even without the lease (both instances run the job itself at once) nothing doubles.
            let (x, y) = tokio::join!(app.app.run_nudges_at(at + 60_000), other.app.run_nudges_at(at + 60_000));
            assert_eq!((x.unwrap().delivered.immediate, y.unwrap().delivered.immediate), (0, 0));

            let mine = nudge_mail(&app.app, &soon).await;
            assert_eq!(mine.len(), 1, "{kind:?}: one mail of its own: {mine:?}");
            assert!(mine[0].body.contains(phrase), "{}", mine[0].body);
            // No nudge carries anyone's words (the reply's, here).
            assert!(!mine[0].body.contains("zqsecretreply"), "{}", mine[0].body);
            assert!(mine[0].html_body.as_deref().unwrap_or("").contains("<a href=\""));
            assert!(!mine[0].subject.contains("waiting for you"), "not a digest: {}", mine[0].subject);

            let digest = nudge_mail(&app.app, &digested).await;
            assert_eq!(digest.len(), 1, "{kind:?}: one digest");
            assert!(digest[0].subject.contains("1 thing waiting for you"), "{}", digest[0].subject);
            assert!(digest[0].body.contains(phrase), "{}", digest[0].body);
            let states: Vec<String> =
                app.app.store.nudges_of(&digested.user.id).await.unwrap().into_iter().map(|n| n.state).collect();
            assert_eq!(states, vec!["folded".to_owned()]);

            // The one-click link turns the kind off; the next occurrence is skipped, not mailed.
            let first = nudge_mail(&app.app, &leaving).await;
            assert_eq!(first.len(), 1);
            let url = first[0].unsubscribe_url.clone().unwrap();
            assert!(first[0].body.contains(&url) && first[0].html_body.as_deref().unwrap().contains(&url));
            let page = one_click(&url).await;
            assert!(page.contains("Turned off"), "{page}");
            let later = at + DAY;
            match kind {
                NudgeKind::SessionReminder => {
                    let rels = app.app.relationships(&leaving).await.unwrap();
                    session_at(&app, &leaving, rels[0].id.as_str(), later + 20 * HOUR).await;
                }
                NudgeKind::ActionOverdue => overdue_action(&app, &leaving, later).await,
                NudgeKind::InvitationUnanswered => {
                    let inviter = account(&app, "Second inviter", "second-inviter@example.org").await;
                    app.app.invite(&inviter, "mentoring", &leaving.user.email, "").await.unwrap();
                }
                NudgeKind::RelationshipQuiet => {
                    pair(&app, &leaving, "c2").await;
                }
                NudgeKind::WindowClosing => {
                    closing_programme(&app, "c2", &leaving).await;
                }
                NudgeKind::CardsDue => {
                    let (fac, e) = engagement(&app, "c2").await;
                    join(&app, &fac, &e, "a", &leaving).await;
                }
                NudgeKind::TeamQuiet => {
                    quiet_team(&app, "c2", &leaving).await;
                }
                NudgeKind::ReplyNotice => {
                    reply_to(&app, "c2", &leaving).await;
                }
                NudgeKind::ExpertsSilent => {
                    silent_experts(&app, "c2", &leaving).await;
                }
            }
            let run = app.app.run_nudges_at(later).await.unwrap();
            assert!(run.delivered.skipped >= 1, "{run:?}");
            assert_eq!(nudge_mail(&app.app, &leaving).await.len(), 1, "nothing after unsubscribing");
            let states: Vec<String> =
                app.app.store.nudges_of(&leaving.user.id).await.unwrap().into_iter().map(|n| n.state).collect();
            assert_eq!(states, vec!["sent".to_owned(), "skipped".to_owned()]);

            // And the one already sent is never sent again, a day later.
            assert_eq!(nudge_mail(&app.app, &soon).await.len(), 1);
            other.stop().await;
            app.stop().await;
        })
        .await;
    }
}

#[tokio::test]
async fn one_digest_a_day_gathers_everything_due_and_later_items_wait_for_tomorrow() {
    on_each_backend(|app| async move {
        let at = moment_for(NudgeKind::RelationshipQuiet);
        let lena = account(&app, "Lena", "lena@example.org").await;
        pair(&app, &lena, "quiet").await;
        overdue_action(&app, &lena, at).await;
        let (_, busy) = pair(&app, &lena, "busy").await;
        session_at(&app, &lena, &busy, at + 20 * HOUR).await;
        choose(&app.app, &lena, NudgeKind::SessionReminder, "daily").await;

        let run = app.app.run_nudges_at(at).await.unwrap();
        assert_eq!((run.delivered.digests, run.delivered.folded), (1, 3), "{run:?}");
        let mail = nudge_mail(&app.app, &lena).await;
        assert_eq!(mail.len(), 1);
        assert!(mail[0].subject.contains("3 things waiting for you"), "{}", mail[0].subject);
        for phrase in ["No session with Mentor quiet", "was due on", "Your session with Mentor busy", "calendar.ics"] {
            assert!(mail[0].body.contains(phrase), "{phrase}: {}", mail[0].body);
        }

        // A new item two hours later waits: never a second digest on the same day.
        overdue_action(&app, &lena, at + 2 * HOUR).await;
        let run = app.app.run_nudges_at(at + 2 * HOUR).await.unwrap();
        assert_eq!(run.delivered.digests, 0);
        assert_eq!(nudge_mail(&app.app, &lena).await.len(), 1);
        let run = app.app.run_nudges_at(at + DAY).await.unwrap();
        assert_eq!((run.delivered.digests, run.delivered.folded), (1, 1), "{run:?}");
        assert_eq!(nudge_mail(&app.app, &lena).await.len(), 2);

        // Weekly: folded at most once a week.
        choose(&app.app, &lena, NudgeKind::ActionOverdue, "weekly").await;
        app.app.store.mark_weekly_folded(&lena.user.id, at + DAY).await.unwrap();
        overdue_action(&app, &lena, at + 2 * DAY).await;
        let run = app.app.run_nudges_at(at + 2 * DAY).await.unwrap();
        assert_eq!(run.delivered.digests, 0, "the weekly item waits for its week");
        let run = app.app.run_nudges_at(at + 8 * DAY).await.unwrap();
        assert_eq!(run.delivered.digests, 1, "{run:?}");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn quiet_hours_follow_the_persons_zone_and_the_nudge_waits_for_morning() {
    on_each_backend(|app| async move {
        let at = moment_for(NudgeKind::ActionOverdue);
        let kenji = account(&app, "Kenji", "kenji@example.org").await;
        app.app.guess_time_zone(&kenji.id(), "Asia/Tokyo").await.unwrap();
        choose(&app.app, &kenji, NudgeKind::ActionOverdue, "immediate").await;
        overdue_action(&app, &kenji, at).await;
        // 14:00 UTC is 23:00 in Tokyo.
        let run = app.app.run_nudges_at(at).await.unwrap();
        assert_eq!((run.delivered.held, run.delivered.immediate), (1, 0));
        assert!(nudge_mail(&app.app, &kenji).await.is_empty());
        // 00:00 UTC is 09:00 in Tokyo.
        let run = app.app.run_nudges_at(at + 10 * HOUR).await.unwrap();
        assert_eq!(run.delivered.immediate, 1, "{run:?}");
        assert_eq!(nudge_mail(&app.app, &kenji).await.len(), 1);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn silence_escalates_gently_first_second_then_the_other_party_hears() {
    on_each_backend(|app| async move {
        let lena = account(&app, "Lena", "lena@example.org").await;
        let (mentor, _) = pair(&app, &lena, "m").await;
        let invitee = account(&app, "Ivo", "ivo@example.org").await;
        app.app.invite(&lena, "coaching", &invitee.user.email, "").await.unwrap();
        let now = now_ms();
        let lines = |mail: Vec<MailRow>| mail.into_iter().map(|m| m.body).collect::<Vec<_>>().join("\n");

        for (days, who, phrase) in [
            (3, &invitee, "asked you three days ago"),
            (7, &invitee, "has waited a week"),
            (10, &lena, "has not answered your invitation in ten days"),
            (28, &lena, "No session with Mentor m for 4 weeks"),
            (35, &lena, "Still no session with Mentor m after 5 weeks"),
            (42, &mentor, "have not met for 6 weeks"),
        ] {
            let at = afternoon_after(now + days * DAY + HOUR);
            app.app.run_nudges_at(at).await.unwrap();
            assert!(lines(nudge_mail(&app.app, who).await).contains(phrase), "day {days}: {phrase}");
        }
        // The mentor heard nothing before the third step.
        assert_eq!(nudge_mail(&app.app, &mentor).await.len(), 1);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_nudge_that_is_no_longer_true_is_never_sent() {
    on_each_backend(|app| async move {
        let at = moment_for(NudgeKind::ActionOverdue);
        let lena = account(&app, "Lena", "lena@example.org").await;
        let (_, rel) = pair(&app, &lena, "m").await;
        session_at(&app, &lena, &rel, at + 20 * HOUR).await;
        // Found in her quiet hours (she is in Los Angeles: 06:00 there), then the session moves.
        app.app.guess_time_zone(&lena.id(), "America/Los_Angeles").await.unwrap();
        app.app.run_nudges_at(at).await.unwrap();
        let rid = coachkit_domain::RelationshipId::from_trusted(rel.clone());
        let sessions = app.app.sessions(&lena, &rid).await.unwrap();
        let s = &sessions[0];
        let input = SessionInput {
            starts_at: utc_minute(at + 5 * DAY),
            status: "planned".into(),
            agenda: "Moved".into(),
            ..Default::default()
        };
        app.app.update_session(&lena, &s.id, &input).await.unwrap();
        app.app.run_nudges_at(at + 4 * HOUR).await.unwrap();
        assert!(nudge_mail(&app.app, &lena).await.is_empty(), "the old time is never announced");
        let states: Vec<String> =
            app.app.store.nudges_of(&lena.user.id).await.unwrap().into_iter().map(|n| n.state).collect();
        assert_eq!(states, vec!["void".to_owned()]);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn reminders_settings_page_and_api_save_all_or_nothing() {
    on_each_backend(|app| async move {
        let c = app.client();
        c.sign_up("Rita", "rita@example.org", PW).await;
        let r = c
            .submit(
                "/settings/reminders",
                "/settings/reminders",
                &[("time_zone", "Mars/Base"), ("action_overdue", "off")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        assert!(page.contains("is not a time zone we know"), "{page}");
        let me = app.app.store.user_by_email("rita@example.org").await.unwrap().unwrap();
        assert_eq!(me.time_zone, "UTC");
        assert!(app.app.store.nudge_preferences(&me.id).await.unwrap().is_empty(), "nothing saved");

        let r = c
            .submit(
                "/settings/reminders",
                "/settings/reminders",
                &[("time_zone", "Europe/Paris"), ("action_overdue", "weekly"), ("session_reminder", "daily")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = r.text().await.unwrap();
        assert!(page.contains("CET") || page.contains("CEST"), "times in Paris time");
        let me = app.app.store.user_by_email("rita@example.org").await.unwrap().unwrap();
        assert_eq!(me.time_zone, "Europe/Paris");

        // The API: a bad kind or delivery is refused whole, a good change reads back.
        let csrf = c.api_csrf().await;
        let h = [("x-csrf-token", csrf.as_str())];
        let (status, body) = c
            .json(
                reqwest::Method::PUT,
                "/api/v1/me/reminders",
                Some(serde_json::json!({"time_zone": "Asia/Tokyo", "choices": [{"kind": "action_overdue", "delivery": "hourly"}]})),
                &h,
            )
            .await;
        assert!(status.is_client_error(), "{status} {body}");
        let (status, body) = c.json(reqwest::Method::GET, "/api/v1/me/reminders", None, &[]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["time_zone"], "Europe/Paris", "nothing of the refused change was saved");
        let (status, body) = c
            .json(
                reqwest::Method::PUT,
                "/api/v1/me/reminders",
                Some(serde_json::json!({"time_zone": "Asia/Tokyo", "choices": [{"kind": "relationship_quiet", "delivery": "off"}]})),
                &h,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["time_zone"], "Asia/Tokyo");
        let quiet = body["choices"].as_array().unwrap().iter().find(|c| c["kind"] == "relationship_quiet").unwrap();
        assert_eq!(quiet["delivery"], "off");
        let overdue = body["choices"].as_array().unwrap().iter().find(|c| c["kind"] == "action_overdue").unwrap();
        assert_eq!(overdue["delivery"], "weekly");

        // An unknown unsubscribe link is a plain 404, and a GET never unsubscribes.
        let r = c.get(&format!("/unsubscribe/{}", "ab".repeat(32))).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_nudge_goes_out_as_text_and_html_with_the_one_click_unsubscribe_headers() {
    use coachkit_app::SmtpConfig;
    use coachkit_testkit::smtp::SmtpSink;
    for backend in coachkit_testkit::backends() {
        let sink = SmtpSink::start(false).await;
        let mut options = TestOptions::default();
        options.config.smtp = Some(SmtpConfig {
            host: "127.0.0.1".into(),
            port: sink.port,
            username: None,
            password: None,
            security: "none".into(),
        });
        let app = coachkit_testkit::spawn_app_with(backend, options).await;
        let at = moment_for(NudgeKind::ActionOverdue);
        let (owner, _) = occurrence(&app, NudgeKind::ActionOverdue, "smtp", at).await;
        choose(&app.app, &owner, NudgeKind::ActionOverdue, "immediate").await;
        app.app.run_nudges_at(at).await.unwrap();
        let done = app.app.deliver_outbox_once("worker").await.unwrap();
        assert_eq!((done.sent, done.failed), (1, 0));
        let got = sink.messages();
        let data = &got[0].data;
        let url = nudge_mail(&app.app, &owner).await[0].unsubscribe_url.clone().unwrap();
        assert!(data.contains(&format!("List-Unsubscribe: <{url}>")), "{data}");
        assert!(data.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{data}");
        assert!(data.contains("multipart/alternative"), "{data}");
        assert!(data.contains("text/plain") && data.contains("text/html"), "{data}");
        app.stop().await;
    }
}

/// The bodies of a person's nudge mail, joined.
async fn bodies(app: &App, who: &Actor) -> String {
    nudge_mail(app, who).await.into_iter().map(|m| m.body).collect::<Vec<_>>().join("\n")
}

#[tokio::test]
async fn a_late_run_sends_only_the_latest_step_and_tells_the_other_party_after_a_grace() {
    on_each_backend(|app| async move {
        let lena = account(&app, "Lena", "lena@example.org").await;
        let ivo = account(&app, "Ivo", "ivo@example.org").await;
        let una = account(&app, "Una", "una@example.org").await;
        let answered = account(&app, "Ada", "ada@example.org").await;
        app.app.invite(&lena, "coaching", &ivo.user.email, "").await.unwrap();
        let to_ada = app.app.invite(&una, "coaching", &answered.user.email, "").await.unwrap();
        let now = now_ms();
        // The machine slept through days 3, 7 and 10: the first run is on day 11.
        let day11 = afternoon_after(now + 11 * DAY);
        app.app.run_nudges_at(day11).await.unwrap();
        let to_ivo = nudge_mail(&app.app, &ivo).await;
        assert_eq!(to_ivo.len(), 1, "one mail, never a burst");
        assert!(to_ivo[0].body.contains("has waited a week"), "the latest step: {}", to_ivo[0].body);
        assert!(!to_ivo[0].body.contains("three days ago"), "not the step it slept through");
        let steps: Vec<i64> =
            app.app.store.nudges_of(&ivo.user.id).await.unwrap().into_iter().map(|n| n.step).collect();
        assert_eq!(steps, vec![2]);
        // Lena is not skipped, but she hears only after Ivo had the three days the timetable
        // gives him between his second reminder and her being told.
        assert!(nudge_mail(&app.app, &lena).await.is_empty(), "not told the same day Ivo is reminded");
        app.app.run_nudges_at(day11 + DAY).await.unwrap();
        assert!(nudge_mail(&app.app, &lena).await.is_empty());
        // Ada answers within her grace: Una is never told.
        app.app.change_relationship(&answered, &to_ada.relationship.id, Transition::Accept).await.unwrap();
        app.app.run_nudges_at(day11 + 3 * DAY).await.unwrap();
        assert!(bodies(&app.app, &lena).await.contains("has not answered your invitation in ten days"));
        assert!(nudge_mail(&app.app, &una).await.is_empty(), "an answer in time means nobody else hears");
        assert_eq!(nudge_mail(&app.app, &ivo).await.len(), 1, "Ivo got nothing more");

        // A newer step replaces an older one still waiting: weekly digests would otherwise carry
        // two lines about the same silence.
        let kai = account(&app, "Kai", "kai@example.org").await;
        let (_, _rel) = pair(&app, &kai, "k").await;
        choose(&app.app, &kai, NudgeKind::RelationshipQuiet, "weekly").await;
        app.app.store.mark_weekly_folded(&kai.user.id, now + 27 * DAY).await.unwrap();
        app.app.run_nudges_at(afternoon_after(now + 28 * DAY + HOUR)).await.unwrap();
        app.app.run_nudges_at(afternoon_after(now + 35 * DAY + HOUR)).await.unwrap();
        let mail = nudge_mail(&app.app, &kai).await;
        assert_eq!(mail.len(), 1, "{mail:?}");
        assert!(mail[0].body.contains("Still no session") && !mail[0].body.contains("for 4 weeks"), "{}", mail[0].body);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_later_practices_escalate_to_the_facilitator_after_two_nudges() {
    on_each_backend(|app| async move {
        let now = now_ms();
        // A learning log: a week and two days before the window closes, then the facilitator.
        let learner = account(&app, "Lou Learner", "lou@example.org").await;
        let ll_fac = closing_programme(&app, "w", &learner).await;
        let today = now.div_euclid(DAY) * DAY;
        for (at, who, phrase) in [
            (today + 14 * HOUR, &learner, "closes in a week"),
            (today + 5 * DAY + 14 * HOUR, &learner, "Two days left"),
            (today + 6 * DAY + 14 * HOUR, &ll_fac, "One person has not finished their learning log"),
        ] {
            app.app.run_nudges_at(at).await.unwrap();
            assert!(bodies(&app.app, who).await.contains(phrase), "{phrase}: {}", bodies(&app.app, who).await);
        }
        assert!(!bodies(&app.app, &ll_fac).await.contains("I said"), "counts only");

        // Cards: five and two days before session one, then the facilitator the day before.
        let carder = account(&app, "Cas Carder", "cas@example.org").await;
        let (cc_fac, e) = engagement(&app, "k").await;
        join(&app, &cc_fac, &e, "a", &carder).await;
        let one = app.app.store.engagement(&e).await.unwrap().unwrap().session_one_at;
        for (at, who, phrase) in [
            (afternoon_after(one - 5 * DAY), &carder, "One or two challenge cards"),
            (afternoon_after(one - 2 * DAY), &carder, "is in two days"),
            (afternoon_after(one - DAY), &cc_fac, "One person has not submitted a challenge card"),
        ] {
            app.app.run_nudges_at(at).await.unwrap();
            assert!(bodies(&app.app, who).await.contains(phrase), "{phrase}: {}", bodies(&app.app, who).await);
        }

        // A quiet team: a week and two after session one, then the facilitator after three.
        let teamer = account(&app, "Tam Teamer", "tam@example.org").await;
        let t_fac = quiet_team(&app, "t", &teamer).await;
        let t_one = now + 10 * DAY;
        for (at, who, phrase) in [
            (afternoon_after(t_one + 7 * DAY + HOUR), &teamer, "for a week"),
            (afternoon_after(t_one + 14 * DAY + HOUR), &teamer, "quiet for two weeks"),
            (afternoon_after(t_one + 21 * DAY + HOUR), &t_fac, "has written nothing in its space for three weeks"),
        ] {
            app.app.run_nudges_at(at).await.unwrap();
            assert!(bodies(&app.app, who).await.contains(phrase), "{phrase}: {}", bodies(&app.app, who).await);
        }
        assert!(!bodies(&app.app, &t_fac).await.contains("New drivers"), "no card's words");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_new_kinds_fold_into_the_one_daily_digest() {
    on_each_backend(|app| async move {
        let now = now_ms();
        let pat = account(&app, "Pat", "pat@example.org").await;
        closing_programme(&app, "d", &pat).await;
        let (fac, e) = engagement(&app, "d").await;
        join(&app, &fac, &e, "a", &pat).await;
        choose(&app.app, &pat, NudgeKind::ReplyNotice, "daily").await;
        reply_to(&app, "d", &pat).await;
        let at = afternoon_after(now + 5 * DAY + HOUR);
        let run = app.app.run_nudges_at(at).await.unwrap();
        assert_eq!((run.delivered.digests, run.delivered.immediate), (1, 0), "{run:?}");
        let mail = nudge_mail(&app.app, &pat).await;
        assert_eq!(mail.len(), 1);
        assert!(mail[0].subject.contains("3 things waiting for you"), "{}", mail[0].subject);
        for phrase in ["Two days left", "challenge card", "replied on"] {
            assert!(mail[0].body.contains(phrase), "{phrase}: {}", mail[0].body);
        }
        assert!(!mail[0].body.contains("zqsecretreply"));
        // Another reply the same afternoon waits for tomorrow's digest.
        reply_to(&app, "d2", &pat).await;
        app.app.run_nudges_at(at + 2 * HOUR).await.unwrap();
        assert_eq!(nudge_mail(&app.app, &pat).await.len(), 1, "never two digests in a day");
        app.app.run_nudges_at(at + DAY).await.unwrap();
        assert_eq!(nudge_mail(&app.app, &pat).await.len(), 2);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_leader_hears_of_silent_experts_only_after_their_date_and_not_once_they_answered() {
    on_each_backend(|app| async move {
        let now = now_ms();
        let lena = account(&app, "Lena", "lena@example.org").await;
        let request = silent_experts(&app, "s", &lena).await;
        // A second request whose experts all answer, and a third where one asks for more time.
        silent_experts(&app, "t", &lena).await;
        for email in ["ines-t@example.org", "otto-t@elsewhere.example", "una-t@faraway.example"] {
            let secret = crate::mentoring::secret_for(&app, email).await;
            app.app.save_expert_advice(&secret, &crate::mentoring::advice("zqadvice", false), true).await.unwrap();
        }
        silent_experts(&app, "m", &lena).await;
        let secret = crate::mentoring::secret_for(&app, "otto-m@elsewhere.example").await;
        app.app.expert_more_time(&secret, &utc_day(now + 20 * DAY), "Travelling").await.unwrap();
        // Before the date, and on it: the experts have their own reminders; the leader hears nothing.
        app.app.run_nudges_at(afternoon_after(now + 13 * DAY)).await.unwrap();
        app.app.run_nudges_at(afternoon_after(now + 14 * DAY + HOUR)).await.unwrap();
        assert!(nudge_mail(&app.app, &lena).await.is_empty());
        app.app.run_nudges_at(afternoon_after(now + 15 * DAY + HOUR)).await.unwrap();
        let told = bodies(&app.app, &lena).await;
        assert!(told.contains("3 of the experts you asked about “Delegating s” have not answered"), "{told}");
        assert!(told.contains(&format!("/advice/{request}")), "{told}");
        assert!(!told.contains("Delegating t") && !told.contains("Delegating m"), "{told}");
        assert!(!told.contains("zqadvice"), "no advice in a mail");
        // Once, however often the job runs; the request with more time waits for its new date.
        app.app.run_nudges_at(afternoon_after(now + 17 * DAY + HOUR)).await.unwrap();
        assert_eq!(nudge_mail(&app.app, &lena).await.len(), 1);
        // The new date runs to the end of its (UTC) day, so the day after it has surely passed by
        // day 22 whatever the hour the test starts at (day 21's afternoon can still be inside it).
        app.app.run_nudges_at(afternoon_after(now + 22 * DAY + HOUR)).await.unwrap();
        let told = bodies(&app.app, &lena).await;
        assert!(told.contains("about “Delegating m” have not answered"), "{told}");
        assert!(!told.contains("Delegating t"), "{told}");
        app.stop().await;
    })
    .await;
}
