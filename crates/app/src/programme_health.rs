//! The programme health view: for each learning-log programme and co-coaching engagement the
//! person facilitates or whose organisation they admin, counts and who is quiet, with the place to
//! act. Never a word anyone wrote: the store reads only names, counts and dates, and the policy
//! (`can_see_programme_health`) is asked about every programme before it is shown. Mentoring is
//! not here: an advice request belongs to its leader alone, no facilitator or organisation runs it.

use crate::error::{AppError, AppResult};
use crate::learning_log::progress_facts;
use crate::{Actor, App};
use coachkit_domain::ProgrammeId;
use coachkit_domain::co_coaching::Stage;
use coachkit_domain::learning_log::{Progress, Window};
use coachkit_domain::privacy;
use coachkit_domain::programme_health::{
    EngagementFacts, Outstanding, engagement_outstanding, learning_log_outstanding,
};
use coachkit_domain::time::Millis;
use coachkit_store::now_ms;
use serde::Serialize;
use utoipa::ToSchema;

/// Everything the viewer may see the health of.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct HealthPage {
    pub learning_logs: Vec<LearningLogHealth>,
    pub engagements: Vec<EngagementHealth>,
}

/// Someone who has gone quiet, and what is outstanding for them.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct QuietPerson {
    pub name: String,
    /// Their last time on coachkit; absent if they never signed in (or were invited and never came).
    pub last_here_at: Option<i64>,
    pub outstanding: Outstanding,
    /// The same in words: "no session logged for 3 weeks".
    pub outstanding_text: String,
}

/// One learning-log programme's health.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct LearningLogHealth {
    pub id: String,
    pub name: String,
    pub organisation: Option<String>,
    pub starts_at: i64,
    /// The window's last day, as the learning log's own pages name it (`ProgrammeSummary`).
    pub last_day_at: i64,
    pub days_left: i64,
    /// The viewer facilitates it (and so may open its cohort page).
    pub facilitates: bool,
    /// Where to act on it (the cohort page), for its facilitators; absent for an organisation's
    /// admin who does not run it.
    pub act_url: Option<String>,
    pub joined: i64,
    /// Mailed invitations not taken up yet.
    pub invited: i64,
    /// Logs with at least one session planned.
    pub logs_started: i64,
    /// Logs with every answer written and the coach-the-coach session booked.
    pub logs_finished: i64,
    /// Sessions held inside the programme's window, by everyone.
    pub sessions_in_window: i64,
    pub quiet: Vec<QuietPerson>,
}

/// One co-coaching engagement's health.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EngagementHealth {
    pub id: String,
    pub common_area: String,
    pub organisations: [String; 2],
    pub stage: String,
    pub session_one_at: i64,
    pub session_two_at: i64,
    pub facilitates: bool,
    /// The engagement's page, for its facilitator.
    pub act_url: Option<String>,
    pub invited: i64,
    pub joined: i64,
    pub cards_submitted: i64,
    pub teams: i64,
    pub actions: i64,
    pub actions_done: i64,
    pub value_records: i64,
    pub quiet: Vec<QuietPerson>,
}

impl HealthPage {
    pub fn is_empty(&self) -> bool {
        self.learning_logs.is_empty() && self.engagements.is_empty()
    }
    /// How many people are quiet across everything shown.
    pub fn quiet_count(&self) -> usize {
        self.learning_logs.iter().map(|p| p.quiet.len()).sum::<usize>()
            + self.engagements.iter().map(|e| e.quiet.len()).sum::<usize>()
    }
}

fn quiet_person(name: String, last_here_at: Option<i64>, outstanding: Outstanding) -> QuietPerson {
    QuietPerson { name, last_here_at, outstanding_text: outstanding.sentence(), outstanding }
}

/// Longest away first: the person the facilitator should think of first.
fn by_absence(quiet: &mut [QuietPerson]) {
    quiet.sort_by_key(|q| q.last_here_at.unwrap_or(i64::MIN));
}

