//! The facts of `netkit tour`, one struct per section of the primer's "网络通信的流程": what this
//! machine shows of each concept, as data (no sentences: the view words them, JSON carries
//! them as they are, the same in every language).

use std::net::{IpAddr, Ipv4Addr};

use serde::Serialize;

use crate::error::Error;
use crate::net::addr::Cidr;
use crate::net::block::SubnetCheck;
use crate::net::hwaddr::{HwAddr, Mac, MacPrefix};
use crate::net::oui::Vendor;
use crate::system::model::{DhcpLease, NeighState, Origin};
use crate::util::time::round_ms;
use crate::wire::dns::record::Record;
use crate::wire::dns::types::{Rcode, Type};

/// Why a section shows less than it is about, on this machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// No interface to show: no IPv4 default route, and not exactly one Ethernet link up.
    NoInterface,
    /// The interface has no IPv4 address.
    NoAddress,
    /// There is no IPv4 default route (so no gateway).
    NoDefaultRoute,
    /// The DNS configuration could not be read.
    DnsConfigUnreadable,
    /// No DNS server is configured.
    NoDnsServer,
    /// No name to look up: no search domain, and no `--name`.
    NoName,
    /// The DNS server gave no answer in time (or could not be asked).
    DnsNoAnswer,
    /// The interface has no Ethernet address: no ARP there.
    NoMac,
    /// netkit may not send raw frames here: the ARP request was not sent.
    NoPrivilege,
    /// The gateway did not answer the ARP request in time.
    NoReply,
    /// The ARP exchange failed (the link could not be opened or used).
    ArpFailed,
}

/// How a section ends: shown, shown in part because the machine lacks something (exit 1), or
/// failed on the network (exit 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every fact of the section (or the form it takes without privilege).
    Shown,
    /// The machine lacks what the section is about.
    Lacking,
    /// A network exchange failed.
    Failed,
}

impl Missing {
    /// What this gap means for the exit status.
    pub fn outcome(self) -> Outcome {
        match self {
            Missing::NoName | Missing::NoPrivilege => Outcome::Shown,
            Missing::DnsNoAnswer | Missing::ArpFailed | Missing::DnsConfigUnreadable => {
                Outcome::Failed
            }
            _ => Outcome::Lacking,
        }
    }
}

/// One section: its facts (null when there are none to show), why it shows less when it does,
/// and the netkit commands that go deeper.
#[derive(Debug, Serialize)]
pub struct Section<F> {
    /// What this machine shows.
    pub facts: Option<F>,
    /// Why the section shows less than it is about (null: everything is shown).
    pub missing: Option<Missing>,
    /// Commands that show more.
    pub deeper: Vec<String>,
}

impl<F> Section<F> {
    /// The section's outcome.
    pub fn outcome(&self) -> Outcome {
        self.missing.map_or(Outcome::Shown, Missing::outcome)
    }
}

/// One interface of this host.
#[derive(Debug, Serialize)]
pub struct Card {
    /// Its name.
    pub name: String,
    /// Its hardware address (None: loopback, tunnels).
    pub mac: Option<Mac>,
    /// Administratively up.
    pub up: bool,
    /// Its IPv4 addresses, with their prefixes.
    pub ipv4: Vec<Cidr>,
}

/// 网卡 and MAC.
#[derive(Debug, Serialize)]
pub struct Nic {
    /// Every interface of this host.
    pub interfaces: Vec<Card>,
    /// The interface that reaches the gateway (else the only Ethernet card up); None when
    /// there is neither.
    pub interface: Option<String>,
    /// Its MAC (None on a link without one).
    pub mac: Option<Mac>,
    /// The first three octets, the maker's prefix.
    pub oui: Option<MacPrefix>,
    /// The registered maker.
    pub vendor: Option<Vendor>,
    /// U/L bit set: chosen by software, not by the maker.
    pub locally_administered: Option<bool>,
}

