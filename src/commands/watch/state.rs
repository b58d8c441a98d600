//! What `watch` makes of the frames it hears: the known stations (IP → MAC, as arpwatch keeps
//! them) and the events each frame raises, each kind with what it carries ([`What`]). Pure: fed
//! frames and times, tested without a network. A new kind of event is a variant of [`What`] and
//! [`Kind`] here and the code that raises it; the renderer and the summary take it as it comes.

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::Serialize;

use crate::i18n::{Message, t};
use crate::net::addr::to_u128;
use crate::net::block::Block;
use crate::net::hwaddr::Mac;
use crate::net::oui::vendor_of;
use crate::wire::arp_frame::{ArpFrame, REQUEST};
use crate::wire::dhcp_msg::other_server_id;
use crate::wire::lan_frame::{DhcpServerMessage, Frame, RouterAdvert, Sighting};
use crate::wire::sender::{Expected, Verdict};

/// Most stations kept: past it, new ones are counted, not stored (a flood of forged senders
/// must not grow memory without end).
pub const MAX_STATIONS: usize = 65_536;

/// Two MACs for one IP within this many seconds are two hosts answering at once (an address
/// conflict), not a host that changed its network card.
pub const CONFLICT_SECONDS: f64 = 60.0;

/// Frames from outside that claim this host's MAC are reported at most once in this many
/// seconds (a host using the MAC sends many); the report counts those in between.
pub const OWN_MAC_REPORT_SECONDS: f64 = 60.0;

/// What happened: the kinds of event, as the summary counts them.
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
    /// Another host claims this host's own IP.
    OwnIpClaimed,
    /// A frame from outside claims this host's MAC.
    OwnMacClaimed,
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
            Kind::IpConflict
                | Kind::GatewaySpoofing
                | Kind::OwnIpClaimed
                | Kind::OwnMacClaimed
                | Kind::RogueDhcp
                | Kind::RogueRouter
        )
    }

    /// The kind in words, for people.
    pub fn words(self) -> Message {
        match self {
            Kind::NewStation => t!("watch-kind-new-station"),
            Kind::ChangedMac => t!("watch-kind-changed-mac"),
            Kind::FlipFlop => t!("watch-kind-flip-flop"),
            Kind::IpConflict => t!("watch-kind-ip-conflict"),
            Kind::GatewaySpoofing => t!("watch-kind-gateway-spoofing"),
            Kind::OwnIpClaimed => t!("watch-kind-own-ip-claimed"),
            Kind::OwnMacClaimed => t!("watch-kind-own-mac-claimed"),
            Kind::GratuitousArp => t!("watch-kind-gratuitous-arp"),
            Kind::ArpProbe => t!("watch-kind-arp-probe"),
            Kind::ArpAnnounce => t!("watch-kind-arp-announce"),
            Kind::OutsideSubnet => t!("watch-kind-outside-subnet"),
            Kind::DhcpServer => t!("watch-kind-dhcp-server"),
            Kind::RogueDhcp => t!("watch-kind-rogue-dhcp"),
            Kind::RouterAdvert => t!("watch-kind-router-advert"),
            Kind::RogueRouter => t!("watch-kind-rogue-router"),
            Kind::StationLimit => t!("watch-kind-station-limit"),
        }
    }
}

