//! "What needs me next": the dashboard's one ordered list across every practice.
//!
//! One store query brings every candidate line (see `coachkit_store::next_steps`); here each
//! becomes a sentence with one place to click, lines that need nothing are dropped, and the
//! domain orders what is left. Every line is the person's own record (their sessions' other
//! party's name, their actions, their requests, their cards) or a count of a programme they run,
//! which the query reaches only through their own participant or facilitator row, so no line
//! carries anyone else's text.

use crate::error::AppResult;
use crate::{Actor, App};
use coachkit_domain::co_coaching::Stage;
use coachkit_domain::learning_log::progress::QUIET_DAYS;
use coachkit_domain::mentoring::RequestStatus;
use coachkit_domain::next_steps::{Urgency, order};
use coachkit_domain::time::Millis;
use coachkit_store::next_steps::{NextStepRow, NextStepWindow};
use coachkit_store::now_ms;

/// Sessions up to this far ahead count as coming up.
const SOON: i64 = 14 * Millis::DAY;
/// A planned session that began up to this long ago asks to be written up.
const WRITE_UP: i64 = 30 * Millis::DAY;
/// A session stays "coming up" (not "to write up") for its first hour.
const IN_PROGRESS: i64 = Millis::HOUR;

/// How a line's moment reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// "on 3 Dec 2026, 14:00" (a session)
    At,
    /// "due 3 Dec 2026"
    Due,
    /// "by 3 Dec 2026"
    By,
    /// "closes 3 Dec 2026"
    Closes,
    /// "session one on 3 Dec 2026, 14:00" (co-coaching)
    SessionOne,
    /// "session two on 3 Dec 2026, 14:00"
    SessionTwo,
}

impl When {
    /// Whether the line is still owed once its moment has passed.
    fn owed_after(self) -> bool {
        matches!(self, When::Due | When::By)
    }
}

#[derive(Clone, Debug)]
pub struct NextStep {
    pub text: String,
    pub href: String,
    /// The link's words: what one click does.
    pub action: &'static str,
    pub at: Option<Millis>,
    pub when: When,
    pub late: bool,
    /// A calendar file to add, for sessions.
    pub calendar: Option<String>,
}

#[derive(Clone, Debug)]
pub struct OrgLine {
    pub id: String,
    pub name: String,
    pub role: String,
    pub members: i64,
}

pub struct NextSteps {
    pub steps: Vec<NextStep>,
    pub orgs: Vec<OrgLine>,
}

impl App {
    /// The dashboard's list for the actor, most urgent first, and their organisations: one query.
    pub async fn next_steps(&self, actor: &Actor) -> AppResult<NextSteps> {
        let now = Millis(now_ms());
        let window = NextStepWindow {
            now: now.0,
            soon_until: now.plus(SOON).0,
            write_up_since: now.minus(WRITE_UP).0,
            quiet_before: now.minus(QUIET_DAYS * Millis::DAY).0,
        };
        let rows = self.store.next_steps_of(actor.user.id.as_str(), window).await?;
        Ok(from_rows(rows, now))
    }
}

fn from_rows(rows: Vec<NextStepRow>, now: Millis) -> NextSteps {
    let mut steps = vec![];
    let mut orgs = vec![];
    for row in rows {
        if row.kind == "org" {
            let role = row.extra.unwrap_or_default();
            orgs.push(OrgLine { id: row.id, name: row.title, role, members: row.n1 });
        } else if let Some(step) = step(row, now) {
            steps.push(step);
        }
    }
    order(&mut steps, |s| Urgency::of(s.at, now, s.late));
    orgs.sort_by_key(|o| o.name.to_lowercase());
    NextSteps { steps, orgs }
}

fn line(text: String, href: String, action: &'static str, at: Option<i64>, when: When, now: Millis) -> NextStep {
    let at = at.map(Millis);
    let late = when.owed_after() && at.is_some_and(|at| at.0 < now.0);
    NextStep { text, href, action, at, when, late, calendar: None }
}

