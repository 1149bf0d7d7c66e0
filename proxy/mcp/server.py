"""codetamer as an MCP server: check code, generate gated code, read rules and templates.

Tools: scan_code, scan_files (inside the configured roots only), generate_code (through
the configured upstream, with templates and the fix loop, recorded in provenance),
explain_rule, secure_template, find_provenance. Resources: each template and each rule's
docs. Prompt: secure_code, a generation prompt that carries the templates.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated, Any, Literal

import orjson
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceNotFoundError, ToolError
from pydantic import BaseModel, Field

import guards
import templates
from guards.scan import MAX_SCAN_CHARS
from proxy import __version__
from proxy.dialects.anthropic_messages import AnthropicMessages
from proxy.dialects.base import Dialect, ToolCode
from proxy.dialects.openai_chat import OpenAIChat
from proxy.errors import BadRequest, ProxyError
from proxy.exchange import Exchange
from proxy.gate import Verdict
from proxy.provenance import read_records
from proxy.redaction import SECRETS_NOTE, restore_text
from proxy.services import Services

__all__ = ["build_server", "serve_http", "serve_stdio"]

_MAX_CODE = MAX_SCAN_CHARS
_MAX_FILES = 200
_PROVENANCE_SCAN = 50_000  # newest records find_provenance looks through

Verdict3 = Literal["pass", "warn", "block"]


class FindingOut(BaseModel):
    """One finding, as the tools report it."""

    rule_id: str
    name: str
    cwe: int | None
    severity: str
    line: int
    message: str
    fix: str
    treatment: str


class ScanResult(BaseModel):
    """What the guards found in one piece of code, and what the policy makes of it."""

    path: str | None
    language: str | None
    verdict: Verdict3 = Field(description="block when a finding blocks, warn when one warns")
    findings: list[FindingOut]


class FilesResult(BaseModel):
    """scan_files: one result per file, and the verdict over all of them."""

    verdict: Verdict3
    files: list[ScanResult]


class GeneratedFile(BaseModel):
    """One piece of code from the gated answer."""

    path: str | None
    language: str | None
    code: str


class GenerateResult(BaseModel):
    """generate_code: the gated code and how it got there."""

    verdict: str = Field(description="pass, repaired, warned, blocked or ungated")
    rounds: int
    exchange_id: str
    code: list[GeneratedFile]
    answer: str = Field(description="the model's whole answer text, code included")
    unresolved: list[FindingOut]


class RuleDocsOut(BaseModel):
    """A rule and its four-part docs."""

    id: str
    name: str
    languages: list[str]
    cwe: int | None
    severity: str
    what: str
    why: str
    example: str
    instead: str


class ProvenanceHit(BaseModel):
    """An exchange whose answer held the code."""

    exchange_id: str
    started_at: str
    dialect: str | None
    model: str | None
    verdict: str
    round: int
    path: str | None


def build_server(services: Services) -> MCPServer:
    """The MCP server over one set of services (shared with the proxy when mounted)."""
    config = services.config
    policy = services.gate.policy
    rules = services.gate.rules
    server = MCPServer(
        name="codetamer",
        version=__version__,
        instructions=(
            "codetamer checks code for security problems and generates code that passes its "
            "gate. Call scan_code on code before you write it; explain_rule tells why a "
            "finding matters and what to use instead."
        ),
    )

    async def judged(artifacts: list[guards.Artifact]) -> list[ScanResult]:
        # in the scan process, within the gate's budget, as the proxy's own scans
        results = []
        for artifact, report in zip(artifacts, await services.gate.scan(artifacts), strict=True):
            findings = [_finding_out(f, policy.treat_in(f, artifact.kind)) for f in report.findings]
            verdict = _worst(f.treatment for f in findings)
            results.append(
                ScanResult(
                    path=artifact.path, language=report.language, verdict=verdict, findings=findings
                )
            )
        return results

    @server.tool()
    async def scan_code(
        code: Annotated[str, Field(description="the code to check", max_length=_MAX_CODE)],
        language: Annotated[
            str | None, Field(description="python, javascript, go... (default: guessed)")
        ] = None,
        path: Annotated[str | None, Field(description="its file name, for language")] = None,
    ) -> ScanResult:
        """Check code for insecure patterns, hardcoded secrets and (for whole files) syntax."""
        if not code.strip():
            raise ToolError("'code' is empty: pass the code to check.")
        if language is not None and guards.canonical_language(language) is None:
            known = ", ".join(sorted(guards.LANGUAGES))
            raise ToolError(f"unknown language {language!r}; known: {known}")
        lang = guards.canonical_language(language) if language else None
        [result] = await judged([guards.Artifact(code, lang, path=path, origin="mcp")])
        return result

    @server.tool()
    async def scan_files(
        paths: Annotated[
            list[str],
            Field(description="files to check, inside the allowed roots", max_length=_MAX_FILES),
        ],
    ) -> FilesResult:
        """Check files on disk; only files inside the roots the configuration allows are read."""
        if not paths:
            raise ToolError("'paths' is empty: pass the files to check.")
        roots = config.mcp.resolved_roots()
        artifacts = []
        for given in paths:
            path = _inside(Path(given), roots)
            size = path.stat().st_size
            if size > config.mcp.max_file_bytes:
                raise ToolError(
                    f"{given}: {size} bytes, over the limit of {config.mcp.max_file_bytes}"
                )
            code = path.read_text(encoding="utf-8", errors="replace")
            artifacts.append(guards.Artifact(code, None, path=str(path), origin="mcp"))
        results = await judged(artifacts)
        return FilesResult(verdict=_worst(r.verdict for r in results), files=results)

    @server.tool()
    async def generate_code(
        task: Annotated[
            str, Field(description="what the code must do", min_length=1, max_length=100_000)
        ],
        language: Annotated[str, Field(description="the language to write it in")],
        context: Annotated[
            str | None, Field(description="code or notes the answer must fit", max_length=500_000)
        ] = None,
    ) -> GenerateResult:
        """Generate code through codetamer's gate: secure templates in, findings fixed in a loop."""
        return await _generate(services, task, language, context)

    @server.tool()
    def explain_rule(
        rule_id: Annotated[
            str, Field(description="a rule id (PY004) or name (sql-built-by-formatting)")
        ],
    ) -> RuleDocsOut:
        """A rule's docs: what it flags, why it is bad, an example, and what to use instead."""
        try:
            info = guards.describe(rule_id, rules)
        except guards.RuleError:
            raise ToolError(f"no rule has the id or name {rule_id!r}") from None
        return _rule_out(info)

    @server.tool()
    def secure_template(
        language: Annotated[str, Field(description="the language the code is in")],
        topic: Annotated[
            str | None,
            Field(description="a word to narrow to matching templates (secrets, logging...)"),
        ] = None,
    ) -> str:
        """The secure-coding instructions the proxy adds to requests for this language."""
        chosen = services.templates.select(guards.canonical_language(language) or language)
        if topic:
            wanted = topic.lower()
            chosen = [t for t in chosen if wanted in t.id.lower() or wanted in t.text.lower()]
        if not chosen:
            raise ToolError(
                f"no template for language {language!r}"
                + (f" and topic {topic!r}" if topic else "")
            )
        return templates.render_system_text(chosen)

    @server.tool()
    def find_provenance(
        code: Annotated[
            str | None, Field(description="the code, exactly as it was delivered")
        ] = None,
        sha256: Annotated[
            str | None, Field(description="or its sha256", pattern=r"^[0-9a-fA-F]{64}$")
        ] = None,
    ) -> list[ProvenanceHit]:
        """The exchanges whose answers held this code (by its sha256), newest first."""
        if (code is None) == (sha256 is None):
            raise ToolError("pass exactly one of 'code' or 'sha256'.")
        digest = (
            sha256 or hashlib.sha256((code or "").encode("utf-8", "surrogatepass")).hexdigest()
        ).lower()
        path = config.provenance.resolved_path()
        if not path.exists():
            return []
        hits = []
        for stored in read_records(path, limit=_PROVENANCE_SCAN, newest_first=True):
            record = stored.record
            for round_ in record.get("rounds") or ():
                for artifact in round_.get("artifacts") or ():
                    if artifact.get("sha256") == digest:
                        hits.append(
                            ProvenanceHit(
                                exchange_id=record["id"],
                                started_at=record.get("started_at", ""),
                                dialect=record.get("dialect"),
                                model=record.get("model"),
                                verdict=record.get("verdict", ""),
                                round=round_.get("number", 0),
                                path=artifact.get("path"),
                            )
                        )
        return hits

    for template in services.templates:
        _add_template_resource(server, template)

    @server.resource(
        "codetamer://rules/{rule_id}",
        name="rule",
        description="A rule's four-part docs, by id or name",
        mime_type="application/json",
    )
    def rule_resource(rule_id: str) -> str:
        try:
            return _rule_out(guards.describe(rule_id, rules)).model_dump_json(indent=2)
        except guards.RuleError:
            raise ResourceNotFoundError(f"no rule has the id or name {rule_id!r}") from None

    @server.resource("codetamer://rules", name="rules", mime_type="application/json")
    def rules_resource() -> str:
        listed = [
            {"id": r.id, "name": r.name, "cwe": r.cwe, "severity": r.severity.value} for r in rules
        ]
        return orjson.dumps(listed, option=orjson.OPT_INDENT_2).decode()

    @server.prompt(
        name="secure_code", description="Write code the secure way, with codetamer's templates"
    )
    def secure_code(task: str, language: str) -> str:
        chosen = services.templates.select(guards.canonical_language(language) or language)
        return f"{templates.render_system_text(chosen)}\n\nTask ({language}): {task}"

    return server


