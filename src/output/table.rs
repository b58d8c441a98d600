//! netkit's tables, drawn by comfy-table: the UTF8_FULL_CONDENSED look, widths measured in
//! terminal columns (CJK and emoji count 2), never wrapped or cut when output goes to a pipe or
//! a file, and fitted to the terminal's width when stdout is one without ever cutting a value
//! (issue 27): cells wrap only between words (an address, a MAC, a word, a number with its unit
//! stays whole, see [`super::text::atoms`]); when even that is too wide, the columns the command
//! declared [`Table::expendable`] are left out, most expendable first, with a note saying which;
//! and when the table still does not fit it becomes records, one block of `Label: value` lines
//! per row, as `ip addr` and `ipconfig /all` show interfaces.
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

use super::text::{Paint, one_line, visible_len, widest_atom, wrap};
use crate::i18n::t;

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

/// Indentation of a record's `Label: value` lines.
const RECORD_INDENT: usize = 2;

/// A bordered table of [`Cell`]s.
#[derive(Debug, Clone)]
pub struct Table {
    headers: Vec<Cell>,
    rows: Vec<Vec<Cell>>,
    /// The terminal's width, when stdout is one.
    width: Option<u16>,
    /// Whether painted cells are coloured.
    color: bool,
    /// The columns that may be left out to fit, most expendable first.
    expendable: Vec<usize>,
    /// The layout chosen up front (a streamed table's parts share one); measured from the
    /// rows when None.
    layout: Option<Layout>,
    /// Whether a fitted table says which columns it left out (a streamed table's parts do not:
    /// the stream says it once).
    note: bool,
    /// The option that shows every column in another view (`--all`), named in the note.
    full_view: Option<&'static str>,
    /// Whether the header row is left out of the drawing (a streamed table's later parts); the
    /// headers still label records.
    headless: bool,
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

    /// The cell's text.
    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// The cell's paint.
    pub(super) fn paint(&self) -> Option<Paint> {
        self.paint
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

/// How a table is drawn on a terminal of a given width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Layout {
    /// Every column at its natural width, nothing wrapped (it fits, or output is not a terminal).
    Natural,
    /// The columns `shown` (indexes, in order), each `widths` terminal columns of text wide,
    /// cells wrapped between words; the columns not shown left out.
    Fitted {
        shown: Vec<usize>,
        widths: Vec<usize>,
    },
    /// One block of `Label: value` lines per row.
    Records,
}

impl Layout {
    /// The layout for columns whose text is `natural` columns wide and whose widest unbreakable
    /// piece is `least` columns wide, on a terminal `width` columns wide: natural when it fits;
    /// else wrapped between words; else without the `expendable` columns (in that order, as
    /// few as needed); else records.
    pub(super) fn choose(
        natural: &[usize],
        least: &[usize],
        expendable: &[usize],
        width: usize,
    ) -> Layout {
        // A table of k columns takes 3k + 1 columns of rules and padding: "│ a ┆ b │".
        let frame = |k: usize| 3 * k + 1;
        if natural.iter().sum::<usize>() + frame(natural.len()) <= width {
            return Layout::Natural;
        }
        let mut shown: Vec<usize> = (0..natural.len()).collect();
        let need =
            |shown: &[usize]| shown.iter().map(|&i| least[i]).sum::<usize>() + frame(shown.len());
        let mut out = expendable.iter();
        while need(&shown) > width {
            let Some(drop) = out.next() else {
                return Layout::Records;
            };
            shown.retain(|i| i != drop);
        }
        if shown.is_empty() {
            return Layout::Records;
        }
        let budget = width - frame(shown.len());
        let widths = share(
            &shown.iter().map(|&i| least[i]).collect::<Vec<_>>(),
            &shown
                .iter()
                .map(|&i| natural[i].max(least[i]))
                .collect::<Vec<_>>(),
            budget,
        );
        Layout::Fitted { shown, widths }
    }
}

/// Widths between `least` and `natural` summing to at most `budget` (at least the sum of
/// `least`): the room above the least widths goes first to the columns that need little more
/// to show whole, then evenly to the rest.
fn share(least: &[usize], natural: &[usize], budget: usize) -> Vec<usize> {
    let mut widths = least.to_vec();
    let mut room = budget.saturating_sub(least.iter().sum());
    loop {
        let wanting: Vec<usize> = (0..widths.len())
            .filter(|&i| widths[i] < natural[i])
            .collect();
        if wanting.is_empty() || room == 0 {
            return widths;
        }
        let each = room / wanting.len();
        let sated: Vec<usize> = wanting
            .iter()
            .copied()
            .filter(|&i| natural[i] - widths[i] <= each)
            .collect();
        if sated.is_empty() {
            // Nobody is sated by an even share: share evenly, the first ones a column more.
            for (n, &i) in wanting.iter().enumerate() {
                let extra = each + usize::from(n < room % wanting.len());
                widths[i] += extra.min(natural[i] - widths[i]);
            }
            return widths;
        }
        for i in sated {
            room -= natural[i] - widths[i];
            widths[i] = natural[i];
        }
    }
}

impl Table {
    /// A table with these headers, fitted to `width` columns when given (stdout is a terminal
    /// that wide) and at its natural width otherwise; `color` lets painted cells be coloured.
    pub(super) fn new(headers: Vec<Cell>, width: Option<u16>, color: bool) -> Self {
        Table {
            headers: headers.into_iter().map(Cell::neutralized).collect(),
            rows: Vec::new(),
            width,
            color,
            expendable: Vec::new(),
            layout: None,
            note: true,
            full_view: None,
            headless: false,
        }
    }

