"""A downstream MCP server for the gateway's tests: it writes and reads files under ROOT.

Run it as `python -m tests.mcp_servers.write_server ROOT`, or build it in-process with
`build_server(root)`. Besides its file tools, a resource, a resource template and a
prompt, it has tools that misbehave on purpose, for the downstream-failure tests (over
stdio only; in-process, `crash` would end the test run itself):

- `crash` exits the process with status 3 before answering;
- `hang` never answers;
- `garble` answers its own call with a JSON-RPC response whose result is not a tool
  result, then answers again properly (too late: the first answer was taken);
- `noise` writes a line that is not JSON-RPC to stdout, then never answers.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import anyio
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.stdio import stdio_server

INSTRUCTIONS = "Writes and reads text files under one folder. Paths are relative to it."
README = "This server keeps text files under one folder; write_file and read_file use them."

_wire: io.BufferedWriter | None = None  # stdout, when serving over stdio


def build_server(root: Path) -> MCPServer:
    """The server, writing under `root`."""
    server = MCPServer("write-server", instructions=INSTRUCTIONS, version="1.0.0")
    base = root.resolve()

    def inside(path: str) -> Path:
        target = (base / path).resolve()
        if not target.is_relative_to(base):
            raise ValueError(f"{path!r} is outside the server's folder")
        return target

    @server.tool(description="Write a text file (created or replaced).")
    def write_file(path: str, content: str) -> str:
        target = inside(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        return f"wrote {len(content)} characters to {path}"

    @server.tool(description="Read a text file.")
    def read_file(path: str) -> str:
        return inside(path).read_text(encoding="utf-8")

    @server.tool(description="Exit the server process at once (status 3).")
    def crash() -> str:
        sys.stderr.write("write-server: crashing on request\n")
        sys.stderr.flush()
        os._exit(3)

    @server.tool(description="Never answer.")
    async def hang() -> str:
        await anyio.sleep_forever()
        return "unreachable"

    @server.tool(description="Answer this call with a malformed result first.")
    def garble(ctx: Context) -> str:
        request_id = int(ctx.request_id) if ctx.request_id.isdigit() else ctx.request_id
        malformed = {"jsonrpc": "2.0", "id": request_id, "result": {"content": "not a list"}}
        _write_raw(json.dumps(malformed))
        return "the proper answer, too late"

    @server.tool(description="Write a line that is not JSON-RPC to stdout, then never answer.")
    async def noise() -> str:
        _write_raw("write-server: this line is not JSON-RPC")
        await anyio.sleep_forever()
        return "unreachable"

    @server.resource("notes://readme", name="readme", mime_type="text/plain")
    def readme() -> str:
        return README

    @server.resource("files://{name}", name="file", mime_type="text/plain")
    def file(name: str) -> str:
        return inside(name).read_text(encoding="utf-8")

    @server.prompt(description="Ask for a review of one file.")
    def review(path: str) -> str:
        return f"Review the file {path} for security problems."

    return server


def _write_raw(line: str) -> None:
    if _wire is None:
        raise RuntimeError("raw output needs the server to run over stdio")
    _wire.write(line.encode() + b"\n")
    _wire.flush()


async def _serve(root: Path) -> None:
    global _wire
    _wire = sys.stdout.buffer  # type: ignore[assignment]  # a BufferedWriter on a pipe
    # explicit streams keep fd 1 as the wire, so the misbehaving tools can write to it
    stdout = anyio.wrap_file(io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8"))
    server = build_server(root)._lowlevel_server
    async with stdio_server(stdout=stdout) as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


def main() -> None:
    """Serve over stdio; the one argument is the folder to write under."""
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.mcp_servers.write_server ROOT")
    anyio.run(_serve, Path(sys.argv[1]))


if __name__ == "__main__":
    main()
