//! The tracer under `trace`: trippy-core sends probes with increasing TTL / hop limit, many in
//! flight at once, round after round. This module checks the privilege (raw sockets, so
//! CAP_NET_RAW: see [`privilege`] for why not trippy's unprivileged mode), runs the rounds on a
//! thread of their own (so Ctrl-C keeps what came), and turns
//! each round's probes into plain [`ProbeRecord`]s, the only thing the command sees of trippy.

use std::collections::HashMap;
use std::io;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::Serialize;
use trippy_core::{
    Builder, IcmpPacketType, Port, PortDirection, PrivilegeMode, ProbeStatus, Protocol,
};

use crate::error::{Error, Result};
use crate::system::icmp::{EchoSocket, Heard, IcmpSocket, SocketKind};
use crate::system::interrupt::interrupted;
use crate::system::privilege::has_cap_net_raw;
use crate::wire::icmp_echo::IcmpError;

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
    Error::Permission {
        action: "trace (raw sockets send UDP and TCP probes, and ICMP ones where \
                 net.ipv4.ping_group_range leaves this user's group out)"
            .into(),
    }
}

/// Whether trippy-core can run the trace: only with raw sockets (CAP_NET_RAW). Its
/// unprivileged mode sets IP_HDRINCL on its IPv4 ICMP datagram socket, which Linux refuses
/// (ENOPROTOOPT), so without the privilege an ICMP trace runs on netkit's own datagram socket
/// ([`run_datagram`]), as `ping` does, where net.ipv4.ping_group_range allows.
fn privileged() -> bool {
    has_cap_net_raw()
}

/// Converts one of trippy's probe states; None for a probe never sent.
fn record(status: &ProbeStatus, round: usize, v6: bool) -> Option<ProbeRecord> {
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
            "interface",
            name,
            "no such interface, or it has no address of DEST's family (netkit ifaces lists them)",
        ),
        // trippy's own I/O error type is not public: its text is all there is to go by.
        other => {
            let text = other.to_string();
            if text.contains("Operation not permitted") || text.contains("Permission denied") {
                return no_privilege();
            }
            Error::io(format!("tracing {}", config.target), io::Error::other(text))
        }
    }
}

/// Runs the trace; Ctrl-C ends it with the rounds that completed. `progress` is called on the
/// caller's thread with every probe so far each time a round completes.
pub fn run(config: &TraceConfig, progress: &mut dyn FnMut(&[ProbeRecord])) -> Result<Run> {
    if !privileged() {
        return match config.method {
            Method::Icmp => run_datagram(config, progress),
            _ => Err(no_privilege()),
        };
    }
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
        .max_ttl(config.max_hops)
        // The last round has no next one to keep its distance from: it ends as soon as DEST
        // answered and the hops before it had their grace time.
        .min_round_duration(if config.rounds > 1 {
            config.interval
        } else {
            Duration::ZERO
        })
        .max_round_duration(config.timeout)
        .trace_identifier(std::process::id() as u16)
        .build()
        .map_err(|e| tracer_error(config, e))?;
    let v6 = config.target.is_ipv6();
    let probes = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&probes);
    let round_no = Arc::new(Mutex::new(0usize));
    let (_tracer, handle) = tracer
        .spawn_with(move |round| {
            let mut n = round_no.lock().unwrap_or_else(|p| p.into_inner());
            *n += 1;
            let got = round.probes.iter().filter_map(|p| record(p, *n, v6));
            sink.lock().unwrap_or_else(|p| p.into_inner()).extend(got);
        })
        .map_err(|e| tracer_error(config, e))?;
    let mut stopped = false;
    let mut shown = 0;
    let mut show = |shown: &mut usize| {
        let now = {
            let all = probes.lock().unwrap_or_else(|p| p.into_inner());
            (all.len() > *shown).then(|| all.clone())
        };
        if let Some(now) = now {
            *shown = now.len();
            progress(&now);
        }
    };
    while !handle.is_finished() {
        if interrupted() {
            stopped = true;
            break;
        }
        show(&mut shown);
        std::thread::sleep(Duration::from_millis(10));
    }
    // The last round, finished after the last look.
    show(&mut shown);
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
    }
    let probes = probes.lock().unwrap_or_else(|p| p.into_inner()).clone();
    Ok(Run {
        probes,
        socket,
        interrupted: stopped,
    })
}

/// The UDP/TCP source port: one per process, above the ports the kernel hands out
/// (32768-60999), so two traces at once do not collide.
fn source_port() -> u16 {
    61000 + (std::process::id() % 4000) as u16
}

