//! The human forms of `netkit ifaces`: a compact table (like `ip -br addr`, with MAC and gateway),
//! and with --all the `ipconfig /all` layout with dotted leaders.

use std::fmt::Display;
use std::io::{self, Write};
use std::net::IpAddr;

use super::{Iface, Ifaces};
use crate::net::hwaddr::is_local;
use crate::output::{Paint, Report, Ui, one_line};
use crate::system::model::OperState;
use crate::util::time::human_seconds;
use crate::util::words::count;

/// "Label . . . . . :" padded to one width, as ipconfig prints it.
fn leader(label: &str) -> String {
    const WIDTH: usize = 24;
    let mut s = format!("{label} ");
    while s.len() < WIDTH {
        s.push_str(if s.len() % 2 == 0 { ". " } else { " " });
    }
    s.truncate(WIDTH);
    format!("{s}: ")
}

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

/// An address as `ip addr` writes it: `198.51.100.2/24`, or with a peer `10.50.0.1 peer
/// 10.60.0.2/24` (the prefix is the peer's).
fn with_prefix(address: impl Display, peer: Option<IpAddr>, prefix: u8) -> String {
    match peer {
        Some(p) => format!("{address} peer {p}/{prefix}"),
        None => format!("{address}/{prefix}"),
    }
}

/// The colour of an operational state.
fn state_paint(i: &Iface) -> Paint {
    match i.operstate {
        OperState::Up => Paint::Good,
        OperState::Down | OperState::LowerLayerDown => Paint::Warn,
        _ => Paint::Dim,
    }
}

fn compact(r: &Ifaces, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
    let mut t = ui.table(&[
        "Interface",
        "Kind",
        "State",
        "MAC",
        "IPv4",
        "IPv6",
        "Gateway",
    ]);
    // On a narrow terminal: without the gateways (`gateway` shows them) and the kinds, then
    // one block per interface, as `ip addr` shows them.
    t.expendable(&["Gateway", "Kind"]).full_view("--all");
    for i in &r.interfaces {
        let v4: Vec<String> = i
            .ipv4
            .iter()
            .map(|a| with_prefix(a.address, a.peer, a.prefix))
            .collect();
        let v6: Vec<String> = i
            .ipv6
            .iter()
            .map(|a| with_prefix(a.address, a.peer, a.prefix))
            .collect();
        let gws: Vec<String> = i.gateways.iter().map(|g| g.to_string()).collect();
        // One line per value; "-" when there is none, as in every table.
        let lines = |v: Vec<String>| {
            if v.is_empty() {
                "-".to_string()
            } else {
                v.join("\n")
            }
        };
        t.add_row([
            ui.cell(Paint::Bold, &i.name),
            i.kind.as_str().into(),
            ui.cell(state_paint(i), i.operstate),
            i.mac.map_or_else(|| "-".into(), |m| m.to_string()).into(),
            lines(v4).into(),
            lines(v6).into(),
            lines(gws).into(),
        ]);
    }
    writeln!(out, "{t}")
}

