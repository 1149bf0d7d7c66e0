const express = require("express");
const Koa = require("koa");

const app = express();
const koa = new Koa();

app.post("/login", (req, res) => {
  req.session.user = req.body.username;
  // ruleid: redirect-to-request-input
  res.redirect(req.query.next || "/");
});

app.get("/logout", (req, res) => {
  const returnTo = req.query.returnTo;
  req.session.destroy(() => {});
  // ruleid: redirect-to-request-input
  return res.redirect(302, returnTo);
});

app.get("/go", (req, res) => {
  // ruleid: redirect-to-request-input
  res.setHeader("Location", req.query.url);
  res.statusCode = 302;
  res.end();
});

koa.use(async (ctx) => {
  // ruleid: redirect-to-request-input
  ctx.redirect(ctx.query.target);
});

app.get("/out", (req, res) => {
  const { dest } = req.query;
  // ruleid: redirect-to-request-input
  res.redirect(dest);
});

app.get("/continue", (req, res) => {
  const { next } = req.query;
  if (next) {
    // ruleid: redirect-to-request-input
    return res.redirect(next);
  }
  res.redirect("/");
});

app.post("/safe-login", (req, res) => {
  const next = String(req.query.next || "/");
  const local = next.startsWith("/") && !next.startsWith("//");
  // ok: redirect-to-request-input
  res.redirect(local ? next : "/");
});

app.get("/orders/:id", (req, res) => {
  // ok: redirect-to-request-input
  res.redirect(`/orders/${req.params.id}/summary`);
});

app.get("/search", (req, res) => {
  // ok: redirect-to-request-input
  res.redirect("/results?q=" + encodeURIComponent(req.query.q));
});

app.get("/home", (req, res) => {
  // ok: redirect-to-request-input
  res.redirect(301, "/");
});

app.get("/docs", (req, res) => {
  const version = req.query.v === "2" ? "v2" : "v1";
  // ok: redirect-to-request-input
  res.redirect(`https://docs.example.com/${version}/index.html`);
});

module.exports = { app, koa };
