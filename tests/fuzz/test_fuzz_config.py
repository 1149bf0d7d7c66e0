"""load_config on arbitrary TOML documents: right and wrong keys, right and wrong types.

Whatever the file holds, loading either gives a Config or raises ConfigError whose
message names the file, and no message ever repeats the value of an
`api_key_env` key (someone may have pasted the key itself there), or the password of a
proxy URL. A proxy URL on its own (as HTTPS_PROXY gives it) parses or is one ProxyError.

Inputs that once escaped as other exceptions have their own regression tests at the end.
"""

from __future__ import annotations

import json
import math
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from guards.rules.schema import Where
from proxy.config import (
    AuthConfig,
    ClientKeyConfig,
    Config,
    GateConfig,
    MCPConfig,
    PolicyConfig,
    ProvenanceConfig,
    ServerConfig,
    TemplatesConfig,
    ToolConfig,
    UpstreamConfig,
    WaiverConfig,
    load_config,
)
from proxy.egress import HTTPProxy, ProxyError
from proxy.errors import ConfigError

# values that look like pasted keys: one is a valid variable name, the other is not
SECRETS = ("sk_live_Zq81xWv03LmPpaR7", "sk-proj-Hh2Kk9Tt4Rr6Yy1U")
PROXY_PASSWORD = "pr0xyPw-Vb52Nn8Qq3"  # in proxy URLs: never in a message

_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x7f"), max_size=12)
_SCALARS = st.one_of(
    _TEXT,
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
)
_ANY = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=8,
)
_PLAUSIBLE = st.one_of(
    st.sampled_from(
        [
            "http://127.0.0.1:9/v1",
            "https://api.example.com/v1",
            "ftp://x",
            "gpt-*",
            "*",
            "block",
            "warn",
            "ignore",
            "annotate",
            "info",
            "openai",
            "anthropic",
            "OPENAI_API_KEY",
            "high",
            "critical",
            "PY001",
            "subprocess-shell-true",
            "no-such-rule",
            "redacted",
            "/nonexistent-codetamer-dir",
            "python",
            "a",
            "",
        ]
    ),
    st.integers(min_value=-5, max_value=70_000),
    st.floats(min_value=-1, max_value=1000, allow_nan=False),
    st.booleans(),
    st.lists(st.sampled_from(["gpt-*", "python", "PY001", "*.py", "x"]), max_size=3),
)
_VALUES = st.one_of(_PLAUSIBLE, _PLAUSIBLE, _ANY)


_DROP = object()  # a mutation that removes the key


def _mutated(model: type[BaseModel], valid: dict[str, Any], **special: st.SearchStrategy[Any]):
    """A valid table of the model with at most three keys changed, dropped or added."""
    keys = [*(k for k in model.model_fields if k != "source"), "bogus_key"]
    values = {k: special.get(k, _VALUES) | st.just(_DROP) for k in keys}
    changed = st.lists(st.sampled_from(keys), unique=True, min_size=1, max_size=3).flatmap(
        lambda chosen: st.fixed_dictionaries({k: values[k] for k in chosen}).map(
            lambda changes: {k: v for k, v in {**valid, **changes}.items() if v is not _DROP}
        )
    )
    # valid as it is half the time, so that later checks (across keys and sections) run too
    return st.one_of(st.just(valid), changed)