    /// Names the columns (by header) that may be left out when the table does not fit the
    /// terminal even with its cells wrapped between words, most expendable first; a note under
    /// the table says which were. The columns not named always show (the table becomes records
    /// before one of them goes). Names that are no header are ignored.
    pub fn expendable(&mut self, headers: &[&str]) -> &mut Self {
        self.expendable = headers
            .iter()
            .filter_map(|name| self.headers.iter().position(|h| h.text == *name))
            .collect();
        self
    }

    /// Names the option (`--all`) whose view shows every column, for the note on left-out ones.
    pub fn full_view(&mut self, option: &'static str) -> &mut Self {
        self.full_view = Some(option);
        self
    }

    /// Appends a row; a cell may hold several lines.
    pub fn add_row<I, C>(&mut self, cells: I)
    where
        I: IntoIterator<Item = C>,
        C: Into<Cell>,
    {
        let row = cells.into_iter().map(|c| c.into().neutralized()).collect();
        self.rows.push(row);
    }

    /// Draws the table as a part of a streamed one: with `layout`, whatever its rows, without
    /// the note on left-out columns, and without the header row when `headless`.
    pub(super) fn as_part(&mut self, layout: Layout, headless: bool) {
        self.layout = Some(layout);
        self.note = false;
        self.headless = headless;
    }

    /// The layout for a table whose columns (these headers) hold text at most `widths` wide,
    /// each cell one unbreakable piece, on a terminal `width` columns wide (None: not a
    /// terminal).
    pub(super) fn layout_for(
        headers: &[String],
        widths: &[usize],
        expendable: &[usize],
        width: Option<u16>,
    ) -> Layout {
        let Some(width) = width else {
            return Layout::Natural;
        };
        let natural: Vec<usize> = headers
            .iter()
            .zip(widths)
            .map(|(h, w)| visible_len(h).max(*w))
            .collect();
        let least: Vec<usize> = headers
            .iter()
            .zip(widths)
            .map(|(h, w)| widest_atom(h).max(*w))
            .collect();
        Layout::choose(&natural, &least, expendable, usize::from(width))
    }

    /// The index of each of `names` among these headers (names that are none left out).
    pub(super) fn positions(headers: &[String], names: &[&str]) -> Vec<usize> {
        names
            .iter()
            .filter_map(|n| headers.iter().position(|h| h == n))
            .collect()
    }

    /// The layout this table's rows call for.
    fn measure(&self) -> Layout {
        let Some(width) = self.width else {
            return Layout::Natural;
        };
        let columns = self
            .rows
            .iter()
            .map(Vec::len)
            .chain([self.headers.len()])
            .max()
            .unwrap_or(0);
        let (mut natural, mut least) = (vec![0; columns], vec![0; columns]);
        for row in std::iter::once(&self.headers).chain(&self.rows) {
            for (i, cell) in row.iter().enumerate() {
                let wide = cell.text.lines().map(visible_len).max().unwrap_or(0);
                natural[i] = natural[i].max(wide);
                least[i] = least[i].max(widest_atom(&cell.text));
            }
        }
        Layout::choose(&natural, &least, &self.expendable, usize::from(width))
    }