/// What happened, with what each kind carries (in `--json`, `kind` and these fields).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum What {
    /// `ip` is at `mac`, not seen before.
    NewStation { ip: Ipv4Addr, mac: Mac },
    /// `ip` moved from `previous_mac` to `mac`.
    ChangedMac {
        ip: Ipv4Addr,
        mac: Mac,
        previous_mac: Mac,
    },
    /// `ip` is back at `mac` from `previous_mac`.
    FlipFlop {
        ip: Ipv4Addr,
        mac: Mac,
        previous_mac: Mac,
    },
    /// `ip` answers from `mac` and from `previous_mac` at once.
    IpConflict {
        ip: Ipv4Addr,
        mac: Mac,
        previous_mac: Mac,
    },
    /// `mac` claims the gateway's `ip`, which is at `previous_mac`.
    GatewaySpoofing {
        ip: Ipv4Addr,
        mac: Mac,
        previous_mac: Mac,
    },
    /// `mac` claims `ip`, this host's own address (this host is at `own_mac`).
    OwnIpClaimed {
        ip: Ipv4Addr,
        mac: Mac,
        own_mac: Option<Mac>,
    },
    /// Frames from outside claim `mac`, this host's MAC: `frames` since the last report, the
    /// latest an ARP message for `ip` when it was one.
    OwnMacClaimed {
        ip: Option<Ipv4Addr>,
        mac: Mac,
        frames: u64,
    },
    /// `mac` tells everyone it has `ip`, unasked.
    GratuitousArp { ip: Ipv4Addr, mac: Mac },
    /// `mac` asks whether `ip` is free (RFC 5227).
    ArpProbe { ip: Ipv4Addr, mac: Mac },
    /// `mac` announces it has `ip` (RFC 5227).
    ArpAnnounce { ip: Ipv4Addr, mac: Mac },
    /// `mac` sends from `ip`, outside the interface's subnets.
    OutsideSubnet { ip: Ipv4Addr, mac: Mac },
    /// A DHCP server's message, from `ip` (its IP source) and `mac`.
    DhcpServer {
        ip: Ipv4Addr,
        mac: Mac,
        dhcp: Box<DhcpServerMessage>,
    },
    /// A DHCP server's message from another sender than the expected server (`verdict` says
    /// how; `expected_mac` is the expected server's MAC when known).
    RogueDhcp {
        ip: Ipv4Addr,
        mac: Mac,
        verdict: Verdict,
        expected_mac: Option<Mac>,
        dhcp: Box<DhcpServerMessage>,
    },
    /// A router advertisement from `ip` (its link-local source) and `mac`.
    RouterAdvert {
        ip: Ipv6Addr,
        mac: Mac,
        router_advert: RouterAdvert,
    },
    /// A router advertisement from another sender than the expected router.
    RogueRouter {
        ip: Ipv6Addr,
        mac: Mac,
        verdict: Verdict,
        expected_mac: Option<Mac>,
        router_advert: RouterAdvert,
    },
    /// The station table holds `limit` stations: new ones are counted, not listed.
    StationLimit { limit: usize },
}

impl What {
    /// Its kind.
    pub fn kind(&self) -> Kind {
        match self {
            What::NewStation { .. } => Kind::NewStation,
            What::ChangedMac { .. } => Kind::ChangedMac,
            What::FlipFlop { .. } => Kind::FlipFlop,
            What::IpConflict { .. } => Kind::IpConflict,
            What::GatewaySpoofing { .. } => Kind::GatewaySpoofing,
            What::OwnIpClaimed { .. } => Kind::OwnIpClaimed,
            What::OwnMacClaimed { .. } => Kind::OwnMacClaimed,
            What::GratuitousArp { .. } => Kind::GratuitousArp,
            What::ArpProbe { .. } => Kind::ArpProbe,
            What::ArpAnnounce { .. } => Kind::ArpAnnounce,
            What::OutsideSubnet { .. } => Kind::OutsideSubnet,
            What::DhcpServer { .. } => Kind::DhcpServer,
            What::RogueDhcp { .. } => Kind::RogueDhcp,
            What::RouterAdvert { .. } => Kind::RouterAdvert,
            What::RogueRouter { .. } => Kind::RogueRouter,
            What::StationLimit { .. } => Kind::StationLimit,
        }
    }

    /// The address concerned, when there is one.
    pub fn ip(&self) -> Option<IpAddr> {
        match self {
            What::NewStation { ip, .. }
            | What::ChangedMac { ip, .. }
            | What::FlipFlop { ip, .. }
            | What::IpConflict { ip, .. }
            | What::GatewaySpoofing { ip, .. }
            | What::OwnIpClaimed { ip, .. }
            | What::GratuitousArp { ip, .. }
            | What::ArpProbe { ip, .. }
            | What::ArpAnnounce { ip, .. }
            | What::OutsideSubnet { ip, .. }
            | What::DhcpServer { ip, .. }
            | What::RogueDhcp { ip, .. } => Some(IpAddr::V4(*ip)),
            What::OwnMacClaimed { ip, .. } => ip.map(IpAddr::V4),
            What::RouterAdvert { ip, .. } | What::RogueRouter { ip, .. } => Some(IpAddr::V6(*ip)),
            What::StationLimit { .. } => None,
        }
    }

