//! `netkit tour` for people: a heading per section, this machine's facts under labels aligned
//! by display width, a sentence or two of the primer's explanation, and the commands that go
//! deeper. Every word comes from the catalogs (i18n/LANG/tour.ftl); values from the system
//! (names, paths, the search list) are written one line each.

use std::io::{self, Write};

use super::facts::*;
use crate::error::{Error, exit};
use crate::i18n::{self, Message, t};
use crate::output::{
    Paint, Report, Ui, expiry_words, lease_time_words, one_line, pad, visible_len,
    write_mask_arithmetic,
};
use crate::util::time::human_ms;

/// One line of a section.
enum Row {
    /// A fact under its label (an empty label: the value continues the one above).
    Fact(String, String),
    /// A sentence of its own, under the facts.
    Line(String),
    /// Lines laid out already (the mask arithmetic), indented two more.
    Raw(String),
}

/// The lines of one section: labels and values, aligned when written.
struct Lines {
    rows: Vec<Row>,
}

impl Lines {
    fn new() -> Self {
        Lines { rows: Vec::new() }
    }

    /// A fact under its label.
    fn fact(&mut self, label: Message, value: impl std::fmt::Display) {
        let label = t!("common-label", label = label).to_string();
        self.rows.push(Row::Fact(label, value.to_string()));
    }

    /// A value continuing the fact above, under its value.
    fn more_value(&mut self, value: impl std::fmt::Display) {
        self.rows.push(Row::Fact(String::new(), value.to_string()));
    }

    /// A line of its own (an explanation, a reason), under the values.
    fn line(&mut self, text: impl std::fmt::Display) {
        self.rows.push(Row::Line(text.to_string()));
    }

    /// A line laid out already.
    fn raw(&mut self, text: impl std::fmt::Display) {
        self.rows.push(Row::Raw(text.to_string()));
    }

    /// Writes the rows, values aligned after the widest label.
    fn write(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let width = self
            .rows
            .iter()
            .filter_map(|r| match r {
                Row::Fact(l, _) => Some(visible_len(l)),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        for row in &self.rows {
            match row {
                Row::Fact(l, value) if l.is_empty() => {
                    writeln!(out, "   {} {value}", pad("", width))?
                }
                Row::Fact(l, value) => {
                    writeln!(out, "   {} {value}", ui.paint(Paint::Bold, pad(l, width)))?
                }
                // Prose wraps under itself (the view's own wrapping, not a label's hang).
                Row::Line(text) => writeln!(out, "   {}", ui.wrap(text, 3, 3))?,
                Row::Raw(text) => writeln!(out, "     {text}")?,
            }
        }
        Ok(())
    }

    /// Ends a section and writes it: what it lacks (a warning), its explanation, the commands
    /// that go deeper.
    fn close(
        mut self,
        ui: &Ui,
        out: &mut dyn Write,
        gap: Option<Message>,
        explain: Message,
        deeper: &[String],
    ) -> io::Result<()> {
        if let Some(g) = gap {
            self.line(ui.paint(Paint::Warn, g));
        }
        self.line(explain);
        self.more(deeper);
        self.write(ui, out)
    }

    /// The commands that go deeper, one a line under the label "More".
    fn more(&mut self, commands: &[String]) {
        for (i, c) in commands.iter().enumerate() {
            if i == 0 {
                self.fact(t!("tour-label-more"), c);
            } else {
                self.more_value(c);
            }
        }
    }
}

/// An address in binary (`11000110.00110011.01100100.00000010`) with a bar where the network
/// part ends and the host part begins, after `prefix` bits.
fn split_at_prefix(binary: &str, prefix: u8) -> String {
    let mut out = String::with_capacity(binary.len() + 3);
    let mut bits = 0;
    for c in binary.chars() {
        if c != '.' {
            if bits == usize::from(prefix) && bits > 0 {
                out.push_str(" | ");
            }
            bits += 1;
        } else if bits == usize::from(prefix) {
            // The boundary falls between two octets: the bar stands there, not the dot.
            continue;
        }
        out.push(c);
    }
    out
}

/// An error said in the run's language, on one line.
fn said(err: &Error) -> String {
    one_line(&err.in_lang(i18n::current())).into_owned()
}

/// A list of values joined as the language joins them.
fn list(items: impl IntoIterator<Item = impl std::fmt::Display>) -> String {
    let sep = t!("common-list-separator").to_string();
    items
        .into_iter()
        .map(|i| one_line(&i.to_string()).into_owned())
        .collect::<Vec<_>>()
        .join(&sep)
}

fn heading(ui: &Ui, out: &mut dyn Write, text: Message) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", ui.paint(Paint::Bold, text))
}

/// What a section lacks, in words, for the interface `name`; None for the gaps a section says
/// with its own facts (the DNS section's, no reply, no privilege, a failed exchange).
fn lacking(missing: Missing, name: &str) -> Option<Message> {
    Some(match missing {
        Missing::NoInterface => t!("tour-none-interface"),
        Missing::NoAddress => t!("tour-none-address", name = name),
        Missing::NoDefaultRoute => t!("tour-none-gateway"),
        Missing::NoMac => t!("tour-none-mac", name = name),
        Missing::NoDnsServer
        | Missing::NoName
        | Missing::DnsConfigUnreadable
        | Missing::DnsNoAnswer
        | Missing::NoPrivilege
        | Missing::NoReply
        | Missing::ArpFailed => return None,
    })
}

impl Tour {
    fn interface(&self) -> &str {
        self.nic
            .facts
            .as_ref()
            .and_then(|n| n.interface.as_deref())
            .unwrap_or("")
    }

