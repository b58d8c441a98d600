//! The whole DNS message, as dig shows it (`netkit dns --full`): one query built with the flags
//! asked for (RD, CD, EDNS with its UDP size, DO, NSID, client subnet), sent to one server over
//! UDP (again over TCP when the answer is truncated, unless --ignore-tc) or over TCP (`--tcp`),
//! and every part of the reply kept as `wire::dns` reads it: header and flags, question, answer,
//! authority and additional sections, EDNS with its options (Extended DNS Errors in words). A
//! reply that is no DNS message is a "bad packet" at once, with the reason; one with QR clear
//! or another ID or question is not the reply, and is waited past. The layout of a message
//! here ([`MessageView`]) is the one every `--json` result carries.

use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::{Duration, Instant};

use hickory_resolver::proto::op::{Edns, Message, MessageType, OpCode, Query};
use hickory_resolver::proto::rr::rdata::opt::{ClientSubnet, EdnsOption, NSIDPayload};
use hickory_resolver::proto::rr::{DNSClass, Name, RecordType};
use serde::Serialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpStream, UdpSocket};

pub use super::answer::{Carried, Response};
use super::answer::{Reply, Status, classify, exit_status, presentation};
use crate::i18n::{Text, t};
use crate::output::{Paint, Report, Ui, visible_len};
use crate::util::time::{human_ms, human_seconds, round_ms};
use crate::wire::dns::edns::Ede;
use crate::wire::dns::message::{self as wire, Flags, Header as WireHeader};
use crate::wire::dns::record::Record;
use crate::wire::dns::types::{Class, Opcode, Rcode, Type};

/// The query's flags and EDNS, as dig's `+[no]recurse +cd +dnssec +nsid +subnet +bufsize +[no]edns`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryFlags {
    /// RD: ask the server to recurse.
    pub recurse: bool,
    /// CD: ask a validating resolver not to check DNSSEC.
    pub checking_disabled: bool,
    /// Send an EDNS OPT record.
    pub edns: bool,
    /// The UDP payload size EDNS announces.
    pub bufsize: u16,
    /// DO: ask for DNSSEC records.
    pub dnssec_ok: bool,
    /// Ask for the server's NSID.
    pub nsid: bool,
    /// EDNS client subnet: address and source prefix.
    pub subnet: Option<(IpAddr, u8)>,
    /// Keep a truncated UDP answer instead of asking again over TCP.
    pub ignore_tc: bool,
}

impl Default for QueryFlags {
    fn default() -> Self {
        QueryFlags {
            recurse: true,
            checking_disabled: false,
            edns: true,
            bufsize: 1232,
            dnssec_ok: false,
            nsid: false,
            subnet: None,
            ignore_tc: false,
        }
    }
}

/// The query message for `name`/`rtype`/`class` with `flags`.
pub fn build_query(
    id: u16,
    name: &Name,
    rtype: RecordType,
    class: DNSClass,
    flags: &QueryFlags,
) -> Message {
    let mut m = Message::new(id, MessageType::Query, OpCode::Query);
    let mut q = Query::query(name.clone(), rtype);
    q.set_query_class(class);
    m.add_query(q);
    m.metadata.recursion_desired = flags.recurse;
    m.metadata.checking_disabled = flags.checking_disabled;
    if flags.edns {
        let mut edns = Edns::new();
        edns.set_max_payload(flags.bufsize.max(512));
        edns.set_dnssec_ok(flags.dnssec_ok);
        if flags.nsid
            && let Ok(empty) = NSIDPayload::new(Vec::new())
        {
            edns.options_mut().insert(EdnsOption::NSID(empty));
        }
        if let Some((addr, prefix)) = flags.subnet {
            edns.options_mut()
                .insert(EdnsOption::Subnet(ClientSubnet::new(addr, prefix, 0)));
        }
        m.set_edns(edns);
    }
    m
}

/// How [`ask`] sends a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Over {
    /// UDP; a truncated answer again over TCP unless `ignore_tc`.
    Udp {
        /// Keep a truncated answer.
        ignore_tc: bool,
    },
    /// TCP from the start (`--tcp`).
    Tcp,
}

