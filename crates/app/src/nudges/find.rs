//! Finding silences. Each kind reads its facts in one query and records a nudge per person and
//! step; the unique key makes a second finding (a rerun, another instance) add nothing. Lines are
//! written in the recipient's time zone, as they will read them.

use crate::App;
use crate::error::AppResult;
use coachkit_domain::nudge::{NudgeKind, Step, step_reached};
use coachkit_domain::time::{Millis, Zone, day_label};
use coachkit_store::nudges::NewNudge;
use std::collections::HashMap;

const DAY: i64 = Millis::DAY;
const WEEK: i64 = 7 * DAY;

/// One nudge about to be recorded.
struct Found {
    user_id: String,
    kind: NudgeKind,
    subject_id: String,
    occasion: i64,
    step: Step,
    line: String,
    link_path: String,
    extra_path: Option<String>,
    due_at: i64,
    expires_at: Option<i64>,
}

fn excerpt(s: &str, n: usize) -> String {
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
                });
            }
        }

        // Actions past their date: on the day after, then a week later. Only their owner hears:
        // an action may be private, so nobody else is told.
        for a in self.store.actions_overdue(now - DAY).await? {
            let Some(step) = step_reached(now - a.due_at, DAY, WEEK + DAY, None) else { continue };
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
            });
        }

        // Invitations: the invitee after 3 and 7 days; after 10 the person who invited hears.
        for i in self.store.invitations_waiting(now - 3 * DAY).await? {
            let Some(step) = step_reached(now - i.created_at, 3 * DAY, 7 * DAY, Some(10 * DAY)) else { continue };
            let (to, line) = match step {
                Step::First => (
                    &i.coach_id,
                    format!(
                        "{} asked you three days ago to work with them. Yes or no, an answer helps them plan.",
                        i.leader_name
                    ),
                ),
                Step::Second => {
                    (&i.coach_id, format!("{}'s invitation has waited a week for your answer.", i.leader_name))
                }
                Step::OtherParty => (
                    &i.leader_id,
                    format!(
                        "{} has not answered your invitation in ten days. A personal word may help, or you can withdraw it.",
                        i.coach_name
                    ),
                ),
            };
            found.push(Found {
                user_id: to.clone(),
                kind: NudgeKind::InvitationUnanswered,
                subject_id: i.relationship_id.clone(),
                occasion: i.created_at,
                step,
                line,
                link_path: format!("/relationships/{}", i.relationship_id),
                extra_path: None,
                due_at: now,
                expires_at: None,
            });
        }

        // Relationships without a session: the leader after the configured weeks and a week
        // later; a week after that the coach is told.
        let weeks = self.config.quiet_weeks.clamp(1, 52);
        let first = weeks * WEEK;
        for r in self.store.quiet_relationships(now - first).await? {
            let Some(step) = step_reached(now - r.last_at, first, first + WEEK, Some(first + 2 * WEEK)) else {
                continue;
            };
            let (to, line) = match step {
                Step::First => (
                    &r.leader_id,
                    format!("No session with {} for {weeks} weeks. Is it time to plan the next one?", r.coach_name),
                ),
                Step::Second => {
                    (&r.leader_id, format!("Still no session with {} after {} weeks.", r.coach_name, weeks + 1))
                }
                Step::OtherParty => (
                    &r.coach_id,
                    format!(
                        "You and {} have not met for {} weeks, and they have had two reminders. A short note from you may help.",
                        r.leader_name,
                        weeks + 2
                    ),
                ),
            };
            found.push(Found {
                user_id: to.clone(),
                kind: NudgeKind::RelationshipQuiet,
                subject_id: r.relationship_id.clone(),
                occasion: r.last_at,
                step,
                line,
                link_path: format!("/relationships/{}", r.relationship_id),
                extra_path: None,
                due_at: now,
                expires_at: None,
            });
        }

        let mut new = 0;
        for f in &found {
            let recorded = self
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
                .await?;
            new += usize::from(recorded);
        }
        Ok(new)
    }
}

/// Each recipient's zone, read once per run.
#[derive(Default)]
struct ZoneCache(HashMap<String, Zone>);

impl ZoneCache {
    async fn of(&mut self, app: &App, user: &str) -> AppResult<Zone> {
        if let Some(z) = self.0.get(user) {
            return Ok(z.clone());
        }
        let id = coachkit_domain::UserId::from_trusted(user.to_owned());
        let zone = app.store.user_by_id(&id).await?.map(|u| u.zone()).unwrap_or_else(Zone::utc);
        self.0.insert(user.to_owned(), zone.clone());
        Ok(zone)
    }
}
