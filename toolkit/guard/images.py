"""What counts as an image the editions may embed: its types, its size and pixel limits, and a decode check.

Shared by local files (``toolkit.guard.files``) and fetched ones (``toolkit.guard.fetch``).
"""

from __future__ import annotations

import re

IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp"}
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 50_000_000  # a 50-megapixel image is ~200 MB decoded; larger ones are bombs
RASTER_DATA = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")


def image_ok(data: bytes, mime: str) -> bool:
    """True if the bytes decode as an image (Pillow), so a corrupt file never reaches a writer.

    Raster images over ``MAX_IMAGE_PIXELS`` (decompression bombs) and SVGs that could run,
    load or expand anything (``svg_ok``) are refused too.
    """
    if mime == "image/svg+xml":
        return svg_ok(data)
    try:
        import warnings
        from io import BytesIO

        from PIL import Image

        with warnings.catch_warnings():  # Pillow's decompression-bomb warning: refuse, do not warn
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(BytesIO(data))
        with im:
            if im.width * im.height > MAX_IMAGE_PIXELS:
                return False
            im.verify()
        return True
    except Exception:
        return False


SVG_BANNED = frozenset(("script", "foreignObject", "iframe", "object", "embed", "handler", "listener", "set",
                        "animate"))


def svg_ok(data: bytes) -> bool:
    """An SVG that parses without entities or network, with no scripts, handlers or outside references."""
    from lxml import etree

    if b"<!ENTITY" in data or b"<!entity" in data:
        return False
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_pis=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return False
    if root is None or etree.QName(root).localname != "svg":
        return False
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if etree.QName(el).localname in SVG_BANNED:
            return False
        for name, value in el.attrib.items():
            local = etree.QName(name).localname.lower()
            if local.startswith("on"):
                return False
            if local == "href" and not (value.startswith("#") or value.startswith(RASTER_DATA)):
                return False
            if local == "style" and _css_loads(value):
                return False
        if etree.QName(el).localname == "style" and _css_loads(el.text or ""):
            return False
    return True


def _css_loads(css: str) -> bool:
    """True if CSS imports or points at anything but an in-document fragment."""
    flat = "".join(css.split()).lower()
    return "@import" in flat or re.search(r"url\((?!['\"]?#)", flat) is not None
