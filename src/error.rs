//! netkit's error type, the exit codes it maps to, and the advice shown to users.
//!
//! Exit codes (documented in README and `man netkit`):
//! 0 ok / yes · 1 negative answer · 2 usage or bad input · 3 network or I/O error · 4 permission.

use std::io;

/// Named exit codes, so no command hard-codes a number.
pub mod exit {
    /// The command worked; the answer is "yes".
    pub const OK: u8 = 0;
    /// The command worked; the answer is "no" (different subnet, no reply, NXDOMAIN, no match...).
    pub const NEGATIVE: u8 = 1;
    /// Bad usage or bad input (addresses, masks, MACs, names, ports, interfaces).
    pub const USAGE: u8 = 2;
    /// A network or I/O error (timeout, refused, unreadable file...).
    pub const NETWORK: u8 = 3;
    /// Missing privilege (CAP_NET_RAW / root).
    pub const PERMISSION: u8 = 4;
}

/// Everything that can go wrong in netkit, carrying the input that failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value given by the user could not be understood.
    #[error("invalid {what} '{input}': {reason}")]
    BadInput {
        /// What kind of value: "address", "mask", "MAC address", "prefix"...
        what: &'static str,
        /// The text as the user typed it.
        input: String,
        /// Why it was refused, in plain words.
        reason: String,
    },
    /// The arguments make no sense together.
    #[error("{0}")]
    Usage(String),
    /// Reading or writing something failed.
    #[error("{context}: {source}")]
    Io {
        /// What netkit was doing ("reading names.txt").
        context: String,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// The operation needs a privilege the process lacks.
    #[error("{action} needs the CAP_NET_RAW capability")]
    Permission {
        /// What was attempted ("sending ARP on eth0").
        action: String,
    },
}

impl Error {
    /// Shorthand for [`Error::BadInput`].
    pub fn bad(what: &'static str, input: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::BadInput {
            what,
            input: input.into(),
            reason: reason.into(),
        }
    }

    /// Wraps an I/O error with what was being done.
    pub fn io(context: impl Into<String>, source: io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::BadInput { .. } | Error::Usage(_) => exit::USAGE,
            Error::Io { .. } => exit::NETWORK,
            Error::Permission { .. } => exit::PERMISSION,
        }
    }

    /// A short machine-readable name of the error kind, used in `--json` output.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::BadInput { .. } => "bad_input",
            Error::Usage(_) => "usage",
            Error::Io { .. } => "io",
            Error::Permission { .. } => "permission",
        }
    }

    /// Advice on what to do next, when there is something useful to say.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Permission { .. } => Some(
                "run it with sudo, or grant the capability once: \
                 sudo setcap cap_net_raw+ep \"$(command -v netkit)\""
                    .to_string(),
            ),
            _ => None,
        }
    }

    /// True when this is a write to a closed pipe (`netkit ... | head`): a quiet success.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl From<io::Error> for Error {
    fn from(source: io::Error) -> Self {
        Error::Io {
            context: "writing output".to_string(),
            source,
        }
    }
}

/// netkit's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
