"""`codetamer check` as a user runs it: a subprocess, three output formats, exit codes."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

CODETAMER = str(Path(sys.executable).parent / "codetamer")
SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "sarif-2.1.0.schema.json").read_text())
INSECURE = "import subprocess\n\n\ndef run(cmd):\n    return subprocess.run(cmd, shell=True)\n"
CLEAN = "import subprocess\n\n\ndef run(args):\n    return subprocess.run(args, check=True)\n"
KEY = "ghp_" + "A1b2C3d4" * 4 + "Zz9y"


def check(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CODETAMER, "check", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "clean.py").write_text(CLEAN)
    (tmp_path / "src" / "run.py").write_text(INSECURE)
    (tmp_path / "config.yaml").write_text(f"github:\n  token: {KEY}\n")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "dep.js").write_text("eval(userInput);\n")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\0\0binary")
    return tmp_path


def test_a_clean_file_exits_0(project: Path):
    result = check("src/clean.py", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("0 findings (0 blocking, 0 warnings) in 1 file")


def test_text_output_names_place_rule_message_and_code_and_exits_1(project: Path):
    result = check("src/run.py", cwd=project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "src/run.py:5:12: error: PY001 subprocess-shell-true [high, CWE-78]"
    assert "through the shell" in lines[1]
    assert lines[2] == "    | return subprocess.run(cmd, shell=True)"


def test_a_folder_is_walked_skipping_vendored_and_binary_files_and_secrets_are_masked(
    project: Path,
):
    result = check(".", "--format", "json", cwd=project)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["files"] == 3  # two .py files and config.yaml
    found = {(f["path"], f["name"]) for f in report["findings"]}
    assert ("src/run.py", "subprocess-shell-true") in found
    assert ("config.yaml", "github-personal-access-token") in found
    assert KEY not in result.stdout
    assert not any("node_modules" in p for p, _ in found)


def test_sarif_output_is_valid_sarif_2_1_0_with_cwe_tags_and_help(project: Path):
    result = check(".", "--format", "sarif", cwd=project)
    assert result.returncode == 1
    log = json.loads(result.stdout)
    jsonschema.validate(log, SCHEMA)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert "external/cwe/cwe-78" in rules["PY001"]["properties"]["tags"]
    assert "Why it is bad" in rules["PY001"]["help"]["markdown"]
    assert rules["PY001"]["properties"]["security-severity"] == "8.0"
    result0 = next(r for r in run["results"] if r["ruleId"] == "PY001")
    assert result0["level"] == "error"
    assert run["tool"]["driver"]["rules"][result0["ruleIndex"]]["id"] == "PY001"
    location = result0["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "src/run.py"
    assert location["region"]["startLine"] == 5
    assert KEY not in result.stdout


def test_stdin_needs_a_language_and_is_checked_with_it(project: Path):
    assert check("-", cwd=project, stdin=INSECURE).returncode == 2
    result = check("-", "--language", "py", cwd=project, stdin=INSECURE)
    assert result.returncode == 1
    assert result.stdout.startswith("stdin:5:12: error: PY001")
    clean = check("-", "--language", "javascript", cwd=project, stdin="const x = 1;\n")
    assert clean.returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.py"], "no such file"),
        (["-", "--language", "klingon"], "unknown language"),
        (["src", "--diff", "no-such-rev"], "git diff no-such-rev failed"),
        (["src", "--format", "xml"], "invalid choice"),
    ],
)
def test_usage_and_input_errors_exit_2_with_a_message(project: Path, args: list[str], message: str):
    result = check(*args, cwd=project, stdin="x")
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_diff_reports_only_lines_changed_since_the_revision(project: Path):
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, timeout=60)

    git("init", "-q")
    git("-c", "user.email=t@t", "-c", "user.name=t", "add", "-A")
    git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "base")
    (project / "src" / "run.py").write_text(
        INSECURE + "\n\ndef again(c):\n    return subprocess.run(c, shell=True)\n"
    )
    result = check(".", "--diff", "HEAD", "--format", "json", cwd=project)
    assert result.returncode == 1
    assert [(f["path"], f["line"]) for f in json.loads(result.stdout)["findings"]] == [
        ("src/run.py", 9)
    ]
    git("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qam", "more")
    assert check(".", "--diff", "HEAD", cwd=project).returncode == 0


def test_policy_from_the_config_decides_what_blocks(project: Path):
    config = project / "codetamer.toml"
    config.write_text(
        '[[policy.waivers]]\nrule = "subprocess-shell-true"\npaths = ["src/run.py"]\n'
        'reason = "trusted admin tool"\n'
    )
    result = check("src/run.py", "--config", str(config), "--format", "json", cwd=project)
    assert result.returncode == 0
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["treatment"] == "ignore" and finding["waived"] == "trusted admin tool"
    config.write_text('[policy]\nrules = { "nope" = "warn" }\n')
    bad = check("src/run.py", "--config", str(config), cwd=project)
    assert bad.returncode == 2 and "policy.rules.nope" in bad.stderr


def test_the_pre_commit_hook_runs_codetamer_check():
    hooks = (Path(__file__).parents[2] / ".pre-commit-hooks.yaml").read_text()
    assert "id: codetamer-check" in hooks and "entry: codetamer check" in hooks


def test_a_file_that_overruns_its_scan_budget_is_blocked_alone_and_the_rest_is_checked(
    project: Path,
):
    # Python text scanned as C++: tree-sitter's error recovery takes seconds on it
    (project / "slow.cpp").write_text((Path(argparse.__file__).read_text() * 4)[:390_000])
    config = project / "codetamer.toml"
    config.write_text("[gate]\nscan_timeout_seconds = 0.3\n")
    result = check("slow.cpp", "src", "--config", str(config), "--format", "json", cwd=project)
    assert result.returncode == 1, result.stderr
    found = {(f["path"], f["rule_id"]) for f in json.loads(result.stdout)["findings"]}
    assert ("slow.cpp", "SCAN003") in found  # unjudged: guard_errors blocks it
    assert ("src/run.py", "PY001") in found  # the other files were still checked
    logged = [json.loads(line) for line in result.stderr.splitlines()]
    assert [e["event"] for e in logged] == ["guard_timeout"]