/// A reply read whole, and how it came.
#[derive(Debug, Clone)]
pub struct Raw {
    /// The reply as it came.
    pub bytes: Vec<u8>,
    /// The reply, read.
    pub message: wire::Message,
    /// UDP or TCP.
    pub carried: Carried,
    /// The round trip (of the exchange that gave the reply).
    pub rtt: Duration,
    /// A truncated UDP answer was asked again over TCP.
    pub retried_over_tcp: bool,
}

/// A UDP socket on an ephemeral port connected to `server` (so that it hears ICMP port
/// unreachable, and only that server's datagrams).
pub async fn connected(server: SocketAddr) -> io::Result<UdpSocket> {
    let local: SocketAddr = if server.is_ipv4() {
        (Ipv4Addr::UNSPECIFIED, 0).into()
    } else {
        (Ipv6Addr::UNSPECIFIED, 0).into()
    };
    let sock = UdpSocket::bind(local).await?;
    sock.connect(server).await?;
    Ok(sock)
}

/// Whether `reply` is the reply to `query`: a response (QR set) with its ID and its question.
/// Err: the reply has the query's ID and is a response, but is no DNS message (a bad packet).
fn is_reply(query: &wire::Message, reply: &[u8]) -> Result<Option<wire::Message>, Text> {
    let Ok(h) = WireHeader::read(reply) else {
        return Ok(None);
    };
    if !h.flags.qr || h.id != query.header.id {
        return Ok(None);
    }
    match wire::read(reply) {
        Ok(m) if m.question == query.question => Ok(Some(m)),
        Ok(_) => Ok(None),
        Err(bad) => Err(t!("dns-why-bad-packet", why = bad.to_string()).into()),
    }
}

/// Sends `query` (its bytes) to `server` and waits up to `timeout` for its reply, over UDP
/// (again over TCP when the answer is truncated, unless told not to) or TCP. Datagrams that are
/// not the reply are waited past; a reply that cannot be read is a bad packet at once.
pub async fn ask(
    server: SocketAddr,
    query: &[u8],
    timeout: Duration,
    over: Over,
) -> Result<Raw, Text> {
    let q = wire::read(query)
        .map_err(|e| Text::from(t!("dns-why-build-query", why = e.to_string())))?;
    let deadline = tokio::time::Instant::now() + timeout;
    let ignore_tc = match over {
        Over::Tcp => return over_tcp(server, query, &q, deadline, timeout, false).await,
        Over::Udp { ignore_tc } => ignore_tc,
    };
    let sock = connected(server)
        .await
        .map_err(|e| Text::from(e.to_string()))?;
    let start = Instant::now();
    sock.send(query)
        .await
        .map_err(|e| Text::from(e.to_string()))?;
    let mut buf = vec![0u8; 65_535];
    let (message, bytes) = loop {
        let n = match tokio::time::timeout_at(deadline, sock.recv(&mut buf)).await {
            Err(_) => {
                return Err(t!(
                    "dns-why-no-answer-within",
                    server = server,
                    timeout = human_ms(timeout.as_secs_f64() * 1000.0)
                )
                .into());
            }
            Ok(Err(e)) if e.kind() == io::ErrorKind::ConnectionRefused => {
                return Err(t!("dns-why-nothing-listens", server = server).into());
            }
            Ok(Err(e)) => return Err(e.to_string().into()),
            Ok(Ok(n)) => n,
        };
        if let Some(m) = is_reply(&q, &buf[..n])? {
            break (m, buf[..n].to_vec());
        }
    };
    let rtt = start.elapsed();
    if !message.header.flags.tc || ignore_tc {
        return Ok(Raw {
            bytes,
            message,
            carried: Carried::Udp,
            rtt,
            retried_over_tcp: false,
        });
    }
    over_tcp(server, query, &q, deadline, timeout, true)
        .await
        .map_err(|why| t!("dns-why-truncated-then", why = why).into())
}

