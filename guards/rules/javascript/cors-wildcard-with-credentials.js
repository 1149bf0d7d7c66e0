const cors = require("cors");
const express = require("express");

const app = express();
// ruleid: cors-wildcard-with-credentials
app.use(cors({ origin: "*", credentials: true }));
// ruleid: cors-wildcard-with-credentials
app.use("/api", cors({ credentials: true, origin: true }));
// ruleid: cors-wildcard-with-credentials
const dynamic = cors({ origin: (origin, callback) => callback(null, true), credentials: true });

app.use((req, res, next) => {
  // ruleid: cors-wildcard-with-credentials
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});

app.use((req, res, next) => {
  res.header("Access-Control-Allow-Credentials", true);
  // ruleid: cors-wildcard-with-credentials
  res.header("Access-Control-Allow-Origin", "*");
  next();
});

app.get("/me", (req, res) => {
  // ruleid: cors-wildcard-with-credentials
  res.set({ "Access-Control-Allow-Origin": req.get("origin"), "Access-Control-Allow-Credentials": "true" });
  res.json(req.user);
});

// ok: cors-wildcard-with-credentials
app.use(cors({ origin: ["https://app.example.com"], credentials: true }));
// ok: cors-wildcard-with-credentials
app.use("/public", cors({ origin: "*" }));
// ok: cors-wildcard-with-credentials
app.use("/open", cors({ origin: true, credentials: false }));
// ok: cors-wildcard-with-credentials
const checked = cors({ origin: /\.example\.com$/, credentials: true });

app.use((req, res, next) => {
  // ok: cors-wildcard-with-credentials
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Allow-Methods", "GET");
  next();
});

app.use((req, res, next) => {
  // ok: cors-wildcard-with-credentials
  res.setHeader("Access-Control-Allow-Origin", "https://app.example.com");
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});

module.exports = { app, dynamic, checked };
