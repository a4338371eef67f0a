//! Shared pieces of every page: the navigation context, rendering, error pages, formatting.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use coachkit_app::Actor;
use coachkit_domain::time::Zone;

/// What the layout needs: who is signed in, the CSRF token for the sign-out form, and which
/// section of the navigation is current.
#[derive(Clone, Debug)]
pub struct Nav {
    pub user_name: Option<String>,
    pub is_admin: bool,
    /// Facilitates a programme or admins an organisation that runs one: offer the health view.
    pub oversees: bool,
    pub csrf: String,
    pub section: &'static str,
    /// The viewer's time zone: every moment on the page is written in it.
    pub zone: Zone,
}

impl Default for Nav {
    fn default() -> Self {
        Self { user_name: None, is_admin: false, oversees: false, csrf: String::new(), section: "", zone: Zone::utc() }
    }
}

impl Nav {
    pub fn for_actor(actor: &Actor, section: &'static str) -> Self {
        Self {
            user_name: Some(actor.user.display_name.clone()),
            is_admin: actor.user.is_admin(),
            oversees: actor.user.oversees_programmes(),
            csrf: actor.csrf_token.clone().unwrap_or_default(),
            section,
            zone: actor.user.zone(),
        }
    }
    /// A moment as this viewer reads it (templates call `nav.at(x)`).
    pub fn at(&self, ms: impl std::borrow::Borrow<i64>) -> String {
        date_time(ms, &self.zone)
    }
    /// The day of a moment as this viewer reads it (templates call `nav.day(x)`).
    pub fn day(&self, ms: impl std::borrow::Borrow<i64>) -> String {
        day(ms, &self.zone)
    }
    /// Error pages know nobody: they show neither the signed-in menu nor sign-in links.
    pub fn error() -> Self {
        Self { section: "error", ..Self::default() }
    }
    pub fn signed_out(csrf: String) -> Self {
        Self { csrf, ..Self::default() }
    }
    pub fn maybe(actor: Option<&Actor>, section: &'static str) -> Self {
        actor.map(|a| Self::for_actor(a, section)).unwrap_or_default()
    }
}

/// Renders a template, or (it never should fail) an internal error without details.
pub fn render<T: Template>(t: &T) -> Response {
    render_status(StatusCode::OK, t)
}

pub fn render_status<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed to render");
            let mut r = StatusCode::INTERNAL_SERVER_ERROR.into_response();
            r.extensions_mut().insert(crate::error::InternalErrorBody { json: false });
            r
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    nav: Nav,
    status: u16,
    title: &'a str,
    message: &'a str,
    request_id: Option<&'a str>,
}

/// An error page's words, kept on the response so `middleware::keep_nav_on_error_pages` can draw
/// it again with the navigation of whoever is signed in (a handler's error knows no actor).
#[derive(Clone, Debug)]
pub struct ErrorPageWords {
    pub title: String,
    pub message: String,
}

pub fn error_page(status: StatusCode, title: &str, message: &str) -> Response {
    let mut r = error_page_with(Nav::error(), status, title, message);
    r.extensions_mut().insert(ErrorPageWords { title: title.to_owned(), message: message.to_owned() });
    r
}

/// The error page with a given navigation.
pub fn error_page_with(nav: Nav, status: StatusCode, title: &str, message: &str) -> Response {
    let page = ErrorPage { nav, status: status.as_u16(), title, message, request_id: None };
    // An error page must never itself fail into a loop: fall back to plain text.
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (status, message.to_owned()).into_response(),
    }
}

pub fn internal_error_page(status: StatusCode, request_id: &str) -> Response {
    let page = ErrorPage {
        nav: Nav::error(),
        status: status.as_u16(),
        title: "Something went wrong on our side",
        message: "Nothing you did caused this, and nothing was half-saved. Try again in a moment.",
        request_id: Some(request_id),
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (status, format!("Internal error. Request id {request_id}")).into_response(),
    }
}

/// Percent-encodes a query value.
pub fn url_encode(s: &str) -> String {
    serde_urlencoded::to_string([("v", s)]).map(|e| e[2..].to_owned()).unwrap_or_default()
}

/// "21 Nov 2026" for a calendar date (a due date, a window's last day, an answer-by date): stored
/// as midnight UTC of the day the person picked, so it reads the same in every zone.
pub fn calendar_date(ms: impl std::borrow::Borrow<i64>) -> String {
    coachkit_domain::time::day_label(coachkit_domain::time::Millis(*ms.borrow()))
}

/// "21 Nov 2026": the day a moment fell on in the viewer's zone (when a reflection was written,
/// the day of a session), where the time of day would be noise.
pub fn day(ms: impl std::borrow::Borrow<i64>, zone: &Zone) -> String {
    zone.date(coachkit_domain::time::Millis(*ms.borrow()))
}

/// "21 Nov 2026 15:05 CET" from milliseconds, in the viewer's zone: the one function through
/// which pages write a moment (handlers pass `actor.user.zone()`, templates call `nav.at`).
pub fn date_time(ms: impl std::borrow::Borrow<i64>, zone: &Zone) -> String {
    zone.date_time(coachkit_domain::time::Millis(*ms.borrow()))
}

#[cfg(test)]
mod tests {
    use coachkit_domain::time::Zone;

    #[test]
    fn formats() {
        assert_eq!(super::calendar_date(0), "1 Jan 1970");
        let auckland = Zone::parse("Pacific/Auckland").unwrap();
        // 1 Jan 1970 12:00 UTC is already the 2nd in Auckland; a calendar date stays the 1st.
        assert_eq!(super::day(43_200_000, &auckland), "2 Jan 1970");
        assert_eq!(super::calendar_date(43_200_000), "1 Jan 1970");
        assert_eq!(super::date_time(90_061_000, &Zone::utc()), "2 Jan 1970 01:01 UTC");
        let paris = Zone::parse("Europe/Paris").unwrap();
        assert_eq!(super::date_time(90_061_000, &paris), "2 Jan 1970 02:01 CET");
        assert_eq!(super::url_encode("/a b?c=d&e"), "%2Fa+b%3Fc%3Dd%26e");
    }
}
