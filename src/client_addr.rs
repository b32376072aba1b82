//! The client's address, as the per-address limits and the login slowdown count it.
//!
//! The peer address is the client unless the peer is one of `TRUSTED_PROXIES`; only then is
//! `X-Forwarded-For` read, from the right: the right-most entry that is not itself a trusted proxy
//! was written by the last proxy we trust, whereas everything left of it came from the client.

use std::net::IpAddr;

use actix_web::HttpRequest;

use crate::config::{Cidr, canonical};

/// The client's address for this request (unspecified when actix knows no peer, as in tests).
pub fn client_ip(req: &HttpRequest, trusted: &[Cidr]) -> IpAddr {
    let peer = req
        .peer_addr()
        .map_or(IpAddr::from([0, 0, 0, 0]), |addr| canonical(addr.ip()));
    let forwarded: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|value| value.to_str().ok())
        .collect();
    from_chain(peer, &forwarded, trusted)
}

/// Walks from the peer leftwards through `X-Forwarded-For` while each hop is a trusted proxy.
fn from_chain(peer: IpAddr, forwarded: &[&str], trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|block| block.contains(ip));
    let mut client = peer;
    let hops = forwarded.iter().flat_map(|value| value.split(',')).rev();
    for hop in hops {
        if !is_trusted(client) {
            break;
        }
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) => client = canonical(ip),
            // A hop we cannot read: the trusted proxy is the last address we can vouch for.
            Err(_) => break,
        }
    }
    client
}

/// The key the per-address limit counts: an IPv4 address, or an IPv6 client's /64 (one
/// subscriber's allocation, which it can spread over 2^64 addresses).
pub fn limit_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        assert_eq!(
            from_chain(ip("203.0.113.9"), &["1.2.3.4"], &[]),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_right_most_untrusted_entry_is_the_client() {
        let trusted = [Cidr::parse("10.0.0.0/8").unwrap()];
        let peer = ip("10.0.0.2");
        // The client wrote "6.6.6.6" itself; the proxy appended the address it saw.
        assert_eq!(
            from_chain(peer, &["6.6.6.6, 198.51.100.4"], &trusted),
            ip("198.51.100.4")
        );
        // Two trusted hops (10.0.0.3 forwarded to 10.0.0.2).
        assert_eq!(
            from_chain(peer, &["198.51.100.4, 10.0.0.3"], &trusted),
            ip("198.51.100.4")
        );
        // Several header lines read as one list.
        assert_eq!(
            from_chain(peer, &["6.6.6.6", "198.51.100.5"], &trusted),
            ip("198.51.100.5")
        );
        assert_eq!(from_chain(peer, &["garbage"], &trusted), peer);
        assert_eq!(from_chain(peer, &[], &trusted), peer);
    }

    #[test]
    fn a_peer_outside_the_trusted_blocks_cannot_forward() {
        let trusted = [Cidr::parse("10.0.0.0/8").unwrap()];
        assert_eq!(
            from_chain(ip("198.51.100.7"), &["1.2.3.4"], &trusted),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn an_ipv6_client_counts_by_its_64() {
        assert_eq!(limit_key(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
        assert_eq!(limit_key(ip("2001:db8:1:2:bbbb::9")), "2001:db8:1:2::/64");
        assert_eq!(limit_key(ip("192.0.2.1")), "192.0.2.1");
    }
}
