//! `netkit route ...`: `route get` (how the kernel would reach a destination). The logic works on
//! plain snapshots of the system's tables (`crate::system::model`), so it is unit-tested without
//! touching the machine's tables.

pub mod get;

use crate::cli::{RouteArgs, RouteCommand};
use crate::error::Result;
use crate::output::Ui;

/// Runs `netkit route ...`.
pub fn run(args: &RouteArgs, ui: &Ui) -> Result<u8> {
    match &args.command {
        RouteCommand::Get(a) => get::run(a, ui),
    }
}
