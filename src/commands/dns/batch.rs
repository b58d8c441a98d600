//! The bulk engine of `netkit dns --file` against one UDP server: every query goes out on one
//! connected socket, up to [`BATCH`] datagrams per system call where the system has one (Linux's
//! sendmmsg) and replies come in the same way (recvmmsg; `system::Datagrams`), on the command's
//! one thread, with no task, channel or future per
//! name. Names come from the file as they are read ([`Names`]); a window of names is in progress
//! at once (`--concurrency`), and the reorder buffer for output in input order is that window.
//! Queries are paced like the client's ([`Pace`]: a congestion window, resends after a round
//! trip) and each reply is settled by the same reader ([`settle`]), so results are the client's.
//! A truncated reply is asked again over TCP at once; once a server has sent one with no answer
//! at all (the "slip" of a rate-limiting server such as NSD's RRL), queries of that type go over
//! TCP from the start, and resends of its lost ones too (a rate limiter drops the rest), so a
//! rate-limited bulk lookup runs at TCP's pace instead of waiting out timeouts. What this engine
//! does not settle (a timeout with retries left, a chain leading out of the server's zones, a
//! name with a search list to walk) goes to the client, with the attempts left.

use std::collections::VecDeque;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::time::{Duration, Instant};

use futures_util::stream::{FuturesUnordered, StreamExt};
use hickory_resolver::proto::rr::RecordType;
use tokio::io::Interest;
use tokio::net::UdpSocket;

use super::answer::{Status, overall};
use super::client::{Client, Retries, Settled, port_unreachable, settle};
use super::lines::{Entry, Names, Sink, entry_name, status_paint};
use super::lookup::{NameResult, QueryResult, Reply, Search, Settings, resolve_name};
use super::message::Carried;
use super::pace::{Pace, Slot as Permit};
use super::quick;
use super::server::Server;
use crate::error::Result;
use crate::i18n::t;
use crate::output::one_line;
use crate::system::{DATAGRAMS_PER_CALL, Datagrams};
use crate::util::random::unpredictable_u32;
use crate::wire::dns::query::QueryWriter;

/// Datagrams per system call.
const BATCH: usize = DATAGRAMS_PER_CALL;
/// The longest reply read whole. netkit asks for at most 1232 bytes (EDNS); a longer reply is
/// cut, flagged by the kernel, and left to the full resolver.
const REPLY_MAX: usize = 4096;
/// Queries in flight at most, whatever `--concurrency` says: each needs a message ID of its own.
const MAX_IN_FLIGHT: usize = 60_000;
/// How often timers (resends, timeouts) and the progress line are looked at.
const TICK: Duration = Duration::from_millis(5);

/// What to ask, and how.
#[derive(Debug)]
pub struct Job<'a> {
    /// The one server (UDP).
    pub server: &'a Server,
    /// The search list (a name it expands is walked by the full resolver).
    pub search: &'a Search,
    /// The record types asked for every name.
    pub types: &'a [RecordType],
    /// Timeout and retries.
    pub settings: &'a Settings,
    /// Names in progress at once.
    pub window: usize,
    /// Results as they come rather than in input order.
    pub unordered: bool,
    /// Whether results are bare data (`--short`) or tab-separated lines, which are written
    /// straight from the replies ([`Done::Quick`]).
    pub quick_lines: bool,
}

/// One name in progress, in a slot reused by the names after it (its buffers with it).
#[derive(Debug)]
struct Name {
    /// Its line of the names file.
    entry: Entry,
    /// Which name the slot holds (a TCP query's result is for the name it was asked for).
    generation: u64,
    /// As asked (ASCII).
    ascii: String,
    /// Per type: what came back.
    got: Vec<Got>,
    /// Per type: the query in flight.
    flights: Vec<Option<usize>>,
    /// Types not settled yet.
    waiting: usize,
    /// The result, once there is one (written, then the slot is free).
    done: Option<Done>,
}

