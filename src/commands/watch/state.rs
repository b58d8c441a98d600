//! What `watch` makes of the frames it hears: the known stations (IP → MAC, as arpwatch keeps
//! them) and the events each frame raises. Pure: fed sightings and times, tested without a
//! network.

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::Serialize;

use crate::net::addr::to_u128;
use crate::net::block::Block;
use crate::net::hwaddr::Mac;
use crate::net::oui::vendor_of;
use crate::wire::arp_frame::{ArpFrame, REQUEST};
use crate::wire::lan_frame::{DhcpServerMessage, RouterAdvert, Sighting};

/// Most stations kept: past it, new ones are counted, not stored (a flood of forged senders
/// must not grow memory without end).
pub const MAX_STATIONS: usize = 65_536;

/// Two MACs for one IP within this many seconds are two hosts answering at once (an address
/// conflict), not a host that changed its network card.
pub const CONFLICT_SECONDS: f64 = 60.0;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An IP/MAC pair not seen before.
    NewStation,
    /// A known IP now comes from another MAC (a new network card, a new host).
    ChangedMac,
    /// A known IP came back to the MAC it had before the last change.
    FlipFlop,
    /// Two MACs answer for one IP at once.
    IpConflict,
    /// A MAC other than the gateway's claims the gateway's IP.
    GatewaySpoofing,
    /// An unrequested ARP reply about the sender itself.
    GratuitousArp,
    /// An RFC 5227 probe: sender IP 0.0.0.0, asking whether an address is free.
    ArpProbe,
    /// An RFC 5227 announcement: a request for the sender's own address.
    ArpAnnounce,
    /// An ARP sender address outside the interface's subnets.
    OutsideSubnet,
    /// A DHCP server's offer, ack or nak.
    DhcpServer,
    /// A DHCP server other than the expected one.
    RogueDhcp,
    /// An IPv6 router advertisement.
    RouterAdvert,
    /// A router advertisement from a router other than the expected one.
    RogueRouter,
    /// The station table is full: later new stations are counted only.
    StationLimit,
}

impl Kind {
    /// Whether this event is an alarm (exit 1).
    pub fn alarm(self) -> bool {
        matches!(
            self,
            Kind::IpConflict | Kind::GatewaySpoofing | Kind::RogueDhcp | Kind::RogueRouter
        )
    }

    /// The kind in words, for people.
    pub fn words(self) -> &'static str {
        match self {
            Kind::NewStation => "new station",
            Kind::ChangedMac => "changed MAC",
            Kind::FlipFlop => "flip-flop",
            Kind::IpConflict => "IP conflict",
            Kind::GatewaySpoofing => "GATEWAY SPOOFING",
            Kind::GratuitousArp => "gratuitous ARP",
            Kind::ArpProbe => "ARP probe",
            Kind::ArpAnnounce => "ARP announce",
            Kind::OutsideSubnet => "outside subnet",
            Kind::DhcpServer => "DHCP server",
            Kind::RogueDhcp => "ROGUE DHCP",
            Kind::RouterAdvert => "router advert",
            Kind::RogueRouter => "ROGUE ROUTER",
            Kind::StationLimit => "station limit",
        }
    }
}

/// One event.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// When, in seconds since the Unix epoch.
    pub time: f64,
    /// What happened.
    pub kind: Kind,
    /// Whether it is an alarm.
    pub alarm: bool,
    /// The IP concerned (null: none).
    pub ip: Option<IpAddr>,
    /// The MAC concerned (null: none).
    pub mac: Option<Mac>,
    /// That MAC's vendor (null: unknown).
    pub vendor: Option<String>,
    /// The MAC the IP had before (changed MAC, flip-flop, conflicts, spoofing).
    pub previous_mac: Option<Mac>,
    /// What it means, in words.
    pub detail: String,
    /// The DHCP message (DHCP events).
    pub dhcp: Option<DhcpServerMessage>,
    /// The advertisement (router events).
    pub router_advert: Option<RouterAdvert>,
}

/// A known station.
#[derive(Debug, Clone, PartialEq)]
pub struct Station {
    /// Its MAC now.
    pub mac: Mac,
    /// The MAC before the last change.
    pub previous: Option<Mac>,
    /// When it was last heard, in Unix seconds (from the database: an earlier run).
    pub last_seen: f64,
    /// Whether it was heard in this run (else only known from the neighbour table or the
    /// database).
    pub heard: bool,
}

