//! `netkit chat`: the primer's TCP socket chat, as a server and a client that take turns (the
//! primer's raw protocol, or newline-delimited lines by default), and a multi-client room.
//!
//! Async (tokio, a current-thread runtime) lives inside this command only: [`run`] builds the
//! runtime and everything below it is async. The framing is pure code in [`codec`]; the console
//! (what is printed where, the prompt) and keyboard input are here; [`talk`] holds a two-party
//! conversation, [`server`] and [`client`] set one up, and [`room`] relays among many.

pub mod client;
pub mod codec;
pub mod room;
pub mod server;
pub mod talk;

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::mpsc as std_mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use std::sync::OnceLock;

use tokio::sync::{mpsc, watch};

use crate::cli::{ChatArgs, ChatCommand, Framing};
use crate::error::{Error, Result};
use crate::output::{Paint, Ui};

/// Runs `netkit chat server|client` on a fresh current-thread runtime.
pub fn run(args: &ChatArgs, ui: &Ui) -> Result<u8> {
    // Check the arguments before anything is started.
    match &args.command {
        ChatCommand::Server(a) => {
            parse_bind(&a.bind)?;
            if a.room && a.opts.framing == Framing::Raw {
                return Err(Error::Usage(
                    "--room relays lines; it cannot use --framing raw".to_string(),
                ));
            }
            if a.room && a.max_clients == 0 {
                return Err(Error::bad("count", "0", "--max-clients must be at least 1"));
            }
            a.opts.idle_after()?;
        }
        ChatCommand::Client(a) => {
            split_host_port("server", &a.server)?;
            crate::input::parse_time("timeout", &a.timeout)?;
            a.opts.idle_after()?;
        }
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("starting the async runtime", e))?;
    let result = rt.block_on(async {
        install_interrupt_handler();
        match &args.command {
            ChatCommand::Server(a) if a.room => room::run(a, ui).await,
            ChatCommand::Server(a) => server::run(a, ui).await,
            ChatCommand::Client(a) => client::run(a, ui).await,
        }
    });
    // The keyboard thread may be blocked in read(): do not wait for it.
    rt.shutdown_timeout(Duration::from_millis(100));
    result
}

pub use crate::input::split_host_port;

/// Parses `--bind`: an IPv4 or IPv6 address, or `localhost`.
pub fn parse_bind(text: &str) -> Result<IpAddr> {
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    let t = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(text);
    t.parse::<IpAddr>().map_err(|_| {
        Error::bad(
            "address",
            text,
            "expected an IPv4 or IPv6 address such as 127.0.0.1 or ::1",
        )
    })
}

/// True for addresses only this machine can reach.
pub fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v| v.is_loopback()),
    }
}

/// The unspecified address of the same family, for messages.
pub fn is_wildcard(ip: IpAddr) -> bool {
    ip == IpAddr::V4(Ipv4Addr::UNSPECIFIED) || ip == IpAddr::V6(Ipv6Addr::UNSPECIFIED)
}

/// One thing typed on the keyboard (or read from a script on standard input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A line, without its newline.
    Line(String),
    /// A line longer than `--max-line`, not sent.
    TooLong,
}

/// Reads standard input line by line on its own thread (so a blocked read never holds up the
/// runtime), with lines bounded by `max` bytes. The channel closes at end of input.
pub fn spawn_input(max: usize) -> mpsc::Receiver<Input> {
    let (tx, rx) = mpsc::channel(64);
    let _ = std::thread::Builder::new()
        .name("netkit-stdin".into())
        .spawn(move || {
            let stdin = io::stdin();
            let mut r = stdin.lock();
            let mut buf = Vec::new();
            loop {
                buf.clear();
                match (&mut r).take(max as u64 + 1).read_until(b'\n', &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {}
                }
                let item = if buf.last() == Some(&b'\n') {
                    buf.pop();
                    Input::Line(codec::decode_line(&buf))
                } else if buf.len() > max {
                    // Skip the rest of the long line.
                    let mut sink = Vec::new();
                    loop {
                        sink.clear();
                        match (&mut r).take(65536).read_until(b'\n', &mut sink) {
                            Ok(0) | Err(_) => break,
                            Ok(_) if sink.last() == Some(&b'\n') => break,
                            Ok(_) => {}
                        }
                    }
                    Input::TooLong
                } else {
                    // The last line, without a newline.
                    Input::Line(codec::decode_line(&buf))
                };
                if tx.blocking_send(item).is_err() {
                    break;
                }
            }
        });
    rx
}

/// A line for the console: a chat message (stdout) or a notice about the connection (stderr).
#[derive(Debug)]
enum Out {
    Message(String),
    Notice(String),
    Prompt,
}

/// Prints messages to stdout and notices to stderr on a printer thread, so that a slow terminal
/// or an unread pipe never stalls the network side. On a terminal it keeps a `> ` prompt on the
/// last line: incoming text clears the prompt line, prints, and redraws the prompt.
#[derive(Debug)]
pub struct Console {
    tx: Option<std_mpsc::SyncSender<Out>>,
    printer: Option<JoinHandle<()>>,
    /// In a room, lines the console could not keep up with are dropped (and counted) rather than
    /// stalling everyone.
    lossy: bool,
    ui: Ui,
}

