//! `netkit flow DEST[:PORT]`: the primer's "how communication happens", on the real network and
//! timed: 1. DNS turns the name into an address; 2. the routing decision (this host's address AND
//! mask versus the destination's: same subnet → direct, else the gateway); 3. ARP finds the next
//! hop's MAC; 4. TCP's three-way handshake with DEST:PORT. It stops at the first step that fails.

use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::cli::FlowArgs;
use crate::commands::route::get::{RouteAnswer, no_route_reason};
use crate::error::{Result, exit, words_of};
use crate::i18n::{Text, t};
use crate::net::endpoint::Host;
use crate::net::hwaddr::Mac;
use crate::net::oui::vendor_of;
use crate::output::{self, LiveOut, Paint, Report, Ui, emit, pad, written};
use crate::system::interrupt::{self, interrupted};
use crate::system::model::{Addr, Link, RouteKind};
use crate::system::routing::{interface_addr, neighbour_of};
use crate::system::{Tables, ask_once_on, dns_config, may_use_raw_sockets};
use crate::util::time::{human_duration, human_ms, round_ms, round_ms_opt};

/// How a step ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// It worked.
    Ok,
    /// Not needed (an IP needs no DNS; no port, no TCP).
    Skipped,
    /// A negative answer (no route, no ARP reply, connection refused): the walk stops, exit 1.
    No,
    /// A network error: the walk stops, exit 3.
    Error,
}

/// The steps of the walk, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    /// The name becomes an address.
    Dns,
    /// The kernel's routing decision, with the mask arithmetic.
    Routing,
    /// The next hop's MAC.
    Arp,
    /// The three-way handshake.
    Tcp,
}

impl StepKind {
    /// The step's name in the walk's listing.
    fn title(self) -> Text {
        match self {
            StepKind::Dns => "DNS".into(),
            StepKind::Routing => t!("flow-step-routing").into(),
            StepKind::Arp => "ARP".into(),
            StepKind::Tcp => "TCP".into(),
        }
    }
}

/// One step of the walk.
#[derive(Debug, Serialize)]
pub struct Step {
    /// dns, routing, arp or tcp.
    pub step: StepKind,
    /// How it ended.
    pub outcome: Outcome,
    /// What it found, in one line.
    pub summary: Text,
    /// The working behind it, a line each.
    pub details: Vec<Text>,
    /// How long the step took, in milliseconds.
    #[serde(serialize_with = "round_ms")]
    pub took_ms: f64,
    /// What the step found, as data (null when it found nothing).
    pub facts: Facts,
}

/// What a step found, as fields for scripts (the sentences say it for people).
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Facts {
    /// Nothing found.
    None,
    /// The name lookup: the address used, and every address found.
    Dns {
        /// The address the walk goes on with.
        address: IpAddr,
        /// Every address the resolver gave.
        addresses: Vec<IpAddr>,
    },
    /// The routing decision, as `netkit route get --json` gives it.
    Routing(Box<RouteAnswer>),
    /// The next hop's MAC.
    Neighbour {
        /// The next hop (the gateway, or the destination on the same subnet).
        next_hop: IpAddr,
        /// Its MAC, when known.
        mac: Option<Mac>,
        /// The MAC's vendor.
        vendor: Option<String>,
        /// Where the MAC came from: "cache" or "arp_reply".
        source: Option<&'static str>,
        /// The ARP round trip, when netkit asked.
        #[serde(serialize_with = "round_ms_opt")]
        rtt_ms: Option<f64>,
    },
    /// The TCP connection.
    Tcp {
        /// This host's end, when connected.
        local: Option<SocketAddr>,
        /// The destination's end.
        remote: SocketAddr,
    },
}

