//! The experts of a request: who they are, where they stand, and what the roster must satisfy
//! before anything is sent (two to six people, three after no warning; at least one inside and
//! one outside the leader's organisation unless the leader overrides it and says why; the
//! method's three checks ticked for each).

use crate::account::Email;
use crate::text::{FieldError, bounded};
use serde::{Deserialize, Serialize};

/// Fewest and most experts a request may have; three is the method.
pub const EXPERTS: (usize, usize) = (2, 6);
pub const METHOD_EXPERTS: usize = 3;

/// Where an expert stands in answering. Only `Answered` carries advice the leader may one day read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExpertStatus {
    /// The message has been sent (or the request is still a draft).
    Invited,
    /// The expert opened their link.
    Opened,
    /// The expert saved a draft.
    Drafting,
    /// The expert submitted; their items are sealed and unchangeable.
    Answered,
    /// The expert asked for more time (the new date is on the expert).
    MoreTime,
    /// The expert said no, with a note.
    Declined,
    /// The leader went on without this expert, or replaced them; their link is revoked.
    Withdrawn,
}

impl ExpertStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invited => "invited",
            Self::Opened => "opened",
            Self::Drafting => "drafting",
            Self::Answered => "answered",
            Self::MoreTime => "more_time",
            Self::Declined => "declined",
            Self::Withdrawn => "withdrawn",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "invited" => Self::Invited,
            "opened" => Self::Opened,
            "drafting" => Self::Drafting,
            "answered" => Self::Answered,
            "more_time" => Self::MoreTime,
            "declined" => Self::Declined,
            "withdrawn" => Self::Withdrawn,
            _ => return None,
        })
    }
    /// The words a page shows for the status.
    pub fn label(self) -> &'static str {
        match self {
            Self::Invited => "invited",
            Self::Opened => "opened the request",
            Self::Drafting => "writing",
            Self::Answered => "answered",
            Self::MoreTime => "asked for more time",
            Self::Declined => "declined",
            Self::Withdrawn => "left out",
        }
    }
    /// Still expected to answer: reminders go to these.
    pub fn awaited(self) -> bool {
        matches!(self, Self::Invited | Self::Opened | Self::Drafting | Self::MoreTime)
    }
}

/// Inside or outside the leader's organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    Inside,
    Outside,
}

impl Placement {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Inside => "inside",
            Self::Outside => "outside",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "inside" => Some(Self::Inside),
            "outside" => Some(Self::Outside),
            _ => None,
        }
    }
}

/// One expert as the leader typed them, before it is checked.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RawExpert {
    #[schema(schema_with = crate::text::schema::required::<{ super::limits::NAME }>, required = true)]
    pub name: String,
    #[schema(schema_with = Email::schema, required = true)]
    pub email: String,
    /// "inside" or "outside" the leader's organisation.
    #[schema(schema_with = placement_schema, required = true)]
    pub placement: String,
    /// The method's three checks: I know them, they know me, they know their stuff. A request
    /// names only people who pass all three.
    #[schema(schema_with = ticked, required = true)]
    pub i_know_them: bool,
    #[schema(schema_with = ticked, required = true)]
    pub they_know_me: bool,
    #[schema(schema_with = ticked, required = true)]
    pub knows_their_stuff: bool,
}

/// What [`Placement::parse`] reads.
fn placement_schema() -> utoipa::openapi::Object {
    crate::text::schema::words([Placement::Inside.as_str(), Placement::Outside.as_str()])
}

/// A check [`check_roster`] needs ticked.
fn ticked() -> utoipa::openapi::Object {
    crate::text::schema::must_be(true)
}

impl RawExpert {
    /// An expert with the method's three checks ticked (the demo's and the tests' shorthand).
    pub fn vouched(name: &str, email: &str, placement: &str) -> Self {
        Self {
            name: name.into(),
            email: email.into(),
            placement: placement.into(),
            i_know_them: true,
            they_know_me: true,
            knows_their_stuff: true,
        }
    }

    /// A row of a form left wholly empty is not an expert.
    pub fn is_blank(&self) -> bool {
        self.name.trim().is_empty() && self.email.trim().is_empty()
    }
}

/// An expert who passed the checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpertDraft {
    pub name: String,
    pub email: Email,
    pub placement: Placement,
}

/// The outcome of checking a roster: the experts, what refuses it, and what needs the leader's
/// confirmation (a number other than three).
#[derive(Debug, Default)]
pub struct RosterCheck {
    pub experts: Vec<ExpertDraft>,
    pub errors: Vec<FieldError>,
    /// Set when the roster is fine but differs from the method and the leader has not confirmed.
    pub needs_confirmation: Option<String>,
    /// Notes on placements that look wrong from the e-mail domains (shown, not refusing).
    pub placement_notes: Vec<String>,
}

