//! The tracer under `trace`: probes with increasing TTL / hop limit, many in flight at once,
//! round after round, turned into plain [`ProbeRecord`]s (all the command sees of either engine).
//!
//! ICMP probes go out on netkit's own echo socket (`ping`'s: raw with CAP_NET_RAW, else the
//! unprivileged datagram socket), whose rounds end as soon as they are complete: DEST (or a
//! router's "unreachable") answered and every TTL below it answered or timed out. Errors about
//! DEST are heard long after their round (a router gives up on a missing host only after its ARP
//! or neighbour discovery fails, about 3 s). UDP and TCP probes go out through trippy-core, on
//! raw sockets (CAP_NET_RAW: see [`privileged`] for why not trippy's unprivileged mode), its rounds
//! on a thread of their own so Ctrl-C keeps what came; late errors about them, which trippy no
//! longer takes, are heard on a raw ICMP socket of netkit's ([`LateErrors`]).

use std::collections::HashMap;
use std::io;
use std::net::IpAddr;
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use serde::Serialize;
use trippy_core::{
    Builder, IcmpPacketType, Port, PortDirection, PrivilegeMode, ProbeStatus, Protocol,
};

use crate::error::{Error, Result};
use crate::i18n::t;
use crate::system::icmp::{EchoOptions, EchoSocket, Heard, SocketKind};
use crate::system::interrupt::interrupted;
use crate::system::{IcmpSocket, denied, may_use_raw_sockets};
use crate::wire::icmp_echo::{IcmpError, TransportError, transport_error};

/// How probes are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// ICMP echo requests.
    Icmp,
    /// UDP datagrams (to port 33434 and up, one per probe, as traceroute; or a fixed port).
    Udp,
    /// TCP SYNs to one port.
    Tcp,
}

/// Parameters of a trace.
#[derive(Debug, Clone)]
pub struct TraceConfig {
    /// The address traced.
    pub target: IpAddr,
    /// How probes are sent.
    pub method: Method,
    /// The destination port (UDP: fixed when given; TCP: always given).
    pub port: Option<u16>,
    /// How many rounds.
    pub rounds: usize,
    /// TTL of the first probe of each round.
    pub first_hop: u8,
    /// Largest TTL tried.
    pub max_hops: u8,
    /// How long a round waits for answers.
    pub timeout: Duration,
    /// Shortest time from the start of a round to the start of the next.
    pub interval: Duration,
    /// Interface to send on.
    pub interface: Option<String>,
    /// The zone of a link-local DEST: its interface's index (0: none).
    pub scope_id: u32,
}

/// What answered one probe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "error")]
pub enum Answer {
    /// The TTL ran out at a router, which said so.
    TtlExceeded,
    /// The target answered the echo request.
    EchoReply,
    /// The target answered on TCP (SYN-ACK or reset: the port is open or closed, the host is
    /// there either way).
    TcpReply,
    /// An ICMP destination-unreachable error (from the target: port unreachable, reached).
    Unreachable(IcmpError),
}

/// One probe and its answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProbeRecord {
    /// The round (1-based).
    pub round: usize,
    /// The TTL / hop limit it was sent with.
    pub ttl: u8,
    /// Who answered (null: no answer).
    pub from: Option<IpAddr>,
    /// What the answer was (null: no answer).
    pub answer: Option<Answer>,
    /// Round-trip time (null: no answer).
    #[serde(serialize_with = "crate::util::time::round_ms_opt")]
    pub rtt_ms: Option<f64>,
}

/// The outcome of a run: the probes, and the socket kind used.
#[derive(Debug)]
pub struct Run {
    /// Every probe sent, in round and TTL order.
    pub probes: Vec<ProbeRecord>,
    /// Raw sockets, or the unprivileged ICMP datagram socket.
    pub socket: SocketKind,
    /// Ctrl-C ended the run early.
    pub interrupted: bool,
}

/// The advice when the privilege is missing: the same as `arp` and `ping`.
fn no_privilege() -> Error {
    denied(t!("privilege-trace-action"))
}

/// Whether trippy-core can run the trace: only with raw sockets (CAP_NET_RAW). Its
/// unprivileged mode sets IP_HDRINCL on its IPv4 ICMP datagram socket, which Linux refuses
/// (ENOPROTOOPT), so without the privilege an ICMP trace runs on netkit's own datagram socket
/// ([`run_datagram`]), as `ping` does, where net.ipv4.ping_group_range allows.
fn privileged() -> bool {
    may_use_raw_sockets()
}

