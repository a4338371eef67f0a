//! The programme health view in the browser: the demo's facilitator signs in, follows the
//! navigation's link, and sees her programme counted with the participant who went quiet (and
//! nothing anyone wrote); then acts on it in one click, to her cohort page.

use crate::on_each_backend;

#[tokio::test]
async fn the_demo_facilitator_sees_who_has_gone_quiet() {
    on_each_backend("programme-health", |app, b| async move {
        coachkit_app::demo::load(&app.app).await.unwrap();
        b.open("/signin").await;
        b.fill("#email", "grace@demo.example.org").await;
        b.fill("#password", "coachkit-demo").await;
        b.click("form[action='/signin'] button[type=submit]").await;
        b.wait_for("#next-heading").await;
        b.click("nav a[href='/health']").await;
        let text = b.wait_for("section.health").await;
        assert!(text.contains("Coaching master class: looking back"), "{text}");
        let page = b.wait_for("main").await;
        assert!(page.contains("Marcus Oyelaran") && page.contains("no session logged yet"), "{page}");
        assert!(page.contains("last here 3 weeks ago"), "{page}");
        // Daniel's shared pack and Grace's own note on it belong to the cohort page, not here.
        assert!(!page.contains("telling habit"), "the facilitator's private note leaked: {page}");
        assert!(!page.contains("port authority tender"), "a session's topic leaked: {page}");
        b.screenshot_desktop_and_phone("grace").await;
        b.click("section.health a.button").await;
        b.wait_for("#cohort").await;
        app.stop().await;
    })
    .await;
}