fn full(r: &Ifaces, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
    let line = |out: &mut dyn Write, indent: &str, label: &str, value: &str| {
        writeln!(out, "{indent}{}{value}", leader(label))
    };
    if let Some(h) = &r.hostname {
        line(out, "", "Host name", &one_line(h))?;
    }
    if let Some(dns) = &r.dns {
        let servers: Vec<String> = dns.servers.iter().map(|s| s.to_string()).collect();
        line(out, "", "DNS servers", &servers.join(", "))?;
        if let Some(stub) = &dns.stub {
            let ups: Vec<String> = stub.upstreams.iter().map(|s| s.to_string()).collect();
            let text = if ups.is_empty() {
                "unknown".to_string()
            } else {
                ups.join(", ")
            };
            line(out, "", &format!("  behind {}", stub.resolver), &text)?;
        }
        if !dns.search.is_empty() {
            line(out, "", "Search domains", &dns.search.join(" "))?;
        }
    }
    for i in &r.interfaces {
        writeln!(out)?;
        writeln!(
            out,
            "{} (index {}): {}",
            ui.paint(Paint::Bold, &i.name),
            i.index,
            i.kind.as_str()
        )?;
        let ind = "   ";
        if !i.description.is_empty() && i.description != i.kind.as_str() {
            line(out, ind, "Description", &i.description)?;
        }
        line(
            out,
            ind,
            "State",
            &format!("{} <{}>", ui.paint(state_paint(i), i.operstate), i.flags),
        )?;
        if let Some(mac) = i.mac {
            let vendor = match &i.vendor {
                Some(v) => format!(" ({v})"),
                None if is_local(mac.0) => " (locally administered)".into(),
                None => String::new(),
            };
            line(out, ind, "Physical address", &format!("{mac}{vendor}"))?;
        }
        if let Some(p) = &i.permanent_mac {
            line(out, ind, "Factory address", p)?;
        }
        if let Some(m) = i.mtu {
            line(out, ind, "MTU", &format!("{m} bytes"))?;
        }
        if let Some(s) = i.speed_mbps {
            let duplex = i
                .duplex
                .map_or(String::new(), |d| format!(", {} duplex", d.name()));
            line(out, ind, "Link speed", &format!("{s} Mb/s{duplex}"))?;
        }
        if let Some(m) = &i.master {
            line(out, ind, "Port of", m)?;
        }
        let dhcp = match (&i.dhcp.enabled, &i.dhcp.lease) {
            (_, Some(l)) => format!("yes ({}, lease in {})", l.client, l.source),
            (Some(true), None) => "yes (address has a lease lifetime)".into(),
            (Some(false), None) => "no (static address)".into(),
            (None, None) => "-".into(),
        };
        line(out, ind, "DHCP enabled", &dhcp)?;
        if let Some(l) = &i.dhcp.lease {
            if let Some(s) = l.server {
                line(out, ind, "DHCP server", &s.to_string())?;
            }
            if let Some(secs) = l.lease_seconds {
                line(out, ind, "Lease time", &human_seconds(secs))?;
            }
            if let Some(o) = &l.obtained {
                line(out, ind, "Lease obtained", o)?;
            }
            if let Some(e) = &l.expires {
                line(out, ind, "Lease expires", e)?;
            }
        }
        for a in &i.ipv4 {
            // The lifetime says dynamic; permanent is the norm for IPv4.
            let mut notes: Vec<String> = a
                .flags
                .names()
                .filter(|n| !matches!(*n, "permanent" | "dynamic"))
                .map(String::from)
                .collect();
            notes.extend(
                a.valid_lft
                    .map(|s| format!("valid {}", human_seconds(u64::from(s)))),
            );
            let notes: String = notes.iter().map(|n| format!(", {n}")).collect();
            line(
                out,
                ind,
                "IPv4 address",
                &format!(
                    "{} ({}{notes})",
                    with_prefix(a.address, a.peer, a.prefix),
                    a.scope
                ),
            )?;
            line(out, ind, "  Subnet mask", &a.netmask.to_string())?;
            line(out, ind, "  Network", &a.network)?;
            if let Some(b) = a.broadcast {
                line(out, ind, "  Broadcast", &b.to_string())?;
            }
        }
        for a in &i.ipv6 {
            let names: Vec<&str> = a.flags.names().collect();
            let flags = if names.is_empty() {
                String::new()
            } else {
                format!(", {}", names.join(" "))
            };
            line(
                out,
                ind,
                "IPv6 address",
                &format!(
                    "{} ({}{flags})",
                    with_prefix(a.address, a.peer, a.prefix),
                    a.scope
                ),
            )?;
        }
        if !i.gateways.is_empty() {
            let gws: Vec<String> = i.gateways.iter().map(|g| g.to_string()).collect();
            line(out, ind, "Default gateway", &gws.join(", "))?;
        }
        if let Some(c) = &i.counters {
            line(
                out,
                ind,
                "Received",
                &format!(
                    "{} ({}, {}, {} dropped)",
                    human_bytes(c.rx_bytes),
                    count(c.rx_packets, "packet", "packets"),
                    count(c.rx_errors, "error", "errors"),
                    c.rx_dropped
                ),
            )?;
            line(
                out,
                ind,
                "Sent",
                &format!(
                    "{} ({}, {}, {} dropped)",
                    human_bytes(c.tx_bytes),
                    count(c.tx_packets, "packet", "packets"),
                    count(c.tx_errors, "error", "errors"),
                    c.tx_dropped
                ),
            )?;
        }
    }
    Ok(())
}

impl Report for Ifaces {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        if self.all {
            full(self, ui, out)
        } else {
            compact(self, ui, out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaders_line_up() {
        assert_eq!(leader("MTU").len(), leader("Physical address").len());
        assert!(leader("MTU").starts_with("MTU . "));
        assert!(leader("MTU").ends_with(": "));
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
    }

    /// ip-address(8): `ip addr add 10.50.0.1 peer 10.60.0.2/24` shows the prefix on the peer.
    #[test]
    fn peer_addresses_are_written_as_ip_writes_them() {
        let peer = Some("10.60.0.2".parse().unwrap());
        assert_eq!(
            with_prefix("10.50.0.1", peer, 24),
            "10.50.0.1 peer 10.60.0.2/24"
        );
        assert_eq!(with_prefix("192.0.2.1", None, 24), "192.0.2.1/24");
    }
}