def _add_template_resource(server: MCPServer, template: templates.Template) -> None:
    @server.resource(
        f"codetamer://templates/{template.id}",
        name=template.id,
        description=f"secure template {template.id} v{template.version}",
        mime_type="text/plain",
    )
    def read() -> str:
        return template.text


async def _generate(
    services: Services, task: str, language: str, context: str | None
) -> GenerateResult:
    config = services.config
    model = config.mcp.model
    if not model:
        raise ToolError("generate_code needs a model: set [mcp] model in the configuration.")
    tools = {name: ToolCode(t.code, t.path) for name, t in config.tools.items()}
    dialect: Dialect = OpenAIChat(tools)
    if config.upstream_for(model, "openai") is None and config.upstream_for(model, "anthropic"):
        dialect = AnthropicMessages(tools)
    lang = guards.canonical_language(language) or language
    prompt = (
        f"Write {language} code for this task. Answer with the code in a fenced block.\n\n"
        f"Task: {task}"
    )
    if context:
        prompt += f"\n\nContext:\n{context}"
    body: dict[str, Any] = {"model": model, "messages": [{"role": "user", "content": prompt}]}
    if dialect.upstream_kind == "anthropic":
        body["max_tokens"] = 8192
    exchange = Exchange(dialect=f"mcp.generate_code.{dialect.name}", client="mcp")
    exchange.model = model
    if config.redaction.prompts != "off":  # secrets in the task or context, as the proxy does
        body, redaction = services.redactor.redact_body(body)
        exchange.prompt_secrets = list(redaction.kinds)
        if redaction.found and config.redaction.prompts == "block":
            exchange.error = BadRequest(
                "the task or context holds secrets", code="secret_in_prompt"
            )
            exchange.status = 400
            await services.record(exchange)
            raise ToolError(
                f"generate_code: the task or context holds secrets ({', '.join(redaction.kinds)}) "
                'and [redaction] prompts = "block"; remove them.'
            )
        exchange.restore = redaction.restore
    exchange.prompt = body["messages"][0]["content"]
    try:
        upstream = services.upstream_for(model, dialect.upstream_kind)
        exchange.upstream = upstream.name
        system = ""
        if config.templates.inject:
            exchange.templates = services.templates.select(lang)
            system = templates.render_system_text(exchange.templates) if exchange.templates else ""
        if exchange.restore:
            system = f"{system}\n\n{SECRETS_NOTE}" if system else SECRETS_NOTE
        if system:
            body = dialect.inject_system(body, system)
        outcome = await services.gate.run(
            dialect, upstream, body, stream=False, placeholders=exchange.restore.keys()
        )
    except ProxyError as exc:
        exchange.error, exchange.status = exc, exc.status
        await services.record(exchange)
        raise ToolError(f"generate_code failed: {exc.message}") from None
    exchange.outcome, exchange.error = outcome, outcome.error
    final = outcome.final
    if outcome.error is not None or final is None:
        error = outcome.error or ProxyError("the gate produced no answer")
        exchange.status = error.status
        await services.record(exchange)
        raise ToolError(f"generate_code failed: {error.message}")
    exchange.verdict = (outcome.verdict or Verdict.PASS).value
    exchange.model_served = dialect.served_model(final.response)
    exchange.usage = dialect.usage(final.response)
    await services.record(exchange)
    if outcome.verdict is Verdict.BLOCKED:  # on_fail = "block": the code is not handed out
        listed = "; ".join(f"{f.name} (line {f.line})" for _, f in final.blocking)
        raise ToolError(
            f"generate_code: the code still fails the gate after {len(outcome.rounds)} "
            f"round(s) and the policy blocks it: {listed} (exchange {exchange.id})"
        )
    answer = final.response if outcome.merged is None else outcome.merged
    artifacts = dialect.artifacts(answer)
    policy = services.gate.policy
    return GenerateResult(
        verdict=exchange.verdict,
        rounds=outcome.calls,
        exchange_id=exchange.id,
        code=[
            GeneratedFile(
                path=a.path, language=a.language, code=restore_text(a.content, exchange.restore)
            )
            for a in artifacts
        ],
        answer=restore_text(_answer_text(answer), exchange.restore),
        unresolved=[_finding_out(f, policy.treat_in(f, a.kind)) for a, f in final.blocking],
    )


