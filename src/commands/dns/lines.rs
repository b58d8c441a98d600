//! A bulk lookup's lines: the names file read as a stream ([`Names`]: one [`Entry`] per line that
//! holds something, bounded, whatever the bytes, read on a thread of its own a bounded number of
//! lines ahead, so memory does not grow with the file and the first results come while a pipe
//! still writes), and one result line per name out through a [`Sink`] (a JSON object, the bare
//! data, or `NAME<TAB>STATUS<TAB>RECORDS`, in aligned columns with a progress line on a
//! terminal). Shared by the resolver path (`bulk` in this module's parent) and the batch engine
//! ([`super::batch`]).

use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use super::answer::Status;
use super::lookup::{self, NameResult};
use crate::error::{Error, Result, exit};
use crate::i18n::{Text, t};
use crate::output::{
    Aligned, Column, Format, Guard, Paint, Progress, Ui, one_line, rate, visible_len, write_json,
    written,
};
use crate::system::interrupt;
use crate::util::lists::read_line_bounded;
use crate::util::time::human_duration;
use crate::wire::dns::name::query_name_into;
use crate::wire::dns::record::Record;
use crate::wire::dns::types::Type;

/// The answer records of every query, each distinct record once (a CNAME met by both the A and
/// the AAAA query is shown once).
pub(super) fn unique_records(result: &NameResult) -> Vec<&Record> {
    let mut seen: Vec<&Record> = Vec::new();
    for a in result.queries.iter().flat_map(|q| q.answers.iter()) {
        if !seen
            .iter()
            .any(|s| s.name == a.name && s.rtype == a.rtype && s.data == a.data)
        {
            seen.push(a);
        }
    }
    seen
}

/// The longest line of a names file that is read (a name has at most 253 characters; in
/// UTF-8, with spaces and a comment, a line may be longer, but not this long). The rest of a
/// longer line is skipped unread into memory.
pub(super) const MAX_LINE: usize = 4096;

/// One line of a names file that holds something: a name to look up, or why the line cannot
/// be one (reported INVALID with its line number, the other names are still looked up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// The line number (from 1).
    pub(super) line: usize,
    /// The name as written (trimmed, without the comment); for a line that is not text,
    /// its bytes with the ones that are not UTF-8 written `\xNN`.
    pub(super) text: String,
    /// Why the line holds no name to ask, when it does not.
    pub(super) invalid: Option<Text>,
}

/// Names handed over by the reader thread at once, at most.
const CHUNK: usize = 256;
/// Chunks waiting in the channel, at most: at most `CHUNK * CHUNKS` names are read ahead.
const CHUNKS: usize = 4;

/// What the reader thread hands over: names, or the error that ended the reading.
type Chunk = std::result::Result<Vec<Entry>, Error>;

/// The names of a names file, read on a thread of their own (`util::input::open`: a pipe that
/// stays silent is an error, standard input is waited for) and handed over a bounded channel,
/// in chunks while the lookups are busy, one by one while they wait for names.
#[derive(Debug)]
pub(super) struct Names {
    rx: tokio::sync::mpsc::Receiver<Chunk>,
    /// Entries taken from the channel but not yet handed out.
    ahead: std::collections::VecDeque<Entry>,
    /// How many names the file holds, when it is a regular file (counted before the lookups).
    pub(super) total: Option<usize>,
    /// The error that ended the reading, if one did.
    error: Option<Error>,
    done: bool,
}

impl Names {
    /// Starts reading `path` ('-' is standard input).
    pub(super) fn open(path: &Path) -> Result<Names> {
        let stdin = path == Path::new("-");
        let shown = path.display().to_string();
        let context = move |e: io::Error| {
            if stdin {
                Error::io(t!("dns-reading-stdin"), e)
            } else {
                Error::io(t!("io-reading-file", file = &shown), e)
            }
        };
        let total = match std::fs::metadata(path) {
            Ok(m) if m.is_file() && !stdin => {
                let mut n = 0;
                let mut entries = EntryReader::new(crate::util::input::open(path)?, MAX_LINE);
                while entries.next_entry().map_err(&context)?.is_some() {
                    n += 1;
                }
                Some(n)
            }
            _ => None,
        };
        let r = crate::util::input::open(path)?;
        let (tx, rx) = tokio::sync::mpsc::channel::<Chunk>(CHUNKS);
        std::thread::Builder::new()
            .name("names".into())
            .spawn(move || {
                let mut entries = EntryReader::new(r, MAX_LINE);
                let mut chunk = Vec::with_capacity(CHUNK);
                loop {
                    let (next, end) = match entries.next_entry() {
                        Ok(Some(e)) => {
                            chunk.push(e);
                            (None, false)
                        }
                        Ok(None) => (None, true),
                        Err(e) => (Some(context(e)), true),
                    };
                    // Handed over when full, when the channel is empty (the lookups may wait
                    // for names: a slow pipe's are not held back), and at the end.
                    let now = chunk.len() == CHUNK || tx.capacity() == CHUNKS || end;
                    if now && !chunk.is_empty() {
                        let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                        if tx.blocking_send(Ok(full)).is_err() {
                            return;
                        }
                    }
                    if let Some(e) = next {
                        let _ = tx.blocking_send(Err(e));
                    }
                    if end {
                        return;
                    }
                }
            })
            .map_err(|e| Error::io(t!("dns-starting-reader"), e))?;
        Ok(Names {
            rx,
            ahead: std::collections::VecDeque::new(),
            total,
            error: None,
            done: false,
        })
    }

