//! Finding silences. Each kind reads its facts in one query and records a nudge per person and
//! step; the unique key makes a second finding (a rerun, another instance) add nothing. Lines are
//! written in the recipient's time zone, as they will read them. The journal's kinds are here;
//! the later practices' kinds (learning log, co-coaching) are in `find_practices`, and the
//! reminders to experts, who have no account, in `experts`.
//!
//! Escalation follows [`Escalation`]: the person's own latest step only (a late run never sends a
//! burst), and the other party's step recorded after the person's own, held back by the grace.

use crate::App;
use crate::error::AppResult;
use coachkit_domain::nudge::{Escalation, NudgeKind, Step};
use coachkit_domain::time::{Millis, Zone, day_label};
use coachkit_store::nudges::NewNudge;
use std::collections::HashMap;

pub(super) const DAY: i64 = Millis::DAY;
pub(super) const WEEK: i64 = 7 * DAY;

/// One nudge about to be recorded.
pub(super) struct Found {
    pub user_id: String,
    pub kind: NudgeKind,
    pub subject_id: String,
    pub occasion: i64,
    pub step: Step,
    pub line: String,
    pub link_path: String,
    pub extra_path: Option<String>,
    pub due_at: i64,
    pub expires_at: Option<i64>,
    /// For the other party's step: the timetable whose grace holds it back after the person's
    /// own latest nudge.
    pub escalation: Option<Escalation>,
}

impl Found {
    /// A nudge due at `now`, with no line, link or expiry yet, and no escalation to someone else.
    pub fn new(user_id: &str, kind: NudgeKind, subject_id: &str, occasion: i64, step: Step, now: i64) -> Self {
        Self {
            user_id: user_id.to_owned(),
            kind,
            subject_id: subject_id.to_owned(),
            occasion,
            step,
            line: String::new(),
            link_path: String::new(),
            extra_path: None,
            due_at: now,
            expires_at: None,
            escalation: None,
        }
    }
}

pub(super) fn excerpt(s: &str, n: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>().trim_end())
    }
}

