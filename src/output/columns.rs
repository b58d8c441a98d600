//! Rows printed one at a time in aligned columns, for live views that show each result when it
//! comes (the hosts of `arp scan`, the names of a bulk `dns` lookup, the events of `watch`),
//! fitted to the terminal as tables are (see [`super::table`]) without ever cutting a value:
//! every column but the last has a width known up front; the last (the rest: a vendor, the
//! records, a MAC and its vendor) wraps between words under where it starts; when it has too
//! little room beside the others it goes on a line of its own under them; when even the other
//! columns do not fit, the columns declared expendable are left out (a note under the header
//! says which), and at last each row becomes a record of `Label: value` lines.

use std::borrow::Cow;
use std::io::{self, Write};

use super::table::{Cell, Layout, Table};
use super::text::{Paint, visible_len, widest_atom, wrap};

/// The spaces between two columns.
const GAP: usize = 2;

/// One column of an [`Aligned`] view.
#[derive(Debug, Clone)]
pub struct Column {
    header: Cow<'static, str>,
    /// The text width of the column (for the last, the least room its text needs beside the
    /// others: its widest word).
    width: usize,
    /// Whether text is aligned to the right (numbers).
    right: bool,
}

impl Column {
    /// A column `width` columns wide, text on the left (its header a word of the catalogs, in
    /// the run's language, or a fixed one).
    pub fn left(header: impl Into<Cow<'static, str>>, width: usize) -> Self {
        let header = header.into();
        Column {
            width: width.max(visible_len(&header)),
            header,
            right: false,
        }
    }

    /// A column `width` columns wide, text on the right (numbers).
    pub fn right(header: impl Into<Cow<'static, str>>, width: usize) -> Self {
        Column {
            right: true,
            ..Column::left(header, width)
        }
    }
}

/// How an [`Aligned`] view lays out its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shape {
    /// The columns `shown` (indexes), the last beside the others when `beside`, else on a line
    /// of its own under them.
    Columns { shown: Vec<usize>, beside: bool },
    /// One block of `Label: value` lines per row.
    Records,
}

/// Rows in aligned columns, fitted to the terminal (see the module docs); made by
/// [`super::Ui::aligned`].
#[derive(Debug)]
pub struct Aligned {
    /// The terminal's width, when stdout is one.
    width: Option<u16>,
    /// Whether painted cells are coloured.
    color: bool,
    columns: Vec<Column>,
    shape: Shape,
    /// Whether a row was written (records are separated by a blank line).
    started: bool,
}

impl Aligned {
    /// A view of these columns (the last one the rest, see the module docs) for a terminal
    /// `width` wide (None: not a terminal); on a narrow one the `expendable` columns (by header,
    /// most expendable first) may be left out.
    pub(super) fn new(
        width: Option<u16>,
        color: bool,
        columns: Vec<Column>,
        expendable: &[&str],
    ) -> Self {
        let shape = match width {
            None => Shape::Columns {
                shown: (0..columns.len()).collect(),
                beside: true,
            },
            Some(w) => shape(&columns, expendable, usize::from(w)),
        };
        Aligned {
            width,
            color,
            columns,
            shape,
            started: false,
        }
    }

    /// The header line (bold), and under it which columns were left out, if any; nothing when
    /// rows are records.
    pub fn write_header(&self, out: &mut dyn Write) -> io::Result<()> {
        let Shape::Columns { shown, beside } = &self.shape else {
            return Ok(());
        };
        let cells: Vec<Cell> = self
            .columns
            .iter()
            .map(|c| Cell::new(c.header.as_ref(), None))
            .collect();
        let line = self.line(&cells, shown, *beside);
        let line = line.lines().next().unwrap_or_default().to_string();
        writeln!(out, "{}", self.paint(&line, Some(Paint::Bold)))?;
        let left_out: Vec<&str> = (0..self.columns.len())
            .filter(|i| !shown.contains(i))
            .map(|i| self.columns[i].header.as_ref())
            .collect();
        if !left_out.is_empty() {
            let note = Table::left_out_note(&left_out, None);
            writeln!(out, "{}", self.paint(&note, Some(Paint::Dim)))?;
        }
        Ok(())
    }

    /// Writes one row (a cell per column; missing cells are empty).
    pub fn write_row(&mut self, out: &mut dyn Write, cells: Vec<Cell>) -> io::Result<()> {
        let started = std::mem::replace(&mut self.started, true);
        match &self.shape {
            Shape::Columns { shown, beside } => {
                writeln!(out, "{}", self.line(&cells, shown, *beside))
            }
            Shape::Records => {
                let headers = self
                    .columns
                    .iter()
                    .map(|c| Cell::new(c.header.as_ref(), Some(Paint::Bold)))
                    .collect();
                let mut t = Table::new(headers, self.width, self.color);
                t.as_part(Layout::Records, false);
                t.add_row(cells);
                if started {
                    writeln!(out)?;
                }
                writeln!(out, "{t}")
            }
        }
    }

