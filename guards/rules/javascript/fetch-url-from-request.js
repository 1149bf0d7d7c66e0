const axios = require("axios");
const express = require("express");
const http = require("http");

const app = express();
const FEEDS = { news: "https://news.example.com/rss" };
const ALLOWED_HOSTS = new Set(["images.example.com"]);

app.get("/preview", async (req, res) => {
  // ruleid: fetch-url-from-request
  const response = await fetch(req.query.url);
  res.send(await response.text());
});

app.post("/webhooks/test", async (req, res) => {
  const { callbackUrl } = req.body;
  // ruleid: fetch-url-from-request
  const result = await axios.post(callbackUrl, { event: "ping" });
  res.json({ status: result.status });
});

app.get("/proxy", (req, res) => {
  // ruleid: fetch-url-from-request
  http.get(`http://${req.query.host}:8080/status`, (upstream) => upstream.pipe(res));
});

app.get("/avatar", async (req, res) => {
  // ruleid: fetch-url-from-request
  const { data } = await axios({ url: req.query.src, responseType: "arraybuffer" });
  res.type("image/png").send(data);
});

app.get("/import", async (req, res) => {
  const source = req.query.source;
  // ruleid: fetch-url-from-request
  const text = await fetch(source).then((r) => r.text());
  res.json({ length: text.length });
});

app.post("/unfurl", async (req, res) => {
  const link = req.body.link;
  if (link) {
    // ruleid: fetch-url-from-request
    const page = await axios.get(link, { timeout: 5000 });
    return res.json({ title: page.data.slice(0, 80) });
  }
  res.sendStatus(400);
});

app.get("/repos/:user", async (req, res) => {
  // ok: fetch-url-from-request
  const response = await fetch(`https://api.github.com/users/${req.params.user}/repos`);
  res.json(await response.json());
});

app.get("/feed", async (req, res) => {
  const url = FEEDS[req.query.feed];
  if (!url) return res.sendStatus(404);
  // ok: fetch-url-from-request
  const response = await fetch(url);
  res.send(await response.text());
});

app.get("/image", async (req, res) => {
  const target = new URL(String(req.query.url));
  if (!ALLOWED_HOSTS.has(target.hostname)) return res.sendStatus(400);
  // ok: fetch-url-from-request
  const response = await fetch(target);
  res.send(Buffer.from(await response.arrayBuffer()));
});

app.get("/weather", async (req, res) => {
  // ok: fetch-url-from-request
  const { data } = await axios.get("https://api.weather.example.com/v1/current", { params: { q: req.query.city } });
  res.json(data);
});

async function syncInventory(baseUrl) {
  // ok: fetch-url-from-request
  return (await fetch(`${baseUrl}/inventory`)).json();
}

module.exports = { app, syncInventory };
