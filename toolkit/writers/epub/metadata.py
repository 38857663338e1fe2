"""The EPUB package's identity and metadata: identifier, dates and the Dublin Core record of the article."""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path

from toolkit.language.tags import readable_tags
from toolkit.options import Context, Options
from toolkit.tree.json import dumps
from toolkit.tree.nodes import Document
from toolkit.writers.epub.a11y import BookFacts, accessibility_metadata
from toolkit.writers.html.render import labels_of

ID_NAMESPACE = uuid.UUID("6f1d4c1e-3b57-5a0c-9d3e-6b1f0e2a7c41")


def build_time(ctx: Context, options: Options) -> datetime:
    """When the book was built: SOURCE_DATE_EPOCH (the option, else the environment) for reproducible
    builds, else today's date (UTC, midnight): a day, not a moment, so same-day rebuilds give the same
    bytes. Never the input file's modification time, which says nothing about the article or the build."""
    epoch = options.source_date_epoch
    if epoch is None and os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        epoch = int(os.environ["SOURCE_DATE_EPOCH"])
    if epoch is not None:
        return datetime.fromtimestamp(epoch, tz=UTC)
    today = datetime.now(UTC).date()
    return datetime(today.year, today.month, today.day, tzinfo=UTC)


# an identifier the author gave that is already one: a URN, a URL, a DOI or an ISBN (10 or 13 digits)
_GIVEN_ID = re.compile(r"(?i)urn:[a-z0-9][a-z0-9-]{0,31}:\S+|[a-z][a-z0-9+.-]*://\S+|doi:\s*10\.\S+")
_ISBN = re.compile(r"(?i)(?:isbn(?:-1[03])?:?\s*)?((?:\d[-\s]?){9}[\dx]|(?:\d[-\s]?){12}\d)")


def given_identifier(value: str) -> str:
    """The author's identifier (``--meta identifier`` or ``identifier:``): as written when it is a URN,
    URL, DOI or ISBN, else a UUID derived from it (the same words give the same book)."""
    value = value.strip()
    if _GIVEN_ID.fullmatch(value) or _ISBN.fullmatch(value):
        return value
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, 'id:' + value)}"


def identifier(doc: Document, ctx: Context | None = None) -> str:
    """The book's identity, from the article rather than its text, so a corrected phrase is the same book:
    the author's identifier, else the article's URL, else the input's path, else its title and authors."""
    m = doc.meta
    given = dict(m.extra).get("identifier", "").strip()
    if given:
        return given_identifier(given)
    if m.url and m.url.strip():
        seed = "url:" + m.url.strip()
    elif ctx is not None and ctx.input_path:
        seed = "path:" + str(Path(ctx.input_path).resolve())
    elif m.title or m.authors:
        seed = "tree:" + json.dumps([m.title or "", list(m.authors)], ensure_ascii=False)
    else:  # nothing names this article but its words
        seed = "text:" + hashlib.sha256(dumps(doc, indent=None).encode()).hexdigest()
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, seed)}"


def add_metadata(book, doc: Document, book_id: str, lang: str) -> None:
    """Title and subtitle, authors, language, date, subjects, description, publisher, rights, source."""
    m = doc.meta
    title = m.title or labels_of(doc).word("untitled")
    book.set_identifier(book_id)
    book.title = title
    book.add_metadata("DC", "title", title, {"id": "title"})
    book.add_metadata(None, "meta", "main", {"refines": "#title", "property": "title-type"})
    if m.subtitle:
        book.add_metadata("DC", "title", m.subtitle, {"id": "subtitle"})
        book.add_metadata(None, "meta", "subtitle", {"refines": "#subtitle", "property": "title-type"})
    description = dict(m.extra).get("description", "").strip() or m.subtitle  # pandoc's key, else the dek
    if description:
        book.add_metadata("DC", "description", description)
    book.set_language(lang)
    for i, author in enumerate(m.authors, 1):
        book.add_metadata("DC", "creator", author, {"id": f"creator{i}"})
        book.add_metadata(None, "meta", "aut", {"refines": f"#creator{i}", "property": "role",
                                                "scheme": "marc:relators"})
    if m.date and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", m.date):
        book.add_metadata("DC", "date", m.date)
    for tag in readable_tags(m.tags):  # words, not a site's codes ("front-page", "stream-23490979")
        book.add_metadata("DC", "subject", tag)
    if m.publisher or m.site_name:
        book.add_metadata("DC", "publisher", m.publisher or m.site_name)
    if m.rights:
        book.add_metadata("DC", "rights", m.rights)
    if m.url:
        book.add_metadata("DC", "source", m.url.strip())


def describe_package(book, doc: Document, options: Options, book_id: str, facts: BookFacts) -> None:
    """The package's metadata: the article's record, the print edition it paginates, accessibility (a
    conformance claim only when ``--a11y-certifier`` names who certified it), cover."""
    add_metadata(book, doc, book_id, doc.meta.language or "en")
    if facts.page_source:
        book.add_metadata("DC", "source", facts.page_source, {"id": "page-source"})
        book.add_metadata(None, "meta", "pagination", {"refines": "#page-source", "property": "source-of"})
    for prop, value in accessibility_metadata(facts, options.a11y_certifier):
        book.add_metadata(None, "meta", value, {"property": prop})
    book.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})