/// The answer of `netkit flow`.
#[derive(Debug, Serialize)]
pub struct Flow {
    /// DEST as typed (without the port).
    pub destination: String,
    /// The port, when given.
    pub port: Option<u16>,
    /// The address used.
    pub address: Option<IpAddr>,
    /// The steps taken, in order.
    pub steps: Vec<Step>,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn dns_step(host: &Host, args: &FlowArgs) -> Result<(Step, Option<IpAddr>)> {
    if let Host::Ip(addr) = *host {
        // Refuses an address of the other family than -4/-6 ask for.
        let _ =
            crate::system::lookup::resolve(host, args.family.ipv4, args.family.ipv6, args.timeout)?;
        let step = Step {
            step: StepKind::Dns,
            outcome: Outcome::Skipped,
            summary: t!("flow-dns-is-address", address = addr).into(),
            details: vec![],
            took_ms: 0.0,
            facts: Facts::Dns {
                address: addr,
                addresses: vec![addr],
            },
        };
        return Ok((step, Some(addr)));
    }
    let servers = dns_config()
        .map(|c| {
            c.servers
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let t = Instant::now();
    let found =
        crate::system::lookup::resolve(host, args.family.ipv4, args.family.ipv6, args.timeout)?;
    let took = t.elapsed();
    let asked = || -> Text {
        if servers.is_empty() {
            t!("flow-dns-asked").into()
        } else {
            t!("flow-dns-asked-servers", servers = &servers).into()
        }
    };
    Ok(match found {
        Ok((addr, all)) => {
            let others: Vec<String> = all
                .iter()
                .filter(|a| **a != addr)
                .map(|a| a.to_string())
                .collect();
            let mut details = vec![asked()];
            if !others.is_empty() {
                details.push(t!("flow-dns-others", addresses = others.join(", ")).into());
            }
            let step = Step {
                step: StepKind::Dns,
                outcome: Outcome::Ok,
                summary: format!("{host} → {addr}").into(),
                details,
                took_ms: ms(took),
                facts: Facts::Dns {
                    address: addr,
                    addresses: all,
                },
            };
            (step, Some(addr))
        }
        Err(reason) => {
            let step = Step {
                step: StepKind::Dns,
                outcome: Outcome::No,
                summary: reason.into(),
                details: vec![asked()],
                took_ms: ms(took),
                facts: Facts::None,
            };
            (step, None)
        }
    })
}

/// Where the walk goes after the routing step.
#[derive(Debug)]
enum Next {
    /// Out of an interface (its index) to a next hop; true when that hop is a gateway.
    Hop(u32, IpAddr, bool),
    /// The destination is this host itself: no ARP, straight on to TCP.
    Local,
    /// No way on.
    Stop,
}

/// The routing step, and where the walk goes from there.
fn routing_step(
    tables: &mut Tables,
    links: &[Link],
    addrs: &[Addr],
    addr: IpAddr,
) -> Result<(Step, Next)> {
    let t = Instant::now();
    let route = match tables.route_to(addr)? {
        Ok(r) => r,
        Err(why) => {
            let step = Step {
                step: StepKind::Routing,
                outcome: Outcome::No,
                summary: no_route_reason(addr, &why).into(),
                details: vec![t!("flow-routing-see", address = addr).into()],
                took_ms: ms(t.elapsed()),
                facts: Facts::None,
            };
            return Ok((step, Next::Stop));
        }
    };
    let a =
        crate::commands::route::get::answer(&addr.to_string(), addr, vec![], &route, links, addrs);
    let took = t.elapsed();
    let mut details: Vec<Text> = Vec::new();
    if let Some(s) = &a.subnet {
        let mask = s.netmask.to_string();
        let this_host = t!(
            "flow-routing-this-host",
            address = s.source.addr,
            mask = &mask,
            network = s.source_network.to_string()
        );
        let destination = t!(
            "flow-routing-destination",
            address = addr,
            mask = &mask,
            network = s.destination_network.to_string()
        );
        let verdict = if s.same_subnet {
            t!("common-same-subnet")
        } else {
            t!("common-different-subnets")
        };
        details.push(this_host.into());
        details.push(destination.into());
        details.push(t!("flow-routing-verdict", verdict = verdict).into());
    }
    details.push(a.explanation.clone().into());
    let ok = a.status() == exit::OK;
    let summary = match (a.kind, a.gateway, &a.interface) {
        (RouteKind::Local, _, _) => t!("flow-routing-local", address = addr),
        (_, Some(gw), Some(i)) => t!("flow-routing-gateway", gateway = gw, interface = i),
        (_, None, Some(i)) => t!("flow-routing-direct", interface = i),
        _ => t!("flow-routing-refused", kind = a.kind.to_string()),
    }
    .into();
    let next = match (a.kind, a.ifindex, a.next_hop) {
        (RouteKind::Local, _, _) => Next::Local,
        (_, Some(i), Some(h)) if ok => Next::Hop(i, h, a.gateway.is_some()),
        _ => Next::Stop,
    };
    let step = Step {
        step: StepKind::Routing,
        outcome: if ok { Outcome::Ok } else { Outcome::No },
        summary,
        details,
        took_ms: ms(took),
        facts: Facts::Routing(Box::new(a)),
    };
    Ok((step, next))
}

fn arp_step(
    tables: &mut Tables,
    links: &[Link],
    addrs: &[Addr],
    ifindex: u32,
    hop: IpAddr,
    via_gateway: bool,
    timeout: Duration,
) -> Result<Step> {
    let t = Instant::now();
    let who = || {
        if via_gateway {
            t!("flow-who-gateway")
        } else {
            t!("flow-who-destination")
        }
    };
    let is_at = |mac: Mac| -> Text {
        let (hop, who, shown) = (hop, who(), mac.to_string());
        match vendor_of(&mac.0) {
            Some(v) => t!(
                "flow-arp-is-at-vendor",
                hop = hop,
                who = who,
                mac = shown,
                vendor = v
            ),
            None => t!("flow-arp-is-at", hop = hop, who = who, mac = shown),
        }
        .into()
    };
    let neighbour = |mac: Option<Mac>, source, rtt_ms| Facts::Neighbour {
        next_hop: hop,
        mac,
        vendor: mac.and_then(|m| vendor_of(&m.0)),
        source,
        rtt_ms,
    };
    let neighbours = tables.neighbours()?;
    let cached = neighbour_of(&neighbours, ifindex, hop)
        .filter(|n| !n.state.is_unresolved())
        .and_then(|n| Some((n, Mac::from_slice(n.mac.as_deref()?)?)));
    let protocol = if hop.is_ipv4() { "ARP" } else { "NDP" };
    if let Some((n, mac)) = cached {
        return Ok(Step {
            step: StepKind::Arp,
            outcome: Outcome::Ok,
            summary: is_at(mac),
            details: vec![
                t!(
                    "flow-arp-cache",
                    state = n.state.to_string(),
                    protocol = protocol
                )
                .into(),
            ],
            took_ms: ms(t.elapsed()),
            facts: neighbour(Some(mac), Some("cache"), None),
        });
    }
    let link = links.iter().find(|l| l.index == ifindex);
    let source = match interface_addr(addrs, ifindex, true, Some(hop), None).map(|a| a.address) {
        Some(IpAddr::V4(v4)) => Some(v4),
        _ => None,
    };
    match (hop, link, source, may_use_raw_sockets()) {
        (IpAddr::V4(target), Some(l), Some(src), true) if l.mac6().is_some() => {
            let reply = ask_once_on(l, src, target, timeout)?;
            let took = ms(t.elapsed());
            Ok(match reply {
                Some((mac, rtt)) => Step {
                    step: StepKind::Arp,
                    outcome: Outcome::Ok,
                    summary: is_at(Mac(mac)),
                    details: vec![
                        t!(
                            "flow-arp-broadcast",
                            hop = hop,
                            source = src,
                            interface = &l.name
                        )
                        .into(),
                        t!("flow-arp-round-trip", time = human_duration(rtt)).into(),
                    ],
                    took_ms: took,
                    facts: neighbour(Some(Mac(mac)), Some("arp_reply"), Some(ms(rtt))),
                },
                None if interrupted() => Step {
                    step: StepKind::Arp,
                    outcome: Outcome::No,
                    summary: t!(
                        "flow-arp-interrupted",
                        hop = hop,
                        who = who(),
                        time = human_ms(took)
                    )
                    .into(),
                    details: vec![],
                    took_ms: took,
                    facts: neighbour(None, None, None),
                },
                None => Step {
                    step: StepKind::Arp,
                    outcome: Outcome::No,
                    summary: t!(
                        "flow-arp-nobody",
                        hop = hop,
                        who = who(),
                        time = human_duration(timeout)
                    )
                    .into(),
                    details: vec![t!("flow-arp-down", who = who(), interface = &l.name).into()],
                    took_ms: took,
                    facts: neighbour(None, None, None),
                },
            })
        }
        _ => Ok(Step {
            step: StepKind::Arp,
            outcome: Outcome::Skipped,
            summary: t!("flow-arp-not-cached", hop = hop, who = who()).into(),
            details: vec![
                if hop.is_ipv4() {
                    t!("flow-arp-cache-only-v4", protocol = protocol)
                } else {
                    t!("flow-arp-cache-only-v6", protocol = protocol)
                }
                .into(),
            ],
            took_ms: ms(t.elapsed()),
            facts: neighbour(None, None, None),
        }),
    }
}

/// Connects to `target` within `timeout`, giving up early on Ctrl-C (then: interrupted).
fn connect(target: SocketAddr, timeout: Duration) -> io::Result<TcpStream> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(TcpStream::connect_timeout(&target, timeout));
    });
    loop {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(result) => return result,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) if !interrupted() => {}
            Err(_) => return Err(io::Error::from(io::ErrorKind::Interrupted)),
        }
    }
}

