"""Collects a page's declared metadata: JSON-LD, OpenGraph, Twitter, Dublin Core and other meta tags."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from toolkit.readers.html.dom import collapse

ARTICLE_TYPES = frozenset((
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "techarticle",
    "scholarlyarticle", "report", "liveblogposting", "socialmediaposting", "posting", "review",
    "medicalwebpage", "howto", "recipe", "advertisercontentarticle", "satiricalarticle", "creativework",
))
PAGE_TYPES = frozenset(("webpage", "itempage", "aboutpage", "faqpage", "qapage", "collectionpage"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class Declared:
    """Values the page declares about itself; each list holds candidates, best source first."""

    titles: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    ld_people: list[str] = field(default_factory=list)
    ld_orgs: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    site_names: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    rights: list[str] = field(default_factory=list)
    head_title: str = ""
    base_href: str = ""
    ld_types: list[str] = field(default_factory=list)
    title_sources: list[tuple[str, str]] = field(default_factory=list)  # (source, title), page order
    written_by: list[str] = field(default_factory=list)  # "Written by" label/data pairs (Twitter cards)


def _add(target: list[str], value: Any) -> None:
    if isinstance(value, list):
        for v in value:
            _add(target, v)
        return
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("url") or ""
    if isinstance(value, (int, float)):
        value = str(value)
    if isinstance(value, str):
        value = collapse(_unescape(value))
        if value and value not in target:
            target.append(value)


def _unescape(value: str) -> str:
    if "&" in value:
        import html

        return html.unescape(value)
    return value


def _json_items(data: Any) -> list[dict]:
    """All objects in a JSON-LD document, flattening lists and ``@graph``."""
    out: list[dict] = []
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
        elif isinstance(item, dict):
            out.append(item)
            if "@graph" in item:
                stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
            main = item.get("mainEntity")
            if isinstance(main, dict) and main.get("@type"):
                stack.append(main)
    return out


def _types(item: dict) -> set[str]:
    t = item.get("@type") or ()
    return {str(x).lower().rsplit("/", 1)[-1] for x in (t if isinstance(t, list) else [t])}


def _author_names(value: Any, kind: str = "", nodes: dict[str, dict] | None = None) -> list[str]:
    """Names of JSON-LD authors; ``kind`` "person" or "organization" keeps only that type.

    An author given only as ``{"@id": ...}`` is looked up among the document's other ``nodes``.
    """
    out: list[str] = []
    for v in value if isinstance(value, list) else [value]:
        if isinstance(v, dict) and not v.get("name") and isinstance(v.get("@id"), str) and nodes:
            v = nodes.get(v["@id"], v)
        if isinstance(v, dict):
            is_org = bool(_types(v) & {"organization", "newsmediaorganization", "corporation"})
            if (kind == "person" and is_org) or (kind == "organization" and not is_org):
                continue
            name = v.get("name") or " ".join(x for x in (v.get("givenName"), v.get("familyName")) if x)
            if isinstance(name, list):
                name = " ".join(str(n) for n in name)
            if name:
                out.append(str(name))
        elif isinstance(v, str) and not v.startswith(("http://", "https://")):
            out.append(v)
    return out


def read_json_ld(root: Any, found: Declared) -> None:
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        raw = _CONTROL.sub(" ", script.text.strip())
        raw = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", raw)
        try:
            data = json.loads(raw)
        except ValueError:
            try:
                data = json.loads(raw.replace("\n", " "), strict=False)
            except ValueError:
                continue
        items = _json_items(data)
        nodes = {i["@id"]: i for i in items if isinstance(i.get("@id"), str) and (i.get("name") or i.get("@type"))}
        articles = [i for i in items if _types(i) & ARTICLE_TYPES]
        pages = [i for i in items if _types(i) & PAGE_TYPES]
        for item in articles + pages:
            found.ld_types.extend(sorted(_types(item)))
            _add(found.titles, item.get("headline") if item in articles else None)
            if item in articles and not item.get("headline"):
                _add(found.titles, item.get("name"))
            if item in articles:
                headline: list[str] = []
                _add(headline, item.get("headline") or item.get("name"))
                found.title_sources.extend(("json-ld", h) for h in headline[:1])
            _add(found.descriptions, item.get("description") if item in articles else None)
            people = item.get("author") or item.get("creator") or []
            if not found.ld_people and not found.ld_orgs:  # the page's own article, not listed teasers
                _add(found.ld_people, _author_names(people, "person", nodes))
                _add(found.ld_orgs, _author_names(people, "organization", nodes))
            _add(found.dates, item.get("datePublished") or item.get("dateCreated"))
            _add(found.modified, item.get("dateModified"))
            _add(found.sections, item.get("articleSection"))
            kw = item.get("keywords")
            kws = [kw] if isinstance(kw, str) else kw if isinstance(kw, list) else []
            _add(found.tags, [k.strip() for v in kws if isinstance(v, str) for k in v.split(",")])
            _add(found.languages, item.get("inLanguage"))
            _add(found.publishers, item.get("publisher"))
            _add(found.rights, item.get("copyrightHolder"))
            url = item.get("url") or item.get("mainEntityOfPage")
            _add(found.urls, url.get("@id") if isinstance(url, dict) else url)
        for item in items:
            if _types(item) & {"website"}:
                _add(found.site_names, item.get("name"))


META_KEYS = {
    "titles": ("og:title", "twitter:title", "dc.title", "dcterms.title", "citation_title", "parsely-title",
               "sailthru.title", "title", "headline"),
    "descriptions": ("og:description", "description", "twitter:description", "dc.description",
                     "dcterms.description", "sailthru.description"),
    "authors": ("author", "article:author", "dc.creator", "dcterms.creator", "citation_author",
                "parsely-author", "sailthru.author", "byl", "byline", "cxenseparse:author", "twitter:creator"),
    "dates": ("article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
              "publish_date", "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued",
              "dcterms.created", "citation_publication_date", "citation_date", "parsely-pub-date",
              "sailthru.date", "article.published", "published_time", "article_date_original",
              "cxenseparse:recs:publishtime", "og:published_time", "release_date", "created"),
    "modified": ("article:modified_time", "og:updated_time", "dateModified", "last-modified", "dcterms.modified"),
    "sections": ("article:section", "section", "parsely-section", "category", "article.section"),
    "tags": ("article:tag", "news_keywords", "keywords", "parsely-tags", "sailthru.tags"),
    "site_names": ("og:site_name", "application-name", "apple-mobile-web-app-title", "publisher", "dc.publisher",
                   "citation_journal_title", "twitter:site"),
    "urls": ("og:url", "twitter:url", "parsely-link"),
    "languages": ("og:locale", "language", "content-language", "dc.language", "citation_language"),
    "rights": ("copyright", "dc.rights", "dcterms.rights"),
    "images": ("og:image", "twitter:image"),
}
_KEY_FIELD = {k.lower(): f for f, keys in META_KEYS.items() for k in keys}


def read_meta_tags(root: Any, found: Declared) -> None:
    per_field: dict[str, list[tuple[int, str]]] = {}
    labels: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv") or "")
        key = key.strip().lower()
        value = meta.get("content")
        if value is not None and re.fullmatch(r"twitter:(label|data)\d", key):
            labels[key] = collapse(value)  # Twitter card pairs: label1 "Written by", data1 "Jo Lee"
            continue
        if key in ("og:title", "twitter:title") and value and value.strip():
            found.title_sources.append((key, collapse(_unescape(value))))
        if key not in _KEY_FIELD or value is None:
            continue
        fld = _KEY_FIELD[key]
        if fld == "tags":
            for k in value.split(","):
                per_field.setdefault(fld, []).append((META_KEYS[fld].index(key), k))
            continue
        rank = [k.lower() for k in META_KEYS[fld]].index(key)
        per_field.setdefault(fld, []).append((rank, value))
    for fld, values in per_field.items():
        for _, value in sorted(values, key=lambda rv: rv[0]):
            if fld == "authors" and value.startswith(("http://", "https://", "@")):
                continue
            _add(getattr(found, fld), value)
    for key, label in sorted(labels.items()):
        if key.startswith("twitter:label") and re.match(r"(?:written\s+)?by\b|author", label, re.I):
            _add(found.written_by, labels.get(key.replace("label", "data")))


def read_declared(root: Any) -> Declared:
    """Everything the page says about itself in its head (call before scripts are removed)."""
    found = Declared()
    read_json_ld(root, found)
    read_meta_tags(root, found)
    title = root.find(".//title")
    if title is not None:
        found.head_title = collapse(title.text_content())
        if found.head_title:
            found.title_sources.append(("title", found.head_title))
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and link.get("href"):
            found.urls.insert(0, link.get("href").strip())
    base = root.find(".//base")
    if base is not None and base.get("href"):
        found.base_href = base.get("href").strip()
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang:
        found.languages.insert(0, lang.strip())
    return found