impl App {
    /// Records every nudge that `now` calls for; returns how many were new.
    pub(crate) async fn find_nudges(&self, now: i64) -> AppResult<usize> {
        let mut found = Vec::new();
        let mut zones = ZoneCache::default();

        // A day before a session, both parties, with its calendar file.
        for s in self.store.sessions_starting(now, now + DAY).await? {
            for (me, other) in [(&s.leader_id, &s.coach_name), (&s.coach_id, &s.leader_name)] {
                let zone = zones.of(self, me).await?;
                found.push(Found {
                    user_id: me.clone(),
                    kind: NudgeKind::SessionReminder,
                    subject_id: s.session_id.clone(),
                    occasion: s.starts_at,
                    step: Step::First,
                    line: format!("Your session with {other} is at {}.", zone.date_time(Millis(s.starts_at))),
                    link_path: format!("/journal/sessions/{}", s.session_id),
                    extra_path: Some(format!("/journal/sessions/{}/calendar.ics", s.session_id)),
                    due_at: now,
                    expires_at: Some(s.starts_at),
                    escalation: None,
                });
            }
        }

        // Actions past their date: on the day after, then a week later. Only their owner hears:
        // an action may be private, so nobody else is told.
        for a in self.store.actions_overdue(now - DAY).await? {
            let ladder = Escalation { first: DAY, second: WEEK + DAY, other: None };
            let Some(step) = ladder.own_step(now - a.due_at) else { continue };
            let what = excerpt(&a.text, 80);
            let line = match step {
                Step::First => format!("“{what}” was due on {}.", day_label(Millis(a.due_at))),
                _ => format!(
                    "“{what}” is still open, a week after its date. Done, dropped or a new date all count as an answer."
                ),
            };
            found.push(Found {
                user_id: a.owner_id.clone(),
                kind: NudgeKind::ActionOverdue,
                subject_id: a.action_id.clone(),
                occasion: a.due_at,
                step,
                line,
                link_path: "/journal/actions".into(),
                extra_path: None,
                due_at: now,
                expires_at: None,
                escalation: None,
            });
        }

        // Invitations: the invitee after 3 and 7 days; after 10 the person who invited hears.
        let ladder = Escalation { first: 3 * DAY, second: 7 * DAY, other: Some(10 * DAY) };
        for i in self.store.invitations_waiting(now - 3 * DAY).await? {
            let elapsed = now - i.created_at;
            let link = format!("/relationships/{}", i.relationship_id);
            let mut steps = Vec::new();
            match ladder.own_step(elapsed) {
                Some(Step::First) => steps.push((
                    &i.coach_id,
                    Step::First,
                    format!(
                        "{} asked you three days ago to work with them. Yes or no, an answer helps them plan.",
                        i.leader_name
                    ),
                )),
                Some(_) => steps.push((
                    &i.coach_id,
                    Step::Second,
                    format!("{}'s invitation has waited a week for your answer.", i.leader_name),
                )),
                None => {}
            }
            if ladder.tells_other(elapsed) {
                steps.push((
                    &i.leader_id,
                    Step::OtherParty,
                    format!(
                        "{} has not answered your invitation in ten days. A personal word may help, or you can withdraw it.",
                        i.coach_name
                    ),
                ));
            }
            for (to, step, line) in steps {
                let mut f =
                    Found::new(to, NudgeKind::InvitationUnanswered, &i.relationship_id, i.created_at, step, now);
                f.line = line;
                f.link_path = link.clone();
                f.escalation = (step == Step::OtherParty).then_some(ladder);
                found.push(f);
            }
        }

        // Relationships without a session: the leader after the configured weeks and a week
        // later; a week after that the coach is told.
        let weeks = self.config.quiet_weeks.clamp(1, 52);
        let first = weeks * WEEK;
        let ladder = Escalation { first, second: first + WEEK, other: Some(first + 2 * WEEK) };
        for r in self.store.quiet_relationships(now - first).await? {
            let elapsed = now - r.last_at;
            let mut steps = Vec::new();
            match ladder.own_step(elapsed) {
                Some(Step::First) => steps.push((
                    &r.leader_id,
                    Step::First,
                    format!("No session with {} for {weeks} weeks. Is it time to plan the next one?", r.coach_name),
                )),
                Some(_) => steps.push((
                    &r.leader_id,
                    Step::Second,
                    format!("Still no session with {} after {} weeks.", r.coach_name, weeks + 1),
                )),
                None => {}
            }
            if ladder.tells_other(elapsed) {
                let since = (elapsed / WEEK).max(weeks + 2);
                steps.push((
                    &r.coach_id,
                    Step::OtherParty,
                    format!(
                        "You and {} have not met for {since} weeks, and they have had a reminder. A short note from you may help.",
                        r.leader_name
                    ),
                ));
            }
            for (to, step, line) in steps {
                let mut f = Found::new(to, NudgeKind::RelationshipQuiet, &r.relationship_id, r.last_at, step, now);
                f.line = line;
                f.link_path = format!("/relationships/{}", r.relationship_id);
                f.escalation = (step == Step::OtherParty).then_some(ladder);
                found.push(f);
            }
        }

        self.find_practice_nudges(now, &mut found).await?;
        let people = self.record_found(found).await?;
        Ok(people + self.find_expert_reminders(now).await?)
    }

    /// Records what was found: each person's own steps first, then the steps that tell someone
    /// else, each held back until the grace after the person's own latest nudge has passed.
    pub(super) async fn record_found(&self, found: Vec<Found>) -> AppResult<usize> {
        let (own, others): (Vec<Found>, Vec<Found>) = found.into_iter().partition(|f| f.escalation.is_none());
        let mut new = 0;
        for mut f in own.into_iter().chain(others) {
            if let Some(ladder) = f.escalation {
                let latest = self.store.latest_own_nudge(f.kind.as_str(), &f.subject_id, f.occasion).await?;
                f.due_at = ladder.other_due_at(f.due_at, latest);
            }
            new += usize::from(self.record_one(&f).await?);
        }
        Ok(new)
    }

    async fn record_one(&self, f: &Found) -> AppResult<bool> {
        Ok(self
            .store
            .record_nudge(NewNudge {
                user_id: &f.user_id,
                kind: f.kind.as_str(),
                subject_id: &f.subject_id,
                occasion: f.occasion,
                step: f.step.number(),
                line: &f.line,
                link_path: &f.link_path,
                extra_path: f.extra_path.as_deref(),
                due_at: f.due_at,
                expires_at: f.expires_at,
            })
            .await?)
    }
}
/// Each recipient's zone, read once per run.
#[derive(Default)]
pub(super) struct ZoneCache(HashMap<String, Zone>);

impl ZoneCache {
    pub async fn of(&mut self, app: &App, user: &str) -> AppResult<Zone> {
        if let Some(z) = self.0.get(user) {
            return Ok(z.clone());
        }
        let id = coachkit_domain::UserId::from_trusted(user.to_owned());
        let zone = app.store.user_by_id(&id).await?.map(|u| u.zone()).unwrap_or_else(Zone::utc);
        self.0.insert(user.to_owned(), zone.clone());
        Ok(zone)
    }
}
