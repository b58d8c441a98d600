//! `netkit dhcp discover`: the first half of the primer's DHCP exchange. Broadcast a DHCPDISCOVER on
//! the chosen interface and list every DHCPOFFER with our transaction id and client MAC; never send
//! DHCPREQUEST, so no lease is taken. With no offer after 4 s the DHCPDISCOVER goes out again with
//! the same transaction id, as DHCP clients retransmit (RFC 2131 section 4.1): servers such as
//! dnsmasq ping an address for up to 3 s before offering it, and a lost frame gets a second chance.
//! Frames that claim to answer but may not (impossible headers, another client's offer, the wrong
//! port) are discarded and counted by reason. With `--expect`, each offer's sender is judged by its
//! IP and Ethernet sources (`wire::sender`), never by the Server Identifier it writes.

use std::io::{self, Write};
use std::net::Ipv4Addr;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::cli::{DhcpArgs, DhcpCommand, DhcpDiscoverArgs};
use crate::error::{Error, Result, exit};
use crate::i18n::{Message, t};
use crate::net::hwaddr::Mac;
use crate::output::{self, Paint, Report, Ui, emit, one_line, written};
use crate::system::interrupt;
use crate::system::routing::{named_or_lan_link, neighbour_of};
use crate::system::{RawLink, Tables};
use crate::util::random::unpredictable_u32;
use crate::util::time::{human_ms, human_seconds, round_ms};
use crate::wire::dhcp_msg::{self, Flaw, Xid, other_server_id};
use crate::wire::discards::Discards;
use crate::wire::sender::{Expected, Verdict};

/// The answer of `netkit dhcp discover`.
#[derive(Debug, Serialize)]
pub struct Discovery {
    /// The interface asked on.
    pub interface: String,
    /// The client MAC in the request.
    pub client_mac: Mac,
    /// The transaction id (JSON: `0x` and eight hex digits).
    pub xid: Xid,
    /// How long offers were collected (the timeout), in milliseconds.
    #[serde(serialize_with = "round_ms")]
    pub timeout_ms: f64,
    /// DHCPDISCOVERs sent, all with the one xid: the first, and a second when no offer came
    /// within 4 s.
    pub discovers_sent: u32,
    /// The server --expect names (null: none named).
    pub expected_server: Option<Ipv4Addr>,
    /// Senders other than the expected server that made offers: rogue DHCP servers.
    pub rogue_servers: Vec<RogueServer>,
    /// Every offer, in arrival order.
    pub offers: Vec<OfferSeen>,
    /// Frames that claimed to be DHCP replies but were thrown away, by reason.
    #[serde(flatten)]
    pub discards: Discards<Flaw>,
    /// Whether every option is listed in the human form (--raw).
    #[serde(skip)]
    pub raw: bool,
}

/// A sender of offers that is not the expected server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RogueServer {
    /// The offer's IP source.
    pub address: Ipv4Addr,
    /// The offer's Ethernet source.
    pub mac: Mac,
    /// How it differs from the expected server: another address, or its address from another
    /// MAC.
    pub verdict: Verdict,
}

impl std::fmt::Display for RogueServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.verdict {
            Verdict::OtherMac => t!(
                "dhcp-rogue-forging",
                mac = self.mac.to_string(),
                address = self.address
            )
            .fmt(f),
            _ => t!(
                "dhcp-rogue-at",
                address = self.address,
                mac = self.mac.to_string()
            )
            .fmt(f),
        }
    }
}

/// An offer and when it came.
#[derive(Debug, Serialize)]
pub struct OfferSeen {
    /// Milliseconds from the DHCPDISCOVER to this offer.
    #[serde(serialize_with = "round_ms")]
    pub rtt_ms: f64,
    /// Its sender judged against --expect (null: no --expect).
    pub verdict: Option<Verdict>,
    /// Why it is not the expected server's, in words.
    #[serde(skip)]
    pub why: Option<Message>,
    /// The offer.
    #[serde(flatten)]
    pub offer: dhcp_msg::Offer,
}

impl Discovery {
    /// The first line: what was sent, and how long offers are waited for.
    fn write_header(&self, out: &mut dyn Write) -> io::Result<()> {
        let header = t!(
            "dhcp-header",
            interface = &self.interface,
            mac = self.client_mac.to_string(),
            xid = self.xid,
            timeout = human_ms(self.timeout_ms)
        );
        writeln!(out, "{header}")
    }

