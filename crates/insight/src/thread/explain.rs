//! Turns the search's numbers into what a person reads: key words, shared words and sentences.
//!
//! Every sentence quotes the figures it rests on (similarities, the request's typical pair, the
//! runner-up) so that a coach can check the claim rather than trust it.

use super::search::Ranking;
use super::{Highlight, Items, SharedWord, Thread, ThreadItem, highlight};
use crate::keywords::KeyWords;
use crate::lexical::shared_terms;
use crate::similarity::{Background, Representation, SimilarityMatrix};
use crate::text::{join_list, quoted};

/// Key words shown per thread item.
const KEY_WORDS: usize = 3;

pub(super) struct Context<'a> {
    pub representation: &'a dyn Representation,
    pub items: &'a Items<'a>,
    pub sim: &'a SimilarityMatrix,
    pub background: Background,
}

/// Builds the report's view of a combination: per-item similarity and key words.
pub(super) fn thread(ctx: &Context<'_>, members: &[usize], repeats: &[usize]) -> Thread {
    let items = ctx.items;
    let cross = |i: usize| members.iter().copied().filter(move |&j| items.expert_of[j] != items.expert_of[i]);
    let mean_to_others = |i: usize| {
        let (total, count) = cross(i).fold((0.0, 0), |(t, c), j| (t + ctx.sim.get(i, j), c + 1));
        if count > 0 { total / count as f32 } else { 0.0 }
    };
    // Key words contrast with the advice outside this combination: what these items share beyond
    // what all the advice in the request shares.
    let outside: Vec<&str> = (0..items.ids.len()).filter(|i| !members.contains(i)).map(|i| items.texts[i]).collect();
    let finder = KeyWords::new(ctx.representation, &outside);
    let thread_items = members
        .iter()
        .map(|&i| ThreadItem {
            id: items.ids[i].to_owned(),
            expert: items.expert_of[i],
            repeat: repeats.contains(&i),
            similarity: mean_to_others(i),
            key_words: key_words(ctx, finder.as_ref(), i, &cross(i).collect::<Vec<_>>()),
        })
        .collect::<Vec<_>>();
    let (mut total, mut pairs) = (0.0, 0);
    for (a, &x) in members.iter().enumerate() {
        for &y in &members[a + 1..] {
            if items.expert_of[x] != items.expert_of[y] {
                total += ctx.sim.get(x, y);
                pairs += 1;
            }
        }
    }
    Thread { items: thread_items, similarity: if pairs > 0 { total / pairs as f32 } else { 0.0 } }
}

/// The content words of item `i` that contribute most to its likeness with `others`.
fn key_words(ctx: &Context<'_>, finder: Option<&KeyWords<'_>>, i: usize, others: &[usize]) -> Vec<Highlight> {
    let Some(finder) = finder else { return Vec::new() };
    let text = ctx.items.texts[i];
    let others: Vec<&str> = others.iter().map(|&o| ctx.items.texts[o]).collect();
    finder
        .of(text, &others, KEY_WORDS)
        .into_iter()
        .map(|(start, end)| Highlight {
            item: ctx.items.ids[i].to_owned(),
            start,
            end,
            text: text[start..end].to_owned(),
        })
        .collect()
}

/// Stems that items of at least two different experts in the thread share.
pub(super) fn shared_words(items: &Items<'_>, members: &[usize]) -> Vec<SharedWord> {
    let texts: Vec<&str> = members.iter().map(|&i| items.texts[i]).collect();
    shared_terms(&texts, 2)
        .into_iter()
        .filter(|t| {
            let mut experts: Vec<usize> = t.texts.iter().map(|&k| items.expert_of[members[k]]).collect();
            experts.dedup();
            experts.len() >= 2
        })
        .map(|t| SharedWord {
            word: t.label,
            highlights: t.occurrences.iter().map(|o| highlight(items.ids[members[o.text]], texts[o.text], o)).collect(),
        })
        .collect()
}

/// The report's explanation: why this thread, what it shares, how sure, what came second.
pub(super) fn summary(
    ctx: &Context<'_>,
    ranking: &Ranking,
    thread: &Thread,
    runner_up: Option<&Thread>,
    shared: &[SharedWord],
    confidence: f32,
) -> String {
    let items = ctx.items;
    let label = |i: &super::ThreadItem| format!("{} ({})", i.id, items.names[i.expert]);
    let firsts: Vec<String> = thread.items.iter().filter(|i| !i.repeat).map(label).collect();
    let mut s = if ranking.combinations == 1 {
        format!(
            "{} is the only way to take one item from each expert, as each gave a single usable item; \
             their average similarity is {:.2}.",
            join_list(&firsts),
            thread.similarity
        )
    } else {
        format!(
            "{} are the most alike of the {} ways to take one item from each expert: their average \
             similarity is {:.2}, where two items from different experts in this request typically score {:.2}.",
            join_list(&firsts),
            ranking.combinations,
            thread.similarity,
            ctx.background.mean
        )
    };
    for r in thread.items.iter().filter(|i| i.repeat) {
        let first = thread.items.iter().find(|i| i.expert == r.expert && !i.repeat);
        if let Some(first) = first {
            s.push_str(&format!(
                " {} is {}'s second item on it: it restates {} as closely as any two experts agree.",
                r.id, items.names[r.expert], first.id
            ));
        }
    }
    if shared.is_empty() {
        s.push_str(" They share no content word, so the likeness is in meaning rather than wording.");
    } else {
        let words = quoted(&shared.iter().map(|w| w.word.as_str()).collect::<Vec<_>>());
        s.push_str(&format!(" Shared words: {}.", join_list(&words)));
    }
    let keys: Vec<String> = thread
        .items
        .iter()
        .filter(|i| !i.key_words.is_empty())
        .map(|i| {
            let w = quoted(&i.key_words.iter().map(|k| k.text.as_str()).collect::<Vec<_>>());
            format!("{} {}", i.id, w.join(", "))
        })
        .collect();
    if !keys.is_empty() {
        s.push_str(&format!(" Words that make them alike: {}.", keys.join("; ")));
    }
    match runner_up {
        Some(r) => {
            let differs: Vec<String> = r
                .items
                .iter()
                .filter(|i| !thread.items.iter().any(|t| t.id == i.id))
                .map(|i| format!("{} instead of {}", i.id, first_of(thread, i.expert)))
                .collect();
            s.push_str(&format!(
                " Runner-up: {} (average {:.2}). Confidence {:.2}: the lead over the runner-up is {:.0}% of \
                 the lead over a typical combination{}.",
                join_list(&differs),
                r.similarity,
                confidence,
                confidence * 100.0,
                if confidence < super::CLOSE_BELOW { "; close enough that both deserve a look" } else { "" }
            ));
        }
        None => s.push_str(" Confidence 1.00: there was no other combination to choose."),
    }
    s
}

/// Why item `i` is related to the thread.
pub(super) fn related(ctx: &Context<'_>, i: usize, similarity: f32, thread_similarity: f32) -> String {
    format!(
        "{} ({}) is related: its average similarity to the thread is {:.2}, at least {:.0}% of the way from a \
         typical pair ({:.2}) to the thread's own ({:.2}).",
        ctx.items.ids[i],
        ctx.items.names[ctx.items.expert_of[i]],
        similarity,
        super::RELATED_SHARE * 100.0,
        ctx.background.mean,
        thread_similarity
    )
}

fn first_of(thread: &Thread, expert: usize) -> &str {
    thread.items.iter().find(|t| t.expert == expert && !t.repeat).map_or("", |t| t.id.as_str())
}
