//! Organisations through the pages.

use crate::relationships::account;
use crate::{PW, on_each_backend};
use reqwest::StatusCode;

#[tokio::test]
async fn create_add_members_and_keep_an_admin() {
    on_each_backend(|app| async move {
        account(&app, "Idris", "idris@example.org").await;
        let c = app.client();
        c.sign_up("Joanna", "joanna@example.org", PW).await;
        let r = c.submit("/orgs", "/orgs", &[("name", "Harbourside Housing Trust")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let path = r.headers()["location"].to_str().unwrap().to_owned();
        let page = c.page(&path, StatusCode::OK).await;
        assert!(page.contains("Harbourside Housing Trust"));

        let r = c
            .submit(&path, &format!("{path}/members"), &[("email", "idris@example.org"), ("role", "facilitator")])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r =
            c.submit(&path, &format!("{path}/members"), &[("email", "ghost@example.org"), ("role", "member")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("has no account here yet"));
        let r =
            c.submit(&path, &format!("{path}/members"), &[("email", "idris@example.org"), ("role", "overlord")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

        let me = app.app.store.user_by_email("joanna@example.org").await.unwrap().unwrap();
        let r = c.submit(&path, &format!("{path}/members/{}/remove", me.id), &[]).await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "the last admin cannot leave");
        assert!(r.text().await.unwrap().contains("at least one admin"));

        let idris = app.app.store.user_by_email("idris@example.org").await.unwrap().unwrap();
        let r = c.submit(&path, &format!("{path}/members/{}/remove", idris.id), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = c.page(&path, StatusCode::OK).await;
        assert!(!page.contains("Idris"));

        let r = c.submit("/orgs", "/orgs", &[("name", "")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.app.store.list_orgs().await.unwrap().len(), 1);
        app.stop().await;
    })
    .await;
}
