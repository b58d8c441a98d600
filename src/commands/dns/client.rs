//! Asking one server one question, over UDP, TCP, TLS (RFC 7858) or HTTPS (RFC 8484), with
//! netkit's own sockets and reader: every reply is read by `wire::dns` whole, so what the server
//! sent is what the result shows (hickory's resolver merged chased records in, refused legal
//! empty RDATA and reported every failed TLS connection as "no connections").
//!
//! Per server, a [`Lane`]: over UDP one connected socket (it hears ICMP port unreachable, and
//! only that server's datagrams) and one receiver task handing each reply to its query by
//! message ID; queries are paced ([`Pace`]: a window in flight, resends of dropped ones within
//! the attempt); a reply with QR clear (our own query reflected) or another question is not the
//! reply and is waited past; a truncated one is asked again over TCP. Over TCP and TLS one
//! connection, queries pipelined on it and matched by ID; over HTTPS one HTTP/2 connection, one
//! request per query. A reply that is no DNS message is "bad packet: ..." at once, with dig's
//! reason.

use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use hickory_resolver::proto::rr::RecordType;
use rustls::ClientConfig;
use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpStream, UdpSocket};
use tokio::sync::{mpsc, oneshot};

use super::answer::{Status, classify};
use super::lookup::{Reply, Resolve, Settings};
use super::message::{Carried, Response, connected};
use super::pace::Pace;
use super::parse::Transport;
use super::server::Server;
use super::tls;
use crate::i18n::{Text, t};
use crate::wire::dns::message::{self, Header};
use crate::wire::dns::name::{from_query_name, same_name};
use crate::wire::dns::query::QueryWriter;

/// What a query to a port where nothing listens comes back with.
pub fn port_unreachable() -> Text {
    t!("dns-why-port-unreachable").into()
}

/// Why no reply came.
#[derive(Debug, Clone)]
pub enum Failure {
    /// Nothing within the attempts' time.
    Timeout,
    /// The reply, or the connection, failed in a way to say at once (the words are the message).
    Said(Text),
}

impl Failure {
    /// A failure said in the words of message `m`.
    fn said(m: crate::i18n::Message) -> Self {
        Failure::Said(m.into())
    }
}

impl Failure {
    /// The reply a failure makes.
    pub fn reply(self) -> Reply {
        match self {
            Failure::Timeout => Reply::bare(Status::Timeout, None),
            Failure::Said(why) => Reply::bare(Status::Error, Some(why)),
        }
    }
}

/// What a datagram received for a query is.
#[derive(Debug)]
pub enum Settled {
    /// Not the reply: QR clear (a query, perhaps our own reflected), another question.
    NotOurs,
    /// The reply, truncated: ask again over TCP. `slip`: it holds no answer at all (what a
    /// rate-limiting server sends instead of dropping the reply, RFC 8906's "slip").
    Truncated { slip: bool },
    /// The reply, read.
    Reply(Reply),
}

