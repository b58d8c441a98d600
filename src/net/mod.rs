//! The primer's vocabulary, as pure logic (no I/O): IP addresses, masks and CIDR blocks, their
//! arithmetic and special-purpose classification, MAC addresses and the IEEE vendor registry,
//! `HOST:PORT` endpoints. Every command speaks it; it imports nothing above it.

pub mod addr;
pub mod aggregate;
pub mod block;
pub mod classify;
pub mod endpoint;
pub mod hwaddr;
pub mod name;
pub mod oui;
pub mod targets;

#[cfg(test)]
mod props;
