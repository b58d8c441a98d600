//! `netkit tour`: the primer's section "网络通信的流程" walked on the machine it runs on. One short
//! section per concept — 网卡 and MAC, IP地址 and 子网掩码, 网关 and 路由器, DNS, 广播 and ARP,
//! DHCP, 集线器 and 交换机, C/S and B/S — each with this machine's live facts, a sentence or two
//! of explanation and the netkit command that goes deeper.
//!
//! Every fact comes from the lower layers the other commands use too: the kernel's tables and
//! the lease files (`system`), the vendor registry and the MAC's bits (`net::oui`,
//! `net::hwaddr`), the mask arithmetic (`system::routing::subnet_check`, `net::block`), the DNS
//! codec (`wire::dns`) and the ARP exchange (`system::ask_once_on`). It sends two things at
//! most, each with a short deadline: one DNS query to the configured server
//! ([`lookup::DNS_TIMEOUT`]) and, with the raw-socket privilege, one ARP request for the
//! gateway ([`ARP_TIMEOUT`]).

mod facts;
mod lookup;
mod view;

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use crate::cli::TourArgs;
use crate::error::{Error, Result};
use crate::i18n::t;
use crate::net::addr::Cidr;
use crate::net::block::{Block, binary};
use crate::net::hwaddr::{HwAddr, Mac, MacPrefix, is_local};
use crate::net::oui;
use crate::output::{Ui, emit};
use crate::system::model::{Addr, DnsConfig, Link, LinkType, Route};
use crate::system::routing::{
    default_routes, dhcp_in_use, interface_addr, lan_link, neighbour_of, subnet_check,
};
use crate::system::{Tables, ask_once_on, dns_config, may_use_raw_sockets};
use crate::wire::arp_frame;
use crate::wire::dns::name::from_query_name;

use facts::*;

/// How long the ARP exchange waits for the gateway's reply.
pub const ARP_TIMEOUT: Duration = Duration::from_secs(1);

/// The chat server's port in the C/S section (`netkit chat server`'s default).
const CHAT_PORT: u16 = 8001;
/// The web page's port in the B/S section (`--web`'s default).
const WEB_PORT: u16 = 8080;
/// The broadcast MAC.
const BROADCAST: Mac = Mac(arp_frame::BROADCAST);

/// What the tour stands on: the kernel's tables, read once.
struct Snapshot {
    links: Vec<Link>,
    addrs: Vec<Addr>,
    routes: Vec<Route>,
}

/// The interface the tour is about, with its IPv4 address and default gateway.
struct Place<'a> {
    link: &'a Link,
    addr: Option<&'a Addr>,
    gateway: Option<(Ipv4Addr, Option<u32>)>,
}

/// Runs `netkit tour`.
pub fn run(args: &TourArgs, ui: &Ui) -> Result<u8> {
    if let Some(name) = &args.name
        && from_query_name(name).is_none()
    {
        return Err(Error::bad(t!("name-what"), name, t!("tour-bad-name")));
    }
    let mut tables = Tables::open()?;
    let snap = Snapshot {
        links: tables.links()?,
        addrs: tables.addresses()?,
        routes: tables.routes()?,
    };
    let tour = gather(&mut tables, &snap, args.name.as_deref())?;
    emit(ui, &tour)
}

/// A section of facts, what it lacks and the commands that go deeper.
fn section<F>(facts: Option<F>, missing: Option<Missing>, commands: Vec<String>) -> Section<F> {
    Section {
        facts,
        missing,
        deeper: commands,
    }
}

