//! How results and errors reach the user: the output format (table or JSON), the colour policy,
//! the terminal's width, and the one renderer every command goes through (commands return data;
//! this prints it). Tables are drawn in [`table`], text measured in [`text`]; every byte for
//! people passes the [`guard`], which neutralizes what came from outside, and JSON is written by
//! [`guard::write_json`].

mod columns;
mod fit;
mod guard;
mod progress;
mod table;
mod text;

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

pub use columns::{Aligned, Column};
pub use fit::Fit;
pub use guard::{Guard, write_json};
pub use progress::{Progress, rate};
pub use table::{Cell, Table};
pub use text::{Paint, drives_terminal, is_unsafe, one_line, pad, visible_chars, visible_len};

use crate::cli::{ColorChoice, GlobalArgs};
use crate::error::{CLIP, Error, Result, clip, exit};
use crate::i18n::{self, Message, t};
use crate::net::block::SubnetCheck;
use crate::system::model::{Expiry, INFINITE_LEASE, NeighState};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Tables and sentences for people.
    Table,
    /// Only the data, one item per line (`dns --short`, like `dig +short`).
    Short,
    /// JSON for scripts.
    Json,
}

/// The user's output choices, resolved once at start-up.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// Table or JSON.
    pub format: Format,
    /// Whether to emit ANSI colours (never with JSON).
    pub color: bool,
    /// The width of the terminal stdout is, in columns, for tables to fit; None when stdout is
    /// not a terminal (then nothing is wrapped or cut).
    pub width: Option<u16>,
    /// Whether results are shown as they come (tables for people on a terminal): a command
    /// that waits prints each reply, step or offer when it happens. Piped output and JSON stay
    /// one final document.
    pub live: bool,
}

impl Ui {
    /// Resolves `--json` and `--color` against the environment (terminal, NO_COLOR).
    pub fn from_args(global: &GlobalArgs) -> Self {
        let format = if global.json {
            Format::Json
        } else {
            Format::Table
        };
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        // Asked once, and only for tables: JSON is never coloured nor wrapped.
        let terminal = format == Format::Table && io::stdout().is_terminal();
        let color = format == Format::Table
            && match global.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => !no_color_env && terminal,
            };
        let width = if terminal {
            terminal_size::terminal_size_of(io::stdout()).map(|(w, _)| w.0)
        } else {
            None
        };
        Ui {
            format,
            color,
            width,
            live: terminal,
        }
    }

    /// The same choices with the short format (only the data) instead of tables; JSON stays JSON.
    pub fn short(self) -> Self {
        Ui {
            format: match self.format {
                Format::Json => Format::Json,
                _ => Format::Short,
            },
            ..self
        }
    }

    /// Plain output, no colour, not fitted to a terminal: for tests.
    #[cfg(test)]
    pub fn plain() -> Self {
        Ui {
            format: Format::Table,
            color: false,
            width: None,
            live: false,
        }
    }

    /// Prose for the terminal: `text` broken at spaces to fit its width, starting at column
    /// `start`, later lines indented by `hang`; unchanged when stdout is not a terminal (piped
    /// output is never wrapped).
    pub fn wrap(&self, text: &str, start: usize, hang: usize) -> String {
        match self.width {
            Some(w) => text::wrap(text, usize::from(w), start, hang),
            None => text.to_string(),
        }
    }

    /// Wraps `text` in the ANSI codes for `paint` when colour is on.
    pub fn paint(&self, paint: Paint, text: impl std::fmt::Display) -> String {
        if !self.color {
            return text.to_string();
        }
        format!("\x1b[{}m{text}\x1b[0m", paint.sgr())
    }

    /// A table cell painted with `paint` when colour is on: the table's counterpart of
    /// [`Ui::paint`] (a table cell must not hold ANSI codes; the table colours it after layout).
    pub fn cell(&self, paint: Paint, text: impl std::fmt::Display) -> Cell {
        Cell::new(text.to_string(), self.color.then_some(paint))
    }

    /// Rows in aligned columns for a live view, fitted to the terminal when stdout is one (see
    /// [`Aligned`]): the last column is the rest, the `expendable` ones may be left out.
    pub fn aligned(&self, columns: Vec<Column>, expendable: &[&str]) -> Aligned {
        Aligned::new(self.width, self.color, columns, expendable)
    }

    /// A table with netkit's look, with the given column headers (bold when colour is on),
    /// fitted to the terminal when stdout is one.
    pub fn table<S: AsRef<str>>(&self, headers: &[S]) -> Table {
        let headers = headers
            .iter()
            .map(|h| self.cell(Paint::Bold, h.as_ref()))
            .collect();
        Table::new(headers, self.width, self.color)
    }
}

