//! `netkit chat server --room --web`: the room in a browser (B/S beside the TCP clients' C/S).
//!
//! An HTTP server (axum on the command's tokio runtime) serves one page, its stylesheet and its
//! script, all embedded in the binary (`web/page.*`; nothing from a CDN), and upgrades `/ws` to a
//! WebSocket that joins the same room as the TCP clients. The page speaks the room's language:
//! each text message it sends is a line as typed (`/nick`, `/who` included), and it receives the
//! JSON objects of [`relay::Said`](super::relay::Said), one per line of a text message (several
//! when they pile up, as a TCP member gets many lines per write).
//!
//! Browsers always send an Origin with a WebSocket request; only a page served by this room
//! (Origin's host:port equal to the Host header) may join, so a page on another site cannot make
//! a visitor's browser join. A request without an Origin is not from a page (a script, a test
//! client) and is let in, as a TCP client is. On loopback the Host must name loopback too (no DNS
//! rebinding). Messages and frames over `--max-line` close the socket with code 1009, invalid
//! UTF-8 with 1007, a broken protocol with 1002, binary data with 1003.
//!
//! A slowloris (many connections each sending half a request, forever) cannot take the page
//! down: hyper reads each connection with a timer, so a request's head that has not arrived
//! after [`HEADER_TIMEOUT`] closes it; at most [`PER_ADDRESS`] HTTP connections from one address
//! and [`HTTP_CONNECTIONS`] in all are open at once; and an HTTP connection takes no member's
//! place: only a WebSocket that joined counts against `--max-clients`.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade, close_code};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::{SinkExt, StreamExt};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::{Service, service_fn};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, mpsc};

use super::relay::{CLOSED, Closing, Conn, Delivery, Event, Out};
use crate::net::endpoint::{is_loopback, is_wildcard};
use crate::output::one_line;
use crate::util::time::human_duration;

/// The page, its style and its script (served from the binary).
const PAGE: &str = include_str!("web/page.html");
const STYLE: &str = include_str!("web/page.css");
const SCRIPT: &str = include_str!("web/page.js");

/// The page may load its own style and script and open a WebSocket to its own origin; nothing
/// else (no inline script, no other site, no frames around it).
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                   img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The WebSocket layer's read buffer, and how much it gathers before writing to the socket.
const READ_BUFFER: usize = 8 * 1024;
const WRITE_BUFFER: usize = 16 * 1024;

/// How many bytes of frames queued for a browser go in one WebSocket message at most (more when
/// one frame is bigger).
const BATCH: usize = 16 * 1024;

/// How long a browser's frames may take to be written.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, Clone)]
struct Shared {
    events: mpsc::Sender<Event>,
    max_line: usize,
    loopback: bool,
}

/// HTTP connections open at once that have not become WebSockets (page loads, requests being
/// read); more wait in the listen backlog. Members do not count here: once a connection is a
/// WebSocket it is the room's, counted by `--max-clients`.
const HTTP_CONNECTIONS: usize = 256;

/// HTTP connections open at once from one address (an IPv6 /64): a browser opens up to six, so
/// a few browsers behind one NAT fit; more are answered 503 and closed at once.
const PER_ADDRESS: usize = 32;

