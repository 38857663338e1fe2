"""The EPUB package's identity and metadata: identifier, dates and the Dublin Core record of the article."""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from datetime import UTC, datetime

from toolkit.guard.files import digest_file
from toolkit.language.tags import readable_tags
from toolkit.options import Context, Options
from toolkit.tree.json import dumps
from toolkit.tree.nodes import Document
from toolkit.version import __version__
from toolkit.writers.epub.a11y import BookFacts, accessibility_metadata
from toolkit.writers.html.render import labels_of

ID_NAMESPACE = uuid.UUID("6f1d4c1e-3b57-5a0c-9d3e-6b1f0e2a7c41")


def build_time(ctx: Context, options: Options) -> datetime:
    """SOURCE_DATE_EPOCH, else the input file's mtime: the same input gives the same book."""
    epoch = options.source_date_epoch
    if epoch is None and os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        epoch = int(os.environ["SOURCE_DATE_EPOCH"])
    if epoch is None and ctx.input_path and ctx.input_path.exists():
        epoch = int(ctx.input_path.stat().st_mtime)
    return datetime.fromtimestamp(epoch or 946684800, tz=UTC)


def identifier(doc: Document, ctx: Context | None = None) -> str:
    """A stable UUID URN: from the article's URL, else the input file's bytes, else the tree."""
    if doc.meta.url:
        seed = "url:" + doc.meta.url.strip()
    elif ctx is not None and ctx.input_path and digest_file(ctx.input_path, digest := hashlib.sha256()):
        seed = "sha256:" + digest.hexdigest()
    else:
        seed = "tree:" + hashlib.sha256(dumps(doc, indent=None).encode()).hexdigest()
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
        book.add_metadata("DC", "description", m.subtitle)
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
    """The package's metadata: the article's record, the print edition it paginates, accessibility, cover."""
    add_metadata(book, doc, book_id, doc.meta.language or "en")
    if facts.page_source:
        book.add_metadata("DC", "source", facts.page_source, {"id": "page-source"})
        book.add_metadata(None, "meta", "pagination", {"refines": "#page-source", "property": "source-of"})
    for prop, value in accessibility_metadata(facts, f"toolkit {__version__} (automated checks)"):
        book.add_metadata(None, "meta", value, {"property": prop})
    book.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})
