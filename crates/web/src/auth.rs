//! Who is asking, and CSRF protection.
//!
//! The `resolve_actor` middleware turns a session cookie or a `Bearer` API token into an `Actor`
//! once per request. Extractors then demand what each handler needs: `PageActor` sends a signed-out
//! visitor to sign-in, `ApiActor` answers 401, `MaybeActor` accepts both. Every state-changing form
//! is read through `CsrfForm`, which refuses it unless it carries the session's CSRF token (or,
//! before sign-in, the token of the `ck_csrf` cookie).

use crate::error::{ApiError, PageError};
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::{HeaderMap, Method, StatusCode, request::Parts};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use coachkit_app::Actor;
use serde::de::DeserializeOwned;
use std::net::SocketAddr;
use std::sync::Arc;

pub const SESSION_COOKIE: &str = "ck_session";
pub const PRE_SESSION_CSRF_COOKIE: &str = "ck_csrf";

/// How the actor proved who they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthMethod {
    Session,
    Token,
}

/// The resolved identity, stored in request extensions by `resolve_actor`: the auth cache's own
/// shared value, so layers pass it on without copying the person.
#[derive(Clone, Debug)]
pub struct Resolved(pub Option<(Arc<Actor>, AuthMethod)>);

/// The client's address, for per-address limits.
#[derive(Clone, Debug)]
pub struct ClientAddr(pub String);

pub async fn resolve_actor(
    axum::extract::State(state): axum::extract::State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let addr = client_addr(&request, state.web.trust_forwarded_for);
    request.extensions_mut().insert(ClientAddr(addr));
    let jar = CookieJar::from_headers(request.headers());
    let bearer = request
        .headers()
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned);
    let resolved = if let Some(token) = bearer {
        state.app.shared_actor_from_token(&token).await.map(|a| a.map(|a| (a, AuthMethod::Token)))
    } else if let Some(cookie) = jar.get(SESSION_COOKIE) {
        state.app.shared_actor_from_session(cookie.value()).await.map(|a| a.map(|a| (a, AuthMethod::Session)))
    } else {
        Ok(None)
    };
    match resolved {
        Ok(r) => {
            request.extensions_mut().insert(Resolved(r));
            next.run(request).await
        }
        Err(e) => {
            let json = request.uri().path().starts_with("/api/");
            if json { ApiError::from(e).into_response() } else { PageError::from(e).into_response() }
        }
    }
}

fn client_addr(request: &Request, trust_forwarded: bool) -> String {
    if trust_forwarded
        && let Some(first) =
            request.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok()).and_then(|v| v.split(',').next())
    {
        return first.trim().to_owned();
    }
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn resolved(parts: &Parts) -> Option<(Actor, AuthMethod)> {
    parts.extensions.get::<Resolved>().and_then(|r| r.0.as_ref()).map(|(a, m)| (Actor::clone(a), *m))
}

/// Signed in or not.
pub struct MaybeActor(pub Option<Actor>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeActor {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeActor(resolved(parts).map(|(a, _)| a)))
    }
}

/// A signed-in person on a page; anyone else is sent to sign in and brought back.
pub struct PageActor(pub Actor);

impl<S: Send + Sync> FromRequestParts<S> for PageActor {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match resolved(parts) {
            Some((a, _)) => Ok(PageActor(a)),
            None => {
                let next = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/").to_owned();
                let next = if parts.method == Method::GET { next } else { "/".into() };
                Err(PageError::SignIn { next })
            }
        }
    }
}

/// A signed-in caller of the API. A cookie-authenticated call that changes something must also
/// send the session's CSRF token in `X-CSRF-Token`; token-authenticated calls need not (a browser
/// never attaches a bearer token on its own).
pub struct ApiActor(pub Actor);

impl<S: Send + Sync> FromRequestParts<S> for ApiActor {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some((actor, method)) = resolved(parts) else {
            return Err(coachkit_app::AppError::Unauthorized("sign in or send an API token").into());
        };
        if method == AuthMethod::Session && !parts.method.is_safe() {
            let sent = parts.headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).unwrap_or("");
            let expected = actor.csrf_token.as_deref().unwrap_or("");
            if expected.is_empty() || !constant_time_eq(sent, expected) {
                return Err(ApiError::BadRequest(
                    StatusCode::FORBIDDEN,
                    "send the X-CSRF-Token header from GET /api/v1/me with cookie-authenticated changes".into(),
                ));
            }
        }
        Ok(ApiActor(actor))
    }
}