/// How long a request's head may take to arrive, from the connection's start or the end of the
/// previous response (so also how long an idle keep-alive connection stays).
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a connection may stay HTTP before it is closed (a slow body, a reader that never
/// reads its responses); a WebSocket member is not held to it.
const HTTP_LIFETIME: Duration = Duration::from_secs(60);

/// hyper's read buffer, the most a request's head may take (its floor is 8 KiB).
const HTTP_BUFFER: usize = 16 * 1024;

/// What a connection over [`PER_ADDRESS`] is told before it is closed.
const TOO_MANY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n\
                          Content-Length: 39\r\nConnection: close\r\n\r\n\
                          too many connections from your address\n";

/// Serves the page and the WebSocket on `listener` until the task is aborted; new members go to
/// the hub as [`Event::Accepted`]. Against slowloris: a request's head must arrive within
/// [`HEADER_TIMEOUT`] (hyper's timer), at most [`HTTP_CONNECTIONS`] HTTP connections are open at
/// once and [`PER_ADDRESS`] from one address, and none of them takes a member's place.
pub async fn serve(listener: TcpListener, events: mpsc::Sender<Event>, max_line: usize) {
    let loopback = listener.local_addr().is_ok_and(|a| is_loopback(a.ip()));
    let shared = Shared {
        events: events.clone(),
        max_line,
        loopback,
    };
    let app = TowerToHyperService::new(
        Router::new()
            .route("/", get(page))
            .route("/page.css", get(style))
            .route("/page.js", get(script))
            .route("/ws", get(upgrade))
            .with_state(shared),
    );
    let open = Arc::new(Semaphore::new(HTTP_CONNECTIONS));
    let per_address = Arc::new(PerAddress::default());
    loop {
        // The semaphore is never closed.
        let Ok(slot) = open.clone().acquire_owned().await else {
            return;
        };
        let (stream, addr) = match listener.accept().await {
            Ok(accepted) => accepted,
            // Out of file descriptors and the like: wait a little rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Some(ticket) = per_address.take(addr.ip()) else {
            // Said without waiting: a 503 fits any socket buffer. What the request sent so far
            // is read first, so that the close is a close, not a reset that could discard it.
            let _ = stream.try_read(&mut [0u8; 4096]);
            let _ = stream.try_write(TOO_MANY);
            if per_address.first_refusal(addr.ip()) {
                let why = format!(
                    "more than {PER_ADDRESS} HTTP connections at once from its address; more are \
                     closed until some end"
                );
                let _ = events.try_send(Event::Refused(addr, why));
            }
            continue;
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        tokio::spawn(async move {
            let service = service_fn(move |mut req: Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo(Peer(addr)));
                app.call(req)
            });
            let conn = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .max_buf_size(HTTP_BUFFER)
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            // Ends when the connection closes or becomes a WebSocket (then the member's task
            // has it): either way its HTTP slots are free again.
            let _ = tokio::time::timeout(HTTP_LIFETIME, conn).await;
            drop((slot, ticket));
        });
    }
}

/// The address a request came from.
#[derive(Debug, Clone, Copy)]
struct Peer(SocketAddr);

/// HTTP connections open per address (an IPv6 address by its /64), and whether the operator
/// has been told about that address since it last had none.
#[derive(Debug, Default)]
struct PerAddress {
    open: Mutex<HashMap<IpAddr, (usize, bool)>>,
}

impl PerAddress {
    fn key(ip: IpAddr) -> IpAddr {
        match ip {
            IpAddr::V6(v6) if v6.to_ipv4_mapped().is_none() => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
            IpAddr::V6(v6) => IpAddr::V4(
                v6.to_ipv4_mapped()
                    .unwrap_or(std::net::Ipv4Addr::UNSPECIFIED),
            ),
            v4 => v4,
        }
    }

    /// A place for one more connection from `ip`, None when it has [`PER_ADDRESS`] already.
    fn take(self: &Arc<Self>, ip: IpAddr) -> Option<Ticket> {
        let key = Self::key(ip);
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let entry = open.entry(key).or_default();
        if entry.0 >= PER_ADDRESS {
            return None;
        }
        entry.0 += 1;
        Some(Ticket {
            table: self.clone(),
            key,
        })
    }

    /// True the first time `ip` is refused since it last had no connection open.
    fn first_refusal(&self, ip: IpAddr) -> bool {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        open.get_mut(&Self::key(ip))
            .is_some_and(|entry| !std::mem::replace(&mut entry.1, true))
    }
}

/// One open connection of an address; dropping it frees the place.
#[derive(Debug)]
struct Ticket {
    table: Arc<PerAddress>,
    key: IpAddr,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut open = self.table.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = open.get_mut(&self.key) {
            entry.0 -= 1;
            if entry.0 == 0 {
                open.remove(&self.key);
            }
        }
    }
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CSP),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
        .into_response()
}