/// Reads `bytes`, the reply to the query for `name` (as `name::query_name_into` writes it) /
/// `rtype` whose ID matched, carried by `transport`. A message that cannot be read is a bad
/// packet, unless its question can be read and is another one.
pub fn settle(bytes: &[u8], name: &str, rtype: RecordType, transport: Carried) -> Settled {
    let Ok(header) = Header::read(bytes) else {
        return Settled::NotOurs;
    };
    if !header.flags.qr {
        return Settled::NotOurs;
    }
    let m = match message::read(bytes) {
        Ok(m) => m,
        Err(bad) => {
            // Only the question may tell whether it was meant for this query at all.
            if let Ok((q, next)) = message::name_at(bytes, 12)
                && header.counts[0] == 1
                && bytes.len() >= next + 4
                && (!same_name(&q, name)
                    || u16::from_be_bytes([bytes[next], bytes[next + 1]]) != u16::from(rtype))
            {
                return Settled::NotOurs;
            }
            return Settled::Reply(Reply::bare(
                Status::Error,
                Some(t!("dns-why-bad-packet", why = bad.to_string()).into()),
            ));
        }
    };
    if !m.answers(name, rtype) {
        return Settled::NotOurs;
    }
    if m.header.flags.tc {
        return Settled::Truncated {
            slip: m.answer.is_empty(),
        };
    }
    // One question: `answers` checked it.
    let mut reply = classify(&m, &m.question[0].name, rtype);
    reply.response = Some(Box::new(Response {
        message: m,
        size: bytes.len(),
        transport,
        retried_over_tcp: false,
    }));
    Settled::Reply(reply)
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// What the UDP receiver hands a waiting query.
#[derive(Debug)]
enum Delivery {
    /// A datagram with its ID and QR set.
    Reply(Vec<u8>),
    /// The server's host said nothing listens at its port (ICMP port unreachable).
    Refused,
}

/// Queries waiting for a UDP reply, by message ID.
#[derive(Debug, Default)]
struct Table {
    pending: HashMap<u16, mpsc::UnboundedSender<Delivery>>,
    next: u16,
}

/// One UDP server's socket and the task receiving its replies.
#[derive(Debug)]
struct Udp {
    sock: Arc<UdpSocket>,
    table: Arc<Mutex<Table>>,
    receiver: tokio::task::JoinHandle<()>,
}

impl Drop for Udp {
    fn drop(&mut self) {
        self.receiver.abort();
    }
}

/// Hands each datagram from the server to the query waiting for its ID; on a connected socket,
/// ICMP port unreachable (Linux reports it to whichever call comes next) means every query
/// waiting went to a closed port.
async fn receive(sock: Arc<UdpSocket>, table: Arc<Mutex<Table>>) {
    let mut buf = vec![0u8; 65535];
    loop {
        let n = match sock.recv(&mut buf).await {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                for tx in lock(&table).pending.values() {
                    let _ = tx.send(Delivery::Refused);
                }
                continue;
            }
            // Other ICMP errors (unreachable hosts): the waiting queries time out.
            Err(_) => continue,
        };
        if n < 12 || buf[2] & 0x80 == 0 {
            continue;
        }
        let id = u16::from_be_bytes([buf[0], buf[1]]);
        if let Some(tx) = lock(&table).pending.get(&id) {
            let _ = tx.send(Delivery::Reply(buf[..n].to_vec()));
        }
    }
}

/// A stream connection (TCP or TLS) to one server, queries pipelined on it.
struct Conn {
    pending: Mutex<StreamTable>,
    out: mpsc::UnboundedSender<Vec<u8>>,
    closed: AtomicBool,
    tasks: Mutex<Vec<tokio::task::JoinHandle<()>>>,
}

impl std::fmt::Debug for Conn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Conn")
            .field("closed", &self.closed.load(Ordering::Relaxed))
            .finish()
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        for t in lock(&self.tasks).iter() {
            t.abort();
        }
    }
}

#[derive(Debug, Default)]
struct StreamTable {
    waiting: HashMap<u16, oneshot::Sender<Vec<u8>>>,
    next: u16,
}

/// The longest DNS message over a stream.
const STREAM_MAX: usize = 65535;

