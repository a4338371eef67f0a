//! Settings › Reminders: the person's time zone and, per kind of nudge, how they want it; and the
//! one-click unsubscribe pages that nudge mails link to (a capability link, no sign-in needed).

use crate::auth::{CsrfForm, PageActor};
use crate::error::{FieldErrors, PageError};
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use coachkit_app::nudges::NudgeChoice;
use coachkit_app::{Actor, AppError};
use coachkit_domain::nudge::{Delivery, NudgeKind};
use coachkit_domain::time::Zone;
use serde::Deserialize;

/// One kind's row: its name, the form field, and the choices with the current one marked.
pub struct ChoiceRow {
    pub field: &'static str,
    pub label: &'static str,
    /// When this kind comes, in a sentence.
    pub when: &'static str,
    pub options: Vec<(&'static str, &'static str, bool)>,
}

#[derive(Template)]
#[template(path = "account/reminders.html")]
struct RemindersPage {
    nav: Nav,
    time_zone: String,
    zones: Vec<String>,
    now_there: String,
    rows: Vec<ChoiceRow>,
    errors: FieldErrors,
    notice: Option<String>,
    message: Option<String>,
}

fn rows(choices: &[NudgeChoice]) -> Vec<ChoiceRow> {
    choices
        .iter()
        .map(|c| ChoiceRow {
            field: c.kind.as_str(),
            label: c.kind.label(),
            when: c.kind.when(),
            options: Delivery::ALL.into_iter().map(|d| (d.as_str(), d.label(), d == c.delivery)).collect(),
        })
        .collect()
}

async fn build(state: &AppState, actor: &Actor, zone: &Zone) -> Result<RemindersPage, PageError> {
    let choices = state.app.nudge_choices(actor).await?;
    Ok(RemindersPage {
        nav: Nav { zone: zone.clone(), ..Nav::for_actor(actor, "settings") },
        time_zone: zone.name().to_owned(),
        zones: Zone::all_names(),
        now_there: view::date_time(coachkit_store::now_ms(), zone),
        rows: rows(&choices),
        errors: FieldErrors::default(),
        notice: None,
        message: None,
    })
}

pub async fn page(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    let zone = actor.user.zone();
    Ok(view::render(&build(&state, &actor, &zone).await?))
}

/// The form: the zone and one select per kind (absent fields leave that kind as it is).
#[derive(Deserialize)]
pub struct RemindersForm {
    #[serde(default)]
    time_zone: String,
    session_reminder: Option<String>,
    action_overdue: Option<String>,
    invitation_unanswered: Option<String>,
    relationship_quiet: Option<String>,
    window_closing: Option<String>,
    cards_due: Option<String>,
    team_quiet: Option<String>,
    reply_notice: Option<String>,
    experts_silent: Option<String>,
}

pub async fn save(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(form): CsrfForm<RemindersForm>,
) -> Result<Response, PageError> {
    let wanted: Vec<(String, String)> = [
        (NudgeKind::SessionReminder, &form.session_reminder),
        (NudgeKind::ActionOverdue, &form.action_overdue),
        (NudgeKind::InvitationUnanswered, &form.invitation_unanswered),
        (NudgeKind::RelationshipQuiet, &form.relationship_quiet),
        (NudgeKind::WindowClosing, &form.window_closing),
        (NudgeKind::CardsDue, &form.cards_due),
        (NudgeKind::TeamQuiet, &form.team_quiet),
        (NudgeKind::ReplyNotice, &form.reply_notice),
        (NudgeKind::ExpertsSilent, &form.experts_silent),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.clone().map(|v| (k.as_str().to_owned(), v)))
    .collect();
    match state.app.update_reminder_settings(&actor, Some(&form.time_zone), &wanted).await {
        Ok((zone, _)) => {
            let mut page = build(&state, &actor, &zone).await?;
            page.notice = Some("Saved. Times on every page now show in this time zone.".into());
            Ok(view::render(&page))
        }
        Err(e @ AppError::Invalid(_)) => {
            let mut page = build(&state, &actor, &actor.user.zone()).await?;
            page.errors = FieldErrors::from_app(&e).unwrap_or_default();
            page.message = Some("Nothing was saved: please correct the marked fields.".into());
            page.time_zone = form.time_zone;
            Ok(view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "account/unsubscribe.html")]
struct UnsubscribePage {
    nav: Nav,
    secret: String,
    what: String,
    done: bool,
}

/// What the link would turn off, with one button (a GET never changes anything, so link
/// scanners in mail programs cannot unsubscribe anyone).
pub async fn unsubscribe_page(
    State(state): State<AppState>,
    Path(secret): Path<String>,
) -> Result<Response, PageError> {
    let preview = state.app.unsubscribe_preview(&secret).await?;
    Ok(view::render(&UnsubscribePage { nav: Nav::default(), secret, what: preview.what, done: false }))
}

/// Turns it off: the button above, or a mail program's RFC 8058 one-click POST. The link's secret
/// is the authority, so no session or CSRF token is needed (nor present in a one-click POST).
pub async fn unsubscribe(State(state): State<AppState>, Path(secret): Path<String>) -> Result<Response, PageError> {
    let done = state.app.unsubscribe(&secret).await?;
    Ok(view::render(&UnsubscribePage { nav: Nav::default(), secret: String::new(), what: done.what, done: true }))
}
