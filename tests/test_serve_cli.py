"""`claimgraph serve`: options, and the refusal to expose write access without a token."""

from __future__ import annotations

import pytest

from claimgraph.cli import build_parser
from claimgraph.cli.web import check_exposure
from claimgraph.errors import ConfigError


def test_serve_defaults_to_localhost_and_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAIMGRAPH_TOKEN", raising=False)
    args = build_parser().parse_args(["serve", "--db", "x.db"])
    assert (args.host, args.port, args.write, args.token) == ("127.0.0.1", 8000, False, None)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.4", "example.org", "::"])
def test_write_access_beyond_localhost_needs_a_token(host: str) -> None:
    with pytest.raises(ConfigError, match="refusing"):
        check_exposure(host, write=True, token=None)
    check_exposure(host, write=True, token="t")
    check_exposure(host, write=False, token=None)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_localhost_may_write_without_a_token(host: str) -> None:
    check_exposure(host, write=True, token=None)
