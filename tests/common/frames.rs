//! A hostile peer on the namespace LAN: crafted Ethernet frames (ARP replies, DHCP offers) and a
//! sender that puts them on the wire in answer to what netkit sends.
//!
//! The sender is this test binary run again inside a peer namespace (`ip netns exec`), with only
//! the ignored test `hostile_lan::frame_sender` selected and the scenario's name in
//! NETKIT_FRAMES_SCENARIO: it opens a raw channel (pnet_datalink, promiscuous off) on the peer's
//! eth0, prints READY, and for each frame the scenario recognizes (an ARP request, a
//! DHCPDISCOVER) prints `SAW <what>` and sends the scenario's frames at once, so they arrive while
//! netkit listens. It stops after NETKIT_FRAMES_SECS (default 30) or when the `Sender` is dropped.
//! The frames are built here by hand, not with netkit's own encoders.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::Ipv4Addr;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// What a scenario does with one frame it heard: None to ignore it, or a description for the
/// SAW line and the frames to send back.
pub type Respond = fn(&[u8]) -> Option<(String, Vec<Vec<u8>>)>;

/// `aa:bb:cc:dd:ee:ff` as bytes.
pub fn mac(s: &str) -> [u8; 6] {
    let v: Vec<u8> = s
        .split(':')
        .map(|h| u8::from_str_radix(h, 16).expect("hex"))
        .collect();
    v.try_into().expect("six bytes")
}

/// An Ethernet frame carrying an ARP message for Ethernet/IPv4 (hardware type 1, protocol
/// 0x0800, lengths 6 and 4; change bytes 14.. afterwards for other header values).
pub fn arp(
    op: u16,
    eth_src: [u8; 6],
    eth_dst: [u8; 6],
    sha: [u8; 6],
    spa: Ipv4Addr,
    tha: [u8; 6],
    tpa: Ipv4Addr,
) -> Vec<u8> {
    let mut f = Vec::with_capacity(42);
    f.extend_from_slice(&eth_dst);
    f.extend_from_slice(&eth_src);
    f.extend_from_slice(&[0x08, 0x06, 0, 1, 0x08, 0x00, 6, 4]);
    f.extend_from_slice(&op.to_be_bytes());
    f.extend_from_slice(&sha);
    f.extend_from_slice(&spa.octets());
    f.extend_from_slice(&tha);
    f.extend_from_slice(&tpa.octets());
    f
}

/// An ARP request seen on the wire.
#[derive(Debug, Clone, Copy)]
pub struct ArpRequest {
    pub sender_mac: [u8; 6],
    pub sender_ip: Ipv4Addr,
    pub target_ip: Ipv4Addr,
}

/// The ARP request in `f`, if it is one.
pub fn arp_request_in(f: &[u8]) -> Option<ArpRequest> {
    if f.len() < 42 || f[12..14] != [0x08, 0x06] || f[20..22] != [0, 1] {
        return None;
    }
    let ip = |at: usize| Ipv4Addr::new(f[at], f[at + 1], f[at + 2], f[at + 3]);
    Some(ArpRequest {
        sender_mac: f[22..28].try_into().ok()?,
        sender_ip: ip(28),
        target_ip: ip(38),
    })
}

