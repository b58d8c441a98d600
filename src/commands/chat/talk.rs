//! A two-party conversation over one TCP connection, the same for the server and the client.
//!
//! Raw framing is the primer's protocol: the sides take turns, each message is one `send()` of
//! UTF-8 bytes and one read on the other side, and "bye" ends it. Line framing sends
//! newline-terminated lines and lets both sides talk at any time.
//!
//! What the local user types is read by [`command`]: a room command (`/who`, `/nick`, `/help`) is
//! answered here with a notice, since this is a conversation with one peer, and an unknown
//! `/command` is refused; neither is sent (`//text` sends `/text`). What the peer sends is never
//! read as a command. A client in line framing may have reached a room: once the room's welcome
//! is its first line, every typed line goes to the room as typed, and the room answers commands.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

use super::codec::{Frame, LineSplitter, Utf8Stream};
use super::command::{self, ROOM_WELCOME, Typed};
use super::console::{Console, Input, idle, interrupted};
use crate::cli::{ChatOpts, Framing};
use crate::error::{Error, Result};
use crate::util::time::human_duration;

/// The primer's programs read with `recv(1024)`.
const PRIMER_RECV: usize = 1024;

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
            End::SaidBye => "we said bye".into(),
            End::PeerSaidBye => "the peer said bye".into(),
            End::PeerLeft => "the peer closed the connection".into(),
            End::InputEnded => "end of input".into(),
            End::Interrupted => "interrupted".into(),
            End::Idle => format!("idle timeout: no message for {}", human_duration(idle)),
        }
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
        Local::Notice(format!(
            "{cmd} works in a room (netkit chat server --room); this is a conversation with one \
             peer at {peer}"
        ))
    };
    match command::parse(line) {
        Typed::Text(t) => Local::Send(t.into_owned()),
        Typed::Quit => Local::Send("bye".into()),
        Typed::Who => in_a_room("/who"),
        Typed::Nick(_) => in_a_room("/nick"),
        Typed::Help => Local::Notice(format!(
            "a conversation with one peer at {peer}: each line goes to it, bye (or /quit) ends \
             it, //text sends text starting with /; /nick and /who work in a room (netkit chat \
             server --room)"
        )),
        Typed::Unknown(word) => Local::Notice(command::unknown(word)),
    }
}

/// Whether the peer answers commands (a room) or is one peer; a client in line framing finds out
/// from the first line it receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PeerKind {
    One,
    Room,
    Unknown,
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
    let end = match opts.framing {
        Framing::Raw => raw(&mut stream, peer, opts, console, input, first).await,
        // The one-conversation server is never in a room; a client may have reached one (a
        // room never uses raw framing).
        Framing::Line => {
            let kind = match first {
                First::Me => PeerKind::Unknown,
                First::Peer => PeerKind::One,
            };
            line(&mut stream, peer, kind, opts, console, input).await
        }
    }
    .map_err(|e| match e.kind() {
        // A write to a vanished peer is a reset connection, not a closed stdout (`| head`).
        io::ErrorKind::ConnectionReset | io::ErrorKind::BrokenPipe => Error::io(
            format!("the connection to {peer} was reset"),
            io::Error::new(
                io::ErrorKind::ConnectionReset,
                "the peer's program ended or crashed mid-conversation",
            ),
        ),
        _ => Error::io(format!("talking with {peer}"), e),
    })?;
    let _ = stream.shutdown().await;
    Ok(end)
}

async fn raw(
    stream: &mut TcpStream,
    peer: SocketAddr,
    opts: &ChatOpts,
    console: &Console,
    input: &mut mpsc::Receiver<Input>,
    first: First,
) -> io::Result<End> {
    // Checked by chat::run before anything started.
    let idle_after = opts.idle_timeout;
    let mut my_turn = first == First::Me;
    let mut decoder = Utf8Stream::new();
    let mut buf = vec![0u8; opts.max_line as usize];
    loop {
        if my_turn {
            console.prompt();
            let item = tokio::select! {
                item = input.recv() => item,
                // Watched on our turn too: a peer that closes is noticed at once, not after the
                // next line typed; one that speaks out of turn is shown.
                n = stream.read(&mut buf) => {
                    let n = n?;
                    if n == 0 {
                        let tail = decoder.finish();
                        if !tail.is_empty() {
                            console.message(&tail);
                        }
                        return Ok(End::PeerLeft);
                    }
                    let text = decoder.push(&buf[..n]);
                    if !text.is_empty() {
                        console.message(&text);
                    }
                    if text == "bye" {
                        return Ok(End::PeerSaidBye);
                    }
                    continue;
                }
                _ = interrupted() => return Ok(End::Interrupted),
            };
            let text = match item {
                None => return Ok(End::InputEnded),
                Some(Input::TooLong) => {
                    console.notice(&format!(
                        "line longer than {} bytes not sent",
                        opts.max_line
                    ));
                    continue;
                }
                Some(Input::Line(l)) => match one_to_one(&l, peer) {
                    Local::Send(text) => text,
                    Local::Notice(n) => {
                        console.notice(&n);
                        continue;
                    }
                },
            };
            match text {
                l if l.is_empty() => {
                    // send(b"") sends nothing, and both sides would wait for each other.
                    console.notice("an empty message cannot be sent with raw framing");
                    continue;
                }
                l if l.len() > PRIMER_RECV => {
                    // The primer's programs read one message with recv(1024): a longer one
                    // arrives in pieces, and a character cut between them kills their decode().
                    console.notice(&format!(
                        "not sent: {} bytes is more than the {PRIMER_RECV} the primer's programs \
                         read at a time (raw framing); shorten it, or use --framing line",
                        l.len()
                    ));
                    continue;
                }
                l => {
                    stream.write_all(l.as_bytes()).await?;
                    if l == "bye" {
                        return Ok(End::SaidBye);
                    }
                }
            }
        } else {
            let n = tokio::select! {
                n = stream.read(&mut buf) => n?,
                _ = interrupted() => return Ok(End::Interrupted),
                _ = idle(idle_after) => return Ok(End::Idle),
            };
            if n == 0 {
                let tail = decoder.finish();
                if !tail.is_empty() {
                    console.message(&tail);
                }
                return Ok(End::PeerLeft);
            }
            let mut text = decoder.push(&buf[..n]);
            // One send is one message: when the read stopped inside a character, its remaining
            // bytes are on their way; wait briefly for them rather than split the character.
            while decoder.has_pending() {
                match tokio::time::timeout(Duration::from_secs(1), stream.read(&mut buf)).await {
                    Ok(Ok(0)) | Err(_) => break,
                    Ok(Ok(m)) => text += &decoder.push(&buf[..m]),
                    Ok(Err(e)) => return Err(e),
                }
            }
            console.message(&text);
            if text == "bye" {
                return Ok(End::PeerSaidBye);
            }
        }
        my_turn = !my_turn;
    }
}

