const crypto = require("crypto");
const CryptoJS = require("crypto-js");

function encryptEcb(key, text) {
  // ruleid: crypto-weak-cipher-algorithm
  const cipher = crypto.createCipheriv("aes-128-ecb", key, null);
  return Buffer.concat([cipher.update(text), cipher.final()]);
}

function legacyDes(key, iv, data) {
  // ruleid: crypto-weak-cipher-algorithm
  const cipher = crypto.createCipheriv("des-ede3-cbc", key, iv);
  return cipher.update(data, "utf8", "base64") + cipher.final("base64");
}

function rc4(key, data) {
  // ruleid: crypto-weak-cipher-algorithm
  return crypto.createDecipheriv("rc4", key, "").update(data);
}

function browserEncrypt(message, secret) {
  // ruleid: crypto-weak-cipher-algorithm
  return CryptoJS.TripleDES.encrypt(message, secret).toString();
}

function browserEcb(message, key) {
  return CryptoJS.AES.encrypt(message, key, {
    // ruleid: crypto-weak-cipher-algorithm
    mode: CryptoJS.mode.ECB,
    padding: CryptoJS.pad.Pkcs7,
  }).toString();
}

function encryptGcm(key, text) {
  const iv = crypto.randomBytes(12);
  // ok: crypto-weak-cipher-algorithm
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  return Buffer.concat([iv, cipher.update(text), cipher.final(), cipher.getAuthTag()]);
}

function encryptCbc(key, text) {
  const iv = crypto.randomBytes(16);
  // ok: crypto-weak-cipher-algorithm
  const cipher = crypto.createCipheriv("aes-256-cbc", key, iv);
  return Buffer.concat([iv, cipher.update(text), cipher.final()]);
}

function browserAes(message, key, iv) {
  // ok: crypto-weak-cipher-algorithm
  return CryptoJS.AES.encrypt(message, key, { iv, mode: CryptoJS.mode.CBC }).toString();
}

module.exports = { encryptEcb, legacyDes, rc4, browserEncrypt, browserEcb, encryptGcm, encryptCbc, browserAes };
