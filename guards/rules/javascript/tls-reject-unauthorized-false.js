const fs = require("fs");
const https = require("https");
const tls = require("tls");
const { Pool } = require("pg");
const { spawn } = require("child_process");

// ruleid: tls-reject-unauthorized-false
const agent = new https.Agent({ rejectUnauthorized: false });
// ruleid: tls-reject-unauthorized-false
const pool = new Pool({ connectionString: process.env.DATABASE_URL, ssl: { rejectUnauthorized: false } });
// ruleid: tls-reject-unauthorized-false
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
// ruleid: tls-reject-unauthorized-false
process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = 0;
// ruleid: tls-reject-unauthorized-false
https.globalAgent.options.rejectUnauthorized = false;
// ruleid: tls-reject-unauthorized-false
const child = spawn("node", ["worker.js"], { env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: "0" } });
const socket = tls.connect(443, "example.com", {
  // ruleid: tls-reject-unauthorized-false
  checkServerIdentity: () => undefined,
});
// ruleid: tls-reject-unauthorized-false
const legacy = { url: "https://api.example.com", "strictSSL": false };

// ok: tls-reject-unauthorized-false
const strictAgent = new https.Agent({ rejectUnauthorized: true });
// ok: tls-reject-unauthorized-false
const caAgent = new https.Agent({ ca: fs.readFileSync("/etc/ssl/internal-ca.pem") });
// ok: tls-reject-unauthorized-false
const devAgent = new https.Agent({ rejectUnauthorized: process.env.NODE_ENV === "production" });
// ok: tls-reject-unauthorized-false
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";
// ok: tls-reject-unauthorized-false
if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === "0") throw new Error("TLS verification must stay on");
const pinned = tls.connect(443, "example.com", {
  // ok: tls-reject-unauthorized-false
  checkServerIdentity: (host, cert) => tls.checkServerIdentity(host, cert),
});

module.exports = { agent, pool, child, socket, legacy, strictAgent, caAgent, devAgent, pinned };
