"""Opt-in end to end check: real coding agents, through codetamer, to a file on disk.

    uv run python bench/agents_e2e.py                         # the agents found; skip others
    uv run python bench/agents_e2e.py --install               # npm/pip-install them first
    uv run python bench/agents_e2e.py --agent claude --claude-bin /path/to/claude
    uv run python bench/agents_e2e.py --model claude=claude-sonnet-4-5 --model codex=gpt-5.5
    uv run python bench/agents_e2e.py --delay 3 --keepalive 1 -v   # the slow-gate path

Options: --agent claude|codex|aider|all (repeatable), --claude-bin/--codex-bin/--aider-bin PATH,
--install, --agents-dir DIR, --model AGENT=MODEL (default: Claude Code's own default
model, gpt-5.5 for Codex (the freeform apply_patch tool; gpt-5-codex makes it use
`apply_patch` through exec_command), gpt-4.1 for Aider), --delay S (upstream think
time per code answer) with --keepalive S (gate.keepalive_seconds: headers go out
early with verdict "pending", keepalives follow), --timeout S, --keep, -v.

Not part of `uv run pytest`: it needs the agents themselves (Claude Code from npm
`@anthropic-ai/claude-code`, Codex CLI from npm `@openai/codex`, Aider from PyPI
`aider-chat`). `--install` puts them under --agents-dir (default /tmp/agents), never in
the repository; an agent that is neither given, nor there, nor on PATH is skipped
with a message.

For each agent it starts, on loopback, the scripted agent-aware upstream
(bench/agent_upstream.py) and the real proxy (create_app, provenance in a temp dir),
then runs the agent non-interactively in a temp working directory with the task
"write users.py ...". The upstream answers the task with a tool call (Claude Code:
Write; Codex: apply_patch) or a fenced file (Aider) holding Python that builds SQL
with % formatting; codetamer must block it, answer the rejected call itself and ask
again; the upstream then sends the parameterized version. Checks: the file on disk is
the SECURE version (not the insecure one), and the provenance log holds a "repaired"
exchange. Prints one report block per agent; exits 1 when a run agent fails.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: tests.* and bench.* import from the root
    sys.path.insert(0, str(ROOT))

from bench.agent_upstream import (  # noqa: E402
    Exchange,
    Scenario,
    create_agent_upstream,
    create_relay,
)
from proxy.app import create_app  # noqa: E402
from proxy.config import Config, GateConfig, ProvenanceConfig, UpstreamConfig  # noqa: E402
from proxy.provenance import read_records  # noqa: E402
from tests.servers import serve_in_thread  # noqa: E402

TASK = (
    "Create the file users.py in the current directory: a Python function "
    "find_user(conn, name) that looks a user up by name in the sqlite3 table users. "
    "Use the Write tool once, then stop."
)
# what tells the two versions apart on disk
SECURE_MARK = "WHERE name = ?"
INSECURE_MARK = "% name"


@dataclass
class Result:
    agent: str
    status: str  # PASS | FAIL | SKIP
    version: str = ""
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- agents


@dataclass
class Agent:
    name: str
    install_hint: str
    candidates: Callable[[Path], list[Path]]
    install: Callable[[Path], None]
    command: Callable[[Path, str, Path, Path, str | None], tuple[list[str], dict[str, str]]]


def _base_env(home: Path) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "TERM": "dumb",
        "NO_COLOR": "1",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    return env


def _npm_install(package: str, prefix: Path) -> None:
    prefix.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(prefix), package], check=True)


def _claude_command(
    binary: Path, proxy: str, workdir: Path, home: Path, model: str | None
) -> tuple[list[str], dict[str, str]]:
    env = _base_env(home) | {
        "ANTHROPIC_BASE_URL": proxy,
        "ANTHROPIC_API_KEY": "dummy-bench-key",
        "CLAUDE_CONFIG_DIR": str(home / ".claude"),
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
        "DISABLE_AUTOUPDATER": "1",
        "DISABLE_TELEMETRY": "1",
        "DISABLE_ERROR_REPORTING": "1",
    }
    if model:  # otherwise Claude Code's own default model
        env["ANTHROPIC_MODEL"] = model
    command = [
        str(binary),
        "-p",
        TASK,
        "--permission-mode",
        "acceptEdits",
        "--allowedTools",
        "Write",
        "--output-format",
        "json",
    ]
    return command, env


def _codex_command(
    binary: Path, proxy: str, workdir: Path, home: Path, model: str | None
) -> tuple[list[str], dict[str, str]]:
    codex_home = home / ".codex"
    codex_home.mkdir(parents=True, exist_ok=True)
    (codex_home / "config.toml").write_text(
        f'model = "{model or "gpt-5.5"}"\n'
        'model_provider = "codetamer"\n'
        "[model_providers.codetamer]\n"
        'name = "codetamer"\n'
        f'base_url = "{proxy}/v1"\n'
        'wire_api = "responses"\n'
        'env_key = "CODETAMER_BENCH_KEY"\n'
        "request_max_retries = 0\n"
        "stream_max_retries = 0\n",
        encoding="utf-8",
    )
    env = _base_env(home) | {"CODEX_HOME": str(codex_home), "CODETAMER_BENCH_KEY": "dummy"}
    command = [
        str(binary),
        "exec",
        "--skip-git-repo-check",
        "--dangerously-bypass-approvals-and-sandbox",
        "-C",
        str(workdir),
        TASK.replace("Use the Write tool once", "Use apply_patch once"),
    ]
    return command, env


def _aider_install(prefix: Path) -> None:
    prefix.mkdir(parents=True, exist_ok=True)
    # aider-chat wants Python 3.10-3.12: this interpreter's base when it fits, else uv's pick
    base = getattr(sys, "_base_executable", sys.executable)
    python = base if (3, 10) <= sys.version_info[:2] <= (3, 12) else "3.12"
    subprocess.run(["uv", "venv", "--python", python, str(prefix / "venv")], check=True)
    subprocess.run(
        ["uv", "pip", "install", "--python", str(prefix / "venv/bin/python"), "aider-chat"],
        check=True,
    )


def _aider_command(
    binary: Path, proxy: str, workdir: Path, home: Path, model: str | None
) -> tuple[list[str], dict[str, str]]:
    env = _base_env(home) | {"AIDER_ANALYTICS": "false", "AIDER_CHECK_UPDATE": "false"}
    command = [
        str(binary),
        "--model",
        f"openai/{model or 'gpt-4.1'}",
        "--openai-api-base",
        f"{proxy}/v1",
        "--openai-api-key",
        "dummy",
        "--edit-format",
        "whole",
        "--no-git",
        "--yes-always",
        "--no-pretty",
        "--no-show-model-warnings",
        "--no-check-update",
        "--no-analytics",
        "--no-auto-lint",
        "--map-tokens",
        "0",
        "--message",
        TASK.replace("Use the Write tool once, then stop.", "Write the whole file."),
        "users.py",
    ]
    return command, env


AGENTS = {
    "claude": Agent(
        "claude",
        "npm install --prefix DIR/claude @anthropic-ai/claude-code",
        lambda d: [d / "claude/node_modules/.bin/claude"],
        lambda d: _npm_install("@anthropic-ai/claude-code", d / "claude"),
        _claude_command,
    ),
    "codex": Agent(
        "codex",
        "npm install --prefix DIR/codex @openai/codex",
        lambda d: [d / "codex/node_modules/.bin/codex"],
        lambda d: _npm_install("@openai/codex", d / "codex"),
        _codex_command,
    ),
    "aider": Agent(
        "aider",
        "uv venv DIR/aider/venv && uv pip install --python DIR/aider/venv/bin/python aider-chat",
        lambda d: [d / "aider/venv/bin/aider"],
        lambda d: _aider_install(d / "aider"),
        _aider_command,
    ),
}


def find_binary(agent: Agent, given: str | None, agents_dir: Path) -> Path | None:
    if given:
        path = Path(given)
        return path if path.exists() else None
    for candidate in agent.candidates(agents_dir):
        if candidate.exists():
            return candidate
    found = shutil.which(agent.name)
    return Path(found) if found else None


def version_of(binary: Path, home: Path) -> str:
    try:
        done = subprocess.run(
            [str(binary), "--version"],
            capture_output=True,
            text=True,
            timeout=60,
            env=_base_env(home),
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unknown ({exc})"
    lines = (done.stdout.strip() or done.stderr.strip()).splitlines()
    return lines[-1] if lines else "unknown"


# ---------------------------------------------------------------- one run


def run_agent(
    agent: Agent,
    binary: Path,
    *,
    model: str | None,
    delay: float,
    keepalive: float,
    timeout: float,
    keep: bool,
    verbose: bool,
) -> Result:
    result = Result(agent.name, "FAIL")
    temp = Path(tempfile.mkdtemp(prefix=f"ct-e2e-{agent.name}-"))
    workdir, home = temp / "work", temp / "home"
    workdir.mkdir()
    home.mkdir()
    result.version = version_of(binary, home)
    scenario = Scenario(workdir=str(workdir), delay=delay)
    provenance = temp / "provenance.sqlite3"
    exit_code: int | None = None
    out = err = ""
    calls: list[Exchange] = []  # what the agent sent the proxy and got back
    started = time.monotonic()
    try:
        with serve_in_thread(create_agent_upstream(scenario)) as upstream:
            base = f"{upstream}/v1"  # like https://api.anthropic.com/v1 and api.openai.com/v1
            config = Config(
                upstreams=(
                    UpstreamConfig(name="bench-anthropic", kind="anthropic", base_url=base),
                    UpstreamConfig(name="bench-openai", kind="openai", base_url=base),
                ),
                gate=GateConfig(keepalive_seconds=keepalive),
                provenance=ProvenanceConfig(path=str(provenance)),
            )
            with (
                serve_in_thread(create_app(config)) as proxy,
                serve_in_thread(create_relay(proxy, calls)) as relay,
            ):
                command, env = agent.command(binary, relay, workdir, home, model)
                try:
                    done = subprocess.run(
                        command,
                        cwd=workdir,
                        env=env,
                        capture_output=True,
                        text=True,
                        timeout=timeout,
                        stdin=subprocess.DEVNULL,
                        check=False,
                    )
                    exit_code, out, err = done.returncode, done.stdout, done.stderr
                except subprocess.TimeoutExpired as exc:
                    out, err = _text(exc.stdout), _text(exc.stderr)
                    result.notes.append(f"agent timed out after {timeout:.0f} s")
                except OSError as exc:
                    result.notes.append(f"agent did not start: {exc}")
    finally:
        result.seconds = time.monotonic() - started
    (temp / "agent.stdout").write_text(out, encoding="utf-8")
    (temp / "agent.stderr").write_text(err, encoding="utf-8")
    (temp / "upstream_requests.json").write_text(
        json.dumps(scenario.raw, indent=1), encoding="utf-8"
    )
    _judge(result, scenario, workdir, provenance, exit_code, out, err)
    asked = sorted({c.model for c in calls if c.model})
    result.lines.insert(1, f"model asked for: {', '.join(asked) or '-'}")
    for call in calls:
        result.lines.append(
            f"agent -> proxy: {call.method} {call.path} model={call.model or '-'} "
            f"stream={call.stream} {call.shape} -> {call.status} "
            f"verdict={call.verdict or '-'} rounds={call.rounds or '-'}"
        )
        if call.status >= 400 or verbose:
            result.lines.append("  answer began: " + call.head[:600].replace("\n", "\\n"))
    if verbose:
        result.lines += [
            f"upstream call: {d.path} {d.model} stream={d.stream} -> {d.action}"
            + (f" [{d.detail[:100]!r}]" if d.detail else "")
            for d in scenario.log
        ]
    if result.status == "PASS" and not keep:
        shutil.rmtree(temp, ignore_errors=True)
        result.lines.append("artifacts: removed (--keep keeps them)")
    else:
        result.lines.append(
            f"artifacts: {temp} (agent.stdout, agent.stderr, upstream_requests.json)"
        )
    return result


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value or ""


def _judge(
    result: Result,
    scenario: Scenario,
    workdir: Path,
    provenance: Path,
    exit_code: int | None,
    out: str,
    err: str,
) -> None:
    problems: list[str] = []
    result.lines.append(f"agent exit code: {exit_code}")
    if exit_code != 0:
        problems.append(f"the agent exited with {exit_code}")
    result.lines.append("upstream answered: " + (" ".join(scenario.actions()) or "nothing"))
    target = workdir / scenario.filename
    if not target.exists():
        problems.append(f"{scenario.filename} was not written")
        result.lines.append(f"file: {scenario.filename} missing")
    else:
        text = target.read_text(encoding="utf-8")
        secure, insecure = SECURE_MARK in text, INSECURE_MARK in text
        exact = text.strip() == scenario.secure.strip()
        result.lines.append(
            f"file: {scenario.filename} {len(text)} chars, secure={secure}, "
            f"insecure={insecure}, identical to SECURE={exact}"
        )
        if not secure or insecure:
            problems.append("the file on disk is not the secure version")
    records = [r.record for r in read_records(provenance)] if provenance.exists() else []
    summary = [f"{r['dialect']}:{r['verdict']}:{len(r['rounds'])}r:{r['status']}" for r in records]
    result.lines.append(f"provenance: {len(records)} exchanges: " + " ".join(summary))
    repaired = [r for r in records if r["verdict"] == "repaired"]
    if repaired:
        first = repaired[0]
        rules = sorted(
            {
                f["rule_id"]
                for rnd in first["rounds"]
                for a in rnd["artifacts"]
                for f in a["findings"]
            }
        )
        result.lines.append(
            f"repaired exchange {first['id'][:12]}: rounds={len(first['rounds'])} "
            f"blocking per round={[rnd['blocking'] for rnd in first['rounds']]} rules={rules} "
            f"delivered={first['delivered']}"
        )
    else:
        problems.append('no provenance record has verdict "repaired"')
    errors = [r for r in records if r["error"]]
    for record in errors:
        result.lines.append(f"proxy error: {record['status']} {record['error']}")
    if problems:
        result.notes += problems
        tail = (err.strip() or out.strip())[-1500:]
        result.lines.append("agent output (tail):\n" + _indent(tail or "(none)"))
    else:
        result.status = "PASS"
        result.lines.append("agent said: " + _final_words(out)[:200])


def _final_words(out: str) -> str:
    try:
        data = json.loads(out)
    except ValueError:
        return out.strip().splitlines()[-1] if out.strip() else ""
    if isinstance(data, dict):
        return f"{data.get('result')!r} (num_turns={data.get('num_turns')})"
    return out.strip()[:200]


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--agent", choices=[*AGENTS, "all"], action="append", help="default: all of them"
    )
    parser.add_argument("--claude-bin", help="the claude binary (default: find it)")
    parser.add_argument("--codex-bin", help="the codex binary (default: find it)")
    parser.add_argument("--aider-bin", help="the aider binary (default: find it)")
    parser.add_argument(
        "--model",
        action="append",
        default=[],
        metavar="AGENT=MODEL",
        help="the model an agent asks for, e.g. claude=claude-sonnet-4-5 (default: its own)",
    )
    parser.add_argument(
        "--delay",
        type=float,
        default=0.0,
        help="seconds the upstream thinks before each code answer (try 3 with --keepalive 1)",
    )
    parser.add_argument(
        "--keepalive",
        type=float,
        default=5.0,
        help="gate.keepalive_seconds: a slower gate sends headers early (verdict pending)",
    )
    parser.add_argument("--install", action="store_true", help="install missing agents first")
    parser.add_argument("--agents-dir", default="/tmp/agents", help="where agents are installed")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds per agent run")
    parser.add_argument("--keep", action="store_true", help="keep the temp dirs of passing runs")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every upstream call")
    args = parser.parse_args(argv)
    chosen = args.agent or ["all"]
    names = list(AGENTS) if "all" in chosen else list(dict.fromkeys(chosen))
    agents_dir = Path(args.agents_dir)
    models = dict(m.partition("=")[::2] for m in args.model)
    results: list[Result] = []
    for name in names:
        agent = AGENTS[name]
        given = getattr(args, f"{name}_bin")
        binary = find_binary(agent, given, agents_dir)
        if binary is None and args.install and not given:
            print(f"installing {name} into {agents_dir} ...", flush=True)
            try:
                agent.install(agents_dir)
            except (OSError, subprocess.CalledProcessError) as exc:
                results.append(Result(name, "SKIP", notes=[f"install failed: {exc}"]))
                continue
            binary = find_binary(agent, None, agents_dir)
        if binary is None:
            hint = agent.install_hint.replace("DIR", str(agents_dir))
            results.append(
                Result(
                    name,
                    "SKIP",
                    notes=[f"not installed (give --{name}-bin, use --install, or: {hint})"],
                )
            )
            continue
        print(f"running {name} ({binary}) ...", flush=True)
        results.append(
            run_agent(
                agent,
                binary,
                model=models.get(name),
                delay=args.delay,
                keepalive=args.keepalive,
                timeout=args.timeout,
                keep=args.keep,
                verbose=args.verbose,
            )
        )
    print()
    for r in results:
        head = f"[{r.status}] {r.agent}"
        if r.version:
            head += f" {r.version}"
        if r.status != "SKIP":
            head += f" ({r.seconds:.1f} s)"
        print(head)
        for line in r.lines:
            print(f"  {line}")
        for note in r.notes:
            print(f"  ! {note}")
    return 1 if any(r.status == "FAIL" for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