/// What the watcher knows before it listens.
#[derive(Debug, Clone, Default)]
pub struct Setup {
    /// The interface's IPv4 subnets.
    pub subnets: Vec<Block>,
    /// The default gateways on the interface, with their MACs when known.
    pub gateways: Vec<(Ipv4Addr, Option<Mac>)>,
    /// The expected DHCP server (--dhcp-server).
    pub dhcp_server: Option<Ipv4Addr>,
    /// The expected IPv6 router (--router).
    pub router: Option<Ipv6Addr>,
}

/// The watcher's state.
#[derive(Debug)]
pub struct Watcher {
    setup: Setup,
    /// IP → station.
    pub stations: HashMap<Ipv4Addr, Station>,
    /// New stations not stored because the table was full.
    pub unlisted: u64,
    /// Addresses already reported as outside the subnets.
    outside: HashSet<Ipv4Addr>,
}

impl Watcher {
    /// A watcher knowing `setup` and the stations `known` (IP, MAC, last seen).
    pub fn new(setup: Setup, known: impl IntoIterator<Item = (Ipv4Addr, Mac, f64)>) -> Self {
        let stations = known
            .into_iter()
            .take(MAX_STATIONS)
            .map(|(ip, mac, last_seen)| {
                (
                    ip,
                    Station {
                        mac,
                        previous: None,
                        last_seen,
                        heard: false,
                    },
                )
            })
            .collect();
        Watcher {
            setup,
            stations,
            unlisted: 0,
            outside: HashSet::new(),
        }
    }

    /// The events one frame raises, heard at `now` (Unix seconds).
    pub fn hear(&mut self, sighting: &Sighting, now: f64) -> Vec<Event> {
        match sighting {
            Sighting::Arp(f) => self.arp(f, now),
            Sighting::Dhcp(m) => vec![self.dhcp(m, now)],
            Sighting::RouterAdvert(ra) => vec![self.router_advert(ra, now)],
            Sighting::Other => Vec::new(),
        }
    }

    fn arp(&mut self, f: &ArpFrame, now: f64) -> Vec<Event> {
        let mac = Mac(f.sender_mac);
        let ev = |kind, ip: Ipv4Addr, detail: String| event(now, kind, Some(ip), Some(mac), detail);
        if f.sender_ip.is_unspecified() {
            return vec![ev(
                Kind::ArpProbe,
                f.target_ip,
                format!(
                    "{mac} asks whether {} is free before taking it (RFC 5227): a host joining",
                    f.target_ip
                ),
            )];
        }
        let ip = f.sender_ip;
        let mut out = Vec::new();
        if f.sender_ip == f.target_ip {
            out.push(if f.op == REQUEST {
                ev(
                    Kind::ArpAnnounce,
                    ip,
                    format!("{mac} announces it has {ip} (RFC 5227)"),
                )
            } else {
                ev(
                    Kind::GratuitousArp,
                    ip,
                    format!("{mac} tells everyone it has {ip}, unasked"),
                )
            });
        }
        if !self.setup.subnets.is_empty()
            && !self
                .setup
                .subnets
                .iter()
                .any(|b| b.contains(to_u128(&IpAddr::V4(ip))))
            && !self.outside.contains(&ip)
            && self.outside.len() < MAX_STATIONS
        {
            self.outside.insert(ip);
            out.push(ev(
                Kind::OutsideSubnet,
                ip,
                format!("{ip} is outside this interface's subnets: a misconfigured host, or one from another network"),
            ));
        }
        if let Some(gw) = self.setup.gateways.iter_mut().find(|(g, _)| *g == ip) {
            match gw.1 {
                Some(known) if known != mac => {
                    let mut e = ev(
                        Kind::GatewaySpoofing,
                        ip,
                        format!(
                            "{mac} claims the gateway's address {ip}, which belongs to {known}: likely ARP spoofing (a host putting itself between this LAN and the outside)"
                        ),
                    );
                    e.previous_mac = Some(known);
                    out.push(e);
                    return out;
                }
                Some(_) => {}
                None => gw.1 = Some(mac),
            }
        }
        out.extend(self.learn(ip, mac, now));
        out
    }

