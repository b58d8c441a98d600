//! `netkit subnet summarize`: aggregate addresses, networks and ranges into the fewest CIDR blocks
//! covering exactly the same addresses (route summarization / supernetting).

use std::io::{self, Write};

use serde::Serialize;

use crate::cli::SubnetSummarizeArgs;
use crate::error::Result;
use crate::net::addr::{Family, Span, from_u128, parse_span, split_list};
use crate::output::{Report, Ui, emit};

/// The answer of `subnet summarize`.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// How many items were read.
    pub inputs: usize,
    /// The aggregated blocks, IPv4 first, each family in address order.
    pub networks: Vec<String>,
}

/// Merges overlapping or adjacent spans of one family (spans sorted by family, start).
pub fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort();
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match merged.last_mut() {
            Some(m) if m.family == s.family && (s.start <= m.end || s.start - 1 == m.end) => {
                m.end = m.end.max(s.end);
            }
            _ => merged.push(s),
        }
    }
    merged
}

/// The fewest CIDR blocks covering exactly one span.
pub fn span_to_cidrs(span: Span) -> Vec<(u128, u8)> {
    let bits = span.family.bits() as u32;
    let mut out = Vec::new();
    let mut start = span.start;
    loop {
        // Largest block aligned at `start` that does not pass `end`.
        let align = if start == 0 {
            bits
        } else {
            start.trailing_zeros().min(bits)
        };
        let mut size_bits = align;
        while size_bits > 0 {
            let last = if size_bits >= 128 {
                u128::MAX
            } else {
                start + ((1u128 << size_bits) - 1)
            };
            if last <= span.end {
                break;
            }
            size_bits -= 1;
        }
        out.push((start, (bits - size_bits) as u8));
        let last = if size_bits >= 128 {
            u128::MAX
        } else {
            start + ((1u128 << size_bits) - 1)
        };
        if last >= span.end {
            break;
        }
        start = last + 1;
    }
    out
}

/// Summarizes items (addresses, CIDRs, ranges).
pub fn summarize(spans: Vec<Span>) -> Vec<String> {
    merge(spans)
        .into_iter()
        .flat_map(|s| {
            span_to_cidrs(s)
                .into_iter()
                .map(move |(start, prefix)| format!("{}/{prefix}", from_u128(s.family, start)))
        })
        .collect()
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
    for item in args.items.iter().flat_map(|i| split_list(i)) {
        spans.push(parse_span(item)?);
    }
    for f in &args.file {
        read_items(f, &mut spans)?;
    }
    if args.items.is_empty() && args.file.is_empty() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(items: &[&str]) -> Vec<String> {
        summarize(items.iter().map(|i| parse_span(i).unwrap()).collect())
    }

    #[test]
    fn adjacent_blocks_merge() {
        assert_eq!(
            sum(&["192.168.0.0/24", "192.168.1.0/24"]),
            ["192.168.0.0/23"]
        );
        assert_eq!(
            sum(&["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"]),
            ["10.0.0.0/23", "10.0.2.0/24"]
        );
        assert_eq!(sum(&["10.0.0.0/8", "10.1.2.3"]), ["10.0.0.0/8"]);
        assert_eq!(
            sum(&["10.0.0.1", "10.0.0.0", "10.0.0.2", "10.0.0.3"]),
            ["10.0.0.0/30"]
        );
    }

    #[test]
    fn ranges_become_minimal_cidrs() {
        assert_eq!(
            sum(&["192.168.0.1-192.168.0.6"]),
            [
                "192.168.0.1/32",
                "192.168.0.2/31",
                "192.168.0.4/31",
                "192.168.0.6/32"
            ]
        );
        assert_eq!(sum(&["0.0.0.0-255.255.255.255"]), ["0.0.0.0/0"]);
        assert_eq!(
            sum(&["::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]),
            ["::/0"]
        );
        assert_eq!(sum(&["255.255.255.255"]), ["255.255.255.255/32"]);
    }

    #[test]
    fn families_kept_apart() {
        assert_eq!(
            sum(&["2001:db8::/33", "10.0.0.0/8", "2001:db8:8000::/33"]),
            ["10.0.0.0/8", "2001:db8::/32"]
        );
    }
}