impl Conn {
    /// Starts the tasks that write queries to `stream` and hand each reply read from it to the
    /// query waiting for its ID.
    fn start<S>(stream: S) -> Arc<Conn>
    where
        S: AsyncRead + AsyncWrite + Send + 'static,
    {
        let (mut rd, mut wr) = tokio::io::split(stream);
        let (out, mut queue) = mpsc::unbounded_channel::<Vec<u8>>();
        let conn = Arc::new(Conn {
            pending: Mutex::new(StreamTable::default()),
            out,
            closed: AtomicBool::new(false),
            tasks: Mutex::new(Vec::new()),
        });
        let writer_conn = Arc::downgrade(&conn);
        let writer = tokio::spawn(async move {
            while let Some(framed) = queue.recv().await {
                if wr.write_all(&framed).await.is_err() || wr.flush().await.is_err() {
                    break;
                }
            }
            if let Some(conn) = writer_conn.upgrade() {
                conn.close();
            }
        });
        let reader_conn = Arc::downgrade(&conn);
        let reader = tokio::spawn(async move {
            while let Ok(len) = rd.read_u16().await {
                let mut body = vec![0u8; usize::from(len)];
                if rd.read_exact(&mut body).await.is_err() {
                    break;
                }
                let Some(conn) = reader_conn.upgrade() else {
                    return;
                };
                if body.len() < 12 || body[2] & 0x80 == 0 {
                    continue;
                }
                let id = u16::from_be_bytes([body[0], body[1]]);
                if let Some(tx) = lock(&conn.pending).waiting.remove(&id) {
                    let _ = tx.send(body);
                }
            }
            if let Some(conn) = reader_conn.upgrade() {
                conn.close();
            }
        });
        *lock(&conn.tasks) = vec![writer, reader];
        conn
    }

    /// Marks the connection closed; dropping the senders tells every waiting query.
    fn close(&self) {
        self.closed.store(true, Ordering::Relaxed);
        lock(&self.pending).waiting.clear();
    }

    fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Relaxed)
    }

    /// A message ID no query on this connection waits for, and the receiver of its reply.
    fn register(&self) -> (u16, oneshot::Receiver<Vec<u8>>) {
        let mut t = lock(&self.pending);
        let mut id = t.next;
        while t.waiting.contains_key(&id) {
            id = id.wrapping_add(1);
        }
        t.next = id.wrapping_add(40_503);
        let (tx, rx) = oneshot::channel();
        t.waiting.insert(id, tx);
        (id, rx)
    }

    fn forget(&self, id: u16) {
        lock(&self.pending).waiting.remove(&id);
    }
}

