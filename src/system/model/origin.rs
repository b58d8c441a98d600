//! Where a backend read a fact: a file or directory on this machine, an OS API call, or text a
//! parser was handed directly. Written in JSON as a string ("/etc/resolv.conf",
//! "GetAdaptersAddresses", or "" for text).

use std::fmt;
use std::path::PathBuf;

use serde::{Serialize, Serializer};

/// Where a fact (a DNS configuration, a DHCP lease, a stub's upstreams) was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Origin {
    /// A file or directory, by the path netkit opened.
    Path(PathBuf),
    /// A call of the operating system's API, by its documented name ("GetAdaptersInfo").
    #[cfg_attr(not(windows), allow(dead_code))]
    Api(&'static str),
    /// Text handed to a parser directly: no file.
    #[default]
    Text,
}

impl fmt::Display for Origin {
    /// A path as `Path::display` writes it (lossily for a name that is not UTF-8), an API's
    /// name, nothing for text. Not neutralized: a view writes it through `one_line`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Path(p) => p.display().fmt(f),
            Origin::Api(name) => f.write_str(name),
            Origin::Text => Ok(()),
        }
    }
}

crate::util::text_value!(Origin);

/// An origin that may be unknown (nothing was read), written "" when it is: for reports whose
/// JSON has always carried a string there.
pub fn origin_or_empty<S: Serializer>(o: &Option<Origin>, s: S) -> Result<S::Ok, S::Error> {
    o.as_ref().unwrap_or(&Origin::Text).serialize(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 29 section 1: where a fact was read is a type, written as the string it was.
    #[test]
    fn written_as_the_strings_of_before() {
        let file = Origin::Path(PathBuf::from("/etc/resolv.conf"));
        assert_eq!(file.to_string(), "/etc/resolv.conf");
        assert_eq!(
            serde_json::to_string(&file).unwrap(),
            "\"/etc/resolv.conf\""
        );
        let api = Origin::Api("GetAdaptersAddresses");
        assert_eq!(
            serde_json::to_string(&api).unwrap(),
            "\"GetAdaptersAddresses\""
        );
        assert_eq!(serde_json::to_string(&Origin::Text).unwrap(), "\"\"");
        assert_eq!(Origin::default(), Origin::Text);
        let mut json = serde_json::Serializer::new(Vec::new());
        origin_or_empty(&None, &mut json).unwrap();
        assert_eq!(json.into_inner(), b"\"\"");
    }

    /// A file name that is not UTF-8 is written lossily, never a serialization error.
    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"/var/lib/dhcp/dh\xffclient.leases");
        let o = Origin::Path(PathBuf::from(name));
        assert_eq!(
            serde_json::to_string(&o).unwrap(),
            "\"/var/lib/dhcp/dh\u{fffd}client.leases\""
        );
    }
}
