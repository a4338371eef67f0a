//! Issuing and resolving guest links (invitations, password resets, expert advice requests).

use crate::error::AppResult;
use crate::{App, AppError};
use coachkit_domain::capability::{Purpose, Secret};
use coachkit_domain::{CapabilityId, UserId};
use coachkit_store::{CapabilityRow, now_ms};
use rand::RngCore;

/// A freshly issued link. The secret exists only here and in the URL handed to its holder.
pub struct IssuedLink {
    pub id: CapabilityId,
    pub secret: Secret,
}

/// 256 bits from the operating system's generator.
pub(crate) fn random_secret() -> Secret {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    Secret::from_random_bytes(bytes)
}

impl App {
    /// Issues a link good for `purpose` on `target` for `ttl_ms`.
    pub async fn issue_link(
        &self,
        purpose: Purpose,
        target: &str,
        created_by: Option<&UserId>,
        ttl_ms: i64,
    ) -> AppResult<IssuedLink> {
        let id = CapabilityId::new();
        let secret = random_secret();
        self.store
            .create_capability(&id, purpose.as_str(), target, &secret.hash(), created_by, now_ms() + ttl_ms)
            .await?;
        Ok(IssuedLink { id, secret })
    }

    /// The live link behind a presented secret, for exactly this purpose. An unknown, expired,
    /// revoked or used link, or one for another purpose, is the same "not found" to the holder.
    pub async fn resolve_link(&self, presented: &str, purpose: Purpose) -> AppResult<CapabilityRow> {
        let secret = Secret::presented(presented).ok_or(AppError::NotFound("link"))?;
        self.store.live_capability(&secret.hash(), purpose.as_str()).await?.ok_or(AppError::NotFound("link"))
    }

    /// The full address of a link, for mail and for the person who shares it by hand.
    pub fn link_url(&self, path_prefix: &str, link: &IssuedLink) -> String {
        format!("{}{}{}", self.config.base_url, path_prefix, link.secret.expose())
    }
}
