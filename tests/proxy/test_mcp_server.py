"""codetamer's MCP server, driven by the real mcp client: in-process, over stdio, over HTTP."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import mcp
import pytest

from guards.isolated import ScanPool
from proxy.config import Config
from proxy.mcp.server import build_server
from proxy.provenance import read_records
from proxy.services import Services
from tests.conftest import Upstream
from tests.guards.faulty import CRASH
from tests.servers import free_port, serve_in_thread
from tests.upstreams.openai_server import Reply

ROOT = Path(__file__).resolve().parents[2]
CODETAMER = str(Path(sys.executable).parent / "codetamer")
INSECURE = (
    "```python\nimport subprocess\n\n\ndef run(cmd):\n"
    "    return subprocess.run(cmd, shell=True)\n```\n"
)
SECURE = (
    "```python\nimport subprocess\n\n\ndef run(args):\n"
    "    return subprocess.run(args, check=True)\n```\n"
)


def config_for(tmp_path: Path, upstream: Upstream | None = None, **mcp_section: object) -> Config:
    data: dict = {
        "provenance": {"path": str(tmp_path / "provenance.sqlite3")},
        "mcp": {"model": "gpt-test", "roots": [str(tmp_path / "project")], **mcp_section},
    }
    if upstream is not None:
        data["upstreams"] = [
            {"name": "test", "base_url": f"{upstream.url}/v1", "models": ["gpt-*"]}
        ]
    return Config.model_validate(data)


@pytest.fixture
async def services(tmp_path: Path, upstream: Upstream) -> AsyncIterator[Services]:
    (tmp_path / "project").mkdir()
    built = Services.build(config_for(tmp_path, upstream))
    built.open()
    yield built
    await built.aclose()


async def call(services: Services, tool: str, arguments: dict):
    async with mcp.Client(build_server(services)) as client:
        return await client.call_tool(tool, arguments)


async def test_the_server_lists_its_six_tools_with_input_and_output_schemas(services: Services):
    async with mcp.Client(build_server(services)) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}

    assert set(tools) == {
        "scan_code",
        "scan_files",
        "generate_code",
        "explain_rule",
        "secure_template",
        "find_provenance",
    }
    assert tools["scan_code"].input_schema["required"] == ["code"]
    assert "findings" in tools["scan_code"].output_schema["properties"]
    assert tools["generate_code"].input_schema["required"] == ["task", "language"]


async def test_scan_code_reports_findings_and_the_verdict_under_the_policy(services: Services):
    result = await call(
        services,
        "scan_code",
        {"code": "import subprocess\nsubprocess.run(cmd, shell=True)\n", "language": "python"},
    )

    assert not result.is_error
    out = result.structured_content
    assert out["verdict"] == "block"
    [finding] = out["findings"]
    assert (finding["name"], finding["line"], finding["cwe"]) == ("subprocess-shell-true", 2, 78)
    assert finding["fix"] and finding["treatment"] == "block"
    clean = await call(services, "scan_code", {"code": "x = 1\n", "language": "py"})
    assert clean.structured_content["verdict"] == "pass"


async def test_scan_code_survives_a_guard_that_crashes_and_blocks_the_code_it_was_judging(
    tmp_path: Path, faulty_scanner: ScanPool
):
    services = Services.build(config_for(tmp_path), faulty_scanner)
    crashed = await call(services, "scan_code", {"code": f"# {CRASH}\n", "language": "python"})
    judged = await call(services, "scan_code", {"code": "x = 1\n", "language": "python"})

    [finding] = crashed.structured_content["findings"]
    assert (finding["rule_id"], finding["treatment"]) == ("SCAN003", "block")
    assert "signal SIGSEGV" in finding["message"]
    assert crashed.structured_content["verdict"] == "block"
    assert judged.structured_content["verdict"] == "pass"


@pytest.mark.parametrize(
    ("tool", "arguments", "message"),
    [
        ("scan_code", {"code": "   "}, "'code' is empty"),
        ("scan_code", {"code": "x = 1", "language": "cobol"}, "unknown language 'cobol'"),
        ("explain_rule", {"rule_id": "NOPE999"}, "no rule has the id or name 'NOPE999'"),
        ("scan_files", {"paths": ["/etc/passwd"]}, "outside the allowed roots"),
        ("scan_files", {"paths": []}, "'paths' is empty"),
        ("find_provenance", {}, "exactly one of 'code' or 'sha256'"),
        ("secure_template", {"language": "python", "topic": "no-such-topic"}, "no template"),
    ],
)
async def test_bad_arguments_are_tool_errors_that_say_what_is_wrong(
    services: Services, tool: str, arguments: dict, message: str
):
    result = await call(services, tool, arguments)

    assert result.is_error
    assert message in result.content[0].text


async def test_scan_files_reads_inside_the_roots_and_refuses_escapes(
    services: Services, tmp_path: Path
):
    project = tmp_path / "project"
    (project / "app.py").write_text("import pickle\n\ndef load(b):\n    return pickle.loads(b)\n")
    (tmp_path / "secret.py").write_text("x = 1\n")

    inside = await call(services, "scan_files", {"paths": [str(project / "app.py")]})
    escape = await call(services, "scan_files", {"paths": [str(project / ".." / "secret.py")]})

    assert inside.structured_content["files"][0]["findings"][0]["name"] == "pickle-load"
    assert escape.is_error and "outside the allowed roots" in escape.content[0].text


async def test_explain_rule_and_secure_template_return_the_docs_and_the_template_text(
    services: Services,
):
    docs = await call(services, "explain_rule", {"rule_id": "subprocess-shell-true"})
    template = await call(services, "secure_template", {"language": "python"})

    assert docs.structured_content["id"] == "PY001"
    assert all(docs.structured_content[k] for k in ("what", "why", "example", "instead"))
    assert "environment" in template.content[0].text.lower()


async def test_generate_code_runs_the_gate_with_a_repair_round_and_is_found_in_provenance(
    services: Services, upstream: Upstream
):
    upstream.script.queue(Reply(content=INSECURE), Reply(content=SECURE))

    result = await call(
        services, "generate_code", {"task": "a helper that runs a command", "language": "python"}
    )

    out = result.structured_content
    assert (out["verdict"], out["rounds"]) == ("repaired", 2)
    [code] = out["code"]
    assert "check=True" in code["code"] and code["language"] == "python"
    first_request = upstream.script.requests[0]
    assert first_request["model"] == "gpt-test"
    assert first_request["messages"][0]["role"] == "system"  # the templates went in
    found = await call(services, "find_provenance", {"code": code["code"]})
    [hit] = found.structured_content["result"]
    assert (hit["exchange_id"], hit["round"]) == (out["exchange_id"], 2)
    digest = hashlib.sha256(code["code"].encode()).hexdigest()
    by_hash = await call(services, "find_provenance", {"sha256": digest})
    assert by_hash.structured_content == found.structured_content


async def test_generate_code_sends_secrets_in_the_context_as_placeholders(
    services: Services, upstream: Upstream
):
    token = "ghp_Zr8Kq2mX7vN4pL9wT3yB6cH1jF5dS0aE2gU8"
    code = "import os\n\ntoken = os.environ['GITHUB_TOKEN']\n"
    upstream.script.queue(Reply(content=f"Rotate @SECRET0@ first.\n```python\n{code}```"))

    result = await call(
        services,
        "generate_code",
        {"task": "read the token", "language": "python", "context": f"GITHUB_TOKEN={token}\n"},
    )

    out = result.structured_content
    assert out["verdict"] == "pass" and out["code"][0]["code"] == code
    assert f"Rotate {token} first." in out["answer"]  # restored for the agent
    sent = json.dumps(upstream.script.requests)
    assert token not in sent and "[secret:github-personal-access-token:" in sent
    stored = json.dumps(
        [r.record for r in read_records(services.config.provenance.resolved_path())]
    )
    assert token not in stored and "github-personal-access-token" in stored


async def test_templates_and_rules_are_resources_and_secure_code_is_a_prompt(services: Services):
    async with mcp.Client(build_server(services)) as client:
        listed = {str(r.uri) for r in (await client.list_resources()).resources}
        rule = await client.read_resource("codetamer://rules/PY001")
        prompt = await client.get_prompt(
            "secure_code", {"task": "parse a CSV", "language": "python"}
        )

    assert "codetamer://templates/secrets-from-environment" in listed
    assert json.loads(rule.contents[0].text)["name"] == "subprocess-shell-true"
    assert "parse a CSV" in prompt.messages[0].content.text


async def test_the_stdio_server_answers_the_real_client(tmp_path: Path):
    (tmp_path / "project").mkdir()
    config = tmp_path / "codetamer.toml"
    config.write_text(
        f'[provenance]\npath = "{tmp_path / "p.sqlite3"}"\n'
        f'[mcp]\nroots = ["{tmp_path / "project"}"]\n'
    )
    params = mcp.StdioServerParameters(
        command=CODETAMER, args=["mcp", "--config", str(config)], cwd=str(ROOT)
    )

    async with mcp.Client(params, read_timeout_seconds=30) as client:
        result = await client.call_tool(
            "scan_code", {"code": "eval(input())\n", "language": "python"}
        )

    assert result.structured_content["verdict"] == "block"


async def test_the_proxy_serves_the_mcp_server_at_slash_mcp_when_mounted(tmp_path: Path):
    (tmp_path / "project").mkdir()
    config = config_for(tmp_path, mount=True)
    from proxy.app import create_app

    with serve_in_thread(create_app(config)) as url:
        async with mcp.Client(f"{url}/mcp", read_timeout_seconds=30) as client:
            result = await client.call_tool("explain_rule", {"rule_id": "PY004"})

    assert result.structured_content["name"] == "sql-built-by-formatting"


async def test_codetamer_mcp_wrap_gates_a_downstream_server_from_the_command_line(
    tmp_path: Path,
):
    files = tmp_path / "files"
    files.mkdir()
    config = tmp_path / "codetamer.toml"
    config.write_text(f'[provenance]\npath = "{tmp_path / "p.sqlite3"}"\n')
    downstream = [sys.executable, "-m", "tests.mcp_servers.write_server", str(files)]
    params = mcp.StdioServerParameters(
        command=CODETAMER,
        args=["mcp", "--config", str(config), "--wrap", "--", *downstream],
        cwd=str(ROOT),
    )

    async with mcp.Client(params, read_timeout_seconds=60) as client:
        blocked = await client.call_tool(
            "write_file", {"path": "job.py", "content": "import os\nos.system('rm ' + name)\n"}
        )
        clean = await client.call_tool(
            "write_file", {"path": "ok.py", "content": "import os\nos.remove(name)\n"}
        )

    assert blocked.is_error and "os-system-non-constant" in blocked.content[0].text
    assert not (files / "job.py").exists()
    assert not clean.is_error and (files / "ok.py").read_text() == "import os\nos.remove(name)\n"


async def test_codetamer_mcp_http_serves_streamable_http_at_slash_mcp(tmp_path: Path):
    port = free_port()
    config = tmp_path / "codetamer.toml"
    config.write_text(f'[provenance]\npath = "{tmp_path / "p.sqlite3"}"\n')
    process = subprocess.Popen(
        [CODETAMER, "mcp", "--http", "--port", str(port), "--config", str(config)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        for line in process.stderr:  # bounded by the process's own start-up
            if "Uvicorn running on" in line or "Application startup complete" in line:
                break
        async with mcp.Client(f"http://127.0.0.1:{port}/mcp", read_timeout_seconds=30) as client:
            arguments = {"code": "eval(input())\n", "language": "python"}
            result = await client.call_tool("scan_code", arguments)
    finally:
        process.terminate()
        process.wait(timeout=15)
        assert process.stderr is not None
        process.stderr.close()

    assert result.structured_content["verdict"] == "block"


async def test_generate_code_hands_out_no_code_the_policy_blocks(
    tmp_path: Path, upstream: Upstream
):
    (tmp_path / "project").mkdir()
    config = config_for(tmp_path, upstream).model_copy(
        update={"gate": Config().gate.model_copy(update={"on_fail": "block", "max_rounds": 2})}
    )
    services = Services.build(config)
    services.open()
    upstream.script.queue(Reply(content=INSECURE), Reply(content=INSECURE))
    try:
        result = await call(
            services, "generate_code", {"task": "run a command", "language": "python"}
        )
    finally:
        await services.aclose()

    assert result.is_error
    assert "subprocess-shell-true" in result.content[0].text