def _answer_text(response: dict[str, Any]) -> str:
    """The text of an answer in either API's shape."""
    parts: list[str] = []
    for choice in response.get("choices") or ():
        content = (choice.get("message") or {}).get("content")
        if isinstance(content, str):
            parts.append(content)
    for block in response.get("content") or ():
        if isinstance(block, dict) and block.get("type") == "text":
            parts.append(str(block.get("text", "")))
    return "\n".join(parts)


def _inside(path: Path, roots: tuple[Path, ...]) -> Path:
    """The resolved path, when it is a file inside one of the roots; otherwise a tool error."""
    resolved = path.expanduser().resolve()
    if not any(resolved == root or resolved.is_relative_to(root) for root in roots):
        allowed = ", ".join(str(r) for r in roots)
        raise ToolError(f"{path}: outside the allowed roots ({allowed}); not read")
    if not resolved.is_file():
        raise ToolError(f"{path}: not a file")
    return resolved


def _finding_out(finding: guards.Finding, treatment: guards.Treatment) -> FindingOut:
    return FindingOut(
        rule_id=finding.rule_id,
        name=finding.name,
        cwe=finding.cwe,
        severity=finding.severity.value,
        line=finding.line,
        message=finding.message,
        fix=finding.fix,
        treatment=treatment.value,
    )