    /// Records that `ip` is at `mac`: a new station, a change, or nothing new.
    fn learn(&mut self, ip: Ipv4Addr, mac: Mac, now: f64) -> Option<Event> {
        let full = self.stations.len() >= MAX_STATIONS;
        let Some(st) = self.stations.get_mut(&ip) else {
            if full {
                self.unlisted += 1;
                return (self.unlisted == 1).then(|| {
                    event(
                        now,
                        Kind::StationLimit,
                        None::<IpAddr>,
                        None,
                        format!("{MAX_STATIONS} stations known: new ones are counted, not listed"),
                    )
                });
            }
            self.stations.insert(
                ip,
                Station {
                    mac,
                    previous: None,
                    last_seen: now,
                    heard: true,
                },
            );
            return Some(event(
                now,
                Kind::NewStation,
                Some(ip),
                Some(mac),
                format!("{ip} is at {mac}"),
            ));
        };
        if st.mac == mac {
            st.last_seen = now;
            st.heard = true;
            return None;
        }
        let old = st.mac;
        let (kind, detail) = if st.heard && now - st.last_seen < CONFLICT_SECONDS {
            (
                Kind::IpConflict,
                format!(
                    "{ip} answers from {mac} and from {old} within {} s: two hosts use one address",
                    CONFLICT_SECONDS
                ),
            )
        } else if st.previous == Some(mac) {
            (
                Kind::FlipFlop,
                format!("{ip} is back at {mac} (it was at {old})"),
            )
        } else {
            (Kind::ChangedMac, format!("{ip} moved from {old} to {mac}"))
        };
        *st = Station {
            mac,
            previous: Some(old),
            last_seen: now,
            heard: true,
        };
        let mut e = event(now, kind, Some(ip), Some(mac), detail);
        e.previous_mac = Some(old);
        Some(e)
    }

