//! A two-party conversation over one TCP connection, the same for the server and the client.
//!
//! How messages are framed ([`Framing`]):
//! - `auto` (the default) reads a message up to a newline, or up to a pause of the peer with
//!   bytes held ([`PAUSE`](super::codec::PAUSE): what one `recv(1024)` of the primer's programs returns). The peer's
//!   first message decides how this side answers: after a newline, in lines, both sides talking
//!   at any time; without one, the primer's way (the peer took its turn and waits in `recv`): one
//!   `send()` per message, no newline, one message per turn. Which one is said in a notice.
//!   Until the peer has said anything, typed lines go as lines (but a "bye" bare, so that the
//!   primer's server, which ends on exactly `bye`, ends).
//! - `line`: newline-terminated lines only, both sides at any time.
//! - `raw`: the primer's protocol from the start: one read is one message, the sides take turns
//!   (the client first).
//!
//! With turns, a line typed while the peer has the turn is held, with a notice, and goes when
//! the peer has answered; the prompt shows only on this side's turn. "bye" from either side ends
//! the conversation. What the peer says is shown after its label, its address
//! (`<127.0.0.1:50000> hello`), line by line: it never looks like a notice of netkit's own.
//!
//! What the local user types is read by [`command`]: a room command (`/who`, `/nick`, `/help`) is
//! answered here with a notice, since this is a conversation with one peer, and an unknown
//! `/command` is refused; neither is sent (`//text` sends `/text`). What the peer sends is never
//! read as a command. A client may have reached a room: once the room's welcome is its first
//! line, every typed line goes to the room as typed, and the room answers commands.
//!
//! A client whose server never says a word may be waiting in the server's listen backlog (the
//! primer's server talks with one client at a time; `listen(5)` lets the next callers wait): it
//! says so after a while, and a reset before the server said anything is explained so.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio::time::Instant;

use super::codec::{Frame, LineSplitter, MID_CHAR, Utf8Stream};
use super::command::{self, ROOM_WELCOME, Typed};
use super::console::{Console, Input, idle, interrupted};
use crate::cli::{ChatOpts, Framing};
use crate::error::{Cause, Error, Result};
use crate::i18n::t;
use crate::util::time::human_duration;

/// The primer's programs read with `recv(1024)`.
const PRIMER_RECV: usize = 1024;

/// How long a client that does not know yet whether it reached a room holds a typed `/` line,
/// waiting for the server's first line (a room welcomes at once; a one-peer server says nothing).
const HOLD: Duration = Duration::from_secs(1);

/// How long after a client's first message, with not a byte from the server, it says it may be
/// waiting in the server's listen backlog.
const BACKLOG_HINT: Duration = Duration::from_secs(5);

/// How long replies are still shown after the end of our input (lines: a half-close).
const DRAIN: Duration = Duration::from_secs(1);

/// Who speaks first in raw framing (the primer's client does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum First {
    /// This side sends the first message.
    Me,
    /// This side waits for the peer's first message.
    Peer,
}

/// How a conversation ended (every one of these is a normal end: exit 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// We said bye.
    SaidBye,
    /// The peer said bye.
    PeerSaidBye,
    /// The peer closed the connection.
    PeerLeft,
    /// Our input ended (end of a script, or Ctrl-D).
    InputEnded,
    /// Ctrl-C.
    Interrupted,
    /// Nothing came from the peer for the idle timeout.
    Idle,
}

impl End {
    /// A few words for the disconnect notice; `idle` is the idle timeout in force.
    pub fn describe(self, idle: Duration) -> String {
        match self {
            End::SaidBye => t!("chat-end-said-bye"),
            End::PeerSaidBye => t!("chat-end-peer-said-bye"),
            End::PeerLeft => t!("chat-end-peer-left"),
            End::InputEnded => t!("chat-end-input"),
            End::Interrupted => t!("chat-end-interrupted"),
            End::Idle => t!("chat-idle-timeout", time = human_duration(idle)),
        }
        .to_string()
    }
}

