//! The pictures as a page or a download meets them: well-formed XML whatever the names, an
//! accessible name and description, colours for every theme, and PNGs that render the same
//! everywhere.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on the unexpected: that is the failure

use coachkit_domain::time::Millis;
use coachkit_domain::wheel::{Assessment, RawArea, RawEntry, Template, TimeUnit, TrendSeries};
use coachkit_wheelchart::{
    ComparisonOptions, PngError, Theme, TrendOptions, WheelOptions, comparison_svg, trend_svg, wheel_png, wheel_svg,
    wheel_table,
};
use resvg::tiny_skia::Pixmap;
use resvg::usvg::roxmltree::Document;

fn assess(names: &[&str], unit: TimeUnit, rows: &[(&str, &str, &str)]) -> Assessment {
    let template = Template::parse("t", &names.iter().map(|n| RawArea::new(*n, "")).collect::<Vec<_>>()).unwrap();
    let rows: Vec<RawEntry> = rows
        .iter()
        .map(|(r, s, w)| RawEntry { rating: (*r).into(), spent: (*s).into(), wished: (*w).into(), note: String::new() })
        .collect();
    Assessment::parse(template, unit, &rows).unwrap()
}

fn four() -> Assessment {
    assess(
        &["Vision", "Service", "Accountability", "Community"],
        TimeUnit::HoursPerWeek,
        &[("3", "4", "14"), ("8", "24", "12"), ("7", "10", "8"), ("4", "2", "6")],
    )
}

