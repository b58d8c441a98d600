//! The privilege raw sockets need: CAP_NET_RAW in the effective set, checked once, up front.

use caps::{CapSet, Capability};

/// True when the calling thread holds CAP_NET_RAW in its effective set (the set the kernel
/// checks when a raw socket is opened). False when the capabilities cannot be read.
pub fn has_cap_net_raw() -> bool {
    caps::has_cap(None, CapSet::Effective, Capability::CAP_NET_RAW).unwrap_or(false)
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
}