impl App {
    /// The health view. Six queries however many programmes and people: the viewer's facts for
    /// the policy, then programmes, their participants, engagements and their people. Someone
    /// who facilitates nothing and admins no organisation with a programme is refused (403).
    pub async fn programme_health(&self, actor: &Actor) -> AppResult<HealthPage> {
        let user = actor.user.id.as_str();
        let (viewer, programmes, participants, engagements, people) = tokio::try_join!(
            self.viewer(actor),
            async { Ok(self.store.health_programmes(user).await?) },
            async { Ok(self.store.health_participants(user).await?) },
            async { Ok(self.store.health_engagements(user).await?) },
            async { Ok(self.store.health_engagement_people(user).await?) },
        )?;
        let now = Millis(now_ms());
        let may_see = |id: &str, org_admin: i64| {
            privacy::can_see_programme_health(&viewer, &ProgrammeId::from_trusted(id.to_owned()), org_admin == 1)
        };

        let learning_logs = programmes
            .into_iter()
            .filter(|p| may_see(&p.id, p.org_admin))
            .map(|p| {
                let window = Window { starts_at: Millis(p.starts_at), weeks: p.weeks };
                let mut health = LearningLogHealth {
                    facilitates: p.facilitates == 1,
                    act_url: (p.facilitates == 1).then(|| format!("/learning-log/{}", p.id)),
                    last_day_at: window.ends_at().0 - Millis::DAY,
                    days_left: window.days_left(now),
                    starts_at: p.starts_at,
                    organisation: p.org_name,
                    invited: p.invited_open,
                    joined: 0,
                    logs_started: 0,
                    logs_finished: 0,
                    sessions_in_window: 0,
                    quiet: vec![],
                    name: p.name,
                    id: p.id,
                };
                for r in participants.iter().filter(|r| r.programme_id == health.id) {
                    let facts = progress_facts(&r.counts);
                    let progress = Progress::of(&facts, p.questions, window, now);
                    health.joined += 1;
                    health.logs_started += i64::from(r.counts.planned > 0);
                    health.logs_finished += i64::from(progress.ready);
                    health.sessions_in_window += r.counts.held_in_window;
                    if let Some(o) = learning_log_outstanding(&progress, r.last_held_on.map(Millis), now) {
                        health.quiet.push(quiet_person(r.display_name.clone(), r.last_here_at, o));
                    }
                }
                by_absence(&mut health.quiet);
                health
            })
            .collect();

        let engagements = engagements
            .into_iter()
            .filter(|e| may_see(&e.id, e.org_admin))
            .map(|e| {
                // A stage we cannot read shows no one as quiet rather than guessing.
                let stage = Stage::parse(&e.stage).unwrap_or(Stage::Cancelled);
                let mut quiet: Vec<QuietPerson> = people
                    .iter()
                    .filter(|p| p.engagement_id == e.id)
                    .filter_map(|p| {
                        let facts = EngagementFacts {
                            invited_at: Millis(p.invited_at),
                            joined: p.joined == 1,
                            cards_submitted: p.cards_submitted,
                            team_formed_at: p.team_formed_at.map(Millis),
                            last_team_entry_at: p.last_team_entry_at.map(Millis),
                        };
                        let o = engagement_outstanding(stage, &facts, now)?;
                        Some(quiet_person(p.name.clone(), p.last_here_at, o))
                    })
                    .collect();
                by_absence(&mut quiet);
                EngagementHealth {
                    facilitates: e.facilitates == 1,
                    act_url: (e.facilitates == 1).then(|| format!("/co-coaching/{}", e.id)),
                    organisations: [e.org_a, e.org_b],
                    common_area: e.common_area,
                    stage: e.stage,
                    session_one_at: e.session_one_at,
                    session_two_at: e.session_two_at,
                    invited: e.invited,
                    joined: e.joined,
                    cards_submitted: e.cards_submitted,
                    teams: e.teams,
                    actions: e.actions,
                    actions_done: e.actions_done,
                    value_records: e.value_records,
                    quiet,
                    id: e.id,
                }
            })
            .collect();

        let page = HealthPage { learning_logs, engagements };
        if page.is_empty() {
            return Err(AppError::Forbidden(
                "The programme health view is for the facilitators of a programme and the admins of its organisation.",
            ));
        }
        Ok(page)
    }
}
