//! Issue 14's layouts at a phone's 390 px and a desktop's 1280 px: the wheel's picture fills its
//! card with marks large enough to read and its numbers turn into cards; the actions table, the
//! admin's accounts and an organisation's members turn into cards too; nothing makes the page
//! scroll sideways. Each step is measured in the browser and saved as a screenshot to look at.

use crate::{PW, on_each_backend, sign_in};
use coachkit_app::Actor;
use coachkit_app::journal::ActionInput;
use coachkit_app::wheel::{EntryInput, StartInput};
use coachkit_domain::account::{DisplayName, Email, Password};
use coachkit_testkit::TestApp;
use coachkit_testkit::browser::{Browser, DESKTOP, PHONE};

async fn account(app: &TestApp, name: &str, email: &str) -> Actor {
    let email = Email::parse(email).unwrap();
    let name = DisplayName::parse(name).unwrap();
    let user = app.app.create_account(&email, &name, Password::parse_new(PW).unwrap(), false).await.unwrap();
    Actor { user, csrf_token: None, session_hash: None }
}

async fn signed_in(b: &Browser, email: &str) {
    b.open("/signin").await;
    sign_in(b, email, "#next-heading").await;
}

async fn number(b: &Browser, script: &str) -> f64 {
    let v = b.execute(script, vec![]).await.unwrap_or_else(|e| panic!("`{script}`: {e}"));
    v.as_f64().unwrap_or_else(|| panic!("`{script}` gave {v}"))
}

async fn flag(b: &Browser, script: &str) -> bool {
    let v = b.execute(script, vec![]).await.unwrap_or_else(|e| panic!("`{script}`: {e}"));
    v.as_bool().unwrap_or_else(|| panic!("`{script}` gave {v}"))
}

/// Whether every shown element matching `css` (there must be some; empty cells are hidden on a
/// phone) lies inside the box of its closest `within` ancestor and
/// inside the window: nothing cut off or spilling out of its card.
async fn all_inside(b: &Browser, css: &str, within: &str) -> bool {
    let script = format!(
        "const shown = [...document.querySelectorAll({css:?})].filter(e => e.getClientRects().length > 0); \
         return shown.length > 0 && shown.every(e => {{ \
           const r = e.getBoundingClientRect(), c = e.closest({within:?}).getBoundingClientRect(); \
           return r.left >= c.left - 0.5 && r.right <= c.right + 0.5 && r.right <= window.innerWidth; }})"
    );
    flag(b, &script).await
}

async fn screenshots(b: &Browser, step: &str) {
    b.screenshot_desktop_and_phone(step).await;
    b.set_viewport(PHONE.0, PHONE.1).await;
}