fn tcp_step(addr: IpAddr, port: u16, timeout: Duration) -> Step {
    let target = SocketAddr::new(addr, port);
    let t = Instant::now();
    let result = connect(target, timeout);
    let took = ms(t.elapsed());
    match result {
        Ok(stream) => {
            let local = stream.local_addr().ok();
            Step {
                step: StepKind::Tcp,
                outcome: Outcome::Ok,
                summary: t!("flow-tcp-connected", target = target).into(),
                details: vec![
                    match local {
                        Some(l) => t!("flow-tcp-from", local = l),
                        None => t!("flow-tcp-from-host"),
                    }
                    .into(),
                ],
                took_ms: took,
                facts: Facts::Tcp {
                    local,
                    remote: target,
                },
            }
        }
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Step {
            step: StepKind::Tcp,
            outcome: Outcome::No,
            summary: t!(
                "flow-tcp-interrupted",
                target = target,
                time = human_ms(took)
            )
            .into(),
            details: vec![],
            took_ms: took,
            facts: Facts::Tcp {
                local: None,
                remote: target,
            },
        },
        Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => Step {
            step: StepKind::Tcp,
            outcome: Outcome::No,
            summary: t!("flow-tcp-refused", target = target, port = port).into(),
            details: vec![],
            took_ms: took,
            facts: Facts::Tcp {
                local: None,
                remote: target,
            },
        },
        Err(e) => {
            let (summary, detail) = match e.kind() {
                io::ErrorKind::TimedOut => (
                    t!("flow-tcp-timeout", target = target),
                    t!("flow-tcp-timeout-detail", time = human_duration(timeout)),
                ),
                io::ErrorKind::NetworkUnreachable => (
                    t!("flow-tcp-network", target = target),
                    t!("flow-tcp-network-detail", address = addr),
                ),
                io::ErrorKind::HostUnreachable => (
                    t!("flow-tcp-host", target = target),
                    t!("flow-tcp-host-detail", address = addr),
                ),
                _ => (
                    t!("flow-tcp-other", target = target, cause = words_of(&e)),
                    t!("flow-tcp-other-detail", address = addr),
                ),
            };
            Step {
                step: StepKind::Tcp,
                outcome: Outcome::Error,
                summary: summary.into(),
                details: vec![detail.into()],
                took_ms: took,
                facts: Facts::Tcp {
                    local: None,
                    remote: target,
                },
            }
        }
    }
}

