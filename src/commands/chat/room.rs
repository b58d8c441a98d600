//! `netkit chat server --room`: a multi-client chat room, like `ncat --chat` but with nicks,
//! announced joins and leaves, bounded memory and no client able to stall the others. With
//! `--web` browsers join the same room ([`web`]): TCP clients and browsers are members alike.
//!
//! One hub task owns the member list and handles events one at a time; each client has a reader
//! task (socket → lines → hub) and a writer task (bounded queue → socket). A message is formatted
//! once, as a line and as a page frame ([`relay::Delivery`]), and shared by every queue. A client whose queue is full is too slow: it is
//! disconnected instead of making the room wait. Lines longer than `--max-line` are dropped with a
//! notice to the sender, and never buffered whole.
//!
//! The operator's console shows each event once, as a notice on stderr (`* ann left (bye; 1 in
//! the room)`), and the members' text on stdout. Commands ([`command`]) are answered privately to
//! whoever typed them; an unknown `/command` is refused, never relayed.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::mpsc;
use tokio::task::{AbortHandle, JoinHandle};

use super::codec::{self, Frame, LineSplitter};
use super::command::{self, NICK_USAGE, ROOM_HELP, ROOM_WELCOME, Typed};
use super::console::{Console, Input, idle, interrupted, spawn_input};
use super::nick;
use super::relay::{CLOSED, Closing, Conn, Delivery, Event, Out, Said, Via, Whois};
use super::server::{PortFlag, listen, listen_at, listening_notice};
use super::web;
use crate::cli::{ChatServerArgs, Framing};
use crate::error::{Error, Result, exit};
use crate::i18n::t;
use crate::net::endpoint::{is_loopback, is_wildcard};
use crate::output::Ui;
use crate::system::Tables;
use crate::util::time::human_duration;

/// How many members a part of the page's member list holds (about 14 KB of JSON).
const ROSTER_PART: usize = 200;

/// How long a departing client's last lines may take to be written.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug)]
struct Member {
    nick: String,
    /// The nick as compared ([`nick::key`]).
    key: String,
    addr: SocketAddr,
    via: Via,
    tx: mpsc::Sender<Out>,
    /// A TCP member's reader (a browser member's one task is `writer`).
    reader: Option<AbortHandle>,
    writer: JoinHandle<()>,
}

impl Member {
    fn whois(&self) -> Whois {
        Whois {
            nick: self.nick.clone(),
            via: self.via,
            addr: self.addr,
        }
    }
}

/// Runs the room until Ctrl-C or the operator's `/quit`.
pub async fn run(args: &ChatServerArgs, ui: &Ui) -> Result<u8> {
    let ip = args.bind;
    let listener = listen(ip, args.port, args.backlog.max(128))?;
    let web_listener = match args.web {
        Some(addr) => Some(listen_at(addr, args.backlog.max(128), PortFlag::Web)?),
        None => None,
    };
    let console = Console::new(ui, true);
    console.notice(&listening_notice(
        &listener,
        t!("chat-room-for", clients = args.max_clients),
    ));
    if let Some(l) = &web_listener {
        console.notice(&web_notice(l));
    }
    // On a terminal the operator gets a prompt that incoming lines keep clear of.
    console.prompt();
    let (events_tx, mut events) = mpsc::channel::<Event>(1024);
    let web_server = web_listener.map(|l| {
        tokio::spawn(web::serve(
            l,
            events_tx.clone(),
            args.opts.max_line as usize,
        ))
    });
    let acceptor = {
        let tx = events_tx.clone();
        tokio::spawn(async move {
            loop {
                match listener.accept().await {
                    Ok((s, a)) => {
                        if tx.send(Event::Accepted(Conn::Tcp(s), a)).await.is_err() {
                            break;
                        }
                    }
                    // Out of file descriptors and the like: wait a little rather than spin.
                    Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
                }
            }
        })
    };
    let mut hub = Hub {
        members: HashMap::new(),
        next_id: 1,
        events: events_tx,
        args,
        console: &console,
    };
    let mut input = spawn_input(args.opts.max_line as usize);
    let mut input_open = true;
    // On a terminal the operator's line is on the screen already (the terminal echoed it).
    let echo_own = !std::io::stdin().is_terminal();
    let mut handled: u64 = 0;
    let result = loop {
        tokio::select! {
            ev = events.recv() => match ev {
                Some(ev) => {
                    hub.handle(ev);
                    // Let the writers drain their queues between bursts, so a burst of lines
                    // never fills a healthy client's queue before it had a chance to write.
                    handled += 1;
                    if handled.is_multiple_of(16) {
                        tokio::task::yield_now().await;
                    }
                }
                None => {
                    break Err(Error::internal(t!("chat-running-room"), "the accept loop ended"));
                }
            },
            line = input.recv(), if input_open => match line {
                // A room is a service: it keeps running when the operator's input ends.
                None => input_open = false,
                Some(Input::TooLong) => console.notice(&t!("chat-line-too-long").to_string()),
                Some(Input::Line(l)) => match command::parse(&l) {
                    Typed::Quit => break Ok(()),
                    Typed::Text(t) if t == "bye" => break Ok(()),
                    Typed::Text(t) if t.is_empty() => {}
                    Typed::Text(t) => {
                        let said = Said::Message { from: nick::OPERATOR.into(), text: t.into_owned() };
                        if echo_own {
                            console.message(&said.line());
                        }
                        hub.send_all(None, &said);
                    }
                    Typed::Who => hub.who_for_operator(),
                    Typed::Help => console.notice(&t!("chat-operator-help").to_string()),
                    Typed::Nick(_) => console.notice(&t!("chat-operator-nick").to_string()),
                    Typed::Unknown(word) => {
                        console.notice(&t!("chat-unknown-command", word = word).to_string())
                    }
                },
            },
            _ = interrupted() => break Ok(()),
        }
    };
    acceptor.abort();
    if let Some(w) = web_server {
        w.abort();
    }
    hub.close_all("the server is closing the room").await;
    console.notice(&t!("chat-room-closed").to_string());
    console.close();
    result.map(|()| exit::OK)
}

