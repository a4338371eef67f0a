//! Why each team was suggested and why each left-over challenge has none, with the figures.

use super::{Pool, Team, Unmatched};
use crate::keywords::KeyWords;
use crate::lexical::shared_terms;
use crate::text::{join_list, quoted};

/// Builds the report's view of a team.
pub(super) fn team(finder: Option<&KeyWords<'_>>, pool: &Pool<'_>, members: &[usize], confirmed: bool) -> Team {
    let c = pool.challenges;
    let texts: Vec<&str> = members.iter().map(|&i| pool.texts[i].as_str()).collect();
    let mut pair_sims = Vec::new();
    for (a, &x) in members.iter().enumerate() {
        for &y in &members[a + 1..] {
            pair_sims.push(pool.sim.get(x, y));
        }
    }
    let similarity = pair_sims.iter().sum::<f32>() / pair_sims.len().max(1) as f32;
    let shared_words: Vec<String> = shared_terms(&texts, 2).into_iter().map(|t| t.label).collect();
    let key_words: Vec<(String, Vec<String>)> = members
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let others: Vec<&str> = texts.iter().enumerate().filter(|(o, _)| *o != k).map(|(_, t)| *t).collect();
            let spans = finder.map(|f| f.of(texts[k], &others, 3)).unwrap_or_default();
            let words = spans.into_iter().map(|(s, e)| texts[k][s..e].to_owned()).collect();
            (c[i].id.clone(), words)
        })
        .collect();

    let name = |i: usize| format!("{} ({})", c[i].id, c[i].org);
    let mut reason = if confirmed {
        format!(
            "Confirmed by the facilitator. Similarity {similarity:.2}; this group's typical cross-organisation pair scores {:.2}.",
            pool.typical
        )
    } else if let [a, b] = members
        && similarity <= pool.threshold
    {
        format!(
            "{} and {} are each other's closest match from another organisation, and more alike than this \
             group's typical pair from different organisations: similarity {:.2} against {:.2}, above the bar \
             {:.2} for such pairs. (A pair where either has a closer match elsewhere must reach {:.2}.)",
            name(*a),
            name(*b),
            similarity,
            pool.typical,
            pool.mutual_threshold,
            pool.threshold,
        )
    } else if let [a, b] = members {
        format!(
            "{} and {} are more alike than this group's typical pair from different organisations: similarity {:.2} \
             against {:.2}, above the threshold {:.2}. {} is {}'s {} match and {} is {}'s {}.",
            name(*a),
            name(*b),
            similarity,
            pool.typical,
            pool.threshold,
            c[*b].id,
            c[*a].id,
            ordinal(rank(pool, *a, *b)),
            c[*a].id,
            c[*b].id,
            ordinal(rank(pool, *b, *a)),
        )
    } else {
        let (pair, extra) = members.split_at(2);
        let joiner = extra.first().copied().unwrap_or(pair[0]);
        format!(
            "{} and {} are a natural pair (similarity {:.2}); {} joins them because it is more alike than the \
             threshold {:.2} to both ({:.2} and {:.2}), making a trio for the uneven numbers.",
            name(pair[0]),
            name(pair[1]),
            pool.sim.get(pair[0], pair[1]),
            name(joiner),
            pool.threshold,
            pool.sim.get(joiner, pair[0]),
            pool.sim.get(joiner, pair[1]),
        )
    };
    if !shared_words.is_empty() {
        reason.push_str(&format!(" Shared words: {}.", join_list(&quoted(&shared_words))));
    }
    let keys: Vec<String> = key_words
        .iter()
        .filter(|(_, w)| !w.is_empty())
        .map(|(id, w)| format!("{id} {}", quoted(w).join(", ")))
        .collect();
    if !keys.is_empty() {
        reason.push_str(&format!(" Words that make them alike: {}.", keys.join("; ")));
    }
    Team {
        challenges: members.iter().map(|&i| c[i].id.clone()).collect(),
        similarity,
        confirmed,
        shared_words,
        key_words,
        reason,
    }
}

/// Why challenge `i` is in no team.
pub(super) fn unmatched(pool: &Pool<'_>, i: usize, teams: &[Vec<usize>], blank: bool) -> Unmatched {
    let c = pool.challenges;
    let closest = (0..c.len())
        .filter(|&j| j != i && pool.allowed(i, j) && !pool.texts[j].trim().is_empty())
        .max_by(|&a, &b| pool.sim.get(i, a).total_cmp(&pool.sim.get(i, b)));
    let reason = match closest {
        _ if blank => "It has no text to compare.".to_owned(),
        None => "No challenge from another organisation (and another person) could be teamed with it.".to_owned(),
        Some(j) if pool.sim.get(i, j) <= pool.typical.max(pool.floor) => format!(
            "Its closest match, {} ({:.2}), is no more alike than this group's typical pair ({:.2}), so it is left \
             out rather than forced.",
            c[j].id,
            pool.sim.get(i, j),
            pool.typical.max(pool.floor)
        ),
        Some(j) if pool.sim.get(i, j) <= pool.mutual_threshold => format!(
            "Its closest match, {} ({:.2}), is more alike than this group's typical pair ({:.2}) but not by the \
             margin a natural pair needs here ({:.2}), so it is left out rather than forced.",
            c[j].id,
            pool.sim.get(i, j),
            pool.typical,
            pool.mutual_threshold
        ),
        Some(j) if pool.sim.get(i, j) <= pool.threshold && !pool.mutual(i, j) => format!(
            "Its closest match, {} ({:.2}), has a closer match of its own, and is not more alike than this \
             group's threshold ({:.2}), so it is left out rather than forced.",
            c[j].id,
            pool.sim.get(i, j),
            pool.threshold
        ),
        Some(j) => match teams.iter().find(|t| t.contains(&j)) {
            Some(team) => {
                let partners: Vec<String> = team.iter().filter(|&&m| m != j).map(|&m| c[m].id.clone()).collect();
                format!(
                    "Its closest match, {} ({:.2}), fits {} better, and no other free challenge is more alike than \
                     the threshold ({:.2}).",
                    c[j].id,
                    pool.sim.get(i, j),
                    join_list(&partners),
                    pool.threshold
                )
            }
            None => format!(
                "Its closest match, {} ({:.2}), is in a confirmed team or was set aside by the facilitator's choices.",
                c[j].id,
                pool.sim.get(i, j)
            ),
        },
    };
    Unmatched { challenge: c[i].id.clone(), closest: closest.map(|j| (c[j].id.clone(), pool.sim.get(i, j))), reason }
}

/// 1 + the number of challenges `i` could be teamed with that are more alike to it than `j`.
fn rank(pool: &Pool<'_>, i: usize, j: usize) -> usize {
    let s = pool.sim.get(i, j);
    1 + (0..pool.challenges.len()).filter(|&k| k != i && k != j && pool.allowed(i, k) && pool.sim.get(i, k) > s).count()
}

fn ordinal(n: usize) -> String {
    match n {
        1 => "closest".to_owned(),
        2 => "second closest".to_owned(),
        3 => "third closest".to_owned(),
        n => format!("{n}th closest"),
    }
}
