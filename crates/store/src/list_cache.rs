//! A few seconds' memory of each person's relationship list, the read every signed-in page and
//! the API's most-called route make.
//!
//! Correct on this instance by construction: every store function that writes `relationships` or
//! `users` (the list shows names and "last here") bumps one generation number after its write has
//! committed, and an entry serves only while the generation is the one read before its query. A
//! change made through another instance is seen here after `ttl` at most, the same bound as the
//! identity cache's; with `ttl` zero (the store's default) nothing is kept.

use crate::relationships::RelationshipRow;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

type Entry = (Instant, u64, Arc<Vec<RelationshipRow>>);

#[derive(Debug, Default)]
pub(crate) struct ListCache {
    /// Set once the app starts; every clone of the store shares this cache, so a write through
    /// any of them makes the entries stale.
    ttl_ms: AtomicU64,
    max_entries: usize,
    generation: AtomicU64,
    entries: Mutex<HashMap<String, Entry>>,
}

impl ListCache {
    pub(crate) fn new(ttl: Duration, max_entries: usize) -> Self {
        let cache = Self { max_entries, ..Self::default() };
        cache.set_ttl(ttl);
        cache
    }

    pub(crate) fn set_ttl(&self, ttl: Duration) {
        self.ttl_ms.store(u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX), Ordering::Release);
    }

    fn ttl(&self) -> Duration {
        Duration::from_millis(self.ttl_ms.load(Ordering::Acquire))
    }

    /// The generation to read before querying; pass it to [`ListCache::put`].
    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    pub(crate) fn get(&self, user: &str) -> Option<Arc<Vec<RelationshipRow>>> {
        let ttl = self.ttl();
        if ttl.is_zero() {
            return None;
        }
        let now = self.generation();
        let entries = self.entries.lock().ok()?;
        entries.get(user).filter(|(at, g, _)| *g == now && at.elapsed() < ttl).map(|(_, _, rows)| rows.clone())
    }

    /// Keeps `rows`, read after `generation` was read; a write in between makes them never serve.
    pub(crate) fn put(&self, user: &str, generation: u64, rows: Arc<Vec<RelationshipRow>>) {
        let ttl = self.ttl();
        if ttl.is_zero() || generation != self.generation() {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= self.max_entries {
                let now = self.generation();
                entries.retain(|_, (at, g, _)| *g == now && at.elapsed() < ttl);
                if entries.len() >= self.max_entries {
                    entries.clear();
                }
            }
            entries.insert(user.to_owned(), (Instant::now(), generation, rows));
        }
    }

    /// Called after a write to `relationships` or `users` has committed: every entry is stale.
    pub(crate) fn changed(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Arc<Vec<RelationshipRow>> {
        Arc::new(Vec::new())
    }

    #[test]
    fn serves_until_a_write_or_the_ttl() {
        let c = ListCache::new(Duration::from_secs(60), 10);
        let g = c.generation();
        c.put("u1", g, rows());
        assert!(c.get("u1").is_some());
        assert!(c.get("u2").is_none());
        c.changed();
        assert!(c.get("u1").is_none(), "a committed write makes every entry stale");
        let short = ListCache::new(Duration::from_millis(1), 10);
        short.put("u1", short.generation(), rows());
        std::thread::sleep(Duration::from_millis(5));
        assert!(short.get("u1").is_none(), "older than the ttl");
    }

    #[test]
    fn a_read_that_raced_a_write_is_never_kept() {
        let c = ListCache::new(Duration::from_secs(60), 10);
        let before = c.generation(); // a reader starts its query ...
        c.changed(); // ... a write commits meanwhile ...
        c.put("u1", before, rows()); // ... and the reader's (maybe old) rows arrive
        assert!(c.get("u1").is_none());
    }

    #[test]
    fn off_keeps_nothing_and_the_size_stays_bounded() {
        let off = ListCache::new(Duration::ZERO, 10);
        off.put("u1", off.generation(), rows());
        assert!(off.get("u1").is_none());
        let c = ListCache::new(Duration::from_secs(60), 3);
        for u in ["a", "b", "c", "d", "e"] {
            c.put(u, c.generation(), rows());
        }
        assert!(c.entries.lock().unwrap().len() <= 3);
        assert!(c.get("e").is_some(), "the newest entry is kept");
    }
}
