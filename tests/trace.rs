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

/// Runs `netkit --json trace ARGS` on the host, fast rounds; returns the output.
fn trace(chain: &Chain, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--json", "trace", "-i", "0.2", "-W", "0.5"];
    all.extend(args);
    chain.lab().netkit(chain.host(), &all)
}

/// Every hop in order with the routers' addresses, the silent one as no address with its
/// reason, the far host reached at hop 5: ICMP, UDP (port unreachable from the far host) and
/// TCP (a reset from the far host), IPv4 and IPv6.
#[test]
fn every_hop_in_order_to_the_far_host() {
    let Some(chain) = Chain::new("trace_far_host") else {
        return;
    };
    for (hops, far) in [
        (Chain::HOPS_V4, Chain::FAR_V4),
        (Chain::HOPS_V6, Chain::FAR_V6),
    ] {
        for proto in [&[][..], &["--udp"], &["--tcp", "--port", "9"]] {
            let mut args = vec![far, "-c", "2"];
            args.extend(proto);
            let o = trace(&chain, &args);
            assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
            let v = json(&o);
            assert_eq!(v["verdict"]["outcome"], "reached", "{args:?}: {v}");
            assert_eq!(v["verdict"]["hop"], 5, "{args:?}");
            assert_eq!(v["socket"], "raw");
            let got = v["hops"].as_array().unwrap();
            assert_eq!(got.len(), 5, "{args:?}: {v}");
            for (i, (h, want)) in got.iter().zip(hops).enumerate() {
                assert_eq!(h["ttl"], i + 1, "{args:?}");
                assert_eq!(h["sent"], 2, "{args:?} hop {}: {h}", i + 1);
                if i == Chain::SILENT {
                    assert_eq!(h["addresses"], serde_json::json!([]), "{args:?}: {h}");
                    assert_eq!(h["loss_percent"], 100.0);
                    assert_eq!(h["avg_ms"], serde_json::Value::Null);
                    assert_eq!(
                        h["silence"],
                        "forwards but does not answer probes (common, not a fault)"
                    );
                } else {
                    assert_eq!(h["addresses"][0]["address"], want, "{args:?}: {h}");
                    assert_eq!(h["addresses"].as_array().unwrap().len(), 1);
                    assert_eq!(h["received"], 2, "{args:?}: {h}");
                    assert!(h["best_ms"].as_f64().unwrap() > 0.0);
                    assert!(h["best_ms"].as_f64() <= h["worst_ms"].as_f64());
                }
            }
            let last = &got[4]["answer"];
            let want = match proto.first() {
                None => serde_json::json!({"kind": "echo_reply"}),
                Some(&"--udp") => {
                    serde_json::json!({"kind": "unreachable", "error": "port_unreachable"})
                }
                Some(_) => serde_json::json!({"kind": "tcp_reply"}),
            };
            assert_eq!(last, &want, "{args:?}");
            // Every probe is listed, answered or not.
            let probes = v["probes"].as_array().unwrap();
            assert!(probes.len() >= 10, "{args:?}: {}", probes.len());
        }
    }
    // Text: the header, one row per hop, the silent one as `*` with its reason, the verdict.
    let o = chain.lab().netkit(
        chain.host(),
        &["trace", Chain::FAR_V4, "-c", "1", "-i", "0.2", "-W", "0.5"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("trace to 192.0.2.14 (192.0.2.14), ICMP echo, 1 round\n"),
        "{text}"
    );
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("192.0.2.") || l.contains("198.51.100.") || l.contains('*'))
        .collect();
    assert!(
        text.contains("* forwards but does not answer probes (common, not a fault)"),
        "{text}"
    );
    for hop in Chain::HOPS_V4 {
        if hop != Chain::HOPS_V4[Chain::SILENT] {
            assert!(rows.iter().any(|r| r.contains(hop)), "{hop} in {text}");
        }
    }
    assert!(text.ends_with("┘\nreached 192.0.2.14 at hop 5\n"), "{text}");
}

/// DEST in a network r4 has no route to: exit 1, the path ends at r4 (hop 4), which said
/// "net unreachable"; IPv4 and IPv6.
#[test]
fn an_unreachable_network_ends_at_the_router_that_says_so() {
    let Some(chain) = Chain::new("trace_unreachable") else {
        return;
    };
    for (hops, dest) in [
        (Chain::HOPS_V4, Chain::UNREACHABLE_NET.0),
        (Chain::HOPS_V6, Chain::UNREACHABLE_NET.1),
    ] {
        let o = trace(&chain, &[dest, "-c", "1"]);
        assert_eq!(code(&o), 1, "{dest}: {}", stderr(&o));
        let v = json(&o);
        assert_eq!(
            v["verdict"],
            serde_json::json!({
                "outcome": "unreachable", "hop": 4, "from": hops[3], "error": "net_unreachable"
            }),
            "{v}"
        );
        assert_eq!(v["hops"].as_array().unwrap().len(), 4, "{v}");
        assert_eq!(v["hops"][3]["addresses"][0]["address"], hops[3]);
    }
    let o = chain.lab().netkit(
        chain.host(),
        &["trace", Chain::UNREACHABLE_NET.0, "-c", "1", "-W", "0.5"],
    );
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).trim_end().ends_with(
            "not reached: 192.0.2.10 (hop 4) answered Destination Net Unreachable: it has no \
             route to DEST's network"
        ),
        "{}",
        stdout(&o)
    );
}

/// Without CAP_NET_RAW: exit 4 with one line of advice, for every protocol, even where
/// ping_group_range would allow an ICMP datagram socket (trippy-core cannot use it for IPv4 on
/// Linux; see system/tracer.rs).
#[test]
fn without_privilege_exit_4() {
    let Some(chain) = Chain::new("trace_unprivileged") else {
        return;
    };
    let host = chain.host();
    let o = chain.lab().exec(
        host,
        "sysctl",
        &["-qw", "net.ipv4.ping_group_range=0 2147483647"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for extra in [&[][..], &["--udp"], &["--tcp"]] {
        let mut args = vec!["trace", Chain::FAR_V4, "-c", "1", "-W", "0.5"];
        args.extend(extra);
        let o = chain.lab().netkit_unprivileged(host, &args);
        let err = stderr(&o);
        assert_eq!(code(&o), 4, "{extra:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("CAP_NET_RAW"), "{extra:?}: {err}");
        assert!(o.stdout.is_empty(), "{}", stdout(&o));
    }
}
