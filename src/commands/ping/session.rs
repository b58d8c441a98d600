//! One ping run over an `EchoSocket`, as iputils ping runs it: requests one interval apart, each
//! reply matched to its request by sequence number (a second reply to one request is a
//! duplicate), ICMP errors kept with the request they are about, the wait after the last request
//! (iputils' linger), the statistics and the exit status ping(8) documents. Only our own replies
//! count: from DEST (unless DEST is a broadcast or multicast address), carrying the data we sent.
//! Tested with a fake path.

use std::io::{self, Write};
use std::net::IpAddr;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::{Error, Result, exit};
use crate::i18n::{Message, t};
use crate::net::addr::Family;
use crate::output::{Paint, Report, Ui};
use crate::system::icmp::{EchoSocket, Heard, SocketKind};
use crate::system::interrupt::interrupted;
use crate::util::random::unpredictable_u32;
use crate::util::time::{human_duration, human_ms, round_ms};
use crate::wire::discards::Discards;
use crate::wire::icmp_echo::{Flaw, IcmpError};

/// Most replies and errors listed in a report; later ones are counted (memory stays bounded
/// however long `ping` runs).
pub const MAX_LISTED: usize = 10_000;

/// Parameters of one run.
#[derive(Debug, Clone)]
pub struct Plan {
    /// DEST as typed.
    pub destination: String,
    /// The address pinged.
    pub address: IpAddr,
    /// How many requests (None: until the deadline or Ctrl-C); with a deadline, how many
    /// replies end the run (as iputils ping counts under -w).
    pub count: Option<u32>,
    /// Time between requests.
    pub interval: Duration,
    /// Stop after this long in any case.
    pub deadline: Option<Duration>,
    /// How long to wait after the last request when no reply came at all (iputils' -W); once
    /// replies came, the wait is twice the longest round trip, at least the interval.
    pub timeout: Duration,
    /// The data each request carries (see [`payload`]).
    pub payload: Vec<u8>,
    /// DEST is a broadcast or multicast address: replies from every host count.
    pub many: bool,
}

/// The data of `size` bytes each request carries: 8 random bytes (so that nobody who does not
/// see the requests can forge a reply), then bytes counting up as iputils fills them.
pub fn payload(size: u16) -> Vec<u8> {
    let cookie = [
        unpredictable_u32().to_be_bytes(),
        unpredictable_u32().to_be_bytes(),
    ]
    .concat();
    (0..usize::from(size))
        .map(|i| cookie.get(i).copied().unwrap_or((i % 256) as u8))
        .collect()
}

/// The first byte of a reply's data that differs from the request's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WrongByte {
    /// Its position in the data (0-based, as iputils numbers it).
    pub index: usize,
    /// What was sent.
    pub expected: u8,
    /// What came back.
    pub got: u8,
}

/// One echo reply.
#[derive(Debug, Clone, Serialize)]
pub struct Reply {
    /// The request's sequence number (1-based, as ping counts).
    pub seq: u32,
    /// Who replied.
    pub from: IpAddr,
    /// ICMP header and data, in bytes.
    pub bytes: usize,
    /// TTL / hop limit the reply arrived with (null when the kernel did not say).
    pub ttl: Option<u8>,
    /// Round-trip time in milliseconds.
    #[serde(serialize_with = "round_ms")]
    pub rtt_ms: f64,
    /// A second (or later) reply to the same request.
    pub duplicate: bool,
    /// From a host other than DEST (DEST is one host): not counted.
    pub foreign: bool,
    /// The data differs from the request's (null: it is the same): not counted.
    pub wrong_data: Option<WrongByte>,
}

/// One ICMP error about a request.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorLine {
    /// The request's sequence number.
    pub seq: u32,
    /// Who sent the error.
    pub from: IpAddr,
    /// What it says.
    pub kind: IcmpError,
}

/// A reply or an error, as it comes.
#[derive(Debug, Clone)]
pub enum Event {
    /// An echo reply.
    Reply(Reply),
    /// An ICMP error.
    Error(ErrorLine),
}

