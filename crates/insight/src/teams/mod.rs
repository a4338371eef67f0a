//! Teams across organisations (co-coaching).
//!
//! Each participant brings one or two challenges (what, why it matters, what success looks like).
//! The engine suggests pairs of challenges from different organisations, a trio where a challenge is
//! left over that fits both members of a pair, and leaves out challenges with no natural partner
//! rather than forcing them. "Natural" means more alike than the group's typical cross-organisation
//! pair (and, for the static model, more alike than unrelated texts usually are). The facilitator's
//! confirmed teams are kept as they are and their rejected pairs are never suggested again.

mod explain;
mod pairing;

pub use pairing::Method;

use crate::InsightError;
use crate::similarity::{self, Representation};
use crate::text;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Most challenges one request may hold: the similarity matrix grows with the square.
pub const MAX_CHALLENGES: usize = 2_000;

/// One participant's challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    /// Unique within the request.
    pub id: String,
    /// The participant's organisation.
    pub org: String,
    /// The participant, so that one person's two challenges are never teamed together.
    pub person: String,
    pub what: String,
    #[serde(default)]
    pub why: String,
    #[serde(default)]
    pub success: String,
}

/// What the facilitator has already decided.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    /// Teams to keep as they are (challenge ids, two or more, from at least two organisations).
    #[serde(default)]
    pub confirmed: Vec<Vec<String>>,
    /// Pairs of challenges never to put in one team.
    #[serde(default)]
    pub rejected: Vec<(String, String)>,
    /// When true a person joins at most one team, even with two challenges.
    #[serde(default)]
    pub one_team_per_person: bool,
}

/// The suggestion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamSuggestion {
    /// Confirmed teams first, then suggested ones, most alike first.
    pub teams: Vec<Team>,
    /// Challenges left out, with why.
    pub unmatched: Vec<Unmatched>,
    /// Mean similarity of the pairs that could be teamed (different organisations and people).
    pub typical_similarity: f32,
    /// Similarity a pair had to exceed.
    pub threshold: f32,
    pub method: Method,
}

/// A team of challenges.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Team {
    pub challenges: Vec<String>,
    /// Mean similarity between its members.
    pub similarity: f32,
    pub confirmed: bool,
    /// Words its challenges share.
    pub shared_words: Vec<String>,
    /// For each member, the words that make it like the others.
    pub key_words: Vec<(String, Vec<String>)>,
    pub reason: String,
}

/// A challenge without a team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unmatched {
    pub challenge: String,
    /// Its most similar challenge it could have been teamed with, and how similar.
    pub closest: Option<(String, f32)>,
    pub reason: String,
}

/// Everything the explanation and the pairing share about one request.
pub(crate) struct Pool<'a> {
    pub challenges: &'a [Challenge],
    pub texts: Vec<String>,
    pub sim: similarity::SimilarityMatrix,
    pub threshold: f32,
    /// The lower bar for two challenges that are each other's closest allowed match.
    pub mutual_threshold: f32,
    pub typical: f32,
    /// The level below which no pair is natural whatever the group (the method's unrelated level).
    pub floor: f32,
    rejected: HashSet<(usize, usize)>,
    /// Each free challenge's closest allowed challenge among the free ones (None for the others).
    closest: Vec<Option<usize>>,
    /// Organisation and person of each challenge as small numbers: `allowed` runs for every pair
    /// of a thousand challenges, several times, and comparing strings there was most of the cost.
    org_of: Vec<usize>,
    person_of: Vec<usize>,
}

impl Pool<'_> {
    /// Different organisations, different people, and not rejected by the facilitator.
    pub fn allowed(&self, i: usize, j: usize) -> bool {
        self.org_of[i] != self.org_of[j]
            && self.person_of[i] != self.person_of[j]
            && (self.rejected.is_empty() || !self.rejected.contains(&(i.min(j), i.max(j))))
    }

    /// Are i and j each other's closest allowed challenge (among those free to be teamed)?
    pub fn mutual(&self, i: usize, j: usize) -> bool {
        self.closest[i] == Some(j) && self.closest[j] == Some(i)
    }
}