/// The internet checksum (RFC 1071).
fn checksum(bytes: &[u8]) -> u16 {
    let mut sum: u32 = bytes
        .chunks(2)
        .map(|c| u32::from(c[0]) << 8 | u32::from(*c.get(1).unwrap_or(&0)))
        .sum();
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

/// Sets the IPv4 header checksum of Ethernet frame `f` right for the header length its IHL
/// says (as far as the bytes go).
pub fn fix_ip_checksum(f: &mut [u8]) {
    f[24..26].copy_from_slice(&[0, 0]);
    let end = (14 + usize::from(f[14] & 0x0f) * 4).min(f.len());
    let sum = checksum(&f[14..end]);
    f[24..26].copy_from_slice(&sum.to_be_bytes());
}

/// A broadcast Ethernet frame from `eth_src` with IPv4 `ip_src` → 255.255.255.255 and UDP
/// `sport` → `dport` around `payload`; lengths and IP checksum right, UDP checksum 0 (none).
pub fn udp_broadcast(
    eth_src: [u8; 6],
    ip_src: Ipv4Addr,
    sport: u16,
    dport: u16,
    payload: &[u8],
) -> Vec<u8> {
    let udp_len = 8 + payload.len();
    let total = 20 + udp_len;
    let mut f = Vec::with_capacity(14 + total);
    f.extend_from_slice(&[0xff; 6]);
    f.extend_from_slice(&eth_src);
    f.extend_from_slice(&[0x08, 0x00]);
    f.extend_from_slice(&[0x45, 0]);
    f.extend_from_slice(&(total as u16).to_be_bytes());
    f.extend_from_slice(&[0, 0, 0, 0, 64, 17, 0, 0]);
    f.extend_from_slice(&ip_src.octets());
    f.extend_from_slice(&[255; 4]);
    f.extend_from_slice(&sport.to_be_bytes());
    f.extend_from_slice(&dport.to_be_bytes());
    f.extend_from_slice(&(udp_len as u16).to_be_bytes());
    f.extend_from_slice(&[0, 0]);
    f.extend_from_slice(payload);
    fix_ip_checksum(&mut f);
    f
}

/// Sets the 16-bit big-endian field at `at`.
pub fn set16(f: &mut [u8], at: usize, v: u16) {
    f[at..at + 2].copy_from_slice(&v.to_be_bytes());
}

/// A DHCPDISCOVER seen on the wire: its transaction id and client MAC.
#[derive(Debug, Clone, Copy)]
pub struct Discover {
    pub xid: u32,
    pub chaddr: [u8; 6],
}

/// The DHCPDISCOVER in `f` (IPv4 with a 20-byte header, UDP 68 → 67, BOOTREQUEST with the DHCP
/// cookie and option 53 = 1 first), if it is one.
pub fn discover_in(f: &[u8]) -> Option<Discover> {
    let p = f.get(42..)?;
    if f[12..14] != [0x08, 0x00] || f[14] != 0x45 || f[23] != 17 || f[34..38] != [0, 68, 0, 67] {
        return None;
    }
    if p.len() < 243 || p[0] != 1 || p[236..240] != [99, 130, 83, 99] || p[240..243] != [53, 1, 1] {
        return None;
    }
    Some(Discover {
        xid: u32::from_be_bytes(p[4..8].try_into().ok()?),
        chaddr: p[28..34].try_into().ok()?,
    })
}

/// A BOOTREPLY DHCPOFFER payload for `xid` and `chaddr` offering `yiaddr`, from server
/// `server` (option 54), with mask /24, router `server` and domain `domain` (option 15, bytes as
/// given).
pub fn offer(
    xid: u32,
    chaddr: [u8; 6],
    yiaddr: Ipv4Addr,
    server: Ipv4Addr,
    domain: &[u8],
) -> Vec<u8> {
    let mut p = vec![0u8; 240];
    p[..3].copy_from_slice(&[2, 1, 6]);
    p[4..8].copy_from_slice(&xid.to_be_bytes());
    p[10] = 0x80;
    p[16..20].copy_from_slice(&yiaddr.octets());
    p[20..24].copy_from_slice(&server.octets());
    p[28..34].copy_from_slice(&chaddr);
    p[236..240].copy_from_slice(&[99, 130, 83, 99]);
    p.extend_from_slice(&[53, 1, 2, 54, 4]);
    p.extend_from_slice(&server.octets());
    p.extend_from_slice(&[1, 4, 255, 255, 255, 0, 3, 4]);
    p.extend_from_slice(&server.octets());
    p.extend_from_slice(&[51, 4, 0, 0, 0x0e, 0x10]);
    p.push(15);
    p.push(domain.len() as u8);
    p.extend_from_slice(domain);
    p.push(255);
    p.resize(p.len().max(300), 0);
    p
}

/// A whole DHCPOFFER frame (see [`offer`]) broadcast from Ethernet `eth_src` and IPv4 `ip_src`,
/// naming `server_id` as its server (option 54), which need not be its source.
pub fn offer_frame(
    eth_src: [u8; 6],
    ip_src: Ipv4Addr,
    server_id: Ipv4Addr,
    d: &Discover,
    yiaddr: Ipv4Addr,
) -> Vec<u8> {
    let payload = offer(d.xid, d.chaddr, yiaddr, server_id, b"lan.test");
    udp_broadcast(eth_src, ip_src, 67, 68, &payload)
}

/// Runs the sender side in this process (called by `hostile_lan::frame_sender` inside the
/// peer namespace): answers frames on eth0 with `respond` until the time is up.
pub fn serve(respond: Respond) {
    use pnet_datalink::{Channel, Config};
    let iface = pnet_datalink::interfaces()
        .into_iter()
        .find(|i| i.name == "eth0")
        .expect("the peer namespace has eth0");
    let config = Config {
        promiscuous: false,
        read_timeout: Some(Duration::from_millis(20)),
        ..Config::default()
    };
    let Ok(Channel::Ethernet(mut tx, mut rx)) = pnet_datalink::channel(&iface, config) else {
        panic!("no raw Ethernet channel on eth0");
    };
    let secs: u64 = std::env::var("NETKIT_FRAMES_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    println!("READY");
    let end = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < end {
        let frame = match rx.next() {
            Ok(frame) => frame.to_vec(),
            Err(_) => continue,
        };
        if let Some((what, frames)) = respond(&frame) {
            for f in &frames {
                if let Some(Err(e)) = tx.send_to(f, None) {
                    println!("SEND FAILED {e}");
                }
            }
            println!("SAW {what}");
        }
    }
}

/// The sender running in a peer namespace; killed when dropped.
#[derive(Debug)]
pub struct Sender {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Sender {
    /// Starts scenario `scenario` in namespace `ns` and waits (up to 10 s) until it listens.
    pub fn start(ns: &str, scenario: &str) -> Sender {
        let exe = std::env::current_exe().expect("the test binary's path");
        let mut child = super::netns::netns_exec(ns)
            .arg(exe)
            .args([
                "hostile_lan::frame_sender",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("NETKIT_FRAMES_SCENARIO", scenario)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the frame sender starts");
        let out = child.stdout.take().expect("piped stdout");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match lines.recv_timeout(left) {
                Ok(line) if line.contains("READY") => break,
                Ok(_) => {}
                Err(e) => panic!("the frame sender for {scenario} did not get ready: {e}"),
            }
        }
        Sender { child, lines }
    }

    /// Stops the sender and returns what it saw (the text after each `SAW `), in order.
    pub fn seen(mut self) -> Vec<String> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut seen = Vec::new();
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(2)) {
            if let Some(at) = line.find("SAW ") {
                seen.push(line[at + 4..].to_string());
            }
            assert!(!line.contains("SEND FAILED"), "{line}");
        }
        seen
    }
}

impl Drop for Sender {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
