import ast
import builtins
import re

SETUP = "x = 1"


def handler(request, model, expr):
    # ruleid: eval-exec-non-constant
    result = eval(request.args["expr"])
    # ruleid: eval-exec-non-constant
    exec(f"value = {expr}")
    # ruleid: eval-exec-non-constant
    code = compile(expr, "<user>", "eval")
    # ruleid: eval-exec-non-constant
    builtins.eval("lambda: " + expr)
    # ruleid: eval-exec-non-constant
    eval(expr, {"__builtins__": {}})
    return result, code


def fine(text, model, pattern):
    # ok: eval-exec-non-constant
    total = eval("1 + 2")
    # ok: eval-exec-non-constant
    exec(SETUP)
    # ok: eval-exec-non-constant
    data = ast.literal_eval(text)
    # ok: eval-exec-non-constant
    model.eval()
    # ok: eval-exec-non-constant
    rx = re.compile(pattern)
    # ok: eval-exec-non-constant
    tree = compile("print('hi')", "<string>", "exec")
    return total, data, rx, tree


def python2_style(source, namespace):
    # ruleid: eval-exec-non-constant
    exec source in namespace
    # ok: eval-exec-non-constant
    exec "x = 1" in namespace