/// Round-trip statistics, as ping's last line.
#[derive(Debug, Clone, Serialize)]
pub struct Rtt {
    /// Fastest.
    #[serde(serialize_with = "round_ms")]
    pub min_ms: f64,
    /// Mean.
    #[serde(serialize_with = "round_ms")]
    pub avg_ms: f64,
    /// Slowest.
    #[serde(serialize_with = "round_ms")]
    pub max_ms: f64,
    /// Mean deviation, as ping computes it: sqrt(mean of squares - square of mean).
    #[serde(serialize_with = "round_ms")]
    pub mdev_ms: f64,
}

/// The answer of `netkit ping DEST`.
#[derive(Debug, Serialize)]
pub struct PingReport {
    /// DEST as typed.
    pub destination: String,
    /// The address pinged.
    pub address: IpAddr,
    /// ipv4 or ipv6.
    pub family: Family,
    /// datagram (no privilege), raw, or icmp_api (Windows' IcmpSendEcho2, no privilege).
    pub socket: SocketKind,
    /// Bytes of data per request.
    pub size: u16,
    /// DEST is a broadcast or multicast address: every host's replies count.
    pub broadcast: bool,
    /// What DEST really means, when it is not what it seems (null: it is what it seems).
    pub note: Option<Message>,
    /// Requests sent.
    pub sent: u32,
    /// Requests answered (duplicates not counted).
    pub received: u32,
    /// Extra replies to requests already answered.
    pub duplicates: u32,
    /// ICMP errors about our requests.
    pub errors: u32,
    /// Replies from hosts other than DEST (not counted).
    pub foreign: u32,
    /// Replies whose data differs from the request's (not counted).
    pub wrong_data: u32,
    /// Requests not answered, in percent of those sent.
    #[serde(serialize_with = "round_ms")]
    pub loss_percent: f64,
    /// Replies in arrival order (the first MAX_LISTED).
    pub replies: Vec<Reply>,
    /// ICMP errors in arrival order (the first MAX_LISTED).
    pub icmp_errors: Vec<ErrorLine>,
    /// Replies and errors beyond those listed.
    pub unlisted: u32,
    /// Round trips of the replies, duplicates included (as iputils counts); null when none came.
    pub rtt: Option<Rtt>,
    /// Packets thrown away (malformed, truncated), by reason.
    #[serde(flatten)]
    pub discards: Discards<Flaw>,
    /// How long the run took.
    #[serde(serialize_with = "round_ms")]
    pub took_ms: f64,
    /// With -w and -c: how many replies the run needed (fewer is exit 1, as ping(8) says).
    #[serde(skip)]
    pub replies_wanted: Option<u32>,
}

/// The 64 Ki sequence numbers in flight: when each was sent, its full number, whether answered.
struct Window {
    sent_at: Vec<Option<(Instant, u32)>>,
    answered: Vec<bool>,
}

impl Window {
    fn new() -> Window {
        Window {
            sent_at: vec![None; 1 << 16],
            answered: vec![false; 1 << 16],
        }
    }
}

/// Round trips as iputils sums them: every answer, duplicates included.
#[derive(Default)]
struct Sums {
    n: u32,
    sum: f64,
    sum_sq: f64,
    min: f64,
    max: f64,
}

impl Sums {
    fn add(&mut self, rtt: f64) {
        if self.n == 0 || rtt < self.min {
            self.min = rtt;
        }
        self.max = self.max.max(rtt);
        self.n += 1;
        self.sum += rtt;
        self.sum_sq += rtt * rtt;
    }

    fn rtt(&self) -> Option<Rtt> {
        (self.n > 0).then(|| {
            let n = f64::from(self.n);
            let avg = self.sum / n;
            Rtt {
                min_ms: self.min,
                avg_ms: avg,
                max_ms: self.max,
                mdev_ms: (self.sum_sq / n - avg * avg).max(0.0).sqrt(),
            }
        })
    }
}

/// The first byte where `got` differs from `sent` (both as long as the shorter).
fn first_difference(sent: &[u8], got: &[u8]) -> Option<WrongByte> {
    sent.iter()
        .zip(got)
        .position(|(a, b)| a != b)
        .map(|index| WrongByte {
            index,
            expected: sent[index],
            got: got[index],
        })
}

