"""Exports every annotation of the HTML edition as W3C Web Annotations (JSON-LD).

Each annotation targets the HTML page with three equivalent selectors: a TextQuoteSelector
(exact text with 32 characters of context either side), a TextPositionSelector (offsets in the
article's text: its paragraphs and headings in order, separated by one blank line, as measured
by ``toolkit.writers.annotated.index``) and a FragmentSelector naming the element's id in the page.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from toolkit.options import Context, Options
from toolkit.tree.nodes import Document
from toolkit.version import __version__
from toolkit.writers.annotated.index import ArticleText, Mark
from toolkit.writers.annotated.timeline import display_date

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_LEN = 32
MOTIVATIONS = {"quote": "identifying", "cite": "linking", "abbr": "describing", "term": "tagging",
               "date": "describing", "entity": "identifying"}
TAGS = {"quote": "quotation", "cite": "citation", "abbr": "abbreviation", "term": "term", "date": "date",
        "entity": "entity"}


def _body(value: str, purpose: str, lang: str) -> dict[str, Any]:
    return {"type": "TextualBody", "value": value, "purpose": purpose, "format": "text/plain", "language": lang}


def bodies(doc: Document, mark: Mark, lang: str) -> list[dict[str, Any]]:
    """What the annotation says about its target, by kind."""
    d = mark.data
    out = [_body(TAGS[mark.kind], "tagging", "en")]
    if mark.kind == "quote":
        person = doc.person(d.get("data-speaker", ""))
        if person:
            out.append(_body(person.name, "identifying", lang))
            if person.role:
                out.append(_body(person.role, "describing", lang))
    elif mark.kind == "cite":
        source = doc.source(d.get("data-source", ""))
        if source:
            out.append(_body(source.name, "identifying", lang))
            if source.url.startswith(("http://", "https://")):
                out.append({"id": source.url, "type": "Text", "purpose": "linking"})
    elif mark.kind == "abbr" and d.get("title"):
        out.append(_body(d["title"], "describing", lang))
    elif mark.kind == "term" and d.get("title"):
        out.append(_body(d["title"], "describing", lang))
    elif mark.kind == "date":
        value = d.get("datetime") or d.get("data-value") or ""
        if value:
            out.append(_body(value, "describing", "en"))
            if display_date(value) != value:
                out.append(_body(display_date(value), "describing", "en"))
    elif mark.kind == "entity":
        out.append(_body(d.get("data-name") or mark.exact, "identifying", lang))
        if d.get("data-kind"):
            out.append(_body(d["data-kind"], "classifying", "en"))
    return out


def selectors(at: ArticleText, mark: Mark) -> list[dict[str, Any]]:
    prefix = at.text[max(0, mark.start - CONTEXT_LEN):mark.start]
    suffix = at.text[mark.end:mark.end + CONTEXT_LEN]
    return [
        {"type": "TextQuoteSelector", "exact": mark.exact, "prefix": prefix, "suffix": suffix},
        {"type": "TextPositionSelector", "start": mark.start, "end": mark.end},
        {"type": "FragmentSelector", "conformsTo": "http://tools.ietf.org/rfc/rfc3986", "value": mark.id},
    ]


def annotation_collection(doc: Document, at: ArticleText, source: str) -> dict[str, Any]:
    """An ``AnnotationCollection`` whose one page holds every annotation of the article."""
    lang = doc.meta.language or "en"
    seed = hashlib.sha256((source + "\0" + (doc.meta.title or "") + "\0" + at.text).encode()).digest()
    space = uuid.UUID(bytes=seed[:16])

    def urn(name: str) -> str:
        return f"urn:uuid:{uuid.uuid5(space, name)}"

    items = []
    for mark in at.marks:
        if not mark.exact.strip() or mark.kind not in MOTIVATIONS:
            continue
        items.append({
            "@context": CONTEXT,
            "id": urn(f"{mark.kind}:{mark.id}"),
            "type": "Annotation",
            "motivation": MOTIVATIONS[mark.kind],
            "generator": {"type": "Software", "name": f"toolkit {__version__}"},
            "body": bodies(doc, mark, lang),
            "target": {"source": source, "format": "text/html", "language": lang,
                       "selector": selectors(at, mark)},
        })
    return {
        "@context": CONTEXT,
        "id": urn("collection"),
        "type": "AnnotationCollection",
        "label": f"Annotations of “{doc.meta.title or 'Untitled'}”",
        "total": len(items),
        "first": {"id": urn("page-1"), "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def default_source(doc: Document, ctx: Context) -> str:
    """The file name the HTML edition of ``doc`` gets beside the export."""
    from toolkit.naming import output_name

    return output_name(doc, ctx.input_path, "html")


def render_web_annotations(doc: Document, options: Options, ctx: Context) -> bytes:
    """Writer entry point: the Web Annotation export of the annotated HTML edition."""
    from toolkit.writers.annotated.writer import measure_article

    at = measure_article(doc, options, ctx)
    source = getattr(options, "annotation_source", None) or default_source(doc, ctx)
    data = annotation_collection(doc, at, source)
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
