//! Issue 12, the LAN side: a hostile peer on the namespace LAN answers netkit's ARP requests and
//! DHCPDISCOVERs with crafted frames (tests/common/frames.rs) while the real binary runs in the
//! host namespace. Replies from broadcast, zero or multicast MACs and malformed ARP are never an
//! answer or a scan host; offers with impossible IPv4/UDP lengths, the wrong port, another
//! client's MAC or transaction are never an offer; all of them are counted in `--json`. Where a
//! case must show "no answer", a genuine host (the router) answers too, so a test that let the
//! forged frame through would see it.
//!
//! Issue 25: offers that name the expected server in their Server Identifier, or forge its
//! address from another MAC, are rogue for `dhcp discover --expect`; `arp scan --file` on endless
//! input ends with a clear error.

use std::net::Ipv4Addr;

use crate::common::frames::{self, Sender, arp, set16};
use crate::common::netns::{HOST_MAC, Lan, ROUTER_MAC};
use crate::common::*;

/// The hostile peer's MAC (its own frames come from it).
const ROGUE_MAC: &str = "00:16:3e:66:66:66";
const HOST_IP: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 2);
const ROGUE_IP: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 66);

fn ip(last: u8) -> Ipv4Addr {
    Ipv4Addr::new(198, 51, 100, last)
}

/// A reply "`ip` is at `sha`" to the request `req`, from the rogue's Ethernet address.
fn reply_to(req: &frames::ArpRequest, ip: Ipv4Addr, sha: [u8; 6]) -> Vec<u8> {
    let rogue = frames::mac(ROGUE_MAC);
    arp(
        2,
        rogue,
        req.sender_mac,
        sha,
        ip,
        req.sender_mac,
        req.sender_ip,
    )
}

/// Every forged kind of reply for `ip`: group and zero sender MACs, another hardware type,
/// hardware address length and opcode.
fn forged_replies(req: &frames::ArpRequest, ip: Ipv4Addr) -> Vec<Vec<u8>> {
    let good = frames::mac("00:16:3e:00:00:42");
    let mut bad_htype = reply_to(req, ip, good);
    set16(&mut bad_htype, 14, 6);
    let mut bad_hlen = reply_to(req, ip, good);
    bad_hlen[18] = 8;
    let mut bad_op = reply_to(req, ip, good);
    set16(&mut bad_op, 20, 4);
    vec![
        reply_to(req, ip, [0xff; 6]),
        reply_to(req, ip, [0; 6]),
        reply_to(req, ip, frames::mac("01:00:5e:00:00:01")),
        bad_htype,
        bad_hlen,
        bad_op,
    ]
}

/// Answers every request for .1 (the router, which answers too) and .77 (nobody) with forged
/// replies.
fn forged_arp(f: &[u8]) -> Option<(String, Vec<Vec<u8>>)> {
    let req = frames::arp_request_in(f)?;
    if ![ip(1), ip(77)].contains(&req.target_ip) {
        return None;
    }
    let what = format!("who-has {} from {}", req.target_ip, req.sender_ip);
    Some((what, forged_replies(&req, req.target_ip)))
}

/// In a scan of .0/28: forged replies for .5 (broadcast sender), .6 (zero), .7 (multicast) and
/// .1 (a broadcast-MAC "duplicate" of the router); for .9 a genuine-looking reply whose Ethernet
/// source (the rogue) differs from its sender MAC. Logs every request.
fn forged_scan(f: &[u8]) -> Option<(String, Vec<Vec<u8>>)> {
    let req = frames::arp_request_in(f)?;
    let t = req.target_ip;
    let last = t.octets()[3];
    let frames = match last {
        1 | 5 => vec![reply_to(&req, t, [0xff; 6])],
        6 => vec![reply_to(&req, t, [0; 6])],
        7 => vec![reply_to(&req, t, frames::mac("33:33:00:00:00:01"))],
        9 => vec![reply_to(&req, t, frames::mac("00:16:3e:00:00:09"))],
        _ => vec![],
    };
    Some((format!("who-has {t} from {}", req.sender_ip), frames))
}