/// How to reach one server over a stream, and the connection once made.
#[derive(Debug)]
struct Stream {
    addr: SocketAddr,
    /// For TLS: the client configuration and the name the certificate must carry.
    tls: Option<(Arc<ClientConfig>, ServerName<'static>, String)>,
    conn: tokio::sync::Mutex<Option<Arc<Conn>>>,
}

impl Stream {
    /// The open connection, or a new one (made within `deadline`).
    async fn connection(&self, deadline: tokio::time::Instant) -> Result<Arc<Conn>, Failure> {
        let mut held = self.conn.lock().await;
        if let Some(c) = held.as_ref()
            && !c.is_closed()
        {
            return Ok(c.clone());
        }
        *held = None;
        let tcp = match tokio::time::timeout_at(deadline, TcpStream::connect(self.addr)).await {
            Err(_) => return Err(Failure::Timeout),
            Ok(Err(e)) => return Err(Failure::Said(connect_failure(&e))),
            Ok(Ok(tcp)) => tcp,
        };
        let _ = tcp.set_nodelay(true);
        let conn = match &self.tls {
            None => Conn::start(tcp),
            Some((config, name, text)) => {
                let connector = tokio_rustls::TlsConnector::from(config.clone());
                match tokio::time::timeout_at(deadline, connector.connect(name.clone(), tcp)).await
                {
                    Err(_) => {
                        return Err(Failure::said(t!("dns-why-no-tls-handshake")));
                    }
                    Ok(Err(e)) => return Err(Failure::Said(tls::failure(&e, text))),
                    Ok(Ok(s)) => Conn::start(s),
                }
            }
        };
        *held = Some(conn.clone());
        Ok(conn)
    }
}

/// Why a TCP connection could not be made.
fn connect_failure(e: &io::Error) -> Text {
    match e.kind() {
        io::ErrorKind::ConnectionRefused => t!("dns-why-connection-refused").into(),
        _ => t!("dns-why-cannot-connect", why = e.to_string()).into(),
    }
}

/// DNS over HTTPS to one server: the HTTP/2 connection once made.
#[derive(Debug)]
struct Https {
    addr: SocketAddr,
    config: Arc<ClientConfig>,
    name: ServerName<'static>,
    /// The name as text (the certificate's, and the URI's authority).
    text: String,
    send: tokio::sync::Mutex<Option<h2::client::SendRequest<Bytes>>>,
}

impl Https {
    async fn sender(
        &self,
        deadline: tokio::time::Instant,
    ) -> Result<h2::client::SendRequest<Bytes>, Failure> {
        let mut held = self.send.lock().await;
        if let Some(s) = held.as_ref() {
            let mut s = s.clone();
            if let Ok(Ok(())) =
                tokio::time::timeout_at(deadline, std::future::poll_fn(|cx| s.poll_ready(cx))).await
            {
                return Ok(s);
            }
        }
        *held = None;
        let tcp = match tokio::time::timeout_at(deadline, TcpStream::connect(self.addr)).await {
            Err(_) => return Err(Failure::Timeout),
            Ok(Err(e)) => return Err(Failure::Said(connect_failure(&e))),
            Ok(Ok(tcp)) => tcp,
        };
        let _ = tcp.set_nodelay(true);
        let connector = tokio_rustls::TlsConnector::from(self.config.clone());
        let tls = match tokio::time::timeout_at(deadline, connector.connect(self.name.clone(), tcp))
            .await
        {
            Err(_) => {
                return Err(Failure::said(t!("dns-why-no-tls-handshake")));
            }
            Ok(Err(e)) => return Err(Failure::Said(tls::failure(&e, &self.text))),
            Ok(Ok(s)) => s,
        };
        let (send, connection) =
            match tokio::time::timeout_at(deadline, h2::client::handshake(tls)).await {
                Err(_) => return Err(Failure::Timeout),
                Ok(Err(e)) => {
                    return Err(Failure::said(t!(
                        "dns-why-h2-handshake",
                        why = e.to_string()
                    )));
                }
                Ok(Ok(pair)) => pair,
            };
        tokio::spawn(async move {
            let _ = connection.await;
        });
        *held = Some(send.clone());
        Ok(send)
    }

