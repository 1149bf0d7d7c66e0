const escapeHtml = require("escape-html");
const express = require("express");
const Koa = require("koa");

const app = express();
const koa = new Koa();

app.get("/search", (req, res) => {
  // ruleid: response-html-from-request-input
  res.send(`<h1>Results for ${req.query.q}</h1>`);
});

app.get("/hello/:name", (req, res) => {
  // ruleid: response-html-from-request-input
  res.send("<p>Hello, " + req.params.name + "!</p>");
});

app.get("/error", (req, res) => {
  const message = req.query.msg;
  const page = `<html><body><div class="error">${message}</div></body></html>`;
  // ruleid: response-html-from-request-input
  res.status(400).send(page);
});

app.get("/echo", (req, res) => {
  res.writeHead(200, { "Content-Type": "text/html" });
  // ruleid: response-html-from-request-input
  res.end(req.query.text);
});

koa.use(async (ctx) => {
  // ruleid: response-html-from-request-input
  ctx.body = `<p>Welcome back, ${ctx.query.user}</p>`;
});

app.get("/safe-search", (req, res) => {
  // ok: response-html-from-request-input
  res.send(`<h1>Results for ${escapeHtml(String(req.query.q))}</h1>`);
});

app.get("/api/items/:id", (req, res) => {
  // ok: response-html-from-request-input
  res.json({ id: req.params.id, name: "item" });
});

app.post("/api/echo", (req, res) => {
  // ok: response-html-from-request-input
  res.send(req.body);
});

app.get("/profile", (req, res) => {
  // ok: response-html-from-request-input
  res.render("profile", { name: req.query.name });
});

app.get("/count", (req, res) => {
  const limit = Number(req.query.limit) || 10;
  // ok: response-html-from-request-input
  res.send(`Showing ${limit} items`);
});

app.get("/status", (req, res) => {
  // ok: response-html-from-request-input
  res.send(`<p>Server up since ${process.uptime()}</p>`);
});

module.exports = { app, koa };