    /// What section `s` lacks, in words (see [`lacking`]).
    fn gap<F>(&self, s: &Section<F>) -> Option<Message> {
        s.missing.and_then(|m| lacking(m, self.interface()))
    }

    fn write_nic(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        heading(ui, out, t!("tour-head-nic"))?;
        let s = &self.nic;
        let mut l = Lines::new();
        if let Some(n) = &s.facts {
            let cards = n.interfaces.iter().map(|c| c.name.as_str());
            l.fact(t!("tour-label-cards"), list(cards));
            if let Some(name) = &n.interface {
                let name = one_line(name).into_owned();
                let via_gateway = self.gateway.facts.is_some();
                l.fact(
                    t!("tour-label-card"),
                    if via_gateway {
                        t!("tour-nic-card", name = name)
                    } else {
                        t!("tour-nic-card-only", name = name)
                    },
                );
            }
            if let Some(mac) = &n.mac {
                l.fact(t!("tour-label-mac"), mac);
                let vendor = match (&n.vendor, n.locally_administered) {
                    (Some(v), _) => t!("tour-nic-vendor", name = &v.name, prefix = &v.prefix),
                    (None, Some(true)) => t!("tour-nic-vendor-local"),
                    (None, _) => t!(
                        "tour-nic-vendor-unknown",
                        prefix = n.oui.map(|o| o.to_string()).unwrap_or_default()
                    ),
                };
                l.fact(t!("tour-label-vendor"), vendor);
                l.fact(
                    t!("tour-label-assigned"),
                    if n.locally_administered == Some(true) {
                        t!("tour-nic-local")
                    } else {
                        t!("tour-nic-universal")
                    },
                );
            }
        }
        l.close(ui, out, self.gap(s), t!("tour-nic-explain"), &s.deeper)
    }

    fn write_address(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        heading(ui, out, t!("tour-head-address"))?;
        let s = &self.address;
        let mut l = Lines::new();
        if let Some(a) = &s.facts {
            l.fact(t!("tour-label-address"), a.address);
            l.fact(
                t!("tour-label-mask"),
                t!(
                    "tour-address-mask",
                    mask = a.netmask,
                    prefix = a.prefix,
                    host_bits = a.host_bits
                ),
            );
            l.fact(t!("tour-label-address-bin"), &a.address_binary);
            l.fact(
                t!("tour-label-split"),
                split_at_prefix(&a.address_binary, a.prefix),
            );
            l.fact(t!("tour-label-mask-bin"), &a.netmask_binary);
            l.fact(t!("tour-label-network-bin"), &a.network_binary);
            l.fact(
                t!("tour-label-network"),
                t!("tour-address-network", network = a.network, hosts = a.hosts),
            );
            l.fact(
                t!("tour-label-host"),
                t!("tour-address-host", host = a.host_part, bits = a.host_bits),
            );
            if let Some(b) = a.broadcast {
                l.fact(
                    t!("tour-label-broadcast"),
                    t!("tour-address-broadcast", broadcast = b),
                );
            }
        }
        l.close(ui, out, self.gap(s), t!("tour-address-explain"), &s.deeper)
    }

    fn write_gateway(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        heading(ui, out, t!("tour-head-gateway"))?;
        let s = &self.gateway;
        let mut l = Lines::new();
        if let Some(g) = &s.facts {
            let name = one_line(&g.interface).into_owned();
            l.fact(
                t!("tour-label-gateway"),
                t!("tour-gateway-value", gateway = g.gateway, name = name),
            );
            for d in &g.decisions {
                let dest = d.destination;
                l.line(match d.delivery {
                    Delivery::Direct => t!("tour-gateway-local", dest = dest),
                    Delivery::Gateway => t!("tour-gateway-remote", dest = dest),
                });
                let mut arithmetic = Vec::new();
                write_mask_arithmetic(ui, &mut arithmetic, &d.check, dest.into())?;
                for line in String::from_utf8_lossy(&arithmetic).lines() {
                    l.raw(line.trim_start());
                }
                l.raw(match d.delivery {
                    Delivery::Direct => t!("tour-gateway-direct", dest = dest),
                    Delivery::Gateway => t!("tour-gateway-via", gateway = g.gateway),
                });
                l.raw(match d.kernel_next_hop {
                    Some(hop) => t!("tour-gateway-kernel", hop = hop),
                    None => t!("tour-gateway-kernel-none"),
                });
            }
        }
        l.close(ui, out, self.gap(s), t!("tour-gateway-explain"), &s.deeper)
    }

