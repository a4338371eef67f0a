//! Server-rendered pages. Each handler parses its input, calls one use case, and renders a
//! template; forms that change something are read through `CsrfForm`.

mod account;
mod admin;
mod checkins;
mod co_coaching;
mod dashboard;
mod journal;
mod learning_log;
mod mentoring;
mod orgs;
mod practices;
mod programme_health;
mod relationships;
mod reminders;
mod settings;
mod wheel;

use crate::auth::MaybeActor;
use crate::state::AppState;
use crate::view;
use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard::home))
        .route("/dashboard", get(dashboard::dashboard))
        .route("/signin", get(account::signin_page).post(account::signin))
        .route("/signup", get(account::signup_page).post(account::signup))
        .route("/signout", post(account::signout))
        .route("/reset", get(account::reset_request_page).post(account::reset_request))
        .route("/reset/{secret}", get(account::reset_page).post(account::reset))
        .route("/relationships/new", get(relationships::new_page).post(relationships::create))
        .route("/relationships/{id}", get(relationships::show))
        .route("/relationships/{id}/checkin", post(checkins::on_page))
        .route("/relationships/{id}/{action}", post(relationships::change))
        .route("/checkin/{secret}", get(checkins::ask).post(checkins::answer))
        .route("/invite/{secret}", get(relationships::invitation).post(relationships::answer))
        .route("/orgs", get(orgs::index).post(orgs::create))
        .route("/orgs/{id}", get(orgs::show))
        .route("/orgs/{id}/members", post(orgs::set_member))
        .route("/orgs/{id}/members/{user}/remove", post(orgs::remove_member))
        .route("/health", get(programme_health::page))
        .route("/settings", get(settings::page))
        .route("/settings/profile", post(settings::profile))
        .route("/settings/password", post(settings::password))
        .route("/settings/reminders", get(reminders::page).post(reminders::save))
        .route("/unsubscribe/{secret}", get(reminders::unsubscribe_page).post(reminders::unsubscribe))
        .route("/settings/tokens", post(settings::create_token))
        .route("/settings/tokens/{id}/revoke", post(settings::revoke_token))
        .route("/settings/delete", post(settings::delete_account))
        .route("/goodbye", get(settings::goodbye))
        .route("/admin", get(admin::page))
        .route("/admin/users/{id}/delete", post(admin::delete_account))
        .route("/admin/users/{id}/{action}", post(admin::set_disabled))
        .route("/practices/{slug}", get(practices::show))
        .merge(journal::routes())
        .merge(wheel::routes())
        .merge(learning_log::routes())
        .merge(mentoring::routes())
        .merge(co_coaching::routes())
}

/// Any address we do not know.
pub async fn not_found(MaybeActor(_): MaybeActor) -> Response {
    view::error_page(StatusCode::NOT_FOUND, "Not found", "There is no page at this address.")
}
