//! `netkit ping DEST`: ICMP echo like iputils ping. This module resolves DEST, opens the ICMP
//! socket (unprivileged where allowed, else raw) and hands the run to `session`, live on a
//! terminal.

mod notes;
pub mod session;

use std::io::Write;
use std::time::Duration;

use crate::cli::PingArgs;
use crate::error::Result;
use crate::output::{self, Report, Ui, emit, written};
use crate::system::icmp::IcmpSocket;
use crate::system::interrupt;
use crate::system::lookup::resolve_dest;

/// How long the system resolver may take for DEST.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(5);

/// Runs `netkit ping ...`.
pub fn run(args: &PingArgs, ui: &Ui) -> Result<u8> {
    let address = resolve_dest(
        &args.dest,
        args.family.ipv4,
        args.family.ipv6,
        RESOLVE_TIMEOUT,
    )?;
    let mut sock = IcmpSocket::open(address, args.ttl, args.interface.as_deref())?;
    let plan = session::Plan {
        destination: args.dest.to_string(),
        address,
        count: args.count,
        interval: args.interval,
        deadline: args.deadline,
        timeout: args.timeout,
        size: args.size,
    };
    // Ctrl-C ends the run with the replies seen and their statistics, as ping does.
    interrupt::catch();
    let kind = sock.kind();
    if !ui.live {
        return emit(ui, &session::run_plan(&plan, kind, &mut sock, &mut |_| {})?);
    }
    let mut out = output::live_out(ui);
    session::write_header(&plan.destination, address, plan.size, &mut out).map_err(written)?;
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
