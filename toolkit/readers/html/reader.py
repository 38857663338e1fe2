"""Reads a complete web page (or an HTML fragment) into a Document: metadata, article body and figures.

Steps: parse safely (html_dom) -> declared metadata (html_metadata) -> clean the tree -> cut it
into segments (html_segments) -> keep the article's segments (html_content) -> headline, dek,
byline and date (html_header) -> blocks and figures (html_tree, html_figures).
"""

from __future__ import annotations

import copy
import re

from toolkit.errors import InputError
from toolkit.options import Context
from toolkit.readers.html.authors import choose_authors
from toolkit.readers.html.content import page_body, select_content
from toolkit.readers.html.dates import Shown, choose_date, iso_day, month_first, shown_dates
from toolkit.readers.html.dom import clean_tree, decode_page, parse_page
from toolkit.readers.html.header import visible_header
from toolkit.readers.html.langs import LanguageBoxes
from toolkit.readers.html.metadata import read_declared
from toolkit.readers.html.segments import cut_segments
from toolkit.readers.html.title import choose_title, shown_headline, visible_headings
from toolkit.readers.html.tree import build_blocks
from toolkit.readers.text.language import normalize_language, settle_language
from toolkit.tree.nodes import DefinitionList, Div, Document, Figure, Heading, Meta, Para, Table
from toolkit.tree.walk import iter_nodes, plain_text

UNREAD = frozenset(("script", "style", "template", "noscript"))
PAGE_TEXT_FACTOR = 4  # a page may carry this many times an article's text limit in furniture and comments


def refuse_oversized(root, path: str | None) -> None:
    """Refuse at once a page whose text alone could never make one article (before the extractors
    spend a minute and a gigabyte on it; the article limit itself is checked after reading)."""
    from toolkit.guard.decode import MAX_ARTICLE_CHARS

    limit = PAGE_TEXT_FACTOR * MAX_ARTICLE_CHARS
    chars = 0
    for el in root.iter():  # readable text only: not scripts' state, styles or comments
        if isinstance(el.tag, str) and el.tag.lower() not in UNREAD:
            chars += len(el.text or "")
        chars += len(el.tail or "")
        if chars > limit:
            raise InputError(f"the page has over {limit:,} characters of text, far more than one article "
                             f"(limit {MAX_ARTICLE_CHARS:,}); split it into articles", path)


def read_html(data: bytes, ctx: Context) -> Document:
    path = str(ctx.input_path) if ctx.input_path else None
    root = parse_page(data, path)
    refuse_oversized(root, path)
    html = copy.deepcopy(root)  # the extractor gets its own copy: it rewrites the tree it reads
    declared = read_declared(root)
    clean_tree(root)
    body = page_body(root)
    headings = visible_headings(body, declared.site_names)
    title, title_reason = choose_title(declared, headings)
    shown = shown_headline(title, headings)
    header = visible_header(body, shown)
    segments = cut_segments(body)
    us = month_first(declared.languages)
    dates = shown_dates(body, header["h1"], us)
    dates += [Shown(d, "") for d in (iso_day(t, us) for t in _datelines_after_title(segments, shown)) if d]
    kept = select_content(segments, html, shown)
    if not header["dek"]:
        header["dek"] = _bold_lead(kept)
    kept = _drop_header_segments(kept, shown, header)
    base_url = declared.base_href or (declared.urls[0] if declared.urls else None)
    declared_language = LanguageBoxes(kept, None).article_language(declared.languages[0] if declared.languages
                                                                    else None)
    blocks = build_blocks(kept, base_url if base_url and base_url.startswith("http") else None, declared_language)
    if not any(isinstance(b, (Para, Heading, Figure, Table, DefinitionList, Div)) for b in blocks) and not title:
        raise InputError("no article text found in the web page", path)
    for s in segments:
        ctx.explain.append((s.index + 1, s.label or "furniture", s.reason or "outside the article",
                            s.text or f"[{s.kind}]"))
    body_text = " ".join(plain_text(n.children) for b in blocks for n in iter_nodes(b) if isinstance(n, Para))
    language, overruled = settle_language(normalize_language(declared_language) if declared_language else None,
                                          body_text)
    if overruled:
        ctx.warn(overruled)
    meta = Meta(
        title=title,
        subtitle=choose_dek(header["dek"], declared.descriptions, blocks),
        kicker=header["kicker"] or (declared.sections[0] if declared.sections else None),
        tags=_distinct(declared.tags)[:12],
        authors=tuple(choose_authors(declared, header["bylines"])),
        date=choose_date(declared, dates, lambda: decode_page(data, path)),
        language=language,
        url=declared.urls[0] if declared.urls else None,
        site_name=declared.site_names[0] if declared.site_names else None,
        publisher=declared.publishers[0] if declared.publishers else None,
        rights=declared.rights[0] if declared.rights else None,
        extra=(("title_source", title_reason),) if title_reason else (),
    )
    return Document(meta=meta, blocks=tuple(blocks))


