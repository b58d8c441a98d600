//! Packet formats, built and parsed without I/O: ARP frames, DHCP messages, DNS messages (queries
//! written, replies read), ICMP echo, the count of frames their decoders threw away, and the
//! judgement of who sent a server's message; DNSSEC validation (`dnssec`: signatures, the chain of
//! trust and the proofs of denial, records in and verdict out). The commands and the raw link in `system` use
//! them; they import only the vocabulary in `net`.

pub mod arp_frame;
pub mod dhcp_msg;
pub mod discards;
pub mod dns;
pub mod dnssec;
// Read by the Linux backend's ICMP socket; other systems have no caller until their backend.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
pub mod icmp_echo;
pub mod lan_frame;
pub mod sender;
