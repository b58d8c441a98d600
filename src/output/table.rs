//! netkit's tables, drawn by comfy-table: the UTF8_FULL_CONDENSED look, widths measured in
//! terminal columns (CJK and emoji count 2), fitted to the terminal's width when stdout is one
//! (cells wrap), never wrapped or cut when output goes to a pipe or a file.
//!
//! Cells hold plain text and a [`Paint`], and comfy-table lays them out without any colour code
//! to measure around. With colour on, the table is laid out with control characters in place of
//! the column rules and a marker line between rows; each cell's text is then painted, on every
//! line it wrapped to, and the real rules put back. This costs nothing when colour is off, and
//! `netkit ifaces` must be as fast as `ip addr`: comfy-table's ANSI-aware layout (feature
//! `custom_styling`) made it run 29% more instructions, and its own cell styling (feature `tty`)
//! links crossterm's terminal-size fallback, which spawns `tput`: 32 more libc symbols for the
//! loader to bind at every start. Nor is the terminal asked anything here: [`super::Ui`] has
//! decided on colour and width once.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{
    ColumnConstraint, ContentArrangement, ContentLineStyle, LineStyle, TableStyle, Width,
};

use super::text::{Paint, one_line};

/// Where cells meet on a line of a coloured table's layout (instead of │ and ┆): a control
/// character, so never in a cell's text (see [`neutralized`]) and never printed.
const CELL_MARK: char = '\x1f';

/// The line between two rows of a coloured table's layout (the look has none): dropped.
const ROW_MARK: char = '\x1e';

/// The layout of a coloured table: netkit's look with cells and rows marked.
const MARKED: TableStyle = UTF8_FULL_CONDENSED
    .header_lines(ContentLineStyle::new(CELL_MARK, CELL_MARK, CELL_MARK))
    .content_lines(ContentLineStyle::new(CELL_MARK, CELL_MARK, CELL_MARK))
    .row_separator(LineStyle::new(ROW_MARK, ROW_MARK, ROW_MARK, ROW_MARK));

/// A bordered table of [`Cell`]s.
#[derive(Debug, Clone)]
pub struct Table {
    inner: comfy_table::Table,
    /// With colour on, every row's paints (the header's first), applied after the layout.
    paints: Option<Vec<Vec<Option<Paint>>>>,
}

/// One table cell: text (several lines when it holds `\n`) and how to paint it, if at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    text: String,
    paint: Option<Paint>,
}

impl Cell {
    /// A cell painted with `paint` (None: plain); the paint shows only in a table made with
    /// colour on. [`super::Ui::cell`] makes painted cells.
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
        inner.load_style(if color { MARKED } else { UTF8_FULL_CONDENSED });
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
        let mut table = Table {
            inner,
            paints: color.then(Vec::new),
        };
        if !headers.is_empty() {
            let header = table.take(headers);
            table.inner.set_header(header);
        }
        table
    }

    /// Appends a row; a cell may hold several lines.
    pub fn add_row<I, C>(&mut self, cells: I)
    where
        I: IntoIterator<Item = C>,
        C: Into<Cell>,
    {
        let row = self.take(cells.into_iter().map(Into::into));
        self.inner.add_row(row);
    }

    /// Gives every column a fixed width of `widths[i]` terminal columns of text (wider text
    /// wraps): tables drawn in parts line up.
    pub(super) fn fix_widths(&mut self, widths: &[usize]) {
        let constraints = widths.iter().map(|w| {
            let w = u16::try_from(*w + 2).unwrap_or(u16::MAX);
            ColumnConstraint::Absolute(Width::Fixed(w))
        });
        self.inner.set_constraints(constraints);
    }

    /// The text widths comfy-table gives columns of these headers holding text `widths` wide
    /// when the table must fit `width` terminal columns (the widths themselves when it fits).
    pub(super) fn fitted_widths(headers: &[String], widths: &[usize], width: u16) -> Vec<usize> {
        let mut sample = Table::new(
            headers.iter().map(|h| Cell::from(h.as_str())).collect(),
            Some(width),
            false,
        );
        sample.add_row(widths.iter().map(|w| "x".repeat(*w)));
        let top = sample.inner.lines().next().unwrap_or_default();
        let inner = top
            .trim_start_matches('┌')
            .trim_end_matches('┐')
            .split('┬')
            .map(|rule| rule.chars().count().saturating_sub(2).max(1))
            .collect::<Vec<_>>();
        if inner.len() == widths.len() {
            inner
        } else {
            widths.to_vec()
        }
    }

    /// comfy-table's cells for a row of `cells` (text neutralized), their paints kept aside.
    fn take(&mut self, cells: impl IntoIterator<Item = Cell>) -> Vec<comfy_table::Cell> {
        let mut paints = self.paints.as_ref().map(|_| Vec::new());
        let row = cells
            .into_iter()
            .map(|c| {
                if let Some(p) = &mut paints {
                    p.push(c.paint);
                }
                comfy_table::Cell::new_owned(neutralized(c.text))
            })
            .collect();
        if let (Some(all), Some(p)) = (&mut self.paints, paints) {
            all.push(p);
        }
        row
    }
}