    /// The MAC concerned, when there is one.
    pub fn mac(&self) -> Option<Mac> {
        match self {
            What::NewStation { mac, .. }
            | What::ChangedMac { mac, .. }
            | What::FlipFlop { mac, .. }
            | What::IpConflict { mac, .. }
            | What::GatewaySpoofing { mac, .. }
            | What::OwnIpClaimed { mac, .. }
            | What::OwnMacClaimed { mac, .. }
            | What::GratuitousArp { mac, .. }
            | What::ArpProbe { mac, .. }
            | What::ArpAnnounce { mac, .. }
            | What::OutsideSubnet { mac, .. }
            | What::DhcpServer { mac, .. }
            | What::RogueDhcp { mac, .. }
            | What::RouterAdvert { mac, .. }
            | What::RogueRouter { mac, .. } => Some(*mac),
            What::StationLimit { .. } => None,
        }
    }
}

/// One event: when, what, and what it means.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// When, in seconds since the Unix epoch.
    pub time: f64,
    /// What happened (`kind` and its fields).
    #[serde(flatten)]
    pub what: What,
    /// Whether it is an alarm.
    pub alarm: bool,
    /// The vendor of the MAC concerned (null: unknown, or no MAC).
    pub vendor: Option<String>,
    /// What it means, in words (English in JSON).
    pub detail: Message,
}

impl Event {
    /// The event `what` at `now`, meaning `detail`.
    fn new(now: f64, what: What, detail: Message) -> Event {
        Event {
            time: now,
            alarm: what.kind().alarm(),
            vendor: what.mac().and_then(|m| vendor_of(&m.0)),
            what,
            detail,
        }
    }

    /// Its kind.
    pub fn kind(&self) -> Kind {
        self.what.kind()
    }
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
    /// This host's MAC on the interface.
    pub own_mac: Option<Mac>,
    /// This host's IPv4 addresses on the interface.
    pub own_ips: Vec<Ipv4Addr>,
    /// The default gateways on the interface, with their MACs when known.
    pub gateways: Vec<(Ipv4Addr, Option<Mac>)>,
    /// The expected DHCP server (--dhcp-server), with its MAC when known.
    pub dhcp_server: Option<Expected<Ipv4Addr>>,
    /// The expected IPv6 router (--router), with its MAC when known.
    pub router: Option<Expected<Ipv6Addr>>,
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
    /// When a frame claiming this host's MAC was last reported.
    own_mac_reported: Option<f64>,
    /// Such frames since that report.
    own_mac_frames: u64,
    /// Whether the stations changed since they were last saved.
    changed: bool,
}

impl Watcher {
    /// A watcher knowing `setup` and the stations `known` (IP, MAC, last seen). A gateway or
    /// expected DHCP server whose MAC the neighbour table did not give takes it from `known`,
    /// so a spoofer is not taken for it.
    pub fn new(setup: Setup, known: impl IntoIterator<Item = (Ipv4Addr, Mac, f64)>) -> Self {
        let stations: HashMap<Ipv4Addr, Station> = known
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
        let mut setup = setup;
        for (gw, mac) in &mut setup.gateways {
            if mac.is_none() {
                *mac = stations.get(gw).map(|s| s.mac);
            }
        }
        if let Some(server) = &mut setup.dhcp_server
            && let Some(s) = stations.get(&server.address())
        {
            server.know(s.mac);
        }
        Watcher {
            setup,
            stations,
            unlisted: 0,
            outside: HashSet::new(),
            own_mac_reported: None,
            own_mac_frames: 0,
            changed: false,
        }
    }

    /// What the watcher knows (the gateways' MACs include those taken from the database).
    pub fn setup(&self) -> &Setup {
        &self.setup
    }

    /// The stations as the database keeps them, by address.
    pub fn known(&self) -> Vec<(Ipv4Addr, Mac, f64)> {
        let mut v: Vec<_> = self
            .stations
            .iter()
            .map(|(ip, s)| (*ip, s.mac, s.last_seen))
            .collect();
        v.sort_by_key(|(ip, _, _)| *ip);
        v
    }

    /// Whether the stations changed since they were last saved.
    pub fn changed(&self) -> bool {
        self.changed
    }

    /// Notes that the stations were saved as they are now.
    pub fn mark_saved(&mut self) {
        self.changed = false;
    }

