//! An HTTP client for tests: its own cookie jar (one person), helpers for our forms and JSON.

use reqwest::{Response, StatusCode};
use serde_json::Value;

pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
}

impl Client {
    pub fn new(base: &str) -> Self {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("reqwest client");
        Self { base: base.to_owned(), http }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.http.get(self.url(path)).send().await.expect("GET")
    }

    /// GETs a page and returns its body, asserting the status.
    pub async fn page(&self, path: &str, expected: StatusCode) -> String {
        let r = self.get(path).await;
        let status = r.status();
        let body = r.text().await.expect("body");
        assert_eq!(status, expected, "GET {path}: {body}");
        body
    }

    /// The CSRF token of the first form on a page.
    pub async fn csrf_from(&self, path: &str) -> String {
        let body = self.page(path, StatusCode::OK).await;
        csrf_in(&body).unwrap_or_else(|| panic!("no csrf field on {path}"))
    }

    /// Posts a form as a browser would, with the CSRF token taken from `form_page`.
    pub async fn submit(&self, form_page: &str, action: &str, fields: &[(&str, &str)]) -> Response {
        let csrf = self.csrf_from(form_page).await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.http.post(self.url(action)).form(&all).send().await.expect("POST form")
    }

    /// Posts a form exactly as given (to test missing or stale CSRF tokens).
    pub async fn post_form_raw(&self, action: &str, fields: &[(&str, &str)]) -> Response {
        self.http.post(self.url(action)).form(fields).send().await.expect("POST form")
    }

    pub async fn json(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> (StatusCode, Value) {
        let mut req = self.http.request(method, self.url(path));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await.expect("JSON request");
        let status = r.status();
        let text = r.text().await.expect("body");
        let value =
            if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
        (status, value)
    }

    /// Signs up through the page, leaving this client signed in.
    pub async fn sign_up(&self, name: &str, email: &str, password: &str) {
        let r = self
            .submit("/signup", "/signup", &[("display_name", name), ("email", email), ("password", password)])
            .await;
        assert_eq!(
            r.status(),
            StatusCode::SEE_OTHER,
            "sign-up of {email} failed: {}",
            r.text().await.unwrap_or_default()
        );
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Response {
        self.submit("/signin", "/signin", &[("email", email), ("password", password)]).await
    }

    /// The signed-in person's CSRF token for JSON calls, from `GET /api/v1/me`.
    pub async fn api_csrf(&self) -> String {
        let (status, me) = self.json(reqwest::Method::GET, "/api/v1/me", None, &[]).await;
        assert_eq!(status, StatusCode::OK, "{me}");
        me["csrf_token"].as_str().expect("csrf_token").to_owned()
    }
}

/// Finds `name="csrf" value="..."` in a page.
pub fn csrf_in(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    let rest = &html[at..];
    Some(rest[..rest.find('"')?].to_owned())
}
