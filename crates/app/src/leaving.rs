//! Leaving: deleting an account, asked for by its owner (Settings or the API), by the instance
//! admin on the person's request (admin page or API), or by the operator (`coachkit user delete`).
//! All three come here; the store deletes in one transaction (`Store::delete_account`).

use crate::error::{AppError, AppResult};
use crate::{Actor, App, capabilities::random_secret, passwords};
use coachkit_domain::UserId;
use coachkit_domain::account::Password;
use coachkit_store::leaving::Emptied;

/// Who asks for the deletion.
pub enum Leaver<'a> {
    /// The person themselves, signed in.
    Themselves(&'a Actor),
    /// The instance admin, on the person's request. They read nothing of the account.
    Admin(&'a Actor),
    /// Whoever runs the server, from its command line.
    Operator,
}

impl App {
    /// Deletes `target` after `typed_email` (what the asker typed to confirm) matched its e-mail.
    /// A wrong or missing confirmation deletes nothing.
    pub async fn delete_account(&self, by: Leaver<'_>, target: &UserId, typed_email: &str) -> AppResult<()> {
        match by {
            Leaver::Themselves(actor) if actor.id() != *target => return Err(AppError::NotFound("account")),
            Leaver::Admin(actor) => {
                Self::require_admin(actor)?;
                if actor.id() == *target {
                    return Err(AppError::Conflict(
                        "to delete your own account, use Settings: it offers your export first".into(),
                    ));
                }
            }
            _ => {}
        }
        let user = self.store.live_user_by_id(target).await?.ok_or(AppError::NotFound("account"))?;
        let typed = typed_email.trim();
        if typed.is_empty() {
            return Err(AppError::field("confirm_email", "is needed: type the account's e-mail to confirm"));
        }
        if !typed.eq_ignore_ascii_case(&user.email) {
            return Err(AppError::field("confirm_email", "does not match the account's e-mail; nothing was deleted"));
        }
        if user.is_admin() && self.store.count_live_admins().await? <= 1 {
            return Err(AppError::Conflict(
                "this is the instance's only admin account: make someone else admin first".into(),
            ));
        }
        // A password nobody knows, hashed like any other, so the emptied row still reads as an
        // account and a sign-in attempt against it fails the ordinary way.
        let unknowable = Password::parse_new(random_secret().expose())?;
        let hash = passwords::hash(unknowable, self.config.argon2_memory_kib).await?;
        if !self.store.delete_account(target, Emptied { password_hash: &hash }).await? {
            return Err(AppError::NotFound("account"));
        }
        // This instance stops honouring their sessions and tokens now; the rows are gone for all.
        self.auth_cache.forget_user(target.as_str());
        Ok(())
    }
}
