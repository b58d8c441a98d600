//! Small helpers shared by the Linux backend's file readers: the root they read under,
//! systemd-style `KEY=VALUE` files, interface-name checks and tolerant address parsing.

use std::fs;
use std::io::{self, Read};
use std::net::IpAddr;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::error::Cause;
use crate::i18n::t;
use crate::net::endpoint::{Host, parse_endpoint, server};
use crate::system::FileKind;

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

/// The most of a system file the readers take: resolv.conf, lease files and sysfs or procfs
/// attributes are far smaller.
pub(crate) const MAX_SYSTEM_FILE: usize = 1 << 20;

/// Reads a system file whole, within bounds: a regular file only (a FIFO or a device put in its
/// place would block the read or never end; it is opened without waiting, then refused) and at
/// most [`MAX_SYSTEM_FILE`] bytes.
pub(crate) fn read_bounded(path: &Path) -> io::Result<Vec<u8>> {
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        let what = match super::fileops::file_kind(&meta) {
            FileKind::Other => FileKind::Other.words(),
            kind => t!("common-file-is-not-regular", kind = kind.words()),
        };
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            Cause(what.into()),
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_SYSTEM_FILE as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > MAX_SYSTEM_FILE {
        let why = t!("common-file-too-large", size = MAX_SYSTEM_FILE >> 20);
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            Cause(why.into()),
        ));
    }
    Ok(bytes)
}

/// Reads a small file as text (invalid UTF-8 replaced), or `None` when it cannot be read or is
/// not a regular file of at most [`MAX_SYSTEM_FILE`] bytes.
pub(crate) fn read_text(path: &Path) -> Option<String> {
    read_bounded(path)
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

    /// Hostile input: a FIFO or a device where a system file belongs (a resolv.conf, a lease
    /// file) is refused at once, never waited on or read forever; a huge one is refused too.
    #[test]
    fn system_files_are_read_within_bounds() {
        let dir = tempfile::tempdir().unwrap();
        let etc = dir.path().join("etc");
        fs::create_dir(&etc).unwrap();
        let fifo = etc.join("resolv.conf");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let started = std::time::Instant::now();
        assert_eq!(read_text(&fifo), None);
        let e = super::super::resolv::system_dns(dir.path()).unwrap_err();
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        let said = e.to_string();
        assert!(said.contains("it is a FIFO, not a regular file"), "{said}");
        assert!(said.contains("resolv.conf"), "{said}");
        assert_eq!(read_text(Path::new("/dev/zero")), None);
        let big = dir.path().join("big.lease");
        fs::write(&big, vec![b'#'; MAX_SYSTEM_FILE + 1]).unwrap();
        let e = read_bounded(&big).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        let fits = dir.path().join("fits.lease");
        fs::write(&fits, vec![b'#'; MAX_SYSTEM_FILE]).unwrap();
        assert_eq!(read_bounded(&fits).unwrap().len(), MAX_SYSTEM_FILE);
    }

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
