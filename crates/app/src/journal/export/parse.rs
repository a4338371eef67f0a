//! Reads an export file into an import plan before anything is written: the size, the format and
//! version, every field through the domain's parsers (the same limits as the forms), every id and
//! every reference. One problem refuses the whole file, with a list of what is wrong and where.

use super::format::{ExportDocument, FORMAT, VERSION};
use super::plan::{
    ActionPlan, KillerPlan, PagePositionPlan, PartnerPlan, Plan, PositionPlan, QuestionPlan, ReflectionPlan,
    SessionPlan, Target, ToolkitPlan, VersionPlan,
};
use crate::error::{AppError, AppResult};
use coachkit_domain::RecordId;
use coachkit_domain::account::Email;
use coachkit_domain::journal::{
    ActionStatus, Grow, QuestionStatus, SessionStatus, ThemeName, limits, parse_statement, parse_theme_list,
};
use coachkit_domain::privacy::{Audience, RecordKind};
use coachkit_domain::relationship::RelationshipKind;
use coachkit_domain::text::{FieldError, bounded, optional_bounded};
use coachkit_store::journal::Stamps;
use std::collections::{HashMap, HashSet};

/// The largest file an import reads: far above a lifetime of journaling, far below a memory problem.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;
/// Problems listed before the rest are only counted.
const MAX_ERRORS: usize = 20;
/// Times from 1970 to 2200, as the forms accept.
const LATEST_MS: i64 = 7_258_118_400_000;

/// Reads the bytes of an export file: size, JSON, format and version, then the full shape.
pub(super) fn read_document(raw: &[u8]) -> AppResult<ExportDocument> {
    if raw.len() > MAX_BYTES {
        let message =
            format!("is too large ({} MiB; an export file has at most {} MiB)", mib(raw.len()), mib(MAX_BYTES));
        return Err(AppError::field("file", message));
    }
    // The header first, so a file of another kind or version is named as such, not as a field
    // that does not fit.
    #[derive(serde::Deserialize)]
    struct Header {
        format: Option<serde_json::Value>,
        version: Option<serde_json::Value>,
    }
    let header: Header =
        serde_json::from_slice(raw).map_err(|e| AppError::field("file", format!("is not a JSON export file ({e})")))?;
    if header.format.as_ref().and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(AppError::field("format", format!("must be \"{FORMAT}\": this is not a coachkit export file")));
    }
    if header.version.as_ref().and_then(|v| v.as_u64()) != Some(u64::from(VERSION)) {
        let found = header.version.map(|v| v.to_string()).unwrap_or_else(|| "missing".into());
        return Err(AppError::field("version", format!("is {found}; this coachkit reads version {VERSION}")));
    }
    serde_json::from_slice(raw)
        .map_err(|e| AppError::field("file", format!("does not match the export format version {VERSION} ({e})")))
}

fn mib(bytes: usize) -> usize {
    bytes.div_ceil(1024 * 1024)
}

/// Collects problems with where they are ("body in reflections[3] is too long ...").
#[derive(Default)]
struct Problems {
    list: Vec<FieldError>,
    more: usize,
}

impl Problems {
    fn add(&mut self, field: &'static str, at: &str, message: impl std::fmt::Display) {
        if self.list.len() < MAX_ERRORS {
            self.list.push(FieldError::new(field, format!("in {at} {message}")));
        } else {
            self.more += 1;
        }
    }

    fn field<T>(&mut self, at: &str, r: Result<T, FieldError>) -> Option<T> {
        r.map_err(|e| self.add(e.field, at, e.message)).ok()
    }

    fn time(&mut self, at: &str, field: &'static str, ms: i64) -> i64 {
        if !(0..=LATEST_MS).contains(&ms) {
            self.add(field, at, "must be between 1970 and 2200");
        }
        ms
    }

    fn themes(&mut self, at: &str, labels: &[String]) -> Vec<ThemeName> {
        // The forms' own list parser: normalised, duplicates merged, at most a dozen.
        let joined = labels.iter().map(|l| l.replace([',', ';', '\n'], " ")).collect::<Vec<_>>().join(",");
        self.field(at, parse_theme_list(&joined)).unwrap_or_default()
    }

    fn into_result(mut self) -> AppResult<()> {
        if self.list.is_empty() {
            return Ok(());
        }
        if self.more > 0 {
            self.list.push(FieldError::new("file", format!("has {} more problems not listed", self.more)));
        }
        Err(AppError::Invalid(self.list))
    }
}

