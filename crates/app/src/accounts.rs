//! Signing up, signing in and out, sessions, passwords and password resets.

use crate::error::{AppError, AppResult};
use crate::{App, SignupMode, capabilities::random_secret, passwords};
use coachkit_domain::UserId;
use coachkit_domain::account::{DisplayName, Email, Handle, Password};
use coachkit_domain::capability::{Purpose, Secret};
use coachkit_domain::privacy::Viewer;
use coachkit_domain::text::FieldError;
use coachkit_domain::time::Millis;
use coachkit_store::{DbError, NewMail, NewUser, UserRow, now_ms};
use std::sync::Arc;

/// A signed-in person making a request, however they proved it (session cookie or API token).
#[derive(Clone, Debug)]
pub struct Actor {
    pub user: UserRow,
    /// Present when signed in by cookie: forms must carry this token.
    pub csrf_token: Option<String>,
    /// Hash of the session id, to sign out this session.
    pub session_hash: Option<String>,
}

impl Actor {
    pub fn id(&self) -> UserId {
        self.user.user_id()
    }
}

/// A new session: the secret goes into the cookie, nowhere else.
pub struct SignedIn {
    pub session_secret: Secret,
    pub user: UserRow,
}

/// Longest profile headline, in characters.
pub const HEADLINE_MAX: usize = 160;

const FAILED_LOGIN_WINDOW_MS: i64 = 15 * Millis::MINUTE;
const MAX_FAILED_PER_ACCOUNT: i64 = 5;
const MAX_FAILED_PER_ADDRESS: i64 = 20;
const RESET_LINK_TTL_MS: i64 = Millis::HOUR;

impl App {
    /// Creates an account and signs it in. In invite-only mode `invite` must be a live invitation.
    pub async fn sign_up(
        &self,
        email: &str,
        display_name: &str,
        password: &str,
        invite: Option<&str>,
    ) -> AppResult<SignedIn> {
        let mut errors = Vec::new();
        let email = Email::parse(email).map_err(|e| errors.push(e)).ok();
        let name = DisplayName::parse(display_name).map_err(|e| errors.push(e)).ok();
        let password = Password::parse_new(password).map_err(|e| errors.push(e)).ok();
        let (Some(email), Some(name), Some(password)) = (email, name, password) else {
            return Err(AppError::Invalid(errors));
        };
        if self.config.signup == SignupMode::InviteOnly {
            let ok = match invite {
                Some(secret) => self.resolve_link(secret, Purpose::RelationshipInvite).await.is_ok(),
                None => false,
            };
            if !ok {
                return Err(AppError::Forbidden("this instance is invite-only: open your invitation link to sign up"));
            }
        }
        let user = self.create_account(&email, &name, password, false).await?;
        self.start_session(user).await
    }