async fn page() -> Response {
    asset("text/html; charset=utf-8", PAGE)
}

async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

async fn upgrade(
    State(shared): State<Shared>,
    ConnectInfo(Peer(addr)): ConnectInfo<Peer>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Err(why) = admit(text(header::ORIGIN), text(header::HOST), shared.loopback) {
        let _ = shared.events.try_send(Event::Refused(addr, why.clone()));
        return (StatusCode::FORBIDDEN, format!("{why}\n")).into_response();
    }
    let events = shared.events.clone();
    // A browser's lines are short: small buffers (tungstenite's default is 128 KiB each way)
    // keep a thousand browser members in a few tens of MiB.
    ws.max_message_size(shared.max_line)
        .max_frame_size(shared.max_line)
        .read_buffer_size(READ_BUFFER)
        .write_buffer_size(WRITE_BUFFER)
        .on_upgrade(move |socket| async move {
            let _ = events
                .send(Event::Accepted(Conn::Web(Box::new(socket)), addr))
                .await;
        })
}

/// Whether a WebSocket request may join: its Origin (when it has one) must be this server as the
/// browser reached it, the Host header; on loopback the Host must name loopback. The reason why
/// not, when not.
fn admit(
    origin: Option<&str>,
    host: Option<&str>,
    loopback: bool,
) -> std::result::Result<(), String> {
    let Some(host) = host else {
        return Err("no Host header".to_string());
    };
    if loopback && !names_loopback(host) {
        return Err(format!(
            "Host {host:?} is not this machine (the room listens on loopback)"
        ));
    }
    let Some(origin) = origin else {
        return Ok(());
    };
    let authority = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"));
    match authority {
        Some(a) if a.eq_ignore_ascii_case(host) => Ok(()),
        _ => Err(format!(
            "a page from {origin:?} may not join the room at {host:?} (cross-origin)"
        )),
    }
}

/// True when a Host header (`host[:port]`) names this machine's loopback: `localhost`, a name
/// under `.localhost`, 127.0.0.0/8 or [::1].
fn names_loopback(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    let lower = name.to_ascii_lowercase();
    lower == "localhost"
        || lower.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok_and(is_loopback)
}

/// The URLs people open, for the start-up notice: the listening address, or for a wildcard
/// address this host's own addresses (`others` lists them; loopback comes first).
pub fn urls(local: SocketAddr, others: &[IpAddr]) -> Vec<String> {
    let url = |ip: IpAddr| match ip {
        IpAddr::V4(v4) => format!("http://{v4}:{}/", local.port()),
        IpAddr::V6(v6) => format!("http://[{v6}]:{}/", local.port()),
    };
    if !is_wildcard(local.ip()) {
        return vec![url(local.ip())];
    }
    others
        .iter()
        .filter(|ip| ip.is_ipv4() == local.is_ipv4() || local.is_ipv6())
        .map(|ip| url(*ip))
        .collect()
}

