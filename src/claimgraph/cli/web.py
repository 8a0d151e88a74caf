"""`claimgraph serve`: the web interface and HTTP API."""

from __future__ import annotations

import argparse
import os

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
        raise ConfigError(f"refusing to listen on {host} with --write and no token: set --token or "
                          "CLAIMGRAPH_TOKEN, or listen on 127.0.0.1")


def cmd_serve(args: argparse.Namespace) -> int:
    check_exposure(args.host, args.write, args.token)
    max_upload = int(args.max_mb * MB) if args.max_mb else None
    app = create_app(args.db, token=args.token, readonly=not args.write, max_upload=max_upload)
    mode = "read-write" + (" with token" if args.token else "") if args.write else "read-only"
    err_console.print(f"claimgraph serving {args.db} ({mode}) on http://{args.host}:{args.port}/", highlight=False)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0


def register(add: Add) -> None:
    """This module's subcommands."""
    sp = add("serve", cmd_serve, "the web interface and HTTP API (read-only unless --write)", fmt=())
    sp.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    sp.add_argument("--port", type=int, default=8000)
    sp.add_argument("--token", default=os.environ.get("CLAIMGRAPH_TOKEN"),
                    help="token required for uploads and merge judgements (default: $CLAIMGRAPH_TOKEN)")
    sp.add_argument("--write", action="store_true", help="allow uploads and merge judgements")
    sp.add_argument("--max-mb", type=float, help="largest upload in MB (default 50)")
