//! Host names as DNS carries them: the ASCII (punycode) form of a typed name, checked label by
//! label, and the reverse-lookup name of an address. Pure logic.

use std::net::IpAddr;

use crate::error::{Error, Result};
use crate::i18n::{Message, t};

/// Converts a host name to the ASCII form DNS carries: IDN labels become punycode (`bücher.de`
/// → `xn--bcher-kva.de`), upper case is folded; checks label and name lengths and characters.
/// The result keeps a trailing dot when the input had one (a fully qualified name).
pub fn to_ascii_name(text: &str) -> Result<String> {
    let mut ascii = String::new();
    to_ascii_name_into(text, &mut ascii)?;
    Ok(ascii)
}

/// [`to_ascii_name`] into `ascii` (replacing what it held, reusing its memory: a bulk lookup
/// converts every line of a names file into one buffer per name in flight).
pub fn to_ascii_name_into(text: &str, ascii: &mut String) -> Result<()> {
    let input = text.trim();
    let bad = |reason: Message| Error::bad(t!("name-what"), text, reason);
    ascii.clear();
    if input.is_empty() {
        return Err(bad(t!("name-bad-empty")));
    }
    if input == "." {
        ascii.push('.');
        return Ok(());
    }
    let fqdn = input.ends_with('.');
    let bare = input.strip_suffix('.').unwrap_or(input);
    if bare.is_ascii() {
        ascii.push_str(bare);
        ascii.make_ascii_lowercase();
    } else {
        *ascii = idna::domain_to_ascii(bare).map_err(|_| bad(t!("name-bad-idn")))?;
    }
    if ascii.len() > 253 {
        return Err(bad(t!("name-bad-too-long")));
    }
    for label in ascii.split('.') {
        if label.is_empty() {
            return Err(bad(t!("name-bad-empty-label")));
        }
        if label.len() > 63 {
            return Err(bad(t!("name-bad-long-label")));
        }
        if let Some(c) = label
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_' || *c == '*'))
        {
            return Err(bad(t!("name-bad-char", char = format!("{c:?}"))));
        }
    }
    if fqdn {
        ascii.push('.');
    }
    Ok(())
}

/// The reverse-lookup name of an address: `192.0.2.1` → `1.2.0.192.in-addr.arpa.`, IPv6 →
/// 32 nibbles under `ip6.arpa.`.
pub fn reverse_name(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            format!("{}.{}.{}.{}.in-addr.arpa.", o[3], o[2], o[1], o[0])
        }
        IpAddr::V6(v6) => {
            let mut s = String::with_capacity(73);
            for byte in v6.octets().iter().rev() {
                for nibble in [byte & 0x0f, byte >> 4] {
                    s.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
                    s.push('.');
                }
            }
            s.push_str("ip6.arpa.");
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_ascii() {
        assert_eq!(to_ascii_name("bücher.de").unwrap(), "xn--bcher-kva.de");
        assert_eq!(
            to_ascii_name("WWW.Example.TEST.").unwrap(),
            "www.example.test."
        );
        assert_eq!(
            to_ascii_name("_sip._tcp.example.test").unwrap(),
            "_sip._tcp.example.test"
        );
        assert!(to_ascii_name("a..b").is_err());
        assert!(to_ascii_name("has space.test").is_err());
        assert!(to_ascii_name(&"x".repeat(64)).is_err());
        assert!(to_ascii_name("").is_err());
    }

    #[test]
    fn reverse_names() {
        assert_eq!(
            reverse_name("192.0.2.1".parse().unwrap()),
            "1.2.0.192.in-addr.arpa."
        );
        assert_eq!(
            reverse_name("2001:db8::1".parse().unwrap()),
            "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."
        );
    }
}
