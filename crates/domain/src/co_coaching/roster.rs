//! How many people each organisation brings: three or four is the method; two to six works with a
//! warning-free page only inside three to four, and outside two to six the facilitator is warned
//! (never blocked: people join over days, and the facilitator knows the room).

/// The method's number of participants per organisation.
pub const NORM: (usize, usize) = (3, 4);
/// Outside this range the page warns more strongly.
pub const WORKABLE: (usize, usize) = (2, 6);

/// A warning about one side's size, or None when it is within the norm.
pub fn side_warning(org_name: &str, count: usize) -> Option<String> {
    if (NORM.0..=NORM.1).contains(&count) {
        return None;
    }
    if (WORKABLE.0..=WORKABLE.1).contains(&count) {
        return Some(format!("{org_name} has {count} participants; three or four from each side is the method."));
    }
    Some(format!(
        "{org_name} has {count} participants: outside two to six, the teaming up rarely works. \
         Three or four from each side is the method."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_or_four_is_quiet_outside_two_to_six_warns_harder() {
        assert_eq!(side_warning("Trust", 3), None);
        assert_eq!(side_warning("Trust", 4), None);
        assert!(side_warning("Trust", 2).unwrap().contains("has 2 participants;"));
        assert!(side_warning("Trust", 7).unwrap().contains("outside two to six"));
        assert!(side_warning("Trust", 0).unwrap().contains("outside two to six"));
    }
}
