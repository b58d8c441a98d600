//! `netkit watch`: listen to the LAN as arpwatch does and say what the broadcasts show: new
//! stations, MAC changes, ARP spoofing of the gateway, hosts claiming this host's address or
//! MAC, RFC 5227 probes and announcements, DHCP servers (rogue ones), IPv6 routers (rogue
//! ones). This module opens the link, learns what the kernel knows (subnets, gateways,
//! neighbours), streams the events `state` raises, and ends with a summary (with whom the
//! frames were addressed to, which tells a switch from a hub); `db` keeps the
//! stations across runs, saved on every way the watch ends (Ctrl-C, --count, --duration, a
//! closed output, a lost interface) and now and then during a long one.

pub mod db;
pub mod state;

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::net::IpAddr;
use std::time::{Duration, Instant, SystemTime};

use serde::Serialize;

use crate::cli::WatchArgs;
use crate::error::{Error, Result, exit};
use crate::i18n::t;
use crate::net::block::Block;
use crate::net::hwaddr::Mac;
use crate::output::{self, Column, Format, Paint, Ui, write_json, written};
use crate::system::interrupt;
use crate::system::model::{Addr, Link, Neighbour, Route};
use crate::system::routing::{default_routes, named_or_lan_link, neighbour_of};
use crate::system::{Listener, Tables};
use crate::util::time::{human_duration, round_ms};
use crate::wire::discards::Discards;
use crate::wire::lan_frame::{self, Flaw, Sighting};
use crate::wire::sender::Expected;

use db::Db;
use state::{Event, Kind, MAX_STATIONS, Setup, Watcher};

/// What was heard, counted.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// The interface listened on.
    pub interface: String,
    /// Whether the interface was promiscuous while the watch listened (`--promiscuous`).
    pub promiscuous: bool,
    /// How long the watch lasted.
    #[serde(serialize_with = "round_ms")]
    pub took_ms: f64,
    /// Frames heard in all.
    pub frames: u64,
    /// Frames the kernel dropped because they came faster than netkit read them: missing
    /// from every count here.
    pub dropped: u64,
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
    /// Frames heard, by whom they were addressed to.
    pub by_destination: ByDestination,
    /// Frames of a watched kind skipped as malformed, by reason.
    #[serde(flatten)]
    pub discards: Discards<Flaw>,
}

/// Frames heard, by their Ethernet destination: a switch delivers to this port the broadcasts,
/// the multicasts and the unicasts for this host's MAC; a hub repeats everyone's unicasts too.
#[derive(Debug, Default, Serialize)]
pub struct ByDestination {
    /// To ff:ff:ff:ff:ff:ff, every host.
    pub broadcast: u64,
    /// To a group (multicast) address.
    pub multicast: u64,
    /// To this host's own MAC.
    pub this_host: u64,
    /// To another host's MAC.
    pub other_hosts: u64,
}

impl ByDestination {
    /// Counts one frame addressed to `to`, this host's MAC being `own`.
    fn note(&mut self, to: Option<Mac>, own: Option<Mac>) {
        let Some(to) = to else { return };
        let n = if to.0 == [0xff; 6] {
            &mut self.broadcast
        } else if to.0[0] & 0x01 != 0 {
            &mut self.multicast
        } else if Some(to) == own {
            &mut self.this_host
        } else {
            &mut self.other_hosts
        };
        *n += 1;
    }
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
        ui.cell(Paint::Bad, e.kind().words())
    } else {
        e.kind().words().to_string().into()
    };
    let ip = e.what.ip().map_or("-".to_string(), |i| i.to_string());
    let mac = e.what.mac().map_or("-".to_string(), |m| m.to_string());
    let mac = match e.vendor.as_deref() {
        Some(v) => t!("watch-mac-vendor", mac = mac, vendor = v).to_string(),
        None => mac,
    };
    // On a narrow terminal the MAC and vendor go under the event, with its detail.
    let columns = vec![
        Column::left(t!("watch-col-time").to_string(), 8),
        Column::left(t!("watch-col-event").to_string(), 16),
        Column::left(t!("watch-col-address").to_string(), 15),
        Column::left(t!("watch-col-mac").to_string(), 17),
    ];
    let row = vec![clock(e.time).into(), kind, ip.into(), mac.into()];
    ui.aligned(columns, &[]).write_row(out, row)?;
    writeln!(out, "          {}", e.detail)
}

