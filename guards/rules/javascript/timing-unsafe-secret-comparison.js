const crypto = require("crypto");
const express = require("express");

const app = express();
const API_KEY = process.env.API_KEY;
const LEFT_BRACE = 0x7b;
const SERVICE_TOKEN = process.env.SERVICE_TOKEN;
const STRING = 0x0a;

function requireApiKey(req, res, next) {
  // ruleid: timing-unsafe-secret-comparison
  if (req.headers["x-api-key"] !== API_KEY) {
    return res.status(401).json({ error: "unauthorized" });
  }
  next();
}

app.post("/webhook", (req, res) => {
  const expected = crypto.createHmac("sha256", process.env.WEBHOOK_SECRET).update(req.rawBody).digest("hex");
  const signature = req.get("X-Hub-Signature-256");
  // ruleid: timing-unsafe-secret-comparison
  if (signature !== expected) return res.sendStatus(401);
  res.sendStatus(204);
});

async function login(db, username, password) {
  const user = await db.users.findOne({ username });
  // ruleid: timing-unsafe-secret-comparison
  return user && user.password === password;
}

function checkReset(user, resetToken) {
  // ruleid: timing-unsafe-secret-comparison
  return resetToken === user.resetToken && user.resetExpires > Date.now();
}

function serviceOnly(token) {
  // ruleid: timing-unsafe-secret-comparison
  return token === SERVICE_TOKEN;
}

function adminOnly(req) {
  // ruleid: timing-unsafe-secret-comparison
  return req.query.token == process.env.ADMIN_TOKEN;
}

function safeEqual(a, b) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  // ok: timing-unsafe-secret-comparison
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

function validateSignup(password, confirmPassword) {
  // ok: timing-unsafe-secret-comparison
  if (password !== confirmPassword) throw new Error("Passwords do not match");
  // ok: timing-unsafe-secret-comparison
  if (password.length < 12) throw new Error("Password too short");
}

function parse(tokens) {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    // ok: timing-unsafe-secret-comparison
    if (token === tokens[i + 1]) continue;
    // ok: timing-unsafe-secret-comparison
    if (token.type === "punct") continue;
    // ok: timing-unsafe-secret-comparison
    if (token === LEFT_BRACE || token === STRING) continue;
  }
}

function authHeader(req) {
  const token = req.headers.authorization;
  // ok: timing-unsafe-secret-comparison
  if (token === undefined) return null;
  // ok: timing-unsafe-secret-comparison
  if (typeof token !== "string") return null;
  return token;
}

module.exports = { requireApiKey, login, checkReset, adminOnly, safeEqual, validateSignup, parse, authHeader };