/// Suggests teams for `challenges`, honouring the facilitator's `choices`.
pub fn suggest_teams(
    representation: &dyn Representation,
    challenges: &[Challenge],
    choices: &Choices,
) -> Result<TeamSuggestion, InsightError> {
    if challenges.len() > MAX_CHALLENGES {
        return Err(InsightError::Count { what: "challenges", min: 0, max: MAX_CHALLENGES, got: challenges.len() });
    }
    let index = index_of(challenges)?;
    let lookup = |id: &String| {
        index.get(id.as_str()).copied().ok_or_else(|| InsightError::InvalidChoice(format!("no challenge {id}")))
    };
    let rejected = choices
        .rejected
        .iter()
        .map(|(a, b)| Ok::<_, InsightError>((lookup(a)?.min(lookup(b)?), lookup(a)?.max(lookup(b)?))))
        .collect::<Result<HashSet<_>, _>>()?;
    let confirmed = choices
        .confirmed
        .iter()
        .map(|team| team.iter().map(lookup).collect::<Result<Vec<_>, _>>())
        .collect::<Result<Vec<_>, _>>()?;

    let texts: Vec<String> = challenges.iter().map(joined).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let sim = representation.challenge_similarities(&refs);
    let finder = crate::keywords::KeyWords::new(representation, &refs);
    let mut pool = Pool {
        challenges,
        texts,
        sim,
        threshold: 0.0,
        mutual_threshold: 0.0,
        typical: 0.0,
        floor: f32::MIN,
        rejected,
        closest: vec![None; challenges.len()],
        org_of: numbered(challenges.iter().map(|c| c.org.as_str())),
        person_of: numbered(challenges.iter().map(|c| c.person.as_str())),
    };
    let blank: Vec<bool> = pool.texts.iter().map(|t| text::is_blank(t)).collect();
    // A challenge's usual company is the challenges it could be teamed with.
    pool.sim = pool.sim.hubness_corrected(representation.challenge_hubness_neighbours(), |i, j| {
        pool.allowed(i, j) && !blank[i] && !blank[j]
    });
    let possible = |i: usize, j: usize| pool.allowed(i, j) && !blank[i] && !blank[j];
    // The yardstick is the pairs nobody would choose: leaving out each challenge's few closest
    // possible partners keeps the natural pairs themselves from raising the bar (in a group where
    // everyone has a partner, a quarter of the possible pairs may be natural ones).
    let cut = nearest_cut(&pool.sim, representation.background_skips_nearest(), possible);
    let background_pair = |i: usize, j: usize| possible(i, j) && pool.sim.get(i, j) < cut[i].min(cut[j]);
    let background_pairs = (0..challenges.len())
        .map(|i| (i + 1..challenges.len()).filter(|&j| background_pair(i, j)).count())
        .sum::<usize>();
    let (_, background) =
        if background_pairs >= 3 { pool.sim.standardized(background_pair) } else { pool.sim.standardized(possible) };
    pool.typical = background.mean;
    // A natural pair is more alike than this group's typical allowed pair, by as many standard
    // deviations as the method asks. Where raw similarities have a meaning of their own (the
    // static model's cosine), below the unrelated level a pair is not natural even in a group where
    // everything is unrelated.
    let floor = representation.unrelated_level().unwrap_or(f32::MIN);
    pool.floor = floor;
    pool.threshold = natural_threshold(background, representation.natural_pair_sd(), floor);
    // Two challenges that are each other's closest match need only be more alike than the typical
    // pair: the stricter bar is for pairs where at least one has a better match elsewhere, which
    // is where forced, false teams come from.
    pool.mutual_threshold = if representation.mutual_relief() {
        natural_threshold(background, representation.mutual_pair_sd(), floor).min(pool.threshold)
    } else {
        pool.threshold
    };
    check_confirmed(&pool, &confirmed)?;

    let in_confirmed: HashSet<usize> = confirmed.iter().flatten().copied().collect();
    let person_of = |i: usize| challenges[i].person.as_str();
    let taken_people: HashSet<_> = in_confirmed.iter().map(|&i| person_of(i)).collect();
    let free: Vec<usize> = (0..challenges.len())
        .filter(|i| !in_confirmed.contains(i) && !blank[*i])
        .filter(|&i| !(choices.one_team_per_person && taken_people.contains(&person_of(i))))
        .collect();
    // Ties go to the earlier challenge, so the result does not depend on float noise in order.
    for &i in &free {
        pool.closest[i] = free
            .iter()
            .copied()
            .filter(|&j| j != i && pool.allowed(i, j))
            .max_by(|&a, &b| pool.sim.get(i, a).total_cmp(&pool.sim.get(i, b)).then(b.cmp(&a)));
    }
    let allowed = |i: usize, j: usize| pool.allowed(i, j);
    let siblings = |i: usize| -> Vec<usize> {
        if !choices.one_team_per_person {
            return Vec::new();
        }
        free.iter().copied().filter(|&j| j != i && person_of(j) == person_of(i)).collect()
    };
    let mutual = |i: usize, j: usize| pool.mutual(i, j);
    let rules = pairing::Rules {
        sim: &pool.sim,
        threshold: pool.threshold,
        mutual_threshold: pool.mutual_threshold,
        mutual: &mutual,
        allowed: &allowed,
        siblings: &siblings,
    };
    let (mut pairs, method) = pairing::pairs(&rules, &free);
    // Pairs formed at the typical-pair bar stay only when they are clearly above it or the two are
    // each other's closest match: a weak best partner is left out rather than forced.
    if let Some(sd) = representation.prune_weak_pairs_sd() {
        let bar = natural_threshold(background, sd, floor);
        pairs.retain(|&(i, j)| pool.sim.get(i, j) > bar || pool.mutual(i, j));
    }
    let mut teams: Vec<Vec<usize>> = pairs.into_iter().map(|(i, j)| vec![i, j]).collect();
    add_trios(&pool, &mut teams, &free, choices.one_team_per_person);

    let mut suggested: Vec<Team> = teams.iter().map(|t| explain::team(finder.as_ref(), &pool, t, false)).collect();
    suggested.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
    let mut out: Vec<Team> = confirmed.iter().map(|t| explain::team(finder.as_ref(), &pool, t, true)).collect();
    out.extend(suggested);
    let placed: HashSet<usize> = teams.iter().flatten().chain(&in_confirmed).copied().collect();
    let unmatched = (0..challenges.len())
        .filter(|i| !placed.contains(i))
        .map(|i| explain::unmatched(&pool, i, &teams, blank[i]))
        .collect();
    Ok(TeamSuggestion { teams: out, unmatched, typical_similarity: pool.typical, threshold: pool.threshold, method })
}