    /// The events one frame raises, heard at `now` (Unix seconds).
    pub fn hear(&mut self, frame: &Frame, now: f64) -> Vec<Event> {
        let mut out = Vec::new();
        let arp = match &frame.sighting {
            Ok(Sighting::Arp(f)) => Some(f),
            _ => None,
        };
        let own = self.setup.own_mac;
        if own.is_some()
            && (frame.source == own || arp.is_some_and(|f| Some(Mac(f.sender_mac)) == own))
        {
            out.extend(self.own_mac_claimed(arp, now));
        }
        match &frame.sighting {
            Ok(Sighting::Arp(f)) => out.extend(self.arp(f, now)),
            Ok(Sighting::Dhcp(m)) => out.push(self.dhcp(m, now)),
            Ok(Sighting::RouterAdvert(ra)) => out.push(self.router_advert(ra, now)),
            Ok(Sighting::Other) | Err(_) => {}
        }
        out
    }

    /// A frame that came in claiming this host's MAC (as its Ethernet source or ARP sender):
    /// reported at most once per [`OWN_MAC_REPORT_SECONDS`].
    fn own_mac_claimed(&mut self, arp: Option<&ArpFrame>, now: f64) -> Option<Event> {
        let mac = self.setup.own_mac?;
        self.own_mac_frames += 1;
        if self
            .own_mac_reported
            .is_some_and(|last| now - last < OWN_MAC_REPORT_SECONDS)
        {
            return None;
        }
        self.own_mac_reported = Some(now);
        let frames = std::mem::take(&mut self.own_mac_frames);
        let ip = arp.map(|f| f.sender_ip).filter(|ip| !ip.is_unspecified());
        let said = mac.to_string();
        let mut detail = t!("watch-own-mac", mac = &said);
        if let Some(ip) = ip {
            detail = t!("watch-own-mac-says", detail = detail, mac = &said, ip = ip);
        }
        if frames > 1 {
            detail = t!("watch-own-mac-frames", detail = detail, frames = frames);
        }
        Some(Event::new(
            now,
            What::OwnMacClaimed { ip, mac, frames },
            detail,
        ))
    }