/// Writes the summary at the end.
fn write_summary(ui: &Ui, out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    if ui.format == Format::Json {
        write_json(out, &SummaryLine { summary: s }, false)?;
        return writeln!(out);
    }
    let summary = t!(
        "watch-summary",
        interface = &s.interface,
        took = human_duration(Duration::from_secs_f64(s.took_ms / 1000.0)),
        frames = s.frames,
        arp = s.arp,
        dhcp = s.dhcp,
        adverts = s.router_adverts,
        stations = s.stations,
        heard = s.stations_heard
    );
    writeln!(out, "{summary}")?;
    write_destinations(ui, out, &s.by_destination, s.promiscuous)?;
    if s.dropped > 0 {
        let label = output::label_before(ui, Paint::Warn, t!("watch-dropped-label"));
        writeln!(out, "{label}{}", t!("watch-dropped", count = s.dropped))?;
    }
    if s.unlisted > 0 {
        let unlisted = t!("watch-unlisted", count = s.unlisted, max = MAX_STATIONS);
        writeln!(out, "{unlisted}")?;
    }
    if s.discards.total() > 0 {
        let skipped = t!(
            "watch-skipped",
            count = s.discards.total(),
            reasons = s.discards.summary()
        );
        writeln!(out, "{skipped}")?;
    }
    let events: Vec<String> = s
        .events
        .iter()
        .map(|(k, n)| {
            let kind = k.words().to_string().to_lowercase();
            t!("watch-event-count", kind = kind, count = *n).to_string()
        })
        .collect();
    if events.is_empty() {
        writeln!(out, "{}", t!("watch-no-events"))?;
    } else {
        let events = events.join(&t!("common-list-separator").to_string());
        writeln!(out, "{}", t!("watch-events", events = events))?;
    }
    let verdict = if s.alarms > 0 {
        ui.paint(Paint::Bad, t!("watch-alarms", count = s.alarms))
    } else {
        ui.paint(Paint::Good, t!("watch-no-alarm"))
    };
    writeln!(out, "{verdict}")
}

/// Whom the frames heard were addressed to, and what that says of the LAN: a switch or a hub.
fn write_destinations(
    ui: &Ui,
    out: &mut dyn Write,
    d: &ByDestination,
    promiscuous: bool,
) -> io::Result<()> {
    let (b, m, own, others) = (d.broadcast, d.multicast, d.this_host, d.other_hosts);
    if b + m + own + others == 0 {
        return Ok(());
    }
    let destinations = t!(
        "watch-destinations",
        broadcast = b,
        multicast = m,
        own = own,
        others = others
    );
    writeln!(out, "{destinations}")?;
    let note = output::label_before(ui, Paint::Dim, t!("common-note"));
    let said = if others == 0 && !promiscuous {
        t!("watch-note-not-promiscuous")
    } else if others == 0 {
        t!("watch-note-switch")
    } else {
        t!("watch-note-hub")
    };
    writeln!(out, "{note}{said}")
}