/// What becomes of a line typed in a conversation with one peer.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Local {
    /// Send this text.
    Send(String),
    /// Answer with this notice; send nothing.
    Notice(String),
}

/// Reads a typed line in a conversation with one peer at `peer` (see the module doc).
fn one_to_one(line: &str, peer: SocketAddr) -> Local {
    let in_a_room = |cmd: &str| {
        Local::Notice(t!("chat-works-in-a-room", command = cmd, peer = peer).to_string())
    };
    match command::parse(line) {
        Typed::Text(t) => Local::Send(t.into_owned()),
        Typed::Quit => Local::Send("bye".into()),
        Typed::Who => in_a_room("/who"),
        Typed::Nick(_) => in_a_room("/nick"),
        Typed::Help => Local::Notice(t!("chat-help-one-peer", peer = peer).to_string()),
        Typed::Unknown(word) => Local::Notice(t!("chat-unknown-command", word = word).to_string()),
    }
}

/// Whether the peer answers commands (a room) or is one peer; a client finds out from the first
/// line it receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PeerKind {
    One,
    Room,
    Unknown,
}

/// How this side sends, and whether the two sides take turns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `auto` before the peer's first message: lines.
    Unknown,
    /// Newline-terminated lines, both sides at any time.
    Lines,
    /// The primer's: one `send()` per message, no newline, one message per turn.
    Turns,
}

/// How a message from the peer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// At a newline (or the end of the stream).
    Newline,
    /// The peer paused with bytes held.
    Pause,
    /// One read (raw framing).
    Read,
}

/// A typed line that waits.
#[derive(Debug)]
enum Held {
    /// As typed, until the server's first line says whether it is a room (or until the time).
    ForRoom(String, Instant),
    /// Read already, to be sent when the peer has answered (turns).
    ForTurn(String),
}

/// One conversation's state (see the module doc).
#[derive(Debug)]
struct Talk<'a> {
    peer: SocketAddr,
    /// What the peer's lines are shown after: its address.
    label: String,
    opts: &'a ChatOpts,
    console: &'a Console,
    client: bool,
    kind: PeerKind,
    style: Style,
    my_turn: bool,
    held: Option<Held>,
    input_open: bool,
    /// Whether any byte came from the peer.
    heard: bool,
    /// When the client's backlog hint is due (its first message went out, nothing was heard).
    hint_at: Option<Instant>,
    /// Whether the hint was given (once is enough).
    hinted: bool,
}

/// Holds the conversation until one side ends it, then closes the connection cleanly.
pub async fn talk(
    mut stream: TcpStream,
    peer: SocketAddr,
    opts: &ChatOpts,
    console: &Console,
    input: &mut mpsc::Receiver<Input>,
    first: First,
) -> Result<End> {
    let client = first == First::Me;
    let mut t = Talk {
        peer,
        label: peer.to_string(),
        opts,
        console,
        client,
        // The one-conversation server is never in a room, and a room never uses raw framing.
        kind: if client && opts.framing != Framing::Raw {
            PeerKind::Unknown
        } else {
            PeerKind::One
        },
        style: match opts.framing {
            Framing::Auto => Style::Unknown,
            Framing::Line => Style::Lines,
            Framing::Raw => Style::Turns,
        },
        my_turn: client,
        held: None,
        input_open: true,
        heard: false,
        hint_at: None,
        hinted: false,
    };
    let end = t.run(&mut stream, input).await.map_err(|e| t.failed(e))?;
    let _ = stream.shutdown().await;
    Ok(end)
}

