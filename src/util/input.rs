//! Files the user names, read within bounds: whatever a path turns out to be (a regular file,
//! `/dev/zero`, a FIFO nobody writes to, a pipe that trickles), netkit holds at most a fixed
//! number of bytes of it and waits for it at most a fixed time, then says which bound was hit.
//!
//! Regular files never block: their size is checked before they are read. Anything else (a
//! FIFO, a device, `/dev/fd/N` of a process substitution) is opened and read on a thread of its
//! own, so the command can give up on it after [`IDLE`] without an answer. Standard input (`-`)
//! is the user's own stream and is waited for as long as it stays open, as every filter does.

use std::io::{self, BufRead, Read};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::i18n::{Message, t};

/// How long a pipe or device may stay silent (also before it opens: a FIFO without a writer)
/// before netkit gives up on it.
pub const IDLE: Duration = Duration::from_secs(10);

/// The largest line any line reader takes before it gives up on the input: text files have no
/// such lines, and skipping past an endless one (`/dev/zero`) would never end.
pub const MAX_SKIP: usize = 16 * 1024 * 1024;

/// How a path is opened: "-" is standard input, a regular file is read directly, anything else
/// through a reader thread with an idle deadline.
fn kind(path: &Path) -> Kind {
    if path == Path::new("-") {
        return Kind::Stdin;
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Kind::Regular(m.len()),
        _ => Kind::Other,
    }
}

enum Kind {
    Stdin,
    Regular(u64),
    Other,
}

/// What the bounded readers were doing, for their errors.
fn context(path: &Path) -> Message {
    if path == Path::new("-") {
        t!("io-reading-stdin")
    } else {
        t!("io-reading-file", file = path.display().to_string())
    }
}

/// The error for input larger than `max` bytes (bad input: exit 2).
fn too_big(what: Message, path: &Path, max: usize) -> Error {
    Error::bad(
        what,
        path.display().to_string(),
        t!("io-too-big", size = size_words(max)),
    )
}

/// `1 MiB`, `64 KiB`, `100 bytes`.
fn size_words(n: usize) -> String {
    match n {
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        n if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{} KiB", n >> 10),
        n => format!("{n} bytes"),
    }
}

/// Reads the whole of `path` ('-' is standard input), refusing more than `max` bytes (exit 2)
/// and giving up on a pipe or device that stays silent for [`IDLE`] (exit 3). `what` names the
/// file in errors (`t!("dns-what-trust-anchor")`).
pub fn read_whole(path: &Path, what: Message, max: usize) -> Result<Vec<u8>> {
    if let Kind::Regular(len) = kind(path)
        && len > max as u64
    {
        return Err(too_big(what, path, max));
    }
    let mut r = open(path)?;
    let mut out = Vec::new();
    (&mut r)
        .take(max as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| Error::io(context(path), e))?;
    if out.len() > max {
        return Err(too_big(what, path, max));
    }
    Ok(out)
}

/// Opens `path` ('-' is standard input) for reading as a stream, with the bounds of the module
/// docs: a regular file as it is, stdin without deadline, anything else through a thread whose
/// silence for [`IDLE`] is an error. Lines are bounded by their readers
/// ([`crate::util::lists::read_line_bounded`]).
pub fn open(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    match kind(path) {
        Kind::Stdin => Ok(Box::new(io::BufReader::new(io::stdin()))),
        Kind::Regular(_) => std::fs::File::open(path)
            .map(|f| Box::new(io::BufReader::new(f)) as Box<dyn BufRead + Send>)
            .map_err(|e| Error::io(context(path), e)),
        Kind::Other => {
            let r =
                Timed::spawn(path.to_path_buf(), IDLE).map_err(|e| Error::io(context(path), e))?;
            Ok(Box::new(io::BufReader::new(r)))
        }
    }
}

/// A chunk the reader thread read, or how it ended.
type Chunk = io::Result<Vec<u8>>;

/// A file read on a thread of its own, in chunks handed over a small channel: the consumer
/// waits at most `idle` for each chunk (and for the open), so a FIFO without a writer or a pipe
/// that stops talking ends in an error, not a hang. The thread holds at most a few chunks.
struct Timed {
    chunks: mpsc::Receiver<Chunk>,
    current: Vec<u8>,
    at: usize,
    idle: Duration,
    done: bool,
}

