//! Failed logins slow down per client address: a few mistakes are free, then each further one
//! locks the address out for twice as long as the last (capped), so guessing the operator's
//! password from one address takes years. Kept in the database, so every instance sharing it
//! (and a restarted one) sees the same failures: a load balancer spreading the guesses over
//! instances gains the attacker nothing.

use std::net::IpAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::client_addr::limit_key;
use crate::store::{Store, StoreResult};

/// Failures allowed before the first lockout.
const FREE_FAILURES: u32 = 3;
/// The longest lockout.
const MAX_LOCKOUT: Duration = Duration::from_secs(15 * 60);
/// An address with no failure for this long starts afresh (and the prune job forgets it).
pub const FORGET_AFTER: Duration = Duration::from_secs(60 * 60);

/// The login slowdown over the shared database. An IPv6 client counts by its /64, as the mint
/// limits count it: it owns every address in it.
#[derive(Debug, Clone, Copy)]
pub struct LoginThrottle<'a> {
    store: &'a Store,
}

impl<'a> LoginThrottle<'a> {
    pub fn new(store: &'a Store) -> Self {
        Self { store }
    }

    /// How long this address must still wait before its credentials are even checked.
    pub async fn locked_for(&self, ip: IpAddr) -> StoreResult<Option<Duration>> {
        let now = now_ms();
        let failures = self.store.login_failures(&limit_key(ip)).await?;
        Ok(failures
            .filter(|f| f.locked_until_ms > now)
            .map(|f| Duration::from_millis((f.locked_until_ms - now) as u64)))
    }

    /// Notes a failed login; returns how many in a row this address has failed.
    pub async fn failed(&self, ip: IpAddr) -> StoreResult<u32> {
        let (key, now) = (limit_key(ip), now_ms());
        let forget_before = now - FORGET_AFTER.as_millis() as i64;
        let count = self
            .store
            .count_login_failure(&key, now, forget_before)
            .await?;
        let lockout = lockout(count);
        if !lockout.is_zero() {
            let until = now + lockout.as_millis() as i64;
            self.store.lock_out_login(&key, until).await?;
        }
        Ok(count)
    }

    /// A successful login forgives the address.
    pub async fn succeeded(&self, ip: IpAddr) -> StoreResult<()> {
        self.store.forgive_login_failures(&limit_key(ip)).await
    }
}

/// Milliseconds since the epoch: lockouts start at one second, finer than `uploads::now`.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
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
    use crate::store::test_support::fresh_store;

    #[test]
    fn a_few_failures_are_free_then_each_lockout_doubles_up_to_the_cap() {
        let lockouts: Vec<u64> = (1..=7).map(|n| lockout(n).as_secs()).collect();
        assert_eq!(lockouts, [0, 0, 0, 1, 2, 4, 8]);
        assert_eq!(lockout(40), MAX_LOCKOUT);
        assert_eq!(lockout(u32::MAX), MAX_LOCKOUT, "no overflow");
    }

    #[tokio::test]
    async fn a_lockout_holds_for_the_address_and_its_slash_64_and_a_success_forgives() {
        let (store, _db) = fresh_store().await;
        let throttle = LoginThrottle::new(&store);
        let ip: IpAddr = "2001:db8:1:2::5".parse().unwrap();
        let neighbour: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let other: IpAddr = "198.51.100.2".parse().unwrap();
        for _ in 0..FREE_FAILURES {
            throttle.failed(ip).await.unwrap();
            assert_eq!(throttle.locked_for(ip).await.unwrap(), None);
        }
        assert_eq!(throttle.failed(neighbour).await.unwrap(), FREE_FAILURES + 1);
        let wait = throttle.locked_for(ip).await.unwrap().expect("locked out");
        assert!(
            wait <= Duration::from_secs(1) && wait > Duration::ZERO,
            "{wait:?}"
        );
        assert_eq!(
            throttle.locked_for(other).await.unwrap(),
            None,
            "per address"
        );
        throttle.succeeded(ip).await.unwrap();
        assert_eq!(throttle.locked_for(neighbour).await.unwrap(), None);
        assert_eq!(throttle.failed(ip).await.unwrap(), 1, "a success forgives");
    }
}
