"""`claimgraph serve`: the web interface and HTTP API."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import uvicorn

from ..errors import ConfigError
from ..options import MB
from ..serve.web import create_app
from ..serve.web.security import is_loopback
from .common import Add
from .terminal import err_console


def check_exposure(host: str, write: bool, token: str | None) -> None:
    """Anyone who can reach the server could change the database: beyond this machine, only with a token."""
    if write and not token and not is_loopback(host):
        raise ConfigError(f"refusing to listen on {host} with --write and no token: set CLAIMGRAPH_TOKEN or "
                          "--token-file, or listen on 127.0.0.1")


def read_secret(given: str | None, file: str | None, env: str, what: str) -> str | None:
    """A token from its file (first line), else the command line, else the environment. A token
    given on the command line is visible to every user of the machine (`ps`): said, not refused."""
    if file:
        try:
            lines = Path(file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{file}: cannot read the {what} ({exc.__class__.__name__})") from None
        value = lines[0].strip() if lines else ""
        if not value:
            raise ConfigError(f"{file}: the {what} file is empty")
        return value
    if given:
        err_console.print(f"note: a {what} on the command line is visible to other users (ps); "
                          f"prefer ${env} or a file", highlight=False)
        return given
    return os.environ.get(env) or None


def cmd_serve(args: argparse.Namespace) -> int:
    token = read_secret(args.token, args.token_file, "CLAIMGRAPH_TOKEN", "token")
    read_token = read_secret(args.read_token, args.read_token_file, "CLAIMGRAPH_READ_TOKEN", "read token")
    check_exposure(args.host, args.write, token)
    max_upload = int(args.max_mb * MB) if args.max_mb else None
    app = create_app(args.db, token=token, readonly=not args.write, max_upload=max_upload, read_token=read_token,
                     host=args.host, allow_hosts=args.allow_host or ())
    mode = "read-write" + (" with token" if token else "") if args.write else "read-only"
    if read_token:
        mode += ", reads need the read token"
    err_console.print(f"claimgraph serving {args.db} ({mode}) on http://{args.host}:{args.port}/", highlight=False)
    if not is_loopback(args.host) and not args.allow_host:
        err_console.print("note: only requests for localhost or an IP address are answered; add --allow-host NAME "
                          "for each name this server is reached by", highlight=False)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0


def register(add: Add) -> None:
    """This module's subcommands."""
    sp = add("serve", cmd_serve, "the web interface and HTTP API (read-only unless --write)", fmt=())
    sp.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    sp.add_argument("--port", type=int, default=8000)
    sp.add_argument("--allow-host", action="append", metavar="NAME",
                    help="a host name this server is reached by (repeatable); others are refused (DNS rebinding)")
    sp.add_argument("--token-file", metavar="FILE", help="file whose first line is the token for uploads and "
                    "changes (default: $CLAIMGRAPH_TOKEN); at least 16 characters")
    sp.add_argument("--token", help="the token itself (visible in ps: prefer the file or the variable)")
    sp.add_argument("--read-token-file", metavar="FILE", help="file whose first line is a token every reader must "
                    "present (default: $CLAIMGRAPH_READ_TOKEN), for confidential material")
    sp.add_argument("--read-token", help="the read token itself (visible in ps)")
    sp.add_argument("--write", action="store_true", help="allow uploads and merge judgements")
    sp.add_argument("--max-mb", type=float, help="largest upload in MB (default 50)")
