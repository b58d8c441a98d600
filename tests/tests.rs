//! netkit's integration tests: one target, split by area. Each runs the real binary.

mod common;

mod arp;
mod chat;
mod chat_web;
mod cli;
mod dhcp;
mod dns;
mod dns_denial;
mod dns_hostile;
mod dns_json;
mod dns_types;
mod dns_validate;
mod filter;
mod flow;
mod hostile_lan;
mod i18n;
mod ifaces;
mod layers;
mod mac;
mod man;
mod ping;
mod pins;
mod route;
mod subnet;
mod subnet_oracle;
mod table;
mod trace;
mod watch;
