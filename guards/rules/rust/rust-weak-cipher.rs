use aes::Aes128;
use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng};
use aes_gcm::Aes256Gcm;
use des::cipher::BlockEncrypt;
use des::{Des, TdesEde3};
use openssl::symm::{encrypt, Cipher};
use rc4::Rc4;

// ruleid: rust-weak-cipher
type Aes128EcbEnc = ecb::Encryptor<Aes128>;

pub fn des_block(key: &[u8], block: &mut [u8; 8]) {
    // ruleid: rust-weak-cipher
    let cipher = Des::new_from_slice(key).unwrap();
    cipher.encrypt_block(block.into());
}

pub fn tdes_block(key: &[u8; 24], block: &mut [u8; 8]) {
    // ruleid: rust-weak-cipher
    let cipher = TdesEde3::new(key.into());
    cipher.encrypt_block(block.into());
}

pub fn rc4_stream(key: &[u8; 16]) -> Rc4<rc4::consts::U16> {
    // ruleid: rust-weak-cipher
    Rc4::new(key.into())
}

pub fn openssl_ecb(key: &[u8], data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    // ruleid: rust-weak-cipher
    encrypt(Cipher::aes_128_ecb(), key, None, data)
}

pub fn seal(key: &[u8; 32], plaintext: &[u8]) -> Vec<u8> {
    // ok: rust-weak-cipher
    let cipher = Aes256Gcm::new(key.into());
    let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
    let mut out = nonce.to_vec();
    out.extend(cipher.encrypt(&nonce, plaintext).expect("encrypt"));
    out
}

pub fn openssl_gcm(key: &[u8], iv: &[u8], data: &[u8]) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    // ok: rust-weak-cipher
    encrypt(Cipher::aes_256_cbc(), key, Some(iv), data)
}

// ok: rust-weak-cipher
type Aes128CbcEnc = cbc::Encryptor<Aes128>;