/// Runs `netkit flow`.
pub fn run(args: &FlowArgs, ui: &Ui) -> Result<u8> {
    // Ctrl-C ends a waiting step; the steps taken so far and the verdict are shown.
    interrupt::catch();
    let (host, port) = (&args.dest.host, args.dest.port);
    let mut walk = Walk {
        flow: Flow {
            destination: host.to_string(),
            port,
            address: None,
            steps: vec![],
        },
        live: ui.live.then(|| output::live_out(ui)),
        ui,
    };
    if let Some(out) = &mut walk.live {
        walk.flow.write_header(ui, out).map_err(written)?;
    }
    walk_steps(args, &mut walk)?;
    match &mut walk.live {
        Some(out) => {
            walk.flow.write_verdict(ui, out).map_err(written)?;
            out.flush().map_err(written)?;
            Ok(walk.flow.status())
        }
        None => emit(ui, &walk.flow),
    }
}

/// The walk so far, shown step by step when output is live.
struct Walk<'a> {
    flow: Flow,
    live: Option<LiveOut>,
    ui: &'a Ui,
}

impl Walk<'_> {
    /// Adds a step (and shows it at once on a terminal); true when the walk goes on.
    fn push(&mut self, step: Step) -> Result<bool> {
        let go_on = matches!(step.outcome, Outcome::Ok | Outcome::Skipped);
        self.flow.steps.push(step);
        if let Some(out) = &mut self.live {
            let i = self.flow.steps.len() - 1;
            self.flow.write_step(i, self.ui, out).map_err(written)?;
        }
        Ok(go_on)
    }
}