def _distinct(values: list[str]) -> tuple[str, ...]:
    """Values in order, each once regardless of case."""
    seen: dict[str, str] = {}
    for v in values:
        seen.setdefault(v.casefold(), v)
    return tuple(seen.values())


def _datelines_after_title(segments: list, title: str | None) -> list[str]:
    """Short lines that are dates, among the first segments after the visible headline."""
    from toolkit.language.dates import is_dateline
    from toolkit.readers.html.header import words

    tw = words(title)
    at = next((s.index for s in segments if tw and words(s.text) == tw), None)
    if at is None:
        return []
    near = [*segments[at + 1:at + 12], *reversed(segments[max(0, at - 4):at])]
    return [s.text for s in near if s.words <= 12 and is_dateline(s.text)][:1]


def _bold_lead(kept: list) -> tuple[str, bool] | None:
    """An opening paragraph set wholly in bold is the standfirst."""
    for s in kept[:3]:
        if s.kind != "para":
            continue
        parts = [p for p in s.run if not (isinstance(p, str) and not p.strip())]
        if len(parts) == 1 and not isinstance(parts[0], str) and parts[0].tag in ("strong", "b") \
                and 8 <= s.words <= 60:
            return s.text, True
        return None
    return None


PROMO = re.compile(r"subscri|sign up|newsletter|read more|% off|per month|log ?in|cookie", re.I)


def choose_dek(found: tuple[str, bool] | None, descriptions: list[str], blocks: list) -> str | None:
    """The visible standfirst if the page's description agrees with it, else that description.

    A description that only repeats the opening paragraph, or is an advertisement, is no dek.
    """
    from toolkit.readers.html.header import words

    desc = next((d for d in descriptions if len(d.split()) >= 5), None)
    first = next((plain_text(b.children) for b in blocks if isinstance(b, Para)), "")
    visible, marked = found or (None, False)
    if visible and not PROMO.search(visible):
        if marked or not desc or _overlap(words(visible), words(desc)) >= 0.2:
            return visible
    if not desc or PROMO.search(desc):
        return None
    dw = words(desc.rstrip(".… "))
    if dw and _overlap(dw, words(first)) >= 0.8:
        return None
    return desc


def _overlap(a: list[str], b: list[str]) -> float:
    """Share of ``a``'s words found in ``b``."""
    if not a:
        return 0.0
    bag = set(b)
    return sum(w in bag for w in a) / len(a)


def _drop_header_segments(kept: list, title: str | None, header: dict) -> list:
    """The headline, dek, kicker, byline and dateline are metadata, not body paragraphs."""
    from toolkit.language.dates import is_dateline
    from toolkit.readers.bylines import BY_PREFIX
    from toolkit.readers.html.header import words

    tw, kw = words(title), words(header.get("kicker"))
    dw = words(header["dek"][0]) if header.get("dek") else []
    names = {tuple(words(n)) for n in header.get("bylines") or ()}
    first_prose = next((i for i, s in enumerate(kept) if s.kind == "para" and s.words >= 15), len(kept))
    out = []
    for i, s in enumerate(kept):
        sw = words(s.text)
        if s.kind in ("heading", "para") and sw and (sw == tw or sw == dw):
            s.label, s.reason = ("title", "the headline") if sw == tw else ("dek", "the standfirst")
            continue
        if i < first_prose and s.kind in ("heading", "para") and s.words <= 12 and sw and (
                sw == kw or BY_PREFIX.match(s.text) or tuple(sw) in names or is_dateline(s.text)):
            s.label, s.reason = "header", "kicker, byline or dateline above the article's first paragraph"
            continue
        out.append(s)
    return out
