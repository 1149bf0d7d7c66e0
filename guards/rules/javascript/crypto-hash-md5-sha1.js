const crypto = require("crypto");
const { createHash } = require("crypto");

function fingerprint(file) {
  // ruleid: crypto-hash-md5-sha1
  return crypto.createHash("md5").update(file).digest("hex");
}

function hashPassword(password) {
  // ruleid: crypto-hash-md5-sha1
  return createHash("sha1").update(password).digest("base64");
}

async function browserDigest(data) {
  // ruleid: crypto-hash-md5-sha1
  const buf = await window.crypto.subtle.digest("SHA-1", data);
  return new Uint8Array(buf);
}

function legacySignatureBase(payload) {
  // ruleid: crypto-hash-md5-sha1
  return crypto.createHash("RSA-MD5").update(payload).digest();
}

function fingerprintSafely(file) {
  // ok: crypto-hash-md5-sha1
  return crypto.createHash("sha256").update(file).digest("hex");
}

function sign(key, body) {
  // ok: crypto-hash-md5-sha1
  return crypto.createHmac("sha1", key).update(body).digest("hex");
}

async function browserDigestSafely(data) {
  // ok: crypto-hash-md5-sha1
  return new Uint8Array(await window.crypto.subtle.digest("SHA-256", data));
}

module.exports = { fingerprint, hashPassword, browserDigest, legacySignatureBase, fingerprintSafely, sign, browserDigestSafely };
