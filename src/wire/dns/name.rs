//! Domain names in presentation format (RFC 1035 5.1), as dig and zone files write them and as
//! people type them: writing a name (labels joined by dots, a trailing dot when fully qualified,
//! the characters with a meaning in zone files escaped with a backslash, every byte outside
//! printable ASCII as `\DDD` in decimal), and reading a typed name with those escapes
//! (`dot\.name`, `sp\032ace`). hickory's `to_ascii` writes octal escapes and its parser reads
//! them as octal; these follow the RFC. Pure logic.

use std::fmt::Write as _;

use hickory_resolver::proto::rr::Name;

use crate::i18n::{Message, t};
use crate::net::name::to_ascii_name_into;

/// A domain name in presentation format: `.` for the root; in a label, `. ; \ " ( ) @ $`
/// escaped with a backslash and every byte outside printable ASCII (control bytes, space,
/// UTF-8) as `\DDD` in decimal (ESC is `\027`). Every name `netkit dns` shows, in tables and in
/// JSON, is written here; punycode stays punycode.
pub fn presentation(name: &Name) -> String {
    if name.is_root() {
        return ".".into();
    }
    let mut s = String::with_capacity(name.len());
    for (i, label) in name.iter().enumerate() {
        if i > 0 {
            s.push('.');
        }
        push_label(&mut s, label);
    }
    if name.is_fqdn() {
        s.push('.');
    }
    s
}

/// Appends one label, escaped as [`presentation`] escapes it.
pub fn push_label(s: &mut String, label: &[u8]) {
    for &b in label {
        match b {
            b'.' | b';' | b'\\' | b'"' | b'(' | b')' | b'@' | b'$' => {
                s.push('\\');
                s.push(char::from(b));
            }
            0x21..=0x7e => s.push(char::from(b)),
            _ => {
                let _ = write!(s, "\\{b:03}");
            }
        }
    }
}

/// The labels of `text` in presentation format: `\X` is the character X, `\DDD` the byte of that
/// decimal value (at most 255); an unescaped dot ends a label; a trailing dot makes the name fully
/// qualified. Errs with the reason for an empty label, a label over 63 bytes, a name over 255,
/// a bad escape, or a character a name cannot hold unescaped (a space, a control character).
pub fn parse(text: &str) -> Result<Name, Message> {
    if text == "." {
        return Ok(Name::root());
    }
    if text.is_empty() {
        return Err(t!("name-bad-empty"));
    }
    let mut name = Name::new();
    let mut label: Vec<u8> = Vec::with_capacity(63);
    let mut bytes = text.bytes().peekable();
    let mut fqdn = false;
    let push = |name: Name, label: &mut Vec<u8>| -> Result<Name, Message> {
        if label.is_empty() {
            return Err(t!("name-bad-empty-label"));
        }
        if label.len() > 63 {
            return Err(t!("dns-name-bad-long-label"));
        }
        let name = name
            .append_label(&label[..])
            .map_err(|_| t!("dns-name-bad-too-long"))?;
        label.clear();
        Ok(name)
    };
    while let Some(b) = bytes.next() {
        match b {
            b'.' => {
                name = push(name, &mut label)?;
                if bytes.peek().is_none() {
                    fqdn = true;
                }
            }
            b'\\' => {
                let Some(c) = bytes.next() else {
                    return Err(t!("dns-name-bad-lone-backslash"));
                };
                if c.is_ascii_digit() {
                    let mut value = u32::from(c - b'0');
                    for _ in 0..2 {
                        match bytes.next() {
                            Some(d) if d.is_ascii_digit() => {
                                value = value * 10 + u32::from(d - b'0')
                            }
                            _ => return Err(t!("dns-name-bad-short-escape")),
                        }
                    }
                    let byte = u8::try_from(value).map_err(|_| {
                        t!(
                            "dns-name-bad-escape-range",
                            escape = format!("\\{value:03}")
                        )
                    })?;
                    label.push(byte);
                } else {
                    label.push(c);
                }
            }
            0x21..=0x7e => label.push(b),
            _ => {
                return Err(t!("dns-name-bad-char"));
            }
        }
    }
    if !label.is_empty() {
        name = push(name, &mut label)?;
    }
    name.set_fqdn(fqdn);
    Ok(name)
}