/// The offer every DHCP scenario starts from: .101 from the rogue, domain `domain`.
fn rogue_offer(d: &frames::Discover, yiaddr: Ipv4Addr, domain: &[u8]) -> Vec<u8> {
    let payload = frames::offer(d.xid, d.chaddr, yiaddr, ROGUE_IP, domain);
    frames::udp_broadcast(frames::mac(ROGUE_MAC), ROGUE_IP, 67, 68, &payload)
}

/// One good offer (.101) and offers with impossible IPv4/UDP header fields (.102-.108).
fn bad_lengths(f: &[u8]) -> Option<(String, Vec<Vec<u8>>)> {
    let d = frames::discover_in(f)?;
    let with = |last: u8, edit: &dyn Fn(&mut Vec<u8>)| {
        let mut f = rogue_offer(&d, ip(last), b"rogue.test");
        edit(&mut f);
        frames::fix_ip_checksum(&mut f);
        f
    };
    let ip_total = |f: &Vec<u8>| u16::from_be_bytes([f[16], f[17]]);
    let udp_len = |f: &Vec<u8>| u16::from_be_bytes([f[38], f[39]]);
    let frames = vec![
        with(101, &|_| {}),
        // IHL 4: a header shorter than the fixed 20 bytes.
        with(102, &|f| f[14] = 0x44),
        // IHL 15 in a packet of 40 bytes.
        with(103, &|f| {
            f[14] = 0x4f;
            f.truncate(14 + 40);
        }),
        // Total length one beyond the bytes sent.
        with(104, &|f| {
            let n = ip_total(f) + 1;
            set16(f, 16, n)
        }),
        // Total length smaller than the IP and UDP headers.
        with(105, &|f| set16(f, 16, 24)),
        // UDP length under the UDP header's 8 bytes.
        with(106, &|f| set16(f, 38, 7)),
        // UDP length beyond the IP payload.
        with(107, &|f| {
            let n = udp_len(f) + 1;
            set16(f, 38, n)
        }),
        // A fragment.
        with(108, &|f| f[20] = 0x20),
    ];
    Some((format!("discover xid {:08x}", d.xid), frames))
}

/// One good offer (.101) and offers for another client's MAC (.111), another transaction
/// (.112) and from the wrong UDP port (.113).
fn not_ours(f: &[u8]) -> Option<(String, Vec<Vec<u8>>)> {
    let d = frames::discover_in(f)?;
    let mut other_client = frames::Discover { ..d };
    other_client.chaddr[5] ^= 0x01;
    let other_xid = frames::Discover {
        xid: d.xid.wrapping_add(1),
        ..d
    };
    let mut bad_port = rogue_offer(&d, ip(113), b"rogue.test");
    set16(&mut bad_port, 34, 6767);
    let frames = vec![
        rogue_offer(&d, ip(101), b"rogue.test"),
        rogue_offer(&other_client, ip(111), b"rogue.test"),
        rogue_offer(&other_xid, ip(112), b"rogue.test"),
        bad_port,
    ];
    Some((format!("discover xid {:08x}", d.xid), frames))
}

/// The domain of the terminal-control case: colour, bell, carriage return, bidi override and
/// a byte that is not UTF-8.
const HOSTILE_DOMAIN: &[u8] = b"\x1b[31mevil\x07\r\xe2\x80\xaelan\xff.test";

/// One offer whose domain carries terminal control characters.
fn hostile_domain(f: &[u8]) -> Option<(String, Vec<Vec<u8>>)> {
    let d = frames::discover_in(f)?;
    let what = format!("discover xid {:08x}", d.xid);
    Some((what, vec![rogue_offer(&d, ip(101), HOSTILE_DOMAIN)]))
}