/// One candidate line as a sentence, or `None` when it needs nothing of the person now.
fn step(row: NextStepRow, now: Millis) -> Option<NextStep> {
    let NextStepRow { kind, id, title, at, n1, n2, n3, extra } = row;
    let session = |with: &str| {
        let starts = at.unwrap_or_default();
        if starts < now.0 - IN_PROGRESS {
            let mut s = line(
                format!("Your session with {title} was planned: write up how it went, or move it"),
                format!("/journal/sessions/{id}"),
                "Write it up",
                at,
                When::Due,
                now,
            );
            s.late = true;
            s
        } else {
            let mut s =
                line(format!("Session {with} {title}"), format!("/journal/sessions/{id}"), "Open", at, When::At, now);
            s.calendar = Some(format!("/journal/sessions/{id}/calendar.ics"));
            s
        }
    };
    Some(match kind.as_str() {
        "session_led" | "session_coached" => session("with"),
        "action" => line(title, "/journal/actions".into(), "Actions", at, When::Due, now),
        "advice" => {
            // The words the dashboard has used for each stage of a request since practice 5 landed.
            let (what, when) = match extra.as_deref().and_then(RequestStatus::parse) {
                Some(RequestStatus::Draft) => ("read the messages to your experts and send them".to_owned(), None),
                Some(RequestStatus::Collecting) => (format!("sealed: {n1} of {n2} experts have answered"), at),
                _ if n3 == 0 => {
                    ("all your experts have answered: find the thread and write your goal".to_owned(), None)
                }
                _ => ("your goal is set: work the plan, then mark it done and thank your experts".to_owned(), None),
            };
            line(format!("Expert advice on {title}: {what}"), format!("/advice/{id}"), "Open", when, When::By, now)
        }
        "log" => {
            let what = if n1 < n2 {
                format!("{n1} of {n2} sessions held; plan or record the next")
            } else if n3 == 0 {
                "every session is held: choose your best and most challenging".to_owned()
            } else {
                "answer the questions on your two cases and share your pack when ready".to_owned()
            };
            line(format!("Learning log {title}: {what}"), format!("/learning-log/{id}"), "Open", at, When::Closes, now)
        }
        "cohort" => {
            let quiet = match n2 {
                0 => "nobody has gone quiet".to_owned(),
                1 => "1 has gone quiet".to_owned(),
                n => format!("{n} have gone quiet"),
            };
            line(
                format!("Your programme {title}: {n1} participants, {quiet}"),
                format!("/learning-log/{id}"),
                "See the cohort",
                at,
                When::Closes,
                now,
            )
        }
        "cc_preparing" if n2 == 0 => line(
            format!("Co-coaching on {title}: agree to the ground rules to take part"),
            format!("/co-coaching/{id}"),
            "Open",
            at,
            When::SessionOne,
            now,
        ),
        "cc_preparing" if n1 == 0 => line(
            format!("Co-coaching on {title}: write and submit your challenge cards"),
            format!("/co-coaching/{id}"),
            "Write my cards",
            at,
            When::SessionOne,
            now,
        ),
        "cc_preparing" => return None,
        "cc_cards_open" => line(
            format!("Co-coaching on {title}: every card is open"),
            format!("/co-coaching/{id}"),
            "See the cards",
            at,
            When::SessionOne,
            now,
        ),
        "cc_teamed" => match extra {
            Some(team) => line(
                format!("Co-coaching on {title}: your team's space"),
                format!("/co-coaching/{id}/teams/{team}"),
                "Open the team",
                at,
                When::SessionTwo,
                now,
            ),
            None => return None,
        },
        "cc_facilitating" => {
            let (what, href, action, when) = match extra.as_deref().and_then(Stage::parse) {
                Some(Stage::Preparing) => (
                    format!("{n2} of {n1} participants have submitted cards"),
                    format!("/co-coaching/{id}"),
                    "Open",
                    When::SessionOne,
                ),
                Some(Stage::CardsOpen) => (
                    "the cards are open: team them up".to_owned(),
                    format!("/co-coaching/{id}/teaming"),
                    "Team up",
                    When::SessionOne,
                ),
                _ => ("teams at work".to_owned(), format!("/co-coaching/{id}"), "Open", When::SessionTwo),
            };
            line(format!("Your engagement on {title}: {what}"), href, action, at, when, now)
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Millis = Millis(2_000_000_000_000);

    fn row(kind: &str, at: Option<i64>, n: (i64, i64, i64), extra: Option<&str>) -> NextStepRow {
        NextStepRow {
            kind: kind.into(),
            id: format!("{kind}-id"),
            title: format!("{kind} title"),
            at,
            n1: n.0,
            n2: n.1,
            n3: n.2,
            extra: extra.map(str::to_owned),
        }
    }

    #[test]
    fn late_things_lead_and_organisations_are_kept_apart() {
        let rows = vec![
            row("org", None, (4, 0, 0), Some("admin")),
            row("session_led", Some(NOW.plus(Millis::DAY).0), (0, 0, 0), None),
            row("action", Some(NOW.minus(2 * Millis::DAY).0), (0, 0, 0), None),
            row("action", None, (0, 0, 0), None),
            row("session_coached", Some(NOW.minus(3 * Millis::DAY).0), (0, 0, 0), None),
        ];
        let out = from_rows(rows, NOW);
        assert_eq!(out.orgs.len(), 1);
        assert_eq!(out.orgs[0].role, "admin");
        let texts: Vec<_> = out.steps.iter().map(|s| (s.text.as_str(), s.late)).collect();
        assert_eq!(
            texts,
            [
                ("Your session with session_coached title was planned: write up how it went, or move it", true),
                ("action title", true),
                ("Session with session_led title", false),
                ("action title", false),
            ]
        );
        assert_eq!(out.steps[2].calendar.as_deref(), Some("/journal/sessions/session_led-id/calendar.ics"));
    }

    #[test]
    fn lines_that_need_nothing_are_dropped() {
        let at = Some(NOW.plus(Millis::DAY).0);
        // Agreed and cards submitted: nothing to do before session one.
        assert!(step(row("cc_preparing", at, (1, 1, 0), None), NOW).is_none());
        // Teamed but in no team (their card was left out): no team space to open.
        assert!(step(row("cc_teamed", at, (1, 1, 0), None), NOW).is_none());
        assert!(step(row("something_new", at, (0, 0, 0), None), NOW).is_none());
        let cards = step(row("cc_preparing", at, (0, 1, 0), None), NOW).unwrap();
        assert_eq!(cards.action, "Write my cards");
        let agree = step(row("cc_preparing", at, (0, 0, 0), None), NOW).unwrap();
        assert!(agree.text.contains("agree to the ground rules"), "{}", agree.text);
    }

    #[test]
    fn each_stage_says_what_to_do_next() {
        let sealed = step(row("advice", Some(NOW.plus(Millis::DAY).0), (1, 3, 0), Some("collecting")), NOW).unwrap();
        assert!(sealed.text.ends_with("sealed: 1 of 3 experts have answered"), "{}", sealed.text);
        let log = step(row("log", Some(NOW.plus(Millis::DAY).0), (2, 5, 0), None), NOW).unwrap();
        assert!(log.text.contains("2 of 5 sessions held"), "{}", log.text);
        let cases = step(row("log", Some(NOW.plus(Millis::DAY).0), (5, 5, 0), None), NOW).unwrap();
        assert!(cases.text.contains("choose your best"), "{}", cases.text);
        let cohort = step(row("cohort", Some(NOW.plus(Millis::DAY).0), (6, 1, 0), None), NOW).unwrap();
        assert!(cohort.text.ends_with("6 participants, 1 has gone quiet"), "{}", cohort.text);
        let teaming = step(row("cc_facilitating", None, (8, 8, 0), Some("cards_open")), NOW).unwrap();
        assert_eq!(teaming.href, "/co-coaching/cc_facilitating-id/teaming");
    }
}
