//! Finding IP addresses inside a line of bytes, exactly the way grepcidr 2.0 does.
//!
//! grepcidr walks the line left to right looking for a "hint" that an address starts here:
//! - IPv4: a digit followed by a '.' within the next three bytes;
//! - IPv6: `::` and a hex digit, or one to four hex digits followed by ':'.
//!
//! At a hint it takes the whole *field* (IPv4: ASCII letters, digits and '.'; IPv6: the same plus
//! ':'), parses it like glibc's `inet_pton` (no leading zeros in IPv4 octets, `::` never empty...),
//! and then jumps past the field whether or not it was an address. No check is made on the byte
//! *before* the hint, so `a1.2.3.4` holds 1.2.3.4, while `1.2.3.4a`, `1.2.3.4.5` and `01.2.3.4`
//! hold no address at all. An IPv4 hint wins over an IPv6 one at the same place, but only when
//! IPv4 patterns are loaded (grepcidr only looks for the families it has patterns for).
//!
//! These parsers read *input* text the way grepcidr does; patterns are parsed by the shared
//! `net::addr` module. Pure logic, no I/O: the filter's I/O loop calls [`Scanner::scan`] once
//! per line, or (IPv4-only patterns) [`scan_v4_from`] straight over a buffer of whole lines.

/// An address found in a line, as an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Addr {
    /// An IPv4 address.
    V4(u32),
    /// An IPv6 address.
    V6(u128),
}

impl std::fmt::Display for Addr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Addr::V4(a) => std::net::Ipv4Addr::from(*a).fmt(f),
            Addr::V6(a) => std::net::Ipv6Addr::from(*a).fmt(f),
        }
    }
}

/// Byte classes used by the scanner, one table lookup each.
const DIGIT: u8 = 1;
const XDIGIT: u8 = 2;
const V4FIELD: u8 = 4;
const V6FIELD: u8 = 8;
const DOT_OR_NL: u8 = 16;

const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        let mut k = 0;
        if c.is_ascii_digit() {
            k |= DIGIT;
        }
        if c.is_ascii_hexdigit() {
            k |= XDIGIT;
        }
        if c.is_ascii_alphanumeric() || c == b'.' {
            k |= V4FIELD | V6FIELD;
        }
        if c == b':' {
            k |= V6FIELD;
        }
        if c == b'.' || c == b'\n' {
            k |= DOT_OR_NL;
        }
        t[i] = k;
        i += 1;
    }
    t
};

#[inline(always)]
fn is(c: u8, class: u8) -> bool {
    CLASS[c as usize] & class != 0
}

/// The byte at `i`, or 0 past the end (grepcidr sees the newline or a NUL there).
#[inline(always)]
fn at(line: &[u8], i: usize) -> u8 {
    line.get(i).copied().unwrap_or(0)
}

/// Where the field starting at `p` ends (exclusive).
#[inline(always)]
fn field_end(line: &[u8], mut p: usize, class: u8) -> usize {
    while p < line.len() && is(line[p], class) {
        p += 1;
    }
    p
}

/// Parses a dotted quad like glibc `inet_pton(AF_INET)`: exactly four decimal octets, each 0-255,
/// no leading zeros, nothing else.
pub fn parse_v4(field: &[u8]) -> Option<u32> {
    if field.len() > 15 {
        return None;
    }
    let mut acc: u32 = 0;
    let mut val: u32 = 0;
    let mut octets = 0;
    let mut saw_digit = false;
    for &c in field {
        if c.is_ascii_digit() {
            if saw_digit && val == 0 {
                return None;
            }
            val = val * 10 + u32::from(c - b'0');
            if val > 255 {
                return None;
            }
            if !saw_digit {
                octets += 1;
                if octets > 4 {
                    return None;
                }
                saw_digit = true;
            }
        } else if c == b'.' && saw_digit {
            if octets == 4 {
                return None;
            }
            acc = (acc << 8) | val;
            val = 0;
            saw_digit = false;
        } else {
            return None;
        }
    }
    if octets < 4 {
        return None;
    }
    Some((acc << 8) | val)
}

