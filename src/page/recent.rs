//! A bounded map that forgets the entry used longest ago when full: what the kept history pages
//! (`cache`) and the kept history rows (`kept_rows`) both are, under their own locks.

use std::collections::HashMap;

#[derive(Debug)]
pub(super) struct Recent<V, const CAPACITY: usize> {
    /// Each value and the clock tick it was last used at.
    by_key: HashMap<String, (V, u64)>,
    clock: u64,
}

impl<V, const CAPACITY: usize> Default for Recent<V, CAPACITY> {
    fn default() -> Self {
        Self {
            by_key: HashMap::new(),
            clock: 0,
        }
    }
}

impl<V, const CAPACITY: usize> Recent<V, CAPACITY> {
    /// The value under `key`, marked as used now.
    pub fn get(&mut self, key: &str) -> Option<&mut V> {
        self.clock += 1;
        let clock = self.clock;
        let (value, used) = self.by_key.get_mut(key)?;
        *used = clock;
        Some(value)
    }

    /// The value under `key`, without marking it used.
    pub fn peek(&self, key: &str) -> Option<&V> {
        self.by_key.get(key).map(|(value, _)| value)
    }

    pub fn remove(&mut self, key: &str) {
        self.by_key.remove(key);
    }

    /// Keeps `value` under `key`, forgetting the entry used longest ago when full.
    pub fn insert(&mut self, key: String, value: V) {
        if self.by_key.len() >= CAPACITY && !self.by_key.contains_key(&key) {
            let oldest = self
                .by_key
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                self.by_key.remove(&oldest);
            }
        }
        self.clock += 1;
        self.by_key.insert(key, (value, self.clock));
    }
}
