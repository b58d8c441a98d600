//! Chat framing as pure code: turning the bytes a socket delivers into messages, with no I/O.
//!
//! - [`Utf8Stream`] decodes a byte stream that may be cut anywhere (the primer's `recv(1024)` can
//!   split a Chinese character in two): an incomplete sequence at the end of a chunk is kept for the
//!   next chunk, invalid bytes become U+FFFD, nothing panics.
//! - [`LineSplitter`] cuts a byte stream into newline-terminated lines holding at most `max` bytes;
//!   a longer line is reported once and skipped up to its newline, so memory stays bounded whatever
//!   the peer sends. When the peer pauses with bytes held ([`LineSplitter::pause`]), they are a
//!   message too: the primer's programs send without a newline, one `send()` per message.

use std::time::Duration;

use crate::output::drives_terminal;

/// How long the peer must pause for bytes held without a newline to be a message (the primer's
/// programs send one message per `send()`, without a newline, then wait in `recv`).
pub const PAUSE: Duration = Duration::from_millis(200);

/// How long the rest of a character cut by a read is waited for.
pub const MID_CHAR: Duration = Duration::from_secs(1);

/// Decodes UTF-8 arriving in arbitrary chunks.
#[derive(Debug, Default)]
pub struct Utf8Stream {
    /// The start of a multi-byte character whose remaining bytes have not arrived (at most 3 bytes).
    pending: Vec<u8>,
}

impl Utf8Stream {
    /// A decoder with nothing pending.
    pub fn new() -> Self {
        Self::default()
    }