/// A probe trippy sent: its ports and when it left, to match a late error quoting it.
#[derive(Debug, Clone, Copy)]
struct Ports {
    src: u16,
    dst: u16,
    sent: SystemTime,
}

/// Converts one of trippy's probe states, with the probe's ports; None for a probe never sent.
fn record(status: &ProbeStatus, round: usize, v6: bool) -> Option<(ProbeRecord, Ports)> {
    let (src, dst, sent) = match status {
        ProbeStatus::Failed(p) => (p.src_port, p.dest_port, p.sent),
        ProbeStatus::Awaited(p) => (p.src_port, p.dest_port, p.sent),
        ProbeStatus::Complete(p) => (p.src_port, p.dest_port, p.sent),
        ProbeStatus::NotSent | ProbeStatus::Skipped => return None,
    };
    let kept = Ports {
        src: src.0,
        dst: dst.0,
        sent,
    };
    probe_record(status, round, v6).map(|r| (r, kept))
}

/// Converts one of trippy's probe states; None for a probe never sent.
fn probe_record(status: &ProbeStatus, round: usize, v6: bool) -> Option<ProbeRecord> {
    let silent = |ttl: u8| ProbeRecord {
        round,
        ttl,
        from: None,
        answer: None,
        rtt_ms: None,
    };
    match status {
        ProbeStatus::NotSent | ProbeStatus::Skipped => None,
        ProbeStatus::Failed(p) => Some(silent(p.ttl.0)),
        ProbeStatus::Awaited(p) => Some(silent(p.ttl.0)),
        ProbeStatus::Complete(p) => {
            let answer = match p.icmp_packet_type {
                IcmpPacketType::TimeExceeded(_) => Answer::TtlExceeded,
                IcmpPacketType::EchoReply(_) => Answer::EchoReply,
                IcmpPacketType::NotApplicable => Answer::TcpReply,
                IcmpPacketType::Unreachable(code) => Answer::Unreachable(
                    IcmpError::from_type_code(v6, if v6 { 1 } else { 3 }, code.0)
                        .unwrap_or(IcmpError::Unreachable),
                ),
            };
            let rtt = p.received.duration_since(p.sent).unwrap_or_default();
            Some(ProbeRecord {
                round,
                ttl: p.ttl.0,
                from: Some(p.host),
                answer: Some(answer),
                rtt_ms: Some(rtt.as_secs_f64() * 1000.0),
            })
        }
    }
}

/// The trippy error in netkit's words.
fn tracer_error(config: &TraceConfig, e: trippy_core::Error) -> Error {
    use trippy_core::Error as T;
    match e {
        T::UnknownInterface(name) => Error::bad(
            t!("common-what-interface"),
            name,
            t!("system-no-interface-for-family"),
        ),
        // trippy's own I/O error type is not public: its text is all there is to go by.
        other => {
            let text = other.to_string();
            if text.contains("Operation not permitted") || text.contains("Permission denied") {
                return no_privilege();
            }
            Error::io(
                t!("doing-tracing", target = config.target),
                io::Error::other(text),
            )
        }
    }
}

/// Runs the trace; Ctrl-C ends it with the rounds that completed. `progress` is called on the
/// caller's thread with every probe so far each time a round completes.
pub fn run(config: &TraceConfig, progress: &mut dyn FnMut(&[ProbeRecord])) -> Result<Run> {
    match config.method {
        Method::Icmp => run_echo(config, progress),
        _ if privileged() => run_trippy(config, progress),
        _ => Err(no_privilege()),
    }
}

/// The most TTL trippy-core tries (its `MAX_TTL`); UDP and TCP traces stop there.
pub const TRIPPY_MAX_TTL: u8 = 254;

