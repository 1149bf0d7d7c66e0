"""The `codetamer` command: serve the proxy, read the provenance log."""

from __future__ import annotations

import argparse
import ipaddress
import sys
import urllib.parse
from collections.abc import Sequence
from pathlib import Path

import httpx2
import orjson

from proxy.config import Config, from_environment, load_config
from proxy.egress import ProxyError, proxy_for
from proxy.errors import ConfigError

__all__ = ["main"]

_NO_UPSTREAM = (
    "codetamer: no upstream configured for OpenAI-compatible clients; set OPENAI_API_KEY (and "
    "OPENAI_BASE_URL for another OpenAI-compatible server), run Ollama on 127.0.0.1:11434, or "
    "pass --config FILE (Anthropic clients are served with their own key or ANTHROPIC_API_KEY)"
)


_NO_UPSTREAM_IN_FILE = "codetamer: the config file defines no [[upstreams]]; requests will get 503"

_NO_CLIENT_KEYS = (
    "codetamer: refusing to serve on {host}: beyond loopback, anyone who reaches it could spend "
    "the upstream keys. Add client keys to the config ([[auth.clients]] with a name and "
    "key_sha256 or key_env; `codetamer key new NAME` makes one), or bind to 127.0.0.1."
)


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _points_at(url: str, host: str, port: int) -> bool:
    """Whether an upstream URL is the address the proxy itself listens on."""
    try:
        parsed = urllib.parse.urlsplit(url)
        given_port = parsed.port
    except ValueError:  # not a URL a client could reach either; the upstream call says so
        return False
    target = parsed.hostname or ""
    same_host = target == host or (_loopback(target) and (_loopback(host) or host == "0.0.0.0"))  # noqa: S104  # comparing, not binding
    default = 443 if parsed.scheme == "https" else 80
    return same_host and (given_port or default) == port


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    given = list(sys.argv[1:] if argv is None else argv)
    downstream: list[str] = []
    if given[:1] == ["mcp"] and "--" in given:  # mcp --wrap -- COMMAND [ARGS...]
        cut = given.index("--")
        given, downstream = given[:cut], given[cut + 1 :]
    args = parser.parse_args(given)
    args.downstream = downstream
    try:
        result: int = args.run(args)
    except ConfigError as exc:
        print(f"codetamer: {exc}", file=sys.stderr)
        return 2
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="codetamer", description=__doc__)
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="run the proxy")
    _config_flag(serve)
    serve.add_argument("--host", help="address to bind (default from config: 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to bind (default from config: 8787)")
    serve.set_defaults(run=_serve)

    mcp = sub.add_parser(
        "mcp",
        help="serve codetamer's MCP server (stdio, or --http), or gate another one (--wrap)",
        description=(
            "Without options: the MCP server over stdio. --http: over streamable HTTP at /mcp. "
            "--wrap -- COMMAND [ARGS...]: start COMMAND as a downstream MCP server over stdio "
            "and relay it, gating the tool calls that carry code."
        ),
    )
    _config_flag(mcp)
    mcp.add_argument("--http", action="store_true", help="serve streamable HTTP at /mcp")
    mcp.add_argument("--host", default="127.0.0.1", help="address for --http (127.0.0.1)")
    mcp.add_argument("--port", type=int, default=8788, help="port for --http (8788)")
    mcp.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        help="--wrap: seconds the downstream may take to answer a call (60)",
    )
    mcp.add_argument(
        "--wrap",
        action="store_true",
        help="start the MCP server given after -- and gate its tool calls",
    )
    mcp.set_defaults(run=_mcp)

    check = sub.add_parser(
        "check",
        help="check files, folders, a diff or stdin with the guards",
        description="Exit status: 0 nothing blocks, 1 something blocks, 2 usage or input error.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="files or folders; - for stdin")
    check.add_argument("--format", choices=("text", "json", "sarif"), default="text", dest="output")
    check.add_argument(
        "--diff", metavar="REV", help="report only lines changed since a git revision"
    )
    check.add_argument("--language", help="language of stdin (or of every file)")
    _config_flag(check)
    check.set_defaults(run=_check)

    key = sub.add_parser("key", help="make client keys").add_subparsers(
        required=True, metavar="ACTION"
    )
    new = key.add_parser("new", help="print a new client key and its [[auth.clients]] entry")
    new.add_argument("name", help="the client's name, as it will appear in logs and provenance")
    new.set_defaults(run=_key_new)
    hashed = key.add_parser("hash", help="print the key_sha256 of a key read from stdin")
    hashed.set_defaults(run=_key_hash)

    log = sub.add_parser("log", help="read the provenance log").add_subparsers(
        required=True, metavar="ACTION"
    )
    listing = log.add_parser("list", help="list recent exchanges, newest first")
    _config_flag(listing)
    listing.add_argument("--limit", type=int, default=20, help="how many (default 20)")
    listing.add_argument("--json", action="store_true", help="one JSON record per line")
    listing.set_defaults(run=_log_list)
    show = log.add_parser("show", help="show one exchange's whole record")
    _config_flag(show)
    show.add_argument("id", help="exchange id (as in x-codetamer-exchange-id), or a unique prefix")
    show.set_defaults(run=_log_show)
    check = log.add_parser(
        "verify", help="check the hash chain; exit 1 naming the first bad record"
    )
    _config_flag(check)
    check.set_defaults(run=_log_verify)
    return parser


def _config_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, metavar="FILE", help="configuration file (TOML)")


