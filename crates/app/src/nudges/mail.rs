//! One nudge mail, written once as content and rendered twice: plain text, and simple HTML with
//! every text escaped. Both carry the same real links, the Settings address (for people with an
//! account; an expert has none) and the one-click unsubscribe link (which the outbox also puts in
//! the List-Unsubscribe header).

use coachkit_store::nudges::{DueNudge, RichMail};

/// One thing that needs the person, with where to do it.
pub(crate) struct Item {
    pub line: String,
    pub url: String,
    /// A second link (a session's calendar file).
    pub extra_url: Option<String>,
}

impl Item {
    pub fn of(n: &DueNudge, base_url: &str) -> Self {
        Self {
            line: n.line.clone(),
            url: format!("{base_url}{}", n.link_path),
            extra_url: n.extra_path.as_ref().map(|p| format!("{base_url}{p}")),
        }
    }
}

pub(crate) struct MailContent {
    pub greeting: String,
    pub intro: String,
    pub items: Vec<Item>,
    /// Why the person gets this mail.
    pub why: String,
    /// Where the person chooses what they get; `None` for an expert, who has no account.
    pub settings_url: Option<String>,
    pub unsubscribe_url: String,
    /// What the unsubscribe link turns off, as a phrase.
    pub unsubscribe_what: String,
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

impl MailContent {
    pub fn text(&self) -> String {
        let mut out = format!("{}\n\n{}\n\n", self.greeting, self.intro);
        for item in &self.items {
            out.push_str(&format!("- {}\n  {}\n", item.line, item.url));
            if let Some(extra) = &item.extra_url {
                out.push_str(&format!("  Add it to your calendar: {extra}\n"));
            }
        }
        out.push_str(&format!("\n{}\n", self.why));
        if let Some(settings) = &self.settings_url {
            out.push_str(&format!("Choose what you get, and when: {settings}\n"));
        }
        out.push_str(&format!("Turn off {} with one click: {}\n", self.unsubscribe_what, self.unsubscribe_url));
        out
    }

    pub fn html(&self) -> String {
        let mut out = format!(
            "<!doctype html><html><body style=\"font-family:sans-serif;line-height:1.5\">\
             <p>{}</p><p>{}</p><ul>",
            escape(&self.greeting),
            escape(&self.intro)
        );
        for item in &self.items {
            out.push_str(&format!("<li><a href=\"{}\">{}</a>", escape(&item.url), escape(&item.line)));
            if let Some(extra) = &item.extra_url {
                out.push_str(&format!(" (<a href=\"{}\">add it to your calendar</a>)", escape(extra)));
            }
            out.push_str("</li>");
        }
        out.push_str(&format!("</ul><p style=\"color:#555;font-size:90%\">{} ", escape(&self.why)));
        if let Some(settings) = &self.settings_url {
            out.push_str(&format!("<a href=\"{}\">Choose what you get, and when</a>. ", escape(settings)));
        }
        out.push_str(&format!(
            "<a href=\"{}\">Turn off {} with one click</a>.</p></body></html>",
            escape(&self.unsubscribe_url),
            escape(&self.unsubscribe_what)
        ));
        out
    }

    pub fn into_mail(self, to: String, subject: String) -> RichMail {
        RichMail {
            to,
            subject,
            body: self.text(),
            html_body: self.html(),
            unsubscribe_url: self.unsubscribe_url.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_html_carry_the_same_links_and_html_is_escaped() {
        let c = MailContent {
            greeting: "Hello <Ada>,".into(),
            intro: "One thing:".into(),
            items: vec![Item {
                line: "Your session with Bo & Co".into(),
                url: "https://c.example/journal/sessions/1".into(),
                extra_url: Some("https://c.example/journal/sessions/1/calendar.ics".into()),
            }],
            why: "Because.".into(),
            settings_url: Some("https://c.example/settings/reminders".into()),
            unsubscribe_url: "https://c.example/unsubscribe/abc".into(),
            unsubscribe_what: "all reminders".into(),
        };
        let (text, html) = (c.text(), c.html());
        for link in ["/journal/sessions/1", "calendar.ics", "/settings/reminders", "/unsubscribe/abc"] {
            assert!(text.contains(link) && html.contains(link), "{link}");
        }
        assert!(html.contains("Hello &lt;Ada&gt;,") && html.contains("Bo &amp; Co"));
        assert!(text.contains("Hello <Ada>,"));
    }

    #[test]
    fn without_an_account_there_is_no_settings_link_but_still_the_unsubscribe_one() {
        let c = MailContent {
            greeting: "Dear Otto,".into(),
            intro: "A gentle reminder:".into(),
            items: vec![Item {
                line: "Advice on “x”".into(),
                url: "https://c.example/expert/s".into(),
                extra_url: None,
            }],
            why: "Because.".into(),
            settings_url: None,
            unsubscribe_url: "https://c.example/unsubscribe/abc".into(),
            unsubscribe_what: "reminders about this request".into(),
        };
        let (text, html) = (c.text(), c.html());
        for out in [&text, &html] {
            assert!(!out.contains("Choose what you get") && !out.contains("/settings/"), "{out}");
            assert!(out.contains("/unsubscribe/abc") && out.contains("/expert/s"), "{out}");
        }
        assert!(
            text.contains("Turn off reminders about this request with one click: https://c.example/unsubscribe/abc")
        );
    }
}