/// The start-up notice of `--web`: where the page is, and on a wider address than loopback the
/// URLs others on the network can open.
fn web_notice(listener: &TcpListener) -> String {
    let Ok(local) = listener.local_addr() else {
        return t!("chat-web-listening").to_string();
    };
    let list = t!("common-list-separator").to_string();
    let here = web::urls(local, &[]);
    if is_loopback(local.ip()) {
        return t!("chat-web-loopback", urls = here.join(&list)).to_string();
    }
    if !is_wildcard(local.ip()) {
        return t!("chat-web-network", urls = here.join(&list)).to_string();
    }
    // Every interface: this host's own addresses (not loopback, not link-local).
    let mine: Vec<std::net::IpAddr> = Tables::open()
        .and_then(|mut n| n.addresses())
        .map(|addrs| {
            addrs
                .into_iter()
                .map(|a| a.address)
                .filter(|ip| !is_loopback(*ip) && !is_link_local(*ip))
                .collect()
        })
        .unwrap_or_default();
    let urls = web::urls(local, &mine);
    if urls.is_empty() {
        t!(
            "chat-web-everywhere-unknown",
            local = local,
            port = local.port()
        )
        .to_string()
    } else {
        let or = t!("chat-or").to_string();
        t!("chat-web-everywhere", local = local, urls = urls.join(&or)).to_string()
    }
}

/// fe80::/10 and 169.254.0.0/16: a URL to them needs a zone, or reaches no one else.
fn is_link_local(ip: std::net::IpAddr) -> bool {
    match ip {
        std::net::IpAddr::V4(v4) => v4.is_link_local(),
        std::net::IpAddr::V6(v6) => (v6.segments()[0] & 0xffc0) == 0xfe80,
    }
}

struct Hub<'a> {
    members: HashMap<u64, Member>,
    next_id: u64,
    events: mpsc::Sender<Event>,
    args: &'a ChatServerArgs,
    console: &'a Console,
}

