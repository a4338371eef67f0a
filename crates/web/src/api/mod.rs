//! The JSON API under `/api/v1`: everything the pages do, authenticated by session cookie (with
//! `X-CSRF-Token` for changes) or by `Authorization: Bearer <token>`. Errors are
//! `{"code", "message"}`. The OpenAPI document is generated from these handlers.

mod accounts;
mod admin;
mod co_coaching;
mod coaching;
mod common_responses;
mod cross_field_rules;
mod extract;
mod journal;
mod journal_more;
mod learning_log;
mod mentoring;
mod orgs;
mod programme_health;
mod relationships;
mod reminders;
mod tokens;
mod wheel;

use crate::state::AppState;
use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{delete, get, post, put};
use co_coaching::{cards, engagements, participants, space, teaming, value};
use common_responses::CommonResponses;
use cross_field_rules::CrossFieldRules;
use learning_log::{case_studies, cohort, log, programmes};
use mentoring::{expert, leader};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/signup", post(accounts::sign_up))
        .route("/signin", post(accounts::sign_in))
        .route("/signout", post(accounts::sign_out))
        .route("/password-reset", post(accounts::request_reset))
        .route("/password-reset/{secret}", post(accounts::reset))
        .route("/me", get(accounts::me).patch(accounts::update_me).delete(accounts::delete_me))
        .route("/me/password", post(accounts::change_password))
        .route("/me/reminders", get(reminders::get).put(reminders::put))
        .route("/relationships", get(relationships::list).post(relationships::invite))
        .route("/relationships/{id}", get(relationships::get_one))
        .route("/relationships/{id}/checkins", get(relationships::checkins).post(relationships::check_in))
        .route("/relationships/{id}/{action}", post(relationships::change))
        .route("/invitations/{secret}", get(relationships::invitation))
        .route("/invitations/{secret}/{answer}", post(relationships::answer))
        .route("/orgs", get(orgs::list).post(orgs::create))
        .route("/orgs/{id}", get(orgs::get_one))
        .route("/orgs/{id}/members", put(orgs::set_member))
        .route("/orgs/{id}/members/{user}", delete(orgs::remove_member))
        .route("/health", get(programme_health::health))
        .route("/tokens", get(tokens::list).post(tokens::create))
        .route("/tokens/{id}", delete(tokens::revoke))
        .route("/admin/users", get(admin::users))
        .route("/admin/users/{id}", delete(admin::delete_user))
        .route("/admin/users/{id}/{action}", post(admin::set_disabled))
        .route("/admin/outbox", get(admin::outbox))
        .route("/co-coaching", get(engagements::list).post(engagements::create))
        .route("/co-coaching/suggest", post(teaming::suggest))
        .route("/co-coaching/{id}", get(engagements::get_one))
        .route("/co-coaching/{id}/sessions", put(engagements::move_sessions))
        .route("/co-coaching/{id}/participants", post(participants::invite))
        .route("/co-coaching/{id}/participants/{participant}", delete(participants::withdraw))
        .route("/co-coaching/{id}/cards", put(cards::save_card))
        .route("/co-coaching/{id}/cards/{card}", delete(cards::delete_draft))
        .route("/co-coaching/{id}/open", post(cards::open))
        .route("/co-coaching/{id}/teaming", get(teaming::teaming))
        .route("/co-coaching/{id}/teams", post(teaming::confirm))
        .route("/co-coaching/{id}/teams/{team}", get(space::get_team).delete(teaming::take_apart))
        .route("/co-coaching/{id}/teams/{team}/merge", post(teaming::merge))
        .route("/co-coaching/{id}/teams/{team}/split", post(teaming::split))
        .route("/co-coaching/{id}/rejections", post(teaming::reject))
        .route("/co-coaching/{id}/close-session-one", post(teaming::close))
        .route("/co-coaching/{id}/teams/{team}/items", post(space::add_item))
        .route("/co-coaching/{id}/teams/{team}/items/{item}", put(space::edit_item).delete(space::delete_item))
        .route("/co-coaching/{id}/teams/{team}/items/{item}/done", post(space::action_done))
        .route("/co-coaching/{id}/teams/{team}/outcome", put(space::outcome))
        .route("/co-coaching/{id}/value", get(value::values).post(value::add_value))
        .route("/co-coaching/{id}/value/shared", put(value::share))
        .route("/co-coaching/{id}/value/{value}", put(value::edit_value).delete(value::delete_value))
        .route("/co-coaching/{id}/fee", put(value::fee))
        .route("/wheel/assessments", get(wheel::list).post(wheel::start))
        .route("/wheel/assessments/{id}", get(wheel::get_one).put(wheel::save))
        .route("/wheel/templates", get(wheel::templates).post(wheel::create_template))
        .route("/journal/reflections", get(journal::reflections).post(journal::write_reflection))
        .route(
            "/journal/reflections/{id}",
            get(journal::reflection).put(journal::edit_reflection).delete(journal::delete_reflection),
        )
        .route("/journal/reflections/{id}/replies", get(coaching::thread).post(coaching::reply))
        .route("/coaching", get(coaching::home))
        .route("/relationships/{id}/sessions", post(journal::plan_session))
        .route("/relationships/{id}/actions", get(journal::relationship_actions))
        .route("/journal/sessions/{id}", get(journal::session).put(journal::update_session))
        .route("/journal/sessions/{id}/detail", put(journal::session_detail))
        .route("/journal/sessions/{id}/coach-note", put(journal::coach_note))
        .route("/journal/sessions/{id}/killer-question", post(journal::killer_question))
        .route("/journal/question-bank", get(journal::question_bank))
        .route("/journal/questions", get(journal::questions).post(journal_more::ask))
        .route("/journal/actions", get(journal::actions).post(journal::create_action))
        .route("/journal/actions/{id}/status", put(journal::action_status))
        .route("/journal/themes", get(journal::themes))
        .route("/journal/themes/{key}", get(journal::theme))
        .route("/journal/search", get(journal::search))
        .route("/public/{handle}", get(journal::public_page))
        .route("/journal/positions", get(journal_more::positions).post(journal_more::create_position))
        .route("/journal/positions/{id}", put(journal_more::update_position).delete(journal_more::delete_position))
        .route("/journal/positions/{id}/move", post(journal_more::move_position))
        .route("/journal/page/publish", post(journal_more::publish))
        .route("/journal/page", put(journal_more::page_flags))
        .route("/relationships/{id}/prep", get(journal_more::prep))
        .route("/relationships/{id}/prep/send", post(journal_more::send_prep))
        .route("/journal/questions/{id}/status", put(journal_more::question_status))
        .route("/journal/questions/{id}/progress", post(journal_more::question_progress))
        .route("/journal/toolkit", get(journal_more::toolkit).post(journal_more::add_to_toolkit))
        .route("/advice", get(leader::home).post(leader::create))
        .route("/advice/{id}", get(leader::get_one))
        .route("/advice/{id}/send", post(leader::send))
        .route("/advice/{id}/experts/{expert}/replace", post(leader::replace))
        .route("/advice/{id}/experts/{expert}/withdraw", post(leader::withdraw))
        .route("/advice/{id}/thread", put(leader::choose_thread))
        .route("/advice/{id}/goal/check", post(leader::check_goal))
        .route("/advice/{id}/goal", put(leader::save_goal))
        .route("/advice/{id}/steps", post(leader::add_step))
        .route("/advice/{id}/done", post(leader::done))
        .route("/advice/{id}/thanks", post(leader::thank))
        .route("/advice/{id}/audience", put(leader::set_audience))
        .route("/expert/{secret}", get(expert::page))
        .route("/expert/{secret}/draft", put(expert::save_draft))
        .route("/expert/{secret}/submit", post(expert::submit))
        .route("/expert/{secret}/more-time", post(expert::more_time))
        .route("/expert/{secret}/decline", post(expert::decline))
        .route("/learning-log", get(programmes::home))
        .route("/learning-log/programmes", post(programmes::create))
        .route("/learning-log/programmes/{id}", get(cohort::cohort).put(programmes::update))
        .route("/learning-log/programmes/{id}/questions", put(programmes::edit_questions))
        .route("/learning-log/programmes/{id}/copy", post(programmes::copy))
        .route("/learning-log/programmes/{id}/invitations", post(programmes::invite))
        .route("/learning-log/programmes/{id}/link", post(programmes::link))
        .route("/learning-log/programmes/{id}/facilitators", post(programmes::add_facilitator))
        .route("/learning-log/join/{secret}", get(programmes::join_preview).post(programmes::join))
        .route("/learning-log/programmes/{id}/log", get(log::my_log))
        .route("/learning-log/programmes/{id}/sessions", post(log::plan_session))
        .route("/learning-log/programmes/{id}/sessions/{session}", put(log::update_session).delete(log::delete_session))
        .route("/learning-log/programmes/{id}/sessions/{session}/record", post(log::record_session))
        .route("/learning-log/programmes/{id}/cases", put(log::choose_cases))
        .route("/learning-log/programmes/{id}/answers", put(log::save_answers))
        .route("/learning-log/programmes/{id}/answers/{case}/{position}/actions", post(log::answer_to_actions))
        .route("/learning-log/programmes/{id}/share", put(log::share))
        .route("/learning-log/programmes/{id}/coach-session.ics", get(log::my_coach_session_ics))
        .route("/learning-log/programmes/{id}/participants/{user}/pack", get(cohort::pack))
        .route("/learning-log/programmes/{id}/participants/{user}/note", put(cohort::note))
        .route("/learning-log/programmes/{id}/participants/{user}/coach-session", put(cohort::book))
        .route("/learning-log/programmes/{id}/participants/{user}/coach-session.ics", get(cohort::coach_session_ics))
        .route("/learning-log/programmes/{id}/case-studies", post(case_studies::draft))
        .route("/learning-log/case-studies/{id}", get(case_studies::get_one).put(case_studies::update))
        .route("/learning-log/case-studies/{id}/public", get(case_studies::public))
        .route("/learning-log/case-studies/{id}/consent", post(case_studies::consent))
        .route("/learning-log/case-studies/{id}/coachee-consent", post(case_studies::coachee_consent))
        .route("/learning-log/case-studies/{id}/published", put(case_studies::publish))
        .fallback(unknown)
}

