//! What makes a team: two or more cards, from at least two people, spanning both organisations
//! (the point of the practice is working across the two), and no card in two teams.

use super::Side;
use crate::text::FieldError;

/// Most cards one team holds: beyond this it is a workshop, not a team.
pub const MAX_CARDS: usize = 6;

/// One card as the team rule sees it.
#[derive(Clone, Debug)]
pub struct Member<'a> {
    pub card: &'a str,
    pub person: &'a str,
    pub side: Side,
}

/// Refuses a team that is not a team of this practice, with a sentence saying why.
pub fn check_team(members: &[Member<'_>]) -> Result<(), FieldError> {
    if members.len() < 2 {
        return Err(FieldError::new("cards", "A team needs at least two cards."));
    }
    if members.len() > MAX_CARDS {
        return Err(FieldError::new("cards", format!("A team holds at most {MAX_CARDS} cards.")));
    }
    let mut cards: Vec<&str> = members.iter().map(|m| m.card).collect();
    cards.sort_unstable();
    cards.dedup();
    if cards.len() != members.len() {
        return Err(FieldError::new("cards", "The same card is named twice."));
    }
    let has = |s: Side| members.iter().any(|m| m.side == s);
    if !(has(Side::A) && has(Side::B)) {
        return Err(FieldError::new(
            "cards",
            "A team must bring together people from both organisations; these cards all come from one.",
        ));
    }
    if members.iter().all(|m| m.person == members[0].person) {
        return Err(FieldError::new("cards", "A team needs at least two people."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m<'a>(card: &'a str, person: &'a str, side: Side) -> Member<'a> {
        Member { card, person, side }
    }

    #[test]
    fn one_organisation_is_refused_two_are_a_team() {
        let e = check_team(&[m("1", "p", Side::A), m("2", "q", Side::A)]).unwrap_err();
        assert!(e.message.contains("both organisations"));
        assert!(check_team(&[m("1", "p", Side::A), m("2", "q", Side::B)]).is_ok());
        assert!(check_team(&[m("1", "p", Side::A)]).is_err());
        assert!(check_team(&[m("1", "p", Side::A), m("1", "p", Side::B)]).is_err());
        let seven: Vec<_> = ["1", "2", "3", "4", "5", "6", "7"]
            .iter()
            .map(|c| m(c, c, if *c == "1" { Side::A } else { Side::B }))
            .collect();
        assert!(check_team(&seven).is_err());
    }
}