    /// One POST of `query` to /dns-query, and the body of the answer.
    async fn post(
        &self,
        query: Vec<u8>,
        deadline: tokio::time::Instant,
    ) -> Result<Vec<u8>, Failure> {
        let send = self.sender(deadline).await?;
        let authority = match self.text.parse::<std::net::IpAddr>() {
            Ok(std::net::IpAddr::V6(v6)) => format!("[{v6}]:{}", self.addr.port()),
            _ => format!("{}:{}", self.text, self.addr.port()),
        };
        let request = http::Request::builder()
            .method("POST")
            .uri(format!("https://{authority}/dns-query"))
            .header("content-type", "application/dns-message")
            .header("accept", "application/dns-message")
            .header("content-length", query.len())
            .body(())
            .map_err(|e| Failure::said(t!("dns-why-http-request", why = e.to_string())))?;
        let exchange = async move {
            let mut send = send.ready().await?;
            let (response, mut body) = send.send_request(request, false)?;
            body.send_data(Bytes::from(query), true)?;
            let response = response.await?;
            let status = response.status();
            let mut body = response.into_body();
            let mut got = Vec::new();
            while let Some(chunk) = body.data().await {
                let chunk = chunk?;
                let _ = body.flow_control().release_capacity(chunk.len());
                got.extend_from_slice(&chunk);
                if got.len() > STREAM_MAX {
                    break;
                }
            }
            Ok::<_, h2::Error>((status, got))
        };
        match tokio::time::timeout_at(deadline, exchange).await {
            Err(_) => Err(Failure::Timeout),
            Ok(Err(e)) => {
                *self.send.lock().await = None;
                Err(Failure::said(t!(
                    "dns-why-h2-exchange",
                    why = e.to_string()
                )))
            }
            Ok(Ok((status, _))) if status != http::StatusCode::OK => Err(Failure::said(t!(
                "dns-why-http-status",
                status = status.to_string()
            ))),
            Ok(Ok((_, body))) => Ok(body),
        }
    }
}

/// Everything netkit has for asking one server.
#[derive(Debug)]
struct Lane {
    server: Server,
    /// Over UDP: the socket (None: not UDP; or the error that kept it from being set up).
    udp: Option<Result<Udp, Text>>,
    /// TCP (also for truncated UDP answers) or TLS.
    stream: Stream,
    https: Option<Https>,
    pace: Pace,
}

/// netkit's own client: one [`Lane`] per server.
#[derive(Debug)]
pub struct Client {
    lanes: Vec<Lane>,
    writer: Mutex<QueryWriter>,
    timeout: Duration,
    retries: usize,
}

impl Client {
    /// Sets up a lane per server (must run inside a tokio runtime): UDP sockets are connected
    /// now, stream connections when first needed. At most `settings.concurrency` UDP queries
    /// are in flight to each server.
    pub async fn new(servers: &[Server], settings: &Settings) -> crate::error::Result<Self> {
        let needs_tls = servers
            .iter()
            .any(|s| matches!(s.transport, Transport::Tls | Transport::Https));
        let config = if needs_tls {
            Some(Arc::new(settings.tls.client_config()?))
        } else {
            None
        };
        let mut lanes = Vec::with_capacity(servers.len());
        for server in servers {
            let tls_name = settings.tls.name_for(server);
            let name = || {
                ServerName::try_from(tls_name.clone()).map_err(|_| {
                    crate::error::Error::bad(
                        t!("dns-what-tls-hostname"),
                        tls_name.clone(),
                        t!("dns-bad-tls-hostname"),
                    )
                })
            };
            let udp = if server.transport == Transport::Udp {
                Some(match connected(server.address).await {
                    Ok(sock) => {
                        let sock = Arc::new(sock);
                        let seed = crate::util::random::unpredictable_u32() as u16;
                        let table = Arc::new(Mutex::new(Table {
                            pending: HashMap::new(),
                            next: seed,
                        }));
                        Ok(Udp {
                            receiver: tokio::spawn(receive(sock.clone(), table.clone())),
                            sock,
                            table,
                        })
                    }
                    Err(e) => Err(t!(
                        "dns-why-udp-socket",
                        server = server.address,
                        why = e.to_string()
                    )
                    .into()),
                })
            } else {
                None
            };
            let tls = match (server.transport, &config) {
                (Transport::Tls, Some(c)) => Some((c.clone(), name()?, tls_name.clone())),
                _ => None,
            };
            let https = match (server.transport, &config) {
                (Transport::Https, Some(c)) => {
                    let mut h2 = (**c).clone();
                    h2.alpn_protocols = vec![b"h2".to_vec()];
                    Some(Https {
                        addr: server.address,
                        config: Arc::new(h2),
                        name: name()?,
                        text: tls_name.clone(),
                        send: tokio::sync::Mutex::new(None),
                    })
                }
                _ => None,
            };
            let mut dot = tls.map(|(c, n, t)| {
                let mut c = (*c).clone();
                c.alpn_protocols = vec![b"dot".to_vec()];
                (Arc::new(c), n, t)
            });
            if server.transport != Transport::Tls {
                dot = None;
            }
            lanes.push(Lane {
                server: server.clone(),
                udp,
                stream: Stream {
                    addr: server.address,
                    tls: dot,
                    conn: tokio::sync::Mutex::new(None),
                },
                https,
                pace: Pace::new(settings.concurrency),
            });
        }
        Ok(Client {
            lanes,
            writer: Mutex::new(QueryWriter::new()),
            timeout: settings.timeout,
            retries: settings.retries,
        })
    }