/// One query over a TCP connection of its own.
async fn over_tcp(
    server: SocketAddr,
    query: &[u8],
    q: &wire::Message,
    deadline: tokio::time::Instant,
    timeout: Duration,
    retried: bool,
) -> Result<Raw, Text> {
    let start = Instant::now();
    let exchange = async {
        let mut tcp = TcpStream::connect(server).await?;
        let mut framed = (query.len() as u16).to_be_bytes().to_vec();
        framed.extend_from_slice(query);
        tcp.write_all(&framed).await?;
        loop {
            let len = tcp.read_u16().await?;
            let mut body = vec![0u8; usize::from(len)];
            tcp.read_exact(&mut body).await?;
            match is_reply(q, &body) {
                Ok(Some(m)) => return io::Result::Ok(Ok((m, body))),
                Ok(None) => continue,
                Err(bad) => return Ok(Err(bad)),
            }
        }
    };
    match tokio::time::timeout_at(deadline, exchange).await {
        Err(_) => Err(t!(
            "dns-why-no-answer-within-tcp",
            server = server,
            timeout = human_ms(timeout.as_secs_f64() * 1000.0)
        )
        .into()),
        Ok(Err(e)) if e.kind() == io::ErrorKind::ConnectionRefused => {
            Err(t!("dns-why-nothing-listens-tcp", server = server).into())
        }
        Ok(Err(e)) if e.kind() == io::ErrorKind::UnexpectedEof => {
            Err(t!("dns-why-tcp-closed", server = server).into())
        }
        Ok(Err(e)) => Err(t!("dns-why-tcp-failed", server = server, why = e.to_string()).into()),
        Ok(Ok(Err(bad))) => Err(bad),
        Ok(Ok(Ok((message, bytes)))) => Ok(Raw {
            bytes,
            message,
            carried: Carried::Tcp,
            rtt: start.elapsed(),
            retried_over_tcp: retried,
        }),
    }
}

/// A reply as `--trace` and `--validate` read it: hickory's message (their proofs are
/// hickory's), and its round trip.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// The reply.
    pub reply: Message,
    /// The round trip (of the exchange that gave the reply).
    pub rtt: Duration,
}

/// [`ask`] over UDP for a hickory `query`, the reply read by hickory too.
pub async fn exchange(
    server: SocketAddr,
    query: &Message,
    timeout: Duration,
    ignore_tc: bool,
) -> Result<Exchange, Text> {
    let bytes = query
        .to_vec()
        .map_err(|e| Text::from(t!("dns-why-build-query", why = e.to_string())))?;
    let raw = ask(server, &bytes, timeout, Over::Udp { ignore_tc }).await?;
    let reply = Message::from_vec(&raw.bytes)
        .map_err(|e| Text::from(t!("dns-why-bad-packet", why = e.to_string())))?;
    Ok(Exchange {
        reply,
        rtt: raw.rtt,
    })
}

/// The header.
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    /// Message id.
    pub id: u16,
    /// QUERY, NOTIFY, UPDATE...
    pub opcode: Opcode,
    /// NOERROR, NXDOMAIN, SERVFAIL, BADVERS... (with the EDNS extended bits).
    pub rcode: Rcode,
    /// The flags.
    pub flags: Flags,
}

/// One question.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// The name.
    pub name: String,
    /// IN, CH...
    pub class: Class,
    /// A, MX, TYPE65534...
    #[serde(rename = "type")]
    pub rtype: Type,
}

/// One record of any section, as every mode shows it: the one typed view (`wire::dns::record`).
pub type Rr = Record;

/// One EDNS option.
#[derive(Debug, Clone, Serialize)]
pub struct OptionView {
    /// The option code.
    pub code: u16,
    /// Its name as dig writes it (NSID, CLIENT-SUBNET, COOKIE, EDE, `OPT=65001`...).
    pub name: String,
    /// Its value as dig writes it (`6e 73 2d 31 ("ns-1")`, `6 (DNSSEC Bogus): signature
    /// expired`).
    pub value: String,
}

/// The reply's EDNS.
#[derive(Debug, Clone, Serialize)]
pub struct EdnsView {
    /// EDNS version.
    pub version: u8,
    /// The UDP payload size the server announces.
    pub udp_size: u16,
    /// DO.
    pub dnssec_ok: bool,
    /// The server's NSID as text (null: none sent).
    pub nsid: Option<String>,
    /// Every option.
    pub options: Vec<OptionView>,
    /// The Extended DNS Errors among them (RFC 8914).
    pub ede: Vec<Ede>,
}