/// IP地址 and 子网掩码.
#[derive(Debug, Serialize)]
pub struct Address {
    /// The interface.
    pub interface: String,
    /// The address.
    pub address: Ipv4Addr,
    /// The prefix length: how many leading bits are the network part.
    pub prefix: u8,
    /// The mask.
    pub netmask: Ipv4Addr,
    /// Address AND mask.
    pub network: Ipv4Addr,
    /// The host part: address AND NOT mask.
    pub host_part: Ipv4Addr,
    /// The subnet's broadcast address (None for /31 and /32).
    pub broadcast: Option<Ipv4Addr>,
    /// How many bits are the host part.
    pub host_bits: u8,
    /// Usable host addresses in the subnet.
    pub hosts: u64,
    /// The address in binary, octets separated by dots.
    pub address_binary: String,
    /// The mask in binary.
    pub netmask_binary: String,
    /// The network in binary.
    pub network_binary: String,
}

/// Where a packet to an address goes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// Same subnet: straight to it, after ARP for it.
    Direct,
    /// Another subnet: to the gateway, after ARP for the gateway.
    Gateway,
}

/// The mask arithmetic toward one address.
#[derive(Debug, Serialize)]
pub struct Decision {
    /// The address.
    pub destination: Ipv4Addr,
    /// Both addresses ANDed with this host's mask.
    pub check: SubnetCheck,
    /// What the arithmetic decides.
    pub delivery: Delivery,
    /// The kernel's own next hop toward it (asked, nothing sent); None when it has no route.
    pub kernel_next_hop: Option<IpAddr>,
}

/// 网关 and 路由器.
#[derive(Debug, Serialize)]
pub struct Gateway {
    /// The default gateway's address.
    pub gateway: Ipv4Addr,
    /// The interface it is reached through.
    pub interface: String,
    /// The route's metric.
    pub metric: Option<u32>,
    /// One address on this subnet (the gateway itself) and one beyond it.
    pub decisions: Vec<Decision>,
}

/// One DNS lookup, timed.
#[derive(Debug, Serialize)]
pub struct Lookup {
    /// The name asked.
    pub name: String,
    /// The server asked.
    pub server: IpAddr,
    /// The type asked.
    #[serde(rename = "type")]
    pub rtype: Type,
    /// The response code (NOERROR, NXDOMAIN...).
    pub rcode: Rcode,
    /// The answer records.
    pub answers: Vec<Record>,
    /// The addresses among them.
    pub addresses: Vec<IpAddr>,
    /// From the query sent to the answer read, in milliseconds.
    #[serde(serialize_with = "round_ms")]
    pub took_ms: f64,
}

/// DNS.
#[derive(Debug, Serialize)]
pub struct Dns {
    /// The servers the system's resolver asks, in order.
    pub servers: Vec<IpAddr>,
    /// The search list.
    pub search: Vec<String>,
    /// The file they were read from; unknown when it could not be read (JSON: "").
    #[serde(serialize_with = "crate::system::model::origin_or_empty")]
    pub source: Option<Origin>,
    /// When the servers are systemd-resolved's local stub: the servers it forwards to.
    pub upstreams: Option<Vec<IpAddr>>,
    /// The lookup.
    pub lookup: Option<Lookup>,
    /// How long the lookup waited at most, in milliseconds.
    pub timeout_ms: u64,
    /// Why the lookup failed (for people; JSON says `missing`).
    #[serde(skip)]
    pub error: Option<Error>,
}

/// The ARP request for the gateway, as sent or as it would be sent.
#[derive(Debug, Serialize)]
pub struct ArpRequest {
    /// The Ethernet destination: the broadcast address.
    pub destination: Mac,
    /// This host's MAC.
    pub sender_mac: Mac,
    /// This host's address.
    pub sender_ip: Ipv4Addr,
    /// The address asked about: the gateway.
    pub target_ip: Ipv4Addr,
}