    /// Creates an account with a free handle derived from the name. Used by sign-up, the CLI and the demo.
    pub async fn create_account(
        &self,
        email: &Email,
        name: &DisplayName,
        password: Password,
        admin: bool,
    ) -> AppResult<UserRow> {
        if self.store.user_by_email(email.as_str()).await?.is_some() {
            return Err(FieldError::conflict("email", "already has an account; sign in instead").into());
        }
        let hash = passwords::hash(password, self.config.argon2_memory_kib).await?;
        let id = UserId::new();
        let base = Handle::suggest(name.as_str());
        // A handle is public and unique; add a number until one is free (bounded, then give up).
        for n in 0..50 {
            let handle = if n == 0 { base.clone() } else { format!("{base}-{}", n + 1) };
            let attempt = self
                .store
                .create_user(NewUser {
                    id: &id,
                    email: email.as_str(),
                    display_name: name.as_str(),
                    handle: &handle,
                    password_hash: &hash,
                    is_admin: admin,
                })
                .await;
            match attempt {
                Ok(()) => return self.store.user_by_id(&id).await?.ok_or(AppError::NotFound("account")),
                Err(DbError::Conflict) => {
                    if self.store.user_by_email(email.as_str()).await?.is_some() {
                        return Err(FieldError::conflict("email", "already has an account; sign in instead").into());
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Conflict("could not find a free handle for that name".into()))
    }

    /// Checks e-mail and password, with per-account and per-address limits on failures.
    pub async fn sign_in(&self, email: &str, password: &str, address: &str) -> AppResult<SignedIn> {
        const WRONG: &str = "that e-mail and password do not match an account";
        let email = Email::parse(email).map_err(|_| AppError::Unauthorized(WRONG))?;
        let password = Password::parse_attempt(password).map_err(|_| AppError::Unauthorized(WRONG))?;
        let since = now_ms() - FAILED_LOGIN_WINDOW_MS;
        let (by_email, by_address) = self.store.failed_logins_since(email.as_str(), address, since).await?;
        if by_email >= MAX_FAILED_PER_ACCOUNT || by_address >= MAX_FAILED_PER_ADDRESS {
            return Err(AppError::RateLimited { minutes: FAILED_LOGIN_WINDOW_MS / Millis::MINUTE });
        }
        let user = self.store.user_by_email(email.as_str()).await?;
        let stored = match &user {
            Some(u) => u.password_hash.clone(),
            None => passwords::dummy_hash(self.config.argon2_memory_kib).await?,
        };
        let matches = passwords::verify(password, stored).await?;
        let user = match user {
            Some(u) if matches && !u.is_disabled() => u,
            _ => {
                self.store.record_login_attempt(email.as_str(), address, false).await?;
                return Err(AppError::Unauthorized(WRONG));
            }
        };
        self.store.record_login_attempt(email.as_str(), address, true).await?;
        self.start_session(user).await
    }

    /// A brand-new session id every time: a session id known before sign-in is never reused.
    pub(crate) async fn start_session(&self, user: UserRow) -> AppResult<SignedIn> {
        let secret = random_secret();
        let csrf = random_secret();
        let expires = now_ms() + self.config.session_ttl_hours * Millis::HOUR;
        self.store.create_session(&secret.hash(), &user.user_id(), &csrf.hash(), expires).await?;
        self.store.mark_active(&user.user_id()).await?;
        Ok(SignedIn { session_secret: secret, user })
    }

    /// The person behind a session cookie, sliding its expiry at most every ten minutes.
    pub async fn actor_from_session(&self, presented: &str) -> AppResult<Option<Actor>> {
        Ok(self.shared_actor_from_session(presented).await?.map(|a| (*a).clone()))
    }

    /// [`App::actor_from_session`] as the auth cache keeps it: the web layer hands this one
    /// value to every layer and extractor of a request instead of copying the person each time.
    pub async fn shared_actor_from_session(&self, presented: &str) -> AppResult<Option<Arc<Actor>>> {
        let Some(secret) = Secret::presented(presented) else { return Ok(None) };
        let hash = secret.hash();
        let key = format!("s:{hash}");
        if let Some(actor) = self.auth_cache.get(&key) {
            return Ok(Some(actor));
        }
        let Some(session) = self.store.live_session(&hash).await? else { return Ok(None) };
        if now_ms() - session.last_seen_at > 10 * Millis::MINUTE {
            let expires = now_ms() + self.config.session_ttl_hours * Millis::HOUR;
            self.store.touch_session(&hash, expires).await?;
        }
        let actor =
            Arc::new(Actor { user: session.user, csrf_token: Some(session.csrf_token), session_hash: Some(hash) });
        self.auth_cache.put(key, actor.clone());
        Ok(Some(actor))
    }

    /// The person behind an API token.
    pub async fn actor_from_token(&self, presented: &str) -> AppResult<Option<Actor>> {
        Ok(self.shared_actor_from_token(presented).await?.map(|a| (*a).clone()))
    }

    /// [`App::actor_from_token`] as the auth cache keeps it (see [`App::shared_actor_from_session`]).
    pub async fn shared_actor_from_token(&self, presented: &str) -> AppResult<Option<Arc<Actor>>> {
        let Some(secret) = Secret::presented(presented) else { return Ok(None) };
        let key = format!("t:{}", secret.hash());
        if let Some(actor) = self.auth_cache.get(&key) {
            return Ok(Some(actor));
        }
        let actor = self
            .store
            .user_by_token(&secret.hash())
            .await?
            .map(|user| Arc::new(Actor { user, csrf_token: None, session_hash: None }));
        if let Some(a) = &actor {
            self.auth_cache.put(key, a.clone());
        }
        Ok(actor)
    }

    pub async fn sign_out(&self, actor: &Actor) -> AppResult<()> {
        if let Some(hash) = &actor.session_hash {
            self.store.delete_session(hash).await?;
            self.auth_cache.forget(&format!("s:{hash}"));
        }
        Ok(())
    }

    /// Changes the password after checking the current one; every other session is signed out.
    pub async fn change_password(&self, actor: &Actor, current: &str, new: &str) -> AppResult<()> {
        let new = Password::parse_new(new)?;
        let current =
            Password::parse_attempt(current).map_err(|_| AppError::field("current_password", "is not correct"))?;
        if !passwords::verify(current, actor.user.password_hash.clone()).await? {
            return Err(AppError::field("current_password", "is not correct"));
        }
        let hash = passwords::hash(new, self.config.argon2_memory_kib).await?;
        self.store.set_password_hash(&actor.id(), &hash, actor.session_hash.as_deref()).await?;
        self.auth_cache.forget_user(&actor.user.id);
        Ok(())
    }

    /// Mails a single-use reset link if the address has an account. The answer is the same either
    /// way, so the form cannot be used to find out who has an account.
    pub async fn request_password_reset(&self, email: &str) -> AppResult<()> {
        let Ok(email) = Email::parse(email) else { return Ok(()) };
        let Some(user) = self.store.user_by_email(email.as_str()).await? else { return Ok(()) };
        if user.is_disabled() {
            return Ok(());
        }
        let link = self.issue_link(Purpose::PasswordReset, &user.id, None, RESET_LINK_TTL_MS).await?;
        let url = self.link_url("/reset/", &link);
        let body = format!(
            "Hello {},\n\nSomeone (we hope you) asked to set a new password for your coachkit account.\n\
             Open this link within an hour to choose one:\n\n{url}\n\n\
             If it was not you, ignore this message: your password stays as it is.\n",
            user.display_name
        );
        self.store
            .enqueue_mail(NewMail { to: &user.email, subject: "Set a new coachkit password", body: &body })
            .await?;
        Ok(())
    }

    /// Sets a new password through a reset link. The link works once; all sessions end.
    pub async fn reset_password(&self, presented: &str, new: &str) -> AppResult<()> {
        let new = Password::parse_new(new)?;
        let link = self.resolve_link(presented, Purpose::PasswordReset).await?;
        let cap = coachkit_domain::CapabilityId::from_trusted(link.id.clone());
        if !self.store.use_capability(&cap).await? {
            return Err(AppError::NotFound("link"));
        }
        let hash = passwords::hash(new, self.config.argon2_memory_kib).await?;
        self.store.set_password_hash(&UserId::from_trusted(link.target_id.clone()), &hash, None).await?;
        self.auth_cache.forget_user(&link.target_id);
        Ok(())
    }

    /// Updates the name and headline others see.
    pub async fn update_profile(&self, actor: &Actor, display_name: &str, headline: &str) -> AppResult<UserRow> {
        let mut errors = Vec::new();
        let name = DisplayName::parse(display_name).map_err(|e| errors.push(e)).ok();
        let headline = coachkit_domain::text::optional_bounded("headline", headline, HEADLINE_MAX)
            .map_err(|e| errors.push(e))
            .ok();
        let (Some(name), Some(headline)) = (name, headline) else { return Err(AppError::Invalid(errors)) };
        let user = self
            .store
            .update_profile(&actor.id(), name.as_str(), headline.as_deref())
            .await?
            .ok_or(AppError::NotFound("account"))?;
        self.auth_cache.forget_user(&actor.user.id);
        Ok(user)
    }

    /// The viewer as the privacy policy sees a signed-in actor.
    pub async fn viewer(&self, actor: &Actor) -> AppResult<Viewer> {
        Ok(Viewer::Member(self.store.member_facts(&actor.user).await?))
    }
}
