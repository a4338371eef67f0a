//! Probes, metrics, headers, and how the server fails.

use crate::{PW, on_each_backend};
use reqwest::StatusCode;

#[tokio::test]
async fn probes_and_metrics() {
    on_each_backend(|app| async move {
        let c = app.client();
        assert_eq!(c.page("/healthz", StatusCode::OK).await, "ok");
        assert_eq!(c.page("/readyz", StatusCode::OK).await, "ready");
        c.page("/signin", StatusCode::OK).await;
        // A route inside the nested API, refused before its handler: still named by its template.
        let r = c.get("/api/v1/relationships/0190a3b2-1c2d-7e8f-9a0b-1c2d3e4f5a6b").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        c.page("/no/such/page", StatusCode::NOT_FOUND).await;
        let metrics = c.page("/metrics", StatusCode::OK).await;
        assert!(metrics.contains("http_requests_total"), "{metrics}");
        assert!(metrics.contains("route=\"/signin\""));
        let line = |route: &str, status: &str| {
            metrics.lines().any(|l| {
                l.starts_with("http_requests_total{")
                    && l.contains(&format!("route=\"{route}\""))
                    && l.contains(&format!("status=\"{status}\""))
            })
        };
        assert!(line("/api/v1/relationships/{id}", "401"), "{metrics}");
        assert!(line("unmatched", "404"), "{metrics}");
        let css = c.get("/static/app.css").await;
        assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_request_id() {
    on_each_backend(|app| async move {
        let r = app.client().get("/signin").await;
        let h = r.headers();
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["x-frame-options"], "DENY");
        assert_eq!(h["referrer-policy"], "same-origin");
        assert!(h["content-security-policy"].to_str().unwrap().contains("default-src 'self'"));
        assert!(h.contains_key("x-request-id"));
        let r = app.client().get("/no/such/page").await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert!(r.text().await.unwrap().contains("There is no page at this address"));
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn when_the_database_is_gone_people_see_a_request_id_not_internals() {
    on_each_backend(|app| async move {
        let c = app.client();
        c.sign_up("Lou", "lou@example.org", PW).await;
        app.app.store.close().await;
        assert_eq!(c.get("/readyz").await.status(), StatusCode::SERVICE_UNAVAILABLE);
        let r = c.get("/dashboard").await;
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let id = r.headers()["x-request-id"].to_str().unwrap().to_owned();
        let body = r.text().await.unwrap();
        assert!(body.contains(&id), "the page quotes the request id");
        for internal in ["pool", "sqlx", "closed", "database error", "SELECT"] {
            assert!(!body.contains(internal), "{internal} leaked: {body}");
        }
        let (status, json) = c.json(reqwest::Method::GET, "/api/v1/me", None, &[]).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(json["code"], "internal");
        assert!(json["message"].as_str().unwrap().contains("request id"));
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_practices_old_addresses_lead_to_their_own_pages() {
    on_each_backend(|app| async move {
        let c = app.client();
        c.sign_up("Pat", "pat@example.org", PW).await;
        for (old, new) in [
            ("/practices/journal", "/journal"),
            ("/practices/wheel", "/wheel"),
            ("/practices/learning-log", "/learning-log"),
            ("/practices/co-coaching", "/co-coaching"),
            ("/practices/advice", "/advice"),
        ] {
            let r = c.get(old).await;
            assert_eq!(r.status(), StatusCode::PERMANENT_REDIRECT, "{old}");
            assert_eq!(r.headers()["location"], new);
            // And the page it leads to is there, not a placeholder.
            assert_eq!(c.get(new).await.status(), StatusCode::OK, "{new}");
        }
        assert_eq!(c.get("/practices/nothing-here").await.status(), StatusCode::NOT_FOUND);
        app.stop().await;
    })
    .await;
}
