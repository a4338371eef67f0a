//! The wheel's home: my assessments and templates, clients' assessments shared with me, trends,
//! and the forms that start an assessment (for myself, or live with a client).

use super::{Refusal, RowErrors, field};
use crate::auth::{CsrfForm, PageActor};
use crate::error::PageError;
use crate::state::AppState;
use crate::view::{self, Nav};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use coachkit_app::Actor;
use coachkit_app::wheel::{AssessmentStatus, AssessmentSummary, DEFAULT_TEMPLATE_KEY, StartInput, WheelOverview};
use coachkit_domain::journal::AudienceChoice;
use coachkit_domain::privacy::RecordKind;
use coachkit_domain::time::Zone;

/// One assessment in a list.
pub struct Line {
    pub href: String,
    pub date: String,
    pub template: String,
    pub owner: String,
    pub status: &'static str,
    /// "live with Helen Brightwater", or empty.
    pub with: String,
    pub audience: String,
    /// A draft the viewer may fill in now (a live one, seen by the coach).
    pub fill_href: Option<String>,
}

impl Line {
    fn of(s: &AssessmentSummary, zone: &Zone) -> Self {
        let with = match (s.live, &s.coach_name) {
            (true, Some(coach)) if s.mine => format!("live with {coach}"),
            (true, _) => "live in a session".to_owned(),
            _ => String::new(),
        };
        let live_draft = s.live && s.status == AssessmentStatus::Draft;
        Self {
            href: format!("/wheel/assessments/{}", s.id),
            date: view::day(s.taken_at, zone),
            template: s.template_name.clone(),
            owner: s.owner_name.clone(),
            status: s.status.as_str(),
            with,
            audience: s.audience.clone(),
            fill_href: (live_draft && !s.mine).then(|| format!("/wheel/assessments/{}/fill", s.id)),
        }
    }
}

pub struct Link {
    pub href: String,
    pub label: String,
}

pub struct TemplateLine {
    pub id: String,
    pub name: String,
    pub areas: String,
    pub editable: bool,
}

/// What a start form was sent with, to show again next to its errors.
#[derive(Default)]
pub struct StartForm {
    pub template_id: String,
    pub unit: String,
    pub taken_on: String,
    pub relationship_id: String,
    pub audience: String,
}

#[derive(Template)]
#[template(path = "wheel/index.html")]
struct Page {
    nav: Nav,
    mine: Vec<Line>,
    from_clients: Vec<Line>,
    trends: Vec<Link>,
    templates: Vec<TemplateLine>,
    template_choices: Vec<Link>,
    coaches: Vec<Link>,
    clients: Vec<Link>,
    audience_choices: Vec<AudienceChoice>,
    /// Which start form the errors belong to: "self" or "client".
    which: String,
    form: StartForm,
    errors: RowErrors,
}

/// Trend links for every (owner, template) with at least two finished assessments.
fn trends(all: &[&AssessmentSummary]) -> Vec<Link> {
    let mut out: Vec<(String, String, String, usize)> = Vec::new();
    for s in all.iter().filter(|s| s.status == AssessmentStatus::Complete) {
        let key = s.template_id.clone().unwrap_or_else(|| DEFAULT_TEMPLATE_KEY.to_owned());
        match out.iter_mut().find(|(owner, k, _, _)| *owner == s.owner_id && *k == key) {
            Some(entry) => entry.3 += 1,
            None => {
                let label =
                    if s.mine { s.template_name.clone() } else { format!("{}: {}", s.owner_name, s.template_name) };
                out.push((s.owner_id.clone(), key, label, 1));
            }
        }
    }
    out.into_iter()
        .filter(|(_, _, _, n)| *n >= 2)
        .map(|(owner, key, label, n)| {
            let mine = all.iter().any(|s| s.mine && s.owner_id == owner);
            let href = if mine { format!("/wheel/trend/{key}") } else { format!("/wheel/trend/{key}?leader={owner}") };
            Link { href, label: format!("{label} ({n} wheels)") }
        })
        .collect()
}

async fn page_view(
    state: &AppState,
    actor: &Actor,
    which: &str,
    form: StartForm,
    errors: RowErrors,
) -> Result<Page, PageError> {
    let zone = actor.user.zone();
    let WheelOverview { mine, from_clients, templates, coaches, clients } = state.app.wheel_overview(actor).await?;
    let partners: Vec<_> = coaches.iter().map(|m| (m.id.clone(), m.partner_name())).collect();
    let everything: Vec<&AssessmentSummary> = mine.iter().chain(&from_clients).collect();
    Ok(Page {
        nav: Nav::for_actor(actor, "wheel"),
        trends: trends(&everything),
        mine: mine.iter().map(|s| Line::of(s, &zone)).collect(),
        from_clients: from_clients.iter().map(|s| Line::of(s, &zone)).collect(),
        template_choices: templates
            .iter()
            .map(|t| Link { href: t.id.clone(), label: format!("{} ({} areas)", t.name, t.areas.len()) })
            .collect(),
        templates: templates
            .iter()
            .map(|t| TemplateLine {
                editable: t.id != DEFAULT_TEMPLATE_KEY,
                id: t.id.clone(),
                name: t.name.clone(),
                areas: t.areas.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", "),
            })
            .collect(),
        coaches: coaches.iter().map(|r| Link { href: r.id.to_string(), label: r.partner_name() }).collect(),
        clients: clients.iter().map(|r| Link { href: r.id.to_string(), label: r.partner_name() }).collect(),
        audience_choices: AudienceChoice::for_kind(RecordKind::WheelAssessment, &partners),
        which: which.to_owned(),
        form,
        errors,
    })
}

pub async fn index(State(state): State<AppState>, PageActor(actor): PageActor) -> Result<Response, PageError> {
    Ok(view::render(&page_view(&state, &actor, "", StartForm::default(), RowErrors::default()).await?))
}

/// Starts an assessment from either start form and opens it for filling in.
pub async fn start(
    State(state): State<AppState>,
    PageActor(actor): PageActor,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let form = StartForm {
        template_id: field(&pairs, "template_id").to_owned(),
        unit: field(&pairs, "unit").to_owned(),
        taken_on: field(&pairs, "taken_on").to_owned(),
        relationship_id: field(&pairs, "relationship_id").to_owned(),
        audience: field(&pairs, "audience").to_owned(),
    };
    let input = StartInput {
        template_id: form.template_id.clone(),
        unit: form.unit.clone(),
        taken_on: form.taken_on.clone(),
        relationship_id: form.relationship_id.clone(),
        audience: form.audience.clone(),
        ..Default::default()
    };
    match state.app.start_wheel_assessment(&actor, &input).await.map_err(Refusal::from) {
        Ok(id) => Ok(Redirect::to(&format!("/wheel/assessments/{id}/fill")).into_response()),
        Err(Refusal::Form(errors)) => {
            let which = if field(&pairs, "form") == "client" { "client" } else { "self" };
            let page = page_view(&state, &actor, which, form, errors).await?;
            Ok(view::render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(Refusal::Page(e)) => Err(e),
    }
}
