//! EDNS (RFC 6891): the OPT pseudo-record's fields and its options, written as dig writes them:
//! Extended DNS Errors (RFC 8914) as `EDE 6 (DNSSEC Bogus): signature expired`, NSID as hex and
//! text, client subnet, cookies, padding..., and any other option as `OPT=CODE: hex ("text")`.
//! Pure logic.

use std::net::{Ipv4Addr, Ipv6Addr};

use serde::Serialize;

use super::rdata::{ipv6_text, push_escaped};

/// The OPT record of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edns {
    /// EDNS version.
    pub version: u8,
    /// The UDP payload size the sender can take.
    pub udp_size: u16,
    /// DO: DNSSEC records wanted.
    pub dnssec_ok: bool,
    /// The upper eight bits of the response code.
    pub ext_rcode: u8,
    /// The options, in order.
    pub options: Vec<EdnsOption>,
}

/// One option: its code and data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdnsOption {
    /// The option code.
    pub code: u16,
    /// Its data.
    pub data: Vec<u8>,
}

/// An Extended DNS Error (RFC 8914): the code, what it means, and the server's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ede {
    /// The INFO-CODE.
    pub info_code: u16,
    /// Its purpose in IANA's registry ("DNSSEC Bogus"), null for an unassigned code.
    pub purpose: Option<&'static str>,
    /// The EXTRA-TEXT, escaped as a quoted string's contents (null: none).
    pub extra_text: Option<String>,
}

impl std::fmt::Display for Ede {
    /// `EDE 6 (DNSSEC Bogus): signature expired`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EDE {}", self.info_code)?;
        if let Some(p) = self.purpose {
            write!(f, " ({p})")?;
        }
        if let Some(t) = &self.extra_text {
            write!(f, ": {t}")?;
        }
        Ok(())
    }
}

/// The purpose of EDE INFO-CODE `code` (IANA's Extended DNS Error Codes registry).
pub fn ede_purpose(code: u16) -> Option<&'static str> {
    Some(match code {
        0 => "Other Error",
        1 => "Unsupported DNSKEY Algorithm",
        2 => "Unsupported DS Digest Type",
        3 => "Stale Answer",
        4 => "Forged Answer",
        5 => "DNSSEC Indeterminate",
        6 => "DNSSEC Bogus",
        7 => "Signature Expired",
        8 => "Signature Not Yet Valid",
        9 => "DNSKEY Missing",
        10 => "RRSIGs Missing",
        11 => "No Zone Key Bit Set",
        12 => "NSEC Missing",
        13 => "Cached Error",
        14 => "Not Ready",
        15 => "Blocked",
        16 => "Censored",
        17 => "Filtered",
        18 => "Prohibited",
        19 => "Stale NXDomain Answer",
        20 => "Not Authoritative",
        21 => "Not Supported",
        22 => "No Reachable Authority",
        23 => "Network Error",
        24 => "Invalid Data",
        25 => "Signature Expired before Valid",
        26 => "Too Early",
        27 => "Unsupported NSEC3 Iterations Value",
        28 => "Unable to conform to policy",
        29 => "Synthesized",
        30 => "Invalid Query Type",
        _ => return None,
    })
}

/// Bytes as the contents of a quoted string (see [`push_escaped`]).
fn escaped(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len());
    push_escaped(&mut s, bytes);
    s
}

/// `68 65 6c 6c 6f ("hello")`: each byte in hex, then the bytes as text, as dig writes an
/// option it has no form for (and NSID).
fn hex_and_text(data: &[u8]) -> String {
    let hex: Vec<String> = data.iter().map(|b| format!("{b:02x}")).collect();
    let text: String = data
        .iter()
        .map(|&b| {
            if (0x20..0x7f).contains(&b) {
                char::from(b)
            } else {
                '.'
            }
        })
        .collect();
    format!("{} (\"{}\")", hex.join(" "), escaped(text.as_bytes()))
}

impl EdnsOption {
    /// The option read as an Extended DNS Error, when it is one (a well-formed one).
    pub fn ede(&self) -> Option<Ede> {
        if self.code != 15 || self.data.len() < 2 {
            return None;
        }
        let info_code = u16::from_be_bytes([self.data[0], self.data[1]]);
        // Some servers end the text with a NUL (RFC 8914 says not to); it says nothing.
        let text = &self.data[2..];
        let text = text.strip_suffix(b"\0").unwrap_or(text);
        Some(Ede {
            info_code,
            purpose: ede_purpose(info_code),
            extra_text: (!text.is_empty()).then(|| escaped(text)),
        })
    }