impl std::fmt::Display for Table {
    /// The table's lines, without a newline after the last one (like any Display value).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Line by line: comfy-table's own Display joins all lines into one more String first.
        let Some(paints) = &self.paints else {
            for (i, line) in self.inner.lines().enumerate() {
                if i > 0 {
                    f.write_str("\n")?;
                }
                f.write_str(&line)?;
            }
            return Ok(());
        };
        let look = UTF8_FULL_CONDENSED.content_lines;
        let (left, mid, right) = (look.left, look.junction, look.right);
        let header_rule = UTF8_FULL_CONDENSED.header_separator.left;
        let mut row = 0;
        let mut first = true;
        for line in self.inner.lines() {
            if line.starts_with(ROW_MARK) {
                row += 1;
                continue;
            }
            if !std::mem::take(&mut first) {
                f.write_str("\n")?;
            }
            let Some(cells) = line.strip_prefix(CELL_MARK) else {
                // A rule; the one under the header ends the header's row.
                if header_rule.is_some_and(|c| line.starts_with(c)) {
                    row += 1;
                }
                f.write_str(&line)?;
                continue;
            };
            let cells = cells.strip_suffix(CELL_MARK).unwrap_or(cells);
            let row_paints = paints.get(row).map_or(&[][..], Vec::as_slice);
            write_char(f, left)?;
            for (i, cell) in cells.split(CELL_MARK).enumerate() {
                if i > 0 {
                    write_char(f, mid)?;
                }
                match row_paints.get(i).copied().flatten() {
                    Some(paint) => write_painted(f, cell, paint)?,
                    None => f.write_str(cell)?,
                }
            }
            write_char(f, right)?;
        }
        Ok(())
    }
}

fn write_char(f: &mut std::fmt::Formatter<'_>, c: Option<char>) -> std::fmt::Result {
    c.map_or(Ok(()), |c| std::fmt::Write::write_char(f, c))
}

/// One line of a cell, laid out with its padding: the text between the spaces painted.
fn write_painted(f: &mut std::fmt::Formatter<'_>, cell: &str, paint: Paint) -> std::fmt::Result {
    let text = cell.trim_matches(' ');
    if text.is_empty() {
        return f.write_str(cell);
    }
    let start = cell.len() - cell.trim_start_matches(' ').len();
    let (before, after) = (&cell[..start], &cell[start + text.len()..]);
    write!(f, "{before}\x1b[{}m{text}\x1b[0m{after}", paint.sgr())
}

/// `text` with every control character except `\n`, every bidirectional mark and every
/// invisible character escaped (`\t`, `\u{1b}`, `\u{202e}`, `\u{200b}`): a cell sends no
/// escape sequence to the terminal, breaks no border, and cannot hold the layout's marks.
fn neutralized(text: String) -> String {
    // Fast path: no C0 control but `\n`, no DEL, and none of the lead bytes of C1 controls
    // (0xC2: U+0080-U+009F), bidirectional marks (0xD8: U+061C; 0xE2: U+200E-U+2069) and
    // invisible characters (0xE2: U+200B-U+2060; 0xEF: U+FEFF).
    let suspect =
        |b: &u8| (*b < 0x20 && *b != b'\n') || matches!(*b, 0x7f | 0xc2 | 0xd8 | 0xe2 | 0xef);
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
            live: false,
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
    fn colour_follows_cells_that_wrap() {
        let ui = ui(true, Some(30));
        let mut t = ui.table(&["Name", "State"]);
        t.add_row([
            ui.cell(Paint::Good, "a long name that wraps over lines"),
            "plain".into(),
        ]);
        t.add_row([
            "plain too".into(),
            ui.cell(Paint::Bad, "DOWN\nLOWERLAYERDOWN"),
        ]);
        let text = t.to_string();
        let lines: Vec<&str> = text.lines().collect();
        let body = &lines[3..lines.len() - 1];
        let second = body.iter().position(|l| l.contains("DOWN")).unwrap();
        assert!(second > 1, "the first row wraps:\n{text}");
        for (n, line) in body.iter().enumerate() {
            assert!(shown(line).width() <= 30, "{line}");
            let cells: Vec<&str> = line.trim_matches('│').split('┆').collect();
            let (painted, plain, code) = if n < second {
                (cells[0], cells[1], "\x1b[1;32m")
            } else {
                (cells[1], cells[0], "\x1b[1;31m")
            };
            assert!(!plain.contains('\x1b'), "{line:?}");
            let words = shown(painted);
            let words = words.trim();
            if !words.is_empty() {
                let expect = format!("{code}{words}\x1b[0m");
                assert!(
                    painted.starts_with(' ') && painted.contains(&expect),
                    "{line:?}"
                );
            }
        }
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
