//! Writes sample wheels (2, 4 and 12 areas, light and dark, SVG and PNG) for people to look at:
//! `cargo run -p coachkit-wheelchart --example wheel_samples [out-dir]`. The default folder is
//! `target/wheel-samples` in the workspace.

use coachkit_domain::time::Millis;
use coachkit_domain::wheel::{Assessment, RawArea, RawEntry, Template, TimeUnit, TrendSeries};
use coachkit_wheelchart::{
    ComparisonOptions, Theme, TrendOptions, WheelOptions, comparison_svg, trend_svg, wheel_png, wheel_svg,
};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/wheel-samples"));
    std::fs::create_dir_all(&out)?;
    for (name, assessment) in samples()? {
        for (theme_name, theme) in
            [("light", Theme::Light), ("dark", Theme::Dark), ("print", Theme::Print), ("auto", Theme::Auto)]
        {
            let options = WheelOptions {
                subtitle: Some(format!("{} areas · sample", assessment.areas().len())),
                theme,
                ..WheelOptions::default()
            };
            let svg = wheel_svg(&assessment, &options);
            std::fs::write(out.join(format!("{name}-{theme_name}.svg")), &svg)?;
            if theme != Theme::Auto {
                std::fs::write(out.join(format!("{name}-{theme_name}.png")), wheel_png(&svg, 1000)?)?;
            }
        }
    }
    // A partial assessment, saved before the times were entered.
    let partial = assess(
        &["Vision", "Service", "Accountability", "Community"],
        TimeUnit::HoursPerWeek,
        &[("3", "", ""), ("8", "20", ""), ("", "", "")],
    )?;
    let svg = wheel_svg(
        &partial,
        &WheelOptions { theme: Theme::Light, subtitle: Some("partial".into()), ..WheelOptions::default() },
    );
    std::fs::write(out.join("wheel-04-partial-light.png"), wheel_png(&svg, 800)?)?;

    // Four sessions of the four-area wheel, over time and the first against the last.
    let four = ["Vision", "Service", "Accountability", "Community"];
    let sessions = [
        assess(
            &four,
            TimeUnit::HoursPerWeek,
            &[("3", "4", "14"), ("8", "24", "12"), ("7", "10", "8"), ("4", "2", "6")],
        )?,
        assess(
            &four,
            TimeUnit::HoursPerWeek,
            &[("4", "6", "14"), ("8", "22", "12"), ("7", "10", "8"), ("4", "2", "6")],
        )?,
        assess(&four, TimeUnit::HoursPerWeek, &[("5", "9", "13"), ("7", "18", "12"), ("", "", ""), ("5", "4", "6")])?,
        assess(
            &four,
            TimeUnit::HoursPerWeek,
            &[("6", "11", "12"), ("7", "16", "13"), ("7", "9", "9"), ("6", "5", "6")],
        )?,
    ];
    let month = 30 * Millis::DAY;
    let series =
        TrendSeries::build(sessions.iter().enumerate().map(|(i, a)| (Millis(1_767_225_600_000 + i as i64 * month), a)));
    for (theme_name, theme) in [("light", Theme::Light), ("dark", Theme::Dark)] {
        let trend = trend_svg(&series, &TrendOptions { theme, ..TrendOptions::default() });
        std::fs::write(out.join(format!("trend-{theme_name}.svg")), &trend)?;
        std::fs::write(out.join(format!("trend-{theme_name}.png")), wheel_png(&trend, 1000)?)?;
        let options = ComparisonOptions {
            before_caption: "First session, 1 January".to_owned(),
            after_caption: "Fourth session, 31 March".to_owned(),
            theme,
            ..ComparisonOptions::default()
        };
        let compare = comparison_svg(&sessions[0], &sessions[3], &options);
        std::fs::write(out.join(format!("compare-{theme_name}.svg")), &compare)?;
        std::fs::write(out.join(format!("compare-{theme_name}.png")), wheel_png(&compare, 1600)?)?;
    }
    println!("samples written to {}", out.display());
    Ok(())
}

fn assess(
    names: &[&str],
    unit: TimeUnit,
    rows: &[(&str, &str, &str)],
) -> Result<Assessment, Box<dyn std::error::Error>> {
    let template = Template::parse("Sample", &names.iter().map(|n| RawArea::new(*n, "")).collect::<Vec<_>>())?;
    let rows: Vec<RawEntry> = rows
        .iter()
        .map(|(r, s, w)| RawEntry { rating: (*r).into(), spent: (*s).into(), wished: (*w).into(), note: String::new() })
        .collect();
    Ok(Assessment::parse(template, unit, &rows)?)
}

fn samples() -> Result<Vec<(&'static str, Assessment)>, Box<dyn std::error::Error>> {
    Ok(vec![
        (
            "wheel-02",
            assess(
                &["Running today's programmes", "Tomorrow"],
                TimeUnit::ShareOfTime,
                &[("7", "80", "55"), ("3", "20", "45")],
            )?,
        ),
        (
            "wheel-04",
            assess(
                &["Vision", "Service", "Accountability", "Community"],
                TimeUnit::HoursPerWeek,
                &[("3", "4", "14"), ("8", "24", "12"), ("7", "10", "8"), ("4", "2", "6")],
            )?,
        ),
        (
            "wheel-12",
            assess(
                &[
                    "Vision",
                    "Service to clients",
                    "Accountability & reporting",
                    "Community <stakeholders>",
                    "Fundraising",
                    "Developing the senior team as coaches",
                    "Board relations",
                    "Partnerships",
                    "Finance",
                    "Self-care",
                    "Operations",
                    "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
                ],
                TimeUnit::ShareOfTime,
                &[
                    ("2", "3", "12"),
                    ("8", "25", "15"),
                    ("6", "10", "8"),
                    ("3", "2", "9"),
                    ("5", "8", "8"),
                    ("4", "5", "10"),
                    ("7", "6", "5"),
                    ("6", "4", "6"),
                    ("9", "12", "6"),
                    ("1", "0", "5"),
                    ("7", "20", "12"),
                    ("", "5", ""),
                ],
            )?,
        ),
    ])
}