/// The ids the file defines, and what each reference may name.
#[derive(Default)]
struct Ids<'a> {
    seen: HashSet<&'a str>,
    /// Partner id -> whether the person was the leader.
    partners: HashMap<&'a str, bool>,
    /// Session id -> whether the person was the leader.
    sessions: HashMap<&'a str, bool>,
    reflections: HashSet<&'a str>,
}

impl<'a> Ids<'a> {
    fn define(&mut self, p: &mut Problems, at: &str, id: &'a str) {
        if RecordId::parse(id).is_err() {
            p.add("id", at, "is not a valid identifier");
        } else if !self.seen.insert(id) {
            p.add("id", at, "is used by another record of the file");
        }
    }

    /// A partner the person led (only those can be named by an audience or a leader's record).
    fn led_partner(&self, p: &mut Problems, at: &str, id: &'a str) -> &'a str {
        match self.partners.get(id) {
            Some(true) => {}
            Some(false) => p.add("partner", at, "names a relationship in which you were the coach"),
            None => p.add("partner", at, "names no entry of partners"),
        }
        id
    }

    fn led_session(&self, p: &mut Problems, at: &str, id: &'a str) -> &'a str {
        match self.sessions.get(id) {
            Some(true) => {}
            Some(false) => p.add("session", at, "names a session in which you were the coach"),
            None => p.add("session", at, "names no entry of sessions"),
        }
        id
    }

    fn reflection(&self, p: &mut Problems, at: &str, id: &'a str) -> &'a str {
        if !self.reflections.contains(id) {
            p.add("reflection", at, "names no entry of reflections");
        }
        id
    }

    fn audience(&self, p: &mut Problems, at: &str, raw: &'a str, kind: RecordKind) -> Target<'a> {
        let (target, audience) = match raw {
            "private" => (Target::Private, Audience::Private),
            "all_my_coaches" => (Target::AllMyCoaches, Audience::AllMyCoaches),
            "public" => (Target::Public, Audience::Public),
            other => match other.strip_prefix("partner:") {
                Some(id) => {
                    let id = self.led_partner(p, at, id);
                    (Target::Partner(id), Audience::Relationship(coachkit_domain::RelationshipId::new()))
                }
                None => {
                    p.add("audience", at, "must be private, all_my_coaches, public or partner:<id>");
                    (Target::Private, Audience::Private)
                }
            },
        };
        if !kind.permits(&audience) {
            p.add("audience", at, "is not allowed for this kind of record");
        }
        target
    }
}

fn stamps(p: &mut Problems, at: &str, created_at: i64, updated_at: i64) -> Stamps {
    Stamps { created_at: p.time(at, "created_at", created_at), updated_at: p.time(at, "updated_at", updated_at) }
}

/// Parses a whole document into a plan, or lists what is wrong with it.
pub(super) fn plan(doc: &ExportDocument) -> AppResult<Plan<'_>> {
    let mut p = Problems::default();
    let mut ids = Ids::default();
    if RecordId::parse(&doc.person.id).is_err() {
        p.add("id", "person", "is not a valid identifier");
    }
    let mut themes = vec![];
    for (i, label) in doc.themes.iter().enumerate() {
        themes.extend(p.field(&format!("themes[{i}]"), ThemeName::parse(label)));
    }

    let mut partners = vec![];
    for (i, x) in doc.partners.iter().enumerate() {
        let at = format!("partners[{i}]");
        ids.define(&mut p, &at, &x.id);
        let leader_side = match x.my_side.as_str() {
            "leader" => true,
            "coach" => false,
            _ => {
                p.add("my_side", &at, "must be leader or coach");
                false
            }
        };
        ids.partners.insert(&x.id, leader_side);
        if !matches!(x.status.as_str(), "active" | "ended") {
            p.add("status", &at, "must be active or ended");
        }
        let kind = RelationshipKind::parse(&x.kind);
        if kind.is_none() {
            p.add("kind", &at, "must be coaching or mentoring");
        }
        let name = p.field(&at, bounded("name", &x.name, Email::MAX));
        let email = p.field(&at, Email::parse(&x.email));
        let started_at = x.started_at.map(|t| p.time(&at, "started_at", t));
        let ended_at = x.ended_at.map(|t| p.time(&at, "ended_at", t));
        if let (Some(kind), Some(name), Some(email)) = (kind, name, email) {
            let email = email.as_str().to_owned();
            partners.push(PartnerPlan { id: &x.id, name, email, kind, leader_side, started_at, ended_at });
        }
    }

    let mut sessions = vec![];
    for (i, x) in doc.sessions.iter().enumerate() {
        let at = format!("sessions[{i}]");
        ids.define(&mut p, &at, &x.id);
        let leader_side = ids.partners.get(x.partner.as_str()).copied().unwrap_or_else(|| {
            p.add("partner", &at, "names no entry of partners");
            false
        });
        ids.sessions.insert(&x.id, leader_side);
        let starts_at = p.time(&at, "starts_at", x.starts_at);
        if !(5..=600).contains(&x.duration_minutes) {
            p.add("duration_minutes", &at, "must be between 5 and 600 minutes");
        }
        let status = SessionStatus::parse(&x.status);
        if status.is_none() {
            p.add("status", &at, "must be planned or held");
        }
        let record = x.shared_record.clone().unwrap_or_default();
        let agenda = p.field(&at, optional_bounded("agenda", record.agenda.as_deref().unwrap_or(""), limits::AGENDA));
        let grow = Grow::parse(
            record.goal.as_deref().unwrap_or(""),
            record.reality.as_deref().unwrap_or(""),
            record.options.as_deref().unwrap_or(""),
            record.way_forward.as_deref().unwrap_or(""),
        )
        .map_err(|errors| errors.into_iter().for_each(|e| p.add(e.field, &at, e.message)))
        .ok();
        let themes = p.themes(&at, &x.themes);
        let detail = p.field(&at, optional_bounded("my_detail", x.my_detail.as_deref().unwrap_or(""), limits::DETAIL));
        if let Some(note) = &x.my_coach_note {
            p.field(&at, optional_bounded("my_coach_note", &note.body, limits::DETAIL));
        }
        let stamps = stamps(&mut p, &at, x.created_at, x.updated_at);
        if let (Some(status), Some(agenda), Some(grow), Some(detail)) = (status, agenda, grow, detail) {
            sessions.push(SessionPlan {
                id: &x.id,
                partner: &x.partner,
                leader_side,
                starts_at,
                duration_minutes: x.duration_minutes,
                status,
                agenda,
                grow,
                themes,
                detail,
                stamps,
            });
        }
    }

    let mut reflections = vec![];
    for (i, x) in doc.reflections.iter().enumerate() {
        let at = format!("reflections[{i}]");
        ids.define(&mut p, &at, &x.id);
        ids.reflections.insert(&x.id);
        let title = p.field(&at, optional_bounded("title", x.title.as_deref().unwrap_or(""), limits::REFLECTION_TITLE));
        let body = p.field(&at, bounded("body", &x.body, limits::REFLECTION_BODY));
        let audience = ids.audience(&mut p, &at, &x.audience, RecordKind::Reflection);
        let themes = p.themes(&at, &x.themes);
        let session = x.session.as_deref().map(|s| ids.led_session(&mut p, &at, s));
        let partner = x.partner.as_deref().map(|r| ids.led_partner(&mut p, &at, r));
        let stamps = stamps(&mut p, &at, x.created_at, x.updated_at);
        if let (Some(title), Some(body)) = (title, body) {
            reflections.push(ReflectionPlan { id: &x.id, title, body, audience, themes, session, partner, stamps });
        }
    }
    let mut plan = Plan {
        person_id: &doc.person.id,
        themes,
        partners,
        sessions,
        reflections,
        killer_questions: vec![],
        actions: vec![],
        questions: vec![],
        positions: vec![],
        versions: vec![],
        toolkit: vec![],
    };
    records(doc, &mut plan, &mut ids, &mut p);
    p.into_result()?;
    Ok(plan)
}

/// The records that refer to sessions and reflections: parsed once those are known.
fn records<'a>(doc: &'a ExportDocument, plan: &mut Plan<'a>, ids: &mut Ids<'a>, p: &mut Problems) {
    for (i, x) in doc.killer_questions.iter().enumerate() {
        let at = format!("killer_questions[{i}]");
        ids.define(p, &at, &x.id);
        let text = p.field(&at, bounded("text", &x.text, limits::QUESTION));
        let partner = ids.led_partner(p, &at, &x.partner);
        let session = x.session.as_deref().map(|s| ids.led_session(p, &at, s));
        let created_at = p.time(&at, "created_at", x.created_at);
        if let Some(text) = text {
            plan.killer_questions.push(KillerPlan { id: &x.id, text, partner, session, created_at });
        }
    }
    for (i, x) in doc.actions.iter().enumerate() {
        let at = format!("actions[{i}]");
        ids.define(p, &at, &x.id);
        let text = p.field(&at, bounded("text", &x.text, limits::ACTION));
        let status = ActionStatus::parse(&x.status);
        if status.is_none() {
            p.add("status", &at, "must be open, done or dropped");
        }
        let audience = ids.audience(p, &at, &x.audience, RecordKind::Action);
        if !matches!(x.assigned_to.as_str(), "me" | "partner" | "nobody") {
            p.add("assigned_to", &at, "must be me, partner or nobody");
        }
        let due = x.due.map(|d| p.time(&at, "due", d));
        let partner = x.partner.as_deref().map(|r| ids.led_partner(p, &at, r));
        let session = x.session.as_deref().map(|s| ids.led_session(p, &at, s));
        let reflection = x.reflection.as_deref().map(|r| ids.reflection(p, &at, r));
        let stamps = stamps(p, &at, x.created_at, x.updated_at);
        if let (Some(text), Some(status)) = (text, status) {
            let to_me = x.assigned_to == "me";
            plan.actions.push(ActionPlan {
                id: &x.id,
                text,
                status,
                audience,
                to_me,
                due,
                partner,
                session,
                reflection,
                stamps,
            });
        }
    }
    for (i, x) in doc.open_questions.iter().enumerate() {
        let at = format!("open_questions[{i}]");
        ids.define(p, &at, &x.id);
        let text = p.field(&at, bounded("text", &x.text, limits::QUESTION));
        let status = QuestionStatus::parse(&x.status);
        if status.is_none() {
            p.add("status", &at, "must be open, answered or dropped");
        }
        let audience = ids.audience(p, &at, &x.audience, RecordKind::OpenQuestion);
        let progress = x.progress.iter().map(|r| ids.reflection(p, &at, r)).collect();
        let stamps = stamps(p, &at, x.created_at, x.updated_at);
        if let (Some(text), Some(status)) = (text, status) {
            plan.questions.push(QuestionPlan { id: &x.id, text, status, audience, progress, stamps });
        }
    }
    for (i, x) in doc.positions.iter().enumerate() {
        let at = format!("positions[{i}]");
        ids.define(p, &at, &x.id);
        let statement = p.field(&at, parse_statement(&x.statement));
        let explanation = p.field(
            &at,
            optional_bounded("explanation", x.explanation.as_deref().unwrap_or(""), limits::POSITION_EXPLANATION),
        );
        let themes = p.themes(&at, &x.themes);
        let evidence = x.evidence.iter().map(|r| ids.reflection(p, &at, r)).collect();
        let updated_at = p.time(&at, "updated_at", x.updated_at);
        if let (Some(statement), Some(explanation)) = (statement, explanation) {
            let listed = x.listed;
            plan.positions.push(PositionPlan {
                id: &x.id,
                statement,
                explanation,
                listed,
                themes,
                evidence,
                updated_at,
            });
        }
    }
    let mut numbers = HashSet::new();
    for (i, v) in doc.public_page.versions.iter().enumerate() {
        let at = format!("public_page.versions[{i}]");
        if v.version < 1 || !numbers.insert(v.version) {
            p.add("version", &at, "must be a positive number used once");
        }
        let published_at = p.time(&at, "published_at", v.published_at);
        let note = p.field(&at, optional_bounded("note", v.note.as_deref().unwrap_or(""), 280));
        let mut positions = vec![];
        for (j, x) in v.positions.iter().enumerate() {
            let at = format!("{at}.positions[{j}]");
            let statement = p.field(&at, parse_statement(&x.statement));
            let explanation = p.field(
                &at,
                optional_bounded("explanation", x.explanation.as_deref().unwrap_or(""), limits::POSITION_EXPLANATION),
            );
            let themes = p.themes(&at, &x.themes).into_iter().map(|t| t.label().to_owned()).collect();
            let evidence = x.evidence.iter().map(|r| ids.reflection(p, &at, r)).collect();
            if let (Some(statement), Some(explanation)) = (statement, explanation) {
                positions.push(PagePositionPlan { statement, explanation, themes, evidence });
            }
        }
        if let Some(note) = note {
            plan.versions.push(VersionPlan { version: v.version, published_at, note, positions });
        }
    }
    for (i, x) in doc.toolkit.iter().enumerate() {
        let at = format!("toolkit[{i}]");
        ids.define(p, &at, &x.id);
        let text = p.field(&at, bounded("text", &x.text, limits::QUESTION));
        let created_at = p.time(&at, "created_at", x.created_at);
        if let Some(text) = text {
            plan.toolkit.push(ToolkitPlan { id: &x.id, text, created_at });
        }
    }
}