/// Takes the steps in order until one stops the walk.
fn walk_steps(args: &FlowArgs, walk: &mut Walk) -> Result<()> {
    let (host, port, timeout) = (&args.dest.host, args.dest.port, args.timeout);
    let (dns, addr) = dns_step(host, args)?;
    walk.push(dns)?;
    let Some(addr) = addr else {
        return Ok(());
    };
    walk.flow.address = Some(addr);
    let mut tables = Tables::open()?;
    // The interfaces and their addresses, read once for the routing and the ARP step.
    let (links, addrs) = (tables.links()?, tables.addresses()?);
    let (routing, next) = routing_step(&mut tables, &links, &addrs, addr)?;
    walk.push(routing)?;
    match next {
        Next::Hop(ifindex, hop, via_gateway) => {
            let arp = arp_step(
                &mut tables,
                &links,
                &addrs,
                ifindex,
                hop,
                via_gateway,
                timeout,
            )?;
            if !walk.push(arp)? {
                return Ok(());
            }
        }
        Next::Local => {}
        Next::Stop => return Ok(()),
    }
    if let Some(p) = port {
        walk.push(tcp_step(addr, p, timeout))?;
    }
    Ok(())
}

/// The column where a step's summary starts (` 1. Routing  ok     `), and its details.
const SUMMARY_COLUMN: usize = 20;
const DETAIL_COLUMN: usize = 21;

impl Flow {
    /// The first line: where to.
    fn write_header(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let destination = &self.destination;
        let header = match self.port {
            Some(p) => t!("flow-header-port", destination = destination, port = p),
            None => t!("flow-header", destination = destination),
        };
        writeln!(out, "{}", ui.paint(Paint::Bold, header))
    }

    /// Step number `i` (from 0): its verdict, summary and time, then its details, each wrapped
    /// to the terminal with a hanging indent.
    fn write_step(&self, i: usize, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let s = &self.steps[i];
        let (paint, mark) = match s.outcome {
            Outcome::Ok => (Paint::Good, t!("flow-mark-ok")),
            Outcome::Skipped => (Paint::Dim, t!("flow-mark-skip")),
            Outcome::No => (Paint::Warn, t!("flow-mark-no")),
            Outcome::Error => (Paint::Bad, t!("flow-mark-error")),
        };
        // The mark and the step's name in columns of their own (by display width).
        let mark = ui.paint(paint, pad(&mark.to_string(), 5));
        let title = pad(&s.step.title().to_string(), 8);
        let took = t!("flow-took", time = human_ms(s.took_ms));
        let took = ui.paint(Paint::Dim, took);
        let summary = ui.wrap(
            &format!("{}  {took}", s.summary),
            SUMMARY_COLUMN,
            SUMMARY_COLUMN,
        );
        writeln!(out)?;
        writeln!(out, " {}. {title} {mark}  {summary}", i + 1)?;
        for d in &s.details {
            let detail = ui.wrap(&d.to_string(), DETAIL_COLUMN, DETAIL_COLUMN + 2);
            writeln!(out, "{:DETAIL_COLUMN$}{detail}", "")?;
        }
        Ok(())
    }

    /// The last line: what the walk comes to.
    fn write_verdict(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out)?;
        let verdict = match self.steps.last().map(|s| s.outcome) {
            Some(Outcome::No) => ui.paint(Paint::Warn, t!("flow-verdict-no")),
            Some(Outcome::Error) => ui.paint(Paint::Bad, t!("flow-verdict-error")),
            _ if self.port.is_some() => ui.paint(Paint::Good, t!("flow-verdict-talk")),
            _ => ui.paint(
                Paint::Good,
                ui.wrap(&t!("flow-verdict-hop").to_string(), 0, 0),
            ),
        };
        writeln!(out, "{verdict}")
    }
}

impl Report for Flow {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        self.write_header(ui, out)?;
        for i in 0..self.steps.len() {
            self.write_step(i, ui, out)?;
        }
        self.write_verdict(ui, out)
    }

    fn status(&self) -> u8 {
        match self
            .steps
            .iter()
            .map(|s| s.outcome)
            .find(|o| matches!(o, Outcome::No | Outcome::Error))
        {
            Some(Outcome::No) => exit::NEGATIVE,
            Some(_) => exit::NETWORK,
            None => exit::OK,
        }
    }
}
