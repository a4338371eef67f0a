//! Finding the later practices' silences, through the same machinery as the journal's: a learning
//! log whose window closes soon, co-coaching cards not yet submitted before session one, a team
//! whose shared space went quiet, and experts silent past their date (told to the leader). Each escalates to the facilitator, who hears counts and
//! dates only (what the cohort and teaming pages show them), never anyone's words.

use super::find::{DAY, Found, WEEK, ZoneCache};
use crate::App;
use crate::error::AppResult;
use coachkit_domain::nudge::{Escalation, NudgeKind, Step};
use coachkit_domain::time::{Millis, day_label};
use std::collections::BTreeMap;

/// Window closing: a week before the end, two days before, then a day before the facilitators.
const WINDOW: Escalation = Escalation { first: 0, second: 5 * DAY, other: Some(6 * DAY) };
/// Cards due: five days before session one, two days before, then a day before the facilitator.
const CARDS: Escalation = Escalation { first: 0, second: 3 * DAY, other: Some(4 * DAY) };
/// A quiet team: a week, two weeks, then after three the facilitator.
const TEAM: Escalation = Escalation { first: WEEK, second: 2 * WEEK, other: Some(3 * WEEK) };

fn people(n: usize) -> String {
    if n == 1 { "One person has".into() } else { format!("{n} people have") }
}

impl App {
    pub(super) async fn find_practice_nudges(&self, now: i64, found: &mut Vec<Found>) -> AppResult<()> {
        let mut zones = ZoneCache::default();
        self.find_window_closing(now, found, &mut zones).await?;
        self.find_cards_due(now, found, &mut zones).await?;
        self.find_quiet_teams(now, found).await?;
        self.find_experts_silent(now, found).await?;
        Ok(())
    }

    /// The end of the experts' escalation: they had up to three reminders of their own
    /// (`experts`: they have no account) before their date; a day after it, the leader hears how many
    /// are still silent, never what anyone wrote (advice is sealed until all have answered).
    async fn find_experts_silent(&self, now: i64, found: &mut Vec<Found>) -> AppResult<()> {
        for r in self.store.experts_silent(now - DAY).await? {
            let mut f =
                Found::new(&r.owner_id, NudgeKind::ExpertsSilent, &r.request_id, r.last_by, Step::OtherParty, now);
            let who = if r.silent == 1 {
                "One of the experts you asked".to_owned()
            } else {
                format!("{} of the experts you asked", r.silent)
            };
            f.line = format!(
                "{who} about “{}” have not answered, and the date you gave has passed. You can give more time, ask someone else or go on without them.",
                r.capability
            );
            if r.silent == 1 {
                f.line = f.line.replacen(" have not answered", " has not answered", 1);
            }
            f.link_path = format!("/advice/{}", r.request_id);
            found.push(f);
        }
        Ok(())
    }

    async fn find_window_closing(&self, now: i64, found: &mut Vec<Found>, zones: &mut ZoneCache) -> AppResult<()> {
        let logs = self.store.unfinished_logs_closing(now, now + 7 * DAY).await?;
        let mut unfinished: BTreeMap<&str, (usize, &str, i64)> = BTreeMap::new();
        for l in &logs {
            let start = l.ends_at - 7 * DAY;
            let elapsed = now - start;
            let entry = unfinished.entry(l.programme_id.as_str()).or_insert((0, &l.programme_name, l.ends_at));
            entry.0 += 1;
            let Some(step) = WINDOW.own_step(elapsed) else { continue };
            let zone = zones.of(self, &l.user_id).await?;
            let closes = zone.date_time(Millis(l.ends_at));
            let mut f = Found::new(&l.user_id, NudgeKind::WindowClosing, &l.programme_id, l.ends_at, step, now);
            f.line = match step {
                Step::First => format!(
                    "The window of “{}” closes in a week ({closes}). There is still time to finish your learning log.",
                    l.programme_name
                ),
                _ => format!(
                    "Two days left in “{}” (it closes {closes}). Whatever you write now still counts.",
                    l.programme_name
                ),
            };
            f.link_path = format!("/learning-log/{}/log", l.programme_id);
            f.expires_at = Some(l.ends_at);
            found.push(f);
        }
        for fac in self.store.facilitators_of_closing(now, now + 7 * DAY).await? {
            let Some(&(count, name, ends_at)) = unfinished.get(fac.programme_id.as_str()) else { continue };
            if !WINDOW.tells_other(now - (ends_at - 7 * DAY)) {
                continue;
            }
            let mut f =
                Found::new(&fac.user_id, NudgeKind::WindowClosing, &fac.programme_id, ends_at, Step::OtherParty, now);
            f.line = format!(
                "{} not finished their learning log in “{name}”, and its window closes on {}. They have had a reminder; a word from you may help.",
                people(count),
                day_label(Millis(ends_at))
            );
            f.link_path = format!("/learning-log/{}", fac.programme_id);
            f.expires_at = Some(ends_at);
            f.escalation = Some(WINDOW);
            found.push(f);
        }
        Ok(())
    }

