//! Sign-up, sign-in, sign-out, passwords and resets, through the pages.

use crate::{PW, on_each_backend};
use reqwest::StatusCode;

#[tokio::test]
async fn sign_up_signs_in_and_renews_nothing_it_should_not() {
    on_each_backend(|app| async move {
        let c = app.client();
        c.sign_up("Ada Lovelace", "ada@example.org", PW).await;
        let body = c.page("/dashboard", StatusCode::OK).await;
        assert!(body.contains("Hello, Ada Lovelace"));
        let user = app.app.store.user_by_email("ada@example.org").await.unwrap().unwrap();
        assert_eq!(user.handle, "ada-lovelace");
        assert!(user.password_hash.starts_with("$argon2id$"), "passwords are stored as argon2id hashes");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn bad_sign_up_shows_errors_by_the_fields_and_saves_nothing() {
    on_each_backend(|app| async move {
        let c = app.client();
        let r = c
            .submit("/signup", "/signup", &[("display_name", "Ada"), ("email", "not-an-email"), ("password", "short")])
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        assert!(body.contains("id=\"email-error\""), "{body}");
        assert!(body.contains("id=\"password-error\""));
        assert!(body.contains("value=\"Ada\""), "what was typed is kept");
        assert_eq!(app.app.store.count_users().await.unwrap(), 0);

        // The same e-mail twice (in another case): refused at the field, one account only.
        c.sign_up("Ada", "ada@example.org", PW).await;
        let other = app.client();
        let r = other
            .submit(
                "/signup",
                "/signup",
                &[("display_name", "Imposter"), ("email", "ADA@example.org"), ("password", PW)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("already has an account"));
        assert_eq!(app.app.store.count_users().await.unwrap(), 1);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn sign_in_sign_out_and_wrong_passwords() {
    on_each_backend(|app| async move {
        app.client().sign_up("Bo", "bo@example.org", PW).await;
        let c = app.client();
        let r = c.sign_in("bo@example.org", "wrong password").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert!(r.text().await.unwrap().contains("do not match an account"));
        let r = c.sign_in("nobody@example.org", PW).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "unknown accounts get the same answer");

        let r = c.sign_in("BO@example.org", PW).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let cookie =
            r.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect::<Vec<_>>();
        let session = cookie.iter().find(|c| c.starts_with("ck_session=")).expect("session cookie");
        assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"), "{session}");
        c.page("/dashboard", StatusCode::OK).await;

        let r = c.submit("/dashboard", "/signout", &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = c.get("/dashboard").await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(r.headers()["location"], "/signin?next=%2Fdashboard");
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn each_sign_in_gets_a_new_session_and_old_ones_stay_separate() {
    on_each_backend(|app| async move {
        app.client().sign_up("Cy", "cy@example.org", PW).await;
        let a = app.client();
        let b = app.client();
        a.sign_in("cy@example.org", PW).await;
        b.sign_in("cy@example.org", PW).await;
        let (ta, tb) = (a.api_csrf().await, b.api_csrf().await);
        assert_ne!(ta, tb, "two sign-ins are two sessions");
        a.submit("/dashboard", "/signout", &[]).await;
        b.page("/dashboard", StatusCode::OK).await;
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn repeated_failures_are_rate_limited_per_account() {
    on_each_backend(|app| async move {
        app.client().sign_up("Di", "di@example.org", PW).await;
        let c = app.client();
        for _ in 0..5 {
            assert_eq!(c.sign_in("di@example.org", "nope nope nope").await.status(), StatusCode::UNAUTHORIZED);
        }
        // Even the right password waits now: the limit is on the account, not the guess.
        let r = c.sign_in("di@example.org", PW).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(r.text().await.unwrap().contains("wait 15 minutes"));
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn forms_without_a_valid_csrf_token_are_refused_and_change_nothing() {
    on_each_backend(|app| async move {
        let c = app.client();
        c.sign_up("Eve", "eve@example.org", PW).await;
        for fields in [vec![("display_name", "Hacked")], vec![("display_name", "Hacked"), ("csrf", "stale")]] {
            let r = c.post_form_raw("/settings/profile", &fields).await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN);
            assert!(r.text().await.unwrap().contains("reload the page"));
        }
        let r = c
            .http
            .post(c.url("/signup"))
            .form(&[("email", "x@example.org"), ("password", PW), ("display_name", "X")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "signed-out forms need the pre-session token too");
        let user = app.app.store.user_by_email("eve@example.org").await.unwrap().unwrap();
        assert_eq!(user.display_name, "Eve");
        assert_eq!(app.app.store.count_users().await.unwrap(), 1);

        // A form posted from another site is refused by its Origin even with a token.
        let csrf = c.csrf_from("/settings").await;
        let r = c
            .http
            .post(c.url("/settings/profile"))
            .header("origin", "http://evil.example")
            .form(&[("csrf", csrf.as_str()), ("display_name", "Hacked")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn change_password_signs_out_other_sessions() {
    on_each_backend(|app| async move {
        let a = app.client();
        a.sign_up("Fay", "fay@example.org", PW).await;
        let b = app.client();
        b.sign_in("fay@example.org", PW).await;
        let r = a
            .submit(
                "/settings",
                "/settings/password",
                &[("current_password", "wrong one!"), ("new_password", "another passphrase")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = a
            .submit(
                "/settings",
                "/settings/password",
                &[("current_password", PW), ("new_password", "another passphrase")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        a.page("/dashboard", StatusCode::OK).await;
        assert_eq!(b.get("/dashboard").await.status(), StatusCode::SEE_OTHER, "the other session ended");
        assert_eq!(app.client().sign_in("fay@example.org", "another passphrase").await.status(), StatusCode::SEE_OTHER);
        app.stop().await;
    })
    .await;
}

fn link_in(body: &str, prefix: &str) -> String {
    let at = body.find(prefix).expect("link in mail");
    body[at..].split_whitespace().next().unwrap().to_owned()
}

#[tokio::test]
async fn password_reset_by_mailed_single_use_link() {
    on_each_backend(|app| async move {
        app.client().sign_up("Gus", "gus@example.org", PW).await;
        let c = app.client();
        let r = c.submit("/reset", "/reset", &[("email", "gus@example.org")]).await;
        assert!(r.text().await.unwrap().contains("on its way"));
        let r = c.submit("/reset", "/reset", &[("email", "nobody@example.org")]).await;
        assert!(r.text().await.unwrap().contains("on its way"), "same answer for unknown addresses");
        assert!(app.app.store.mail_to("nobody@example.org").await.unwrap().is_empty());

        let mail = app.app.store.mail_to("gus@example.org").await.unwrap();
        assert_eq!(mail.len(), 1);
        let url = link_in(&mail[0].body, &format!("{}/reset/", app.base_url));
        let path = url.trim_start_matches(&app.base_url).to_owned();
        let r = c.submit(&path, &path, &[("password", "short")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = c.submit(&path, &path, &[("password", "brand new passphrase")]).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.text().await.unwrap().contains("Your password is set"));
        assert_eq!(c.get(&path).await.status(), StatusCode::NOT_FOUND, "the link works once");
        assert_eq!(
            app.client().sign_in("gus@example.org", "brand new passphrase").await.status(),
            StatusCode::SEE_OTHER
        );
        assert_eq!(app.client().sign_in("gus@example.org", PW).await.status(), StatusCode::UNAUTHORIZED);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn sign_in_redirects_only_to_this_site() {
    on_each_backend(|app| async move {
        app.client().sign_up("Hal", "hal@example.org", PW).await;
        for (next, expected) in [("/settings", "/settings"), ("//evil.example/x", "/"), ("https://evil.example", "/")] {
            let c = app.client();
            let csrf = c.csrf_from("/signin").await;
            let r = c
                .post_form_raw(
                    "/signin",
                    &[("csrf", csrf.as_str()), ("email", "hal@example.org"), ("password", PW), ("next", next)],
                )
                .await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
            assert_eq!(r.headers()["location"], expected, "next={next}");
        }
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn invite_only_instances_need_an_invitation_to_sign_up() {
    use coachkit_testkit::{TestOptions, spawn_app_with};
    for backend in coachkit_testkit::backends() {
        let mut options = TestOptions::default();
        options.config.signup = coachkit_app::SignupMode::InviteOnly;
        let app = spawn_app_with(backend, options).await;
        let c = app.client();
        let r = c
            .submit("/signup", "/signup", &[("display_name", "Ivy"), ("email", "ivy@example.org"), ("password", PW)])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.app.store.count_users().await.unwrap(), 0);

        // With an invitation link, the invited person can join.
        let leader = crate::relationships::account(&app, "Jo", "jo@example.org").await;
        let form = coachkit_app::InviteInput { kind: "mentoring".into(), name: "Ivy".into(), ..Default::default() };
        let invite = app.app.invite_for(&leader, &form).await.unwrap();
        let secret = invite.link.rsplit('/').next().unwrap().to_owned();
        let r = c
            .submit(
                "/signup",
                "/signup",
                &[("display_name", "Ivy"), ("email", "ivy@example.org"), ("password", PW), ("invite", secret.as_str())],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.app.store.count_users().await.unwrap(), 2);
        app.stop().await;
    }
}
