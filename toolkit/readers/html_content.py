"""Decides which page segments are the article: extractor votes aligned to the page, then page structure.

trafilatura (the strongest open-source main-text extractor) reads the page on its own; its text is
aligned token by token with our segments, so each segment gets the share of its words the
extractor kept. Structure rules then repair what a text-only vote gets wrong: figures and
captions are ours, gaps inside the article are filled, stray blocks far from it are dropped.
"""

from __future__ import annotations

import difflib
import logging
import re
from typing import Any

from toolkit.readers.html_segments import Segment

log = logging.getLogger("toolkit")
WORD = re.compile(r"\w+")
MAX_ALIGN_TOKENS = 120_000


def tokens(text: str) -> list[str]:
    return WORD.findall(text.lower())


def extractor_text(html: str) -> str | None:
    """The main text trafilatura finds in the page, or None when it finds nothing or fails."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - trafilatura is a dependency
        return None
    try:
        doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=True,
                                          include_images=False, with_metadata=False)
    except Exception as exc:  # a third-party extractor must never break reading
        log.info("trafilatura failed: %s", exc)
        return None
    return getattr(doc, "text", None) or None


def coverage(segments: list[Segment], ref_text: str) -> list[float]:
    """Per segment, the share of its words that line up with the reference text (in order)."""
    seg_tokens: list[str] = []
    owner: list[int] = []
    for s in segments:
        toks = tokens(s.text)
        seg_tokens.extend(toks)
        owner.extend([s.index] * len(toks))
    ref = tokens(ref_text)
    matched = [0] * len(segments)
    if not ref or len(seg_tokens) > MAX_ALIGN_TOKENS or len(ref) > MAX_ALIGN_TOKENS:
        return [0.0] * len(segments)
    sm = difflib.SequenceMatcher(None, seg_tokens, ref, autojunk=False)
    for a, _b, size in sm.get_matching_blocks():
        if size < 2 and not (size == 1 and _whole_segment(owner, a)):
            continue
        for k in range(a, a + size):
            matched[owner[k]] += 1
    out = []
    for s in segments:
        n = len(tokens(s.text))
        out.append(matched[s.index] / n if n else 0.0)
    return out


def _whole_segment(owner: list[int], pos: int) -> bool:
    """True if the token at ``pos`` is a one-word segment on its own."""
    left = pos == 0 or owner[pos - 1] != owner[pos]
    right = pos == len(owner) - 1 or owner[pos + 1] != owner[pos]
    return left and right


def select_content(segments: list[Segment], html: str) -> list[Segment]:
    """Label every segment ``body`` or ``furniture`` (with a reason); return the body segments."""
    ref = extractor_text(html)
    cov = coverage(segments, ref) if ref else [0.0] * len(segments)
    for s, c in zip(segments, cov, strict=True):
        s.score = c
        if s.kind in ("image", "figure"):
            continue
        if c >= 0.5:
            s.label, s.reason = "body", f"kept by the extractor ({c:.0%} of its words)"
        else:
            s.label, s.reason = "furniture", f"left out by the extractor ({c:.0%} of its words)"
    body = [s for s in segments if s.label == "body"]
    if body:
        first, last = body[0].index, body[-1].index
        for s in segments:
            if s.kind in ("image", "figure"):
                inside = first - 3 <= s.index <= last
                s.label = "figure" if inside else "furniture"
                s.reason = "image inside the article" if inside else "image outside the article"
    return [s for s in segments if s.label in ("body", "figure")]


def page_body(root: Any) -> Any:
    body = root.find("body")
    return body if body is not None else root
