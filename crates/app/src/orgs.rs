//! Organisations and the people in them.

use crate::error::{AppError, AppResult};
use crate::{Actor, App};
use coachkit_domain::OrgId;
use coachkit_domain::account::Email;
use coachkit_domain::org::{OrgName, OrgRole};
use coachkit_domain::privacy::{self, Member, Viewer};
use coachkit_domain::text::FieldError;
use coachkit_store::{MemberRow, OrgRow};

impl App {
    fn admin_viewer(actor: &Actor) -> Viewer {
        Viewer::Member(Member { instance_admin: actor.user.is_admin(), ..Member::alone(actor.id()) })
    }

    /// Creates an organisation; its creator becomes its first admin.
    pub async fn create_org(&self, actor: &Actor, name: &str) -> AppResult<OrgRow> {
        let name = OrgName::parse(name)?;
        let id = OrgId::new();
        self.store.create_org(&id, name.as_str(), &actor.id()).await?;
        self.store.org_for(&id, &actor.id()).await?.ok_or(AppError::NotFound("organisation"))
    }

    pub async fn my_orgs(&self, actor: &Actor) -> AppResult<Vec<OrgRow>> {
        Ok(self.store.orgs_of(&actor.id()).await?)
    }

    /// An organisation and its members, for its members and the instance admin.
    pub async fn org(&self, actor: &Actor, id: &OrgId) -> AppResult<(OrgRow, Vec<MemberRow>)> {
        let org = self.store.org_for(id, &actor.id()).await?.ok_or(AppError::NotFound("organisation"))?;
        let role = org.role.as_deref().and_then(OrgRole::parse);
        if !privacy::can_see_org(&Self::admin_viewer(actor), role) {
            return Err(AppError::NotFound("organisation"));
        }
        let members = self.store.org_members(id).await?;
        Ok((org, members))
    }

    /// Adds a person (by the e-mail of their account) or changes their role.
    pub async fn set_member(&self, actor: &Actor, id: &OrgId, email: &str, role: &str) -> AppResult<()> {
        let org = self.manageable_org(actor, id).await?;
        let role =
            OrgRole::parse(role).ok_or_else(|| AppError::field("role", "must be member, facilitator or admin"))?;
        let email = Email::parse(email)?;
        let user =
            self.store.user_by_email(email.as_str()).await?.ok_or_else(|| {
                FieldError::not_found("email", "has no account here yet; invite them to sign up first")
            })?;
        if user.id == actor.user.id && role != OrgRole::Admin && org.role.as_deref() == Some("admin") {
            self.ensure_another_admin(id, &actor.user.id).await?;
        }
        self.store.upsert_membership(id, &user.user_id(), role.as_str()).await?;
        Ok(())
    }

    /// Removes a person from an organisation. The last admin cannot leave it without one.
    pub async fn remove_member(&self, actor: &Actor, id: &OrgId, user: &coachkit_domain::UserId) -> AppResult<()> {
        self.manageable_org(actor, id).await?;
        let members = self.store.org_members(id).await?;
        let target = members.iter().find(|m| m.user_id == user.as_str()).ok_or(AppError::NotFound("member"))?;
        if target.role == "admin" {
            self.ensure_another_admin(id, user.as_str()).await?;
        }
        self.store.remove_membership(id, user).await?;
        Ok(())
    }

    async fn manageable_org(&self, actor: &Actor, id: &OrgId) -> AppResult<OrgRow> {
        let org = self.store.org_for(id, &actor.id()).await?.ok_or(AppError::NotFound("organisation"))?;
        let role = org.role.as_deref().and_then(OrgRole::parse);
        let viewer = Self::admin_viewer(actor);
        if !privacy::can_see_org(&viewer, role) {
            return Err(AppError::NotFound("organisation"));
        }
        if !privacy::can_manage_org(&viewer, role) {
            return Err(AppError::Forbidden("only the organisation's admins can change its members"));
        }
        Ok(org)
    }

    async fn ensure_another_admin(&self, org: &OrgId, leaving: &str) -> AppResult<()> {
        let members = self.store.org_members(org).await?;
        if members.iter().any(|m| m.role == "admin" && m.user_id != leaving) {
            Ok(())
        } else {
            Err(AppError::Conflict("an organisation needs at least one admin; make someone else admin first".into()))
        }
    }
}
