//! Practice 5 through the JSON API alone: a leader asks three experts, the experts answer by
//! their links with no account, nothing anyone wrote shows before all have answered, then the
//! thread, the goal, a step, done and thanks. Bad input is refused with a 4xx and saves nothing.

use crate::{PW, on_each_backend};
use coachkit_testkit::{Client, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A signed-in leader calling with the session cookie and its CSRF token.
struct Leader {
    client: Client,
    csrf: String,
}

impl Leader {
    async fn sign_up(app: &TestApp, name: &str, email: &str) -> Self {
        let client = app.client();
        let body = json!({"email": email, "display_name": name, "password": PW});
        let (status, me) = client.json(Method::POST, "/api/v1/signup", Some(body), &[]).await;
        assert_eq!(status, StatusCode::CREATED, "{me}");
        let csrf = client.api_csrf().await;
        Self { client, csrf }
    }

    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        self.client.json(method, &format!("/api/v1{path}"), body, &[("x-csrf-token", &self.csrf)]).await
    }

    async fn page(&self, id: &str) -> Value {
        let (status, page) = self.call(Method::GET, &format!("/advice/{id}"), None).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        page
    }
}

/// An expert row of a request, with the method's three checks ticked.
fn expert(name: &str, email: &str, placement: &str) -> Value {
    json!({"name": name, "email": email, "placement": placement,
           "i_know_them": true, "they_know_me": true, "knows_their_stuff": true})
}

/// A date `days` from today, as the API takes it ("2026-12-20").
fn in_days(days: i64) -> String {
    (time::OffsetDateTime::now_utc().date() + time::Duration::days(days)).to_string()
}

/// The secret of the newest `/expert/<secret>` link mailed to `email`.
async fn secret_of(app: &TestApp, email: &str) -> String {
    let mails = app.app.store.mail_to(email).await.unwrap();
    for mail in &mails {
        if let Some(at) = mail.body.find("/expert/") {
            let secret: String = mail.body[at + "/expert/".len()..].chars().take(64).collect();
            if secret.len() == 64 && secret.chars().all(|c| c.is_ascii_hexdigit()) {
                return secret;
            }
        }
    }
    panic!("no expert link mailed to {email}: {:?}", mails.iter().map(|m| &m.subject).collect::<Vec<_>>())
}

/// Three boxes of advice, each carrying its own marker word so a leak is easy to see.
fn advice(items: [&str; 3]) -> Value {
    json!({"items": items.iter().map(|t| json!({"text": t, "example": ""})).collect::<Vec<_>>(),
           "share_with_coaches": false})
}

const INES: [&str; 3] = [
    "Hand over one whole piece of work, not tasks, and agree what done looks like before you let go. kestrelone",
    "Book a short weekly check-in instead of looking over their shoulder every day. kestreltwo",
    "Write down what you fear will go wrong; most of it never happens. kestrelthree",
];
const OMAR: [&str; 3] = [
    "Agree what done looks like and the deadline, then let them choose how to get there. heronone",
    "Ask them to tell you early when they are stuck, and thank them when they do. herontwo",
    "Keep a list of the work only you can do and give away the rest. heronthree",
];
const OLGA: [&str; 3] = [
    "Say clearly what done looks like, then step back from the how. ospreyone",
    "Resist redoing their work; give feedback and let them fix it themselves. ospreytwo",
    "Start with something small that matters so trust grows on both sides. ospreythree",
];
const MARKERS: [&str; 3] = ["kestrel", "heron", "osprey"];

fn leaks(value: &Value) -> Vec<&'static str> {
    let text = value.to_string();
    MARKERS.into_iter().filter(|m| text.contains(m)).collect()
}

async fn expert_call(
    c: &Client,
    method: Method,
    secret: &str,
    action: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    c.json(method, &format!("/api/v1/expert/{secret}{action}"), body, &[]).await
}

