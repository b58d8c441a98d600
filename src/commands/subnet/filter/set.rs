//! The patterns of `netkit subnet filter`, merged for fast membership tests.
//!
//! IPv4 patterns become sorted, disjoint, non-adjacent intervals, plus a 65,536-entry table indexed
//! by an address's top 16 bits that answers "none", "all" or "search these few intervals" - so
//! most lookups are one table read. IPv6 patterns are merged intervals searched by bisection.
//! The patterns as written are kept to name the one an address fell in (`--json`).
//! Pure logic, no I/O.

use crate::net::addr::{Family, Span, from_u128, prefix_to_mask};

use super::scan::Addr;
use crate::error::Error;
use crate::i18n::t;

/// One pattern as the user gave it, with its normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The addresses it covers.
    pub span: Span,
    /// Normalised text: `10.0.0.0/8`, `192.0.2.1`, `192.0.2.5-192.0.2.9`.
    pub text: String,
}

impl Pattern {
    /// Parses one pattern token (an address, CIDR block or range) with netkit's shared parser.
    pub fn parse(token: &str) -> crate::error::Result<Pattern> {
        let span = crate::net::addr::parse_span(token).map_err(|e| match e {
            // Name the whole pattern when the parser names only a piece of it ("33" of "/33").
            Error::BadInput {
                what,
                input,
                reason,
            } if input.trim() != token.trim() => Error::bad(
                t!("subnet-what-pattern"),
                token,
                t!(
                    "subnet-filter-pattern-part",
                    what = what,
                    input = input,
                    reason = reason
                ),
            ),
            e => e,
        })?;
        Ok(Pattern {
            span,
            text: normalise(token, &span),
        })
    }
}

/// The text of a span in the shape it was written: a block as `network/prefix`, one address
/// alone, a range as `first-last`.
fn normalise(token: &str, span: &Span) -> String {
    let first = from_u128(span.family, span.start);
    if token.contains('-') {
        return format!("{first}-{}", from_u128(span.family, span.end));
    }
    match block_prefix(span) {
        Some(prefix) if token.contains('/') => format!("{first}/{prefix}"),
        _ => first.to_string(),
    }
}

/// The prefix length when `span` is exactly one CIDR block.
fn block_prefix(span: &Span) -> Option<u8> {
    let bits = span.family.bits();
    (0..=bits).find(|&p| {
        let mask = prefix_to_mask(span.family, p);
        span.start & !mask == 0 && span.end == span.start | (!mask & family_mask(span.family))
    })
}

fn family_mask(family: Family) -> u128 {
    crate::net::addr::family_max(family)
}

/// Sorts and merges overlapping or touching inclusive intervals.
fn merge<T: Copy + Ord>(mut v: Vec<(T, T)>, next: impl Fn(T) -> Option<T>) -> Vec<(T, T)> {
    v.sort_unstable();
    let mut out: Vec<(T, T)> = Vec::with_capacity(v.len());
    for (lo, hi) in v {
        if let Some(last) = out.last_mut()
            && next(last.1).is_none_or(|n| lo <= n)
        {
            if hi > last.1 {
                last.1 = hi;
            }
            continue;
        }
        out.push((lo, hi));
    }
    out
}

/// Table entry: no address of this /16 is covered.
const NONE: u32 = 0;
/// Table entry: every address of this /16 is covered.
const ALL: u32 = 1;
/// State: some addresses of this /16 are covered (search `buckets`).
const PARTIAL: u32 = 2;

/// Every pattern, ready for lookups.
#[derive(Debug, Clone)]
pub struct PatternSet {
    patterns: Vec<Pattern>,
    v4: Vec<(u32, u32)>,
    /// Per top-16-bits bucket, 2 bits each (16 KiB, fits the L1 cache): NONE, ALL or PARTIAL.
    states: Vec<u64>,
    /// Per top-16-bits bucket: NONE, ALL, or 2 + an index into `buckets`.
    table: Vec<u32>,
    /// Ranges of `v4` to search for a partly covered bucket.
    buckets: Vec<(u32, u32)>,
    v6: Vec<(u128, u128)>,
    /// Pieces of the IPv4 space labelled with their narrowest pattern (see [`label`]).
    labels_v4: Vec<(u128, u128, usize)>,
    /// The same for IPv6.
    labels_v6: Vec<(u128, u128, usize)>,
}