impl Talk<'_> {
    /// The error a failed conversation ends with, in words.
    fn failed(&self, e: io::Error) -> Error {
        let peer = self.peer;
        match e.kind() {
            // Reset before the server said a word: it never took the call.
            io::ErrorKind::ConnectionReset | io::ErrorKind::BrokenPipe
                if self.client && !self.heard =>
            {
                Error::io(
                    t!("chat-reset-before-heard", peer = peer),
                    io::Error::new(
                        io::ErrorKind::ConnectionReset,
                        Cause(t!("chat-reset-before-heard-why").into()),
                    ),
                )
            }
            // A write to a vanished peer is a reset connection, not a closed stdout (`| head`).
            io::ErrorKind::ConnectionReset | io::ErrorKind::BrokenPipe => Error::io(
                t!("chat-reset", peer = peer),
                io::Error::new(
                    io::ErrorKind::ConnectionReset,
                    Cause(t!("chat-reset-why").into()),
                ),
            ),
            _ => Error::io(t!("chat-talking-with", peer = peer), e),
        }
    }

    /// Shows the prompt when it is this side's turn to type (always, unless taking turns).
    fn prompt(&self) {
        if self.style != Style::Turns || self.my_turn {
            self.console.prompt();
        }
    }

    async fn run(
        &mut self,
        stream: &mut TcpStream,
        input: &mut mpsc::Receiver<Input>,
    ) -> io::Result<End> {
        let framing = self.opts.framing;
        let max = self.opts.max_line as usize;
        let idle_after = self.opts.idle_timeout;
        let (mut r, mut w) = stream.split();
        let mut splitter = LineSplitter::new(max);
        let mut decoder = Utf8Stream::new();
        // Raw framing: one read is one message, of at most --max-line bytes.
        let mut buf = vec![0u8; if framing == Framing::Raw { max } else { 16384 }];
        let mut frames = Vec::new();
        let mut last_read = Instant::now();
        let mut drain_until: Option<Instant> = None;
        self.prompt();
        loop {
            let pause_at = splitter
                .pause_after()
                .filter(|_| framing == Framing::Auto)
                .map(|d| last_read + d);
            let hold_at = match &self.held {
                Some(Held::ForRoom(_, until)) => Some(*until),
                _ => None,
            };
            let hint_at = self.hint_at.filter(|_| !self.heard);
            tokio::select! {
                n = r.read(&mut buf) => {
                    let n = n?;
                    if n == 0 {
                        // The end of the stream ends a last message without a newline too.
                        let tail = match framing {
                            Framing::Raw => Some(decoder.finish()).filter(|t| !t.is_empty()),
                            _ => match splitter.finish() {
                                Some(Frame::Line(l)) => Some(l),
                                _ => None,
                            },
                        };
                        if let Some(text) = tail {
                            self.show(&text);
                            if text == "bye" {
                                return Ok(End::PeerSaidBye);
                            }
                        }
                        return Ok(End::PeerLeft);
                    }
                    self.heard = true;
                    last_read = Instant::now();
                    if framing == Framing::Raw {
                        let mut text = decoder.push(&buf[..n]);
                        // One send is one message: when the read stopped inside a character,
                        // its remaining bytes are on their way; wait briefly for them rather
                        // than split the character.
                        while decoder.has_pending() {
                            match tokio::time::timeout(MID_CHAR, r.read(&mut buf)).await {
                                Ok(Ok(0)) | Err(_) => break,
                                Ok(Ok(m)) => text += &decoder.push(&buf[..m]),
                                Ok(Err(e)) => return Err(e),
                            }
                        }
                        if let Some(end) = self.received(&mut w, text, Ending::Read).await? {
                            return Ok(end);
                        }
                        continue;
                    }
                    splitter.push(&buf[..n], &mut frames);
                    for f in std::mem::take(&mut frames) {
                        let end = match f {
                            Frame::Line(l) => self.received(&mut w, l, Ending::Newline).await?,
                            Frame::TooLong => {
                                self.console
                                    .notice(&t!("chat-peer-line-too-long", max = max).to_string());
                                None
                            }
                        };
                        if let Some(end) = end {
                            return Ok(end);
                        }
                    }
                }
                _ = sleep_until(pause_at), if pause_at.is_some() => {
                    if let Some(Frame::Line(l)) = splitter.pause()
                        && let Some(end) = self.received(&mut w, l, Ending::Pause).await?
                    {
                        return Ok(end);
                    }
                }
                item = input.recv(), if self.input_open && self.held.is_none() => match item {
                    None => {
                        self.input_open = false;
                        if self.style == Style::Turns {
                            // Taking turns, the peer's answer to our last message is awaited.
                            if self.my_turn {
                                return Ok(End::InputEnded);
                            }
                        } else {
                            // End of our input: say so with a half-close and let the peer
                            // finish; replies on their way are shown for a moment.
                            w.shutdown().await?;
                            drain_until = Some(Instant::now() + DRAIN);
                        }
                    }
                    Some(Input::TooLong) => {
                        self.console
                            .notice(&t!("chat-line-too-long-not-sent", max = max).to_string());
                        self.prompt();
                    }
                    Some(Input::Line(l)) => {
                        if let Some(end) = self.typed(&mut w, l).await? {
                            return Ok(end);
                        }
                    }
                },
                _ = sleep_until(hold_at), if hold_at.is_some() => {
                    // Nothing came: a server that lets the client speak first is not a room.
                    self.kind = PeerKind::One;
                    if let Some(Held::ForRoom(l, _)) = self.held.take()
                        && let Some(end) = self.typed(&mut w, l).await?
                    {
                        return Ok(end);
                    }
                }
                _ = sleep_until(hint_at), if hint_at.is_some() => {
                    self.hint_at = None;
                    self.hinted = true;
                    self.console
                        .notice(&t!("chat-waiting-in-backlog", peer = self.peer).to_string());
                }
                _ = sleep_until(drain_until), if drain_until.is_some() => {
                    return Ok(End::InputEnded);
                }
                _ = interrupted() => return Ok(End::Interrupted),
                _ = idle(idle_after) => return Ok(End::Idle),
            }
        }
    }

    /// Shows one message from the peer: a room's line as the room wrote it (its sender is in
    /// it), a peer's text after its label.
    fn show(&self, text: &str) {
        if self.kind == PeerKind::Room {
            self.console.message(text);
        } else {
            self.console.said(&self.label, text);
        }
    }

    /// A message from the peer: learn from the first one what the peer is and how to answer,
    /// show it, pass the turn, send what waited for it. Some(end) when it ended the
    /// conversation.
    async fn received(
        &mut self,
        w: &mut (impl AsyncWrite + Unpin),
        text: String,
        ending: Ending,
    ) -> io::Result<Option<End>> {
        if self.kind == PeerKind::Unknown {
            self.kind = if text.starts_with(ROOM_WELCOME) {
                PeerKind::Room
            } else {
                PeerKind::One
            };
        }
        let learned = self.style == Style::Unknown;
        if learned {
            self.style = if ending == Ending::Pause && self.kind != PeerKind::Room {
                Style::Turns
            } else {
                Style::Lines
            };
        }
        self.show(&text);
        if learned && self.kind == PeerKind::One {
            let found = match self.style {
                Style::Turns => t!("chat-found-turns", peer = self.peer),
                _ => t!("chat-found-lines", peer = self.peer),
            };
            self.console.notice(&found.to_string());
        }
        if text == "bye" {
            return Ok(Some(End::PeerSaidBye));
        }
        if self.style == Style::Turns {
            // The peer has spoken: our turn (it may also have spoken out of turn).
            self.my_turn = true;
            if let Some(Held::ForTurn(l)) = self.held.take() {
                return self.send(w, l).await;
            }
            if !self.input_open {
                return Ok(Some(End::InputEnded));
            }
        }
        if self.kind != PeerKind::Unknown
            && let Some(Held::ForRoom(l, _)) = self.held.take()
        {
            return self.typed(w, l).await;
        }
        self.prompt();
        Ok(None)
    }

    /// A line typed: held, answered with a notice, or sent. Some(end) when it ended the
    /// conversation.
    async fn typed(
        &mut self,
        w: &mut (impl AsyncWrite + Unpin),
        line: String,
    ) -> io::Result<Option<End>> {
        if self.kind == PeerKind::Unknown && line.starts_with('/') {
            self.held = Some(Held::ForRoom(line, Instant::now() + HOLD));
            return Ok(None);
        }
        let text = match self.kind {
            PeerKind::Room => line,
            PeerKind::One | PeerKind::Unknown => match one_to_one(&line, self.peer) {
                Local::Send(text) => text,
                Local::Notice(n) => {
                    self.console.notice(&n);
                    self.prompt();
                    return Ok(None);
                }
            },
        };
        if self.style == Style::Turns {
            if text.is_empty() {
                // send(b"") sends nothing, and both sides would wait for each other.
                self.console.notice(&t!("chat-empty-in-turns").to_string());
                self.prompt();
                return Ok(None);
            }
            if text.len() > PRIMER_RECV {
                // The primer's programs read one message with recv(1024): a longer one
                // arrives in pieces, and a character cut between them kills their decode().
                self.console.notice(
                    &t!(
                        "chat-too-long-for-turns",
                        bytes = text.len(),
                        most = PRIMER_RECV
                    )
                    .to_string(),
                );
                self.prompt();
                return Ok(None);
            }
            if !self.my_turn {
                self.console
                    .notice(&t!("chat-held-for-turn", peer = self.peer).to_string());
                self.held = Some(Held::ForTurn(text));
                return Ok(None);
            }
        }
        self.send(w, text).await
    }

    /// Sends one message: with a newline, or taking turns without one (and passing the turn).
    async fn send(
        &mut self,
        w: &mut (impl AsyncWrite + Unpin),
        text: String,
    ) -> io::Result<Option<End>> {
        let bye = text == "bye";
        let mut bytes = text.into_bytes();
        if self.style == Style::Turns {
            self.my_turn = false;
            self.console.unprompt();
        } else if !(bye && self.style == Style::Unknown) {
            // A first "bye" goes bare: the primer's server ends on exactly 'bye', and a
            // line-reading peer takes the close that follows as its end.
            bytes.push(b'\n');
        }
        w.write_all(&bytes).await?;
        if self.client && !self.heard && !self.hinted && self.hint_at.is_none() {
            self.hint_at = Some(Instant::now() + BACKLOG_HINT);
        }
        if bye {
            return Ok(Some(End::SaidBye));
        }
        self.prompt();
        Ok(None)
    }
}