/// A table written while its rows are computed (`subnet split` into millions of subnets): memory
/// stays constant in the number of rows and the first rows show at once. The caller gives each
/// column's widest text up front (each cell one piece that is never broken), so every part of
/// the table lines up; rows are laid out by the same [`Table`] as any other table, a few
/// hundred at a time, all with the layout chosen for the whole (the same columns left out, or
/// records).
#[derive(Debug)]
pub struct StreamedTable<'a> {
    ui: &'a Ui,
    headers: Vec<String>,
    layout: table::Layout,
    /// The headers of the columns the layout leaves out.
    left_out: Vec<String>,
    rows: Vec<Vec<Cell>>,
    started: bool,
}

/// Rows laid out at once by a [`StreamedTable`].
const STREAM_ROWS: usize = 256;

impl<'a> StreamedTable<'a> {
    /// A table with these headers whose columns hold text at most `widths` columns wide; on a
    /// narrow terminal the `expendable` columns (by header, most expendable first) may be left
    /// out (see [`Table::expendable`]).
    pub fn new<S: AsRef<str>>(
        ui: &'a Ui,
        headers: &[S],
        widths: &[usize],
        expendable: &[&str],
    ) -> Self {
        let headers: Vec<String> = headers.iter().map(|h| h.as_ref().to_string()).collect();
        let out = Table::positions(&headers, expendable);
        let layout = match Table::layout_for(&headers, widths, &out, ui.width) {
            // Every part at the same widths, the whole table's (piped too).
            table::Layout::Natural => table::Layout::Fitted {
                shown: (0..headers.len()).collect(),
                widths: headers
                    .iter()
                    .zip(widths)
                    .map(|(h, w)| visible_len(h).max(*w))
                    .collect(),
            },
            layout => layout,
        };
        let left_out = match &layout {
            table::Layout::Fitted { shown, .. } => (0..headers.len())
                .filter(|i| !shown.contains(i))
                .map(|i| headers[i].clone())
                .collect(),
            _ => Vec::new(),
        };
        StreamedTable {
            ui,
            headers,
            layout,
            left_out,
            rows: Vec::with_capacity(STREAM_ROWS),
            started: false,
        }
    }

    /// Adds a row, writing the rows so far when there are enough of them.
    pub fn add_row<I, C>(&mut self, out: &mut dyn Write, cells: I) -> io::Result<()>
    where
        I: IntoIterator<Item = C>,
        C: Into<Cell>,
    {
        let row = cells.into_iter().map(Into::into).collect();
        if self.rows.len() >= STREAM_ROWS {
            // Written when a row follows them: the last part never goes out empty.
            self.write_part(out, false)?;
        }
        self.rows.push(row);
        Ok(())
    }

    /// Writes the last rows and the table's bottom line (and which columns were left out).
    pub fn finish(mut self, out: &mut dyn Write) -> io::Result<()> {
        self.write_part(out, true)?;
        if !self.left_out.is_empty() {
            let names: Vec<&str> = self.left_out.iter().map(String::as_str).collect();
            let note = Table::left_out_note(&names, None);
            writeln!(out, "{}", self.ui.paint(Paint::Dim, note))?;
        }
        Ok(())
    }

