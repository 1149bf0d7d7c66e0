"""The `where` tests a rule can put on its captures.

A tree-sitter query says what a dangerous call looks like; these tests say whether the
value it receives is worth a finding. The central ones:

- `non_constant`: the value is not provably a constant (a literal, literals joined, or
  a name whose every earlier assignment is constant). Unknown names count as non-constant.
- `from_request`: the value visibly comes from request input (request.args, req.query,
  $_GET, r.FormValue...), directly or through names assigned from it.
- `formatted`: the value is provably built at run time by string formatting,
  interpolation or concatenation with a non-constant part, directly or through a name
  assigned such an expression. Unknown names do not count: this is the test for
  "SQL built by formatting", where a bare parameter may well be a constant query.

Names are resolved through the assignments earlier in the same code, found with one
query per scan, only when a test needs them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

import tree_sitter

from guards.languages import grammar_for
from guards.rules.families import FAMILIES

__all__ = ["Facts", "evaluate"]

_MAX_DEPTH = 6
_CASTS = frozenset({"cast_expression", "type_conversion_expression"})
_ARITHMETIC = frozenset({"-", "*", "/", "%", "//", "**", ">>", "&", "|", "^"})
_SANITIZERS = frozenset(
    {
        # quoting and escaping for the sink, and conversions to numbers or booleans
        "escapeshellarg",
        "escapeshellcmd",
        "ldap_escape",
        "htmlspecialchars",
        "htmlentities",
        "quote",
        "escape",
        "escape_string",
        "real_escape_string",
        "mysqli_real_escape_string",
        "encodeURIComponent",
        "shellescape",
        "int",
        "float",
        "bool",
        "intval",
        "floatval",
        "boolval",
        "len",
        "abs",
        "round",
        "parseInt",
        "parseFloat",
        "Number",
        "Atoi",
        "ParseInt",
        "to_i",
        "to_f",
        "count",
        "strlen",
        "sizeof",
    }
)
_WRAPPERS = frozenset({"interpolation", "template_substitution", "string_interpolation"})
_ARGUMENT_LISTS = ("argument_list", "arguments", "token_tree")


@cache
def _assignment_query(grammar: str) -> tree_sitter.Query:
    return tree_sitter.Query(grammar_for(grammar), FAMILIES[grammar].assignments)


class Facts:
    """What the tests know about one parsed piece of code; built lazily, once per scan."""

    def __init__(self, grammar: str, root: tree_sitter.Node) -> None:
        self.grammar = grammar
        self.family = FAMILIES[grammar]
        self.root = root
        self._assigned: dict[str, list[tuple[tree_sitter.Node, int]]] | None = None

    def _scope(self, node: tree_sitter.Node) -> tree_sitter.Node | None:
        """The nearest enclosing function (or lambda) of a node; None at module level."""
        parent = node.parent
        while parent is not None and parent.type not in self.family.scopes:
            parent = parent.parent
        return parent

    def _values_of(self, name: tree_sitter.Node) -> tuple[list[tree_sitter.Node], bool]:
        """Values assigned to a name before it, in its own scope or the nearest enclosing one
        that assigns it; and whether they are all it can hold (False for a parameter)."""
        if self._assigned is None:
            assigned: dict[str, list[tuple[tree_sitter.Node, int]]] = defaultdict(list)
            cursor = tree_sitter.QueryCursor(_assignment_query(self.grammar))
            for _, caps in cursor.matches(self.root):
                scope = self._scope(caps["name"][0])
                assigned[_name(caps["name"][0])].append((caps["value"][0], _key(scope)))
            self._assigned = assigned
        text = _name(name)
        earlier = [
            (v, s) for v, s in self._assigned.get(text, ()) if v.start_byte < name.start_byte
        ]
        scope = self._scope(name)
        while True:
            here = [v for v, s in earlier if s == _key(scope)]
            bound = scope is not None and _binds_parameter(scope, text)
            if here or bound or scope is None:
                return here, not bound
            scope = self._scope(scope)

    def is_constant(self, node: tree_sitter.Node, depth: int = 0) -> bool:
        """True when the value is provably a constant."""
        fam, kind = self.family, node.type
        if depth > _MAX_DEPTH:
            return False
        if kind in fam.constants:
            return True
        if kind in fam.strings:
            return all(self._inert(e, depth + 1) for e in self._substituted(node))
        if kind in fam.parens or kind in fam.binaries or kind in fam.sequences:
            return all(
                self.is_constant(c, depth + 1) for c in node.named_children if not _comment(c)
            )
        if kind in fam.names:
            values, complete = self._values_of(node)
            return complete and bool(values) and all(self.is_constant(v, depth + 1) for v in values)
        return False

    def from_request(self, node: tree_sitter.Node, depth: int = 0) -> bool:
        """True when the value visibly comes from request input (directly or via names)."""
        if depth > 3:
            return False
        if _regex(self.family.request_input).search(_text(node)):
            return True
        names = [node] if node.type in self.family.names else []
        stack = list(node.named_children)
        while stack and len(names) < 16:
            child = stack.pop()
            if child.type in self.family.names:
                names.append(child)
            else:
                stack.extend(child.named_children)
        return any(
            self.from_request(value, depth + 1)
            for name in names
            for value in self._values_of(name)[0]
        )

    def _substituted(self, node: tree_sitter.Node) -> list[tree_sitter.Node]:
        """The expressions substituted into a string (f-string, template, interpolation)."""
        found: list[tree_sitter.Node] = []
        for child in node.named_children:
            if child.type in self.family.substitutions:
                if child.type in _WRAPPERS:
                    inner = [
                        c for c in child.named_children if not c.type.startswith("interpolation_")
                    ]
                    found.extend(inner[:1])
                else:
                    found.append(child)
            elif child.type in self.family.strings:  # pieces of a concatenated string
                found.extend(self._substituted(child))
        return found

    def _inert(self, node: tree_sitter.Node, depth: int) -> bool:
        """A constant, or a value made only of repeated constants (SQL placeholder lists:
        ", ".join(["%s"] * len(ids)), ",".join("?" for _ in ids))."""
        fam, kind = self.family, node.type
        if depth > _MAX_DEPTH:
            return False
        if self.is_constant(node, depth):
            return True
        if kind in _CASTS:
            return True
        if kind in fam.calls and _callee(node) in _SANITIZERS:
            return True
        if kind in fam.binaries and _operator(node) in _ARITHMETIC:
            return True  # a number: nothing to inject
        if kind in fam.binaries:
            op = node.child_by_field_name("operator")
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            return (
                op is not None
                and op.type == "*"
                and left is not None
                and right is not None
                and (self.is_constant(left, depth + 1) or self.is_constant(right, depth + 1))
            )
        if kind in ("generator_expression", "list_comprehension"):
            body = node.child_by_field_name("body")
            return body is not None and self.is_constant(body, depth + 1)
        if kind in fam.calls and _callee(node) in ("Repeat", "repeat"):  # "?," repeated n times
            args = _arguments(node)
            return bool(args) and self.is_constant(args[0], depth + 1)
        if kind in fam.calls and _callee(node) in ("join", "Join", "implode"):
            func = node.child_by_field_name("function")
            receiver = func.child_by_field_name("object") if func is not None else None
            args = _arguments(node)
            items = [a for a in args if a.type != "string" or receiver is not None]
            constant_glue = receiver is None or self.is_constant(receiver, depth + 1)
            return bool(args) and constant_glue and all(self._inert(a, depth + 1) for a in items)
        if kind in fam.names:
            values, complete = self._values_of(node)
            return complete and bool(values) and all(self._inert(v, depth + 1) for v in values)
        return False

    def is_formatted(self, node: tree_sitter.Node, depth: int = 0) -> bool:
        """True when the value is provably built at run time from strings and non-constants."""
        fam, kind = self.family, node.type
        if depth > _MAX_DEPTH:
            return False
        if kind in fam.strings:
            return any(not self._inert(e, depth + 1) for e in self._substituted(node))
        if kind in fam.parens:
            return any(self.is_formatted(c, depth + 1) for c in node.named_children)
        if kind in fam.binaries:
            op = node.child_by_field_name("operator")
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if op is None or left is None or right is None:
                return False
            if op.type == "%" and self._stringish(left, depth):
                return not self._inert(right, depth + 1)
            if op.type in fam.concat_operators:
                stringy = self._stringish(left, depth) or self._stringish(right, depth)
                return stringy and not self.is_constant(node, depth + 1)
            return False
        if kind in fam.calls:
            if _callee(node) not in fam.format_calls or self._inert(node, depth):
                return False
            func = node.child_by_field_name("function")
            receiver = func.child_by_field_name("object") if func is not None else None
            if receiver is not None and _regex(fam.safe_builders).search(_text(receiver)):
                return False
            return any(not self.is_constant(a, depth + 1) for a in _arguments(node))
        if kind in fam.names:
            return any(self.is_formatted(v, depth + 1) for v in self._values_of(node)[0])
        return False

    def _stringish(self, node: tree_sitter.Node, depth: int) -> bool:
        if node.type in self.family.strings:
            return True
        return self.is_formatted(node, depth + 1)


def _operator(node: tree_sitter.Node) -> str:
    op = node.child_by_field_name("operator")
    return op.type if op is not None else ""


def _callee(call: tree_sitter.Node) -> str:
    """The called function's or method's own name (the last word of its callee)."""
    for field in ("name", "method", "function", "macro"):
        callee = call.child_by_field_name(field)
        if callee is not None:
            words = _WORD.findall(_text(callee))
            return words[-1] if words else ""
    return ""


def _arguments(call: tree_sitter.Node) -> list[tree_sitter.Node]:
    """A call's argument expressions (C# and PHP `argument` wrappers unwrapped)."""
    args = call.child_by_field_name("arguments")
    if args is None:
        args = next((c for c in call.named_children if c.type in _ARGUMENT_LISTS), None)
    if args is None:
        return call.children_by_field_name("argument")  # a shell command's words
    if args.type == "generator_expression":  # f(x for x in y): the generator is the argument
        return [args]
    out = []
    for arg in args.named_children:
        if arg.type == "argument" and arg.named_children:
            arg = arg.named_children[-1]
        if not _comment(arg):
            out.append(arg)
    return out


