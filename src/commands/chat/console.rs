//! The chat's terminal side: keyboard lines read on their own thread, a printer thread for
//! messages (stdout) and notices (stderr) with a prompt on a terminal, Ctrl-C handling and the
//! idle timer shared by every conversation.

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::sync::OnceLock;
use std::sync::mpsc as std_mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::{mpsc, watch};

use super::codec;
use crate::output::{Guard, Paint, Ui};

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
        let color = ui.color;
        let (tx, rx) = std_mpsc::sync_channel::<Out>(4096);
        let printer = std::thread::Builder::new()
            .name("netkit-console".into())
            .spawn(move || {
                let mut prompt_shown = false;
                while let Ok(item) = rx.recv() {
                    let mut out = io::stdout().lock();
                    if interactive && prompt_shown && !matches!(item, Out::Prompt) {
                        let _ = out.write_all(CLEAR_LINE);
                        let _ = out.flush();
                    }
                    // The text goes through the output guard; the prompt is netkit's own.
                    match &item {
                        Out::Message(m) => {
                            let mut text = Guard::new(&mut out, color);
                            let _ = writeln!(text, "{m}");
                            let _ = text.flush();
                        }
                        Out::Notice(n) => {
                            let _ = out.flush();
                            let mut err = Guard::new(io::stderr().lock(), color);
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
                    let _ = io::stdout().write_all(CLEAR_LINE);
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

    /// Prints a chat message on stdout.
    pub fn message(&self, text: &str) {
        self.send(Out::Message(text.to_string()));
    }

    /// Prints a notice (`* ...`) on stderr.
    pub fn notice(&self, text: &str) {
        self.send(Out::Notice(self.ui.paint(Paint::Dim, format!("* {text}"))));
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

/// Moves to the start of the line and clears it (the prompt's line).
const CLEAR_LINE: &[u8] = b"\r\x1b[K";

/// Set once Ctrl-C (SIGINT) or SIGTERM has arrived.
static STOP: OnceLock<watch::Sender<bool>> = OnceLock::new();

/// Catches SIGINT and SIGTERM for the whole run (installed before anything is bound, so an early
/// Ctrl-C is never lost): the first one asks every part to close cleanly, a second one exits at
/// once. Must be called inside the runtime.
pub fn install_interrupt_handler() {
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

/// Sleeps for the idle timeout, or forever when it is zero (off).
pub async fn idle(after: Duration) {
    if after.is_zero() {
        std::future::pending::<()>().await;
    } else {
        tokio::time::sleep(after).await;
    }
}