/// The name to ask for `text` as typed, into `out` (replacing what it held), in presentation
/// format: a name with a backslash is read as presentation format ([`parse`]) and written back
/// in its one canonical form (ASCII letters lower-cased, as the other names are); any other
/// name is checked and made ASCII as a host name is (`net::name`: IDN labels become punycode).
pub fn query_name_into(text: &str, out: &mut String) -> crate::error::Result<()> {
    let input = text.trim();
    if !input.contains('\\') {
        return to_ascii_name_into(input, out);
    }
    let mut name =
        parse(input).map_err(|why| crate::error::Error::bad(t!("name-what"), text, why))?;
    name = name.to_lowercase();
    out.clear();
    out.push_str(&presentation(&name));
    if !name.is_fqdn() && out.ends_with('.') && out.len() > 1 {
        out.pop();
    }
    Ok(())
}

/// The name `text` (a name as [`query_name_into`] writes it, trailing dot optional) as hickory
/// holds it, fully qualified; None when it is none. A name without a backslash is split at its
/// dots as it is (the caller checked its characters): a fifth of a query's encoding cost less
/// than a parser.
pub fn from_query_name(text: &str) -> Option<Name> {
    if text.contains('\\') {
        let mut n = parse(text).ok()?;
        n.set_fqdn(true);
        return Some(n);
    }
    let bare = text.strip_suffix('.').unwrap_or(text);
    if bare.is_empty() {
        return Some(Name::root());
    }
    let mut n = bare
        .split('.')
        .try_fold(Name::root(), |n, label| n.append_label(label.as_bytes()))
        .ok()?;
    n.set_fqdn(true);
    Some(n)
}

/// Whether `name` is the name `want` (as [`query_name_into`] writes it, trailing dot
/// optional), ignoring ASCII case; label by label, without building a string (a bulk lookup
/// compares one per reply).
pub fn same_name(name: &Name, want: &str) -> bool {
    if want.contains('\\') {
        return from_query_name(want).is_some_and(|w| {
            w.num_labels() == name.num_labels()
                && w.iter()
                    .zip(name.iter())
                    .all(|(a, b)| a.eq_ignore_ascii_case(b))
        });
    }
    let mut want = want.split('.').filter(|l| !l.is_empty());
    name.iter().all(|label| {
        want.next()
            .is_some_and(|w| label.eq_ignore_ascii_case(w.as_bytes()))
    }) && want.next().is_none()
}

/// `text` (dotted, no escapes) as an uncompressed name in wire format, for tests.
#[cfg(test)]
pub fn wire(text: &str) -> Vec<u8> {
    let mut w = Vec::new();
    for l in text
        .trim_end_matches('.')
        .split('.')
        .filter(|l| !l.is_empty())
    {
        w.push(l.len() as u8);
        w.extend_from_slice(l.as_bytes());
    }
    w.push(0);
    w
}

/// Whether the uncompressed wire-format name `wire` is the name `want` (as [`same_name`]
/// takes it), without building a name: a bulk lookup compares one per reply.
pub fn same_wire(wire: &[u8], want: &str) -> bool {
    if want.contains('\\') {
        return from_query_name(want).is_some_and(|w| {
            let mut at = 0;
            w.iter().all(|label| {
                let len = usize::from(wire.get(at).copied().unwrap_or(0));
                let ok = len == label.len()
                    && wire
                        .get(at + 1..at + 1 + len)
                        .is_some_and(|l| l.eq_ignore_ascii_case(label));
                at += 1 + len;
                ok
            }) && wire.get(at) == Some(&0)
        });
    }
    let mut at = 0;
    for w in want.split('.').filter(|l| !l.is_empty()) {
        let len = usize::from(wire.get(at).copied().unwrap_or(0));
        if len != w.len()
            || !wire
                .get(at + 1..at + 1 + len)
                .is_some_and(|l| l.eq_ignore_ascii_case(w.as_bytes()))
        {
            return false;
        }
        at += 1 + len;
    }
    wire.get(at) == Some(&0)
}