    /// The line for the second DHCPDISCOVER.
    fn write_retransmitted(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let line = t!(
            "dhcp-retransmitted",
            after = human_ms(RETRANSMIT_AFTER.as_secs_f64() * 1000.0),
            xid = self.xid
        );
        writeln!(out, "{}", ui.paint(Paint::Dim, line))
    }

    /// Everything after the first line: the offers, what was discarded, the count.
    fn write_body(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        if self.discovers_sent > 1 && !ui.live {
            self.write_retransmitted(ui, out)?;
        }
        if self.discards.total() > 0 {
            let discarded = t!(
                "dhcp-discarded",
                count = self.discards.total(),
                reasons = self.discards.summary()
            );
            writeln!(out, "{discarded}")?;
        }
        if self.offers.is_empty() {
            let label = output::label_before(ui, Paint::Warn, t!("dhcp-no-offer-label"));
            let none = t!("dhcp-no-offer", timeout = human_ms(self.timeout_ms));
            writeln!(out, "{label}{none}")?;
            return write_exchange(out);
        }
        let list = |v: &[std::net::Ipv4Addr]| {
            if v.is_empty() {
                return "-".to_string();
            }
            v.iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let headers = [
            t!("dhcp-col-server"),
            t!("dhcp-col-offered"),
            t!("dhcp-col-mask"),
            t!("dhcp-col-router"),
            t!("dhcp-col-dns"),
            t!("dhcp-col-lease"),
            t!("dhcp-col-domain"),
            t!("dhcp-col-rtt"),
        ]
        .map(|h| h.to_string());
        let mut t = ui.table(&headers);
        let [.., dns, lease, domain, rtt] = &headers;
        t.expendable(&[rtt, domain, lease, dns]);
        for o in &self.offers {
            let f = &o.offer;
            let c = &f.config;
            t.add_row([
                format!("{}\n{}", f.server, f.server_mac).into(),
                ui.cell(Paint::Good, f.offered),
                c.subnet_mask.map_or("-".into(), |m| m.to_string()).into(),
                list(&c.routers).into(),
                list(&c.dns_servers).into(),
                c.lease_seconds
                    .map_or("-".into(), |s| human_seconds(u64::from(s)))
                    .into(),
                // Text from the server: one value, one line (a newline inside is shown `\n`).
                c.domain
                    .as_deref()
                    .map_or("-".into(), one_line)
                    .into_owned()
                    .into(),
                human_ms(o.rtt_ms).into(),
            ]);
        }
        writeln!(out, "{t}")?;
        for o in &self.offers {
            self.write_details(o, out)?;
        }
        writeln!(out, "{}", t!("dhcp-offers", count = self.offers.len()))?;
        write_exchange(out)?;
        self.write_verdict(ui, out)
    }

    /// What an offer holds beyond the table (T1/T2, MTU, routes, PXE), and with --raw every
    /// option.
    fn write_details(&self, o: &OfferSeen, out: &mut dyn Write) -> io::Result<()> {
        let c = &o.offer.config;
        let mut facts = Vec::new();
        if let Some(t1) = c.renewal_seconds {
            facts.push(t!("dhcp-renews", after = human_seconds(u64::from(t1))).to_string());
        }
        if let Some(t2) = c.rebinding_seconds {
            facts.push(t!("dhcp-rebinds", after = human_seconds(u64::from(t2))).to_string());
        }
        if let Some(mtu) = c.mtu {
            facts.push(t!("dhcp-mtu", mtu = mtu).to_string());
        }
        if !c.classless_routes.is_empty() {
            let routes: Vec<String> = c
                .classless_routes
                .iter()
                .map(|r| {
                    t!(
                        "dhcp-route",
                        destination = r.destination.to_string(),
                        router = r.router
                    )
                    .to_string()
                })
                .collect();
            let routes = routes.join(&t!("common-list-separator").to_string());
            facts.push(t!("dhcp-routes", routes = routes).to_string());
        }
        if let Some(id) = other_server_id(o.offer.server, o.offer.server_id) {
            facts.push(t!("dhcp-names-other-server", id = id).to_string());
        }
        match (&c.tftp_server, &c.boot_file) {
            (None, None) => {}
            (server, file) => facts.push(
                t!(
                    "dhcp-pxe",
                    file = one_line(file.as_deref().unwrap_or("-")).into_owned(),
                    server = one_line(server.as_deref().unwrap_or("-")).into_owned()
                )
                .to_string(),
            ),
        }
        if !facts.is_empty() {
            let facts = facts.join(&t!("common-clause-separator").to_string());
            let line = t!("dhcp-facts", server = o.offer.server, facts = facts);
            writeln!(out, "{line}")?;
        }
        if self.raw {
            writeln!(out, "{}", t!("dhcp-options", server = o.offer.server))?;
            for opt in &c.options {
                writeln!(out, "  {:>3} {:<24} {}", opt.code, opt.name, opt.hex)?;
            }
        }
        Ok(())
    }

    /// With --expect: whether only the expected server answered.
    fn write_verdict(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let Some(expected) = self.expected_server else {
            return Ok(());
        };
        let expected = match self
            .offers
            .iter()
            .find(|o| o.verdict == Some(Verdict::Expected))
        {
            Some(o) => t!(
                "dhcp-expected-at",
                address = expected,
                mac = o.offer.server_mac.to_string()
            )
            .to_string(),
            None => expected.to_string(),
        };
        if self.rogue_servers.is_empty() {
            let label = output::label_before(ui, Paint::Good, t!("dhcp-no-rogue-label"));
            let said = t!("dhcp-no-rogue", expected = expected);
            return writeln!(out, "{label}{said}");
        }
        let rogues: Vec<String> = self.rogue_servers.iter().map(|r| r.to_string()).collect();
        let rogues = rogues.join(&t!("common-list-separator").to_string());
        let label = output::label_before(ui, Paint::Bad, t!("dhcp-rogue-label"));
        let said = t!("dhcp-rogue", rogues = rogues, expected = expected);
        writeln!(out, "{label}{said}")
    }
}

/// The whole DHCP exchange in one sentence, and where netkit stops in it.
fn write_exchange(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", t!("dhcp-exchange"))
}

impl OfferSeen {
    /// One line for an offer as it arrives (on a terminal, before the table at the end).
    fn write_line(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let mut alarm = match &self.why {
            Some(why) => ui.paint(Paint::Bad, t!("dhcp-offer-rogue", why = why)),
            None => String::new(),
        };
        if let Some(id) = other_server_id(self.offer.server, self.offer.server_id) {
            alarm += &t!("dhcp-offer-names", id = id).to_string();
        }
        let line = t!(
            "dhcp-offer-line",
            server = self.offer.server,
            mac = self.offer.server_mac.to_string(),
            offered = ui.paint(Paint::Good, self.offer.offered),
            rtt = human_ms(self.rtt_ms),
            alarm = alarm
        );
        writeln!(out, "{line}")
    }
}

impl Report for Discovery {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        self.write_header(out)?;
        self.write_body(ui, out)
    }