/// Walks every section.
fn gather(tables: &mut Tables, snap: &Snapshot, name: Option<&str>) -> Result<Tour> {
    let place = place(snap);
    let config = dns_config();
    let nic = nic(snap, place.as_ref());
    let address = address(place.as_ref());
    let gateway = gateway(tables, snap, place.as_ref(), config.as_ref().ok())?;
    // The two exchanges wait side by side: the tour takes the longer wait, not their sum.
    let (dns, mut arp) = std::thread::scope(|scope| {
        let dns = scope.spawn(|| dns(name, config));
        let arp = arp(place.as_ref());
        (dns.join(), arp)
    });
    let dns = dns
        .map_err(|_| Error::internal(t!("doing-dns-lookup"), std::io::Error::other("panicked")))?;
    // The neighbour cache as the exchanges left it.
    if let (Some(a), Some(p)) = (arp.facts.as_mut(), place.as_ref()) {
        let neighbours = tables.neighbours()?;
        let gw = IpAddr::V4(a.request.target_ip);
        a.cache = neighbour_of(&neighbours, p.link.index, gw).map(|n| CacheEntry {
            mac: n.mac.as_deref().map(HwAddr::from),
            state: n.state,
        });
    }
    let dhcp = dhcp(tables, snap, place.as_ref());
    let gateway_mac = arp.facts.as_ref().and_then(|a| {
        a.reply
            .as_ref()
            .map(|r| HwAddr::from(r.mac))
            .or_else(|| a.cache.as_ref().and_then(|c| c.mac.clone()))
    });
    let switch = switch(place.as_ref(), gateway_mac);
    let client_server = client_server(place.as_ref());
    Ok(Tour {
        nic,
        address,
        gateway,
        dns,
        arp,
        dhcp,
        switch,
        client_server,
    })
}

/// The interface that reaches the IPv4 default gateway, else the only Ethernet link that is up.
fn place(snap: &Snapshot) -> Option<Place<'_>> {
    let default = default_routes(&snap.routes)
        .into_iter()
        .find(|r| !r.ipv6 && matches!(r.gateway, Some(IpAddr::V4(_))));
    let link = lan_link(&snap.links, &snap.routes, |l| {
        snap.addrs
            .iter()
            .any(|a| a.index == l.index && a.address.is_ipv4())
    })?;
    let gateway = default
        .filter(|r| r.oif == Some(link.index))
        .and_then(|r| match r.gateway {
            Some(IpAddr::V4(g)) => Some((g, r.metric)),
            _ => None,
        });
    let prefsrc = default.and_then(|r| r.prefsrc);
    let addr = interface_addr(
        &snap.addrs,
        link.index,
        true,
        gateway.map(|(g, _)| IpAddr::V4(g)),
        prefsrc,
    );
    Some(Place {
        link,
        addr,
        gateway,
    })
}

fn v4(addr: &Addr) -> Option<Ipv4Addr> {
    match addr.address {
        IpAddr::V4(a) => Some(a),
        IpAddr::V6(_) => None,
    }
}

/// 网卡 and MAC: every interface, and the one that reaches the gateway with its maker.
fn nic(snap: &Snapshot, place: Option<&Place<'_>>) -> Section<Nic> {
    let interfaces = snap
        .links
        .iter()
        .map(|l| Card {
            name: l.name.clone(),
            mac: l.mac6().filter(|m| *m != [0; 6]).map(Mac),
            up: l.flags.is_up(),
            ipv4: snap
                .addrs
                .iter()
                .filter(|a| a.index == l.index && a.address.is_ipv4())
                .map(|a| Cidr {
                    addr: a.address,
                    prefix: a.prefix,
                })
                .collect(),
        })
        .collect();
    let Some(p) = place else {
        return section(
            Some(Nic {
                interfaces,
                interface: None,
                mac: None,
                oui: None,
                vendor: None,
                locally_administered: None,
            }),
            Some(Missing::NoInterface),
            vec!["netkit ifaces --all".into()],
        );
    };
    let mac = p.link.mac6().filter(|m| *m != [0; 6]);
    let mut commands = vec![format!("netkit ifaces {} --all", p.link.name)];
    if let Some(m) = mac {
        commands.push(format!("netkit mac {}", Mac(m)));
    }
    section(
        Some(Nic {
            interfaces,
            interface: Some(p.link.name.clone()),
            mac: mac.map(Mac),
            oui: mac.map(|m| MacPrefix::oui(Mac(m))),
            vendor: mac.and_then(oui::lookup),
            locally_administered: mac.map(is_local),
        }),
        mac.is_none().then_some(Missing::NoMac),
        commands,
    )
}