/// How long a client that does not know yet whether it reached a room holds a typed `/` line,
/// waiting for the server's first line (a room welcomes at once; a one-peer server says nothing).
const HOLD: Duration = Duration::from_secs(1);

async fn line(
    stream: &mut TcpStream,
    peer: SocketAddr,
    mut kind: PeerKind,
    opts: &ChatOpts,
    console: &Console,
    input: &mut mpsc::Receiver<Input>,
) -> io::Result<End> {
    // Checked by chat::run before anything started.
    let idle_after = opts.idle_timeout;
    let (mut r, mut w) = stream.split();
    let mut splitter = LineSplitter::new(opts.max_line as usize);
    let mut buf = vec![0u8; 16384];
    let mut frames = Vec::new();
    let mut input_open = true;
    let mut drain_until = tokio::time::Instant::now();
    // A typed `/` line held until the peer's first line says whether it is a room.
    let mut held: Option<String> = None;
    let mut hold_until = tokio::time::Instant::now();
    console.prompt();
    loop {
        tokio::select! {
            n = r.read(&mut buf) => {
                let n = n?;
                if n == 0 {
                    if let Some(Frame::Line(l)) = splitter.finish() {
                        console.message(&l);
                    }
                    return Ok(End::PeerLeft);
                }
                splitter.push(&buf[..n], &mut frames);
                for f in frames.drain(..) {
                    match f {
                        Frame::Line(l) => {
                            if kind == PeerKind::Unknown {
                                kind = if l.starts_with(ROOM_WELCOME) {
                                    PeerKind::Room
                                } else {
                                    PeerKind::One
                                };
                            }
                            console.message(&l);
                            if l == "bye" {
                                return Ok(End::PeerSaidBye);
                            }
                        }
                        Frame::TooLong => console.notice(&format!(
                            "the peer sent a line longer than {} bytes: dropped",
                            opts.max_line
                        )),
                    }
                }
                if kind != PeerKind::Unknown
                    && let Some(l) = held.take()
                    && let Some(end) = typed(&mut w, l, kind, peer, console).await?
                {
                    return Ok(end);
                }
            }
            item = input.recv(), if input_open && held.is_none() => match item {
                None => {
                    // End of our input: say so with a half-close and let the peer finish.
                    // Replies already on their way are printed for a moment (at most a second).
                    input_open = false;
                    w.shutdown().await?;
                    drain_until = tokio::time::Instant::now() + Duration::from_secs(1);
                }
                Some(Input::TooLong) => {
                    console.notice(&format!("line longer than {} bytes not sent", opts.max_line));
                    console.prompt();
                }
                Some(Input::Line(l)) if kind == PeerKind::Unknown && l.starts_with('/') => {
                    held = Some(l);
                    hold_until = tokio::time::Instant::now() + HOLD;
                }
                Some(Input::Line(l)) => {
                    if let Some(end) = typed(&mut w, l, kind, peer, console).await? {
                        return Ok(end);
                    }
                }
            },
            _ = tokio::time::sleep_until(hold_until), if held.is_some() => {
                // Nothing came: a server that lets the client speak first is not a room.
                kind = PeerKind::One;
                if let Some(l) = held.take()
                    && let Some(end) = typed(&mut w, l, kind, peer, console).await?
                {
                    return Ok(end);
                }
            }
            _ = tokio::time::sleep_until(drain_until), if !input_open => return Ok(End::InputEnded),
            _ = interrupted() => return Ok(End::Interrupted),
            _ = idle(idle_after) => return Ok(End::Idle),
        }
    }
}

/// Sends one typed line as a newline-terminated line (to a room exactly as typed; to one peer as
/// [`one_to_one`] reads it), or answers it with a notice. Some(end) when it ended the conversation.
async fn typed(
    w: &mut (impl AsyncWrite + Unpin),
    line: String,
    kind: PeerKind,
    peer: SocketAddr,
    console: &Console,
) -> io::Result<Option<End>> {
    let text = match kind {
        PeerKind::Room => line,
        PeerKind::One | PeerKind::Unknown => match one_to_one(&line, peer) {
            Local::Send(text) => text,
            Local::Notice(n) => {
                console.notice(&n);
                console.prompt();
                return Ok(None);
            }
        },
    };
    let mut bytes = text.into_bytes();
    bytes.push(b'\n');
    w.write_all(&bytes).await?;
    if bytes == b"bye\n" {
        return Ok(Some(End::SaidBye));
    }
    console.prompt();
    Ok(None)
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
