//! netkit's error type: what kind of failure happened, the exit code each kind maps to, and the
//! advice shown to users.
//!
//! Exit codes (documented in README and `man netkit`):
//! 0 ok / yes · 1 negative answer · 2 usage or bad input · 3 network, I/O or system error ·
//! 4 permission.

use std::io;

use crate::i18n::{Lang, Text, t};

/// Named exit codes, so no command hard-codes a number.
pub mod exit {
    /// The command worked; the answer is "yes".
    pub const OK: u8 = 0;
    /// The command worked; the answer is "no" (different subnet, no reply, NXDOMAIN, no match...).
    pub const NEGATIVE: u8 = 1;
    /// Bad usage or bad input (addresses, masks, MACs, names, ports, interfaces).
    pub const USAGE: u8 = 2;
    /// A network, I/O or system error (timeout, refused, unreadable file, no route to use...).
    pub const NETWORK: u8 = 3;
    /// Missing privilege (CAP_NET_RAW / root on Linux).
    pub const PERMISSION: u8 = 4;
}

/// Everything that can go wrong in netkit, carrying the input, file or interface that failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value given by the user could not be understood.
    #[error("invalid {} '{input}': {}", what.english(), reason.english())]
    BadInput {
        /// What kind of value: "address", "mask", "MAC address", "prefix"...
        what: Text,
        /// The text as the user typed it.
        input: String,
        /// Why it was refused, in plain words.
        reason: Text,
    },
    /// The arguments the user typed make no sense together.
    #[error("{}", .0.english())]
    Usage(Text),
    /// A line of a file the user gave is bad input (`names.txt:3: invalid address ...`).
    #[error("{place}: {source}")]
    InFile {
        /// `FILE:LINE`.
        place: String,
        /// What is wrong with the line.
        #[source]
        source: Box<Error>,
    },
    /// Reading or writing something failed.
    #[error("{}: {}", context.english(), in_words(source))]
    Io {
        /// What netkit was doing ("reading names.txt", "binding 127.0.0.1:8001").
        context: Text,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// This machine lacks what the command needs: a route, a default route, an address on the
    /// interface. Nothing the user typed is wrong; the network is not as the command needs.
    #[error("{}", what.english())]
    Unavailable {
        /// What is missing, and what to do about it.
        what: Text,
        /// The kernel's answer, when it gave one.
        #[source]
        source: Option<io::Error>,
    },
    /// The operation needs a privilege the process lacks. What is missing and what to do about
    /// it are the operating system's (`system` says them for the one netkit runs on).
    #[error("{} needs {}", action.english(), missing.english())]
    Permission {
        /// What was attempted ("sending ARP on eth0").
        action: Text,
        /// The privilege, as this system names it ("the CAP_NET_RAW capability").
        missing: Text,
        /// What to do on this system to have it.
        advice: Text,
    },
    /// The command, or a part of it, is not built for the operating system netkit runs on.
    #[error("{} is not available on {os} yet", what.english())]
    Unsupported {
        /// What is missing ("reading the interfaces").
        what: Text,
        /// The operating system ("Windows").
        os: &'static str,
    },
    /// netkit itself could not do its work (a runtime or a library could not be set up).
    #[error("{}: {source}", what.english())]
    Internal {
        /// What netkit was setting up.
        what: Text,
        /// Why it failed.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl Error {
    /// Shorthand for [`Error::BadInput`]; an input longer than [`CLIP`] characters is kept cut.
    pub fn bad(what: impl Into<Text>, input: impl Into<String>, reason: impl Into<Text>) -> Self {
        let input = input.into();
        Error::BadInput {
            what: what.into(),
            input: match clip(&input) {
                std::borrow::Cow::Borrowed(_) => input,
                std::borrow::Cow::Owned(cut) => cut,
            },
            reason: reason.into(),
        }
    }

    /// Shorthand for [`Error::Usage`].
    pub fn usage(text: impl Into<Text>) -> Self {
        Error::Usage(text.into())
    }

    /// Wraps an I/O error with what was being done.
    pub fn io(context: impl Into<Text>, source: io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// Shorthand for [`Error::Unavailable`] without a kernel error.
    pub fn unavailable(what: impl Into<Text>) -> Self {
        Error::Unavailable {
            what: what.into(),
            source: None,
        }
    }

    /// Shorthand for [`Error::Internal`].
    pub fn internal(
        what: impl Into<Text>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Error::Internal {
            what: what.into(),
            source: source.into(),
        }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::BadInput { .. } | Error::Usage(_) | Error::Unsupported { .. } => exit::USAGE,
            Error::InFile { source, .. } => source.exit_code(),
            Error::Io { .. } | Error::Unavailable { .. } | Error::Internal { .. } => exit::NETWORK,
            Error::Permission { .. } => exit::PERMISSION,
        }
    }

    /// A short machine-readable name of the error kind, used in `--json` output.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::BadInput { .. } => "bad_input",
            Error::Usage(_) => "usage",
            Error::InFile { source, .. } => source.kind(),
            Error::Io { .. } => "io",
            Error::Unavailable { .. } => "unavailable",
            Error::Permission { .. } => "permission",
            Error::Unsupported { .. } => "unsupported",
            Error::Internal { .. } => "internal",
        }
    }

    /// Advice on what to do next, when there is something useful to say (in English, as JSON
    /// carries it).
    pub fn hint(&self) -> Option<String> {
        self.hint_in(Lang::En)
    }

    /// The advice of [`Error::hint`] in `lang`.
    pub fn hint_in(&self, lang: Lang) -> Option<String> {
        match self {
            Error::Permission { advice, .. } => Some(advice.in_lang(lang).into_owned()),
            _ => None,
        }
    }

    /// The error in words for people, in `lang`: the same words as its English `Display` (what
    /// JSON carries) where `lang` is English.
    pub fn in_lang(&self, lang: Lang) -> String {
        let said = match self {
            Error::BadInput {
                what,
                input,
                reason,
            } => t!(
                "error-bad-input",
                what = what.clone(),
                input = input,
                reason = reason.clone()
            ),
            Error::Usage(text) | Error::Unavailable { what: text, .. } => {
                return text.in_lang(lang).into_owned();
            }
            Error::InFile { place, source } => {
                t!("error-in-file", place = place, error = source.in_lang(lang))
            }
            Error::Io { context, source } => {
                let cause = match os_words(source) {
                    Some(m) => m.in_lang(lang),
                    None => match source.get_ref().and_then(|e| e.downcast_ref::<Cause>()) {
                        Some(c) => c.0.in_lang(lang).into_owned(),
                        None => source.to_string(),
                    },
                };
                t!("error-io", context = context.clone(), cause = cause)
            }
            Error::Permission {
                action, missing, ..
            } => t!(
                "error-permission",
                action = action.in_lang(lang).into_owned(),
                missing = missing.in_lang(lang).into_owned()
            ),
            Error::Unsupported { what, os } => t!(
                "error-unsupported",
                what = what.in_lang(lang).into_owned(),
                os = *os
            ),
            Error::Internal { what, source } => {
                t!(
                    "error-internal",
                    what = what.clone(),
                    cause = source.to_string()
                )
            }
        };
        said.in_lang(lang)
    }

    /// True when this is a write to a closed pipe (`netkit ... | head`): a quiet success.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// An OS error in words, in the run's language where the catalogs word it (as [`in_words`]