    fn dhcp(&mut self, m: &DhcpServerMessage, now: f64) -> Event {
        let c = &m.config;
        let list = |v: &[Ipv4Addr]| {
            v.iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut gives = format!("{} {} to {}", m.message, m.address, m.client_mac);
        if !c.routers.is_empty() {
            gives += &format!(", router {}", list(&c.routers));
        }
        if !c.dns_servers.is_empty() {
            gives += &format!(", DNS {}", list(&c.dns_servers));
        }
        let (kind, detail) = match self.setup.dhcp_server {
            Some(expected) if expected != m.server => (
                Kind::RogueDhcp,
                format!(
                    "a DHCP server other than {expected}: {gives} (hosts that take it get its router and DNS)"
                ),
            ),
            _ => (Kind::DhcpServer, gives),
        };
        let mut e = event(
            now,
            kind,
            Some(IpAddr::V4(m.server)),
            Some(m.server_mac),
            detail,
        );
        e.dhcp = Some(m.clone());
        e
    }

    fn router_advert(&mut self, ra: &RouterAdvert, now: f64) -> Event {
        let prefixes: Vec<&str> = ra.prefixes.iter().map(|p| p.prefix.as_str()).collect();
        let mut says = if ra.lifetime_seconds == 0 {
            "not a default router".to_string()
        } else {
            format!("default router for {} s", ra.lifetime_seconds)
        };
        if !prefixes.is_empty() {
            says += &format!(", prefixes {}", prefixes.join(", "));
        }
        let (kind, detail) = match self.setup.router {
            Some(expected) if expected != ra.router => (
                Kind::RogueRouter,
                format!("a router other than {expected} advertises itself: {says}"),
            ),
            _ => (Kind::RouterAdvert, says),
        };
        let mut e = event(now, kind, Some(IpAddr::V6(ra.router)), Some(ra.mac), detail);
        e.router_advert = Some(ra.clone());
        e
    }
}

/// An event with nothing extra.
fn event(
    now: f64,
    kind: Kind,
    ip: Option<impl Into<IpAddr>>,
    mac: Option<Mac>,
    detail: String,
) -> Event {
    Event {
        time: now,
        kind,
        alarm: kind.alarm(),
        ip: ip.map(Into::into),
        mac,
        vendor: mac.and_then(|m| vendor_of(&m.0)),
        previous_mac: None,
        detail,
        dhcp: None,
        router_advert: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::arp_frame::REPLY;

    const GW: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 1);
    const GW_MAC: Mac = Mac([0x00, 0x16, 0x3e, 0, 0, 1]);
    const EVIL: Mac = Mac([0x02, 0, 0, 0, 0, 0x66]);

    fn watcher() -> Watcher {
        let setup = Setup {
            subnets: vec![Block::new(IpAddr::V4(Ipv4Addr::new(198, 51, 100, 0)), 24)],
            gateways: vec![(GW, Some(GW_MAC))],
            dhcp_server: Some(GW),
            router: None,
        };
        Watcher::new(setup, [])
    }

    fn arp(op: u16, mac: Mac, sip: &str, tip: &str) -> Sighting {
        Sighting::Arp(ArpFrame {
            op,
            eth_src: mac.0,
            eth_dst: [0xff; 6],
            sender_mac: mac.0,
            sender_ip: sip.parse().unwrap(),
            target_mac: [0; 6],
            target_ip: tip.parse().unwrap(),
        })
    }

    fn kinds(events: &[Event]) -> Vec<Kind> {
        events.iter().map(|e| e.kind).collect()
    }

    #[test]
    fn new_then_known_then_changed_then_back() {
        let mut w = watcher();
        let a = Mac([0x00, 0x16, 0x3e, 0, 0, 7]);
        let b = Mac([0x00, 0x16, 0x3e, 0, 0, 8]);
        let ask = |m| arp(REQUEST, m, "198.51.100.7", "198.51.100.2");
        assert_eq!(kinds(&w.hear(&ask(a), 0.0)), [Kind::NewStation]);
        assert!(w.hear(&ask(a), 1.0).is_empty());
        // Another MAC within a minute: two hosts at once.
        let e = w.hear(&ask(b), 2.0);
        assert_eq!(kinds(&e), [Kind::IpConflict]);
        assert!(e[0].alarm);
        assert_eq!(e[0].previous_mac, Some(a));
        // Much later: the old MAC is back, a flip-flop (not an alarm).
        let e = w.hear(&ask(a), 1000.0);
        assert_eq!(kinds(&e), [Kind::FlipFlop]);
        assert!(!e[0].alarm);
        let c = Mac([0x00, 0x16, 0x3e, 0, 0, 9]);
        assert_eq!(kinds(&w.hear(&ask(c), 2000.0)), [Kind::ChangedMac]);
    }

    #[test]
    fn the_gateways_address_from_another_mac_is_spoofing() {
        let mut w = watcher();
        assert!(
            w.hear(&arp(REPLY, GW_MAC, "198.51.100.1", "198.51.100.2"), 0.0)
                .len()
                == 1
        );
        let e = w.hear(&arp(REPLY, EVIL, "198.51.100.1", "198.51.100.2"), 1.0);
        assert_eq!(kinds(&e), [Kind::GatewaySpoofing]);
        assert!(
            e[0].detail.contains("likely ARP spoofing"),
            "{}",
            e[0].detail
        );
        assert_eq!(e[0].previous_mac, Some(GW_MAC));
        // The gateway's own MAC stays the known one.
        assert_eq!(w.stations[&GW].mac, GW_MAC);
    }

    #[test]
    fn probes_announcements_gratuitous_and_outsiders() {
        let mut w = watcher();
        let m = Mac([0x00, 0x16, 0x3e, 0, 0, 0x21]);
        let e = w.hear(&arp(REQUEST, m, "0.0.0.0", "198.51.100.33"), 0.0);
        assert_eq!(kinds(&e), [Kind::ArpProbe]);
        assert_eq!(e[0].ip, Some("198.51.100.33".parse().unwrap()));
        let e = w.hear(&arp(REQUEST, m, "198.51.100.33", "198.51.100.33"), 1.0);
        assert_eq!(kinds(&e), [Kind::ArpAnnounce, Kind::NewStation]);
        let e = w.hear(&arp(REPLY, m, "198.51.100.33", "198.51.100.33"), 2.0);
        assert_eq!(kinds(&e), [Kind::GratuitousArp]);
        let e = w.hear(&arp(REQUEST, m, "10.9.8.7", "198.51.100.1"), 3.0);
        assert_eq!(kinds(&e), [Kind::OutsideSubnet, Kind::NewStation]);
        // Reported once per address.
        assert!(
            w.hear(&arp(REQUEST, m, "10.9.8.7", "198.51.100.1"), 4.0)
                .is_empty()
        );
    }

    #[test]
    fn the_table_is_bounded() {
        let mut w = watcher();
        let mut limit = 0;
        for n in 0..(MAX_STATIONS as u32 + 10) {
            let ip = Ipv4Addr::from(0xc632_0000 + n);
            let f = Sighting::Arp(ArpFrame {
                op: REQUEST,
                eth_src: [0, 0x16, 0x3e, 1, 2, 3],
                eth_dst: [0xff; 6],
                sender_mac: [0, 0x16, 0x3e, 1, 2, 3],
                sender_ip: ip,
                target_mac: [0; 6],
                target_ip: ip,
            });
            limit += w
                .hear(&f, 0.0)
                .iter()
                .filter(|e| e.kind == Kind::StationLimit)
                .count();
        }
        assert_eq!(w.stations.len(), MAX_STATIONS);
        assert_eq!((w.unlisted, limit), (10, 1));
    }
}