async fn unknown() -> crate::error::ApiError {
    coachkit_app::AppError::NotFound("endpoint").into()
}

pub fn openapi_route() -> Router<AppState> {
    Router::new().route("/api/openapi.json", get(serve_openapi))
}

async fn serve_openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], openapi_json())
}

/// The OpenAPI document, pretty-printed; committed as `openapi.json` and checked in CI.
pub fn openapi_json() -> String {
    ApiDoc::openapi().to_pretty_json().unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}")) + "\n"
}

#[derive(OpenApi)]
#[openapi(
    info(title = "coachkit API", description = "Self-hosted coaching and mentoring. All times are milliseconds since the Unix epoch."),
    paths(
        accounts::sign_up, accounts::sign_in, accounts::sign_out, accounts::request_reset, accounts::reset,
        accounts::me, accounts::update_me, accounts::change_password, accounts::delete_me, reminders::get,
        reminders::put,
        relationships::list, relationships::invite, relationships::get_one, relationships::change,
        relationships::invitation, relationships::answer, relationships::check_in, relationships::checkins,
        orgs::list, orgs::create, orgs::get_one, orgs::set_member, orgs::remove_member,
        tokens::list, tokens::create, tokens::revoke,
        admin::users, admin::set_disabled, admin::delete_user, admin::outbox,
        wheel::list, wheel::start, wheel::get_one, wheel::save, wheel::templates, wheel::create_template,
        journal::reflections, journal::write_reflection, journal::reflection, journal::edit_reflection,
        journal::delete_reflection, journal::plan_session, journal::session, journal::update_session,
        journal::session_detail, journal::coach_note, journal::killer_question, journal::question_bank,
        journal::questions, journal::actions, journal::create_action, journal::action_status,
        journal::relationship_actions, journal::themes, journal::theme, journal::search, journal::public_page,
        journal_more::positions, journal_more::create_position, journal_more::update_position,
        journal_more::delete_position, journal_more::move_position, journal_more::publish, journal_more::page_flags,
        journal_more::prep, journal_more::send_prep, journal_more::ask, journal_more::question_status,
        journal_more::question_progress, journal_more::toolkit, journal_more::add_to_toolkit,
        coaching::home, coaching::thread, coaching::reply,
        leader::home, leader::create, leader::get_one, leader::send, leader::replace, leader::withdraw,
        leader::choose_thread, leader::check_goal, leader::save_goal, leader::add_step, leader::done, leader::thank,
        leader::set_audience,
        expert::page, expert::save_draft, expert::submit, expert::more_time, expert::decline,
        programmes::home, programmes::create, programmes::update, programmes::edit_questions, programmes::copy,
        programmes::invite, programmes::link, programmes::add_facilitator, programmes::join_preview, programmes::join,
        cohort::cohort, cohort::pack, cohort::note, cohort::book, cohort::coach_session_ics,
        log::my_log, log::plan_session, log::update_session, log::record_session, log::delete_session,
        log::choose_cases, log::save_answers, log::answer_to_actions, log::share, log::my_coach_session_ics,
        case_studies::draft, case_studies::get_one, case_studies::public, case_studies::update,
        case_studies::consent, case_studies::coachee_consent, case_studies::publish,
        engagements::list, engagements::create, engagements::get_one, engagements::move_sessions,
        participants::invite, participants::withdraw, cards::save_card, cards::delete_draft, cards::open,
        teaming::teaming, teaming::confirm, teaming::reject, teaming::take_apart, teaming::merge, teaming::split,
        teaming::close, teaming::suggest, space::get_team, space::add_item, space::edit_item, space::delete_item,
        space::action_done, space::outcome, value::values, value::add_value, value::edit_value, value::delete_value,
        value::share, value::fee,
        programme_health::health,
    ),
    components(schemas(crate::error::ErrorBody, crate::error::FieldProblem)),
    modifiers(&Security, &CommonResponses, &CrossFieldRules),
    tags(
        (name = "accounts", description = "Signing up and in, your profile"),
        (name = "relationships", description = "Coaches and mentors"),
        (name = "organisations", description = "Organisations and their members"),
        (name = "tokens", description = "Personal API tokens"),
        (name = "admin", description = "Instance administration (accounts, outbox)"),
        (name = "wheel", description = "The balance wheel: assessments and templates"),
        (name = "journal", description = "Practice 1: sessions, reflections, themes, questions, actions, the public page"),
        (name = "co-coaching", description = "Practice 4, co-coaching between two organisations: engagements, invitations, challenge cards, teaming up across the two, team spaces, value and fees on value"),
        (name = "mentoring", description = "Practice 5, just-in-time mentoring: a leader's request for advice, the experts' answers through their own link (no account), the thread, the goal and the plan"),
        (name = "programme_health", description = "The programme health view for facilitators and organisation admins: counts and who is quiet per programme and engagement, never what anyone wrote"),
        (name = "learning_log", description = "Practice 3, the Leadership Learning Log: a facilitator's programme after a training (window, session cap, its own copy of the questions, invitations, the cohort's progress in counts), each participant's log (sessions planned and held, the Best and the Most Challenging, answers, actions, the pack shared by choice), the coach-the-coach session, and case studies published with consent"),
    )
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(crate::auth::SESSION_COOKIE))),
        );
    }
}