/// Sleeps until `at`, or forever when there is no `at` (a `select!` branch it disables).
async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEER: &str = "127.0.0.1:8001";

    fn local(line: &str) -> Local {
        one_to_one(line, PEER.parse().unwrap())
    }

    #[test]
    fn text_and_double_slash_are_sent() {
        assert_eq!(local("hello"), Local::Send("hello".into()));
        assert_eq!(local("//etc/hosts"), Local::Send("/etc/hosts".into()));
        assert_eq!(local("bye"), Local::Send("bye".into()));
        assert_eq!(local("/quit"), Local::Send("bye".into()));
    }

    #[test]
    fn room_commands_are_answered_here() {
        for (line, cmd) in [("/who", "/who"), ("/nick ann", "/nick"), ("/nick", "/nick")] {
            let Local::Notice(n) = local(line) else {
                panic!("{line} was sent");
            };
            assert!(n.starts_with(&format!("{cmd} works in a room")), "{n}");
            assert!(n.contains(PEER), "{n}");
        }
        let Local::Notice(help) = local("/help") else {
            panic!("/help was sent");
        };
        assert!(help.contains("//text") && help.contains("bye"), "{help}");
    }

    #[test]
    fn unknown_commands_are_refused() {
        assert_eq!(
            local("/foo bar"),
            Local::Notice("unknown command /foo; /help lists them".into())
        );
    }
}
