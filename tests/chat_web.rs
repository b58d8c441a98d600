//! `netkit chat server --room --web`: browsers (B/S) and TCP clients (C/S) in one room. The
//! browser side is played by a WebSocket client (tungstenite) speaking to `/ws` as the page does,
//! and in the last test by headless Chromium running the real page. Every wait has a deadline;
//! every child is killed when a test fails.

use std::io::{Read, Write};
use std::net::TcpStream;

use serde_json::Value;
use tungstenite::protocol::frame::coding::CloseCode;
use tungstenite::{Message, WebSocket};

use crate::chat::{Proc, WAIT, interrupt, netkit_cmd, nick_in, room_client};
use crate::common::browser::Browser;
use crate::common::*;

/// A room with a web page on a free port: the server, its TCP address and its web address.
fn web_room(extra: &[&str]) -> (Proc, String, String) {
    let mut args = vec![
        "chat",
        "server",
        "--room",
        "--port",
        "0",
        "--web",
        "127.0.0.1:0",
    ];
    args.extend_from_slice(extra);
    let mut p = Proc::spawn("netkit room", netkit_cmd(&args));
    let tcp = p
        .err("listening on")
        .split_whitespace()
        .nth(3)
        .expect("address in the listening notice")
        .to_string();
    let line = p.err("web page on http://");
    let web = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no web address in {line:?}"))
        .to_string();
    (p, tcp, web)
}

/// A browser-side member: a WebSocket to `/ws`, reading the room's JSON objects (one per line of
/// a text message).
struct Page {
    ws: WebSocket<TcpStream>,
    seen: Vec<String>,
    pending: std::collections::VecDeque<Value>,
}

/// Opens `/ws` on `web` with this Origin (None: like a script, no Origin).
fn connect(web: &str, origin: Option<&str>) -> Result<Page, tungstenite::Error> {
    use tungstenite::client::IntoClientRequest;
    let mut req = format!("ws://{web}/ws").into_client_request().unwrap();
    if let Some(o) = origin {
        req.headers_mut().insert("Origin", o.parse().unwrap());
    }
    let stream = TcpStream::connect(web).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    stream.set_write_timeout(Some(WAIT)).unwrap();
    match tungstenite::client(req, stream) {
        Ok((ws, _)) => Ok(Page {
            ws,
            seen: Vec::new(),
            pending: Default::default(),
        }),
        Err(tungstenite::HandshakeError::Failure(e)) => Err(e),
        Err(tungstenite::HandshakeError::Interrupted(_)) => panic!("handshake interrupted"),
    }
}

/// A browser-side member from the room's own page, once its welcome has arrived; returns the
/// member and its nick.
fn page_member(web: &str) -> (Page, String) {
    let mut p = connect(web, Some(&format!("http://{web}"))).expect("same-origin page joins");
    let welcome = p.expect("welcome");
    let nick = welcome["you"].as_str().expect("you").to_string();
    (p, nick)
}

/// How a frame reads as a line (what a TCP client gets for it).
fn as_line(v: &Value) -> String {
    match v["type"].as_str() {
        Some("message") => format!(
            "<{}> {}",
            v["from"].as_str().unwrap_or("?"),
            v["text"].as_str().unwrap_or("")
        ),
        _ => format!("* {}", v["text"].as_str().unwrap_or("")),
    }
}

impl Page {
    fn send(&mut self, text: &str) {
        self.ws
            .send(Message::text(text))
            .unwrap_or_else(|e| panic!("sending {text:?}: {e}; saw {:#?}", self.seen));
    }

    /// The next frame (a read timeout fails the test).
    fn next(&mut self) -> Message {
        match self.ws.read() {
            Ok(m) => m,
            Err(e) => panic!("reading the socket: {e}; saw {:#?}", self.seen),
        }
    }

