"""Configuration files load into typed models; bad ones fail with file, key and value named."""

from __future__ import annotations

from pathlib import Path

import pytest

from proxy.config import Config, from_environment, load_config
from proxy.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "codetamer.toml"
    path.write_text(text)
    return path


def test_the_example_config_loads_as_it_is():
    config = load_config(ROOT / "config.example.toml")
    assert config.server.host == "127.0.0.1" and config.server.port == 8787
    assert [u.name for u in config.upstreams] == ["openai", "ollama", "anthropic"]
    assert config.upstream_for("claude-opus-9", kind="anthropic").name == "anthropic"
    assert config.policy.commands == "warn" and config.tools == {}
    assert config.upstream_for("gpt-4.1").name == "openai"
    assert config.upstream_for("o3-mini").name == "openai"
    assert config.upstream_for("qwen2.5-coder:7b").name == "ollama"
    assert config.gate.max_rounds == 3 and config.gate.on_fail == "annotate"


def test_the_issue_shape_loads(tmp_path: Path):
    config = load_config(
        write(
            tmp_path,
            """
[server]
host = "127.0.0.1"
port = 8787
[[upstreams]]
name = "openai"
kind = "openai"
base_url = "https://api.openai.com/v1"
api_key_env = "OPENAI_API_KEY"
models = ["gpt-*", "o*"]
[gate]
max_rounds = 3
on_fail = "annotate"
[provenance]
path = "/tmp/x.sqlite3"
""",
        )
    )
    assert config.provenance.resolved_path() == Path("/tmp/x.sqlite3")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[server]\nprot = 8787\n", r"key 'server\.prot': unknown key"),
        ('[server]\nport = "eighty"\n', r"key 'server\.port': .*got 'eighty'"),
        ("[gate]\nmax_rounds = 0\n", r"key 'gate\.max_rounds': .*got 0"),
        ('[gate]\non_fail = "explode"\n', r"key 'gate\.on_fail': .*got 'explode'"),
        (
            '[[upstreams]]\nname = "x"\nbase_url = "http://h/v1"\napi_key_env = "sk-live-123"\n',
            r"key 'upstreams\.0\.api_key_env': must be the name of an environment variable$",
        ),
        ('[[upstreams]]\nname = "x"\n', r"key 'upstreams\.0\.base_url': required but missing"),
        (
            '[policy]\nrules = { "no-such-rule" = "warn" }\n',
            r"key 'policy\.rules\.no-such-rule': no rule",
        ),
        ("[server\n", r"not valid TOML"),
    ],
)
def test_a_bad_config_is_one_error_naming_file_key_and_value(
    tmp_path: Path, text: str, message: str
):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(path)
    assert str(caught.value).startswith(str(path))
    assert "sk-live-123" not in str(caught.value)


def test_a_missing_config_file_is_a_clear_error(tmp_path: Path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "nope.toml")


def test_policy_entries_for_known_rules_map_to_treatments(tmp_path: Path):
    config = load_config(
        write(
            tmp_path,
            '[policy]\nrules = { "subprocess-shell-true" = "warn" }\n'
            'severity = { medium = "block" }\n',
        )
    )
    policy = config.policy.to_policy()
    assert policy.by_rule["subprocess-shell-true"].value == "warn"
    assert policy.by_severity["medium"].value == "block"
    assert policy.by_severity["high"].value == "block"


def test_without_a_file_upstreams_come_from_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    alone = from_environment(ollama_answers=False)
    assert [
        (u.name, u.kind, u.api_key_env, u.pass_through_client_key) for u in alone.upstreams
    ] == [
        ("anthropic", "anthropic", None, True)  # each client's own key is passed on
    ]
    assert alone.upstream_for("gpt-4o") is None
    only_ollama = from_environment(ollama_answers=True)
    assert next((u.name, u.models) for u in only_ollama.upstreams) == ("ollama", ("*",))
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
    both = from_environment(ollama_answers=True)
    assert [u.name for u in both.upstreams] == ["openai", "ollama", "anthropic"]
    assert both.upstream_for("gpt-4o").name == "openai"
    assert both.upstream_for("llama3").name == "ollama"
    assert (
        both.upstream_for("claude-sonnet-4-5", kind="anthropic").api_key_env == "ANTHROPIC_API_KEY"
    )
    assert from_environment(ollama_answers=False).upstream_for("anything").name == "openai"


