"""Configuration: a TOML file loaded into typed models, or defaults from the environment.

Every model rejects unknown keys. Errors name the file, the key and the value. Secrets
are never in the file: an upstream names the environment variable holding its key.
"""

from __future__ import annotations

import os
import tomllib
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Annotated, Any, Literal

import platformdirs
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

import guards
import templates
from guards.policy import DEFAULT_TREATMENT
from proxy.auth import hash_key
from proxy.egress import HTTPProxy
from proxy.errors import ConfigError

__all__ = [
    "AuthConfig",
    "ClientKeyConfig",
    "Config",
    "GateConfig",
    "MCPConfig",
    "PolicyConfig",
    "ProvenanceConfig",
    "RedactionConfig",
    "ServerConfig",
    "TelemetryConfig",
    "TemplatesConfig",
    "ToolConfig",
    "UpstreamConfig",
    "default_provenance_path",
    "from_environment",
    "load_config",
]

EnvName = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=128)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ServerConfig(_Model):
    """Where the proxy listens and what it accepts."""

    host: str = "127.0.0.1"
    port: int = Field(default=8787, ge=0, le=65535)
    max_body_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    log_level: Literal["debug", "info", "warning", "error"] = "info"


class ClientKeyConfig(_Model):
    """One client allowed to call the proxy: its name, and its key's sha256 or env variable."""

    name: str = Field(pattern=r"^[\w.@-]{1,64}$")
    key_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    key_env: EnvName | None = None  # the environment variable holding the key

    @model_validator(mode="after")
    def _one_source(self) -> ClientKeyConfig:
        if (self.key_sha256 is None) == (self.key_env is None):
            raise ValueError("give exactly one of key_sha256 and key_env")
        return self


class AuthConfig(_Model):
    """Client keys: with any configured, every call but GET /healthz must carry one.

    Binding beyond loopback without any is refused at start.
    """

    clients: tuple[ClientKeyConfig, ...] = ()

    @model_validator(mode="after")
    def _unique_names(self) -> AuthConfig:
        names = [c.name for c in self.clients]
        if dupes := sorted({n for n in names if names.count(n) > 1}):
            raise ValueError(f"client names must be unique; repeated: {dupes}")
        return self

    def hashes(self) -> dict[str, str]:
        """The sha256 of every client key, mapped to the client's name.

        Raises:
            ConfigError: a key_env variable that is unset or holds fewer than 16 characters.
        """
        found: dict[str, str] = {}
        for client in self.clients:
            if client.key_sha256 is not None:
                digest = client.key_sha256
            else:
                assert client.key_env is not None
                key = os.environ.get(client.key_env, "")
                if len(key) < 16:
                    state = "is not set" if not key else "holds fewer than 16 characters"
                    raise ConfigError(
                        f"[[auth.clients]] '{client.name}': the environment variable "
                        f"{client.key_env} {state}."
                    )
                digest = hash_key(key)
            if digest in found:
                raise ConfigError(
                    f"[[auth.clients]] '{client.name}' has the same key as '{found[digest]}'."
                )
            found[digest] = client.name
        return found


class UpstreamConfig(_Model):
    """One model API the proxy forwards to."""

    name: str = Field(pattern=r"^[\w.-]{1,64}$")
    kind: Literal["openai", "anthropic"] = "openai"
    base_url: str = Field(pattern=r"^https?://[^\s]+$")
    api_key_env: EnvName | None = None  # the environment variable holding the key
    # pass the client's own key on (x-api-key or bearer) when this upstream has none
    pass_through_client_key: bool = False
    models: tuple[str, ...] = ("*",)
    connect_timeout: float = Field(default=10.0, gt=0, le=300)
    read_timeout: float = Field(default=600.0, gt=0, le=3600)
    # retries before the first byte of an answer: a refused connection, 429 (honouring a
    # Retry-After of up to max_retry_wait), 500, 502, 503, 504 and 529; with backoff
    max_retries: int = Field(default=2, ge=0, le=5)
    max_retry_wait: float = Field(default=10.0, ge=0, le=120)
    # the HTTP proxy to reach it through: "http://host:port", or "" for none; unset, the
    # environment decides (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY: proxy/egress.py)
    proxy: str | None = Field(default=None, max_length=2048)

    @field_validator("proxy")
    @classmethod
    def _proxy_usable(cls, value: str | None) -> str | None:
        if value and HTTPProxy.parse(value).authorization:  # a ProxyError is a ValueError
            raise ValueError(
                "credentials do not go in the file: give the proxy's URL with them in "
                "HTTPS_PROXY (or HTTP_PROXY) and leave this unset"
            )
        return value

    def serves(self, model: str) -> bool:
        """True when one of the upstream's model patterns matches the model name."""
        return any(fnmatchcase(model, pattern) for pattern in self.models)

    def api_key(self) -> str | None:
        """The key, read from the environment at the time of the call."""
        return os.environ.get(self.api_key_env) if self.api_key_env else None