/// Checks a roster. `already` are experts kept from before (for a replacement), counted in the
/// number and the inside/outside mix. `leader_email` may not be asked; `org_domains` are the
/// e-mail domains of the leader's organisations, for the placement notes.
pub fn check_roster(
    rows: &[RawExpert],
    already: &[ExpertDraft],
    leader_email: &str,
    org_domains: &[String],
    mix_overridden: bool,
    count_confirmed: bool,
) -> RosterCheck {
    let mut out = RosterCheck::default();
    for (i, row) in rows.iter().enumerate().filter(|(_, r)| !r.is_blank()) {
        let who = format!("expert {}", i + 1);
        let name = bounded("experts", &row.name, super::limits::NAME)
            .map_err(|e| out.errors.push(FieldError::new("experts", format!("{who}: the name {}", e.message))))
            .ok();
        let email = Email::parse(&row.email)
            .map_err(|e| out.errors.push(FieldError::new("experts", format!("{who}: the e-mail {}", e.message))))
            .ok();
        let placement = Placement::parse(&row.placement);
        if placement.is_none() {
            out.errors.push(FieldError::new(
                "experts",
                format!("{who}: say whether they are inside or outside your organisation"),
            ));
        }
        if !(row.i_know_them && row.they_know_me && row.knows_their_stuff) {
            out.errors.push(FieldError::new(
                "experts",
                format!(
                    "{who}: the method asks for someone you know, who knows you and who knows their stuff; tick all three, or choose someone who fits all three"
                ),
            ));
        }
        if let (Some(name), Some(email), Some(placement)) = (name, email, placement) {
            if email.as_str().eq_ignore_ascii_case(leader_email) {
                out.errors
                    .push(FieldError::new("experts", format!("{who}: that is your own address; ask someone else")));
                continue;
            }
            if let Some(seen) = inferred_note(&name, &email, placement, org_domains) {
                out.placement_notes.push(seen);
            }
            out.experts.push(ExpertDraft { name, email, placement });
        }
    }
    let all: Vec<&ExpertDraft> = already.iter().chain(&out.experts).collect();
    for (i, a) in all.iter().enumerate() {
        if all[..i].iter().any(|b| b.email == a.email) {
            out.errors
                .push(FieldError::new("experts", format!("{} is named twice; ask each person once", a.email.as_str())));
        }
    }
    let n = all.len();
    if n < EXPERTS.0 {
        out.errors.push(FieldError::new(
            "experts",
            "name at least two experts (three is the method): one voice gives advice, not a thread",
        ));
    } else if n > EXPERTS.1 {
        out.errors.push(FieldError::new("experts", format!("name at most six experts ({n} were named)")));
    }
    let inside = all.iter().any(|e| e.placement == Placement::Inside);
    let outside = all.iter().any(|e| e.placement == Placement::Outside);
    if n >= EXPERTS.0 && !(inside && outside) && !mix_overridden {
        let missing = if inside { "outside" } else { "inside" };
        out.errors.push(FieldError::new(
            "experts",
            format!(
                "the method asks for at least one expert inside your organisation and one outside; none is {missing}. Name one, or tick the override and say why"
            ),
        ));
    }
    if out.errors.is_empty() && n != METHOD_EXPERTS && !count_confirmed {
        out.needs_confirmation = Some(format!(
            "You named {n} experts. The method asks three people for three pieces of advice each; {n} works too. Confirm to go on with {n}."
        ));
    }
    out
}

/// What an e-mail domain says about where someone works: `Inside` when it is one of the leader's
/// organisations' domains, `None` when it tells nothing (a personal mail provider, or no known
/// domains).
pub fn infer_placement(email: &Email, org_domains: &[String]) -> Option<Placement> {
    let domain = email.as_str().rsplit('@').next()?.to_ascii_lowercase();
    if PERSONAL_MAIL.contains(&domain.as_str()) || org_domains.is_empty() {
        return None;
    }
    Some(if org_domains.iter().any(|d| d.eq_ignore_ascii_case(&domain)) {
        Placement::Inside
    } else {
        Placement::Outside
    })
}

fn inferred_note(name: &str, email: &Email, said: Placement, org_domains: &[String]) -> Option<String> {
    match (infer_placement(email, org_domains), said) {
        (Some(Placement::Inside), Placement::Outside) => Some(format!(
            "{name}'s address is at your organisation's domain, yet you marked them outside. Check it is right."
        )),
        (Some(Placement::Outside), Placement::Inside) => Some(format!(
            "{name}'s address is not at any of your organisations' domains, yet you marked them inside. Check it is right."
        )),
        _ => None,
    }
}