/// Issue 25 item 3: an offer from the rogue's own address (.66) that names the LAN's server
/// (.1) as its Server Identifier (option 54).
fn forged_server_id(f: &[u8]) -> Option<(String, Vec<Vec<u8>>)> {
    let d = frames::discover_in(f)?;
    let offer = frames::offer_frame(frames::mac(ROGUE_MAC), ROGUE_IP, ip(1), &d, ip(101));
    Some((format!("discover xid {:08x}", d.xid), vec![offer]))
}

/// Issue 25 item 3: an offer forging the LAN's server's IP address (.1, option 54 too) from the
/// rogue's MAC.
fn forged_server_ip(f: &[u8]) -> Option<(String, Vec<Vec<u8>>)> {
    let d = frames::discover_in(f)?;
    let offer = frames::offer_frame(frames::mac(ROGUE_MAC), ip(1), ip(1), &d, ip(102));
    Some((format!("discover xid {:08x}", d.xid), vec![offer]))
}

/// The boot-file name of the newline case: a fake verdict on a line of its own.
const FAKE_VERDICT: &str = "pxelinux.0\nNo rogue DHCP server: only 198.51.100.1, the expected \
                            server, answered";

/// One offer whose domain (option 15) and boot-file name (option 67) hold newlines.
fn newline_values(f: &[u8]) -> Option<(String, Vec<Vec<u8>>)> {
    let d = frames::discover_in(f)?;
    let what = format!("discover xid {:08x}", d.xid);
    let mut payload = frames::offer(d.xid, d.chaddr, ip(101), ROGUE_IP, b"lan.test\nsplit.cell");
    // Option 67 before the end option (the last 0xff: only zero padding follows it).
    let end = payload.iter().rposition(|&b| b == 255)?;
    let boot = FAKE_VERDICT.as_bytes();
    let option: Vec<u8> = [67, boot.len() as u8]
        .into_iter()
        .chain(boot.iter().copied())
        .collect();
    payload.splice(end..end, option);
    let frame = frames::udp_broadcast(frames::mac(ROGUE_MAC), ROGUE_IP, 67, 68, &payload);
    Some((what, vec![frame]))
}

const SCENARIOS: &[(&str, frames::Respond)] = &[
    ("forged_arp", forged_arp),
    ("forged_scan", forged_scan),
    ("bad_lengths", bad_lengths),
    ("not_ours", not_ours),
    ("hostile_domain", hostile_domain),
    ("forged_server_id", forged_server_id),
    ("forged_server_ip", forged_server_ip),
    ("newline_values", newline_values),
];

/// Not a test: the frame sender of tests/common/frames.rs, run by the tests below inside the
/// hostile peer's namespace (`Sender::start`).
#[test]
#[ignore = "the hostile-LAN tests run it inside a peer namespace"]
fn frame_sender() {
    let name = std::env::var("NETKIT_FRAMES_SCENARIO")
        .expect("run by the hostile-LAN tests with NETKIT_FRAMES_SCENARIO");
    let respond = SCENARIOS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no scenario {name}"))
        .1;
    frames::serve(respond);
}

/// The LAN with the hostile peer (no IP address; it answers from ROGUE_MAC) running `scenario`.
/// The switch forwards frames as a plain Ethernet switch does: Linux's bridge netfilter (on by
/// default where br_netfilter is loaded) would drop IPv4 packets with an impossible header or
/// length before they reach the host, and hide what netkit does with them.
fn hostile_lan(test: &str, scenario: &str) -> Option<(Lan, Sender)> {
    let mut lan = Lan::new(test)?;
    if std::path::Path::new("/proc/sys/net/bridge/bridge-nf-call-iptables").exists() {
        let o = lan.lab.exec(
            &lan.sw,
            "sysctl",
            &["-qw", "net.bridge.bridge-nf-call-iptables=0"],
        );
        assert!(o.status.success(), "sysctl: {}", stderr(&o));
    }
    let rogue = lan.add_peer("rogue", "", ROGUE_MAC);
    let sender = Sender::start(&rogue, scenario);
    Some((lan, sender))
}

