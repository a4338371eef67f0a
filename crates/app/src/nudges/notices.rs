//! Nudges that an event raises rather than the clock finds: today a reply on a reflection. They
//! are recorded as nudges like every other kind (so they follow the person's choice, fold into
//! their digest, wait out their quiet hours and carry the unsubscribe link). The nudges job
//! delivers them on its next run, within a quarter of an hour for those who want them as they
//! happen (the default).

use super::find::Found;
use crate::App;
use crate::error::AppResult;
use coachkit_domain::nudge::{NudgeKind, Step};

impl App {
    /// Tells `user` of a reply (`reply_id`, written at `at`): `line` names who replied and where,
    /// never the reply's words.
    pub(crate) async fn notice_reply(
        &self,
        user: &str,
        reply_id: &str,
        at: i64,
        line: String,
        link_path: String,
    ) -> AppResult<()> {
        let now = coachkit_store::now_ms();
        let mut f = Found::new(user, NudgeKind::ReplyNotice, reply_id, at, Step::First, now);
        f.line = line;
        f.link_path = link_path;
        self.record_found(vec![f]).await?;
        Ok(())
    }
}
