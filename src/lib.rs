//! netkit: answers a networking primer's questions about a real machine.
//!
//! The binary is a thin wrapper around [`main_with_args`]; each subcommand lives in its own module,
//! gathers its answer into a plain serializable struct, and [`output`] renders it.

pub mod cli;
pub mod error;
pub mod iface;
pub mod mac;
pub mod netlink;
pub mod output;
pub mod route;
pub mod subnet;
pub mod sys;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::cli::{Cli, Command};
use crate::error::{Error, Result, exit};
use crate::output::Ui;

/// Parses `args`, runs the command and returns the process exit code.
pub fn main_with_args<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            });
        }
    };
    let ui = Ui::from_args(&cli.global);
    match run(&cli, &ui) {
        Ok(code) => ExitCode::from(code),
        Err(err) => ExitCode::from(output::emit_error(&ui, &err)),
    }
}

/// Runs one parsed command line; returns the exit status of a successful run (0 or 1).
pub fn run(cli: &Cli, ui: &Ui) -> Result<u8> {
    match &cli.command {
        Command::Subnet(args) => subnet::run(args, ui),
        Command::Mac(args) => mac::run(args, ui),
        Command::Completions(args) => {
            let mut cmd = Cli::command();
            let mut out = std::io::stdout().lock();
            clap_complete::generate(args.shell, &mut cmd, "netkit", &mut out);
            Ok(exit::OK)
        }
        Command::Ifaces(args) => iface::run(args, ui),
        Command::Dns(_) => Err(Error::NotImplemented("dns")),
        Command::Arp(_) => Err(Error::NotImplemented("arp")),
        Command::Gateway(args) => route::gateway::run(args, ui),
        Command::Route(args) => route::run(args, ui),
        Command::Chat(_) => Err(Error::NotImplemented("chat")),
        Command::Dhcp(_) => Err(Error::NotImplemented("dhcp")),
        Command::Flow(_) => Err(Error::NotImplemented("flow")),
    }
}
