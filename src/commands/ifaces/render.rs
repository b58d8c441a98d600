//! The human forms of `netkit ifaces`: a compact table (like `ip -br addr`, with MAC and gateway),
//! and with --all the `ipconfig /all` layout with dotted leaders.

use std::fmt::Display;
use std::io::{self, Write};
use std::net::IpAddr;

use super::{Iface, Ifaces};
use crate::i18n::{Message, t};
use crate::net::hwaddr::is_local;
use crate::output::{Paint, Report, Ui, expiry_words, lease_time_words, one_line, visible_len};
use crate::system::model::{DhcpLease, Duplex, OperState, Origin};
use crate::util::time::human_seconds;

/// "Label . . . . . :" padded to one width, as ipconfig prints it (by display width: a
/// Chinese label's characters take two columns each). A label too long for the width is
/// written whole ("  behind systemd-resolved : "), never cut.
fn leader(label: &str) -> String {
    const WIDTH: usize = 24;
    let mut s = format!("{label} ");
    let mut width = visible_len(&s);
    while width < WIDTH {
        s.push_str(if width.is_multiple_of(2) { ". " } else { " " });
        width = visible_len(&s);
    }
    format!("{s}: ")
}

/// Values of one line joined as a list ("a, b" / "a、b").
fn list(items: &[String]) -> String {
    items.join(&t!("common-list-separator").to_string())
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

/// "yes (dhclient, lease in /var/lib/dhcp/dhclient.leases)": the client, and where its lease
/// was read (a file's path, or the API that reported it).
fn lease_found(l: &DhcpLease) -> String {
    let client = l.client.name();
    match &l.source {
        Origin::Path(_) => t!(
            "ifaces-dhcp-lease",
            client = client,
            source = one_line(&l.source.to_string()).into_owned()
        ),
        Origin::Api(api) => t!("ifaces-dhcp-lease-api", client = client, api = *api),
        Origin::Text => t!("ifaces-dhcp-lease-client", client = client),
    }
    .to_string()
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
    let (kind, gateway) = (
        t!("ifaces-header-kind").to_string(),
        t!("ifaces-header-gateway").to_string(),
    );
    let mut t = ui.table(&[
        t!("ifaces-header-interface").to_string(),
        kind.clone(),
        t!("ifaces-header-state").to_string(),
        t!("ifaces-header-mac").to_string(),
        "IPv4".to_string(),
        "IPv6".to_string(),
        gateway.clone(),
    ]);
    // On a narrow terminal: without the gateways (`gateway` shows them) and the kinds, then
    // one block per interface, as `ip addr` shows them.
    t.expendable(&[&gateway, &kind]).full_view("--all");
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
    // A label (a message, perhaps indented under the one before) and its value.
    let line = |out: &mut dyn Write, indent: &str, label: &str, value: &dyn Display| {
        writeln!(out, "{indent}{}{value}", leader(label))
    };
    let word = |m: Message| m.to_string();
    let sub = |m: Message| format!("  {m}");
    if let Some(h) = &r.hostname {
        line(out, "", &word(t!("ifaces-label-host-name")), &one_line(h))?;
    }
    if let Some(dns) = &r.dns {
        let servers: Vec<String> = dns.servers.iter().map(|s| s.to_string()).collect();
        line(
            out,
            "",
            &word(t!("ifaces-label-dns-servers")),
            &list(&servers),
        )?;
        if let Some(stub) = &dns.stub {
            let ups: Vec<String> = stub.upstreams.iter().map(|s| s.to_string()).collect();
            let text = if ups.is_empty() {
                word(t!("ifaces-unknown"))
            } else {
                list(&ups)
            };
            let behind = sub(t!("ifaces-label-behind", resolver = &stub.resolver));
            line(out, "", &behind, &text)?;
        }
        if !dns.search.is_empty() {
            let search = word(t!("ifaces-label-search-domains"));
            line(out, "", &search, &dns.search.join(" "))?;
        }
    }
    for i in &r.interfaces {
        writeln!(out)?;
        let heading = t!(
            "ifaces-heading",
            name = ui.paint(Paint::Bold, &i.name),
            index = i.index,
            kind = i.kind.as_str()
        );
        writeln!(out, "{heading}")?;
        let ind = "   ";
        let description = i.description.english();
        if !description.is_empty() && description != i.kind.as_str() {
            line(
                out,
                ind,
                &word(t!("ifaces-label-description")),
                &i.description,
            )?;
        }
        let state = format!("{} <{}>", ui.paint(state_paint(i), i.operstate), i.flags);
        line(out, ind, &word(t!("ifaces-label-state")), &state)?;
        if let Some(mac) = i.mac {
            let mac_text = mac.to_string();
            let text = match &i.vendor {
                Some(v) => t!("ifaces-vendor", mac = mac_text, vendor = v).to_string(),
                None if is_local(mac.0) => {
                    t!("ifaces-locally-administered", mac = mac_text).to_string()
                }
                None => mac_text,
            };
            line(out, ind, &word(t!("ifaces-label-physical-address")), &text)?;
        }
        if let Some(p) = &i.permanent_mac {
            line(out, ind, &word(t!("ifaces-label-factory-address")), p)?;
        }
        if let Some(m) = i.mtu {
            line(
                out,
                ind,
                &word(t!("ifaces-label-mtu")),
                &t!("ifaces-mtu", mtu = m),
            )?;
        }
        if let Some(s) = i.speed_mbps {
            let speed = match i.duplex {
                Some(Duplex::Full) => t!("ifaces-speed-duplex-full", speed = s),
                Some(Duplex::Half) => t!("ifaces-speed-duplex-half", speed = s),
                None => t!("ifaces-speed", speed = s),
            };
            line(out, ind, &word(t!("ifaces-label-link-speed")), &speed)?;
        }
        if let Some(m) = &i.master {
            line(out, ind, &word(t!("ifaces-label-port-of")), m)?;
        }
        let dhcp = match (&i.dhcp.enabled, &i.dhcp.lease) {
            (_, Some(l)) => lease_found(l),
            (Some(true), None) => word(t!("ifaces-dhcp-lifetime")),
            (Some(false), None) => word(t!("ifaces-dhcp-static")),
            (None, None) => "-".into(),
        };
        line(out, ind, &word(t!("ifaces-label-dhcp-enabled")), &dhcp)?;
        if let Some(l) = &i.dhcp.lease {
            if let Some(s) = l.server {
                line(out, ind, &word(t!("ifaces-label-dhcp-server")), &s)?;
            }
            if let Some(secs) = l.lease_seconds {
                let time = lease_time_words(secs);
                line(out, ind, &word(t!("ifaces-label-lease-time")), &time)?;
            }
            if let Some(o) = &l.obtained {
                line(out, ind, &word(t!("ifaces-label-lease-obtained")), o)?;
            }
            if let Some(e) = &l.expires {
                line(
                    out,
                    ind,
                    &word(t!("ifaces-label-lease-expires")),
                    &expiry_words(e),
                )?;
            }
        }
        for a in &i.ipv4 {
            // The lifetime says dynamic; permanent is the norm for IPv4.
            let mut notes: Vec<String> = vec![a.scope.to_string()];
            notes.extend(
                a.flags
                    .names()
                    .filter(|n| !matches!(*n, "permanent" | "dynamic"))
                    .map(String::from),
            );
            notes.extend(a.valid_lft.map(|s| {
                let time = human_seconds(u64::from(s));
                t!("ifaces-valid", time = time).to_string()
            }));
            let text = t!(
                "ifaces-address",
                address = with_prefix(a.address, a.peer, a.prefix),
                notes = list(&notes)
            );
            line(out, ind, &word(t!("ifaces-label-ipv4-address")), &text)?;
            line(out, ind, &sub(t!("ifaces-label-subnet-mask")), &a.netmask)?;
            line(out, ind, &sub(t!("ifaces-label-network")), &a.network)?;
            if let Some(b) = a.broadcast {
                line(out, ind, &sub(t!("ifaces-label-broadcast")), &b)?;
            }
        }
        for a in &i.ipv6 {
            let names: Vec<&str> = a.flags.names().collect();
            let mut notes = vec![a.scope.to_string()];
            if !names.is_empty() {
                notes.push(names.join(" "));
            }
            let text = t!(
                "ifaces-address",
                address = with_prefix(a.address, a.peer, a.prefix),
                notes = list(&notes)
            );
            line(out, ind, &word(t!("ifaces-label-ipv6-address")), &text)?;
        }
        if !i.gateways.is_empty() {
            let gws: Vec<String> = i.gateways.iter().map(|g| g.to_string()).collect();
            line(
                out,
                ind,
                &word(t!("ifaces-label-default-gateway")),
                &list(&gws),
            )?;
        }
        if let Some(c) = &i.counters {
            let received = (c.rx_bytes, c.rx_packets, c.rx_errors, c.rx_dropped);
            let sent = (c.tx_bytes, c.tx_packets, c.tx_errors, c.tx_dropped);
            for (label, (bytes, packets, errors, dropped)) in [
                (t!("ifaces-label-received"), received),
                (t!("ifaces-label-sent"), sent),
            ] {
                let traffic = t!(
                    "ifaces-traffic",
                    bytes = human_bytes(bytes),
                    packets = packets,
                    errors = errors,
                    dropped = dropped
                );
                line(out, ind, &word(label), &traffic)?;
            }
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
        // Issue 28 section 1 (met converting ifaces): a long label is not cut, the stub
        // resolver's name stays whole.
        assert_eq!(
            leader("  behind systemd-resolved"),
            "  behind systemd-resolved : "
        );
        assert_eq!(
            visible_len(&leader("链路速率")),
            visible_len(&leader("MTU"))
        );
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
