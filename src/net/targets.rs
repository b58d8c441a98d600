//! A set of IPv4 addresses given as ranges (what `arp scan` asks: CIDR blocks, single addresses,
//! several ranges and files of them): merged, counted, searched and walked in address order,
//! holding one entry per range and never one per address. Pure arithmetic.

use std::net::Ipv4Addr;

use super::addr::{Cidr, Family, Span};
use super::aggregate::span_to_cidrs;

/// Sorted, disjoint, non-adjacent inclusive ranges of IPv4 addresses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ipv4Set {
    /// (first, last) of each range, in address order.
    spans: Vec<(u32, u32)>,
    /// How many addresses the ranges before each one hold.
    before: Vec<u64>,
    /// How many addresses in all.
    len: u64,
}

/// Collects ranges for an [`Ipv4Set`], merging as it goes: however many ranges are added (a
/// file of the same address a million times), it holds about twice as many as are distinct.
#[derive(Debug, Default)]
pub struct Ipv4SetBuilder {
    spans: Vec<(u32, u32)>,
    /// How many spans there were after the last merge.
    merged: usize,
}

/// Sorts and merges overlapping or adjacent ranges.
fn merge(spans: &mut Vec<(u32, u32)>) {
    spans.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(spans.len());
    for &(a, b) in spans.iter() {
        match out.last_mut() {
            Some(m) if u64::from(a) <= u64::from(m.1) + 1 => m.1 = m.1.max(b),
            _ => out.push((a, b)),
        }
    }
    *spans = out;
}

impl Ipv4SetBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the addresses `first..=last` (nothing when `first > last`).
    pub fn add(&mut self, first: Ipv4Addr, last: Ipv4Addr) {
        let (a, b) = (u32::from(first), u32::from(last));
        if a > b {
            return;
        }
        self.spans.push((a, b));
        if self.spans.len() > 2 * self.merged + 1024 {
            merge(&mut self.spans);
            self.merged = self.spans.len();
        }
    }

    /// How many distinct addresses have been added so far.
    pub fn count(&mut self) -> u64 {
        merge(&mut self.spans);
        self.merged = self.spans.len();
        self.spans.iter().map(|&(a, b)| u64::from(b - a) + 1).sum()
    }

    /// The set of every address added.
    pub fn build(mut self) -> Ipv4Set {
        merge(&mut self.spans);
        Ipv4Set::from_merged(self.spans)
    }
}

impl Ipv4Set {
    fn from_merged(spans: Vec<(u32, u32)>) -> Self {
        let mut before = Vec::with_capacity(spans.len());
        let mut len = 0u64;
        for &(a, b) in &spans {
            before.push(len);
            len += u64::from(b - a) + 1;
        }
        Ipv4Set { spans, before, len }
    }