fn reasons(v: &serde_json::Value) -> &serde_json::Map<String, serde_json::Value> {
    v["discard_reasons"]
        .as_object()
        .unwrap_or_else(|| panic!("discard_reasons is an object: {v}"))
}

/// `count` of `reason` in the report, 0 when absent.
fn count(v: &serde_json::Value, reason: &str) -> u64 {
    reasons(v).get(reason).and_then(|n| n.as_u64()).unwrap_or(0)
}

/// Issue 12: `netkit arp` took replies from ff:ff:ff:ff:ff:ff (and zero and multicast MACs) as
/// the answer, exit 0.
#[test]
fn forged_arp_replies_are_never_the_answer() {
    let Some((lan, sender)) = hostile_lan("hostile_arp", "forged_arp") else {
        return;
    };
    // The router answers for .1; the forged replies for .1 are discarded, not a conflict.
    let o = lan.lab.netkit(
        &lan.host,
        &["--json", "arp", "198.51.100.1", "-c", "2", "-i", "0.1"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["macs"], serde_json::json!([ROUTER_MAC]), "{v}");
    assert_eq!(v["conflict"], false);
    for r in v["replies"].as_array().unwrap() {
        assert_eq!(r["mac"], ROUTER_MAC, "{v}");
        assert_eq!(r["ethernet_source"], serde_json::Value::Null, "{v}");
    }
    for reason in [
        "sender_broadcast",
        "sender_zero",
        "sender_multicast",
        "not_ethernet_ipv4",
        "opcode",
    ] {
        assert!(count(&v, reason) >= 1, "{reason}: {v}");
    }
    let total: u64 = reasons(&v).values().filter_map(|n| n.as_u64()).sum();
    assert_eq!(v["discarded"].as_u64(), Some(total), "{v}");
    assert!(total >= 6, "{v}");
    // Nobody but the forger answers for .77: no answer, exit 1.
    let o = lan.lab.netkit(
        &lan.host,
        &["arp", "198.51.100.77", "-c", "1", "--timeout", "0.5"],
    );
    let text = stdout(&o);
    assert_eq!(code(&o), 1, "{text}{}", stderr(&o));
    assert!(!text.contains("is at"), "{text}");
    assert!(
        text.contains("Discarded") && text.contains("broadcast sender MAC"),
        "{text}"
    );
    // Duplicate address detection: a forged claim does not make the address taken.
    let o = lan.lab.netkit(
        &lan.host,
        &[
            "--json",
            "arp",
            "--dad",
            "198.51.100.77",
            "-c",
            "1",
            "--timeout",
            "0.5",
        ],
    );
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let v = json(&o);
    assert_eq!(v["in_use"], false, "{v}");
    assert!(count(&v, "sender_broadcast") >= 1, "{v}");
    let seen = sender.seen();
    assert!(
        seen.iter()
            .any(|s| s == "who-has 198.51.100.77 from 0.0.0.0"),
        "the DAD probe reached the forger: {seen:?}"
    );
}

/// Issue 12: `arp scan` listed forged replies as hosts. Also the wire-level pin of
/// `--retries 0`: exactly one request per address.
#[test]
fn forged_arp_replies_are_never_scan_hosts() {
    let Some((lan, sender)) = hostile_lan("hostile_scan", "forged_scan") else {
        return;
    };
    let o = lan.lab.netkit(
        &lan.host,
        &[
            "--json",
            "arp",
            "scan",
            "198.51.100.0/28",
            "--retries",
            "0",
            "--timeout",
            "300ms",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let hosts = v["hosts"].as_array().unwrap();
    let ips: Vec<&str> = hosts.iter().map(|h| h["ip"].as_str().unwrap()).collect();
    assert_eq!(ips, ["198.51.100.1", "198.51.100.9"], "{v}");
    assert_eq!(hosts[0]["mac"], ROUTER_MAC);
    assert_eq!(hosts[0]["duplicates"], serde_json::json!([]), "{v}");
    // .9's sender MAC is the answer; the rogue's Ethernet source is shown beside it.
    assert_eq!(hosts[1]["mac"], "00:16:3e:00:00:09");
    assert_eq!(hosts[1]["ethernet_source"], ROGUE_MAC);
    assert!(count(&v, "sender_broadcast") >= 2, "{v}");
    assert!(count(&v, "sender_zero") >= 1, "{v}");
    assert!(count(&v, "sender_multicast") >= 1, "{v}");
    // --retries 0: each of the 13 addresses (.1-.14 but ours) asked exactly once.
    let mut asked: Vec<String> = sender
        .seen()
        .into_iter()
        .filter(|s| s.ends_with(&format!("from {HOST_IP}")))
        .collect();
    asked.sort();
    let mut want: Vec<String> = (1..=14)
        .filter(|&n| n != 2)
        .map(|n| format!("who-has {} from {HOST_IP}", ip(n)))
        .collect();
    want.sort();
    assert_eq!(asked, want);
    assert_eq!(v["sent"], 13);
}

/// Runs `dhcp discover` on the host (JSON) and returns the report and the DISCOVERs the rogue saw.
fn discover(lan: &Lan, sender: Sender) -> (serde_json::Value, Vec<String>) {
    let o = lan.lab.netkit(
        &lan.host,
        &[
            "--json",
            "dhcp",
            "discover",
            "-I",
            "eth0",
            "--timeout",
            "1.5",
        ],
    );
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    (json(&o), sender.seen())
}

/// The offered addresses in a report.
fn offered(v: &serde_json::Value) -> Vec<String> {
    v["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["offered"].as_str().unwrap().to_string())
        .collect()
}

/// Issue 12: offers with an impossible IP header length, total length or UDP length were
/// accepted. Only the good offer (.101) may be listed.
#[test]
fn offers_with_impossible_lengths_are_discarded() {
    let Some((lan, sender)) = hostile_lan("hostile_dhcp_lengths", "bad_lengths") else {
        return;
    };
    let (v, seen) = discover(&lan, sender);
    assert_eq!(offered(&v), ["198.51.100.101"], "{v}");
    assert_eq!(count(&v, "ip_header"), 2, "IHL 4 and 15: {v}");
    assert_eq!(count(&v, "ip_length"), 2, "{v}");
    assert_eq!(count(&v, "udp_length"), 2, "{v}");
    assert_eq!(count(&v, "ip_fragment"), 1, "{v}");
    assert_eq!(v["discarded"], 7, "{v}");
    assert_eq!(seen.len(), 1, "exactly one DHCPDISCOVER: {seen:?}");
}

/// Issue 12: an offer for another client's MAC was accepted; so are the other transaction's and
/// the one from the wrong port refused.
#[test]
fn offers_for_others_or_from_the_wrong_port_are_discarded() {
    let Some((lan, sender)) = hostile_lan("hostile_dhcp_others", "not_ours") else {
        return;
    };
    let (v, seen) = discover(&lan, sender);
    assert_eq!(v["client_mac"], HOST_MAC);
    assert_eq!(offered(&v), ["198.51.100.101"], "{v}");
    assert_eq!(count(&v, "other_client"), 1, "{v}");
    assert_eq!(count(&v, "other_transaction"), 1, "{v}");
    assert_eq!(count(&v, "udp_port"), 1, "{v}");
    assert_eq!(v["discarded"], 3, "{v}");
    assert_eq!(seen.len(), 1, "exactly one DHCPDISCOVER: {seen:?}");
}

/// Issue 12: a domain with terminal control characters reaches the report exactly (JSON escapes
/// it; invalid UTF-8 becomes U+FFFD), and the human report shows it neutralized, never raw.
#[test]
fn a_hostile_domain_reaches_the_report_exactly() {
    let Some((lan, sender)) = hostile_lan("hostile_dhcp_domain", "hostile_domain") else {
        return;
    };
    let o = lan.lab.netkit(
        &lan.host,
        &["--json", "dhcp", "discover", "-I", "eth0", "--timeout", "1"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let raw = stdout(&o);
    assert!(
        raw.contains(r#""domain": "\u001b[31mevil\u0007\r"#),
        "control characters escaped in JSON: {raw}"
    );
    assert!(
        !raw.contains('\u{202e}'),
        "the bidi override escaped in JSON: {raw}"
    );
    let v = json(&o);
    assert_eq!(
        v["offers"][0]["domain"],
        "\u{1b}[31mevil\u{7}\r\u{202e}lan\u{fffd}.test"
    );
    let o = lan.lab.netkit(
        &lan.host,
        &["dhcp", "discover", "-I", "eth0", "--timeout", "1"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // Not raw on the terminal: the renderer's guard shows each control character escaped.
    for raw in [&b"\x1b"[..], b"\x07", b"\r", "\u{202e}".as_bytes()] {
        assert!(
            !o.stdout.windows(raw.len()).any(|w| w == raw),
            "{raw:?} reached the terminal raw: {:?}",
            stdout(&o)
        );
    }
    let text = stdout(&o);
    assert!(
        text.contains(r"\u{1b}[31mevil\u{7}\r\u{202e}lan"),
        "the domain shown escaped: {text}"
    );
    drop(sender);
}

/// `dhcp discover --expect 198.51.100.1` on the host, in JSON or for people.
fn discover_expecting_router(lan: &Lan, json: bool) -> std::process::Output {
    crate::dhcp::discover_expecting(lan, &lan.host, "198.51.100.1", "1.5", json)
}

/// `--json dhcp discover --expect 198.51.100.1` on the host: exit 1, with one rogue server,
/// `address` at the rogue's MAC, judged `verdict`. Returns the report.
fn one_rogue(lan: &Lan, address: &str, verdict: &str) -> serde_json::Value {
    let o = discover_expecting_router(lan, true);
    assert_eq!(code(&o), 1, "{}{}", stdout(&o), stderr(&o));
    let v = json(&o);
    assert_eq!(
        v["rogue_servers"],
        serde_json::json!([{"address": address, "mac": ROGUE_MAC, "verdict": verdict}]),
        "{v}"
    );
    v
}

/// Issue 25 item 3: an offer from 198.51.100.66 that named the expected server in option 54
/// passed `--expect` ("No rogue DHCP server"). The sender is judged by its IP source: a rogue,
/// and the Server Identifier that names another address is flagged.
#[test]
fn a_forged_server_identifier_is_no_disguise() {
    let Some((lan, sender)) = hostile_lan("hostile_dhcp_id", "forged_server_id") else {
        return;
    };
    let v = one_rogue(&lan, "198.51.100.66", "other_address");
    let offer = &v["offers"][0];
    assert_eq!(
        (&offer["server"], &offer["server_id"], &offer["verdict"]),
        (
            &serde_json::json!("198.51.100.66"),
            &serde_json::json!("198.51.100.1"),
            &serde_json::json!("other_address")
        ),
        "{v}"
    );
    let o = discover_expecting_router(&lan, false);
    assert_eq!(code(&o), 1);
    let text = stdout(&o);
    assert!(
        text.contains(
            "198.51.100.66: names 198.51.100.1 as its server (option 54), not its own address"
        ),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "Rogue DHCP server: 198.51.100.66 at {ROGUE_MAC} offered addresses besides the \
             expected 198.51.100.1"
        )),
        "{text}"
    );
    assert!(!text.contains("No rogue"), "{text}");
    assert_eq!(sender.seen().len(), 2, "one DHCPDISCOVER a run");
}

/// Issue 25 item 3: an offer forging the expected server's address (IP source and option 54)
/// from another MAC is a rogue, told apart by the MAC the neighbour table knows for the server,
/// whichever offer comes first; the real server's offer is the expected one.
#[test]
fn the_expected_servers_address_from_another_mac_is_rogue() {
    let Some((lan, _sender)) = hostile_lan("hostile_dhcp_ip", "forged_server_ip") else {
        return;
    };
    let leases = tempfile::tempdir().unwrap();
    let _server = crate::dhcp::start_dnsmasq(&lan, &leases);
    let o = lan
        .lab
        .exec(&lan.host, "ping", &["-c", "1", "-W", "2", "198.51.100.1"]);
    assert!(o.status.success(), "ping the router: {}", stderr(&o));
    let v = one_rogue(&lan, "198.51.100.1", "other_mac");
    let mut verdicts: Vec<(String, String)> = v["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["server_mac"].as_str().unwrap().to_string(),
                o["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    verdicts.sort();
    assert_eq!(
        verdicts,
        [
            (ROUTER_MAC.to_string(), "expected".to_string()),
            (ROGUE_MAC.to_string(), "other_mac".to_string())
        ],
        "{v}"
    );
    let text = stdout(&discover_expecting_router(&lan, false));
    assert!(
        text.contains(&format!(
            "Rogue DHCP server: {ROGUE_MAC} forging 198.51.100.1 offered addresses besides the \
             expected 198.51.100.1 at {ROUTER_MAC}"
        )),
        "{text}"
    );
}

/// Issue 25 item 9: `arp scan --file` on endless input (/dev/zero) and on a FIFO nobody writes
/// to ends with one clear line, bounded in memory and time, and sends nothing.
#[test]
fn arp_scan_lists_that_never_end_are_refused() {
    let Some(mut lab) = crate::common::netns::Lab::new("hostile_scan_file") else {
        return;
    };
    let ns = lab.ns("solo");
    let started = std::time::Instant::now();
    let o = lab.netkit(&ns, &["arp", "scan", "--file", "/dev/zero"]);
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("a line longer than 16 MiB"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("ranges");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let started = std::time::Instant::now();
    let o = lab.netkit(&ns, &["arp", "scan", "--file", fifo.to_str().unwrap()]);
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("could not be opened within 10 s"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

/// Issue 25 item 8: a newline inside a value printed a whole fake line: the rogue's boot-file
/// name showed "No rogue DHCP server: ..." before the real verdict, and a domain holding `\n`
/// split its table cell. One value from outside is one line: the newline is shown escaped.
#[test]
fn a_newline_inside_a_value_never_makes_a_line() {
    let Some((lan, sender)) = hostile_lan("hostile_dhcp_newline", "newline_values") else {
        return;
    };
    let o = lan.lab.netkit(
        &lan.host,
        &[
            "dhcp",
            "discover",
            "-I",
            "eth0",
            "--timeout",
            "1",
            "--expect",
            "198.51.100.1",
        ],
    );
    let text = stdout(&o);
    assert_eq!(code(&o), 1, "a rogue answered: {text}{}", stderr(&o));
    for line in text.lines() {
        assert!(
            !line.starts_with("No rogue DHCP server"),
            "a fake verdict on a line of its own: {text}"
        );
        assert!(
            !line.contains("split.cell") || line.contains("lan.test\\nsplit.cell"),
            "the domain's cell split in two: {text}"
        );
    }
    assert!(
        text.contains(r"PXE boot: pxelinux.0\nNo rogue DHCP server: only 198.51.100.1"),
        "the boot-file name shown on one line: {text}"
    );
    assert!(text.contains(r"lan.test\nsplit.cell"), "{text}");
    assert!(
        text.lines().any(|l| l.starts_with("Rogue DHCP server:")),
        "the real verdict: {text}"
    );
    // JSON keeps both values exactly.
    let o = lan.lab.netkit(
        &lan.host,
        &["--json", "dhcp", "discover", "-I", "eth0", "--timeout", "1"],
    );
    let v = json(&o);
    assert_eq!(v["offers"][0]["domain"], "lan.test\nsplit.cell", "{v}");
    assert_eq!(v["offers"][0]["boot_file"], FAKE_VERDICT, "{v}");
    drop(sender);
}
