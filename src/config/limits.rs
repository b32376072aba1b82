//! How much the portal does for anyone: tokens minted per hour (per visitor, per client address,
//! for the whole site), calls to 23 in flight, how long dead uploads are kept, and which proxies
//! may name the client's address.

use std::net::IpAddr;
use std::time::Duration;

use super::error::{ConfigError, invalid};
use super::vars::Vars;

/// The limits that keep an attacker from spending the operator's 23 account.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Tokens one visitor (cookie or trusted user) may mint per hour.
    pub tokens_per_hour: u32,
    /// Tokens one client address may mint per hour, whatever cookies it sends.
    pub tokens_per_hour_per_ip: u32,
    /// Tokens the whole site may mint per hour, across every instance sharing the database.
    pub tokens_per_hour_total: u32,
    /// Calls to 23 one instance makes at once; more wait up to `api_queue_wait`, then get 503.
    pub api_in_flight: u32,
    pub api_queue_wait: Duration,
    /// Least time between two 23 calls a visitor's request makes about one upload (check,
    /// callbacks naming a photo 23 has not confirmed).
    pub check_every: Duration,
    /// Expired uploads that never received a file are deleted this long after their deadline.
    pub retention_days: u32,
    /// Peers whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<Cidr>,
}

impl Limits {
    pub(super) fn from_vars(vars: &Vars) -> Result<Self, ConfigError> {
        Ok(Self {
            tokens_per_hour: vars.number("UPLOAD_TOKENS_PER_HOUR", 30, 1..=100_000)?,
            tokens_per_hour_per_ip: vars.number(
                "UPLOAD_TOKENS_PER_HOUR_PER_IP",
                60,
                1..=100_000,
            )?,
            tokens_per_hour_total: vars.number(
                "UPLOAD_TOKENS_PER_HOUR_TOTAL",
                1000,
                1..=1_000_000,
            )?,
            api_in_flight: vars.number("TWENTYTHREE_MAX_IN_FLIGHT", 16, 1..=1000)?,
            api_queue_wait: vars.seconds("TWENTYTHREE_QUEUE_WAIT_SECS", 2, 0..=60)?,
            check_every: vars.seconds("UPLOAD_CHECK_EVERY_SECS", 5, 1..=3600)?,
            retention_days: vars.number("UPLOAD_RETENTION_DAYS", 30, 1..=3650)?,
            trusted_proxies: trusted_proxies(vars)?,
        })
    }
}

/// An address block, `10.0.0.0/8` or `fd00::/8`; a bare address is a block of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    pub fn parse(text: &str) -> Option<Cidr> {
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let network: IpAddr = address.trim().parse().ok()?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p.trim().parse::<u8>().ok().filter(|p| *p <= max)?,
        };
        Some(Cidr { network, prefix })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        match (self.network, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                same_prefix(u32::from(net).into(), u32::from(ip).into(), self.prefix, 32)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                same_prefix(u128::from(net), u128::from(ip), self.prefix, 128)
            }
            _ => false,
        }
    }
}

/// An IPv4 address mapped into IPv6 (`::ffff:10.0.0.1`) is that IPv4 address.
pub fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn same_prefix(a: u128, b: u128, prefix: u8, bits: u8) -> bool {
    let shift = bits - prefix;
    shift >= bits || (a >> shift) == (b >> shift)
}

/// `TRUSTED_PROXIES`: comma- or space-separated CIDR blocks.
fn trusted_proxies(vars: &Vars) -> Result<Vec<Cidr>, ConfigError> {
    let Some(list) = vars.get("TRUSTED_PROXIES") else {
        return Ok(Vec::new());
    };
    list.split([',', ' '])
        .filter(|item| !item.trim().is_empty())
        .map(|item| {
            Cidr::parse(item).ok_or_else(|| {
                invalid(
                    "TRUSTED_PROXIES",
                    format!("'{item}' is not an address block like 10.0.0.0/8"),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_contain_their_addresses_and_no_others() {
        let block = Cidr::parse("10.1.0.0/16").unwrap();
        assert!(block.contains("10.1.255.3".parse().unwrap()));
        assert!(block.contains("::ffff:10.1.0.9".parse().unwrap()));
        assert!(!block.contains("10.2.0.1".parse().unwrap()));
        let one = Cidr::parse("192.0.2.7").unwrap();
        assert!(one.contains("192.0.2.7".parse().unwrap()));
        assert!(!one.contains("192.0.2.8".parse().unwrap()));
        let all = Cidr::parse("0.0.0.0/0").unwrap();
        assert!(all.contains("203.0.113.1".parse().unwrap()));
        let v6 = Cidr::parse("fd00::/8").unwrap();
        assert!(v6.contains("fd12::1".parse().unwrap()));
        assert!(!v6.contains("fe80::1".parse().unwrap()));
        assert!(!v6.contains("10.0.0.1".parse().unwrap()));
    }

    #[test]
    fn malformed_blocks_are_refused() {
        for bad in [
            "10.0.0.0/33",
            "10.0.0/8",
            "fd00::/129",
            "proxy",
            "10.0.0.0/x",
        ] {
            assert_eq!(Cidr::parse(bad), None, "{bad}");
        }
    }
}