    fn status(&self) -> u8 {
        if self.offers.is_empty() || !self.rogue_servers.is_empty() {
            exit::NEGATIVE
        } else {
            exit::OK
        }
    }
}

/// When a DHCPDISCOVER without an offer goes out again (RFC 2131 section 4.1: a client's first
/// retransmission comes after 4 s).
const RETRANSMIT_AFTER: Duration = Duration::from_secs(4);

/// Most distinct offers one exchange keeps (a LAN has one or two DHCP servers): beyond, a flood
/// of forged offers is only counted, so memory and the duplicate check stay bounded.
const MAX_OFFERS: usize = 64;

/// Adds what was heard `after_ms` into the exchange: a new offer to `offers` (a repeated one
/// is dropped), a flawed frame or an offer beyond [`MAX_OFFERS`] to `discards`.
fn keep(
    offers: &mut Vec<OfferSeen>,
    discards: &mut Discards<Flaw>,
    heard: std::result::Result<dhcp_msg::Offer, Flaw>,
    after_ms: f64,
) {
    let offer = match heard {
        Ok(offer) => offer,
        Err(flaw) => return discards.note(flaw),
    };
    if offers.iter().any(|o| o.offer == offer) {
        return;
    }
    if offers.len() >= MAX_OFFERS {
        return discards.note(Flaw::OverLimit);
    }
    offers.push(OfferSeen {
        rtt_ms: after_ms,
        verdict: None,
        why: None,
        offer,
    });
}

