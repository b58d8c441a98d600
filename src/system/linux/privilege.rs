//! The privilege raw sockets need on Linux: CAP_NET_RAW in the effective set, checked once, up
//! front; and what to say when it is missing.

use caps::{CapSet, Capability};

use crate::error::Error;
use crate::i18n::{Text, t};

/// True when the calling thread holds CAP_NET_RAW in its effective set (the set the kernel
/// checks when a raw socket is opened). False when the capabilities cannot be read.
pub fn has_cap_net_raw() -> bool {
    caps::has_cap(None, CapSet::Effective, Capability::CAP_NET_RAW).unwrap_or(false)
}

/// The error for `action` attempted without CAP_NET_RAW: what is missing, and the two ways to
/// have it (sudo for one run, or the capability on the binary once).
pub fn denied(action: Text) -> Error {
    Error::Permission {
        action,
        missing: t!("privilege-linux-missing").into(),
        advice: t!("privilege-linux-advice").into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Capabilities belong to a thread: dropping CAP_NET_RAW from the effective set of a
    /// thread of our own is seen by the check there, and raising it again (when the permitted
    /// set has it, as for root) is seen too. Other threads keep theirs.
    #[test]
    fn follows_the_effective_set() {
        std::thread::spawn(|| {
            let permitted = caps::has_cap(None, CapSet::Permitted, Capability::CAP_NET_RAW)
                .expect("capget works");
            caps::drop(None, CapSet::Effective, Capability::CAP_NET_RAW).expect("drop");
            assert!(!has_cap_net_raw());
            if permitted {
                caps::raise(None, CapSet::Effective, Capability::CAP_NET_RAW).expect("raise");
                assert!(has_cap_net_raw());
            }
        })
        .join()
        .expect("the check thread ran");
    }

    /// Issue 29.1: the words of a missing privilege are Linux's, as they were before the seam.
    #[test]
    fn says_what_is_missing_and_what_to_do() {
        let e = denied("sending ARP on eth0".into());
        assert_eq!(
            e.to_string(),
            "sending ARP on eth0 needs the CAP_NET_RAW capability"
        );
        assert_eq!(e.exit_code(), crate::error::exit::PERMISSION);
        assert!(
            e.hint()
                .is_some_and(|h| h.contains("setcap cap_net_raw+ep"))
        );
    }
}
