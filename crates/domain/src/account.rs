//! Accounts: the parsed forms of what people type when they sign up or sign in.

use crate::text::{FieldError, bounded};
use serde::Serialize;

/// An e-mail address, trimmed and lower-cased so that one person cannot hold two accounts by
/// changing case. The check is deliberately modest (one `@`, a dot in the domain, no spaces): the
/// real test of an address is whether mail arrives.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub const MAX: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let value = bounded("email", raw, Self::MAX)?.to_lowercase();
        let Some((local, domain)) = value.split_once('@') else {
            return Err(FieldError::new("email", "needs an @, like name@example.org"));
        };
        let sane = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && !value.chars().any(char::is_whitespace);
        if !sane {
            return Err(FieldError::new("email", "does not look like an e-mail address"));
        }
        Ok(Self(value))
    }

    /// The document's schema for what [`Email::parse`] accepts: something before an @, a domain
    /// with a dot inside it, no white space inside, no control characters.
    pub fn schema() -> utoipa::openapi::Object {
        // Built from the same rules as `parse`: trimmed, a non-empty local part, one @, a domain
        // that has a dot but neither starts nor ends with one. The white space around it is
        // spelled out: a generator's `\s` (Python's) also covers form feeds and other control
        // characters, which `bounded` refuses even where trimming would drop them.
        const OTHER: &str = r"[^@\s\u0000-\u001F\u007F-\u009F]";
        const NOT_DOT: &str = r"[^@.\s\u0000-\u001F\u007F-\u009F]";
        crate::text::schema::matching::<{ Self::MAX }>(&format!(
            r"^[ \t\n\r]*{OTHER}+@{NOT_DOT}{OTHER}*\.{OTHER}*{NOT_DOT}[ \t\n\r]*$"
        ))
    }

    /// The addresses typed in one text box: split on line breaks, commas and semicolons,
    /// trimmed, blank pieces skipped (each still to be read with [`Email::parse`]).
    pub fn pieces(raw: &str) -> impl Iterator<Item = &str> {
        raw.split(['\n', ',', ';']).map(str::trim).filter(|e| !e.is_empty())
    }

    /// A list of addresses as a form's text box holds them, one per line or separated by commas
    /// or semicolons, blank pieces skipped, at least one address: what a parser splitting on
    /// those and reading each piece with [`Email::parse`] accepts. Each address here is at
    /// most 188 characters (under [`Email::MAX`]), as a pattern cannot count a whole piece.
    pub fn list_schema() -> utoipa::openapi::Object {
        const O: &str = r"[^@\s,;\u0000-\u001F\u007F-\u009F]";
        const N: &str = r"[^@.\s,;\u0000-\u001F\u007F-\u009F]";
        let blank = r"[ \t\r]*";
        let one = format!(r"{blank}{O}{{1,64}}@{N}{O}{{0,60}}\.{O}{{0,60}}{N}{blank}");
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(format!(r"^({blank}[\n,;])*{one}([\n,;]({blank}|{one}))*$")))
            .build()
    }

    /// [`Email::schema`] for an optional field: also `null` or empty.
    pub fn optional_schema() -> utoipa::openapi::Schema {
        crate::text::schema::or_empty_or_null(Self::schema())
    }

    pub fn from_trusted(s: String) -> Self {
        Self(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password as typed. It never prints (Debug is redacted) and is only ever handed to the hasher.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub const MIN: usize = 10;
    pub const MAX: usize = 256;

    /// A new password must be long enough to resist guessing; length beats composition rules.
    pub fn parse_new(raw: &str) -> Result<Self, FieldError> {
        let n = raw.chars().count();
        if n < Self::MIN {
            return Err(FieldError::new("password", format!("must be at least {} characters", Self::MIN)));
        }
        if n > Self::MAX {
            return Err(FieldError::new("password", format!("must be at most {} characters", Self::MAX)));
        }
        Ok(Self(raw.to_owned()))
    }

    /// A password offered at sign-in: only the upper bound is enforced (hashing a megabyte is a
    /// cheap denial of service), so old short passwords still work.
    pub fn parse_attempt(raw: &str) -> Result<Self, FieldError> {
        if raw.is_empty() {
            return Err(FieldError::new("password", "must not be empty"));
        }
        if raw.chars().count() > Self::MAX {
            return Err(FieldError::new("password", "is too long"));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// The name other people see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX: usize = 80;
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        bounded("display_name", raw, Self::MAX).map(Self)
    }
    pub fn from_trusted(s: String) -> Self {
        Self(s)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The short public name in a leader's public page address (`/p/<handle>`): lower-case letters,
/// digits and single hyphens, 3 to 32 characters, so it is safe in a URL without escaping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Handle(String);

impl Handle {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let value = raw.trim().to_lowercase();
        let n = value.chars().count();
        if !(3..=32).contains(&n) {
            return Err(FieldError::new("handle", "must be 3 to 32 characters"));
        }
        let ok_chars = value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !ok_chars || value.starts_with('-') || value.ends_with('-') || value.contains("--") {
            return Err(FieldError::new("handle", "may use only letters a-z, digits and single hyphens inside"));
        }
        Ok(Self(value))
    }

    /// A handle suggested from a display name ("Ada Lovelace" -> "ada-lovelace").
    pub fn suggest(name: &str) -> String {
        let mut out = String::new();
        for c in name.to_lowercase().chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        let out = out.trim_end_matches('-').chars().take(24).collect::<String>();
        match out.len() {
            0 => "leader".to_owned(),
            1 | 2 => format!("{out}-leader"),
            _ => out,
        }
    }

    pub fn from_trusted(s: String) -> Self {
        Self(s)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_normalised_and_checked() {
        assert_eq!(Email::parse("  Ada@Example.ORG ").unwrap().as_str(), "ada@example.org");
        for bad in ["", "ada", "ada@", "@example.org", "ada@example", "a da@example.org", "a@b@c.org", "ada@.org"] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn every_address_list_the_schema_allows_is_read_whole() {
        let pattern = serde_json::to_value(Email::list_schema()).unwrap()["pattern"].as_str().unwrap().to_owned();
        let re = regex::Regex::new(&pattern).unwrap();
        for ok in ["ada@example.org", " ada@example.org ,\n, bo@x.io;", ",\nada@example.org"] {
            assert!(re.is_match(ok), "{ok:?}");
        }
        for refused in ["", " , ", "ada", "ada@example.org, bo", "ada@example.org\u{1}"] {
            assert!(!re.is_match(refused), "{refused:?}");
        }
        crate::text::pattern_check::every_text_parses(&pattern, |text| {
            let pieces: Vec<&str> = Email::pieces(text).collect();
            if pieces.is_empty() {
                return Err("no address".into());
            }
            pieces.into_iter().try_for_each(|p| Email::parse(p).map(drop).map_err(|e| format!("{p:?}: {e}")))
        });
    }

    #[test]
    fn password_bounds_and_redaction() {
        assert!(Password::parse_new("short").is_err());
        assert!(Password::parse_new(&"x".repeat(300)).is_err());
        let p = Password::parse_new("correct horse battery").unwrap();
        assert_eq!(format!("{p:?}"), "Password(<redacted>)");
        assert!(Password::parse_attempt("short").is_ok());
        assert!(Password::parse_attempt("").is_err());
    }

    #[test]
    fn handles() {
        assert_eq!(Handle::parse("Ada-L").unwrap().as_str(), "ada-l");
        for bad in ["ab", "-ada", "ada-", "a--b", "ada lovelace", "ada_l", "<script>"] {
            assert!(Handle::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(Handle::suggest("Ada Lovelace!"), "ada-lovelace");
        assert!(Handle::parse(&Handle::suggest("Żó")).is_ok());
    }
}