impl PatternSet {
    /// Builds the set.
    pub fn new(patterns: Vec<Pattern>) -> PatternSet {
        let v4 = merge(
            patterns
                .iter()
                .filter(|p| p.span.family == Family::V4)
                .map(|p| (p.span.start as u32, p.span.end as u32))
                .collect(),
            |x: u32| x.checked_add(1),
        );
        let v6 = merge(
            patterns
                .iter()
                .filter(|p| p.span.family == Family::V6)
                .map(|p| (p.span.start, p.span.end))
                .collect(),
            |x: u128| x.checked_add(1),
        );
        let mut table = vec![NONE; 1 << 16];
        let mut buckets: Vec<(u32, u32)> = Vec::new();
        for (i, &(lo, hi)) in v4.iter().enumerate() {
            for b in (lo >> 16)..=(hi >> 16) {
                let (first, last) = (b << 16, (b << 16) | 0xffff);
                let slot = &mut table[b as usize];
                if lo <= first && hi >= last {
                    *slot = ALL;
                } else if *slot >= 2 {
                    buckets[(*slot - 2) as usize].1 = i as u32 + 1;
                } else {
                    buckets.push((i as u32, i as u32 + 1));
                    *slot = buckets.len() as u32 + 1;
                }
            }
        }
        let mut states = vec![0u64; (1 << 16) / 32];
        for (b, &t) in table.iter().enumerate() {
            states[b / 32] |= u64::from(t.min(PARTIAL)) << ((b % 32) * 2);
        }
        PatternSet {
            labels_v4: label(&patterns, Family::V4),
            labels_v6: label(&patterns, Family::V6),
            patterns,
            v4,
            states,
            table,
            buckets,
            v6,
        }
    }

    /// True when some pattern is IPv4.
    pub fn has_v4(&self) -> bool {
        !self.v4.is_empty()
    }

    /// True when some pattern is IPv6.
    pub fn has_v6(&self) -> bool {
        !self.v6.is_empty()
    }

    /// Is the address inside any pattern?
    #[inline(always)]
    pub fn contains(&self, addr: Addr) -> bool {
        match addr {
            Addr::V4(a) => self.contains_v4(a),
            Addr::V6(a) => {
                let i = self.v6.partition_point(|&(lo, _)| lo <= a);
                i > 0 && self.v6[i - 1].1 >= a
            }
        }
    }

    #[inline(always)]
    fn contains_v4(&self, a: u32) -> bool {
        let b = (a >> 16) as usize;
        match (self.states[b / 32] >> ((b % 32) * 2)) as u32 & 3 {
            NONE => false,
            ALL => true,
            _ => {
                let k = self.table[b];
                let (s, e) = self.buckets[(k - 2) as usize];
                let r = &self.v4[s as usize..e as usize];
                let i = r.partition_point(|&(lo, _)| lo <= a);
                i > 0 && r[i - 1].1 >= a
            }
        }
    }

    /// The narrowest pattern holding `addr` (the first given among equals), for reports.
    pub fn pattern_of(&self, addr: Addr) -> Option<&Pattern> {
        let (labels, value) = match addr {
            Addr::V4(a) => (&self.labels_v4, u128::from(a)),
            Addr::V6(a) => (&self.labels_v6, a),
        };
        let i = labels.partition_point(|&(lo, _, _)| lo <= value);
        let &(_, hi, idx) = labels.get(i.checked_sub(1)?)?;
        (value <= hi).then(|| &self.patterns[idx])
    }
}

