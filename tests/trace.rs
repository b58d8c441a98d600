//! `netkit trace` on the namespace LAN's chain of routers (tests/common/netns.rs `Chain`).
//! First, that the chain is wired as its docs say, probed hop by hop with `netkit ping -t N`;
//! then every hop, silent routers, unreachable networks, a missing host's late "host
//! unreachable" (side by side with traceroute), what DEST really is (unspecified, IPv4-mapped),
//! hop bounds, intervals, privilege, names, filters, equal-cost paths, Ctrl-C and the live view.

use crate::common::netns::{Chain, ROUTER_MAC, every_ping_group};
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
        text.contains("\n* hop 3: forwards but does not answer probes (common, not a fault)\n"),
        "{text}"
    );
    assert!(
        text.contains("\ndocumentation: reserved for examples and test networks"),
        "{text}"
    );
    // Hop 1 explained as `route get` explains a route, with the gateway's MAC and vendor.
    assert!(
        text.contains(&format!(
            "Hop 1: 192.0.2.14 is not on this host's subnet 198.51.100.0/24: the packet went to \
             the gateway 198.51.100.1 (MAC {ROUTER_MAC}, Xensource, Inc.) on eth0, which is hop 1.\n  \
             198.51.100.2  AND 255.255.255.0  =  198.51.100.0/24   (this host)\n  \
             192.0.2.14    AND 255.255.255.0  =  192.0.2.0/24      (destination)\n  \
             → different subnets\n"
        )),
        "{text}"
    );
    for hop in Chain::HOPS_V4 {
        if hop != Chain::HOPS_V4[Chain::SILENT] {
            assert!(rows.iter().any(|r| r.contains(hop)), "{hop} in {text}");
        }
    }
    assert!(text.ends_with("\nreached 192.0.2.14 at hop 5\n"), "{text}");
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
                "outcome": "unreachable", "hop": 4, "probe_hop": 4, "from": hops[3],
                "error": "net_unreachable"
            }),
            "{v}"
        );
        assert_eq!(v["hops"].as_array().unwrap().len(), 4, "{v}");
        assert_eq!(v["hops"][3]["addresses"][0]["address"], hops[3]);
    }
    // IPv4 "no route" errors are limited to 5 at once, then one a second (see `Chain`): the
    // traces above used them up.
    std::thread::sleep(std::time::Duration::from_millis(1100));
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

/// Without CAP_NET_RAW: an ICMP trace runs on the unprivileged ICMP socket where
/// net.ipv4.ping_group_range allows it (every hop as with raw sockets, the silent one silent,
/// "net unreachable" from r4), IPv4 and IPv6; UDP and TCP need raw sockets: exit 4 with one
/// line of advice. With ping_group_range shutting the user out, ICMP is exit 4 too.
#[test]
fn without_privilege() {
    let Some(chain) = Chain::new("trace_unprivileged") else {
        return;
    };
    let host = chain.host();
    let group_range = |range: &str| {
        let setting = format!("net.ipv4.ping_group_range={range}");
        chain.lab().sysctl(host, &[&setting]);
    };
    group_range(&every_ping_group());
    for (hops, far, unreachable) in [
        (Chain::HOPS_V4, Chain::FAR_V4, Chain::UNREACHABLE_NET.0),
        (Chain::HOPS_V6, Chain::FAR_V6, Chain::UNREACHABLE_NET.1),
    ] {
        let o = chain.lab().netkit_unprivileged(
            host,
            &[
                "--json", "trace", far, "-c", "2", "-i", "0.2", "-W", "0.5", "-n",
            ],
        );
        assert_eq!(code(&o), 0, "{far}: {}", stderr(&o));
        let v = json(&o);
        assert_eq!(v["socket"], "datagram");
        assert_eq!(v["verdict"]["hop"], 5, "{v}");
        for (i, (h, want)) in v["hops"].as_array().unwrap().iter().zip(hops).enumerate() {
            assert_eq!(h["sent"], 2, "{far} hop {}: {h}", i + 1);
            if i == Chain::SILENT {
                assert_eq!(h["addresses"], serde_json::json!([]), "{h}");
            } else {
                assert_eq!(h["addresses"][0]["address"], want, "{h}");
                assert_eq!(h["received"], 2, "{h}");
            }
        }
        assert_eq!(v["hops"][4]["answer"]["kind"], "echo_reply");
        let o = chain.lab().netkit_unprivileged(
            host,
            &["--json", "trace", unreachable, "-c", "1", "-W", "0.5", "-n"],
        );
        assert_eq!(code(&o), 1, "{unreachable}: {}", stderr(&o));
        assert_eq!(
            json(&o)["verdict"],
            serde_json::json!({
                "outcome": "unreachable", "hop": 4, "probe_hop": 4, "from": hops[3],
                "error": "net_unreachable"
            })
        );
    }
    for extra in [&["--udp"][..], &["--tcp"]] {
        let mut args = vec!["trace", Chain::FAR_V4, "-c", "1", "-W", "0.5"];
        args.extend(extra);
        let err = assert_needs_cap_net_raw(&chain.lab().netkit_unprivileged(host, &args));
        assert!(err.contains("UDP and TCP probes"), "{err}");
    }
    group_range("1 0");
    let o = chain
        .lab()
        .netkit_unprivileged(host, &["trace", Chain::FAR_V4, "-c", "1", "-W", "0.5"]);
    let err = assert_needs_cap_net_raw(&o);
    assert!(err.contains("ping_group_range"), "{err}");
}

