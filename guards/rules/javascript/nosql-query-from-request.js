const bcrypt = require("bcrypt");
const express = require("express");
const { MongoClient } = require("mongodb");
const User = require("./models/user");

const app = express();
app.use(express.json());
const db = new MongoClient(process.env.MONGO_URL).db("shop");

app.post("/login", async (req, res) => {
  // ruleid: nosql-query-from-request
  const user = await User.findOne({ username: req.body.username, password: req.body.password });
  res.json({ ok: Boolean(user) });
});

app.get("/products", async (req, res) => {
  // ruleid: nosql-query-from-request
  const items = await db.collection("products").find(req.query).toArray();
  res.json(items);
});

app.get("/orders", async (req, res) => {
  // ruleid: nosql-query-from-request
  const orders = await db.collection("orders").find({ status: { $in: req.query.status } }).toArray();
  res.json(orders);
});

app.get("/cheap", async (req, res) => {
  const max = req.query.max;
  // ruleid: nosql-query-from-request
  const items = await db.collection("products").find({ $where: `this.price < ${max}` }).toArray();
  res.json(items);
});

app.delete("/sessions", async (req, res) => {
  // ruleid: nosql-query-from-request
  await db.collection("sessions").deleteMany({ userId: req.body["userId"] });
  res.sendStatus(204);
});

app.post("/safe-login", async (req, res) => {
  // ok: nosql-query-from-request
  const user = await User.findOne({ username: String(req.body.username) });
  const ok = Boolean(user) && (await bcrypt.compare(String(req.body.password), user.passwordHash));
  res.json({ ok });
});

app.get("/product/:sku", async (req, res) => {
  // ok: nosql-query-from-request
  const item = await db.collection("products").findOne({ sku: { $eq: String(req.params.sku) } });
  res.json(item);
});

async function expensive() {
  // ok: nosql-query-from-request
  return db.collection("products").find({ $where: "this.price > this.cost * 2" }).toArray();
}

async function byCategory(category) {
  // ok: nosql-query-from-request
  return db.collection("products").find({ category, stock: { $gt: 0 } }).toArray();
}

module.exports = { app, expensive, byCategory };
