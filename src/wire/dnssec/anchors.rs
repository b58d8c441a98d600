//! Trust anchors (RFC 4033 5): the points the chain of trust starts from, read from text as
//! DS lines (`ZONE [TTL] [IN] DS TAG ALGORITHM DIGEST-TYPE HEX`) or DNSKEY lines (`ZONE [TTL]
//! [IN] DNSKEY FLAGS 3 ALGORITHM BASE64`), the forms of IANA's root anchors, of the `.key`
//! files dnssec-keygen and ldns-keygen write, of `ldns-key2ds` output and of unbound-anchor's
//! root.key. `;` comments, blank lines, parentheses that spread a record over lines and `$`
//! directives (`$ORIGIN` names relative owners, `$TTL` is ignored) are allowed; anything else is
//! an error naming its line.

use hickory_resolver::proto::ProtoError;
use hickory_resolver::proto::dnssec::rdata::{DNSKEY, DS};
use hickory_resolver::proto::dnssec::{Algorithm, DigestType, PublicKeyBuf};
use hickory_resolver::proto::rr::Name;

use crate::i18n::{Message, Text, t};

/// The root zone's trust anchors (IANA: KSK-2017 and KSK-2024), as DS records.
pub const ROOT_ANCHORS: [&str; 2] = [
    ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D",
    ". IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16",
];

/// What an anchor vouches for: a key by its digest, or the key itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Vouch {
    /// A DS record: the keys whose digest it is.
    Ds(DS),
    /// A DNSKEY record: that key.
    Key(DNSKEY),
}

/// A trust anchor for a zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// The zone.
    pub zone: Name,
    /// What it vouches for.
    pub vouch: Vouch,
}

/// The logical lines of a zone file: comments cut, a record in parentheses joined into one
/// line, each with the number of the line it starts on.
fn records(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.split(';').next().unwrap_or("");
        let (start, mut acc) = open.take().unwrap_or((i + 1, String::new()));
        acc.push(' ');
        acc.push_str(line);
        let depth = acc.matches('(').count() as isize - acc.matches(')').count() as isize;
        if depth > 0 {
            open = Some((start, acc));
        } else {
            out.push((start, acc.replace(['(', ')'], " ")));
        }
    }
    if let Some(last) = open {
        out.push(last);
    }
    out
}

/// Reads the trust anchors of `text`; an error names the first line that is none.
pub fn parse_anchors(text: &str) -> Result<Vec<Anchor>, Text> {
    let mut origin = Name::root();
    let mut found = Vec::new();
    for (line, record) in records(text) {
        let w: Vec<&str> = record.split_whitespace().collect();
        let Some(first) = w.first() else { continue };
        if first.starts_with('$') {
            if first.eq_ignore_ascii_case("$ORIGIN") {
                origin = w
                    .get(1)
                    .and_then(|o| Name::from_ascii(o).ok())
                    .filter(Name::is_fqdn)
                    .ok_or_else(|| Text::from(t!("anchor-origin", line = line)))?;
            }
            continue;
        }
        let anchor = parse_record(&w, &origin)
            .map_err(|why| Text::from(t!("anchor-not-a-record", line = line, why = why)))?;
        found.push(anchor);
    }
    Ok(found)
}