/// Judges a new offer's sender against the expected server (`--expect`), and adds it to
/// `rogues` when it is another.
fn judge(
    expected: Option<&mut Expected<Ipv4Addr>>,
    seen: &mut OfferSeen,
    rogues: &mut Vec<RogueServer>,
) {
    let Some(expected) = expected else { return };
    let (address, mac) = (seen.offer.server, seen.offer.server_mac);
    let verdict = expected.judge(address, mac);
    seen.verdict = Some(verdict);
    seen.why = expected.why(verdict, address, mac);
    let rogue = RogueServer {
        address,
        mac,
        verdict,
    };
    if verdict.rogue() && !rogues.contains(&rogue) {
        rogues.push(rogue);
    }
}

fn discover(args: &DhcpDiscoverArgs, ui: &Ui) -> Result<u8> {
    let timeout = args.timeout;
    let mut tables = Tables::open()?;
    let (links, routes) = (tables.links()?, tables.routes()?);
    let link = named_or_lan_link(&links, &routes, args.interface.as_deref(), || {
        t!("dhcp-no-interface")
    })?;
    let own = link.mac6().ok_or_else(|| {
        Error::bad(
            t!("common-what-interface"),
            &link.name,
            t!("dhcp-no-ethernet"),
        )
    })?;
    let chaddr = args.mac.unwrap_or(own);
    // The expected server's MAC, when the neighbour table knows it; else its first offer's.
    let mut expected = match args.expect {
        Some(ip) => {
            let neighbours = tables.neighbours()?;
            let mac = neighbour_of(&neighbours, link.index, ip.into())
                .and_then(|n| Mac::from_slice(n.mac.as_deref()?));
            Some(Expected::new(ip, mac))
        }
        None => None,
    };
    let xid = Xid(unpredictable_u32());
    let mut wire = RawLink::open(&link.name, link.index, "DHCP")?;
    let io_err = |e: io::Error| Error::io(t!("dhcp-io", interface = &link.name), e);
    let frame = dhcp_msg::discover_frame(xid, own, chaddr);
    wire.send_raw(&frame).map_err(io_err)?;
    let sent = Instant::now();
    let deadline = sent + timeout;
    let mut again = Some(sent + RETRANSMIT_AFTER).filter(|at| *at < deadline);
    let mut report = Discovery {
        interface: link.name.clone(),
        client_mac: Mac(chaddr),
        xid,
        timeout_ms: timeout.as_secs_f64() * 1000.0,
        discovers_sent: 1,
        expected_server: args.expect,
        rogue_servers: Vec::new(),
        offers: Vec::new(),
        discards: Discards::default(),
        raw: args.raw,
    };
    // Ctrl-C ends the wait; the offers seen are reported. On a terminal, the header shows at
    // once and each offer when it comes.
    interrupt::catch();
    let mut live = ui.live.then(|| output::live_out(ui));
    if let Some(out) = &mut live {
        report.write_header(out).map_err(written)?;
    }
    loop {
        let until = again.unwrap_or(deadline);
        let Some((heard, at)) = wire
            .recv_raw_until(until, |f| dhcp_msg::offer_in_frame(f, xid, chaddr))
            .map_err(io_err)?
        else {
            match again.take() {
                Some(_) if !interrupt::interrupted() => {
                    // No offer yet: the same DHCPDISCOVER again, as clients retransmit.
                    wire.send_raw(&frame).map_err(io_err)?;
                    report.discovers_sent += 1;
                    if let Some(out) = &mut live {
                        report.write_retransmitted(ui, out).map_err(written)?;
                    }
                    continue;
                }
                _ => break,
            }
        };
        let after_ms = at.saturating_duration_since(sent).as_secs_f64() * 1000.0;
        let before = report.offers.len();
        keep(&mut report.offers, &mut report.discards, heard, after_ms);
        if let Some(new) = report.offers.get_mut(before) {
            judge(expected.as_mut(), new, &mut report.rogue_servers);
            if let Some(out) = &mut live {
                new.write_line(ui, out).map_err(written)?;
            }
            again = None;
        }
    }
    match &mut live {
        Some(out) => {
            report.write_body(ui, out).map_err(written)?;
            out.flush().map_err(written)?;
            Ok(report.status())
        }
        None => emit(ui, &report),
    }
}