/// IP地址 and 子网掩码: the address, the mask, and both parts in binary.
fn address(place: Option<&Place<'_>>) -> Section<Address> {
    let Some(p) = place else {
        return section(
            None,
            Some(Missing::NoInterface),
            vec!["netkit ifaces".into()],
        );
    };
    let Some((a, ip)) = p.addr.and_then(|a| v4(a).map(|ip| (a, ip))) else {
        return section(
            None,
            Some(Missing::NoAddress),
            vec![format!("netkit ifaces {}", p.link.name)],
        );
    };
    let block = Block::new(IpAddr::V4(ip), a.prefix);
    let v4of = |v: u128| Ipv4Addr::from(v as u32);
    let hosts = block.hosts();
    let family = crate::net::addr::Family::V4;
    section(
        Some(Address {
            interface: p.link.name.clone(),
            address: ip,
            prefix: a.prefix,
            netmask: v4of(block.mask()),
            network: v4of(block.network()),
            host_part: v4of(u128::from(u32::from(ip)) & block.wildcard()),
            broadcast: hosts.broadcast.map(v4of),
            host_bits: 32 - a.prefix,
            hosts: hosts.count.value.unwrap_or(0) as u64,
            address_binary: binary(family, u128::from(u32::from(ip))),
            netmask_binary: binary(family, block.mask()),
            network_binary: binary(family, block.network()),
        }),
        None,
        vec![format!("netkit subnet info {ip}/{}", a.prefix)],
    )
}

/// An address beyond this host's subnet for the arithmetic's second example: the first DNS
/// server that is not on it, else a documentation address (TEST-NET) that is not.
fn remote_example(config: Option<&DnsConfig>, a: &Addr) -> Ipv4Addr {
    let own = Block::new(a.address, a.prefix);
    let servers = config.map_or(&[][..], |c| &c.servers[..]);
    servers
        .iter()
        .filter_map(|s| match s {
            IpAddr::V4(v) if !v.is_loopback() && !v.is_unspecified() => Some(*v),
            _ => None,
        })
        .chain([
            Ipv4Addr::new(192, 0, 2, 1),
            Ipv4Addr::new(198, 51, 100, 1),
            Ipv4Addr::new(203, 0, 113, 1),
        ])
        .find(|d| !own.contains(u128::from(u32::from(*d))))
        .unwrap_or(Ipv4Addr::new(192, 0, 2, 1))
}

/// 网关 and 路由器: the default gateway, and the mask AND that sends one address straight
/// there and another to the gateway. The kernel's own choice is asked beside it (a lookup in
/// its tables: nothing is sent).
fn gateway(
    tables: &mut Tables,
    snap: &Snapshot,
    place: Option<&Place<'_>>,
    config: Option<&DnsConfig>,
) -> Result<Section<Gateway>> {
    let commands = |gw: Option<Ipv4Addr>| {
        let mut c = vec!["netkit gateway".to_string()];
        if let Some(g) = gw {
            c.push(format!("netkit route get {g}"));
        }
        c
    };
    let Some(p) = place else {
        return Ok(section(None, Some(Missing::NoInterface), commands(None)));
    };
    let (Some((gw, metric)), Some(a)) = (p.gateway, p.addr.filter(|a| a.address.is_ipv4())) else {
        let missing = if p.gateway.is_none() {
            Missing::NoDefaultRoute
        } else {
            Missing::NoAddress
        };
        return Ok(section(None, Some(missing), commands(None)));
    };
    let remote = remote_example(config, a);
    let route = snap
        .routes
        .iter()
        .find(|r| r.oif == Some(p.link.index) && r.gateway == Some(IpAddr::V4(gw)))
        .cloned();
    let mut decisions = Vec::new();
    for dest in [gw, remote] {
        let d = IpAddr::V4(dest);
        let kernel = tables.route_to(d)?.ok();
        let check = kernel
            .as_ref()
            .and_then(|r| subnet_check(&snap.addrs, r, d))
            .or_else(|| route.as_ref().and_then(|r| subnet_check(&snap.addrs, r, d)))
            .unwrap_or_else(|| {
                crate::net::block::SubnetCheck::new(
                    crate::net::addr::Cidr {
                        addr: a.address,
                        prefix: a.prefix,
                    },
                    d,
                )
            });
        let delivery = if check.same_subnet {
            Delivery::Direct
        } else {
            Delivery::Gateway
        };
        let kernel_next_hop = kernel.map(|r| r.gateway.unwrap_or(d));
        decisions.push(Decision {
            destination: dest,
            check,
            delivery,
            kernel_next_hop,
        });
    }
    Ok(section(
        Some(Gateway {
            gateway: gw,
            interface: p.link.name.clone(),
            metric,
            decisions,
        }),
        None,
        vec![
            "netkit gateway".into(),
            format!("netkit route get {remote}"),
        ],
    ))
}

