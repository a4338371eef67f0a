//! Inviting coaches and mentors, answering, ending, and what each party sees.

use crate::{PW, on_each_backend};
use coachkit_app::Actor;
use coachkit_domain::account::{DisplayName, Email, Password};
use coachkit_testkit::TestApp;
use reqwest::StatusCode;

/// An account made directly through the app (quicker than the pages when the page is not the point).
pub async fn account(app: &TestApp, name: &str, email: &str) -> Actor {
    let user = app
        .app
        .create_account(
            &Email::parse(email).unwrap(),
            &DisplayName::parse(name).unwrap(),
            Password::parse_new(PW).unwrap(),
            false,
        )
        .await
        .unwrap();
    Actor { user, csrf_token: None, session_hash: None }
}

fn secret_of(link: &str) -> String {
    link.rsplit('/').next().unwrap().to_owned()
}

#[tokio::test]
async fn invite_a_mentor_by_email_who_accepts_on_the_dashboard() {
    on_each_backend(|app| async move {
        let leader = app.client();
        leader.sign_up("Priya", "priya@example.org", PW).await;
        let mentor = app.client();
        mentor.sign_up("Tomasz", "tomasz@example.org", PW).await;

        let r = leader
            .submit(
                "/relationships/new",
                "/relationships/new",
                &[("kind", "mentoring"), ("email", "Tomasz@example.org"), ("message", "Monthly, for a year?")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let body = r.text().await.unwrap();
        assert!(body.contains("Invitation for Tomasz created."), "the confirmation names who: {body}");
        assert!(body.contains("waits in the outbox and has not been sent"), "no mail server in tests: {body}");
        assert!(!body.contains("gone to the mail server"));
        let mail = app.app.store.mail_to("tomasz@example.org").await.unwrap();
        assert_eq!(mail.len(), 1);
        assert!(mail[0].subject.contains("Priya invites you to be their mentor"));
        assert!(mail[0].body.contains(&format!("{}/invite/", app.base_url)));

        let dash = mentor.page("/dashboard", StatusCode::OK).await;
        assert!(dash.contains("<strong>Priya</strong> invites you to be their mentor"), "{dash}");
        assert!(dash.contains("Monthly, for a year?"));
        let rels = app.app.relationships(&account_of(&app, "tomasz@example.org").await).await.unwrap();
        let id = rels[0].id.to_string();
        let r = mentor.submit("/dashboard", &format!("/relationships/{id}/accept"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = leader.page(&format!("/relationships/{id}"), StatusCode::OK).await;
        assert!(page.contains("status active"), "{page}");
        assert!(page.contains("<title>You and Tomasz · coachkit</title>"), "the title is the title, nothing more");
        assert!(page.contains("Tomasz"));

        // Accepting twice is a clear conflict, not a 500.
        let r = mentor.submit("/dashboard", &format!("/relationships/{id}/accept"), &[]).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        app.stop().await;
    })
    .await;
}

async fn account_of(app: &TestApp, email: &str) -> Actor {
    let user = app.app.store.user_by_email(email).await.unwrap().unwrap();
    Actor { user, csrf_token: None, session_hash: None }
}

#[tokio::test]
async fn invite_by_link_answered_by_someone_who_signs_up_first() {
    on_each_backend(|app| async move {
        let leader = account(&app, "Marcus", "marcus@example.org").await;
        let form = coachkit_app::InviteInput { kind: "coaching".into(), name: "Helen".into(), ..Default::default() };
        let outcome = app.app.invite_for(&leader, &form).await.unwrap();
        assert!(app.app.store.mail_to("").await.unwrap().is_empty());
        let path = format!("/invite/{}", secret_of(&outcome.link));

        let coach = app.client();
        let page = coach.page(&path, StatusCode::OK).await;
        assert!(page.contains("Marcus invites you to be their coach"));
        assert!(page.contains("create an account"), "a visitor is offered sign-up with a way back");

        coach.sign_up("Helen", "helen@example.org", PW).await;
        let r = coach.submit(&path, &path, &[("answer", "accept")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let rel = app.app.relationship(&leader, &outcome.relationship.id).await.unwrap();
        assert_eq!(rel.status.as_str(), "active");
        assert_eq!(rel.coach_name.as_deref(), Some("Helen"));

        // The link is spent: a second person cannot use it.
        let other = app.client();
        other.sign_up("Mallory", "mallory@example.org", PW).await;
        assert_eq!(other.get(&path).await.status(), StatusCode::NOT_FOUND);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn an_invitation_sent_to_one_account_cannot_be_taken_by_another() {
    on_each_backend(|app| async move {
        let leader = account(&app, "Ann", "ann@example.org").await;
        account(&app, "Ben", "ben@example.org").await;
        let outcome = app.app.invite(&leader, "mentoring", "ben@example.org", "").await.unwrap();
        let path = format!("/invite/{}", secret_of(&outcome.link));
        let other = app.client();
        other.sign_up("Cat", "cat@example.org", PW).await;
        let r = other.submit(&path, &path, &[("answer", "accept")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let rel = app.app.relationship(&leader, &outcome.relationship.id).await.unwrap();
        assert_eq!(rel.status.as_str(), "pending");
        // Nor can the leader accept their own invitation.
        let me = app.client();
        me.sign_in("ann@example.org", PW).await;
        let r = me.submit(&path, &path, &[("answer", "accept")]).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn decline_withdraw_and_end() {
    on_each_backend(|app| async move {
        let leader = account(&app, "Dee", "dee@example.org").await;
        let coach = account(&app, "Eli", "eli@example.org").await;
        let declined = app.app.invite(&leader, "coaching", "eli@example.org", "").await.unwrap();
        let c = app.client();
        c.sign_in("eli@example.org", PW).await;
        let r = c.submit("/dashboard", &format!("/relationships/{}/decline", declined.relationship.id), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.app.relationship(&leader, &declined.relationship.id).await.unwrap().status.as_str(), "declined");
        assert_eq!(
            c.get(&format!("/invite/{}", secret_of(&declined.link))).await.status(),
            StatusCode::NOT_FOUND,
            "a declined invitation's link stops working"
        );

        let active = app.app.invite(&leader, "coaching", "eli@example.org", "").await.unwrap();
        app.app
            .change_relationship(&coach, &active.relationship.id, coachkit_domain::relationship::Transition::Accept)
            .await
            .unwrap();
        let r = c.submit("/dashboard", &format!("/relationships/{}/end", active.relationship.id), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = c.page(&format!("/relationships/{}", active.relationship.id), StatusCode::OK).await;
        assert!(page.contains("has ended"), "ended relationships stay readable: {page}");
        assert!(!page.contains("/end\""), "and offer no more changes");
        let r = c.submit("/dashboard", &format!("/relationships/{}/accept", active.relationship.id), &[]).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn invite_form_errors_are_shown_and_nothing_is_created() {
    on_each_backend(|app| async move {
        let c = app.client();
        c.sign_up("Fin", "fin@example.org", PW).await;
        let long = "x".repeat(1001);
        let r = c
            .submit(
                "/relationships/new",
                "/relationships/new",
                &[("kind", "therapy"), ("email", "nope"), ("message", long.as_str())],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        assert!(body.contains("must be coaching or mentoring"));
        assert!(body.contains("id=\"email-error\""));
        assert!(body.contains("id=\"message-error\""));
        let r = c
            .submit("/relationships/new", "/relationships/new", &[("kind", "mentoring"), ("email", "fin@example.org")])
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "inviting yourself");
        let me = account_of(&app, "fin@example.org").await;
        assert!(app.app.relationships(&me).await.unwrap().is_empty());
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn an_empty_invitation_form_is_refused_and_saves_nothing() {
    on_each_backend(|app| async move {
        let leader = app.client();
        leader.sign_up("Priya", "priya@example.org", PW).await;
        let me = account_of(&app, "priya@example.org").await;
        for fields in [&[("kind", "mentoring")][..], &[("kind", "coaching"), ("email", " "), ("name", "  ")][..]] {
            let r = leader.submit("/relationships/new", "/relationships/new", fields).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
            let body = r.text().await.unwrap();
            assert!(body.contains("Nothing was saved: say whom the invitation is for"), "{body}");
            assert!(body.contains("E-mail or their name is needed"), "the message sits by the field: {body}");
        }
        assert!(app.app.relationships(&me).await.unwrap().is_empty(), "no invitation was made");
        let csrf = leader.api_csrf().await;
        let body = Some(serde_json::json!({"kind": "coaching"}));
        let (status, answer) =
            leader.json(reqwest::Method::POST, "/api/v1/relationships", body, &[("X-CSRF-Token", &csrf)]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert!(app.app.relationships(&me).await.unwrap().is_empty(), "nor through the API");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_link_only_invitation_shows_whom_it_is_for_until_answered() {
    on_each_backend(|app| async move {
        let leader = app.client();
        leader.sign_up("Priya", "priya@example.org", PW).await;
        let r = leader
            .submit("/relationships/new", "/relationships/new", &[("kind", "coaching"), ("name", "Sam Okafor")])
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let body = r.text().await.unwrap();
        assert!(
            body.contains("<strong>Invitation for Sam Okafor created.</strong> Hand this link to them yourself"),
            "{body}"
        );
        let dash = leader.page("/dashboard", StatusCode::OK).await;
        assert!(dash.contains("Your invitation to <strong>Sam Okafor</strong>"), "{dash}");
        assert!(!dash.contains("not yet answered"));
        let me = account_of(&app, "priya@example.org").await;
        let rels = app.app.relationships(&me).await.unwrap();
        assert_eq!(rels.len(), 1);
        assert_eq!(rels[0].invitee_name.as_deref(), Some("Sam Okafor"));
        let page = leader.page(&format!("/relationships/{}", rels[0].id), StatusCode::OK).await;
        assert!(page.contains("Sam Okafor") && !page.contains("not yet answered"), "{page}");
        app.stop().await;
    })
    .await;
}

/// The relationship list is kept a few seconds per person (the store's list cache); every change
/// made through this instance must show in the very next read: a new invitation, an answer, the
/// other party's new name, an ending, an account deleted.
#[tokio::test]
async fn the_relationship_list_shows_every_change_at_once() {
    on_each_backend(|app| async move {
        let leader = account(&app, "Lena Leader", "lena@example.org").await;
        let coach = account(&app, "Carl Coach", "carl@example.org").await;
        let web = app.client();
        assert_eq!(web.sign_in("lena@example.org", PW).await.status(), StatusCode::SEE_OTHER);
        let list = || async {
            let (status, body) = web.json(reqwest::Method::GET, "/api/v1/relationships", None, &[]).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            body.as_array().cloned().unwrap_or_default()
        };
        assert!(list().await.is_empty()); // read once: the empty list is now cached

        let invite = app.app.invite(&leader, "coaching", "carl@example.org", "").await.unwrap();
        let rows = list().await;
        assert_eq!(rows.len(), 1, "the new invitation shows at once");
        assert_eq!(rows[0]["status"], "pending");

        let id = invite.relationship.id.clone();
        app.app.change_relationship(&coach, &id, coachkit_domain::relationship::Transition::Accept).await.unwrap();
        assert_eq!(list().await[0]["status"], "active", "the answer shows at once");

        app.app.update_profile(&coach, "Carl Renamed", "").await.unwrap();
        assert_eq!(list().await[0]["coach_name"], "Carl Renamed", "the other party's new name shows at once");

        app.app.change_relationship(&coach, &id, coachkit_domain::relationship::Transition::End).await.unwrap();
        assert_eq!(list().await[0]["status"], "ended", "the ending shows at once");

        app.app
            .delete_account(coachkit_app::Leaver::Themselves(&coach), &coach.id(), "carl@example.org")
            .await
            .unwrap();
        let after = list().await;
        assert_ne!(after[0]["coach_name"], "Carl Renamed", "the deleted account's name is gone at once: {after:?}");
        app.stop().await;
    })
    .await;
}
