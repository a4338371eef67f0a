//! Practice 2, the balance wheel, over HTTP on both backends: refused inputs, partial saves, a
//! wheel filled in live by a leader and their coach, comparisons, trends, downloads, reframing
//! tasks that become actions, the JSON API, and the privacy matrix of wheel records.

mod api;
mod flows;
mod inputs;
mod matrix;
mod pictures;

use crate::relationships::account;
use coachkit_app::Actor;
use coachkit_app::wheel::{EntryInput, SaveInput, StartInput};
use coachkit_domain::relationship::Transition;
use coachkit_testkit::{Client, TestApp};
use reqwest::StatusCode;

/// A leader with two coaches (two relationships), plus a stranger, a facilitator of an
/// organisation the leader belongs to, and an instance admin.
pub struct Cast {
    pub leader: Actor,
    pub coach: Actor,
    pub with_coach: String,
}

pub async fn cast(app: &TestApp) -> Cast {
    let leader = account(app, "Lena Leader", "leader@example.org").await;
    let coach = account(app, "Cora Coach", "coach@example.org").await;
    let other_coach = account(app, "Otto Other", "other@example.org").await;
    account(app, "Stan Stranger", "stranger@example.org").await;
    let facilitator = account(app, "Fran Facilitator", "facilitator@example.org").await;
    let admin = account(app, "Ada Admin", "admin@example.org").await;
    app.app.store.set_user_admin(&admin.id(), true).await.unwrap();
    let org = app.app.create_org(&facilitator, "Programme Org").await.unwrap();
    let org_id = coachkit_domain::OrgId::from_trusted(org.id);
    app.app.set_member(&facilitator, &org_id, "leader@example.org", "member").await.unwrap();
    let mut ids = vec![];
    for c in [&coach, &other_coach] {
        let invite = app.app.invite(&leader, "coaching", &c.user.email, "").await.unwrap();
        app.app.change_relationship(c, &invite.relationship.id, Transition::Accept).await.unwrap();
        ids.push(invite.relationship.id.to_string());
    }
    Cast { with_coach: ids[0].clone(), leader, coach }
}

/// A signed-in page client.
pub async fn client_for(app: &TestApp, email: &str) -> Client {
    let c = app.client();
    let r = c.sign_in(email, crate::PW).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "sign-in of {email}");
    c
}

/// Entries as (rating, spent, wished, note).
pub fn entries(rows: &[(&str, &str, &str, &str)]) -> Vec<EntryInput> {
    rows.iter()
        .map(|(r, s, w, n)| EntryInput {
            rating: (*r).into(),
            spent: (*s).into(),
            wished: (*w).into(),
            note: (*n).into(),
        })
        .collect()
}

/// The seed's story in hours: vision and community low and wished for.
pub const STORY: [(&str, &str, &str, &str); 4] =
    [("3", "4", "14", ""), ("8", "24", "12", ""), ("7", "10", "8", ""), ("4", "2", "6", "")];

/// A finished wheel of the built-in template, made by the app.
pub async fn finished(
    app: &TestApp,
    who: &Actor,
    rows: &[(&str, &str, &str, &str)],
    audience: &str,
    day: &str,
) -> String {
    let input = StartInput {
        audience: audience.into(),
        taken_on: day.into(),
        entries: entries(rows),
        finish: true,
        ..Default::default()
    };
    app.app.start_wheel_assessment(who, &input).await.map_err(|e| format!("{e:?}")).unwrap()
}

/// The form fields of an assessment form: unit, revision, intent and every row.
pub fn fill_fields(
    unit: &str,
    revision: &str,
    intent: &str,
    rows: &[(&str, &str, &str, &str)],
) -> Vec<(String, String)> {
    let mut out = vec![
        ("unit".to_owned(), unit.to_owned()),
        ("revision".to_owned(), revision.to_owned()),
        ("intent".to_owned(), intent.to_owned()),
    ];
    for (i, (r, s, w, n)) in rows.iter().enumerate() {
        out.push((format!("rating_{i}"), (*r).into()));
        out.push((format!("spent_{i}"), (*s).into()));
        out.push((format!("wished_{i}"), (*w).into()));
        out.push((format!("note_{i}"), (*n).into()));
    }
    out
}

/// Posts the assessment form of `id` as `client` would, with the revision the form shows.
pub async fn post_fill(
    client: &Client,
    id: &str,
    unit: &str,
    intent: &str,
    rows: &[(&str, &str, &str, &str)],
) -> reqwest::Response {
    let path = format!("/wheel/assessments/{id}/fill");
    let page = client.page(&path, StatusCode::OK).await;
    let revision = hidden(&page, "revision");
    let fields = fill_fields(unit, &revision, intent, rows);
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    client.submit(&path, &path, &refs).await
}

/// The value of a hidden input on a page.
pub fn hidden(html: &str, name: &str) -> String {
    let needle = format!("name=\"{name}\" value=\"");
    let at = html.find(&needle).unwrap_or_else(|| panic!("no hidden {name}")) + needle.len();
    html[at..html[at..].find('"').unwrap() + at].to_owned()
}

/// The id at the end of a redirect to an assessment (`/wheel/assessments/{id}...`).
pub fn assessment_id(location: &str) -> String {
    location.trim_start_matches("/wheel/assessments/").split(['/', '?', '#']).next().unwrap().to_owned()
}

/// Saves entries through the app as `who`, at the current revision.
pub async fn save(app: &TestApp, who: &Actor, id: &str, rows: &[(&str, &str, &str, &str)], finish: bool) {
    let revision = app.app.wheel_assessment(who, id).await.unwrap().revision;
    let input = SaveInput { revision, entries: entries(rows), finish, ..Default::default() };
    app.app.save_wheel_assessment(who, id, &input).await.map_err(|e| format!("{e:?}")).unwrap();
}