/// For each challenge, the similarity of its `k`-th closest possible partner (pairs at or above it
/// are among its `k` closest); `f32::MAX` (every pair counts) when `k` is 0 or it has no partner.
pub(crate) fn nearest_cut(
    sim: &similarity::SimilarityMatrix,
    k: usize,
    possible: impl Fn(usize, usize) -> bool,
) -> Vec<f32> {
    (0..sim.len())
        .map(|i| {
            if k == 0 {
                return f32::MAX;
            }
            let mut partners: Vec<f32> =
                (0..sim.len()).filter(|&j| j != i && possible(i, j)).map(|j| sim.get(i, j)).collect();
            if partners.is_empty() {
                return f32::MAX;
            }
            let k = k.min(partners.len());
            partners.select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a));
            partners[k - 1]
        })
        .collect()
}

/// The similarity a pair must exceed: `sd_above` standard deviations above the group's typical
/// allowed pair, and never below `floor`.
pub(crate) fn natural_threshold(background: similarity::Background, sd_above: f32, floor: f32) -> f32 {
    (background.mean + sd_above * background.sd).max(floor)
}

/// A left-over challenge joins a pair when it is more alike than the threshold to both members,
/// best fit first, one extra member per pair: the trio for uneven numbers.
fn add_trios(pool: &Pool<'_>, teams: &mut [Vec<usize>], free: &[usize], one_team_per_person: bool) {
    let placed: HashSet<usize> = teams.iter().flatten().copied().collect();
    let busy_people: HashSet<&str> = placed.iter().map(|&i| pool.challenges[i].person.as_str()).collect();
    let mut options: Vec<(f32, usize, usize)> = Vec::new();
    for &x in free.iter().filter(|x| !placed.contains(x)) {
        if one_team_per_person && busy_people.contains(pool.challenges[x].person.as_str()) {
            continue;
        }
        for (t, team) in teams.iter().enumerate() {
            let fits = team.iter().all(|&m| {
                pool.challenges[m].person != pool.challenges[x].person
                    && !pool.rejected.contains(&(m.min(x), m.max(x)))
                    && pool.sim.get(m, x) > pool.threshold
            });
            if fits {
                let mean = team.iter().map(|&m| pool.sim.get(m, x)).sum::<f32>() / team.len() as f32;
                options.push((mean, x, t));
            }
        }
    }
    options.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut grown = HashSet::new();
    let mut joined = HashSet::new();
    for (_, x, t) in options {
        if !grown.contains(&t) && !joined.contains(&x) {
            teams[t].push(x);
            grown.insert(t);
            joined.insert(x);
        }
    }
}

/// Numbers each distinct name in order of first appearance.
fn numbered<'a>(names: impl Iterator<Item = &'a str>) -> Vec<usize> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    names
        .map(|n| {
            let next = seen.len();
            *seen.entry(n).or_insert(next)
        })
        .collect()
}

fn index_of(challenges: &[Challenge]) -> Result<HashMap<&str, usize>, InsightError> {
    let mut index = HashMap::with_capacity(challenges.len());
    for (i, c) in challenges.iter().enumerate() {
        for field in [&c.what, &c.why, &c.success] {
            text::check_length(&c.id, field)?;
        }
        if index.insert(c.id.as_str(), i).is_some() {
            return Err(InsightError::DuplicateId(c.id.clone()));
        }
    }
    Ok(index)
}

fn check_confirmed(pool: &Pool<'_>, confirmed: &[Vec<usize>]) -> Result<(), InsightError> {
    let mut seen = HashSet::new();
    for team in confirmed {
        let ids = || team.iter().map(|&i| pool.challenges[i].id.as_str()).collect::<Vec<_>>().join(", ");
        if team.len() < 2 {
            return Err(InsightError::InvalidChoice(format!("a team needs two challenges: [{}]", ids())));
        }
        let orgs: HashSet<&str> = team.iter().map(|&i| pool.challenges[i].org.as_str()).collect();
        if orgs.len() < 2 {
            return Err(InsightError::InvalidChoice(format!("team [{}] is from one organisation", ids())));
        }
        if let Some(&i) = team.iter().find(|&&i| !seen.insert(i)) {
            return Err(InsightError::InvalidChoice(format!("{} is in two confirmed teams", pool.challenges[i].id)));
        }
    }
    Ok(())
}

/// The text compared: all three parts, because "why" and "success" often say more about what
/// kind of problem it is than the one-line "what".
fn joined(c: &Challenge) -> String {
    [c.what.trim(), c.why.trim(), c.success.trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests;