    fn write_part(&mut self, out: &mut dyn Write, last: bool) -> io::Result<()> {
        let started = std::mem::replace(&mut self.started, true);
        let mut table = self.ui.table(&self.headers);
        table.as_part(self.layout.clone(), started);
        for row in self.rows.drain(..) {
            table.add_row(row);
        }
        let text = table.to_string();
        if self.layout == table::Layout::Records {
            if started {
                writeln!(out)?; // the blank line between two records
            }
            return writeln!(out, "{text}");
        }
        let mut lines = text.lines().peekable();
        if started {
            lines.next(); // the top line, drawn once
        }
        while let Some(line) = lines.next() {
            if lines.peek().is_none() && !last {
                break; // the bottom line, drawn once
            }
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

/// A command's result: serializable for `--json`, renderable for people, and carrying its exit status.
pub trait Report: Serialize {
    /// Writes the human form.
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()>;

    /// Writes only the data, one item per line (the short format); the human form where a
    /// report has no shorter one.
    fn short(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        self.human(ui, out)
    }

    /// The exit status this result implies (0 yes, 1 a negative answer).
    fn status(&self) -> u8 {
        exit::OK
    }
}

/// The error of a failed write to stdout (a closed pipe among them: see [`Error::is_broken_pipe`]).
pub fn written(e: io::Error) -> Error {
    Error::io(t!("io-writing-output"), e)
}

/// Prints a report in the chosen format to stdout and returns its exit status.
pub fn emit<R: Report>(ui: &Ui, report: &R) -> Result<u8> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    write_report(ui, report, &mut out)?;
    out.flush().map_err(written)?;
    Ok(report.status())
}

/// Writes a report to any writer (used by `emit` and by tests): JSON, or the human form
/// through the [`Guard`].
pub fn write_report<R: Report>(ui: &Ui, report: &R, out: &mut dyn Write) -> Result<()> {
    match ui.format {
        Format::Json => write_json(out, report, true).and_then(|()| writeln!(out)),
        Format::Table => {
            let mut out = Guard::new(out, ui.color);
            match ui.width {
                Some(w) => {
                    let mut fit = Fit::new(&mut out, w);
                    report.human(ui, &mut fit).and_then(|()| fit.flush())
                }
                None => report.human(ui, &mut out),
            }
            .and_then(|()| out.flush())
        }
        Format::Short => {
            let mut out = Guard::new(out, ui.color);
            report.short(ui, &mut out).and_then(|()| out.flush())
        }
    }
    .map_err(written)
}

/// Standard output as a live command writes it (see [`Ui::live`]).
pub type LiveOut = Fit<Guard<io::StdoutLock<'static>>>;

/// Standard output for what a live command prints as it happens (see [`Ui::live`]): fitted to
/// the terminal and through the [`Guard`], each line shown when it is complete.
pub fn live_out(ui: &Ui) -> LiveOut {
    Fit::new(
        Guard::new(io::stdout().lock(), ui.color),
        ui.width.unwrap_or(u16::MAX),
    )
}

/// The primer's mask arithmetic of a route (`route get`, hop 1 of `trace`): this host's address
/// and the destination, each ANDed with the mask, and whether the networks are the same.
pub fn write_mask_arithmetic(
    ui: &Ui,
    out: &mut dyn Write,
    check: &SubnetCheck,
    dest: std::net::IpAddr,
) -> io::Result<()> {
    let (src, dst) = (check.source.addr.to_string(), dest.to_string());
    let (own, theirs) = (
        check.source_network.to_string(),
        check.destination_network.to_string(),
    );
    let a = src.len().max(dst.len());
    let n = own.len().max(theirs.len());
    let mask = check.netmask;
    writeln!(
        out,
        "  {src:a$}  AND {mask}  =  {own:n$}   {}",
        t!("common-this-host")
    )?;
    writeln!(
        out,
        "  {dst:a$}  AND {mask}  =  {theirs:n$}   {}",
        t!("common-destination")
    )?;
    let verdict = if check.same_subnet {
        ui.paint(Paint::Good, t!("common-same-subnet"))
    } else {
        ui.paint(Paint::Warn, t!("common-different-subnets"))
    };
    writeln!(out, "  → {verdict}")
}

/// A label before the text it introduces, painted, with what separates them: `note: `,
/// `CONFLICT: ` (`注：` in Chinese, no space after the full-width colon).
pub fn label_before(ui: &Ui, paint: Paint, label: impl Into<i18n::Arg>) -> String {
    let label: i18n::Arg = label.into();
    let label = ui.paint(paint, t!("common-label", label = label));
    format!("{label}{}", t!("common-label-gap"))
}

/// What a neighbour-cache state (`ip neigh`'s REACHABLE, STALE...) means, in one sentence for
/// people: `arp cache` and `gateway` explain the states they show with it.
pub fn neighbour_state_meaning(state: NeighState) -> Message {
    use NeighState as N;
    match state {
        N::Reachable => t!("common-neigh-reachable"),
        N::Stale => t!("common-neigh-stale"),
        N::Delay => t!("common-neigh-delay"),
        N::Probe => t!("common-neigh-probe"),
        N::Incomplete => t!("common-neigh-incomplete"),
        N::Failed => t!("common-neigh-failed"),
        N::Permanent => t!("common-neigh-permanent"),
        N::Noarp => t!("common-neigh-noarp"),
        N::None => t!("common-neigh-none"),
    }
}

/// A lease time the server granted, for people: `1d2h`, or "infinite" for 0xffffffff seconds
/// (RFC 2131's forever). `ifaces --all` and `tour` show it.
pub fn lease_time_words(secs: u64) -> String {
    match secs {
        INFINITE_LEASE => t!("common-lease-infinite").to_string(),
        _ => crate::util::time::human_seconds(secs),
    }
}

/// When a lease runs out, for people: the UTC time (RFC 3339, as JSON writes it), or "never".
pub fn expiry_words(e: &Expiry) -> String {
    match e {
        Expiry::At(t) => t.to_string(),
        Expiry::Never => t!("common-lease-never").to_string(),
    }
}

/// The labels of a view that lines its values up after them ("Vendor:" / "厂商："), and the
/// column the values start at: the widest label's display width (a Chinese character takes
/// two columns), at least `min`.
pub fn labels<const N: usize>(words: [Message; N], min: usize) -> ([String; N], usize) {
    let labels = words.map(|l| t!("common-label", label = l).to_string());
    let width = labels.iter().map(|l| visible_len(l)).max().unwrap_or(0);
    (labels, width.max(min))
}

/// A view redrawn in place on a terminal (`trace`'s table filling in, as mtr's does): each
/// frame replaces the one before. Off unless [`Ui::live`]; a frame taller than the terminal is
/// not drawn (it could not be erased), and the final report comes after [`Redraw::clear`].
#[derive(Debug)]
pub struct Redraw {
    /// Whether frames are drawn.
    on: bool,
    /// The terminal's height in lines.
    rows: usize,
    /// Lines of the frame on the screen now.
    shown: usize,
}

impl Redraw {
    /// Frames on stdout, when it is a terminal showing tables.
    pub fn new(ui: &Ui) -> Self {
        let rows = terminal_size::terminal_size_of(io::stdout()).map_or(0, |(_, h)| h.0);
        Redraw {
            on: ui.live && ui.format == Format::Table,
            rows: usize::from(rows),
            shown: 0,
        }
    }

    /// Whether frames are drawn at all (stdout is a terminal showing tables).
    pub fn is_on(&self) -> bool {
        self.on
    }

    /// Draws `report` (its human form, through the [`Guard`] and fitted) over the last frame.
    pub fn frame<R: Report>(&mut self, ui: &Ui, report: &R) -> Result<()> {
        if !self.on {
            return Ok(());
        }
        let mut text = Vec::new();
        write_report(ui, report, &mut text)?;
        let lines = text.iter().filter(|&&b| b == b'\n').count();
        if lines >= self.rows {
            return self.clear();
        }
        let mut out = io::stdout().lock();
        // netkit's own cursor movement, around text that went through the guard.
        self.erase(&mut out)
            .and_then(|()| out.write_all(&text))
            .and_then(|()| out.flush())
            .map_err(written)?;
        self.shown = lines;
        Ok(())
    }

    /// Erases the frame on the screen, if any.
    pub fn clear(&mut self) -> Result<()> {
        if self.shown == 0 {
            return Ok(());
        }
        let mut out = io::stdout().lock();
        self.erase(&mut out)
            .and_then(|()| out.flush())
            .map_err(written)
    }

    /// "Up to the frame's first line, erase to the end of the screen."
    fn erase(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.shown > 0 {
            write!(out, "\x1b[{}A\r\x1b[J", self.shown)?;
            self.shown = 0;
        }
        Ok(())
    }
}

/// Writes one warning line to stderr (`netkit: warning: ...`), neutralized.
pub fn warn(message: impl std::fmt::Display) {
    let message = clip_words(&message.to_string()).into_owned();
    let line = format!("netkit: {}", t!("common-warning", message = message));
    write_stderr_line(&line);
}

/// Writes a line of netkit's own to stderr (a summary after a live view), painted with `paint`
/// when `ui` colours, and on a terminal broken between words to fit it.
pub fn stderr_line(ui: &Ui, paint: Option<Paint>, line: &str) {
    let width = stderr_width();
    let line = match width {
        Some(w) if visible_len(line) > w => text::wrap(line, w, 0, 0),
        _ => line.to_string(),
    };
    let mut err = Guard::new(io::stderr().lock(), ui.color);
    let line = match paint {
        Some(p) => ui.paint(p, line),
        None => line,
    };
    let _ = writeln!(err, "{line}");
    let _ = err.flush();
}

/// The width of the terminal stderr is, if it is one.
fn stderr_width() -> Option<usize> {
    io::stderr()
        .is_terminal()
        .then(|| terminal_size::terminal_size_of(io::stderr()))
        .flatten()
        .map(|(w, _)| usize::from(w.0))
}

/// Says on stderr, when standard input is a terminal, that the command now reads it: `what`
/// is read from there, Ctrl-D ends, and `instead` is what to type next time (a student who left
/// the arguments out sees why nothing happens).
pub fn reading_the_terminal(what: impl std::fmt::Display, instead: impl std::fmt::Display) {
    if io::stdin().is_terminal() {
        let said = t!(
            "common-reading-terminal",
            what = what.to_string(),
            instead = instead.to_string()
        );
        write_stderr_line(&format!("netkit: {said}"));
    }
}

/// The indentation of an error's later lines on a terminal: under the text after `netkit: `.
const ERROR_HANG: usize = "netkit: ".len();

/// Writes one line to stderr through the [`Guard`]. On a terminal a line wider than it is
/// broken between words (a number stays with its unit), every later line indented alike
/// ([`ERROR_HANG`]); piped, it stays one line.
fn write_stderr_line(line: &str) {
    let line = match stderr_width() {
        Some(w) if visible_len(line) > w => text::wrap(line, w, 0, ERROR_HANG),
        _ => line.to_string(),
    };
    let mut err = Guard::new(io::stderr().lock(), false);
    let _ = writeln!(err, "{line}");
    let _ = err.flush();
}

/// The JSON shape of an error.
#[derive(Debug, Serialize)]
struct ErrorJson<'a> {
    error: ErrorBody<'a>,
}

#[derive(Debug, Serialize)]
struct ErrorBody<'a> {
    kind: &'a str,
    message: String,
    exit_code: u8,
    hint: Option<String>,
}