impl Hub<'_> {
    fn handle(&mut self, ev: Event) {
        match ev {
            Event::Accepted(conn, addr) => self.join(conn, addr),
            Event::Line(id, text) => self.line(id, text),
            Event::TooLong(id) => {
                let max = self.args.opts.max_line;
                self.tell(
                    id,
                    &format!("your line was longer than {max} bytes: dropped"),
                );
                if let Some(m) = self.members.get(&id) {
                    self.console.notice(
                        &t!("chat-member-line-too-long", member = m.addr, max = max).to_string(),
                    );
                }
            }
            Event::Left(id, why) => self.remove(id, &why, None),
            Event::Broke(id, closing, why) => self.remove(id, &why, Some(closing)),
            Event::Refused(addr, why) => self
                .console
                .notice(&t!("chat-refused-member", address = addr, why = why).to_string()),
        }
    }

    fn join(&mut self, conn: Conn, addr: SocketAddr) {
        if self.members.len() >= self.args.max_clients {
            self.console
                .notice(&t!("chat-refused-full", address = addr).to_string());
            let full = Arc::new(Delivery::new(&Said::notice(
                "the room is full, try again later",
            )));
            match conn {
                Conn::Tcp(stream) => {
                    tokio::spawn(async move {
                        let mut s = stream;
                        let _ = s.set_nodelay(true);
                        let msg = full.line.as_bytes();
                        let _ = tokio::time::timeout(WRITE_TIMEOUT, s.write_all(msg)).await;
                        let _ = s.shutdown().await;
                    });
                }
                Conn::Web(socket) => {
                    tokio::spawn(web::refuse_full(*socket, full));
                }
            }
            return;
        }
        let id = self.next_id;
        self.next_id += 1;
        let (tx, rx) = mpsc::channel(self.args.queue as usize);
        let max_line = self.args.opts.max_line as usize;
        // Checked by chat::run before the room opened.
        let idle_after = self.args.opts.idle_timeout;
        let events = self.events.clone();
        let (via, reader, writer) = match conn {
            Conn::Tcp(stream) => {
                let _ = stream.set_nodelay(true);
                let (r, w) = stream.into_split();
                let writer = tokio::spawn(write_loop(w, rx));
                let framing = self.args.opts.framing;
                let reader = tokio::spawn(read_loop(r, id, events, max_line, idle_after, framing));
                (Via::Tcp, Some(reader.abort_handle()), writer)
            }
            Conn::Web(socket) => {
                // One task both ways: letting go of its queue ends it, after a close frame.
                let task = web::member(*socket, id, events, rx, max_line, idle_after);
                (Via::Browser, None, tokio::spawn(task))
            }
        };
        let nick = addr.to_string();
        let others: Vec<&str> = self.members.values().map(|m| m.nick.as_str()).collect();
        let here = if others.is_empty() {
            "nobody else is here".to_string()
        } else {
            format!("{} here: {}", others.len(), others.join(", "))
        };
        let member = Member {
            key: nick::key(&nick),
            nick: nick.clone(),
            addr,
            via,
            tx,
            reader,
            writer,
        };
        let text = format!(
            "{}{nick} ({here}); /nick NAME to rename, /who to list, /help for commands, bye to \
             leave",
            ROOM_WELCOME.trim_start_matches("* ")
        );
        match via {
            Via::Tcp => {
                let welcome = Said::notice(text);
                let _ = member
                    .tx
                    .try_send(Out::Say(Arc::new(Delivery::line_only(&welcome))));
            }
            Via::Browser => {
                // The page's member list, in parts: no frame of a big room's list is big, so
                // no member's WebSocket buffers grow with the room.
                let mut members: Vec<Whois> = self.members.values().map(Member::whois).collect();
                members.push(member.whois());
                members.sort_unstable_by(|a, b| a.nick.cmp(&b.nick));
                let part = ROSTER_PART.max(members.len().div_ceil(self.args.queue as usize / 2));
                let mut parts = members.chunks(part);
                let welcome = Said::Welcome {
                    text,
                    you: nick.clone(),
                    members: parts.next().map(<[Whois]>::to_vec).unwrap_or_default(),
                    max_line: self.args.opts.max_line,
                };
                let _ = member
                    .tx
                    .try_send(Out::Say(Arc::new(Delivery::new(&welcome))));
                for p in parts {
                    let more = Said::Members {
                        members: p.to_vec(),
                    };
                    let _ = member.tx.try_send(Out::Say(Arc::new(Delivery::new(&more))));
                }
            }
        }
        let joined = Said::Joined {
            text: match via {
                Via::Tcp => format!("{nick} joined"),
                Via::Browser => format!("{nick} joined from a browser"),
            },
            member: member.whois(),
        };
        self.members.insert(id, member);
        let joined_notice = match via {
            Via::Tcp => t!("chat-joined", nick = &nick, count = self.members.len()),
            Via::Browser => t!(
                "chat-joined-browser",
                nick = &nick,
                count = self.members.len()
            ),
        };
        self.console.notice(&joined_notice.to_string());
        self.send_all(Some(id), &joined);
    }

    fn line(&mut self, id: u64, text: String) {
        // What one member typed reaches the others with its control characters replaced.
        let text = match codec::printable(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(safe) => safe,
        };
        let Some(nick) = self.members.get(&id).map(|m| m.nick.clone()) else {
            return;
        };
        match command::parse(&text) {
            Typed::Text(t) if t == "bye" => self.leave(id),
            Typed::Quit => self.leave(id),
            Typed::Text(t) if t.is_empty() => {}
            Typed::Text(t) => {
                let said = Said::Message {
                    from: nick,
                    text: t.into_owned(),
                };
                self.console.message(&said.line());
                self.send_all(Some(id), &said);
            }
            Typed::Who => {
                let list = self.who().join(", ");
                self.tell(id, &format!("{} here: {list}", self.members.len()));
            }
            Typed::Help => self.tell(id, ROOM_HELP),
            Typed::Nick(None) => self.tell(id, NICK_USAGE),
            Typed::Nick(Some(new)) => self.rename(id, &nick, new),
            Typed::Unknown(word) => self.tell(id, &command::unknown(word)),
        }
    }

    fn leave(&mut self, id: u64) {
        self.tell(id, "bye");
        self.remove(id, "bye", None);
    }

    fn rename(&mut self, id: u64, old: &str, new: &str) {
        if let Err(why) = nick::check(new) {
            self.tell(id, &format!("cannot use that nick: {why}"));
            return;
        }
        let key = nick::key(new);
        if self
            .members
            .iter()
            .any(|(other, m)| *other != id && m.key == key)
        {
            self.tell(id, &format!("the nick {new} is taken"));
        } else {
            if let Some(m) = self.members.get_mut(&id) {
                m.nick = new.to_string();
                m.key = key;
            }
            let text = format!("{old} is now known as {new}");
            self.console
                .notice(&t!("chat-renamed", old = old, new = new).to_string());
            self.send_all(
                None,
                &Said::Renamed {
                    text,
                    old: old.to_string(),
                    new: new.to_string(),
                },
            );
        }
    }

    /// Each member by nick, with how it is connected and from where:
    /// `ann (TCP client 127.0.0.1:50000)`, `bob (browser 127.0.0.1:50002)`.
    fn who(&self) -> Vec<String> {
        let mut v: Vec<&Member> = self.members.values().collect();
        v.sort_unstable_by(|a, b| a.nick.cmp(&b.nick));
        v.iter()
            .map(|m| format!("{} ({} {})", m.nick, m.via.words(), m.addr))
            .collect()
    }

    fn who_for_operator(&self) {
        let list = self.who().join(", ");
        self.console
            .notice(&t!("chat-who", count = self.members.len(), members = list).to_string());
    }

    /// Sends one notice to one member (dropped when its queue is full).
    fn tell(&self, id: u64, text: &str) {
        if let Some(m) = self.members.get(&id) {
            let _ =
                m.tx.try_send(Out::Say(Arc::new(Delivery::new(&Said::notice(text)))));
        }
    }

    /// Sends what is said to every member but `from` (not to the operator's console: each caller
    /// shows the operator its own version once), and disconnects any member whose queue is full.
    fn send_all(&mut self, from: Option<u64>, said: &Said) {
        // Without --web no one reads the page's frame: render the line alone.
        let delivery = Arc::new(match self.args.web {
            Some(_) => Delivery::new(said),
            None => Delivery::line_only(said),
        });
        let mut slow = Vec::new();
        for (id, m) in &self.members {
            if Some(*id) == from {
                continue;
            }
            if let Err(mpsc::error::TrySendError::Full(_)) =
                m.tx.try_send(Out::Say(delivery.clone()))
            {
                slow.push(*id);
            }
        }
        for id in slow {
            if let Some(m) = self.members.get(&id) {
                // Its queue is full and its socket stuck: close it now.
                m.writer.abort();
            }
            self.remove(id, "too slow: its messages piled up", None);
        }
    }

    /// Removes a member; a browser's socket is closed so when `close` says why.
    fn remove(&mut self, id: u64, why: &str, close: Option<Closing>) {
        let Some(m) = self.members.remove(&id) else {
            return;
        };
        if let Some(r) = &m.reader {
            r.abort();
        }
        if let Some(closing) = close {
            let _ = m.tx.try_send(Out::Close(closing));
        }
        // Dropping `tx` lets the writer send what is queued, then close.
        drop(m.tx);
        self.console.notice(
            &t!(
                "chat-left",
                nick = m.nick.as_str(),
                why = why,
                count = self.members.len()
            )
            .to_string(),
        );
        let text = if why == "bye" || why == CLOSED {
            format!("{} left", m.nick)
        } else {
            format!("{} left ({why})", m.nick)
        };
        self.send_all(None, &Said::Left { text, nick: m.nick });
    }

    async fn close_all(&mut self, farewell: &str) {
        let said = Out::Say(Arc::new(Delivery::new(&Said::notice(farewell))));
        let mut writers = Vec::new();
        for (_, m) in self.members.drain() {
            if let Out::Say(d) = &said {
                let _ = m.tx.try_send(Out::Say(d.clone()));
            }
            let _ = m.tx.try_send(Out::Close(Closing::RoomClosed));
            if let Some(r) = &m.reader {
                r.abort();
            }
            writers.push(m.writer);
        }
        let _ = tokio::time::timeout(Duration::from_secs(1), async {
            for w in writers {
                let _ = w.await;
            }
        })
        .await;
    }
}

