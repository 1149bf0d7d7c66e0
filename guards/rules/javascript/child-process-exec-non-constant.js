const { exec, execSync, execFile, spawn } = require("child_process");
const cp = require("child_process");
const shell = require("shelljs");

function handler(req, res, db) {
  // ruleid: child-process-exec-non-constant
  exec(`ping -c 1 ${req.query.host}`, (err, out) => res.send(out));
  // ruleid: child-process-exec-non-constant
  const log = execSync("git log " + req.query.ref);
  // ruleid: child-process-exec-non-constant
  cp.exec(req.body.command);
  // ruleid: child-process-exec-non-constant
  require("child_process").execSync(`tar czf ${req.params.name}.tgz data`);
  // ruleid: child-process-exec-non-constant
  spawn(req.query.tool, { shell: true });
  // ruleid: child-process-exec-non-constant
  shell.exec("convert " + req.file.path + " out.png");
  return log;
}

const ChildProcess = require("child_process");

function runShellCmd(command, done) {
  // ruleid: child-process-exec-non-constant
  return ChildProcess.exec(command, done);
}

function safe(req, res, db) {
  // ok: child-process-exec-non-constant
  exec("ls -la", (err, out) => res.send(out));
  // ok: child-process-exec-non-constant
  execFile("ping", ["-c", "1", String(req.query.host)], (err, out) => res.send(out));
  // ok: child-process-exec-non-constant
  spawn("git", ["log", req.query.ref]);
  // ok: child-process-exec-non-constant
  const match = /(\d+)-(\d+)/.exec(req.query.range);
  const pattern = new RegExp("^user-(\\d+)$");
  // ok: child-process-exec-non-constant
  const id = pattern.exec(req.params.user);
  // ok: child-process-exec-non-constant
  db.exec(req.body.migration);
  const UPTIME = "uptime";
  // ok: child-process-exec-non-constant
  execSync(UPTIME);
  return [match, id];
}

module.exports = { handler, safe, runShellCmd };