    /// The server's NSID as text, when this is one.
    pub fn nsid(&self) -> Option<String> {
        (self.code == 3).then(|| escaped(&self.data))
    }

    /// The option's name and value as dig writes them (`NSID`, `6e 73 2d 31 ("ns-1")`), so that
    /// `NAME: VALUE` is dig's line; an option that does not fit its code is written as an
    /// unknown one.
    pub fn text(&self) -> (String, String) {
        let d = &self.data[..];
        let known = match self.code {
            3 => Some(("NSID", hex_and_text(d))),
            8 => subnet(d).map(|v| ("CLIENT-SUBNET", v)),
            9 if d.len() == 4 => Some((
                "EXPIRE",
                u32::from_be_bytes([d[0], d[1], d[2], d[3]]).to_string(),
            )),
            10 if (8..=40).contains(&d.len()) => {
                Some(("COOKIE", d.iter().map(|b| format!("{b:02x}")).collect()))
            }
            11 if d.len() == 2 => {
                let t = u16::from_be_bytes([d[0], d[1]]);
                Some(("TCP-KEEPALIVE", format!("{}.{} secs", t / 10, t % 10)))
            }
            12 => Some(("PADDING", format!("({} bytes)", d.len()))),
            14 if d.len().is_multiple_of(2) && !d.is_empty() => Some((
                "KEY-TAG",
                d.chunks(2)
                    .map(|t| u16::from_be_bytes([t[0], t[1]]).to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            )),
            15 => self.ede().map(|e| {
                let text = e.to_string();
                ("EDE", text.trim_start_matches("EDE ").to_string())
            }),
            _ => None,
        };
        match known {
            Some((name, value)) => (name.to_string(), value),
            None => (format!("OPT={}", self.code), hex_and_text(d)),
        }
    }
}

/// Client subnet (RFC 7871) as `ADDRESS/SOURCE/SCOPE`.
fn subnet(d: &[u8]) -> Option<String> {
    let family = u16::from_be_bytes([*d.first()?, *d.get(1)?]);
    let (source, scope) = (*d.get(2)?, *d.get(3)?);
    let addr = &d[4..];
    let text = match family {
        1 if addr.len() <= 4 => {
            let mut a = [0u8; 4];
            a[..addr.len()].copy_from_slice(addr);
            Ipv4Addr::from(a).to_string()
        }
        2 if addr.len() <= 16 => {
            let mut a = [0u8; 16];
            a[..addr.len()].copy_from_slice(addr);
            ipv6_text(Ipv6Addr::from(a))
        }
        _ => return None,
    };
    Some(format!("{text}/{source}/{scope}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opt(code: u16, data: &[u8]) -> EdnsOption {
        EdnsOption {
            code,
            data: data.to_vec(),
        }
    }

    /// Issue 24 item 13: options as dig writes them, never as Rust debug output.
    #[test]
    fn options_as_dig_writes_them() {
        let ede = opt(15, b"\x00\x06signature expired");
        assert_eq!(
            ede.ede().unwrap().to_string(),
            "EDE 6 (DNSSEC Bogus): signature expired"
        );
        assert_eq!(
            ede.text(),
            ("EDE".into(), "6 (DNSSEC Bogus): signature expired".into())
        );
        assert_eq!(
            opt(15, b"\x00\x12").ede().unwrap().to_string(),
            "EDE 18 (Prohibited)"
        );
        assert_eq!(opt(15, b"\x01\x00").ede().unwrap().to_string(), "EDE 256");
        assert_eq!(
            opt(15, b"\x00\x06a\x1b]0;x\x07")
                .ede()
                .unwrap()
                .extra_text
                .unwrap(),
            "a\\027]0;x\\007"
        );
        assert_eq!(
            opt(65001, b"hello").text(),
            ("OPT=65001".into(), "68 65 6c 6c 6f (\"hello\")".into())
        );
        assert_eq!(
            opt(3, b"ns-1").text(),
            ("NSID".into(), "6e 73 2d 31 (\"ns-1\")".into())
        );
        assert_eq!(
            opt(8, &[0, 1, 24, 0, 192, 0, 2]).text(),
            ("CLIENT-SUBNET".into(), "192.0.2.0/24/0".into())
        );
        assert_eq!(opt(12, &[0; 5]).text().1, "(5 bytes)");
        // An EDE too short to hold its code is written as an unknown option.
        assert_eq!(opt(15, b"\x00").text().0, "OPT=15");
    }
}
