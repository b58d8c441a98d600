//! `netkit chat`: the primer's TCP socket chat, as a server and a client that take turns (the
//! primer's raw protocol, or newline-delimited lines by default), and a multi-client room.
//!
//! Async (tokio, a current-thread runtime) lives inside this command only: [`run`] builds the
//! runtime and everything below it is async. The framing is pure code in [`codec`], and so is
//! what a typed line means (text or a `/command`) in [`command`]; the console (what is printed
//! where, the prompt) and keyboard input are in [`console`]; [`talk`] holds a two-party
//! conversation, [`server`] and [`client`] set one up, and [`room`] relays among many: TCP
//! clients, and with `--web` browsers, which [`web`] serves a page and a WebSocket; [`relay`]
//! holds what the room and its members' connections say to each other.

pub mod client;
pub mod codec;
pub mod command;
pub mod console;
pub mod nick;
pub mod relay;
pub mod room;
pub mod server;
pub mod talk;
pub mod web;

use std::time::Duration;

use self::console::install_interrupt_handler;
use crate::cli::{ChatArgs, ChatCommand, Framing};
use crate::error::{Error, Result};
use crate::i18n::t;
use crate::output::Ui;

/// Runs `netkit chat server|client` on a fresh current-thread runtime.
pub fn run(args: &ChatArgs, ui: &Ui) -> Result<u8> {
    // Check the arguments before anything is started.
    match &args.command {
        ChatCommand::Server(a) => {
            if a.room && a.opts.framing == Framing::Raw {
                return Err(Error::usage(t!("chat-room-no-raw")));
            }
            if a.room && a.max_clients == 0 {
                return Err(Error::bad(
                    t!("chat-what-count"),
                    "0",
                    t!("chat-bad-max-clients"),
                ));
            }
        }
        ChatCommand::Client(_) => {}
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::internal(t!("chat-starting-runtime"), e))?;
    let result = rt.block_on(async {
        install_interrupt_handler();
        match &args.command {
            ChatCommand::Server(a) if a.room => room::run(a, ui).await,
            ChatCommand::Server(a) => server::run(a, ui).await,
            ChatCommand::Client(a) => client::run(a, ui).await,
        }
    });
    // The keyboard thread may be blocked in read(): do not wait for it.
    rt.shutdown_timeout(Duration::from_millis(100));
    result
}
