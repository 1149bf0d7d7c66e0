"""guards.scan: one call runs syntax, rules and secrets on a piece of code."""

from __future__ import annotations

import pytest

import guards
from guards import LanguageError


def names(report: guards.Report) -> list[str]:
    return [f.name for f in report.findings]


def test_scan_reports_rule_findings_with_location_cwe_and_fix():
    code = "import subprocess\n\ndef go(cmd):\n    subprocess.run(cmd, shell=True)\n"
    [finding] = guards.scan(code, language="python").findings
    assert (finding.rule_id, finding.name, finding.cwe) == ("PY001", "subprocess-shell-true", 78)
    assert (finding.line, finding.column) == (4, 5)
    assert finding.severity is guards.Severity.HIGH
    assert finding.snippet == "subprocess.run(cmd, shell=True)"
    assert finding.fix


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("def f(:\n    pass\n", "python"),
        ("function f( {\n  return 1;\n}\n", "javascript"),
        ("let x: = 5;\n", "typescript"),
        ("const A = () => <div>;\n", "tsx"),
    ],
)
def test_syntax_errors_are_found_in_python_javascript_and_typescript(code, language):
    report = guards.scan(code, language=language, path="f.tsx" if language == "tsx" else "file")
    assert "syntax-error" in names(report)
    assert report.findings[0].severity is guards.Severity.HIGH


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("def f(x):\n    return x * 2\n", "python"),
        ("export const f = (x: number) => x * 2;\n", "ts"),
        ("const f = (x) => x * 2;\nmodule.exports = { f };\n", "js"),
        ("export const A = () => <div className='a'>hi</div>;\n", "tsx"),
    ],
)
def test_valid_code_has_no_syntax_findings(code, language):
    assert "syntax-error" not in names(
        guards.scan(code, language=language, path="x.tsx" if language == "tsx" else None)
    )


def test_a_pathless_block_with_a_syntax_error_only_warns():
    [finding] = guards.scan("def f(:\n", language="python").findings
    assert finding.severity is guards.Severity.MEDIUM


def test_fragments_are_not_judged_for_syntax_but_still_for_rules():
    fragment = "    subprocess.run(cmd, shell=True)\n  else:\n"
    assert names(guards.scan(fragment, language="python", kind="fragment")) == [
        "subprocess-shell-true"
    ]


def test_a_patch_is_judged_on_its_added_lines_with_patch_line_numbers():
    patch = (
        "*** Begin Patch\n*** Update File: run.py\n@@\n-subprocess.run(cmd, shell=True)\n"
        "+subprocess.run(args)\n+os.system(f'rm {path}')\n*** End Patch\n"
    )
    report = guards.scan(patch, language="python", kind="patch")
    assert [(f.name, f.line) for f in report.findings] == [("os-system-non-constant", 6)]


def test_unknown_language_names_are_an_error_but_none_means_detect():
    with pytest.raises(LanguageError, match="klingon"):
        guards.scan("x", language="klingon")
    assert guards.scan("#!/usr/bin/env python3\nx = 1\n", language=None).language == "python"
    assert guards.scan("x", language=None).language is None


@pytest.mark.parametrize(
    "code",
    [
        "(" * 5000,
        "x = '" + "a" * 1_000_000,
        "\x00\x01\x02\udcff binary",
        "def f():\n" + "  if x:\n" * 3000,
    ],
)
def test_pathological_input_does_not_crash(code):
    report = guards.scan(code, language="python")
    assert report.parsed


def test_code_past_the_scan_limit_is_cut_and_says_so():
    report = guards.scan("x = 1\n" * 400_000, language="python")
    assert "code-too-large-to-scan" in names(report)


def test_injection_findings_are_more_confident_when_the_value_comes_from_request_input():
    code = (
        "from flask import request\nimport subprocess\n\n"
        "def view():\n    name = request.args['n']\n"
        "    subprocess.run('ls ' + name, shell=True)\n\n"
        "def helper(cmd):\n    subprocess.run(cmd, shell=True)\n"
    )
    confidence = {f.line: f.confidence for f in guards.scan(code, language="python").findings}
    assert confidence == {6: guards.Confidence.HIGH, 9: guards.Confidence.MEDIUM}


@pytest.mark.parametrize(
    ("language", "code"),
    [
        ("php", "<?php\n$id = $_GET['id'];\n$q = \"SELECT * FROM t WHERE id = $id\";\n"),
        ("javascript", "const q = `SELECT * FROM t WHERE id = ${req.query.id}`;\n"),
        (
            "go",
            "package main\nfunc h(w http.ResponseWriter, r *http.Request) {\n"
            '  id := r.FormValue("id")\n}\n',
        ),
    ],
)
def test_every_language_parses_and_scans_without_error(language, code):
    assert guards.scan(code, language=language).parsed