def _config(args: argparse.Namespace, *, probe: bool = False) -> Config:
    if args.config is not None:
        return load_config(args.config)
    return from_environment(ollama_answers=probe and _ollama_answers())


def _ollama_answers() -> bool:
    try:
        response = httpx2.get("http://127.0.0.1:11434/api/version", timeout=0.3, trust_env=False)
    except httpx2.HTTPError:
        return False
    return response.status_code == 200


def _mcp(args: argparse.Namespace) -> int:
    import asyncio

    from proxy.logs import configure_logging
    from proxy.mcp.server import serve_http, serve_stdio
    from proxy.services import Services

    config = _config(args, probe=not args.wrap)
    configure_logging(config.server.log_level)
    if args.downstream and not args.wrap:
        print("codetamer mcp: a command after -- needs --wrap", file=sys.stderr)
        return 2
    if args.wrap:
        command = args.downstream
        if not command:
            print(
                "codetamer mcp --wrap: name the server to start: --wrap -- COMMAND [ARGS...]",
                file=sys.stderr,
            )
            return 2
        from proxy.errors import UpstreamError
        from proxy.mcp.gateway import serve_gateway

        try:
            asyncio.run(serve_gateway(config, command, call_timeout=args.timeout))
        except UpstreamError as exc:
            print(f"codetamer: {exc.message}", file=sys.stderr)
            return 1
        return 0
    if _proxies(config) is None:
        return 2
    services = Services.build(config)
    if args.http:
        if not _loopback(args.host) and not config.auth.clients:
            print(_NO_CLIENT_KEYS.format(host=args.host), file=sys.stderr)
            return 2
        asyncio.run(serve_http(services, args.host, args.port))
    else:
        asyncio.run(serve_stdio(services))
    return 0


def _without_userinfo(url: str) -> str:
    """A URL fit to print: credentials in it are dropped."""
    parts = urllib.parse.urlsplit(url)
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()


