//! `netkit chat server --room --web`: the room in a browser (B/S beside the TCP clients' C/S).
//!
//! An HTTP server (axum on the command's tokio runtime) serves one page, its stylesheet and its
//! script, all embedded in the binary (`web/page.*`; nothing from a CDN), and upgrades `/ws` to a
//! WebSocket that joins the same room as the TCP clients. The page speaks the room's language:
//! each text message it sends is a line as typed (`/nick`, `/who` included), and it receives the
//! JSON frames of [`relay::Said`](super::relay::Said).
//!
//! Browsers always send an Origin with a WebSocket request; only a page served by this room
//! (Origin's host:port equal to the Host header) may join, so a page on another site cannot make
//! a visitor's browser join. A request without an Origin is not from a page (a script, a test
//! client) and is let in, as a TCP client is. On loopback the Host must name loopback too (no DNS
//! rebinding). Messages and frames over `--max-line` close the socket with code 1009.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use axum::Router;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade, close_code};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

use super::console::idle;
use super::relay::{CLOSED, Conn, Delivery, Event, Out};
use crate::net::endpoint::{is_loopback, is_wildcard};
use crate::util::time::human_duration;

/// The page, its style and its script (served from the binary).
const PAGE: &str = include_str!("web/page.html");
const STYLE: &str = include_str!("web/page.css");
const SCRIPT: &str = include_str!("web/page.js");

/// The page may load its own style and script and open a WebSocket to its own origin; nothing
/// else (no inline script, no other site, no frames around it).
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                   img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// How long a browser's frames may take to be written.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, Clone)]
struct Shared {
    events: mpsc::Sender<Event>,
    max_line: usize,
    loopback: bool,
}

/// Serves the page and the WebSocket on `listener` until the task is aborted; new members go to
/// the hub as [`Event::Accepted`].
pub async fn serve(listener: TcpListener, events: mpsc::Sender<Event>, max_line: usize) {
    let loopback = listener.local_addr().is_ok_and(|a| is_loopback(a.ip()));
    let shared = Shared {
        events,
        max_line,
        loopback,
    };
    let app = Router::new()
        .route("/", get(page))
        .route("/page.css", get(style))
        .route("/page.js", get(script))
        .route("/ws", get(upgrade))
        .with_state(shared);
    let _ = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await;
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
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
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
    ws.max_message_size(shared.max_line)
        .max_frame_size(shared.max_line)
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

/// Reads a browser member's messages and passes each line to the hub; reports why it stopped.
pub async fn read_loop(
    mut stream: SplitStream<WebSocket>,
    id: u64,
    events: mpsc::Sender<Event>,
    max_line: usize,
    idle_after: Duration,
) {
    let end = loop {
        let msg = tokio::select! {
            m = stream.next() => m,
            _ = idle(idle_after) => break Event::Left(
                id,
                format!("idle timeout: no message for {}", human_duration(idle_after)),
            ),
        };
        match msg {
            // Pings are answered by the WebSocket layer.
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
            Some(Ok(Message::Text(text))) => {
                // One message is one line as typed; a message holding newlines is several, as
                // it would be from a TCP client (so it can never fake a line of its own).
                for line in text.split('\n') {
                    let line = line.strip_suffix('\r').unwrap_or(line).to_string();
                    if events.send(Event::Line(id, line)).await.is_err() {
                        return;
                    }
                }
            }
            Some(Ok(Message::Binary(_))) => {
                break Event::Broke(
                    id,
                    close_code::UNSUPPORTED,
                    "sent binary data; the room takes text".to_string(),
                );
            }
            Some(Ok(Message::Close(_))) | None => {
                break Event::Left(id, CLOSED.to_string());
            }
            Some(Err(e)) if too_big(&e) => {
                break Event::Broke(
                    id,
                    close_code::SIZE,
                    format!("sent a message over {max_line} bytes"),
                );
            }
            Some(Err(_)) => break Event::Left(id, "connection lost".to_string()),
        }
    };
    let _ = events.send(end).await;
}

/// True when a read failed because a frame or message was over the limit.
fn too_big(e: &axum::Error) -> bool {
    std::error::Error::source(e)
        .and_then(|inner| inner.downcast_ref::<tungstenite::Error>())
        .is_some_and(|e| matches!(e, tungstenite::Error::Capacity(_)))
}

/// Writes a browser member's queue to its socket, many frames per flush when they pile up, and
/// closes it with a close frame when the queue ends (1000) or asks to (its code).
pub async fn write_loop(mut sink: SplitSink<WebSocket, Message>, mut rx: mpsc::Receiver<Out>) {
    let mut close = (close_code::NORMAL, "");
    'queue: while let Some(first) = rx.recv().await {
        let mut batch = 0usize;
        let mut next = Some(first);
        let sent = tokio::time::timeout(WRITE_TIMEOUT, async {
            while let Some(item) = next.take() {
                match item {
                    Out::Say(d) => sink.feed(Message::Text(d.frame.clone())).await?,
                    Out::Close(code, why) => {
                        close = (code, why);
                        return Ok(true);
                    }
                }
                batch += 1;
                if batch < 64 {
                    next = rx.try_recv().ok();
                }
            }
            sink.flush().await.map(|()| false)
        })
        .await;
        match sent {
            Ok(Ok(false)) => {}
            Ok(Ok(true)) => break 'queue,
            _ => return,
        }
    }
    let frame = CloseFrame {
        code: close.0,
        reason: close.1.into(),
    };
    let _ = tokio::time::timeout(WRITE_TIMEOUT, async {
        let _ = sink.send(Message::Close(Some(frame))).await;
        let _ = sink.close().await;
    })
    .await;
}

/// Tells a browser the room is full and closes its socket (1013: try again later).
pub async fn refuse_full(socket: WebSocket, notice: std::sync::Arc<Delivery>) {
    let (sink, _stream) = socket.split();
    let (tx, rx) = mpsc::channel(2);
    let _ = tx.try_send(Out::Say(notice));
    let _ = tx.try_send(Out::Close(close_code::AGAIN, "the room is full"));
    drop(tx);
    write_loop(sink, rx).await;
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