/// The error's line on stderr, in the language of the run (after `netkit: `): its message
/// with long words cut, and its advice, when there is some.
fn error_line(err: &Error) -> String {
    let said = err.in_lang(i18n::current());
    let message = one_line(&clip_words(&said)).into_owned();
    match err.hint_in(i18n::current()) {
        Some(hint) => t!("error-with-hint", message = message, hint = hint).to_string(),
        None => message,
    }
}

/// Reports an error: always one line on stderr in the language of the run (the advice, when
/// there is some, on the same line; on a terminal broken between words to fit it), and with
/// `--json` also a JSON object on stdout, in English whatever the language (JSON is data).
/// Long words in the message (a value the user typed, a line of a file) are cut to [`CLIP`]
/// characters. Returns the exit code.
pub fn emit_error(ui: &Ui, err: &Error) -> u8 {
    if err.is_broken_pipe() {
        return exit::OK;
    }
    let code = err.exit_code();
    let hint = err.hint();
    let message = clip_words(&err.to_string()).into_owned();
    write_stderr_line(&format!("netkit: {}", error_line(err)));
    if ui.format == Format::Json {
        let body = ErrorJson {
            error: ErrorBody {
                kind: err.kind(),
                message,
                exit_code: code,
                hint,
            },
        };
        let mut stdout = io::stdout().lock();
        if write_json(&mut stdout, &body, true).is_ok() {
            let _ = writeln!(stdout);
        }
    }
    code
}

