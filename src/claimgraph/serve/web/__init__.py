"""The web face: an HTTP API under /api/ and server-rendered pages, both thin over the store,
the workflow and resolve."""

from .app import create_app

__all__ = ["create_app"]
