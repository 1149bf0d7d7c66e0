"""Benchmark: detection quality and speed on the public labeled corpora.

    uv run python bench/detect.py [--corpora ../shared/corpora] [--limit N]
    uv run --extra bench python bench/detect.py --compare   # bandit and CodeShield too
    (CodeShield's semgrep stage wants semgrep in its own environment: uv tool install semgrep)

Reads the corpora from ../shared/corpora at run time (never copied into the project):

- recall on CyberSecEval instruct: the labeled line, or one next to it, must be flagged;
  per language and per CWE, with scan latency;
- false-positive rate on code known to be safe or fixed: SVEN's fixed functions,
  SecLLMHolmes' patched samples, LLMSecEval's secure implementations (a sample counts
  when any finding is reported; "blocking" counts only what the default policy blocks);
- secrets precision and recall on the gitleaks and detect-secrets fixtures.

With --compare, bandit (Python only) and CodeShield run on the same samples: CodeShield
as deployed (its "codeshield" use case: regex rules, then semgrep when the regexes find
nothing and a prescan recommends it), and its detector with CyberSecEval's rule set,
which produced the CyberSecEval labels (so its recall there is high by construction).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import guards
from guards.secrets import find_secrets
from guards.secrets.placeholders import is_known_example, is_placeholder, is_placeholder_token

ROOT = Path(__file__).resolve().parent.parent
NOT_DETECTIONS = {"SYN001", "SCAN001", "SCAN002"}
EXTENSIONS = {
    ".c": "c",
    ".h": "c",
    ".cc": "cpp",
    ".cpp": "cpp",
    ".py": "python",
    ".js": "javascript",
}

Detector = Callable[[str, str], list[int]]  # (code, language) -> flagged 1-based lines


@dataclass
class Sample:
    code: str
    language: str
    line: int | None  # the labeled line (1-based) for recall sets
    cwe: str = ""


def codetamer(code: str, language: str) -> list[int]:
    report = guards.scan(code, language, kind="fragment")
    return [f.line for f in report.findings if f.rule_id not in NOT_DETECTIONS]


def codetamer_blocking(code: str, language: str) -> list[int]:
    policy = guards.Policy()
    report = guards.scan(code, language, kind="fragment")
    return [
        f.line
        for f in report.findings
        if f.rule_id not in NOT_DETECTIONS and policy.treat(f) is guards.Treatment.BLOCK
    ]


def bandit(code: str, language: str) -> list[int]:
    if language != "python":
        return []
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(code)
    try:
        out = subprocess.run(
            [sys.executable, "-m", "bandit", "-q", "-f", "json", handle.name],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        return [r["line_number"] for r in json.loads(out.stdout or "{}").get("results", [])]
    finally:
        Path(handle.name).unlink()


def codeshield(code: str, language: str, *, usecase: str = "CODESHIELD") -> list[int]:
    _semgrep_on_path()
    from codeshield.insecure_code_detector import insecure_code_detector as icd
    from codeshield.insecure_code_detector.languages import Language

    _let_semgrep_scan(icd)

    try:
        lang = Language(language)
    except ValueError:
        return []
    issues = asyncio.run(icd.analyze(lang, code, usecase=icd.UseCase[usecase]))
    return [i.line for i in issues if i.line is not None]


def codeshield_icd(code: str, language: str) -> list[int]:
    """CodeShield's detector with CyberSecEval's rule set (the one that made the labels)."""
    return codeshield(code, language, usecase="CYBERSECEVAL")


def _semgrep_on_path() -> None:
    """Put semgrep-core on PATH for CodeShield, from `uv tool install semgrep` if need be.

    semgrep pins mcp 1.x, which codetamer's own mcp 2.x excludes, so it is not in the
    project's environment; CodeShield finds the engine on PATH instead.
    """
    if shutil.which("semgrep-core"):
        return
    try:
        tools = subprocess.run(
            ["uv", "tool", "dir"], capture_output=True, text=True, timeout=30, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return
    for engine in sorted(Path(tools).glob("semgrep/lib/python3*/site-packages/semgrep/bin")):
        os.environ["PATH"] = f"{engine}{os.pathsep}{os.environ.get('PATH', '')}"
        return


def _let_semgrep_scan(icd: Any) -> None:
    """Make CodeShield's semgrep stage scan its file.

    CodeShield passes `--project-root /` for a temporary file; with it, current semgrep
    lists no target at all (only files tracked by git under that root), so the stage
    silently finds nothing. Dropping that flag restores the scan CodeShield intends.
    """
    if getattr(icd, "_codetamer_patched", False):
        return
    run = icd._run_command

    async def without_project_root(command: list[str]) -> str:
        if "--project-root" in command:
            at = command.index("--project-root")
            command = command[:at] + command[at + 2 :]
        return await run(command)

    icd._run_command = without_project_root
    icd._codetamer_patched = True


def cyberseceval(corpora: Path, limit: int | None) -> list[Sample]:
    records = json.loads((corpora / "cyberseceval" / "instruct.json").read_text())
    samples = []
    for record in records[:limit]:
        lines = record["origin_code"].splitlines()
        wanted = record["line_text"].strip()
        index = next((i for i, line in enumerate(lines) if line.strip() == wanted), None)
        if index is None:
            index = next((i for i, line in enumerate(lines) if wanted and wanted in line), None)
        if index is None:
            continue
        samples.append(
            Sample(record["origin_code"], record["language"], index + 1, record["cwe_identifier"])
        )
    return samples


def safe_sets(corpora: Path) -> dict[str, list[Sample]]:
    sets: dict[str, list[Sample]] = defaultdict(list)
    for path in sorted((corpora / "sven_vuln_fix_pairs").glob("*/*.jsonl")):
        for line in path.read_text().splitlines():
            record = json.loads(line)
            language = EXTENSIONS.get(Path(record["file_name"]).suffix.lower())
            if language:
                sets["SVEN fixed functions"].append(
                    Sample(record["func_src_after"], language, None)
                )
    for name in ("hand_crafted_and_augmented.jsonl", "real_world.jsonl"):
        for line in (corpora / "secllmholmes" / name).read_text().splitlines():
            record = json.loads(line)
            if str(record["vulnerable"]) == "False":
                sets["SecLLMHolmes patched"].append(
                    Sample(record["code"], record["language"], None)
                )
    for line in (corpora / "llmseceval" / "secure_code_samples.jsonl").read_text().splitlines():
        record = json.loads(line)
        sets["LLMSecEval secure"].append(Sample(record["code"], record["language"], None))
    return sets


def timed(
    detector: Detector, samples: Iterable[Sample]
) -> Iterator[tuple[Sample, list[int], float]]:
    for sample in samples:
        started = time.perf_counter()
        lines = detector(sample.code, sample.language)
        yield sample, lines, (time.perf_counter() - started) * 1000


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else 0.0


def recall_table(name: str, detector: Detector, samples: list[Sample]) -> None:
    by_lang: dict[str, list[bool]] = defaultdict(list)
    by_cwe: dict[str, list[bool]] = defaultdict(list)
    times = []
    for sample, lines, ms in timed(detector, samples):
        assert sample.line is not None
        hit = any(abs(line - sample.line) <= 1 for line in lines)
        by_lang[sample.language].append(hit)
        by_cwe[sample.cwe].append(hit)
        times.append(ms)
    total = [h for hits in by_lang.values() for h in hits]
    print(f"\n## {name}: recall on CyberSecEval instruct ({len(total)} samples)")
    print(
        f"overall {100 * sum(total) / len(total):.1f}%   scan p50 {pct(times, 0.5):.2f} ms  "
        f"p90 {pct(times, 0.9):.2f} ms  p99 {pct(times, 0.99):.2f} ms  "
        f"mean {statistics.fmean(times):.2f} ms"
    )
    print("| language | samples | recall |\n|---|---|---|")
    for lang, hits in sorted(by_lang.items()):
        print(f"| {lang} | {len(hits)} | {100 * sum(hits) / len(hits):.1f}% |")
    print("| CWE | samples | recall |\n|---|---|---|")
    for cwe, hits in sorted(by_cwe.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"| {cwe} | {len(hits)} | {100 * sum(hits) / len(hits):.1f}% |")


def false_positive_table(name: str, detector: Detector, sets: dict[str, list[Sample]]) -> None:
    print(f"\n## {name}: false-positive rate on safe or fixed code")
    print("| set | samples | flagged | rate |\n|---|---|---|---|")
    for set_name, samples in sets.items():
        flagged = sum(1 for _, lines, _ in timed(detector, samples) if lines)
        print(f"| {set_name} | {len(samples)} | {flagged} | {100 * flagged / len(samples):.1f}% |")


def secrets_table(corpora: Path) -> None:
    cases: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for line in (
        (corpora / "gitleaks_rule_fixtures" / "rule_tps_fps.jsonl").read_text().splitlines()
    ):
        record = json.loads(line)
        cases["gitleaks"].append((record["text"], record["label"] == "secret"))
    for line in (
        (corpora / "detect_secrets_fixtures" / "plugin_test_cases.jsonl").read_text().splitlines()
    ):
        record = json.loads(line)
        if record["plugin"] == "ip_public":  # a public IP address is not a credential
            continue
        cases["detect-secrets"].append((record["text"], record["label"] == "secret"))
    print("\n## Secrets: precision and recall")
    print(
        "| fixtures | cases | precision | recall | misses | of which placeholder values |"
        "\n|---|---|---|---|---|---|"
    )
    for name, items in cases.items():
        tp = fp = fn = placeholder_misses = 0
        for text, secret in items:
            found = bool(find_secrets(text))
            tp += found and secret
            fp += found and not secret
            fn += (not found) and secret
            placeholder_misses += (not found) and secret and _holds_placeholder(text)
        precision = 100 * tp / (tp + fp) if tp + fp else 0.0
        print(
            f"| {name} | {len(items)} | {precision:.1f}% | {100 * tp / (tp + fn):.1f}% "
            f"| {fn} | {placeholder_misses} |"
        )


def _holds_placeholder(text: str) -> bool:
    """A labeled secret whose value is a stand-in that the guards pass on purpose.

    Both fixture sets label values such as `AKIAZZZZZZZZZZZZZZZZ`, `abcd1234abcd1234...`
    or vendors' published example keys as secrets; the issue asks for such placeholders
    to pass, so misses on them are counted apart.
    """
    return any(
        is_placeholder(token) or is_placeholder_token(token) or is_known_example(token)
        for token in re.findall(r"[A-Za-z0-9_+/=.-]{8,}", text)
    )


def list_details(
    samples: list[Sample], safe: dict[str, list[Sample]], language: str | None, *, flagged: bool
) -> None:
    """Print what a rule writer needs: each missed labeled line, or each finding on safe code."""
    if language:
        for number, sample in enumerate(samples):
            if sample.language != language:
                continue
            lines = codetamer(sample.code, sample.language)
            assert sample.line is not None
            if any(abs(line - sample.line) <= 1 for line in lines):
                continue
            code_lines = sample.code.splitlines()
            print(f"=== miss #{number} {sample.cwe} line {sample.line}")
            first = max(0, sample.line - 4)
            for index in range(first, min(len(code_lines), sample.line + 3)):
                mark = ">>" if index + 1 == sample.line else "  "
                print(f"{mark} {code_lines[index]}")
    if flagged:
        for set_name, items in safe.items():
            for number, sample in enumerate(items):
                report = guards.scan(sample.code, sample.language, kind="fragment")
                code_lines = sample.code.splitlines()
                for finding in report.findings:
                    if finding.rule_id in NOT_DETECTIONS:
                        continue
                    text = code_lines[finding.line - 1].strip() if finding.line else ""
                    print(
                        f"{set_name} #{number} {sample.language} {finding.rule_id} "
                        f"{finding.severity.value} line {finding.line}: {text[:140]}"
                    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--limit", type=int, help="first N CyberSecEval records only")
    parser.add_argument("--compare", action="store_true", help="also run bandit and CodeShield")
    parser.add_argument(
        "--misses", metavar="LANGUAGE", help="list the CyberSecEval samples missed in LANGUAGE"
    )
    parser.add_argument("--flagged", action="store_true", help="list the findings on the safe sets")
    args = parser.parse_args()
    guards.scan("x = 1\n", "python")  # load the rules once, outside the timings
    samples = cyberseceval(args.corpora, args.limit)
    safe = safe_sets(args.corpora)
    if args.misses or args.flagged:
        list_details(samples, safe, args.misses, flagged=args.flagged)
        return
    recall_table("codetamer", codetamer, samples)
    false_positive_table("codetamer (any finding)", codetamer, safe)
    false_positive_table("codetamer (blocking findings)", codetamer_blocking, safe)
    secrets_table(args.corpora)
    if args.compare:
        for name, detector in (
            ("bandit", bandit),
            ("CodeShield", codeshield),
            ("CodeShield ICD, CyberSecEval rules", codeshield_icd),
        ):
            try:
                detector("x = 1\n", "python")
            except (ImportError, OSError, json.JSONDecodeError) as exc:
                print(f"\n## {name}: not available ({exc}); install with: uv sync --extra bench")
                continue
            subset = samples if name != "bandit" else [s for s in samples if s.language == "python"]
            recall_table(name, detector, subset)
            false_positive_table(name, detector, safe)


if __name__ == "__main__":
    main()
