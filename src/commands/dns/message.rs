//! The whole DNS message, as dig shows it (`netkit dns --full`): one query built with the flags
//! asked for (RD, CD, EDNS with its UDP size, DO, NSID, client subnet), sent to one server over
//! UDP (again over TCP when the answer is truncated, unless --ignore-tc), and every part of the
//! reply kept: header and flags, question, answer, authority and additional sections, EDNS.
//! hickory-proto builds and reads the messages; nothing here is a wire codec.

use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use hickory_resolver::proto::op::{Edns, Message, MessageType, OpCode, Query, ResponseCode};
use hickory_resolver::proto::rr::rdata::opt::{ClientSubnet, EdnsOption, NSIDPayload};
use hickory_resolver::proto::rr::{DNSClass, Name, Record, RecordType};
use serde::Serialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpStream, UdpSocket};

use super::answer::{Status, exit_status, format_rdata, presentation, type_text};
use crate::output::{Paint, Report, Ui};
use crate::util::time::{human_ms, human_seconds, round_ms};

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

/// How the reply came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Carried {
    /// One UDP datagram.
    Udp,
    /// TCP (after a truncated UDP answer, or asked over TCP).
    Tcp,
    /// DNS over TLS.
    Tls,
    /// DNS over HTTPS.
    Https,
}

impl Carried {
    /// The transport's name for people.
    pub fn label(self) -> &'static str {
        match self {
            Carried::Udp => "UDP",
            Carried::Tcp => "TCP",
            Carried::Tls => "TLS",
            Carried::Https => "HTTPS",
        }
    }
}

/// A reply and how it came.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// The reply.
    pub reply: Message,
    /// Its size in bytes.
    pub size: usize,
    /// UDP or TCP.
    pub carried: Carried,
    /// The round trip (of the exchange that gave the reply).
    pub rtt: Duration,
    /// A truncated UDP answer was asked again over TCP.
    pub retried_over_tcp: bool,
}

/// Whether `reply` answers `query`: same id, a response, the same question.
fn answers(query: &Message, reply: &Message) -> bool {
    reply.metadata.id == query.metadata.id
        && reply.metadata.message_type == MessageType::Response
        && reply.queries == query.queries
}

/// Sends `query` to `server` and waits up to `timeout` for its reply; over TCP too when the
/// UDP answer is truncated (unless `ignore_tc`). Replies that do not match are skipped.
pub async fn exchange(
    server: SocketAddr,
    query: &Message,
    timeout: Duration,
    ignore_tc: bool,
) -> Result<Exchange, String> {
    let bytes = query
        .to_vec()
        .map_err(|e| format!("cannot build the query: {e}"))?;
    let local: SocketAddr = if server.is_ipv4() {
        "0.0.0.0:0".parse().unwrap_or(server)
    } else {
        "[::]:0".parse().unwrap_or(server)
    };
    let sock = UdpSocket::bind(local).await.map_err(|e| e.to_string())?;
    sock.connect(server).await.map_err(|e| e.to_string())?;
    let start = Instant::now();
    sock.send(&bytes).await.map_err(|e| e.to_string())?;
    let deadline = tokio::time::Instant::now() + timeout;
    let mut buf = vec![0u8; 65_535];
    let (reply, size) = loop {
        let n = match tokio::time::timeout_at(deadline, sock.recv(&mut buf)).await {
            Err(_) => {
                return Err(format!(
                    "no answer from {server} within {}",
                    human_ms(timeout.as_secs_f64() * 1000.0)
                ));
            }
            Ok(Err(e)) if e.kind() == io::ErrorKind::ConnectionRefused => {
                return Err(format!("nothing listens on {server} (port unreachable)"));
            }
            Ok(Err(e)) => return Err(e.to_string()),
            Ok(Ok(n)) => n,
        };
        if let Ok(m) = Message::from_vec(&buf[..n])
            && answers(query, &m)
        {
            break (m, n);
        }
    };
    let rtt = start.elapsed();
    if !reply.metadata.truncation || ignore_tc {
        return Ok(Exchange {
            reply,
            size,
            carried: Carried::Udp,
            rtt,
            retried_over_tcp: false,
        });
    }
    let start = Instant::now();
    let over_tcp = async {
        let mut tcp = TcpStream::connect(server).await?;
        let mut framed = (bytes.len() as u16).to_be_bytes().to_vec();
        framed.extend_from_slice(&bytes);
        tcp.write_all(&framed).await?;
        let len = tcp.read_u16().await? as usize;
        let mut body = vec![0u8; len];
        tcp.read_exact(&mut body).await?;
        io::Result::Ok(body)
    };
    let body = match tokio::time::timeout_at(deadline, over_tcp).await {
        Err(_) => {
            return Err(format!(
                "the answer was truncated, and {server} gave none over TCP in time"
            ));
        }
        Ok(Err(e)) => {
            return Err(format!(
                "the answer was truncated, and TCP to {server} failed: {e}"
            ));
        }
        Ok(Ok(body)) => body,
    };
    let reply = Message::from_vec(&body)
        .ok()
        .filter(|m| answers(query, m))
        .ok_or_else(|| format!("{server} sent a TCP answer that does not match the question"))?;
    Ok(Exchange {
        reply,
        size: body.len(),
        carried: Carried::Tcp,
        rtt: start.elapsed(),
        retried_over_tcp: true,
    })
}

