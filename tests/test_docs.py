"""Documentation that tests check: the commands the README shows exist, and the layout
ARCHITECTURE.md describes is the layout on disk."""

from __future__ import annotations

import re
from pathlib import Path

from claimgraph.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]


def _subcommands() -> set[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return set(action.choices)  # type: ignore[arg-type]


def test_every_command_in_the_readme_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    used = set(re.findall(r"bin/claimgraph (\w[\w-]*)", readme))
    known = _subcommands()
    assert used, "the README shows no commands"
    assert used <= known, f"README mentions unknown commands: {sorted(used - known)}"


def test_the_readme_first_screen_has_the_two_commands() -> None:
    head = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:25])
    assert "scripts/setup" in head and "claimgraph demo" in head
    assert "scripts/test" in head
    assert "scripts/test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_architecture_names_each_stage_folder() -> None:
    arch = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for stage in ("ingest", "normalise", "extract", "resolve", "store", "serve"):
        assert (ROOT / "src" / "claimgraph" / stage).is_dir()
        assert f"`{stage}/`" in arch