_DOCS = {"what": "a", "why": "b", "example": "c", "instead": "d"}
_QUERIES = st.sampled_from(
    [
        "((identifier) @x)",
        '((identifier) @x (#match? @x "("))',
        '((identifier) @x (#match? @x "^a+$"))',
        "((nope) @x)",
        "((call) @x (#eq? @x))",
        "(",
        "",
    ]
)
_USER_RULE = _mutated(
    BaseModel,
    {
        "id": "XX001",
        "name": "my-rule",
        "languages": ["python"],
        "severity": "high",
        "message": "m",
        "fix": "f",
        "regex": "eval\\(",
        "docs": _DOCS,
    },
).flatmap(
    lambda rule: st.fixed_dictionaries(
        {},
        optional={
            "id": st.sampled_from(["XX002", "PY001", "bad"]),
            "languages": st.sampled_from([["cobol"], "python", []]),
            "regex": _TEXT | st.sampled_from(["(", "a{2,1}", "\\", "(?P<x>a)(?P<x>b)"]),
            "query": _QUERIES | _TEXT,
            "where": st.lists(_mutated(Where, {"capture": "x", "test": "contains"}), max_size=1),
            "docs": st.just({}) | st.just({"what": "a"}),
        },
    ).map(lambda changes: {**rule, **changes})
)
_PROXIES = st.one_of(
    st.sampled_from(
        [
            "http://proxy:3128",
            f"http://me:{PROXY_PASSWORD}@proxy:3128",
            f"socks5h://me:{PROXY_PASSWORD}@proxy:1080",
            f"me:{PROXY_PASSWORD}@proxy:3128",
            "http://:3128",
            "http://proxy:99999",
            "http://[::1",
            "proxy:3128",
            "",
        ]
    ),
    _TEXT,
    st.builds(
        lambda scheme, user, host, port: f"{scheme}{user}:{PROXY_PASSWORD}@{host}:{port}",
        st.sampled_from(["http://", "HTTP://", "https://", "socks5://", "", "://"]),
        _TEXT,
        _TEXT | st.sampled_from(["[::1]", "[", "p]"]),
        st.integers(min_value=-5, max_value=70_000) | _TEXT,
    ),
)
_UPSTREAM = st.sampled_from([*SECRETS, "OPENAI_API_KEY"]).flatmap(
    lambda key: _mutated(
        UpstreamConfig,
        {"name": "a", "base_url": "http://127.0.0.1:9/v1", "models": ["gpt-*"], "api_key_env": key},
        name=st.sampled_from(["a", "b", "bad name!"]),
        api_key_env=st.sampled_from([*SECRETS, "OPENAI_API_KEY", 5]),
        proxy=_PROXIES,
    )
)
_SECTIONS: dict[str, st.SearchStrategy[Any]] = {
    "server": _mutated(ServerConfig, {"host": "127.0.0.1", "port": 8787, "log_level": "info"}),
    "upstreams": st.lists(_UPSTREAM, max_size=3),
    "gate": _mutated(GateConfig, {"enabled": True, "max_rounds": 3, "on_fail": "annotate"}),
    "templates": _mutated(TemplatesConfig, {"inject": True, "extra_dirs": [], "disabled": []}),
    "policy": _mutated(
        PolicyConfig,
        {"rules": {"PY001": "warn"}, "severity": {"high": "block"}},
        rules=st.dictionaries(st.sampled_from(["PY001", "nope", "SEC900", "XX001"]), _VALUES),
        severity=st.dictionaries(st.sampled_from(["high", "low", "huge"]), _VALUES),
        waivers=st.lists(
            _mutated(WaiverConfig, {"rule": "PY001", "paths": ["*.py"], "reason": "r"}),
            max_size=2,
        ),
        user_rules=st.lists(_USER_RULE, max_size=2),
    ),
    "provenance": _mutated(ProvenanceConfig, {"prompts": "redacted"}),
    "tools": st.dictionaries(
        _TEXT, _mutated(ToolConfig, {"code": "content", "path": "file"}) | _ANY, max_size=2
    ),
    "mcp": _mutated(MCPConfig, {"roots": ["."], "mount": False}),
    "auth": _mutated(
        AuthConfig,
        {"clients": [{"name": "c", "key_sha256": "0" * 64}]},
        clients=st.lists(
            _mutated(ClientKeyConfig, {"name": "c", "key_sha256": "0" * 64}), max_size=2
        ),
    ),
    "unknown_section": _ANY,
}
DOCUMENTS = st.lists(st.sampled_from(sorted(_SECTIONS)), unique=True, max_size=5).flatmap(
    lambda names: st.fixed_dictionaries({n: st.one_of(*[_SECTIONS[n]] * 4, _ANY) for n in names})
)


