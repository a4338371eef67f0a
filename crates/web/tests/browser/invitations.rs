//! A leader invites a mentor, who accepts: from the dashboard (invited by e-mail, with an account
//! already) and through the invitation link's own page (signing in on the way).

use crate::{PW, on_each_backend, prefers_dark, sign_in, sign_up};
use coachkit_store::RelationshipRow;
use coachkit_testkit::TestApp;

const INVITE_SUBMIT: &str = "form[action='/relationships/new'] button[type=submit]";
const LINK_FIELD: &str = "textarea[aria-label='Invitation link']";

/// The one relationship `email` is a party to, as stored.
async fn only_relationship(app: &TestApp, email: &str) -> RelationshipRow {
    let user = app.app.store.user_by_email(email).await.unwrap().expect("account");
    let mut all = app.app.store.relationships_of(&user.user_id()).await.unwrap();
    assert_eq!(all.len(), 1, "{email} is in exactly one relationship");
    all.remove(0)
}

#[tokio::test]
async fn mentor_accepts_an_invitation_on_the_dashboard() {
    on_each_backend("invite-dashboard", |app, leader| async move {
        app.client().sign_up("Maya Mentor", "maya@example.org", PW).await;
        sign_up(&leader, "Lee Leader", "lee@example.org").await;

        leader.open("/relationships/new").await;
        leader.fill("#email", "maya@example.org").await;
        leader.click(INVITE_SUBMIT).await;
        let created = leader.wait_for(".alert.success[role=status]").await;
        // No mail server in tests: the page says the mail waits, and names who it is for.
        assert!(created.contains("Invitation for Maya Mentor created."), "{created}");
        assert!(created.contains("waits in the outbox") && !created.contains("e-mailed"), "{created}");
        let link = leader.value(LINK_FIELD).await;
        assert!(link.starts_with(&format!("{}/invite/", app.base_url)), "{link}");
        leader.screenshot_desktop_and_phone("invitation-created").await;
        let stored = only_relationship(&app, "lee@example.org").await;
        assert_eq!((stored.status.as_str(), stored.kind.as_str()), ("pending", "mentoring"));
        let maya = app.app.store.user_by_email("maya@example.org").await.unwrap().expect("account");
        assert_eq!(stored.coach_id.as_deref(), Some(maya.id.as_str()), "the invitation waits for Maya's account");

        let mentor = leader.another_person().await;
        mentor.open("/signin").await;
        sign_in(&mentor, "maya@example.org", "#next-heading").await;
        let next = mentor.wait_for("section[aria-labelledby=next-heading]").await;
        assert!(next.contains("Lee Leader invites you to be their mentor."), "{next}");
        mentor.screenshot_desktop_and_phone("mentor-dashboard").await;

        mentor.click("section[aria-labelledby=next-heading] form[action$='/accept'] button").await;
        mentor.wait_for("dl.facts").await;
        assert_eq!(mentor.path().await, format!("/relationships/{}", stored.id));
        assert_eq!(mentor.wait_for("h1").await, "Lee Leader and you");
        assert_eq!(mentor.texts("dl.facts .status").await, ["active"]);
        mentor.screenshot_desktop_and_phone("relationship-active").await;
        assert_eq!(only_relationship(&app, "maya@example.org").await.status, "active");

        // The leader's dashboard now lists Maya as an active mentor, and nothing is waiting.
        leader.open("/dashboard").await;
        let mine = leader.texts("section[aria-labelledby=rel-heading] li").await;
        assert_eq!(mine.len(), 1, "{mine:?}");
        assert!(mine[0].starts_with("Maya Mentor mentor active"), "her role, named as everywhere: {mine:?}");
        assert!(leader.wait_for("section[aria-labelledby=next-heading]").await.contains("Nothing is waiting for you."));
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn mentor_accepts_through_the_invitation_link() {
    on_each_backend("invite-link", |app, leader| async move {
        app.client().sign_up("Maya Mentor", "maya@example.org", PW).await;
        sign_up(&leader, "Lee Leader", "lee@example.org").await;

        // No address: the leader passes the link on themselves.
        leader.open("/relationships/new").await;
        leader.fill("#name", "Maya").await;
        leader.fill("#message", "Would you mentor me through my first year?").await;
        leader.click(INVITE_SUBMIT).await;
        let created = leader.wait_for(".alert.success[role=status]").await;
        assert!(created.contains("Invitation for Maya created. Hand this link to them yourself"), "{created}");
        let link = leader.value(LINK_FIELD).await;
        let secret_path = link.strip_prefix(&app.base_url).expect("the link points at this app").to_owned();
        assert!(secret_path.starts_with("/invite/"), "{link}");
        let stored = only_relationship(&app, "lee@example.org").await;
        assert_eq!((stored.status.as_str(), stored.coach_id.as_deref()), ("pending", None));

        // Maya opens the link signed out, signs in from it and is brought back to it. Her system
        // uses the dark theme, so these screenshots show that one.
        let mentor = leader.another_person_in_dark_mode().await;
        mentor.goto(&link).await.unwrap();
        assert!(prefers_dark(&mentor).await);
        assert_eq!(mentor.wait_for("h1").await, "Lee Leader invites you to be their mentor");
        assert_eq!(mentor.texts("main blockquote").await, ["Would you mentor me through my first year?"]);
        mentor.screenshot_desktop_and_phone("link-signed-out-dark").await;
        mentor.click("main a[href^='/signin?next=']").await;
        mentor.wait_for("form[action='/signin']").await;
        sign_in(&mentor, "maya@example.org", "form[action^='/invite/'] button").await;
        assert_eq!(mentor.path().await, secret_path);
        mentor.screenshot("link-signed-in-dark").await;

        mentor.click("form[action^='/invite/']:has(input[name=answer][value=accept]) button").await;
        mentor.wait_for("dl.facts").await;
        assert_eq!(mentor.path().await, format!("/relationships/{}", stored.id));
        assert_eq!(mentor.texts("dl.facts .status").await, ["active"]);
        mentor.screenshot_desktop_and_phone("relationship-active-dark").await;
        let maya = app.app.store.user_by_email("maya@example.org").await.unwrap().expect("account");
        let accepted = only_relationship(&app, "maya@example.org").await;
        assert_eq!((accepted.status.as_str(), accepted.coach_id.as_deref()), ("active", Some(maya.id.as_str())));

        // An answered invitation's link stops working.
        mentor.open(&secret_path).await;
        let gone = mentor.wait_for("main").await;
        assert!(gone.contains("This invitation link no longer works"), "{gone}");
        app.stop().await;
    })
    .await;
}
