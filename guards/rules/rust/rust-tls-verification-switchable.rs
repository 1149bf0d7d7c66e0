use std::time::Duration;

const VERIFY_OFF: bool = false;

pub struct Options {
    pub disable_ssl_verification: bool,
    pub timeout: u64,
}

pub fn client(options: &Options) -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        // ruleid: rust-tls-verification-switchable
        .danger_accept_invalid_certs(options.disable_ssl_verification)
        .timeout(Duration::from_secs(options.timeout))
        .build()
}

pub fn builder(skip_cert_verify: bool) -> reqwest::ClientBuilder {
    // ruleid: rust-tls-verification-switchable
    reqwest::Client::builder().danger_accept_invalid_certs(skip_cert_verify)
}

pub fn connector(strict: bool) -> native_tls::Result<native_tls::TlsConnector> {
    let mut b = native_tls::TlsConnector::builder();
    // ruleid: rust-tls-verification-switchable
    b.danger_accept_invalid_hostnames(!strict);
    // ruleid: rust-tls-verification-switchable
    b.danger_accept_invalid_certs(std::env::var("INSECURE").is_ok());
    b.build()
}

pub fn strict_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        // ok: rust-tls-verification-switchable
        .danger_accept_invalid_certs(false)
        // ok: rust-tls-verification-switchable
        .danger_accept_invalid_hostnames(VERIFY_OFF)
        // ok: rust-tls-verification-switchable
        .timeout(Duration::from_secs(10))
        .build()
}

pub fn insecure_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        // ok: rust-tls-verification-switchable
        .danger_accept_invalid_certs(true)
        .build()
}
