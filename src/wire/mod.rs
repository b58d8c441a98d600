//! Packet formats, built and parsed without I/O: ARP frames, DHCP messages, DNS messages (queries written, replies read), ICMP echo, and
//! the count of frames their decoders threw away. The commands and the raw link in `system` use
//! them; they import only the vocabulary in `net`.

pub mod arp_frame;
pub mod dhcp_msg;
pub mod discards;
pub mod dns;
pub mod icmp_echo;
pub mod lan_frame;
