//! The two sessions' calendar files, through the journal's calendar writer: the sequence rises
//! whenever a date moves, and session two's file says CANCEL once it is cancelled.

use super::not_found;
use crate::error::AppResult;
use crate::journal::calendar::{Event, ics_revision};
use crate::{Actor, App};
use coachkit_domain::co_coaching::Stage;
use coachkit_store::now_ms;

/// Sessions last half a day: the method's first session covers four agenda items.
const SESSION_MINUTES: i64 = 180;

impl App {
    /// Session `n`'s (1 or 2) calendar file for someone who may see the engagement.
    pub async fn engagement_ics(&self, actor: &Actor, engagement: &str, n: u8) -> AppResult<String> {
        let ctx = self.engagement_ctx(actor, engagement).await?;
        let e = &ctx.e;
        let (at, place, agenda) = match n {
            1 => (e.session_one_at, &e.session_one_place, &e.session_one_agenda),
            2 => (e.session_two_at, &e.session_two_place, &e.session_two_agenda),
            _ => return Err(not_found()),
        };
        let summary = format!("Co-coaching session {n}: {}", e.common_area);
        let description = format!("{} and {}\n{place}\n\n{agenda}", e.org_a_name, e.org_b_name);
        let uid = format!("{}-session-{n}", e.id);
        let event = Event {
            uid: &uid,
            starts_at_ms: at,
            duration_minutes: SESSION_MINUTES,
            summary: &summary,
            description: &description,
            stamp_ms: now_ms(),
            zone: &actor.user.zone(),
        };
        let cancelled = n == 2 && ctx.stage() == Stage::Cancelled;
        Ok(ics_revision(&event, e.ics_sequence, cancelled))
    }
}
