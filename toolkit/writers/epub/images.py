"""The images an EPUB ships: the article's figures under stable names, and its cover."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from toolkit.guard.files import Resources
from toolkit.tree.nodes import Document
from toolkit.writers.html.render import byline, labels_of

EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/svg+xml": "svg",
              "image/webp": "webp"}


@dataclass
class Images:
    """The images the article shows, added to the package under stable names as they are asked for."""

    resources: Resources
    items: list[tuple[str, str, bytes]] = field(default_factory=list)  # (file name, media type, bytes)
    by_src: dict[str, str] = field(default_factory=dict)
    animated: bool = False

    def url(self, src: str) -> str | None:
        if src in self.by_src:
            return self.by_src[src]
        got = self.resources.read(src)
        if got is None:
            return None
        data, mime = got
        name = f"images/figure{len(self.items) + 1}.{EXTENSIONS[mime]}"
        self.items.append((name, mime, data))
        self.by_src[src] = name
        self.animated = self.animated or is_animated(data, mime)
        return name


def is_animated(data: bytes, mime: str) -> bool:
    if mime == "image/svg+xml":
        return b"<animate" in data or b"@keyframes" in data
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        return bool(getattr(im, "is_animated", False))


def cover_image(doc: Document, res: Resources) -> tuple[str, str, bytes, str]:
    """(file name, media type, bytes, alt text): the sidecar's cover if it has one, else one drawn here."""
    from toolkit.writers.epub.cover import CoverText, cover_alt, draw_cover

    m, labels = doc.meta, labels_of(doc)
    text = CoverText(title=m.title or labels.word("untitled"), kicker=m.kicker or "", dek=m.subtitle or "",
                     byline=byline(doc), date=labels.date(m.date), site=m.publisher or m.site_name or "")
    got = res.read(m.cover) if m.cover else None
    if got is not None and got[1] in ("image/png", "image/jpeg"):
        return f"images/cover.{EXTENSIONS[got[1]]}", got[1], got[0], labels.word("cover-of", title=text.title)
    return "images/cover.png", "image/png", draw_cover(text), cover_alt(text, labels)
