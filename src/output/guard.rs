//! The one rule for text that reaches a terminal: every byte netkit writes for people goes
//! through a [`Guard`], which shows control characters, bidirectional overrides, invisible
//! characters (zero-width space and joiners, word joiner, BOM, line and paragraph separators) and
//! invalid UTF-8 escaped (`\r`, `\u{1b}`, `\u{202e}`, `\u{200b}`, `\xff`) instead of letting them
//! act on the terminal or hide. Text from the network, the kernel, a file or a peer cannot move
//! the cursor, clear the screen, set the window title, ring the bell, fake a line, reorder what is
//! shown or pass for another text, whichever command prints it. Only `\n`, `\t` and, when colour
//! is on, netkit's own colour codes pass.
//!
//! `\n` passes because it ends netkit's own lines: the guard sees one stream and cannot tell them
//! from a newline inside a value. So one value from outside is written through
//! [`one_line`](super::one_line), which shows its `\n` and `\t` escaped too (a DHCP boot-file name
//! carrying "\nNo rogue DHCP server" stays on its line), and a chat peer's text is shown after its
//! sender's label, line by line, so it never looks like netkit's own notices.
//!
//! JSON keeps every value exact: [`write_json`] escapes the same characters as `\uXXXX`, so a
//! script reads the original string and a terminal showing the JSON is not driven by it.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use super::text::{Paint, is_unsafe};

/// A writer that neutralizes what it passes on (see the module docs).
#[derive(Debug)]
pub struct Guard<W: Write> {
    inner: W,
    /// Whether netkit's own colour codes (the SGR sequences of [`Paint`]) may pass.
    color: bool,
    /// The start of an escape sequence or of a UTF-8 character cut by the end of a write.
    pending: Vec<u8>,
}

/// The longest byte sequence [`Guard`] may have to wait for the end of: a colour code.
const MAX_PENDING: usize = 16;

impl<W: Write> Guard<W> {
    /// Guards `inner`; `color` lets netkit's colour codes through.
    pub fn new(inner: W, color: bool) -> Self {
        Guard {
            inner,
            color,
            pending: Vec::new(),
        }
    }

    /// Writes `buf` neutralized; returns how many bytes at its end wait for more input (none
    /// when `last`: nothing more will come).
    fn pass(&mut self, buf: &[u8], last: bool) -> io::Result<usize> {
        let mut safe = 0; // start of the run of bytes that pass as they are
        let mut i = 0;
        while i < buf.len() {
            let b = buf[i];
            if (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t' {
                i += 1;
                continue;
            }
            if b == 0x1b && self.color {
                match own_colour_code(&buf[i..]) {
                    Seq::Whole(n) => {
                        i += n;
                        continue;
                    }
                    Seq::Cut if !last && buf.len() - i <= MAX_PENDING => {
                        self.inner.write_all(&buf[safe..i])?;
                        return Ok(buf.len() - i);
                    }
                    Seq::Cut | Seq::No => {}
                }
            }
            if b >= 0x80 {
                let len = utf8_len(b);
                if !last && len > 1 && i + len > buf.len() && is_utf8_prefix(&buf[i..]) {
                    self.inner.write_all(&buf[safe..i])?;
                    return Ok(buf.len() - i);
                }
                if let Some(c) = buf
                    .get(i..i + len)
                    .and_then(|s| std::str::from_utf8(s).ok())
                    .and_then(|s| s.chars().next())
                {
                    if !is_unsafe(c) {
                        i += len;
                        continue;
                    }
                    self.inner.write_all(&buf[safe..i])?;
                    write!(self.inner, "{}", c.escape_debug())?;
                    i += len;
                    safe = i;
                    continue;
                }
                self.inner.write_all(&buf[safe..i])?;
                write!(self.inner, "\\x{b:02x}")?;
                i += 1;
                safe = i;
                continue;
            }
            // A C0 control character or DEL.
            self.inner.write_all(&buf[safe..i])?;
            write!(self.inner, "{}", char::from(b).escape_debug())?;
            i += 1;
            safe = i;
        }
        self.inner.write_all(&buf[safe..])?;
        Ok(0)
    }

    /// Writes out what waits for more input, neutralized as it stands.
    fn settle(&mut self) -> io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        self.pass(&pending, true).map(drop)
    }
}

impl<W: Write> Write for Guard<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if self.pending.is_empty() {
            let waiting = self.pass(buf, false)?;
            self.pending.extend_from_slice(&buf[buf.len() - waiting..]);
        } else {
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(buf);
            let waiting = self.pass(&joined, false)?;
            joined.drain(..joined.len() - waiting);
            self.pending = joined;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.settle()?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Guard<W> {
    fn drop(&mut self) {
        let _ = self.settle();
    }
}

enum Seq {
    /// One of netkit's colour codes, this many bytes long.
    Whole(usize),
    /// Could still become one: the input ends first.
    Cut,
    /// Not one of netkit's.
    No,
}

/// Whether `buf` (starting with ESC) starts with one of the colour codes [`Paint`] emits or the
/// reset code.
fn own_colour_code(buf: &[u8]) -> Seq {
    let mut cut = false;
    for sgr in Paint::ALL.iter().map(|p| p.sgr()).chain(["0"]) {
        let code = format!("\x1b[{sgr}m");
        let code = code.as_bytes();
        if buf.starts_with(code) {
            return Seq::Whole(code.len());
        }
        cut |= buf.len() < code.len() && code.starts_with(buf);
    }
    if cut { Seq::Cut } else { Seq::No }
}

/// The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => 1,
    }
}