    /// Asks server `server` for `name` / `rtype`, making `attempts` attempts (at least one).
    pub async fn ask(
        &self,
        server: usize,
        name: &str,
        rtype: RecordType,
        attempts: usize,
    ) -> Reply {
        let Some(lane) = self.lanes.get(server) else {
            return Reply::bare(Status::Error, Some(t!("dns-why-no-such-server").into()));
        };
        if from_query_name(name).is_none() {
            return Reply::bare(Status::Error, Some(t!("dns-why-not-a-name").into()));
        }
        let attempts = attempts.max(1);
        match lane.server.transport {
            Transport::Udp => match self.udp(lane, name, rtype, attempts).await {
                Ok(Some(reply)) => reply,
                Ok(None) => match self.over_stream(lane, name, rtype, attempts, true).await {
                    Ok(reply) => reply,
                    Err(Failure::Said(why)) => Reply::bare(
                        Status::Error,
                        Some(t!("dns-why-truncated-then", why = why).into()),
                    ),
                    Err(f) => f.reply(),
                },
                Err(f) => f.reply(),
            },
            Transport::Tcp | Transport::Tls => self
                .over_stream(lane, name, rtype, attempts, false)
                .await
                .unwrap_or_else(Failure::reply),
            Transport::Https => self
                .over_https(lane, name, rtype, attempts)
                .await
                .unwrap_or_else(Failure::reply),
        }
    }

    /// Asks `name` / `rtype` over TCP of server `server` (the batch engine's truncated replies).
    pub async fn ask_tcp(&self, server: usize, name: &str, rtype: RecordType) -> Reply {
        let Some(lane) = self.lanes.get(server) else {
            return Reply::bare(Status::Error, Some(t!("dns-why-no-such-server").into()));
        };
        self.over_stream(lane, name, rtype, self.retries + 1, true)
            .await
            .unwrap_or_else(Failure::reply)
    }

    fn encode(&self, id: u16, name: &str, rtype: RecordType) -> Option<Vec<u8>> {
        lock(&self.writer)
            .encode(id, name, rtype)
            .map(<[u8]>::to_vec)
    }

