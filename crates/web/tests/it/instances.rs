//! Two app instances on one database, as behind a load balancer: nothing that matters lives in
//! one process's memory.

use crate::{PW, on_each_backend};
use coachkit_store::NewMail;
use coachkit_testkit::TestOptions;
use coachkit_testkit::client::csrf_in;
use reqwest::StatusCode;

#[tokio::test]
async fn a_session_from_one_instance_works_on_the_other_and_ends_everywhere() {
    on_each_backend(|app| async move {
        // The second instance keeps no sign-in cache, so a sign-out elsewhere shows there at once.
        let mut options = TestOptions::default();
        options.config.auth_cache_ttl_ms = 0;
        let other = app.another_instance(options).await;
        app.client().sign_up("Una", "una@example.org", PW).await;

        // Sign in on instance B, then present that session cookie to instance A.
        let b = other.client();
        let r = b.sign_in("una@example.org", PW).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let session = r
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("ck_session="))
            .and_then(|c| c.split(';').next())
            .unwrap()
            .to_owned();
        let a = app.client();
        let page = a.http.get(a.url("/dashboard")).header("cookie", &session).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK, "a session from instance B is honoured by instance A");
        let page = page.text().await.unwrap();
        assert!(page.contains("Hello, Una"));

        // Sign out through instance A; instance B refuses the session from then on.
        let csrf = csrf_in(&page).unwrap();
        let r = a
            .http
            .post(a.url("/signout"))
            .header("cookie", &session)
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = b.http.get(b.url("/dashboard")).header("cookie", &session).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "signed out everywhere");

        // The two instances' mail senders never claim the same message.
        for i in 0..20 {
            app.app
                .store
                .enqueue_mail(NewMail { to: &format!("m{i}@example.org"), subject: "s", body: "b" })
                .await
                .unwrap();
        }
        let (x, y) = tokio::join!(
            app.app.store.claim_due_mail("instance-a", 20, 60_000),
            other.app.store.claim_due_mail("instance-b", 20, 60_000)
        );
        let mut ids: Vec<String> = x.unwrap().into_iter().chain(y.unwrap()).map(|m| m.id).collect();
        let claimed = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!((claimed, ids.len()), (20, 20), "every message claimed once, by one instance");
        other.stop().await;
        app.stop().await;
    })
    .await;
}
