"""Hard-coded secret detection (CWE-798) for code returned by models.

Usage::

    from guards.secrets import find_secrets, redact

    for match in find_secrets(source):
        print(match.rule_id, match.name, match.line, match.masked)
    safe = redact(source)

Provider token formats live in ``providers.toml`` (data, not code); secret-looking
assignments in any language are found by a generic rule (``SEC900``).  This
package depends on nothing outside the standard library and ``guards.secrets``.
"""

from guards.secrets.detect import SecretMatch, find_secrets, provider_formats, redact
from guards.secrets.formats import ProviderFormat

__all__ = ["ProviderFormat", "SecretMatch", "find_secrets", "provider_formats", "redact"]
