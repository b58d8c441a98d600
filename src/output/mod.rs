//! How results and errors reach the user: the output format (table or JSON), the colour policy,
//! the terminal's width, and the one renderer every command goes through (commands return data;
//! this prints it). Tables are drawn in [`table`], text measured and neutralized in [`text`].

mod table;
mod text;

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

pub use table::{Cell, Table};
pub use text::{Paint, one_line, visible_len};

use crate::cli::{ColorChoice, GlobalArgs};
use crate::error::{Error, Result, exit};

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
    Error::io("writing output", e)
}

/// Prints a report in the chosen format to stdout and returns its exit status.
pub fn emit<R: Report>(ui: &Ui, report: &R) -> Result<u8> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    write_report(ui, report, &mut out)?;
    out.flush().map_err(written)?;
    Ok(report.status())
}

/// Writes a report to any writer (used by `emit` and by tests).
pub fn write_report<R: Report>(ui: &Ui, report: &R, out: &mut dyn Write) -> Result<()> {
    match ui.format {
        Format::Json => serde_json::to_writer_pretty(&mut *out, report)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out)),
        Format::Table => report.human(ui, out),
        Format::Short => report.short(ui, out),
    }
    .map_err(written)
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
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
}

/// Reports an error: always one line on stderr (plus a hint line when there is advice), and with
/// `--json` also a JSON object on stdout. Returns the exit code.
pub fn emit_error(ui: &Ui, err: &Error) -> u8 {
    if err.is_broken_pipe() {
        return exit::OK;
    }
    let code = err.exit_code();
    let hint = err.hint();
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "netkit: {}", one_line(&err.to_string()));
    if let Some(h) = &hint {
        let _ = writeln!(stderr, "hint: {h}");
    }
    if ui.format == Format::Json {
        let body = ErrorJson {
            error: ErrorBody {
                kind: err.kind(),
                message: err.to_string(),
                exit_code: code,
                hint,
            },
        };
        let mut stdout = io::stdout().lock();
        if serde_json::to_writer_pretty(&mut stdout, &body).is_ok() {
            let _ = writeln!(stdout);
        }
    }
    code
}
