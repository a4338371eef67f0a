//! The engagement page and what is done from it: inviting, writing cards, opening them, moving
//! the sessions, ending session one, and the calendar files.

use super::{Refusal, field, is_form_problem, refusal_status, stage_label};
use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::co_coaching::{CardInput, CardView, EngagementPage, InviteInput, ParticipantLine, SessionDates};
use coachkit_app::journal::time::to_datetime_local;
use coachkit_app::{Actor, AppError};
use coachkit_domain::co_coaching::Stage;

/// A card form: the card in that position, or an empty one.
pub struct CardForm {
    pub position: i64,
    pub what: String,
    pub why: String,
    pub success: String,
    pub submitted: bool,
    pub id: Option<String>,
}

#[derive(Template)]
#[template(path = "co_coaching/engagement.html")]
struct Page {
    nav: Nav,
    p: EngagementPage,
    stage: &'static str,
    preparing: bool,
    cards_open: bool,
    cancelled: bool,
    teamed: bool,
    one_at: String,
    two_at: String,
    one_local: String,
    two_local: String,
    card_forms: Vec<CardForm>,
    sides: Vec<(String, Vec<ParticipantLine>)>,
    invite: InviteInput,
    /// The link of the invitation just made, to pass on by hand.
    new_link: Option<String>,
    refusal: Refusal,
}

impl Page {
    fn side_name(&self) -> &str {
        match self.p.my_side {
            Some(coachkit_domain::co_coaching::Side::A) => &self.p.org_a,
            Some(coachkit_domain::co_coaching::Side::B) => &self.p.org_b,
            None => "",
        }
    }
}

fn card_forms(mine: &[CardView], typed: Option<&CardInput>) -> Vec<CardForm> {
    (1..=2)
        .map(|position| {
            if let Some(t) = typed.filter(|t| t.position == position) {
                return CardForm {
                    position,
                    what: t.what.clone(),
                    why: t.why.clone(),
                    success: t.success.clone(),
                    submitted: false,
                    id: mine.iter().find(|c| c.position == position).map(|c| c.id.clone()),
                };
            }
            match mine.iter().find(|c| c.position == position) {
                Some(c) => CardForm {
                    position,
                    what: c.what.clone(),
                    why: c.why.clone(),
                    success: c.success.clone(),
                    submitted: c.submitted,
                    id: Some(c.id.clone()),
                },
                None => CardForm {
                    position,
                    what: String::new(),
                    why: String::new(),
                    success: String::new(),
                    submitted: false,
                    id: None,
                },
            }
        })
        .collect()
}

async fn build(
    state: &AppState,
    actor: &Actor,
    id: &str,
    typed: Option<&CardInput>,
    invite: InviteInput,
    refusal: Refusal,
) -> Result<Page, PageError> {
    let p = state.app.engagement_page(actor, id).await?;
    Ok(Page {
        nav: Nav::for_actor(actor, "co-coaching"),
        stage: stage_label(p.stage),
        preparing: p.stage == Stage::Preparing,
        cards_open: p.stage == Stage::CardsOpen,
        cancelled: p.stage == Stage::Cancelled,
        teamed: p.stage == Stage::Teamed,
        one_at: view::date_time(p.session_one_at, &actor.user.zone()),
        two_at: view::date_time(p.session_two_at, &actor.user.zone()),
        one_local: to_datetime_local(p.session_one_at),
        two_local: to_datetime_local(p.session_two_at),
        card_forms: card_forms(&p.my_cards, typed),
        sides: vec![(p.org_a.clone(), p.side_a.clone()), (p.org_b.clone(), p.side_b.clone())],
        p,
        invite,
        new_link: None,
        refusal,
    })
}

pub async fn page(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    Ok(view::render(&build(&state, &actor, &id, None, InviteInput::default(), Refusal::default()).await?))
}

/// Back to the page after a change, or the page again with the refusal.
async fn after(
    state: &AppState,
    actor: &Actor,
    id: &str,
    form: &'static str,
    outcome: Result<(), AppError>,
    typed: Option<&CardInput>,
    invite: InviteInput,
) -> Result<Response, PageError> {
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/co-coaching/{id}")).into_response()),
        Err(e) if is_form_problem(&e) => {
            let page = build(state, actor, id, typed, invite, Refusal::of(form, &e)).await?;
            Ok(view::render_status(refusal_status(&e), &page))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn withdraw(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, participant)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let outcome = state.app.withdraw_invitation(&actor, &id, &participant).await;
    after(&state, &actor, &id, "people", outcome, None, InviteInput::default()).await
}

pub async fn invite(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let input = InviteInput {
        side: field(&pairs, "side").to_owned(),
        name: field(&pairs, "name").to_owned(),
        email: field(&pairs, "email").to_owned(),
    };
    match state.app.invite_participant(&actor, &id, &input).await {
        Ok(link) => {
            // Shown once: only the link's hash is kept.
            let mut page = build(
                &state,
                &actor,
                &id,
                None,
                InviteInput { side: input.side, ..Default::default() },
                Refusal::default(),
            )
            .await?;
            page.new_link = Some(link);
            Ok(view::render(&page))
        }
        Err(e) => after(&state, &actor, &id, "invite", Err(e), None, input).await,
    }
}

pub async fn save_card(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let input = CardInput {
        position: field(&pairs, "position").parse().unwrap_or(0),
        what: field(&pairs, "what").to_owned(),
        why: field(&pairs, "why").to_owned(),
        success: field(&pairs, "success").to_owned(),
        submit: field(&pairs, "submit") == "1",
    };
    let form = if input.position == 2 { "card2" } else { "card1" };
    let outcome = state.app.save_card(&actor, &id, &input).await;
    after(&state, &actor, &id, form, outcome, Some(&input), InviteInput::default()).await
}

pub async fn delete_card(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, card)): Path<(String, String)>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let outcome = state.app.delete_draft_card(&actor, &id, &card).await;
    after(&state, &actor, &id, "card1", outcome, None, InviteInput::default()).await
}

pub async fn open(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    match state.app.open_cards(&actor, &id).await {
        Ok(()) => Ok(Redirect::to(&format!("/co-coaching/{id}/teaming")).into_response()),
        Err(e) => after(&state, &actor, &id, "facilitate", Err(e), None, InviteInput::default()).await,
    }
}

pub async fn close(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let outcome = state.app.close_session_one(&actor, &id).await.map(|_| ());
    after(&state, &actor, &id, "facilitate", outcome, None, InviteInput::default()).await
}

pub async fn sessions(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let input = SessionDates {
        session_one_at: field(&pairs, "session_one_at").to_owned(),
        session_one_place: field(&pairs, "session_one_place").to_owned(),
        session_two_at: field(&pairs, "session_two_at").to_owned(),
        session_two_place: field(&pairs, "session_two_place").to_owned(),
    };
    let outcome = state.app.change_engagement_sessions(&actor, &id, &input).await.map(|_| ());
    after(&state, &actor, &id, "sessions", outcome, None, InviteInput::default()).await
}

/// `1.ics` or `2.ics`.
pub async fn ics(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let n = match file.as_str() {
        "1.ics" => 1,
        "2.ics" => 2,
        _ => return Err(PageError::App(AppError::NotFound("calendar file"))),
    };
    let text = state.app.engagement_ics(&actor, &id, n).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"co-coaching-session-{n}.ics\"")),
        ],
        text,
    )
        .into_response())
}