/// A UDP or TCP trace with trippy-core on raw sockets.
fn run_trippy(config: &TraceConfig, progress: &mut dyn FnMut(&[ProbeRecord])) -> Result<Run> {
    let (mode, socket) = (PrivilegeMode::Privileged, SocketKind::Raw);
    let protocol = match config.method {
        Method::Icmp => Protocol::Icmp,
        Method::Udp => Protocol::Udp,
        Method::Tcp => Protocol::Tcp,
    };
    let direction = match (config.method, config.port) {
        (Method::Icmp, _) => PortDirection::None,
        (_, Some(p)) => PortDirection::FixedDest(Port(p)),
        // traceroute's way: one source port, the destination port counting up per probe.
        (_, None) => PortDirection::FixedSrc(Port(source_port())),
    };
    let tracer = Builder::new(config.target)
        .privilege_mode(mode)
        .protocol(protocol)
        .port_direction(direction)
        .interface(config.interface.clone())
        .max_rounds(Some(config.rounds))
        .first_ttl(config.first_hop)
        .max_ttl(config.max_hops.min(TRIPPY_MAX_TTL))
        // The last round has no next one to keep its distance from: it ends as soon as DEST
        // answered and the hops before it had their grace time.
        .min_round_duration(if config.rounds > 1 {
            config.interval
        } else {
            Duration::ZERO
        })
        .max_round_duration(config.timeout)
        // trippy waits this long for a packet between sends and round checks: no longer than a
        // round may be (-i 1ms is honoured).
        .read_timeout(
            config
                .interval
                .clamp(Duration::from_millis(1), Duration::from_millis(10)),
        )
        .trace_identifier(std::process::id() as u16)
        .build()
        .map_err(|e| tracer_error(config, e))?;
    let v6 = config.target.is_ipv6();
    // Errors about DEST that come after their round (trippy takes the round's only) are heard
    // on a raw ICMP socket of our own.
    let mut late = LateErrors::open(config.target);
    let (tx, rx) = mpsc::channel::<Vec<(ProbeRecord, Ports)>>();
    let round_no = std::sync::Mutex::new(0usize);
    let (_tracer, handle) = tracer
        .spawn_with(move |round| {
            let mut n = round_no.lock().unwrap_or_else(|p| p.into_inner());
            *n += 1;
            let got = round
                .probes
                .iter()
                .filter_map(|p| record(p, *n, v6))
                .collect();
            let _ = tx.send(got);
        })
        .map_err(|e| tracer_error(config, e))?;
    let began = Instant::now();
    let mut probes: Vec<ProbeRecord> = Vec::new();
    let mut ports: Vec<Ports> = Vec::new();
    let mut stopped = false;
    // Each round as it completes; the channel closes when the tracer's thread ends.
    loop {
        if interrupted() {
            stopped = true;
            break;
        }
        match rx.recv_timeout(Duration::from_millis(10)) {
            Ok(round) => {
                let (records, sent): (Vec<_>, Vec<_>) = round.into_iter().unzip();
                probes.extend(records);
                ports.extend(sent);
                late.apply(&mut probes, &ports);
                progress(&probes);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        late.hear();
    }
    if !stopped {
        match handle.join() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(tracer_error(config, e)),
            Err(_) => {
                return Err(Error::internal(
                    "tracing",
                    io::Error::other("the tracer thread panicked"),
                ));
            }
        }
        let mut until = began + LATE_ERRORS;
        while late_errors_possible(&probes, config.target) && Instant::now() < until {
            if interrupted() {
                stopped = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
            late.hear();
            if late.apply(&mut probes, &ports) {
                // Errors for the other probes come in the same burst.
                until = until.min(Instant::now() + GRACE);
                progress(&probes);
            }
        }
    }
    Ok(Run {
        probes,
        socket,
        interrupted: stopped,
    })
}

/// A raw ICMP socket hearing "unreachable" errors about a UDP or TCP trace's probes that come
/// after trippy closed their round; without one (it could not be opened), nothing is heard.
struct LateErrors {
    /// The raw socket, as a datagram socket: its `recv_from` reads one message and its sender
    /// on any system, as recvfrom(2) does for every socket type.
    sock: Option<std::net::UdpSocket>,
    v6: bool,
    target: IpAddr,
    /// Heard, not yet matched to a probe: the sender, the error, the ports, when.
    heard: Vec<(IpAddr, TransportError, SystemTime)>,
}

impl LateErrors {
    fn open(target: IpAddr) -> LateErrors {
        let v6 = target.is_ipv6();
        let (domain, proto) = if v6 {
            (socket2::Domain::IPV6, socket2::Protocol::ICMPV6)
        } else {
            (socket2::Domain::IPV4, socket2::Protocol::ICMPV4)
        };
        let sock = socket2::Socket::new(domain, socket2::Type::RAW, Some(proto))
            .and_then(|s| s.set_nonblocking(true).map(|()| s))
            .map(std::net::UdpSocket::from)
            .ok();
        LateErrors {
            sock,
            v6,
            target,
            heard: Vec::new(),
        }
    }

    /// Reads what has come (at most a few hundred messages a call: memory stays bounded).
    fn hear(&mut self) {
        let Some(sock) = &self.sock else { return };
        let mut buf = [0u8; 1500];
        for _ in 0..256 {
            let Ok((n, from)) = sock.recv_from(&mut buf) else {
                return;
            };
            let data = &buf[..n.min(buf.len())];
            let (icmp, sender) = if self.v6 {
                let sender = Some(from.ip()).filter(IpAddr::is_ipv6);
                (data, sender)
            } else {
                match crate::wire::icmp_echo::ipv4_head(data) {
                    Ok(h) => (&data[h.header_len..], Some(IpAddr::V4(h.source))),
                    Err(_) => continue,
                }
            };
            if let (Some(sender), Some(e)) = (sender, transport_error(self.v6, icmp))
                && e.to == self.target
                && e.error != IcmpError::TtlExceeded
                && self.heard.len() < 4096
            {
                self.heard.push((sender, e, SystemTime::now()));
            }
        }
    }

    /// Gives each error heard to the unanswered probe it quotes (the latest with its ports);
    /// whether any was.
    fn apply(&mut self, probes: &mut [ProbeRecord], ports: &[Ports]) -> bool {
        let mut any = false;
        self.heard.retain(|(from, e, at)| {
            let Some(i) = ports
                .iter()
                .rposition(|p| p.src == e.src_port && p.dst == e.dst_port)
            else {
                return true;
            };
            let p = &mut probes[i];
            if p.from.is_none() {
                p.from = Some(*from);
                p.answer = Some(Answer::Unreachable(e.error));
                let rtt = at.duration_since(ports[i].sent).unwrap_or_default();
                p.rtt_ms = Some(rtt.as_secs_f64() * 1000.0);
                any = true;
            }
            false
        });
        any
    }
}

/// The UDP/TCP source port: one per process, above the ports the kernel hands out
/// (32768-60999), so two traces at once do not collide.
fn source_port() -> u16 {
    61000 + (std::process::id() % 4000) as u16
}

/// How long, once the end of the path answered in a round (DEST, or a router's "unreachable"),
/// the probes closer than it may still answer: ten times the slowest answer of the round (as
/// traceroute's "near" wait), from [`GRACE_MIN`] (a router's control plane is slower to answer
/// than its forwarding) up to [`GRACE`] (trippy-core's fixed grace). A router later than that is
/// shown as silent in that round.
const GRACE: Duration = Duration::from_millis(100);

/// The shortest grace (see [`GRACE`]).
const GRACE_MIN: Duration = Duration::from_millis(10);

/// TTLs probed at once beyond the highest that answered (traceroute sends 16 at once, trippy-core
/// 24): each probe past DEST only makes DEST answer once more. When an answer leaves fewer than
/// half of them ahead, more go out; when answers stop coming for a grace, the rest up to
/// --max-hops go out at once.
const IN_FLIGHT: u16 = 8;

/// The grace of a round whose answers so far are `probes` (see [`GRACE`]).
fn grace_of(probes: &[ProbeRecord]) -> Duration {
    let slowest = probes
        .iter()
        .filter_map(|p| p.rtt_ms)
        .fold(0.0f64, f64::max);
    Duration::from_secs_f64(slowest * 10.0 / 1000.0).clamp(GRACE_MIN, GRACE)
}

/// How long errors about DEST are heard after their probe: a router gives up on a host missing
/// from its link after ARP or neighbour discovery fails (Linux: 3 tries, 1 s apart) and only then
/// answers "host unreachable"; half a second more for the way back.
pub const LATE_ERRORS: Duration = Duration::from_millis(3500);

/// An ICMP trace on netkit's own echo socket: raw with CAP_NET_RAW, else `ping`'s unprivileged
/// datagram socket where net.ipv4.ping_group_range allows.
fn run_echo(config: &TraceConfig, progress: &mut dyn FnMut(&[ProbeRecord])) -> Result<Run> {
    let options = EchoOptions {
        ttl: None,
        interface: config.interface.as_deref(),
        scope_id: config.scope_id,
        broadcast: false,
    };
    let mut sock = IcmpSocket::open(config.target, options).map_err(|e| match e {
        Error::Permission { .. } => no_privilege(),
        other => other,
    })?;
    let kind = sock.kind();
    echo_rounds(config, &mut sock, kind, progress)
}

/// The probes of an echo trace and what became of them.
struct Book {
    /// Every probe, in round and TTL order.
    probes: Vec<ProbeRecord>,
    /// Sequence number → the probe's index and when it was sent, for probes whose answers are
    /// still taken (the open round's; older ones for errors about DEST only).
    sent: HashMap<u16, (usize, Instant)>,
    /// The first probe of the round still open (answers of every kind are taken for it and
    /// later ones; probes before it take errors about DEST only).
    open_from: usize,
    /// The last sequence number sent.
    seq: u16,
}

/// The TTLs a round sends, in order.
struct Ttls {
    /// The round (1-based).
    round: usize,
    /// The next TTL to send.
    next: u16,
    /// The last TTL the round may send.
    last: u16,
}

impl Ttls {
    /// Sends a probe for every TTL not sent yet up to `limit` (and the round's last).
    fn send_up_to(
        &mut self,
        sock: &mut dyn EchoSocket,
        book: &mut Book,
        limit: u16,
    ) -> io::Result<()> {
        while self.next <= limit.min(self.last) {
            book.seq = book.seq.wrapping_add(1);
            let ttl = self.next as u8;
            self.next += 1;
            sock.set_ttl(ttl)?;
            book.sent
                .insert(book.seq, (book.probes.len(), Instant::now()));
            book.probes.push(ProbeRecord {
                round: self.round,
                ttl,
                from: None,
                answer: None,
                rtt_ms: None,
            });
            // An ICMP error heard since the last send is reported by this one (IP_RECVERR sets
            // the socket's pending error) and the request is not sent: send it again.
            let mut tries = 0;
            while let Err(e) = sock.send(book.seq, &[0; 32]) {
                tries += 1;
                if tries > 3 || e.kind() == io::ErrorKind::PermissionDenied {
                    return Err(e);
                }
            }
        }
        Ok(())
    }
}

impl Book {
    /// Takes what was heard at `at`; returns the probe it answered, if any.
    fn take(&mut self, heard: Heard, at: Instant) -> Option<&ProbeRecord> {
        let (from, seq, answer) = match heard {
            Heard::Reply { from, seq, .. } => (from, seq, Answer::EchoReply),
            Heard::Error {
                from,
                seq,
                error: IcmpError::TtlExceeded,
            } => (from, seq, Answer::TtlExceeded),
            Heard::Error { from, seq, error } => (from, seq, Answer::Unreachable(error)),
            Heard::Discarded(_) => return None,
        };
        let &(i, sent_at) = self.sent.get(&seq)?;
        let late = i < self.open_from;
        let p = self.probes.get_mut(i)?;
        if p.from.is_some() || late && !matches!(answer, Answer::Unreachable(_)) {
            return None;
        }
        p.from = Some(from);
        p.answer = Some(answer);
        p.rtt_ms = Some(at.saturating_duration_since(sent_at).as_secs_f64() * 1000.0);
        Some(p)
    }

    /// Whether a probe with TTL `ttl` and this answer shows where the path ends: DEST itself
    /// answered, or a router said DEST cannot be reached.
    fn ends_path(p: &ProbeRecord, target: IpAddr) -> bool {
        p.from == Some(target) || matches!(p.answer, Some(Answer::Unreachable(_)))
    }
}

/// The rounds of an echo trace on `sock`. Each round sends one probe per TTL, [`IN_FLIGHT`]
/// beyond the highest that answered, and is complete when the end of the path answered (DEST,
/// or a router's "unreachable") and every TTL below it answered or had its grace (see [`GRACE`])
/// after that answer, else at the timeout; rounds start `interval` apart. Errors about DEST are still taken [`LATE_ERRORS`] after their probe, in later
/// rounds and, when DEST was not reached, by waiting that long after the first probe.
fn echo_rounds(
    config: &TraceConfig,
    sock: &mut dyn EchoSocket,
    socket: SocketKind,
    progress: &mut dyn FnMut(&[ProbeRecord]),
) -> Result<Run> {
    let sending = |e: io::Error| Error::io(t!("doing-tracing", target = config.target), e);
    let mut book = Book {
        probes: Vec::new(),
        sent: HashMap::new(),
        open_from: 0,
        seq: 0,
    };
    // The TTL at which the path ended: later rounds send no further.
    let mut end_ttl: Option<u8> = None;
    let mut stopped = false;
    let began = Instant::now();
    for round in 1..=config.rounds {
        let start = Instant::now();
        let first = book.probes.len();
        book.open_from = first;
        book.sent
            .retain(|_, (_, at)| start.saturating_duration_since(*at) < LATE_ERRORS);
        // TTLs are sent in order, IN_FLIGHT beyond the highest that answered.
        let mut sending_ttls = Ttls {
            round,
            next: u16::from(config.first_hop),
            last: u16::from(end_ttl.unwrap_or(config.max_hops)),
        };
        sending_ttls
            .send_up_to(sock, &mut book, u16::from(config.first_hop) + IN_FLIGHT - 1)
            .map_err(sending)?;
        // The end of the path in this round: its TTL, and when it was first heard; and when the
        // round last heard or sent something.
        let mut end: Option<(u8, Instant)> = None;
        let mut moved = Instant::now();
        loop {
            let now = Instant::now();
            let grace = grace_of(&book.probes[first..]);
            let complete = end.is_some_and(|(e, at)| {
                now >= at + grace
                    || book.probes[first..]
                        .iter()
                        .all(|p| p.ttl >= e || p.from.is_some())
            });
            if complete || now >= start + config.timeout || interrupted() {
                break;
            }
            let stalled = end.is_none() && sending_ttls.next <= sending_ttls.last;
            if stalled && now >= moved + grace {
                // Silence: the rest go out at once (a filter, or routers that never answer).
                sending_ttls
                    .send_up_to(sock, &mut book, u16::MAX)
                    .map_err(sending)?;
                moved = now;
                continue;
            }
            let mut deadline = start + config.timeout;
            if let Some((_, at)) = end {
                deadline = deadline.min(at + grace);
            }
            if stalled {
                deadline = deadline.min(moved + grace);
            }
            let Some((heard, at)) = sock.recv_until(deadline).map_err(sending)? else {
                continue;
            };
            let Some(p) = book.take(heard, at) else {
                continue;
            };
            if p.round != round {
                continue;
            }
            let ttl = p.ttl;
            if Book::ends_path(p, config.target) && end.is_none_or(|(e, _)| ttl < e) {
                end = Some((ttl, end.map_or(at, |(_, t)| t)));
            }
            moved = at;
            // Half the window left ahead of this answer: the next half goes out.
            if end.is_none() && u16::from(ttl) + IN_FLIGHT / 2 >= sending_ttls.next {
                sending_ttls
                    .send_up_to(sock, &mut book, u16::from(ttl) + IN_FLIGHT)
                    .map_err(sending)?;
            }
        }
        if interrupted() {
            // A round cut short is not reported, as with trippy-core's rounds.
            book.probes.truncate(first);
            stopped = true;
            break;
        }
        // Probes past the end reached no further: the round ends there, as trippy-core's do.
        if let Some((e, _)) = end {
            end_ttl = Some(e);
            let keep = first + book.probes[first..].iter().filter(|p| p.ttl <= e).count();
            book.probes.truncate(keep);
            book.sent.retain(|_, (i, _)| *i < keep);
        }
        book.open_from = book.probes.len();
        progress(&book.probes);
        if round < config.rounds {
            // Until the next round: late errors about DEST are still taken.
            let next = start + config.interval;
            while let Some((heard, at)) = sock.recv_until(next).map_err(sending)? {
                book.take(heard, at);
            }
            if interrupted() {
                stopped = true;
                break;
            }
        }
    }
    if !stopped && late_errors_possible(&book.probes, config.target) {
        let mut until = began + LATE_ERRORS;
        let mut heard_one = false;
        while let Some((heard, at)) = sock.recv_until(until).map_err(sending)? {
            if book.take(heard, at).is_some() && !heard_one {
                heard_one = true;
                // Errors for the other probes come in the same burst.
                until = until.min(at + GRACE);
            }
        }
        if heard_one {
            progress(&book.probes);
        }
        stopped = interrupted();
    }
    Ok(Run {
        probes: book.probes,
        socket,
        interrupted: stopped,
    })
}

/// Whether a router may still say "unreachable" about DEST: nothing ended the path, and some
/// probe beyond the last hop that answered went unanswered.
fn late_errors_possible(probes: &[ProbeRecord], target: IpAddr) -> bool {
    if probes.iter().any(|p| Book::ends_path(p, target)) {
        return false;
    }
    let last = probes
        .iter()
        .filter(|p| p.from.is_some())
        .map(|p| p.ttl)
        .max();
    probes
        .iter()
        .any(|p| p.from.is_none() && last.is_none_or(|l| p.ttl > l))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::system::icmp::fake::Arrivals;

    const DEST: &str = "192.0.2.14";

    /// What answers the probe with TTL `ttl`: (after how long, what).
    type Fate = fn(u8, u16) -> Vec<(Duration, Heard)>;

    /// A path simulated by TTL.
    struct FakeRoute {
        fate: Fate,
        ttl: u8,
        arrivals: Arrivals,
        sent: usize,
    }

    impl EchoSocket for FakeRoute {
        fn set_ttl(&mut self, ttl: u8) -> io::Result<()> {
            self.ttl = ttl;
            Ok(())
        }

        fn send(&mut self, seq: u16, _payload: &[u8]) -> io::Result<()> {
            self.sent += 1;
            self.arrivals.expect((self.fate)(self.ttl, seq));
            Ok(())
        }

        fn recv_until(&mut self, deadline: Instant) -> io::Result<Option<(Heard, Instant)>> {
            self.arrivals.until(deadline)
        }
    }

    fn router(n: u8) -> IpAddr {
        IpAddr::from([198, 51, 100, n])
    }

    fn exceeded(ttl: u8, seq: u16) -> Heard {
        Heard::Error {
            from: router(ttl),
            seq,
            error: IcmpError::TtlExceeded,
        }
    }

    fn reply(seq: u16) -> Heard {
        Heard::Reply {
            from: DEST.parse().unwrap(),
            seq,
            bytes: 40,
            ttl: Some(62),
            data: vec![0; 32],
        }
    }

    fn config(rounds: usize, timeout_ms: u64, interval_ms: u64) -> TraceConfig {
        TraceConfig {
            target: DEST.parse().unwrap(),
            method: Method::Icmp,
            port: None,
            rounds,
            first_hop: 1,
            max_hops: 30,
            timeout: Duration::from_millis(timeout_ms),
            interval: Duration::from_millis(interval_ms),
            interface: None,
            scope_id: 0,
        }
    }

    /// The run, how long it took, how many probes were sent, and the waits that ended with
    /// nothing (how long each was asked to be).
    fn trace(config: &TraceConfig, fate: Fate) -> (Run, Duration, usize, Vec<Duration>) {
        let mut path = FakeRoute {
            fate,
            ttl: 64,
            arrivals: Arrivals::default(),
            sent: 0,
        };
        let t = Instant::now();
        let run = echo_rounds(config, &mut path, SocketKind::Raw, &mut |_| {}).unwrap();
        (run, t.elapsed(), path.sent, path.arrivals.1)
    }

    /// Issue 26 (speed): every hop answers, so the round is complete at the last answer, with
    /// no fixed wait after it; the probes past DEST are not kept, and few were sent.
    #[test]
    fn a_round_ends_when_every_hop_answered() {
        let (run, _, sent, waits) = trace(&config(1, 1000, 1000), |ttl, seq| match ttl {
            1 | 2 => vec![(Duration::from_millis(2), exceeded(ttl, seq))],
            _ => vec![(Duration::from_millis(3), reply(seq))],
        });
        // No wait ended with nothing: the trace ended at the last answer.
        assert!(waits.is_empty(), "{waits:?}");
        assert_eq!(sent, usize::from(IN_FLIGHT), "{sent}");
        let got: Vec<_> = run.probes.iter().map(|p| (p.ttl, p.answer)).collect();
        assert_eq!(
            got,
            [
                (1, Some(Answer::TtlExceeded)),
                (2, Some(Answer::TtlExceeded)),
                (3, Some(Answer::EchoReply))
            ]
        );
    }

    /// A path longer than the window: answers keep more probes going out, and every hop is
    /// traced in one round, sending little past DEST.
    #[test]
    fn a_long_path_is_traced_through_the_window() {
        let (run, _, sent, _) = trace(&config(1, 1000, 1000), |ttl, seq| match ttl {
            1..=19 => vec![(Duration::from_millis(1), exceeded(ttl, seq))],
            _ => vec![(Duration::from_millis(1), reply(seq))],
        });
        assert_eq!(run.probes.len(), 20);
        assert!(run.probes.iter().all(|p| p.from.is_some()));
        assert!(sent < 20 + usize::from(IN_FLIGHT), "{sent}");
    }

    /// A hop that never answers: the round waits its grace after DEST's answer for it (ten
    /// times the slowest answer, 10 to 100 ms), no longer (far below the timeout).
    #[test]
    fn a_silent_hop_costs_the_grace_only() {
        let (run, took, _, waits) = trace(&config(1, 1000, 1000), |ttl, seq| match ttl {
            1 => vec![(Duration::from_millis(1), exceeded(ttl, seq))],
            2 => vec![],
            _ => vec![(Duration::from_millis(4), reply(seq))],
        });
        // The silent hop costs ten times the slowest answer (4 ms), not the round's timeout.
        assert!(took >= Duration::from_millis(40), "{took:?}");
        assert!(!waits.is_empty(), "the silent hop was waited for");
        assert!(
            waits.iter().all(|w| *w <= Duration::from_millis(40)),
            "{waits:?}"
        );
        assert_eq!(run.probes.len(), 3);
        assert_eq!(run.probes[1].from, None);
        let (_, took, _, waits) = trace(&config(1, 1000, 1000), |ttl, seq| match ttl {
            1 => vec![(Duration::from_micros(100), exceeded(ttl, seq))],
            2 => vec![],
            _ => vec![(Duration::from_micros(200), reply(seq))],
        });
        assert!(took >= GRACE_MIN, "{took:?}");
        assert!(waits.iter().all(|w| *w <= GRACE_MIN), "{waits:?}");
    }

    /// When answers stop (a filter past hop 2), the TTLs not sent yet go out after a grace, so
    /// every TTL up to --max-hops is tried within the round.
    #[test]
    fn silence_sends_the_rest_at_once() {
        let (run, took, sent, _) = trace(&config(1, 300, 1000), |ttl, seq| match ttl {
            1 | 2 => vec![(Duration::from_millis(1), exceeded(ttl, seq))],
            _ => vec![],
        });
        assert_eq!(sent, 30);
        let ttls: Vec<u8> = run.probes.iter().map(|p| p.ttl).collect();
        assert_eq!(ttls, (1..=30).collect::<Vec<u8>>());
        // The round's timeout, then the wait for late errors about DEST.
        assert!(took >= LATE_ERRORS, "{took:?}");
    }

    /// Issue 25 (`-i 1ms`): rounds start the interval apart when they complete sooner; later
    /// rounds send no further than DEST.
    #[test]
    fn short_intervals_are_honoured() {
        let (run, _, _, waits) = trace(&config(20, 1000, 1), |ttl, seq| match ttl {
            1 => vec![(Duration::from_micros(100), exceeded(ttl, seq))],
            _ => vec![(Duration::from_micros(200), reply(seq))],
        });
        assert_eq!(run.probes.len(), 40);
        // Between rounds, the waits are the 1 ms interval's, never a whole second's.
        assert!(
            waits.iter().all(|w| *w <= Duration::from_millis(1)),
            "{waits:?}"
        );
    }

    /// Issue 26 item 4: the last router says "host unreachable" long after the round's timeout
    /// (its ARP for a missing host gave up): the trace keeps listening and takes it.
    #[test]
    fn a_late_host_unreachable_is_heard() {
        let (run, took, _, _) = trace(&config(1, 50, 1000), |ttl, seq| match ttl {
            1 | 2 => vec![(Duration::from_millis(1), exceeded(ttl, seq))],
            _ => vec![(
                Duration::from_millis(400),
                Heard::Error {
                    from: router(2),
                    seq,
                    error: IcmpError::HostUnreachable,
                },
            )],
        });
        assert!(took >= Duration::from_millis(400), "{took:?}");
        assert!(took < Duration::from_millis(450) + GRACE, "{took:?}");
        let late = run
            .probes
            .iter()
            .find(|p| p.ttl == 3)
            .expect("the probe of hop 3");
        assert_eq!(
            (late.from, late.answer),
            (
                Some(router(2)),
                Some(Answer::Unreachable(IcmpError::HostUnreachable))
            )
        );
        assert!(late.rtt_ms.unwrap() >= 400.0);
    }

    /// Answers other than errors about DEST that come after their round are not taken (the
    /// round said "no answer" already).
    #[test]
    fn late_answers_of_other_kinds_are_dropped() {
        let (run, _, _, _) = trace(&config(2, 20, 60), |ttl, seq| match ttl {
            1 => vec![(Duration::from_millis(40), exceeded(ttl, seq))],
            _ => vec![(Duration::from_millis(1), reply(seq))],
        });
        assert!(run.probes.iter().all(|p| p.ttl != 1 || p.from.is_none()));
        assert_eq!(run.probes.iter().filter(|p| p.ttl == 2).count(), 2);
    }
}
