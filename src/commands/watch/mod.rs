//! `netkit watch`: listen to the LAN as arpwatch does and say what the broadcasts show: new
//! stations, MAC changes, ARP spoofing of the gateway, RFC 5227 probes and announcements, DHCP
//! servers (rogue ones), IPv6 routers (rogue ones). This module opens the link, learns what the
//! kernel knows (subnets, gateways, neighbours), streams the events `state` raises, and ends
//! with a summary; `db` keeps the stations across runs.

pub mod db;
pub mod state;

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::net::IpAddr;
use std::time::{Duration, Instant, SystemTime};

use serde::Serialize;

use crate::cli::WatchArgs;
use crate::error::{Error, Result, exit};
use crate::net::block::Block;
use crate::net::hwaddr::Mac;
use crate::output::{self, Column, Format, Paint, Ui, write_json, written};
use crate::system::interrupt;
use crate::system::netlink::Netlink;
use crate::system::rawlink::PnetLink;
use crate::system::routing::{default_routes, named_or_lan_link, neighbour_of};
use crate::util::time::{human_duration, round_ms};
use crate::wire::discards::Discards;
use crate::wire::lan_frame::{self, Flaw, Sighting};

use state::{Event, Kind, MAX_STATIONS, Setup, Watcher};

/// What was heard, counted.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// The interface listened on.
    pub interface: String,
    /// How long the watch lasted.
    #[serde(serialize_with = "round_ms")]
    pub took_ms: f64,
    /// Frames heard in all.
    pub frames: u64,
    /// ARP frames among them.
    pub arp: u64,
    /// DHCP server messages among them.
    pub dhcp: u64,
    /// IPv6 router advertisements among them.
    pub router_adverts: u64,
    /// Stations known at the end.
    pub stations: usize,
    /// Stations heard during the watch.
    pub stations_heard: usize,
    /// New stations not listed because the table was full.
    pub unlisted: u64,
    /// Events by kind.
    pub events: BTreeMap<Kind, u64>,
    /// Alarms (IP conflicts, gateway spoofing, rogue DHCP servers and routers).
    pub alarms: u64,
    /// Frames of a watched kind skipped as malformed, by reason.
    #[serde(flatten)]
    pub discards: Discards<Flaw>,
}

/// The summary as the last JSON line.
#[derive(Serialize)]
struct SummaryLine<'a> {
    summary: &'a Summary,
}

