//! Record data as dig writes it (presentation format, the RFC of each type), read from the
//! wire: A to WALLET, every type dig 9.18 knows, in one place; RFC 3597's `\# LEN HEX` for the
//! others, empty RDATA included. Names inside the data may be compressed (pointers into the
//! whole message): [`read`] follows them and gives the data back uncompressed too, so a record
//! stands alone once read. Base64 and hex runs are written whole (dig's `+nosplit`). A record
//! whose data does not fit its type is refused with dig's reason ("unexpected end of input",
//! "extra input data", ...). Pure logic.

use std::fmt::Write as _;
use std::net::{Ipv4Addr, Ipv6Addr};

use data_encoding::{BASE32HEX_NOPAD, BASE64, HEXLOWER, HEXUPPER};

use super::name::push_label;
use super::types::{Rcode, Type, algorithm_mnemonic};

/// Why the bytes of a message are no DNS message, in dig's words where dig has them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Malformed {
    /// Something runs past the end of the message or of its RDATA.
    UnexpectedEnd,
    /// RDATA longer than its type's fields.
    ExtraData,
    /// A compression pointer that points forward or at itself (a loop).
    BadPointer,
    /// A label type other than a length or a pointer (RFC 6891 made 0x40 and 0x80 obsolete).
    BadLabelType,
    /// A name longer than 255 bytes.
    NameTooLong,
    /// Something else a field may not hold.
    Other(String),
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Malformed::UnexpectedEnd => f.write_str("unexpected end of input"),
            Malformed::ExtraData => f.write_str("extra input data"),
            Malformed::BadPointer => f.write_str("bad compression pointer"),
            Malformed::BadLabelType => f.write_str("bad label type"),
            Malformed::NameTooLong => f.write_str("name too long"),
            Malformed::Other(why) => f.write_str(why),
        }
    }
}

type R<T> = Result<T, Malformed>;

/// Reads the name at `at` of `msg`, following compression pointers (each must point before
/// where it is, so a chain ends), into `wire` (uncompressed, with its root label) and, when
/// given, `text` (presentation format, fully qualified). Returns where the name ends in the
/// message (after its first pointer, when it has one).
pub fn read_name(
    msg: &[u8],
    mut at: usize,
    wire: &mut Vec<u8>,
    mut text: Option<&mut String>,
) -> R<usize> {
    let mut end = None;
    let mut len = 0usize;
    // The lowest offset a pointer may point at: before the name's first byte and each pointer's.
    let mut limit = at;
    let start = wire.len();
    loop {
        let b = *msg.get(at).ok_or(Malformed::UnexpectedEnd)?;
        match b & 0xc0 {
            0x00 => {
                let n = usize::from(b);
                len += n + 1;
                if len > 255 {
                    return Err(Malformed::NameTooLong);
                }
                if n == 0 {
                    wire.push(0);
                    if let Some(t) = text.as_deref_mut()
                        && wire.len() - start == 1
                    {
                        t.push('.');
                    }
                    return Ok(end.unwrap_or(at + 1));
                }
                let label = msg
                    .get(at + 1..at + 1 + n)
                    .ok_or(Malformed::UnexpectedEnd)?;
                wire.push(b);
                wire.extend_from_slice(label);
                if let Some(t) = text.as_deref_mut() {
                    push_label(t, label);
                    t.push('.');
                }
                at += 1 + n;
            }
            0xc0 => {
                let low = *msg.get(at + 1).ok_or(Malformed::UnexpectedEnd)?;
                let target = usize::from(u16::from_be_bytes([b & 0x3f, low]));
                if target >= limit {
                    return Err(Malformed::BadPointer);
                }
                end.get_or_insert(at + 2);
                limit = target;
                at = target;
            }
            _ => return Err(Malformed::BadLabelType),
        }
    }
}

/// Reads RDATA: the data of a record of type `rtype` / class `class` at `msg[start..start +
/// len]`; returns it uncompressed (names expanded) and in presentation format.
pub fn read(msg: &[u8], start: usize, len: usize, rtype: u16, class: u16) -> R<(Vec<u8>, String)> {
    let end = start.checked_add(len).ok_or(Malformed::UnexpectedEnd)?;
    if end > msg.len() {
        return Err(Malformed::UnexpectedEnd);
    }
    let mut c = Rd {
        msg,
        at: start,
        end,
        canon: Vec::with_capacity(len),
        out: String::new(),
    };
    if !present(&mut c, rtype, class)? {
        // A type written in RFC 3597's generic form.
        c.at = start;
        c.canon.clear();
        c.out.clear();
        let bytes = c.rest();
        generic(&mut c.out, bytes);
    }
    if c.at != c.end {
        return Err(Malformed::ExtraData);
    }
    Ok((c.canon, c.out))
}

