//! List files as `subnet summarize -f` and `subnet filter -f` read them: one or more items per
//! line, `#` comments, `-` for standard input, errors named `FILE:LINE`.

use std::io::{self, BufRead};
use std::path::Path;

use crate::error::{Error, Result};

/// Reads a list file ('-' is standard input) for `summarize -f` and `filter -f`: each line, with
/// everything from '#' on dropped, goes to `line`; its errors are reported as `FILE:LINE: ...`.
pub fn read_list_file(path: &Path, mut line: impl FnMut(&str) -> Result<()>) -> Result<()> {
    let name = path.display().to_string();
    let reader: Box<dyn BufRead> = if name == "-" {
        Box::new(io::stdin().lock())
    } else {
        let f = std::fs::File::open(path).map_err(|e| Error::io(format!("reading {name}"), e))?;
        Box::new(io::BufReader::new(f))
    };
    for (i, raw) in reader.split(b'\n').enumerate() {
        let raw = raw.map_err(|e| Error::io(format!("reading {name}"), e))?;
        let text = String::from_utf8_lossy(&raw);
        line(text.split('#').next().unwrap_or("")).map_err(|e| Error::InFile {
            place: format!("{name}:{}", i + 1),
            source: Box::new(e),
        })?;
    }
    Ok(())
}