/// Now, in Unix seconds.
fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// `HH:MM:SS` (UTC) of a Unix time.
fn clock(t: f64) -> String {
    let s = t as u64 % 86_400;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// Writes one event: a line for people, a JSON object per line for scripts.
fn write_event(ui: &Ui, out: &mut dyn Write, e: &Event) -> io::Result<()> {
    if ui.format == Format::Json {
        write_json(out, e, false)?;
        return writeln!(out);
    }
    let kind = if e.alarm {
        ui.cell(Paint::Bad, e.kind.words())
    } else {
        e.kind.words().into()
    };
    let ip = e.ip.map_or("-".to_string(), |i| i.to_string());
    let mac = e.mac.map_or("-".to_string(), |m| m.to_string());
    let vendor = e
        .vendor
        .as_deref()
        .map_or(String::new(), |v| format!(" ({v})"));
    // On a narrow terminal the MAC and vendor go under the event, with its detail.
    let columns = vec![
        Column::left("Time", 8),
        Column::left("Event", 16),
        Column::left("Address", 15),
        Column::left("MAC", 17),
    ];
    let row = vec![
        clock(e.time).into(),
        kind,
        ip.into(),
        format!("{mac}{vendor}").into(),
    ];
    ui.aligned(columns, &[]).write_row(out, row)?;
    writeln!(out, "          {}", e.detail)
}

/// Writes the summary at the end.
fn write_summary(ui: &Ui, out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    if ui.format == Format::Json {
        write_json(out, &SummaryLine { summary: s }, false)?;
        return writeln!(out);
    }
    writeln!(
        out,
        "watched {} for {}: {} frames ({} ARP, {} DHCP, {} router adverts), {} stations known, {} heard",
        s.interface,
        human_duration(Duration::from_secs_f64(s.took_ms / 1000.0)),
        s.frames,
        s.arp,
        s.dhcp,
        s.router_adverts,
        s.stations,
        s.stations_heard
    )?;
    if s.unlisted > 0 {
        writeln!(
            out,
            "{} new stations beyond {MAX_STATIONS} were counted, not listed",
            s.unlisted
        )?;
    }
    if s.discards.total() > 0 {
        writeln!(
            out,
            "skipped {} malformed frames: {}",
            s.discards.total(),
            s.discards.summary()
        )?;
    }
    let events: Vec<String> = s
        .events
        .iter()
        .map(|(k, n)| format!("{} {n}", k.words().to_lowercase()))
        .collect();
    if events.is_empty() {
        writeln!(out, "no events")?;
    } else {
        writeln!(out, "events: {}", events.join(", "))?;
    }
    let verdict = if s.alarms > 0 {
        ui.paint(Paint::Bad, format!("{} alarm(s)", s.alarms))
    } else {
        ui.paint(Paint::Good, "no alarm")
    };
    writeln!(out, "{verdict}")
}

/// Runs `netkit watch`.
pub fn run(args: &WatchArgs, ui: &Ui) -> Result<u8> {
    let mut nl = Netlink::open()?;
    let (links, routes) = (nl.links()?, nl.routes()?);
    let link = named_or_lan_link(&links, &routes, args.interface.as_deref(), "listen on")?;
    let mut wire = PnetLink::listen(&link.name, link.index)?;
    let (addrs, neighbours) = (nl.addresses()?, nl.neighbours()?);
    let setup = Setup {
        subnets: addrs
            .iter()
            .filter(|a| a.index == link.index && a.address.is_ipv4())
            .map(|a| Block::new(a.address, a.prefix))
            .collect(),
        gateways: default_routes(&routes)
            .into_iter()
            .filter(|r| r.oif == Some(link.index))
            .filter_map(|r| match r.gateway {
                Some(IpAddr::V4(gw)) => Some((
                    gw,
                    neighbour_of(&neighbours, link.index, IpAddr::V4(gw))
                        .and_then(|n| Mac::from_slice(n.mac.as_deref()?)),
                )),
                _ => None,
            })
            .collect(),
        dhcp_server: args.dhcp_server,
        router: args.router,
    };
    let from_table = || {
        neighbours
            .iter()
            .filter(|n| n.index == link.index)
            .filter_map(|n| match n.address {
                IpAddr::V4(ip) => Some((ip, Mac::from_slice(n.mac.as_deref()?)?, 0.0)),
                IpAddr::V6(_) => None,
            })
            .collect::<Vec<_>>()
    };
    let known = match &args.db {
        Some(path) => db::load(path, MAX_STATIONS)?.unwrap_or_else(from_table),
        None => from_table(),
    };
    let mut watcher = Watcher::new(setup.clone(), known);
    let mut summary = Summary {
        interface: link.name.clone(),
        ..Summary::default()
    };
    interrupt::catch();
    let mut out: Box<dyn Write> = match ui.format {
        Format::Json => Box::new(io::stdout().lock()),
        _ => Box::new(output::live_out(ui)),
    };
    if ui.format != Format::Json {
        let gateways: Vec<String> = setup
            .gateways
            .iter()
            .map(|(g, m)| match m {
                Some(m) => format!("{g} at {m}"),
                None => g.to_string(),
            })
            .collect();
        writeln!(
            out,
            "watching {} (gateway {}); {} stations known; Ctrl-C stops",
            link.name,
            if gateways.is_empty() {
                "none".into()
            } else {
                gateways.join(", ")
            },
            watcher.stations.len()
        )
        .map_err(written)?;
    }
    let own = link.mac6();
    let start = Instant::now();
    let end = args.duration.map(|d| start + d);
    let mut events = 0u64;
    'listen: loop {
        // Waits in slices of a second at most, so Ctrl-C and --duration are seen on a quiet LAN.
        let slice = Instant::now() + Duration::from_secs(1);
        let until = end.map_or(slice, |e| e.min(slice));
        // Frames this host sends (its ARP replies among them) are seen too: they are not heard.
        let heard = wire
            .recv_raw_until(until, |f| {
                (f.get(6..12) != own.as_ref().map(|m| &m[..])).then(|| lan_frame::sight(f))
            })
            .map_err(|e| Error::io(format!("listening on {}", link.name), e))?;
        let Some((sighting, _)) = heard else {
            if interrupt::interrupted() || end.is_some_and(|e| Instant::now() >= e) {
                break;
            }
            continue;
        };
        summary.frames += 1;
        let sighting = match sighting {
            Ok(s) => s,
            Err(flaw) => {
                summary.discards.note(flaw);
                continue;
            }
        };
        match &sighting {
            Sighting::Arp(_) => summary.arp += 1,
            Sighting::Dhcp(_) => summary.dhcp += 1,
            Sighting::RouterAdvert(_) => summary.router_adverts += 1,
            Sighting::Other => continue,
        }
        for e in watcher.hear(&sighting, unix_now()) {
            write_event(ui, &mut out, &e).map_err(written)?;
            *summary.events.entry(e.kind).or_insert(0) += 1;
            summary.alarms += u64::from(e.alarm);
            events += 1;
            if args.count.is_some_and(|n| events >= n) {
                break 'listen;
            }
        }
        out.flush().map_err(written)?;
    }
    summary.took_ms = start.elapsed().as_secs_f64() * 1000.0;
    summary.stations = watcher.stations.len();
    summary.stations_heard = watcher.stations.values().filter(|s| s.heard).count();
    summary.unlisted = watcher.unlisted;
    if let Some(path) = &args.db {
        let mut stations: Vec<db::Known> = watcher
            .stations
            .iter()
            .map(|(ip, s)| (*ip, s.mac, s.last_seen))
            .collect();
        stations.sort_by_key(|(ip, _, _)| *ip);
        db::save(path, &stations)?;
    }
    write_summary(ui, &mut out, &summary).map_err(written)?;
    out.flush().map_err(written)?;
    Ok(if summary.alarms > 0 {
        exit::NEGATIVE
    } else {
        exit::OK
    })
}