/// The parts of a DNS message, as `--full` shows them and every `--json` result carries them
/// (one layout, built by [`MessageView::of`]).
#[derive(Debug, Clone, Serialize)]
pub struct MessageView {
    /// The header.
    pub header: Header,
    /// The question section.
    pub question: Vec<Question>,
    /// The answer section.
    pub answer: Vec<Record>,
    /// The authority section.
    pub authority: Vec<Record>,
    /// The additional section (without the OPT pseudo-record, shown as `edns`).
    pub additional: Vec<Record>,
    /// EDNS (null: the message has none).
    pub edns: Option<EdnsView>,
}

impl MessageView {
    /// The parts of `m`: the one layout of a message, for `--full` and for `--json`.
    pub fn of(m: &wire::Message) -> MessageView {
        let h = &m.header;
        let edns = m.edns.as_ref().map(|e| EdnsView {
            version: e.version,
            udp_size: e.udp_size,
            dnssec_ok: e.dnssec_ok,
            nsid: e.options.iter().find_map(|o| o.nsid()),
            options: e
                .options
                .iter()
                .map(|o| {
                    let (name, value) = o.text();
                    OptionView {
                        code: o.code,
                        name,
                        value,
                    }
                })
                .collect(),
            ede: m.ede(),
        });
        MessageView {
            header: Header {
                id: h.id,
                opcode: Opcode(h.opcode),
                rcode: Rcode(m.rcode()),
                flags: h.flags,
            },
            question: m
                .question
                .iter()
                .map(|q| Question {
                    name: presentation(&q.name),
                    class: Class(q.class),
                    rtype: Type(q.rtype),
                })
                .collect(),
            answer: m.answer.clone(),
            authority: m.authority.clone(),
            additional: m.additional.clone(),
            edns,
        }
    }
}

/// The whole reply, for people and for scripts.
#[derive(Debug, Clone, Serialize)]
pub struct FullAnswer {
    /// The server asked.
    pub server: SocketAddr,
    /// udp or tcp.
    pub transport: Carried,
    /// A truncated UDP answer was asked again over TCP.
    pub retried_over_tcp: bool,
    /// The round trip.
    #[serde(serialize_with = "round_ms")]
    pub rtt_ms: f64,
    /// The reply's size in bytes.
    pub size: usize,
    /// What the reply says, in the words of the other lookups (answer, nodata, referral...).
    pub status: Status,
    /// Why that is not an answer, in words (a referral's zone and servers, a CNAME loop...;
    /// English in JSON).
    pub detail: Option<Text>,
    /// Bytes after the message's last record (dig warns about them).
    pub trailing_bytes: usize,
    /// Header, sections and EDNS.
    #[serde(flatten)]
    pub message: MessageView,
    /// Show TTLs as 1h2m3s.
    #[serde(skip)]
    pub human_ttl: bool,
}

/// A response and the server that sent it. In JSON: `server`, `transport`,
/// `retried_over_tcp`, `size`, then the message as `--full` lays it out ([`MessageView`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The server.
    pub server: SocketAddr,
    /// What it sent.
    pub response: Box<Response>,
}

/// [`Received`] as written.
#[derive(Serialize)]
struct ReceivedView {
    server: SocketAddr,
    transport: Carried,
    retried_over_tcp: bool,
    size: usize,
    #[serde(flatten)]
    message: MessageView,
}

impl Serialize for Received {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let r = &self.response;
        ReceivedView {
            server: self.server,
            transport: r.transport,
            retried_over_tcp: r.retried_over_tcp,
            size: r.size,
            message: MessageView::of(&r.message),
        }
        .serialize(s)
    }
}

impl FullAnswer {
    /// The view of a reply from `server` to the question `qname` / `rtype`.
    pub fn of(server: SocketAddr, raw: &Raw, qname: &Name, rtype: RecordType) -> FullAnswer {
        let Reply {
            status, message, ..
        } = classify(&raw.message, qname, rtype);
        FullAnswer {
            server,
            transport: raw.carried,
            retried_over_tcp: raw.retried_over_tcp,
            rtt_ms: raw.rtt.as_secs_f64() * 1000.0,
            size: raw.bytes.len(),
            status,
            detail: message,
            trailing_bytes: raw.message.trailing,
            message: MessageView::of(&raw.message),
            human_ttl: false,
        }
    }

