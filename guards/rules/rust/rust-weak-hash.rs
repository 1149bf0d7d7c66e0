use hmac::{Hmac, Mac};
use md5::Md5;
use openssl::hash::{hash, MessageDigest};
use sha1::{Digest, Sha1};
use sha2::Sha256;

type HmacSha1 = Hmac<Sha1>;

pub fn etag(body: &[u8]) -> String {
    // ruleid: rust-weak-hash
    let mut hasher = Md5::new();
    hasher.update(body);
    hex::encode(hasher.finalize())
}

pub fn cache_key(parts: &[&str]) -> String {
    // ruleid: rust-weak-hash
    let mut h = sha1::Sha1::new();
    for p in parts {
        h.update(p.as_bytes());
    }
    hex::encode(h.finalize())
}

pub fn quick_id(data: &[u8]) -> String {
    // ruleid: rust-weak-hash
    format!("{:x}", md5::compute(data))
}

pub fn legacy_checksum(data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    // ruleid: rust-weak-hash
    Ok(hash(MessageDigest::sha1(), data)?.to_vec())
}

pub fn strong_etag(body: &[u8]) -> String {
    // ok: rust-weak-hash
    let mut hasher = Sha256::new();
    hasher.update(body);
    hex::encode(hasher.finalize())
}

pub fn totp_mac(key: &[u8], counter: u64) -> Vec<u8> {
    // ok: rust-weak-hash
    let mut mac = HmacSha1::new_from_slice(key).expect("any key length");
    mac.update(&counter.to_be_bytes());
    mac.finalize().into_bytes().to_vec()
}

pub fn openssl_sha256(data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    // ok: rust-weak-hash
    Ok(hash(MessageDigest::sha256(), data)?.to_vec())
}
