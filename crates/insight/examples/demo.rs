//! Prints what the engine says about one labelled advice set and one co-coaching scenario, as JSON,
//! to see the explanations a page would show: `cargo run -p coachkit-insight --example demo`.

use coachkit_insight::eval::EvalFile;
use coachkit_insight::teams::{Challenge, Choices, suggest_teams};
use coachkit_insight::thread::{Advice, Expert, find_thread};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let model = coachkit_insight::model()?;
    if let EvalFile::Advice(file) = EvalFile::parse(include_str!("../eval/own_advice_sets.json"))? {
        let set = &file.sets[0];
        let experts: Vec<Expert> = set
            .experts
            .iter()
            .map(|e| Expert {
                name: e.name.clone(),
                advice: e.advice.iter().map(|a| Advice { id: a.id.clone(), text: a.text.clone() }).collect(),
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&find_thread(model, &experts)?)?);
    }
    if let EvalFile::CoCoaching(file) = EvalFile::parse(include_str!("../eval/own_cocoaching_sets.json"))? {
        let challenges: Vec<Challenge> = file.scenarios[0]
            .participants
            .iter()
            .flat_map(|p| {
                p.challenges.iter().map(move |c| Challenge {
                    id: c.id.clone(),
                    org: p.org.clone(),
                    person: p.id.clone(),
                    what: c.what.clone(),
                    why: c.why.clone().unwrap_or_default(),
                    success: c.success.clone().unwrap_or_default(),
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&suggest_teams(model, &challenges, &Choices::default())?)?);
    }
    Ok(())
}
