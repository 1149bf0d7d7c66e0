"""How codetamer reaches an upstream: directly, or through an HTTP proxy.

An upstream's `proxy` setting names the proxy ("http://host:port"), or "" for none.
Unset, the environment decides, as curl, requests and httpx read it: HTTPS_PROXY for an
https upstream, HTTP_PROXY for an http one, ALL_PROXY for either (lower-case names first),
unless NO_PROXY names the host (or, as curl reads it, a network holding its address). A
loopback upstream (a local Ollama or vLLM) is always reached directly: no proxy elsewhere
can reach this machine's loopback.

Through the proxy, an https upstream is reached through a tunnel (CONNECT), inside which
TLS is made with the upstream itself; an http upstream is sent each request with its
absolute URL. Only http:// proxies are spoken to. Credentials in the proxy's URL (from
the environment: the config file holds none) go in Proxy-Authorization and are never
shown: `HTTPProxy.shown` is the host and port only.
"""

from __future__ import annotations

import base64
import ipaddress
import os
import re
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

__all__ = ["HTTPProxy", "ProxyError", "proxy_for"]

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,15}")


class ProxyError(ValueError):
    """A proxy URL that cannot be used; the message never holds its credentials."""


@dataclass(frozen=True, slots=True)
class HTTPProxy:
    """An HTTP proxy to reach an upstream through."""

    host: str
    port: int
    authorization: str = field(default="", repr=False)  # "Basic ...", or ""
    source: str = "config"  # "config", or the environment variable it came from

    @property
    def authority(self) -> str:
        """host:port, with an IPv6 address in brackets."""
        return f"{_bracketed(self.host)}:{self.port}"

    @property
    def shown(self) -> str:
        """What logs and errors say of it: no credentials."""
        return f"http://{self.authority}"

    @classmethod
    def parse(cls, url: str, source: str = "config") -> HTTPProxy:
        """An http:// proxy URL ("host:port" too; port 80 when it names none).

        Raises:
            ProxyError: not http://, no host, or a port out of range.
        """
        where = "the upstream's proxy" if source == "config" else source
        url = url.strip()
        if "://" not in url:  # "host:port", as curl reads it
            url = "http://" + url
        try:
            parts = urlsplit(url)
        except ValueError:  # unbalanced brackets
            raise ProxyError(f"{where}: the proxy URL is not a URL") from None
        if parts.scheme.lower() != "http":
            scheme = url.split("://", 1)[0]
            named = f"{scheme}://" if _SCHEME.fullmatch(scheme) else "that"
            raise ProxyError(f"{where}: only http:// proxies are supported, not {named}")
        if "@" in url[len(parts.scheme) + 3 + len(parts.netloc) :]:  # a / ? or # in userinfo
            raise ProxyError(
                f"{where}: the proxy URL has an @ after its host: percent-encode the "
                "credentials in it (/ as %2F, ? as %3F, # as %23, @ as %40)"
            )
        if not parts.hostname:
            raise ProxyError(f"{where}: the proxy URL names no host")
        try:
            port = 80 if parts.port is None else parts.port
        except ValueError:
            port = 0
        if not 0 < port < 65536:
            raise ProxyError(f"{where}: the proxy URL's port is not a port")
        authorization = ""
        if parts.username is not None:
            pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
            authorization = "Basic " + base64.b64encode(pair.encode()).decode()
        return cls(parts.hostname, port, authorization, source)


def proxy_for(base_url: str, configured: str | None) -> HTTPProxy | None:
    """The proxy to reach an upstream through; None: directly.

    Args:
        base_url: the upstream's URL.
        configured: the upstream's `proxy` setting: a URL, "" for none, None to ask the
            environment (read now).

    Raises:
        ProxyError: the proxy named cannot be used (not http://, no host, a bad port).
    """
    if configured == "":
        return None
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    if not host or _loopback(host):
        return None
    if configured is not None:
        return HTTPProxy.parse(configured)
    proxies = urllib.request.getproxies_environment()  # lower-case names win
    scheme = parts.scheme.lower()
    chosen = scheme if scheme in proxies else "all" if "all" in proxies else None
    if chosen is None or _bypassed(host, proxies):
        return None
    variable = f"{chosen}_proxy"  # the lower-case name wins, as Python reads them
    source = variable if os.environ.get(variable) else variable.upper()
    return HTTPProxy.parse(proxies[chosen], source=source)


def _bypassed(host: str, proxies: dict[str, str]) -> bool:
    """Whether NO_PROXY names the host: a name, a domain suffix, *, or (as curl reads
    it, beyond Python's own reading) a network holding its address, like 10.0.0.0/8."""
    if "no" not in proxies:
        return False
    if urllib.request.proxy_bypass(host):  # reads NO_PROXY (and no_proxy)
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    for entry in proxies["no"].split(","):
        try:
            network = ipaddress.ip_network(entry.strip(), strict=False)
        except ValueError:
            continue
        if address in network:
            return True
    return False


def _loopback(host: str) -> bool:
    """Whether the host is this machine: localhost, 127.0.0.0/8, ::1 (or 0.0.0.0, ::)."""
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host
