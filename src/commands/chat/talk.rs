//! A two-party conversation over one TCP connection, the same for the server and the client.
//!
//! Raw framing is the primer's protocol: the sides take turns, each message is one `send()` of
//! UTF-8 bytes and one read on the other side, and "bye" ends it. Line framing sends
//! newline-terminated lines and lets both sides talk at any time.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

use super::codec::{Frame, LineSplitter, Utf8Stream};
use super::console::{Console, Input, idle, interrupted};
use crate::cli::{ChatOpts, Framing};
use crate::error::{Error, Result};

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
    /// A few words for the disconnect notice.
    pub fn describe(self) -> &'static str {
        match self {
            End::SaidBye => "we said bye",
            End::PeerSaidBye => "the peer said bye",
            End::PeerLeft => "the peer closed the connection",
            End::InputEnded => "end of input",
            End::Interrupted => "interrupted",
            End::Idle => "idle timeout",
        }
    }
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
        Framing::Raw => raw(&mut stream, opts, console, input, first).await,
        Framing::Line => line(&mut stream, opts, console, input).await,
    }
    .map_err(|e| Error::io(format!("talking with {peer}"), e))?;
    let _ = stream.shutdown().await;
    Ok(end)
}

async fn raw(
    stream: &mut TcpStream,
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
            match item {
                None => return Ok(End::InputEnded),
                Some(Input::TooLong) => {
                    console.notice(&format!(
                        "line longer than {} bytes not sent",
                        opts.max_line
                    ));
                    continue;
                }
                Some(Input::Line(l)) if l.is_empty() => {
                    // send(b"") sends nothing, and both sides would wait for each other.
                    console.notice("an empty message cannot be sent with raw framing");
                    continue;
                }
                Some(Input::Line(l)) if l.len() > PRIMER_RECV => {
                    // The primer's programs read one message with recv(1024): a longer one
                    // arrives in pieces, and a character cut between them kills their decode().
                    console.notice(&format!(
                        "not sent: {} bytes is more than the {PRIMER_RECV} the primer's programs \
                         read at a time (raw framing); shorten it, or use --framing line",
                        l.len()
                    ));
                    continue;
                }
                Some(Input::Line(l)) => {
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

async fn line(
    stream: &mut TcpStream,
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
            }
            item = input.recv(), if input_open => match item {
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
                Some(Input::Line(l)) => {
                    let mut bytes = l.into_bytes();
                    bytes.push(b'\n');
                    w.write_all(&bytes).await?;
                    if bytes == b"bye\n" {
                        return Ok(End::SaidBye);
                    }
                    console.prompt();
                }
            },
            _ = tokio::time::sleep_until(drain_until), if !input_open => return Ok(End::InputEnded),
            _ = interrupted() => return Ok(End::Interrupted),
            _ = idle(idle_after) => return Ok(End::Idle),
        }
    }
}
