//! The chat's terminal side: keyboard lines read on their own thread, a printer thread for
//! messages (stdout, a peer's each after its label) and notices (stderr) with a prompt on a
//! terminal and a bounded queue, Ctrl-C handling and the idle timer shared by every
//! conversation.

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::sync::mpsc as std_mpsc;
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::{mpsc, watch};

use super::codec;
use crate::output::{Guard, Paint, Ui};
use crate::system::StopSignals;

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
    /// Show the prompt (when it is not shown).
    Prompt,
    /// Take the prompt away (in turn-taking, while the peer has the turn).
    Unprompt,
}

impl Out {
    /// Bytes this item holds, for the console's budget.
    fn size(&self) -> usize {
        match self {
            Out::Message(t) | Out::Notice(t) => t.len(),
            Out::Prompt | Out::Unprompt => 0,
        }
    }
}

/// Bytes of text queued for the printer at most: beyond, the network side waits (a
/// conversation: its peer is slowed down by TCP) or the text is dropped (a room), so a peer that
/// sends faster than the terminal or pipe takes it costs no more memory than this.
const BUDGET: usize = 1 << 20;

/// Bytes queued for the printer, and a signal when it has written some.
#[derive(Debug, Default)]
struct Budget {
    queued: Mutex<usize>,
    written: Condvar,
}

/// Prints messages to stdout and notices to stderr on a printer thread, so that a slow terminal
/// or an unread pipe never stalls the network side for long, and at most [`BUDGET`] bytes wait.
/// On a terminal it keeps a `> ` prompt on the last line: incoming text clears the prompt line,
/// prints, and redraws the prompt; the prompt is drawn once, however often it is asked for.
#[derive(Debug)]
pub struct Console {
    tx: Option<std_mpsc::SyncSender<Out>>,
    printer: Option<JoinHandle<()>>,
    /// In a room, lines the console could not keep up with are dropped rather than stalling
    /// everyone.
    lossy: bool,
    budget: Arc<Budget>,
    ui: Ui,
}

impl Console {
    /// A console; `lossy` drops output when the printer falls behind.
    pub fn new(ui: &Ui, lossy: bool) -> Self {
        let interactive = io::stdin().is_terminal() && io::stdout().is_terminal();
        let color = ui.color;
        let (tx, rx) = std_mpsc::sync_channel::<Out>(4096);
        let budget = Arc::new(Budget::default());
        let printer = {
            let budget = budget.clone();
            std::thread::Builder::new()
                .name("netkit-console".into())
                .spawn(move || print_loop(&rx, interactive, color, &budget))
                .ok()
        };
        Console {
            tx: Some(tx),
            printer,
            lossy,
            budget,
            ui: *ui,
        }
    }

    fn send(&self, item: Out) {
        let Some(tx) = &self.tx else {
            return;
        };
        let size = item.size();
        {
            let mut queued = self.budget.queued.lock().unwrap_or_else(|e| e.into_inner());
            if self.lossy {
                if *queued > 0 && *queued + size > BUDGET {
                    return;
                }
            } else {
                // One item bigger than the budget still goes, alone.
                while *queued > 0 && *queued + size > BUDGET {
                    queued = self
                        .budget
                        .written
                        .wait(queued)
                        .unwrap_or_else(|e| e.into_inner());
                }
            }
            *queued += size;
        }
        let sent = if self.lossy {
            tx.try_send(item).map_err(|e| match e {
                std_mpsc::TrySendError::Full(item) | std_mpsc::TrySendError::Disconnected(item) => {
                    item
                }
            })
        } else {
            tx.send(item).map_err(|e| e.0)
        };
        if sent.is_err() {
            let mut queued = self.budget.queued.lock().unwrap_or_else(|e| e.into_inner());
            *queued = queued.saturating_sub(size);
        }
    }

    /// Prints a chat message on stdout, as it is (a room's line carries its sender already).
    pub fn message(&self, text: &str) {
        self.send(Out::Message(text.to_string()));
    }

    /// Prints what a peer said on stdout, each of its lines after the sender's label
    /// (`<127.0.0.1:50000> hello`): a peer's text never looks like a notice of netkit's own.
    pub fn said(&self, from: &str, text: &str) {
        let text = text.strip_suffix('\n').unwrap_or(text);
        let mut out = String::with_capacity(text.len() + from.len() + 3);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push('<');
            out.push_str(from);
            out.push_str("> ");
            out.push_str(line);
        }
        self.send(Out::Message(out));
    }

    /// Prints a notice (`* ...`) on stderr.
    pub fn notice(&self, text: &str) {
        self.send(Out::Notice(self.ui.paint(Paint::Dim, format!("* {text}"))));
    }

    /// Shows the prompt (on a terminal only) until the next line is printed.
    pub fn prompt(&self) {
        self.send(Out::Prompt);
    }

    /// Takes the prompt away (on a terminal): it is not the user's turn.
    pub fn unprompt(&self) {
        self.send(Out::Unprompt);
    }

    /// Flushes everything queued and stops the printer.
    pub fn close(mut self) {
        self.tx = None;
        if let Some(p) = self.printer.take() {
            let _ = p.join();
        }
    }
}

/// The printer thread: writes each item (text through the output guard; the prompt and the
/// line clearing are netkit's own) and frees its bytes from the budget. On a terminal every
/// drawing starts by clearing the last line, so the prompt is there once whatever came before it
/// (a prompt already drawn, a line typed ahead and echoed).
fn print_loop(rx: &std_mpsc::Receiver<Out>, interactive: bool, color: bool, budget: &Budget) {
    // Whether the prompt belongs on the last line (redrawn under what is printed).
    let mut prompt_shown = false;
    while let Ok(item) = rx.recv() {
        let mut out = io::stdout().lock();
        if interactive {
            let _ = out.write_all(CLEAR_LINE);
        }
        match &item {
            Out::Prompt => prompt_shown = true,
            Out::Unprompt => prompt_shown = false,
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
        }
        if interactive && prompt_shown {
            let _ = out.write_all(b"> ");
        }
        let _ = out.flush();
        let mut queued = budget.queued.lock().unwrap_or_else(|e| e.into_inner());
        *queued = queued.saturating_sub(item.size());
        budget.written.notify_all();
    }
    if interactive && prompt_shown {
        let _ = io::stdout().write_all(CLEAR_LINE);
        let _ = io::stdout().flush();
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
    let tx = STOP.get_or_init(|| watch::channel(false).0);
    if let Ok(mut signals) = StopSignals::new() {
        tokio::spawn(async move {
            for _ in 0..2 {
                signals.recv().await;
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
