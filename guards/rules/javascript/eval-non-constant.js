const vm = require("vm");

function dangerous(req, res, userCode) {
  // ruleid: eval-non-constant
  const result = eval(req.body.expression);
  // ruleid: eval-non-constant
  const fn = new Function("a", "b", userCode);
  // ruleid: eval-non-constant
  setTimeout("refresh('" + req.query.panel + "')", 1000);
  // ruleid: eval-non-constant
  window.eval(`render(${location.hash.slice(1)})`);
  // ruleid: eval-non-constant
  const out = vm.runInNewContext(req.body.script, { console });
  // ruleid: eval-non-constant
  const script = new vm.Script(userCode);
  // ruleid: eval-non-constant
  const getter = new(Function)("return (" + req.query.expr + ")");
  return [result, fn, out, script, getter];
}

function fine(req, res, tick) {
  // ok: eval-non-constant
  const four = eval("2 + 2");
  // ok: eval-non-constant
  const add = new Function("a", "b", "return a + b");
  // ok: eval-non-constant
  setTimeout(() => tick(req.query.panel), 1000);
  // ok: eval-non-constant
  setInterval(tick, 5000);
  // ok: eval-non-constant
  const data = JSON.parse(req.body.payload);
  // ok: eval-non-constant
  const doubled = vm.runInNewContext("x * 2", { x: 21 });
  // ok: eval-non-constant
  const cls = new Map(Object.entries(data));
  // ok: eval-non-constant
  const noop = new(Function)();
  return [four, add, data, doubled, cls, noop];
}

module.exports = { dangerous, fine };