/// How many dots separate the labels of `text` (escaped dots are inside a label).
pub fn dots(text: &str) -> usize {
    let mut n = 0;
    let mut escaped = false;
    for b in text.bytes() {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'.' => n += 1,
            _ => {}
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(labels: &[&[u8]]) -> Name {
        let mut n = Name::root();
        for l in labels {
            n = n.append_label(*l).unwrap();
        }
        n
    }

    /// Regression (issue 12): names with control bytes were shown with hickory's octal escapes
    /// (`\033`); presentation format, as dig prints it, is decimal (`\027`).
    #[test]
    fn names_in_presentation_format_with_decimal_escapes() {
        let evil = raw(&[b"a\x1b[31mb\xe2\x80\xae", b"x y", b"test"]);
        assert_eq!(
            presentation(&evil),
            "a\\027[31mb\\226\\128\\174.x\\032y.test."
        );
        assert_eq!(
            presentation(&raw(&[b"a.b", b"c\\d\"@"])),
            "a\\.b.c\\\\d\\\"\\@."
        );
        assert_eq!(presentation(&Name::root()), ".");
        assert_eq!(
            presentation(&Name::from_ascii("*.WWW.example.test").unwrap()),
            "*.WWW.example.test"
        );
    }

    /// Issue 24 item 11: names typed with RFC 1035 escapes are the labels they stand for.
    #[test]
    fn typed_names_with_escapes() {
        assert_eq!(
            parse("dot\\.name.test.").unwrap(),
            raw(&[b"dot.name", b"test"])
        );
        assert_eq!(parse("sp\\032ace.test").unwrap(), {
            let mut n = raw(&[b"sp ace", b"test"]);
            n.set_fqdn(false);
            n
        });
        assert_eq!(parse("\\255.test.").unwrap(), raw(&[b"\xff", b"test"]));
        assert!(
            parse("\\256.test")
                .unwrap_err()
                .english()
                .contains("\\256, above 255")
        );
        assert!(parse("a\\03").is_err());
        assert!(parse("a\\").is_err());
        assert!(parse("a..b").is_err());
        assert!(parse("has space").is_err());
        assert!(parse(&"x".repeat(64)).is_err());
        let mut out = String::new();
        query_name_into("Dot\\.Name.test", &mut out).unwrap();
        assert_eq!(out, "dot\\.name.test");
        query_name_into("sp\\032ace.test.", &mut out).unwrap();
        assert_eq!(out, "sp\\032ace.test.");
        query_name_into("bücher.test", &mut out).unwrap();
        assert_eq!(out, "xn--bcher-kva.test");
        assert_eq!(
            from_query_name("dot\\.name.test").unwrap(),
            raw(&[b"dot.name", b"test"])
        );
        assert_eq!(
            from_query_name("www.test").unwrap(),
            raw(&[b"www", b"test"])
        );
        assert_eq!(from_query_name(".").unwrap(), Name::root());
        assert!(same_name(&raw(&[b"DOT.name", b"test"]), "dot\\.name.test."));
        assert!(!same_name(
            &raw(&[b"dot", b"name", b"test"]),
            "dot\\.name.test"
        ));
        assert!(same_name(&raw(&[b"WWW", b"test"]), "www.test"));
        assert!(same_wire(b"\x03WWW\x04test\x00", "www.test."));
        assert!(!same_wire(b"\x03www\x04test\x00", "www.test.x"));
        assert!(!same_wire(b"\x03www\x00", "www.test"));
        assert!(same_wire(b"\x08dot.name\x04test\x00", "dot\\.name.test"));
        assert!(!same_wire(
            b"\x03dot\x04name\x04test\x00",
            "dot\\.name.test"
        ));
        assert_eq!(dots("dot\\.name.test"), 1);
        assert_eq!(dots("a\\\\.b"), 1);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// Whatever bytes a name's labels hold, its presentation form is printable ASCII
            /// (nothing a terminal acts on) and reads back to the same labels.
            #[test]
            fn any_name_is_printable_and_reads_back(
                labels in proptest::collection::vec(
                    proptest::collection::vec(any::<u8>(), 1..20), 0..6),
            ) {
                let mut name = Name::root();
                for l in &labels {
                    name = name.append_label(&l[..]).unwrap();
                }
                let text = presentation(&name);
                prop_assert!(text.bytes().all(|b| (0x21..=0x7e).contains(&b)), "{}", text);
                let back = parse(&text).unwrap();
                prop_assert_eq!(back.iter().map(<[u8]>::to_vec).collect::<Vec<_>>(), labels);
            }
        }
    }
}