    /// The flags that are set, in dig's order.
    fn flag_words(&self) -> String {
        let f = &self.message.header.flags;
        [
            (f.qr, "qr"),
            (f.aa, "aa"),
            (f.tc, "tc"),
            (f.rd, "rd"),
            (f.ra, "ra"),
            (f.ad, "ad"),
            (f.cd, "cd"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(" ")
    }

    fn section(&self, ui: &Ui, out: &mut dyn Write, title: &str, rrs: &[Record]) -> io::Result<()> {
        let title = t!("dns-full-section", section = title, count = rrs.len());
        writeln!(out, "{}", ui.paint(Paint::Bold, title))?;
        if rrs.is_empty() {
            return Ok(());
        }
        let [name, ttl, class, rtype, data] = [
            t!("dns-column-name"),
            t!("dns-column-ttl"),
            t!("dns-column-class"),
            t!("dns-column-type"),
            t!("dns-column-data"),
        ]
        .map(|m| m.to_string());
        let mut t = ui.table(&[&name, &ttl, &class, &rtype, &data]);
        t.expendable(&[&class, &ttl]);
        for r in rrs {
            let ttl = if self.human_ttl {
                human_seconds(u64::from(r.ttl))
            } else {
                r.ttl.to_string()
            };
            t.add_row([
                r.owner(),
                ttl,
                Class(r.class).to_string(),
                Type(r.rtype).to_string(),
                r.data.clone(),
            ]);
        }
        writeln!(out, "{t}")
    }
}

impl Report for FullAnswer {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let label = super::view::labels(
            ui,
            [
                t!("dns-label-server"),
                t!("dns-label-header"),
                t!("dns-label-warning"),
                t!("dns-label-edns"),
                t!("dns-label-question"),
            ],
            10,
        );
        let via = if self.retried_over_tcp {
            t!(
                "dns-full-via-retried",
                server = self.server,
                transport = self.transport.label(),
                size = self.size,
                time = human_ms(self.rtt_ms)
            )
        } else {
            t!(
                "dns-full-via",
                server = self.server,
                transport = self.transport.label(),
                size = self.size,
                time = human_ms(self.rtt_ms)
            )
        };
        writeln!(out, "{} {via}", label(0))?;
        let m = &self.message;
        let h = &m.header;
        let rcode = match h.rcode {
            Rcode::NOERROR => ui.paint(Paint::Good, h.rcode),
            Rcode::NXDOMAIN => ui.paint(Paint::Warn, h.rcode),
            _ => ui.paint(Paint::Bad, h.rcode),
        };
        let header = t!(
            "dns-full-header",
            id = h.id,
            opcode = h.opcode,
            rcode = rcode,
            flags = self.flag_words()
        );
        writeln!(out, "{} {header}", label(1))?;
        if self.trailing_bytes > 0 {
            let text = t!("dns-full-trailing", bytes = self.trailing_bytes);
            writeln!(out, "{} {}", label(2), ui.paint(Paint::Warn, text))?;
        }
        match &m.edns {
            Some(e) => {
                let mut line =
                    t!("dns-full-edns", version = e.version, size = e.udp_size).to_string();
                if e.dnssec_ok {
                    line += ", do";
                }
                if let Some(n) = &e.nsid {
                    line += &format!(", NSID \"{n}\"");
                }
                writeln!(out, "{} {line}", label(3))?;
                for o in e.options.iter().filter(|o| o.code != 3) {
                    let text = if o.name == "EDE" {
                        format!("EDE {}", o.value)
                    } else {
                        format!("{}: {}", o.name, o.value)
                    };
                    writeln!(out, "{} {text}", " ".repeat(visible_len(&label(3))))?;
                }
            }
            None => writeln!(out, "{} {}", label(3), t!("dns-full-no-edns"))?,
        }
        for q in &m.question {
            writeln!(out, "{} {} {} {}", label(4), q.name, q.class, q.rtype)?;
        }
        self.section(ui, out, "Answer", &m.answer)?;
        self.section(ui, out, "Authority", &m.authority)?;
        self.section(ui, out, "Additional", &m.additional)?;
        if matches!(self.status, Status::Referral | Status::CnameLoop)
            && let Some(why) = &self.detail
        {
            writeln!(out, "{}", ui.paint(Paint::Warn, why))?;
        }
        Ok(())
    }

    fn short(&self, _ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        for r in &self.message.answer {
            writeln!(out, "{}", r.data)?;
        }
        Ok(())
    }

    fn status(&self) -> u8 {
        exit_status([self.status])
    }
}

/// Several full answers (one per type asked), one report.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct FullAnswers(pub Vec<FullAnswer>);

impl Report for FullAnswers {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        for (i, a) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            a.human(ui, out)?;
        }
        Ok(())
    }

    fn short(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        self.0.iter().try_for_each(|a| a.short(ui, out))
    }

    /// As the other lookups: 0 when any type answered, 1 when all said no, 3 on a failure.
    fn status(&self) -> u8 {
        exit_status(self.0.iter().map(|a| a.status))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn the_query_carries_the_flags_asked_for() {
        let name = Name::from_str("www.example.test.").unwrap();
        let flags = QueryFlags {
            recurse: false,
            checking_disabled: true,
            dnssec_ok: true,
            nsid: true,
            subnet: Some(("192.0.2.0".parse().unwrap(), 24)),
            bufsize: 4096,
            ..QueryFlags::default()
        };
        let q = build_query(7, &name, RecordType::TXT, DNSClass::CH, &flags);
        let bytes = q.to_vec().unwrap();
        let back = wire::read(&bytes).unwrap();
        assert_eq!(back.header.id, 7);
        assert!(!back.header.flags.rd);
        assert!(back.header.flags.cd);
        assert_eq!(back.question[0].class, DNSClass::CH);
        let e = back.edns.unwrap();
        assert_eq!(e.udp_size, 4096);
        assert!(e.dnssec_ok);
        let codes: Vec<u16> = e.options.iter().map(|o| o.code).collect();
        assert!(codes.contains(&3) && codes.contains(&8), "{codes:?}");
        let plain = build_query(
            8,
            &name,
            RecordType::A,
            DNSClass::IN,
            &QueryFlags {
                edns: false,
                ..QueryFlags::default()
            },
        );
        assert!(plain.edns.is_none());
        assert!(plain.metadata.recursion_desired);
    }

    /// `--full` and every `--json` result lay a message out alike: one builder, one layout.
    #[test]
    fn a_response_is_laid_out_as_full_lays_out_a_message() {
        let name = Name::from_str("www.example.test.").unwrap();
        let mut m = build_query(
            0x0102,
            &name,
            RecordType::A,
            DNSClass::IN,
            &QueryFlags::default(),
        );
        m.metadata.message_type = MessageType::Response;
        m.metadata.authoritative = true;
        m.metadata.response_code = hickory_resolver::proto::op::ResponseCode::NXDomain;
        let bytes = m.to_vec().unwrap();
        let message = wire::read(&bytes).unwrap();
        let server: SocketAddr = "127.0.0.1:5353".parse().unwrap();
        let received = Received {
            server,
            response: Box::new(Response {
                message: message.clone(),
                size: bytes.len(),
                transport: Carried::Tcp,
                retried_over_tcp: true,
            }),
        };
        let json = serde_json::to_value(&received).unwrap();
        let raw = Raw {
            bytes: bytes.clone(),
            message,
            carried: Carried::Tcp,
            rtt: Duration::from_millis(1),
            retried_over_tcp: true,
        };
        let full =
            serde_json::to_value(FullAnswer::of(server, &raw, &name, RecordType::A)).unwrap();
        for k in [
            "server",
            "transport",
            "retried_over_tcp",
            "size",
            "header",
            "question",
            "answer",
            "authority",
            "additional",
            "edns",
        ] {
            assert_eq!(json[k], full[k], "{k}");
        }
        assert_eq!(full["status"], "nxdomain");
        assert_eq!(json["header"]["rcode"], "NXDOMAIN");
        assert_eq!(json["header"]["flags"]["aa"], true);
        assert_eq!(json["question"][0]["name"], "www.example.test.");
        assert_eq!(json["edns"]["udp_size"], 1232);
        assert_eq!(json["edns"]["ede"], serde_json::json!([]));
    }
}