def test_config_never_holds_a_key_only_its_variable_name(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-value-123456")
    config = from_environment(ollama_answers=False)
    assert "sk-secret-value" not in Config.model_dump_json(config)
    assert config.upstreams[0].api_key() == "sk-secret-value-123456"


USER_RULE = """
[[policy.user_rules]]
id = "ACME001"
name = "acme-legacy-client"
languages = ["python"]
cwe = 477
severity = "high"
message = "the legacy ACME client is retired"
fix = "Use acme2.Client."
query = '''
(call function: (attribute object: (identifier) @m attribute: (identifier) @f)
  (#eq? @m "acme") (#eq? @f "Client")) @match
'''
[policy.user_rules.docs]
what = "Flags acme.Client()."
why = "The legacy client skips certificate pinning."
example = "acme.Client()"
instead = "acme2.Client()"
"""


def test_user_rules_join_the_builtin_ones_and_findings_use_them(tmp_path: Path):
    import guards

    config = load_config(write(tmp_path, USER_RULE + '[policy.rules]\n"ACME001" = "warn"\n'))
    ruleset = config.ruleset()
    assert ruleset.get("acme-legacy-client").id == "ACME001"
    assert len(ruleset) == len(guards.default_ruleset()) + 1
    report = guards.scan("import acme\nc = acme.Client()\n", "python", rules=ruleset)
    assert [(f.rule_id, f.line) for f in report.findings] == [("ACME001", 2)]
    assert config.policy.to_policy().treat(report.findings[0]).value == "warn"


def test_a_user_rule_that_does_not_compile_names_the_rule_and_the_file(tmp_path: Path):
    path = write(tmp_path, USER_RULE.replace("(#eq? @m", "(no_such_node) (#eq? @m"))
    with pytest.raises(
        ConfigError, match=r"codetamer\.toml \[policy\.user_rules\.0\]: rule ACME001"
    ):
        load_config(path)


def test_a_user_rule_missing_docs_or_reusing_an_id_is_an_error(tmp_path: Path):
    no_docs = USER_RULE.split("[policy.user_rules.docs]")[0]
    with pytest.raises(ConfigError, match=r"rule ACME001: key 'docs'"):
        load_config(write(tmp_path, no_docs))
    reused = USER_RULE.replace('id = "ACME001"', 'id = "PY001"')
    with pytest.raises(ConfigError, match=r"'PY001' is defined twice"):
        load_config(write(tmp_path, reused))


def test_waivers_ignore_a_rule_for_matching_paths_and_keep_the_reason(tmp_path: Path):
    import guards

    config = load_config(
        write(
            tmp_path,
            """
[[policy.waivers]]
rule = "bind-all-interfaces"
paths = ["deploy/**", "docker/*.py"]
reason = "containers must listen on every interface"
""",
        )
    )
    policy = config.policy.to_policy()
    code = "app.run(host='0.0.0.0')\n"
    waived = guards.scan(code, "python", path="docker/serve.py").findings[0]
    kept = guards.scan(code, "python", path="app/serve.py").findings[0]
    assert policy.treat(waived).value == "ignore"
    assert policy.waiver_for(waived).reason == "containers must listen on every interface"
    assert policy.treat(kept).value == "warn" and policy.waiver_for(kept) is None


def test_a_waiver_for_an_unknown_rule_is_an_error(tmp_path: Path):
    path = write(tmp_path, '[[policy.waivers]]\nrule = "nope"\npaths = ["x"]\nreason = "r"\n')
    with pytest.raises(ConfigError, match=r"key 'policy\.waivers\.0\.rule': no rule"):
        load_config(path)


def test_custom_tools_map_to_the_argument_that_carries_code(tmp_path: Path):
    config = load_config(
        write(tmp_path, '[tools.publish_script]\ncode = "body"\npath = "target"\n')
    )
    assert config.tools["publish_script"].code == "body"
    with pytest.raises(ConfigError, match=r"key 'tools.publish_script.script': unknown key"):
        load_config(write(tmp_path, '[tools.publish_script]\ncode = "body"\nscript = "x"\n'))


def test_scan_processes_sizes_the_pool_the_gate_scans_in():
    from proxy.services import Services

    two = Services.build(Config.model_validate({"gate": {"scan_processes": 2}}))
    one = Services.build(Config.model_validate({}))
    assert (two.gate.scanner.processes, one.gate.scanner.processes) == (2, 1)
    assert two.gate.scanner is not one.gate.scanner  # the same rules, pools apart