    fn write_dns(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        heading(ui, out, t!("tour-head-dns"))?;
        let s = &self.dns;
        let mut l = Lines::new();
        if let Some(d) = &s.facts {
            let source = d.source.as_ref().map(ToString::to_string);
            let source = one_line(source.as_deref().unwrap_or_default()).into_owned();
            if !d.servers.is_empty() {
                let servers = list(&d.servers);
                let value = match &d.upstreams {
                    Some(up) if !up.is_empty() => {
                        t!("tour-dns-stub", servers = servers, upstreams = list(up))
                    }
                    _ => t!(
                        "tour-dns-servers",
                        servers = servers,
                        source = source.as_str()
                    ),
                };
                l.fact(t!("tour-label-servers"), value);
            }
            if !d.search.is_empty() {
                l.fact(t!("tour-label-search"), list(&d.search));
            }
            if let Some(k) = &d.lookup {
                l.fact(
                    t!("tour-label-lookup"),
                    t!(
                        "tour-dns-lookup",
                        name = one_line(&k.name).into_owned(),
                        server = k.server
                    ),
                );
                let time = human_ms(k.took_ms);
                let answer = if k.addresses.is_empty() {
                    t!("tour-dns-answer-none", rcode = &k.rcode, time = time)
                } else {
                    t!(
                        "tour-dns-answer",
                        addresses = list(&k.addresses),
                        rcode = &k.rcode,
                        time = time
                    )
                };
                l.fact(t!("tour-label-answer"), answer);
            }
            if let Some(e) = &d.error {
                l.line(ui.paint(Paint::Warn, said(e)));
            }
            if s.missing == Some(Missing::NoDnsServer) {
                l.line(ui.paint(
                    Paint::Warn,
                    t!("tour-dns-no-server-in", source = source.as_str()),
                ));
            } else if s.missing == Some(Missing::NoName) {
                l.line(ui.paint(Paint::Dim, t!("tour-dns-no-name")));
            }
        }
        // Its gaps are said with its facts, above.
        l.close(ui, out, None, t!("tour-dns-explain"), &s.deeper)
    }

    fn write_arp(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        heading(ui, out, t!("tour-head-arp"))?;
        let s = &self.arp;
        let mut l = Lines::new();
        if let Some(a) = &s.facts {
            let r = &a.request;
            l.fact(
                t!("tour-label-request"),
                t!(
                    "tour-arp-request",
                    target = r.target_ip,
                    sender = r.sender_ip,
                    mac = &r.sender_mac,
                    broadcast = &r.destination
                ),
            );
            let time = human_ms(a.timeout_ms as f64);
            match (&a.reply, s.missing) {
                (Some(reply), _) => l.fact(
                    t!("tour-label-reply"),
                    t!(
                        "tour-arp-reply",
                        target = r.target_ip,
                        mac = &reply.mac,
                        to = &reply.destination,
                        time = human_ms(reply.rtt_ms)
                    ),
                ),
                (None, Some(Missing::NoReply)) => l.fact(
                    t!("tour-label-reply"),
                    ui.paint(Paint::Warn, t!("tour-arp-no-reply", time = time)),
                ),
                (None, Some(Missing::NoPrivilege)) => {
                    l.fact(t!("tour-label-reply"), t!("tour-arp-not-sent"));
                    l.line(t!("tour-arp-command", command = &a.command));
                }
                (None, _) => {
                    if let Some(e) = &a.error {
                        l.fact(t!("tour-label-reply"), ui.paint(Paint::Warn, said(e)));
                    }
                }
            }
            let cache = match &a.cache {
                Some(CacheEntry {
                    mac: Some(m),
                    state,
                }) => {
                    t!("tour-arp-cache", mac = m, state = state.to_string())
                }
                Some(CacheEntry { mac: None, state }) => {
                    t!("tour-arp-cache-unresolved", state = state.to_string())
                }
                None => t!("tour-arp-cache-none", gateway = r.target_ip),
            };
            l.fact(t!("tour-label-cache"), cache);
        }
        l.close(ui, out, self.gap(s), t!("tour-arp-explain"), &s.deeper)
    }

