const crypto = require("crypto");

// ruleid: crypto-pseudo-random-bytes
const sessionId = crypto.pseudoRandomBytes(16).toString("hex");

function nonce(cb) {
  // ruleid: crypto-pseudo-random-bytes
  crypto.pseudoRandomBytes(12, (err, buf) => cb(err, buf && buf.toString("base64")));
}

// ruleid: crypto-pseudo-random-bytes
const salt = crypto.prng(16);

// ok: crypto-pseudo-random-bytes
const token = crypto.randomBytes(32).toString("base64url");
// ok: crypto-pseudo-random-bytes
const id = crypto.randomUUID();
// ok: crypto-pseudo-random-bytes
const pick = crypto.randomInt(0, 10);

module.exports = { sessionId, nonce, salt, token, id, pick };