class GateConfig(_Model):
    """The fix loop."""

    enabled: bool = True
    max_rounds: int = Field(default=3, ge=1, le=10)
    on_fail: Literal["annotate", "block"] = "annotate"
    keepalive_seconds: float = Field(default=5.0, gt=0, le=120)
    # a guard that raises or overruns scan_timeout_seconds: block (fail closed) | warn | ignore
    guard_errors: Literal["block", "warn", "ignore"] = "block"
    scan_timeout_seconds: float = Field(default=10.0, gt=0, le=600)
    # processes that scan side by side, each one scan at a time, with every rule compiled
    # (about 70 MB each): more keep a slow scan from holding up the others, given the cores
    scan_processes: int = Field(default=1, ge=1, le=64)


class TemplatesConfig(_Model):
    """Which secure templates go into requests."""

    inject: bool = True
    extra_dirs: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()

    def load(self) -> templates.TemplateSet:
        """The built-in templates, with the user's added and the disabled ones dropped.

        Raises:
            templates.TemplateError: a folder or template that does not load, or an
                unknown id in `disabled`.
        """
        return templates.load_templates(
            [Path(d).expanduser() for d in self.extra_dirs], disabled=self.disabled
        )


Treatment = Literal["block", "warn", "ignore"]


class WaiverConfig(_Model):
    """A rule that does not apply to some paths; the reason is recorded with each finding."""

    rule: str
    paths: tuple[str, ...] = Field(min_length=1)
    reason: str = Field(min_length=1)


class PolicyConfig(_Model):
    """What the gate does about findings: by severity, per rule (id or name), waivers by
    path, and the user's own rules (same shape as the built-in ones)."""

    severity: dict[guards.Severity, Treatment] = Field(
        default_factory=lambda: {s: t.value for s, t in DEFAULT_TREATMENT.items()}
    )
    rules: dict[str, Treatment] = Field(default_factory=dict)
    waivers: tuple[WaiverConfig, ...] = ()
    user_rules: tuple[dict[str, Any], ...] = ()
    # the most a finding in an agent's shell command can do (per-rule settings still win)
    commands: Treatment = "warn"

    def to_policy(self) -> guards.Policy:
        """The guards' policy object for this configuration."""
        by_severity = {
            **DEFAULT_TREATMENT,
            **{s: guards.Treatment(t) for s, t in self.severity.items()},
        }
        return guards.Policy(
            by_severity=by_severity,
            by_rule={k: guards.Treatment(v) for k, v in self.rules.items()},
            waivers=tuple(guards.Waiver(w.rule, w.paths, w.reason) for w in self.waivers),
            commands=guards.Treatment(self.commands),
        )


class ToolConfig(_Model):
    """A custom tool of the user's agent: the argument that carries code, and its file's."""

    code: str = Field(min_length=1, max_length=128)
    path: str | None = Field(default=None, min_length=1, max_length=128)


class MCPConfig(_Model):
    """The MCP server: the model generate_code uses, the folders scan_files may read."""

    model: str | None = None  # generate_code's model; it goes to the upstream that serves it
    roots: tuple[str, ...] = (".",)  # scan_files reads only inside these (relative: to the cwd)
    mount: bool = False  # serve the MCP server at /mcp on the proxy's own port too
    max_file_bytes: int = Field(default=2_000_000, ge=1, le=64_000_000)

    def resolved_roots(self) -> tuple[Path, ...]:
        """The roots as absolute, resolved paths."""
        return tuple(Path(r).expanduser().resolve() for r in self.roots)


