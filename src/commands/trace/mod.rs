//! `netkit trace DEST`: the routers on the way to DEST. This module resolves DEST, checks the
//! flags, runs the tracer (`system::tracer`, trippy-core underneath) and hands its probes to
//! `report`, which makes one line per hop and the verdict.

pub mod report;

use std::time::{Duration, Instant};

use crate::cli::TraceArgs;
use crate::error::{Error, Result};
use crate::output::{Ui, emit};
use crate::system::interrupt;
use crate::system::lookup::resolve;
use crate::system::tracer::{self, Method, TraceConfig};

/// How long the system resolver may take for DEST.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(5);

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
        return Err(Error::Usage(
            "--port needs --udp or --tcp (ICMP echo has no port)".into(),
        ));
    }
    if args.first_hop > args.max_hops {
        return Err(Error::Usage(format!(
            "--first-hop {} is past --max-hops {}",
            args.first_hop, args.max_hops
        )));
    }
    let address = match resolve(
        &args.dest,
        args.family.ipv4,
        args.family.ipv6,
        RESOLVE_TIMEOUT,
    )? {
        Ok((address, _)) => address,
        Err(reason) => return Err(Error::bad("destination", args.dest.to_string(), reason)),
    };
    let config = TraceConfig {
        target: address,
        method,
        port: match method {
            Method::Tcp => Some(args.port.unwrap_or(TCP_PORT)),
            _ => args.port,
        },
        rounds: args.count as usize,
        first_hop: args.first_hop,
        max_hops: args.max_hops,
        timeout: args.timeout,
        interval: args.interval,
        interface: args.interface.clone(),
    };
    // Ctrl-C ends the run with the rounds finished so far, as mtr's report does.
    interrupt::catch();
    let start = Instant::now();
    let run = tracer::run(&config)?;
    let report = report::build(
        args.dest.to_string(),
        &config,
        run,
        start.elapsed().as_secs_f64() * 1000.0,
    );
    emit(ui, &report)
}