    fn write_dhcp(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        heading(ui, out, t!("tour-head-dhcp"))?;
        let s = &self.dhcp;
        let mut l = Lines::new();
        if let Some(d) = &s.facts {
            let from = match (d.dynamic, &d.lease) {
                (_, Some(_)) => t!("tour-dhcp-leased"),
                (true, None) => t!("tour-dhcp-dynamic"),
                (false, None) => t!("tour-dhcp-static"),
            };
            l.fact(t!("tour-label-dhcp"), from);
            if let Some(lease) = &d.lease {
                if let Some(a) = lease.address {
                    l.fact(t!("tour-label-lease-address"), a);
                }
                if let Some(server) = lease.server {
                    l.fact(t!("tour-label-server"), server);
                }
                if let Some(router) = lease.router {
                    l.fact(t!("tour-label-router"), router);
                }
                if let Some(secs) = lease.lease_seconds {
                    l.fact(t!("tour-label-lease-time"), lease_time_words(secs));
                }
                if let Some(o) = lease.obtained {
                    l.fact(t!("tour-label-obtained"), o);
                }
                if let Some(e) = &lease.expires {
                    l.fact(t!("tour-label-expires"), expiry_words(e));
                }
                l.fact(
                    t!("tour-label-file"),
                    t!(
                        "tour-dhcp-file",
                        source = one_line(&lease.source.to_string()).into_owned(),
                        client = lease.client.name()
                    ),
                );
            }
        }
        l.close(ui, out, self.gap(s), t!("tour-dhcp-explain"), &s.deeper)
    }

    fn write_switch(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        heading(ui, out, t!("tour-head-switch"))?;
        let s = &self.switch;
        let mut l = Lines::new();
        if let Some(w) = &s.facts {
            l.fact(
                t!("tour-label-unicast"),
                match &w.gateway_mac {
                    Some(m) => t!("tour-switch-unicast", mac = m),
                    None => t!("tour-switch-unicast-unknown"),
                },
            );
            l.fact(
                t!("tour-label-broadcast-frame"),
                t!("tour-switch-broadcast", broadcast = &w.broadcast),
            );
        }
        l.close(ui, out, self.gap(s), t!("tour-switch-explain"), &s.deeper)
    }

    fn write_client_server(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        heading(ui, out, t!("tour-head-cs"))?;
        let s = &self.client_server;
        let mut l = Lines::new();
        if let Some(c) = &s.facts {
            l.fact(
                t!("tour-label-server-cmd"),
                t!("tour-cs-server", command = &c.server),
            );
            l.fact(
                t!("tour-label-client-cmd"),
                t!("tour-cs-client", command = &c.client),
            );
            l.fact(
                t!("tour-label-browser"),
                t!("tour-cs-web", command = &c.web_server),
            );
            l.more_value(t!("tour-cs-url", url = &c.url));
        }
        // Its commands are its facts.
        l.close(ui, out, None, t!("tour-cs-explain"), &[])
    }
}

impl Report for Tour {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", ui.paint(Paint::Bold, t!("tour-title")))?;
        self.write_nic(ui, out)?;
        self.write_address(ui, out)?;
        self.write_gateway(ui, out)?;
        self.write_dns(ui, out)?;
        self.write_arp(ui, out)?;
        self.write_dhcp(ui, out)?;
        self.write_switch(ui, out)?;
        self.write_client_server(ui, out)
    }

    /// 0 when every section is shown; 1 when one lacks what it is about (no default route, no
    /// DNS server, no ARP reply...); 3 when a network exchange failed (the DNS server did not
    /// answer, the ARP link could not be used).
    fn status(&self) -> u8 {
        let outcomes = self.outcomes();
        if outcomes.contains(&Outcome::Failed) {
            exit::NETWORK
        } else if outcomes.contains(&Outcome::Lacking) {
            exit::NEGATIVE
        } else {
            exit::OK
        }
    }
}

#[cfg(test)]
mod tests {
    use super::split_at_prefix;

    /// Issue 28 section 2: the bar stands where the mask's 1 bits end, between octets or inside
    /// one; none for /0 and /32.
    #[test]
    fn network_and_host_parts_split_at_the_prefix() {
        let b = "11000110.00110011.01100100.00000010";
        assert_eq!(
            split_at_prefix(b, 24),
            "11000110.00110011.01100100 | 00000010"
        );
        assert_eq!(
            split_at_prefix(b, 20),
            "11000110.00110011.0110 | 0100.00000010"
        );
        assert_eq!(split_at_prefix(b, 32), b);
        assert_eq!(split_at_prefix(b, 0), b);
        assert_eq!(
            split_at_prefix(b, 1),
            "1 | 1000110.00110011.01100100.00000010"
        );
    }
}