impl Default for Name {
    fn default() -> Self {
        Name {
            entry: Entry {
                line: 0,
                text: String::new(),
                invalid: None,
            },
            generation: 0,
            ascii: String::new(),
            got: Vec::new(),
            flights: Vec::new(),
            waiting: 0,
            done: None,
        }
    }
}

/// What came back for one type of a name.
#[derive(Debug, Default)]
struct Got {
    kind: Kind,
    /// From the first send to the reply.
    elapsed: Duration,
    /// The reply, kept for [`Kind::Quick`].
    bytes: Vec<u8>,
}

#[derive(Debug, Default)]
enum Kind {
    #[default]
    Waiting,
    /// Read by [`quick::read`]: the status; the addresses are read from the bytes when written.
    Quick(Status),
    /// Settled the full way.
    Full(Reply),
}

/// A name's result.
#[derive(Debug)]
enum Done {
    /// Every type read by [`quick::read`], and the line needs no more (`--short`, or tab-separated
    /// lines): written straight from the replies. The overall status.
    Quick(Status),
    Result(NameResult),
}

/// A query in flight.
#[derive(Debug)]
struct Flight<'p> {
    /// The name's slot and the type's index.
    slot: usize,
    ty: usize,
    id: u16,
    /// The first send (the attempt's timeout runs from it) and the last.
    first: Instant,
    sent: Instant,
    /// When to send it again, and the wait after that.
    resend_at: Instant,
    wait: Duration,
    resent: bool,
    /// Its place in the window; given back when it is resent (counted as lost) or answered.
    permit: Option<Permit<'p>>,
}

type Fallback<'f> = Pin<Box<dyn Future<Output = (usize, NameResult)> + 'f>>;

/// A query asked over TCP: (slot, generation, type, reply, time since the first send).
type OverTcp<'f> = Pin<Box<dyn Future<Output = (usize, u64, usize, Reply, Duration)> + 'f>>;

/// Every datagram buffer of the engine, allocated once.
struct Buffers {
    /// Queries to send: their bytes one after the other, and each one's span.
    out: Vec<u8>,
    spans: Vec<(usize, usize)>,
    /// [`BATCH`] replies of up to [`REPLY_MAX`] bytes, and each one's length and whether it was cut.
    replies: Vec<u8>,
    lens: Vec<(usize, bool)>,
    /// The system's batches of datagrams.
    datagrams: Datagrams,
}

impl std::fmt::Debug for Buffers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Buffers")
            .field("queued", &self.spans.len())
            .finish()
    }
}

impl Buffers {
    fn new() -> Self {
        Buffers {
            out: Vec::with_capacity(BATCH * 300),
            spans: Vec::with_capacity(BATCH * 4),
            replies: vec![0; BATCH * REPLY_MAX],
            lens: Vec::with_capacity(BATCH),
            datagrams: Datagrams::new(),
        }
    }
}

/// The engine's state for one run.
struct Engine<'a, 'p> {
    job: &'a Job<'a>,
    names: &'a mut Names,
    client: &'a Client,
    pace: &'p Pace,
    writer: QueryWriter,
    /// Name slots (at most `job.window`) and the free ones.
    slots: Vec<Name>,
    free: Vec<usize>,
    /// Slots in input order, for ordered output.
    order: VecDeque<usize>,
    /// Slots whose result is ready, for unordered output.
    ready: Vec<usize>,
    /// Names started so far (each slot's generation).
    started: u64,
    /// Queries waiting for room in the window: (slot, type).
    queue: VecDeque<(usize, usize)>,
    /// Queries in flight, the free places, and which flight each message ID belongs to (+1).
    flights: Vec<Option<Flight<'p>>>,
    free_flights: Vec<usize>,
    ids: Vec<u32>,
    next_id: u16,
    fallbacks: FuturesUnordered<Fallback<'a>>,
    tcp: FuturesUnordered<OverTcp<'a>>,
    /// Per type: the server slipped a reply of it (a rate limiter): ask it over TCP.
    slipped: Vec<bool>,
    /// Scratch space: the address spans of a reply, the statuses of a name.
    spans: Vec<(usize, usize)>,
    statuses: Vec<Status>,
}

