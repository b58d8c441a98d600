//! Unpredictable numbers for protocol ids (DHCP transaction ids, DNS message ids), without a
//! dependency: the standard library's hasher is seeded with random keys per process.

use std::hash::{BuildHasher, Hasher};

/// A number nobody on the network can guess.
pub fn unpredictable_u32() -> u32 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.finish() as u32
}
