//! `netkit arp` inside a namespace LAN of the tests' own making: a peer with a known MAC answers,
//! an absent IP times out, a scan finds exactly the configured hosts, duplicates are flagged,
//! and without CAP_NET_RAW the answer is exit 4 with advice.

use std::time::{Duration, Instant};

use crate::common::netns::{HOST_MAC, Lan, ROUTER_MAC, netns_exec_line};
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
        text.contains(ROUTER_MAC) && text.contains("1 request sent, 1 answered"),
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

/// The hosts of a `--json arp scan`, as (ip, name) in the report's order.
fn scan_hosts(v: &serde_json::Value) -> Vec<(String, Option<String>)> {
    v["hosts"]
        .as_array()
        .unwrap_or_else(|| panic!("no hosts in {v}"))
        .iter()
        .map(|h| {
            (
                h["ip"].as_str().unwrap().to_string(),
                h["name"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn ips(v: &serde_json::Value) -> Vec<String> {
    scan_hosts(v).into_iter().map(|(ip, _)| ip).collect()
}

/// Issue 15: several ranges on the command line and in a file (byte-order mark, comments, blank
/// lines, several items a line), merged: each address asked once, hosts in address order.
#[test]
fn scan_several_ranges_and_a_file() {
    let Some(mut lan) = Lan::new("arp_scan_ranges") else {
        return;
    };
    lan.add_peer("p20", "198.51.100.20/24", "00:16:3e:00:00:20");
    lan.add_peer("p30", "198.51.100.30/24", "02:00:00:00:00:30");
    lan.add_peer("p40", "198.51.100.40/24", "02:00:00:00:00:40");
    let o = lan.lab.netkit(
        &lan.host,
        &[
            "--json",
            "arp",
            "scan",
            "198.51.100.16/29",
            "198.51.100.30",
            "198.51.100.20",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(ips(&v), ["198.51.100.20", "198.51.100.30"], "{v}");
    // .17-.22 of the /29 (.20 again changes nothing) and .30.
    assert_eq!(v["scanned"], 7, "{v}");
    assert_eq!(
        v["ranges"],
        serde_json::json!(["198.51.100.16/29", "198.51.100.30/32"])
    );
    assert_eq!(v["network"], "198.51.100.16/29, 198.51.100.30/32");
    assert_eq!(v["resolved"], false);
    assert!(v["hosts"][0]["name"].is_null(), "{v}");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ranges.txt");
    std::fs::write(
        &file,
        "\u{feff}# the LAN's hosts\n\n198.51.100.1   # the router\n\
         198.51.100.28/30 198.51.100.40\n   \n198.51.100.41\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let o = lan
        .lab
        .netkit(&lan.host, &["--json", "arp", "scan", "--file", file]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(
        ips(&v),
        ["198.51.100.1", "198.51.100.30", "198.51.100.40"],
        "{v}"
    );
    assert_eq!(v["scanned"], 5, "{v}");
    // The file and a range given beside it are both scanned; piped, one table at the end.
    let o = lan.lab.netkit(
        &lan.host,
        &[
            "arp",
            "scan",
            "--file",
            file,
            "198.51.100.20",
            "--timeout",
            "0.2",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    for ip in [
        "198.51.100.1 ",
        "198.51.100.20 ",
        "198.51.100.30 ",
        "198.51.100.40 ",
    ] {
        assert_eq!(text.matches(ip).count(), 1, "{ip} in {text}");
    }
    assert!(text.contains("4 of 6 addresses in 198.51.100.1/32, 198.51.100.20/32, 198.51.100.28/30 and 1 more range answered on eth0"), "{text}");
    assert!(
        !stderr(&o).contains("asked"),
        "no progress when piped: {}",
        stderr(&o)
    );
}

/// Issue 15: a bad line of a range file, a range too large or a file without ranges is one
/// clear error line with exit 2 (a JSON error under --json), before anything is sent.
#[test]
fn bad_scan_ranges_are_one_line_exit_2() {
    // Run outside the namespace LAN: the interface named does not exist, so that nothing could
    // ever be sent here even if the input were taken.
    const NO_IFACE: &str = "nk-none0";
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let bad = path(
        "bad.txt",
        "\u{feff}# ranges\n\n198.51.100.1\n198.51.100.7 nonsense-here\n",
    );
    assert_bad_input(
        &["arp", "scan", "-I", NO_IFACE, "--file", &bad],
        "bad.txt:4",
    );
    assert_bad_input(
        &["arp", "scan", "-I", NO_IFACE, "--file", &bad],
        "nonsense-here",
    );
    let o = run(&["--json", "arp", "scan", "-I", NO_IFACE, "--file", &bad]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["error"]["kind"], "bad_input", "{v}");
    assert_eq!(v["error"]["exit_code"], 2, "{v}");
    let v6 = path("v6.txt", "2001:db8::1\n");
    assert_bad_input(&["arp", "scan", "-I", NO_IFACE, "--file", &v6], "IPv4 only");
    let empty = path("empty.txt", "# nothing yet\n\n   \n");
    assert_bad_input(
        &["arp", "scan", "-I", NO_IFACE, "--file", &empty],
        "lists no address",
    );
    // Too many addresses, in one range, in several, or from a file of many lines.
    assert_bad_input(
        &["arp", "scan", "-I", NO_IFACE, "10.0.0.0/8"],
        "at most a /16",
    );
    assert_bad_input(
        &[
            "arp",
            "scan",
            "-I",
            NO_IFACE,
            "10.0.0.0/17",
            "10.0.128.0/17",
            "10.1.0.0/24",
        ],
        "at most a /16",
    );
    let mut many = String::new();
    for i in 0..300 {
        many.push_str(&format!("10.{}.{}.0/24\n", i / 200, i % 200));
    }
    let many = path("many.txt", &many);
    assert_bad_input(
        &["arp", "scan", "-I", NO_IFACE, "--file", &many],
        "at most a /16",
    );
    assert_bad_input(&["arp", "scan", "-I", NO_IFACE, "198.51.100.0/33"], "33");
}

/// Issue 15: `--localnet` scans every IPv4 subnet of the interface, each asked from this host's
/// own address on it.
#[test]
fn scan_localnet_covers_every_subnet_of_the_interface() {
    let Some(mut lan) = Lan::new("arp_scan_localnet") else {
        return;
    };
    lan.lab.ipn(&lan.host, "addr add 192.0.2.5/28 dev eth0");
    lan.add_peer("p9", "192.0.2.9/28", "02:00:00:00:00:09");
    lan.add_peer("p20", "198.51.100.20/24", "00:16:3e:00:00:20");
    let o = lan
        .lab
        .netkit(&lan.host, &["--json", "arp", "scan", "--localnet"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "both subnets are this link's");
    let v = json(&o);
    assert_eq!(
        v["ranges"],
        serde_json::json!(["192.0.2.0/28", "198.51.100.0/24"])
    );
    // 14 + 254 usable addresses, less this host's two.
    assert_eq!(v["scanned"], 266, "{v}");
    assert_eq!(
        ips(&v),
        ["192.0.2.9", "198.51.100.1", "198.51.100.20"],
        "{v}"
    );
}

/// Issue 15: `--resolve` adds each host's PTR name, asked of the LAN's DNS server (dnsmasq on
/// the router, from a hosts file) after the scan; a host without one has none.
#[test]
fn scan_resolve_names_hosts_from_the_lans_dns() {
    let Some(mut lan) = Lan::new("arp_scan_resolve") else {
        return;
    };
    lan.add_peer("p20", "198.51.100.20/24", "00:16:3e:00:00:20");
    lan.add_peer("p30", "198.51.100.30/24", "02:00:00:00:00:30");
    let dir = tempfile::tempdir().unwrap();
    let _dns = lan.dns_server(
        &dir,
        "198.51.100.20 p20.test\n198.51.100.30 printer-30.test\n",
        "nameserver 198.51.100.1\n",
    );
    let o = lan.lab.netkit(
        &lan.host,
        &["--json", "arp", "scan", "198.51.100.0/26", "--resolve"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["resolved"], true);
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        scan_hosts(&v),
        [
            ("198.51.100.1".to_string(), None),
            ("198.51.100.20".to_string(), some("p20.test")),
            ("198.51.100.30".to_string(), some("printer-30.test")),
        ],
        "{v}"
    );
    let o = lan
        .lab
        .netkit(&lan.host, &["arp", "scan", "198.51.100.0/26", "--resolve"]);
    let text = stdout(&o);
    assert!(text.contains("Name"), "{text}");
    let row = text
        .lines()
        .find(|l| l.contains("198.51.100.30 "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(row.contains("printer-30.test"), "{text}");
    assert!(text.contains("; 2 with a name"), "{text}");
}

/// `arp scan ARGS` inside `ns` on a pseudo-terminal, stderr on the terminal too or (with
/// `stderr_to`) in a file: whether it succeeded and everything the terminal showed, carriage
/// returns and escapes included.
fn scan_on_a_terminal(ns: &str, args: &str, stderr_to: Option<&std::path::Path>) -> (bool, String) {
    let bin = assert_cmd::cargo::cargo_bin("netkit");
    let redirect = stderr_to.map_or(String::new(), |p| format!(" 2>{}", p.display()));
    let line = format!(
        "stty rows 24 cols 120; exec {} {} --color never arp scan {args}{redirect}",
        netns_exec_line(ns),
        bin.display()
    );
    let o = std::process::Command::new("script")
        .args(["-qefc", &line, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("util-linux `script` runs");
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

/// Issue 15: on a terminal, hosts show as they answer, with the progress line on stderr while
/// the scan runs (drawn after the first hosts and before the end); with stderr not a terminal,
/// the hosts still show live but no progress is drawn.
#[test]
fn scan_is_live_on_a_terminal_with_progress_on_stderr() {
    let Some(mut lan) = Lan::new("arp_scan_live") else {
        return;
    };
    lan.add_peer("p20", "198.51.100.20/24", "00:16:3e:00:00:20");
    // 253 addresses at 200 a second: over a second of asking after .20 has answered.
    let args = "198.51.100.0/24 --rate 200 --retries 0";
    let (ok, screen) = scan_on_a_terminal(&lan.host, args, None);
    assert!(ok, "{screen}");
    let at = |needle: &str| {
        screen
            .find(needle)
            .unwrap_or_else(|| panic!("no {needle:?} in {screen:?}"))
    };
    let header = at("ARP scan of 253 addresses (198.51.100.0/24) on eth0");
    let host = at("198.51.100.20    00:16:3e:00:00:20");
    let progress = at(" asked, ");
    let summary = at("2 of 253 addresses in 198.51.100.0/24 answered on eth0");
    assert!(header < host, "{screen:?}");
    assert!(
        host < progress,
        "the host shows before the scan ends: {screen:?}"
    );
    assert!(progress < summary, "{screen:?}");
    assert!(screen[progress..].contains("answered, "), "{screen:?}");
    assert!(!screen.contains('┌'), "no table at the end: {screen:?}");

    let dir = tempfile::tempdir().unwrap();
    let err = dir.path().join("stderr.txt");
    let (ok, screen) = scan_on_a_terminal(&lan.host, args, Some(&err));
    assert!(ok, "{screen}");
    let err = std::fs::read_to_string(&err).unwrap();
    assert!(
        screen.contains("198.51.100.20    00:16:3e:00:00:20"),
        "{screen:?}"
    );
    assert!(screen.contains("answered on eth0"), "{screen:?}");
    assert!(
        !screen.contains(" asked, ") && !err.contains("asked"),
        "{screen:?} {err:?}"
    );
}
