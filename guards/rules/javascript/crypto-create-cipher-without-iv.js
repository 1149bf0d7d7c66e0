const crypto = require("crypto");
const { createDecipher } = require("crypto");

const KEY = Buffer.from(process.env.ENC_KEY_HEX || "", "hex");

function encrypt(text) {
  // ruleid: crypto-create-cipher-without-iv
  const cipher = crypto.createCipher("aes-256-cbc", process.env.SECRET);
  return cipher.update(text, "utf8", "hex") + cipher.final("hex");
}

function decrypt(hex, password) {
  // ruleid: crypto-create-cipher-without-iv
  const decipher = createDecipher("aes192", password);
  return decipher.update(hex, "hex", "utf8") + decipher.final("utf8");
}

// ruleid: crypto-create-cipher-without-iv
const legacy = (secret) => crypto.createDecipher("aes-128-ctr", secret);

function encryptSafely(text) {
  const iv = crypto.randomBytes(12);
  // ok: crypto-create-cipher-without-iv
  const cipher = crypto.createCipheriv("aes-256-gcm", KEY, iv);
  const data = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64");
}

function decryptSafely(blob) {
  const raw = Buffer.from(blob, "base64");
  // ok: crypto-create-cipher-without-iv
  const decipher = crypto.createDecipheriv("aes-256-gcm", KEY, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

module.exports = { encrypt, decrypt, legacy, encryptSafely, decryptSafely };