/// Runs the pings on `sock`, telling `on_event` of each reply and error as it comes; Ctrl-C ends
/// it early with what was seen. When it ends, as iputils ping: at the deadline (-w); when
/// replies and errors together reach -c; with -w, at the first error; without -w, once -c
/// requests are out, after the linger: twice the longest round trip (at least the interval) when
/// replies came, else -W.
pub fn run_plan(
    plan: &Plan,
    kind: SocketKind,
    sock: &mut dyn EchoSocket,
    on_event: &mut dyn FnMut(&Event),
) -> Result<PingReport> {
    let io_err = |e: io::Error| Error::io(t!("ping-io", address = plan.address), e);
    let start = Instant::now();
    let end = plan.deadline.map(|d| start + d);
    let mut window = Window::new();
    let (mut sent, mut received, mut duplicates, mut errors, mut unlisted) = (0u32, 0u32, 0, 0, 0);
    let (mut foreign, mut wrong_data) = (0u32, 0u32);
    let mut sums = Sums::default();
    let mut replies = Vec::new();
    let mut icmp_errors = Vec::new();
    let mut discards = Discards::default();
    let mut next_send = start;
    let mut linger_until: Option<Instant> = None;
    loop {
        let now = Instant::now();
        if end.is_some_and(|e| now >= e) || interrupted() {
            break;
        }
        if plan.count.is_some_and(|c| received + errors >= c)
            || plan.deadline.is_some() && errors > 0
            || linger_until.is_some_and(|l| now >= l)
        {
            break;
        }
        let more = plan.deadline.is_some() || plan.count.is_none_or(|c| sent < c);
        if more && now >= next_send {
            sent += 1;
            let seq = sent as u16;
            window.sent_at[usize::from(seq)] = Some((Instant::now(), sent));
            window.answered[usize::from(seq)] = false;
            if let Err(e) = sock.send(seq, &plan.payload) {
                // The first request tells whether there is a way at all; later ones may fail
                // while an error is pending (the request is then lost, as ping counts it).
                if sent == 1 && e.kind() == io::ErrorKind::PermissionDenied {
                    return Err(Error::bad(
                        crate::net::endpoint::destination(),
                        plan.destination.clone(),
                        t!("ping-refused"),
                    ));
                }
                if sent == 1 && e.kind() != io::ErrorKind::HostUnreachable {
                    return Err(io_err(e));
                }
            }
            next_send += plan.interval;
            if plan.deadline.is_none() && plan.count == Some(sent) {
                // iputils' linger, fixed when the last request leaves.
                let wait = if received > 0 {
                    Duration::from_secs_f64(2.0 * sums.max / 1000.0).max(plan.interval)
                } else {
                    plan.timeout
                };
                linger_until = Some(Instant::now() + wait);
            }
            continue;
        }
        let mut wait = if more {
            next_send
        } else {
            linger_until.unwrap_or(now)
        };
        if let Some(e) = end {
            wait = wait.min(e);
        }
        let Some((heard, at)) = sock.recv_until(wait).map_err(io_err)? else {
            continue;
        };
        let event = match heard {
            Heard::Discarded(flaw) => {
                discards.note(flaw);
                continue;
            }
            Heard::Reply {
                from,
                seq,
                bytes,
                ttl,
                data,
            } => {
                let Some((t, full)) = window.sent_at[usize::from(seq)] else {
                    continue;
                };
                if data.len() < plan.payload.len() {
                    discards.note(Flaw::Truncated);
                    continue;
                }
                let rtt = at.saturating_duration_since(t).as_secs_f64() * 1000.0;
                let mut reply = Reply {
                    seq: full,
                    from,
                    bytes,
                    ttl,
                    rtt_ms: rtt,
                    duplicate: false,
                    foreign: !plan.many && from != plan.address,
                    wrong_data: first_difference(&plan.payload, &data),
                };
                if reply.foreign {
                    foreign += 1;
                } else if reply.wrong_data.is_some() {
                    wrong_data += 1;
                } else {
                    reply.duplicate =
                        std::mem::replace(&mut window.answered[usize::from(seq)], true);
                    if reply.duplicate {
                        duplicates += 1;
                    } else {
                        received += 1;
                    }
                    sums.add(rtt);
                }
                Event::Reply(reply)
            }
            Heard::Error { from, seq, error } => {
                let Some((_, full)) = window.sent_at[usize::from(seq)] else {
                    continue;
                };
                errors += 1;
                Event::Error(ErrorLine {
                    seq: full,
                    from,
                    kind: error,
                })
            }
        };
        on_event(&event);
        match event {
            Event::Reply(r) if replies.len() < MAX_LISTED => replies.push(r),
            Event::Error(e) if icmp_errors.len() < MAX_LISTED => icmp_errors.push(e),
            _ => unlisted += 1,
        }
    }
    Ok(PingReport {
        destination: plan.destination.clone(),
        address: plan.address,
        family: Family::of(&plan.address),
        socket: kind,
        size: plan.payload.len() as u16,
        broadcast: plan.many,
        note: None,
        sent,
        received,
        duplicates,
        errors,
        foreign,
        wrong_data,
        loss_percent: if sent == 0 {
            0.0
        } else {
            f64::from(sent - received.min(sent)) * 100.0 / f64::from(sent)
        },
        replies,
        icmp_errors,
        unlisted,
        rtt: sums.rtt(),
        discards,
        took_ms: start.elapsed().as_secs_f64() * 1000.0,
        replies_wanted: plan.deadline.and(plan.count),
    })
}

