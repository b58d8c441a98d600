//! A DNS server as `netkit dns` asks it: address, transport and the name it was given as.

use std::net::SocketAddr;

use serde::Serialize;

use super::parse::Transport;

/// A server to ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Server {
    /// Address and port.
    pub address: SocketAddr,
    /// How queries travel.
    pub transport: Transport,
    /// The host name it was given as (`@ns1.example.test`), if any.
    pub name: Option<String>,
}

impl Server {
    /// A server given by its address.
    pub fn at(address: SocketAddr, transport: Transport) -> Self {
        Server {
            address,
            transport,
            name: None,
        }
    }
}

impl std::fmt::Display for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.name {
            Some(name) => write!(f, "{} ({name}, {})", self.address, self.transport.name()),
            None => write!(f, "{} ({})", self.address, self.transport.name()),
        }
    }
}
