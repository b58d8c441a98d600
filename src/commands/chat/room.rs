//! `netkit chat server --room`: a multi-client chat room, like `ncat --chat` but with nicks,
//! announced joins and leaves, bounded memory and no client able to stall the others.
//!
//! One hub task owns the member list and handles events one at a time; each client has a reader
//! task (socket → lines → hub) and a writer task (bounded queue → socket). A message is formatted
//! once and shared (`Arc<str>`) by every queue. A client whose queue is full is too slow: it is
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
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::mpsc;
use tokio::task::{AbortHandle, JoinHandle};

use super::codec::{self, Frame, LineSplitter};
use super::command::{self, NICK_USAGE, ROOM_HELP, ROOM_WELCOME, Typed};
use super::console::{Console, Input, idle, interrupted, spawn_input};
use super::server::{listen, listening_notice};
use crate::cli::ChatServerArgs;
use crate::error::{Error, Result, exit};
use crate::output::{Ui, is_unsafe};
use crate::util::time::human_duration;

/// How long a departing client's last lines may take to be written.
const WRITE_TIMEOUT: Duration = Duration::from_secs(5);

/// What the hub hears about.
#[derive(Debug)]
enum Event {
    Accepted(TcpStream, SocketAddr),
    Line(u64, String),
    TooLong(u64),
    Left(u64, String),
}

#[derive(Debug)]
struct Member {
    nick: String,
    addr: SocketAddr,
    tx: mpsc::Sender<Arc<str>>,
    reader: AbortHandle,
    writer: JoinHandle<()>,
}

