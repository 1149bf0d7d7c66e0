const express = require("express");
const escapeStringRegexp = require("escape-string-regexp");

const app = express();
const products = [];
const WORD = "[a-z]+";

app.get("/search", (req, res) => {
  // ruleid: regexp-from-non-literal
  const re = new RegExp(req.query.q, "i");
  res.json(products.filter((p) => re.test(p.name)));
});

function highlight(text, term) {
  // ruleid: regexp-from-non-literal
  return text.replace(new RegExp("(" + term + ")", "gi"), "<mark>$1</mark>");
}

function matchesRule(rule, value) {
  // ruleid: regexp-from-non-literal
  return RegExp(rule.pattern).test(value);
}

function byPrefix(prefix) {
  // ruleid: regexp-from-non-literal
  return new RegExp(`^${prefix}-\\d+$`);
}

function safeHighlight(text, term) {
  // ok: regexp-from-non-literal
  return text.replace(new RegExp(escapeStringRegexp(term), "gi"), (m) => `<mark>${m}</mark>`);
}

function safeSearch(items, term) {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // ok: regexp-from-non-literal
  const re = new RegExp(escaped.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
  return items.filter((i) => re.test(i));
}

// ok: regexp-from-non-literal
const EMAIL = new RegExp("^[^@\\s]+@[^@\\s]+$");
// ok: regexp-from-non-literal
const WORDS = new RegExp(WORD + "\\s+" + WORD, "g");
// ok: regexp-from-non-literal
const FLAGS = new RegExp(/\s+/, "g");

module.exports = { app, highlight, matchesRule, byPrefix, safeHighlight, safeSearch, EMAIL, WORDS, FLAGS };
