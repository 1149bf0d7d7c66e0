const express = require("express");
const session = require("express-session");
const Koa = require("koa");

const app = express();
const koa = new Koa();

app.use(
  session({
    secret: process.env.SESSION_SECRET,
    // ruleid: cookie-httponly-false
    cookie: { secure: true, httpOnly: false },
  })
);

app.post("/login", (req, res) => {
  // ruleid: cookie-httponly-false
  res.cookie("token", req.token, { httpOnly: false, secure: true, sameSite: "strict" });
  res.sendStatus(204);
});

koa.use(async (ctx) => {
  // ruleid: cookie-httponly-false
  ctx.cookies.set("sid", ctx.state.sessionId, { httpOnly: false });
});

app.post("/prefs", (req, res) => {
  // ok: cookie-httponly-false
  res.cookie("theme", "dark", { sameSite: "lax" });
  // ok: cookie-httponly-false
  res.cookie("token", req.token, { httpOnly: true, secure: true });
  res.sendStatus(204);
});

app.use(
  session({
    secret: process.env.SESSION_SECRET,
    // ok: cookie-httponly-false
    cookie: { httpOnly: true },
  })
);

// ok: cookie-httponly-false
const flags = { httpOnly: false, label: "debug" };

module.exports = { app, koa, flags };