/// The gateway's ARP reply.
#[derive(Debug, Serialize)]
pub struct ArpReply {
    /// The MAC it answered with.
    pub mac: Mac,
    /// Its maker.
    pub vendor: Option<String>,
    /// Sent to this host's MAC alone (unicast).
    pub destination: Mac,
    /// Round trip, in milliseconds.
    #[serde(serialize_with = "round_ms")]
    pub rtt_ms: f64,
}

/// The neighbour cache's entry for the gateway.
#[derive(Debug, Serialize)]
pub struct CacheEntry {
    /// The MAC cached (None while unresolved).
    pub mac: Option<HwAddr>,
    /// The entry's state (REACHABLE, STALE...).
    pub state: NeighState,
}

/// 广播 and ARP.
#[derive(Debug, Serialize)]
pub struct Arp {
    /// The interface.
    pub interface: String,
    /// The request.
    pub request: ArpRequest,
    /// Whether it was sent (netkit had the privilege).
    pub sent: bool,
    /// The reply, when one came.
    pub reply: Option<ArpReply>,
    /// The kernel's neighbour cache entry for the gateway, read after the exchange.
    pub cache: Option<CacheEntry>,
    /// How long netkit waited for the reply at most, in milliseconds.
    pub timeout_ms: u64,
    /// The command that sends the request.
    pub command: String,
    /// Why the exchange failed (for people; JSON says `missing`).
    #[serde(skip)]
    pub error: Option<Error>,
}

/// DHCP.
#[derive(Debug, Serialize)]
pub struct Dhcp {
    /// The interface.
    pub interface: String,
    /// Its IPv4 address has a lifetime that runs out (as leased addresses do); false: static.
    pub dynamic: bool,
    /// The lease a DHCP client left for it, when one did.
    pub lease: Option<DhcpLease>,
}

/// 集线器 and 交换机.
#[derive(Debug, Serialize)]
pub struct Switch {
    /// The interface.
    pub interface: String,
    /// This host's MAC: a switch delivers frames to it on this host's port alone.
    pub mac: Option<Mac>,
    /// The gateway's MAC, when known: unicast frames to it go to its port only.
    pub gateway_mac: Option<HwAddr>,
    /// The broadcast address: frames to it go out of every port.
    pub broadcast: Mac,
}

/// C/S and B/S.
#[derive(Debug, Serialize)]
pub struct ClientServer {
    /// The address other machines reach this one at.
    pub address: Option<Ipv4Addr>,
    /// The port the chat server listens on.
    pub port: u16,
    /// The command that starts the server.
    pub server: String,
    /// The command a client on another machine runs.
    pub client: String,
    /// The command that starts the room with its web page.
    pub web_server: String,
    /// The page a browser opens.
    pub url: String,
}

/// The answer of `netkit tour`: one object per section.
#[derive(Debug, Serialize)]
pub struct Tour {
    /// 网卡 and MAC.
    pub nic: Section<Nic>,
    /// IP地址 and 子网掩码.
    pub address: Section<Address>,
    /// 网关 and 路由器.
    pub gateway: Section<Gateway>,
    /// DNS.
    pub dns: Section<Dns>,
    /// 广播 and ARP.
    pub arp: Section<Arp>,
    /// DHCP.
    pub dhcp: Section<Dhcp>,
    /// 集线器 and 交换机.
    pub switch: Section<Switch>,
    /// C/S and B/S.
    pub client_server: Section<ClientServer>,
}

impl Tour {
    /// Every section's outcome, in order.
    pub fn outcomes(&self) -> [Outcome; 8] {
        [
            self.nic.outcome(),
            self.address.outcome(),
            self.gateway.outcome(),
            self.dns.outcome(),
            self.arp.outcome(),
            self.dhcp.outcome(),
            self.switch.outcome(),
            self.client_server.outcome(),
        ]
    }
}
