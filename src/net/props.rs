//! Property tests of every parser of text a user, a file or a peer gives netkit: addresses,
//! masks, blocks, ranges, MACs, endpoints, names and times. Arbitrary text never panics (it is
//! accepted or refused with an error), and what netkit writes reads back to the same value.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;

use proptest::prelude::*;

use super::addr::{Family, Mask, Prefixed, parse_addr, parse_mask, parse_span};
use super::block::Block;
use super::endpoint::{
    Host, HostPort, destination, parse_bind, parse_endpoint, parse_host, parse_host_port,
    parse_listen, parse_port, parse_server_spec, server,
};
use super::hwaddr::{format_mac, parse_mac};
use super::name::{reverse_name, to_ascii_name};
use crate::i18n::t;
use crate::util::time::parse_duration;

/// Text that looks like what the parsers meet: address and MAC characters, separators, digits,
/// spaces, and now and then any character at all.
fn texty() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9a-fA-F:./%\\-\\[\\] ]{0,48}",
        "[0-9.:a-z]{0,12}(ms|s|m|h)?",
        any::<String>(),
    ]
}

fn ip() -> impl Strategy<Value = IpAddr> {
    prop_oneof![
        any::<u32>().prop_map(|v| IpAddr::V4(Ipv4Addr::from(v))),
        any::<u128>().prop_map(|v| IpAddr::V6(Ipv6Addr::from(v))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in texty()) {
        let _ = parse_addr(&text);
        let _ = Mask::parse(&text);
        let _ = parse_mask(&text, Family::V4);
        let _ = parse_mask(&text, Family::V6);
        if let Ok(p) = Prefixed::parse(&text) {
            let _ = Block::from_parts(p, None);
            if let Ok(m) = Mask::parse(&text) {
                let _ = Block::from_parts(p, Some(m));
            }
        }
        let _ = parse_span(&text);
        let _ = parse_mac(&text);
        let _ = parse_port(&text);
        let _ = parse_endpoint(destination(), &text);
        let _ = parse_host_port(server(), &text);
        let _ = parse_host(destination(), &text);
        let _ = parse_server_spec(&text);
        let _ = parse_bind(&text);
        let _ = parse_listen(&text);
        let _ = to_ascii_name(&text);
        for positive in [false, true] {
            let _ = parse_duration(t!("time-what-timeout"), &text, positive);
        }
    }

    #[test]
    fn addresses_and_prefixes_read_back(addr in ip(), prefix in 0u8..=128) {
        prop_assert_eq!(parse_addr(&addr.to_string()).unwrap(), addr);
        let bits = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = prefix % (bits + 1);
        let written = format!("{addr}/{prefix}");
        let p = Prefixed::parse(&written).unwrap();
        prop_assert_eq!(p, Prefixed { addr, prefix: Some(prefix), zone: None });
        prop_assert_eq!(p.to_string(), written);
        let block = Block::from_parts(p, None).unwrap();
        prop_assert_eq!(block.prefix, prefix);
        // The block's own text reads back to the same block.
        let again = Block::from_parts(Prefixed::parse(&block.cidr().to_string()).unwrap(), None).unwrap();
        prop_assert_eq!(again.cidr(), block.cidr());
        // A dotted IPv4 netmask means the same as its prefix.
        if addr.is_ipv4() {
            let mask = Ipv4Addr::from(u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0));
            prop_assert_eq!(parse_mask(&mask.to_string(), Family::V4).unwrap(), prefix);
        }
        prop_assert_eq!(reverse_name(addr).is_empty(), false);
    }

    #[test]
    fn ranges_read_back(a in ip(), b in any::<u128>()) {
        let b = match a {
            IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::from(b as u32)),
            IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::from(b)),
        };
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let span = parse_span(&format!("{lo}-{hi}")).unwrap();
        let int = |x: IpAddr| match x {
            IpAddr::V4(v) => u128::from(u32::from(v)),
            IpAddr::V6(v) => u128::from(v),
        };
        prop_assert_eq!((span.start, span.end), (int(lo), int(hi)));
    }

    #[test]
    fn macs_read_back_in_every_notation(mac in any::<[u8; 6]>()) {
        let colons = format_mac(&mac);
        prop_assert_eq!(parse_mac(&colons).unwrap(), mac);
        prop_assert_eq!(parse_mac(&colons.to_uppercase().replace(':', "-")).unwrap(), mac);
        let bare = colons.replace(':', "");
        prop_assert_eq!(parse_mac(&bare).unwrap(), mac);
        let cisco = format!("{}.{}.{}", &bare[..4], &bare[4..8], &bare[8..]);
        prop_assert_eq!(parse_mac(&cisco).unwrap(), mac);
    }

    #[test]
    fn endpoints_read_back(addr in ip(), port in 1u16..) {
        let hp = HostPort { host: Host::Ip(addr), port };
        let text = hp.to_string();
        prop_assert_eq!(parse_host_port(server(), &text).unwrap(), hp.clone());
        let e = parse_endpoint(destination(), &text).unwrap();
        prop_assert_eq!((e.host, e.port), (Host::Ip(addr), Some(port)));
        prop_assert_eq!(parse_port(&port.to_string()).unwrap(), port);
    }

    #[test]
    fn times_read_back(ms in 0u64..=86_400_000) {
        let d = Duration::from_millis(ms);
        prop_assert_eq!(parse_duration(t!("time-what-timeout"), &format!("{ms}ms"), false).unwrap(), d);
        let secs = format!("{}.{:03}", ms / 1000, ms % 1000);
        let parsed = parse_duration(t!("time-what-timeout"), &secs, false).unwrap();
        prop_assert!(parsed.abs_diff(d) < Duration::from_micros(1), "{secs}: {parsed:?}");
    }
}