class RedactionConfig(_Model):
    """Secrets in what clients send (pasted .env files, keys in code context).

    redact: replaced with stable placeholders before the request leaves, put back in the
    answer; block: the request is refused (400, naming the kinds found); off: sent as is.
    """

    prompts: Literal["redact", "block", "off"] = "redact"


class ProvenanceConfig(_Model):
    """Where exchanges are recorded and how much of the prompt is kept."""

    path: str | None = None
    prompts: Literal["redacted", "hash"] = "redacted"
    # normal: records survive the proxy being killed; full: a power loss too (an fsync
    # per batch of records, which each response waits for)
    synchronous: Literal["normal", "full"] = "normal"

    def resolved_path(self) -> Path:
        """The SQLite file, defaulting to the user's data directory."""
        return Path(self.path).expanduser() if self.path else default_provenance_path()


class TelemetryConfig(_Model):
    """OpenTelemetry spans per exchange (gen_ai conventions); needs the `otel` extra.

    The standard OTEL_* variables apply too (OTEL_EXPORTER_OTLP_ENDPOINT, _HEADERS,
    OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER...); a setting given here wins over them.
    """

    enabled: bool = False
    # prompt and answer text on the spans (gen_ai.input/output.messages), secrets redacted
    capture_content: bool = False
    service_name: str = Field(default="codetamer", min_length=1, max_length=128)
    endpoint: str | None = Field(default=None, pattern=r"^https?://[^\s]+$")  # OTLP/HTTP traces


class Config(_Model):
    """The whole configuration."""

    server: ServerConfig = ServerConfig()
    upstreams: tuple[UpstreamConfig, ...] = ()
    gate: GateConfig = GateConfig()
    templates: TemplatesConfig = TemplatesConfig()
    policy: PolicyConfig = PolicyConfig()
    provenance: ProvenanceConfig = ProvenanceConfig()
    tools: dict[str, ToolConfig] = Field(default_factory=dict)
    mcp: MCPConfig = MCPConfig()
    auth: AuthConfig = AuthConfig()
    redaction: RedactionConfig = RedactionConfig()
    telemetry: TelemetryConfig = TelemetryConfig()
    source: str = Field(default="<defaults>", exclude=True)
    _ruleset: guards.RuleSet | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _unique_upstreams(self) -> Config:
        names = [u.name for u in self.upstreams]
        if dupes := sorted({n for n in names if names.count(n) > 1}):
            raise ValueError(f"upstream names must be unique; repeated: {dupes}")
        return self

    def ruleset(self) -> guards.RuleSet:
        """The built-in rules plus the user's rules from [policy] (validated at load)."""
        if not self.policy.user_rules:
            return guards.default_ruleset()
        if self._ruleset is None:
            self._ruleset = _user_ruleset(self.source, self.policy.user_rules)
        return self._ruleset

    def upstream_for(self, model: str, kind: str = "openai") -> UpstreamConfig | None:
        """The first upstream of the API kind whose patterns match the model, or None."""
        return next((u for u in self.upstreams if u.kind == kind and u.serves(model)), None)


def default_provenance_path() -> Path:
    """codetamer's SQLite file under the user's data directory."""
    return Path(platformdirs.user_data_dir("codetamer")) / "provenance.sqlite3"