/// Reverse names come from the system resolver (here the LAN's dnsmasq, which has names for
/// some hops): each answering address gets its name or null, and its kind; `-n` asks nothing.
/// The first hop is explained in JSON too.
#[test]
fn names_kinds_and_the_first_hop() {
    let Some(mut chain) = Chain::new("trace_names") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let _dns = chain.lan.dns_server(
        &dir,
        "192.0.2.2 r2.chain.test\n192.0.2.14 far.chain.test\n",
        "nameserver 198.51.100.1\n",
    );
    let o = trace(&chain, &[Chain::FAR_V4, "-c", "1"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let names: Vec<_> = v["hops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["addresses"][0]["name"].clone())
        .collect();
    assert_eq!(
        names,
        serde_json::json!([null, "r2.chain.test", null, null, "far.chain.test"])
            .as_array()
            .unwrap()
            .clone(),
        "{v}"
    );
    assert_eq!(v["hops"][0]["addresses"][0]["kind"], "documentation");
    let first = &v["first_hop"];
    assert_eq!(first["interface"], "eth0", "{first}");
    assert_eq!(first["gateway"], "198.51.100.1");
    assert_eq!(first["mac"], ROUTER_MAC);
    assert_eq!(first["vendor"], "Xensource, Inc.");
    assert_eq!(first["subnet"]["same_subnet"], false);
    assert_eq!(first["subnet"]["source_network"], "198.51.100.0/24");
    assert_eq!(first["subnet"]["destination_network"], "192.0.2.0/24");
    // The names are shown beside the addresses.
    let o = chain.lab().netkit(
        chain.host(),
        &["trace", Chain::FAR_V4, "-c", "1", "-W", "0.5"],
    );
    let text = stdout(&o);
    assert!(text.contains("r2.chain.test (192.0.2.2)"), "{text}");
    assert!(text.contains("far.chain.test (192.0.2.14)"), "{text}");
    // -n: no names asked, none shown.
    let o = trace(&chain, &[Chain::FAR_V4, "-c", "1", "-n"]);
    let v = json(&o);
    for h in v["hops"].as_array().unwrap() {
        for a in h["addresses"].as_array().unwrap() {
            assert_eq!(a["name"], serde_json::Value::Null, "{h}");
        }
    }
}

/// A router that drops ICMP echo toward the far host: the ICMP trace ends in silence after
/// hop 2 (exit 1) and its verdict suggests another protocol; UDP and TCP get through.
#[test]
fn a_router_dropping_icmp_echo() {
    let Some(chain) = Chain::new("trace_icmp_dropped") else {
        return;
    };
    chain.drop_icmp_echo_at_r4();
    let o = trace(&chain, &[Chain::FAR_V4, "-c", "1", "-m", "8", "-n"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(
        v["verdict"],
        serde_json::json!({"outcome": "no_answer", "last_answer": 2, "max_hops": 8}),
        "{v}"
    );
    let o = chain.lab().netkit(
        chain.host(),
        &[
            "trace",
            Chain::FAR_V4,
            "-c",
            "1",
            "-m",
            "8",
            "-W",
            "0.5",
            "-n",
        ],
    );
    assert!(
        stdout(&o).trim_end().ends_with(
            "not reached: no answer past hop 2 (tried up to hop 8); a filter may drop ICMP \
             echo: try --udp or --tcp --port 443"
        ),
        "{}",
        stdout(&o)
    );
    for proto in [&["--udp"][..], &["--tcp", "--port", "443"]] {
        let mut args = vec![Chain::FAR_V4, "-c", "1", "-n"];
        args.extend(proto);
        let o = trace(&chain, &args);
        assert_eq!(code(&o), 0, "{proto:?}: {}", stderr(&o));
        assert_eq!(json(&o)["verdict"]["hop"], 5, "{proto:?}");
    }
}

/// Two equal-cost next hops after the gateway: UDP probes (one port each) take both, and hop 2
/// lists both routers, each with the probes it answered.
#[test]
fn equal_cost_paths_show_both_routers() {
    let Some(mut chain) = Chain::new("trace_ecmp") else {
        return;
    };
    chain.add_ecmp();
    let o = chain.lab().netkit(
        chain.host(),
        &[
            "--json",
            "trace",
            Chain::FAR_V4,
            "--udp",
            "-c",
            "16",
            "-i",
            "0.05",
            "-W",
            "0.5",
            "-n",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let hop2 = &v["hops"][1];
    let mut got: Vec<&str> = hop2["addresses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["address"].as_str().unwrap())
        .collect();
    got.sort();
    let mut want = [Chain::HOPS_V4[1], Chain::ECMP_HOP2];
    want.sort();
    assert_eq!(got, want, "{hop2}");
    let answers: u64 = hop2["addresses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["answers"].as_u64().unwrap())
        .sum();
    assert_eq!(answers, hop2["received"].as_u64().unwrap(), "{hop2}");
    assert_eq!(v["verdict"]["hop"], 5, "{v}");
}

/// --first-hop and --max-hops bound the hops shown; -I picks the interface (an unknown one
/// is bad input, exit 2, one line); with -I hop 1 is not explained.
#[test]
fn hop_bounds_and_interface() {
    let Some(chain) = Chain::new("trace_bounds") else {
        return;
    };
    let o = trace(
        &chain,
        &[Chain::FAR_V4, "-c", "1", "-f", "2", "-m", "4", "-n"],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v = json(&o);
    let ttls: Vec<_> = v["hops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["ttl"].clone())
        .collect();
    assert_eq!(ttls, [2, 3, 4], "{v}");
    assert_eq!(
        v["verdict"],
        serde_json::json!({"outcome": "no_answer", "last_answer": 4, "max_hops": 4})
    );
    assert_eq!(v["first_hop"], serde_json::Value::Null);
    let o = trace(&chain, &[Chain::FAR_V4, "-c", "1", "-I", "eth0", "-n"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)["first_hop"], serde_json::Value::Null);
    let o = trace(&chain, &[Chain::FAR_V4, "-c", "1", "-I", "nosuch0", "-n"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nosuch0"), "{err}");
}

/// Ctrl-C: the rounds finished so far are reported (fewer than asked), with a note, and the
/// exit status they earn.
#[test]
fn ctrl_c_reports_the_rounds_so_far() {
    let Some(chain) = Chain::new("trace_interrupted") else {
        return;
    };
    let o = interrupted_in(
        chain.host(),
        &[
            "--json",
            "trace",
            Chain::FAR_V4,
            "-c",
            "1000",
            "-i",
            "0.1",
            "-W",
            "0.5",
            "-n",
        ],
        std::time::Duration::from_millis(1500),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["interrupted"], true);
    let sent = v["hops"][0]["sent"].as_u64().unwrap();
    assert!((1..1000).contains(&sent), "{sent}");
    assert_eq!(v["verdict"]["hop"], 5);
}

/// On a terminal the table fills in round by round (a frame per round, redrawn in place),
/// then the final report replaces it.
#[test]
fn live_on_a_terminal() {
    let Some(chain) = Chain::new("trace_live") else {
        return;
    };
    let (ok, lines) = live_in(
        chain.host(),
        100,
        &[
            "trace",
            Chain::FAR_V4,
            "-c",
            "3",
            "-i",
            "0.4",
            "-W",
            "0.3",
            "-n",
        ],
    );
    assert!(ok, "{lines:#?}");
    let first = when(&lines, "1 of 3 rounds done…");
    let end = when(&lines, "reached 192.0.2.14 at hop 5");
    assert!(first < end, "{lines:#?}");
    // Frames are erased by netkit's own cursor movement (up N lines, erase below).
    assert!(
        lines
            .iter()
            .any(|(_, l)| l.contains("\x1b[") && l.contains("A\x1b[J")),
        "{lines:#?}"
    );
    let last = &lines.last().unwrap().1;
    assert!(last.ends_with("reached 192.0.2.14 at hop 5"), "{lines:#?}");
    // On a 70-column terminal every line fits, and every word of the notes is kept.
    let (ok, lines) = live_in(chain.host(), 70, &["trace", Chain::FAR_V4, "-c", "1", "-n"]);
    assert!(ok, "{lines:#?}");
    let last_frame = lines
        .iter()
        .rposition(|(_, l)| l.contains("\x1b["))
        .map_or(0, |i| i + 1);
    let shown: Vec<&str> = lines[last_frame..]
        .iter()
        .map(|(_, l)| l.as_str())
        .collect();
    for l in &shown {
        let w = unicode_width::UnicodeWidthStr::width(*l);
        assert!(w <= 70, "{w} columns: {l:?} in {shown:#?}");
    }
    let text = shown.join(" ");
    for words in [
        "forwards but does not answer probes (common, not a fault)",
        "the packet went to the gateway 198.51.100.1",
    ] {
        let joined: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(joined.contains(words), "{words:?} in {shown:#?}");
    }
}

/// Issue 26 item 4: a host missing from r4's link. r4 forwards the probes of hop 5, ARPs for
/// the host and only when that fails, about 3 s later, answers "host unreachable", long after
/// the 1 s round: the trace keeps listening and says so, naming r4 by the hop the table shows
/// it at (4) and the probes' hop (5), as traceroute does (`5  192.0.2.10  !H`); IPv6, UDP and
/// TCP alike.
#[test]
fn a_late_host_unreachable_from_the_last_router() {
    let Some(mut chain) = Chain::new("trace_dead_end") else {
        return;
    };
    chain.add_dead_end();
    for (dest, r4) in [
        (Chain::DEAD_END.0, Chain::HOPS_V4[3]),
        (Chain::DEAD_END.1, Chain::HOPS_V6[3]),
    ] {
        let o = chain
            .lab()
            .netkit(chain.host(), &["--json", "trace", dest, "-c", "1", "-n"]);
        assert_eq!(code(&o), 1, "{dest}: {}", stderr(&o));
        let v = json(&o);
        assert_eq!(
            v["verdict"],
            serde_json::json!({
                "outcome": "unreachable", "hop": 4, "probe_hop": 5, "from": r4,
                "error": "host_unreachable"
            }),
            "{dest}: {v}"
        );
        assert_eq!(v["hops"].as_array().unwrap().len(), 5, "{v}");
    }
    // UDP and TCP probes alike (trippy's rounds close first; a raw socket of netkit's hears it).
    for proto in [&["--udp"][..], &["--tcp", "--port", "443"]] {
        let mut args = vec!["--json", "trace", Chain::DEAD_END.0, "-c", "1", "-n"];
        args.extend(proto);
        let o = chain.lab().netkit(chain.host(), &args);
        assert_eq!(code(&o), 1, "{proto:?}: {}", stderr(&o));
        assert_eq!(
            json(&o)["verdict"],
            serde_json::json!({
                "outcome": "unreachable", "hop": 4, "probe_hop": 5, "from": Chain::HOPS_V4[3],
                "error": "host_unreachable"
            }),
            "{proto:?}"
        );
    }
    let o = chain
        .lab()
        .netkit(chain.host(), &["trace", Chain::DEAD_END.0, "-c", "1", "-n"]);
    let text = stdout(&o);
    assert!(
        text.trim_end().ends_with(
            "not reached: 192.0.2.10 (hop 4) answered Destination Host Unreachable for the \
             probes of hop 5: it could not reach DEST on DEST's own link"
        ),
        "{text}"
    );
    assert!(text.contains("192.0.2.10 !H"), "{text}");
    assert!(!text.contains("filter"), "{text}");
    // traceroute says the same of the same probes.
    let o = chain.lab().exec(
        chain.host(),
        "traceroute",
        &["-n", "-I", "-q1", Chain::DEAD_END.0],
    );
    let theirs = stdout(&o);
    let last = theirs.lines().last().unwrap_or_default();
    let words: Vec<&str> = last.split_whitespace().collect();
    assert_eq!(
        (words.first(), words.get(1), words.last()),
        (Some(&"5"), Some(&"192.0.2.10"), Some(&"!H")),
        "{theirs}"
    );
}

/// Issue 26 item 4: the filter hint only where the evidence is: silence from several TTLs up to
/// --max-hops. When -m stops among routers that forward without answering, or while hops still
/// answer, it says so instead.
#[test]
fn max_hops_stopping_short_is_not_a_filter() {
    let Some(chain) = Chain::new("trace_short_m") else {
        return;
    };
    let o = chain.lab().netkit(
        chain.host(),
        &["trace", Chain::FAR_V4, "-c", "1", "-m", "3", "-n"],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.trim_end().ends_with(
            "not reached: no answer past hop 2 (tried up to hop 3); routers that forward without \
             answering are common: a larger -m may reach DEST"
        ),
        "{text}"
    );
    let o = chain.lab().netkit(
        chain.host(),
        &["trace", Chain::FAR_V4, "-c", "1", "-m", "4", "-n"],
    );
    assert!(
        stdout(&o).trim_end().ends_with(
            "not reached within --max-hops 4: hop 4 still answered as a router on the way; a \
             larger -m goes further"
        ),
        "{}",
        stdout(&o)
    );
}

/// Issue 25 (smaller): -m 255 is accepted (UDP and TCP stop at trippy's 254), and a short -i is
/// honoured: rounds that complete at once start the interval apart (a hundred 1 ms rounds take
/// about 0.1 s, not a second).
#[test]
fn max_hops_255_and_short_intervals() {
    let Some(chain) = Chain::new("trace_m255") else {
        return;
    };
    let o = trace(&chain, &[Chain::FAR_V4, "-c", "1", "-m", "255", "-n"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)["verdict"]["hop"], 5);
    let o = trace(
        &chain,
        &[Chain::FAR_V4, "-c", "1", "-m", "255", "--udp", "-n"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let started = std::time::Instant::now();
    let o = chain.lab().netkit(
        chain.host(),
        &[
            "--json",
            "trace",
            Chain::HOPS_V4[1],
            "-c",
            "100",
            "-i",
            "1ms",
            "-n",
        ],
    );
    let took = started.elapsed();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o)["hops"][0]["sent"], 100);
    assert!(took < std::time::Duration::from_millis(700), "{took:?}");
}

/// Issue 25 (smaller): what DEST really is. The unspecified address is this host (Linux answers
/// from loopback), an IPv4-mapped IPv6 address is IPv4; hop 1 is this host, explained once;
/// a kind is named once ("loopback: ...", not "loopback: loopback: ...").
#[test]
fn what_dest_really_is() {
    let Some(chain) = Chain::new("trace_dest_kinds") else {
        return;
    };
    for (dest, answers, says) in [
        ("0.0.0.0", "127.0.0.1", "0.0.0.0 is the unspecified address"),
        ("::", "::1", ":: is the unspecified address"),
        ("::ffff:127.0.0.1", "127.0.0.1", "IPv4-mapped"),
    ] {
        let o = chain
            .lab()
            .netkit(chain.host(), &["trace", dest, "-c", "1", "-n"]);
        assert_eq!(code(&o), 0, "{dest}: {}", stderr(&o));
        let text = stdout(&o);
        assert!(text.contains(says), "{text}");
        assert!(
            text.ends_with(&format!("reached {answers} at hop 1\n")),
            "{text}"
        );
        assert!(
            text.contains(&format!("Hop 1: {answers} is an address of this host")),
            "{text}"
        );
        assert!(!text.contains("loopback: loopback"), "{text}");
        assert!(!text.contains("gateway"), "{text}");
        let v = json(
            &chain
                .lab()
                .netkit(chain.host(), &["--json", "ping", dest, "-c", "1"]),
        );
        assert_eq!(
            (v["address"].as_str(), v["received"].as_u64()),
            (Some(answers), Some(1)),
            "{v}"
        );
        assert!(v["note"].as_str().unwrap().contains(says), "{v}");
    }
}
