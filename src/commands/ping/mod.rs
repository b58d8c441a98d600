//! `netkit ping DEST`: ICMP echo like iputils ping. This module resolves DEST (its zone, what
//! kind of address it is), opens the ICMP socket (unprivileged where allowed, else raw) and hands
//! the run to `session`, live on a terminal.

mod notes;
pub mod session;

use std::io::Write;
use std::time::Duration;

use crate::cli::PingArgs;
use crate::error::{Error, Result};
use crate::i18n::t;
use crate::output::{self, Paint, Report, Ui, emit, written};
use crate::system::IcmpSocket;
use crate::system::dest::{Cast, echo_target};
use crate::system::icmp::EchoOptions;
use crate::system::interrupt;

/// How long the system resolver may take for DEST.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(5);

/// The most data an echo request can carry: 65535 bytes of IP packet less the headers (IPv4:
/// 20 + 8; IPv6's payload length does not count its own 40-byte header, so 65535 - 8).
const MAX_SIZE_V4: u16 = 65_507;

/// Runs `netkit ping ...`.
pub fn run(args: &PingArgs, ui: &Ui) -> Result<u8> {
    let target = echo_target(
        &args.dest,
        args.family.ipv4,
        args.family.ipv6,
        args.interface.as_deref(),
        RESOLVE_TIMEOUT,
        true,
    )?;
    let address = target.address;
    if address.is_ipv4() && args.size > MAX_SIZE_V4 {
        return Err(Error::bad(
            t!("ping-what-size"),
            args.size.to_string(),
            t!("ping-size-v4", max = MAX_SIZE_V4),
        ));
    }
    let many = match &target.cast {
        Cast::Unicast => false,
        Cast::Multicast => true,
        Cast::Broadcast { .. } if args.broadcast => true,
        Cast::Broadcast { what } => {
            return Err(Error::bad(
                crate::net::endpoint::destination(),
                args.dest.to_string(),
                t!("ping-broadcast-needs-b", address = address, what = what),
            ));
        }
    };
    let mut sock = IcmpSocket::open(
        address,
        EchoOptions {
            ttl: args.ttl,
            interface: args.interface.as_deref(),
            scope_id: target.scope_id,
            broadcast: args.broadcast,
        },
    )?;
    let plan = session::Plan {
        destination: args.dest.to_string(),
        address,
        count: args.count,
        interval: args.interval,
        deadline: args.deadline,
        timeout: args.timeout,
        payload: session::payload(args.size),
        many,
    };
    // Ctrl-C ends the run with the replies seen and their statistics, as ping does.
    interrupt::catch();
    let kind = sock.kind();
    if !ui.live {
        let mut report = session::run_plan(&plan, kind, &mut sock, &mut |_| {})?;
        report.note = target.note;
        return emit(ui, &report);
    }
    let mut out = output::live_out(ui);
    let header = session::Header {
        destination: &plan.destination,
        address,
        size: args.size,
        many,
    };
    session::write_header(header, &mut out).map_err(written)?;
    if let Some(note) = &target.note {
        writeln!(out, "{}", ui.paint(Paint::Dim, note)).map_err(written)?;
    }
    out.flush().map_err(written)?;
    let mut shown = Ok(());
    let report = session::run_plan(&plan, kind, &mut sock, &mut |e| {
        if shown.is_ok() {
            shown = e.write_line(ui, &mut out).and_then(|()| out.flush());
        }
    })?;
    shown.map_err(written)?;
    writeln!(out).map_err(written)?;
    report.write_summary(ui, &mut out).map_err(written)?;
    report.write_notes(ui, &mut out).map_err(written)?;
    out.flush().map_err(written)?;
    Ok(report.status())
}
