const express = require("express");
const path = require("path");

const app = express();
// ok: require-non-literal
const exporters = { csv: require("./exporters/csv"), pdf: require("./exporters/pdf") };

app.get("/export/:format", (req, res) => {
  // ruleid: require-non-literal
  const exporter = require(`./exporters/${req.params.format}`);
  exporter(res);
});

async function loadPlugin(name) {
  // ruleid: require-non-literal
  const plugin = await import("./plugins/" + name + ".js");
  return plugin.default;
}

function loadCommand(command) {
  // ruleid: require-non-literal
  return require(command.modulePath);
}

function loadConfig(configFile) {
  // ruleid: require-non-literal
  return require(path.join(process.cwd(), configFile));
}

// ok: require-non-literal
const pkg = require(path.join(__dirname, "package.json"));
// ok: require-non-literal
const helpers = require(__dirname + "/lib/helpers");
// ok: require-non-literal
const { version } = require(`${__dirname}/version.json`);
const SETTINGS = "./settings.json";
// ok: require-non-literal
const settings = require(SETTINGS);

app.get("/safe-export/:format", (req, res) => {
  const exporter = exporters[req.params.format];
  if (!exporter) return res.sendStatus(404);
  // ok: require-non-literal
  return import("./exporters/audit.js").then((audit) => audit.log(exporter));
});

module.exports = { app, loadPlugin, loadCommand, loadConfig, pkg, helpers, version, settings };