def _worst(treatments: Any) -> Verdict3:
    seen = set(treatments)
    if "block" in seen:
        return "block"
    return "warn" if "warn" in seen else "pass"


def _rule_out(info: guards.RuleInfo) -> RuleDocsOut:
    return RuleDocsOut(
        id=info.id,
        name=info.name,
        languages=list(info.languages),
        cwe=info.cwe,
        severity=info.severity.value,
        what=info.what,
        why=info.why,
        example=info.example,
        instead=info.instead,
    )


async def serve_stdio(services: Services) -> None:
    """Serve the MCP server over stdin/stdout until the client closes it."""
    services.open()
    try:
        await build_server(services).run_stdio_async()
    finally:
        await services.aclose()


async def serve_http(services: Services, host: str, port: int) -> None:
    """Serve the MCP server over streamable HTTP at /mcp."""
    import uvicorn

    from proxy.auth import AuthMiddleware, ClientKeys

    keys = ClientKeys(services.config.auth.hashes())
    mcp_app = build_server(services).streamable_http_app(streamable_http_path="/mcp", host=host)
    app = AuthMiddleware(mcp_app, keys)
    services.open()
    try:
        settings = uvicorn.Config(
            app, host=host, port=port, log_config=None, access_log=False, proxy_headers=False
        )
        await uvicorn.Server(settings).serve()
    finally:
        await services.aclose()