/// words it in English).
pub fn words_of(e: &io::Error) -> Text {
    match os_words(e) {
        Some(words) => words.into(),
        None => match e.get_ref().and_then(|e| e.downcast_ref::<Cause>()) {
            Some(cause) => cause.0.clone(),
            None => e.to_string().into(),
        },
    }
}

/// The cause of an I/O error as netkit words it, with what to do next: English where the
/// error is data (`Display`, JSON), the run's language on stderr
/// (`io::Error::new(kind, Cause(t!(...).into()))`).
#[derive(Debug)]
pub struct Cause(pub Text);

impl std::fmt::Display for Cause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.english())
    }
}

impl std::error::Error for Cause {}

/// What an OS error means, in words and with a next step where there is one, for the kinds a
/// network tool meets ("Connection refused (os error 111)" becomes "refused: nothing listens on
/// that port"); an error netkit worded itself, or any other, as it is.
pub fn in_words(e: &io::Error) -> String {
    match os_words(e) {
        Some(words) => words.english(),
        None => e.to_string(),
    }
}

/// What an OS error means, from the catalogs (see [`in_words`]); None for an error netkit
/// worded itself or one without words of its own.
fn os_words(e: &io::Error) -> Option<crate::i18n::Message> {
    use io::ErrorKind::*;
    if e.get_ref().is_some() {
        // netkit's own wording, already in words.
        return None;
    }
    Some(match e.kind() {
        ConnectionRefused => t!("os-refused"),
        ConnectionReset => t!("os-reset"),
        ConnectionAborted => t!("os-aborted"),
        AddrInUse => t!("os-addr-in-use"),
        AddrNotAvailable => t!("os-addr-not-available"),
        NetworkUnreachable => t!("os-network-unreachable"),
        HostUnreachable => t!("os-host-unreachable"),
        NetworkDown => t!("os-network-down"),
        TimedOut => t!("os-timed-out"),
        NotFound => t!("os-not-found"),
        PermissionDenied => t!("os-permission-denied"),
        BrokenPipe => t!("os-broken-pipe"),
        StorageFull => t!("os-storage-full"),
        _ => match e.raw_os_error() {
            Some(errno::NO_SUCH_DEVICE) => t!("os-no-such-device"),
            Some(errno::MESSAGE_TOO_BIG) => t!("os-message-too-big"),
            _ => return None,
        },
    })
}

