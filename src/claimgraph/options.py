"""The options object: every knob of the pipeline in one typed place (like trafilatura's)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * MB  # one input file
    max_line: int = 2 * MB  # one line of text: longer ones are a sign of a binary or a bomb
    max_decompressed: int = 200 * MB  # gzip/zip payloads
    max_ratio: int = 200  # decompressed/compressed above this is treated as a bomb
    max_chars: int = 5_000_000  # decoded text handed to the parser
    # Memory one document may claim while it is extracted, on top of what the process holds
    # (the loaded model): past it the document fails alone. 0: no cap. Linux only.
    max_memory: int = 2048 * MB


@dataclass(frozen=True)
class Options:
    model: str = "en_core_web_sm"
    limits: Limits = field(default_factory=Limits)
    # Emit attributions of belief/intention ("X believes that ...") with kind "belief".
    beliefs: bool = True
    jobs: int = 1
    # User-supplied known entities and aliases (CSV/YAML/FollowTheMoney JSON paths).
    entity_files: tuple[str, ...] = ()
    # Languages to read scanned pages with (ISO 639-1: "fa", "en", "ar", "fr"); empty: chosen
    # from the script tesseract sees on each page.
    ocr_languages: tuple[str, ...] = ()

    def fingerprint(self) -> dict[str, Any]:
        """What goes into a processing-run record: enough to know whether to re-run."""
        return asdict(self)

