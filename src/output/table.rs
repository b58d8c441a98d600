//! netkit's tables, drawn by comfy-table: the UTF8_FULL_CONDENSED look, widths measured in
//! terminal columns (CJK and emoji count 2), fitted to the terminal's width when stdout is one
//! (cells wrap), never wrapped or cut when output goes to a pipe or a file.
//!
//! Cells hold plain text and a [`Paint`]; comfy-table colours a cell after laying it out, so it
//! never parses ANSI codes to measure text (its ANSI-aware `custom_styling` layout made `netkit
//! ifaces`, which must be as fast as `ip addr`, run 29% more instructions; this way, 9%). Nor does
//! comfy-table ask anything of the terminal: [`super::Ui`] has decided on colour and width once.

use comfy_table::{Attribute, Color, ContentArrangement, presets::UTF8_FULL_CONDENSED};

use super::text::{Paint, one_line};

/// A bordered table of [`Cell`]s.
#[derive(Debug, Clone)]
pub struct Table {
    inner: comfy_table::Table,
}

/// One table cell: text (several lines when it holds `\n`) and how to paint it, if at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    text: String,
    paint: Option<Paint>,
}

impl Cell {
    /// A cell painted with `paint` (None: plain). [`super::Ui::cell`] makes painted cells when
    /// colour is on.
    pub fn new(text: impl Into<String>, paint: Option<Paint>) -> Self {
        Cell {
            text: text.into(),
            paint,
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::new(text, None)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::new(text, None)
    }
}

impl From<&String> for Cell {
    fn from(text: &String) -> Self {
        Cell::new(text.as_str(), None)
    }
}

impl Table {
    /// A table with these headers, fitted to `width` columns when given (stdout is a terminal
    /// that wide) and at its natural width otherwise; `color` lets painted cells be coloured.
    pub(super) fn new(headers: Vec<Cell>, width: Option<u16>, color: bool) -> Self {
        let mut inner = comfy_table::Table::new();
        inner.load_style(UTF8_FULL_CONDENSED);
        // No isatty or terminal-size query of comfy-table's own: the Ui has asked once.
        inner.force_no_tty();
        if color {
            inner.enforce_styling();
            // Colour the text, not the padding around it.
            inner.style_text_only();
        }
        match width {
            Some(w) => {
                inner
                    .set_content_arrangement(ContentArrangement::Dynamic)
                    .set_width(w);
            }
            None => {
                inner.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        if !headers.is_empty() {
            inner.set_header(headers.into_iter().map(comfy).collect::<Vec<_>>());
        }
        Table { inner }
    }

    /// Appends a row; a cell may hold several lines.
    pub fn add_row<I, C>(&mut self, cells: I)
    where
        I: IntoIterator<Item = C>,
        C: Into<Cell>,
    {
        self.inner.add_row(
            cells
                .into_iter()
                .map(|c| comfy(c.into()))
                .collect::<Vec<_>>(),
        );
    }
}

impl std::fmt::Display for Table {
    /// The table's lines, without a newline after the last one (like any Display value).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Line by line: comfy-table's own Display joins all lines into one more String first.
        for (i, line) in self.inner.lines().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            f.write_str(&line)?;
        }
        Ok(())
    }
}

/// The comfy-table cell for `cell`: control characters other than the line breaks shown escaped
/// (an escape sequence in an interface name neither reaches the terminal nor breaks the borders),
/// and the paint as comfy-table's colours and attributes.
fn comfy(cell: Cell) -> comfy_table::Cell {
    let c = comfy_table::Cell::new_owned(neutralized(cell.text));
    match cell.paint {
        None => c,
        Some(Paint::Good) => c.fg(Color::DarkGreen).add_attribute(Attribute::Bold),
        Some(Paint::Bad) => c.fg(Color::DarkRed).add_attribute(Attribute::Bold),
        Some(Paint::Warn) => c.fg(Color::DarkYellow),
        Some(Paint::Bold) => c.add_attribute(Attribute::Bold),
        Some(Paint::Dim) => c.add_attribute(Attribute::Dim),
    }
}

/// `text` with every control character except `\n` escaped (`\t`, `\u{1b}`).
fn neutralized(text: String) -> String {
    // Fast path: no C0 control but `\n`, no DEL, and no 0xC2 lead byte (which starts every C1
    // control, U+0080-U+009F, in UTF-8).
    let suspect = |b: &u8| (*b < 0x20 && *b != b'\n') || *b == 0x7f || *b == 0xc2;
    if !text.as_bytes().iter().any(suspect) {
        return text;
    }
    text.split('\n')
        .map(one_line)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::super::text::visible_chars;
    use super::super::{Format, Ui};
    use super::*;

    fn ui(color: bool, width: Option<u16>) -> Ui {
        Ui {
            format: Format::Table,
            color,
            width,
        }
    }

    /// The line as the terminal shows it: colour codes removed.
    fn shown(line: &str) -> String {
        visible_chars(line).collect()
    }

    /// The display columns at which `line` has a border or column separator.
    fn rule_columns(line: &str) -> Vec<usize> {
        let mut at = 0;
        let mut cols = Vec::new();
        for c in shown(line).chars() {
            if "┌┬┐│┆╞╪╡└┴┘".contains(c) {
                cols.push(at);
            }
            at += c.to_string().width();
        }
        cols
    }

    fn wide_table(ui: &Ui) -> String {
        let mut t = ui.table(&["Interface", "名前", "State"]);
        t.add_row([
            ui.cell(Paint::Bold, "网卡0"),
            "emoji 🦀🚀".into(),
            ui.cell(Paint::Good, "UP"),
        ]);
        t.add_row([
            ui.cell(Paint::Bold, "eth0"),
            "ascii\n二行目 ✅".into(),
            ui.cell(Paint::Bad, "DOWN"),
        ]);
        t.add_row(["x"]);
        t.to_string()
    }

    #[test]
    fn cjk_and_emoji_cells_line_up_with_and_without_colour() {
        for color in [false, true] {
            let text = wide_table(&ui(color, None));
            assert_eq!(text.contains('\x1b'), color, "colour {color}:\n{text}");
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len(), 8, "{text}");
            let width = shown(lines[0]).width();
            let rules = rule_columns(lines[0]);
            assert_eq!(rules.len(), 4, "{text}");
            for line in &lines {
                assert_eq!(
                    shown(line).width(),
                    width,
                    "colour {color}: {line:?}\n{text}"
                );
                assert_eq!(
                    rule_columns(line),
                    rules,
                    "colour {color}: {line:?}\n{text}"
                );
            }
            assert_eq!(
                shown(lines[3]),
                "│ 网卡0     ┆ emoji 🦀🚀 ┆ UP    │",
                "{text}"
            );
        }
    }