def _name(node: tree_sitter.Node) -> str:
    """A variable's name as both its uses and its assignments spell it ($x, ${x} -> x)."""
    return _text(node).lstrip("$").strip("{}")


def _key(node: tree_sitter.Node | None) -> int:
    return -1 if node is None else node.start_byte


def _binds_parameter(scope: tree_sitter.Node, name: str) -> bool:
    """Whether a function or lambda takes a parameter of this name (defaults/types skipped)."""
    params = scope.child_by_field_name("parameters") or scope.child_by_field_name("parameter")
    if params is None:
        return False
    stack = [params]
    while stack:
        node = stack.pop()
        if (
            node.type in ("identifier", "shorthand_property_identifier_pattern", "variable_name")
            and _name(node) == name
        ):
            return True
        for index, child in enumerate(node.children):
            if node.field_name_for_child(index) not in ("value", "right", "type", "return_type"):
                stack.append(child)
    return False


def _text(node: tree_sitter.Node) -> str:
    return (node.text or b"").decode("utf-8", "replace")


def _comment(node: tree_sitter.Node) -> bool:
    return node.type == "comment"


def _keywords(node: tree_sitter.Node) -> list[str] | None:
    """Keyword names passed in an argument list; None when a splat hides some."""
    names: list[str] = []
    for arg in node.named_children:
        if arg.type in ("dictionary_splat", "list_splat", "spread_element"):
            return None
        if arg.type == "keyword_argument" and (name := arg.child_by_field_name("name")):
            names.append(_text(name))
        elif arg.type == "object":  # JS options objects stand in for keywords
            for pair in arg.named_children:
                if pair.type == "spread_element":
                    return None
                if pair.type in ("pair", "shorthand_property_identifier"):
                    key = pair.child_by_field_name("key") if pair.type == "pair" else pair
                    if key is not None:
                        names.append(_text(key).strip("'\""))
    return names


def evaluate(facts: Facts, test: str, node: tree_sitter.Node, value: str | None) -> bool:
    """Run one `where` test on one captured node.

    Args:
        facts: the scan's facts (for name resolution).
        test: the test's name (see guards.rules.schema.Test).
        node: the captured node.
        value: the test's argument (a regex for lacks_keyword, contains, not_contains).

    Returns:
        Whether the test holds.
    """
    if test == "non_constant":
        return not facts.is_constant(node)
    if test == "formatted":
        return facts.is_formatted(node)
    if test == "from_request":
        return facts.from_request(node)
    pattern = _regex(value or "")
    if test == "lacks_keyword":
        names = _keywords(node)
        return names is not None and not any(pattern.fullmatch(n) for n in names)
    if test == "contains":
        return pattern.search(_text(node)) is not None
    if test == "not_contains":
        return pattern.search(_text(node)) is None
    raise ValueError(f"unknown where test {test!r}")


_WORD = re.compile(r"\w+")


@cache
def _regex(value: str) -> re.Pattern[str]:
    return re.compile(value)