/// The header flags.
#[derive(Debug, Clone, Serialize)]
pub struct Flags {
    /// A response.
    pub qr: bool,
    /// Authoritative answer.
    pub aa: bool,
    /// Truncated.
    pub tc: bool,
    /// Recursion desired.
    pub rd: bool,
    /// Recursion available.
    pub ra: bool,
    /// Authentic data (DNSSEC validated by the server).
    pub ad: bool,
    /// Checking disabled.
    pub cd: bool,
}

/// The header.
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    /// Message id.
    pub id: u16,
    /// QUERY, NOTIFY, UPDATE...
    pub opcode: String,
    /// NOERROR, NXDOMAIN, SERVFAIL... (with the EDNS extended bits).
    pub rcode: String,
    /// The flags.
    pub flags: Flags,
}

/// One question.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// The name.
    pub name: String,
    /// IN, CH...
    pub class: String,
    /// A, MX, TYPE65534...
    #[serde(rename = "type")]
    pub rtype: String,
}

/// One record of any section.
#[derive(Debug, Clone, Serialize)]
pub struct Rr {
    /// The owner name.
    pub name: String,
    /// Time to live, seconds.
    pub ttl: u32,
    /// IN, CH...
    pub class: String,
    /// The type.
    #[serde(rename = "type")]
    pub rtype: String,
    /// The data in presentation format.
    pub data: String,
}

impl Rr {
    /// A record in presentation form.
    pub fn from_record(r: &Record) -> Rr {
        Rr {
            name: presentation(&r.name),
            ttl: r.ttl,
            class: r.dns_class.to_string(),
            rtype: type_text(r.record_type()),
            data: format_rdata(&r.data),
        }
    }
}

/// One EDNS option.
#[derive(Debug, Clone, Serialize)]
pub struct OptionView {
    /// The option code.
    pub code: u16,
    /// Its name (NSID, Subnet...).
    pub name: String,
    /// Its value: text for NSID, address/prefix for a subnet, else hex.
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
    pub answer: Vec<Rr>,
    /// The authority section.
    pub authority: Vec<Rr>,
    /// The additional section (without the OPT pseudo-record, shown as `edns`).
    pub additional: Vec<Rr>,
    /// EDNS (null: the message has none).
    pub edns: Option<EdnsView>,
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
    /// Header, sections and EDNS.
    #[serde(flatten)]
    pub message: MessageView,
    /// Show TTLs as 1h2m3s.
    #[serde(skip)]
    pub human_ttl: bool,
}

/// A response as it came to one query: the decoded message (laid out as JSON only when
/// written, see [`Received`]), its size and how it was carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The message.
    pub message: Message,
    /// Its size in bytes.
    pub size: usize,
    /// UDP, TCP, TLS or HTTPS.
    pub transport: Carried,
    /// A truncated UDP answer came before this one, which came over TCP.
    pub retried_over_tcp: bool,
}