    /// The first names, read ahead (up to `n`, or what came within a moment): the columns of a
    /// terminal are fitted to them.
    pub(super) async fn first(&mut self, n: usize) -> &[Entry] {
        let until = tokio::time::Instant::now() + Duration::from_millis(100);
        while self.ahead.len() < n && !self.done {
            match tokio::time::timeout_at(until, self.rx.recv()).await {
                Ok(item) => self.take(item),
                Err(_) => break,
            }
        }
        self.ahead.make_contiguous()
    }

    fn take(&mut self, item: Option<Chunk>) {
        match item {
            Some(Ok(chunk)) => self.ahead.extend(chunk),
            Some(Err(e)) => {
                self.error = Some(e);
                self.done = true;
            }
            None => self.done = true,
        }
    }

    /// The next name when one is there now; None when none is (see [`Names::is_done`]).
    pub(super) fn try_next(&mut self) -> Option<Entry> {
        if let Some(e) = self.ahead.pop_front() {
            return Some(e);
        }
        if self.done {
            return None;
        }
        match self.rx.try_recv() {
            Ok(item) => {
                self.take(Some(item));
                self.ahead.pop_front()
            }
            Err(tokio::sync::mpsc::error::TryRecvError::Empty) => None,
            Err(tokio::sync::mpsc::error::TryRecvError::Disconnected) => {
                self.done = true;
                None
            }
        }
    }

    /// Waits for the next name (None: the file ended).
    pub(super) async fn next(&mut self) -> Option<Entry> {
        loop {
            if let Some(e) = self.ahead.pop_front() {
                return Some(e);
            }
            if self.done {
                return None;
            }
            let item = self.rx.recv().await;
            self.take(item);
        }
    }

    /// Waits until a name is there or the file ended, without taking it.
    pub(super) async fn ready(&mut self) {
        if self.ahead.is_empty() && !self.done {
            let item = self.rx.recv().await;
            self.take(item);
        }
    }

    /// Whether every name has been handed out.
    pub(super) fn is_done(&self) -> bool {
        self.done && self.ahead.is_empty()
    }

    /// The error that ended the reading early, if one did.
    pub(super) fn error(&mut self) -> Option<Error> {
        self.error.take()
    }
}

/// One name per line; blank lines and `#` comments are skipped, a UTF-8 byte order mark at
/// the start is too. Lines are read at most `max` bytes each: a longer one is reported (unless
/// a `#` within those bytes makes the rest a comment) and the reader skips to the next newline.
/// A line that is not UTF-8 is reported too; only an I/O error ends the reading.
pub(super) struct EntryReader<R> {
    r: R,
    max: usize,
    buf: Vec<u8>,
    line: usize,
}

impl<R: io::BufRead> EntryReader<R> {
    pub(super) fn new(r: R, max: usize) -> Self {
        EntryReader {
            r,
            max,
            buf: Vec::with_capacity(256),
            line: 0,
        }
    }

