"""The PDF's document information: title, authors, subject, keywords, language and dates."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from toolkit.errors import UsageError
from toolkit.language.tags import readable_tags
from toolkit.options import Options
from toolkit.tree.nodes import Document
from toolkit.version import __version__


def source_date_epoch(options: Options) -> int | None:
    """``options.source_date_epoch``, else ``$SOURCE_DATE_EPOCH`` (reproducible builds), else None."""
    if options.source_date_epoch is not None:
        return int(options.source_date_epoch)
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise UsageError(f"SOURCE_DATE_EPOCH must be a number of seconds, not {raw[:20]!r}")
    return int(raw)


def creation_stamp(options: Options) -> str:
    """The creation date as a W3C date-time: from SOURCE_DATE_EPOCH when set, else now."""
    epoch = source_date_epoch(options)
    moment = datetime.fromtimestamp(epoch, tz=UTC) if epoch is not None else datetime.now(tz=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def apply_metadata(document, doc: Document, options: Options) -> None:
    """Fill a laid-out WeasyPrint document's metadata from the tree (Info dictionary and XMP)."""
    import weasyprint

    m = doc.meta
    md = document.metadata
    md.title = m.title or "Untitled"
    md.authors = [a for a in m.authors if a.strip()]
    md.description = m.subtitle or None
    md.keywords = readable_tags(m.tags)  # words, not a site's codes ("front-page", "stream-23490979")
    md.lang = m.language or "en"
    md.generator = f"toolkit {__version__} (WeasyPrint {weasyprint.__version__})"
    md.created = md.modified = creation_stamp(options)