/// DNS: the servers the resolver asks, and one timed lookup of `name` (else the search
/// domain's own name) at the first of them.
fn dns(name: Option<&str>, config: Result<DnsConfig>) -> Section<Dns> {
    let timeout_ms = lookup::DNS_TIMEOUT.as_millis() as u64;
    let config = match config {
        Ok(c) => c,
        Err(e) => {
            return section(
                Some(Dns {
                    servers: Vec::new(),
                    search: Vec::new(),
                    source: None,
                    upstreams: None,
                    lookup: None,
                    timeout_ms,
                    error: Some(e),
                }),
                Some(Missing::DnsConfigUnreadable),
                vec!["netkit ifaces --all".into()],
            );
        }
    };
    let wanted = name
        .map(str::to_string)
        .or_else(|| config.search.first().cloned());
    let mut commands = Vec::new();
    if let Some(n) = &wanted {
        commands.push(format!("netkit dns {n}"));
    }
    commands.push("netkit ifaces --all".into());
    let mut facts = Dns {
        servers: config.servers.clone(),
        search: config.search.clone(),
        source: Some(config.source.clone()),
        upstreams: config.stub.as_ref().map(|s| s.upstreams.clone()),
        lookup: None,
        timeout_ms,
        error: None,
    };
    let Some(server) = config.servers.first().copied() else {
        return section(Some(facts), Some(Missing::NoDnsServer), commands);
    };
    let Some(name) = wanted else {
        return section(Some(facts), Some(Missing::NoName), commands);
    };
    let missing = match lookup::look_up(server, &name, lookup::DNS_TIMEOUT) {
        Ok(l) => {
            facts.lookup = Some(l);
            None
        }
        Err(e) => {
            facts.error = Some(e);
            Some(Missing::DnsNoAnswer)
        }
    };
    section(Some(facts), missing, commands)
}

/// 广播 and ARP: the request for the gateway (sent when netkit may, else shown as it would be
/// sent) and the reply; [`gather`] adds the kernel's cache entry.
fn arp(place: Option<&Place<'_>>) -> Section<Arp> {
    let Some(p) = place else {
        return section(
            None,
            Some(Missing::NoInterface),
            vec!["netkit arp cache".into()],
        );
    };
    let (Some((gw, _)), Some(src)) = (p.gateway, p.addr.and_then(v4)) else {
        let missing = if p.gateway.is_none() {
            Missing::NoDefaultRoute
        } else {
            Missing::NoAddress
        };
        return section(None, Some(missing), vec!["netkit arp cache".into()]);
    };
    let command = format!("sudo netkit arp {gw} -I {}", p.link.name);
    let commands = vec![command.clone(), "netkit arp cache".into()];
    let Some(our_mac) = p
        .link
        .mac6()
        .filter(|_| p.link.link_type == LinkType::Ether)
    else {
        return section(None, Some(Missing::NoMac), commands);
    };
    let mut facts = Arp {
        interface: p.link.name.clone(),
        request: ArpRequest {
            destination: BROADCAST,
            sender_mac: Mac(our_mac),
            sender_ip: src,
            target_ip: gw,
        },
        sent: false,
        reply: None,
        cache: None,
        timeout_ms: ARP_TIMEOUT.as_millis() as u64,
        command,
        error: None,
    };
    let mut missing = None;
    if may_use_raw_sockets() {
        facts.sent = true;
        match ask_once_on(p.link, src, gw, ARP_TIMEOUT) {
            Ok(Some((mac, rtt))) => {
                facts.reply = Some(ArpReply {
                    mac: Mac(mac),
                    vendor: oui::vendor_of(&mac),
                    destination: Mac(our_mac),
                    rtt_ms: rtt.as_secs_f64() * 1e3,
                })
            }
            Ok(None) => missing = Some(Missing::NoReply),
            Err(e) => {
                facts.sent = false;
                facts.error = Some(e);
                missing = Some(Missing::ArpFailed);
            }
        }
    } else {
        missing = Some(Missing::NoPrivilege);
    }
    section(Some(facts), missing, commands)
}

