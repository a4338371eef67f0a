//! A few seconds' memory of who a session cookie or API token belongs to.
//!
//! Every authenticated request would otherwise start with a database round trip, which costs
//! more than the rest of a cheap request. The database stays the source of truth: entries live
//! `ttl` at most, and this instance forgets a person's entries at once when their session,
//! password, tokens, profile or account state change. Another instance may serve a stale entry
//! for up to `ttl` (a revoked token keeps working there for a few seconds); that bound is the
//! price, and it is documented in the architecture notes.

use crate::Actor;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub(crate) struct AuthCache {
    ttl: Duration,
    max_entries: usize,
    entries: Mutex<HashMap<String, (Instant, Arc<Actor>)>>,
}

impl AuthCache {
    pub(crate) fn new(ttl: Duration, max_entries: usize) -> Self {
        Self { ttl, max_entries, entries: Mutex::new(HashMap::new()) }
    }

    pub(crate) fn get(&self, key: &str) -> Option<Arc<Actor>> {
        if self.ttl.is_zero() {
            return None;
        }
        let entries = self.entries.lock().ok()?;
        entries.get(key).filter(|(at, _)| at.elapsed() < self.ttl).map(|(_, actor)| actor.clone())
    }

    pub(crate) fn put(&self, key: String, actor: Arc<Actor>) {
        if self.ttl.is_zero() {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= self.max_entries {
                let ttl = self.ttl;
                entries.retain(|_, (at, _)| at.elapsed() < ttl);
                if entries.len() >= self.max_entries {
                    entries.clear();
                }
            }
            entries.insert(key, (Instant::now(), actor));
        }
    }

    /// Forgets every entry of one person (sign-out elsewhere, new password, disabled, new name).
    pub(crate) fn forget_user(&self, user_id: &str) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|_, (_, actor)| actor.user.id != user_id);
        }
    }

    pub(crate) fn forget(&self, key: &str) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(id: &str) -> Arc<Actor> {
        Arc::new(Actor {
            user: coachkit_store::UserRow {
                id: id.into(),
                email: format!("{id}@example.org"),
                display_name: id.into(),
                handle: id.into(),
                headline: None,
                password_hash: String::new(),
                is_admin: 0,
                disabled_at: None,
                created_at: 0,
                updated_at: 0,
                oversees_programmes: 0,
                time_zone: "UTC".into(),
            },
            csrf_token: None,
            session_hash: None,
        })
    }

    #[test]
    fn remembers_forgets_and_expires() {
        let cache = AuthCache::new(Duration::from_secs(60), 3);
        cache.put("s:a".into(), actor("a"));
        cache.put("t:a".into(), actor("a"));
        cache.put("s:b".into(), actor("b"));
        assert_eq!(cache.get("s:a").map(|a| a.user.id.clone()), Some("a".into()));
        cache.forget_user("a");
        assert!(cache.get("s:a").is_none() && cache.get("t:a").is_none());
        assert!(cache.get("s:b").is_some());
        cache.forget("s:b");
        assert!(cache.get("s:b").is_none());

        let off = AuthCache::new(Duration::ZERO, 3);
        off.put("s:a".into(), actor("a"));
        assert!(off.get("s:a").is_none(), "a zero ttl turns the cache off");
    }

    #[test]
    fn stays_bounded() {
        let cache = AuthCache::new(Duration::from_secs(60), 2);
        for i in 0..10 {
            cache.put(format!("s:{i}"), actor(&i.to_string()));
        }
        assert!(cache.entries.lock().unwrap().len() <= 2);
    }
}