/// The OS error numbers [`in_words`] names that have no `io::ErrorKind` of their own. This layer
/// sits below the system backends (and names no OS crate), so the numbers are written here, per
/// system: Linux's errno.h, Winsock's winerror.h.
mod errno {
    /// ENODEV (Linux); no Winsock counterpart (an impossible value).
    #[cfg(target_os = "linux")]
    pub const NO_SUCH_DEVICE: i32 = 19;
    #[cfg(not(target_os = "linux"))]
    pub const NO_SUCH_DEVICE: i32 = i32::MIN;
    /// EMSGSIZE (Linux), WSAEMSGSIZE (Windows).
    #[cfg(target_os = "linux")]
    pub const MESSAGE_TOO_BIG: i32 = 90;
    #[cfg(windows)]
    pub const MESSAGE_TOO_BIG: i32 = 10040;
    #[cfg(not(any(target_os = "linux", windows)))]
    pub const MESSAGE_TOO_BIG: i32 = i32::MIN + 1;
}

/// How many characters of a value an error message shows.
pub const CLIP: usize = 80;

/// `text` cut to [`CLIP`] characters, the rest replaced by "…(N bytes)" (its whole size): a 200 MB
/// argument gives a readable message.
pub fn clip(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(CLIP) {
        Some((cut, _)) => format!("{}…({} bytes)", &text[..cut], text.len()).into(),
        None => text.into(),
    }
}