/// DHCP: whether the address came from a DHCP server, from its lifetime and the lease files
/// (nothing is sent).
fn dhcp(tables: &Tables, snap: &Snapshot, place: Option<&Place<'_>>) -> Section<Dhcp> {
    let Some(p) = place else {
        return section(
            None,
            Some(Missing::NoInterface),
            vec!["sudo netkit dhcp discover".into()],
        );
    };
    let commands = vec![format!("sudo netkit dhcp discover -I {}", p.link.name)];
    let lease = tables.dhcp_lease(p.link);
    let dynamic = dhcp_in_use(&snap.addrs, p.link.index, lease.is_some()).unwrap_or(false);
    section(
        Some(Dhcp {
            interface: p.link.name.clone(),
            dynamic,
            lease,
        }),
        None,
        commands,
    )
}

/// 集线器 and 交换机: which frames a switch sends where.
fn switch(place: Option<&Place<'_>>, gateway_mac: Option<HwAddr>) -> Section<Switch> {
    let commands = |name: Option<&str>| {
        vec![match name {
            Some(n) => format!("sudo netkit watch -I {n}"),
            None => "sudo netkit watch".into(),
        }]
    };
    let Some(p) = place else {
        return section(None, Some(Missing::NoInterface), commands(None));
    };
    let mac = p.link.mac6().map(Mac);
    section(
        Some(Switch {
            interface: p.link.name.clone(),
            mac,
            gateway_mac,
            broadcast: BROADCAST,
        }),
        mac.is_none().then_some(Missing::NoMac),
        commands(Some(&p.link.name)),
    )
}