#[tokio::test]
async fn a_request_runs_from_asking_to_thanks_through_the_api() {
    on_each_backend(|app| async move {
        let leader = Leader::sign_up(&app, "Lena Leader", "lena@council.example").await;
        let three = json!([
            expert("Ines Inside", "ines@council.example", "inside"),
            expert("Omar Outside", "omar@firm.example", "outside"),
            expert("Olga Outside", "olga@elsewhere.example", "outside"),
        ]);

        // Refusals first: each says which field, and nothing is written.
        let (status, body) = leader
            .call(
                Method::POST,
                "/advice",
                Some(json!({"capability": "Delegating", "context": "Why now",
                "horizon_months": "soon", "experts": [expert("Ines Inside", "ines@council.example", "inside")]})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["code"], "invalid");
        let fields: Vec<&str> =
            body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
        assert!(fields.contains(&"experts") && fields.contains(&"horizon_months"), "{body}");
        assert!(body["message"].as_str().unwrap().contains("at least two"), "{body}");
        let two = json!([
            expert("Ines Inside", "ines@council.example", "inside"),
            expert("Omar Outside", "omar@firm.example", "outside")
        ]);
        let (status, body) = leader
            .call(
                Method::POST,
                "/advice",
                Some(json!({"capability": "Delegating", "context": "Why now", "experts": two})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "two experts need confirming: {body}");
        assert_eq!(body["fields"][0]["field"], "confirm_count");
        assert!(body["message"].as_str().unwrap().contains("2 experts"), "{body}");
        let (status, body) = leader.call(Method::POST, "/advice", Some(json!({"experts": "three"}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a body of the wrong shape: {body}");
        let (status, home) = leader.call(Method::GET, "/advice", None).await;
        assert_eq!((status, home["mine"].as_array().unwrap().len()), (StatusCode::OK, 0), "nothing saved: {home}");

        // The request: a draft with drafted messages, until sent.
        let (status, created) = leader
            .call(
                Method::POST,
                "/advice",
                Some(json!({
                    "capability": "Delegating work I am attached to",
                    "context": "I take over a bigger team in January and still do too much myself.",
                    "horizon_months": 9, "answer_by": in_days(14), "experts": three,
                })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let id = created["id"].as_str().unwrap().to_owned();
        let page = leader.page(&id).await;
        assert_eq!((page["status"].as_str(), page["horizon_months"].as_i64()), (Some("draft"), Some(9)));
        let experts = page["experts"].as_array().unwrap().clone();
        assert_eq!(experts.len(), 3);
        assert!(experts.iter().all(|e| e["message"].as_str().is_some_and(|m| !m.is_empty())), "drafted messages");
        assert!(app.app.store.mail_to("ines@council.example").await.unwrap().is_empty(), "a draft mails nobody");
        let ines_id = experts[0]["id"].as_str().unwrap().to_owned();

        let personal = "Ines, you delegate better than anyone I know: would you share three pieces of advice?";
        let (status, body) = leader
            .call(
                Method::POST,
                &format!("/advice/{id}/send"),
                Some(json!({"messages": [
                {"expert_id": ines_id, "message": personal}]})),
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        let (status, _) = leader.call(Method::POST, &format!("/advice/{id}/send"), None).await;
        assert_eq!(status, StatusCode::CONFLICT, "sent once only");
        let mails = app.app.store.mail_to("ines@council.example").await.unwrap();
        assert!(mails.iter().any(|m| m.body.contains(personal)), "the leader's own words go out");
        let (ines, omar, olga) = (
            secret_of(&app, "ines@council.example").await,
            secret_of(&app, "omar@firm.example").await,
            secret_of(&app, "olga@elsewhere.example").await,
        );
        assert!(ines != omar && omar != olga, "one link per expert");

        // The experts, with no account and no cookie.
        let nobody = app.client();
        let (status, mine) = expert_call(&nobody, Method::GET, &ines, "", None).await;
        assert_eq!(status, StatusCode::OK, "{mine}");
        assert_eq!(mine["capability"], "Delegating work I am attached to");
        assert_eq!((mine["message"].as_str(), mine["can_edit"].as_bool()), (Some(personal), Some(true)));
        assert_eq!(mine["status"], "opened");

        // A signed-in browser is held to the CSRF rule even on a link's route.
        let (status, body) =
            leader.client.json(Method::PUT, &format!("/api/v1/expert/{ines}/draft"), Some(advice(INES)), &[]).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("bad_request")), "{body}");

        let (status, body) =
            expert_call(&nobody, Method::POST, &ines, "/submit", Some(advice([INES[0], "", INES[2]]))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "an empty box: {body}");
        assert!(body["message"].as_str().unwrap().contains("advice 2 is empty"), "{body}");
        let long = "x".repeat(10_000);
        for action in ["/draft", "/submit"] {
            let method = if action == "/draft" { Method::PUT } else { Method::POST };
            let (status, body) = expert_call(&nobody, method, &ines, action, Some(advice([&long, "b", "c"]))).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "10,000 characters on {action}: {body}");
        }
        let (_, mine) = expert_call(&nobody, Method::GET, &ines, "", None).await;
        assert!(mine["items"].as_array().unwrap().iter().all(|i| i["text"] == ""), "nothing saved: {mine}");
        assert_eq!(mine["status"], "opened");

        for (secret, items) in [(&ines, INES), (&omar, OMAR)] {
            let (status, body) = expert_call(&nobody, Method::POST, secret, "/submit", Some(advice(items))).await;
            assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        }
        let (status, body) = expert_call(&nobody, Method::POST, &ines, "/submit", Some(advice(INES))).await;
        assert_eq!((status, body["code"].as_str()), (StatusCode::CONFLICT, Some("conflict")), "{body}");
        let (_, mine) = expert_call(&nobody, Method::GET, &ines, "", None).await;
        assert_eq!((mine["status"].as_str(), mine["can_edit"].as_bool()), (Some("answered"), Some(false)));
        assert_eq!(mine["items"][0]["text"], INES[0], "an expert reads back their own advice");

        // Sealed: the leader sees who answered and not a word of it.
        let page = leader.page(&id).await;
        assert_eq!((page["status"].as_str(), page["sealed"].as_bool()), (Some("collecting"), Some(true)));
        assert_eq!((page["answered"].as_u64(), page["waiting"].as_u64()), (Some(2), Some(1)));
        assert_eq!(page["advice"], json!([]));
        assert!(page["thread"].is_null());
        assert!(leaks(&page).is_empty(), "sealed advice leaked: {:?}", leaks(&page));
        let (_, olga_page) = expert_call(&nobody, Method::GET, &olga, "", None).await;
        assert!(leaks(&olga_page).is_empty(), "another expert's advice leaked to Olga");

        // Olga drafts, then sends; the draft is hers alone until then.
        let (status, body) = expert_call(
            &nobody,
            Method::PUT,
            &olga,
            "/draft",
            Some(json!({"items": [{"text": OLGA[0], "example": ""}], "share_with_coaches": true})),
        )
        .await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        let (_, olga_page) = expert_call(&nobody, Method::GET, &olga, "", None).await;
        assert_eq!(
            (olga_page["status"].as_str(), olga_page["items"][0]["text"].as_str()),
            (Some("drafting"), Some(OLGA[0]))
        );
        assert_eq!(olga_page["share_with_coaches"], true);
        let page = leader.page(&id).await;
        assert!(leaks(&page).is_empty() && page["sealed"] == true, "a draft opens nothing");
        let (status, body) = expert_call(&nobody, Method::POST, &olga, "/submit", Some(advice(OLGA))).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");

        // Open: nine items side by side, and the engine's suggestion.
        let page = leader.page(&id).await;
        assert_eq!((page["status"].as_str(), page["sealed"].as_bool()), (Some("open"), Some(false)), "{page}");
        let advice_by_expert = page["advice"].as_array().unwrap();
        assert_eq!(advice_by_expert.len(), 3);
        let items: Vec<&Value> = advice_by_expert.iter().flat_map(|a| a["items"].as_array().unwrap()).collect();
        assert_eq!(items.len(), 9);
        assert_eq!(leaks(&page).len(), 3, "every expert's advice is shown now");
        let suggestion = &page["thread"]["suggestion"];
        assert!(suggestion["failed"].is_null(), "{suggestion}");
        let suggested: Vec<&str> =
            suggestion["items"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert!(suggested.len() >= 2, "{suggestion}");
        assert!(!suggestion["explanation"].as_str().unwrap().is_empty());
        assert_eq!(page["thread"]["choice"], "suggested");
        let all_ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
        assert!(suggested.iter().all(|s| all_ids.contains(s)), "the suggestion names items of this request");

        // The thread: the runner-up when there is one, then a hand-picked one.
        let thread = format!("/advice/{id}/thread");
        let runner_up = suggestion["runner_up"].clone();
        let (status, body) = leader.call(Method::PUT, &thread, Some(json!({"choice": "runner_up"}))).await;
        if runner_up.as_array().is_some_and(|r| !r.is_empty()) {
            assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
            let page = leader.page(&id).await;
            assert_eq!((&page["thread"]["choice"], &page["thread"]["chosen"]), (&json!("runner_up"), &runner_up));
        } else {
            assert_eq!(
                (status, body["fields"][0]["field"].as_str()),
                (StatusCode::UNPROCESSABLE_ENTITY, Some("choice"))
            );
        }
        let first_of = |n: usize| advice_by_expert[n]["items"][0]["id"].as_str().unwrap().to_owned();
        let (a, b) = (first_of(0), first_of(1));
        let (status, body) = leader.call(Method::PUT, &thread, Some(json!({"choice": "manual", "items": [a]}))).await;
        assert_eq!((status, body["fields"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("items")));
        let (status, _) = leader.call(Method::PUT, &thread, Some(json!({"choice": "favourite"}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, body) =
            leader.call(Method::PUT, &thread, Some(json!({"choice": "manual", "items": [a, b]}))).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        let page = leader.page(&id).await;
        assert_eq!((&page["thread"]["choice"], &page["thread"]["chosen"]), (&json!("manual"), &json!([a, b])));
        let chosen: Vec<&str> = page["advice"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| e["items"].as_array().unwrap())
            .filter(|i| i["in_choice"] == true)
            .map(|i| i["id"].as_str().unwrap())
            .collect();
        assert_eq!(chosen, [a.as_str(), b.as_str()]);

        // The goal: checked without saving, then saved.
        let goal = "By the end of March I will hand the monthly budget report to Sam, agree with him what done \
                    looks like, and meet him for 20 minutes every Friday instead of checking his work daily.";
        let (status, report) =
            leader.call(Method::POST, &format!("/advice/{id}/goal/check"), Some(json!({"goal": "Improve"}))).await;
        assert_eq!(status, StatusCode::OK, "{report}");
        assert_eq!(report["accepted"], false, "a vague goal is not accepted: {report}");
        let criteria: Vec<&str> =
            report["findings"].as_array().unwrap().iter().map(|f| f["criterion"].as_str().unwrap()).collect();
        assert_eq!(criteria, ["specific", "measurable", "achievable", "relevant", "time_bound", "one_goal"]);
        assert_eq!(report["findings"][0]["ok"], false, "\"improve\" is not specific: {report}");
        assert!(leader.page(&id).await["goal"].is_null(), "checking saves nothing");
        let (status, _) =
            leader.call(Method::POST, &format!("/advice/{id}/goal/check"), Some(json!({"goal": ""}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, report) =
            leader.call(Method::PUT, &format!("/advice/{id}/goal"), Some(json!({"goal": goal}))).await;
        assert_eq!(status, StatusCode::OK, "{report}");
        assert!(report["findings"].is_array());
        assert_eq!(leader.page(&id).await["goal"], goal);

        // A step of the plan, done, and thanks.
        let (status, body) = leader
            .call(
                Method::POST,
                &format!("/advice/{id}/steps"),
                Some(json!({"text": "Hand Sam the report", "due": "soon"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a bad date: {body}");
        let (status, step) = leader
            .call(
                Method::POST,
                &format!("/advice/{id}/steps"),
                Some(json!({"text": "Hand Sam the report", "due": in_days(10)})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{step}");
        let page = leader.page(&id).await;
        let steps = page["steps"].as_array().unwrap();
        assert_eq!(steps.len(), 1, "{page}");
        assert_eq!(
            (steps[0]["id"].as_str(), steps[0]["text"].as_str()),
            (step["id"].as_str(), Some("Hand Sam the report"))
        );

        let (status, body) = leader.call(Method::POST, &format!("/advice/{id}/done"), None).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        let page = leader.page(&id).await;
        assert_eq!(page["status"], "done");
        assert!(page["goal_done_at"].is_i64());
        let note = "Thank you: Sam has the report now, and our Friday half hour works.";
        let (status, sent) =
            leader.call(Method::POST, &format!("/advice/{id}/thanks"), Some(json!({"note": note}))).await;
        assert_eq!((status, &sent), (StatusCode::OK, &json!({"sent": 3})));
        let (_, mine) = expert_call(&nobody, Method::GET, &omar, "", None).await;
        assert_eq!(mine["thanks"], note);

        // Who else asks: a stranger and a signed-out caller learn nothing; odd paths are 404.
        let stranger = Leader::sign_up(&app, "Stan Stranger", "stan@example.org").await;
        let (status, _) = stranger.call(Method::GET, &format!("/advice/{id}"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = stranger.call(Method::PUT, &format!("/advice/{id}/goal"), Some(json!({"goal": goal}))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "someone else's request is not there");
        assert_eq!(nobody.json(Method::GET, "/api/v1/advice", None, &[]).await.0, StatusCode::UNAUTHORIZED);
        for path in ["/advice/not-an-id", "/advice/0192", "/advice/%00/done"] {
            let method = if path.ends_with("done") { Method::POST } else { Method::GET };
            let (status, body) = leader.call(method, path, None).await;
            assert!(status == StatusCode::NOT_FOUND, "{path}: {status} {body}");
        }
        let (status, _) = leader.call(Method::POST, &format!("/advice/{id}/experts/nonsense/withdraw"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        app.stop().await;
    })
    .await;
}

#[tokio::test]
async fn the_roster_changes_and_a_revoked_or_garbage_link_is_not_found() {
    on_each_backend(|app| async move {
        let leader = Leader::sign_up(&app, "Lena Leader", "lena@council.example").await;
        let (status, created) = leader
            .call(
                Method::POST,
                "/advice",
                Some(json!({
                    "capability": "Running shorter meetings",
                    "context": "Our weekly meeting runs two hours and decides little.",
                    "horizon_months": "6",
                    "experts": [expert("Ann Inside", "ann@council.example", "inside"),
                                expert("Bo Outside", "bo@firm.example", "outside"),
                                expert("Cy Outside", "cy@elsewhere.example", "outside")],
                })),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let id = created["id"].as_str().unwrap().to_owned();
        let (status, body) = leader.call(Method::POST, &format!("/advice/{id}/send"), None).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "a send with no body uses the drafted messages: {body}");
        let experts = leader.page(&id).await["experts"].as_array().unwrap().clone();
        let expert_id = |n: usize| experts[n]["id"].as_str().unwrap().to_owned();
        let (ann, bo, cy) = (
            secret_of(&app, "ann@council.example").await,
            secret_of(&app, "bo@firm.example").await,
            secret_of(&app, "cy@elsewhere.example").await,
        );
        let nobody = app.client();

        // Ann asks for more time, then declines (with no body at all).
        let (status, body) =
            expert_call(&nobody, Method::POST, &ann, "/more-time", Some(json!({"until": in_days(100)}))).await;
        assert_eq!((status, body["fields"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("until")));
        let (status, body) = expert_call(
            &nobody,
            Method::POST,
            &ann,
            "/more-time",
            Some(json!({"until": in_days(30), "note": "Back from leave on the 20th."})),
        )
        .await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        let page = leader.page(&id).await;
        assert_eq!(page["experts"][0]["status"], "more_time");
        assert_eq!(page["experts"][0]["more_time_note"], "Back from leave on the 20th.");
        let (status, body) = expert_call(&nobody, Method::POST, &ann, "/decline", None).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        assert_eq!(leader.page(&id).await["experts"][0]["status"], "declined");
        let (status, _) = expert_call(&nobody, Method::POST, &ann, "/submit", Some(advice(["a", "b", "c"]))).await;
        assert_eq!(status, StatusCode::CONFLICT, "a declined expert writes nothing more");

        // Going on without Cy, and replacing Bo: their links stop working.
        let (status, body) =
            leader.call(Method::POST, &format!("/advice/{id}/experts/{}/withdraw", expert_id(2)), None).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        let (status, body) = leader
            .call(
                Method::POST,
                &format!("/advice/{id}/experts/{}/replace", expert_id(1)),
                Some(json!({"expert": expert("Ann Again", "ann@council.example", "outside")})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "someone already asked: {body}");
        let (status, body) = leader
            .call(
                Method::POST,
                &format!("/advice/{id}/experts/{}/replace", expert_id(1)),
                Some(json!({"expert": expert("Dee Outside", "dee@another.example", "outside"),
                            "message": "Dee, Bo suggested you: would you share three pieces of advice?"})),
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
        for gone in [&bo, &cy] {
            let (status, body) = expert_call(&nobody, Method::GET, gone, "", None).await;
            assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")), "revoked link");
            let (status, _) = expert_call(&nobody, Method::POST, gone, "/submit", Some(advice(["a", "b", "c"]))).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "a revoked link cannot write");
        }
        let dee = secret_of(&app, "dee@another.example").await;
        let (status, page) = expert_call(&nobody, Method::GET, &dee, "", None).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page["message"].as_str().unwrap().starts_with("Dee, Bo suggested you"));
        let page = leader.page(&id).await;
        let statuses: Vec<&str> =
            page["experts"].as_array().unwrap().iter().map(|e| e["status"].as_str().unwrap()).collect();
        assert_eq!(statuses, ["declined", "withdrawn", "withdrawn", "opened"]);

        // Garbage secrets, on every route of a link.
        let zeros = "0".repeat(64);
        for secret in ["garbage", zeros.as_str(), &"g".repeat(64), &"f".repeat(500)] {
            assert_eq!(expert_call(&nobody, Method::GET, secret, "", None).await.0, StatusCode::NOT_FOUND, "{secret}");
            for (method, action) in [(Method::PUT, "/draft"), (Method::POST, "/submit")] {
                let (status, _) = expert_call(&nobody, method, secret, action, Some(advice(["a", "b", "c"]))).await;
                assert_eq!(status, StatusCode::NOT_FOUND, "{action} with {secret}");
            }
            let (status, _) =
                expert_call(&nobody, Method::POST, secret, "/more-time", Some(json!({"until": in_days(20)}))).await;
            assert_eq!(status, StatusCode::NOT_FOUND);
            assert_eq!(expert_call(&nobody, Method::POST, secret, "/decline", None).await.0, StatusCode::NOT_FOUND);
        }
        app.stop().await;
    })
    .await;
}