fn areas(n: usize) -> Assessment {
    let names: Vec<String> = (0..n).map(|i| format!("Area number {i}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let rows: Vec<(&str, &str, &str)> = (0..n).map(|i| (["2", "5", "9"][i % 3], "5", "8")).collect();
    assess(&names, TimeUnit::ShareOfTime, &rows)
}

/// Parses `svg` as XML and checks the accessible name and description are wired up.
fn check_document(svg: &str) -> String {
    let doc = Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    let ids: Vec<&str> = root.attribute("aria-labelledby").unwrap().split(' ').collect();
    assert_eq!(ids.len(), 2);
    let by_id = |id: &str| doc.descendants().find(|n| n.attribute("id") == Some(id)).unwrap();
    assert_eq!(by_id(ids[0]).tag_name().name(), "title");
    assert_eq!(by_id(ids[1]).tag_name().name(), "desc");
    by_id(ids[1]).text().unwrap_or_default().to_owned()
}

#[test]
fn odd_names_are_escaped_and_kept_whole_in_the_description() {
    let names = ["<script>alert('x')</script>", "Tom & \"Jerry\"", "a > b < c", "Ünïcødé ✓ 中文"];
    let a =
        assess(&names, TimeUnit::ShareOfTime, &[("3", "10", "30"), ("8", "50", "20"), ("", "", ""), ("5", "1", "2")]);
    let options = WheelOptions {
        title: "Ada's <wheel> & co".into(),
        subtitle: Some("\"now\"".into()),
        ..WheelOptions::default()
    };
    let svg = wheel_svg(&a, &options);
    assert!(!svg.contains("<script>"), "markup from a name reached the picture");
    assert!(svg.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"));
    assert!(svg.contains("Tom &amp; &quot;Jerry&quot;"));
    let desc = check_document(&svg);
    for name in names {
        assert!(desc.contains(name), "{name:?} missing from {desc:?}");
    }
    let doc = Document::parse(&svg).unwrap();
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some("Ada's <wheel> & co"));
}

#[test]
fn ids_differ_per_picture_and_cannot_break_out() {
    let options = WheelOptions { id_prefix: "a\"><g id=\"x".into(), ..WheelOptions::default() };
    let svg = wheel_svg(&four(), &options);
    check_document(&svg);
    assert!(svg.contains("aria-labelledby=\"agidx-title agidx-desc\""));
}

#[test]
fn wheels_of_two_to_twelve_areas_are_well_formed_and_render() {
    for n in 2..=12 {
        let svg = wheel_svg(&areas(n), &WheelOptions { theme: Theme::Light, ..WheelOptions::default() });
        let desc = check_document(&svg);
        assert!(desc.starts_with(&format!("{n} areas.")));
        let png = wheel_png(&svg, 400).unwrap();
        let pixmap = Pixmap::decode_png(&png).unwrap();
        assert_eq!(pixmap.width(), 400);
        assert!(pixmap.height() > 300);
    }
}

#[test]
fn a_partial_assessment_draws_what_there_is() {
    let empty = Assessment::empty(Template::default_four(), TimeUnit::HoursPerWeek);
    let svg = wheel_svg(&empty, &WheelOptions::default());
    check_document(&svg);
    assert!(!svg.contains("class=\"ck-wedge\"") && !svg.contains("class=\"ck-badge\""), "no arcs without ratings");
    assert_eq!(svg.matches("not rated yet").count(), 4);
    assert_eq!(svg.matches("time not entered").count(), 4);
    assert!(!svg.contains("place to look"));
    let table = wheel_table(&empty);
    assert!(table.rows.iter().all(|r| r.rating_text == "not rated" && r.spent_text == "–"));
}

#[test]
fn auto_follows_the_reader_and_fixed_themes_need_no_css() {
    let a = four();
    let auto = wheel_svg(&a, &WheelOptions::default());
    assert!(auto.contains("@media (prefers-color-scheme:dark)") && auto.contains("@media print"));
    for theme in [Theme::Light, Theme::Dark, Theme::Print] {
        let svg = wheel_svg(&a, &WheelOptions { theme, ..WheelOptions::default() });
        assert!(!svg.contains("<style"), "{theme:?}");
    }
    // The renderer skips the @media rules, so an Auto picture renders exactly as a Light one.
    let light = wheel_svg(&a, &WheelOptions { theme: Theme::Light, ..WheelOptions::default() });
    assert_eq!(wheel_png(&auto, 300).unwrap(), wheel_png(&light, 300).unwrap());
}

#[test]
fn dark_pictures_are_dark_and_light_ones_light() {
    let corner = |theme: Theme| {
        let svg = wheel_svg(&four(), &WheelOptions { theme, ..WheelOptions::default() });
        let pixmap = Pixmap::decode_png(&wheel_png(&svg, 200).unwrap()).unwrap();
        let p = pixmap.pixel(1, 1).unwrap();
        u32::from(p.red()) + u32::from(p.green()) + u32::from(p.blue())
    };
    assert!(corner(Theme::Dark) < 150);
    assert!(corner(Theme::Light) > 700);
}

#[test]
fn pngs_are_refused_for_silly_widths_or_broken_svg() {
    let svg = wheel_svg(&four(), &WheelOptions::default());
    assert!(matches!(wheel_png(&svg, 0), Err(PngError::Width(0))));
    assert!(matches!(wheel_png(&svg, 100_000), Err(PngError::Width(_))));
    assert!(matches!(wheel_png("<svg", 300), Err(PngError::Svg(_))));
    let png = wheel_png(&svg, 300).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // The same picture renders to the same bytes: no system fonts, no randomness.
    assert_eq!(png, wheel_png(&svg, 300).unwrap());
}

#[test]
fn external_references_are_never_followed() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="/etc/passwd" width="10" height="10"/></svg>"#;
    assert!(wheel_png(svg, 64).is_ok());
}

#[test]
fn trends_render_for_none_one_and_many_assessments() {
    let empty = TrendSeries::build([]);
    let svg = trend_svg(&empty, &TrendOptions::default());
    assert_eq!(check_document(&svg), "No assessments yet.");

    let a = four();
    let one = TrendSeries::build([(Millis(0), &a)]);
    let desc = check_document(&trend_svg(&one, &TrendOptions::default()));
    assert!(desc.contains("Vision: quality 3; spent 4 h; wished 14 h."), "{desc}");

    let b = areas(4);
    let many: Vec<(Millis, &Assessment)> =
        (0..9).map(|i| (Millis(i * 7 * Millis::DAY), if i % 2 == 0 { &a } else { &b })).collect();
    let series = TrendSeries::build(many);
    assert_eq!(series.unit, TimeUnit::ShareOfTime, "mixed units trend in shares");
    let labels: Vec<String> = (1..=9).map(|i| format!("Session <{i}>")).collect();
    let svg =
        trend_svg(&series, &TrendOptions { step_labels: Some(labels), theme: Theme::Dark, ..TrendOptions::default() });
    let desc = check_document(&svg);
    assert!(desc.starts_with("9 assessments from Session <1> to Session <9>"), "{desc}");
    assert!(wheel_png(&svg, 800).is_ok());
}

#[test]
fn comparisons_render_across_units() {
    let before = four();
    let after = assess(
        &["Vision", "Service", "Accountability", "Team"],
        TimeUnit::ShareOfTime,
        &[("6", "25", "30"), ("7", "40", "35"), ("7", "20", "20"), ("5", "15", "15")],
    );
    let options = ComparisonOptions { before_caption: "March & <April>".into(), ..ComparisonOptions::default() };
    let svg = comparison_svg(&before, &after, &options);
    let desc = check_document(&svg);
    assert!(desc.starts_with("March & <April> on the left"), "{desc}");
    assert!(desc.contains("time is in % of time"));
    assert!(desc.contains("Vision: quality 3 then 6 (+3); time spent 10% then 25%"), "{desc}");
    assert!(desc.contains("Community: quality 4 then – (–)"), "{desc}");
    assert!(wheel_png(&svg, 1200).is_ok());
}

/// The width of a picture's viewBox.
fn view_width(svg: &str) -> f64 {
    let doc = Document::parse(svg).unwrap();
    let view_box = doc.root_element().attribute("viewBox").unwrap().to_owned();
    view_box.split(' ').nth(2).unwrap().parse().unwrap()
}

#[test]
fn the_compact_picture_numbers_the_areas_in_type_readable_on_a_phone() {
    for n in [2, 4, 12] {
        let compact =
            WheelOptions { theme: Theme::Light, compact: true, show_legend: false, ..WheelOptions::default() };
        let svg = wheel_svg(&areas(n), &compact);
        check_document(&svg);
        let doc = Document::parse(&svg).unwrap();
        let numbers: Vec<String> = doc
            .descendants()
            .filter(|d| d.attribute("class") == Some("ck-area-number"))
            .map(|d| d.descendants().filter(|t| t.is_text()).filter_map(|t| t.text()).collect())
            .collect();
        assert_eq!(numbers, (1..=n).map(|i| i.to_string()).collect::<Vec<_>>());
        let width = view_width(&svg);
        // At a phone's 330 px of card the numbers stay at least 13 px tall.
        assert!(26.0 * 330.0 / width >= 13.0, "{n} areas: {width} wide");
        assert!(!svg.contains(">Area number"), "no names beside the compact wheel");
    }
}