    /// The next line that holds something.
    pub(super) fn next_entry(&mut self) -> io::Result<Option<Entry>> {
        loop {
            self.line += 1;
            let line = self.line;
            let max = self.max;
            self.buf.clear();
            let Some(len) = read_line_bounded(&mut self.r, &mut self.buf, max)? else {
                return Ok(None);
            };
            let mut bytes = &self.buf[..];
            if line == 1 {
                bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            }
            let name = match memchr::memchr(b'#', bytes) {
                Some(hash) => &bytes[..hash],
                None if len > max => {
                    return Ok(Some(Entry {
                        line,
                        text: escaped_bytes(&bytes[..bytes.len().min(40)]) + "…",
                        invalid: Some(t!("dns-line-too-long", max = max).into()),
                    }));
                }
                None => bytes,
            };
            let (text, invalid) = match std::str::from_utf8(name) {
                Ok(text) => (text.trim().to_string(), None),
                Err(_) => (
                    escaped_bytes(name.trim_ascii()),
                    Some(t!("dns-line-not-utf8").into()),
                ),
            };
            if !text.is_empty() {
                return Ok(Some(Entry {
                    line,
                    text,
                    invalid,
                }));
            }
        }
    }
}

/// Every entry of `r` (see [`EntryReader`]).
#[cfg(test)]
pub(super) fn read_entries(r: impl io::BufRead, max: usize) -> io::Result<Vec<Entry>> {
    let mut reader = EntryReader::new(r, max);
    let mut entries = Vec::new();
    while let Some(e) = reader.next_entry()? {
        entries.push(e);
    }
    Ok(entries)
}

/// Bytes as text: UTF-8 as it is, any other byte as `\xNN`.
pub(super) fn escaped_bytes(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        s.push_str(chunk.valid());
        for b in chunk.invalid() {
            let _ = std::fmt::Write::write_fmt(&mut s, format_args!("\\x{b:02x}"));
        }
    }
    s
}

/// The name to ask for a line of a names file, into `ascii` (ASCII), or the INVALID result it is
/// reported as.
pub(super) fn entry_name(entry: &Entry, ascii: &mut String) -> std::result::Result<(), NameResult> {
    let name = match &entry.invalid {
        Some(why) => Err(why.clone()),
        None => query_name_into(&entry.text, ascii).map_err(|e| Text::from(e.to_string())),
    };
    name.map_err(|why| NameResult {
        input: entry.text.clone(),
        name: String::new(),
        status: Status::Invalid,
        queries: vec![lookup::QueryResult {
            rtype: None,
            status: Status::Invalid,
            name: String::new(),
            server: String::new(),
            rtt_ms: 0.0,
            answers: Vec::new(),
            message: Some(t!("dns-line-why", line = entry.line, why = why).into()),
            note: None,
            ignored: 0,
            attempts: Vec::new(),
            response: None,
        }],
    })
}

/// Where the results of a bulk lookup go: one line each on standard output, through the output
/// guard (records, messages and the lines of the names file are text from outside; JSON,
/// escaped by write_json, passes it unchanged); on a terminal in aligned columns under a header,
/// with a progress line on standard error; and a tally for the summary and the exit status.
/// Ctrl-C stops the lookups: what was printed stays, with its summary and exit status.
pub(super) struct Sink<'u> {
    pub(super) ui: &'u Ui,
    pub(super) out: Guard<io::BufWriter<io::StdoutLock<'static>>>,
    /// On a terminal, each line shows when it comes, in aligned columns under a header.
    pub(super) live: bool,
    pub(super) columns: Option<Columns>,
    pub(super) tally: Tally,
    pub(super) total: Option<usize>,
    pub(super) started: Instant,
    pub(super) shown: Progress,
    /// Results written when the output was last flushed, and when that was.
    flushed: usize,
    last_flush: Instant,
}

/// The longest a result waits in the output buffer of a bulk lookup.
const FLUSH: Duration = Duration::from_millis(200);

impl std::fmt::Debug for Sink<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sink").field("tally", &self.tally).finish()
    }
}

impl<'u> Sink<'u> {
    /// Starts the output for a names file of `total` names (when known) whose first names are
    /// `first` (the header on a terminal, fitted to them) and catches Ctrl-C.
    pub(super) fn new(ui: &'u Ui, first: &[Entry], total: Option<usize>) -> Result<Self> {
        let mut out = Guard::new(
            io::BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
            ui.color,
        );
        let live = ui.live && ui.format == Format::Table;
        let columns = live.then(|| Columns::fit(first));
        if let Some(columns) = &columns {
            columns.write_header(ui, &mut out).map_err(written)?;
        }
        interrupt::catch();
        Ok(Sink {
            ui,
            out,
            live,
            columns,
            tally: Tally::default(),
            total,
            started: Instant::now(),
            shown: Progress::on_terminal(),
            flushed: 0,
            last_flush: Instant::now(),
        })
    }

    /// The clock of [`Sink::tick`].
    pub(super) fn ticks() -> tokio::time::Interval {
        let mut tick = tokio::time::interval(Duration::from_millis(50));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        tick
    }

