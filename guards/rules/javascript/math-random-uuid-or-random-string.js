const crypto = require("crypto");

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

function randomString(length) {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let result = "";
  for (let i = 0; i < length; i++) {
    // ruleid: math-random-uuid-or-random-string
    result += chars.charAt(Math.floor(Math.random() * chars.length));
  }
  return result;
}

function code(n) {
  const text = new Array(n);
  const possible = "abcdefghijklmnopqrstuvwxyz0123456789";
  for (let i = 0; i < n; i++) {
    // ruleid: math-random-uuid-or-random-string
    text[i] = possible.charAt(Math.floor(Math.random() * possible.length));
  }
  let out = "";
  for (let i = 0; i < n; i++) {
    // ruleid: math-random-uuid-or-random-string
    out += ALPHABET[Math.round(Math.random() * (ALPHABET.length - 1))];
  }
  return text.join("") + out;
}

function uuidv4() {
  // ruleid: math-random-uuid-or-random-string
  return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0;
    const v = c === "x" ? r : (r & 0x3) | 0x8;
    return v.toString(16);
  });
}

function safe(n, greetings, colors) {
  let result = "";
  for (let i = 0; i < n; i++) {
    // ok: math-random-uuid-or-random-string
    result += ALPHABET[crypto.randomInt(ALPHABET.length)];
  }
  // ok: math-random-uuid-or-random-string
  const greeting = greetings[Math.floor(Math.random() * greetings.length)];
  let color = "#";
  for (let i = 0; i < 6; i++) {
    // ok: math-random-uuid-or-random-string
    color += colors[Math.floor(Math.random() * colors.length)];
  }
  // ok: math-random-uuid-or-random-string
  const id = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, () => crypto.randomInt(16).toString(16));
  // ok: math-random-uuid-or-random-string
  const label = "item-xxxx".replace("xxxx", String(Math.random()));
  return [result, greeting, color, id, label];
}

module.exports = { randomString, code, uuidv4, safe };