/// Parses an IPv6 address like glibc `inet_pton(AF_INET6)`: up to four hex digits a group, at
/// most one `::` (which must stand for at least one group), an optional dotted quad at the end.
pub fn parse_v6(field: &[u8]) -> Option<u128> {
    if field.is_empty() || field.len() > 45 {
        return None;
    }
    let mut out = [0u8; 16];
    let mut tp = 0usize;
    let mut colonp: Option<usize> = None;
    let mut i = 0usize;
    if field[0] == b':' {
        if field.get(1) != Some(&b':') {
            return None;
        }
        i = 1;
    }
    let mut curtok = i;
    let mut xdigits = 0;
    let mut val: u32 = 0;
    while i < field.len() {
        let c = field[i];
        i += 1;
        if let Some(d) = (c as char).to_digit(16) {
            if xdigits == 4 {
                return None;
            }
            val = (val << 4) | d;
            xdigits += 1;
            continue;
        }
        if c == b':' {
            curtok = i;
            if xdigits == 0 {
                if colonp.is_some() {
                    return None;
                }
                colonp = Some(tp);
                continue;
            } else if i == field.len() {
                return None;
            }
            if tp + 2 > 16 {
                return None;
            }
            out[tp] = (val >> 8) as u8;
            out[tp + 1] = val as u8;
            tp += 2;
            xdigits = 0;
            val = 0;
            continue;
        }
        if c == b'.'
            && tp + 4 <= 16
            && let Some(v4) = parse_v4(&field[curtok..])
        {
            out[tp..tp + 4].copy_from_slice(&v4.to_be_bytes());
            tp += 4;
            xdigits = 0;
            break;
        }
        return None;
    }
    if xdigits > 0 {
        if tp + 2 > 16 {
            return None;
        }
        out[tp] = (val >> 8) as u8;
        out[tp + 1] = val as u8;
        tp += 2;
    }
    if let Some(cp) = colonp {
        if tp == 16 {
            return None;
        }
        let n = tp - cp;
        out.copy_within(cp..tp, 16 - n);
        out[cp..16 - n].fill(0);
        tp = 16;
    }
    if tp != 16 {
        return None;
    }
    Some(u128::from_be_bytes(out))
}

/// True when an IPv4 hint sits at `p`: a digit with a '.' one to three bytes later.
#[inline(always)]
fn v4_hint(line: &[u8], p: usize) -> bool {
    is(line[p], DIGIT)
        && (at(line, p + 1) == b'.' || at(line, p + 2) == b'.' || at(line, p + 3) == b'.')
}

/// True when an IPv6 hint sits at `p`: `::x`, `x:`, `xx:`, `xxx:` or `xxxx:` (x a hex digit).
#[inline(always)]
fn v6_hint(line: &[u8], p: usize) -> bool {
    if line[p] == b':' {
        return at(line, p + 1) == b':' && is(at(line, p + 2), XDIGIT);
    }
    for k in 0..5 {
        let c = at(line, p + k);
        if k > 0 && c == b':' {
            return true;
        }
        if !is(c, XDIGIT) {
            return false;
        }
    }
    false
}

/// What a scan of one line found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// No address of a family with patterns.
    Nothing,
    /// Addresses, none accepted by the callback.
    Rejected,
    /// The callback accepted this address (the scan stopped there).
    Accepted(Addr),
}

/// Finds addresses in lines; which families it looks for depends on the patterns loaded.
#[derive(Debug, Clone, Copy)]
pub struct Scanner {
    /// Look for IPv4 addresses.
    pub v4: bool,
    /// Look for IPv6 addresses.
    pub v6: bool,
    /// Only the field at the start of the line (grepcidr -x).
    pub line_start: bool,
}

impl Scanner {
    /// Scans `line` (without its newline), calling `accept` on each address until it returns true.
    #[inline(always)]
    pub fn scan(&self, line: &[u8], mut accept: impl FnMut(Addr) -> bool) -> Found {
        if self.line_start {
            return self.scan_start(line, accept);
        }
        if self.v6 {
            return scan_mixed(line, self.v4, &mut accept);
        }
        if self.v4 {
            return scan_v4(line, &mut accept);
        }
        Found::Nothing
    }