/// Reports an error met while a command goes on (a file that cannot be read among several): its
/// one line on stderr and, under `--json`, the error object as one line of `out`, where the
/// command's JSON lines go.
pub fn report_inline(ui: &Ui, out: &mut dyn Write, err: &Error) -> io::Result<()> {
    let message = clip_words(&err.to_string()).into_owned();
    let said = clip_words(&err.in_lang(i18n::current())).into_owned();
    write_stderr_line(&format!("netkit: {}", one_line(&said)));
    if ui.format == Format::Json {
        let body = ErrorJson {
            error: ErrorBody {
                kind: err.kind(),
                message,
                exit_code: err.exit_code(),
                hint: err.hint(),
            },
        };
        write_json(out, &body, false)?;
        writeln!(out)?;
    }
    Ok(())
}

/// `text` with every word (a run without whitespace) too long to read cut by [`clip`]: whatever
/// an error message quotes, it stays readable. (A value [`Error::bad`] has cut already, with
/// its quotes and note, is not cut again.)
pub fn clip_words(text: &str) -> std::borrow::Cow<'_, str> {
    const ROOM: usize = CLIP + 32;
    let long = |w: &str| w.len() > ROOM && w.chars().nth(ROOM).is_some();
    if !text.split(char::is_whitespace).any(long) {
        return text.into();
    }
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, after) = rest.split_at(word_end);
        out.push_str(&clip(word));
        let space_end = after
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(after.len());
        out.push_str(&after[..space_end]);
        rest = &after[space_end..];
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_are_clipped_with_their_size() {
        assert_eq!(clip_words("invalid address 'x'"), "invalid address 'x'");
        let token = "a".repeat(200);
        let text = format!("reading {token}: not found");
        assert_eq!(
            clip_words(&text),
            format!("reading {}…(201 bytes) not found", "a".repeat(80))
        );
        let wide = "网".repeat(113);
        assert_eq!(
            clip_words(&wide),
            format!("{}…(339 bytes)", "网".repeat(80))
        );
        assert_eq!(clip_words(&"网".repeat(112)), "网".repeat(112));
        // A value cut by Error::bad is not cut again.
        let err = Error::bad("address", "b".repeat(1000), "not an address");
        let message = err.to_string();
        assert_eq!(
            message,
            format!(
                "invalid address '{}…(1000 bytes)': not an address",
                "b".repeat(80)
            )
        );
        assert_eq!(clip_words(&message), message);
    }
}
