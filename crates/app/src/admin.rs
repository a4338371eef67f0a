//! What the instance admin does: accounts and the outbox. Never anyone's notes.

use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::UserId;
use coachkit_domain::privacy::{self, Member, Viewer};
use coachkit_store::{MailRow, OrgRow, UserRow};

impl App {
    pub(crate) fn require_admin(actor: &Actor) -> AppResult<()> {
        let viewer = Viewer::Member(Member { instance_admin: actor.user.is_admin(), ..Member::alone(actor.id()) });
        if privacy::can_administer(&viewer) {
            Ok(())
        } else {
            Err(AppError::Forbidden("this page is for the instance admin"))
        }
    }

    pub async fn admin_users(&self, actor: &Actor, limit: i64, offset: i64) -> AppResult<(Vec<UserRow>, i64)> {
        Self::require_admin(actor)?;
        Ok((self.store.list_users(limit, offset).await?, self.store.count_users().await?))
    }

    pub async fn admin_orgs(&self, actor: &Actor) -> AppResult<Vec<OrgRow>> {
        Self::require_admin(actor)?;
        Ok(self.store.list_orgs().await?)
    }

    pub async fn admin_outbox(&self, actor: &Actor) -> AppResult<Vec<MailRow>> {
        Self::require_admin(actor)?;
        Ok(self.store.recent_mail(100).await?)
    }

    /// Disables or re-enables an account. An admin cannot disable themselves (and lock everyone out).
    pub async fn admin_set_disabled(&self, actor: &Actor, user: &UserId, disabled: bool) -> AppResult<()> {
        Self::require_admin(actor)?;
        if disabled && *user == actor.id() {
            return Err(AppError::Conflict("you cannot disable your own account".into()));
        }
        let found = self.store.set_user_disabled(user, disabled).await?;
        self.auth_cache.forget_user(user.as_str());
        if found { Ok(()) } else { Err(AppError::NotFound("account")) }
    }
}
