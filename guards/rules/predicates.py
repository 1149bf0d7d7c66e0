"""The `where` tests a rule can put on its captures.

A tree-sitter query says what a dangerous call looks like; these tests say whether the
value it receives is worth a finding. The central ones:

- `non_constant`: the value is not provably a constant (a literal, literals joined, or
  a name whose every earlier assignment is constant). Unknown names count as non-constant.
- `from_request`: the value visibly comes from request input (request.args, req.query,
  $_GET, r.FormValue...), directly or through names assigned from it (destructuring and
  tuple unpacking included). The test's `value`, when given, is the regex of request
  input to use instead of the family's. It does not pass through sanitizers
  (secure_filename, basename, escape, int...), lookups in CONSTANT tables, comparisons,
  or a name that a line between its assignment and the use visibly validates (the
  family's `validators`: startswith, hostname, allow-lists...).
- `formatted`: the value is provably built at run time by string formatting,
  interpolation or concatenation with a non-constant part, directly or through a name
  assigned such an expression. Unknown names do not count: this is the test for
  "SQL built by formatting", where a bare parameter may well be a constant query.

Names are resolved through the assignments earlier in the same code, found by the
same query run as the rules (the family's assignment patterns are part of it) and
indexed only when a test needs them; every walk is bounded (hops, nodes).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from functools import cache

import tree_sitter

from guards.rules.families import FAMILIES

__all__ = ["Captures", "Facts", "evaluate"]

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
# what from_request does not pass through: the sanitizers above, path and markup
# cleaners, and calls that answer a yes/no question about the value
_CLEANSERS = _SANITIZERS | frozenset(
    {
        "secure_filename",
        "safe_join",
        "basename",
        "url_for",
        "escapeHtml",
        "escapeHTML",
        "escape_html",
        "html_escape",
        "sanitize",
        "sanitize_html",
        "sanitizeHtml",
        "sanitizeUrl",
        "clean",
        "quote_plus",
        "urlencode",
        "encodeURI",
        "startswith",
        "endswith",
        "startsWith",
        "endsWith",
        "includes",
        "isdigit",
        "isalnum",
        "isalpha",
        "isnumeric",
        "exists",
        "isfile",
        "isdir",
        "test",
        "has",
    }
)
_COMPARISONS = frozenset(
    {"==", "===", "!=", "!==", "<", ">", "<=", ">=", "in", "instanceof", "!", "typeof", "not"}
)
_CONSTANT_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
_PATTERNS = frozenset(  # destructuring targets; their names take the value (or its item)
    {
        "pattern_list",
        "tuple_pattern",
        "list_pattern",
        "array_pattern",
        "object_pattern",
        "pair_pattern",
        "object_assignment_pattern",
        "assignment_pattern",
        "rest_pattern",
        "list_splat_pattern",
    }
)
_ITEMS = frozenset({"expression_list", "tuple", "list", "array"})
_MAX_HOPS = 4  # names followed from a judged value to request input
_MAX_NODES = 2000  # nodes one from_request test visits
_MAX_VALUES = 8  # nearest earlier assignments of a name that from_request follows
_WRAPPERS = frozenset({"interpolation", "template_substitution", "string_interpolation"})
_Assigned = tuple[int, tree_sitter.Node, "tree_sitter.Node | None"]  # position, value, scope
_ARGUMENT_LISTS = ("argument_list", "arguments", "token_tree")
_AUGMENTED = frozenset({"augmented_assignment", "augmented_assignment_expression"})


Captures = dict[str, list[tree_sitter.Node]]


class Facts:
    """What the tests know about one parsed piece of code; built lazily, once per scan."""

    def __init__(
        self,
        grammar: str,
        root: tree_sitter.Node,
        assignments: list[Captures],
    ) -> None:
        """Args:
        grammar: the grammar the tree was parsed with.
        root: the tree's root.
        assignments: the matches (@name, @value) of the family's assignment patterns,
            found by the same query run as the rules' matches.
        """
        self.grammar = grammar
        self.family = FAMILIES[grammar]
        self.root = root
        self._found = assignments
        # (name, scope key) -> the values assigned to it there, by position
        self._assigned: dict[tuple[str, int], list[_Assigned]] | None = None
        self._checks: dict[int, dict[str, list[int]]] = {}  # scope -> name -> validating lines
        self._tainted: dict[tuple[int, int, str, int], bool] = {}

    def _scope(self, node: tree_sitter.Node) -> tree_sitter.Node | None:
        """The nearest enclosing function (or lambda) of a node; None at module level."""
        parent = node.parent
        while parent is not None and parent.type not in self.family.scopes:
            parent = parent.parent
        return parent

    def _assignments(self) -> dict[tuple[str, int], list[_Assigned]]:
        if self._assigned is None:
            assigned: dict[tuple[str, int], list[_Assigned]] = defaultdict(list)
            for caps in self._found:
                target, value = caps["name"][0], caps["value"][0]
                scope = self._scope(target)
                for name, bound in _bindings(target, value, self.family.names):
                    assigned[(_name(name), _key(scope))].append((bound.start_byte, bound, scope))
            for entries in assigned.values():
                entries.sort(key=lambda e: e[0])
            self._assigned = assigned
        return self._assigned

    def _values_of(self, name: tree_sitter.Node) -> tuple[list[tree_sitter.Node], bool]:
        """Values assigned to a name before it, in its own scope or the nearest enclosing one
        that assigns it; and whether they are all it can hold (False for a parameter)."""
        found, complete = self._definitions(name, self._scope(name))
        return [value for _, value, _ in found], complete

    def _definitions(
        self, name: tree_sitter.Node, scope: tree_sitter.Node | None
    ) -> tuple[list[_Assigned], bool]:
        """_values_of, given the name's scope, with each value's position and scope."""
        assigned = self._assignments()
        text = _name(name)
        while True:
            entries = assigned.get((text, _key(scope)), [])
            here = entries[: bisect_left(entries, name.start_byte, key=_first)]
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
            return (
                complete
                and bool(values)
                # `x += "..."` with no earlier `x = ...` in view adds to an unknown value
                and not _augments(values[0])
                and all(self.is_constant(v, depth + 1) for v in values)
            )
        return False

    def from_request(self, node: tree_sitter.Node, source: str | None = None) -> bool:
        """True when the value visibly comes from request input (directly or via names).

        Args:
            node: the judged expression.
            source: a regex of request input to use instead of the family's.
        """
        pattern = _regex(source or self.family.request_input)
        return self._reaches(node, self._scope(node), pattern, _MAX_HOPS, [_MAX_NODES])

    def _reaches(
        self,
        node: tree_sitter.Node,
        scope: tree_sitter.Node | None,
        pattern: re.Pattern[str],
        hops: int,
        budget: list[int],
    ) -> bool:
        """Whether request input (pattern) flows into this expression (in this scope); one
        bounded walk that reads the input where its text matches and follows the names in it."""
        fam = self.family
        stack: list[tuple[tree_sitter.Node, bool | None, tree_sitter.Node | None]] = [
            (node, None, scope)
        ]
        while stack:
            current, matched, scope = stack.pop()
            budget[0] -= 1
            if budget[0] < 0:
                return False
            kind = current.type
            if _comment(current) or self._stops_input(current):
                continue
            if matched is None:
                matched = pattern.search(_text(current)) is not None
            if kind in fam.names or kind == "shorthand_property_identifier":
                if matched or self._name_reaches(current, scope, pattern, hops, budget):
                    return True
                continue
            if kind in fam.strings:
                state = None if matched else False
                stack.extend((e, state, scope) for e in self._substituted(current))
                continue
            parts = _operands(current, fam.names)
            if kind in fam.scopes:
                scope = current
            if not matched:
                stack.extend((p, False, scope) for p in parts)
                continue
            flagged = [(p, pattern.search(_text(p)) is not None, scope) for p in parts]
            if not any(m for _, m, _ in flagged):
                return True  # the input is read right here
            stack.extend(flagged)
        return False

    def _name_reaches(
        self,
        name: tree_sitter.Node,
        scope: tree_sitter.Node | None,
        pattern: re.Pattern[str],
        hops: int,
        budget: list[int],
    ) -> bool:
        if hops <= 0:
            return False
        for _, value, where in self._definitions(name, scope)[0][-_MAX_VALUES:]:
            key = (value.start_byte, value.end_byte, pattern.pattern, hops)
            found = self._tainted.get(key)
            if found is None:
                found = self._reaches(value, where, pattern, hops - 1, budget)
                self._tainted[key] = found
            if found and not self._validated(name, value, where):
                return True
        return False

    def _stops_input(self, node: tree_sitter.Node) -> bool:
        """A sanitizer or yes/no call, a lookup in a CONSTANT table, or a comparison."""
        fam, kind = self.family, node.type
        if kind in fam.calls:
            callee = _callee(node)
            if callee in _CLEANSERS:
                return True
            if callee == "get":
                func = node.child_by_field_name("function")
                table = func.child_by_field_name("object") if func is not None else None
                return table is not None and _CONSTANT_NAME.fullmatch(_text(table)) is not None
            return False
        if kind in ("subscript", "subscript_expression"):
            table = node.child_by_field_name("value") or node.child_by_field_name("object")
            return table is not None and _CONSTANT_NAME.fullmatch(_text(table)) is not None
        if kind in ("comparison_operator", "not_operator"):
            return True
        if kind in fam.binaries or kind == "unary_expression":
            return _operator(node) in _COMPARISONS
        return False

    def _validated(
        self, use: tree_sitter.Node, value: tree_sitter.Node, scope: tree_sitter.Node | None
    ) -> bool:
        """Whether a line after the assignment of `value` (in `scope`) and up to `use` names
        the variable and visibly checks it (family.validators)."""
        if self.family.validators == "(?!)":
            return False
        key = _key(scope)
        checks = self._checks.get(key)
        if checks is None:  # once per scope: the names each validating line mentions
            holder = scope if scope is not None else self.root
            text, base = holder.text or b"", holder.start_byte
            checks = self._checks[key] = defaultdict(list)
            last = -1
            for m in _bytes_regex(self.family.validators).finditer(text):
                start = text.rfind(b"\n", 0, m.start()) + 1
                if start == last:
                    continue
                last = start
                end = text.find(b"\n", m.end())
                for word in set(_VARIABLE.findall(text, start, end if end >= 0 else len(text))):
                    # keyed as _name spells names, so PHP's $x is found as x
                    checks[word.decode("utf-8", "replace").lstrip("$")].append(base + start)
        starts = checks.get(_name(use), ())
        first = bisect_left(starts, value.end_byte + 1)
        return first < len(starts) and starts[first] < use.start_byte

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


def _first(entry: _Assigned) -> int:
    return entry[0]


def _bindings(
    target: tree_sitter.Node, value: tree_sitter.Node, names: frozenset[str]
) -> list[tuple[tree_sitter.Node, tree_sitter.Node]]:
    """The names an assignment target binds, each with the value it receives: the item at
    its position when both sides are lists of the same length (a, b = x, y), else the whole
    value (a, b = f(); const {q} = req.query)."""
    out: list[tuple[tree_sitter.Node, tree_sitter.Node]] = []
    stack = [(target, value)]
    while stack and len(out) < 64:
        node, val = stack.pop()
        kind = node.type
        if kind in names or kind == "shorthand_property_identifier_pattern":
            out.append((node, val))
        elif kind in ("pair_pattern", "object_assignment_pattern", "assignment_pattern"):
            inner = node.child_by_field_name("value") or node.child_by_field_name("left")
            if inner is not None:
                stack.append((inner, val))
        elif kind in _PATTERNS:
            items = [c for c in node.named_children if not _comment(c)]
            values = [c for c in val.named_children if not _comment(c)]
            paired = (
                val.type in _ITEMS
                and len(values) == len(items)
                and not any(c.type in ("list_splat", "spread_element") for c in values)
                and not any(c.type in ("list_splat_pattern", "rest_pattern") for c in items)
            )
            stack.extend(zip(items, values if paired else [val] * len(items), strict=True))
    return out


def _operands(node: tree_sitter.Node, names: frozenset[str]) -> list[tree_sitter.Node]:
    """The sub-expressions a value can carry input through (not attribute or keyword names,
    not a called function's own name, not the condition of a conditional)."""
    kind = node.type
    if kind == "attribute":
        return [c for c in (node.child_by_field_name("object"),) if c is not None]
    if kind == "keyword_argument":
        return [c for c in (node.child_by_field_name("value"),) if c is not None]
    if kind == "conditional_expression":
        condition = node.child_by_field_name("condition")  # C, C#, PHP: cond ? a : b
        if condition is not None:
            return [c for c in node.named_children if c.id != condition.id and not _comment(c)]
        parts = node.named_children  # Python: a if cond else b
        return [parts[0], parts[2]] if len(parts) == 3 else parts
    if kind == "ternary_expression":
        return [
            c
            for c in (
                node.child_by_field_name("consequence"),
                node.child_by_field_name("alternative"),
            )
            if c is not None
        ]
    func = node.child_by_field_name("function")
    skip = func.id if func is not None and func.type in names else None
    return [c for c in node.named_children if c.id != skip and not _comment(c)]


def _name(node: tree_sitter.Node) -> str:
    """A variable's name as both its uses and its assignments spell it ($x, ${x} -> x)."""
    return _text(node).lstrip("$").strip("{}")


def _augments(value: tree_sitter.Node) -> bool:
    """Whether a value is the right side of a compound assignment (+=, .=, |=...)."""
    parent = value.parent
    if parent is None:
        return False
    if parent.type in _AUGMENTED:
        return True
    operator = parent.child_by_field_name("operator")  # C, Java, C#: one node for = and +=
    return operator is not None and operator.type != "=" and parent.type.startswith("assign")


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
        value: the test's argument (a regex for lacks_keyword, contains, not_contains; for
            from_request, a regex of request input to use instead of the family's).

    Returns:
        Whether the test holds.
    """
    if test == "non_constant":
        return not facts.is_constant(node)
    if test == "formatted":
        return facts.is_formatted(node)
    if test == "from_request":
        return facts.from_request(node, value)
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
_VARIABLE = re.compile(rb"(?<![\w$.])[A-Za-z_$][\w$]*")  # a name, not a .property


@cache
def _regex(value: str) -> re.Pattern[str]:
    return re.compile(value)


@cache
def _bytes_regex(value: str) -> re.Pattern[bytes]:
    return re.compile(value.encode())
