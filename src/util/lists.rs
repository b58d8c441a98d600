//! List files as `subnet summarize -f` and `subnet filter -f` read them: one or more items per
//! line, `#` comments, `-` for standard input, errors named `FILE:LINE`.

use std::io::{self, BufRead, Read};
use std::path::Path;

use crate::error::{Error, Result};

/// The longest line a list file may have, in bytes.
pub const MAX_LINE: usize = 64 * 1024;

/// Reads a list file ('-' is standard input) for `summarize -f` and `filter -f`: each line, with
/// everything from '#' on dropped (and a byte-order mark at the start of the file), goes to
/// `line`; its errors are reported as `FILE:LINE: ...`.
pub fn read_list_file(path: &Path, mut line: impl FnMut(&str) -> Result<()>) -> Result<()> {
    let name = path.display().to_string();
    let reader: Box<dyn BufRead> = if name == "-" {
        Box::new(io::stdin().lock())
    } else {
        let f = std::fs::File::open(path).map_err(|e| Error::io(format!("reading {name}"), e))?;
        Box::new(io::BufReader::new(f))
    };
    let mut reader = reader;
    let mut raw = Vec::new();
    for i in 0.. {
        raw.clear();
        let read = (&mut reader)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut raw)
            .map_err(|e| Error::io(format!("reading {name}"), e))?;
        if read == 0 {
            break;
        }
        let place = || format!("{name}:{}", i + 1);
        if raw.len() > MAX_LINE {
            // Never held whole: a file of one endless line is refused, not read into memory.
            return Err(Error::InFile {
                place: place(),
                source: Box::new(Error::Usage(format!("line longer than {MAX_LINE} bytes"))),
            });
        }
        let mut text: &[u8] = raw.strip_suffix(b"\n").unwrap_or(&raw);
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