    async fn find_cards_due(&self, now: i64, found: &mut Vec<Found>, zones: &mut ZoneCache) -> AppResult<()> {
        let missing = self.store.cards_missing(now, now + 5 * DAY).await?;
        let mut per_engagement: BTreeMap<&str, (usize, &str, &str, i64)> = BTreeMap::new();
        for m in &missing {
            let elapsed = now - (m.session_one_at - 5 * DAY);
            let entry = per_engagement.entry(m.engagement_id.as_str()).or_insert((
                0,
                &m.common_area,
                &m.facilitator_id,
                m.session_one_at,
            ));
            entry.0 += 1;
            let Some(step) = CARDS.own_step(elapsed) else { continue };
            let zone = zones.of(self, &m.user_id).await?;
            let when = zone.date_time(Millis(m.session_one_at));
            let mut f = Found::new(&m.user_id, NudgeKind::CardsDue, &m.engagement_id, m.session_one_at, step, now);
            f.line = match step {
                Step::First => format!(
                    "Session one on “{}” is on {when}. One or two challenge cards are enough: what it is, why it matters, what success would look like.",
                    m.common_area
                ),
                _ => format!(
                    "Session one on “{}” is in two days ({when}), and your challenge card is not in yet. A short one is fine.",
                    m.common_area
                ),
            };
            f.link_path = format!("/co-coaching/{}", m.engagement_id);
            f.expires_at = Some(m.session_one_at);
            found.push(f);
        }
        for (engagement, (count, area, facilitator, at)) in per_engagement {
            if !CARDS.tells_other(now - (at - 5 * DAY)) {
                continue;
            }
            let mut f = Found::new(facilitator, NudgeKind::CardsDue, engagement, at, Step::OtherParty, now);
            f.line = format!(
                "{} not submitted a challenge card for “{area}”, and session one is tomorrow. They have had a reminder.",
                people(count)
            );
            f.link_path = format!("/co-coaching/{engagement}");
            f.expires_at = Some(at);
            f.escalation = Some(CARDS);
            found.push(f);
        }
        Ok(())
    }

    async fn find_quiet_teams(&self, now: i64, found: &mut Vec<Found>) -> AppResult<()> {
        let members = self.store.quiet_team_members(now - WEEK, now).await?;
        let mut teams: BTreeMap<&str, &coachkit_store::nudge_facts::QuietTeamMember> = BTreeMap::new();
        for m in &members {
            teams.insert(m.team_id.as_str(), m);
            let Some(step) = TEAM.own_step(now - m.last_at) else { continue };
            let mut f = Found::new(&m.user_id, NudgeKind::TeamQuiet, &m.team_id, m.last_at, step, now);
            f.line = match step {
                Step::First => format!(
                    "Nothing new in your team's space on “{}” for a week. What moved, even a little? A short check-in helps everyone see where you are.",
                    m.common_area
                ),
                _ => format!(
                    "Your team's space on “{}” has been quiet for two weeks. One line is enough to pick it up again.",
                    m.common_area
                ),
            };
            f.link_path = format!("/co-coaching/{}/teams/{}", m.engagement_id, m.team_id);
            f.expires_at = Some(m.session_two_at);
            found.push(f);
        }
        for (team, m) in teams {
            if !TEAM.tells_other(now - m.last_at) {
                continue;
            }
            let mut f = Found::new(&m.facilitator_id, NudgeKind::TeamQuiet, team, m.last_at, Step::OtherParty, now);
            f.line = format!(
                "A team on “{}” has written nothing in its space for three weeks, after a reminder to its members. A comment from you may help.",
                m.common_area
            );
            f.link_path = format!("/co-coaching/{}/teams/{team}", m.engagement_id);
            f.expires_at = Some(m.session_two_at);
            f.escalation = Some(TEAM);
            found.push(f);
        }
        Ok(())
    }
}