/// RFC 3597's `\# LEN HEX` (upper-case hex, as dig writes it; `\# 0` when empty).
pub fn generic(out: &mut String, bytes: &[u8]) {
    let _ = write!(out, "\\# {}", bytes.len());
    if !bytes.is_empty() {
        out.push(' ');
        out.push_str(&HEXUPPER.encode(bytes));
    }
}

/// The RDATA being read: the message (for compressed names), where the data is, what it is
/// uncompressed and in presentation format.
struct Rd<'a> {
    msg: &'a [u8],
    at: usize,
    end: usize,
    canon: Vec<u8>,
    out: String,
}

impl<'a> Rd<'a> {
    fn bytes(&mut self, n: usize) -> R<&'a [u8]> {
        let msg = self.msg;
        let b = msg
            .get(self.at..self.at + n)
            .filter(|_| self.at + n <= self.end)
            .ok_or(Malformed::UnexpectedEnd)?;
        self.at += n;
        self.canon.extend_from_slice(b);
        Ok(b)
    }

    fn rest(&mut self) -> &'a [u8] {
        let n = self.end - self.at;
        let msg = self.msg;
        let b = &msg[self.at..self.end];
        self.at += n;
        self.canon.extend_from_slice(b);
        b
    }

    fn left(&self) -> usize {
        self.end - self.at
    }

    fn u8(&mut self) -> R<u8> {
        Ok(self.bytes(1)?[0])
    }

    fn u16(&mut self) -> R<u16> {
        let b = self.bytes(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    fn u32(&mut self) -> R<u32> {
        let b = self.bytes(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Reads a number of one, two or four bytes and writes it in decimal.
    fn num8(&mut self) -> R<u8> {
        let n = self.u8()?;
        self.word(n);
        Ok(n)
    }

    fn num16(&mut self) -> R<u16> {
        let n = self.u16()?;
        self.word(n);
        Ok(n)
    }

    fn num32(&mut self) -> R<u32> {
        let n = self.u32()?;
        self.word(n);
        Ok(n)
    }

    /// Writes `text` to the output, after a space unless the output is empty.
    fn word(&mut self, text: impl std::fmt::Display) {
        if !self.out.is_empty() {
            self.out.push(' ');
        }
        let _ = write!(self.out, "{text}");
    }

    /// A domain name (compression followed), written in presentation format.
    fn name(&mut self) -> R<()> {
        if !self.out.is_empty() {
            self.out.push(' ');
        }
        // A name in RDATA must end inside it; its pointers may point anywhere before.
        let next = read_name(
            &self.msg[..self.end],
            self.at,
            &mut self.canon,
            Some(&mut self.out),
        )?;
        self.at = next;
        Ok(())
    }

    /// A character string (a length byte, then that many bytes), quoted.
    fn string(&mut self) -> R<()> {
        let n = usize::from(self.u8()?);
        let b = self.bytes(n)?;
        let q = quoted(b);
        self.word(q);
        Ok(())
    }

    /// Character strings up to the end of the data; at least one.
    fn strings(&mut self) -> R<()> {
        if self.left() == 0 {
            return Err(Malformed::UnexpectedEnd);
        }
        while self.left() > 0 {
            self.string()?;
        }
        Ok(())
    }

    fn hex_rest(&mut self) {
        let b = self.rest();
        let h = HEXUPPER.encode(b);
        self.word(h);
    }

    fn base64_rest(&mut self) {
        let b = self.rest();
        let t = BASE64.encode(b);
        self.word(t);
    }

    fn ipv4(&mut self) -> R<Ipv4Addr> {
        let b = self.bytes(4)?;
        Ok(Ipv4Addr::new(b[0], b[1], b[2], b[3]))
    }

    fn ipv6(&mut self) -> R<Ipv6Addr> {
        let b = self.bytes(16)?;
        let mut a = [0u8; 16];
        a.copy_from_slice(b);
        Ok(Ipv6Addr::from(a))
    }

    /// An NSEC-style type bitmap (RFC 4034 4.1.2) up to the end: each type it holds.
    fn bitmap(&mut self) -> R<()> {
        let mut last: Option<u8> = None;
        while self.left() > 0 {
            let window = self.u8()?;
            let len = usize::from(self.u8()?);
            if last.is_some_and(|l| window <= l) {
                return Err(Malformed::Other(
                    "bad type bitmap: windows out of order".into(),
                ));
            }
            if len == 0 || len > 32 {
                return Err(Malformed::Other(format!(
                    "bad type bitmap: a window of {len} bytes"
                )));
            }
            last = Some(window);
            let bits = self.bytes(len)?;
            for (i, byte) in bits.iter().enumerate() {
                for bit in 0..8 {
                    if byte & (0x80 >> bit) != 0 {
                        let t = u16::from(window) * 256 + (i * 8 + bit) as u16;
                        self.word(Type::from(t));
                    }
                }
            }
        }
        Ok(())
    }
}

/// A character string in double quotes, with `"` and `\` escaped and bytes outside printable
/// ASCII as `\DDD` (as in zone files and dig).
pub fn quoted(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() + 2);
    s.push('"');
    push_escaped(&mut s, bytes);
    s.push('"');
    s
}

/// Bytes as in a quoted string, without the quotes: `"` and `\` escaped, bytes outside
/// printable ASCII as `\DDD`.
pub fn push_escaped(s: &mut String, bytes: &[u8]) {
    for &b in bytes {
        match b {
            b'"' | b'\\' => {
                s.push('\\');
                s.push(char::from(b));
            }
            0x20..=0x7e => s.push(char::from(b)),
            _ => {
                let _ = write!(s, "\\{b:03}");
            }
        }
    }
}

/// An IPv6 address as inet_ntop writes it (RFC 5952, with the IPv4-compatible and -mapped
/// forms dotted, as dig shows them).
pub fn ipv6_text(a: Ipv6Addr) -> String {
    let s = a.segments();
    let v4 = |hi: u16, lo: u16| Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8);
    if s[..5] == [0; 5] && (s[5] == 0xffff || (s[5] == 0 && s[6] != 0)) {
        let prefix = if s[5] == 0xffff { "::ffff:" } else { "::" };
        return format!("{prefix}{}", v4(s[6], s[7]));
    }
    a.to_string()
}

/// Whether type `rtype` is defined only in class IN (dig writes it in generic form elsewhere).
fn in_only(rtype: u16) -> bool {
    matches!(
        rtype,
        1 | 11 | 22 | 23 | 26 | 28 | 31 | 32 | 33 | 34 | 35 | 36 | 38 | 42 | 49 | 64 | 65
    )
}

/// Writes the data of one type; false for a type written in generic form.
fn present(c: &mut Rd<'_>, rtype: u16, class: u16) -> R<bool> {
    if class != 1 && in_only(rtype) {
        return Ok(false);
    }
    match rtype {
        // A
        1 => {
            let a = c.ipv4()?;
            c.word(a);
        }
        // NS MD MF CNAME MB MG MR PTR NSAP-PTR DNAME
        2 | 3 | 4 | 5 | 7 | 8 | 9 | 12 | 23 | 39 => c.name()?,
        // SOA
        6 => {
            c.name()?;
            c.name()?;
            for _ in 0..5 {
                c.num32()?;
            }
        }
        // WKS
        11 => {
            let a = c.ipv4()?;
            c.word(a);
            c.num8()?;
            let bits = c.rest();
            for (i, byte) in bits.iter().enumerate() {
                for bit in 0..8 {
                    if byte & (0x80 >> bit) != 0 {
                        c.word(i * 8 + bit);
                    }
                }
            }
        }
        // HINFO
        13 => {
            c.string()?;
            c.string()?;
        }
        // MINFO RP TALINK
        14 | 17 | 58 => {
            c.name()?;
            c.name()?;
        }
        // MX AFSDB RT KX LP
        15 | 18 | 21 | 36 | 107 => {
            c.num16()?;
            c.name()?;
        }
        // TXT SPF AVC RESINFO WALLET NINFO
        16 | 99 | 258 | 261 | 262 | 56 => c.strings()?,
        // X25
        19 => c.string()?,
        // ISDN
        20 => {
            c.string()?;
            if c.left() > 0 {
                c.string()?;
            }
        }
        // NSAP
        22 => {
            let b = c.rest();
            if b.is_empty() {
                return Err(Malformed::UnexpectedEnd);
            }
            c.word(format!("0x{}", HEXLOWER.encode(b)));
        }
        // SIG RRSIG
        24 | 46 => {
            let covered = c.u16()?;
            c.word(Type::from(covered));
            c.num8()?;
            c.num8()?;
            c.num32()?;
            for _ in 0..2 {
                let t = c.u32()?;
                c.word(time_text(t));
            }
            c.num16()?;
            c.name()?;
            c.base64_rest();
        }
        // KEY DNSKEY CDNSKEY RKEY
        25 | 48 | 60 | 57 => {
            c.num16()?;
            c.num8()?;
            c.num8()?;
            if c.left() > 0 {
                c.base64_rest();
            }
        }
        // PX
        26 => {
            c.num16()?;
            c.name()?;
            c.name()?;
        }
        // GPOS
        27 => {
            for _ in 0..3 {
                c.string()?;
            }
        }
        // AAAA
        28 => {
            let a = c.ipv6()?;
            c.word(ipv6_text(a));
        }
        // LOC
        29 => loc(c)?,
        // NXT
        30 => {
            c.name()?;
            let bits = c.rest();
            for (i, byte) in bits.iter().enumerate() {
                for bit in 0..8 {
                    if byte & (0x80 >> bit) != 0 {
                        c.word(Type::from((i * 8 + bit) as u16));
                    }
                }
            }
        }
        // EID NIMLOC
        31 | 32 => c.hex_rest(),
        // SRV
        33 => {
            for _ in 0..3 {
                c.num16()?;
            }
            c.name()?;
        }
        // ATMA
        34 => {
            let format = c.u8()?;
            let b = c.rest();
            match format {
                0 => c.word(HEXLOWER.encode(b)),
                1 if b.iter().all(u8::is_ascii_digit) => {
                    c.word(format!("+{}", String::from_utf8_lossy(b)));
                }
                _ => return Err(Malformed::Other(format!("bad ATMA format {format}"))),
            }
        }
        // NAPTR
        35 => {
            for _ in 0..2 {
                c.num16()?;
            }
            for _ in 0..3 {
                c.string()?;
            }
            c.name()?;
        }
        // CERT
        37 => {
            let kind = c.u16()?;
            let kind = match kind {
                1 => "PKIX".into(),
                2 => "SPKI".into(),
                3 => "PGP".into(),
                4 => "IPKIX".into(),
                5 => "ISPKI".into(),
                6 => "IPGP".into(),
                7 => "ACPKIX".into(),
                8 => "IACPKIX".into(),
                253 => "URI".into(),
                254 => "OID".into(),
                n => n.to_string(),
            };
            c.word(kind);
            c.num16()?;
            let alg = c.u8()?;
            match algorithm_mnemonic(alg) {
                Some(m) => c.word(m),
                None => c.word(alg),
            }
            c.base64_rest();
        }
        // A6
        38 => {
            let prefix = c.u8()?;
            if prefix > 128 {
                return Err(Malformed::Other(format!("bad A6 prefix length {prefix}")));
            }
            c.word(prefix);
            let octets = usize::from(128 - prefix).div_ceil(8);
            let suffix = c.bytes(octets)?;
            let mut a = [0u8; 16];
            a[16 - octets..].copy_from_slice(suffix);
            c.word(ipv6_text(Ipv6Addr::from(a)));
            if prefix > 0 {
                c.name()?;
            }
        }
        // SINK
        40 => {
            for _ in 0..3 {
                c.num8()?;
            }
            c.base64_rest();
        }
        // APL
        42 => {
            while c.left() > 0 {
                let family = c.u16()?;
                let prefix = c.u8()?;
                let flags = c.u8()?;
                let n = usize::from(flags & 0x7f);
                let b = c.bytes(n)?;
                let addr = match family {
                    1 if n <= 4 && prefix <= 32 => {
                        let mut a = [0u8; 4];
                        a[..n].copy_from_slice(b);
                        Ipv4Addr::from(a).to_string()
                    }
                    2 if n <= 16 && prefix <= 128 => {
                        let mut a = [0u8; 16];
                        a[..n].copy_from_slice(b);
                        ipv6_text(Ipv6Addr::from(a))
                    }
                    _ => return Err(Malformed::Other(format!("bad APL item (family {family})"))),
                };
                let neg = if flags & 0x80 != 0 { "!" } else { "" };
                c.word(format!("{neg}{family}:{addr}/{prefix}"));
            }
        }
        // DS CDS TA DLV
        43 | 59 | 32768 | 32769 => {
            c.num16()?;
            c.num8()?;
            c.num8()?;
            c.hex_rest();
        }
        // SSHFP
        44 => {
            c.num8()?;
            c.num8()?;
            c.hex_rest();
        }
        // IPSECKEY
        45 => {
            c.num8()?;
            let kind = c.num8()?;
            c.num8()?;
            gateway(c, kind)?;
            if c.left() > 0 {
                c.base64_rest();
            }
        }
        // NSEC
        47 => {
            c.name()?;
            c.bitmap()?;
        }
        // DHCID OPENPGPKEY
        49 | 61 => {
            if c.left() == 0 {
                return Err(Malformed::UnexpectedEnd);
            }
            c.base64_rest();
        }
        // NSEC3 NSEC3PARAM
        50 | 51 => {
            c.num8()?;
            c.num8()?;
            c.num16()?;
            let n = usize::from(c.u8()?);
            let salt = c.bytes(n)?;
            c.word(if salt.is_empty() {
                "-".into()
            } else {
                HEXUPPER.encode(salt)
            });
            if rtype == 50 {
                let n = usize::from(c.u8()?);
                let next = c.bytes(n)?;
                c.word(BASE32HEX_NOPAD.encode(next));
                c.bitmap()?;
            }
        }
        // TLSA SMIMEA
        52 | 53 => {
            for _ in 0..3 {
                c.num8()?;
            }
            c.hex_rest();
        }
        // HIP
        55 => {
            let hit_len = usize::from(c.u8()?);
            let alg = c.u8()?;
            let key_len = usize::from(c.u16()?);
            c.word(alg);
            let hit = c.bytes(hit_len)?;
            c.word(HEXUPPER.encode(hit));
            let key = c.bytes(key_len)?;
            c.word(BASE64.encode(key));
            while c.left() > 0 {
                c.name()?;
            }
        }
        // CSYNC
        62 => {
            c.num32()?;
            c.num16()?;
            c.bitmap()?;
        }
        // ZONEMD
        63 => {
            c.num32()?;
            c.num8()?;
            c.num8()?;
            if c.left() < 12 {
                return Err(Malformed::UnexpectedEnd);
            }
            c.hex_rest();
        }
        // SVCB HTTPS
        64 | 65 => svcb(c)?,
        // DSYNC
        66 => {
            let t = c.u16()?;
            c.word(Type::from(t));
            let scheme = c.u8()?;
            match scheme {
                1 => c.word("NOTIFY"),
                n => c.word(n),
            }
            c.num16()?;
            c.name()?;
        }
        // NID L64
        104 | 106 => {
            c.num16()?;
            let b = c.bytes(8)?;
            let groups: Vec<String> = b
                .chunks(2)
                .map(|g| format!("{:x}", u16::from_be_bytes([g[0], g[1]])))
                .collect();
            c.word(groups.join(":"));
        }
        // L32
        105 => {
            c.num16()?;
            let a = c.ipv4()?;
            c.word(a);
        }
        // EUI48 EUI64
        108 | 109 => {
            let b = c.bytes(if rtype == 108 { 6 } else { 8 })?;
            let parts: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
            c.word(parts.join("-"));
        }
        // TKEY
        249 => {
            c.name()?;
            for _ in 0..2 {
                c.num32()?;
            }
            c.num16()?;
            let error = c.u16()?;
            c.word(Rcode(error));
            // The key is written even when empty (dig's double space); other data only when
            // there is some.
            for other in [false, true] {
                let n = usize::from(c.u16()?);
                c.word(n);
                let b = c.bytes(n)?;
                if !other || n > 0 {
                    c.word(BASE64.encode(b));
                }
            }
        }
        // TSIG
        250 => {
            c.name()?;
            let hi = c.u16()?;
            let lo = c.u32()?;
            c.word((u64::from(hi) << 32) | u64::from(lo));
            c.num16()?;
            let n = usize::from(c.u16()?);
            c.word(n);
            let mac = c.bytes(n)?;
            if n > 0 {
                c.word(BASE64.encode(mac));
            }
            c.num16()?;
            let error = c.u16()?;
            c.word(Rcode(error));
            let n = usize::from(c.u16()?);
            c.word(n);
            let other = c.bytes(n)?;
            if n > 0 {
                c.word(BASE64.encode(other));
            }
        }
        // URI
        256 => {
            for _ in 0..2 {
                c.num16()?;
            }
            let b = c.rest();
            if b.is_empty() {
                return Err(Malformed::UnexpectedEnd);
            }
            c.word(quoted(b));
        }
        // CAA
        257 => {
            c.num8()?;
            let n = usize::from(c.u8()?);
            let tag = c.bytes(n)?;
            if tag.is_empty() || !tag.iter().all(u8::is_ascii_alphanumeric) {
                return Err(Malformed::Other("bad CAA tag".into()));
            }
            c.word(String::from_utf8_lossy(tag));
            let value = c.rest();
            c.word(quoted(value));
        }
        // DOA
        259 => {
            for _ in 0..2 {
                c.num32()?;
            }
            c.num8()?;
            c.string()?;
            if c.left() == 0 {
                c.word("-");
            } else {
                c.base64_rest();
            }
        }
        // AMTRELAY
        260 => {
            c.num8()?;
            let d_type = c.u8()?;
            c.word(d_type >> 7);
            let kind = d_type & 0x7f;
            c.word(kind);
            gateway(c, kind)?;
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// The gateway or relay of IPSECKEY and AMTRELAY by its type: none (`.`), IPv4, IPv6, a name.
fn gateway(c: &mut Rd<'_>, kind: u8) -> R<()> {
    match kind {
        0 => c.word("."),
        1 => {
            let a = c.ipv4()?;
            c.word(a);
        }
        2 => {
            let a = c.ipv6()?;
            c.word(ipv6_text(a));
        }
        3 => c.name()?,
        other => return Err(Malformed::Other(format!("bad gateway type {other}"))),
    }
    Ok(())
}

/// A signature time as YYYYMMDDHHMMSS (UTC).
fn time_text(t: u32) -> String {
    jiff::Timestamp::from_second(i64::from(t))
        .map(|ts| ts.strftime("%Y%m%d%H%M%S").to_string())
        .unwrap_or_else(|_| t.to_string())
}

/// LOC (RFC 1876): latitude, longitude, altitude, size and precisions, as dig writes them.
fn loc(c: &mut Rd<'_>) -> R<()> {
    let version = c.u8()?;
    if version != 0 {
        return Err(Malformed::Other(format!("LOC version {version} is not 0")));
    }
    let size = c.u8()?;
    let hp = c.u8()?;
    let vp = c.u8()?;
    let lat = c.u32()?;
    let lon = c.u32()?;
    let alt = c.u32()?;
    for (value, pos, neg) in [(lat, 'N', 'S'), (lon, 'E', 'W')] {
        let (v, hemi) = if value >= 1 << 31 {
            (value - (1 << 31), pos)
        } else {
            ((1 << 31) - value, neg)
        };
        let (d, m, s, ms) = (v / 3_600_000, (v / 60_000) % 60, (v / 1000) % 60, v % 1000);
        c.word(format!("{d} {m} {s}.{ms:03} {hemi}"));
    }
    let (below, cm) = if alt < 10_000_000 {
        (true, 10_000_000 - alt)
    } else {
        (false, alt - 10_000_000)
    };
    c.word(format!(
        "{}{}.{:02}m",
        if below { "-" } else { "" },
        cm / 100,
        cm % 100
    ));
    for p in [size, hp, vp] {
        let (mantissa, exp) = (u64::from(p >> 4), u32::from(p & 0x0f));
        if mantissa > 9 || exp > 9 {
            return Err(Malformed::Other("bad LOC precision".into()));
        }
        if exp > 1 {
            c.word(format!("{}m", mantissa * 10u64.pow(exp - 2)));
        } else {
            c.word(format!("0.{:02}m", mantissa * 10u64.pow(exp)));
        }
    }
    Ok(())
}

/// SVCB and HTTPS (RFC 9460): priority, target, then each parameter as `key=value`, as dig
/// writes them (alpn and unknown keys quoted).
fn svcb(c: &mut Rd<'_>) -> R<()> {
    c.num16()?;
    c.name()?;
    let mut last: Option<u16> = None;
    while c.left() > 0 {
        let key = c.u16()?;
        if last.is_some_and(|l| key <= l) {
            return Err(Malformed::Other("SVCB keys out of order".into()));
        }
        last = Some(key);
        let n = usize::from(c.u16()?);
        let v = c.bytes(n)?;
        let name = svc_key(key);
        let bad = || Malformed::Other(format!("bad SVCB {name} value"));
        let value: Option<String> = match key {
            0 => {
                if n == 0 || n % 2 != 0 {
                    return Err(bad());
                }
                Some(
                    v.chunks(2)
                        .map(|k| svc_key(u16::from_be_bytes([k[0], k[1]])))
                        .collect::<Vec<_>>()
                        .join(","),
                )
            }
            1 => {
                let mut ids = Vec::new();
                let mut at = 0;
                while at < v.len() {
                    let len = usize::from(v[at]);
                    let id = v.get(at + 1..at + 1 + len).filter(|id| !id.is_empty());
                    let id = id.ok_or_else(bad)?;
                    let mut s = String::new();
                    for &b in id {
                        if b == b',' || b == b'\\' {
                            s.push_str("\\\\");
                            s.push(char::from(b));
                        } else {
                            push_escaped(&mut s, &[b]);
                        }
                    }
                    ids.push(s);
                    at += 1 + len;
                }
                if ids.is_empty() {
                    return Err(bad());
                }
                Some(format!("\"{}\"", ids.join(",")))
            }
            2 | 8 => {
                if n != 0 {
                    return Err(bad());
                }
                None
            }
            3 => {
                if n != 2 {
                    return Err(bad());
                }
                Some(u16::from_be_bytes([v[0], v[1]]).to_string())
            }
            4 => {
                if n == 0 || n % 4 != 0 {
                    return Err(bad());
                }
                Some(
                    v.chunks(4)
                        .map(|a| Ipv4Addr::new(a[0], a[1], a[2], a[3]).to_string())
                        .collect::<Vec<_>>()
                        .join(","),
                )
            }
            5 => Some(BASE64.encode(v)),
            6 => {
                if n == 0 || n % 16 != 0 {
                    return Err(bad());
                }
                Some(
                    v.chunks(16)
                        .map(|a| {
                            let mut b = [0u8; 16];
                            b.copy_from_slice(a);
                            ipv6_text(Ipv6Addr::from(b))
                        })
                        .collect::<Vec<_>>()
                        .join(","),
                )
            }
            _ => (n > 0 || key == 7).then(|| quoted(v)),
        };
        match value {
            Some(value) => c.word(format!("{name}={value}")),
            None => c.word(name),
        }
    }
    Ok(())
}

/// An SVCB parameter key's name (RFC 9460 14.3.2), `keyNNNNN` for the others.
fn svc_key(key: u16) -> String {
    match key {
        0 => "mandatory".into(),
        1 => "alpn".into(),
        2 => "no-default-alpn".into(),
        3 => "port".into(),
        4 => "ipv4hint".into(),
        5 => "ech".into(),
        6 => "ipv6hint".into(),
        7 => "dohpath".into(),
        8 => "ohttp".into(),
        n => format!("key{n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::dns::name::wire as name;

    /// Presentation of `rdata` (uncompressed) as type `rtype`, class IN.
    fn show(rtype: u16, rdata: &[u8]) -> R<String> {
        read(rdata, 0, rdata.len(), rtype, 1).map(|(canon, text)| {
            assert_eq!(canon, rdata);
            text
        })
    }

    fn cat(parts: &[&[u8]]) -> Vec<u8> {
        parts.concat()
    }

    /// Issue 24 item 11: every type in its RFC presentation form, as dig 9.18 writes it (the
    /// forms were taken from dig's output for the same data; tests/dns_types.rs compares them
    /// with dig's own output).
    #[test]
    fn types_in_presentation_format() {
        assert_eq!(show(1, &[192, 0, 2, 1]).unwrap(), "192.0.2.1");
        assert_eq!(show(39, &name("other.example.")).unwrap(), "other.example.");
        assert_eq!(
            show(
                29,
                &HEXUPPER
                    .decode(b"000016138B3CF018810CBCE0009895B8")
                    .unwrap()
            )
            .unwrap(),
            "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m"
        );
        assert_eq!(
            show(
                256,
                &cat(&[&[0, 10, 0, 1], b"ftp://ftp1.example.com/public"])
            )
            .unwrap(),
            "10 1 \"ftp://ftp1.example.com/public\""
        );
        assert_eq!(
            show(
                17,
                &cat(&[&name("admin.rich.test."), &name("txt.rich.test.")])
            )
            .unwrap(),
            "admin.rich.test. txt.rich.test."
        );
        assert_eq!(
            show(18, &cat(&[&[0, 1], &name("afs.test.")])).unwrap(),
            "1 afs.test."
        );
        assert_eq!(
            show(108, &[0, 0, 0x5e, 0, 0x53, 0x2a]).unwrap(),
            "00-00-5e-00-53-2a"
        );
        assert_eq!(
            show(109, &[0, 0, 0x5e, 0xef, 0x10, 0, 0, 0x2a]).unwrap(),
            "00-00-5e-ef-10-00-00-2a"
        );
        assert_eq!(
            show(
                42,
                &[
                    0, 1, 24, 3, 192, 0, 2, 0, 1, 25, 0x84, 192, 0, 2, 128, 0, 2, 32, 4, 0x20, 1,
                    0x0d, 0xb8
                ]
            )
            .unwrap(),
            "1:192.0.2.0/24 !1:192.0.2.128/25 2:2001:db8::/32"
        );
        // Legal empty RDATA.
        assert_eq!(show(42, &[]).unwrap(), "");
        assert_eq!(show(65000, &[]).unwrap(), "\\# 0");
        assert_eq!(show(65000, &[10, 0, 0, 1]).unwrap(), "\\# 4 0A000001");
        assert_eq!(show(10, &[1, 2, 3]).unwrap(), "\\# 3 010203");
        assert_eq!(
            show(37, &cat(&[&[0, 3, 0, 0, 0], b"hello world"])).unwrap(),
            "PGP 0 0 aGVsbG8gd29ybGQ="
        );
        assert_eq!(
            show(37, &cat(&[&[0, 1, 0x30, 0x39, 8], b"hello world"])).unwrap(),
            "PKIX 12345 RSASHA256 aGVsbG8gd29ybGQ="
        );
        let zonemd = HEXLOWER
            .decode(b"a3b69bad980a3504e1cffcb0fd6397f93848071c93151f552ae2f6b1711d4bd2d8b39808226d7b9db71e34b72077f8fe")
            .unwrap();
        assert_eq!(
            show(63, &cat(&[&[0x78, 0xc4, 0x25, 0x35, 1, 1], &zonemd])).unwrap(),
            format!("2026120501 1 1 {}", HEXUPPER.encode(&zonemd))
        );
        assert_eq!(
            show(47, &HEXUPPER.decode(b"04686F737404726963680474657374000006400100000003041B000000000000000000000000000000000000000000000000000020").unwrap()).unwrap(),
            "host.rich.test. A MX RRSIG NSEC TYPE1234"
        );
        // NSEC3: salt and types as dig writes them, the next hash in base32hex.
        let nsec3 = HEXLOWER
            .decode(b"0101000c04aabbccdd140102030405060708090a0b0c0d0e0f10111213140006400000000002")
            .unwrap();
        assert_eq!(
            show(50, &nsec3).unwrap(),
            "1 1 12 AABBCCDD 041061050O3GG28A1C60Q3GF208H44OK A RRSIG"
        );
        assert_eq!(show(51, &[1, 0, 0, 0, 0]).unwrap(), "1 0 0 -");
        assert_eq!(
            show(28, &Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1).octets()).unwrap(),
            "2001:db8::1"
        );
        assert_eq!(
            show(16, b"\x0bv=spf1 -all\x0ctab\x09and\xffbyte").unwrap(),
            "\"v=spf1 -all\" \"tab\\009and\\255byte\""
        );
        assert_eq!(
            show(
                65,
                &cat(&[
                    &[0, 1, 0],
                    &[0, 1, 0, 6, 2, b'h', b'3', 2, b'h', b'2'],
                    &[0, 2, 0, 0],
                    &[0, 3, 0, 2, 0x20, 0xfb]
                ])
            )
            .unwrap(),
            "1 . alpn=\"h3,h2\" no-default-alpn port=8443"
        );
        assert_eq!(
            show(104, &[0, 10, 0, 0x14, 0x4f, 0xff, 0xff, 0x20, 0xee, 0x64]).unwrap(),
            "10 14:4fff:ff20:ee64"
        );
    }

    /// Issue 24 item 10: data that does not fit its type is refused with dig's reason.
    #[test]
    fn data_that_does_not_fit_is_refused() {
        assert_eq!(show(1, &[192, 0, 2, 1, 5]), Err(Malformed::ExtraData));
        assert_eq!(show(1, &[192, 0, 2]), Err(Malformed::UnexpectedEnd));
        assert_eq!(show(16, &[]), Err(Malformed::UnexpectedEnd));
        assert_eq!(show(16, &[5, b'a']), Err(Malformed::UnexpectedEnd));
        assert_eq!(show(15, &[0, 10, 3, b'a']), Err(Malformed::UnexpectedEnd));
        // A message shorter than the RDLENGTH says.
        assert_eq!(read(&[1, 2], 0, 4, 1, 1), Err(Malformed::UnexpectedEnd));
    }

    #[test]
    fn compressed_names_are_followed_backwards_only() {
        // "test." at 0, then a name "www" + pointer to 0 at 6.
        let msg = cat(&[&name("test."), b"\x03www\xc0\x00"]);
        let mut wire = Vec::new();
        let mut text = String::new();
        assert_eq!(read_name(&msg, 6, &mut wire, Some(&mut text)), Ok(12));
        assert_eq!(text, "www.test.");
        assert_eq!(wire, name("www.test."));
        // A pointer to itself, and one forward.
        let looped = b"\xc0\x00";
        assert_eq!(
            read_name(looped, 0, &mut Vec::new(), None),
            Err(Malformed::BadPointer)
        );
        let forward = b"\xc0\x02\x00";
        assert_eq!(
            read_name(forward, 0, &mut Vec::new(), None),
            Err(Malformed::BadPointer)
        );
        assert_eq!(
            read_name(b"\x80abc", 0, &mut Vec::new(), None),
            Err(Malformed::BadLabelType)
        );
        // An MX whose exchange is compressed comes out whole.
        let mut msg = name("mail.test.");
        let start = msg.len();
        msg.extend_from_slice(&[0, 10, 0xc0, 0]);
        let (canon, text) = read(&msg, start, 4, 15, 1).unwrap();
        assert_eq!(text, "10 mail.test.");
        assert_eq!(canon, cat(&[&[0, 10], &name("mail.test.")]));
        // A name in RDATA must end inside it.
        let msg = cat(&[&[0, 10, 3], b"abc", &[0]]);
        assert_eq!(read(&msg, 0, 5, 15, 1), Err(Malformed::UnexpectedEnd));
    }

    #[test]
    fn ipv6_as_inet_ntop_writes_it() {
        assert_eq!(
            ipv6_text("::ffff:192.0.2.1".parse().unwrap()),
            "::ffff:192.0.2.1"
        );
        assert_eq!(ipv6_text("::102:304".parse().unwrap()), "::1.2.3.4");
        assert_eq!(ipv6_text("::1".parse().unwrap()), "::1");
        assert_eq!(ipv6_text("::".parse().unwrap()), "::");
    }
}
