//! `netkit arp`: the primer's ARP. `arp IP` broadcasts "who has IP?" and shows who answers (like
//! arping, with --dad and --gratuitous), `arp scan` asks a whole subnet (like arp-scan), `arp cache`
//! shows the neighbour table. This module picks the interface and source address from the kernel's
//! routes and hands the exchange to `request`/`scan` over an `ArpLink`.

pub mod cache;
pub mod request;
pub mod scan;

use std::net::{IpAddr, Ipv4Addr};

use netlink_packet_route::route::RouteType;

use crate::cli::{ArpArgs, ArpCommand, ArpScanArgs};
use crate::error::{Error, Result};
use crate::net::block::Block;
use std::io::Write;

use crate::output::{self, Report, Ui, emit, written};
use crate::system::interrupt;
use crate::system::netlink::{Link, Netlink, link_named};
use crate::system::routing::{interface_addr, lan_link};

/// The interface, MAC and source address an ARP exchange uses.
#[derive(Debug, Clone)]
pub struct Chosen {
    /// Interface name.
    pub name: String,
    /// Interface index.
    pub index: u32,
    /// Its MAC.
    pub mac: [u8; 6],
    /// Our IPv4 address on it (0.0.0.0 when it has none).
    pub source: Ipv4Addr,
    /// That address's prefix length.
    pub prefix: u8,
}

/// Chooses the interface: `-I NAME`, else the one the kernel routes `toward` through, else the
/// LAN interface (`system::routing::lan_link`, one with an IPv4 address).
fn choose(nl: &mut Netlink, iface: Option<&str>, toward: Option<Ipv4Addr>) -> Result<Chosen> {
    let links = nl.links()?;
    let addrs = nl.addresses()?;
    let has_ipv4 = |l: &Link| {
        addrs
            .iter()
            .any(|a| a.index == l.index && a.address.is_ipv4())
    };
    let link: &Link = match (iface, toward) {
        (Some(name), _) => link_named(&links, name)?,
        (None, Some(t)) => {
            let route = nl
                .route_to(IpAddr::V4(t))?
                .map_err(|e| Error::Unavailable {
                    what: format!("no route to {t}: say which interface with -I"),
                    source: Some(e),
                })?;
            if route.kind.0 == RouteType::Local {
                return Err(Error::bad(
                    "address",
                    t.to_string(),
                    "is this host's own address",
                ));
            }
            if let Some(gw) = route.gateway {
                eprintln!(
                    "netkit: note: {t} is not on a directly connected subnet (the kernel would send it to {gw}); asking anyway"
                );
            }
            let oif = route.oif.unwrap_or(0);
            links
                .iter()
                .find(|l| l.index == oif)
                .ok_or_else(|| Error::unavailable(format!("the route to {t} has no interface")))?
        }
        (None, None) => lan_link(&links, &nl.routes()?, has_ipv4).ok_or_else(|| {
            Error::unavailable("no IPv4 default route to pick an interface from: say which with -I")
        })?,
    };
    let mac = link.mac6().filter(|m| *m != [0; 6]).ok_or_else(|| {
        Error::bad(
            "interface",
            &link.name,
            "has no Ethernet address: ARP works on Ethernet-like links",
        )
    })?;
    let pick = interface_addr(&addrs, link.index, true, toward.map(IpAddr::V4), None);
    let (source, prefix) = match pick.map(|a| (a.address, a.prefix)) {
        Some((IpAddr::V4(a), p)) => (a, p),
        _ => (Ipv4Addr::UNSPECIFIED, 32),
    };
    Ok(Chosen {
        name: link.name.clone(),
        index: link.index,
        mac,
        source,
        prefix,
    })
}

/// Runs `netkit arp ...`.
pub fn run(args: &ArpArgs, ui: &Ui) -> Result<u8> {
    match &args.command {
        Some(ArpCommand::Cache(c)) => cache::run(c.interface.as_deref(), ui),
        Some(ArpCommand::Scan(s)) => run_scan(s, ui),
        None => run_request(args, ui),
    }
}

