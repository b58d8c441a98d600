//! netkit's integration tests: one target, split by area. Each runs the real binary.
//!
//! Most build a LAN of network namespaces or compare netkit with Linux's own tools (ip, dig,
//! delv, arping, traceroute, grepcidr, dnsmasq, NSD, unbound, Chromium): those are Linux's. The
//! rest (the command line, the man pages, the source's layout, MACs and subnets) are the same on
//! every system.

mod common;

#[cfg(target_os = "linux")]
mod arp;
#[cfg(target_os = "linux")]
mod chat;
#[cfg(target_os = "linux")]
mod chat_web;
mod cli;
#[cfg(target_os = "linux")]
mod dhcp;
#[cfg(target_os = "linux")]
mod dns;
#[cfg(target_os = "linux")]
mod dns_denial;
#[cfg(target_os = "linux")]
mod dns_hostile;
#[cfg(target_os = "linux")]
mod dns_json;
#[cfg(target_os = "linux")]
mod dns_types;
#[cfg(target_os = "linux")]
mod dns_validate;
#[cfg(target_os = "linux")]
mod filter;
#[cfg(target_os = "linux")]
mod flow;
#[cfg(target_os = "linux")]
mod hostile_lan;
mod i18n;
#[cfg(target_os = "linux")]
mod i18n_apps;
#[cfg(target_os = "linux")]
mod i18n_lan;
#[cfg(target_os = "linux")]
mod i18n_net;
#[cfg(target_os = "linux")]
mod ifaces;
mod layers;
mod mac;
mod man;
#[cfg(target_os = "linux")]
mod ping;
#[cfg(target_os = "linux")]
mod pins;
#[cfg(target_os = "linux")]
mod route;
mod subnet;
#[cfg(target_os = "linux")]
mod subnet_oracle;
#[cfg(target_os = "linux")]
mod table;
#[cfg(target_os = "linux")]
mod teach;
#[cfg(target_os = "linux")]
mod tour;
#[cfg(target_os = "linux")]
mod trace;
#[cfg(target_os = "linux")]
mod watch;
#[cfg(target_os = "linux")]
mod windows;