#[tokio::test]
async fn the_wheel_at_390_px_fills_the_width_and_speaks_one_unit() {
    on_each_backend("phone-wheel", |app, b| async move {
        let lena = account(&app, "Lena Leader", "lena@example.org").await;
        let entries = [("3", "4", "14"), ("8", "24", "12"), ("7", "10", "8"), ("4", "2", "6")]
            .iter()
            .map(|(r, s, w)| EntryInput {
                rating: (*r).into(),
                spent: (*s).into(),
                wished: (*w).into(),
                note: String::new(),
            })
            .collect();
        // No template: the built-in four areas.
        let input = StartInput { entries, finish: true, ..Default::default() };
        let id = app.app.start_wheel_assessment(&lena, &input).await.map_err(|e| format!("{e:?}")).unwrap();
        signed_in(&b, "lena@example.org").await;
        b.open(&format!("/wheel/assessments/{id}")).await;
        b.wait_for(".wheel-place").await;

        // One unit in the reading and the table beside it: hours, with the points they rank by.
        let by_gap = b.texts(".wheel-reading .wheel-order").await;
        assert!(by_gap[0].starts_with("Vision +10 h (+25 points) · quality 3"), "{by_gap:?}");
        let vision_gap = b.texts(".wheel-table tbody tr:first-child td[data-label=Gap]").await;
        assert_eq!(vision_gap, ["+10 h (+25 points)"]);

        // At 390 px the compact picture fills the card, its area numbers stay readable, and the
        // numbered areas and the legend are text under it.
        b.set_viewport(PHONE.0, PHONE.1).await;
        assert!(flag(&b, "return getComputedStyle(document.querySelector('.wheel-full')).display === 'none'").await);
        let svg_width =
            number(&b, "return document.querySelector('.wheel-phone svg').getBoundingClientRect().width").await;
        let card_width = number(
            &b,
            "const f = document.querySelector('.wheel-figure'), s = getComputedStyle(f); \
             return f.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)",
        )
        .await;
        assert!(
            svg_width >= card_width - 1.0 && svg_width >= 0.8 * f64::from(PHONE.0),
            "picture {svg_width} px in a card of {card_width} px"
        );
        let smallest_number = number(
            &b,
            "return Math.min(...[...document.querySelectorAll('.wheel-phone .ck-area-number')] \
               .map(t => t.getBoundingClientRect().height))",
        )
        .await;
        assert!(smallest_number >= 12.0, "area numbers are {smallest_number} px tall on the phone");
        let key = b.texts(".wheel-phone .wheel-key li").await;
        assert_eq!(key.len(), 4);
        assert!(key[0].starts_with("Vision") && key[0].contains("4 h → 14 h"), "{key:?}");
        let legend = b.texts(".wheel-phone .wheel-legend li").await;
        assert!(legend.iter().any(|l| l.contains("Time spent now (left or upper bar)")), "{legend:?}");

        // The numbers reflow: every cell, the wished time and the gap included, is inside its card.
        assert!(all_inside(&b, ".wheel-table td, .wheel-table th", ".wheel-numbers").await, "a cell is cut off");
        let wished = b.texts(".wheel-table tbody tr:first-child td[data-label=Wished]").await;
        assert_eq!(wished, ["14 h"]);
        screenshots(&b, "assessment").await;
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn actions_accounts_and_members_become_cards_at_390_px() {
    on_each_backend("phone-tables", |app, b| async move {
        let lena = account(&app, "Lena Leader", "lena@example.org").await;
        for (text, due) in [
            ("Write a one-page plan for the missed-bin service and share it with the whole team", "2030-03-01"),
            ("Ask three residents how they report a problem today", ""),
            ("Book a walk round the depot with the crews", "2020-01-01"),
        ] {
            let input =
                ActionInput { text: text.into(), due: due.into(), audience: "private".into(), ..Default::default() };
            app.app.create_action(&lena, &input).await.unwrap();
        }
        app.app.store.set_user_admin(&lena.id(), true).await.unwrap();
        for i in 0..4 {
            account(
                &app,
                &format!("Member Number {i} With A Long Name"),
                &format!("member.{i}.long-address@example.org"),
            )
            .await;
        }
        let org = app.app.create_org(&lena, "Riverside Borough Council Digital Services").await.unwrap();
        let org_id = coachkit_domain::OrgId::from_trusted(org.id.clone());
        for i in 0..4 {
            let role = ["member", "facilitator", "admin", "member"][i];
            app.app.set_member(&lena, &org_id, &format!("member.{i}.long-address@example.org"), role).await.unwrap();
        }
        signed_in(&b, "lena@example.org").await;
        b.set_viewport(PHONE.0, PHONE.1).await;

        b.open("/journal/actions").await;
        b.wait_for(".actions-table").await;
        assert!(!b.overflows_sideways().await);
        assert!(all_inside(&b, ".actions-table button", ".actions-table tr").await, "a button is outside its card");
        assert!(all_inside(&b, ".actions-table td", "section.card").await, "a cell spills out of the card");
        let width =
            number(&b, "return document.querySelector('.actions-table td.reflow-title').getBoundingClientRect().width")
                .await;
        assert!(width > 250.0, "the action's text has the card's width ({width} px), not one word a line");
        let due = b.texts(".actions-table td[data-label=Due]").await;
        assert!(due.contains(&"1 Jan 2020 (overdue)".to_owned()) && due.contains(&"1 Mar 2030".to_owned()), "{due:?}");
        screenshots(&b, "actions").await;

        b.open("/admin").await;
        b.wait_for("table.reflow").await;
        assert!(!b.overflows_sideways().await);
        assert!(all_inside(&b, "table.reflow td", "section.card").await, "an account's cell is cut off");
        screenshots(&b, "admin").await;

        b.open(&format!("/orgs/{}", org.id)).await;
        b.wait_for("table.reflow").await;
        assert!(!b.overflows_sideways().await);
        assert!(all_inside(&b, "table.reflow td", "section.card").await, "a member's cell is cut off");
        assert_eq!(b.texts("table.reflow tbody tr").await.len(), 5, "four members and the creator");
        screenshots(&b, "members").await;
        b.set_viewport(DESKTOP.0, DESKTOP.1).await;
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_header_at_1280_px_is_one_bar_of_sections_under_the_search_and_the_name() {
    on_each_backend("header", |app, b| async move {
        // An admin sees the most sections; a long name takes the most room beside the search box.
        let ada = account(&app, "Adaeze Okonkwo-Fitzgerald", "ada@example.org").await;
        app.app.store.set_user_admin(&ada.id(), true).await.unwrap();
        b.set_viewport(1280, 900).await;
        signed_in(&b, "ada@example.org").await;
        b.open("/coaching").await;
        b.wait_for(".nav-wide").await;
        b.screenshot("header-1280").await;
        let tops = "const t = [...document.querySelectorAll('.nav-wide a')].map(a => Math.round(a.getBoundingClientRect().top)); \
                    return t.length >= 9 && t.every(x => x === t[0])";
        assert!(flag(&b, tops).await, "every section link on one row");
        let above = "const nav = document.querySelector('.nav-wide').getBoundingClientRect().top; \
                     return ['.brand', '.top-search', '.top > .signout'].every(c => \
                       document.querySelector(c).getBoundingClientRect().bottom <= nav + 1)";
        assert!(flag(&b, above).await, "brand, search and sign-out sit above the sections");
        let one_row = "const r = ['.brand', '.top-search', '.top > .signout'].map(c => \
                         document.querySelector(c).getBoundingClientRect()); \
                       return r.every(x => x.top < r[0].bottom && x.bottom > r[0].top)";
        assert!(flag(&b, one_row).await, "brand, search and sign-out share one row");
        assert!(!b.overflows_sideways().await);
        let header = number(&b, "return document.querySelector('.top').getBoundingClientRect().height").await;
        assert!(header < 120.0, "two rows, not more: {header} px");
        // On a phone the sections fold into the menu as before.
        b.set_viewport(390, 844).await;
        assert!(flag(&b, "return document.querySelector('.nav-wide').getClientRects().length === 0").await);
        b.screenshot("header-390").await;
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_reminders_page_names_every_kind_and_fits_a_phone() {
    on_each_backend("reminders", |app, b| async move {
        account(&app, "Rita Reminded", "rita@example.org").await;
        signed_in(&b, "rita@example.org").await;
        b.open("/settings/reminders").await;
        let page = b.wait_for("main").await;
        for kind in coachkit_domain::nudge::NudgeKind::ALL {
            assert!(page.contains(kind.label()), "the page names {:?}: {page}", kind.label());
        }
        // Fails the test if the page scrolls sideways at 390 px.
        screenshots(&b, "settings").await;
        app.stop().await;
    })
    .await;
}
