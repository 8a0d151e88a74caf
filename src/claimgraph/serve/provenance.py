"""Where each claim shown comes from: its document's URL, the SHA-256 of the unaltered original,
when it was captured, and a link to the sentence (on the server's document page, and in the
original at its URL through a text fragment, which works from a report opened offline)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ..store import Store

FRAGMENT_WORDS = 6  # words of the sentence's start (and end) a text fragment names


def _enc(s: str) -> str:
    # Text fragments reserve '-', ',' and '&' besides what percent-encoding always does.
    return quote(s, safe="").replace("-", "%2D")


def sentence_url(url: str | None, sentence: str | None) -> str | None:
    """The document's web address with a text fragment that scrolls to the sentence and marks it
    (`#:~:text=start,end`) in browsers that support it; the plain address in others."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    words = (sentence or "").split()
    if not words:
        return url
    base = url.split("#", 1)[0]
    if len(words) <= FRAGMENT_WORDS * 2:
        return f"{base}#:~:text={_enc(' '.join(words))}"
    return f"{base}#:~:text={_enc(' '.join(words[:FRAGMENT_WORDS]))},{_enc(' '.join(words[-FRAGMENT_WORDS:]))}"


def with_provenance(store: Store, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims (group claims or claim rows, each with a document_id and its sentence in `text`)
    with `provenance`: sha256, url, captured_at, the sentence's link in the original."""
    prov = store.provenance([c["document_id"] for c in claims if isinstance(c.get("document_id"), int)])
    for c in claims:
        p = prov.get(c.get("document_id", -1))
        if p:
            c["provenance"] = {"sha256": p["sha256"], "url": p["url"], "captured_at": p["captured_at"],
                               "sentence_url": sentence_url(p["url"], c.get("text"))}
    return claims