def test_code_too_nested_for_the_query_budget_is_reported_not_passed():
    report = guards.scan("f(" * 5000 + "shell=True" + ")" * 5000, language="python")
    assert "code-too-complex-to-scan" in names(report)
    assert report.findings[0].severity is guards.Severity.HIGH


@pytest.mark.parametrize(
    "code",
    [
        "$h = md5(time() . rand());\n?>\n<p>done</p>\n<?php\necho $h;\n",  # starts inside PHP
        "$open = '<?' . $body;\n$h = md5(time() . rand());\n",  # '<?' only inside a string
        "<html><?php $h = md5(time() . rand()); ?></html>\n",  # a template
    ],
)
def test_php_is_judged_as_php_whether_the_fragment_starts_inside_php_or_as_a_template(code):
    report = guards.scan(code, "php", kind="fragment")

    assert [f.line for f in report.findings if f.rule_id == "PHP010"] == [
        1 if not code.startswith("$open") else 2
    ]


def test_a_dollar_named_variable_checked_before_its_use_counts_as_validated():
    checked = (
        "app.get('/go', (req, res) => {\n"
        "  const $next = req.query.next;\n"
        "  if (!$next.startsWith('/')) { return res.sendStatus(400); }\n"
        "  res.redirect($next);\n"
        "});\n"
    )
    unchecked = checked.replace(
        "  if (!$next.startsWith('/')) { return res.sendStatus(400); }\n", ""
    )

    def redirects(code: str) -> list[int]:
        report = guards.scan(code, "javascript", kind="fragment")
        return [f.line for f in report.findings if f.name == "redirect-to-request-input"]

    assert redirects(unchecked) == [3]
    assert redirects(checked) == []


@pytest.mark.parametrize(
    ("language", "unknown_start", "known_start", "rule"),
    [
        (
            "python",
            'def f():\n    cmd += " --flag"\n    os.system(cmd)\n',
            'def f():\n    cmd = "ls"\n    cmd += " -l"\n    os.system(cmd)\n',
            "PY002",
        ),
        (
            "javascript",
            'function f() { code += "x"; eval(code); }\n',
            'function f() { let code = "a"; code += "x"; eval(code); }\n',
            "JS002",
        ),
        (
            "java",
            'class A { void f() { cmd += "x"; Runtime.getRuntime().exec(cmd); } }\n',
            'class A { void f() { String cmd = "ls"; cmd += " -l";'
            " Runtime.getRuntime().exec(cmd); } }\n",
            "JAVA002",
        ),
    ],
)
def test_a_name_only_added_to_is_not_a_constant_but_one_started_from_a_constant_is(
    language, unknown_start, known_start, rule
):
    def rule_ids(code: str) -> list[str]:
        return [f.rule_id for f in guards.scan(code, language, kind="fragment").findings]

    assert rule in rule_ids(unknown_start)
    assert rule not in rule_ids(known_start)


def test_request_input_in_either_branch_of_a_c_style_conditional_is_followed():
    template = (
        "class C : Controller {\n"
        "    public IActionResult Get(bool flag) {\n"
        '        var q = Request.Query["f"];\n'
        "        var path = {value};\n"
        '        return PhysicalFile(path, "text/plain");\n'
        "    }\n"
        "}\n"
    )

    def flagged(value: str) -> bool:
        report = guards.scan(template.replace("{value}", value), "csharp", kind="fragment")
        return any(f.name == "csharp-path-from-request" for f in report.findings)

    assert flagged('flag ? q : "b.txt"')
    assert flagged('flag ? "a.txt" : q')
    assert not flagged('q == "x" ? "a.txt" : "b.txt"')  # input only decides which constant


def test_a_python_fragment_that_starts_inside_a_docstring_is_judged():
    fragment = "    Run the user's command.\n    \"\"\"\n    os.system('ls ' + path)\n"

    report = guards.scan(fragment, "python", kind="fragment")

    assert [f.line for f in report.findings if f.name == "os-system-non-constant"] == [3]


@pytest.mark.parametrize(
    ("artifact", "grammar"),
    [
        (guards.Artifact("x = 1\n", "py"), "python"),
        (guards.Artifact("const a = <div/>;\n", "ts", path="src/App.tsx"), "tsx"),
        (guards.Artifact("<?php echo $x;\n", "php"), "php"),
        (guards.Artifact("echo $x;\n", "php"), "php_only"),
        (guards.Artifact("#!/bin/bash\necho hi\n", "no-such-language"), "bash"),
        (guards.Artifact("hello\n", None), None),
        (guards.Artifact("#!/usr/bin/env python3\n", "c", origin="limit:10 files"), "python"),
    ],
)
def test_grammar_of_is_the_grammar_the_scan_parses_with(artifact: guards.Artifact, grammar):
    assert guards.grammar_of(artifact) == grammar
    assert guards.scan_artifact(artifact).language == grammar
