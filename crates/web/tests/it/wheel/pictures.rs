//! The picture's downloads: a valid SVG and a PNG, for those who may read the wheel only.

use super::{STORY, cast, client_for, finished};
use crate::on_each_backend;
use reqwest::StatusCode;

#[tokio::test]
async fn downloads_are_a_valid_svg_and_png_for_those_who_may_read_the_wheel() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let id = finished(&app, &c.leader, &STORY, &format!("relationship:{}", c.with_coach), "2026-09-01").await;
        for email in ["leader@example.org", "coach@example.org"] {
            let who = client_for(&app, email).await;
            let r = who.get(&format!("/wheel/assessments/{id}/wheel.svg")).await;
            assert_eq!(r.status(), StatusCode::OK);
            assert_eq!(r.headers()["content-type"], "image/svg+xml; charset=utf-8");
            assert!(r.headers()["content-disposition"].to_str().unwrap().contains("balance-wheel-2026-09-01.svg"));
            let svg = r.text().await.unwrap();
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.trim_end().ends_with("</svg>"));
            assert!(
                svg.contains("<title id=") && svg.contains("Balance wheel of Lena Leader") && svg.contains("<desc id=")
            );
            assert!(!svg.contains("<script"), "a picture never carries scripts");
            let r = who.get(&format!("/wheel/assessments/{id}/wheel.png")).await;
            assert_eq!(r.status(), StatusCode::OK);
            assert_eq!(r.headers()["content-type"], "image/png");
            let png = r.bytes().await.unwrap();
            assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "PNG magic bytes");
            assert!(png.len() > 10_000, "a real picture, not an empty one");
        }
        for email in ["other@example.org", "stranger@example.org", "admin@example.org"] {
            let who = client_for(&app, email).await;
            for file in ["wheel.svg", "wheel.png"] {
                let r = who.get(&format!("/wheel/assessments/{id}/{file}")).await;
                assert_eq!(r.status(), StatusCode::NOT_FOUND, "{email} {file}");
            }
        }
        let r = app.client().get(&format!("/wheel/assessments/{id}/wheel.png")).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "signed out: to the sign-in page");
        app.stop().await;
    })
    .await;
}
