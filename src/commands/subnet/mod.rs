//! `netkit subnet`: subnet arithmetic as a primer teaches it (check, info, split, summarize) and a
//! grepcidr-like line filter. Parsing and math are pure; reading files is `filter`'s and
//! `read_list_file`'s.

pub mod check;
pub mod filter;
pub mod info;
pub mod split;
pub mod summarize;

use crate::cli::{SubnetArgs, SubnetCommand};
use crate::error::Result;
use crate::output::Ui;

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
