//! `netkit watch` on the namespace LAN: a peer puts crafted frames on the wire (ARP spoofing of
//! the gateway, gratuitous ARP, RFC 5227 probes and announcements, an address conflict, router
//! advertisements, malformed frames, a burst of 10,000), a second dnsmasq plays a rogue DHCP
//! server, and each event must come with the right kind, addresses and exit status.

use std::io::{BufRead, BufReader};
use std::net::Ipv4Addr;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use crate::common::frames::{arp, mac};
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

    /// Ends the watch with Ctrl-C; returns its exit code, the summary and stderr.
    fn stop(mut self) -> (i32, serde_json::Value, String) {
        let kill = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
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
    let host = mac(HOST_MAC);
    let at = unix_now();
    // The attacker tells the host that the gateway's address is at its MAC.
    send_frames(
        &peer,
        &[arp(
            2,
            evil,
            host,
            evil,
            ip("198.51.100.1"),
            host,
            ip("198.51.100.2"),
        )],
        None,
    );
    let e = w.expect("gateway_spoofing", "198.51.100.1", at);
    assert_eq!(e["mac"], EVIL);
    assert_eq!(e["previous_mac"], ROUTER_MAC);
    assert_eq!(e["alarm"], true);
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

/// A router advertisement from link-local `src` (hop limit 255) advertising 2001:db8:1::/64.
fn ra(src_mac: [u8; 6], src: &str) -> Vec<u8> {
    let src: std::net::Ipv6Addr = src.parse().unwrap();
    let mut icmp = vec![134, 0, 0, 0, 64, 0, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0];
    icmp.extend_from_slice(&[3, 4, 64, 0xc0]);
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
/// (exit 1); one with a broken option is skipped and counted.
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
    let (code, summary, _) = w.stop();
    assert_eq!(code, 1);
    assert_eq!(summary["router_adverts"], 2, "{summary}");
    assert_eq!(
        summary["discard_reasons"],
        serde_json::json!({"router_advert": 1})
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

/// 10,000 ARP frames in one second are all counted, and raise one new station.
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
    assert_eq!(summary["arp"], 10_000 + sentinels, "{summary}");
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
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stations");
    let db_arg = db.to_str().unwrap();
    let (w, _) = Watch::start(&lan, &peer, &["--db", db_arg, "--duration", "60"]);
    let (code, summary, _) = w.stop();
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(&db).unwrap();
    assert!(text.starts_with("# netkit watch stations 1\n"), "{text}");
    assert!(
        text.contains(&format!("198.51.100.250\t{PEER}\t")),
        "{text}"
    );
    assert_eq!(
        text.lines().count() - 1,
        summary["stations"].as_u64().unwrap() as usize
    );
    // Next run: the sentinel is known, so its announcement raises no new station.
    let (w, _) = Watch::start(&lan, &peer, &["--db", db_arg, "--duration", "60"]);
    let (_, summary, _) = w.stop();
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
    let evil = mac(EVIL);
    let spoof = arp(
        2,
        evil,
        mac(HOST_MAC),
        evil,
        Ipv4Addr::new(198, 51, 100, 1),
        mac(HOST_MAC),
        Ipv4Addr::new(198, 51, 100, 2),
    );
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
    assert!(text.trim_end().ends_with("1 alarm(s)"), "{text}");
    let o = lan
        .lab
        .netkit_unprivileged(&lan.host, &["watch", "--duration", "1"]);
    crate::common::assert_needs_cap_net_raw(&o);
}