/// One browser member's connection, both ways, in one task (no split socket): reads its messages
/// and passes each line to the hub, and writes its queue, many frames per flush when they pile
/// up. When the queue ends (the hub let the member go) or asks for it ([`Out::Close`]) the socket
/// is closed with a close frame; when the browser goes, the hub is told why and the task waits for
/// the hub to let go of the queue.
pub async fn member(
    mut socket: WebSocket,
    id: u64,
    events: mpsc::Sender<Event>,
    mut rx: mpsc::Receiver<Out>,
    max_line: usize,
    idle_after: Duration,
) {
    let idle_deadline = |now: tokio::time::Instant| now + idle_after;
    let mut deadline = idle_deadline(tokio::time::Instant::now());
    let mut reading = true;
    let close = loop {
        tokio::select! {
            item = rx.recv() => {
                let Some(Out::Say(first)) = item else {
                    // The hub let the member go (its queue drained), or asked to close.
                    break match item {
                        Some(Out::Close(closing)) => closing.frame(),
                        _ => (close_code::NORMAL, ""),
                    };
                };
                // What piled up goes in one message, a frame per line (as a TCP member gets
                // many lines per write); a lone frame goes as it is, shared, uncopied.
                let mut closing = None;
                let mut batch = String::new();
                while batch.len() < BATCH {
                    match rx.try_recv() {
                        Ok(Out::Say(d)) => {
                            if batch.is_empty() {
                                batch.push_str(&first.frame);
                            }
                            batch.push('\n');
                            batch.push_str(&d.frame);
                        }
                        Ok(Out::Close(why)) => {
                            closing = Some(why.frame());
                            break;
                        }
                        Err(_) => break,
                    }
                }
                let text = if batch.is_empty() {
                    first.frame.clone()
                } else {
                    batch.into()
                };
                let sent = tokio::time::timeout(WRITE_TIMEOUT, socket.send(Message::Text(text))).await;
                match (sent, closing) {
                    (Ok(Ok(())), None) => {}
                    (Ok(Ok(())), Some(close)) => break close,
                    _ => {
                        if reading {
                            let _ = events.send(Event::Left(id, "connection lost".into())).await;
                        }
                        return;
                    }
                }
            }
            msg = socket.next(), if reading => {
                let gone = match msg {
                    // Pings are answered by the WebSocket layer.
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => None,
                    Some(Ok(Message::Text(text))) => {
                        deadline = idle_deadline(tokio::time::Instant::now());
                        // One message is one line as typed; a message holding newlines is several,
                        // as it would be from a TCP client (so it can never fake a line of its own).
                        for line in text.split('\n') {
                            let line = line.strip_suffix('\r').unwrap_or(line).to_string();
                            if events.send(Event::Line(id, line)).await.is_err() {
                                return;
                            }
                        }
                        None
                    }
                    Some(Ok(Message::Binary(_))) => Some(Event::Broke(
                        id,
                        Closing::Binary,
                        "sent binary data; the room takes text".to_string(),
                    )),
                    Some(Ok(Message::Close(_))) | None => Some(Event::Left(id, CLOSED.to_string())),
                    Some(Err(e)) => Some(match broke(&e, max_line) {
                        Some((closing, why)) => Event::Broke(id, closing, why),
                        None => Event::Left(id, "connection lost".to_string()),
                    }),
                };
                if let Some(ev) = gone {
                    // Tell the hub, then write what it still sends until it lets go.
                    reading = false;
                    if events.send(ev).await.is_err() {
                        return;
                    }
                }
            }
            _ = tokio::time::sleep_until(deadline), if reading && !idle_after.is_zero() => {
                reading = false;
                let why = format!("idle timeout: no message for {}", human_duration(idle_after));
                if events.send(Event::Left(id, why)).await.is_err() {
                    return;
                }
            }
        }
    };
    let frame = CloseFrame {
        code: close.0,
        reason: close.1.into(),
    };
    let _ = tokio::time::timeout(WRITE_TIMEOUT, async {
        let _ = socket.send(Message::Close(Some(frame))).await;
        let _ = socket.close().await;
    })
    .await;
}

/// How a browser broke the rules of its socket, when a read failed because it did (and why, in
/// words): a frame or message over `max_line` (1009), text that is not UTF-8 (1007), anything
/// else against the WebSocket protocol (1002). None when the connection was just lost.
fn broke(e: &axum::Error, max_line: usize) -> Option<(Closing, String)> {
    use tungstenite::error::{Error as E, ProtocolError as P};
    let inner = std::error::Error::source(e)?.downcast_ref::<E>()?;
    match inner {
        E::Capacity(_) => Some((
            Closing::TooBig,
            format!("sent a message over {max_line} bytes"),
        )),
        E::Utf8(_) => Some((Closing::BadText, "sent text that is not UTF-8".to_string())),
        E::Protocol(P::ResetWithoutClosingHandshake) => None,
        E::Protocol(p) => Some((
            Closing::Protocol,
            format!("broke the WebSocket protocol: {}", one_line(&p.to_string())),
        )),
        _ => None,
    }
}

