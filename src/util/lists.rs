//! List files as `subnet summarize -f` and `subnet filter -f` read them: one or more items per
//! line, `#` comments, `-` for standard input, errors named `FILE:LINE`.

use std::io;
use std::path::Path;

use crate::error::{Error, Result};
use crate::i18n::t;
use crate::util::input::{self, MAX_SKIP};

/// Reads one line (without its newline, and without a `\r` before it) into `buf`, keeping at
/// most `max` bytes of it; returns the line's whole length, or None at the end of the input.
/// A line longer than [`MAX_SKIP`] is an error (InvalidData): no text file has one, and
/// skipping an endless one (`/dev/zero`) would never end.
pub fn read_line_bounded(
    r: &mut impl io::BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Option<usize>> {
    let mut len = 0usize;
    let mut any = false;
    loop {
        let available = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, used, end) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..i], i + 1, true),
            None => (available, available.len(), false),
        };
        let room = max.saturating_add(1).saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        len = len.saturating_add(chunk.len());
        r.consume(used);
        if end {
            break;
        }
        if len > MAX_SKIP {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("a line longer than {} MiB: not a text file", MAX_SKIP >> 20),
            ));
        }
    }
    if !any {
        return Ok(None);
    }
    if len <= max + 1 && buf.last() == Some(&b'\r') {
        buf.pop();
        len -= 1;
    }
    buf.truncate(max);
    Ok(Some(len))
}

/// The longest line a list file may have, in bytes.
pub const MAX_LINE: usize = 64 * 1024;

/// Reads a list file ('-' is standard input) for `summarize -f` and `filter -f`: each line, with
/// everything from '#' on dropped (and a byte-order mark at the start of the file), goes to
/// `line`; its errors are reported as `FILE:LINE: ...`.
pub fn read_list_file(path: &Path, mut line: impl FnMut(&str) -> Result<()>) -> Result<()> {
    let name = path.display().to_string();
    let mut reader = input::open(path)?;
    let mut raw = Vec::new();
    for i in 0.. {
        raw.clear();
        let Some(len) = read_line_bounded(&mut reader, &mut raw, MAX_LINE)
            .map_err(|e| Error::io(t!("io-reading-file", file = &name), e))?
        else {
            break;
        };
        let place = || format!("{name}:{}", i + 1);
        if len > MAX_LINE {
            // Never held whole: a file of one endless line is refused, not read into memory.
            return Err(Error::InFile {
                place: place(),
                source: Box::new(Error::usage(t!(
                    "subnet-list-line-too-long",
                    max = MAX_LINE
                ))),
            });
        }
        let mut text: &[u8] = &raw;
        if i == 0 {
            // A byte-order mark, which some editors write at the start of a file, is no text.
            text = text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text);
        }
        let text = String::from_utf8_lossy(text);
        line(text.split('#').next().unwrap_or("")).map_err(|e| Error::InFile {
            place: place(),
            source: Box::new(e),
        })?;
    }
    Ok(())
}