/// C/S and B/S: the chat server on this host, a client on another, the room in a browser.
fn client_server(place: Option<&Place<'_>>) -> Section<ClientServer> {
    let address = place.and_then(|p| p.addr).and_then(v4);
    let host = address.map_or_else(|| "127.0.0.1".to_string(), |a| a.to_string());
    let server = format!("netkit chat server --bind {host} --port {CHAT_PORT}");
    let client = format!("netkit chat client {host}:{CHAT_PORT}");
    let web_server = format!("netkit chat server --room --web {host}:{WEB_PORT}");
    let url = format!("http://{host}:{WEB_PORT}/");
    section(
        Some(ClientServer {
            address,
            port: CHAT_PORT,
            server: server.clone(),
            client: client.clone(),
            web_server: web_server.clone(),
            url,
        }),
        None,
        vec![server, client, web_server],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Report;
    use crate::system::model::{IfFlags, LinkFlag};
    use crate::system::routing::fixtures::*;

    fn lan(address: &str, prefix: u8, gateway: Option<&str>) -> Snapshot {
        Snapshot {
            links: links(),
            addrs: vec![addr(1, "127.0.0.1", 8), addr(2, address, prefix)],
            routes: gateway
                .map(|g| vec![route(None, 0, Some(g), 2)])
                .unwrap_or_default(),
        }
    }

    /// Issue 28 section 2: the card that reaches the gateway, its maker and its bits.
    #[test]
    fn the_card_that_reaches_the_gateway() {
        let snap = lan("198.51.100.2", 24, Some("198.51.100.1"));
        let p = place(&snap).unwrap();
        assert_eq!(p.link.name, "eth0");
        assert_eq!(p.gateway, Some((Ipv4Addr::new(198, 51, 100, 1), None)));
        let nic = nic(&snap, Some(&p));
        let n = nic.facts.unwrap();
        assert_eq!(
            n.mac.map(|m| m.to_string()).as_deref(),
            Some("00:16:3e:12:34:56")
        );
        assert_eq!(n.oui.map(|o| o.to_string()).as_deref(), Some("00:16:3e"));
        assert_eq!(n.locally_administered, Some(false));
        assert!(n.vendor.unwrap().name.to_lowercase().contains("xensource"));
        assert_eq!(n.interfaces.len(), 2);
        assert!(nic.missing.is_none());
        // A locally administered MAC names no maker.
        let mut local = lan("198.51.100.2", 24, Some("198.51.100.1"));
        local.links[1].mac = Some(vec![0x02, 0x42, 0xac, 0x11, 0, 2]);
        let p = place(&local).unwrap();
        let n = super::nic(&local, Some(&p)).facts.unwrap();
        assert_eq!(n.locally_administered, Some(true));
        assert!(n.vendor.is_none());
    }

    /// Issue 28 section 2: the network and host parts, in binary, for a mask that splits an
    /// octet.
    #[test]
    fn network_and_host_parts() {
        let snap = lan("10.1.37.200", 20, Some("10.1.32.1"));
        let p = place(&snap).unwrap();
        let a = address(Some(&p)).facts.unwrap();
        assert_eq!(a.netmask, Ipv4Addr::new(255, 255, 240, 0));
        assert_eq!(a.network, Ipv4Addr::new(10, 1, 32, 0));
        assert_eq!(a.host_part, Ipv4Addr::new(0, 0, 5, 200));
        assert_eq!(a.broadcast, Some(Ipv4Addr::new(10, 1, 47, 255)));
        assert_eq!((a.prefix, a.host_bits, a.hosts), (20, 12, 4094));
        assert_eq!(a.address_binary, "00001010.00000001.00100101.11001000");
        assert_eq!(a.netmask_binary, "11111111.11111111.11110000.00000000");
        assert_eq!(a.network_binary, "00001010.00000001.00100000.00000000");
    }

    /// Issue 28 section 2: with no default route and not exactly one Ethernet card up, the
    /// sections say there is no card to show; with one card up but no route, the card is shown.
    #[test]
    fn without_a_gateway() {
        let mut snap = lan("198.51.100.2", 24, None);
        let p = place(&snap).unwrap();
        assert_eq!(p.link.name, "eth0");
        assert!(p.gateway.is_none());
        snap.links.push(link(
            3,
            "eth1",
            LinkType::Ether,
            Some([0, 0x16, 0x3e, 0, 0, 9]),
        ));
        snap.addrs.push(addr(3, "192.0.2.7", 24));
        assert!(place(&snap).is_none());
        let n = nic(&snap, None);
        assert_eq!(n.missing, Some(Missing::NoInterface));
        assert_eq!(n.facts.unwrap().interfaces.len(), 3);
        assert_eq!(address(None).missing, Some(Missing::NoInterface));
        // A card that is down is not the LAN's.
        snap.links[2].flags = IfFlags(LinkFlag::empty());
        assert_eq!(place(&snap).unwrap().link.name, "eth0");
    }

    /// Issue 28 section 2: a DHCP lease or a lifetime says DHCP; a permanent address says static.
    #[test]
    fn dhcp_from_the_lease_or_the_lifetime() {
        let mut snap = lan("198.51.100.2", 24, Some("198.51.100.1"));
        assert_eq!(dhcp_in_use(&snap.addrs, 2, false), Some(false));
        assert_eq!(dhcp_in_use(&snap.addrs, 2, true), Some(true));
        snap.addrs[1].valid_lft = Some(3600);
        assert_eq!(dhcp_in_use(&snap.addrs, 2, false), Some(true));
        assert_eq!(dhcp_in_use(&snap.addrs, 9, false), None);
    }

    /// Issue 28 section 2: exit 0 when every section is shown (the ARP section without privilege
    /// included), 1 when one lacks what it is about, 3 when an exchange failed.
    #[test]
    fn the_exit_status_follows_the_sections() {
        let snap = lan("198.51.100.2", 24, Some("198.51.100.1"));
        let p = place(&snap).unwrap();
        let tour = |arp: Option<Missing>, dns: Option<Missing>| Tour {
            nic: nic(&snap, Some(&p)),
            address: address(Some(&p)),
            gateway: section(None, None, vec![]),
            dns: section(None, dns, vec![]),
            arp: section(None, arp, vec![]),
            dhcp: section(None, None, vec![]),
            switch: switch(Some(&p), None),
            client_server: client_server(Some(&p)),
        };
        assert_eq!(tour(None, None).status(), 0);
        assert_eq!(
            tour(Some(Missing::NoPrivilege), Some(Missing::NoName)).status(),
            0
        );
        assert_eq!(tour(Some(Missing::NoReply), None).status(), 1);
        assert_eq!(
            tour(Some(Missing::NoReply), Some(Missing::DnsNoAnswer)).status(),
            3
        );
        let t = tour(None, None);
        let c = t.client_server.facts.as_ref().unwrap();
        assert_eq!(c.client, "netkit chat client 198.51.100.2:8001");
        assert_eq!(c.url, "http://198.51.100.2:8080/");
    }
}