impl Timed {
    const CHUNK: usize = 64 * 1024;

    fn spawn(path: std::path::PathBuf, idle: Duration) -> io::Result<Timed> {
        let (tx, rx) = mpsc::sync_channel::<Chunk>(2);
        let (opened_tx, opened_rx) = mpsc::sync_channel::<io::Result<()>>(1);
        std::thread::Builder::new()
            .name("input".into())
            .spawn(move || {
                let mut f = match std::fs::File::open(&path) {
                    Ok(f) => {
                        let _ = opened_tx.send(Ok(()));
                        f
                    }
                    Err(e) => {
                        let _ = opened_tx.send(Err(e));
                        return;
                    }
                };
                loop {
                    let mut buf = vec![0u8; Self::CHUNK];
                    match f.read(&mut buf) {
                        Ok(0) => {
                            let _ = tx.send(Ok(Vec::new()));
                            return;
                        }
                        Ok(n) => {
                            buf.truncate(n);
                            if tx.send(Ok(buf)).is_err() {
                                return;
                            }
                        }
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        Err(e) => {
                            let _ = tx.send(Err(e));
                            return;
                        }
                    }
                }
            })?;
        match opened_rx.recv_timeout(idle) {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(e),
            Err(_) => return Err(silent(idle, "could not be opened")),
        }
        Ok(Timed {
            chunks: rx,
            current: Vec::new(),
            at: 0,
            idle,
            done: false,
        })
    }
}

/// The error of a pipe or device that kept netkit waiting.
fn silent(idle: Duration, what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::TimedOut,
        format!(
            "{what} within {} s (a pipe or device that nothing writes to?)",
            idle.as_secs()
        ),
    )
}

impl Read for Timed {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at == self.current.len() {
            if self.done {
                return Ok(0);
            }
            match self.chunks.recv_timeout(self.idle) {
                Ok(Ok(chunk)) if chunk.is_empty() => {
                    self.done = true;
                    return Ok(0);
                }
                Ok(Ok(chunk)) => {
                    self.current = chunk;
                    self.at = 0;
                }
                Ok(Err(e)) => return Err(e),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    return Err(silent(self.idle, "nothing more came"));
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    self.done = true;
                    return Ok(0);
                }
            }
        }
        let n = buf.len().min(self.current.len() - self.at);
        buf[..n].copy_from_slice(&self.current[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_refused_by_size_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, vec![b'x'; 100]).unwrap();
        assert_eq!(
            read_whole(&p, t!("dns-what-ca-file"), 100).unwrap().len(),
            100
        );
        let e = read_whole(&p, t!("dns-what-ca-file"), 99).unwrap_err();
        assert_eq!(e.exit_code(), 2, "{e}");
        assert!(e.to_string().contains("larger than 99 bytes"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn endless_devices_are_cut_at_the_cap() {
        let e = read_whole(Path::new("/dev/zero"), t!("dns-what-ca-file"), 1 << 20).unwrap_err();
        assert!(e.to_string().contains("larger than 1 MiB"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_without_writer_times_out() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&p)
                .status()
                .unwrap()
                .success()
        );
        let started = std::time::Instant::now();
        let e = Timed::spawn(p.clone(), Duration::from_millis(200))
            .err()
            .expect("no writer: an error");
        assert_eq!(e.kind(), io::ErrorKind::TimedOut);
        assert!(started.elapsed() < Duration::from_secs(5));
        // Open it for writing, let the reader open, then stay silent.
        let p2 = p.clone();
        let writer = std::thread::spawn(move || {
            let f = std::fs::OpenOptions::new().write(true).open(&p2).unwrap();
            std::thread::sleep(Duration::from_millis(800));
            drop(f);
        });
        let mut r = Timed::spawn(p, Duration::from_millis(200)).unwrap();
        let mut buf = [0u8; 8];
        let e = r.read(&mut buf).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::TimedOut, "{e}");
        writer.join().unwrap();
    }

    #[test]
    fn sizes_in_words() {
        assert_eq!(size_words(1 << 20), "1 MiB");
        assert_eq!(size_words(64 * 1024), "64 KiB");
        assert_eq!(size_words(1000), "1000 bytes");
    }
}
