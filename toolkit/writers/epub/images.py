"""The images an EPUB ships: the article's figures under stable names, and its cover."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from toolkit.guard.files import Resources
from toolkit.tree.nodes import Document
from toolkit.writers.html.render import byline, labels_of

EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/svg+xml": "svg",
              "image/webp": "webp"}
DEVICE_PIXELS = 1600  # the long side of a figure in the EPUB: the largest that reading systems use
RESIZED = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "image/gif": "GIF"}  # Pillow's names


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
        animated = is_animated(data, mime)
        self.items.append((name, mime, data if animated else for_devices(data, mime)))
        self.by_src[src] = name
        self.animated = self.animated or animated
        return name


def for_devices(data: bytes, mime: str) -> bytes:
    """A still raster image at most ``DEVICE_PIXELS`` on its long side, in its own format (JPEG at quality
    85); a smaller one, a drawing (SVG) or one Pillow cannot rewrite comes back as it was. Reading systems
    draw at screen size anyway, and a full-size photo makes the book slow to open on a phone or e-reader."""
    if mime not in RESIZED:
        return data
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as im:
            if max(im.size) <= DEVICE_PIXELS:
                return data
            icc = im.info.get("icc_profile")
            small = ImageOps.exif_transpose(im)  # the camera's rotation, which the rewrite would drop
            if small.mode in ("P", "1", "LA", "I;16") or (mime == "image/jpeg" and small.mode not in ("RGB", "L", "CMYK")):
                small = small.convert("RGBA" if "transparency" in im.info or small.mode == "LA" else "RGB")
            small.thumbnail((DEVICE_PIXELS, DEVICE_PIXELS), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            small.save(out, RESIZED[mime], icc_profile=icc, **({"quality": 85, "optimize": True}
                                                                if mime == "image/jpeg" else {"optimize": True}))
            return out.getvalue()
    except (OSError, ValueError):  # a file Pillow reads but cannot rewrite: shipped whole rather than lost
        return data


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