    /// Writes one name's result.
    pub(super) fn write(&mut self, r: &NameResult) -> Result<()> {
        self.tally.add(r.status);
        self.shown.clear();
        write_bulk_line(self.ui, self.columns.as_ref(), r, &mut self.out).map_err(written)?;
        if self.live {
            self.out.flush().map_err(written)?;
        }
        Ok(())
    }

    /// Writes one name's line with `write` (its overall status `status`).
    pub(super) fn write_with(
        &mut self,
        status: Status,
        write: impl FnOnce(&mut dyn Write, &Ui) -> io::Result<()>,
    ) -> Result<()> {
        self.tally.add(status);
        self.shown.clear();
        write(&mut self.out, self.ui).map_err(written)?;
        if self.live {
            self.out.flush().map_err(written)?;
        }
        Ok(())
    }

    /// Redraws the progress line when it is due, and hands the results written so far on at
    /// least every [`FLUSH`] (so that a reader of a pipe sees them while the names still come);
    /// true once Ctrl-C was pressed.
    pub(super) fn tick(&mut self) -> Result<bool> {
        if interrupt::interrupted() {
            return Ok(true);
        }
        if self.tally.done > self.flushed && self.last_flush.elapsed() >= FLUSH {
            self.out.flush().map_err(written)?;
            self.flushed = self.tally.done;
            self.last_flush = Instant::now();
        }
        if self.shown.due() {
            // The results so far first, so the line drawn after them stays last.
            self.out.flush().map_err(written)?;
            self.shown
                .draw(&self.tally.progress(self.total, self.started.elapsed()));
        }
        Ok(false)
    }

    /// Ends the output (with a summary on standard error on a terminal or after Ctrl-C) and
    /// gives the exit status.
    pub(super) fn finish(mut self, interrupted: bool) -> Result<u8> {
        self.out.flush().map_err(written)?;
        self.shown.clear();
        let progress = self.shown.is_on();
        if progress || interrupted {
            let summary = self
                .tally
                .summary(self.total, self.started.elapsed(), interrupted);
            let paint = progress.then_some(Paint::Dim);
            crate::output::stderr_line(self.ui, paint, &summary);
        }
        Ok(self.tally.status())
    }
}

/// What the names of a bulk lookup came back with so far.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tally {
    pub(super) done: usize,
    pub(super) answered: usize,
    pub(super) negative: usize,
    pub(super) failed: usize,
    pub(super) invalid: usize,
}

impl Tally {
    pub(super) fn add(&mut self, status: Status) {
        self.done += 1;
        match status {
            Status::Answer => self.answered += 1,
            Status::Invalid => self.invalid += 1,
            s if s.is_negative() => self.negative += 1,
            _ => self.failed += 1,
        }
    }

    /// The exit status the results earn: 3 any failure, else 2 a line that is not a name,
    /// else 1 a name without an answer, else 0.
    pub(super) fn status(&self) -> u8 {
        if self.failed > 0 {
            exit::NETWORK
        } else if self.invalid > 0 {
            exit::USAGE
        } else if self.negative > 0 {
            exit::NEGATIVE
        } else {
            exit::OK
        }
    }

    /// `57/120 names, 50 answered, 48/s, 1.2 s` (`57 names, ...` when the total is unknown).
    pub(super) fn progress(&self, total: Option<usize>, elapsed: Duration) -> String {
        let (rate, time) = (rate(self.done as u64, elapsed), human_duration(elapsed));
        match total {
            Some(total) => t!(
                "dns-bulk-progress-of",
                done = self.done,
                total = total,
                answered = self.answered,
                rate = rate,
                time = time
            ),
            None => t!(
                "dns-bulk-progress",
                done = self.done,
                answered = self.answered,
                rate = rate,
                time = time
            ),
        }
        .to_string()
    }

