//! `netkit trace DEST`: the routers on the way to DEST. This module resolves DEST, checks the
//! flags, runs the tracer (`system::tracer`, trippy-core underneath) and hands its probes to
//! `report`, which makes one line per hop and the verdict.

pub mod report;

use std::net::IpAddr;
use std::time::{Duration, Instant};

use crate::cli::TraceArgs;
use crate::error::{Error, Result};
use crate::i18n::{Message, t};
use crate::net::endpoint::{Dest, destination};
use crate::net::hwaddr::Mac;
use crate::output::{Redraw, Ui, emit};
use crate::system::Tables;
use crate::system::dest::{Cast, broadcast_words, echo_target};
use crate::system::icmp::SocketKind;
use crate::system::interrupt;
use crate::system::lookup::Names;
use crate::system::routing::{neighbour_of, subnet_check};
use crate::system::tracer::{self, Method, Run, TRIPPY_MAX_TTL, TraceConfig};

use report::FirstHop;

/// How long the system resolver may take for DEST.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(5);

/// How long the reverse names still on their way may delay the final table.
const NAME_GRACE: Duration = Duration::from_millis(500);

/// TCP's destination port when --port is not given.
const TCP_PORT: u16 = 80;

/// Runs `netkit trace ...`.
pub fn run(args: &TraceArgs, ui: &Ui) -> Result<u8> {
    let method = match (args.udp, args.tcp) {
        (true, _) => Method::Udp,
        (_, true) => Method::Tcp,
        _ => Method::Icmp,
    };
    if method == Method::Icmp && args.port.is_some() {
        return Err(Error::usage(t!("trace-port-needs-udp-tcp")));
    }
    let target = echo_target(
        &args.dest,
        args.family.ipv4,
        args.family.ipv6,
        args.interface.as_deref(),
        RESOLVE_TIMEOUT,
        // An ICMP trace learns a broadcast DEST from the kernel's refusal to send to it (one
        // netlink query less for every trace); trippy's UDP and TCP errors do not tell.
        method != Method::Icmp,
    )?;
    let address = target.address;
    let many = match &target.cast {
        Cast::Unicast => None,
        Cast::Broadcast { what } => Some(what.clone()),
        Cast::Multicast => Some(t!("trace-multicast")),
    };
    if let Some(what) = many {
        return Err(not_one_host(&args.dest, address, what));
    }
    if method != Method::Icmp && target.scope_id != 0 {
        return Err(Error::usage(t!("trace-link-local", address = address)));
    }
    let max_hops = match method {
        Method::Icmp => args.max_hops,
        _ => args.max_hops.min(TRIPPY_MAX_TTL),
    };
    if args.first_hop > max_hops {
        return Err(Error::usage(t!(
            "trace-first-past-max",
            first = args.first_hop,
            max = max_hops
        )));
    }
    let config = TraceConfig {
        target: address,
        method,
        port: match method {
            Method::Tcp => Some(args.port.unwrap_or(TCP_PORT)),
            _ => args.port,
        },
        rounds: args.count as usize,
        first_hop: args.first_hop,
        max_hops,
        timeout: args.timeout,
        interval: args.interval,
        interface: args.interface.clone(),
        scope_id: target.scope_id,
    };
    // Ctrl-C ends the run with the rounds finished so far, as mtr's report does.
    interrupt::catch();
    let start = Instant::now();
    let dest = args.dest.to_string();
    let mut names = Names::new();
    let mut redraw = Redraw::new(ui);
    let mut drawn = Ok(());
    let mut asked_up_to = 0;
    let refused = |e: Error| match (&e, address) {
        (Error::Io { source, .. }, IpAddr::V4(v4))
            if source.kind() == std::io::ErrorKind::PermissionDenied =>
        {
            match broadcast_words(v4) {
                Some(what) => not_one_host(&args.dest, address, what),
                None => e,
            }
        }
        _ => e,
    };
    let run = tracer::run(&config, &mut |probes| {
        if !args.no_dns {
            // Only the probes new since the last round.
            for from in probes[asked_up_to.min(probes.len())..]
                .iter()
                .filter_map(|p| p.from)
            {
                names.ask(from);
            }
            asked_up_to = probes.len();
        }
        // A frame is built only where it is drawn (a terminal).
        if redraw.is_on() && drawn.is_ok() {
            let run = Run {
                probes: probes.to_vec(),
                socket: SocketKind::Raw,
                interrupted: false,
            };
            let mut frame = report::build(dest.clone(), &config, run, 0.0, &|ip| names.get(ip));
            frame.running = probes.last().map(|p| p.round);
            drawn = redraw.frame(ui, &frame);
        }
    })
    .map_err(refused)?;
    let took_ms = start.elapsed().as_secs_f64() * 1000.0;
    // Names still on their way get a moment; a resolver that does not answer costs no more.
    names.wait(Instant::now() + NAME_GRACE);
    let mut report = report::build(dest, &config, run, took_ms, &|ip| names.get(ip));
    report.note = target.note;
    if config.first_hop == 1 && config.interface.is_none() {
        report.first_hop = first_hop(address);
    }
    drawn?;
    redraw.clear()?;
    emit(ui, &report)
}

/// DEST is a broadcast or multicast address (`what` says which): no path to trace.
fn not_one_host(dest: &Dest, address: IpAddr, what: Message) -> Error {
    Error::bad(
        destination(),
        dest.to_string(),
        t!("trace-not-one-host", address = address, what = what),
    )
}

/// The route the kernel picks toward `target` and the next hop's MAC from the neighbour table
/// (filled by the trace itself); None when netlink does not tell.
fn first_hop(target: IpAddr) -> Option<FirstHop> {
    let mut tables = Tables::open().ok()?;
    let route = tables.route_to(target).ok()?.ok()?;
    let oif = route.oif?;
    let addrs = tables.addresses().ok()?;
    // An IPv4 address carries its interface's name (an alias's label adds ":N"); else one ioctl
    // asks for it.
    let dev = addrs
        .iter()
        .find(|a| a.index == oif)
        .and_then(|a| Some(a.label.as_deref()?.split(':').next()?.to_string()))
        .or_else(|| tables.interface_name(oif))
        .unwrap_or_else(|| format!("if{oif}"));
    if route.kind == crate::system::model::RouteKind::Local {
        return Some(FirstHop::local(target, dev));
    }
    let neighbours = tables.neighbours().ok()?;
    let next = route.gateway.unwrap_or(target);
    let mac = neighbour_of(&neighbours, oif, next)
        .and_then(|n| Mac::from_slice(n.mac.as_deref()?))
        .filter(|m| m.0 != [0; 6]);
    Some(FirstHop::new(
        target,
        Some(dev),
        subnet_check(&addrs, &route, target),
        route.gateway,
        mac,
    ))
}
