//! `netkit subnet`: subnet arithmetic as a primer teaches it (check, info, split, summarize) and a
//! grepcidr-like line filter. Parsing and math are pure; only `filter` reads files.

pub mod filter;
pub mod parse;

use crate::cli::{SubnetArgs, SubnetCommand};
use crate::error::{Error, Result};
use crate::output::Ui;

/// Runs one `netkit subnet` subcommand.
pub fn run(args: &SubnetArgs, ui: &Ui) -> Result<u8> {
    match &args.command {
        SubnetCommand::Filter(a) => filter::run(a, ui),
        _ => Err(Error::NotImplemented("subnet")),
    }
}
