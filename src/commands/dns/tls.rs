//! DNS over TLS and HTTPS: which certificates are trusted (the built-in webpki roots, or only
//! the CAs of `--tls-ca`), the name they must carry (`--tls-hostname`, else the name the
//! server was given as, else its IP), and why a handshake failed, in one sentence with its
//! cause (rustls and webpki name their errors in CamelCase; a person reads words).

use std::io;
use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{CertificateError, ClientConfig, RootCertStore};

use super::server::Server;
use crate::error::{Error, Result};
use crate::i18n::{Message, Text, t};

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
                t!("dns-what-tls-hostname"),
                name,
                t!("dns-bad-tls-hostname"),
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
                        Error::usage(t!("dns-tls-ca-unusable", why = e.to_string()))
                    })?;
                }
            }
            None => store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
        }
        let provider = Arc::new(hickory_resolver::net::tls::default_provider());
        let config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::internal(t!("dns-setting-up-tls"), e))?
            .with_root_certificates(store)
            .with_no_client_auth();
        Ok(config)
    }
}

/// Every certificate in a PEM file; a file without any is bad input.
fn read_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>> {
    let text = crate::util::input::read_whole(path, t!("dns-what-ca-file"), 1 << 20)?;
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&text)
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| {
            Error::bad(
                t!("dns-what-ca-file"),
                path.display().to_string(),
                e.to_string(),
            )
        })?;
    if certs.is_empty() {
        return Err(Error::bad(
            t!("dns-what-ca-file"),
            path.display().to_string(),
            t!("dns-bad-ca-file-empty"),
        ));
    }
    Ok(certs)
}

/// Why a TLS handshake with a server that should carry `name` failed, in one sentence with
/// its cause (`e` is what the handshake gave: rustls's error inside, or the connection's).
pub fn failure(e: &io::Error, name: &str) -> Text {
    let tls = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>());
    let Some(tls) = tls else {
        return match e.kind() {
            io::ErrorKind::UnexpectedEof
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted => t!("dns-tls-closed").into(),
            _ => t!("dns-tls-failed-io", why = e.to_string()).into(),
        };
    };
    let m = match tls {
        rustls::Error::InvalidCertificate(cert) => {
            t!("dns-tls-certificate", why = certificate(cert, name))
        }
        rustls::Error::AlertReceived(alert) => {
            t!("dns-tls-alert", alert = words(&format!("{alert:?}")))
        }
        rustls::Error::NoApplicationProtocol => t!("dns-tls-alpn"),
        rustls::Error::InvalidMessage(m) => {
            t!("dns-tls-not-tls", what = words(&format!("{m:?}")))
        }
        rustls::Error::PeerIncompatible(p) => {
            t!("dns-tls-incompatible", what = words(&format!("{p:?}")))
        }
        other => t!("dns-tls-failed", what = words(&format!("{other:?}"))),
    };
    m.into()
}

/// What is wrong with a certificate, in words.
fn certificate(e: &CertificateError, name: &str) -> Text {
    let m: Message = match e {
        CertificateError::UnknownIssuer => t!("dns-cert-unknown-issuer"),
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            t!("dns-cert-wrong-name", name = name)
        }
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
            t!("dns-cert-expired")
        }
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            t!("dns-cert-not-yet")
        }
        CertificateError::Revoked => t!("dns-cert-revoked"),
        CertificateError::BadSignature => t!("dns-cert-bad-signature"),
        CertificateError::BadEncoding => t!("dns-cert-bad-encoding"),
        CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => {
            t!("dns-cert-purpose")
        }
        CertificateError::Other(other) => {
            let what = format!("{other}");
            let name = what.split(['(', ' ', '{']).next().unwrap_or("");
            match name {
                "CaUsedAsEndEntity" => t!("dns-cert-ca-as-server"),
                "EndEntityUsedAsCa" => t!("dns-cert-issuer-no-ca"),
                "UnsupportedCriticalExtension" => t!("dns-cert-critical-extension"),
                "RequiredEkuNotFound" | "RequiredEkuNotFoundContext" => t!("dns-cert-purpose"),
                "UnsupportedCertVersion" => t!("dns-cert-version"),
                "SignatureAlgorithmMismatch" | "UnsupportedSignatureAlgorithm" => {
                    t!("dns-cert-algorithm")
                }
                _ => return words(&what).into(),
            }
        }
        other => return words(&format!("{other:?}")).into(),
    };
    m.into()
}

/// A Rust name in words: `CaUsedAsEndEntity { .. }` → "ca used as end entity".
fn words(debug: &str) -> String {
    let head = debug.split(['(', ' ', '{']).next().unwrap_or(debug);
    let mut out = String::with_capacity(head.len() + 8);
    for (i, c) in head.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push(' ');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
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

    /// Issue 24 item 15: a failed handshake is one sentence with its cause, never debug text.
    #[test]
    fn failures_are_sentences() {
        let wrap = |e: rustls::Error| io::Error::new(io::ErrorKind::InvalidData, e);
        let ca = rustls::Error::InvalidCertificate(CertificateError::Other(rustls::OtherError(
            Arc::new(webpki_error()),
        )));
        let text = failure(&wrap(ca), "dns.example.test")
            .english()
            .into_owned();
        assert!(
            text.starts_with(
                "TLS: the server's certificate is not accepted: it is a CA certificate"
            ),
            "{text}"
        );
        assert!(!text.contains("Other("), "{text}");
        let name = rustls::Error::InvalidCertificate(CertificateError::NotValidForName);
        assert_eq!(
            failure(&wrap(name), "dns.example.test").english(),
            "TLS: the server's certificate is not accepted: it is not valid for dns.example.test (--tls-hostname NAME sets the name)"
        );
        let alert = rustls::Error::AlertReceived(rustls::AlertDescription::HandshakeFailure);
        assert_eq!(
            failure(&wrap(alert), "x").english(),
            "TLS: the server ended the handshake (handshake failure)"
        );
        let eof = io::Error::from(io::ErrorKind::UnexpectedEof);
        assert!(failure(&eof, "x").english().contains("not a TLS server?"));
        assert_eq!(words("CaUsedAsEndEntity"), "ca used as end entity");
    }

    /// webpki's error for a CA certificate presented as a server's, as rustls passes it on.
    fn webpki_error() -> impl std::error::Error + Send + Sync {
        #[derive(Debug)]
        struct CaUsedAsEndEntity;
        impl std::fmt::Display for CaUsedAsEndEntity {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{self:?}")
            }
        }
        impl std::error::Error for CaUsedAsEndEntity {}
        CaUsedAsEndEntity
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