def load_config(path: Path) -> Config:
    """Load and validate a configuration file.

    Raises:
        ConfigError: the file cannot be read, is not TOML, or holds an unknown key, a
            bad value, or a policy entry for a rule that does not exist. The message
            names the file, the key and the value.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML: values nested too deeply") from None
    try:
        config = Config.model_validate({**data, "source": str(path)})
    except ValidationError as exc:
        raise ConfigError(_describe(path, exc)) from None
    try:
        ruleset = config.ruleset()
    except guards.RuleError as exc:
        raise ConfigError(str(exc)) from None
    except RecursionError:
        raise ConfigError(
            f"{path}: [policy.user_rules]: a rule's pattern is nested too deeply to compile"
        ) from None
    try:
        config.templates.load()
    except templates.TemplateError as exc:
        raise ConfigError(f"{path}: [templates]: {exc}") from None
    except RuntimeError as exc:  # Path.expanduser of ~user for a user who does not exist
        raise ConfigError(f"{path}: [templates] extra_dirs: {exc}") from None
    known = guards.known_rule_keys() | {key for rule in ruleset for key in (rule.id, rule.name)}
    for key in config.policy.rules:
        if key not in known:
            raise ConfigError(
                f"{path}: key 'policy.rules.{key}': no rule has the id or name {key!r}"
            )
    for index, waiver in enumerate(config.policy.waivers):
        if waiver.rule not in known:
            raise ConfigError(
                f"{path}: key 'policy.waivers.{index}.rule': "
                f"no rule has the id or name {waiver.rule!r}"
            )
    return config


def _user_ruleset(source: str, user_rules: tuple[dict[str, Any], ...]) -> guards.RuleSet:
    """Validate and compile the user's rules once; errors name the rule and the file.

    Raises:
        guards.RuleError: a rule that does not validate or compile, or that reuses an id.
    """
    rules = [
        guards.rule_from_mapping(dict(data), f"{source} [policy.user_rules.{index}]")
        for index, data in enumerate(user_rules)
    ]
    ruleset = guards.default_ruleset().with_rules(rules)
    for rule in rules:
        for language in rule.languages:
            guards.compile_rules(language, [rule])
    return ruleset


def _describe(path: Path, exc: ValidationError) -> str:
    err = exc.errors()[0]
    key = ".".join(str(p) for p in err["loc"]) or "(top level)"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    if err["type"] == "missing":
        return f"{path}: key '{key}': required but missing{more}"
    if err["type"] == "extra_forbidden":
        return f"{path}: key '{key}': unknown key{more}"
    if key.endswith("api_key_env"):  # someone may have pasted the key itself: never echo it
        return f"{path}: key '{key}': must be the name of an environment variable{more}"
    if key.endswith(".proxy"):  # it may hold a password
        return f"{path}: key '{key}': {err['msg']}{more}"
    value = err["input"]
    if isinstance(value, dict | list | tuple) or len(repr(value)) > 200:
        # a table's own error (e.g. repeated names): its content may hold anything
        return f"{path}: key '{key}': {err['msg']}{more}"
    return f"{path}: key '{key}': {err['msg']}, got {value!r}{more}"


def from_environment(*, ollama_answers: bool) -> Config:
    """The configuration used when no file is given: upstreams from the environment.

    OPENAI_API_KEY (and OPENAI_BASE_URL) make an "openai" upstream; a local Ollama
    that answered the caller's probe makes an "ollama" upstream. With both, OpenAI
    serves the gpt-*, o1..o9*, chatgpt-* and codex-* models and Ollama everything else.
    Anthropic's Messages API is always an upstream (kind "anthropic").
    """
    upstreams: list[UpstreamConfig] = []
    if os.environ.get("OPENAI_API_KEY"):
        upstreams.append(
            UpstreamConfig(
                name="openai",
                base_url=os.environ.get("OPENAI_BASE_URL") or "https://api.openai.com/v1",
                api_key_env="OPENAI_API_KEY",
                models=("gpt-*", "o[1-9]*", "chatgpt-*", "codex-*") if ollama_answers else ("*",),
            )
        )
    if ollama_answers:
        upstreams.append(UpstreamConfig(name="ollama", base_url="http://127.0.0.1:11434/v1"))
    # Anthropic's API is always there: with ANTHROPIC_API_KEY it is the proxy's key,
    # without it each client's own (Claude Code's login included) is passed on
    upstreams.append(
        UpstreamConfig(
            name="anthropic",
            kind="anthropic",
            # not ANTHROPIC_BASE_URL: clients set it to point at this proxy
            base_url="https://api.anthropic.com/v1",
            api_key_env="ANTHROPIC_API_KEY" if os.environ.get("ANTHROPIC_API_KEY") else None,
            pass_through_client_key=not os.environ.get("ANTHROPIC_API_KEY"),
        )
    )
    return Config(upstreams=tuple(upstreams), source="<environment>")
