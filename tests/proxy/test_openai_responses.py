"""The proxy on OpenAI's Responses API (Codex CLI's), driven by the openai SDK over a socket."""

from __future__ import annotations

import json

import httpx2 as httpx

from proxy.provenance import read_records
from tests.conftest import Proxy, Upstream
from tests.upstreams.responses_api import (
    Output,
    custom_tool_call,
    function_call,
    message,
    reasoning,
)

INSECURE = (
    "*** Begin Patch\n*** Add File: app/db.py\n+import sqlite3\n+\n+\n"
    "+def find(conn, name):\n"
    "+    return conn.execute(\"SELECT * FROM users WHERE name = '%s'\" % name)\n*** End Patch\n"
)
SECURE = (
    "*** Begin Patch\n*** Add File: app/db.py\n+import sqlite3\n+\n+\n"
    "+def find(conn, name):\n"
    '+    return conn.execute("SELECT * FROM users WHERE name = ?", (name,))\n*** End Patch\n'
)
APPLY_PATCH = {
    "type": "custom",
    "name": "apply_patch",
    "description": "Apply a patch",
    "format": {"type": "grammar", "syntax": "lark", "definition": "start: /.+/"},
}
EXEC_COMMAND = {
    "type": "function",
    "name": "exec_command",
    "description": "Run a command",
    "parameters": {"type": "object", "properties": {"cmd": {"type": "string"}}},
}


def records(proxy: Proxy) -> list[dict]:
    return [r.record for r in read_records(proxy.store)]


def test_a_clean_answer_passes_with_store_include_and_tools_untouched(
    openai_client, proxy: Proxy, upstream: Upstream
):
    upstream.script.responses.queue(Output([message("All done.")]))

    raw = openai_client(proxy).responses.with_raw_response.create(
        model="gpt-test",
        instructions="You are Codex.",
        input=[{"role": "user", "content": [{"type": "input_text", "text": "Add a helper"}]}],
        tools=[APPLY_PATCH, EXEC_COMMAND],
        store=False,
        include=["reasoning.encrypted_content"],
        previous_response_id=None,
    )

    response = raw.parse()
    assert response.output_text == "All done."
    assert raw.headers["x-codetamer-verdict"] == "pass"
    [sent] = upstream.script.responses.requests
    assert sent["tools"] == [APPLY_PATCH, EXEC_COMMAND]
    assert (sent["store"], sent["include"]) == (False, ["reasoning.encrypted_content"])
    assert sent["instructions"].startswith("You are Codex.\n\n")
    assert [r["dialect"] for r in records(proxy)] == ["openai.responses"]


def test_a_bad_apply_patch_is_answered_with_its_findings_and_the_repaired_patch_delivered(
    openai_client, proxy: Proxy, upstream: Upstream
):
    upstream.script.responses.queue(
        Output([reasoning(), custom_tool_call("call_1", "apply_patch", INSECURE)]),
        Output([custom_tool_call("call_2", "apply_patch", SECURE)]),
    )

    raw = openai_client(proxy).responses.with_raw_response.create(
        model="gpt-test", input="Add a lookup helper", tools=[APPLY_PATCH], store=False
    )

    response = raw.parse()
    assert raw.headers["x-codetamer-verdict"] == "repaired"
    assert [(o.type, o.input) for o in response.output] == [("custom_tool_call", SECURE)]
    repair = upstream.script.responses.requests[1]
    kinds = [item.get("type", item.get("role")) for item in repair["input"]]
    assert kinds == ["user", "reasoning", "custom_tool_call", "custom_tool_call_output"]
    answer = repair["input"][-1]
    assert answer["call_id"] == "call_1" and "sql-built-by-formatting" in answer["output"]


def test_a_stored_conversation_is_continued_with_previous_response_id(
    openai_client, proxy: Proxy, upstream: Upstream
):
    bad = {"path": "run.py", "content": "import os\nos.system('ls ' + name)\n"}
    good = {"path": "run.py", "content": "import subprocess\nsubprocess.run(['ls', name])\n"}
    upstream.script.responses.queue(
        Output([function_call("call_9", "write_file", bad)]),
        Output([function_call("call_10", "write_file", good)]),
    )

    response = openai_client(proxy).responses.create(
        model="gpt-test", input="Write run.py", previous_response_id="resp_earlier"
    )

    assert json.loads(response.output[0].arguments) == good
    _first, repair = upstream.script.responses.requests
    assert repair["previous_response_id"] != "resp_earlier"
    assert repair["previous_response_id"].startswith("resp_")
    assert repair["input"][0]["type"] == "function_call_output"
    assert repair["input"][0]["call_id"] == "call_9"


def test_a_streamed_bad_patch_is_repaired_and_replayed_for_the_sdk(
    openai_client, proxy: Proxy, upstream: Upstream
):
    upstream.script.responses.queue(
        Output([custom_tool_call("call_1", "apply_patch", INSECURE)]),
        Output([custom_tool_call("call_2", "apply_patch", SECURE)]),
    )

    with openai_client(proxy).responses.stream(
        model="gpt-test", input="Add a lookup helper", tools=[APPLY_PATCH]
    ) as stream:
        final = stream.get_final_response()

    assert final.output[0].input == SECURE
    assert [r["verdict"] for r in records(proxy)] == ["repaired"]