impl<'a, 'p> Engine<'a, 'p> {
    fn in_use(&self) -> usize {
        self.slots.len() - self.free.len()
    }

    /// Whether a result is ready to be written.
    fn has_results(&self) -> bool {
        if self.job.unordered {
            !self.ready.is_empty()
        } else {
            self.order
                .front()
                .is_some_and(|&slot| self.slots[slot].done.is_some())
        }
    }

    /// Whether a slot is free for another name.
    fn has_room(&self) -> bool {
        !self.free.is_empty() || self.slots.len() < self.job.window
    }

    /// Starts names while there are free slots, names read and few queries wait for the window.
    fn start_names(&mut self) {
        while self.queue.len() < BATCH && self.has_room() {
            let Some(entry) = self.names.try_next() else {
                break;
            };
            let slot = match self.free.pop() {
                Some(slot) => slot,
                None => {
                    self.slots.push(Name::default());
                    self.slots.len() - 1
                }
            };
            if !self.job.unordered {
                self.order.push_back(slot);
            }
            self.started += 1;
            let types = self.job.types.len();
            let name = &mut self.slots[slot];
            name.entry = entry;
            name.generation = self.started;
            name.got.resize_with(types, Got::default);
            for got in &mut name.got {
                got.kind = Kind::Waiting;
            }
            name.flights.clear();
            name.flights.resize(types, None);
            name.waiting = types;
            name.done = None;
            match entry_name(&name.entry, &mut name.ascii) {
                Err(invalid) => self.finish(slot, Done::Result(invalid)),
                Ok(()) if !self.job.search.as_typed_only(&name.ascii) => {
                    self.fall_back(slot, false);
                }
                Ok(()) => self.queue.extend((0..types).map(|ty| (slot, ty))),
            }
        }
    }

    /// A free message ID: unpredictable steps, never one in flight.
    fn new_id(&mut self) -> u16 {
        let mut id = self.next_id;
        while self.ids[usize::from(id)] != 0 {
            id = id.wrapping_add(1);
        }
        self.next_id = id.wrapping_add(40_503);
        id
    }

    /// Appends the query of `flight` to the datagrams to send; false when the name is no DNS
    /// name the writer can encode.
    fn queue_datagram(&mut self, buffers: &mut Buffers, slot: usize, ty: usize, id: u16) -> bool {
        let Some(query) = self
            .writer
            .encode(id, &self.slots[slot].ascii, self.job.types[ty])
        else {
            return false;
        };
        let start = buffers.out.len();
        buffers.out.extend_from_slice(query);
        buffers.spans.push((start, buffers.out.len()));
        true
    }

    /// Moves queries from the queue into flight while the window has room.
    fn launch(&mut self, buffers: &mut Buffers) {
        while let Some(&(slot, ty)) = self.queue.front() {
            if self.slots[slot].done.is_some() || self.slots[slot].waiting == 0 {
                // The name went to the full resolver meanwhile.
                self.queue.pop_front();
                continue;
            }
            if self.flights.len() - self.free_flights.len() >= MAX_IN_FLIGHT {
                break;
            }
            if self.slipped[ty] {
                self.queue.pop_front();
                self.over_tcp(slot, ty, Instant::now());
                continue;
            }
            let Some(permit) = self.pace.try_slot() else {
                break;
            };
            self.queue.pop_front();
            let id = self.new_id();
            if !self.queue_datagram(buffers, slot, ty, id) {
                self.fall_back(slot, true);
                continue;
            }
            let now = Instant::now();
            let wait = if self.job.settings.retries == 0 {
                self.job.settings.timeout
            } else {
                self.pace.resend_after()
            };
            let flight = Flight {
                slot,
                ty,
                id,
                first: now,
                sent: now,
                resend_at: now + wait,
                wait,
                resent: false,
                permit: Some(permit),
            };
            let index = match self.free_flights.pop() {
                Some(i) => {
                    self.flights[i] = Some(flight);
                    i
                }
                None => {
                    self.flights.push(Some(flight));
                    self.flights.len() - 1
                }
            };
            self.ids[usize::from(id)] = index as u32 + 1;
            self.slots[slot].flights[ty] = Some(index);
        }
    }