/// How long a round waits for more answers after the last one, once DEST answered (as
/// trippy-core's default grace).
const GRACE: Duration = Duration::from_millis(100);

/// An ICMP trace on the unprivileged ICMP datagram socket (`ping`'s): each round sends one echo
/// request per TTL at once, then reads echo replies and, from the socket's error queue, the
/// routers' "time exceeded" and "unreachable". A round ends when DEST answered and no answer
/// came for [`GRACE`], or at the timeout; rounds start `interval` apart.
fn run_datagram(config: &TraceConfig, progress: &mut dyn FnMut(&[ProbeRecord])) -> Result<Run> {
    let mut sock = IcmpSocket::open(config.target, None, config.interface.as_deref()).map_err(
        |e| match e {
            Error::Permission { .. } => no_privilege(),
            other => other,
        },
    )?;
    let socket = sock.kind();
    let sending = |e: io::Error| Error::io(format!("tracing {}", config.target), e);
    let mut probes: Vec<ProbeRecord> = Vec::new();
    let mut seq: u16 = 0;
    // The TTL at which DEST answered: later rounds send no further.
    let mut dest_ttl: Option<u8> = None;
    let mut stopped = false;
    for round in 1..=config.rounds {
        let start = Instant::now();
        let last_ttl = dest_ttl.unwrap_or(config.max_hops);
        let first = probes.len();
        let mut sent: HashMap<u16, (usize, Instant)> = HashMap::new();
        for ttl in config.first_hop..=last_ttl {
            seq = seq.wrapping_add(1);
            sock.set_ttl(ttl).map_err(sending)?;
            sent.insert(seq, (probes.len(), Instant::now()));
            probes.push(ProbeRecord {
                round,
                ttl,
                from: None,
                answer: None,
                rtt_ms: None,
            });
            // An ICMP error heard since the last send is reported by this one (IP_RECVERR sets
            // the socket's pending error) and the request is not sent: send it again.
            let mut tries = 0;
            while let Err(e) = sock.send(seq, &[0; 32]) {
                tries += 1;
                if tries > 3 || e.kind() == io::ErrorKind::PermissionDenied {
                    return Err(sending(e));
                }
            }
        }
        let mut last_heard = start;
        let mut found = false;
        loop {
            let now = Instant::now();
            let deadline = if found {
                (last_heard + GRACE).min(start + config.timeout)
            } else {
                start + config.timeout
            };
            if now >= deadline {
                break;
            }
            let Some((heard, at)) = sock.recv_until(deadline).map_err(sending)? else {
                if interrupted() {
                    stopped = true;
                }
                break;
            };
            let (from, seq, answer) = match heard {
                Heard::Reply { from, seq, .. } => (from, seq, Answer::EchoReply),
                Heard::Error {
                    from,
                    seq,
                    error: IcmpError::TtlExceeded,
                } => (from, seq, Answer::TtlExceeded),
                Heard::Error { from, seq, error } => (from, seq, Answer::Unreachable(error)),
                Heard::Discarded(_) => continue,
            };
            let Some(&(i, sent_at)) = sent.get(&seq) else {
                continue;
            };
            let p = &mut probes[i];
            if p.from.is_some() {
                continue;
            }
            p.from = Some(from);
            p.answer = Some(answer);
            p.rtt_ms = Some(at.duration_since(sent_at).as_secs_f64() * 1000.0);
            last_heard = at;
            if from == config.target {
                found = true;
                dest_ttl = Some(dest_ttl.map_or(p.ttl, |t| t.min(p.ttl)));
            }
        }
        if stopped || interrupted() {
            // A round cut short is not reported, as with trippy-core's rounds.
            probes.truncate(first);
            stopped = true;
            break;
        }
        // Probes past DEST reached DEST too: the round ends at DEST, as trippy-core's do.
        if let Some(t) = dest_ttl {
            let round_probes = probes.split_off(first);
            probes.extend(round_probes.into_iter().filter(|p| p.ttl <= t));
        }
        progress(&probes);
        if round < config.rounds {
            let next = start + config.interval;
            while Instant::now() < next {
                if interrupted() {
                    stopped = true;
                    break;
                }
                std::thread::sleep((next - Instant::now()).min(Duration::from_millis(10)));
            }
            if stopped {
                break;
            }
        }
    }
    Ok(Run {
        probes,
        socket,
        interrupted: stopped,
    })
}