    /// The note under a table that left columns out: which, and what shows them (`full_view`,
    /// `--json`, a wider terminal).
    pub(super) fn left_out_note(headers: &[&str], full_view: Option<&str>) -> String {
        let columns = headers.join(&t!("common-list-separator").to_string());
        let count = headers.len();
        match full_view {
            Some(option) => t!(
                "common-left-out-option",
                columns = columns,
                option = option,
                count = count
            ),
            None => t!("common-left-out", columns = columns, count = count),
        }
        .to_string()
    }

    /// comfy-table drawing the columns `shown` of the rows, each `widths` wide (None: natural),
    /// and the paints of every drawn row (the header's first) when colour is on.
    fn draw(
        &self,
        shown: &[usize],
        widths: Option<&[usize]>,
    ) -> (comfy_table::Table, Option<Vec<Vec<Option<Paint>>>>) {
        let mut inner = comfy_table::Table::new();
        inner.load_style(if self.color {
            MARKED
        } else {
            UTF8_FULL_CONDENSED
        });
        let mut paints = self.color.then(Vec::new);
        let mut take = |row: &[Cell]| -> Vec<comfy_table::Cell> {
            let mut row_paints = Vec::new();
            let cells = shown
                .iter()
                .enumerate()
                .map(|(n, &i)| {
                    let cell = row.get(i);
                    row_paints.push(cell.and_then(|c| c.paint));
                    let text = cell.map_or("", |c| c.text.as_str());
                    let text = match widths {
                        Some(w) => wrapped(text, w[n]),
                        None => text.to_string(),
                    };
                    comfy_table::Cell::new_owned(text)
                })
                .collect();
            if let Some(p) = &mut paints {
                p.push(row_paints);
            }
            cells
        };
        if !self.headers.is_empty() && !self.headless {
            let header = take(&self.headers);
            inner.set_header(header);
        }
        for row in &self.rows {
            let cells = take(row);
            inner.add_row(cells);
        }
        match widths {
            Some(widths) => {
                let total = widths.iter().sum::<usize>() + 3 * widths.len() + 1;
                inner
                    .set_content_arrangement(ContentArrangement::Dynamic)
                    .set_width(u16::try_from(total).unwrap_or(u16::MAX))
                    .set_constraints(widths.iter().map(|w| {
                        let w = u16::try_from(*w + 2).unwrap_or(u16::MAX);
                        ColumnConstraint::Absolute(Width::Fixed(w))
                    }));
            }
            None => {
                inner.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        (inner, paints)
    }

    /// The rows as records: each row's first cell a heading, its other cells `Label: value`
    /// lines under it, the values wrapped between words to `width` under where they start.
    fn write_records(&self, f: &mut std::fmt::Formatter<'_>, width: usize) -> std::fmt::Result {
        let header = |i: usize| self.headers.get(i).map_or("", |h| h.text.as_str());
        // "Kind:" / "类型：", in the run's language.
        let label = |i: usize| t!("common-label", label = header(i)).to_string();
        let label_width = (1..self.headers.len())
            .map(|i| visible_len(&label(i)))
            .max()
            .unwrap_or(0);
        let start = RECORD_INDENT + label_width + 1;
        // A first column of numbers (a hop, a row's number) heads each record with its header.
        let numbered = self.rows.iter().all(|r| {
            r.first()
                .is_none_or(|c| c.text.is_empty() || c.text.chars().all(|ch| ch.is_ascii_digit()))
        });
        let mut first_line = true;
        let mut newline = |f: &mut std::fmt::Formatter<'_>| {
            if std::mem::take(&mut first_line) {
                Ok(())
            } else {
                f.write_str("\n")
            }
        };
        for (r, row) in self.rows.iter().enumerate() {
            // A row without a first cell goes on with the record above it.
            if let Some(title) = row.first().filter(|c| !c.text.is_empty()) {
                if r > 0 {
                    newline(f)?; // a blank line between records
                }
                for line in title.text.lines() {
                    newline(f)?;
                    let line = if !numbered {
                        line.to_string()
                    } else if header(0) == "#" {
                        format!("#{line}")
                    } else {
                        format!("{} {line}", header(0))
                    };
                    for (n, piece) in wrap(&line, width, 0, 0).split('\n').enumerate() {
                        if n > 0 {
                            newline(f)?;
                        }
                        self.write_text(f, piece, title.paint.or(Some(Paint::Bold)))?;
                    }
                }
            }
            for (i, cell) in row.iter().enumerate().skip(1) {
                if cell.text.is_empty() {
                    continue;
                }
                let label = label(i);
                let pad = label_width.saturating_sub(visible_len(&label)) + 1;
                newline(f)?;
                write!(f, "{:RECORD_INDENT$}", "")?;
                self.write_text(f, &label, Some(Paint::Bold))?;
                write!(f, "{:pad$}", "")?;
                for (n, line) in cell.text.lines().enumerate() {
                    let fitted = wrap(line, width, start, start);
                    for (m, piece) in fitted.split('\n').enumerate() {
                        if n > 0 || m > 0 {
                            newline(f)?;
                            write!(f, "{:start$}", "")?;
                        }
                        self.write_text(f, piece.trim_start(), cell.paint)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// `text`, painted when colour is on and it has a paint.
    fn write_text(
        &self,
        f: &mut std::fmt::Formatter<'_>,
        text: &str,
        paint: Option<Paint>,
    ) -> std::fmt::Result {
        match paint.filter(|_| self.color) {
            Some(p) if !text.is_empty() => write!(f, "\x1b[{}m{text}\x1b[0m", p.sgr()),
            _ => f.write_str(text),
        }
    }
}

/// Each line of `text` broken between words to lines at most `width` columns wide (a piece
/// wider stays whole).
fn wrapped(text: &str, width: usize) -> String {
    if text.lines().all(|l| visible_len(l) <= width) {
        return text.to_string();
    }
    text.lines()
        .map(|l| wrap(l, width, 0, 0))
        .collect::<Vec<_>>()
        .join("\n")
}

impl std::fmt::Display for Table {
    /// The table's lines, without a newline after the last one (like any Display value).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let layout = self.layout.clone().unwrap_or_else(|| self.measure());
        let columns = self
            .headers
            .len()
            .max(self.rows.iter().map(Vec::len).max().unwrap_or(0));
        let (inner, paints, left_out) = match &layout {
            Layout::Natural => {
                let all: Vec<usize> = (0..columns).collect();
                let (inner, paints) = self.draw(&all, None);
                (inner, paints, Vec::new())
            }
            Layout::Fitted { shown, widths } => {
                let (inner, paints) = self.draw(shown, Some(widths));
                let left_out: Vec<&str> = (0..self.headers.len())
                    .filter(|i| !shown.contains(i))
                    .map(|i| self.headers[i].text.as_str())
                    .collect();
                (inner, paints, left_out)
            }
            Layout::Records => {
                let width = usize::from(self.width.unwrap_or(u16::MAX));
                return self.write_records(f, width);
            }
        };
        write_drawn(f, &inner, paints.as_deref())?;
        if self.note && !left_out.is_empty() {
            f.write_str("\n")?;
            let note = Table::left_out_note(&left_out, self.full_view);
            self.write_text(f, &note, Some(Paint::Dim))?;
        }
        Ok(())
    }
}

/// The lines comfy-table drew, with each cell's paint applied when `paints` are given.
fn write_drawn(
    f: &mut std::fmt::Formatter<'_>,
    inner: &comfy_table::Table,
    paints: Option<&[Vec<Option<Paint>>]>,
) -> std::fmt::Result {
    // Line by line: comfy-table's own Display joins all lines into one more String first.
    let Some(paints) = paints else {
        for (i, line) in inner.lines().enumerate() {
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
    for line in inner.lines() {
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

impl Cell {
    /// The cell with its text [`neutralized`].
    fn neutralized(self) -> Cell {
        Cell {
            text: neutralized(self.text),
            paint: self.paint,
        }
    }
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

    /// Issue 27 item 1: on a terminal, cells wrap only between words; every word and address
    /// is whole on one line.
    #[test]
    fn terminal_table_fits_the_width_and_keeps_every_word_whole() {
        for color in [false, true] {
            let ui = ui(color, Some(44));
            let cells = [
                "a name that is rather long for one column",
                "fe80::fc:ff:fe00:1/64\n2001:db8::1/64",
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
                    line.width() <= 44,
                    "{} columns: {line}\n{text}",
                    line.width()
                );
                assert_eq!(rule_columns(line), rules, "{line}\n{text}");
            }
            // Each column's lines hold the cell's words, each whole on one line.
            let body = &lines[3..lines.len() - 1];
            for (i, cell) in cells.iter().enumerate() {
                let column: Vec<String> = body
                    .iter()
                    .map(|l| l.split(['│', '┆']).nth(i + 1).unwrap().trim().to_string())
                    .collect();
                let words: Vec<&str> = column.iter().flat_map(|l| l.split_whitespace()).collect();
                assert_eq!(words, cell.split_whitespace().collect::<Vec<_>>(), "{text}");
            }
            assert!(body.len() > 2, "the cells wrap:\n{text}");
        }
    }

    /// Issue 28: a Chinese cell without spaces wraps between ideographs; the columns stay
    /// aligned and the address beside it whole.
    #[test]
    fn chinese_cells_wrap_between_ideographs() {
        let ui = ui(false, Some(34));
        let note = "这台主机和本机在同一子网，直接发送，不经过网关。";
        let mut t = ui.table(&["地址", "说明"]);
        t.add_row(["198.51.100.1", note]);
        let text = t.to_string();
        let lines: Vec<String> = text.lines().map(shown).collect();
        let rules = rule_columns(&lines[0]);
        for line in &lines {
            assert!(line.width() <= 34, "{text}");
            assert_eq!(rule_columns(line), rules, "{text}");
            let first = line.split('┆').nth(1).map(str::trim).unwrap_or("");
            assert!(!first.starts_with(['，', '。']), "{text}");
        }
        let body = &lines[3..lines.len() - 1];
        assert!(body.len() > 1, "the note wraps:\n{text}");
        assert!(body[0].contains("198.51.100.1"), "{text}");
        let joined: String = body
            .iter()
            .map(|l| l.split('┆').nth(1).unwrap().trim_end_matches('│').trim())
            .collect();
        assert_eq!(joined, note, "{text}");
    }

    /// Issue 27 item 1: columns declared expendable go first, with a note; when the rest still
    /// does not fit, each row becomes a record.
    #[test]
    fn narrow_terminal_leaves_out_columns_then_shows_records() {
        let table = |width| {
            let ui = ui(false, Some(width));
            let mut t = ui.table(&["Address", "MAC", "Vendor", "State"]);
            t.expendable(&["Vendor", "State"]);
            t.add_row([
                "198.51.100.1",
                "00:16:3e:00:00:01",
                "Xensource, Inc.",
                "REACHABLE",
            ]);
            t.add_row(["198.51.100.7", "02:00:00:00:00:07", "-", "STALE"]);
            t.to_string()
        };
        assert_eq!(
            table(52),
            "┌──────────────┬───────────────────┬───────────┐\n\
             │ Address      ┆ MAC               ┆ State     │\n\
             ╞══════════════╪═══════════════════╪═══════════╡\n\
             │ 198.51.100.1 ┆ 00:16:3e:00:00:01 ┆ REACHABLE │\n\
             │ 198.51.100.7 ┆ 02:00:00:00:00:07 ┆ STALE     │\n\
             └──────────────┴───────────────────┴───────────┘\n\
             Left out to fit: Vendor (--json or a wider terminal shows it)"
        );
        assert_eq!(
            table(30),
            "198.51.100.1\n\
             \x20 MAC:    00:16:3e:00:00:01\n\
             \x20 Vendor: Xensource, Inc.\n\
             \x20 State:  REACHABLE\n\
             \n\
             198.51.100.7\n\
             \x20 MAC:    02:00:00:00:00:07\n\
             \x20 Vendor: -\n\
             \x20 State:  STALE"
        );
    }

    #[test]
    fn widths_go_first_to_the_columns_that_need_little() {
        assert_eq!(share(&[3, 5, 5], &[4, 20, 30], 20), [4, 8, 8]);
        assert_eq!(share(&[3, 5], &[4, 6], 100), [4, 6]);
        assert_eq!(Layout::choose(&[10, 10], &[4, 4], &[], 27), Layout::Natural);
        assert_eq!(
            Layout::choose(&[10, 10], &[4, 4], &[], 20),
            Layout::Fitted {
                shown: vec![0, 1],
                widths: vec![7, 6]
            }
        );
        assert_eq!(
            Layout::choose(&[10, 10], &[10, 10], &[1], 20),
            Layout::Fitted {
                shown: vec![0],
                widths: vec![10]
            }
        );
        assert_eq!(
            Layout::choose(&[10, 10], &[10, 10], &[], 20),
            Layout::Records
        );
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