/// The first line: `PING DEST (ADDRESS) 56 bytes of data`, and for a broadcast or multicast
/// DEST that every host on the link may answer.
pub fn write_header(header: Header<'_>, out: &mut dyn Write) -> io::Result<()> {
    let Header {
        destination,
        address,
        size,
        many,
    } = header;
    let mut line = t!(
        "ping-header",
        destination = destination,
        address = address,
        size = size
    );
    if many && address.is_multicast() {
        line = t!("ping-header-multicast", header = line);
    } else if many {
        line = t!("ping-header-broadcast", header = line);
    }
    writeln!(out, "{line}")
}

/// What the first line says.
#[derive(Debug, Clone, Copy)]
pub struct Header<'a> {
    /// DEST as typed.
    pub destination: &'a str,
    /// The address pinged.
    pub address: IpAddr,
    /// Bytes of data per request.
    pub size: u16,
    /// A broadcast or multicast DEST.
    pub many: bool,
}

impl Event {
    /// One line, as ping prints it.
    pub fn write_line(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Event::Reply(r) => {
                let ttl = r.ttl.map_or("-".to_string(), |t| t.to_string());
                let line = t!(
                    "ping-reply",
                    bytes = r.bytes,
                    from = r.from,
                    seq = r.seq,
                    ttl = ttl,
                    rtt = human_ms(r.rtt_ms)
                );
                write!(out, "{line}")?;
                if r.duplicate {
                    write!(out, " {}", ui.paint(Paint::Warn, t!("ping-dup")))?;
                }
                if r.foreign {
                    write!(out, " {}", ui.paint(Paint::Bad, t!("ping-foreign")))?;
                }
                if let Some(w) = r.wrong_data {
                    let text = t!(
                        "ping-wrong-data",
                        index = w.index,
                        expected = format!("{:x}", w.expected),
                        got = format!("{:x}", w.got)
                    );
                    write!(out, " {}", ui.paint(Paint::Bad, text))?;
                }
                writeln!(out)
            }
            Event::Error(e) => {
                let line = t!(
                    "ping-error-line",
                    from = e.from,
                    seq = e.seq,
                    error = ui.paint(Paint::Warn, e.kind)
                );
                writeln!(out, "{line}")
            }
        }
    }
}

/// A loss percentage as ping shows it: `0%`, `100%`, `33.3%`.
fn percent(p: f64) -> String {
    let text = format!("{p:.1}");
    text.strip_suffix(".0").unwrap_or(&text).to_string() + "%"
}

