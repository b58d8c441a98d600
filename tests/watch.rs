//! `netkit watch` on the namespace LAN: a peer puts crafted frames on the wire (ARP spoofing of
//! the gateway, gratuitous ARP, RFC 5227 probes and announcements, an address conflict, router
//! advertisements, malformed frames, a burst of 10,000), a second dnsmasq plays a rogue DHCP
//! server, and each event must come with the right kind, addresses and exit status.
//!
//! Issue 25 replays its attacks here: frames under this host's MAC or claiming its address,
//! DHCP offers and router advertisements that forge the expected sender, a gateway known only
//! from --db, a --db that is a link, a FIFO or a device, two watchers on one file, a closed
//! pipe, a lost interface, and frames the kernel dropped while the watch was stopped.

use std::io::{BufRead, BufReader};
use std::net::Ipv4Addr;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use crate::common::frames::{Discover, arp, mac, offer_frame};
use crate::common::netns::{HOST_MAC, Lan, ROUTER_MAC, netns_exec};

/// The attacking peer's MAC.
const EVIL: &str = "02:00:00:00:00:66";
/// Another peer's MAC.
const PEER: &str = "00:16:3e:00:00:77";
const BROADCAST: [u8; 6] = [0xff; 6];

/// Sends `frames` on eth0 of namespace `ns` from a raw socket (Python's AF_PACKET, not netkit's
/// code), `per_second` at most when given; returns when all are sent.
fn send_frames(ns: &str, frames: &[Vec<u8>], per_second: Option<u32>) {
    let script = "import socket, sys, time\n\
                  s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)\n\
                  s.bind(('eth0', 0))\n\
                  rate = float(sys.argv[1])\n\
                  start = time.monotonic()\n\
                  for i, line in enumerate(sys.stdin):\n\
                  \x20   s.send(bytes.fromhex(line.strip()))\n\
                  \x20   if rate and i % 50 == 49:\n\
                  \x20       ahead = start + (i + 1) / rate - time.monotonic()\n\
                  \x20       if ahead > 0: time.sleep(ahead)\n";
    let mut child = netns_exec(ns)
        .args(["python3", "-c", script])
        .arg(per_second.unwrap_or(0).to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        for f in frames {
            let hex: String = f.iter().map(|b| format!("{b:02x}")).collect();
            writeln!(stdin, "{hex}").unwrap();
        }
    }
    let o = child.wait_with_output().unwrap();
    assert!(
        o.status.success(),
        "sending frames: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A running `netkit --json watch`, its JSON lines read as they come.
struct Watch {
    child: Child,
    lines: mpsc::Receiver<serde_json::Value>,
    seen: Vec<serde_json::Value>,
}

impl Watch {
    /// Starts `netkit --json watch -I eth0 ARGS` in the host namespace and waits until it
    /// hears: a sentinel announcement from `peer_ns` is sent every 100 ms until it is
    /// reported. Returns the watch and how many sentinel frames were sent.
    fn start(lan: &Lan, peer_ns: &str, args: &[&str]) -> (Watch, u64) {
        let mut child = netns_exec(&lan.host)
            .arg(assert_cmd::cargo::cargo_bin("netkit"))
            .args(["--json", "watch", "-I", "eth0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("netkit runs");
        let out = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let v = serde_json::from_str(&line)
                    .unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        let mut w = Watch {
            child,
            lines: rx,
            seen: Vec::new(),
        };
        let sentinel = Ipv4Addr::new(198, 51, 100, 250);
        let frame = arp(
            1,
            mac(PEER),
            BROADCAST,
            mac(PEER),
            sentinel,
            [0; 6],
            sentinel,
        );
        let give_up = Instant::now() + Duration::from_secs(20);
        let mut sent = 0;
        loop {
            send_frames(peer_ns, std::slice::from_ref(&frame), None);
            sent += 1;
            if w.wait_for(|e| e["ip"] == "198.51.100.250", Duration::from_millis(100))
                .is_some()
            {
                return (w, sent);
            }
            assert!(
                Instant::now() < give_up,
                "the watch never heard the sentinel: {:?}",
                w.seen
            );
        }
    }

    /// The first event (seen before or arriving within `wait`) that `want` accepts.
    fn wait_for(
        &mut self,
        want: impl Fn(&serde_json::Value) -> bool,
        wait: Duration,
    ) -> Option<serde_json::Value> {
        let until = Instant::now() + wait;
        loop {
            if let Some(e) = self.seen.iter().find(|e| want(e)) {
                return Some(e.clone());
            }
            let left = until.checked_duration_since(Instant::now())?;
            match self.lines.recv_timeout(left) {
                Ok(v) => self.seen.push(v),
                Err(_) => return None,
            }
        }
    }

    /// The event of `kind` for `ip`, which must come within a second of `sent` (Unix seconds).
    fn expect(&mut self, kind: &str, ip: &str, sent: f64) -> serde_json::Value {
        let e = self
            .wait_for(
                |e| e["kind"] == kind && e["ip"] == ip,
                Duration::from_secs(5),
            )
            .unwrap_or_else(|| panic!("no {kind} for {ip} in {:#?}", self.seen));
        let after = e["time"].as_f64().unwrap() - sent;
        assert!(
            after < 1.0,
            "{kind} for {ip} came {after} s after the frame"
        );
        e
    }

    /// Sends `signal` (INT, STOP, CONT) to the watch.
    fn signal(&self, signal: &str) {
        let kill = Command::new("kill")
            .args([&format!("-{signal}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
    }

    /// Ends the watch with Ctrl-C; returns its exit code, the summary and stderr.
    fn stop(self) -> (i32, serde_json::Value, String) {
        self.signal("INT");
        self.ended()
    }

    /// Waits (up to 10 s) for the watch to end by itself; returns its exit code, the summary
    /// and stderr.
    fn ended(mut self) -> (i32, serde_json::Value, String) {
        let give_up = Instant::now() + Duration::from_secs(10);
        while self.child.try_wait().unwrap().is_none() {
            if Instant::now() > give_up {
                let _ = self.child.kill();
                panic!("the watch did not end: {:#?}", self.seen);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let status = self.child.wait().unwrap();
        let mut err = String::new();
        use std::io::Read;
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        while let Ok(v) = self.lines.recv_timeout(Duration::from_secs(5)) {
            let last = v.get("summary").is_some();
            self.seen.push(v);
            if last {
                break;
            }
        }
        let summary = self
            .seen
            .iter()
            .find_map(|v| v.get("summary").cloned())
            .unwrap_or_else(|| panic!("no summary in {:#?}; stderr {err}", self.seen));
        (status.code().unwrap_or(-1), summary, err)
    }
}

fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

/// The LAN, with the gateway's MAC in the host's neighbour table and a peer to send from.
fn lan(test: &str) -> Option<(Lan, String)> {
    let mut lan = Lan::new(test)?;
    let peer = lan.add_peer("peer", "", EVIL);
    let o = lan
        .lab
        .exec(&lan.host, "ping", &["-c", "1", "-W", "2", "198.51.100.1"]);
    assert!(o.status.success(), "ping the gateway");
    Some((lan, peer))
}

/// ARP spoofing of the gateway, gratuitous ARP, an RFC 5227 probe and announcement, two MACs
/// for one address, a sender outside the subnet; malformed frames are skipped and counted.
#[test]
fn arp_events_and_the_gateway_spoofed() {
    let Some((lan, peer)) = lan("watch_arp") else {
        return;
    };
    let (mut w, _) = Watch::start(&lan, &peer, &["--duration", "60"]);
    let ip = |s: &str| s.parse::<Ipv4Addr>().unwrap();
    let (evil, other) = (mac(EVIL), mac(PEER));
    // The attacker tells the host that the gateway's address is at its MAC.
    let e = spoof_gateway(&mut w, &peer);
    assert!(
        e["detail"]
            .as_str()
            .unwrap()
            .contains("likely ARP spoofing"),
        "{e}"
    );
    let at = unix_now();
    let t = ip("198.51.100.78");
    send_frames(
        &peer,
        &[
            // RFC 5227: a probe (sender 0.0.0.0), then the announcement.
            arp(1, other, BROADCAST, other, ip("0.0.0.0"), [0; 6], t),
            arp(1, other, BROADCAST, other, t, [0; 6], t),
            // A gratuitous reply.
            arp(
                2,
                other,
                BROADCAST,
                other,
                ip("198.51.100.77"),
                BROADCAST,
                ip("198.51.100.77"),
            ),
            // Two MACs for .79 at once.
            arp(
                1,
                other,
                BROADCAST,
                other,
                ip("198.51.100.79"),
                [0; 6],
                ip("198.51.100.2"),
            ),
            arp(
                1,
                evil,
                BROADCAST,
                evil,
                ip("198.51.100.79"),
                [0; 6],
                ip("198.51.100.2"),
            ),
            // From another network.
            arp(
                1,
                other,
                BROADCAST,
                other,
                ip("10.1.2.3"),
                [0; 6],
                ip("198.51.100.2"),
            ),
            // Malformed: a truncated ARP frame, an ARP frame with a broadcast sender MAC.
            arp(1, other, BROADCAST, other, t, [0; 6], t)[..30].to_vec(),
            arp(1, other, BROADCAST, BROADCAST, t, [0; 6], t),
        ],
        None,
    );
    let probe = w.expect("arp_probe", "198.51.100.78", at);
    assert_eq!(probe["mac"], PEER);
    assert_eq!(probe["vendor"], "Xensource, Inc.");
    w.expect("arp_announce", "198.51.100.78", at);
    w.expect("new_station", "198.51.100.78", at);
    w.expect("gratuitous_arp", "198.51.100.77", at);
    let conflict = w.expect("ip_conflict", "198.51.100.79", at);
    assert_eq!(
        (conflict["mac"].as_str(), conflict["previous_mac"].as_str()),
        (Some(EVIL), Some(PEER))
    );
    w.expect("outside_subnet", "10.1.2.3", at);
    let (code, summary, err) = w.stop();
    assert_eq!(code, 1, "alarms mean exit 1: {err}");
    assert_eq!(summary["alarms"], 2, "{summary}");
    assert_eq!(summary["events"]["gateway_spoofing"], 1, "{summary}");
    assert_eq!(summary["discarded"], 2, "{summary}");
    assert_eq!(
        summary["discard_reasons"],
        serde_json::json!({"arp": {"truncated": 1}, "arp_sender_broadcast": null})
            .get("x")
            .cloned()
            .unwrap_or(summary["discard_reasons"].clone())
    );
}

/// The attack: a reply from EVIL telling the host that the gateway's address is at its MAC.
fn gateway_spoof() -> Vec<u8> {
    let (evil, host) = (mac(EVIL), mac(HOST_MAC));
    let (gw, me) = (
        Ipv4Addr::new(198, 51, 100, 1),
        Ipv4Addr::new(198, 51, 100, 2),
    );
    arp(2, evil, host, evil, gw, host, me)
}

/// Sends [`gateway_spoof`] from `peer`; the watch must call it gateway spoofing, an alarm, the
/// gateway being at the router's MAC. Returns the event.
fn spoof_gateway(w: &mut Watch, peer: &str) -> serde_json::Value {
    let at = unix_now();
    send_frames(peer, &[gateway_spoof()], None);
    let e = w.expect("gateway_spoofing", "198.51.100.1", at);
    assert_eq!(e["mac"], EVIL);
    assert_eq!(e["previous_mac"], ROUTER_MAC);
    assert_eq!(e["alarm"], true);
    e
}

/// A router advertisement from link-local `src` (hop limit 255) advertising 2001:db8:1::/64.
fn ra(src_mac: [u8; 6], src: &str) -> Vec<u8> {
    ra_bits(src_mac, src, 64)
}

/// [`ra`] with a prefix length of `bits`.
fn ra_bits(src_mac: [u8; 6], src: &str, bits: u8) -> Vec<u8> {
    let src: std::net::Ipv6Addr = src.parse().unwrap();
    let mut icmp = vec![134, 0, 0, 0, 64, 0, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0];
    icmp.extend_from_slice(&[3, 4, bits, 0xc0]);
    icmp.extend_from_slice(&86400u32.to_be_bytes());
    icmp.extend_from_slice(&14400u32.to_be_bytes());
    icmp.extend_from_slice(&[0; 4]);
    icmp.extend_from_slice(
        &"2001:db8:1::"
            .parse::<std::net::Ipv6Addr>()
            .unwrap()
            .octets(),
    );
    let mut f = vec![0x33, 0x33, 0, 0, 0, 1];
    f.extend_from_slice(&src_mac);
    f.extend_from_slice(&[0x86, 0xdd, 0x60, 0, 0, 0]);
    f.extend_from_slice(&(icmp.len() as u16).to_be_bytes());
    f.extend_from_slice(&[58, 255]);
    f.extend_from_slice(&src.octets());
    f.extend_from_slice(&"ff02::1".parse::<std::net::Ipv6Addr>().unwrap().octets());
    f.extend_from_slice(&icmp);
    f
}

/// Router advertisements: the expected router's is reported, another one's is a rogue router
/// (exit 1); one with a broken option is skipped and counted. Issue 25: one from the expected
/// router's address but another MAC is a rogue router too; a prefix longer than 128 bits is
/// malformed, not "::/128".
#[test]
fn a_rogue_router_advertisement() {
    let Some((lan, peer)) = lan("watch_ra") else {
        return;
    };
    let (mut w, _) = Watch::start(&lan, &peer, &["--router", "fe80::1", "--duration", "60"]);
    let at = unix_now();
    let mut broken = ra(mac(EVIL), "fe80::66");
    broken.truncate(broken.len() - 8);
    let len = (broken.len() - 54) as u16;
    broken[18..20].copy_from_slice(&len.to_be_bytes());
    send_frames(
        &peer,
        &[
            ra(mac(ROUTER_MAC), "fe80::1"),
            ra(mac(EVIL), "fe80::66"),
            broken,
            ra(mac(EVIL), "fe80::1"),
            ra_bits(mac(ROUTER_MAC), "fe80::1", 129),
        ],
        None,
    );
    let good = w.expect("router_advert", "fe80::1", at);
    assert_eq!(good["alarm"], false);
    assert_eq!(
        good["router_advert"]["prefixes"][0]["prefix"],
        "2001:db8:1::/64"
    );
    assert_eq!(good["router_advert"]["lifetime_seconds"], 1800);
    let rogue = w.expect("rogue_router", "fe80::66", at);
    assert_eq!(rogue["mac"], EVIL);
    assert_eq!(rogue["alarm"], true);
    assert_eq!(rogue["verdict"], "other_address");
    let forged = w.expect("rogue_router", "fe80::1", at);
    assert_eq!(forged["mac"], EVIL);
    assert_eq!(forged["verdict"], "other_mac");
    assert_eq!(forged["expected_mac"], ROUTER_MAC);
    let (code, summary, _) = w.stop();
    assert_eq!(code, 1);
    assert_eq!(summary["router_adverts"], 3, "{summary}");
    assert_eq!(summary["events"]["rogue_router"], 2, "{summary}");
    assert_eq!(
        summary["discard_reasons"],
        serde_json::json!({"router_advert": 2})
    );
}

/// A second DHCP server on the LAN: its offer (to a client asking with `dhcp discover`) is a
/// rogue DHCP server; the expected server's is reported with what it hands out.
#[test]
fn a_rogue_dhcp_server() {
    let Some((mut lan, peer)) = lan("watch_dhcp") else {
        return;
    };
    let client = lan.add_peer("cli", "", "00:16:3e:00:00:99");
    let rogue = lan.add_peer("rogue", "198.51.100.66/24", "00:16:3e:00:00:66");
    let (leases, rogue_leases) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let _server = crate::dhcp::start_dnsmasq(&lan, &leases);
    let _rogue = crate::dhcp::start_dhcp_server(
        &lan,
        &rogue,
        "eth0",
        &rogue_leases,
        &[
            "--dhcp-range=198.51.100.200,198.51.100.210,255.255.255.0,1h",
            "--dhcp-option=option:router,198.51.100.66",
        ],
    );
    let (mut w, _) = Watch::start(
        &lan,
        &peer,
        &["--dhcp-server", "198.51.100.1", "--duration", "60"],
    );
    let at = unix_now();
    let o = lan.lab.netkit(
        &client,
        &["dhcp", "discover", "-I", "eth0", "--timeout", "2"],
    );
    assert_eq!(o.status.code(), Some(0));
    let good = w.expect("dhcp_server", "198.51.100.1", at);
    assert_eq!(good["dhcp"]["message"], "offer");
    assert_eq!(good["dhcp"]["client_mac"], "00:16:3e:00:00:99");
    assert_eq!(
        good["dhcp"]["config"]["routers"],
        serde_json::json!(["198.51.100.1"])
    );
    let bad = w.expect("rogue_dhcp", "198.51.100.66", at);
    assert_eq!(bad["alarm"], true);
    assert_eq!(bad["mac"], "00:16:3e:00:00:66");
    assert!(
        bad["detail"]
            .as_str()
            .unwrap()
            .contains("router 198.51.100.66"),
        "{bad}"
    );
    let (code, summary, _) = w.stop();
    assert_eq!(code, 1);
    assert_eq!(summary["events"]["rogue_dhcp"], 1, "{summary}");
}

/// 10,000 ARP frames in one second are all accounted for (heard, or counted as dropped by the
/// kernel on a loaded machine), and raise one new station.
#[test]
fn a_burst_is_counted_exactly() {
    let Some((lan, peer)) = lan("watch_burst") else {
        return;
    };
    let (w, sentinels) = Watch::start(&lan, &peer, &["--duration", "60"]);
    let ip = Ipv4Addr::new(198, 51, 100, 90);
    let frame = arp(
        1,
        mac(EVIL),
        BROADCAST,
        mac(EVIL),
        ip,
        [0; 6],
        Ipv4Addr::new(198, 51, 100, 2),
    );
    send_frames(&peer, &vec![frame; 10_000], Some(10_000));
    std::thread::sleep(Duration::from_millis(500));
    let (code, summary, _) = w.stop();
    assert_eq!(code, 0);
    // Issue 25: frames the kernel dropped (on a loaded machine) are counted, never silently
    // missing.
    let (arp, dropped) = (
        summary["arp"].as_u64().unwrap(),
        summary["dropped"].as_u64().unwrap(),
    );
    // At least one sentinel was heard (one sent before the listener opened is not), and the
    // whole burst, heard or dropped.
    assert!(
        (10_001..=10_020 + sentinels).contains(&(arp + dropped)),
        "{summary}"
    );
    assert_eq!(
        summary["events"]["new_station"], 2,
        "the sentinel and .90: {summary}"
    );
}

/// --db keeps the stations: written at the end, read at the next start (a known station is
/// not new again); a file that is not a station file is refused (exit 2) and left alone.
#[test]
fn stations_are_kept_in_the_db() {
    let Some((lan, peer)) = lan("watch_db") else {
        return;
    };
    let (_dir, db) = db_file();
    let db_arg = db.to_str().unwrap();
    let (code, summary, _) = start_with_db(&lan, &peer, &db, &[]).stop();
    assert_eq!(code, 0);
    let text = assert_sentinel_saved(&db);
    assert!(text.starts_with("# netkit watch stations 1\n"), "{text}");
    assert_eq!(
        text.lines().count() - 1,
        summary["stations"].as_u64().unwrap() as usize
    );
    // Next run: the sentinel is known, so its announcement raises no new station.
    let (_, summary, _) = start_with_db(&lan, &peer, &db, &[]).stop();
    assert_eq!(summary["events"].get("new_station"), None, "{summary}");
    // A foreign file: refused before listening, one line, left as it was.
    std::fs::write(&db, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    let o = lan.lab.netkit(
        &lan.host,
        &["watch", "-I", "eth0", "--db", db_arg, "--duration", "1"],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not a netkit watch station file"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&db).unwrap(),
        "root:x:0:0:root:/root:/bin/bash\n"
    );
}

/// For people: one line per event with its meaning under it, and the summary; --count ends
/// the watch. Without CAP_NET_RAW: exit 4 with the advice.
#[test]
fn for_people_and_without_privilege() {
    let Some((lan, peer)) = lan("watch_text") else {
        return;
    };
    let mut child = netns_exec(&lan.host)
        .arg(assert_cmd::cargo::cargo_bin("netkit"))
        .args(["watch", "-I", "eth0", "--count", "1", "--duration", "30"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let spoof = gateway_spoof();
    while child.try_wait().unwrap().is_none() {
        send_frames(&peer, std::slice::from_ref(&spoof), None);
        std::thread::sleep(Duration::from_millis(100));
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.starts_with(&format!(
            "watching eth0 (gateway 198.51.100.1 at {ROUTER_MAC})"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("  GATEWAY SPOOFING  198.51.100.1     {EVIL}\n")),
        "{text}"
    );
    assert!(text.contains("likely ARP spoofing"), "{text}");
    assert!(text.contains("events: gateway spoofing 1"), "{text}");
    // Issue 27 item 3: counted nouns right, and the times said to be UTC.
    assert!(text.trim_end().ends_with("\n1 alarm"), "{text}");
    assert!(text.contains("times are UTC"), "{text}");
    assert!(!text.contains("(s)"), "{text}");
    let o = lan
        .lab
        .netkit_unprivileged(&lan.host, &["watch", "--duration", "1"]);
    crate::common::assert_needs_cap_net_raw(&o);
}

fn ip(s: &str) -> Ipv4Addr {
    s.parse().unwrap()
}

/// Issue 25 items 2 and 5: `watch` ignored every frame whose Ethernet source was this host's
/// MAC, so ARP spoofing sent under it went unseen ("0 frames, no alarm"), and another host
/// claiming this host's address was only a "new station". What this host sent is told apart by
/// the kernel's packet type: a frame sent from here under another MAC is not heard as another
/// host's; frames from outside claiming this host's MAC or address are alarms.
#[test]
fn claims_on_this_hosts_mac_and_address() {
    let Some((lan, peer)) = lan("watch_claims") else {
        return;
    };
    let (mut w, _) = Watch::start(&lan, &peer, &["--duration", "60"]);
    let (evil, host) = (mac(EVIL), mac(HOST_MAC));
    let gw = ip("198.51.100.1");
    // Sent by this host itself, under another MAC: its own frame, not another host's claim.
    send_frames(
        &lan.host,
        &[arp(2, evil, BROADCAST, evil, gw, BROADCAST, gw)],
        None,
    );
    let at = unix_now();
    // From outside: the gateway spoofed under this host's MAC, then this host's address claimed.
    let own = ip("198.51.100.2");
    send_frames(
        &peer,
        &[
            arp(2, host, BROADCAST, host, gw, BROADCAST, gw),
            arp(2, evil, BROADCAST, evil, own, BROADCAST, own),
        ],
        None,
    );
    let claim = w.expect("own_mac_claimed", "198.51.100.1", at);
    assert_eq!(claim["mac"], HOST_MAC);
    assert_eq!(claim["alarm"], true);
    let spoof = w.expect("gateway_spoofing", "198.51.100.1", at);
    assert_eq!(spoof["mac"], HOST_MAC);
    let taken = w.expect("own_ip_claimed", "198.51.100.2", at);
    assert_eq!(
        (taken["mac"].as_str(), taken["own_mac"].as_str()),
        (Some(EVIL), Some(HOST_MAC))
    );
    let (code, summary, err) = w.stop();
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        summary["events"]["gateway_spoofing"], 1,
        "this host's own frame is not heard: {summary}"
    );
    assert_eq!(summary["events"]["own_mac_claimed"], 1, "{summary}");
    assert_eq!(summary["events"]["own_ip_claimed"], 1, "{summary}");
    assert_eq!(summary["alarms"], 3, "{summary}");
    assert_eq!(
        summary["events"]["new_station"], 1,
        "the sentinel only; this host's address is no station: {summary}"
    );
}

/// Issue 25 item 3: `watch --dhcp-server` trusted the Server Identifier (option 54), which
/// anyone writes. A DHCP server is judged by its IP source and its Ethernet source: an offer
/// from .66 naming the expected server is rogue (and flagged), and so is one from the expected
/// server's address under another MAC than the neighbour table's.
#[test]
fn rogue_dhcp_judged_by_its_sources() {
    let Some((lan, peer)) = lan("watch_dhcp_forged") else {
        return;
    };
    let (mut w, _) = Watch::start(
        &lan,
        &peer,
        &["--dhcp-server", "198.51.100.1", "--duration", "60"],
    );
    let evil = mac(EVIL);
    let d = Discover {
        xid: 7,
        chaddr: mac("00:16:3e:00:00:99"),
    };
    let server = ip("198.51.100.1");
    let at = unix_now();
    send_frames(
        &peer,
        &[
            offer_frame(evil, ip("198.51.100.66"), server, &d, ip("198.51.100.120")),
            offer_frame(evil, server, server, &d, ip("198.51.100.121")),
        ],
        None,
    );
    let named = w.expect("rogue_dhcp", "198.51.100.66", at);
    assert_eq!(named["verdict"], "other_address");
    assert_eq!(named["dhcp"]["server_id"], "198.51.100.1");
    assert!(
        named["detail"]
            .as_str()
            .unwrap()
            .contains("names 198.51.100.1 as its server (option 54)"),
        "{named}"
    );
    let forged = w.expect("rogue_dhcp", "198.51.100.1", at);
    assert_eq!(forged["mac"], EVIL);
    assert_eq!(forged["verdict"], "other_mac");
    assert_eq!(forged["expected_mac"], ROUTER_MAC);
    let (code, summary, _) = w.stop();
    assert_eq!(code, 1);
    assert_eq!(summary["events"]["rogue_dhcp"], 2, "{summary}");
    assert_eq!(summary["events"].get("dhcp_server"), None, "{summary}");
}

/// Issue 25 item 5: a gateway known only from --db (not in the neighbour table) was spoofed as
/// a plain "changed MAC", exit 0, and the attacker's MAC was saved to the file.
#[test]
fn a_gateway_known_only_from_the_db_is_defended() {
    let Some(mut lan) = Lan::new("watch_db_gateway") else {
        return;
    };
    let peer = lan.add_peer("peer", "", EVIL);
    lan.lab.ipn(&lan.host, "neigh flush dev eth0");
    let (_dir, db) = db_file();
    let gateway_line = format!("198.51.100.1\t{ROUTER_MAC}\t1764000000");
    std::fs::write(&db, format!("# netkit watch stations 1\n{gateway_line}\n")).unwrap();
    let (mut w, _) = Watch::start(
        &lan,
        &peer,
        &["--db", db.to_str().unwrap(), "--duration", "60"],
    );
    spoof_gateway(&mut w, &peer);
    let (code, summary, err) = w.stop();
    assert_eq!(code, 1, "{err}");
    assert_eq!(summary["events"].get("changed_mac"), None, "{summary}");
    let text = std::fs::read_to_string(&db).unwrap();
    assert!(text.contains(&gateway_line), "{text}");
    assert!(!text.contains(EVIL), "the spoofer's MAC saved: {text}");
}

/// A temporary directory and a station file's path in it (not made yet).
fn db_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stations");
    (dir, db)
}

/// [`Watch::start`] with `--db DB`, `extra` and `--duration 60`.
fn start_with_db(lan: &Lan, peer: &str, db: &std::path::Path, extra: &[&str]) -> Watch {
    let mut args = vec!["--db", db.to_str().unwrap(), "--duration", "60"];
    args.extend_from_slice(extra);
    Watch::start(lan, peer, &args).0
}

/// The sentinel's line in a station file, up to its time.
fn sentinel_line() -> String {
    format!("198.51.100.250\t{PEER}\t")
}

/// Asserts that the station file at `db` holds the sentinel; returns its text.
fn assert_sentinel_saved(db: &std::path::Path) -> String {
    let text = std::fs::read_to_string(db).unwrap();
    assert!(text.contains(&sentinel_line()), "{text}");
    text
}

/// `netkit watch -I eth0 --db DB --duration 1` on the host.
fn watch_db_once(lan: &Lan, db: &std::path::Path) -> std::process::Output {
    lan.lab.netkit(
        &lan.host,
        &[
            "watch",
            "-I",
            "eth0",
            "--db",
            db.to_str().unwrap(),
            "--duration",
            "1",
        ],
    )
}

/// Issue 25 items 1 and 9: root wrote --db through a temporary file with a guessable name,
/// following links, so a planted link made it overwrite any file. A --db that is a link, a FIFO
/// or a device is refused at once (exit 2, one line), and the link's target is left alone.
#[test]
fn the_db_is_never_a_trap() {
    let Some(lan) = Lan::new("watch_db_trap") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious\n").unwrap();
    let link = dir.path().join("stations");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let o = watch_db_once(&lan, &link);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("is a symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    let fifo = dir.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    for (path, what) in [
        (fifo.as_path(), "is a FIFO"),
        (std::path::Path::new("/dev/zero"), "is a device"),
    ] {
        let started = Instant::now();
        let o = watch_db_once(&lan, path);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(what), "{err}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }
    // A time a file could not hold once saved (1e300) is refused on load, the file kept.
    let db = dir.path().join("damaged");
    let damaged = "# netkit watch stations 1\n198.51.100.7\t00:16:3e:00:00:07\t1e300\n";
    std::fs::write(&db, damaged).unwrap();
    let o = watch_db_once(&lan, &db);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("line 2 has no time"));
    assert_eq!(std::fs::read_to_string(&db).unwrap(), damaged);
}

/// Issue 25 item 6: two watchers on one file (the last writer won), and a directory that
/// could not be written (found only after the whole watch). The second watcher is refused
/// while the first runs; an unwritable directory is refused at the start.
#[test]
fn one_watcher_per_db_and_an_unwritable_one_refused_at_the_start() {
    let Some((lan, peer)) = lan("watch_db_lock") else {
        return;
    };
    let (dir, db) = db_file();
    let w = start_with_db(&lan, &peer, &db, &[]);
    let o = watch_db_once(&lan, &db);
    assert_eq!(o.status.code(), Some(3));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("in use by another netkit watch"), "{err}");
    let (code, _, err) = w.stop();
    assert_eq!(code, 0, "{err}");
    assert_sentinel_saved(&db);
    // Root without CAP_DAC_OVERRIDE cannot write into a directory of mode 0555.
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::os::unix::fs::PermissionsExt::from_mode(0o555)).unwrap();
    let script = format!(
        "exec {} watch -I eth0 --db {}/stations --duration 30",
        assert_cmd::cargo::cargo_bin("netkit").display(),
        ro.display()
    );
    let started = Instant::now();
    let o = lan.lab.exec(
        &lan.host,
        "capsh",
        &[
            "--drop=cap_dac_override,cap_dac_read_search",
            "--",
            "-c",
            &script,
        ],
    );
    assert_eq!(o.status.code(), Some(3));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("permission denied"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "refused at the start"
    );
}

/// Issue 25 item 6: with the output a closed pipe (`| head -1`), the watch lost every station
/// learned. The stations are saved, and the closed pipe is a quiet end.
#[test]
fn stations_survive_a_closed_pipe() {
    let Some((lan, peer)) = lan("watch_pipe") else {
        return;
    };
    let (_dir, db) = db_file();
    let mut child = netns_exec(&lan.host)
        .arg(assert_cmd::cargo::cargo_bin("netkit"))
        .args(["--json", "watch", "-I", "eth0", "--duration", "30", "--db"])
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let (tx, first) = mpsc::channel();
    // `head -1`: one line read, then the pipe closed.
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(out).read_line(&mut line);
        let _ = tx.send(line);
    });
    let sentinel = ip("198.51.100.250");
    let frame = arp(
        1,
        mac(PEER),
        BROADCAST,
        mac(PEER),
        sentinel,
        [0; 6],
        sentinel,
    );
    let give_up = Instant::now() + Duration::from_secs(20);
    let mut line = None;
    while child.try_wait().unwrap().is_none() {
        assert!(
            Instant::now() < give_up,
            "the watch went on after its pipe closed"
        );
        send_frames(&peer, std::slice::from_ref(&frame), None);
        if line.is_none() {
            line = first.recv_timeout(Duration::from_millis(100)).ok();
        } else {
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    let line = line.expect("a first line");
    assert!(line.contains("198.51.100.250"), "{line}");
    let o = child.wait_with_output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_sentinel_saved(&db);
}

/// Issue 25 item 6: when the interface disappeared, the watch ended with exit 3, no summary,
/// and no stations saved. Now: the summary, the stations saved, then the error (exit 3).
#[test]
fn stations_survive_the_interface_going_away() {
    let Some((lan, peer)) = lan("watch_gone") else {
        return;
    };
    let (_dir, db) = db_file();
    let w = start_with_db(&lan, &peer, &db, &[]);
    lan.lab.ipn(&lan.host, "link del eth0");
    let (code, summary, err) = w.ended();
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("listening on eth0"), "{err}");
    assert!(summary["stations"].as_u64().unwrap() >= 1, "{summary}");
    assert_sentinel_saved(&db);
}

/// Issue 25 item 6: a long watch saves its stations as it goes (--save-every), so a watch
/// killed outright keeps what it had learned; the file loads again for the next one, whose
/// --duration end saves it too.
#[test]
fn stations_are_saved_during_a_long_watch() {
    let Some((lan, peer)) = lan("watch_periodic") else {
        return;
    };
    let (_dir, db) = db_file();
    let mut w = start_with_db(&lan, &peer, &db, &["--save-every", "1"]);
    let give_up = Instant::now() + Duration::from_secs(10);
    while !std::fs::read_to_string(&db).is_ok_and(|t| t.contains(&sentinel_line())) {
        assert!(Instant::now() < give_up, "not saved during the watch");
        std::thread::sleep(Duration::from_millis(200));
    }
    w.signal("KILL");
    w.child.wait().unwrap();
    let o = watch_db_once(&lan, &db);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("stations known"), "{text}");
    assert_sentinel_saved(&db);
}

/// Issue 25: frames the kernel dropped under load went silently missing. While the watch is
/// stopped (SIGSTOP), a burst overflows its socket; the summary counts the drops, and the
/// frames heard plus those dropped account for the burst.
#[test]
fn frames_the_kernel_dropped_are_reported() {
    let Some((lan, peer)) = lan("watch_drops") else {
        return;
    };
    let (w, sentinels) = Watch::start(&lan, &peer, &["--duration", "60"]);
    let target = ip("198.51.100.2");
    let frame = arp(
        1,
        mac(EVIL),
        BROADCAST,
        mac(EVIL),
        ip("198.51.100.91"),
        [0; 6],
        target,
    );
    w.signal("STOP");
    send_frames(&peer, &vec![frame; 5000], None);
    w.signal("CONT");
    std::thread::sleep(Duration::from_millis(1000));
    let (code, summary, err) = w.stop();
    assert_eq!(code, 0, "{err}");
    let (arp, dropped) = (
        summary["arp"].as_u64().unwrap(),
        summary["dropped"].as_u64().unwrap(),
    );
    assert!(dropped > 0, "{summary}");
    assert!(
        (5000 + sentinels..=5000 + sentinels + 100).contains(&(arp + dropped)),
        "{summary}"
    );
}

/// Issue 27 item 3: the summary counts frames by destination and tells a switch from a hub. A
/// peer sends unicast frames to another peer's MAC, which the bridge has learned: as a switch
/// it delivers them to that peer's port only, and this host sees none; made a hub (a bridge
/// whose ports learn no MAC floods every frame), it repeats them to this host.
#[test]
fn the_summary_tells_a_switch_from_a_hub() {
    let Some((mut lan, peer)) = lan("watch_hub_or_switch") else {
        return;
    };
    const OTHER: &str = "00:16:3e:00:00:88";
    let other = lan.add_peer("other", "", OTHER);
    let other_ip = Ipv4Addr::new(198, 51, 100, 88);
    let peer_ip = Ipv4Addr::new(198, 51, 100, 66);
    // The other peer makes itself known (a broadcast the bridge learns its port from)...
    let hello = arp(
        1,
        mac(OTHER),
        BROADCAST,
        mac(OTHER),
        other_ip,
        [0; 6],
        peer_ip,
    );
    // ...and the peer answers it, unicast to its MAC.
    let to_other = arp(
        2,
        mac(EVIL),
        mac(OTHER),
        mac(EVIL),
        peer_ip,
        mac(OTHER),
        other_ip,
    );
    let mut seen = Vec::new();
    for hub in [false, true] {
        if hub {
            // No port learns a MAC any more, and what was learned is forgotten: every
            // unicast frame goes to every port, as on a hub.
            let ports = lan.lab.ip_json(&lan.sw, &["link", "show", "master", "br0"]);
            for port in ports.as_array().unwrap() {
                let name = port["ifname"].as_str().unwrap();
                lan.lab.ipn(
                    &lan.sw,
                    &format!("link set {name} type bridge_slave learning off fdb_flush"),
                );
            }
        }
        let (w, _) = Watch::start(&lan, &peer, &["--promiscuous"]);
        send_frames(&other, std::slice::from_ref(&hello), None);
        std::thread::sleep(Duration::from_millis(200));
        send_frames(&peer, &vec![to_other.clone(); 5], None);
        std::thread::sleep(Duration::from_millis(300));
        let (_, summary, err) = w.stop();
        assert_eq!(summary["promiscuous"], true, "{summary}");
        let d = summary["by_destination"].clone();
        assert!(d["broadcast"].as_u64().unwrap() >= 2, "{summary} {err}");
        seen.push(d["other_hosts"].as_u64().unwrap());
    }
    assert_eq!(seen[0], 0, "a switch delivered another host's unicast here");
    assert!(seen[1] >= 5, "a hub repeats every frame: {seen:?}");
    // For people: the counts and what they say.
    let child = netns_exec(&lan.host)
        .arg(assert_cmd::cargo::cargo_bin("netkit"))
        .args(["watch", "-I", "eth0", "--duration", "2", "--promiscuous"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    send_frames(&peer, &vec![to_other.clone(); 3], None);
    let o = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("frames by destination: "), "{text}");
    assert!(text.contains("to other hosts"), "{text}");
    assert!(text.contains("a hub repeats every frame"), "{text}");
    // Without --promiscuous the card filters other hosts' unicast: the summary says so, and not
    // that the LAN is switched.
    let child = netns_exec(&lan.host)
        .arg(assert_cmd::cargo::cargo_bin("netkit"))
        .args(["watch", "-I", "eth0", "--duration", "1.5"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    send_frames(&other, std::slice::from_ref(&hello), None);
    let o = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("watch with --promiscuous"), "{text}");
}
