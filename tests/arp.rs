//! `netkit arp` inside a namespace LAN of the tests' own making: a peer with a known MAC answers,
//! an absent IP times out, a scan finds exactly the configured hosts, duplicates are flagged,
//! and without CAP_NET_RAW the answer is exit 4 with advice.

use std::time::{Duration, Instant};

use crate::common::netns::{HOST_MAC, Lan, ROUTER_MAC};
use crate::common::*;

#[test]
fn a_peer_with_a_known_mac_answers() {
    let Some(lan) = Lan::new("arp_peer_answers") else {
        return;
    };
    let o = lan.lab.netkit(
        &lan.host,
        &["--json", "arp", "198.51.100.1", "-c", "2", "-i", "0.05"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(
        (v["sent"].as_u64(), v["received"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(v["replies"][0]["mac"], ROUTER_MAC);
    assert_eq!(v["replies"][0]["ip"], "198.51.100.1");
    assert!(
        v["replies"][0]["vendor"]
            .as_str()
            .unwrap_or("")
            .to_lowercase()
            .contains("xensource")
    );
    assert!(v["replies"][0]["rtt_ms"].as_f64().unwrap() >= 0.0);
    assert_eq!(v["interface"], "eth0");
    assert_eq!(v["source"], "198.51.100.2");
    assert_eq!(v["source_mac"], HOST_MAC);
    assert_eq!(v["conflict"], false);
    let text = stdout(
        &lan.lab
            .netkit(&lan.host, &["arp", "198.51.100.1", "-c", "1"]),
    );
    assert!(
        text.contains(ROUTER_MAC) && text.contains("1 requests sent, 1 answered"),
        "{text}"
    );
}

#[test]
fn an_absent_ip_times_out_within_the_deadline() {
    let Some(lan) = Lan::new("arp_absent_ip") else {
        return;
    };
    let t = Instant::now();
    let o = lan.lab.netkit(
        &lan.host,
        &["arp", "198.51.100.77", "-w", "0.6", "-i", "0.1"],
    );
    let took = t.elapsed();
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(took < Duration::from_millis(1500), "took {took:?}");
    assert!(stdout(&o).contains("0 answered"), "{}", stdout(&o));
}

#[test]
fn scan_finds_exactly_the_configured_hosts() {
    let Some(mut lan) = Lan::new("arp_scan_exact") else {
        return;
    };
    lan.add_peer("p20", "198.51.100.20/24", "00:16:3e:00:00:20");
    lan.add_peer("p30", "198.51.100.30/24", "02:00:00:00:00:30");
    let o = lan.lab.netkit(&lan.host, &["--json", "arp", "scan"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["network"], "198.51.100.0/24");
    assert_eq!(v["scanned"], 253);
    let found: Vec<(String, String)> = v["hosts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["ip"].as_str().unwrap().to_string(),
                h["mac"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("198.51.100.1", ROUTER_MAC),
        ("198.51.100.20", "00:16:3e:00:00:20"),
        ("198.51.100.30", "02:00:00:00:00:30"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(found, want);
    // An explicit range on the remote side of nothing: nobody answers, exit 1.
    let o = lan.lab.netkit(
        &lan.host,
        &[
            "arp",
            "scan",
            "198.51.100.200/30",
            "-I",
            "eth0",
            "--timeout",
            "100ms",
        ],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
}

#[test]
fn two_macs_for_one_ip_are_flagged() {
    let Some(mut lan) = Lan::new("arp_conflict") else {
        return;
    };
    lan.add_peer("dupa", "198.51.100.40/24", "00:16:3e:00:00:41");
    lan.add_peer("dupb", "198.51.100.40/24", "00:16:3e:00:00:42");
    let v = json(&lan.lab.netkit(
        &lan.host,
        &["--json", "arp", "198.51.100.40", "-c", "2", "-i", "0.05"],
    ));
    assert_eq!(v["conflict"], true, "{v}");
    assert_eq!(v["macs"].as_array().unwrap().len(), 2);
    let v = json(
        &lan.lab
            .netkit(&lan.host, &["--json", "arp", "scan", "198.51.100.32/27"]),
    );
    let dup = v["hosts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["ip"] == "198.51.100.40")
        .unwrap();
    assert_eq!(dup["duplicates"].as_array().unwrap().len(), 1, "{v}");
}

#[test]
fn dad_and_gratuitous() {
    let Some(lan) = Lan::new("arp_dad") else {
        return;
    };
    let o = lan.lab.netkit(
        &lan.host,
        &["arp", "--dad", "198.51.100.1", "-c", "2", "-i", "0.05"],
    );
    assert_eq!(code(&o), 1, "in use: {}", stdout(&o));
    let o = lan.lab.netkit(
        &lan.host,
        &[
            "arp",
            "--dad",
            "198.51.100.99",
            "-c",
            "2",
            "-i",
            "0.05",
            "--timeout",
            "0.2",
        ],
    );
    assert_eq!(code(&o), 0, "free: {}", stdout(&o));
    let o = lan.lab.netkit(
        &lan.host,
        &[
            "arp",
            "--gratuitous",
            "198.51.100.2",
            "-c",
            "1",
            "--timeout",
            "0.1",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = lan.lab.netkit(
        &lan.host,
        &["arp", "--gratuitous", "198.51.100.1", "-c", "1"],
    );
    assert_eq!(code(&o), 2, "not ours: {}", stderr(&o));
}

#[test]
fn without_cap_net_raw_exit_4_with_advice() {
    let Some(lan) = Lan::new("arp_no_cap_net_raw") else {
        return;
    };
    let o = lan
        .lab
        .netkit_unprivileged(&lan.host, &["arp", "198.51.100.1", "-c", "1"]);
    assert_needs_cap_net_raw(&o);
}

#[test]
fn cache_matches_ip_neigh() {
    let Some(lan) = Lan::new("arp_cache") else {
        return;
    };
    // Let the kernel resolve the router (one ARP exchange), then read the cache both ways.
    let o = lan
        .lab
        .netkit_unprivileged(&lan.host, &["gateway", "-4", "--resolve"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&lan.lab.netkit(&lan.host, &["--json", "arp", "cache"]));
    let ip = lan.lab.ip_json(&lan.host, &["neigh"]);
    let theirs = ip
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["dst"] == "198.51.100.1")
        .expect("ip neigh has the router");
    let ours = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["ip"] == "198.51.100.1")
        .expect("netkit has the router");
    assert_eq!(ours["mac"], theirs["lladdr"]);
    assert_eq!(ours["mac"], ROUTER_MAC);
    assert_eq!(ours["interface"], "eth0");
    assert_eq!(ours["family"], "ipv4");
}

#[test]
fn bad_arp_input() {
    assert_bad_input(&["arp", "198.51.100.300"], "300");
    assert_bad_input(&["arp", "2001:db8::1"], "IPv4 only");
    assert_bad_input(&["arp", "198.51.100.1", "-i", "soon"], "interval");
}

/// A machine without what the command needs (here: no default route to pick the interface
/// from) is not a usage error: exit 3, kind "unavailable", one line saying what to do.
#[test]
fn no_default_route_is_unavailable_not_usage() {
    let Some(lan) = Lan::new("arp_no_default_route") else {
        return;
    };
    lan.lab.ipn(&lan.host, "route del default");
    // A second Ethernet-like link with an address: no single LAN interface to fall back on.
    lan.lab.ipn(&lan.host, "link add e1 type veth peer name e2");
    lan.lab.ipn(&lan.host, "addr add 192.0.2.5/24 dev e1");
    lan.lab.ipn(&lan.host, "link set e1 up");
    let o = lan.lab.netkit(&lan.host, &["--json", "arp", "scan"]);
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("-I"), "{}", stderr(&o));
    assert_eq!(json(&o)["error"]["kind"], "unavailable");
}

/// Issue 18: `arp IP -c 1 -w 1` exits at the reply, as iputils `arping -c1 -w1` does, and
/// `-c 2` without a deadline does not wait out --timeout after both requests were answered.
#[test]
fn count_with_a_deadline_ends_at_the_reply() {
    let Some(lan) = Lan::new("arp_count_with_a_deadline") else {
        return;
    };
    for (args, within) in [
        (&["arp", "198.51.100.1", "-c", "1", "-w", "1"][..], 500),
        (
            &[
                "arp",
                "198.51.100.1",
                "-c",
                "2",
                "-i",
                "0.1",
                "--timeout",
                "3",
            ],
            1000,
        ),
    ] {
        let t = Instant::now();
        let o = lan.lab.netkit(&lan.host, args);
        let took = t.elapsed();
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        assert!(
            took < Duration::from_millis(within),
            "{args:?} took {took:?}"
        );
    }
}

/// Issue 17: on a terminal each reply shows when it comes (the header first), not all at the
/// end; Ctrl-C keeps the replies seen and prints the summary, with the exit code it earns.
#[test]
fn replies_show_as_they_come_and_ctrl_c_keeps_them() {
    let Some(lan) = Lan::new("arp_live_and_ctrl_c") else {
        return;
    };
    // Live, on a pseudo-terminal: 3 requests 700 ms apart.
    let (ok, lines) = live_in(
        &lan.host,
        100,
        &["arp", "198.51.100.1", "-c", "3", "-i", "0.7"],
    );
    assert!(ok, "{lines:?}");
    let (header, first) = (when(&lines, "ARP who-has"), when(&lines, "seq=1"));
    let summary = when(&lines, "--- 198.51.100.1");
    assert!(first + Duration::from_millis(1000) < summary, "{lines:?}");
    assert!(header <= first, "{lines:?}");

    // Piped, interrupted after about two replies: the replies and the summary, exit 0.
    for json in [false, true] {
        let mut args = if json { vec!["--json"] } else { vec![] };
        args.extend(["arp", "198.51.100.1", "-c", "20", "-i", "0.5"]);
        let started = Instant::now();
        let o = interrupted_in(&lan.host, &args, Duration::from_millis(1200));
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let text = stdout(&o);
        if json {
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            let replies = v["replies"].as_array().unwrap().len();
            assert!((2..=4).contains(&replies), "{v}");
            assert_eq!(v["sent"].as_u64().unwrap() as usize, replies, "{v}");
        } else {
            assert!(text.contains("seq=2"), "{text}");
            assert!(!text.contains("seq=6"), "{text}");
            assert!(text.contains("--- 198.51.100.1: "), "{text}");
        }
    }
}

/// Issue 17: scanning a range outside the interface's subnet says why nobody will answer.
#[test]
fn scan_outside_the_subnet_says_so() {
    let Some(lan) = Lan::new("arp_scan_outside") else {
        return;
    };
    let o = lan.lab.netkit(
        &lan.host,
        &[
            "arp",
            "scan",
            "203.0.113.0/29",
            "-I",
            "eth0",
            "--timeout",
            "0.2",
        ],
    );
    let err = stderr(&o);
    assert!(
        err.contains("203.0.113.0/29 is not within eth0's subnet 198.51.100.0/24"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    let o = lan.lab.netkit(
        &lan.host,
        &["arp", "scan", "198.51.100.0/29", "--timeout", "0.2"],
    );
    assert!(!stderr(&o).contains("not within"), "{}", stderr(&o));
}