/// What the kernel knows of the link before the watch: its subnets and addresses, its MAC, the
/// default gateways on it and their MACs, and the MACs of the expected DHCP server and router.
fn setup_of(
    link: &Link,
    (addrs, routes, neighbours): (&[Addr], &[Route], &[Neighbour]),
    args: &WatchArgs,
) -> Setup {
    let mac_of = |ip: IpAddr| {
        neighbour_of(neighbours, link.index, ip).and_then(|n| Mac::from_slice(n.mac.as_deref()?))
    };
    let v4: Vec<_> = addrs
        .iter()
        .filter(|a| a.index == link.index && a.address.is_ipv4())
        .collect();
    Setup {
        subnets: v4.iter().map(|a| Block::new(a.address, a.prefix)).collect(),
        own_mac: link.mac6().map(Mac),
        own_ips: v4
            .iter()
            .filter_map(|a| match a.address {
                IpAddr::V4(ip) => Some(ip),
                IpAddr::V6(_) => None,
            })
            .collect(),
        gateways: default_routes(routes)
            .into_iter()
            .filter(|r| r.oif == Some(link.index))
            .filter_map(|r| match r.gateway {
                Some(IpAddr::V4(gw)) => Some((gw, mac_of(IpAddr::V4(gw)))),
                _ => None,
            })
            .collect(),
        dhcp_server: args
            .dhcp_server
            .map(|ip| Expected::new(ip, mac_of(IpAddr::V4(ip)))),
        router: args
            .router
            .map(|ip| Expected::new(ip, mac_of(IpAddr::V6(ip)))),
    }
}

/// The stations the neighbour table lists on the link (the start without a database).
fn neighbour_stations(neighbours: &[Neighbour], link: &Link) -> Vec<db::Known> {
    neighbours
        .iter()
        .filter(|n| n.index == link.index)
        .filter_map(|n| match n.address {
            IpAddr::V4(ip) => Some((ip, Mac::from_slice(n.mac.as_deref()?)?, 0.0)),
            IpAddr::V6(_) => None,
        })
        .collect()
}

/// Why the listening stopped before its end.
enum Stop {
    /// The output could not be written (a closed pipe among others).
    Output(io::Error),
    /// The link could not be read (the interface went down or away).
    Link(Error),
}

/// A watch under way.
struct Watch<'a> {
    ui: &'a Ui,
    args: &'a WatchArgs,
    link: &'a Link,
    wire: Listener,
    watcher: Watcher,
    db: Option<Db>,
    summary: Summary,
}

impl Watch<'_> {
    /// Listens until the end (--duration, --count, Ctrl-C), the output closes or the link is
    /// lost; saves the stations to the database every --save-every on the way.
    fn listen(&mut self, out: &mut dyn Write) -> std::result::Result<(), Stop> {
        let start = Instant::now();
        let end = self.args.duration.map(|d| start + d);
        let mut last_save = start;
        let mut events = 0u64;
        loop {
            // Waits in slices of a second at most, so Ctrl-C, --duration and the periodic
            // save are seen on a quiet LAN.
            let slice = Instant::now() + Duration::from_secs(1);
            let until = end.map_or(slice, |e| e.min(slice));
            // Only frames that came in: those this host sent are never taken for another's.
            let heard = self
                .wire
                .recv_until(until, |f| {
                    Some((lan_frame::read(f), lan_frame::destination(f)))
                })
                .map_err(|e| {
                    Stop::Link(Error::io(
                        t!("common-listening-on", interface = &self.link.name),
                        e,
                    ))
                })?;
            if last_save.elapsed() >= self.args.save_every {
                self.save_now();
                last_save = Instant::now();
            }
            let Some(((frame, to), _)) = heard else {
                if interrupt::interrupted() || end.is_some_and(|e| Instant::now() >= e) {
                    return Ok(());
                }
                continue;
            };
            self.summary.frames += 1;
            let own = self.watcher.setup().own_mac;
            self.summary.by_destination.note(to, own);
            match &frame.sighting {
                Ok(Sighting::Arp(_)) => self.summary.arp += 1,
                Ok(Sighting::Dhcp(_)) => self.summary.dhcp += 1,
                Ok(Sighting::RouterAdvert(_)) => self.summary.router_adverts += 1,
                Ok(Sighting::Other) => {}
                Err(flaw) => self.summary.discards.note(*flaw),
            }
            let heard = self.watcher.hear(&frame, unix_now());
            for e in &heard {
                write_event(self.ui, out, e).map_err(Stop::Output)?;
                *self.summary.events.entry(e.kind()).or_insert(0) += 1;
                self.summary.alarms += u64::from(e.alarm);
                events += 1;
                if self.args.count.is_some_and(|n| events >= n) {
                    out.flush().map_err(Stop::Output)?;
                    return Ok(());
                }
            }
            if !heard.is_empty() {
                out.flush().map_err(Stop::Output)?;
            }
        }
    }

    /// Saves the stations now if they changed since the last save; a failure is a warning
    /// (the watch goes on, and the save at its end says whether the stations were kept).
    fn save_now(&mut self) {
        let Some(db) = &self.db else { return };
        if !self.watcher.changed() {
            return;
        }
        match db.save(&self.watcher.known()) {
            Ok(()) => self.watcher.mark_saved(),
            Err(e) => output::warn(e),
        }
    }

    /// The end of every watch, however it ended: the stations saved, then the summary (unless
    /// the output is what failed); the first error of those, the lost link or the closed
    /// output decides the exit status.
    fn finish(mut self, out: &mut dyn Write, took: Duration, stop: Option<Stop>) -> Result<u8> {
        let s = &mut self.summary;
        s.took_ms = took.as_secs_f64() * 1000.0;
        s.stations = self.watcher.stations.len();
        s.stations_heard = self.watcher.stations.values().filter(|s| s.heard).count();
        s.unlisted = self.watcher.unlisted;
        s.dropped = self.wire.dropped();
        let saved = match &self.db {
            Some(db) => db.save(&self.watcher.known()),
            None => Ok(()),
        };
        let shown = match &stop {
            Some(Stop::Output(_)) => Ok(()),
            _ => write_summary(self.ui, out, &self.summary).and_then(|()| out.flush()),
        };
        saved?;
        match stop {
            Some(Stop::Link(e)) => return Err(e),
            Some(Stop::Output(e)) => return Err(written(e)),
            None => {}
        }
        shown.map_err(written)?;
        Ok(if self.summary.alarms > 0 {
            exit::NEGATIVE
        } else {
            exit::OK
        })
    }
}

