//! Packet formats, built and parsed without I/O: ARP frames, DHCP messages and DNS queries. The
//! commands and the raw link in `system` use them; they import only the vocabulary in `net`.

pub mod arp_frame;
pub mod dhcp_msg;
pub mod dns_query;