pub(crate) fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A form that changes something, accepted only with a matching CSRF token.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = PageError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let expected = match req.extensions().get::<Resolved>().and_then(|r| r.0.as_ref()) {
            Some((actor, _)) => actor.csrf_token.clone().unwrap_or_default(),
            None => CookieJar::from_headers(req.headers())
                .get(PRE_SESSION_CSRF_COOKIE)
                .map(|c| c.value().to_owned())
                .unwrap_or_default(),
        };
        let body = axum::body::to_bytes(req.into_body(), state.web.max_body_bytes).await.map_err(|_| {
            PageError::BadRequest(StatusCode::PAYLOAD_TOO_LARGE, "That form was larger than we accept.".into())
        })?;
        let sent = form_urlencoded_value(&body, "csrf").unwrap_or_default();
        if expected.is_empty() || !constant_time_eq(&sent, &expected) {
            return Err(PageError::BadRequest(
                StatusCode::FORBIDDEN,
                "This form has expired or did not come from this site. Go back, reload the page and try again.".into(),
            ));
        }
        serde_urlencoded::from_bytes(&body)
            .map(CsrfForm)
            .map_err(|_| PageError::bad_request("That form was incomplete or malformed. Go back and try again."))
    }
}

fn form_urlencoded_value(body: &[u8], key: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

/// The token for signed-out forms: reuses the visitor's `ck_csrf` cookie or sets a new one.
pub fn pre_session_csrf(jar: CookieJar, state: &AppState) -> (CookieJar, String) {
    if let Some(c) = jar.get(PRE_SESSION_CSRF_COOKIE)
        && c.value().len() == 64
    {
        let v = c.value().to_owned();
        return (jar, v);
    }
    let mut bytes = [0u8; 32];
    rand_bytes(&mut bytes);
    let token = coachkit_domain::capability::Secret::from_random_bytes(bytes).expose().to_owned();
    let cookie = Cookie::build((PRE_SESSION_CSRF_COOKIE, token.clone()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.web.secure_cookies)
        .build();
    (jar.add(cookie), token)
}

fn rand_bytes(buf: &mut [u8; 32]) {
    // uuid's v4 generator draws from the OS random source; two of them make 32 bytes.
    buf[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    buf[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
}

/// The session cookie for a new sign-in.
pub fn session_cookie(secret: &str, state: &AppState) -> Cookie<'static> {
    Cookie::build((SESSION_COOKIE, secret.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.web.secure_cookies)
        .max_age(time::Duration::hours(state.app.config.session_ttl_hours))
        .build()
}

/// Removes the session cookie.
pub fn clear_session(jar: CookieJar) -> CookieJar {
    jar.remove(Cookie::build(SESSION_COOKIE).path("/"))
}

/// Where to go after signing in: only a path on this site ("/x", never "//host" or "http://...").
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\") && !n.contains("://") => {
            n.to_owned()
        }
        _ => "/".into(),
    }
}

/// Refuses unsafe requests whose `Origin` names another site (a second line of defence beside
/// tokens and SameSite cookies).
pub fn origin_matches(method: &Method, headers: &HeaderMap) -> bool {
    if method.is_safe() {
        return true;
    }
    let Some(origin) = headers.get(axum::http::header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    if origin == "null" {
        return false;
    }
    let host = headers.get(axum::http::header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    origin.split_once("://").map(|(_, h)| h) == Some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_is_same_origin_only() {
        assert_eq!(safe_next(Some("/dashboard?x=1")), "/dashboard?x=1");
        for bad in ["//evil.example", "https://evil.example", "/\\evil", "evil", "/x?u=http://evil"] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn origin_check() {
        let mut h = HeaderMap::new();
        h.insert("host", "127.0.0.1:8080".parse().unwrap());
        assert!(origin_matches(&Method::POST, &h));
        h.insert("origin", "http://127.0.0.1:8080".parse().unwrap());
        assert!(origin_matches(&Method::POST, &h));
        h.insert("origin", "http://evil.example".parse().unwrap());
        assert!(!origin_matches(&Method::POST, &h));
        assert!(origin_matches(&Method::GET, &h));
    }

    #[test]
    fn constant_time_compare() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }
}
