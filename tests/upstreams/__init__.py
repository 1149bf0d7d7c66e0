"""Scriptable upstream servers for tests: they speak the model APIs, nothing more."""

import dataclasses
import json
import re
from typing import Any, TypeVar

_T = TypeVar("_T")
_PLACEHOLDER = re.compile(r"\[secret:[a-z0-9-]{1,64}:[0-9a-f]{12}\]")


def echo_secrets(scripted: _T, request: Any) -> _T:
    """A scripted answer with @SECRET0@, @SECRET1@... swapped for the placeholders the
    request carried (in order of first appearance), so a test can make the model echo them."""
    found = list(dict.fromkeys(_PLACEHOLDER.findall(json.dumps(request))))

    def swap(value: Any) -> Any:
        if isinstance(value, str):
            for index, mark in enumerate(found):
                value = value.replace(f"@SECRET{index}@", mark)
            return value
        if isinstance(value, list):
            return [swap(v) for v in value]
        if isinstance(value, dict):
            return {k: swap(v) for k, v in value.items()}
        return value

    if not found or not dataclasses.is_dataclass(scripted) or isinstance(scripted, type):
        return scripted
    changes = {
        f.name: swap(getattr(scripted, f.name))
        for f in dataclasses.fields(scripted)
        if isinstance(getattr(scripted, f.name), (str, list, dict))
    }
    return dataclasses.replace(scripted, **changes)