    #[test]
    fn plain_table_keeps_the_old_look() {
        let ui = Ui::plain();
        let mut t = ui.table(&["A", "Long header"]);
        t.add_row(["x", "one\ntwo"]);
        t.add_row(["only one cell"]);
        assert_eq!(
            t.to_string(),
            "┌───────────────┬─────────────┐\n\
             │ A             ┆ Long header │\n\
             ╞═══════════════╪═════════════╡\n\
             │ x             ┆ one         │\n\
             │               ┆ two         │\n\
             │ only one cell ┆             │\n\
             └───────────────┴─────────────┘"
        );
    }

    #[test]
    fn colour_codes_surround_the_text_only() {
        let ui = ui(true, None);
        let mut t = ui.table(&["A", "B"]);
        t.add_row([ui.cell(Paint::Good, "yes"), "plain".into()]);
        let text = t.to_string();
        let row = text.lines().nth(3).unwrap();
        assert!(row.starts_with("│ \x1b["), "{row:?}");
        assert!(row.contains("yes\x1b[0m ┆ plain │"), "{row:?}");
        assert_eq!(shown(row), "│ yes ┆ plain │");
    }

    #[test]
    fn piped_table_is_never_wrapped() {
        let long = "a".repeat(250) + " " + &"b".repeat(249);
        let ui = Ui::plain();
        let mut t = ui.table(&["#", "Text"]);
        t.add_row(["1", long.as_str()]);
        let text = t.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 5, "{text}");
        assert_eq!(lines[3], format!("│ 1 ┆ {long} │"));
    }

    #[test]
    fn terminal_table_fits_the_width_and_keeps_all_text() {
        for color in [false, true] {
            let ui = ui(color, Some(40));
            let cells = [
                "a name that is rather long for one column",
                "fe80::fc:ff:fe00:1/64\n2001:db8:1234:5678:9abc:def0:1234:5678/64",
                "网卡0 网卡1 网卡2 网卡3 网卡4",
            ];
            let mut t = ui.table(&["Name", "Addresses", "CJK"]);
            t.add_row([
                ui.cell(Paint::Bold, cells[0]),
                cells[1].into(),
                cells[2].into(),
            ]);
            let text = t.to_string();
            let lines: Vec<String> = text.lines().map(shown).collect();
            let rules = rule_columns(&lines[0]);
            for line in &lines {
                assert!(
                    line.width() <= 40,
                    "{} columns: {line}\n{text}",
                    line.width()
                );
                assert_eq!(rule_columns(line), rules, "{line}\n{text}");
            }
            // Each column's lines, put back together, hold the cell's text (spaces aside).
            let body = &lines[3..lines.len() - 1];
            for (i, cell) in cells.iter().enumerate() {
                let column: String = body
                    .iter()
                    .map(|l| l.split(['│', '┆']).nth(i + 1).unwrap().to_string())
                    .collect();
                let squeeze = |s: &str| s.split_whitespace().collect::<String>();
                assert_eq!(squeeze(&column), squeeze(cell), "column {i}:\n{text}");
            }
            assert!(body.len() > 2, "the cells wrap:\n{text}");
        }
    }

    #[test]
    fn control_characters_in_cells_are_escaped() {
        let ui = Ui::plain();
        let mut t = ui.table(&["Name"]);
        t.add_row(["evil\x1b[2J\tname\u{9b}"]);
        let text = t.to_string();
        assert!(!text.contains('\x1b') && !text.contains('\t'), "{text:?}");
        assert!(text.contains(r"evil\u{1b}[2J\tname\u{9b}"), "{text}");
        let width = text.lines().next().unwrap().width();
        assert!(text.lines().all(|l| l.width() == width), "{text}");
    }
}
