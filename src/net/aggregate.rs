//! Route summarization (supernetting) as a primer teaches it: merge overlapping and adjacent
//! ranges, then cover each with the fewest aligned CIDR blocks. Pure arithmetic.

use super::addr::{Cidr, Span, from_u128};

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

/// The fewest CIDR blocks covering exactly the addresses of `spans` (any order, both families):
/// IPv4 first, each family in address order.
pub fn summarize(spans: Vec<Span>) -> Vec<Cidr> {
    merge(spans)
        .into_iter()
        .flat_map(|s| {
            span_to_cidrs(s)
                .into_iter()
                .map(move |(start, prefix)| Cidr {
                    addr: from_u128(s.family, start),
                    prefix,
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::addr::parse_span;

    fn sum(items: &[&str]) -> Vec<String> {
        summarize(items.iter().map(|i| parse_span(i).unwrap()).collect())
            .iter()
            .map(Cidr::to_string)
            .collect()
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