/// netkit's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of error and the exit code and JSON kind it must give (the README's table).
    #[test]
    fn each_kind_has_its_exit_code() {
        let cases: Vec<(Error, u8, &str)> = vec![
            (Error::bad("address", "300.1.1.1", "octet"), 2, "bad_input"),
            (Error::usage("give --prefix N"), 2, "usage"),
            (
                Error::InFile {
                    place: "list.txt:3".into(),
                    source: Box::new(Error::bad("address", "x", "y")),
                },
                2,
                "bad_input",
            ),
            (
                Error::io(
                    "reading names.txt",
                    io::Error::from(io::ErrorKind::NotFound),
                ),
                3,
                "io",
            ),
            (
                Error::unavailable("no IPv4 default route"),
                3,
                "unavailable",
            ),
            (
                Error::Permission {
                    action: "sending ARP on eth0".into(),
                    missing: "the CAP_NET_RAW capability".into(),
                    advice: "run it with sudo".into(),
                },
                4,
                "permission",
            ),
            (
                Error::Unsupported {
                    what: "reading the interfaces".into(),
                    os: "Windows",
                },
                2,
                "unsupported",
            ),
            (
                Error::internal(t!("doing-starting-runtime"), io::Error::other("no threads")),
                3,
                "internal",
            ),
        ];
        for (e, code, kind) in cases {
            assert_eq!((e.exit_code(), e.kind()), (code, kind), "{e}");
            // Issue 28: in English, stderr says what JSON says.
            assert_eq!(e.in_lang(Lang::En), e.to_string());
        }
        // In Chinese, the words netkit has in the catalogs; the rest (not yet converted, or
        // from outside) as it is.
        let e = Error::io(
            t!("io-writing-output"),
            io::Error::from(io::ErrorKind::NotFound),
        );
        assert_eq!(e.to_string(), "writing output: no such file or directory");
        assert_eq!(e.in_lang(Lang::ZhCn), "写出结果：没有这个文件或目录");
        let e = Error::InFile {
            place: "list.txt:3".into(),
            source: Box::new(Error::bad(t!("mac-what"), "x", t!("mac-bad-empty"))),
        };
        assert_eq!(
            e.in_lang(Lang::ZhCn),
            "list.txt:3：无效的MAC地址“x”：是空的；应该写成 aa:bb:cc:dd:ee:ff 这样"
        );
    }

    /// Issue 17: OS errors are said in words with a next step, never "(os error 111)".
    #[test]
    fn os_errors_in_words() {
        // ECONNREFUSED and EADDRINUSE as Linux numbers them, WSAECONNREFUSED and WSAEADDRINUSE
        // on Windows (issue 29 section 3: the unit tests run under Wine too).
        let (refused, in_use) = if cfg!(windows) {
            (10061, 10048)
        } else {
            (111, 98)
        };
        let refused = Error::io(
            "connecting to 127.0.0.1:1",
            io::Error::from_raw_os_error(refused),
        );
        assert_eq!(
            refused.to_string(),
            "connecting to 127.0.0.1:1: refused: nothing listens on that port (is the server running?)"
        );
        let in_use = Error::io(
            "binding 127.0.0.1:8001",
            io::Error::from_raw_os_error(in_use),
        );
        assert!(
            in_use.to_string().contains("choose another port"),
            "{in_use}"
        );
        let own = io::Error::new(io::ErrorKind::TimedOut, "no answer within 1 s");
        assert_eq!(in_words(&own), "no answer within 1 s");
        // Issue 27 item 5: "Network is unreachable (os error 101)" and its kin in words, with
        // the next step.
        #[cfg(target_os = "linux")]
        for (errno, says) in [
            (libc::ENETUNREACH, "netkit gateway"),
            (libc::EHOSTUNREACH, "netkit trace"),
            (libc::ENETDOWN, "interface is down"),
            (libc::ENODEV, "no such interface"),
            (libc::EMSGSIZE, "MTU"),
        ] {
            let words = in_words(&io::Error::from_raw_os_error(errno));
            assert!(
                words.contains(says) && !words.contains("os error"),
                "{words}"
            );
        }
    }

    #[test]
    fn context_and_source_are_kept() {
        let e = Error::io(
            "binding 127.0.0.1:8001",
            io::Error::from(io::ErrorKind::AddrInUse),
        );
        assert!(e.to_string().starts_with("binding 127.0.0.1:8001: "), "{e}");
        assert!(std::error::Error::source(&e).is_some());
        let e = Error::InFile {
            place: "list.txt:3".into(),
            source: Box::new(Error::bad("address", "x", "y")),
        };
        assert_eq!(e.to_string(), "list.txt:3: invalid address 'x': y");
    }
}