    /// True when the last chunk ended in the middle of a character.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Decodes `chunk` (after any bytes left over from the previous chunk). Invalid sequences
    /// become U+FFFD; an incomplete character at the end is held back for the next call.
    pub fn push(&mut self, chunk: &[u8]) -> String {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(chunk);
        let mut out = String::with_capacity(bytes.len());
        let mut rest = &bytes[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    out.push_str(s);
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    // Safe by construction: from_utf8 vouched for `good`.
                    out.push_str(std::str::from_utf8(good).unwrap_or_default());
                    match e.error_len() {
                        Some(n) => {
                            out.push(char::REPLACEMENT_CHARACTER);
                            rest = &bad[n..];
                        }
                        None => {
                            // A valid prefix of a character, cut off by the end of the chunk.
                            self.pending = bad.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        out
    }

    /// Ends the stream: an incomplete character left over becomes U+FFFD.
    pub fn finish(&mut self) -> String {
        if self.pending.is_empty() {
            String::new()
        } else {
            self.pending.clear();
            char::REPLACEMENT_CHARACTER.to_string()
        }
    }
}

/// What [`LineSplitter`] found in the bytes it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    /// A complete line, without its newline (and without a trailing carriage return), decoded as
    /// UTF-8 with invalid bytes replaced by U+FFFD.
    Line(String),
    /// A line longer than the limit began; its bytes are being skipped up to the next newline.
    TooLong,
}

/// Splits a byte stream into lines of at most `max` bytes.
#[derive(Debug)]
pub struct LineSplitter {
    buf: Vec<u8>,
    max: usize,
    skipping: bool,
}

impl LineSplitter {
    /// A splitter refusing lines longer than `max` bytes (not counting the newline).
    pub fn new(max: usize) -> Self {
        LineSplitter {
            buf: Vec::new(),
            max,
            skipping: false,
        }
    }

    /// Bytes held for an unfinished line (never more than `max`).
    #[cfg(test)]
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// Feeds `chunk`, appending what it completes to `out`.
    pub fn push(&mut self, mut chunk: &[u8], out: &mut Vec<Frame>) {
        while !chunk.is_empty() {
            let newline = memchr::memchr(b'\n', chunk);
            let (part, next) = match newline {
                Some(i) => (&chunk[..i], Some(&chunk[i + 1..])),
                None => (chunk, None),
            };
            if self.skipping {
                if next.is_some() {
                    self.skipping = false;
                }
            } else if self.buf.len() + part.len() > self.max {
                self.buf = Vec::new();
                out.push(Frame::TooLong);
                self.skipping = next.is_none();
            } else {
                self.buf.extend_from_slice(part);
                if next.is_some() {
                    out.push(Frame::Line(decode_line(&self.buf)));
                    self.buf.clear();
                    if self.buf.capacity() > 8192 {
                        self.buf = Vec::new();
                    }
                }
            }
            chunk = next.unwrap_or(&[]);
        }
    }

    /// Whether bytes of an unfinished line are held, or a line over the limit is being skipped:
    /// a message the peer may end by pausing.
    pub fn holding(&self) -> bool {
        self.skipping || !self.buf.is_empty()
    }

    /// Whether the held bytes end inside a UTF-8 character: its other bytes are on their way.
    pub fn mid_char(&self) -> bool {
        ends_mid_char(&self.buf)
    }

    /// How long after the last bytes the peer's pause ends what is held ([`LineSplitter::pause`]):
    /// [`PAUSE`], or [`MID_CHAR`] when they end inside a character; None when nothing is held.
    pub fn pause_after(&self) -> Option<Duration> {
        if !self.holding() {
            None
        } else if self.mid_char() {
            Some(MID_CHAR)
        } else {
            Some(PAUSE)
        }
    }

    /// The peer paused with bytes held: they are a message (what one `recv` would have
    /// returned). A line over the limit that was being skipped ends here too.
    pub fn pause(&mut self) -> Option<Frame> {
        if std::mem::take(&mut self.skipping) {
            return None;
        }
        self.finish()
    }

    /// The end of the stream: an unterminated last line still counts as a line.
    pub fn finish(&mut self) -> Option<Frame> {
        if self.skipping || self.buf.is_empty() {
            self.buf.clear();
            return None;
        }
        let line = decode_line(&self.buf);
        self.buf.clear();
        if self.buf.capacity() > 8192 {
            self.buf = Vec::new();
        }
        Some(Frame::Line(line))
    }
}

/// Whether `bytes` end with the start of a UTF-8 character whose other bytes are missing.
fn ends_mid_char(bytes: &[u8]) -> bool {
    for back in 1..=bytes.len().min(3) {
        let b = bytes[bytes.len() - back];
        if b & 0xc0 == 0x80 {
            continue; // a continuation byte: the lead is further back
        }
        let len = match b {
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            _ => return false,
        };
        let tail = &bytes[bytes.len() - back..];
        return len > back && std::str::from_utf8(tail).is_err_and(|e| e.error_len().is_none());
    }
    false
}

/// One line's bytes as text: a trailing CR (from CRLF peers like telnet) dropped, invalid UTF-8
/// replaced by U+FFFD.
pub fn decode_line(bytes: &[u8]) -> String {
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

/// Text a room relays to its members: control characters (escape sequences a peer could use to
/// move the cursor or retitle the window, a `\r` that would overwrite the line with a fake
/// `<server>` message) and bidirectional overrides become U+FFFD; tabs and newlines (a raw
/// message may hold several lines) are kept. (What netkit prints itself goes through the output
/// guard, which shows the same characters escaped.)
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| drives_terminal(c) && c != '\t' && c != '\n';
    if text.chars().any(hidden) {
        text.chars()
            .map(|c| {
                if hidden(c) {
                    char::REPLACEMENT_CHARACTER
                } else {
                    c
                }
            })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_split_anywhere_decodes_intact() {
        let text = "你好，世界！hello 🌏 done";
        let bytes = text.as_bytes();
        for cut in 0..=bytes.len() {
            let mut d = Utf8Stream::new();
            let mut s = d.push(&bytes[..cut]);
            s += &d.push(&bytes[cut..]);
            s += &d.finish();
            assert_eq!(s, text, "cut at {cut}");
        }
        // One byte at a time.
        let mut d = Utf8Stream::new();
        let s: String = bytes.iter().map(|b| d.push(&[*b])).collect();
        assert_eq!(s, text);
    }

    #[test]
    fn utf8_pending_is_reported_and_finished_as_replacement() {
        let mut d = Utf8Stream::new();
        assert_eq!(d.push(&"中".as_bytes()[..2]), "");
        assert!(d.has_pending());
        assert_eq!(d.finish(), "\u{fffd}");
        assert!(!d.has_pending());
    }

    #[test]
    fn utf8_invalid_bytes_become_replacement_characters() {
        let mut d = Utf8Stream::new();
        assert_eq!(d.push(b"a\xffb\xc0\xafc"), "a\u{fffd}b\u{fffd}\u{fffd}c");
        // A lone continuation byte after a split is invalid, not pending.
        assert_eq!(d.push(b"\xe4\xb8"), "");
        assert_eq!(d.push(b"x"), "\u{fffd}x");
        assert_eq!(d.finish(), "");
    }

    fn split(max: usize, chunks: &[&[u8]]) -> Vec<Frame> {
        let mut s = LineSplitter::new(max);
        let mut out = Vec::new();
        for c in chunks {
            s.push(c, &mut out);
            assert!(s.buffered() <= max);
        }
        out.extend(s.finish());
        out
    }

    fn line(s: &str) -> Frame {
        Frame::Line(s.to_string())
    }

    #[test]
    fn lines_across_chunks_crlf_and_a_last_unterminated_line() {
        assert_eq!(
            split(100, &[b"hel", b"lo\nwor", b"ld\r\n\n", b"tail"]),
            [line("hello"), line("world"), line(""), line("tail")]
        );
        let zh = "中文消息\n".as_bytes();
        assert_eq!(split(100, &[&zh[..4], &zh[4..]]), [line("中文消息")]);
    }

    #[test]
    fn too_long_lines_are_reported_once_and_skipped_to_their_newline() {
        assert_eq!(
            split(5, &[b"ok\n123456", b"789", b"0\nnext\n"]),
            [line("ok"), Frame::TooLong, line("next")]
        );
        assert_eq!(
            split(5, &[b"1234567890\nfine\n"]),
            [Frame::TooLong, line("fine")]
        );
        // Exactly max bytes is fine; an endless line never yields a line.
        assert_eq!(split(5, &[b"12345\n"]), [line("12345")]);
        assert_eq!(split(5, &[b"1234", b"5678", b"9"]), [Frame::TooLong]);
    }

    /// Issue 27 item 2: a message ends at a newline or when the peer pauses with bytes held.
    #[test]
    fn a_pause_ends_a_message_without_a_newline() {
        let mut s = LineSplitter::new(8);
        let mut out = Vec::new();
        s.push(b"line\nhello from py", &mut out);
        assert_eq!(out, [line("line"), Frame::TooLong]);
        assert!(s.holding());
        // The pause ends the overlong message too: the next one is read.
        assert_eq!(s.pause(), None);
        assert!(!s.holding());
        out.clear();
        s.push("你好".as_bytes(), &mut out);
        assert!(out.is_empty() && s.holding() && !s.mid_char());
        assert_eq!(s.pause(), Some(line("你好")));
        assert_eq!(s.pause(), None);
        // A character cut by the read: the rest is on its way.
        s.push(&"世".as_bytes()[..2], &mut out);
        assert!(s.mid_char());
        s.push(&"世".as_bytes()[2..], &mut out);
        assert!(!s.mid_char());
        assert_eq!(s.pause(), Some(line("世")));
    }

    #[test]
    fn ends_mid_char_only_for_a_valid_prefix() {
        assert!(!ends_mid_char(b""));
        assert!(!ends_mid_char(b"abc"));
        assert!(ends_mid_char(b"a\xe4"));
        assert!(ends_mid_char(b"a\xe4\xb8"));
        assert!(!ends_mid_char("a中".as_bytes()));
        assert!(ends_mid_char(b"\xf0\x9f\xa6"));
        assert!(!ends_mid_char(b"a\xff"));
        assert!(!ends_mid_char(b"a\x80\x80"));
        assert!(!ends_mid_char(b"\xe0\x80"));
    }

    #[test]
    fn invalid_utf8_in_a_line_is_replaced() {
        assert_eq!(split(100, &[b"a\xffb\n"]), [line("a\u{fffd}b")]);
    }

    #[test]
    fn printable_hides_terminal_escapes() {
        assert_eq!(printable("a\x1b[2Jb\tc"), "a\u{fffd}[2Jb\tc");
        assert_eq!(printable("plain 中文"), "plain 中文");
        assert_eq!(printable("two\nlines\r"), "two\nlines\u{fffd}");
        assert_eq!(
            printable("\r<server> hi\u{202e}"),
            "\u{fffd}<server> hi\u{fffd}"
        );
    }
}
