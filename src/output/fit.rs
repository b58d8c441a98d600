//! Prose that fits the terminal: a writer that breaks every line wider than the terminal at
//! word boundaries, the continuation indented under where the line's text starts (after its
//! indentation, or after a label such as `Kind:       ` or `   State . . . : `). Tables, which
//! comfy-table fits already, pass untouched, and nothing is wrapped when stdout is not a
//! terminal ([`super::Ui::width`] is None then, and no `Fit` is made).

use std::io::{self, Write};

use super::text::{atoms, visible_len, widest_atom, wrap};

/// Wraps the lines written through it to `width` columns (see the module docs).
#[derive(Debug)]
pub struct Fit<W: Write> {
    inner: W,
    width: usize,
    line: Vec<u8>,
}

impl<W: Write> Fit<W> {
    /// Fits lines to `width` columns on their way to `inner`.
    pub fn new(inner: W, width: u16) -> Self {
        Fit {
            inner,
            width: usize::from(width),
            line: Vec::new(),
        }
    }

    fn emit_line(&mut self) -> io::Result<()> {
        let line = std::mem::take(&mut self.line);
        let text = String::from_utf8_lossy(&line);
        if visible_len(&text) <= self.width || is_table(&text) {
            return self.inner.write_all(&line);
        }
        // The head (indentation, or a label and the spaces that align its value) stays whole;
        // the rest wraps under where the value starts.
        let indent = text.len() - text.trim_start_matches(' ').len();
        let (head, hang) = match value_start(&text) {
            Some(at) => (&text[..at], visible_len(&text[..at])),
            None => (&text[..indent], indent + 2),
        };
        let rest = &text[head.len()..];
        let first = atoms(rest).next().map_or(0, |(a, _)| visible_len(a));
        let widest = widest_atom(rest);
        // A piece too wide to show whole under the value goes less indented.
        let hang = if hang + widest > self.width {
            indent + 2
        } else {
            hang.min(self.width / 2)
        };
        if visible_len(head) + first > self.width && indent + 2 + first <= self.width {
            // A value too wide to start beside its label (a long name) goes under it.
            let under = indent + 2;
            let fitted = wrap(rest, self.width, under, under);
            return write!(self.inner, "{}\n{:under$}{fitted}", head.trim_end(), "");
        }
        let fitted = wrap(rest, self.width, visible_len(head), hang);
        write!(self.inner, "{head}{fitted}")
    }
}

/// Whether a line is part of a table (its borders): comfy-table has fitted it.
fn is_table(line: &str) -> bool {
    line.trim_start()
        .starts_with(['│', '┌', '└', '╞', '├', '┆', '╭', '╰'])
}

/// Where a labelled line's value starts (a byte index): after `Label:` (or a Chinese label's
/// `：`) and the spaces that align it (`Kind:       mixed: ...`, `   State . . . : UP`,
/// `厂商：      无`), when that is early in the line.
fn value_start(line: &str) -> Option<usize> {
    let (colon, len) = match (line.find(": "), line.find('：')) {
        (Some(a), Some(b)) if b < a => (b, '：'.len_utf8()),
        (Some(a), _) => (a, 1),
        (None, Some(b)) => (b, '：'.len_utf8()),
        (None, None) => return None,
    };
    let after = &line[colon + len..];
    let at = colon + len + (after.len() - after.trim_start_matches(' ').len());
    (visible_len(&line[..at]) < 40 && at < line.len()).then_some(at)
}

impl<W: Write> Write for Fit<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'\n') {
            self.line.extend_from_slice(&rest[..=i]);
            // The newline stays with the line: written after the wrapped text.
            self.line.pop();
            self.emit_line()?;
            self.inner.write_all(b"\n")?;
            rest = &rest[i + 1..];
        }
        self.line.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.line.is_empty() {
            self.emit_line()?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fitted(width: u16, text: &str) -> String {
        let mut out = Vec::new();
        let mut f = Fit::new(&mut out, width);
        f.write_all(text.as_bytes()).unwrap();
        f.flush().unwrap();
        drop(f);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn long_lines_wrap_under_their_value() {
        let text = "Kind:       mixed: spans several kinds of address (see the blocks)\nshort\n";
        assert_eq!(
            fitted(40, text),
            "Kind:       mixed: spans several kinds\n            of address (see the blocks)\nshort\n"
        );
        let text = "   State . . . : UP <BROADCAST,MULTICAST,UP,RUNNING,LOWER_UP> and more\n";
        assert_eq!(
            fitted(50, text),
            "   State . . . : UP\n     <BROADCAST,MULTICAST,UP,RUNNING,LOWER_UP> and\n     more\n"
        );
        let text = "note: the address is the network address, the Subnet-Router anycast\n";
        assert_eq!(
            fitted(40, text),
            "note: the address is the network\n      address, the Subnet-Router anycast\n"
        );
    }

    /// Issue 28: a Chinese label (full-width colon, no space) hangs its value the same way,
    /// and the value breaks between ideographs.
    #[test]
    fn chinese_lines_wrap_under_their_value() {
        let text = "厂商：      无：这是本地管理的地址，由软件设置，所以前六位十六进制数字不代表哪家厂商\n";
        let out = fitted(40, text);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 1, "{out}");
        for line in &lines[1..] {
            assert!(
                line.starts_with("            ") && !line.starts_with("             "),
                "{out}"
            );
        }
        assert!(lines.iter().all(|l| visible_len(l) <= 40), "{out}");
    }

    /// Issue 27 item 1: a value too wide to start beside its label goes whole under it.
    #[test]
    fn a_long_value_goes_under_its_label() {
        let name = "a-rather-long-host-name-for-a-narrow-screen.lab.test";
        assert_eq!(
            fitted(60, &format!("Name:    {name}\n")),
            format!("Name:\n  {name}\n")
        );
    }

    #[test]
    fn tables_and_short_lines_pass_untouched() {
        let table = "│ a very long cell that comfy-table has laid out already ┆ x │\n";
        assert_eq!(fitted(20, table), table);
        assert_eq!(fitted(80, "fits\n"), "fits\n");
    }
}