impl Response {
    /// A response that came in one UDP datagram of `size` bytes.
    pub fn udp(message: Message, size: usize) -> Self {
        Response {
            message,
            size,
            transport: Carried::Udp,
            retried_over_tcp: false,
        }
    }
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

/// The response code as dig names it (`NOERROR`, `NXDOMAIN`, `RCODE23` for unassigned ones).
fn rcode_name(rc: ResponseCode) -> String {
    let n = u16::from(rc);
    match n {
        0 => "NOERROR",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        6 => "YXDOMAIN",
        7 => "YXRRSET",
        8 => "NXRRSET",
        9 => "NOTAUTH",
        10 => "NOTZONE",
        16 => "BADVERS",
        23 => "BADCOOKIE",
        _ => return format!("RCODE{n}"),
    }
    .into()
}

/// Bytes as printable text: printable ASCII kept, others as `\DDD`.
fn text_of(bytes: &[u8]) -> String {
    let mut s = String::new();
    for &b in bytes {
        if (0x20..0x7f).contains(&b) && b != b'\\' {
            s.push(char::from(b));
        } else {
            s.push_str(&format!("\\{b:03}"));
        }
    }
    s
}

impl MessageView {
    /// The parts of `m`: the one layout of a message, for `--full` and for `--json`.
    pub fn of(m: &Message) -> MessageView {
        let md = &m.metadata;
        let rcode: ResponseCode = md.response_code;
        let edns = m.edns.as_ref().map(|e| {
            let mut nsid = None;
            let options = e
                .options()
                .as_ref()
                .iter()
                .map(|(code, option)| {
                    let value = match option {
                        EdnsOption::NSID(p) => {
                            let t = text_of(p.as_ref());
                            nsid = Some(t.clone());
                            t
                        }
                        EdnsOption::Subnet(s) => format!(
                            "{}/{} scope {}",
                            s.addr(),
                            s.source_prefix(),
                            s.scope_prefix()
                        ),
                        other => format!("{other:?}"),
                    };
                    OptionView {
                        code: u16::from(*code),
                        name: format!("{code:?}"),
                        value,
                    }
                })
                .collect();
            EdnsView {
                version: e.version(),
                udp_size: e.max_payload(),
                dnssec_ok: e.flags().dnssec_ok,
                nsid,
                options,
            }
        });
        MessageView {
            header: Header {
                id: md.id,
                opcode: format!("{:?}", md.op_code).to_uppercase(),
                rcode: rcode_name(rcode),
                flags: Flags {
                    qr: md.message_type == MessageType::Response,
                    aa: md.authoritative,
                    tc: md.truncation,
                    rd: md.recursion_desired,
                    ra: md.recursion_available,
                    ad: md.authentic_data,
                    cd: md.checking_disabled,
                },
            },
            question: m
                .queries
                .iter()
                .map(|q| Question {
                    name: presentation(q.name()),
                    class: q.query_class().to_string(),
                    rtype: type_text(q.query_type()),
                })
                .collect(),
            answer: m.answers.iter().map(Rr::from_record).collect(),
            authority: m.authorities.iter().map(Rr::from_record).collect(),
            additional: m
                .additionals
                .iter()
                .filter(|r| r.record_type() != RecordType::OPT)
                .map(Rr::from_record)
                .collect(),
            edns,
        }
    }
}

impl FullAnswer {
    /// The view of an exchange with `server`.
    pub fn new(server: SocketAddr, x: &Exchange) -> FullAnswer {
        FullAnswer {
            server,
            transport: x.carried,
            retried_over_tcp: x.retried_over_tcp,
            rtt_ms: x.rtt.as_secs_f64() * 1000.0,
            size: x.size,
            message: MessageView::of(&x.reply),
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

    fn section(&self, ui: &Ui, out: &mut dyn Write, title: &str, rrs: &[Rr]) -> io::Result<()> {
        writeln!(
            out,
            "{}",
            ui.paint(Paint::Bold, format!("{title} ({}):", rrs.len()))
        )?;
        if rrs.is_empty() {
            return Ok(());
        }
        let mut t = ui.table(&["Name", "TTL", "Class", "Type", "Data"]);
        t.expendable(&["Class", "TTL"]);
        for r in rrs {
            let ttl = if self.human_ttl {
                human_seconds(u64::from(r.ttl))
            } else {
                r.ttl.to_string()
            };
            t.add_row([
                r.name.clone(),
                ttl,
                r.class.clone(),
                r.rtype.clone(),
                r.data.clone(),
            ]);
        }
        writeln!(out, "{t}")
    }
}

impl Report for FullAnswer {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let label = |l: &str| ui.paint(Paint::Bold, format!("{:<10}", format!("{l}:")));
        let tcp = if self.retried_over_tcp {
            " (truncated over UDP, asked again)"
        } else {
            ""
        };
        writeln!(
            out,
            "{} {} over {}{tcp}, {} bytes in {}",
            label("Server"),
            self.server,
            self.transport.label(),
            self.size,
            human_ms(self.rtt_ms)
        )?;
        let m = &self.message;
        let h = &m.header;
        let rcode = match h.rcode.as_str() {
            "NOERROR" => ui.paint(Paint::Good, &h.rcode),
            "NXDOMAIN" => ui.paint(Paint::Warn, &h.rcode),
            _ => ui.paint(Paint::Bad, &h.rcode),
        };
        writeln!(
            out,
            "{} id {}, {}, {rcode}; flags: {}",
            label("Header"),
            h.id,
            h.opcode,
            self.flag_words()
        )?;
        match &m.edns {
            Some(e) => {
                let mut line = format!("version {}, UDP size {}", e.version, e.udp_size);
                if e.dnssec_ok {
                    line += ", do";
                }
                if let Some(n) = &e.nsid {
                    line += &format!(", NSID \"{n}\"");
                }
                for o in e.options.iter().filter(|o| o.code != 3) {
                    line += &format!(", {} {}", o.name, o.value);
                }
                writeln!(out, "{} {line}", label("EDNS"))?;
            }
            None => writeln!(out, "{} none in the reply", label("EDNS"))?,
        }
        for q in &m.question {
            writeln!(
                out,
                "{} {} {} {}",
                label("Question"),
                q.name,
                q.class,
                q.rtype
            )?;
        }
        self.section(ui, out, "Answer", &m.answer)?;
        self.section(ui, out, "Authority", &m.authority)?;
        self.section(ui, out, "Additional", &m.additional)
    }

    fn short(&self, _ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        for r in &self.message.answer {
            writeln!(out, "{}", r.data)?;
        }
        Ok(())
    }

    fn status(&self) -> u8 {
        exit_status([self.outcome()])
    }
}

impl FullAnswer {
    /// What the reply says, in the words of the other lookups.
    pub fn outcome(&self) -> Status {
        match self.message.header.rcode.as_str() {
            "NOERROR" if !self.message.answer.is_empty() => Status::Answer,
            "NOERROR" => Status::NoData,
            "NXDOMAIN" => Status::NxDomain,
            "SERVFAIL" => Status::ServFail,
            "REFUSED" => Status::Refused,
            _ => Status::Error,
        }
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
        exit_status(self.0.iter().map(FullAnswer::outcome))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_resolver::proto::rr::rdata::opt::EdnsCode;
    use std::str::FromStr;

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
        m.metadata.response_code = ResponseCode::NXDomain;
        let soa = Record::from_rdata(
            Name::from_str("example.test.").unwrap(),
            60,
            hickory_resolver::proto::rr::RData::SOA(hickory_resolver::proto::rr::rdata::SOA::new(
                Name::from_str("ns1.example.test.").unwrap(),
                Name::from_str("hostmaster.example.test.").unwrap(),
                1,
                3600,
                600,
                86400,
                60,
            )),
        );
        m.add_authority(soa);
        let server: SocketAddr = "127.0.0.1:5353".parse().unwrap();
        let size = m.to_vec().unwrap().len();
        let received = Received {
            server,
            response: Box::new(Response {
                message: m.clone(),
                size,
                transport: Carried::Tcp,
                retried_over_tcp: true,
            }),
        };
        let json = serde_json::to_value(&received).unwrap();
        let full = serde_json::to_value(FullAnswer::new(
            server,
            &Exchange {
                reply: m,
                size,
                carried: Carried::Tcp,
                rtt: Duration::from_millis(1),
                retried_over_tcp: true,
            },
        ))
        .unwrap();
        // The same keys in the same order, but the round trip (the result has its own).
        let keys = |v: &serde_json::Value| -> Vec<String> {
            v.as_object().unwrap().keys().cloned().collect()
        };
        let mut want = keys(&full);
        want.retain(|k| k != "rtt_ms");
        assert_eq!(keys(&json), want);
        for k in &want {
            assert_eq!(json[k], full[k], "{k}");
        }
        assert_eq!(json["server"], "127.0.0.1:5353");
        assert_eq!(json["transport"], "tcp");
        assert_eq!(json["size"], size);
        assert_eq!(json["header"]["id"], 0x0102);
        assert_eq!(json["header"]["rcode"], "NXDOMAIN");
        assert_eq!(json["header"]["flags"]["aa"], true);
        assert_eq!(json["question"][0]["name"], "www.example.test.");
        assert_eq!(json["authority"][0]["type"], "SOA");
        assert_eq!(json["edns"]["udp_size"], 1232);
    }

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
        let back = Message::from_vec(&bytes).unwrap();
        assert_eq!(back.metadata.id, 7);
        assert!(!back.metadata.recursion_desired);
        assert!(back.metadata.checking_disabled);
        assert_eq!(back.queries[0].query_class(), DNSClass::CH);
        let e = back.edns.unwrap();
        assert_eq!(e.max_payload(), 4096);
        assert!(e.flags().dnssec_ok);
        assert!(e.option(EdnsCode::NSID).is_some());
        assert!(e.option(EdnsCode::Subnet).is_some());
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
}
