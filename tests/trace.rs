//! `netkit trace` on the namespace LAN's chain of routers (tests/common/netns.rs `Chain`).
//! First, that the chain is wired as its docs say, probed hop by hop with `netkit ping -t N`.

use crate::common::netns::Chain;
use crate::common::*;

/// One echo request with TTL `ttl` toward `dest`; returns (who answered, what it said):
/// ("echo_reply" for a reply, the ICMP error's kind otherwise, None for silence).
fn probe(chain: &Chain, dest: &str, ttl: u8) -> Option<(String, String)> {
    let ttl = ttl.to_string();
    let o = chain.lab().netkit(
        chain.host(),
        &["--json", "ping", dest, "-c", "1", "-W", "0.5", "-t", &ttl],
    );
    let v = json(&o);
    if let Some(r) = v["replies"].as_array().and_then(|r| r.first()) {
        return Some((r["from"].as_str()?.to_string(), "echo_reply".into()));
    }
    let e = v["icmp_errors"].as_array()?.first()?;
    Some((
        e["from"].as_str()?.to_string(),
        e["kind"].as_str()?.to_string(),
    ))
}

/// Each router in turn says "time exceeded" (but the silent one says nothing), the far host
/// answers at the fifth hop, and r4 answers "net unreachable" for the unreachable network, in
/// IPv4 and IPv6.
#[test]
fn the_chain_is_wired_hop_by_hop() {
    let Some(chain) = Chain::new("trace_chain_wired") else {
        return;
    };
    for (hops, far, unreachable) in [
        (Chain::HOPS_V4, Chain::FAR_V4, Chain::UNREACHABLE_NET.0),
        (Chain::HOPS_V6, Chain::FAR_V6, Chain::UNREACHABLE_NET.1),
    ] {
        for (i, hop) in hops.iter().enumerate() {
            let got = probe(&chain, far, i as u8 + 1);
            let want = match i {
                Chain::SILENT => None,
                4 => Some((hop.to_string(), "echo_reply".to_string())),
                _ => Some((hop.to_string(), "ttl_exceeded".to_string())),
            };
            assert_eq!(got, want, "TTL {} toward {far}", i + 1);
        }
        // The silent router forwards: the far host answers past it.
        assert_eq!(
            probe(&chain, far, 64),
            Some((far.to_string(), "echo_reply".to_string()))
        );
        assert_eq!(
            probe(&chain, unreachable, 64),
            Some((hops[3].to_string(), "net_unreachable".to_string())),
            "{unreachable}"
        );
    }
}