/// Tells a browser the room is full and closes its socket (1013: try again later).
pub async fn refuse_full(mut socket: WebSocket, notice: Arc<Delivery>) {
    let (code, reason) = Closing::Full.frame();
    let frame = CloseFrame {
        code,
        reason: reason.into(),
    };
    let _ = tokio::time::timeout(WRITE_TIMEOUT, async {
        let _ = socket.send(Message::Text(notice.frame.clone())).await;
        let _ = socket.send(Message::Close(Some(frame))).await;
        let _ = socket.close().await;
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_from_this_room_may_join() {
        let host = Some("127.0.0.1:8080");
        assert!(admit(Some("http://127.0.0.1:8080"), host, true).is_ok());
        // Not a page: a script or a test client.
        assert!(admit(None, host, true).is_ok());
        for other in [
            "http://evil.example",
            "http://127.0.0.1:8081",
            "http://127.0.0.1",
            "null",
            "127.0.0.1:8080",
            "http://127.0.0.1:8080.evil.example",
            "file://",
        ] {
            let why = admit(Some(other), host, true).unwrap_err();
            assert!(why.contains("cross-origin"), "{other}: {why}");
        }
        assert!(admit(Some("http://LOCALHOST:8080"), Some("localhost:8080"), true).is_ok());
        assert!(admit(Some("http://[::1]:8080"), Some("[::1]:8080"), true).is_ok());
        assert!(admit(Some("http://x"), None, false).is_err());
    }

    #[test]
    fn on_loopback_the_host_must_be_loopback() {
        // DNS rebinding: evil.example resolved to 127.0.0.1 after the page loaded.
        let o = Some("http://evil.example:8080");
        let why = admit(o, Some("evil.example:8080"), true).unwrap_err();
        assert!(why.contains("not this machine"), "{why}");
        assert!(admit(o, Some("evil.example:8080"), false).is_ok());
        for h in [
            "localhost",
            "localhost:80",
            "a.localhost:1",
            "127.0.0.2:9",
            "[::1]:80",
            "[::1]",
        ] {
            assert!(names_loopback(h), "{h}");
        }
        for h in ["example.test:80", "192.0.2.1:80", "[2001:db8::1]:80", ""] {
            assert!(!names_loopback(h), "{h}");
        }
    }

    #[test]
    fn the_503_says_its_length() {
        let text = std::str::from_utf8(TOO_MANY).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(
            head.contains(&format!("Content-Length: {}", body.len())),
            "{text}"
        );
    }

    #[test]
    fn addresses_count_by_host_and_ipv6_by_64() {
        let key = |s: &str| PerAddress::key(s.parse().unwrap()).to_string();
        assert_eq!(key("192.0.2.7"), "192.0.2.7");
        assert_eq!(key("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::");
        assert_eq!(key("::ffff:192.0.2.7"), "192.0.2.7");
        let table = Arc::new(PerAddress::default());
        let ip: IpAddr = "2001:db8::1".parse().unwrap();
        let other: IpAddr = "2001:db8::2".parse().unwrap();
        let held: Vec<Ticket> = (0..PER_ADDRESS).map(|_| table.take(ip).unwrap()).collect();
        assert!(table.take(other).is_none(), "the same /64");
        assert!(table.first_refusal(ip));
        assert!(!table.first_refusal(other));
        assert!(table.take("192.0.2.1".parse().unwrap()).is_some());
        drop(held);
        assert!(table.take(ip).is_some());
    }

    #[test]
    fn urls_for_people_to_open() {
        let others: Vec<IpAddr> =
            vec!["192.0.2.7".parse().unwrap(), "2001:db8::7".parse().unwrap()];
        assert_eq!(
            urls("127.0.0.1:8080".parse().unwrap(), &others),
            ["http://127.0.0.1:8080/"]
        );
        assert_eq!(
            urls("0.0.0.0:8080".parse().unwrap(), &others),
            ["http://192.0.2.7:8080/"]
        );
        assert_eq!(
            urls("[::]:80".parse().unwrap(), &others),
            ["http://192.0.2.7:80/", "http://[2001:db8::7]:80/"]
        );
    }
}
