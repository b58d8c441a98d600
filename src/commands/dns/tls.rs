//! DNS over TLS and HTTPS: which certificates are trusted (the built-in webpki roots, or only
//! the CAs of `--tls-ca`), the name they must carry (`--tls-hostname`, else the name the
//! server was given as, else its IP), and why a connection failed. hickory reports every failed
//! TLS connection as "no connections", so on failure one handshake of our own finds the reason.

use std::io;
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{CertificateError, ClientConfig, ClientConnection, RootCertStore};

use super::server::Server;
use crate::error::{Error, Result};
use crate::util::time::human_duration;

/// How DoT/DoH servers are checked.
#[derive(Debug, Clone, Default)]
pub struct TlsSettings {
    /// CA certificates from `--tls-ca`; None: the built-in webpki roots.
    pub roots: Option<Vec<CertificateDer<'static>>>,
    /// The name certificates must carry; None: the server's IP address.
    pub hostname: Option<String>,
}

impl TlsSettings {
    /// Reads `--tls-ca` and checks `--tls-hostname`.
    pub fn load(ca: Option<&Path>, hostname: Option<&str>) -> Result<Self> {
        let roots = match ca {
            None => None,
            Some(path) => Some(read_certificates(path)?),
        };
        if let Some(name) = hostname
            && ServerName::try_from(name).is_err()
        {
            return Err(Error::bad(
                "TLS hostname",
                name,
                "not a DNS name or IP address",
            ));
        }
        Ok(TlsSettings {
            roots,
            hostname: hostname.map(str::to_string),
        })
    }

    /// The name `server`'s certificate must carry: `--tls-hostname`, else the name the server
    /// was given as, else its IP address.
    pub fn name_for(&self, server: &Server) -> String {
        self.hostname
            .clone()
            .or_else(|| server.name.clone())
            .unwrap_or_else(|| server.address.ip().to_string())
    }

    /// The client configuration: the chosen roots, hickory's crypto provider.
    pub fn client_config(&self) -> Result<ClientConfig> {
        let mut store = RootCertStore::empty();
        match &self.roots {
            Some(certs) => {
                for cert in certs {
                    store.add(cert.clone()).map_err(|e| {
                        Error::Usage(format!("a --tls-ca certificate cannot be used: {e}"))
                    })?;
                }
            }
            None => store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
        }
        let provider = Arc::new(hickory_resolver::net::tls::default_provider());
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::internal("setting up TLS", e))?
            .with_root_certificates(store)
            .with_no_client_auth();
        Ok(config)
    }
}

/// Every certificate in a PEM file; a file without any is bad input.
fn read_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>> {
    let text = crate::util::input::read_whole(path, "CA file", 1 << 20)?;
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&text)
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| Error::bad("CA file", path.display().to_string(), e.to_string()))?;
    if certs.is_empty() {
        return Err(Error::bad(
            "CA file",
            path.display().to_string(),
            "holds no PEM certificate",
        ));
    }
    Ok(certs)
}

/// Connects to `addr` and runs a TLS handshake like the resolver's (blocking, each step
/// bounded by `timeout`). Returns why it fails, or None when it succeeds.
pub fn diagnose(
    addr: SocketAddr,
    name: &str,
    config: &ClientConfig,
    https: bool,
    timeout: Duration,
) -> Option<String> {
    let server_name = ServerName::try_from(name.to_string()).ok()?;
    let mut config = config.clone();
    if https {
        config.alpn_protocols = vec![b"h2".to_vec()];
    }
    let mut tcp = match TcpStream::connect_timeout(&addr, timeout) {
        Ok(tcp) => tcp,
        Err(e) => return Some(connect_failure(&e, timeout)),
    };
    tcp.set_read_timeout(Some(timeout)).ok()?;
    tcp.set_write_timeout(Some(timeout)).ok()?;
    let mut conn = ClientConnection::new(Arc::new(config), server_name).ok()?;
    while conn.is_handshaking() {
        if let Err(e) = conn.complete_io(&mut tcp) {
            return Some(handshake_failure(&e, name, timeout));
        }
    }
    None
}

fn connect_failure(e: &io::Error, timeout: Duration) -> String {
    match e.kind() {
        io::ErrorKind::ConnectionRefused => "connection refused (nothing listening)".into(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
            format!("no TCP connection within {}", human_duration(timeout))
        }
        _ => format!("cannot connect: {e}"),
    }
}

fn handshake_failure(e: &io::Error, name: &str, timeout: Duration) -> String {
    let tls = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>());
    match tls {
        Some(rustls::Error::InvalidCertificate(cert)) => match cert {
            CertificateError::UnknownIssuer => {
                "TLS: the server's certificate is not signed by a trusted CA (--tls-ca FILE trusts another)"
                    .into()
            }
            CertificateError::NotValidForName
            | CertificateError::NotValidForNameContext { .. } => format!(
                "TLS: the server's certificate is not valid for {name} (--tls-hostname NAME sets the name)"
            ),
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                "TLS: the server's certificate has expired".into()
            }
            other => format!("TLS: the server's certificate is not accepted: {other:?}"),
        },
        Some(other) => format!("TLS handshake failed: {other}"),
        None => match e.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => format!(
                "no TLS handshake reply within {} (not a TLS server?)",
                human_duration(timeout)
            ),
            io::ErrorKind::UnexpectedEof
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted => {
                "the server closed the connection during the TLS handshake (not a TLS server?)"
                    .into()
            }
            _ => format!("TLS handshake failed: {e}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse::Transport;
    use super::*;

    #[test]
    fn hostnames_are_checked_and_default_to_the_ip() {
        let by_ip = Server::at("192.0.2.1:853".parse().unwrap(), Transport::Tls);
        let by_name = Server {
            name: Some("dns.example.test".into()),
            ..by_ip.clone()
        };
        let t = TlsSettings::load(None, None).unwrap();
        assert_eq!(t.name_for(&by_ip), "192.0.2.1");
        assert_eq!(t.name_for(&by_name), "dns.example.test");
        let t = TlsSettings::load(None, Some("other.example.test")).unwrap();
        assert_eq!(t.name_for(&by_ip), "other.example.test");
        assert_eq!(t.name_for(&by_name), "other.example.test");
        assert!(TlsSettings::load(None, Some("not a name")).is_err());
        assert!(t.client_config().is_ok());
    }

    #[test]
    fn ca_files_must_hold_certificates() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "no certificates here\n").unwrap();
        let e = TlsSettings::load(Some(&empty), None).unwrap_err();
        assert_eq!(e.exit_code(), 2, "{e}");
        let missing = dir.path().join("missing.pem");
        let e = TlsSettings::load(Some(&missing), None).unwrap_err();
        assert_eq!(e.exit_code(), 3, "{e}");
    }
}
