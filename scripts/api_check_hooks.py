"""The API check's hooks: rules no OpenAPI schema can state, applied to the examples schemathesis
generates as valid (never to the invalid ones it sends to see them refused).

The document states every rule that lives in one field, and the rules that tie two fields of a
body together (crates/web/src/api/cross_field_rules.rs). What is left needs the clock, what is
stored, or one item of a list against another; an example that breaks one of these is refused
with a 422 that says so, as it should be, and would count as "valid data rejected". So each
function below makes a generated body keep the rule and changes nothing else. Each names the
code that enforces the rule; the integration tests (crates/web/tests/it) check the refusals.

Loaded by scripts/api_check.sh through SCHEMATHESIS_HOOKS.
"""

import datetime

import schemathesis
from schemathesis import GenerationMode


def _later(days):
    return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days)


def _advice(body):
    # create_advice_request: the answer-by date is today or later.
    if isinstance(body.get("answer_by"), str) and body["answer_by"].strip():
        body["answer_by"] = _later(30).strftime("%Y-%m-%d")
    experts = [e for e in body.get("experts") or [] if isinstance(e, dict)]
    # check_roster: each person is asked once (e-mails compared without case).
    seen = set()
    for i, e in enumerate(experts):
        email = str(e.get("email", "")).strip().lower()
        if email in seen:
            e["email"] = f"expert{i + 1}@example.org"
        seen.add(str(e["email"]).strip().lower())
    # check_roster: one inside and one outside, unless the mix is overridden (with a reason).
    if not body.get("override_mix") and len(experts) >= 2:
        experts[0]["placement"] = "inside"
        experts[1]["placement"] = "outside"


def _session_dates(sessions):
    # schedule::check_sessions: session one is still to come, session two 4 to 6 weeks after it.
    one = _later(7)
    sessions["session_one_at"] = one.strftime("%Y-%m-%dT%H:%M")
    sessions["session_two_at"] = (one + datetime.timedelta(days=35)).strftime("%Y-%m-%dT%H:%M")


def _engagement(body):
    if isinstance(body.get("sessions"), dict):
        _session_dates(body["sessions"])
    # create_engagement: the two sides are two organisations.
    a, b = str(body.get("org_a", "")).strip(), str(body.get("org_b", "")).strip()
    a_new, b_new = str(body.get("org_a_new", "")).strip(), str(body.get("org_b_new", "")).strip()
    same_chosen = a and a == b
    same_named = not a and not b and a_new.lower() == b_new.lower()
    if same_chosen or same_named:
        body["org_b"] = ""
        body["org_b_new"] = "Partner organisation" if a_new.lower() != "partner organisation" else "Other partner"


def _suggest(body):
    # teams::suggest_teams: card ids are unique, and the facilitator's choices name cards sent.
    cards = [c for c in body.get("cards") or [] if isinstance(c, dict)]
    for i, c in enumerate(cards):
        c["id"] = f"card-{i + 1}"
    ids = {c["id"] for c in cards}
    body["confirmed"] = []
    body["rejected"] = [p for p in body.get("rejected") or [] if isinstance(p, list) and set(p) <= ids and len(set(p)) == 2]


def _wheel_entries(body):
    # wheel::parse_entries: finishing needs every area of the stored template filled in, and
    # the rows may not outnumber its areas, which only the stored template knows (every
    # template has at least two): the examples save two rows at most, without finishing.
    if body.get("finish") is True:
        body["finish"] = False
    if isinstance(body.get("entries"), list):
        body["entries"] = body["entries"][:2]
        # Totals: the shares of time of all areas together are at most 100%.
        for entry in body["entries"]:
            for key in ("spent", "wished"):
                if isinstance(entry, dict) and isinstance(entry.get(key), (int, float)):
                    entry[key] = min(entry[key], 50)


def _wheel_template(body):
    # wheel::TemplateDraft::parse: area names differ whatever their case.
    seen = set()
    for i, area in enumerate(a for a in body.get("areas") or [] if isinstance(a, dict)):
        name = str(area.get("name", "")).strip().lower()
        if name in seen:
            area["name"] = f"Area {i + 1}"
        seen.add(str(area["name"]).strip().lower())


def _action(body):
    # create_action: the partner is the coach of the action's relationship, so needs one.
    if body.get("assignee") == "partner" and not body.get("relationship_id"):
        body["assignee"] = "me"


RULES = {
    ("POST", "/api/v1/advice"): _advice,
    ("POST", "/api/v1/co-coaching"): _engagement,
    ("PUT", "/api/v1/co-coaching/{id}/sessions"): _session_dates,
    ("POST", "/api/v1/co-coaching/suggest"): _suggest,
    ("POST", "/api/v1/wheel/assessments"): _wheel_entries,
    ("PUT", "/api/v1/wheel/assessments/{id}"): _wheel_entries,
    ("POST", "/api/v1/wheel/templates"): _wheel_template,
    ("POST", "/api/v1/journal/actions"): _action,
}


@schemathesis.hook
def map_case(context, case):
    if case.meta is None or case.meta.generation.mode != GenerationMode.POSITIVE:
        return case
    rule = RULES.get((case.operation.method.upper(), case.operation.path))
    if rule is not None and isinstance(case.body, dict):
        rule(case.body)
    return case
