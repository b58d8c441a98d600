//! `netkit arp`: the primer's ARP. `arp IP` broadcasts "who has IP?" and shows who answers (like
//! arping, with --dad and --gratuitous), `arp scan` asks a whole subnet (like arp-scan), `arp cache`
//! shows the neighbour table. This module picks the interface and source address from the kernel's
//! routes and hands the exchange to `request`/`scan` over an `ArpLink`.

pub mod cache;
pub mod request;
pub mod scan;

use std::io;
use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

use crate::cli::{ArpArgs, ArpCommand, ArpScanArgs, parse_arp_range};
use crate::error::{Error, Result};
use crate::i18n::t;
use crate::net::block::Block;
use crate::net::targets::Ipv4SetBuilder;
use std::io::Write;

use crate::output::{
    self, Aligned, Cell, Column, Format, Paint, Progress, Report, Ui, emit, written,
};
use crate::system::interrupt;
use crate::system::lookup::reverse_many;
use crate::system::model::{Link, RouteKind, link_named};
use crate::system::routing::{interface_addr, lan_link};
use crate::system::{RawLink, Tables, arp_caveat};
use crate::util::lists::read_list_file;
use crate::util::time::{human_duration, human_ms};

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
fn choose(tables: &mut Tables, iface: Option<&str>, toward: Option<Ipv4Addr>) -> Result<Chosen> {
    let links = tables.links()?;
    let addrs = tables.addresses()?;
    let has_ipv4 = |l: &Link| {
        addrs
            .iter()
            .any(|a| a.index == l.index && a.address.is_ipv4())
    };
    let link: &Link = match (iface, toward) {
        (Some(name), _) => link_named(&links, name)?,
        (None, Some(t)) => {
            let route = tables
                .route_to(IpAddr::V4(t))?
                .map_err(|e| Error::Unavailable {
                    what: t!("arp-no-route", target = t).into(),
                    source: Some(e),
                })?;
            if route.kind == RouteKind::Local {
                return Err(Error::bad(
                    t!("arp-what-address"),
                    t.to_string(),
                    t!("arp-own-address"),
                ));
            }
            if let Some(gw) = route.gateway {
                let note = t!("common-label", label = t!("common-note"));
                let gap = t!("common-label-gap");
                let said = t!("arp-not-direct", target = t, gateway = gw);
                eprintln!("netkit: {note}{gap}{said}");
            }
            let oif = route.oif.unwrap_or(0);
            links
                .iter()
                .find(|l| l.index == oif)
                .ok_or_else(|| Error::unavailable(t!("arp-route-no-interface", target = t)))?
        }
        (None, None) => lan_link(&links, &tables.routes()?, has_ipv4)
            .ok_or_else(|| Error::unavailable(t!("arp-no-default-route")))?,
    };
    let mac = link.mac6().filter(|m| *m != [0; 6]).ok_or_else(|| {
        Error::bad(
            t!("common-what-interface"),
            &link.name,
            t!("arp-no-ethernet"),
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
        Some(ArpCommand::Cache(c)) => cache::run(c.interface.as_deref(), c.all, ui),
        Some(ArpCommand::Scan(s)) => run_scan(s, ui),
        None => run_request(args, ui),
    }
}

fn run_request(args: &ArpArgs, ui: &Ui) -> Result<u8> {
    let target = args
        .target
        .ok_or_else(|| Error::usage(t!("arp-give-target")))?;
    let mut tables = Tables::open()?;
    let mode = if args.dad {
        request::Mode::Dad
    } else if args.gratuitous {
        request::Mode::Gratuitous
    } else {
        request::Mode::Request
    };
    let chosen = if mode == request::Mode::Gratuitous {
        // Announce an address of ours: find the interface that holds it.
        let addrs = tables.addresses()?;
        let owner = addrs
            .iter()
            .find(|a| a.address == IpAddr::V4(target))
            .ok_or_else(|| {
                Error::bad(
                    t!("arp-what-address"),
                    target.to_string(),
                    t!("arp-not-ours"),
                )
            })?;
        let links = tables.links()?;
        let name = args.interface.clone().or_else(|| {
            links
                .iter()
                .find(|l| l.index == owner.index)
                .map(|l| l.name.clone())
        });
        choose(&mut tables, name.as_deref(), Some(target))?
    } else {
        choose(&mut tables, args.interface.as_deref(), Some(target))?
    };
    if mode == request::Mode::Request && chosen.source.is_unspecified() {
        return Err(Error::unavailable(t!(
            "arp-no-source",
            interface = &chosen.name
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
    let mut link = RawLink::open(&chosen.name, chosen.index, "ARP")?;
    if let Some(caveat) = arp_caveat() {
        output::warn(caveat);
    }
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

/// Most addresses one scan asks: a /16.
pub const MAX_TARGETS: u64 = 65536;

/// How long `--resolve` waits for the names, at most.
pub const NAMES_WAIT: Duration = Duration::from_secs(5);

/// Reverse lookups running at once for `--resolve`.
const NAME_WORKERS: usize = 32;

/// The addresses a scan asks, as typed: each range whole (for the report and the "not on this
/// link" warning) and its usable hosts (what is asked).
#[derive(Default)]
struct Wanted {
    blocks: Ipv4SetBuilder,
    hosts: Ipv4SetBuilder,
    /// Addresses added, counting repeats: a bound on the distinct ones.
    added: u64,
    /// The first range given (to choose the interface by).
    first: Option<Block>,
    any: bool,
}

fn v4(value: u128) -> Ipv4Addr {
    Ipv4Addr::from(value as u32)
}

impl Wanted {
    fn add(&mut self, block: Block) -> Result<()> {
        self.first.get_or_insert(block);
        self.any = true;
        self.blocks.add(v4(block.network()), v4(block.last()));
        let hosts = block.hosts();
        self.hosts.add(v4(hosts.first), v4(hosts.last));
        self.added = self
            .added
            .saturating_add((hosts.last - hosts.first + 1) as u64);
        // Refused as soon as the distinct addresses pass the cap (a /8 goes no further).
        if self.added > MAX_TARGETS {
            self.added = self.hosts.count();
            if self.added > MAX_TARGETS {
                return Err(Error::usage(t!(
                    "arp-scan-too-many-range",
                    range = block.cidr(),
                    max = MAX_TARGETS
                )));
            }
        }
        Ok(())
    }
}

fn run_scan(args: &ArpScanArgs, ui: &Ui) -> Result<u8> {
    if args.rate == 0 {
        return Err(Error::bad(
            t!("arp-what-rate"),
            "0",
            t!("arp-scan-rate-zero"),
        ));
    }
    let mut wanted = Wanted::default();
    for &block in &args.networks {
        wanted.add(block)?;
    }
    if let Some(path) = &args.file {
        let before = wanted.any;
        wanted.any = false;
        read_list_file(path, |line| {
            for word in line.split_whitespace() {
                wanted.add(parse_arp_range(word)?)?;
            }
            Ok(())
        })?;
        if !wanted.any {
            return Err(Error::usage(t!(
                "arp-scan-empty-file",
                file = path.display().to_string()
            )));
        }
        wanted.any |= before;
    }
    let toward = match wanted.first.map(|b| b.address()) {
        Some(IpAddr::V4(a)) => Some(a),
        _ => None,
    };
    let mut tables = Tables::open()?;
    let chosen = choose(&mut tables, args.interface.as_deref(), toward)?;
    // This host's IPv4 subnets on the interface: --localnet scans them, and a range outside
    // them gets a warning (ARP stays on the link).
    let own: Vec<(Ipv4Addr, u8)> = tables
        .addresses()?
        .iter()
        .filter(|a| a.index == chosen.index)
        .filter_map(|a| match a.address {
            IpAddr::V4(v) => Some((v, a.prefix)),
            IpAddr::V6(_) => None,
        })
        .collect();
    if args.localnet {
        if own.is_empty() {
            return Err(Error::unavailable(t!(
                "arp-scan-no-localnet",
                interface = &chosen.name
            )));
        }
        for &(a, p) in &own {
            wanted.add(Block::new(IpAddr::V4(a), p))?;
        }
    }
    if !wanted.any {
        if chosen.source.is_unspecified() {
            return Err(Error::unavailable(t!(
                "arp-scan-no-address",
                interface = &chosen.name
            )));
        }
        wanted.add(Block::new(IpAddr::V4(chosen.source), chosen.prefix))?;
    }
    let mut subnets = Ipv4SetBuilder::new();
    for &(a, p) in &own {
        let b = Block::new(IpAddr::V4(a), p);
        subnets.add(v4(b.network()), v4(b.last()));
    }
    let subnets = subnets.build();
    let blocks = wanted.blocks.build();
    let ranges = blocks.cidrs();
    let outside = blocks.minus(&subnets);
    if !own.is_empty() && !outside.is_empty() {
        let cidrs = outside.cidrs();
        let mine = subnets.cidrs();
        output::warn(t!(
            "arp-scan-outside",
            ranges = scan::describe(&cidrs),
            count = cidrs.len(),
            interface = &chosen.name,
            subnets = scan::describe(&mine)
        ));
    }
    let mut targets = wanted.hosts.build();
    for &(a, _) in &own {
        targets = targets.without(a);
    }
    if targets.len() > MAX_TARGETS {
        return Err(Error::usage(t!(
            "arp-scan-too-many",
            count = targets.len(),
            max = MAX_TARGETS
        )));
    }
    if targets.is_empty() {
        return Err(Error::usage(t!("arp-scan-nothing")));
    }
    let plan = scan::ScanPlan {
        targets,
        ranges,
        source: chosen.source,
        own: own
            .iter()
            .map(|&(a, p)| {
                let b = Block::new(IpAddr::V4(a), p);
                (v4(b.network()), v4(b.last()), a)
            })
            .collect(),
        our_mac: chosen.mac,
        rate: args.rate,
        retries: args.retries,
        timeout: args.timeout,
    };
    let mut link = RawLink::open(&chosen.name, chosen.index, "ARP")?;
    if let Some(caveat) = arp_caveat() {
        output::warn(caveat);
    }
    // Ctrl-C ends the scan with the hosts found so far and their summary.
    interrupt::catch();
    let live = ui.live && ui.format == Format::Table;
    let mut watch = LiveScan {
        ui,
        out: live.then(|| output::live_out(ui)),
        columns: scan_columns(ui),
        progress: Progress::on_terminal(),
        failed: None,
    };
    if let Some(out) = watch.out.as_mut() {
        write_scan_header(&plan, &chosen, &watch.columns, out).map_err(written)?;
    }
    let started = Instant::now();
    let mut report = scan::scan(&plan, &chosen.name, &mut link, &mut watch)?;
    watch.progress.clear();
    if let Some(e) = watch.failed.take() {
        return Err(written(e));
    }
    if args.resolve && !report.hosts.is_empty() {
        resolve_names(&mut report, &mut watch.progress);
        report.took_ms = started.elapsed().as_secs_f64() * 1000.0;
    }
    let Some(mut out) = watch.out else {
        return emit(ui, &report);
    };
    if report.resolved {
        write_names(ui, &report, &mut out).map_err(written)?;
    }
    report.write_summary(ui, &mut out).map_err(written)?;
    out.flush().map_err(written)?;
    Ok(report.status())
}

/// Looks up the hosts' names, many at once, with a progress line.
fn resolve_names(report: &mut scan::ScanReport, progress: &mut Progress) {
    let ips: Vec<IpAddr> = report.hosts.iter().map(|h| IpAddr::V4(h.ip)).collect();
    let started = Instant::now();
    let total = ips.len();
    let names = reverse_many(&ips, NAME_WORKERS, started + NAMES_WAIT, &mut |back| {
        if progress.due() {
            progress.draw(
                &t!(
                    "arp-scan-names-progress",
                    back = back,
                    total = total,
                    elapsed = human_duration(started.elapsed())
                )
                .to_string(),
            );
        }
    });
    progress.clear();
    for (h, name) in report.hosts.iter_mut().zip(names) {
        h.name = name;
    }
    report.resolved = true;
}

/// The live view's columns: on a narrow terminal the RTT goes first, the vendor under the row.
fn scan_columns(ui: &Ui) -> Aligned {
    let rtt = t!("arp-col-rtt").to_string();
    let columns = vec![
        Column::left(t!("arp-col-address").to_string(), 15),
        Column::left(t!("arp-col-mac").to_string(), 17),
        Column::right(rtt.clone(), 8),
        Column::left(t!("arp-col-vendor").to_string(), 10),
    ];
    ui.aligned(columns, &[&rtt])
}

/// The live view's first lines: what is scanned, then the column headers.
fn write_scan_header(
    plan: &scan::ScanPlan,
    chosen: &Chosen,
    columns: &Aligned,
    out: &mut dyn Write,
) -> io::Result<()> {
    let header = t!(
        "arp-scan-header",
        count = plan.targets.len(),
        ranges = scan::describe(&plan.ranges),
        interface = &chosen.name,
        source = chosen.source,
        mac = crate::net::hwaddr::Mac(chosen.mac).to_string(),
        rate = plan.rate
    );
    writeln!(out, "{header}")?;
    columns.write_header(out)
}

/// The names found, under the live view's hosts.
fn write_names(ui: &Ui, report: &scan::ScanReport, out: &mut dyn Write) -> io::Result<()> {
    let named: Vec<&scan::Host> = report.hosts.iter().filter(|h| h.name.is_some()).collect();
    if named.is_empty() {
        let none = t!("arp-scan-no-names", count = report.hosts.len());
        return writeln!(out, "{none}");
    }
    writeln!(out, "{}", t!("common-label", label = t!("arp-scan-names")))?;
    let columns = vec![
        Column::left(t!("arp-col-address").to_string(), 15),
        Column::left(t!("arp-col-name").to_string(), 10),
    ];
    let mut names = ui.aligned(columns, &[]);
    for h in named {
        let name = h.name.as_deref().unwrap_or("-");
        names.write_row(out, vec![h.ip.to_string().into(), name.into()])?;
    }
    Ok(())
}

/// The live view of a scan: each host on stdout when it answers (on a terminal), the progress
/// line on stderr (when stderr is one).
struct LiveScan<'a> {
    ui: &'a Ui,
    out: Option<output::LiveOut>,
    columns: Aligned,
    progress: Progress,
    /// The first failed write to stdout.
    failed: Option<io::Error>,
}

impl LiveScan<'_> {
    fn row(&mut self, cells: Vec<Cell>) {
        let Some(out) = self.out.as_mut() else { return };
        if self.failed.is_some() {
            return;
        }
        self.progress.clear();
        if let Err(e) = self
            .columns
            .write_row(out, cells)
            .and_then(|()| out.flush())
        {
            self.failed = Some(e);
        }
    }
}

impl scan::Watch for LiveScan<'_> {
    fn found(&mut self, h: &scan::Host) {
        if self.out.is_none() {
            return;
        }
        let mut vendor = h.vendor.as_deref().unwrap_or("-").to_string();
        if let Some(e) = h.ethernet_source {
            vendor = t!("arp-scan-vendor-via", vendor = vendor, mac = e).to_string();
        }
        self.row(vec![
            h.ip.to_string().into(),
            h.mac.to_string().into(),
            human_ms(h.rtt_ms).into(),
            vendor.into(),
        ]);
    }

    fn duplicate(&mut self, h: &scan::Host, mac: crate::net::hwaddr::Mac) {
        if self.out.is_none() {
            return;
        }
        let warning = t!("arp-scan-duplicate-live");
        self.row(vec![
            h.ip.to_string().into(),
            self.ui.cell(Paint::Bad, mac),
            "".into(),
            self.ui.cell(Paint::Bad, warning),
        ]);
    }

    fn tick(&mut self, tally: &scan::Tally) {
        if self.progress.due() {
            self.progress.draw(&tally.line());
        }
    }
}
