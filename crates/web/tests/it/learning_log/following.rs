//! Who follows a programme besides its creator: a co-facilitator added by the e-mail of their
//! account, and the facilitators of the organisation the programme belongs to. Both see the
//! cohort and a shared pack; an organisation's admin and its plain members do not.

use super::{Person, cast, held_session, join, programme};
use crate::on_each_backend;
use crate::relationships::account;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn co_facilitators_and_the_organisations_facilitators_follow_a_programme() {
    on_each_backend(|app| async move {
        let c = cast(&app).await;
        let olga_row = app.app.store.user_by_email("olga@example.org").await.unwrap().expect("olga, from the cast");
        let olga = coachkit_app::Actor { user: olga_row, csrf_token: None, session_hash: None };
        account(&app, "Flo Orgfac", "flo@example.org").await;
        account(&app, "Max Member", "max@example.org").await;
        account(&app, "Cora Cofac", "cora@example.org").await;
        let org = coachkit_domain::OrgId::from_trusted(c.org_id.clone());
        app.app.set_member(&olga, &org, "flo@example.org", "facilitator").await.unwrap();
        app.app.set_member(&olga, &org, "max@example.org", "member").await.unwrap();

        let fay = Person::sign_in(&app, "fay@example.org").await;
        let pia = Person::sign_in(&app, "pia@example.org").await;
        let id = programme(&fay, "Spring cohort", json!({"org_id": c.org_id})).await;
        join(&fay, &id, &[&pia]).await;
        held_session(&pia, &id, -2, json!({"coachee_name": "Jo"}), "Delegating the rota", "zqfollownote").await;

        // Cora is added through the page's form, by the e-mail of her account.
        let page = fay.client.page(&format!("/learning-log/{id}"), StatusCode::OK).await;
        assert!(page.contains("Add a facilitator"), "the cohort page offers it");
        let r = fay
            .client
            .submit(
                &format!("/learning-log/{id}"),
                &format!("/learning-log/{id}/facilitators"),
                &[("email", "cora@example.org")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        // Nobody by that address: refused on the page, nothing added.
        let r = fay
            .client
            .submit(
                &format!("/learning-log/{id}"),
                &format!("/learning-log/{id}/facilitators"),
                &[("email", "nobody@example.org")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("has no account here yet"));
        assert!(
            app.app
                .store
                .mail_to("cora@example.org")
                .await
                .unwrap()
                .iter()
                .any(|m| m.subject.contains("Spring cohort"))
        );

        let cohort = format!("/learning-log/programmes/{id}");
        let pack = format!("/learning-log/programmes/{id}/participants/{}/pack", pia.id);
        let cora = Person::sign_in(&app, "cora@example.org").await;
        let flo = Person::sign_in(&app, "flo@example.org").await;
        let olga_p = Person::sign_in(&app, "olga@example.org").await;
        let max = Person::sign_in(&app, "max@example.org").await;
        for (who, follows) in [(&cora, true), (&flo, true), (&olga_p, false), (&max, false)] {
            let (status, body) = who.call(Method::GET, &cohort, None).await;
            if follows {
                assert_eq!(status, StatusCode::OK, "{body}");
                assert_eq!(body["participants"][0]["held"], 1);
            } else {
                assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
            }
            assert!(!body.to_string().contains("zqfollownote"));
            // Nobody reads the pack before it is shared.
            let (status, body) = who.call(Method::GET, &pack, None).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        }
        pia.no_content(Method::PUT, &format!("/learning-log/programmes/{id}/share"), Some(json!({"shared": true})))
            .await;
        for (who, reads) in [(&cora, true), (&flo, true), (&olga_p, false), (&max, false)] {
            let (status, body) = who.call(Method::GET, &pack, None).await;
            if reads {
                assert_eq!(status, StatusCode::OK, "{body}");
                assert!(body.to_string().contains("zqfollownote"));
            } else {
                assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
            }
        }
        // The participant is told who may read it: every one of them.
        let log = pia.get(&format!("/learning-log/programmes/{id}/log")).await;
        let names = log["facilitators"].to_string();
        for n in ["Fay Facilitator", "Cora Cofac", "Flo Orgfac"] {
            assert!(names.contains(n), "{n} in {names}");
        }
        assert!(!names.contains("Olga"));
    })
    .await;
}
