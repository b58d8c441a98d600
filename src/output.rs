//! How results and errors reach the user: the output format (table or JSON), the colour policy,
//! and the one renderer every command goes through (commands return data; this prints it).

use std::io::{self, IsTerminal, Write};

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::cli::{ColorChoice, GlobalArgs};
use crate::error::{Error, Result, exit};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Tables and sentences for people.
    Table,
    /// JSON for scripts.
    Json,
}

/// A colour role; the renderer decides whether and how to paint it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// A positive verdict.
    Good,
    /// A negative verdict.
    Bad,
    /// Something worth noticing.
    Warn,
    /// Emphasis (headers, key values).
    Bold,
    /// Less important detail.
    Dim,
}

/// The user's output choices, resolved once at start-up.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// Table or JSON.
    pub format: Format,
    /// Whether to emit ANSI colours (never with JSON).
    pub color: bool,
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
        let color = format == Format::Table
            && match global.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => !no_color_env && io::stdout().is_terminal(),
            };
        Ui { format, color }
    }

    /// Plain output, no colour: for tests and library use.
    pub fn plain() -> Self {
        Ui {
            format: Format::Table,
            color: false,
        }
    }

    /// Wraps `text` in the ANSI codes for `paint` when colour is on.
    pub fn paint(&self, paint: Paint, text: impl std::fmt::Display) -> String {
        if !self.color {
            return text.to_string();
        }
        let code = match paint {
            Paint::Good => "1;32",
            Paint::Bad => "1;31",
            Paint::Warn => "33",
            Paint::Bold => "1",
            Paint::Dim => "2",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }

    /// A table with netkit's look, with the given column headers (empty: no header row).
    pub fn table<S: AsRef<str>>(&self, headers: &[S]) -> Table {
        let mut table = Table::new();
        table.load_preset(presets::UTF8_FULL_CONDENSED);
        table.set_content_arrangement(ContentArrangement::Disabled);
        if !headers.is_empty() {
            table.set_header(headers.iter().map(|h| self.paint(Paint::Bold, h.as_ref())));
        }
        table
    }

    /// A two-column "field: value" table.
    pub fn kv_table(&self, rows: &[(&str, String)]) -> Table {
        let mut table = Table::new();
        table.load_preset(presets::NOTHING);
        table.set_content_arrangement(ContentArrangement::Disabled);
        for (k, v) in rows {
            table.add_row(vec![self.paint(Paint::Bold, format!("{k}:")), v.clone()]);
        }
        table
    }
}

/// A command's result: serializable for `--json`, renderable for people, and carrying its exit status.
pub trait Report: Serialize {
    /// Writes the human form.
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()>;

    /// The exit status this result implies (0 yes, 1 a negative answer).
    fn status(&self) -> u8 {
        exit::OK
    }
}

/// Prints a report in the chosen format to stdout and returns its exit status.
pub fn emit<R: Report>(ui: &Ui, report: &R) -> Result<u8> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    write_report(ui, report, &mut out)?;
    out.flush()?;
    Ok(report.status())
}

/// Writes a report to any writer (used by `emit` and by tests).
pub fn write_report<R: Report>(ui: &Ui, report: &R, out: &mut dyn Write) -> Result<()> {
    match ui.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Table => report.human(ui, out)?,
    }
    Ok(())
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
    let _ = writeln!(stderr, "netkit: {err}");
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
