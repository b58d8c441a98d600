//! Small helpers shared by the Linux backend's file readers: the root they read under,
//! systemd-style `KEY=VALUE` files, interface-name checks and tolerant address parsing.

use std::fs;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use crate::net::endpoint::{Host, parse_endpoint, server};

/// Where the files the readers know live on a real machine: its own root. Tests give the
/// readers a fixture tree instead.
pub(crate) const ROOT: &str = "/";

/// Joins `rel` (written like an absolute path, e.g. `etc/resolv.conf`) under `root`.
pub(crate) fn under(root: &Path, rel: &str) -> PathBuf {
    root.join(rel.trim_start_matches('/'))
}

/// True when `name` can be an interface name and is safe to use as one path component.
pub(crate) fn valid_ifname(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 15
        && name != "."
        && name != ".."
        && !name.contains(['/', '\0'])
        && !name.chars().any(char::is_whitespace)
}

/// Reads a small file as text (invalid UTF-8 replaced), or `None` when it cannot be read.
pub(crate) fn read_text(path: &Path) -> Option<String> {
    fs::read(path)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// Reads a one-line sysfs/procfs attribute, trimmed; `None` when missing, unreadable or empty.
pub(crate) fn read_attr(path: &Path) -> Option<String> {
    let text = read_text(path)?;
    let value = text.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// The value of `key` in a systemd-style environment file (`KEY=VALUE` lines, `#` comments,
/// optional quotes). The last assignment wins, as in systemd's own parser.
pub(crate) fn env_value<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            if line.starts_with('#') || line.starts_with(';') {
                return None;
            }
            let (k, v) = line.split_once('=')?;
            (k.trim() == key).then(|| unquote(v.trim()))
        })
        .next_back()
}

/// Strips one pair of matching surrounding quotes.
pub(crate) fn unquote(s: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner;
        }
    }
    s
}

/// Parses an address the way the files write DNS servers, tolerantly: `1.2.3.4`, `fe80::1%eth0`
/// (the zone is dropped), systemd's `1.2.3.4:53`, `[fe80::1%2]:53` and `...#server-name`. The
/// port, zone and name are dropped; anything but an address gives `None`.
pub(crate) fn parse_server(token: &str) -> Option<IpAddr> {
    let token = token.split('#').next().unwrap_or("").trim();
    // A zone (`%eth0`) runs to the closing bracket or the end.
    let unzoned = match token.find('%') {
        Some(at) => {
            let end = token[at..].find(']').map_or(token.len(), |e| at + e);
            format!("{}{}", &token[..at], &token[end..])
        }
        None => token.to_string(),
    };
    match parse_endpoint(server(), &unzoned).ok()?.host {
        Host::Ip(ip) => Some(ip),
        Host::Name(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_tokens() {
        let p = |s: &str| parse_server(s).map(|a| a.to_string());
        assert_eq!(p("192.0.2.1").as_deref(), Some("192.0.2.1"));
        assert_eq!(p("192.0.2.1:53").as_deref(), Some("192.0.2.1"));
        assert_eq!(p("192.0.2.1#dns.example").as_deref(), Some("192.0.2.1"));
        assert_eq!(p("fe80::1%eth0").as_deref(), Some("fe80::1"));
        assert_eq!(p("[fe80::1%2]:53#x").as_deref(), Some("fe80::1"));
        assert_eq!(p("2001:db8::53").as_deref(), Some("2001:db8::53"));
        assert_eq!(p("nonsense"), None);
        assert_eq!(p("[").as_deref(), None);
        assert_eq!(p(""), None);
    }

    #[test]
    fn env_files() {
        let t = "# This is private data. Do not parse.\nA=1\nB=\"two words\"\nA=3\n";
        assert_eq!(env_value(t, "A"), Some("3"));
        assert_eq!(env_value(t, "B"), Some("two words"));
        assert_eq!(env_value(t, "C"), None);
    }

    #[test]
    fn ifnames() {
        assert!(valid_ifname("eth0"));
        assert!(valid_ifname("br-lan"));
        for bad in ["", ".", "..", "a/b", "x y", "abcdefghijklmnop"] {
            assert!(!valid_ifname(bad), "{bad}");
        }
    }
}