/// Reads lines from one client and passes them to the hub; reports why it stopped. With `auto`
/// framing a pause of the client with bytes held ends a line too (the primer's client sends
/// without a newline).
async fn read_loop(
    mut r: OwnedReadHalf,
    id: u64,
    events: mpsc::Sender<Event>,
    max_line: usize,
    idle_after: Duration,
    framing: Framing,
) {
    let mut splitter = LineSplitter::new(max_line);
    let mut buf = vec![0u8; 4096];
    let mut frames = Vec::new();
    let mut last_read = tokio::time::Instant::now();
    let why = loop {
        let pause_at = splitter
            .pause_after()
            .filter(|_| framing == Framing::Auto)
            .map(|d| last_read + d);
        tokio::select! {
            n = r.read(&mut buf) => match n {
                Ok(0) => {
                    frames.extend(splitter.finish());
                    break CLOSED.to_string();
                }
                Ok(n) => {
                    last_read = tokio::time::Instant::now();
                    splitter.push(&buf[..n], &mut frames);
                }
                Err(_) => break "connection lost".to_string(),
            },
            _ = tokio::time::sleep_until(pause_at.unwrap_or(last_read)), if pause_at.is_some() => {
                frames.extend(splitter.pause());
            }
            _ = idle(idle_after) => {
                break format!("idle timeout: no message for {}", human_duration(idle_after));
            }
        }
        for f in frames.drain(..) {
            let ev = match f {
                Frame::Line(l) => Event::Line(id, l),
                Frame::TooLong => Event::TooLong(id),
            };
            if events.send(ev).await.is_err() {
                return;
            }
        }
    };
    for f in frames.drain(..) {
        if let Frame::Line(l) = f {
            let _ = events.send(Event::Line(id, l)).await;
        }
    }
    let _ = events.send(Event::Left(id, why)).await;
}

/// Writes a client's queue to its socket, many lines per write when they pile up. The batch
/// buffer lives only while there is something to write, so an idle client costs no buffer.
async fn write_loop(mut w: OwnedWriteHalf, mut rx: mpsc::Receiver<Out>) {
    while let Some(Out::Say(first)) = rx.recv().await {
        let mut out = Vec::with_capacity(first.line.len().max(512));
        out.extend_from_slice(first.line.as_bytes());
        let mut closing = false;
        while out.len() < 16384 {
            match rx.try_recv() {
                Ok(Out::Say(d)) => out.extend_from_slice(d.line.as_bytes()),
                Ok(Out::Close(..)) => {
                    closing = true;
                    break;
                }
                Err(_) => break,
            }
        }
        match tokio::time::timeout(WRITE_TIMEOUT, w.write_all(&out)).await {
            Ok(Ok(())) if !closing => {}
            Ok(Ok(())) => break,
            _ => return,
        }
    }
    let _ = tokio::time::timeout(WRITE_TIMEOUT, w.shutdown()).await;
}
