//! Personal API tokens for scripts and the API.

use crate::error::{AppError, AppResult};
use crate::{Actor, App, capabilities::random_secret};
use coachkit_domain::capability::Secret;
use coachkit_domain::text::bounded;
use coachkit_domain::{TokenId, UserId};
use coachkit_store::TokenRow;

/// Longest token name, in characters.
pub const TOKEN_NAME_MAX: usize = 80;

impl App {
    /// Creates a token; the secret is returned once and only its hash is kept.
    pub async fn create_token(&self, user: &UserId, name: &str) -> AppResult<(TokenId, Secret)> {
        let name = bounded("name", name, TOKEN_NAME_MAX)?;
        let id = TokenId::new();
        let secret = random_secret();
        self.store.create_token(&id, user, &name, &secret.hash()).await?;
        Ok((id, secret))
    }

    pub async fn tokens(&self, actor: &Actor) -> AppResult<Vec<TokenRow>> {
        Ok(self.store.list_tokens(&actor.id()).await?)
    }

    pub async fn revoke_token(&self, user: &UserId, id: &TokenId) -> AppResult<()> {
        let revoked = self.store.revoke_token(user, id).await?;
        // The cache is keyed by the token's hash, unknown here: forget all of the person's entries.
        self.auth_cache.forget_user(user.as_str());
        if revoked { Ok(()) } else { Err(AppError::NotFound("token")) }
    }
}
