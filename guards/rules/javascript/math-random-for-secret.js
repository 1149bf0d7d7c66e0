const crypto = require("crypto");

const CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function issue(user, session, res) {
  // ruleid: math-random-for-secret
  const token = Math.random().toString(36).substring(2);
  // ruleid: math-random-for-secret
  const otpCode = Math.floor(100000 + Math.random() * 900000);
  // ruleid: math-random-for-secret
  user.resetToken = Math.random().toString(36).slice(2) + Date.now();
  // ruleid: math-random-for-secret
  session["csrfToken"] = String(Math.random());
  // ruleid: math-random-for-secret
  res.json({ apiKey: CHARS[Math.floor(Math.random() * CHARS.length)].repeat(32), user: user.id });
  return [token, otpCode];
}

// ruleid: math-random-for-secret
function generatePassword(length) {
  let result = "";
  for (let i = 0; i < length; i++) {
    result += CHARS.charAt(Math.floor(Math.random() * CHARS.length));
  }
  return result;
}

class Sessions {
  // ruleid: math-random-for-secret
  newSessionId() {
    return Date.now().toString(36) + Math.random().toString(36);
  }
}

function fine(items, vocab) {
  // ok: math-random-for-secret
  const token = crypto.randomBytes(32).toString("hex");
  // ok: math-random-for-secret
  const sessionId = crypto.randomUUID();
  // ok: math-random-for-secret
  const passwordLength = 12 + Math.floor(Math.random() * 4);
  // ok: math-random-for-secret
  const delay = Math.random() * 1000;
  // ok: math-random-for-secret
  const nextToken = vocab[Math.floor(Math.random() * vocab.length)];
  // ok: math-random-for-secret
  const footprint = Math.random();
  // ok: math-random-for-secret
  const otp = crypto.randomInt(0, 1000000);
  return [token, sessionId, passwordLength, delay, nextToken, footprint, otp, items];
}

// ok: math-random-for-secret
function shuffleTokens(tokens) {
  return tokens.sort(() => Math.random() - 0.5);
}

// ruleid: math-random-for-secret
exports.uuid = function () {
  const uuid = [];
  for (let i = 0; i < 36; i++) {
    // ruleid: math-random-for-secret
    uuid[i] = Math.floor(Math.random() * 16);
  }
  return uuid.join("");
};

function createPart(length) {
  let part = "";
  for (let i = 0; i < length; i++) {
    // ruleid: math-random-for-secret
    const uuidChar = Math.floor(Math.random() * 256).toString(16);
    part += uuidChar;
  }
  // ruleid: math-random-for-secret
  const $sid = Date.now() + Math.random() * 9001;
  return part + $sid;
}

const helpers = {
  // ruleid: math-random-for-secret
  guid: () => Math.random().toString(16).slice(2),
  // ok: math-random-for-secret
  guideOffset: Math.random() * 40,
  // ok: math-random-for-secret
  guidanceLevel: Math.random(),
  // ruleid: math-random-for-secret
  newGUID: () => Math.random().toString(16).slice(2),
  // ok: math-random-for-secret
  uuid: () => crypto.randomUUID(),
  // ok: math-random-for-secret
  side: Math.random() > 0.5 ? "left" : "right",
};

function positions(grid) {
  for (let i = 0; i < grid.length; i++) {
    // ok: math-random-for-secret
    grid[i] = Math.floor(Math.random() * 16);
  }
  // ok: math-random-for-secret
  const id = Math.random();
  return [grid, id];
}

module.exports = { issue, generatePassword, Sessions, fine, shuffleTokens, createPart, helpers, positions };