    /// grepcidr -x: the IPv4 field at the start of the line, then (if that did not match) the IPv6 one.
    fn scan_start(&self, line: &[u8], mut accept: impl FnMut(Addr) -> bool) -> Found {
        let mut found = Found::Nothing;
        if self.v4
            && let Some(a) = parse_v4(&line[..field_end(line, 0, V4FIELD)])
        {
            if accept(Addr::V4(a)) {
                return Found::Accepted(Addr::V4(a));
            }
            found = Found::Rejected;
        }
        if self.v6
            && let Some(a) = parse_v6(&line[..field_end(line, 0, V6FIELD)])
        {
            if accept(Addr::V6(a)) {
                return Found::Accepted(Addr::V6(a));
            }
            found = Found::Rejected;
        }
        found
    }
}

/// The scanner for IPv6 patterns (and IPv4 ones when `v4`): every hint sits at most four bytes
/// before a '.' or ':' (or on a ':'), so it jumps between those and tests only the few bytes before
/// each; finds exactly what [`scan_generic`] finds.
fn scan_mixed(line: &[u8], v4: bool, accept: &mut impl FnMut(Addr) -> bool) -> Found {
    let mut found = Found::Nothing;
    let mut cur = 0usize;
    loop {
        let next = if v4 {
            memchr::memchr2(b'.', b':', &line[cur..])
        } else {
            memchr::memchr(b':', &line[cur..])
        };
        let Some(i) = next else {
            return found;
        };
        let d = cur + i;
        let mut p = d.saturating_sub(4).max(cur);
        cur = d + 1;
        while p <= d {
            let (addr, q) = if v4 && v4_hint(line, p) {
                let q = field_end(line, p, V4FIELD);
                (parse_v4(&line[p..q]).map(Addr::V4), q)
            } else if v6_hint(line, p) {
                let q = field_end(line, p, V6FIELD);
                (parse_v6(&line[p..q]).map(Addr::V6), q)
            } else {
                p += 1;
                continue;
            };
            if let Some(a) = addr {
                if accept(a) {
                    return Found::Accepted(a);
                }
                found = Found::Rejected;
            }
            cur = q;
            break;
        }
    }
}

/// Parses the IPv4 field starting at `p`: the address (if it is one) and where the field ends.
/// Fast path for a well-formed dotted quad followed by a non-field byte; anything else goes the
/// general way ([`field_end`] then [`parse_v4`]), so the result is always the same as theirs.
#[inline(always)]
fn v4_field(line: &[u8], p: usize) -> (Option<u32>, usize) {
    let n = line.len();
    let mut i = p;
    let mut acc: u32 = 0;
    let mut k = 0;
    loop {
        let start = i;
        let mut v: u32 = 0;
        while i < n && i - start < 3 && line[i].is_ascii_digit() {
            v = v * 10 + u32::from(line[i] - b'0');
            i += 1;
        }
        if i == start || v > 255 || (i - start > 1 && line[start] == b'0') {
            break;
        }
        acc = (acc << 8) | v;
        k += 1;
        if k == 4 {
            if i < n && is(line[i], V4FIELD) {
                break;
            }
            return (Some(acc), i);
        }
        if i < n && line[i] == b'.' {
            i += 1;
        } else {
            break;
        }
    }
    let q = field_end(line, p, V4FIELD);
    (parse_v4(&line[p..q]), q)
}

/// The reference scanner: grepcidr's loop, one byte at a time (the tests hold the fast
/// scanners to it).
#[cfg(test)]
pub fn scan_generic(
    line: &[u8],
    v4: bool,
    v6: bool,
    mut accept: impl FnMut(Addr) -> bool,
) -> Found {
    let mut found = Found::Nothing;
    let mut p = 0;
    while p < line.len() {
        if v4 && v4_hint(line, p) {
            let q = field_end(line, p, V4FIELD);
            if let Some(a) = parse_v4(&line[p..q]) {
                if accept(Addr::V4(a)) {
                    return Found::Accepted(Addr::V4(a));
                }
                found = Found::Rejected;
            }
            p = q;
            continue;
        }
        if v6 && v6_hint(line, p) {
            let q = field_end(line, p, V6FIELD);
            if let Some(a) = parse_v6(&line[p..q]) {
                if accept(Addr::V6(a)) {
                    return Found::Accepted(Addr::V6(a));
                }
                found = Found::Rejected;
            }
            p = q;
            continue;
        }
        p += 1;
    }
    found
}