    /// Over UDP: the reply (None: it was truncated, ask over TCP). Within an attempt, a query
    /// with no reply is sent again (same ID: either copy's reply settles it), each time waiting
    /// twice as long, unless no retry at all was asked for.
    async fn udp(
        &self,
        lane: &Lane,
        name: &str,
        rtype: RecordType,
        attempts: usize,
    ) -> Result<Option<Reply>, Failure> {
        let udp = match &lane.udp {
            Some(Ok(udp)) => udp,
            Some(Err(why)) => return Err(Failure::Said(why.clone())),
            None => return Err(Failure::said(t!("dns-why-not-udp"))),
        };
        let pace = &lane.pace;
        // Held while the query is in flight; a query resent is counted as lost and leaves the
        // window (as TCP counts its pipe), so a silent server does not hold the window shut.
        let mut slot = Some(pace.slot().await);
        let (tx, mut rx) = mpsc::unbounded_channel();
        let id = {
            let mut t = lock(&udp.table);
            let mut id = t.next;
            while t.pending.contains_key(&id) {
                id = id.wrapping_add(1);
            }
            // Step by an odd constant so consecutive IDs are not sequential.
            t.next = id.wrapping_add(40_503);
            t.pending.insert(id, tx);
            id
        };
        struct Forget<'a>(&'a Mutex<Table>, u16);
        impl Drop for Forget<'_> {
            fn drop(&mut self) {
                lock(self.0).pending.remove(&self.1);
            }
        }
        let _forget = Forget(&udp.table, id);
        let Some(query) = self.encode(id, name, rtype) else {
            return Err(Failure::said(t!("dns-why-not-a-name")));
        };
        // An ICMP port unreachable Linux reports to a send instead of a receive: every query
        // waiting on the socket went to the closed port.
        let refused = |r: io::Result<usize>| {
            let no = matches!(r, Err(ref e) if e.kind() == io::ErrorKind::ConnectionRefused);
            if no {
                for tx in lock(&udp.table).pending.values() {
                    let _ = tx.send(Delivery::Refused);
                }
            }
            no
        };
        let send = |sock: &UdpSocket| !refused(sock.try_send(&query));
        if refused(udp.sock.send(&query).await) {
            return Err(Failure::Said(port_unreachable()));
        }
        let first = Instant::now();
        let mut sent = first;
        let mut resent = false;
        let one_datagram = self.retries == 0 && attempts == 1;
        for attempt in 0..attempts {
            let deadline = first + self.timeout * (attempt as u32 + 1);
            if attempt > 0 {
                if !send(&udp.sock) {
                    return Err(Failure::Said(port_unreachable()));
                }
                sent = Instant::now();
                resent = true;
            }
            let mut wait = if one_datagram {
                self.timeout
            } else {
                pace.resend_after()
            };
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                match tokio::time::timeout(wait.min(left), rx.recv()).await {
                    Ok(Some(Delivery::Refused)) => return Err(Failure::Said(port_unreachable())),
                    Ok(Some(Delivery::Reply(bytes))) => {
                        match settle(&bytes, name, rtype, Carried::Udp) {
                            Settled::NotOurs => continue,
                            settled => {
                                if !resent {
                                    // Only unambiguous samples (Karn): a reply after a resend
                                    // may answer either copy.
                                    pace.answered(sent.elapsed());
                                }
                                return Ok(match settled {
                                    Settled::Reply(r) => Some(r),
                                    _ => None,
                                });
                            }
                        }
                    }
                    Ok(None) => return Err(Failure::Timeout),
                    Err(_) if Instant::now() >= deadline => break,
                    Err(_) => {
                        if one_datagram {
                            continue;
                        }
                        pace.lost(sent);
                        slot.take();
                        if !send(&udp.sock) {
                            return Err(Failure::Said(port_unreachable()));
                        }
                        sent = Instant::now();
                        resent = true;
                        wait = wait.saturating_mul(2);
                    }
                }
            }
        }
        Err(Failure::Timeout)
    }

    /// Over TCP or TLS: each attempt on the open connection (a new one when it closed).
    async fn over_stream(
        &self,
        lane: &Lane,
        name: &str,
        rtype: RecordType,
        attempts: usize,
        after_udp: bool,
    ) -> Result<Reply, Failure> {
        let carried = if lane.stream.tls.is_some() {
            Carried::Tls
        } else {
            Carried::Tcp
        };
        let mut last = Failure::Timeout;
        for _ in 0..attempts {
            let deadline = tokio::time::Instant::now() + self.timeout;
            let conn = match lane.stream.connection(deadline).await {
                Ok(c) => c,
                Err(Failure::Timeout) => continue,
                Err(said) => return Err(said),
            };
            let (id, rx) = conn.register();
            let Some(query) = self.encode(id, name, rtype) else {
                conn.forget(id);
                return Err(Failure::said(t!("dns-why-not-a-name")));
            };
            let mut framed = (query.len() as u16).to_be_bytes().to_vec();
            framed.extend_from_slice(&query);
            if conn.out.send(framed).is_err() {
                conn.forget(id);
                last = Failure::said(t!("dns-why-closed"));
                continue;
            }
            match tokio::time::timeout_at(deadline, rx).await {
                Err(_) => {
                    conn.forget(id);
                    last = Failure::Timeout;
                }
                Ok(Err(_)) => {
                    last = Failure::said(t!("dns-why-closed-unanswered"));
                }
                Ok(Ok(bytes)) => match settle(&bytes, name, rtype, carried) {
                    Settled::Reply(mut r) => {
                        if let Some(resp) = r.response.as_mut() {
                            resp.retried_over_tcp = after_udp;
                        }
                        return Ok(r);
                    }
                    Settled::Truncated { .. } => {
                        return Err(Failure::said(t!("dns-why-truncated-over-tcp")));
                    }
                    Settled::NotOurs => {
                        last = Failure::said(t!("dns-why-other-question-tcp"));
                    }
                },
            }
        }
        Err(last)
    }

    /// Over HTTPS: a POST per attempt.
    async fn over_https(
        &self,
        lane: &Lane,
        name: &str,
        rtype: RecordType,
        attempts: usize,
    ) -> Result<Reply, Failure> {
        let Some(https) = &lane.https else {
            return Err(Failure::said(t!("dns-why-not-https")));
        };
        let Some(query) = self.encode(0, name, rtype) else {
            return Err(Failure::said(t!("dns-why-not-a-name")));
        };
        let mut last = Failure::Timeout;
        for _ in 0..attempts {
            let deadline = tokio::time::Instant::now() + self.timeout;
            match https.post(query.clone(), deadline).await {
                Ok(bytes) => {
                    return match settle(&bytes, name, rtype, Carried::Https) {
                        Settled::Reply(r) => Ok(r),
                        Settled::Truncated { .. } => Err(Failure::said(t!("dns-why-truncated"))),
                        Settled::NotOurs => Err(Failure::said(t!("dns-why-other-question"))),
                    };
                }
                Err(Failure::Timeout) => last = Failure::Timeout,
                Err(said) => return Err(said),
            }
        }
        Err(last)
    }
}