fn run_request(args: &ArpArgs, ui: &Ui) -> Result<u8> {
    let target = args
        .target
        .ok_or_else(|| Error::Usage("give the IPv4 address to ask about".into()))?;
    let mut nl = Netlink::open()?;
    let mode = if args.dad {
        request::Mode::Dad
    } else if args.gratuitous {
        request::Mode::Gratuitous
    } else {
        request::Mode::Request
    };
    let chosen = if mode == request::Mode::Gratuitous {
        // Announce an address of ours: find the interface that holds it.
        let addrs = nl.addresses()?;
        let owner = addrs
            .iter()
            .find(|a| a.address == IpAddr::V4(target))
            .ok_or_else(|| {
                Error::bad(
                    "address",
                    target.to_string(),
                    "is not one of this host's addresses: only an owner announces",
                )
            })?;
        let links = nl.links()?;
        let name = args.interface.clone().or_else(|| {
            links
                .iter()
                .find(|l| l.index == owner.index)
                .map(|l| l.name.clone())
        });
        choose(&mut nl, name.as_deref(), Some(target))?
    } else {
        choose(&mut nl, args.interface.as_deref(), Some(target))?
    };
    if mode == request::Mode::Request && chosen.source.is_unspecified() {
        return Err(Error::unavailable(format!(
            "{} has no IPv4 address to ask from (use --dad to probe from 0.0.0.0)",
            chosen.name
        )));
    }
    let plan = request::Plan {
        mode,
        target,
        source: chosen.source,
        our_mac: chosen.mac,
        count: args.count.or(if args.deadline.is_some() {
            None
        } else {
            Some(3)
        }),
        interval: args.interval,
        deadline: args.deadline,
        timeout: args.timeout,
        first_reply: args.first,
    };
    let mut link = crate::system::rawlink::PnetLink::open(&chosen.name, chosen.index, "ARP")?;
    // Ctrl-C ends the run with the replies seen and their summary, as arping does.
    interrupt::catch();
    if !ui.live {
        return emit(
            ui,
            &request::run_plan(&plan, &chosen.name, &mut link, &mut |_| {})?,
        );
    }
    // On a terminal each reply shows when it comes.
    let mut out = output::live_out(ui);
    plan.write_header(&chosen.name, &mut out).map_err(written)?;
    let mut shown = Ok(());
    let report = request::run_plan(&plan, &chosen.name, &mut link, &mut |r| {
        if shown.is_ok() {
            shown = r.write_line(ui, &mut out);
        }
    })?;
    shown.map_err(written)?;
    report.write_summary(ui, &mut out).map_err(written)?;
    out.flush().map_err(written)?;
    Ok(report.status())
}

fn run_scan(args: &ArpScanArgs, ui: &Ui) -> Result<u8> {
    if args.rate == 0 {
        return Err(Error::bad(
            "rate",
            "0",
            "must be at least 1 request per second",
        ));
    }
    let toward = match args.network.map(|b| b.address()) {
        Some(IpAddr::V4(a)) => Some(a),
        _ => None,
    };
    let mut nl = Netlink::open()?;
    let chosen = choose(&mut nl, args.interface.as_deref(), toward)?;
    let block = match args.network {
        Some(block) => block,
        None if chosen.source.is_unspecified() => {
            return Err(Error::unavailable(format!(
                "{} has no IPv4 address: give the range to scan",
                chosen.name
            )));
        }
        None => Block::new(IpAddr::V4(chosen.source), chosen.prefix),
    };
    if !chosen.source.is_unspecified() {
        let own = Block::new(IpAddr::V4(chosen.source), chosen.prefix);
        if block.network() < own.network() || block.last() > own.last() {
            output::warn(format!(
                "{} is not within {}'s subnet {}: ARP reaches only the hosts on this link, so \
                 addresses outside it will not answer (scan {} or choose the interface with -I)",
                block.cidr(),
                chosen.name,
                own.cidr(),
                own.cidr()
            ));
        }
    }
    let size = block.size().value.unwrap_or(u128::MAX);
    if size > 65536 {
        return Err(Error::Usage(format!(
            "{} has {size} addresses; scan at most a /16 at a time",
            block.cidr()
        )));
    }
    let hosts = block.hosts();
    let targets: Vec<Ipv4Addr> = (hosts.first..=hosts.last)
        .map(|v| Ipv4Addr::from(v as u32))
        .filter(|&a| a != chosen.source)
        .collect();
    let plan = scan::ScanPlan {
        targets,
        source: chosen.source,
        our_mac: chosen.mac,
        rate: args.rate,
        retries: args.retries,
        timeout: args.timeout,
        progress: ui.format == crate::output::Format::Table && scan::progress_wanted(),
    };
    let mut link = crate::system::rawlink::PnetLink::open(&chosen.name, chosen.index, "ARP")?;
    emit(
        ui,
        &scan::scan(&plan, &block.cidr(), &chosen.name, &mut link)?,
    )
}