    /// Takes flight `index` out of the air.
    fn land(&mut self, index: usize) -> Option<Flight<'p>> {
        let flight = self.flights[index].take()?;
        self.free_flights.push(index);
        self.ids[usize::from(flight.id)] = 0;
        self.slots[flight.slot].flights[flight.ty] = None;
        Some(flight)
    }

    /// Settles one type of a name; the name is done when every type is.
    fn settle_type(&mut self, slot: usize, ty: usize, kind: Kind, elapsed: Duration) {
        let name = &mut self.slots[slot];
        if name.waiting == 0 || !matches!(name.got[ty].kind, Kind::Waiting) {
            return;
        }
        name.got[ty].kind = kind;
        name.got[ty].elapsed = elapsed;
        name.waiting -= 1;
        if name.waiting > 0 {
            return;
        }
        self.statuses.clear();
        for got in &name.got {
            match got.kind {
                Kind::Quick(status) => self.statuses.push(status),
                _ => break,
            }
        }
        if self.job.quick_lines && self.statuses.len() == name.got.len() {
            let status = overall(&self.statuses);
            self.finish(slot, Done::Quick(status));
            return;
        }
        let queries = name
            .got
            .iter_mut()
            .zip(self.job.types)
            .map(|(got, &rtype)| {
                let reply = match std::mem::take(&mut got.kind) {
                    Kind::Full(reply) => reply,
                    // What quick::read takes, settle settles alike (see its tests).
                    _ => match settle(&got.bytes, &name.ascii, rtype, Carried::Udp) {
                        Settled::Reply(reply) => reply,
                        _ => Reply::bare(Status::Error, Some(t!("dns-why-unreadable").into())),
                    },
                };
                QueryResult::from_reply(self.job.server, &name.ascii, rtype, reply, got.elapsed)
                    .alone()
            })
            .collect();
        let result = NameResult::new(&name.entry.text, &name.ascii, queries);
        self.finish(slot, Done::Result(result));
    }

    fn finish(&mut self, slot: usize, result: Done) {
        let name = &mut self.slots[slot];
        name.waiting = 0;
        name.done = Some(result);
        if self.job.unordered {
            self.ready.push(slot);
        }
    }

    /// Hands a name to the full resolver: its queries in flight are dropped. `asked`: this
    /// engine made the first attempt, so the full resolver makes only the ones left.
    fn fall_back(&mut self, slot: usize, asked: bool) {
        for ty in 0..self.slots[slot].flights.len() {
            if let Some(index) = self.slots[slot].flights[ty] {
                self.land(index);
            }
        }
        let name = &mut self.slots[slot];
        name.waiting = 0;
        let input = name.entry.text.clone();
        let ascii = name.ascii.clone();
        let job = self.job;
        let servers = std::slice::from_ref(job.server);
        let client = self.client;
        let lookup: Fallback<'a> = if asked {
            Box::pin(async move {
                let retries = Retries(client);
                let r =
                    resolve_name(&retries, servers, job.search, &input, &ascii, job.types).await;
                (slot, r)
            })
        } else {
            Box::pin(async move {
                let r = resolve_name(client, servers, job.search, &input, &ascii, job.types).await;
                (slot, r)
            })
        };
        self.fallbacks.push(lookup);
    }

    /// Asks one type of a name over TCP (its UDP query in flight, if any, is dropped); `first`
    /// is when the type was first asked.
    fn over_tcp(&mut self, slot: usize, ty: usize, first: Instant) {
        if let Some(index) = self.slots[slot].flights[ty] {
            self.land(index);
        }
        let name = &self.slots[slot];
        let (ascii, generation) = (name.ascii.clone(), name.generation);
        let rtype = self.job.types[ty];
        let client = self.client;
        self.tcp.push(Box::pin(async move {
            let reply = client.ask_tcp(0, &ascii, rtype).await;
            (slot, generation, ty, reply, first.elapsed())
        }));
    }

    /// A TCP query came back: its type is settled, unless the slot holds another name by now.
    fn tcp_done(
        &mut self,
        slot: usize,
        generation: u64,
        ty: usize,
        reply: Reply,
        elapsed: Duration,
    ) {
        if self
            .slots
            .get(slot)
            .is_none_or(|n| n.generation != generation)
        {
            return;
        }
        if reply.leads_to.is_some() {
            self.fall_back(slot, true);
            return;
        }
        self.settle_type(slot, ty, Kind::Full(reply), elapsed);
    }

    /// Reads the replies received into `buffers`.
    fn take_replies(&mut self, buffers: &Buffers) {
        for (i, &(len, cut)) in buffers.lens.iter().enumerate() {
            let bytes = &buffers.replies[i * REPLY_MAX..i * REPLY_MAX + len];
            // A reply has QR set: our own query reflected back is not one.
            if len < 12 || bytes[2] & 0x80 == 0 {
                continue;
            }
            let id = u16::from_be_bytes([bytes[0], bytes[1]]);
            let index = self.ids[usize::from(id)];
            let Some(Some(flight)) = (index > 0).then(|| self.flights[index as usize - 1].as_ref())
            else {
                continue;
            };
            let (slot, ty) = (flight.slot, flight.ty);
            let rtype = self.job.types[ty];
            if cut {
                self.land(index as usize - 1);
                self.fall_back(slot, true);
                continue;
            }
            let name = &mut self.slots[slot];
            // Ok: read by quick::read; Err: how the full reader settled it.
            let settled: Result<Status, Settled> =
                match quick::read(bytes, &name.ascii, rtype, &mut self.spans) {
                    Some(status) => Ok(status),
                    None => Err(settle(bytes, &name.ascii, rtype, Carried::Udp)),
                };
            if matches!(settled, Err(Settled::NotOurs)) {
                // Another question under this ID: not the reply; keep waiting.
                continue;
            }
            let flight = self.land(index as usize - 1).expect("a flight in the air");
            if !flight.resent {
                // Only unambiguous samples (Karn): a reply after a resend may answer either copy.
                self.pace.answered(flight.sent.elapsed());
            }
            drop(flight.permit);
            let elapsed = flight.first.elapsed();
            match settled {
                Ok(status) => {
                    let got = &mut self.slots[slot].got[ty].bytes;
                    got.clear();
                    got.extend_from_slice(bytes);
                    self.settle_type(slot, ty, Kind::Quick(status), elapsed);
                }
                Err(Settled::Truncated { slip }) => {
                    if slip {
                        self.slipped[ty] = true;
                    }
                    self.over_tcp(slot, ty, flight.first);
                }
                Err(Settled::Reply(reply)) if reply.leads_to.is_some() => {
                    self.fall_back(slot, true)
                }
                Err(Settled::Reply(reply)) => {
                    self.settle_type(slot, ty, Kind::Full(reply), elapsed)
                }
                Err(Settled::NotOurs) => {}
            }
        }
    }

    /// Every query in flight to a port where nothing listens (ICMP port unreachable): refused.
    fn refuse_all(&mut self) {
        for index in 0..self.flights.len() {
            if let Some(flight) = self.land(index) {
                let reply = Reply::bare(Status::Error, Some(port_unreachable()));
                self.settle_type(
                    flight.slot,
                    flight.ty,
                    Kind::Full(reply),
                    flight.first.elapsed(),
                );
            }
        }
    }

    /// Resends queries unanswered for a round trip and ends the attempts whose time is up.
    fn timers(&mut self, buffers: &mut Buffers) {
        let now = Instant::now();
        let timeout = self.job.settings.timeout;
        for index in 0..self.flights.len() {
            let Some(flight) = &mut self.flights[index] else {
                continue;
            };
            if now >= flight.first + timeout {
                let flight = self.land(index).expect("a flight in the air");
                if self.job.settings.retries == 0 {
                    let elapsed = now.duration_since(flight.first);
                    self.settle_type(
                        flight.slot,
                        flight.ty,
                        Kind::Full(Reply::bare(Status::Timeout, None)),
                        elapsed,
                    );
                } else {
                    self.fall_back(flight.slot, true);
                }
            } else if now >= flight.resend_at && self.slipped[flight.ty] {
                // A rate limiter drops what it does not slip: the rest goes over TCP.
                self.pace.lost(flight.sent);
                let (slot, ty, first) = (flight.slot, flight.ty, flight.first);
                self.over_tcp(slot, ty, first);
            } else if now >= flight.resend_at {
                // Counted as lost: it leaves the window, so a silent server does not hold it shut.
                self.pace.lost(flight.sent);
                flight.permit = None;
                flight.sent = now;
                flight.resent = true;
                flight.wait = flight.wait.saturating_mul(2);
                flight.resend_at = now + flight.wait;
                let (slot, ty, id) = (flight.slot, flight.ty, flight.id);
                self.queue_datagram(buffers, slot, ty, id);
            }
        }
    }

    /// Writes the results that are ready (in input order unless unordered) and frees their slots.
    fn write_ready(&mut self, sink: &mut Sink<'_>) -> Result<()> {
        loop {
            let slot = if self.job.unordered {
                match self.ready.pop() {
                    Some(slot) => slot,
                    None => return Ok(()),
                }
            } else {
                match self.order.front() {
                    Some(&slot) if self.slots[slot].done.is_some() => {
                        self.order.pop_front();
                        slot
                    }
                    _ => return Ok(()),
                }
            };
            match self.slots[slot].done.take() {
                Some(Done::Result(r)) => sink.write(&r)?,
                Some(Done::Quick(status)) => {
                    let name = &self.slots[slot];
                    let input = &name.entry.text;
                    let (types, spans) = (self.job.types, &mut self.spans);
                    sink.write_with(status, |out, ui| {
                        write_quick(out, ui, input, status, name, types, spans)
                    })?;
                }
                None => continue,
            }
            self.free.push(slot);
        }
    }

    /// Sends the queued datagrams; false when the socket reported the port closed.
    async fn flush(&mut self, sock: &UdpSocket, buffers: &mut Buffers) -> bool {
        let mut refused = false;
        let mut done = 0;
        while done < buffers.spans.len() {
            buffers.spans.drain(..done);
            done = 0;
            match sock.try_io(Interest::WRITABLE, || {
                buffers.datagrams.send(sock, &buffers.out, &buffers.spans)
            }) {
                Ok(n) => done = n.max(1),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if sock.writable().await.is_err() {
                        break;
                    }
                }
                // The error of an earlier datagram (Linux reports ICMP errors on the next call).
                Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => refused = true,
                // Another error (no route): those queries are left to time out.
                Err(_) => done = 1,
            }
        }
        buffers.spans.clear();
        buffers.out.clear();
        !refused
    }
}