    /// The text of one row in columns: each cell padded to its column's width (a longer one
    /// pushes the rest right), the last wrapped beside the others or put under them.
    fn line(&self, cells: &[Cell], shown: &[usize], beside: bool) -> String {
        let Some((&last, fixed)) = shown.split_last() else {
            return String::new();
        };
        let mut line = String::new();
        let mut col = 0;
        for &i in fixed {
            let c = &self.columns[i];
            let cell = cells.get(i);
            let text = cell.map_or("", |c| c.text());
            let pad = c.width.saturating_sub(visible_len(text));
            let painted = self.paint(text, cell.and_then(Cell::paint));
            let (before, after) = if c.right { (pad, 0) } else { (0, pad) };
            line.push_str(&format!("{:before$}{painted}{:after$}", "", ""));
            col += visible_len(text) + pad;
            line.push_str(&" ".repeat(GAP));
            col += GAP;
        }
        let cell = cells.get(last);
        let rest = cell.map_or("", |c| c.text());
        if rest.is_empty() {
            return line.trim_end().to_string();
        }
        let width = self.width.map_or(usize::MAX, usize::from);
        let paint = cell.and_then(Cell::paint);
        let start = if beside || fixed.is_empty() {
            col
        } else {
            let hang = self.below_indent();
            line = line.trim_end().to_string();
            line.push('\n');
            line.push_str(&" ".repeat(hang));
            hang
        };
        let fitted = wrap(rest, width, start, start);
        for (n, piece) in fitted.split('\n').enumerate() {
            if n > 0 {
                line.push('\n');
                line.push_str(&" ".repeat(start));
            }
            line.push_str(&self.paint(piece.trim_start(), paint));
        }
        line
    }

    /// Where the last column starts when it goes under the others: under the second column,
    /// or a quarter of the terminal in, whichever is less.
    fn below_indent(&self) -> usize {
        let second = self.columns.first().map_or(0, |c| c.width + GAP);
        let quarter = self.width.map_or(usize::MAX, |w| usize::from(w) / 4);
        second.min(quarter)
    }

    fn paint(&self, text: &str, paint: Option<Paint>) -> String {
        match paint.filter(|_| self.color) {
            Some(p) if !text.is_empty() => format!("\x1b[{}m{text}\x1b[0m", p.sgr()),
            _ => text.to_string(),
        }
    }
}

/// The shape of a view of `columns` on a terminal `width` columns wide (see the module docs).
fn shape(columns: &[Column], expendable: &[&str], width: usize) -> Shape {
    let Some((rest, fixed)) = columns.split_last() else {
        return Shape::Records;
    };
    let last = columns.len() - 1;
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    // The width of the columns before the last, with the gaps after them.
    let before = |shown: &[usize]| -> usize {
        shown
            .iter()
            .filter(|&&i| i != last)
            .map(|&i| columns[i].width + GAP)
            .sum()
    };
    let mut out = expendable
        .iter()
        .filter_map(|h| fixed.iter().position(|c| c.header == *h));
    let least = rest.width.max(widest_atom(&rest.header));
    loop {
        let used = before(&shown);
        if used + least <= width {
            return Shape::Columns {
                shown,
                beside: true,
            };
        }
        if used.saturating_sub(GAP) <= width {
            return Shape::Columns {
                shown,
                beside: false,
            };
        }
        match out.next() {
            Some(drop) => shown.retain(|&i| i != drop),
            None => return Shape::Records,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_view(width: Option<u16>) -> String {
        let mut a = Aligned::new(
            width,
            false,
            vec![
                Column::left("Address", 15),
                Column::left("MAC", 17),
                Column::right("RTT", 8),
                Column::left("Vendor", 10),
            ],
            &["RTT"],
        );
        let mut out = Vec::new();
        a.write_header(&mut out).unwrap();
        a.write_row(
            &mut out,
            vec![
                "198.51.100.1".into(),
                "00:16:3e:00:00:01".into(),
                "7.55 µs".into(),
                "Xensource, Inc.".into(),
            ],
        )
        .unwrap();
        a.write_row(
            &mut out,
            vec!["198.51.100.20".into(), "02:00:00:00:00:14".into()],
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Issue 27 item 1: live rows fit the terminal without cutting a value.
    #[test]
    fn live_rows_fit_without_cutting_a_value() {
        assert_eq!(
            scan_view(None),
            "Address          MAC                     RTT  Vendor\n\
             198.51.100.1     00:16:3e:00:00:01   7.55 µs  Xensource, Inc.\n\
             198.51.100.20    02:00:00:00:00:14\n"
        );
        // The vendor wraps between words under where it starts.
        assert_eq!(
            scan_view(Some(58)),
            "Address          MAC                     RTT  Vendor\n\
             198.51.100.1     00:16:3e:00:00:01   7.55 µs  Xensource,\n\
             \x20                                             Inc.\n\
             198.51.100.20    02:00:00:00:00:14\n"
        );
        // Too narrow for the RTT: left out, and said so; the vendor goes under the row.
        assert_eq!(
            scan_view(Some(40)),
            "Address          MAC\n\
             Left out to fit: RTT (--json or a wider terminal shows it)\n\
             198.51.100.1     00:16:3e:00:00:01\n\
             \x20         Xensource, Inc.\n\
             198.51.100.20    02:00:00:00:00:14\n"
        );
        // Too narrow for the address and the MAC side by side: records.
        assert_eq!(
            scan_view(Some(24)),
            "198.51.100.1\n  MAC:    00:16:3e:00:00:01\n  RTT:    7.55 µs\n  Vendor: Xensource,\n          Inc.\n\n\
             198.51.100.20\n  MAC:    02:00:00:00:00:14\n"
        );
    }
}
