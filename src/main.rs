//! The `netkit` binary: parse the command line, run it, turn the outcome into an exit code.
//! Everything else lives in the library (`netkit::run`).

use std::process::ExitCode;

fn main() -> ExitCode {
    netkit::main_with_args(std::env::args_os())
}