/// A name's line straight from its replies (every type read by [`quick::read`]): its addresses,
/// one per line (`--short`), or `NAME<TAB>STATUS<TAB>TYPE DATA, TYPE DATA...` as
/// [`super::write_bulk_line`] writes it.
fn write_quick(
    out: &mut dyn io::Write,
    ui: &crate::output::Ui,
    input: &str,
    status: Status,
    name: &Name,
    types: &[RecordType],
    spans: &mut Vec<(usize, usize)>,
) -> io::Result<()> {
    let short = ui.format == crate::output::Format::Short;
    if !short {
        write!(out, "{}\t", one_line(input))?;
        if ui.color {
            write!(out, "{}\t", ui.paint(status_paint(status), status.tag()))?;
        } else {
            write!(out, "{}\t", status.tag())?;
        }
    }
    let mut written = 0;
    for (got, &rtype) in name.got.iter().zip(types) {
        if quick::address_spans(&got.bytes, &name.ascii, rtype, spans).is_none() {
            continue;
        }
        let typed = (!short).then_some((rtype, written == 0));
        written += quick::write_addresses(out, &got.bytes, spans, typed)?;
    }
    if !short {
        writeln!(out)?;
    }
    Ok(())
}

/// The engine's socket to `server`, connected (None: it cannot be set up; the caller then uses
/// the full resolver for every name).
pub async fn connect_to(server: &Server) -> Option<UdpSocket> {
    super::message::connected(server.address).await.ok()
}

