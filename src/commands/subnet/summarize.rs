//! `netkit subnet summarize`: aggregate addresses, networks and ranges into the fewest CIDR blocks
//! covering exactly the same addresses (route summarization / supernetting).

use std::io::{self, Write};

use serde::Serialize;

use crate::cli::SubnetSummarizeArgs;
use crate::error::{Error, Result};
use crate::i18n::t;
use crate::net::addr::{Cidr, Family, Span, parse_span, split_list};
use crate::net::aggregate::summarize;
use crate::output::{Report, Ui, emit};

/// The answer of `subnet summarize`.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// How many items were read.
    pub inputs: usize,
    /// The aggregated blocks, IPv4 first, each family in address order.
    pub networks: Vec<Cidr>,
}

impl Report for Summary {
    fn human(&self, _ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        for n in &self.networks {
            writeln!(out, "{n}")?;
        }
        Ok(())
    }
}

/// Reads items from a file or stdin: several per line allowed, `#` starts a comment.
fn read_items(path: &std::path::Path, spans: &mut Vec<Span>) -> Result<()> {
    crate::util::lists::read_list_file(path, |line| {
        for item in split_list(line) {
            spans.push(parse_span(item)?);
        }
        Ok(())
    })
}

/// Runs `netkit subnet summarize`.
pub fn run(args: &SubnetSummarizeArgs, ui: &Ui) -> Result<u8> {
    let mut spans = Vec::new();
    for arg in &args.items {
        let mut items = split_list(arg).peekable();
        if items.peek().is_none() {
            // An empty argument (`''`, an unset shell variable) is a mistake, not "nothing".
            return Err(Error::bad(
                t!("subnet-what-item"),
                arg.as_str(),
                t!("subnet-empty"),
            ));
        }
        for item in items {
            spans.push(parse_span(item)?);
        }
    }
    for f in &args.file {
        read_items(f, &mut spans)?;
    }
    if args.items.is_empty() && args.file.is_empty() {
        crate::output::reading_the_terminal(
            t!("subnet-summarize-reading"),
            t!("subnet-summarize-instead"),
        );
        read_items(std::path::Path::new("-"), &mut spans)?;
    }
    let inputs = spans.len();
    // IPv4 sorts before IPv6 because Family::V4 < Family::V6.
    debug_assert!(Family::V4 < Family::V6);
    emit(
        ui,
        &Summary {
            inputs,
            networks: summarize(spans),
        },
    )
}