/// Domains that say nothing about where a person works.
const PERSONAL_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "hotmail.co.uk",
    "live.com",
    "yahoo.com",
    "yahoo.co.uk",
    "icloud.com",
    "me.com",
    "proton.me",
    "protonmail.com",
    "fastmail.com",
    "gmx.com",
    "aol.com",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, email: &str, placement: &str) -> RawExpert {
        RawExpert::vouched(name, email, placement)
    }

    fn three() -> Vec<RawExpert> {
        vec![
            row("Ann", "ann@council.example", "inside"),
            row("Bo", "bo@firm.example", "outside"),
            row("Cy", "cy@x.example", "outside"),
        ]
    }

    #[test]
    fn three_mixed_experts_pass_without_questions() {
        let c = check_roster(&three(), &[], "me@council.example", &["council.example".into()], false, false);
        assert!(c.errors.is_empty(), "{:?}", c.errors);
        assert_eq!(c.experts.len(), 3);
        assert!(c.needs_confirmation.is_none());
        assert!(c.placement_notes.is_empty());
    }

    #[test]
    fn one_expert_is_refused_and_two_or_four_need_confirming() {
        let one = check_roster(&three()[..1], &[], "me@x.org", &[], true, true);
        assert!(one.errors.iter().any(|e| e.message.contains("at least two")));
        let two = check_roster(&three()[..2], &[], "me@x.org", &[], false, false);
        assert!(two.errors.is_empty());
        assert!(two.needs_confirmation.as_deref().is_some_and(|m| m.contains("2 experts")));
        let confirmed = check_roster(&three()[..2], &[], "me@x.org", &[], false, true);
        assert!(confirmed.needs_confirmation.is_none());
        let mut seven = three();
        for i in 0..4 {
            seven.push(row("X", &format!("x{i}@y.example"), "outside"));
        }
        assert!(
            check_roster(&seven, &[], "me@x.org", &[], false, true)
                .errors
                .iter()
                .any(|e| e.message.contains("at most six"))
        );
    }

    #[test]
    fn the_mix_is_required_unless_overridden() {
        let all_outside = vec![
            row("Bo", "bo@a.example", "outside"),
            row("Cy", "cy@b.example", "outside"),
            row("Di", "di@c.example", "outside"),
        ];
        let c = check_roster(&all_outside, &[], "me@x.org", &[], false, false);
        assert!(c.errors.iter().any(|e| e.message.contains("none is inside")), "{:?}", c.errors);
        assert!(check_roster(&all_outside, &[], "me@x.org", &[], true, false).errors.is_empty());
    }

    #[test]
    fn each_row_must_pass_the_three_checks_and_not_be_me_or_twice() {
        let mut rows = three();
        rows[1].they_know_me = false;
        rows[2].email = "ME@x.org".into();
        rows.push(row("Ann again", "ann@council.example", "inside"));
        let c = check_roster(&rows, &[], "me@x.org", &[], false, true);
        let all: Vec<&str> = c.errors.iter().map(|e| e.message.as_str()).collect();
        assert!(all.iter().any(|m| m.starts_with("expert 2: the method asks")), "{all:?}");
        assert!(all.iter().any(|m| m.starts_with("expert 3: that is your own address")), "{all:?}");
        assert!(all.iter().any(|m| m.contains("named twice")), "{all:?}");
    }

    #[test]
    fn blank_rows_are_skipped_and_bad_fields_named() {
        let mut rows = three();
        rows.push(RawExpert::default());
        rows[0].email = "not an address".into();
        rows[1].placement = String::new();
        let c = check_roster(&rows, &[], "me@x.org", &[], false, true);
        let all: Vec<&str> = c.errors.iter().map(|e| e.message.as_str()).collect();
        assert!(all.iter().any(|m| m.starts_with("expert 1: the e-mail")), "{all:?}");
        assert!(all.iter().any(|m| m.starts_with("expert 2: say whether")), "{all:?}");
        assert!(!all.iter().any(|m| m.starts_with("expert 4")), "{all:?}");
    }

    #[test]
    fn placements_are_checked_against_the_leaders_domains() {
        let domains = vec!["council.example".to_owned()];
        let e = |s: &str| Email::parse(s).unwrap();
        assert_eq!(infer_placement(&e("a@council.example"), &domains), Some(Placement::Inside));
        assert_eq!(infer_placement(&e("a@firm.example"), &domains), Some(Placement::Outside));
        assert_eq!(infer_placement(&e("a@gmail.com"), &domains), None);
        assert_eq!(infer_placement(&e("a@firm.example"), &[]), None);
        let rows = vec![
            row("Ann", "ann@council.example", "outside"),
            row("Bo", "bo@firm.example", "inside"),
            row("Cy", "cy@gmail.com", "outside"),
        ];
        let c = check_roster(&rows, &[], "me@council.example", &domains, false, false);
        assert_eq!(c.placement_notes.len(), 2, "{:?}", c.placement_notes);
        assert!(c.placement_notes[0].starts_with("Ann's address is at your organisation's domain"));
    }
}