/// The fast IPv4-only scanner: jumps from '.' to '.' instead of testing every byte; finds exactly
/// what [`scan_generic`] finds with IPv4 only.
#[inline]
fn scan_v4(line: &[u8], accept: &mut impl FnMut(Addr) -> bool) -> Found {
    scan_v4_from(line, 0, accept).0
}

/// The first '.' or '\n' at or after `from` (or `buf.len()`): a few bytes by hand - the next
/// one is often close - then SIMD.
#[inline(always)]
fn find_dot_or_nl(buf: &[u8], from: usize) -> usize {
    let end = buf.len().min(from + 8);
    let mut d = from;
    while d < end {
        if is(buf[d], DOT_OR_NL) {
            return d;
        }
        d += 1;
    }
    if d >= buf.len() {
        return buf.len();
    }
    memchr::memchr2(b'.', b'\n', &buf[d..]).map_or(buf.len(), |i| d + i)
}

/// The IPv4-only scan over the line starting at `start` in a buffer of whole lines: the line ends at the
/// first '\n' (or the end of `buf`). Returns what was found and where the scan stopped: the end of
/// the accepted address, or else the line's end - so the caller never searches for a newline on
/// lines without a match.
#[inline(always)]
pub fn scan_v4_from(
    buf: &[u8],
    start: usize,
    accept: &mut impl FnMut(Addr) -> bool,
) -> (Found, usize) {
    let n = buf.len();
    let mut found = Found::Nothing;
    let mut cur = start;
    // The first hint at or after `cur` needs a '.' after it; with `d` the first '.' at or after
    // `cur`, it can only be a digit in max(cur, d-3)..d, or else lies beyond `d`.
    let mut d = cur;
    loop {
        d = find_dot_or_nl(buf, d);
        if d >= n || buf[d] == b'\n' {
            return (found, d);
        }
        let mut p = d.saturating_sub(3).max(cur);
        while p < d && !is(buf[p], DIGIT) {
            p += 1;
        }
        if p == d {
            cur = d + 1;
            d = cur;
            continue;
        }
        let (a, q) = v4_field(buf, p);
        if let Some(a) = a {
            if accept(Addr::V4(a)) {
                return (Found::Accepted(Addr::V4(a)), q);
            }
            found = Found::Rejected;
        }
        cur = q;
        d = cur;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4(s: &str) -> Option<u32> {
        parse_v4(s.as_bytes())
    }

    fn v6(s: &str) -> Option<u128> {
        parse_v6(s.as_bytes())
    }

    /// All addresses a grepcidr-like scan sees in `line` (never accepting, so it scans to the end).
    fn all(line: &str, v4: bool, v6: bool) -> Vec<String> {
        let mut seen = vec![];
        scan_generic(line.as_bytes(), v4, v6, |a| {
            seen.push(a.to_string());
            false
        });
        seen
    }

    fn fast(line: &[u8]) -> Vec<Addr> {
        let mut seen = vec![];
        Scanner {
            v4: true,
            v6: false,
            line_start: false,
        }
        .scan(line, |a| {
            seen.push(a);
            false
        });
        seen
    }

    #[test]
    fn dotted_quads_like_inet_pton() {
        assert_eq!(v4("1.2.3.4"), Some(0x0102_0304));
        assert_eq!(v4("0.0.0.0"), Some(0));
        assert_eq!(v4("255.255.255.255"), Some(u32::MAX));
        for bad in [
            "01.2.3.4",
            "1.2.3.04",
            "1.2.3.256",
            "1.2.3",
            "1.2.3.4.5",
            "1..2.3",
            "1.2.3.4.",
            "1.2.3.4a",
            "",
        ] {
            assert_eq!(v4(bad), None, "{bad}");
        }
    }

    #[test]
    fn ipv6_like_inet_pton() {
        assert_eq!(v6("::1"), Some(1));
        assert_eq!(v6("::"), Some(0));
        assert_eq!(v6("2001:db8::1"), Some(0x2001_0db8 << 96 | 1));
        assert_eq!(v6("::ffff:1.2.3.4"), Some(0xffff_0102_0304));
        assert_eq!(
            v6("1:2:3:4:5:6:7:8"),
            Some(0x0001_0002_0003_0004_0005_0006_0007_0008)
        );
        assert_eq!(v6("0001::1"), Some(1 << 112 | 1));
        // glibc refuses a `::` standing for no group at all, 5 hex digits, a lone colon.
        for bad in [
            "1:2:3:4:5:6:7::8",
            "00001::1",
            ":1::",
            "1::2::3",
            "1:",
            "1:2:3:4:5:6:7",
            ":::",
            "::ffff:01.2.3.4",
            "1.2.3.4",
            "g::1",
        ] {
            assert_eq!(v6(bad), None, "{bad}");
        }
    }

    #[test]
    fn grepcidr_field_rules() {
        // Found by diffing against grepcidr 2.0 (bench/filter_diff.sh).
        assert_eq!(all("a1.2.3.4", true, false), ["1.2.3.4"]);
        assert_eq!(all("x1.2.3.4:80", true, false), ["1.2.3.4"]);
        assert!(all("1.2.3.4a", true, false).is_empty());
        assert!(all("host1.2.3.4.example", true, false).is_empty());
        assert!(all("1.2.3.4.5", true, false).is_empty());
        assert!(all("01.2.3.4", true, false).is_empty());
        assert!(all("99999999999.1.2.3.4", true, false).is_empty());
        assert_eq!(all("1234.1.2.3", true, false), ["234.1.2.3"]);
        assert_eq!(all("[2001:db8::1]:443", false, true), ["2001:db8::1"]);
        assert_eq!(all("00001::1", false, true), ["1::1"]);
        // With IPv4 patterns loaded the IPv4 hint eats "1.2" and the IPv6 scan starts later.
        assert_eq!(all("1.2::3", true, true), ["::3"]);
        assert_eq!(all("1.2::3", false, true), ["2::3"]);
        assert_eq!(all("1.2.3.4 5.6.7.8", true, false), ["1.2.3.4", "5.6.7.8"]);
    }

    /// `count` pseudo-random lines (fixed seed) of up to `max_len - 1` bytes from `alphabet`.
    fn random_lines(
        seed: u64,
        count: usize,
        max_len: u64,
        alphabet: &[u8],
    ) -> impl Iterator<Item = Vec<u8>> + '_ {
        let mut state = seed;
        (0..count).map(move |_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut s = state;
            (0..state % max_len)
                .map(|_| {
                    s = s
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(s >> 33) as usize % alphabet.len()]
                })
                .collect()
        })
    }

    #[test]
    fn fast_scanner_agrees_with_reference() {
        for line in random_lines(0x9e37_79b9_7f4a_7c15, 200_000, 24, b"0123456789.....:ab x-") {
            let mut want = vec![];
            scan_generic(&line, true, false, |a| {
                want.push(a);
                false
            });
            assert_eq!(fast(&line), want, "{:?}", String::from_utf8_lossy(&line));
        }
    }

    #[test]
    fn mixed_scanner_agrees_with_reference() {
        let alphabet = b"0123456789abcdefg......::::::[] x-%";
        for line in random_lines(0x1234_5678_9abc_def1, 200_000, 40, alphabet) {
            for v4 in [true, false] {
                let (mut want, mut got) = (vec![], vec![]);
                scan_generic(&line, v4, true, |a| {
                    want.push(a);
                    false
                });
                Scanner {
                    v4,
                    v6: true,
                    line_start: false,
                }
                .scan(&line, |a| {
                    got.push(a);
                    false
                });
                assert_eq!(got, want, "v4 {v4}: {:?}", String::from_utf8_lossy(&line));
            }
        }
    }

    #[test]
    fn line_start_only() {
        let s = Scanner {
            v4: true,
            v6: true,
            line_start: true,
        };
        let first = |l: &str| {
            let mut v = vec![];
            s.scan(l.as_bytes(), |a| {
                v.push(a.to_string());
                false
            });
            v
        };
        assert_eq!(first("1.2.3.4:80 5.6.7.8"), ["1.2.3.4"]);
        assert!(first(" 1.2.3.4").is_empty());
        assert_eq!(first("2001:db8::1 x"), ["2001:db8::1"]);
    }
}
