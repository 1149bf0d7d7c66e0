"""The MCP gateway, driven with the real MCP client.

The downstream is tests/mcp_servers/write_server.py: in-process where the test is about
what the gateway relays or gates, over stdio where it is about a process that crashes,
hangs or writes malformed messages. One test runs the gateway itself over stdio, in a
subprocess, the way `codetamer mcp --wrap` runs it.
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

import anyio
import mcp
import pytest
from mcp import types
from mcp.server import Server

from guards.isolated import ScanPool
from proxy.config import Config, GateConfig, ProvenanceConfig, ToolConfig
from proxy.errors import UpstreamTimeout, UpstreamUnreachable
from proxy.gate import Gate
from proxy.mcp.gateway import GATE_META_KEY, build_gateway, open_downstream, serve_gateway
from proxy.provenance import ProvenanceStore, read_records, verify
from tests.guards.faulty import CRASH
from tests.mcp_servers.write_server import README, build_server

REPO = Path(__file__).resolve().parents[2]
AWS_KEY = "AKIA" + "Z7QXW3RT5MNB2KLP"  # an AWS key id's shape, no placeholder
LEAKY = f'import boto3\n\nAWS_ACCESS_KEY_ID = "{AWS_KEY}"\n'
INJECTION = 'import os\n\n\ndef remove(name):\n    os.system("rm " + name)\n'
CLEAN = 'import os\n\n\ndef key():\n    return os.environ["AWS_ACCESS_KEY_ID"]\n'
WEAK_HASH = "import hashlib\n\n\ndef digest(data):\n    return hashlib.md5(data).hexdigest()\n"
BOUND = 30  # seconds any one test's MCP traffic may take


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    return folder


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(provenance=ProvenanceConfig(path=str(tmp_path / "provenance.sqlite3")))


@pytest.fixture
def store(config: Config) -> Iterator[ProvenanceStore]:
    opened = ProvenanceStore(config.provenance.resolved_path())
    yield opened
    opened.close()


def stdio_command(root: Path) -> list[str]:
    return [sys.executable, "-m", "tests.mcp_servers.write_server", str(root)]


@asynccontextmanager
async def gateway(
    config: Config,
    store: ProvenanceStore,
    target: Any,
    *,
    call_timeout: float = 20.0,
    downstream_mode: Literal["auto", "legacy"] = "auto",
    client_mode: Literal["auto", "legacy"] = "auto",
    scanner: ScanPool | None = None,
) -> AsyncIterator[mcp.Client]:
    """A client connected in-process to the gateway in front of `target`."""
    with anyio.fail_after(BOUND):
        async with (
            open_downstream(
                target, call_timeout=call_timeout, start_timeout=20.0, mode=downstream_mode
            ) as downstream,
            mcp.Client(
                build_gateway(config, downstream, store, scanner), mode=client_mode
            ) as client,
        ):
            assert downstream.client is not None
            yield client


def text(result: types.CallToolResult) -> str:
    return "\n".join(c.text for c in result.content if isinstance(c, types.TextContent))


def gate_meta(result: types.CallToolResult) -> dict[str, Any]:
    assert result.meta is not None
    meta: dict[str, Any] = result.meta[GATE_META_KEY]
    return meta


def records(config: Config) -> list[dict[str, Any]]:
    return [r.record for r in read_records(config.provenance.resolved_path())]


def without_meta(result: Any) -> dict[str, Any]:
    dumped: dict[str, Any] = result.model_dump(exclude={"meta"})
    return dumped


async def test_a_clean_write_reaches_the_downstream_and_its_result_comes_back_unchanged(
    config: Config, store: ProvenanceStore, root: Path, tmp_path: Path
) -> None:
    arguments = {"path": "keys.py", "content": CLEAN}
    async with gateway(config, store, build_server(root)) as client:
        result = await client.call_tool("write_file", arguments)
    direct_root = tmp_path / "direct"
    direct_root.mkdir()
    async with mcp.Client(build_server(direct_root)) as direct:
        expected = await direct.call_tool("write_file", arguments)

    assert (root / "keys.py").read_text() == CLEAN
    assert not result.is_error
    assert result.content == expected.content
    assert result.structured_content == expected.structured_content
    assert gate_meta(result)["verdict"] == "pass"


@pytest.mark.parametrize(
    ("code", "rule_id", "name", "cwe", "line"),
    [
        (LEAKY, "SEC001", "aws-access-key-id", 798, 3),
        (INJECTION, "PY002", "os-system-non-constant", 78, 5),
    ],
)
async def test_a_write_whose_code_fails_the_gate_is_not_forwarded_and_lists_the_findings(
    config: Config,
    store: ProvenanceStore,
    root: Path,
    code: str,
    rule_id: str,
    name: str,
    cwe: int,
    line: int,
) -> None:
    async with gateway(config, store, build_server(root)) as client:
        result = await client.call_tool("write_file", {"path": "app.py", "content": code})

    assert not (root / "app.py").exists()
    assert result.is_error
    message = text(result)
    assert message.startswith("codetamer blocked this call to write_file")
    assert f"app.py, line {line}: {name} ({rule_id}, CWE-{cwe}" in message
    assert "Problem: " in message
    assert "Use instead: " in message
    meta = gate_meta(result)
    assert meta["verdict"] == "blocked"
    assert [(f["rule_id"], f["line"], f["path"]) for f in meta["blocking"]] == [
        (rule_id, line, "app.py")
    ]
    assert meta["exchange_id"] in message


async def test_a_write_with_only_warnings_is_forwarded_with_the_warnings_in_meta(
    config: Config, store: ProvenanceStore, root: Path
) -> None:
    async with gateway(config, store, build_server(root)) as client:
        result = await client.call_tool("write_file", {"path": "h.py", "content": WEAK_HASH})

    assert (root / "h.py").read_text() == WEAK_HASH
    assert not result.is_error
    meta = gate_meta(result)
    assert meta["verdict"] == "warned"
    assert [f["name"] for f in meta["warnings"]] == ["insecure-hash-md5-sha1"]


async def test_a_custom_tool_mapped_in_the_config_is_gated_by_its_code_argument(
    config: Config, store: ProvenanceStore, root: Path
) -> None:
    mapped = config.model_copy(update={"tools": {"save": ToolConfig(code="body", path="dest")}})
    call = {"dest": "cfg.py", "body": LEAKY}
    async with gateway(mapped, store, build_server(root)) as client:
        gated = await client.call_tool("save", call)
    async with gateway(config, store, build_server(root)) as client:
        unmapped = await client.call_tool("save", call)

    assert gated.is_error
    assert "cfg.py, line 3: aws-access-key-id" in text(gated)
    # without the mapping "body" is not a code argument: the call goes to the downstream,
    # which has no such tool
    assert unmapped.is_error
    assert text(unmapped) == "Unknown tool: save"


async def test_tools_resources_and_prompts_pass_through_unchanged(
    config: Config, store: ProvenanceStore, root: Path
) -> None:
    (root / "notes.txt").write_text("hello")
    async with (
        mcp.Client(build_server(root)) as direct,
        gateway(config, store, build_server(root)) as client,
    ):
        assert client.instructions == direct.instructions
        for method in ("list_tools", "list_resources", "list_resource_templates", "list_prompts"):
            relayed = await getattr(client, method)()
            own = await getattr(direct, method)()
            assert without_meta(relayed) == without_meta(own), method
        for uri in ("notes://readme", "files://notes.txt"):
            relayed_resource = await client.read_resource(uri)
            assert without_meta(relayed_resource) == without_meta(await direct.read_resource(uri))
        prompt = await client.get_prompt("review", {"path": "notes.txt"})
        assert without_meta(prompt) == without_meta(
            await direct.get_prompt("review", {"path": "notes.txt"})
        )
        read = await client.call_tool("read_file", {"path": "notes.txt"})
        assert read.content == (await direct.call_tool("read_file", {"path": "notes.txt"})).content
        assert read.meta is None or GATE_META_KEY not in read.meta  # no code: not gated
        with pytest.raises(mcp.MCPError) as relayed_error:
            await client.read_resource("notes://missing")
        with pytest.raises(mcp.MCPError) as own_error:
            await direct.read_resource("notes://missing")
    assert relayed_error.value.error == own_error.value.error


async def test_the_gateway_serves_only_what_the_downstream_serves(
    config: Config, store: ProvenanceStore
) -> None:
    schema = {"type": "object", "properties": {"x": {"type": "integer"}}, "x-vendor": [1, 2]}

    async def list_tools(ctx: Any, params: Any) -> types.ListToolsResult:
        return types.ListToolsResult(tools=[types.Tool(name="double", input_schema=schema)])

    async def call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        doubled = 2 * (params.arguments or {})["x"]
        return types.CallToolResult(content=[types.TextContent(type="text", text=str(doubled))])

    tools_only = Server("tools-only", on_list_tools=list_tools, on_call_tool=call_tool)
    async with gateway(config, store, tools_only) as client:
        capabilities = client.server_capabilities
        (tool,) = (await client.list_tools()).tools
        doubled = await client.call_tool("double", {"x": 21})
        with pytest.raises(mcp.MCPError) as prompts:
            await client.list_prompts()

    assert capabilities.tools is not None
    assert (capabilities.resources, capabilities.prompts, capabilities.completions) == (
        None,
        None,
        None,
    )
    assert tool.input_schema == schema  # vendor keys and all
    assert text(doubled) == "42"
    assert prompts.value.error.code == types.METHOD_NOT_FOUND


async def test_the_listed_tool_schemas_are_the_downstreams_own_json(
    config: Config, store: ProvenanceStore, root: Path
) -> None:
    async with (
        mcp.Client(build_server(root)) as direct,
        gateway(config, store, build_server(root)) as client,
    ):
        relayed = {
            t.name: (t.input_schema, t.output_schema) for t in (await client.list_tools()).tools
        }
        own = {t.name: (t.input_schema, t.output_schema) for t in (await direct.list_tools()).tools}
    assert relayed == own
    assert relayed["write_file"][0]["required"] == ["path", "content"]


@pytest.mark.parametrize(
    ("downstream_mode", "client_mode"),
    [("legacy", "auto"), ("auto", "legacy"), ("legacy", "legacy")],
)
async def test_the_gateway_relays_between_protocol_eras(
    config: Config,
    store: ProvenanceStore,
    root: Path,
    downstream_mode: Literal["auto", "legacy"],
    client_mode: Literal["auto", "legacy"],
) -> None:
    async with (
        mcp.Client(build_server(root)) as direct,
        gateway(
            config,
            store,
            build_server(root),
            downstream_mode=downstream_mode,
            client_mode=client_mode,
        ) as client,
    ):
        tools = await client.list_tools()
        readme = await client.read_resource("notes://readme")
        prompt = await client.get_prompt("review", {"path": "a.py"})
        blocked = await client.call_tool("write_file", {"path": "bad.py", "content": LEAKY})
        clean = await client.call_tool("write_file", {"path": "ok.py", "content": CLEAN})
        own_tools = await direct.list_tools()

    assert [t.name for t in tools.tools] == [t.name for t in own_tools.tools]
    (content,) = readme.contents
    assert isinstance(content, types.TextResourceContents)
    assert content.text == README
    assert prompt.messages[0].content == types.TextContent(
        type="text", text="Review the file a.py for security problems."
    )
    assert blocked.is_error
    assert not clean.is_error
    assert (root / "ok.py").read_text() == CLEAN
    assert not (root / "bad.py").exists()


async def test_every_gated_call_gets_one_provenance_record(
    config: Config, store: ProvenanceStore, root: Path
) -> None:
    async with gateway(config, store, build_server(root)) as client:
        await client.call_tool("write_file", {"path": "ok.py", "content": CLEAN})
        blocked = await client.call_tool("write_file", {"path": "bad.py", "content": LEAKY})
        await client.call_tool("write_file", {"path": "h.py", "content": WEAK_HASH})
        await client.call_tool("read_file", {"path": "ok.py"})  # carries no code

    found = records(config)
    assert [(r["dialect"], r["tool"]["name"], r["verdict"]) for r in found] == [
        ("mcp.gateway", "write_file", "pass"),
        ("mcp.gateway", "write_file", "blocked"),
        ("mcp.gateway", "write_file", "warned"),
    ]
    assert [r["tool"]["forwarded"] for r in found] == [True, False, True]
    assert [r["status"] for r in found] == [200, 422, 200]
    assert found[1]["id"] == gate_meta(blocked)["exchange_id"]
    assert found[1]["upstream"] == "write-server"
    (artifact,) = found[1]["rounds"][0]["artifacts"]
    assert (artifact["path"], artifact["language"], artifact["lines"]) == ("bad.py", "python", 3)
    assert [(f["rule_id"], f["treatment"]) for f in artifact["findings"]] == [("SEC001", "block")]
    assert verify(config.provenance.resolved_path()) == (3, None)


async def test_a_guard_that_crashes_fails_closed_and_the_next_call_is_judged(
    config: Config, store: ProvenanceStore, root: Path, faulty_scanner: ScanPool
) -> None:
    crashing = f"# {CRASH}\n{CLEAN}"  # the scan process dies of SIGSEGV on it
    async with gateway(config, store, build_server(root), scanner=faulty_scanner) as client:
        crashed = await client.call_tool("write_file", {"path": "ok.py", "content": crashing})
        assert not (root / "ok.py").exists()
        judged = await client.call_tool("write_file", {"path": "ok.py", "content": CLEAN})

    assert crashed.is_error
    assert "guard-failed (SCAN003" in text(crashed) and "signal SIGSEGV" in text(crashed)
    assert not judged.is_error and (root / "ok.py").read_text() == CLEAN
    first, second = records(config)
    assert (first["verdict"], first["status"], second["verdict"]) == ("blocked", 422, "pass")
    [artifact] = first["rounds"][0]["artifacts"]
    assert [(f["rule_id"], f["treatment"]) for f in artifact["findings"]] == [("SCAN003", "block")]


async def test_a_bug_in_the_gate_itself_fails_closed_and_the_call_is_recorded(
    config: Config, store: ProvenanceStore, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # no input reaches this path (the scan's own failures are findings): a bug is injected
    async def broken(self: Gate, artifacts: Any) -> list[Any]:
        raise RuntimeError("a bug in the gate")

    monkeypatch.setattr(Gate, "scan", broken)
    async with gateway(config, store, build_server(root)) as client:
        result = await client.call_tool("write_file", {"path": "ok.py", "content": CLEAN})

    assert result.is_error and "internal error" in text(result)
    assert gate_meta(result)["verdict"] == "blocked"
    assert not (root / "ok.py").exists()
    [record] = records(config)
    assert (record["verdict"], record["status"]) == ("blocked", 500)
    assert "internal error" in record["error"]["message"]
    assert record["tool"]["forwarded"] is False
    assert verify(config.provenance.resolved_path()) == (1, None)


async def test_with_the_gate_switched_off_calls_are_forwarded_and_recorded_as_ungated(
    config: Config, store: ProvenanceStore, root: Path
) -> None:
    off = config.model_copy(update={"gate": GateConfig(enabled=False)})
    async with gateway(off, store, build_server(root)) as client:
        result = await client.call_tool("write_file", {"path": "bad.py", "content": LEAKY})

    assert not result.is_error
    assert (root / "bad.py").exists()
    assert [r["verdict"] for r in records(config)] == ["ungated"]


async def test_a_downstream_crash_is_reported_and_later_requests_get_a_clear_error(
    config: Config, store: ProvenanceStore, root: Path
) -> None:
    command = stdio_command(root)
    async with gateway(config, store, command) as client:
        crashed = await client.call_tool("crash", {})
        later = await client.call_tool("write_file", {"path": "ok.py", "content": CLEAN})
        with pytest.raises(mcp.MCPError) as listing:
            await client.list_tools()

    for result in (crashed, later):
        assert result.is_error
        assert "has exited or closed its output" in text(result)
        assert "tests.mcp_servers.write_server" in text(result)
        assert "Traceback" not in text(result)
    assert "cannot forward tools/list" in listing.value.error.message
    assert not (root / "ok.py").exists()
    (record,) = records(config)  # the write carried code: recorded, with what went wrong
    assert (record["verdict"], record["status"], record["error"]["type"]) == (
        "pass",
        502,
        "upstream_error",
    )
    assert record["error"]["code"] == "upstream_unreachable"


async def test_a_downstream_that_hangs_times_out_and_the_gateway_keeps_serving(
    config: Config, store: ProvenanceStore, root: Path
) -> None:
    async with gateway(config, store, stdio_command(root), call_timeout=1.0) as client:
        hung = await client.call_tool("hang", {})
        after = await client.call_tool("write_file", {"path": "ok.py", "content": CLEAN})

    assert hung.is_error
    assert "did not answer tools/call within 1 s" in text(hung)
    assert gate_meta(hung) == {"error": "upstream_timeout"}
    assert not after.is_error
    assert (root / "ok.py").read_text() == CLEAN


async def test_a_malformed_answer_is_reported_clearly_and_the_gateway_keeps_serving(
    config: Config, store: ProvenanceStore, root: Path
) -> None:
    (root / "notes.txt").write_text("hello")
    async with gateway(config, store, stdio_command(root), call_timeout=1.0) as client:
        garbled = await client.call_tool("garble", {})
        after = await client.call_tool("read_file", {"path": "notes.txt"})
        noisy = await client.call_tool("noise", {})

    assert garbled.is_error
    assert "answered tools/call with a malformed result (CallToolResult.content" in text(garbled)
    assert "not a list" not in text(garbled)  # the downstream's data is not echoed
    assert not after.is_error
    assert text(after) == "hello"
    assert noisy.is_error
    assert "1 line that was not JSON-RPC" in text(noisy)


async def test_a_downstream_that_cannot_start_raises_a_clear_error(config: Config) -> None:
    send, receive = anyio.create_memory_object_stream[Any](1)
    with anyio.fail_after(BOUND):
        with pytest.raises(UpstreamUnreachable, match=r"cannot start .*no-such-mcp-server"):
            await serve_gateway(config, ["no-such-mcp-server"], streams=(receive, send))
        exits = [sys.executable, "-c", "import sys; sys.exit(3)"]
        with pytest.raises(UpstreamUnreachable, match="exited before the MCP handshake"):
            await serve_gateway(config, exits, streams=(receive, send))
        silent = [sys.executable, "-c", "import sys; print('hello'); sys.stdin.read()"]
        with pytest.raises(UpstreamTimeout, match="1 line that was not JSON-RPC"):
            async with open_downstream(silent, start_timeout=0.5, mode="legacy"):
                pass
    send.close()
    receive.close()


async def test_the_gateway_serves_over_stdio_the_way_the_cli_runs_it(
    config: Config, root: Path
) -> None:
    store = config.provenance.resolved_path()
    runner = (
        "import asyncio, sys\n"
        "from proxy.config import Config, ProvenanceConfig\n"
        "from proxy.logs import configure_logging\n"
        "from proxy.mcp.gateway import serve_gateway\n"
        "configure_logging()\n"
        "config = Config(provenance=ProvenanceConfig(path=sys.argv[1]))\n"
        "asyncio.run(serve_gateway(config, sys.argv[2:], call_timeout=20))\n"
    )
    params = mcp.StdioServerParameters(
        command=sys.executable,
        args=["-c", runner, str(store), *stdio_command(root)],
        cwd=REPO,
    )
    with anyio.fail_after(BOUND):
        async with mcp.Client(params, mode="legacy") as client:
            assert client.server_info is not None
            assert client.server_info.name == "codetamer-gateway"
            tools = await client.list_tools()
            blocked = await client.call_tool("write_file", {"path": "bad.py", "content": LEAKY})
            clean = await client.call_tool("write_file", {"path": "ok.py", "content": CLEAN})

    assert {t.name for t in tools.tools} >= {"write_file", "read_file"}
    assert blocked.is_error
    assert "aws-access-key-id (SEC001, CWE-798" in text(blocked)
    assert not (root / "bad.py").exists()
    assert not clean.is_error
    assert (root / "ok.py").read_text() == CLEAN
    assert [r.record["verdict"] for r in read_records(store)] == ["blocked", "pass"]


def test_secrets_in_the_wrapped_command_line_are_masked_in_its_label():
    from proxy.mcp.downstream import _label

    label = _label(
        [
            "env",
            "DB_PASSWORD=Qz8vLm2pR7xY",
            "server",
            "--api-key",
            "grvt1li4BscJNHYILsuJ1TMl7zODbfIM",
        ]
    )

    assert "Qz8vLm2pR7xY" not in label and "grvt1li4" not in label
    assert label.startswith("env 'DB_PASSWORD=[REDACTED]' server --api-key")
