const express = require("express");
const fs = require("fs");
const path = require("path");
const { readFile } = require("fs/promises");

const app = express();
const UPLOAD_DIR = path.join(__dirname, "uploads");

app.get("/files/:name", (req, res) => {
  // ruleid: fs-path-from-request
  res.sendFile(path.join(UPLOAD_DIR, req.params.name));
});

app.get("/download", (req, res) => {
  const file = req.query.file;
  const fullPath = path.join(UPLOAD_DIR, file);
  // ruleid: fs-path-from-request
  fs.readFile(fullPath, "utf8", (err, data) => {
    if (err) return res.status(404).send("Not found");
    res.send(data);
  });
});

app.get("/logs", async (req, res) => {
  const { service } = req.query;
  // ruleid: fs-path-from-request
  const text = await readFile(`/var/log/app/${service}.log`, "utf8");
  res.type("text/plain").send(text);
});

app.delete("/uploads/:id", (req, res) => {
  // ruleid: fs-path-from-request
  fs.unlinkSync(UPLOAD_DIR + "/" + req.params.id);
  res.sendStatus(204);
});

app.post("/notes", async (req, res) => {
  const target = path.join(__dirname, "notes", req.body.title + ".md");
  // ruleid: fs-path-from-request
  await fs.promises.writeFile(target, req.body.content);
  res.sendStatus(201);
});

app.get("/stream", (req, res) => {
  // ruleid: fs-path-from-request
  fs.createReadStream(path.resolve("media", req.query.track)).pipe(res);
});

app.get("/attachments", async (req, res) => {
  const name = req.query.name;
  try {
    // ruleid: fs-path-from-request
    const data = await fs.promises.readFile(path.join(UPLOAD_DIR, name));
    res.send(data);
  } catch (err) {
    res.sendStatus(404);
  }
});

app.get("/safe/:name", (req, res) => {
  // ok: fs-path-from-request
  res.sendFile(req.params.name, { root: UPLOAD_DIR });
});

app.get("/checked", (req, res) => {
  const resolved = path.resolve(UPLOAD_DIR, String(req.query.file));
  if (!resolved.startsWith(UPLOAD_DIR + path.sep)) {
    return res.sendStatus(404);
  }
  // ok: fs-path-from-request
  fs.createReadStream(resolved).pipe(res);
});

app.get("/avatar", (req, res) => {
  // ok: fs-path-from-request
  res.sendFile(path.join(UPLOAD_DIR, path.basename(req.query.name)));
});

app.get("/config", (req, res) => {
  const verbose = req.query.verbose === "1";
  // ok: fs-path-from-request
  const config = fs.readFileSync(path.join(__dirname, "config.json"), "utf8");
  res.json({ config: JSON.parse(config), verbose });
});

function loadTemplate(name) {
  // ok: fs-path-from-request
  return fs.readFileSync(path.join(__dirname, "templates", name), "utf8");
}

module.exports = { app, loadTemplate };