/// Whether `bytes` (cut short) could be the start of a valid UTF-8 character.
fn is_utf8_prefix(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_err_and(|e| e.valid_up_to() == 0 && e.error_len().is_none())
}

/// The `serde_json` formatter that also escapes what [`is_unsafe`] names (C1 controls,
/// bidirectional overrides) as `\uXXXX`; JSON's own rules already escape C0 controls.
struct Escaping<F>(F);

macro_rules! forward {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<W: ?Sized + Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            self.0.$name(w $(, $arg)*)
        }
    )*};
}

impl<F: Formatter> Formatter for Escaping<F> {
    forward! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
    }

    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// Writes `value` as JSON (indented when `pretty`, else on one line), with the characters a
/// terminal would act on escaped; no newline after it.
pub fn write_json<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    value: &T,
    pretty: bool,
) -> io::Result<()> {
    let result = if pretty {
        let mut ser =
            serde_json::Serializer::with_formatter(&mut *out, Escaping(PrettyFormatter::new()));
        value.serialize(&mut ser)
    } else {
        let mut ser = serde_json::Serializer::with_formatter(&mut *out, Escaping(CompactFormatter));
        value.serialize(&mut ser)
    };
    result.map_err(io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guarded(color: bool, pieces: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut g = Guard::new(&mut out, color);
            for p in pieces {
                g.write_all(p).unwrap();
            }
            g.flush().unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn controls_bidi_and_bad_utf8_are_shown_escaped() {
        let hostile = "lab\x1b[31m.test\x07\r<server> hi\u{202e}txt\u{9b}2J\x7f\tok\n";
        assert_eq!(
            guarded(false, &[hostile.as_bytes()]),
            "lab\\u{1b}[31m.test\\u{7}\\r<server> hi\\u{202e}txt\\u{9b}2J\\u{7f}\tok\n"
        );
        assert_eq!(guarded(false, &[b"a\xffb\xe2\x94"]), "a\\xffb\\xe2\\x94");
        assert_eq!(
            guarded(false, &["│ 网卡0 🦀 é …".as_bytes()]),
            "│ 网卡0 🦀 é …"
        );
    }

    /// Issue 25 item 10: characters that show as nothing are shown escaped, so `server\u{200b}`
    /// never passes for `server`.
    #[test]
    fn invisible_characters_are_shown_escaped() {
        let hidden = "server\u{200b} a\u{200c}b\u{200d}c\u{2060}d\u{feff}e\u{2028}f\u{2029}g";
        assert_eq!(
            guarded(false, &[hidden.as_bytes()]),
            "server\\u{200b} a\\u{200c}b\\u{200d}c\\u{2060}d\\u{feff}e\\u{2028}f\\u{2029}g"
        );
        // Cut between two writes, too.
        let zwsp = "\u{200b}".as_bytes();
        assert_eq!(
            guarded(false, &[b"x", &zwsp[..1], &zwsp[1..]]),
            "x\\u{200b}"
        );
        let mut json = Vec::new();
        write_json(&mut json, &"alice\u{2060}", false).unwrap();
        assert_eq!(String::from_utf8(json).unwrap(), r#""alice\u2060""#);
    }

    /// Issue 25 item 8: one value is one line: its newline is shown escaped by `one_line`, while
    /// netkit's own line ends pass the guard.
    #[test]
    fn a_value_with_a_newline_stays_one_line() {
        let boot = "pxelinux.0\nNo rogue DHCP server: only 198.51.100.1 answered";
        let line = format!("PXE boot: {}\n", super::super::one_line(boot));
        let shown = guarded(false, &[line.as_bytes()]);
        assert_eq!(shown.lines().count(), 1, "{shown}");
        assert_eq!(
            shown,
            "PXE boot: pxelinux.0\\nNo rogue DHCP server: only 198.51.100.1 answered\n"
        );
        assert_eq!(super::super::one_line("a\rb\tc"), "a\\rb\\tc");
    }

    #[test]
    fn own_colour_codes_pass_only_with_colour_on() {
        let text = "\x1b[1;32mUP\x1b[0m \x1b[31mred\x1b[2J";
        assert_eq!(
            guarded(true, &[text.as_bytes()]),
            "\x1b[1;32mUP\x1b[0m \\u{1b}[31mred\\u{1b}[2J"
        );
        assert_eq!(
            guarded(false, &[text.as_bytes()]),
            "\\u{1b}[1;32mUP\\u{1b}[0m \\u{1b}[31mred\\u{1b}[2J"
        );
    }

    #[test]
    fn sequences_cut_between_writes_are_joined() {
        let pieces: &[&[u8]] = &[
            b"a\x1b[",
            b"1;3",
            b"2mUP\x1b",
            b"[0m ",
            b"\xe7\xbd",
            b"\x91",
        ];
        assert_eq!(guarded(true, pieces), "a\x1b[1;32mUP\x1b[0m 网");
        // Cut and never finished: escaped at the end.
        assert_eq!(guarded(true, &[b"x\x1b[1;"]), "x\\u{1b}[1;");
        assert_eq!(guarded(false, &[b"x\xe7\xbd"]), "x\\xe7\\xbd");
    }

    #[test]
    fn json_keeps_the_value_and_escapes_what_a_terminal_acts_on() {
        let value = serde_json::json!({"domain": "a\x1b[31m\u{202e}b\u{85}é"});
        let mut out = Vec::new();
        write_json(&mut out, &value, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, r#"{"domain":"a\u001b[31m\u202eb\u0085é"}"#);
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
        let mut pretty = Vec::new();
        write_json(&mut pretty, &value, true).unwrap();
        assert!(
            String::from_utf8(pretty)
                .unwrap()
                .starts_with("{\n  \"domain\"")
        );
    }
}
