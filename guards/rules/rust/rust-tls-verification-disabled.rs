use std::sync::Arc;

use native_tls::TlsConnector;
use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, Error, SignatureScheme};

pub fn insecure_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        // ruleid: rust-tls-verification-disabled
        .danger_accept_invalid_certs(true)
        .build()
}

pub fn native_connector() -> native_tls::Result<TlsConnector> {
    let mut builder = TlsConnector::builder();
    // ruleid: rust-tls-verification-disabled
    builder.danger_accept_invalid_hostnames(true);
    builder.build()
}

pub fn openssl_connector() -> Result<SslConnector, openssl::error::ErrorStack> {
    let mut builder = SslConnector::builder(SslMethod::tls())?;
    // ruleid: rust-tls-verification-disabled
    builder.set_verify(SslVerifyMode::NONE);
    Ok(builder.build())
}

#[derive(Debug)]
struct NoVerifier;

impl ServerCertVerifier for NoVerifier {
    // ruleid: rust-tls-verification-disabled
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn verify_tls13_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        vec![SignatureScheme::ECDSA_NISTP256_SHA256]
    }
}

pub fn verifier() -> Arc<NoVerifier> {
    Arc::new(NoVerifier)
}

pub fn secure_client(ca_pem: &[u8]) -> reqwest::Result<reqwest::Client> {
    let ca = reqwest::Certificate::from_pem(ca_pem)?;
    reqwest::Client::builder()
        // ok: rust-tls-verification-disabled
        .add_root_certificate(ca)
        // ok: rust-tls-verification-disabled
        .danger_accept_invalid_certs(false)
        .build()
}

pub fn configurable(insecure: bool) -> reqwest::Result<reqwest::Client> {
    // ok: rust-tls-verification-disabled
    reqwest::Client::builder().danger_accept_invalid_certs(insecure).build()
}

pub fn openssl_peer() -> Result<SslConnector, openssl::error::ErrorStack> {
    let mut builder = SslConnector::builder(SslMethod::tls())?;
    // ok: rust-tls-verification-disabled
    builder.set_verify(SslVerifyMode::PEER);
    Ok(builder.build())
}
