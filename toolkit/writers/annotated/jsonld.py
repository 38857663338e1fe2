"""Builds the schema.org ``NewsArticle`` JSON-LD of the annotated edition, with its quotations.

The JSON is made safe to sit inside a ``<script>`` element: ``<``, ``>`` and ``&`` are escaped
as JSON unicode escapes, so no input can close the element or open a comment.
"""

from __future__ import annotations

import json
from typing import Any

from toolkit.tree.nodes import Document, Figure
from toolkit.tree.walk import plain_text
from toolkit.writers.annotated.index import ArticleText, word_count
from toolkit.writers.annotated.panels import quote_groups

ENTITY_TYPES = {"person": "Person", "organization": "Organization", "place": "Place"}
SOURCE_TYPES = {"outlet": "NewsMediaOrganization", "organization": "Organization", "institution": "Organization",
                "person": "Person", "document": "CreativeWork", "report": "Report"}


def script_json(data: Any) -> str:
    """JSON that cannot end its ``<script>`` element early."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _person(doc: Document, pid: str) -> dict[str, Any] | None:
    p = doc.person(pid)
    if p is None:
        return None
    out: dict[str, Any] = {"@type": "Organization" if p.kind == "organization" else "Person", "name": p.name}
    if p.role:
        out["jobTitle" if p.kind != "organization" else "description"] = p.role
    return out


def news_article(doc: Document, at: ArticleText | None = None) -> dict[str, Any]:
    """The ``NewsArticle`` object; with ``at`` (the measured text) it also lists quotations and counts."""
    m = doc.meta
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle",
                            "headline": m.title or "Untitled"}
    if m.subtitle:
        data["description"] = m.subtitle
    if m.kicker:
        data["articleSection"] = m.kicker
    if m.authors:
        data["author"] = [{"@type": "Person", "name": a} for a in m.authors]
    if m.date:
        data["datePublished"] = m.date
    if m.language:
        data["inLanguage"] = m.language
    if m.tags:
        data["keywords"] = list(m.tags)
    if m.url:
        data["url"] = m.url
        data["mainEntityOfPage"] = m.url
    if m.publisher or m.site_name:
        data["publisher"] = {"@type": "Organization", "name": m.publisher or m.site_name}
    if m.rights:
        data["copyrightNotice"] = m.rights
    figure = next((b for b in doc.blocks if isinstance(b, Figure)), None)
    if figure is not None and (figure.caption or figure.credit or figure.src):
        image: dict[str, Any] = {"@type": "ImageObject"}
        if figure.src.startswith(("http://", "https://")):
            image["contentUrl"] = figure.src
        if figure.caption:
            image["caption"] = plain_text(figure.caption)
        if figure.credit:
            image["creditText"] = plain_text(figure.credit)
        if figure.alt:
            image["description"] = figure.alt
        data["image"] = image
    if at is None:
        return data
    data["wordCount"] = word_count(at.text)
    if doc.sources:
        data["citation"] = [{"@type": SOURCE_TYPES.get(s.kind, "Thing"), "name": s.name,
                             **({"alternateName": s.abbrev} if s.abbrev else {}),
                             **({"url": s.url} if s.url.startswith(("http://", "https://")) else {})}
                            for s in doc.sources]
    if doc.entities:
        data["mentions"] = [{"@type": ENTITY_TYPES.get(e.kind, "Thing"), "name": e.name} for e in doc.entities]
    quotations = []
    for group in quote_groups(at):
        q: dict[str, Any] = {"@type": "Quotation", "@id": "#" + group[0].id,
                             "text": " … ".join(g.exact for g in group)}
        speaker = _person(doc, group[0].data.get("data-speaker", ""))
        if speaker:
            q["spokenByCharacter"] = speaker
            q["creator"] = speaker
        quotations.append(q)
    if quotations:
        data["hasPart"] = quotations
    return data
