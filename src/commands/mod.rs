//! One folder per subcommand. Each gathers a typed report from the layers below (`net`, `wire`,
//! `system`, `util`) and hands it to `output`; none imports another, except `flow`, the top,
//! which walks DNS, routing, ARP and TCP by calling the `route` command's library functions.

pub mod arp;
pub mod chat;
pub mod dhcp;
pub mod dns;
pub mod flow;
pub mod gateway;
pub mod ifaces;
pub mod mac;
pub mod ping;
pub mod route;
pub mod subnet;
pub mod tour;
pub mod trace;
pub mod watch;
