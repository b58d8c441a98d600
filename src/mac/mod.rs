//! `netkit mac`: decode a MAC address.

use crate::cli::MacArgs;
use crate::error::{Error, Result};
use crate::output::Ui;

/// Runs `netkit mac`.
pub fn run(_args: &MacArgs, _ui: &Ui) -> Result<u8> {
    Err(Error::NotImplemented("mac"))
}