impl PingReport {
    /// What the first line says.
    pub fn header(&self) -> Header<'_> {
        Header {
            destination: &self.destination,
            address: self.address,
            size: self.size,
            many: self.broadcast,
        }
    }

    /// The statistics after the replies.
    pub fn write_summary(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let statistics = t!("ping-statistics", destination = &self.destination);
        writeln!(out, "{statistics}")?;
        let sep = t!("ping-separator");
        let received = t!("ping-received", count = self.received);
        let paint = if self.received > 0 {
            Paint::Good
        } else {
            Paint::Warn
        };
        let sent = t!("ping-sent", sent = self.sent);
        write!(out, "{sent}{sep}{}", ui.paint(paint, received))?;
        if self.duplicates > 0 {
            write!(
                out,
                "{sep}{}",
                t!("ping-duplicates", count = self.duplicates)
            )?;
        }
        if self.errors > 0 {
            write!(out, "{sep}{}", t!("ping-errors", count = self.errors))?;
        }
        if self.foreign > 0 {
            let text = t!("ping-foreign-count", count = self.foreign);
            write!(out, "{sep}{}", ui.paint(Paint::Bad, text))?;
        }
        if self.wrong_data > 0 {
            let text = t!("ping-wrong-data-count", count = self.wrong_data);
            write!(out, "{sep}{}", ui.paint(Paint::Bad, text))?;
        }
        if self.discards.total() > 0 {
            let discarded = t!(
                "ping-discarded",
                count = self.discards.total(),
                reasons = self.discards.summary()
            );
            write!(out, "{sep}{discarded}")?;
        }
        let loss = t!(
            "ping-loss",
            loss = percent(self.loss_percent),
            time = human_duration(Duration::from_secs_f64(self.took_ms / 1000.0))
        );
        writeln!(out, "{sep}{loss}")?;
        if let Some(r) = &self.rtt {
            let rtt = t!(
                "ping-rtt",
                min = human_ms(r.min_ms),
                avg = human_ms(r.avg_ms),
                max = human_ms(r.max_ms),
                mdev = human_ms(r.mdev_ms)
            );
            writeln!(out, "{rtt}")?;
        }
        if let Some(wanted) = self.replies_wanted.filter(|w| self.received < *w) {
            let fewer = t!("ping-fewer", wanted = wanted);
            writeln!(out, "{}", ui.paint(Paint::Warn, fewer))?;
        }
        Ok(())
    }
}

impl Report for PingReport {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        write_header(self.header(), out)?;
        if let Some(note) = &self.note {
            writeln!(out, "{}", ui.paint(Paint::Dim, note))?;
        }
        let mut events: Vec<(u32, usize, Event)> = Vec::new();
        // Replies and errors in the order of their requests (arrival order within one).
        for (i, r) in self.replies.iter().enumerate() {
            events.push((r.seq, i, Event::Reply(r.clone())));
        }
        for (i, e) in self.icmp_errors.iter().enumerate() {
            events.push((e.seq, self.replies.len() + i, Event::Error(e.clone())));
        }
        events.sort_by_key(|(seq, i, _)| (*seq, *i));
        for (_, _, e) in &events {
            e.write_line(ui, out)?;
        }
        if self.unlisted > 0 {
            writeln!(out, "{}", t!("ping-unlisted", count = self.unlisted))?;
        }
        writeln!(out)?;
        self.write_summary(ui, out)?;
        self.write_notes(ui, out)
    }

    /// As ping(8): 1 when no reply came, or when -c and -w were both given and fewer than -c
    /// replies came by the deadline; else 0.
    fn status(&self) -> u8 {
        let short = self.replies_wanted.is_some_and(|w| self.received < w);
        if self.received == 0 || short {
            exit::NEGATIVE
        } else {
            exit::OK
        }
    }
}