impl Console {
    /// A console; `lossy` drops output when the printer falls 4096 lines behind.
    pub fn new(ui: &Ui, lossy: bool) -> Self {
        let interactive = io::stdin().is_terminal() && io::stdout().is_terminal();
        let (tx, rx) = std_mpsc::sync_channel::<Out>(4096);
        let printer = std::thread::Builder::new()
            .name("netkit-console".into())
            .spawn(move || {
                let mut prompt_shown = false;
                while let Ok(item) = rx.recv() {
                    let mut out = io::stdout().lock();
                    let mut err = io::stderr().lock();
                    if interactive && prompt_shown && !matches!(item, Out::Prompt) {
                        let _ = out.write_all(b"\r\x1b[K");
                        let _ = out.flush();
                    }
                    match &item {
                        Out::Message(m) => {
                            let _ = writeln!(out, "{m}");
                        }
                        Out::Notice(n) => {
                            let _ = out.flush();
                            let _ = writeln!(err, "{n}");
                            let _ = err.flush();
                        }
                        Out::Prompt => {}
                    }
                    if interactive && (prompt_shown || matches!(item, Out::Prompt)) {
                        let _ = out.write_all(b"> ");
                        prompt_shown = true;
                    }
                    let _ = out.flush();
                }
                if interactive && prompt_shown {
                    let _ = io::stdout().write_all(b"\r\x1b[K");
                    let _ = io::stdout().flush();
                }
            })
            .ok();
        Console {
            tx: Some(tx),
            printer,
            lossy,
            ui: *ui,
        }
    }

    fn send(&self, item: Out) {
        if let Some(tx) = &self.tx {
            if self.lossy {
                let _ = tx.try_send(item);
            } else {
                let _ = tx.send(item);
            }
        }
    }

    /// Prints a chat message (made safe for a terminal) on stdout.
    pub fn message(&self, text: &str) {
        self.send(Out::Message(codec::printable(text).into_owned()));
    }

    /// Prints a notice (`* ...`) on stderr.
    pub fn notice(&self, text: &str) {
        let line = format!("* {}", codec::printable(text));
        self.send(Out::Notice(self.ui.paint(Paint::Dim, line)));
    }

    /// Shows the prompt (on a terminal only) until the next line is printed.
    pub fn prompt(&self) {
        self.send(Out::Prompt);
    }

    /// Flushes everything queued and stops the printer.
    pub fn close(mut self) {
        self.tx = None;
        if let Some(p) = self.printer.take() {
            let _ = p.join();
        }
    }
}

/// Set once Ctrl-C (SIGINT) or SIGTERM has arrived.
static STOP: OnceLock<watch::Sender<bool>> = OnceLock::new();

/// Catches SIGINT and SIGTERM for the whole run (installed before anything is bound, so an early
/// Ctrl-C is never lost): the first one asks every part to close cleanly, a second one exits at
/// once. Must be called inside the runtime.
fn install_interrupt_handler() {
    use tokio::signal::unix::{SignalKind, signal};
    let tx = STOP.get_or_init(|| watch::channel(false).0);
    if let (Ok(mut int), Ok(mut term)) = (
        signal(SignalKind::interrupt()),
        signal(SignalKind::terminate()),
    ) {
        tokio::spawn(async move {
            for _ in 0..2 {
                tokio::select! {
                    _ = int.recv() => {}
                    _ = term.recv() => {}
                }
                if tx.send_replace(true) {
                    // Already stopping and asked again: stop now.
                    std::process::exit(130);
                }
            }
        });
    }
}

/// Resolves once Ctrl-C or SIGTERM has arrived (immediately if it already has).
pub async fn interrupted() {
    match STOP.get() {
        Some(tx) => {
            let mut rx = tx.subscribe();
            if rx.wait_for(|stop| *stop).await.is_err() {
                std::future::pending::<()>().await;
            }
        }
        None => std::future::pending::<()>().await,
    }
}

impl crate::cli::ChatOpts {
    /// `--idle-timeout` (zero: never); [`run`] checks it before anything starts.
    pub fn idle_after(&self) -> Result<Duration> {
        crate::input::parse_time("idle timeout", &self.idle_timeout)
    }
}

/// Sleeps for the idle timeout, or forever when it is zero (off).
pub async fn idle(after: Duration) {
    if after.is_zero() {
        std::future::pending::<()>().await;
    } else {
        tokio::time::sleep(after).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_port_forms() {
        assert_eq!(
            split_host_port("server", "127.0.0.1:8001").unwrap(),
            ("127.0.0.1".into(), 8001)
        );
        assert_eq!(
            split_host_port("server", "[::1]:8001").unwrap(),
            ("::1".into(), 8001)
        );
        assert_eq!(
            split_host_port("server", "localhost:80").unwrap(),
            ("localhost".into(), 80)
        );
        for bad in [
            "127.0.0.1",
            "::1:8001",
            "host:0",
            "host:70000",
            ":80",
            "h:x",
            "[::1]",
        ] {
            let e = split_host_port("server", bad).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}");
        }
    }

    #[test]
    fn bind_forms() {
        assert!(is_loopback(parse_bind("127.0.0.1").unwrap()));
        assert!(is_loopback(parse_bind("::1").unwrap()));
        assert!(is_loopback(parse_bind("[::1]").unwrap()));
        assert!(is_wildcard(parse_bind("0.0.0.0").unwrap()));
        assert!(parse_bind("127.0.0.256").is_err());
    }
}
