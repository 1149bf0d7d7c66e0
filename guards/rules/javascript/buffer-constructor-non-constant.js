const express = require("express");

const app = express();
app.use(express.json());

app.post("/encode", (req, res) => {
  // ruleid: buffer-constructor-non-constant
  res.send(new Buffer(req.body.text).toString("base64"));
});

function decode(b64) {
  // ruleid: buffer-constructor-non-constant
  return new Buffer(b64, "base64").toString("utf8");
}

function frame(length) {
  // ruleid: buffer-constructor-non-constant
  const buf = Buffer(length);
  buf.fill(0);
  return buf;
}

function safeDecode(b64) {
  // ok: buffer-constructor-non-constant
  return Buffer.from(b64, "base64").toString("utf8");
}

function header() {
  // ok: buffer-constructor-non-constant
  const magic = new Buffer("PK\x03\x04", "binary");
  // ok: buffer-constructor-non-constant
  const empty = Buffer.alloc(16);
  return Buffer.concat([magic, empty]);
}

// ok: buffer-constructor-non-constant
const isBuf = Buffer.isBuffer(header());

module.exports = { app, decode, frame, safeDecode, header, isBuf };