impl Resolve for Client {
    async fn lookup(&self, server: usize, name: &str, rtype: RecordType) -> Reply {
        self.ask(server, name, rtype, self.retries + 1).await
    }
}

/// The client making only the attempts left after a first one made elsewhere (the batch
/// engine's): with no retries, a name that needs more than the first is asked once again.
#[derive(Debug)]
pub struct Retries<'c>(pub &'c Client);

impl Resolve for Retries<'_> {
    async fn lookup(&self, server: usize, name: &str, rtype: RecordType) -> Reply {
        self.0.ask(server, name, rtype, self.0.retries.max(1)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply_to(name: &str, rtype: RecordType, edit: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
        let mut q = QueryWriter::new().encode(7, name, rtype).unwrap().to_vec();
        q[2] |= 0x80;
        edit(&mut q);
        q
    }

    #[test]
    fn replies_settle_and_others_are_waited_past() {
        // The query itself (QR clear) is no reply.
        let q = QueryWriter::new()
            .encode(7, "www.example.test.", RecordType::AAAA)
            .unwrap()
            .to_vec();
        assert!(matches!(
            settle(&q, "www.example.test", RecordType::AAAA, Carried::Udp),
            Settled::NotOurs
        ));
        let nodata = reply_to("www.example.test.", RecordType::AAAA, |_| {});
        let Settled::Reply(r) = settle(&nodata, "www.example.test", RecordType::AAAA, Carried::Udp)
        else {
            panic!("a reply");
        };
        assert_eq!(r.status, Status::NoData);
        assert_eq!(r.response.unwrap().size, nodata.len());
        // Another question: not this one's.
        assert!(matches!(
            settle(&nodata, "mail.example.test", RecordType::AAAA, Carried::Udp),
            Settled::NotOurs
        ));
        // Truncated with no answer: a slip.
        let tc = reply_to("www.example.test.", RecordType::AAAA, |m| m[2] |= 0x02);
        assert!(matches!(
            settle(&tc, "www.example.test", RecordType::AAAA, Carried::Udp),
            Settled::Truncated { slip: true }
        ));
        // Garbage after a good header: a bad packet, at once.
        let mut bad = nodata.clone();
        bad[5] = 2; // two questions, one there
        let Settled::Reply(r) = settle(&bad, "www.example.test", RecordType::AAAA, Carried::Udp)
        else {
            panic!("a reply");
        };
        assert_eq!(r.status, Status::Error);
        assert!(
            r.message
                .unwrap()
                .english()
                .starts_with("bad packet: unexpected end of input")
        );
    }
}