/// Runs `netkit dhcp ...`.
pub fn run(args: &DhcpArgs, ui: &Ui) -> Result<u8> {
    match &args.command {
        DhcpCommand::Discover(a) => discover(a, ui),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(last: u8) -> dhcp_msg::Offer {
        dhcp_msg::Offer {
            server: Ipv4Addr::new(198, 51, 100, 1),
            server_mac: Mac([0, 0x16, 0x3e, 0, 0, 1]),
            server_id: Some(Ipv4Addr::new(198, 51, 100, 1)),
            offered: Ipv4Addr::new(198, 51, 100, last),
            config: dhcp_msg::Config::default(),
        }
    }

    /// Issue 12: a flood of distinct offers is counted, not stored (memory and the duplicate
    /// check stay bounded); a repeated offer is no new one; flaws are counted by reason.
    #[test]
    fn offers_are_kept_up_to_a_bound() {
        let (mut offers, mut discards) = (Vec::new(), Discards::default());
        keep(&mut offers, &mut discards, Ok(offer(1)), 1.0);
        keep(&mut offers, &mut discards, Ok(offer(1)), 2.0);
        keep(&mut offers, &mut discards, Err(Flaw::OtherClient), 3.0);
        assert_eq!((offers.len(), discards.total()), (1, 1));
        for n in 0..=255u8 {
            keep(&mut offers, &mut discards, Ok(offer(n)), 4.0);
        }
        assert_eq!(offers.len(), MAX_OFFERS);
        assert_eq!(discards.count(Flaw::OverLimit), 256 - MAX_OFFERS as u32);
        assert_eq!(discards.count(Flaw::OtherClient), 1);
    }

    /// Issue 25 item 3: `--expect` judges by the offer's IP and Ethernet sources. An offer from
    /// another address naming the expected server in option 54 is rogue (and flagged); one
    /// from the expected address but another MAC is rogue too; each sender is listed once.
    #[test]
    fn offers_are_judged_by_their_sources() {
        let expected_ip = Ipv4Addr::new(198, 51, 100, 1);
        let mut expected = Expected::new(expected_ip, None);
        let mut rogues = Vec::new();
        let seen = |server: Ipv4Addr, mac: Mac| {
            let mut o = offer(120);
            o.server = server;
            o.server_mac = mac;
            OfferSeen {
                rtt_ms: 1.0,
                verdict: None,
                why: None,
                offer: o,
            }
        };
        let evil = Mac([2, 0, 0, 0, 0, 0x66]);
        let mut forged_id = seen(Ipv4Addr::new(198, 51, 100, 66), evil);
        judge(Some(&mut expected), &mut forged_id, &mut rogues);
        assert_eq!(forged_id.verdict, Some(Verdict::OtherAddress));
        assert_eq!(
            other_server_id(forged_id.offer.server, forged_id.offer.server_id),
            Some(expected_ip)
        );
        let mut good = seen(expected_ip, Mac([0, 0x16, 0x3e, 0, 0, 1]));
        judge(Some(&mut expected), &mut good, &mut rogues);
        assert_eq!(
            (good.verdict, good.why.map(|w| w.english())),
            (Some(Verdict::Expected), None)
        );
        let mut forged_ip = seen(expected_ip, evil);
        judge(Some(&mut expected), &mut forged_ip, &mut rogues);
        assert_eq!(forged_ip.verdict, Some(Verdict::OtherMac));
        judge(
            Some(&mut expected),
            &mut seen(expected_ip, evil),
            &mut rogues,
        );
        assert_eq!(
            rogues.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
            [
                "198.51.100.66 at 02:00:00:00:00:66",
                "02:00:00:00:00:66 forging 198.51.100.1"
            ]
        );
        // Without --expect, nothing is judged.
        let mut plain = seen(expected_ip, evil);
        judge(None, &mut plain, &mut rogues);
        assert_eq!(plain.verdict, None);
    }
}
