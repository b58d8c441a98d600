//! How results and errors reach the user: the output format (table or JSON), the colour policy,
//! the table layout, and the one renderer every command goes through (commands return data; this
//! prints it). Text is measured and neutralized in [`text`].

mod text;

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

pub use text::{Paint, one_line, visible_len};

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
        format!("\x1b[{}m{text}\x1b[0m", paint.sgr())
    }

    /// A table with netkit's look, with the given column headers (bold when colour is on).
    pub fn table<S: AsRef<str>>(&self, headers: &[S]) -> Table {
        Table {
            header: headers
                .iter()
                .map(|h| self.paint(Paint::Bold, h.as_ref()))
                .collect(),
            rows: Vec::new(),
        }
    }
}

/// A bordered table that measures cells without their ANSI colour codes and allows multi-line
/// cells. Rendering is a single pass over the cells: it is on the path of `netkit ifaces`, which
/// must start and finish as fast as `ip addr`.
#[derive(Debug, Clone)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// Appends a row; a cell may hold several lines.
    pub fn add_row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }
}

impl std::fmt::Display for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let columns = self
            .rows
            .iter()
            .map(Vec::len)
            .chain([self.header.len()])
            .max()
            .unwrap_or(0);
        let mut widths = vec![0usize; columns];
        for row in self.rows.iter().chain([&self.header]) {
            for (i, cell) in row.iter().enumerate() {
                for line in cell.split('\n') {
                    widths[i] = widths[i].max(visible_len(line));
                }
            }
        }
        let rule =
            |f: &mut std::fmt::Formatter<'_>, left: &str, fill: &str, mid: &str, right: &str| {
                f.write_str(left)?;
                for (i, w) in widths.iter().enumerate() {
                    if i > 0 {
                        f.write_str(mid)?;
                    }
                    for _ in 0..w + 2 {
                        f.write_str(fill)?;
                    }
                }
                f.write_str(right)
            };
        let row = |f: &mut std::fmt::Formatter<'_>, cells: &[String]| {
            let lines: Vec<Vec<&str>> = (0..columns)
                .map(|i| cells.get(i).map_or(vec![""], |c| c.split('\n').collect()))
                .collect();
            let height = lines.iter().map(Vec::len).max().unwrap_or(1);
            for l in 0..height {
                f.write_str("│")?;
                for (i, col) in lines.iter().enumerate() {
                    let text = col.get(l).copied().unwrap_or("");
                    let pad = widths[i] - visible_len(text);
                    if i > 0 {
                        f.write_str("┆")?;
                    }
                    write!(f, " {text}{:pad$} ", "")?;
                }
                f.write_str("│\n")?;
            }
            Ok(())
        };
        rule(f, "┌", "─", "┬", "┐")?;
        f.write_str("\n")?;
        if !self.header.is_empty() {
            row(f, &self.header)?;
            rule(f, "╞", "═", "╪", "╡")?;
            f.write_str("\n")?;
        }
        for r in &self.rows {
            row(f, r)?;
        }
        // No newline after the last line, like any Display value.
        rule(f, "└", "─", "┴", "┘")
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

#[cfg(test)]
mod tests {
    use super::text::visible_chars;
    use super::*;

    #[test]
    fn table_aligns_coloured_and_multiline_cells() {
        let ui = Ui {
            format: Format::Table,
            color: true,
        };
        let mut t = ui.table(&["A", "Long header"]);
        t.add_row([ui.paint(Paint::Good, "x"), "one\ntwo".to_string()]);
        let text = t.to_string();
        let plain: Vec<String> = text.lines().map(|l| visible_chars(l).collect()).collect();
        assert_eq!(
            plain,
            [
                "┌───┬─────────────┐",
                "│ A ┆ Long header │",
                "╞═══╪═════════════╡",
                "│ x ┆ one         │",
                "│   ┆ two         │",
                "└───┴─────────────┘",
            ]
        );
        assert_eq!(visible_len(&ui.paint(Paint::Bad, "abc")), 3);
    }
}
