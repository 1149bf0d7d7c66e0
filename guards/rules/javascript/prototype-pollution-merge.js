const _ = require("lodash");
const express = require("express");

const app = express();
app.use(express.json());
const settings = { theme: {}, notifications: {} };

function merge(target, source) {
  // ruleid: prototype-pollution-merge
  for (const key in source) {
    if (typeof source[key] === "object" && source[key] !== null) {
      target[key] = merge(target[key] || {}, source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}

function deepAssign(dst, src) {
  // ruleid: prototype-pollution-merge
  Object.keys(src).forEach((k) => {
    if (isPlainObject(src[k])) {
      dst[k] = deepAssign(dst[k] || {}, src[k]);
    } else {
      dst[k] = src[k];
    }
  });
  return dst;
}

app.post("/settings", (req, res) => {
  // ruleid: prototype-pollution-merge
  settings[req.body.section][req.body.name] = req.body.value;
  res.json(settings);
});

app.put("/prefs", (req, res) => {
  // ruleid: prototype-pollution-merge
  const prefs = _.merge({}, defaults, req.body);
  res.json(prefs);
});

app.patch("/profile", (req, res) => {
  // ruleid: prototype-pollution-merge
  _.set(req.user.profile, req.body.path, req.body.value);
  res.sendStatus(204);
});

function safeMerge(target, source) {
  // ok: prototype-pollution-merge
  for (const key of Object.keys(source)) {
    if (key === "__proto__" || key === "constructor" || key === "prototype") continue;
    if (typeof source[key] === "object" && source[key] !== null) {
      target[key] = safeMerge(target[key] || {}, source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}

function shallowCopy(source) {
  const out = {};
  // ok: prototype-pollution-merge
  for (const key in source) {
    out[key] = source[key];
  }
  return out;
}

function countWords(words) {
  const counts = Object.create(null);
  // ok: prototype-pollution-merge
  for (const word of words) {
    counts[word] = (counts[word] || 0) + 1;
  }
  return counts;
}

app.post("/cart", (req, res) => {
  const cart = new Map();
  // ok: prototype-pollution-merge
  cart.set(String(req.body.sku), Number(req.body.qty));
  // ok: prototype-pollution-merge
  const body = _.pick(req.body, ["name", "email"]);
  res.json({ size: cart.size, body });
});

module.exports = { app, merge, deepAssign, safeMerge, shallowCopy, countWords };