/// Cuts the address space of `family` into pieces, each labelled with the narrowest pattern
/// covering it (the first given among equals): `(first, last, pattern index)`, sorted.
fn label(patterns: &[Pattern], family: Family) -> Vec<(u128, u128, usize)> {
    let mut events: Vec<(u128, bool, usize)> = Vec::new();
    for (i, p) in patterns.iter().enumerate() {
        if p.span.family == family {
            events.push((p.span.start, true, i));
            if let Some(after) = p.span.end.checked_add(1) {
                events.push((after, false, i));
            }
        }
    }
    events.sort_unstable();
    let width = |i: usize| patterns[i].span.end - patterns[i].span.start;
    let mut active = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    let mut k = 0;
    while k < events.len() {
        let pos = events[k].0;
        while k < events.len() && events[k].0 == pos {
            let (_, open, i) = events[k];
            if open {
                active.insert((width(i), i));
            } else {
                active.remove(&(width(i), i));
            }
            k += 1;
        }
        if let Some(&(_, best)) = active.first() {
            let end = events.get(k).map_or(family_mask(family), |e| e.0 - 1);
            out.push((pos, end, best));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(pats: &[&str]) -> PatternSet {
        PatternSet::new(pats.iter().map(|p| Pattern::parse(p).unwrap()).collect())
    }

    fn v4(s: &str) -> Addr {
        Addr::V4(u32::from(s.parse::<std::net::Ipv4Addr>().unwrap()))
    }

    #[test]
    fn membership_matches_naive_check() {
        let pats = [
            "10.0.0.0/8",
            "10.1.0.0/16",
            "192.168.1.0/28",
            "192.168.1.16/28",
            "172.16.5.5",
            "1.0.0.0-1.0.1.5",
            "255.255.255.255",
            "0.0.0.0/32",
        ];
        let s = set(&pats);
        let spans: Vec<Span> = pats
            .iter()
            .map(|p| Pattern::parse(p).unwrap().span)
            .collect();
        let mut x: u32 = 12345;
        let mut probes: Vec<u32> = vec![0, 1, u32::MAX, u32::MAX - 1];
        for sp in &spans {
            let (a, b) = (sp.start as u32, sp.end as u32);
            probes.extend([a, b, a.wrapping_sub(1), b.wrapping_add(1)]);
        }
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            probes.push(x);
        }
        for a in probes {
            let want = spans
                .iter()
                .any(|sp| sp.start <= a as u128 && a as u128 <= sp.end);
            assert_eq!(
                s.contains(Addr::V4(a)),
                want,
                "{}",
                std::net::Ipv4Addr::from(a)
            );
        }
    }

    #[test]
    fn whole_space_and_ipv6() {
        let s = set(&["0.0.0.0/0", "2001:db8::/32", "::1"]);
        assert!(s.contains(v4("203.0.113.9")));
        let a = |t: &str| Addr::V6(u128::from(t.parse::<std::net::Ipv6Addr>().unwrap()));
        assert!(s.contains(a("2001:db8:ffff::1")));
        assert!(s.contains(a("::1")));
        assert!(!s.contains(a("::2")));
        assert!(!s.contains(a("2001:db9::")));
    }

    #[test]
    fn labels_agree_with_a_naive_search() {
        let mut x: u32 = 99;
        let mut rnd = move || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        };
        let mut texts = vec![];
        for _ in 0..300 {
            let (a, len) = (rnd() & 0x0fff_ffff, 4 + rnd() % 29);
            texts.push(format!("{}/{len}", std::net::Ipv4Addr::from(a)));
        }
        let pats: Vec<&str> = texts.iter().map(String::as_str).collect();
        let s = set(&pats);
        for _ in 0..20_000 {
            let a = rnd() & 0x0fff_ffff;
            let naive = s
                .patterns
                .iter()
                .filter(|p| p.span.start <= a as u128 && a as u128 <= p.span.end)
                .min_by_key(|p| p.span.end - p.span.start);
            assert_eq!(s.pattern_of(Addr::V4(a)), naive);
            assert_eq!(s.contains(Addr::V4(a)), naive.is_some());
        }
    }

    #[test]
    fn names_the_narrowest_pattern() {
        let s = set(&[
            "10.0.0.0/8",
            "10.1.2.3/16",
            "10.1.2.3",
            "192.0.2.5-192.0.2.9",
            "192.0.2.0-192.0.2.255",
        ]);
        assert_eq!(s.pattern_of(v4("10.9.9.9")).unwrap().text, "10.0.0.0/8");
        assert_eq!(s.pattern_of(v4("10.1.9.9")).unwrap().text, "10.1.0.0/16");
        assert_eq!(s.pattern_of(v4("10.1.2.3")).unwrap().text, "10.1.2.3");
        assert_eq!(
            s.pattern_of(v4("192.0.2.6")).unwrap().text,
            "192.0.2.5-192.0.2.9"
        );
        assert_eq!(
            s.pattern_of(v4("192.0.2.1")).unwrap().text,
            "192.0.2.0-192.0.2.255"
        );
        assert!(s.pattern_of(v4("11.0.0.0")).is_none());
    }
}
