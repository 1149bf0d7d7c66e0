const axios = require("axios");
const http = require("http");

async function charge(payload) {
  // ruleid: cleartext-http-request
  const res = await fetch("http://api.payments-provider.com/v1/charges", {
    method: "POST",
    headers: { Authorization: `Bearer ${process.env.PAY_KEY}` },
    body: JSON.stringify(payload),
  });
  return res.json();
}

async function profile(id) {
  // ruleid: cleartext-http-request
  const { data } = await axios.get(`http://users.example-corp.com/api/users/${id}`);
  return data;
}

function live() {
  // ruleid: cleartext-http-request
  return new WebSocket("ws://stream.tradingdata.io/prices");
}

function ping() {
  // ruleid: cleartext-http-request
  http.get("http://status.vendor.net/health", (res) => res.resume());
}

async function chargeSafely(payload) {
  // ok: cleartext-http-request
  const res = await fetch("https://api.payments-provider.com/v1/charges", { method: "POST", body: JSON.stringify(payload) });
  return res.json();
}

async function local() {
  // ok: cleartext-http-request
  const health = await fetch("http://localhost:3000/health");
  // ok: cleartext-http-request
  const metrics = await axios.get("http://127.0.0.1:9090/metrics");
  // ok: cleartext-http-request
  const svc = await fetch("http://inventory:8080/items");
  return [health, metrics, svc];
}

function devSocket() {
  // ok: cleartext-http-request
  return new WebSocket(`ws://${window.location.host}/live`);
}

module.exports = { charge, profile, live, ping, chargeSafely, local, devSocket };
