//! netkit's integration tests: one target, split by area. Each runs the real binary.

mod common;

mod chat;
mod cli;
mod filter;
mod ifaces;
mod mac;
mod man;
mod route;
mod subnet;
