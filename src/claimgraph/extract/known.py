"""Known entities from user files: CSV, YAML, or FollowTheMoney JSON (one entity, a list, or lines).

CSV: a header with `name`, optional `type`, `aliases` (separated by ';' or '|'), `id`.
YAML: a list of mappings with the same keys (`aliases` a list or a ';'-separated string), or a
mapping with an `entities` list.
FollowTheMoney: entities as exported by `ftm` or OpenSanctions, read with followthemoney's model;
names come from `proxy.names` (name, alias, ...) and the entity's caption names it. Entities of
a schema with no type here (links such as an Occupancy, or a Position) are left out.

Every problem is a ConfigError that names the file and, where it helps, the row.
"""

from __future__ import annotations

import csv
import json
import logging
import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..errors import ConfigError

log = logging.getLogger(__name__)

TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"}
FTM_TYPES = {
    "Person": "PERSON", "Organization": "ORG", "Company": "ORG", "PublicBody": "ORG",
    "LegalEntity": "ORG", "Address": "LOC", "Event": "EVENT",
}
TYPE_ALIASES = {"ORGANIZATION": "ORG", "ORGANISATION": "ORG", "LOCATION": "LOC", "PLACE": "GPE",
                "COUNTRY": "GPE", "FACILITY": "FAC"}


@dataclass(frozen=True)
class Known:
    name: str
    type: str | None
    aliases: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    source: str = ""
    roles: tuple[str, ...] = field(default=())

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *[a for a in self.aliases if a != self.name])


def _type(value: Any, where: str) -> str | None:
    if value in (None, ""):
        return None
    t = str(value).strip().upper()
    t = TYPE_ALIASES.get(t, t)
    if t not in TYPES:
        raise ConfigError(f"{where}: unknown entity type {value!r} (use one of {', '.join(sorted(TYPES))})")
    return t


def _split(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(p.strip() for p in str(value).replace("|", ";").split(";") if p.strip())


def _record(row: dict[str, Any], where: str, path: str) -> Known:
    if not isinstance(row, dict):
        raise ConfigError(f"{where}: expected a mapping with 'name', got {type(row).__name__}")
    name = str(row.get("name") or "").strip()
    if not name:
        raise ConfigError(f"{where}: missing 'name'")
    ids = _split(row.get("id") or row.get("ids"))
    return Known(name=name, type=_type(row.get("type"), where), aliases=_split(row.get("aliases")),
                 ids=ids, source=os.path.basename(path))


def _csv(path: str, text: str) -> list[Known]:
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or "name" not in [f.strip().lower() for f in reader.fieldnames]:
        raise ConfigError(f"{path}: a CSV alias list needs a header row with a 'name' column")
    out = []
    for n, row in enumerate(reader, 2):
        out.append(_record({(k or "").strip().lower(): v for k, v in row.items()}, f"{path}, row {n}", path))
    return out


def _yaml(path: str, text: str) -> list[Known]:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc})") from None
    if isinstance(data, dict) and "entities" in data:
        data = data["entities"]
    if not isinstance(data, list):
        raise ConfigError(f"{path}: expected a list of entities (or a mapping with an 'entities' list)")
    return [_record(row, f"{path}, entry {n}", path) for n, row in enumerate(data, 1)]


def _ftm_items(path: str, text: str) -> list[dict[str, Any]]:
    text = text.strip()
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        try:
            data = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}: not JSON or JSON lines ({exc})") from None
    items = data if isinstance(data, list) else [data]
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or "schema" not in item:
            raise ConfigError(f"{path}, entity {n}: a FollowTheMoney entity needs 'schema' and 'properties'")
    return items


def _ftm(path: str, text: str) -> list[Known]:
    from followthemoney import model
    from followthemoney.exc import FollowTheMoneyException

    out = []
    for n, item in enumerate(_ftm_items(path, text), 1):
        try:
            proxy = model.get_proxy(item)
        except (FollowTheMoneyException, TypeError, ValueError) as exc:
            raise ConfigError(f"{path}, entity {n}: not a valid FollowTheMoney entity ({exc})") from None
        ftype = next((FTM_TYPES[s.name] for s in proxy.schema.schemata if s.name in FTM_TYPES), None)
        ftype = FTM_TYPES.get(proxy.schema.name, ftype)
        if ftype is None:
            # Files such as OpenSanctions' hold, beside people and bodies, the links between them
            # (an Occupancy, a Family tie, a Sanction: they name nobody) and things of no type
            # here (a Position, a Vessel), which the text would otherwise read as organisations.
            log.debug("%s, entity %d: a %s, not a known entity", path, n, proxy.schema.name)
            continue
        names = [str(x) for x in proxy.names]
        caption = str(proxy.caption) if proxy.caption else (names[0] if names else "")
        if not caption or caption == proxy.schema.label:
            raise ConfigError(f"{path}, entity {n}: the entity has no name")
        ids = (f"ftm:{proxy.id}",) if proxy.id else ()
        out.append(Known(name=caption, type=ftype, aliases=tuple(x for x in names if x != caption),
                         ids=ids, source=os.path.basename(path)))
    return out


def load_file(path: str) -> list[Known]:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the entity file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the entity file is not UTF-8 text") from None
    low = path.lower()
    if low.endswith(".csv"):
        return _csv(path, text)
    if low.endswith((".yaml", ".yml")):
        return _yaml(path, text)
    if low.endswith((".json", ".jsonl", ".ftm", ".ijson")):
        return _ftm(path, text)
    raise ConfigError(f"{path}: unknown entity file type (use .csv, .yaml/.yml or FollowTheMoney .json/.jsonl)")


@lru_cache(maxsize=8)
def _load_cached(paths: tuple[str, ...], stamps: tuple[float, ...]) -> tuple[Known, ...]:
    out: list[Known] = []
    for p in paths:
        out.extend(load_file(p))
    return tuple(out)


def load_known(paths: tuple[str, ...] | list[str]) -> tuple[Known, ...]:
    """All known entities from the files, read once per process while the files are unchanged."""
    paths = tuple(paths)
    if not paths:
        return ()
    stamps = []
    for p in paths:
        try:
            stamps.append(os.stat(p).st_mtime)
        except OSError as exc:
            raise ConfigError(f"{p}: cannot read the entity file ({exc.strerror})") from None
    return _load_cached(paths, tuple(stamps))