/// Runs the room until Ctrl-C or the operator's `/quit`.
pub async fn run(args: &ChatServerArgs, ui: &Ui) -> Result<u8> {
    let ip = args.bind;
    let listener = listen(ip, args.port, args.backlog.max(128))?;
    let console = Console::new(ui, true);
    console.notice(&listening_notice(
        &listener,
        &format!(
            "a room for up to {} clients; type to talk to everyone, /help for commands, /quit to close",
            args.max_clients
        ),
    ));
    // On a terminal the operator gets a prompt that incoming lines keep clear of.
    console.prompt();
    let (events_tx, mut events) = mpsc::channel::<Event>(1024);
    let acceptor = {
        let tx = events_tx.clone();
        tokio::spawn(async move {
            loop {
                match listener.accept().await {
                    Ok((s, a)) => {
                        if tx.send(Event::Accepted(s, a)).await.is_err() {
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
                None => break Err(Error::internal("running the room", "the accept loop ended")),
            },
            line = input.recv(), if input_open => match line {
                // A room is a service: it keeps running when the operator's input ends.
                None => input_open = false,
                Some(Input::TooLong) => console.notice("line too long: not sent"),
                Some(Input::Line(l)) => match command::parse(&l) {
                    Typed::Quit => break Ok(()),
                    Typed::Text(t) if t == "bye" => break Ok(()),
                    Typed::Text(t) if t.is_empty() => {}
                    Typed::Text(t) => {
                        let line = format!("<server> {t}");
                        if echo_own {
                            console.message(&line);
                        }
                        hub.send_all(None, &line);
                    }
                    Typed::Who => hub.who_for_operator(),
                    Typed::Help => console.notice(OPERATOR_HELP),
                    Typed::Nick(_) => console.notice(
                        "you are <server> to everyone; /nick is for the members",
                    ),
                    Typed::Unknown(word) => console.notice(&command::unknown(word)),
                },
            },
            _ = interrupted() => break Ok(()),
        }
    };
    acceptor.abort();
    hub.close_all("* the server is closing the room").await;
    console.notice("room closed");
    console.close();
    result.map(|()| exit::OK)
}

/// The operator's commands, for `/help` on the server's console.
const OPERATOR_HELP: &str = "commands: /who to list the room, /help for this list, /quit (or bye) \
                             to close the room; other lines go to everyone as <server>, \
                             //text sends text starting with /";

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
            Event::Accepted(stream, addr) => self.join(stream, addr),
            Event::Line(id, text) => self.line(id, text),
            Event::TooLong(id) => {
                let max = self.args.opts.max_line;
                self.tell(
                    id,
                    &format!("* your line was longer than {max} bytes: dropped"),
                );
                if let Some(m) = self.members.get(&id) {
                    self.console
                        .notice(&format!("{} sent a line over {max} bytes: dropped", m.addr));
                }
            }
            Event::Left(id, why) => self.remove(id, &why),
        }
    }

    fn join(&mut self, stream: TcpStream, addr: SocketAddr) {
        let _ = stream.set_nodelay(true);
        if self.members.len() >= self.args.max_clients {
            self.console
                .notice(&format!("{addr} refused: the room is full"));
            tokio::spawn(async move {
                let mut s = stream;
                let msg = b"* the room is full, try again later\n";
                let _ = tokio::time::timeout(WRITE_TIMEOUT, s.write_all(msg)).await;
                let _ = s.shutdown().await;
            });
            return;
        }
        let id = self.next_id;
        self.next_id += 1;
        let (r, w) = stream.into_split();
        let (tx, rx) = mpsc::channel(self.args.queue as usize);
        let writer = tokio::spawn(write_loop(w, rx));
        let reader = tokio::spawn(read_loop(
            r,
            id,
            self.events.clone(),
            self.args.opts.max_line as usize,
            // Checked by chat::run before the room opened.
            self.args.opts.idle_timeout,
        ))
        .abort_handle();
        let nick = addr.to_string();
        let others: Vec<&str> = self.members.values().map(|m| m.nick.as_str()).collect();
        let here = if others.is_empty() {
            "nobody else is here".to_string()
        } else {
            format!("{} here: {}", others.len(), others.join(", "))
        };
        let welcome = format!(
            "{ROOM_WELCOME}{nick} ({here}); /nick NAME to rename, /who to list, /help for \
             commands, bye to leave\n"
        );
        let _ = tx.try_send(Arc::from(welcome));
        self.members.insert(
            id,
            Member {
                nick: nick.clone(),
                addr,
                tx,
                reader,
                writer,
            },
        );
        self.console.notice(&format!(
            "{nick} joined ({} in the room)",
            self.members.len()
        ));
        self.send_all(Some(id), &format!("* {nick} joined"));
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
                let line = format!("<{nick}> {t}");
                self.console.message(&line);
                self.send_all(Some(id), &line);
            }
            Typed::Who => {
                let list = self.nicks().join(", ");
                self.tell(id, &format!("* {} here: {list}", self.members.len()));
            }
            Typed::Help => self.tell(id, &format!("* {ROOM_HELP}")),
            Typed::Nick(None) => self.tell(id, &format!("* {NICK_USAGE}")),
            Typed::Nick(Some(new)) => self.rename(id, &nick, new),
            Typed::Unknown(word) => self.tell(id, &format!("* {}", command::unknown(word))),
        }
    }

    fn leave(&mut self, id: u64) {
        self.tell(id, "* bye");
        self.remove(id, "bye");
    }

    fn rename(&mut self, id: u64, old: &str, new: &str) {
        if let Err(why) = valid_nick(new) {
            self.tell(id, &format!("* cannot use that nick: {why}"));
        } else if self.members.values().any(|m| m.nick == new) {
            self.tell(id, &format!("* the nick {new} is taken"));
        } else {
            if let Some(m) = self.members.get_mut(&id) {
                m.nick = new.to_string();
            }
            let text = format!("{old} is now known as {new}");
            self.console.notice(&text);
            self.send_all(None, &format!("* {text}"));
        }
    }

    fn nicks(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.members.values().map(|m| m.nick.as_str()).collect();
        v.sort_unstable();
        v
    }

    fn who_for_operator(&self) {
        let list = self.nicks().join(", ");
        self.console
            .notice(&format!("{} here: {list}", self.members.len()));
    }

    /// Sends one line to one member (a notice; dropped when its queue is full).
    fn tell(&self, id: u64, text: &str) {
        if let Some(m) = self.members.get(&id) {
            let _ = m.tx.try_send(Arc::from(format!("{text}\n")));
        }
    }

    /// Sends a line to every member but `from` (not to the operator's console: each caller
    /// shows the operator its own version once), and disconnects any member whose queue is full.
    fn send_all(&mut self, from: Option<u64>, text: &str) {
        let line: Arc<str> = Arc::from(format!("{text}\n"));
        let mut slow = Vec::new();
        for (id, m) in &self.members {
            if Some(*id) == from {
                continue;
            }
            if let Err(mpsc::error::TrySendError::Full(_)) = m.tx.try_send(line.clone()) {
                slow.push(*id);
            }
        }
        for id in slow {
            if let Some(m) = self.members.get(&id) {
                // Its queue is full and its socket stuck: close it now.
                m.writer.abort();
            }
            self.remove(id, "too slow: its messages piled up");
        }
    }

    fn remove(&mut self, id: u64, why: &str) {
        let Some(m) = self.members.remove(&id) else {
            return;
        };
        m.reader.abort();
        // Dropping `tx` lets the writer send what is queued, then close.
        drop(m.tx);
        self.console.notice(&format!(
            "{} left ({why}; {} in the room)",
            m.nick,
            self.members.len()
        ));
        let text = if why == "bye" || why == CLOSED {
            format!("* {} left", m.nick)
        } else {
            format!("* {} left ({why})", m.nick)
        };
        self.send_all(None, &text);
    }

    async fn close_all(&mut self, farewell: &str) {
        let line: Arc<str> = Arc::from(format!("{farewell}\n"));
        let mut writers = Vec::new();
        for (_, m) in self.members.drain() {
            let _ = m.tx.try_send(line.clone());
            m.reader.abort();
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

/// A nick is 1 to 32 visible characters with no spaces, not starting with '*' or '<'.
fn valid_nick(nick: &str) -> std::result::Result<(), &'static str> {
    if nick.is_empty() || nick.chars().count() > 32 {
        return Err("it must be 1 to 32 characters");
    }
    if nick.chars().any(|c| c.is_whitespace() || is_unsafe(c)) {
        return Err("no spaces or control characters");
    }
    if nick.starts_with(['*', '<']) || nick.contains('>') || nick == "server" {
        return Err("reserved");
    }
    Ok(())
}

/// Why a member left when it closed its connection.
const CLOSED: &str = "closed the connection";

/// Reads lines from one client and passes them to the hub; reports why it stopped.
async fn read_loop(
    mut r: OwnedReadHalf,
    id: u64,
    events: mpsc::Sender<Event>,
    max_line: usize,
    idle_after: Duration,
) {
    let mut splitter = LineSplitter::new(max_line);
    let mut buf = vec![0u8; 4096];
    let mut frames = Vec::new();
    let why = loop {
        let n = tokio::select! {
            n = r.read(&mut buf) => n,
            _ = idle(idle_after) => {
                break format!("idle timeout: no message for {}", human_duration(idle_after));
            }
        };
        match n {
            Ok(0) => {
                frames.extend(splitter.finish());
                break CLOSED.to_string();
            }
            Ok(n) => splitter.push(&buf[..n], &mut frames),
            Err(_) => break "connection lost".to_string(),
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
async fn write_loop(mut w: OwnedWriteHalf, mut rx: mpsc::Receiver<Arc<str>>) {
    while let Some(first) = rx.recv().await {
        let mut out = Vec::with_capacity(first.len().max(512));
        out.extend_from_slice(first.as_bytes());
        while out.len() < 16384 {
            match rx.try_recv() {
                Ok(m) => out.extend_from_slice(m.as_bytes()),
                Err(_) => break,
            }
        }
        match tokio::time::timeout(WRITE_TIMEOUT, w.write_all(&out)).await {
            Ok(Ok(())) => {}
            _ => return,
        }
    }
    let _ = tokio::time::timeout(WRITE_TIMEOUT, w.shutdown()).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nick_rules() {
        assert!(valid_nick("alice").is_ok());
        assert!(valid_nick("小明").is_ok());
        assert!(valid_nick("").is_err());
        assert!(valid_nick("a b").is_err());
        assert!(valid_nick("*x").is_err());
        assert!(valid_nick("server").is_err());
        assert!(valid_nick(&"x".repeat(33)).is_err());
    }
}
