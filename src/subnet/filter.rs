//! `netkit subnet filter`: print input lines holding an IP address inside any of the given networks.

use crate::cli::SubnetFilterArgs;
use crate::error::{Error, Result};
use crate::output::Ui;

/// Runs `netkit subnet filter`.
pub fn run(_args: &SubnetFilterArgs, _ui: &Ui) -> Result<u8> {
    Err(Error::NotImplemented("subnet filter"))
}