    /// How many addresses.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every address, in order.
    pub fn iter(&self) -> impl Iterator<Item = Ipv4Addr> + '_ {
        self.spans
            .iter()
            .flat_map(|&(a, b)| (a..=b).map(Ipv4Addr::from))
    }

    /// The position of `ip` in [`Ipv4Set::iter`]'s order, when it is in the set.
    pub fn index_of(&self, ip: Ipv4Addr) -> Option<u64> {
        let v = u32::from(ip);
        let i = self
            .spans
            .partition_point(|&(a, _)| a <= v)
            .checked_sub(1)?;
        let (a, b) = self.spans[i];
        (v <= b).then(|| self.before[i] + u64::from(v - a))
    }

    /// The set without `ip`.
    pub fn without(&self, ip: Ipv4Addr) -> Ipv4Set {
        let v = u32::from(ip);
        let mut spans = Vec::with_capacity(self.spans.len() + 1);
        for &(a, b) in &self.spans {
            if v < a || v > b {
                spans.push((a, b));
                continue;
            }
            if a < v {
                spans.push((a, v - 1));
            }
            if v < b {
                spans.push((v + 1, b));
            }
        }
        Ipv4Set::from_merged(spans)
    }

    /// The addresses of this set that are not in `other`.
    pub fn minus(&self, other: &Ipv4Set) -> Ipv4Set {
        let mut out = Vec::new();
        let mut j = 0;
        for &(a, b) in &self.spans {
            let mut start = u64::from(a);
            let end = u64::from(b);
            while j < other.spans.len() && u64::from(other.spans[j].1) < start {
                j += 1;
            }
            let mut k = j;
            while start <= end {
                match other.spans.get(k) {
                    Some(&(oa, ob)) if u64::from(oa) <= end => {
                        if u64::from(oa) > start {
                            out.push((start as u32, oa - 1));
                        }
                        start = u64::from(ob) + 1;
                        k += 1;
                    }
                    _ => {
                        out.push((start as u32, end as u32));
                        break;
                    }
                }
            }
        }
        Ipv4Set::from_merged(out)
    }

    /// The fewest CIDR blocks that hold exactly these addresses, in order.
    pub fn cidrs(&self) -> Vec<Cidr> {
        self.spans
            .iter()
            .flat_map(|&(a, b)| {
                span_to_cidrs(Span {
                    family: Family::V4,
                    start: u128::from(a),
                    end: u128::from(b),
                })
            })
            .map(|(start, prefix)| Cidr {
                addr: Ipv4Addr::from(start as u32).into(),
                prefix,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Ipv4Set {
        fn ranges(&self) -> usize {
            self.spans.len()
        }

        fn contains(&self, ip: Ipv4Addr) -> bool {
            self.index_of(ip).is_some()
        }
    }

    fn ip(s: &str) -> Ipv4Addr {
        s.parse().unwrap()
    }

    fn set(ranges: &[(&str, &str)]) -> Ipv4Set {
        let mut b = Ipv4SetBuilder::new();
        for (a, z) in ranges {
            b.add(ip(a), ip(z));
        }
        b.build()
    }

    #[test]
    fn overlapping_and_adjacent_ranges_merge() {
        let s = set(&[
            ("10.0.0.8", "10.0.0.15"),
            ("10.0.0.0", "10.0.0.7"),
            ("10.0.0.4", "10.0.0.5"),
            ("10.0.1.1", "10.0.1.1"),
            ("10.0.0.9", "10.0.0.3"), // empty: first after last
        ]);
        assert_eq!(s.ranges(), 2);
        assert_eq!(s.len(), 17);
        let cidrs: Vec<String> = s.cidrs().iter().map(ToString::to_string).collect();
        assert_eq!(cidrs, ["10.0.0.0/28", "10.0.1.1/32"]);
        let all: Vec<Ipv4Addr> = s.iter().collect();
        assert_eq!(all.len(), 17);
        assert_eq!(all[16], ip("10.0.1.1"));
        assert!(all.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn index_of_follows_the_walk_order() {
        let s = set(&[
            ("0.0.0.0", "0.0.0.2"),
            ("192.0.2.250", "192.0.3.3"),
            ("255.255.255.254", "255.255.255.255"),
        ]);
        for (i, a) in s.iter().enumerate() {
            assert_eq!(s.index_of(a), Some(i as u64), "{a}");
        }
        for a in ["0.0.0.3", "192.0.2.249", "192.0.3.4", "255.255.255.253"] {
            assert_eq!(s.index_of(ip(a)), None, "{a}");
        }
        assert_eq!(s.len(), 3 + 10 + 2);
    }

    #[test]
    fn without_splits_a_range() {
        let s = set(&[("198.51.100.1", "198.51.100.254")]);
        let t = s.without(ip("198.51.100.2"));
        assert_eq!(t.len(), 253);
        assert!(!t.contains(ip("198.51.100.2")));
        assert!(t.contains(ip("198.51.100.1")) && t.contains(ip("198.51.100.3")));
        assert_eq!(t.without(ip("198.51.100.1")).ranges(), 1);
        assert_eq!(s.without(ip("203.0.113.1")), s);
        let whole = set(&[("0.0.0.0", "255.255.255.255")]);
        assert_eq!(whole.len(), 1 << 32);
        assert_eq!(whole.without(ip("255.255.255.255")).len(), (1 << 32) - 1);
    }

    #[test]
    fn minus_leaves_what_the_other_lacks() {
        let s = set(&[("10.0.0.0", "10.0.0.255"), ("10.0.2.0", "10.0.2.3")]);
        let t = set(&[("10.0.0.16", "10.0.0.31"), ("10.0.0.250", "10.0.2.1")]);
        let d: Vec<String> = s
            .minus(&t)
            .cidrs()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            d,
            [
                "10.0.0.0/28",
                "10.0.0.32/27",
                "10.0.0.64/26",
                "10.0.0.128/26",
                "10.0.0.192/27",
                "10.0.0.224/28",
                "10.0.0.240/29",
                "10.0.0.248/31",
                "10.0.2.2/31"
            ]
        );
        assert!(s.minus(&s).is_empty());
        assert_eq!(s.minus(&Ipv4Set::default()), s);
        let all = set(&[("0.0.0.0", "255.255.255.255")]);
        assert!(s.minus(&all).is_empty());
        assert_eq!(all.minus(&s).len(), (1 << 32) - 260);
    }

    /// Memory stays in proportion to the distinct ranges, not to how often they are given.
    #[test]
    fn the_builder_stays_small_with_repeated_ranges() {
        let mut b = Ipv4SetBuilder::new();
        for _ in 0..100_000 {
            b.add(ip("192.0.2.1"), ip("192.0.2.9"));
            assert!(b.spans.len() <= 1026);
        }
        assert_eq!(b.count(), 9);
        assert_eq!(b.build().ranges(), 1);
    }
}