    /// Waits for a JSON object that reads as a line containing `needle`; returns it.
    fn expect(&mut self, needle: &str) -> Value {
        loop {
            if let Some(v) = self.pending.pop_front() {
                let line = as_line(&v);
                self.seen.push(line.clone());
                if line.contains(needle) {
                    return v;
                }
                continue;
            }
            match self.next() {
                Message::Text(t) => {
                    for part in t.as_str().split('\n') {
                        let v: Value = serde_json::from_str(part)
                            .unwrap_or_else(|e| panic!("not JSON: {part:?}: {e}"));
                        self.pending.push_back(v);
                    }
                }
                Message::Close(c) => {
                    panic!("closed ({c:?}) before {needle:?}; saw {:#?}", self.seen)
                }
                _ => {}
            }
        }
    }

    /// Reads until the server's close frame; returns its code and reason.
    fn closed(&mut self) -> (CloseCode, String) {
        loop {
            match self.ws.read() {
                Ok(Message::Close(Some(c))) => return (c.code, c.reason.to_string()),
                Ok(Message::Close(None)) => panic!("a close frame without a code"),
                Ok(Message::Text(t)) => self.seen.push(t.to_string()),
                Ok(_) => {}
                Err(e) => panic!("no close frame: {e}; saw {:#?}", self.seen),
            }
        }
    }
}

#[test]
fn browser_and_tcp_members_share_one_room() {
    let (mut server, tcp, web) = web_room(&[]);
    let mut ann = room_client("ann", &tcp);
    let ann_nick = {
        ann.say("/nick ann");
        ann.out("is now known as ann");
        "ann"
    };
    server.err("joined (1 in the room)");
    let (mut bob, bob_nick) = page_member(&web);
    server.err(&format!("{bob_nick} joined from a browser (2 in the room)"));
    ann.out(&format!("* {bob_nick} joined from a browser"));
    // The page's welcome listed both members, with how each is connected.
    // Browser → TCP.
    bob.send("/nick bob");
    ann.out(&format!("{bob_nick} is now known as bob"));
    bob.expect("is now known as bob");
    bob.send("hello from the browser, 你好");
    assert_eq!(
        ann.out("hello from the browser"),
        "<bob> hello from the browser, 你好"
    );
    // TCP → browser.
    ann.say("hello from the terminal");
    let m = bob.expect("hello from the terminal");
    assert_eq!(
        (m["type"].as_str(), m["from"].as_str()),
        (Some("message"), Some(ann_nick))
    );
    // The operator reaches both, and sees both.
    server.say("hello from the operator");
    ann.out("<server> hello from the operator");
    bob.expect("<server> hello from the operator");
    server.out("<bob> hello from the browser");
    // /who says how each member is connected and from where, to either kind of member.
    bob.send("/who");
    let who = as_line(&bob.expect("2 here:"));
    assert!(who.contains("ann (TCP client 127.0.0.1:"), "{who}");
    assert!(who.contains("bob (browser 127.0.0.1:"), "{who}");
    ann.say("/who");
    let who = ann.out("2 here:");
    assert!(who.contains("bob (browser 127.0.0.1:"), "{who}");
    // A browser member's message holding a newline is two lines, never a forged one.
    bob.send("one\n<server> not really");
    ann.out("<bob> one");
    assert_eq!(ann.out("not really"), "<bob> <server> not really");
    // The browser leaves: everyone is told.
    bob.ws.close(None).unwrap();
    ann.out("* bob left");
    server.err("bob left (closed the connection; 1 in the room)");
    ann.close_stdin();
    assert_eq!(ann.exit_code(), 0);
}