    fn arp(&mut self, f: &ArpFrame, now: f64) -> Vec<Event> {
        let mac = Mac(f.sender_mac);
        if f.sender_ip.is_unspecified() {
            let ip = f.target_ip;
            return vec![Event::new(
                now,
                What::ArpProbe { ip, mac },
                t!("watch-arp-probe", mac = mac.to_string(), ip = ip),
            )];
        }
        let ip = f.sender_ip;
        let mut out = Vec::new();
        if f.sender_ip == f.target_ip {
            out.push(if f.op == REQUEST {
                Event::new(
                    now,
                    What::ArpAnnounce { ip, mac },
                    t!("watch-arp-announce", mac = mac.to_string(), ip = ip),
                )
            } else {
                Event::new(
                    now,
                    What::GratuitousArp { ip, mac },
                    t!("watch-gratuitous", mac = mac.to_string(), ip = ip),
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
            out.push(Event::new(
                now,
                What::OutsideSubnet { ip, mac },
                t!("watch-outside", ip = ip),
            ));
        }
        // This host is no station of its own table; another MAC for its address is an alarm.
        if self.setup.own_ips.contains(&ip) {
            let own_mac = self.setup.own_mac;
            if Some(mac) != own_mac {
                out.push(Event::new(
                    now,
                    What::OwnIpClaimed { ip, mac, own_mac },
                    t!("watch-own-ip", mac = mac.to_string(), ip = ip),
                ));
            }
            return out;
        }
        if let Some(gw) = self.setup.gateways.iter_mut().find(|(g, _)| *g == ip) {
            match gw.1 {
                Some(known) if known != mac => {
                    out.push(Event::new(
                        now,
                        What::GatewaySpoofing {
                            ip,
                            mac,
                            previous_mac: known,
                        },
                        t!(
                            "watch-gateway-spoofing",
                            mac = mac.to_string(),
                            ip = ip,
                            known = known.to_string()
                        ),
                    ));
                    // The spoofer's MAC is never learned for the gateway (nor saved).
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
        self.changed = true;
        let Some(st) = self.stations.get_mut(&ip) else {
            if full {
                self.unlisted += 1;
                return (self.unlisted == 1).then(|| {
                    Event::new(
                        now,
                        What::StationLimit {
                            limit: MAX_STATIONS,
                        },
                        t!("watch-station-limit", limit = MAX_STATIONS),
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
            return Some(Event::new(
                now,
                What::NewStation { ip, mac },
                t!("watch-new-station", ip = ip, mac = mac.to_string()),
            ));
        };
        if st.mac == mac {
            st.last_seen = now;
            st.heard = true;
            return None;
        }
        let old = st.mac;
        let conflict = st.heard && now - st.last_seen < CONFLICT_SECONDS;
        let back = st.previous == Some(mac);
        *st = Station {
            mac,
            previous: Some(old),
            last_seen: now,
            heard: true,
        };
        let previous_mac = old;
        Some(if conflict {
            Event::new(
                now,
                What::IpConflict {
                    ip,
                    mac,
                    previous_mac,
                },
                t!(
                    "watch-ip-conflict",
                    ip = ip,
                    mac = mac.to_string(),
                    old = old.to_string(),
                    seconds = CONFLICT_SECONDS.to_string()
                ),
            )
        } else if back {
            Event::new(
                now,
                What::FlipFlop {
                    ip,
                    mac,
                    previous_mac,
                },
                t!(
                    "watch-flip-flop",
                    ip = ip,
                    mac = mac.to_string(),
                    old = old.to_string()
                ),
            )
        } else {
            Event::new(
                now,
                What::ChangedMac {
                    ip,
                    mac,
                    previous_mac,
                },
                t!(
                    "watch-changed-mac",
                    ip = ip,
                    old = old.to_string(),
                    mac = mac.to_string()
                ),
            )
        })
    }

    fn dhcp(&mut self, m: &DhcpServerMessage, now: f64) -> Event {
        let c = &m.config;
        let separator = t!("common-list-separator").to_string();
        let list = |v: &[Ipv4Addr]| {
            v.iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join(&separator)
        };
        let mut gives = t!(
            "watch-dhcp-gives",
            message = m.message,
            address = m.address,
            client = m.client_mac.to_string()
        );
        if !c.routers.is_empty() {
            gives = t!(
                "watch-dhcp-router",
                gives = gives,
                routers = list(&c.routers)
            );
        }
        if !c.dns_servers.is_empty() {
            gives = t!(
                "watch-dhcp-dns",
                gives = gives,
                servers = list(&c.dns_servers)
            );
        }
        if let Some(id) = other_server_id(m.server, m.server_id) {
            gives = t!(
                "watch-dhcp-names",
                gives = gives,
                id = id,
                server = m.server
            );
        }
        let (ip, mac, dhcp) = (m.server, m.server_mac, Box::new(m.clone()));
        if let Some(expected) = &mut self.setup.dhcp_server {
            let verdict = expected.judge(ip, mac);
            if let Some(why) = expected.why(verdict, ip, mac) {
                return Event::new(
                    now,
                    What::RogueDhcp {
                        ip,
                        mac,
                        verdict,
                        expected_mac: expected.mac(),
                        dhcp,
                    },
                    t!("watch-rogue-dhcp", why = why, gives = gives),
                );
            }
        }
        Event::new(now, What::DhcpServer { ip, mac, dhcp }, gives)
    }

    fn router_advert(&mut self, ra: &RouterAdvert, now: f64) -> Event {
        let prefixes: Vec<&str> = ra.prefixes.iter().map(|p| p.prefix.as_str()).collect();
        let mut says = if ra.lifetime_seconds == 0 {
            t!("watch-ra-not-default")
        } else {
            t!("watch-ra-default", seconds = ra.lifetime_seconds)
        };
        if !prefixes.is_empty() {
            let prefixes = prefixes.join(&t!("common-list-separator").to_string());
            says = t!("watch-ra-prefixes", says = says, prefixes = prefixes);
        }
        let (ip, mac, router_advert) = (ra.router, ra.mac, ra.clone());
        if let Some(expected) = &mut self.setup.router {
            let verdict = expected.judge(ip, mac);
            if let Some(why) = expected.why(verdict, ip, mac) {
                return Event::new(
                    now,
                    What::RogueRouter {
                        ip,
                        mac,
                        verdict,
                        expected_mac: expected.mac(),
                        router_advert,
                    },
                    t!("watch-rogue-router", why = why, says = says),
                );
            }
        }
        Event::new(
            now,
            What::RouterAdvert {
                ip,
                mac,
                router_advert,
            },
            says,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::arp_frame::REPLY;
    use crate::wire::dhcp_msg::Config;

    const GW: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 1);
    const GW_MAC: Mac = Mac([0x00, 0x16, 0x3e, 0, 0, 1]);
    const OWN: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 2);
    const OWN_MAC: Mac = Mac([0x00, 0x16, 0x3e, 0x12, 0x34, 0x56]);
    const EVIL: Mac = Mac([0x02, 0, 0, 0, 0, 0x66]);

    fn setup() -> Setup {
        Setup {
            subnets: vec![Block::new(IpAddr::V4(Ipv4Addr::new(198, 51, 100, 0)), 24)],
            own_mac: Some(OWN_MAC),
            own_ips: vec![OWN],
            gateways: vec![(GW, Some(GW_MAC))],
            dhcp_server: Some(Expected::new(GW, None)),
            router: None,
        }
    }

    fn watcher() -> Watcher {
        Watcher::new(setup(), [])
    }

    /// An ARP frame from `mac` (Ethernet source and sender).
    fn arp(op: u16, mac: Mac, sip: &str, tip: &str) -> Frame {
        arp_from(mac, op, mac, sip, tip)
    }

    /// An ARP frame with Ethernet source `eth` and sender `mac`.
    fn arp_from(eth: Mac, op: u16, mac: Mac, sip: &str, tip: &str) -> Frame {
        Frame {
            source: Some(eth),
            sighting: Ok(Sighting::Arp(ArpFrame {
                op,
                eth_src: eth.0,
                eth_dst: [0xff; 6],
                sender_mac: mac.0,
                sender_ip: sip.parse().unwrap(),
                target_mac: [0; 6],
                target_ip: tip.parse().unwrap(),
            })),
        }
    }

    fn kinds(events: &[Event]) -> Vec<Kind> {
        events.iter().map(|e| e.kind()).collect()
    }

    #[test]
    fn new_then_known_then_changed_then_back() {
        let mut w = watcher();
        let a = Mac([0x00, 0x16, 0x3e, 0, 0, 7]);
        let b = Mac([0x00, 0x16, 0x3e, 0, 0, 8]);
        let ask = |m| arp(REQUEST, m, "198.51.100.7", "198.51.100.2");
        assert_eq!(kinds(&w.hear(&ask(a), 0.0)), [Kind::NewStation]);
        assert!(w.changed());
        w.mark_saved();
        assert!(w.hear(&ask(a), 1.0).is_empty());
        // Another MAC within a minute: two hosts at once.
        let e = w.hear(&ask(b), 2.0);
        assert_eq!(kinds(&e), [Kind::IpConflict]);
        assert!(e[0].alarm);
        assert!(
            matches!(e[0].what, What::IpConflict { previous_mac, .. } if previous_mac == a),
            "{e:?}"
        );
        // Much later: the old MAC is back, a flip-flop (not an alarm).
        let e = w.hear(&ask(a), 1000.0);
        assert_eq!(kinds(&e), [Kind::FlipFlop]);
        assert!(!e[0].alarm);
        let c = Mac([0x00, 0x16, 0x3e, 0, 0, 9]);
        assert_eq!(kinds(&w.hear(&ask(c), 2000.0)), [Kind::ChangedMac]);
    }

    /// The JSON of an event: `kind` and its own fields, then the common ones.
    #[test]
    fn events_serialize_with_their_kind() {
        let mut w = watcher();
        let a = Mac([0x00, 0x16, 0x3e, 0, 0, 7]);
        let e = &w.hear(&arp(REQUEST, a, "198.51.100.7", "198.51.100.2"), 5.0)[0];
        let v = serde_json::to_value(e).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "time": 5.0,
                "kind": "new_station",
                "ip": "198.51.100.7",
                "mac": "00:16:3e:00:00:07",
                "alarm": false,
                "vendor": "Xensource, Inc.",
                "detail": "198.51.100.7 is at 00:16:3e:00:00:07",
            })
        );
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
            e[0].detail.english().contains("likely ARP spoofing"),
            "{}",
            e[0].detail
        );
        assert!(
            matches!(e[0].what, What::GatewaySpoofing { previous_mac, .. } if previous_mac == GW_MAC)
        );
        // The gateway's own MAC stays the known one.
        assert_eq!(w.stations[&GW].mac, GW_MAC);
    }

    /// Issue 25 item 5: a gateway the neighbour table did not know but the database did is
    /// spoofed as an alarm, and the spoofer's MAC is not learned (nor saved) for it.
    #[test]
    fn a_gateway_known_from_the_database_is_defended() {
        let mut s = setup();
        s.gateways = vec![(GW, None)];
        let mut w = Watcher::new(s, [(GW, GW_MAC, 100.0)]);
        assert_eq!(w.setup().gateways, [(GW, Some(GW_MAC))]);
        let e = w.hear(&arp(REPLY, EVIL, "198.51.100.1", "198.51.100.2"), 200.0);
        assert_eq!(kinds(&e), [Kind::GatewaySpoofing]);
        assert!(e[0].alarm);
        assert_eq!(w.known(), [(GW, GW_MAC, 100.0)]);
        // Without the database, the first MAC heard is taken for the gateway's.
        let mut s = setup();
        s.gateways = vec![(GW, None)];
        let mut w = Watcher::new(s, []);
        w.hear(&arp(REPLY, GW_MAC, "198.51.100.1", "198.51.100.2"), 0.0);
        let e = w.hear(&arp(REPLY, EVIL, "198.51.100.1", "198.51.100.2"), 1.0);
        assert_eq!(kinds(&e), [Kind::GatewaySpoofing]);
    }

    /// Issue 25 item 5: another host claiming this host's address is an alarm, never a
    /// station.
    #[test]
    fn another_host_claiming_our_address() {
        let mut w = watcher();
        let e = w.hear(&arp(REPLY, EVIL, "198.51.100.2", "198.51.100.1"), 0.0);
        assert_eq!(kinds(&e), [Kind::OwnIpClaimed]);
        assert!(e[0].alarm);
        assert!(
            e[0].detail.english().contains("this host's own address"),
            "{e:?}"
        );
        let e = w.hear(&arp(REQUEST, EVIL, "198.51.100.2", "198.51.100.2"), 1.0);
        assert_eq!(kinds(&e), [Kind::ArpAnnounce, Kind::OwnIpClaimed]);
        assert!(w.stations.is_empty(), "{:?}", w.stations);
        // A probe for it is a host asking, not claiming.
        let e = w.hear(&arp(REQUEST, EVIL, "0.0.0.0", "198.51.100.2"), 2.0);
        assert_eq!(kinds(&e), [Kind::ArpProbe]);
    }

    /// Issue 25 item 2: a frame from outside that claims this host's MAC is an alarm (its
    /// ARP still judged), reported once a minute with the count in between.
    #[test]
    fn a_frame_claiming_our_mac_from_outside() {
        let mut w = watcher();
        let e = w.hear(&arp(REPLY, OWN_MAC, "198.51.100.1", "198.51.100.9"), 0.0);
        assert_eq!(kinds(&e), [Kind::OwnMacClaimed, Kind::GatewaySpoofing]);
        assert!(e[0].alarm);
        assert_eq!(e[0].what.ip(), Some(IpAddr::V4(GW)));
        // Our MAC as the ARP sender behind another Ethernet source, too.
        let e = w.hear(
            &arp_from(EVIL, REPLY, OWN_MAC, "198.51.100.9", "198.51.100.1"),
            10.0,
        );
        assert_eq!(kinds(&e), [Kind::NewStation], "within the minute: counted");
        let other = Frame {
            source: Some(OWN_MAC),
            sighting: Ok(Sighting::Other),
        };
        let e = w.hear(&other, 61.0);
        assert_eq!(kinds(&e), [Kind::OwnMacClaimed]);
        assert!(matches!(
            e[0].what,
            What::OwnMacClaimed {
                frames: 2,
                ip: None,
                ..
            }
        ));
        assert!(
            e[0].detail.english().contains("2 such frames"),
            "{}",
            e[0].detail
        );
        // A malformed frame claiming it counts as well.
        let flawed = Frame {
            source: Some(OWN_MAC),
            sighting: Err(crate::wire::lan_frame::Flaw::RouterAdvert),
        };
        assert_eq!(kinds(&w.hear(&flawed, 200.0)), [Kind::OwnMacClaimed]);
    }

    fn dhcp_from(ip: Ipv4Addr, mac: Mac, server_id: Option<Ipv4Addr>) -> Frame {
        Frame {
            source: Some(mac),
            sighting: Ok(Sighting::Dhcp(Box::new(DhcpServerMessage {
                server: ip,
                server_mac: mac,
                server_id,
                message: "offer",
                client_mac: Mac([0, 0x16, 0x3e, 0, 0, 0x99]),
                address: Ipv4Addr::new(198, 51, 100, 120),
                config: Config::default(),
            }))),
        }
    }

    /// Issue 25 item 3: a DHCP server is judged by its IP and Ethernet sources, never by the
    /// Server Identifier it writes; a message naming another server is flagged.
    #[test]
    fn rogue_dhcp_servers_by_their_sources() {
        let mut w = watcher();
        let rogue = Ipv4Addr::new(198, 51, 100, 66);
        // From another address, naming the expected server in option 54: rogue, and flagged.
        let e = w.hear(&dhcp_from(rogue, EVIL, Some(GW)), 0.0);
        assert_eq!(kinds(&e), [Kind::RogueDhcp]);
        assert!(
            matches!(
                e[0].what,
                What::RogueDhcp {
                    verdict: Verdict::OtherAddress,
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(
            e[0].detail
                .english()
                .contains("names 198.51.100.1 as its server (option 54)"),
            "{}",
            e[0].detail
        );
        // The expected server (its MAC remembered), then its address from another MAC.
        assert_eq!(
            kinds(&w.hear(&dhcp_from(GW, GW_MAC, Some(GW)), 1.0)),
            [Kind::DhcpServer]
        );
        let e = w.hear(&dhcp_from(GW, EVIL, Some(GW)), 2.0);
        assert_eq!(kinds(&e), [Kind::RogueDhcp]);
        assert!(
            matches!(e[0].what, What::RogueDhcp { verdict: Verdict::OtherMac, expected_mac: Some(m), .. } if m == GW_MAC)
        );
        // The database tells the expected server's MAC before any message.
        let mut w = Watcher::new(setup(), [(GW, GW_MAC, 1.0)]);
        let e = w.hear(&dhcp_from(GW, EVIL, Some(GW)), 2.0);
        assert_eq!(kinds(&e), [Kind::RogueDhcp]);
        // Without --dhcp-server, a message naming another server is still flagged.
        let mut s = setup();
        s.dhcp_server = None;
        let mut w = Watcher::new(s, []);
        let e = w.hear(&dhcp_from(rogue, EVIL, Some(GW)), 0.0);
        assert_eq!(kinds(&e), [Kind::DhcpServer]);
        assert!(
            e[0].detail.english().contains("option 54"),
            "{}",
            e[0].detail
        );
    }

    /// Issue 25 item 5: --router compares the router's MAC as well as its address.
    #[test]
    fn a_rogue_router_from_the_routers_address() {
        let mut s = setup();
        let router: Ipv6Addr = "fe80::1".parse().unwrap();
        s.router = Some(Expected::new(router, Some(GW_MAC)));
        let mut w = Watcher::new(s, []);
        let ra = |mac: Mac| Frame {
            source: Some(mac),
            sighting: Ok(Sighting::RouterAdvert(RouterAdvert {
                router,
                mac,
                lifetime_seconds: 1800,
                managed: false,
                other: false,
                prefixes: vec![],
            })),
        };
        assert_eq!(kinds(&w.hear(&ra(GW_MAC), 0.0)), [Kind::RouterAdvert]);
        let e = w.hear(&ra(EVIL), 1.0);
        assert_eq!(kinds(&e), [Kind::RogueRouter]);
        assert!(
            e[0].detail.english().contains("forging its address"),
            "{}",
            e[0].detail
        );
    }

    #[test]
    fn probes_announcements_gratuitous_and_outsiders() {
        let mut w = watcher();
        let m = Mac([0x00, 0x16, 0x3e, 0, 0, 0x21]);
        let e = w.hear(&arp(REQUEST, m, "0.0.0.0", "198.51.100.33"), 0.0);
        assert_eq!(kinds(&e), [Kind::ArpProbe]);
        assert_eq!(e[0].what.ip(), Some("198.51.100.33".parse().unwrap()));
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
            let mac = Mac([0, 0x16, 0x3e, 1, 2, 3]);
            let f = arp(REQUEST, mac, &ip.to_string(), &ip.to_string());
            limit += w
                .hear(&f, 0.0)
                .iter()
                .filter(|e| e.kind() == Kind::StationLimit)
                .count();
        }
        assert_eq!(w.stations.len(), MAX_STATIONS);
        assert_eq!((w.unlisted, limit), (10, 1));
    }
}