    /// `120 names in 2.5 s (48/s): 110 answered, 8 NXDOMAIN or NODATA, 2 failed`; when
    /// interrupted, `interrupted after 1.2 s: 57 of 120 names (48/s): ...`.
    pub(super) fn summary(
        &self,
        total: Option<usize>,
        elapsed: Duration,
        interrupted: bool,
    ) -> String {
        let time = human_duration(elapsed);
        let head = match (interrupted, total) {
            (true, Some(total)) => t!(
                "dns-bulk-interrupted-of",
                time = &time,
                done = self.done,
                total = total
            ),
            (true, None) => t!("dns-bulk-interrupted", time = &time, done = self.done),
            (false, _) => t!("dns-bulk-done", done = self.done, time = &time),
        };
        let mut parts = vec![t!("dns-bulk-answered", count = self.answered).to_string()];
        if self.negative > 0 {
            parts.push(t!("dns-bulk-negative", count = self.negative).to_string());
        }
        if self.failed > 0 {
            parts.push(t!("dns-bulk-failed", count = self.failed).to_string());
        }
        if self.invalid > 0 {
            parts.push(t!("dns-bulk-invalid", count = self.invalid).to_string());
        }
        let list = t!("common-list-separator").to_string();
        t!(
            "dns-bulk-summary",
            head = head,
            rate = rate(self.done as u64, elapsed),
            parts = parts.join(&list)
        )
        .to_string()
    }
}

/// The headers of the bulk columns in the run's language, worded once (the columns keep
/// `'static` headers; three short strings for the whole run).
fn headers() -> [&'static str; 3] {
    static HEADERS: std::sync::OnceLock<[&'static str; 3]> = std::sync::OnceLock::new();
    *HEADERS.get_or_init(|| {
        [
            t!("dns-column-name"),
            t!("dns-bulk-column-status"),
            t!("dns-bulk-column-records"),
        ]
        .map(|m| &*Box::leak(m.to_string().into_boxed_str()))
    })
}

/// Bulk results on a terminal, under a header: Name padded to the widest name of the file (at most
/// [`Columns::MAX_NAME`] columns; a longer name pushes its line's other fields right), Status,
/// then the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Columns {
    pub(super) name: usize,
}

impl Columns {
    pub(super) const MAX_NAME: usize = 40;
    /// The longest status tag (NXDOMAIN, SERVFAIL).
    pub(super) const STATUS: usize = 8;

    pub(super) fn fit(names: &[Entry]) -> Self {
        let widest = names
            .iter()
            .map(|e| visible_len(&one_line(&e.text)))
            .max()
            .unwrap_or(0);
        Columns {
            name: widest.clamp("NAME".len(), Self::MAX_NAME),
        }
    }

    pub(super) fn write_header(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        self.aligned(ui).write_header(out)
    }

    /// The columns fitted to the terminal: the records under the name and status when they
    /// have too little room beside them.
    fn aligned(&self, ui: &Ui) -> Aligned {
        let [name, status, records] = headers();
        let columns = vec![
            Column::left(name, self.name),
            Column::left(status, Self::STATUS),
            Column::left(records, 16),
        ];
        ui.aligned(columns, &[])
    }
}

/// The colour of a name's status in a bulk line: an answer good, a negative answer a warning,
/// a failure bad.
pub(super) fn status_paint(status: Status) -> Paint {
    match status {
        Status::Answer => Paint::Good,
        s if s.is_negative() => Paint::Warn,
        _ => Paint::Bad,
    }
}

/// One bulk result: a JSON object on one line, the bare data (--short), or
/// `NAME<TAB>STATUS<TAB>TYPE DATA, TYPE DATA...` (in aligned `columns` on a terminal).
pub(super) fn write_bulk_line(
    ui: &Ui,
    columns: Option<&Columns>,
    r: &NameResult,
    out: &mut dyn Write,
) -> io::Result<()> {
    if ui.format == Format::Json {
        write_json(out, r, false)?;
        writeln!(out)?;
        return Ok(());
    }
    let unique = unique_records(r);
    if ui.format == Format::Short {
        for a in unique {
            writeln!(out, "{}", a.data)?;
        }
        return Ok(());
    }
    let records: Vec<String> = unique
        .iter()
        .map(|a| {
            format!("{} {}", Type(a.rtype), a.data)
                .trim_end()
                .to_string()
        })
        .collect();
    let detail = if records.is_empty() {
        r.queries
            .iter()
            .find_map(|q| q.message.as_ref().map(ToString::to_string))
            .unwrap_or_default()
    } else {
        records.join(", ")
    };
    let paint = status_paint(r.status);
    // A line of the names file may hold a tab or an escape sequence (an invalid name): shown
    // escaped, so that each result stays one line of three fields.
    let name = one_line(&r.input);
    if let Some(c) = columns {
        let cells = vec![
            name.into_owned().into(),
            ui.cell(paint, r.status.tag()),
            one_line(&detail).into_owned().into(),
        ];
        return c.aligned(ui).write_row(out, cells);
    }
    writeln!(
        out,
        "{}\t{}\t{}",
        one_line(&r.input),
        ui.paint(paint, r.status.tag()),
        one_line(&detail)
    )?;
    Ok(())
}
