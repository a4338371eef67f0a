//! One nudge mail, written once as content and rendered twice: plain text, and simple HTML with
//! every text escaped. Both carry the same real links, the Settings address and the one-click
//! unsubscribe link (which the outbox also puts in the List-Unsubscribe header).

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
    pub settings_url: String,
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
        out.push_str(&format!(
            "\n{}\nChoose what you get, and when: {}\nTurn off {} with one click: {}\n",
            self.why, self.settings_url, self.unsubscribe_what, self.unsubscribe_url
        ));
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
        out.push_str(&format!(
            "</ul><p style=\"color:#555;font-size:90%\">{} <a href=\"{}\">Choose what you get, and when</a>. \
             <a href=\"{}\">Turn off {} with one click</a>.</p></body></html>",
            escape(&self.why),
            escape(&self.settings_url),
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
            settings_url: "https://c.example/settings/reminders".into(),
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
}
