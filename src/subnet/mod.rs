//! `netkit subnet`: subnet arithmetic as a primer teaches it (check, info, split, summarize) and a
//! grepcidr-like line filter. Parsing and math are pure; reading files is `filter`'s and
//! `read_list_file`'s.

pub mod block;
pub mod check;
pub mod classify;
pub mod filter;
pub mod info;
pub mod parse;
pub mod split;
pub mod summarize;

use std::io::{self, BufRead};
use std::path::Path;

use crate::cli::{SubnetArgs, SubnetCommand};
use crate::error::{Error, Result};
use crate::output::Ui;

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
        line(text.split('#').next().unwrap_or(""))
            .map_err(|e| Error::Usage(format!("{name}:{}: {e}", i + 1)))?;
    }
    Ok(())
}

/// Runs one `netkit subnet` subcommand.
pub fn run(args: &SubnetArgs, ui: &Ui) -> Result<u8> {
    match &args.command {
        SubnetCommand::Check(a) => check::run(a, ui),
        SubnetCommand::Info(a) => info::run(a, ui),
        SubnetCommand::Split(a) => split::run(a, ui),
        SubnetCommand::Summarize(a) => summarize::run(a, ui),
        SubnetCommand::Filter(a) => filter::run(a, ui),
    }
}
