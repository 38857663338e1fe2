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

from toolkit.readers.html.dom import class_id
from toolkit.readers.html.segments import Segment

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


def select_content(segments: list[Segment], html: Any, title: str | None = None) -> list[Segment]:
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
    if not any(s.label == "body" for s in segments):
        structural_fallback(segments)
    repair(segments)
    cut_tail(segments)
    body = [s for s in segments if s.label == "body"]
    if body:
        first, last = body[0].index, body[-1].index
        title_words = tokens(title or "")
        head = next((s.index for s in segments[:first] if s.kind == "heading" and title_words
                     and tokens(s.text) == title_words), first - 3)
        for s in segments:
            if s.kind in ("image", "figure"):
                inside = min(head, first - 3) <= s.index <= last
                s.label = "figure" if inside else "furniture"
                s.reason = "image inside the article" if inside else "image outside the article"
    return [s for s in segments if s.label in ("body", "figure")]


BOILERPLATE_HINT = re.compile(
    r"share|social|related|recommend|newsletter|subscri|signup|sign-up|promo|advert|(?:^|[\s_-])ads?(?:$|[\s_-])|"
    r"sponsor|comment|author-?bio|(?:^|[\s_-])bio(?:$|[\s_-])|(?:^|[\s_-])tags?(?:$|[\s_-])|breadcrumb|"
    r"(?:^|[\s_-])nav|menu|footer|cookie|consent|popup|modal|sidebar|more-?stories|read-?more|"
    r"trending|popular|paywall|login|register|banner|toolbar|pagination|pager|button|btn|cta(?:$|[\s_-])|"
    r"rating|stars|price", re.I)


def content_root(segments: list[Segment]) -> Any:
    """The deepest element holding at least 80% of the kept words."""
    body = [s for s in segments if s.label == "body"]
    total = sum(s.words for s in body)
    if not total:
        return None
    weight: dict = {}
    order: list = []
    for s in body:
        for anc in [s.el, *s.el.iterancestors()]:
            if anc not in weight:
                weight[anc] = 0
                order.append(anc)
            weight[anc] += s.words
    best = None
    best_depth = -1
    for el in order:
        if weight[el] >= 0.8 * total:
            depth = sum(1 for _ in el.iterancestors())
            if depth > best_depth:
                best, best_depth = el, depth
    return best


def _hinted(el: Any, stop: Any, levels: int = 1000) -> bool:
    """True if ``el`` or an ancestor below ``stop`` is named like boilerplate or is nav/aside/footer/form."""
    for n, anc in enumerate([el, *el.iterancestors()]):
        if anc is stop or n > levels:
            return False
        if anc.tag in ("footer", "header") and _signs_a_quotation(anc):
            continue
        if anc.tag in ("nav", "aside", "footer", "form", "header") or BOILERPLATE_HINT.search(class_id(anc)):
            return True
    return False


def _signs_a_quotation(el: Any) -> bool:
    """A ``<footer>`` or ``<header>`` inside a block quotation or figure is its signature or heading
    ("<blockquote><p>...</p><footer>— Ana Petrova</footer></blockquote>"), never page furniture."""
    return any(a.tag in ("blockquote", "figure") for a in el.iterancestors())


STRONG_HINT = re.compile(r"author-?(?:bio|box|info|card|profile|description)|(?:^|[\s_-])bio(?:$|[\s_-])|"
                         r"newsletter|subscri|related|recommend|share|social|comment|promo|advert|sponsor|"
                         r"disclaimer|disclosure|cookie|consent|paywall|signup|sign-up|cta(?:$|[\s_-])", re.I)


def _strong_hint(el: Any, root: Any, share: dict) -> bool:
    """The segment or its parent (below the article root) is a box named like boilerplate that
    holds only a small part of the article (markup left open can make such a box hold it all)."""
    for anc in [el, *el.iterancestors()][:3]:
        if anc is root:
            return False
        if STRONG_HINT.search(class_id(anc)):
            return share.get(anc, 0.0) < 0.2
    return False


def _body_share(segments: list[Segment]) -> dict:
    """For every ancestor of a kept segment: the share of the kept words below it."""
    body = [s for s in segments if s.label == "body"]
    total = sum(s.words for s in body) or 1
    share: dict = {}
    for s in body:
        for anc in [s.el, *s.el.iterancestors()]:
            share[anc] = share.get(anc, 0.0) + s.words / total
    return share