/// Looks up every name of `names` as [`Job`] says on `sock` ([`connect_to`]), writing the
/// results to `sink`; true when Ctrl-C ended it.
pub(super) async fn run(
    job: &Job<'_>,
    sock: UdpSocket,
    names: &mut Names,
    client: &Client,
    sink: &mut Sink<'_>,
) -> Result<bool> {
    let pace = Pace::new(job.settings.concurrency);
    let mut engine = Engine {
        job,
        names,
        client,
        pace: &pace,
        writer: QueryWriter::new(),
        slots: Vec::with_capacity(job.window.min(1024)),
        free: Vec::new(),
        order: VecDeque::new(),
        ready: Vec::new(),
        started: 0,
        queue: VecDeque::new(),
        flights: Vec::new(),
        free_flights: Vec::new(),
        ids: vec![0; 1 << 16],
        next_id: unpredictable_u32() as u16,
        fallbacks: FuturesUnordered::new(),
        tcp: FuturesUnordered::new(),
        slipped: vec![false; job.types.len()],
        spans: Vec::new(),
        statuses: Vec::new(),
    };
    let mut buffers = Buffers::new();
    let mut next_tick = tokio::time::Instant::now();
    loop {
        // Results first: their slots take the next names.
        engine.write_ready(sink)?;
        if engine.names.is_done() && engine.in_use() == 0 {
            return Ok(false);
        }
        // Timers and the progress line by the clock, also while replies keep coming.
        let now = tokio::time::Instant::now();
        if now >= next_tick {
            next_tick = now + TICK;
            if sink.tick()? {
                return Ok(true);
            }
            engine.timers(&mut buffers);
        }
        engine.start_names();
        engine.launch(&mut buffers);
        if !engine.flush(&sock, &mut buffers).await {
            engine.refuse_all();
            continue;
        }
        // Waiting for the names file only while a name read would be started.
        let wants_names =
            engine.queue.len() < BATCH && engine.has_room() && !engine.names.is_done();
        // Results settled without a reply (a line that is no name) are written at once.
        let results_ready = engine.has_results();
        tokio::select! {
            biased;
            () = std::future::ready(()), if results_ready => {}
            ready = sock.readable() => {
                if ready.is_err() {
                    continue;
                }
                loop {
                    match sock.try_io(Interest::READABLE, || buffers.datagrams.recv(&sock, &mut buffers.replies, REPLY_MAX, &mut buffers.lens)) {
                        Ok(_) => engine.take_replies(&buffers),
                        Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => engine.refuse_all(),
                        Err(_) => break,
                    }
                    if buffers.lens.len() < BATCH {
                        break;
                    }
                }
            }
            Some((slot, generation, ty, reply, elapsed)) = engine.tcp.next(), if !engine.tcp.is_empty() => {
                engine.tcp_done(slot, generation, ty, reply, elapsed);
            }
            Some((slot, result)) = engine.fallbacks.next(), if !engine.fallbacks.is_empty() => {
                engine.finish(slot, Done::Result(result));
            }
            () = engine.names.ready(), if wants_names => {}
            _ = tokio::time::sleep_until(next_tick) => {}
        }
    }
}