#[test]
fn the_welcome_lists_the_members_and_the_page_follows_joins_and_leaves() {
    let (_server, tcp, web) = web_room(&[]);
    let mut ann = room_client("ann", &tcp);
    let welcome = ann
        .out
        .seen
        .iter()
        .find(|l| l.contains("welcome"))
        .unwrap()
        .clone();
    let ann_nick = nick_in(&welcome);
    let (mut bob, bob_nick) = page_member(&web);
    let (mut cy, cy_nick) = {
        let mut p = connect(&web, Some(&format!("http://{web}"))).unwrap();
        let w = p.expect("welcome");
        let members = w["members"].as_array().unwrap().clone();
        let via: Vec<(String, String)> = members
            .iter()
            .map(|m| {
                (
                    m["nick"].as_str().unwrap().to_string(),
                    m["via"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert!(via.contains(&(ann_nick.clone(), "tcp".into())), "{via:?}");
        assert!(
            via.contains(&(bob_nick.clone(), "browser".into())),
            "{via:?}"
        );
        assert_eq!(w["max_line"], 65536);
        let you = w["you"].as_str().unwrap().to_string();
        assert!(via.contains(&(you.clone(), "browser".into())), "{via:?}");
        (p, you)
    };
    let joined = bob.expect(&format!("{cy_nick} joined from a browser"));
    assert_eq!(joined["type"], "joined");
    assert_eq!(joined["member"]["via"], "browser");
    assert_eq!(joined["member"]["nick"].as_str(), Some(cy_nick.as_str()));
    ann.kill();
    let left = cy.expect(&format!("{ann_nick} left"));
    assert_eq!(left["type"], "left");
    assert_eq!(left["nick"].as_str(), Some(ann_nick.as_str()));
    cy.send("bye");
    cy.expect("bye");
    assert_eq!(cy.closed().0, CloseCode::Normal);
    bob.expect(&format!("{cy_nick} left"));
}

#[test]
fn a_big_room_lists_its_members_to_the_page_in_parts() {
    let (mut server, tcp, web) = web_room(&["--max-clients", "300"]);
    let tcp_members: Vec<TcpStream> = (0..250)
        .map(|_| TcpStream::connect(&tcp).unwrap())
        .collect();
    server.err("joined (250 in the room)");
    let mut page = connect(&web, Some(&format!("http://{web}"))).unwrap();
    let welcome = page.expect("welcome");
    let mut listed = welcome["members"].as_array().unwrap().len();
    assert!(
        listed < 251,
        "the welcome carries the first part only: {listed}"
    );
    while listed < 251 {
        let part = page.pending.pop_front().unwrap_or_else(|| {
            let Message::Text(t) = page.next() else {
                panic!("only {listed} members listed")
            };
            serde_json::from_str(t.as_str()).unwrap()
        });
        assert_eq!(part["type"], "members", "{part}");
        listed += part["members"].as_array().unwrap().len();
    }
    assert_eq!(listed, 251);
    drop(tcp_members);
}

#[test]
fn a_page_from_another_site_cannot_join() {
    let (mut server, _tcp, web) = web_room(&[]);
    for origin in ["http://evil.example", "http://127.0.0.1:1", "null"] {
        match connect(&web, Some(origin)) {
            Err(tungstenite::Error::Http(resp)) => {
                assert_eq!(resp.status(), 403, "{origin}");
                let body =
                    String::from_utf8_lossy(resp.body().as_deref().unwrap_or_default()).to_string();
                assert!(body.contains("cross-origin"), "{origin}: {body}");
            }
            Err(e) => panic!("{origin}: {e}"),
            Ok(_) => panic!("{origin} joined"),
        }
        server.err("may not join the room");
    }
    // DNS rebinding: a foreign name for this loopback address is refused too.
    use tungstenite::client::IntoClientRequest;
    let mut req = format!("ws://{web}/ws").into_client_request().unwrap();
    req.headers_mut()
        .insert("Host", "evil.example:80".parse().unwrap());
    req.headers_mut()
        .insert("Origin", "http://evil.example:80".parse().unwrap());
    let stream = TcpStream::connect(&web).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    match tungstenite::client(req, stream) {
        Err(tungstenite::HandshakeError::Failure(tungstenite::Error::Http(resp))) => {
            assert_eq!(resp.status(), 403)
        }
        other => panic!("a rebound name joined: {:?}", other.is_ok()),
    }
    server.err("is not this machine");
    // The room's own page, and a client without an Origin (not a page), may join.
    page_member(&web);
    let mut script = connect(&web, None).expect("no Origin: not a page");
    script.expect("welcome");
}

#[test]
fn the_page_is_served_from_the_binary_with_a_strict_policy() {
    let (_server, _tcp, web) = web_room(&[]);
    let get = |path: &str| http_get(&web, path);
    let page = get("/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let head = page.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(
        head.contains("content-security-policy: default-src 'none'; script-src 'self'"),
        "{head}"
    );
    assert!(page.contains("<script src=\"/page.js\""), "{page}");
    // Nothing is loaded from elsewhere.
    assert!(
        !page.contains("https://") && !page.contains("http://"),
        "{page}"
    );
    let js = get("/page.js");
    assert!(js.starts_with("HTTP/1.1 200"), "{js}");
    assert!(js.contains("new WebSocket("), "{js}");
    // Peer text is only ever set as text.
    assert!(!js.contains("innerHTML") && !js.contains("insertAdjacentHTML"));
    assert!(get("/page.css").contains("text/css"));
    assert!(get("/nothing").starts_with("HTTP/1.1 404"));
}

#[test]
fn a_message_over_the_line_limit_closes_the_socket_with_1009() {
    let (mut server, tcp, web) = web_room(&["--max-line", "1024"]);
    let mut ann = room_client("ann", &tcp);
    let (mut big, nick) = page_member(&web);
    ann.out("joined from a browser");
    // Exactly the limit is fine.
    big.send(&"x".repeat(1024));
    assert_eq!(ann.out("xxxx").len(), nick.len() + 3 + 1024);
    big.send(&"y".repeat(1025));
    let (code, reason) = big.closed();
    assert_eq!(code, CloseCode::Size, "{reason}");
    assert_eq!(reason, "message too big");
    ann.out(&format!("* {nick} left (sent a message over 1024 bytes)"));
    server.err("left (sent a message over 1024 bytes; 1 in the room)");
    assert!(!ann.out.seen.iter().any(|l| l.contains("yyyy")));
}

#[test]
fn a_huge_frame_is_refused_from_its_header_with_bounded_memory() {
    let (mut server, _tcp, web) = web_room(&[]);
    let (mut page, nick) = page_member(&web);
    let before = server.peak_kib();
    // A 32 MiB message: refused as soon as its frame header says so. The server closes while
    // the client is still writing, so the write may fail; either way the room is unharmed.
    let _ = page.ws.send(Message::text("z".repeat(32 << 20)));
    server.err(&format!("{nick} left (sent a message over 65536 bytes"));
    let growth = server.peak_kib().saturating_sub(before);
    assert!(growth < 8 * 1024, "server peak memory grew by {growth} KiB");
    page_member(&web);
}

/// A TCP connection to `to` from the loopback address `from` (127.0.0.0/8 is all this host's).
fn connect_from(from: &str, to: &str) -> TcpStream {
    use socket2::{Domain, Socket, Type};
    let to: std::net::SocketAddr = to.parse().unwrap();
    let s = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    let local: std::net::SocketAddr = format!("{from}:0").parse().unwrap();
    s.bind(&local.into()).unwrap();
    s.connect_timeout(&to.into(), WAIT).unwrap();
    s.set_nonblocking(false).unwrap();
    s.into()
}

/// Fetches `path` from the room's web server as a fresh HTTP/1.1 client; the whole response.
fn http_get(web: &str, path: &str) -> String {
    let mut s = TcpStream::connect(web).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {web}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut r = String::new();
    s.read_to_string(&mut r).unwrap();
    r
}

/// Issue 25 item 4: 170 connections that each sent half an HTTP header made the page and `/ws`
/// unreachable for as long as they stayed. Now (from 170 addresses, and 40 more from one) the
/// page and a WebSocket member get through while they hang; the room's only member slot is not
/// theirs; one address gets at most 32 connections; and every half header is closed after the
/// header-read timeout (10 s).
#[test]
fn a_slowloris_cannot_take_the_page_down() {
    let (mut server, _tcp, web) = web_room(&["--max-clients", "1"]);
    let base = server.open_fds();
    let started = std::time::Instant::now();
    let half = format!("GET / HTTP/1.1\r\nHost: {web}\r\nUser-Agent: slow");
    let mut hanging: Vec<TcpStream> = (1..=170)
        .map(|n| {
            let mut s = connect_from(&format!("127.0.1.{n}"), &web);
            s.write_all(half.as_bytes()).unwrap();
            s
        })
        .collect();
    // One address with 40: 32 are served (and hang), the rest told 503 at once.
    for _ in 0..32 {
        let mut s = connect_from("127.0.0.2", &web);
        s.write_all(half.as_bytes()).unwrap();
        hanging.push(s);
    }
    for _ in 0..8 {
        let mut s = connect_from("127.0.0.2", &web);
        let _ = s.write_all(half.as_bytes());
        s.set_read_timeout(Some(WAIT)).unwrap();
        let mut got = Vec::new();
        // The answer, then the close (or a reset, should the request arrive after the close).
        let _ = s.read_to_end(&mut got);
        assert!(
            got.starts_with(b"HTTP/1.1 503 Service Unavailable"),
            "{:?}",
            String::from_utf8_lossy(&got)
        );
    }
    server.err("127.0.0.2:");
    assert!(
        server
            .err
            .seen
            .last()
            .is_some_and(|l| l.contains("refused: more than 32 HTTP connections at once")),
        "{:#?}",
        server.err.seen
    );
    // The page and the room, meanwhile.
    let page = http_get(&web, "/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let (mut member, nick) = page_member(&web);
    server.err(&format!("{nick} joined from a browser (1 in the room)"));
    member.send("/who");
    member.expect("1 here:");
    // The half headers are closed by the server once the header-read timeout has passed.
    for s in &mut hanging {
        s.set_read_timeout(Some(WAIT)).unwrap();
        let mut buf = [0u8; 512];
        let closed = matches!(s.read(&mut buf), Ok(0) | Err(_))
            || matches!(s.read(&mut buf), Ok(0) | Err(_));
        assert!(closed, "a half header still open");
    }
    let waited = started.elapsed();
    assert!(
        waited < std::time::Duration::from_secs(14),
        "closed after {waited:?}"
    );
    // Nothing of them is left on the server: its descriptors are its own and the member's.
    let deadline = std::time::Instant::now() + WAIT;
    while server.open_fds() > base + 1 {
        assert!(
            std::time::Instant::now() < deadline,
            "{} descriptors left",
            server.open_fds() - base
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // The member is still there, and the page loads again.
    member.send("still here");
    member.send("/who");
    member.expect("1 here:");
    assert!(http_get(&web, "/page.js").starts_with("HTTP/1.1 200"));
}

/// Writes one masked client frame (`first` is FIN, RSV and the opcode) by hand.
fn raw_frame(ws: &mut WebSocket<TcpStream>, first: u8, payload: &[u8]) {
    let mask = [0x37, 0xfa, 0x21, 0x3d];
    assert!(payload.len() < 126);
    let mut f = vec![first, 0x80 | payload.len() as u8];
    f.extend_from_slice(&mask);
    f.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
    ws.get_mut().write_all(&f).unwrap();
}

/// Issue 25: a socket that sent text that is not UTF-8 was closed with 1000; it is 1007, and a
/// protocol error (reserved bits set, a fragmented ping) is 1002.
#[test]
fn invalid_utf8_closes_with_1007_and_protocol_errors_with_1002() {
    let (mut server, _tcp, web) = web_room(&[]);
    let (mut page, nick) = page_member(&web);
    raw_frame(&mut page.ws, 0x81, b"bad \xff\xfe text");
    let (code, reason) = page.closed();
    assert_eq!(code, CloseCode::Invalid, "{reason}");
    assert_eq!(reason, "invalid UTF-8");
    server.err(&format!(
        "{nick} left (sent text that is not UTF-8; 0 in the room)"
    ));
    for (first, what) in [(0xc1, "reserved bits"), (0x09, "a fragmented ping")] {
        let (mut page, nick) = page_member(&web);
        raw_frame(&mut page.ws, first, b"x");
        let (code, reason) = page.closed();
        assert_eq!(code, CloseCode::Protocol, "{what}: {reason}");
        assert_eq!(reason, "protocol error");
        server.err(&format!("{nick} left (broke the WebSocket protocol"));
    }
}

#[test]
fn binary_frames_close_the_socket_with_1003() {
    let (mut server, _tcp, web) = web_room(&[]);
    let (mut page, nick) = page_member(&web);
    page.ws.send(Message::binary(vec![1, 2, 3])).unwrap();
    let (code, _) = page.closed();
    assert_eq!(code, CloseCode::Unsupported);
    server.err(&format!(
        "{nick} left (sent binary data; the room takes text"
    ));
}

#[test]
fn a_browser_that_does_not_read_is_disconnected_and_the_room_goes_on() {
    let (mut server, tcp, web) = web_room(&["--queue", "32"]);
    // Joins and never reads.
    let (_stuck, stuck_nick) = page_member(&web);
    let mut talker = TcpStream::connect(&tcp).unwrap();
    server.err("joined (2 in the room)");
    let (stop, flood) = crate::chat::flood(&talker);
    server.err(&format!("{stuck_nick} left (too slow"));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    flood.join().unwrap();
    let (mut watcher, _) = page_member(&web);
    talker.write_all(b"done\n").unwrap();
    watcher.expect("> done");
}

#[test]
fn max_clients_counts_browsers_and_tcp_clients_together() {
    let (mut server, tcp, web) = web_room(&["--max-clients", "2"]);
    let _ann = room_client("ann", &tcp);
    let (_bob, _) = page_member(&web);
    server.err("(2 in the room)");
    let mut third = connect(&web, Some(&format!("http://{web}"))).unwrap();
    third.expect("the room is full");
    assert_eq!(third.closed().0, CloseCode::Again);
    let mut fourth = Proc::spawn("fourth", netkit_cmd(&["chat", "client", &tcp]));
    fourth.out("room is full");
    fourth.close_stdin();
    assert_eq!(fourth.exit_code(), 0);
    server.err("refused: the room is full");
}

#[test]
fn closing_the_room_tells_browsers_and_closes_with_1001() {
    let (server, _tcp, web) = web_room(&[]);
    let (mut page, _) = page_member(&web);
    interrupt(&server);
    page.expect("the server is closing the room");
    assert_eq!(page.closed().0, CloseCode::Away);
    let mut server = server;
    assert_eq!(server.exit_code(), 0);
}

#[test]
fn web_usage_errors_and_a_web_port_in_use() {
    let o = run(&["chat", "server", "--web"]);
    assert_eq!(code(&o), 2, "--web needs --room: {}", stderr(&o));
    for bad in [
        "127.0.0.1",
        "::1:8080",
        "example.test:8080",
        "127.0.0.1:99999",
    ] {
        let o = run(&["chat", "server", "--room", "--web", bad]);
        assert_eq!(code(&o), 2, "{bad}: {}", stderr(&o));
        assert_eq!(stderr(&o).lines().count(), 1, "{bad}: {}", stderr(&o));
    }
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let o = run(&["chat", "server", "--room", "--port", "0", "--web", &addr]);
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("cannot listen on {addr}")) && err.contains("--web ADDR:PORT"),
        "{err}"
    );
}

/// Issue 16: the real page in a real browser (headless Chromium): typed text reaches a
/// `netkit chat client`, a TCP client's line appears in the page, and a nickname carrying HTML
/// is shown as text. Skips with a message when Chromium is missing or cannot start, unless
/// NETKIT_REQUIRE_NETNS=1 or CI is set.
#[test]
fn the_page_in_headless_chromium_talks_with_a_tcp_client() {
    let Some(mut browser) = Browser::launch_or_skip("the_page_in_headless_chromium") else {
        return;
    };
    let (mut server, tcp, web) = web_room(&[]);
    let mut ann = room_client("ann", &tcp);
    ann.say("/nick ann");
    ann.out("is now known as ann");
    let url = format!("http://{web}/");
    let tab = browser.open(&url);
    // The page joined: the TCP client is told, and the page shows its welcome.
    let page_nick = {
        let line = ann.out("joined from a browser");
        line.trim_start_matches("* ")
            .split_whitespace()
            .next()
            .unwrap()
            .to_string()
    };
    browser.wait_for(
        &tab,
        "document.getElementById('status').textContent.startsWith('you are')",
    );
    // Typed in the page, seen by the TCP client.
    browser.type_line(&tab, "#line", "hello from chromium, 你好");
    assert_eq!(
        ann.out("hello from chromium"),
        format!("<{page_nick}> hello from chromium, 你好")
    );
    // A TCP client's line appears in the page.
    ann.say("hello from the terminal");
    browser.wait_for(
        &tab,
        "[...document.querySelectorAll('#messages li')].some(li => li.textContent === '<ann>hello from the terminal')",
    );
    // A hostile nick and message are shown as text, not markup.
    // A nick may not start with '<' nor hold '>', but it may hold the rest of a tag.
    let evil = "i<img/src/onerror=alert(1)//";
    ann.say(&format!("/nick {evil}"));
    ann.out("is now known as");
    ann.say("<b>bold?</b><script>document.title='pwned'</script>");
    browser.wait_for(
        &tab,
        &format!(
            "[...document.querySelectorAll('#messages li')].some(li => li.textContent === {})",
            serde_json::to_string(&format!(
                "<{evil}><b>bold?</b><script>document.title='pwned'</script>"
            ))
            .unwrap()
        ),
    );
    browser.wait_for(
        &tab,
        &format!(
            "[...document.querySelectorAll('#members li')].some(li => li.textContent.includes({}))",
            serde_json::to_string(evil).unwrap()
        ),
    );
    let injected = browser.eval(
        &tab,
        "document.querySelectorAll('#messages img, #messages b, #messages script, #members img').length",
    );
    assert_eq!(injected, 0, "markup from the network was parsed");
    assert_eq!(browser.eval(&tab, "document.title"), "netkit chat");
    // The member list shows both kinds of member.
    let via = browser.eval(
        &tab,
        "[...document.querySelectorAll('#members li')].map(li => li.dataset.via).sort().join(',')",
    );
    assert_eq!(via, "browser,tcp");
    // At a phone's width nothing sticks out sideways, and the input is on the screen.
    let fits = browser.eval(
        &tab,
        "document.documentElement.scrollWidth <= window.innerWidth && \
         document.getElementById('line').getBoundingClientRect().right <= window.innerWidth && \
         document.getElementById('line').getBoundingClientRect().bottom <= window.innerHeight",
    );
    assert_eq!(fits, true, "the page does not fit a phone's width");
    let shot = browser.screenshot(&tab, "chat_web.png");
    assert!(
        std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0) > 1000,
        "screenshot at {}",
        shot.display()
    );
    eprintln!("screenshot: {}", shot.display());
    server.err(&format!("{page_nick} joined from a browser"));
    // The server restarts on the same address: the page joins again by itself.
    interrupt(&server);
    assert_eq!(server.exit_code(), 0);
    browser.wait_for(
        &tab,
        "document.getElementById('status').textContent.startsWith('disconnected')",
    );
    let mut again = Proc::spawn(
        "netkit room again",
        netkit_cmd(&["chat", "server", "--room", "--port", "0", "--web", &web]),
    );
    again.err("joined from a browser (1 in the room)");
    browser.wait_for(
        &tab,
        "document.getElementById('status').textContent.startsWith('you are')",
    );
}