def _link_density(seg: Segment) -> float:
    if not seg.text:
        return 0.0
    links = sum(len(a.text_content()) for p in seg.run if not isinstance(p, str)
                for a in ([p] if p.tag == "a" else p.iter("a")))
    if seg.el.tag == "a":
        return 1.0
    return min(1.0, links / max(1, len(seg.text)))


END_MARKER = re.compile(
    r"^(?:about the (?:author|authors|reviewer|writer|editor)s?|disclaimer|"
    r"related(?: (?:articles?|posts?|stories|reading|content|links))?|you (?:may|might) also (?:like|enjoy)|"
    r"more from .{0,40}|read (?:more|next)|recommended(?: for you| reading)?|comments?|\d+ comments?|"
    r"leave a (?:reply|comment)|share this(?: article| post| story)?|tags|popular (?:posts|articles|stories)|"
    r"latest (?:posts|articles|news|stories))\s*:?$", re.I)


def cut_tail(segments: list[Segment]) -> None:
    """End the article at a closing section ("About the author", "References", "Related posts") found
    in its last part, and drop menu words ("Share", "Print") kept inside it."""
    from toolkit.readers.text.blocks import is_furniture_line

    body = [s for s in segments if s.label == "body"]
    total = sum(s.words for s in body)
    seen = 0
    cut = False
    for s in body:
        if cut:
            s.label, s.reason = "furniture", "after the article's closing section"
            continue
        if s.words <= 6 and END_MARKER.match(s.text) and seen >= 0.5 * total:
            cut = True
            s.label, s.reason = "furniture", "closing section heading (author box, references, related)"
            continue
        if s.words <= 4 and is_furniture_line(s.text):
            s.label, s.reason = "furniture", "menu word (share, print, subscribe ...)"
        seen += s.words


def repair(segments: list[Segment]) -> None:
    """Fill gaps the extractor left inside the article's own container."""
    root = content_root(segments)
    body_idx = [s.index for s in segments if s.label == "body"]
    if root is None or not body_idx:
        return
    first, last = body_idx[0], body_idx[-1]
    inside = set(root.iter())
    for s in segments[first:last + 1]:
        if s.label == "body" or s.kind in ("image", "figure", "caption"):
            continue
        if s.el not in inside or _hinted(s.el, root) or _link_density(s) > 0.5:
            continue
        s.label, s.reason = "body", "inside the article's container, between kept blocks"
    share = _body_share(segments)
    for s in segments:
        if s.label != "body":
            continue
        if s.el not in inside and (_hinted(s.el, None) or _link_density(s) > 0.5):
            s.label, s.reason = "furniture", "outside the article's container, named or linked like boilerplate"
        elif _strong_hint(s.el, root, share):
            s.label, s.reason = "furniture", "inside a box named like boilerplate (author bio, newsletter, related)"
        elif s.words <= 8 and _hinted(s.el, root, levels=1):
            s.label, s.reason = "furniture", "short block named like boilerplate (share, rating, button ...)"
        elif not re.search(r"[^\W\d_]", s.text) and s.kind != "row":  # a table's row of figures is data
            s.label, s.reason = "furniture", "no letters (counters, ratings, page numbers)"


def structural_fallback(segments: list[Segment]) -> None:
    """When the extractor keeps nothing (short pages, fragments): the container holding most of the
    page's paragraph prose is the article; its unnamed, unlinked blocks are kept."""
    prose = [s for s in segments if s.kind in ("para", "item", "heading") and s.words >= 8
             and _link_density(s) < 0.5 and not _hinted(s.el, None)]
    for s in prose:
        s.label = "body"
    root = content_root(segments)
    for s in segments:
        if s.kind in ("image", "figure"):
            continue
        inside = root is not None and any(a is root for a in [s.el, *s.el.iterancestors()])
        if inside and not _hinted(s.el, root) and _link_density(s) <= 0.5 and (
                re.search(r"[^\W\d_]", s.text) or s.kind == "row"):
            s.label, s.reason = "body", "in the container holding most of the page's prose"
        else:
            s.label, s.reason = "furniture", "outside the container holding most of the page's prose"


def page_body(root: Any) -> Any:
    body = root.find("body")
    return body if body is not None else root