def toml(value: Any) -> str:
    """A TOML rendering of plain data (inline tables and arrays, quoted keys)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{toml(str(k))} = {toml(v)}" for k, v in value.items()) + "}"


def document(data: dict[str, Any]) -> str:
    return "".join(f"{toml(key)} = {toml(value)}\n" for key, value in data.items())


def secret_values(value: Any, key: str = "") -> list[str]:
    """Every string held under a key ending api_key_env, at any depth."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in secret_values(v, str(k))]
    if isinstance(value, list):
        return [s for v in value for s in secret_values(v, key)]
    return [value] if isinstance(value, str) and key.endswith("api_key_env") else []


def load(text: str | bytes) -> tuple[Path, Config | ConfigError]:
    with tempfile.NamedTemporaryFile("wb", suffix=".toml", delete=False) as handle:
        handle.write(text.encode() if isinstance(text, str) else text)
    path = Path(handle.name)
    try:
        return path, load_config(path)
    except ConfigError as exc:
        return path, exc
    finally:
        path.unlink()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_any_config_document_loads_or_is_one_config_error_naming_the_file(data: dict[str, Any]):
    text = document(data)
    assert tomllib.loads(text) == data  # the document is valid TOML holding exactly the data
    path, result = load(text)
    if isinstance(result, ConfigError):
        message = str(result)
        assert str(path) in message, message
        for secret in set(secret_values(data)) & set(SECRETS):
            assert secret not in message, message
        assert PROXY_PASSWORD not in message, message


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=200))
def test_any_text_loads_or_is_one_config_error_naming_the_file(text: str):
    path, result = load(text)
    assert isinstance(result, Config) or str(path) in str(result)


@settings(max_examples=300, deadline=None)
@given(_PROXIES)
def test_any_proxy_url_parses_or_is_one_proxy_error_and_never_shows_its_password(url: str):
    try:
        proxy = HTTPProxy.parse(url, source="HTTPS_PROXY")
    except ProxyError as exc:
        assert str(exc).startswith("HTTPS_PROXY: ") and PROXY_PASSWORD not in str(exc)
        return
    assert proxy.host and 0 < proxy.port < 65536
    assert PROXY_PASSWORD not in proxy.shown and PROXY_PASSWORD not in proxy.authority


def test_the_document_builder_round_trips_through_tomllib():
    data = {"a": {"b c": [1, 2.5, 'x\n"y"\x01é'], "": {"d": True}}, "e": -(2**63)}
    assert tomllib.loads(document(data)) == data


# ---- inputs that once escaped load_config as other exceptions --------------------------


def test_a_config_file_that_is_not_utf8_is_a_config_error():
    path, result = load(b'[server]\nhost = "\xff\xfe"\n')
    assert isinstance(result, ConfigError) and str(path) in str(result)


def test_a_config_nested_past_the_recursion_limit_is_a_config_error():
    path, result = load("x = " + "[" * 3000 + "]" * 3000 + "\n")
    assert isinstance(result, ConfigError) and str(path) in str(result)


def test_an_extra_dir_in_an_unknown_users_home_is_a_config_error():
    path, result = load('[templates]\nextra_dirs = ["~no-such-user-codetamer/t"]\n')
    assert isinstance(result, ConfigError) and str(path) in str(result)


def test_a_duplicate_upstream_error_never_repeats_an_api_key_env_value():
    upstream = '[[upstreams]]\nname = "a"\nbase_url = "http://h/v1"\n'
    _, result = load(upstream + 'api_key_env = "sk_live_Zq81xWv03LmPpaR7"\n' + upstream)
    assert isinstance(result, ConfigError) and "sk_live_Zq81xWv03LmPpaR7" not in str(result)


def test_a_user_rule_regex_nested_past_the_recursion_limit_is_a_config_error():
    rule = (
        '[[policy.user_rules]]\nid = "XX001"\nname = "my-rule"\nlanguages = ["python"]\n'
        'severity = "high"\nmessage = "m"\nfix = "f"\n'
        f"regex = '{'(' * 1200}{')' * 1200}'\n"
        '[policy.user_rules.docs]\nwhat = "a"\nwhy = "b"\nexample = "c"\ninstead = "d"\n'
    )
    path, result = load(rule)
    assert isinstance(result, ConfigError) and str(path) in str(result)
