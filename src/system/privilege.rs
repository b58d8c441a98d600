//! The privilege raw sockets need: CAP_NET_RAW in the effective set, checked once, up front.

/// True when the process holds CAP_NET_RAW in its effective set (read from /proc/self/status).
pub fn has_cap_net_raw() -> bool {
    const CAP_NET_RAW: u32 = 13;
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("CapEff:"))
                .and_then(|hex| u64::from_str_radix(hex.trim(), 16).ok())
        })
        .is_some_and(|caps| caps & (1 << CAP_NET_RAW) != 0)
}