def test_a_streamed_answer_never_fixed_gets_the_note_as_a_last_message(
    openai_client, make_proxy, upstream: Upstream
):
    proxy = make_proxy(gate={"max_rounds": 2})
    bad = "```python\nimport subprocess\nsubprocess.run(cmd, shell=True)\n```\n"
    upstream.script.responses.queue(Output([message(bad)]), Output([message(bad)]))

    with openai_client(proxy).responses.stream(model="gpt-test", input="Run it") as stream:
        final = stream.get_final_response()

    assert [o.type for o in final.output] == ["message", "message"]
    assert final.output[0].content[0].text == bad
    assert "subprocess-shell-true" in final.output[1].content[0].text


def test_codex_patches_written_by_its_javascript_exec_tool_are_gated(
    openai_client, proxy: Proxy, upstream: Upstream
):
    script = "await tools.apply_patch(" + json.dumps(INSECURE) + ");"
    fixed = "await tools.apply_patch(" + json.dumps(SECURE) + ");"
    upstream.script.responses.queue(
        Output([custom_tool_call("call_1", "exec", script)]),
        Output([custom_tool_call("call_2", "exec", fixed)]),
    )

    response = openai_client(proxy).responses.create(model="gpt-test", input="Add a helper")

    assert response.output[0].input == fixed
    [record] = records(proxy)
    [first_artifact] = record["rounds"][0]["artifacts"]
    assert (first_artifact["path"], first_artifact["origin"]) == ("app/db.py", "tool_call:exec")


def test_bad_input_gets_an_openai_shaped_400(proxy: Proxy):
    with httpx.Client() as http:
        response = http.post(f"{proxy.url}/v1/responses", json={"model": "gpt-test"})

    assert response.status_code == 400
    assert response.json()["error"]["param"] == "input"


def test_parallel_calls_keep_the_good_ones_and_repair_only_the_bad_one(
    openai_client, proxy: Proxy, upstream: Upstream
):
    shell = function_call("call_ls", "exec_command", {"cmd": "ls"})
    upstream.script.responses.queue(
        Output([shell, custom_tool_call("call_bad", "apply_patch", INSECURE)]),
        Output([reasoning(), custom_tool_call("call_fixed", "apply_patch", SECURE)]),
    )

    response = openai_client(proxy).responses.create(
        model="gpt-test", input="Add a helper", tools=[APPLY_PATCH, EXEC_COMMAND], store=False
    )

    assert [(o.type, getattr(o, "call_id", None)) for o in response.output] == [
        ("function_call", "call_ls"),
        ("reasoning", None),
        ("custom_tool_call", "call_fixed"),
    ]
    outputs = upstream.script.responses.requests[1]["input"][-2:]
    assert [o["call_id"] for o in outputs] == ["call_ls", "call_bad"]
    assert outputs[0]["output"].startswith("Accepted by codetamer unchanged")


def test_a_patch_with_two_bad_files_is_answered_with_the_findings_of_both(
    openai_client, proxy: Proxy, upstream: Upstream
):
    two_files = INSECURE.replace(
        "*** End Patch\n",
        "*** Add File: app/run.py\n+import os\n+os.system('rm ' + name)\n*** End Patch\n",
    )
    upstream.script.responses.queue(
        Output([custom_tool_call("call_1", "apply_patch", two_files)]),
        Output([custom_tool_call("call_2", "apply_patch", SECURE)]),
    )

    openai_client(proxy).responses.create(model="gpt-test", input="Add two files", store=False)

    answers = upstream.script.responses.requests[1]["input"]
    [output] = [item for item in answers if item.get("type") == "custom_tool_call_output"]
    assert "sql-built-by-formatting" in output["output"]
    assert "os-system-non-constant" in output["output"]
    assert answers[-1] is output  # only the call was rejected: no user turn after it


def test_a_kept_call_sent_again_with_other_spacing_is_delivered_once(
    openai_client, proxy: Proxy, upstream: Upstream
):
    shell = function_call("call_ls", "exec_command", {"cmd": "git commit -m x"})
    again = {
        **function_call("call_ls2", "exec_command", {}),
        "arguments": '{ "cmd":  "git commit -m x" }',
    }
    upstream.script.responses.queue(
        Output([shell, custom_tool_call("call_bad", "apply_patch", INSECURE)]),
        Output([again, custom_tool_call("call_fixed", "apply_patch", SECURE)]),
    )

    response = openai_client(proxy).responses.create(
        model="gpt-test", input="Commit and add a helper", tools=[APPLY_PATCH, EXEC_COMMAND]
    )

    assert [getattr(o, "call_id", None) for o in response.output] == ["call_ls", "call_fixed"]
