//! "Did you meet?" from a mail: `/checkin/<secret>` shows the question (a GET changes nothing, so
//! link previews cannot answer), the POST records the answer and says what happens next. The
//! same question on a relationship's page posts to `/relationships/<id>/checkin`.

use crate::auth::{self, CsrfForm, MaybeActor, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use coachkit_app::{AppError, CheckinOutcome, RelationshipView};
use coachkit_domain::RelationshipId;
use coachkit_domain::relationship::{CheckinAnswer, Side};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "relationships/checkin.html")]
struct AskPage {
    nav: Nav,
    secret: String,
    partner: String,
    /// The answer the mail's link suggested, shown first.
    suggested: String,
}

#[derive(Template)]
#[template(path = "relationships/checkin_done.html")]
struct DonePage {
    nav: Nav,
    partner: String,
    answer: &'static str,
    label: &'static str,
    relationship_id: String,
    session_id: Option<String>,
}

fn partner_of(r: &RelationshipView) -> String {
    match r.my_side {
        Some(Side::Coach) => r.leader_name.clone(),
        _ => r.partner_name_for_coach_slot(),
    }
}

fn link_gone(e: AppError) -> PageError {
    match e {
        AppError::NotFound(_) => PageError::BadRequest(
            StatusCode::NOT_FOUND,
            "This check-in link no longer works: it was already answered or has expired. You can answer on the relationship's page instead.".into(),
        ),
        other => other.into(),
    }
}

#[derive(Deserialize, Default)]
pub struct Suggested {
    #[serde(default)]
    answer: String,
}

pub async fn ask(
    State(state): State<AppState>,
    MaybeActor(actor): MaybeActor,
    jar: CookieJar,
    Path(secret): Path<String>,
    Query(q): Query<Suggested>,
) -> Result<Response, PageError> {
    let r = state.app.checkin_by_link(&secret).await.map_err(link_gone)?;
    // Signed in or not, the form carries the token the CSRF check will expect: the link itself
    // is the permission, the token only proves the form came from this page.
    let (jar, nav) = match actor.as_ref() {
        Some(a) => (jar, Nav::for_actor(a, "dashboard")),
        None => {
            let (jar, csrf) = auth::pre_session_csrf(jar, &state);
            (jar, Nav::signed_out(csrf))
        }
    };
    let suggested = CheckinAnswer::parse(&q.answer).map(|a| a.as_str().to_owned()).unwrap_or_default();
    let page = AskPage { nav, partner: partner_of(&r), secret, suggested };
    Ok((jar, view::render(&page)).into_response())
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    answer: String,
}

fn done(nav: Nav, outcome: CheckinOutcome) -> Response {
    view::render(&DonePage {
        nav,
        partner: partner_of(&outcome.relationship),
        answer: outcome.answer.as_str(),
        label: outcome.answer.label(),
        relationship_id: outcome.relationship.id.to_string(),
        session_id: outcome.session_id,
    })
}

fn refused(e: AppError) -> PageError {
    match e {
        AppError::Invalid(_) => {
            PageError::bad_request("Choose one of the three answers: yes, we met; not yet; we have stopped.")
        }
        other => link_gone(other),
    }
}

pub async fn answer(
    State(state): State<AppState>,
    MaybeActor(actor): MaybeActor,
    Path(secret): Path<String>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<Response, PageError> {
    let outcome = state.app.answer_checkin_link(&secret, &form.answer).await.map_err(refused)?;
    Ok(done(Nav::maybe(actor.as_ref(), "dashboard"), outcome))
}

/// The same question on the relationship's page, signed in.
pub async fn on_page(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> Result<Response, PageError> {
    let id = RelationshipId::parse(&id).map_err(|_| PageError::App(AppError::NotFound("relationship")))?;
    match state.app.check_in(&actor, &id, &form.answer).await {
        Ok(outcome) => Ok(done(Nav::for_actor(&actor, "dashboard"), outcome)),
        Err(AppError::Invalid(_)) => {
            Err(PageError::bad_request("Choose one of the three answers: yes, we met; not yet; we have stopped."))
        }
        Err(e) => Err(e.into()),
    }
}