/// Runs `netkit watch`.
pub fn run(args: &WatchArgs, ui: &Ui) -> Result<u8> {
    let mut tables = Tables::open()?;
    let (links, routes) = (tables.links()?, tables.routes()?);
    let link = &named_or_lan_link(&links, &routes, args.interface.as_deref(), || {
        t!("watch-no-interface")
    })?;
    let wire = Listener::open(&link.name, link.index, args.promiscuous)?;
    let (addrs, neighbours) = (tables.addresses()?, tables.neighbours()?);
    let setup = setup_of(link, (&addrs, &routes, &neighbours), args);
    // The database is opened (locked, read, its directory checked) before anything is heard:
    // a file that could not be saved is found now, not at the end of the watch.
    let (db, known) = match &args.db {
        Some(path) => {
            let (db, known) = Db::open(path, MAX_STATIONS)?;
            (Some(db), known)
        }
        None => (None, None),
    };
    let known = match known {
        Some(k) => k,
        None => neighbour_stations(&neighbours, link),
    };
    let watcher = Watcher::new(setup, known);
    interrupt::catch();
    let mut out: Box<dyn Write> = match ui.format {
        Format::Json => Box::new(io::stdout().lock()),
        _ => Box::new(output::live_out(ui)),
    };
    if ui.format != Format::Json {
        let gateways: Vec<String> = watcher
            .setup()
            .gateways
            .iter()
            .map(|(g, m)| match m {
                Some(m) => t!("watch-gateway-at", gateway = *g, mac = m).to_string(),
                None => g.to_string(),
            })
            .collect();
        let gateways = if gateways.is_empty() {
            t!("watch-no-gateway").to_string()
        } else {
            gateways.join(&t!("common-list-separator").to_string())
        };
        let header = t!(
            "watch-header",
            interface = &link.name,
            gateways = gateways,
            stations = watcher.stations.len()
        );
        writeln!(out, "{header}").map_err(written)?;
    }
    let mut watch = Watch {
        ui,
        args,
        link,
        wire,
        watcher,
        db,
        summary: Summary {
            interface: link.name.clone(),
            promiscuous: args.promiscuous,
            ..Summary::default()
        },
    };
    let start = Instant::now();
    let stop = watch.listen(&mut out).err();
    watch.finish(&mut out, start.elapsed(), stop)
}