def _serve(args: argparse.Namespace) -> int:
    from proxy.app import create_app
    from proxy.logs import configure_logging, get_logger
    from proxy.server import run_server

    config = _config(args, probe=True)
    server = config.server.model_copy(
        update={k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    )
    configure_logging(server.log_level)
    if args.config is not None and not config.upstreams:
        print(_NO_UPSTREAM_IN_FILE, file=sys.stderr)
    elif not any(u.kind == "openai" for u in config.upstreams):
        print(_NO_UPSTREAM, file=sys.stderr)
    if not _loopback(server.host) and not config.auth.clients:
        print(_NO_CLIENT_KEYS.format(host=server.host), file=sys.stderr)
        return 2
    for upstream in config.upstreams:
        if _points_at(upstream.base_url, server.host, server.port):
            print(
                f"codetamer: upstream '{upstream.name}' ({_without_userinfo(upstream.base_url)}) "
                "is this proxy's own "
                "address; requests would loop. Unset the variable that points clients here "
                "(OPENAI_BASE_URL) in the proxy's environment, or fix the config.",
                file=sys.stderr,
            )
            return 2
    via = _proxies(config)
    if via is None:
        return 2
    get_logger().info(
        "starting",
        host=server.host,
        port=server.port,
        config=config.source,
        upstreams=[u.name for u in config.upstreams],
        provenance=str(config.provenance.resolved_path()),
        **({"via_proxy": via} if via else {}),
    )
    app = create_app(config)
    return run_server(app, server.host, server.port, app.state.services.gate.scanner)


def _proxies(config: Config) -> dict[str, str] | None:
    """The upstreams reached through an HTTP proxy, each with its proxy (no credentials);
    None once an upstream's proxy that cannot be used is named on stderr."""
    via: dict[str, str] = {}
    for upstream in config.upstreams:
        try:
            proxy = proxy_for(upstream.base_url, upstream.proxy)
        except ProxyError as exc:
            print(f"codetamer: upstream '{upstream.name}': {exc}", file=sys.stderr)
            return None
        if proxy is not None:
            via[upstream.name] = f"{proxy.shown} ({proxy.source})"
    return via


def _key_new(args: argparse.Namespace) -> int:
    from proxy.auth import hash_key, new_key
    from proxy.config import ClientKeyConfig

    try:
        ClientKeyConfig(name=args.name, key_env="UNUSED")
    except ValueError:
        print(
            f"codetamer: '{args.name}' is not a valid client name (letters, digits, . @ _ -)",
            file=sys.stderr,
        )
        return 2
    key = new_key()
    print(f"key (give it to the client; it is not stored anywhere): {key}", file=sys.stderr)
    print(f'[[auth.clients]]\nname = "{args.name}"\nkey_sha256 = "{hash_key(key)}"')
    return 0


def _key_hash(args: argparse.Namespace) -> int:
    from proxy.auth import hash_key

    key = sys.stdin.readline().strip()
    if not key:
        print("codetamer: no key on stdin", file=sys.stderr)
        return 2
    print(hash_key(key))
    return 0


def _check(args: argparse.Namespace) -> int:
    import guards
    from proxy.check import CheckInputError, run_check
    from proxy.logs import configure_logging

    config = load_config(args.config) if args.config is not None else Config()
    configure_logging(config.server.log_level)  # a guard failure's line: stderr, as JSON
    try:
        return run_check(
            args.paths, config=config, output=args.output, diff=args.diff, language=args.language
        )
    except (CheckInputError, guards.LanguageError) as exc:
        print(f"codetamer check: {exc}", file=sys.stderr)
        return 2


def _store_path(args: argparse.Namespace) -> Path:
    path = _config(args).provenance.resolved_path()
    if not path.exists():
        raise ConfigError(f"no provenance store at {path}")
    return path


def _log_list(args: argparse.Namespace) -> int:
    from proxy.provenance import read_records

    for stored in read_records(_store_path(args), limit=args.limit, newest_first=True):
        r = stored.record
        if args.json:
            print(orjson.dumps(r).decode())
            continue
        findings = sum(len(a["findings"]) for rnd in r["rounds"] for a in rnd["artifacts"])
        print(
            f"{r['id']}  {r['started_at'][:19]}  {r['dialect']:<12} {r['model'] or '-'!s:<24} "
            f"{r['verdict']:<9} rounds={len(r['rounds'])} findings={findings} status={r['status']}"
        )
    return 0


def _log_show(args: argparse.Namespace) -> int:
    from proxy.provenance import find_record

    stored = find_record(_store_path(args), args.id)
    if stored is None:
        print(f"codetamer: no exchange with id {args.id!r}", file=sys.stderr)
        return 1
    out = {
        **stored.record,
        "_chain": {"seq": stored.seq, "prev_hash": stored.prev_hash, "hash": stored.hash},
    }
    print(orjson.dumps(out, option=orjson.OPT_INDENT_2).decode())
    return 0


def _log_verify(args: argparse.Namespace) -> int:
    from proxy.provenance import verify

    path = _store_path(args)
    count, problem = verify(path)
    if problem is not None:
        print(
            f"codetamer: provenance chain broken at record {problem.seq} ({problem.exchange_id}): "
            f"{problem.reason}; {count - 1} record(s) before it verified",
            file=sys.stderr,
        )
        return 1
    print(f"ok: {count} record(s) verified in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