impl PingReport {
    /// For people, after the statistics: what the replies' TTL says, and who said "Time to live
    /// exceeded" (see `notes`).
    pub fn write_notes(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let ttls: Vec<u8> = self
            .replies
            .iter()
            .filter(|r| !r.duplicate && r.from == self.address)
            .filter_map(|r| r.ttl)
            .collect();
        let mut exceeded: Vec<IpAddr> = Vec::new();
        for e in &self.icmp_errors {
            if e.kind == IcmpError::TtlExceeded && !exceeded.contains(&e.from) {
                exceeded.push(e.from);
            }
        }
        super::notes::write(self.address, &ttls, &exceeded, ui, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::system::icmp::fake::{FakePath, Fate};

    const ROUTER: &str = "198.51.100.1";

    fn plan(count: Option<u32>, deadline: Option<u64>) -> Plan {
        Plan {
            destination: "x".into(),
            address: ROUTER.parse().unwrap(),
            count,
            interval: Duration::from_millis(10),
            deadline: deadline.map(Duration::from_millis),
            timeout: Duration::from_millis(60),
            payload: payload(56),
            many: false,
        }
    }

    fn reply_from(from: &str, seq: u16, data: &[u8]) -> Heard {
        Heard::Reply {
            from: from.parse().unwrap(),
            seq,
            bytes: 8 + data.len(),
            ttl: Some(64),
            data: data.to_vec(),
        }
    }

    fn reply(seq: u16, data: &[u8]) -> Heard {
        reply_from(ROUTER, seq, data)
    }

    fn run(p: &Plan, fate: Fate) -> (PingReport, Vec<String>) {
        let (r, lines, _) = run_waits(p, fate);
        (r, lines)
    }

    /// [`run`], and the waits that ended with nothing (how long each was asked to be): what the
    /// session waited for, whatever a loaded machine made of it.
    fn run_waits(p: &Plan, fate: Fate) -> (PingReport, Vec<String>, Vec<Duration>) {
        let mut lines = Vec::new();
        let mut sock = FakePath::new(fate);
        let r = run_plan(p, SocketKind::Raw, &mut sock, &mut |e| {
            let mut out = Vec::new();
            e.write_line(&Ui::plain(), &mut out).unwrap();
            lines.push(String::from_utf8(out).unwrap());
        })
        .unwrap();
        (r, lines, sock.arrivals.1)
    }

    #[test]
    fn every_request_answered() {
        let (r, lines, waits) = run_waits(&plan(Some(3), None), |s, d| {
            vec![(Duration::from_millis(2), reply(s, d))]
        });
        assert_eq!((r.sent, r.received, r.duplicates), (3, 3, 0));
        assert_eq!(r.loss_percent, 0.0);
        assert_eq!(r.status(), 0);
        let rtt = r.rtt.unwrap();
        assert!(rtt.min_ms >= 2.0 && rtt.min_ms <= rtt.avg_ms && rtt.avg_ms <= rtt.max_ms);
        assert!(lines[0].starts_with("64 bytes from 198.51.100.1: icmp_seq=1 ttl=64 time="));
        // All answered: the interval waited for between the three requests, nothing after.
        assert!(waits.len() <= 2, "{waits:?}");
    }

    /// Two replies to each request: the second is a duplicate, counted apart, marked (DUP!).
    /// The run ends at the last request's first reply (as ping does), so its duplicate is not
    /// waited for.
    #[test]
    fn duplicates_are_marked_and_not_received_twice() {
        let (r, lines) = run(&plan(Some(2), None), |s, d| {
            vec![
                (Duration::from_millis(1), reply(s, d)),
                (Duration::from_millis(3), reply(s, d)),
            ]
        });
        assert_eq!((r.sent, r.received, r.duplicates), (2, 2, 1));
        assert!(lines[1].ends_with("(DUP!)\n"), "{lines:?}");
        assert!(!lines[0].contains("DUP"), "{lines:?}");
        assert_eq!(r.replies.iter().filter(|x| x.duplicate).count(), 1);
    }

    /// Issue 26 item 3: duplicates count in min/avg/max/mdev, as iputils sums them: a slow
    /// duplicate raises the maximum and the mean.
    #[test]
    fn duplicates_count_in_the_round_trips() {
        let (r, _) = run(&plan(Some(2), None), |s, d| {
            if s == 1 {
                vec![
                    (Duration::from_millis(1), reply(s, d)),
                    (Duration::from_millis(8), reply(s, d)),
                ]
            } else {
                vec![(Duration::from_millis(1), reply(s, d))]
            }
        });
        assert_eq!((r.received, r.duplicates), (2, 1));
        let rtt = r.rtt.unwrap();
        assert!(rtt.max_ms >= 8.0, "{rtt:?}");
        assert!(rtt.avg_ms > 3.0 && rtt.avg_ms < rtt.max_ms, "{rtt:?}");
        assert!(rtt.mdev_ms > 2.0, "{rtt:?}");
    }

    /// No reply at all: the run waits -W after the last request (iputils' linger), then 100%
    /// loss, exit 1.
    #[test]
    fn silence_waits_the_timeout_after_the_last_request() {
        let (r, _, waits) = run_waits(&plan(Some(2), None), |_, _| vec![]);
        assert_eq!((r.sent, r.received), (2, 0));
        assert_eq!(r.loss_percent, 100.0);
        assert!(r.rtt.is_none());
        assert_eq!(r.status(), 1);
        assert!(r.took_ms >= 70.0, "{}", r.took_ms);
        assert!(
            waits.iter().all(|w| *w <= Duration::from_millis(60)),
            "never longer than -W: {waits:?}"
        );
    }

    /// Issue 26 item 2: once replies came, the last request lost is waited for only twice the
    /// longest round trip, at least the interval (iputils), not -W.
    #[test]
    fn after_replies_the_linger_is_short() {
        let mut p = plan(Some(3), None);
        p.timeout = Duration::from_secs(5);
        let (r, _, waits) = run_waits(&p, |s, d| {
            if s < 3 {
                vec![(Duration::from_millis(1), reply(s, d))]
            } else {
                vec![]
            }
        });
        assert_eq!((r.sent, r.received), (3, 2));
        assert_eq!(r.status(), 0);
        // Two intervals to the last request, one more of linger.
        assert!(r.took_ms >= 29.0, "{}", r.took_ms);
        assert!(
            waits.iter().all(|w| *w <= Duration::from_millis(10)),
            "the interval at most, never -W: {waits:?}"
        );
    }

    /// Issue 26 item 2: replies and errors together reaching -c end the run at once.
    #[test]
    fn errors_end_the_count_at_once() {
        let mut p = plan(Some(2), None);
        p.timeout = Duration::from_secs(5);
        let (r, lines, waits) = run_waits(&p, |s, _| {
            vec![(
                Duration::from_millis(1),
                Heard::Error {
                    from: ROUTER.parse().unwrap(),
                    seq: s,
                    error: IcmpError::HostUnreachable,
                },
            )]
        });
        assert_eq!((r.sent, r.received, r.errors), (2, 0, 2));
        assert!(
            waits.iter().all(|w| *w <= Duration::from_millis(10)),
            "no -W wait: {waits:?}"
        );
        assert_eq!(
            lines,
            [
                "From 198.51.100.1 icmp_seq=1 Destination Host Unreachable\n",
                "From 198.51.100.1 icmp_seq=2 Destination Host Unreachable\n"
            ]
        );
        let mut out = Vec::new();
        r.write_summary(&Ui::plain(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("2 sent, 0 received, +2 errors, 100% loss"),
            "{text}"
        );
        // With -w the first error ends the run.
        let mut p = plan(None, Some(5000));
        p.timeout = Duration::from_secs(5);
        let (r, lines, waits) = run_waits(&p, |s, _| {
            vec![(
                Duration::from_millis(1),
                Heard::Error {
                    from: ROUTER.parse().unwrap(),
                    seq: s,
                    error: IcmpError::TtlExceeded,
                },
            )]
        });
        assert_eq!((r.sent, r.errors), (1, 1));
        assert!(waits.is_empty(), "the first error ends the run: {waits:?}");
        assert_eq!(
            lines,
            ["From 198.51.100.1 icmp_seq=1 Time to live exceeded\n"]
        );
        let mut out = Vec::new();
        r.write_summary(&Ui::plain(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("1 sent, 0 received, +1 error, 100% loss"),
            "{text}"
        );
    }

    /// With -w, -c counts replies: every other request is lost, so 3 replies take 5 requests;
    /// Issue 26 item 1: fewer than -c replies by the deadline is exit 1, as ping(8) says.
    #[test]
    fn with_a_deadline_count_is_replies() {
        let (r, _) = run(&plan(Some(3), Some(1000)), |s, d| {
            if s % 2 == 1 {
                vec![(Duration::from_millis(1), reply(s, d))]
            } else {
                vec![]
            }
        });
        assert_eq!((r.sent, r.received), (5, 3));
        assert_eq!(percent(r.loss_percent), "40%");
        assert_eq!(r.status(), 0);
        // The deadline ends a run without replies.
        let (r, _, waits) = run_waits(&plan(None, Some(100)), |_, _| vec![]);
        assert!(r.sent >= 9, "{}", r.sent);
        assert!(
            waits.iter().all(|w| *w <= Duration::from_millis(10)),
            "the interval, and nothing past the deadline: {waits:?}"
        );
        // Two of the five replies wanted by the deadline: exit 1, and the summary says why.
        let (r, _) = run(&plan(Some(5), Some(45)), |s, d| {
            if s <= 2 {
                vec![(Duration::from_millis(1), reply(s, d))]
            } else {
                vec![]
            }
        });
        assert_eq!(r.received, 2);
        assert_eq!(r.status(), 1);
        let mut out = Vec::new();
        r.write_summary(&Ui::plain(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("fewer replies than -c 5 by the deadline"),
            "{text}"
        );
        // -c without -w: one reply of five is exit 0.
        let (r, _) = run(&plan(Some(5), None), |s, d| {
            if s == 1 {
                vec![(Duration::from_millis(1), reply(s, d))]
            } else {
                vec![]
            }
        });
        assert_eq!((r.received, r.status()), (1, 0));
    }

    /// A reply to a request never sent (another ping's, a forged one) is ignored.
    #[test]
    fn replies_to_unsent_requests_are_ignored() {
        let (r, _) = run(&plan(Some(1), None), |s, d| {
            vec![
                (Duration::from_millis(1), reply(s + 100, d)),
                (Duration::from_millis(2), reply(s, d)),
            ]
        });
        assert_eq!((r.received, r.duplicates, r.replies.len()), (1, 0, 1));
    }

    /// Issue 25 item 7: a reply from another host (forged, or a confused router) is shown as
    /// foreign and not counted; one whose data differs says which byte (as iputils' "wrong data
    /// byte") and is not counted; a truncated one is discarded.
    #[test]
    fn only_our_own_replies_count() {
        let (r, lines) = run(&plan(Some(1), None), |s, d| {
            let mut bad = d.to_vec();
            bad[9] ^= 0xff;
            vec![
                (Duration::from_millis(1), reply_from("198.51.100.66", s, d)),
                (Duration::from_millis(2), reply(s, &bad)),
                (Duration::from_millis(3), reply(s, &d[..20])),
            ]
        });
        assert_eq!((r.received, r.foreign, r.wrong_data), (0, 1, 1));
        assert_eq!(r.discards.count(Flaw::Truncated), 1);
        assert_eq!(r.status(), 1);
        assert!(
            lines[0].contains("from 198.51.100.66") && lines[0].contains("(foreign"),
            "{lines:?}"
        );
        assert!(
            lines[1].contains("wrong data byte #9 should be 0x9 but was 0xf6 (not counted)"),
            "{lines:?}"
        );
        let mut out = Vec::new();
        r.write_summary(&Ui::plain(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains(
                "1 sent, 0 received, 1 foreign (from other hosts, not counted), 1 with wrong data \
                 (not counted), 1 discarded (1 truncated), 100% loss"
            ),
            "{text}"
        );
        // A broadcast DEST: every host's replies count (the first as received).
        let mut p = plan(Some(1), None);
        p.many = true;
        let (r, _) = run(&p, |s, d| {
            vec![
                (Duration::from_millis(1), reply_from("198.51.100.66", s, d)),
                (Duration::from_millis(2), reply(s, d)),
            ]
        });
        assert_eq!((r.received, r.foreign), (1, 0));
    }

    /// The data: 8 random bytes, then bytes counting up; two runs differ.
    #[test]
    fn the_payload_is_unguessable() {
        let (a, b) = (payload(56), payload(56));
        assert_eq!(a.len(), 56);
        assert_ne!(a[..8], b[..8]);
        assert_eq!(a[8..], b[8..]);
        assert_eq!((a[8], a[55]), (8, 55));
        assert_eq!(payload(3).len(), 3);
        assert!(payload(0).is_empty());
    }
}