/// One record's words: `OWNER [TTL] [IN] (DS|DNSKEY) RDATA...` (TTL and class in either order).
fn parse_record(w: &[&str], origin: &Name) -> Result<Anchor, Message> {
    let owner = w[0];
    let mut at = 1;
    while at < w.len() && (w[at].eq_ignore_ascii_case("IN") || w[at].parse::<u32>().is_ok()) {
        at += 1;
    }
    let Some(rtype) = w.get(at) else {
        return Err(t!("anchor-no-type"));
    };
    let zone = if owner == "@" {
        origin.clone()
    } else {
        let bad = |e: ProtoError| {
            t!(
                "anchor-bad-owner",
                owner = format!("{owner:?}"),
                why = e.to_string()
            )
        };
        let name = Name::from_ascii(owner).map_err(bad)?;
        if name.is_fqdn() {
            name
        } else {
            name.append_domain(origin).map_err(bad)?
        }
    };
    let data = &w[at + 1..];
    let number = |i: usize, what: Message| -> Result<u32, Message> {
        data.get(i)
            .and_then(|t| t.parse::<u32>().ok())
            .ok_or_else(|| t!("anchor-missing", what = what))
    };
    let vouch = if rtype.eq_ignore_ascii_case("DS") {
        let tag = u16::try_from(number(0, t!("anchor-key-tag"))?)
            .map_err(|_| t!("anchor-bad", what = t!("anchor-key-tag")))?;
        let alg = u8::try_from(number(1, t!("anchor-algorithm"))?)
            .map_err(|_| t!("anchor-bad", what = t!("anchor-algorithm")))?;
        let dt = u8::try_from(number(2, t!("anchor-digest-type"))?)
            .map_err(|_| t!("anchor-bad", what = t!("anchor-digest-type")))?;
        let hex: String = data.get(3..).unwrap_or_default().concat();
        let digest = data_encoding::HEXUPPER_PERMISSIVE
            .decode(hex.as_bytes())
            .map_err(|_| t!("anchor-digest-not-hex"))?;
        if digest.is_empty() {
            return Err(t!("anchor-missing", what = t!("anchor-digest")));
        }
        Vouch::Ds(DS::new(
            tag,
            Algorithm::from_u8(alg),
            DigestType::from(dt),
            digest,
        ))
    } else if rtype.eq_ignore_ascii_case("DNSKEY") {
        let flags = u16::try_from(number(0, t!("anchor-flags"))?)
            .map_err(|_| t!("anchor-bad", what = t!("anchor-flags")))?;
        if number(1, t!("anchor-protocol"))? != 3 {
            return Err(t!("anchor-protocol-3"));
        }
        let alg = u8::try_from(number(2, t!("anchor-algorithm"))?)
            .map_err(|_| t!("anchor-bad", what = t!("anchor-algorithm")))?;
        let b64: String = data.get(3..).unwrap_or_default().concat();
        let key = data_encoding::BASE64
            .decode(b64.as_bytes())
            .map_err(|_| t!("anchor-key-not-base64"))?;
        if key.is_empty() {
            return Err(t!("anchor-missing", what = t!("anchor-key")));
        }
        Vouch::Key(DNSKEY::with_flags(
            flags,
            PublicKeyBuf::new(key, Algorithm::from_u8(alg)),
        ))
    } else {
        return Err(t!("anchor-its-type", rtype = *rtype));
    };
    Ok(Anchor { zone, vouch })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ds_lines_are_read() {
        let a = parse_anchors(&ROOT_ANCHORS.join("\n")).unwrap();
        assert_eq!(a.len(), 2);
        assert!(a[0].zone.is_root());
        let Vouch::Ds(d) = &a[1].vouch else { panic!() };
        assert_eq!(d.key_tag(), 38696);
        assert_eq!(u8::from(d.algorithm()), 8);
        let text = "; a comment\n\nlab.test.\t3600\tIN\tDS\t4711 13 2 AB CD\n";
        let a = parse_anchors(text).unwrap();
        let Vouch::Ds(d) = &a[0].vouch else { panic!() };
        assert_eq!(a[0].zone.to_string(), "lab.test.");
        assert_eq!(d.digest(), [0xab, 0xcd]);
    }

    /// Issue 24 item 8: DNSKEY lines as dnssec-keygen, ldns-keygen and unbound-anchor write them.
    #[test]
    fn dnskey_lines_are_read_in_every_tools_form() {
        // dnssec-keygen's .key file.
        let bind = "; This is a key-signing key, keyid 12345, for lab.test.\n\
                    ; Created: 20261205080000 (Sat Dec  5 08:00:00 2026)\n\
                    lab.test. IN DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+ KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==\n";
        // ldns-keygen's, with its trailing comment.
        let ldns = "lab.test.\tIN\tDNSKEY\t257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ== ;{id = 12345 (ksk), size = 256b}\n";
        // unbound-anchor's root.key: TTL, state comments; and a record over lines.
        let unbound = "; autotrust trust anchor file\n;;id: . 1\n\
                       $ORIGIN test.\n$TTL 3600\n\
                       lab 172800 IN DNSKEY 257 3 13 (\n  mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+\n  KkxLbxILfDLUT0rAK9iUzy1L53eKGQ== ) ;{id = 12345 (ksk), size = 256b} ;;state=2 [  VALID  ]\n";
        let mut keys = Vec::new();
        for text in [bind, ldns, unbound] {
            let a = parse_anchors(text).unwrap_or_else(|e| panic!("{e}: {text}"));
            assert_eq!(a.len(), 1, "{text}");
            assert_eq!(a[0].zone.to_string(), "lab.test.");
            let Vouch::Key(k) = &a[0].vouch else { panic!() };
            assert_eq!(k.flags(), 257);
            keys.push(k.clone());
        }
        assert!(keys.windows(2).all(|w| w[0] == w[1]));
    }

    #[test]
    fn other_lines_are_errors_naming_the_line() {
        let e = parse_anchors("; fine\nlab.test. IN NS ns.lab.test.\n")
            .unwrap_err()
            .english()
            .into_owned();
        assert_eq!(e, "line 2 is not a DS or DNSKEY record: its type is NS");
        let e = parse_anchors("x. DS 1 13 2 zz\n")
            .unwrap_err()
            .english()
            .into_owned();
        assert!(e.contains("not hexadecimal"), "{e}");
        let e = parse_anchors("x. DNSKEY 257 2 13 AAAA\n")
            .unwrap_err()
            .english()
            .into_owned();
        assert!(e.contains("protocol"), "{e}");
        assert!(parse_anchors("; nothing\n").unwrap().is_empty());
    }
}
