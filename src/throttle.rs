//! Failed logins slow down per client address: a few mistakes are free, then each further one
//! locks the address out for twice as long as the last (capped), so guessing the operator's
//! password from one address takes years. Kept in memory, per instance: a restart or another
//! instance forgives, which costs an attacker little compared with the doubling.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed before the first lockout.
const FREE_FAILURES: u32 = 3;
/// The longest lockout.
const MAX_LOCKOUT: Duration = Duration::from_secs(15 * 60);
/// An address with no failure for this long starts afresh.
const FORGET_AFTER: Duration = Duration::from_secs(60 * 60);
/// Above this many addresses, forgotten ones are swept out (bounds memory under a spray).
const SWEEP_ABOVE: usize = 10_000;

#[derive(Debug, Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<IpAddr, Failures>>,
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    locked_until: Instant,
    last: Instant,
}

impl LoginThrottle {
    /// How long this address must still wait before its credentials are even checked.
    pub fn locked_for(&self, ip: IpAddr, now: Instant) -> Option<Duration> {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let entry = failures.get(&ip)?;
        (entry.locked_until > now).then(|| entry.locked_until - now)
    }

    /// Notes a failed login; returns how many in a row this address has failed.
    pub fn failed(&self, ip: IpAddr, now: Instant) -> u32 {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() > SWEEP_ABOVE {
            failures.retain(|_, f| now.duration_since(f.last) < FORGET_AFTER);
        }
        let entry = failures.entry(ip).or_insert(Failures {
            count: 0,
            locked_until: now,
            last: now,
        });
        if now.duration_since(entry.last) >= FORGET_AFTER {
            entry.count = 0;
        }
        entry.count += 1;
        entry.last = now;
        entry.locked_until = now + lockout(entry.count);
        entry.count
    }

    /// A successful login forgives the address.
    pub fn succeeded(&self, ip: IpAddr) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.remove(&ip);
    }
}

/// 0 for the first free failures, then 1 s, 2 s, 4 s, … up to `MAX_LOCKOUT`.
fn lockout(count: u32) -> Duration {
    if count <= FREE_FAILURES {
        return Duration::ZERO;
    }
    let doublings = (count - FREE_FAILURES - 1).min(20);
    Duration::from_secs(1u64 << doublings).min(MAX_LOCKOUT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_failures_are_free_then_each_lockout_doubles_up_to_the_cap() {
        let throttle = LoginThrottle::default();
        let ip: IpAddr = "198.51.100.1".parse().unwrap();
        let other: IpAddr = "198.51.100.2".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..FREE_FAILURES {
            throttle.failed(ip, t0);
            assert_eq!(throttle.locked_for(ip, t0), None);
        }
        throttle.failed(ip, t0);
        assert_eq!(throttle.locked_for(ip, t0), Some(Duration::from_secs(1)));
        throttle.failed(ip, t0);
        assert_eq!(throttle.locked_for(ip, t0), Some(Duration::from_secs(2)));
        assert_eq!(throttle.locked_for(other, t0), None, "per address");
        for _ in 0..30 {
            throttle.failed(ip, t0);
        }
        assert_eq!(throttle.locked_for(ip, t0), Some(MAX_LOCKOUT));
        assert_eq!(throttle.locked_for(ip, t0 + MAX_LOCKOUT), None);
        throttle.succeeded(ip);
        throttle.failed(ip, t0);
        assert_eq!(throttle.locked_for(ip, t0), None, "a success forgives");
    }
}
