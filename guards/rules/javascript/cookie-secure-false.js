const cookieSession = require("cookie-session");
const express = require("express");
const session = require("express-session");
const nodemailer = require("nodemailer");

const app = express();
const isProduction = process.env.NODE_ENV === "production";

app.use(
  session({
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    // ruleid: cookie-secure-false
    cookie: { secure: false, httpOnly: true, maxAge: 3600000 },
  })
);

app.use(
  cookieSession({
    name: "sess",
    keys: [process.env.COOKIE_KEY],
    // ruleid: cookie-secure-false
    secure: false,
  })
);

app.post("/login", (req, res) => {
  // ruleid: cookie-secure-false
  res.cookie("token", req.token, { httpOnly: true, secure: false });
  res.sendStatus(204);
});

app.use(
  session({
    secret: process.env.SESSION_SECRET,
    // ok: cookie-secure-false
    cookie: { secure: isProduction, httpOnly: true, sameSite: "lax" },
  })
);

app.post("/remember", (req, res) => {
  // ok: cookie-secure-false
  res.cookie("remember", "1", { httpOnly: true, secure: true });
  res.sendStatus(204);
});

const transport = nodemailer.createTransport({
  host: "smtp.example.com",
  port: 587,
  // ok: cookie-secure-false
  secure: false,
});

module.exports = { app, transport };
