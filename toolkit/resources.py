"""The one gate for files an edition may load: images beside the input, the toolkit's own styles.

Nothing from the network (unless allowed: ``remote_images`` fetches within limits) and nothing
elsewhere on disk is ever read.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp"}
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 50_000_000  # a 50-megapixel image is ~200 MB decoded; larger ones are bombs
RASTER_DATA = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")


class Resources:
    def __init__(self, base_dir: Path | None, extra_roots: tuple[Path, ...] = (), allow_network: bool = False):
        self.roots = tuple(p.resolve() for p in ((base_dir,) if base_dir else ()) + extra_roots)
        self.allow_network = allow_network

    def local_path(self, ref: str) -> Path | None:
        """The file ``ref`` names, if it lies inside an allowed root; else None."""
        if not ref:
            return None
        parsed = urlparse(ref)
        if parsed.scheme in ("http", "https", "data", "javascript", "ftp"):
            return None
        raw = unquote(parsed.path) if parsed.scheme == "file" else ref
        for root in self.roots:
            cand = (root / raw).resolve() if not Path(raw).is_absolute() else Path(raw).resolve()
            if cand.is_file() and any(cand.is_relative_to(r) for r in self.roots):
                return cand
        return None

    def remote(self, ref: str) -> bool:
        """True if ``ref`` is an http(s) URL this gate may fetch (``--allow-network``)."""
        return self.allow_network and urlparse(ref or "").scheme in ("http", "https")

    def available(self, ref: str) -> bool:
        """True if ``read(ref)`` gives an image: a readable local file, or a remote image that was fetched."""
        return self.local_path(ref) is not None or (self.remote(ref) and self.read(ref) is not None)

    def read(self, ref: str) -> tuple[bytes, str] | None:
        """(bytes, mime type) of an allowed image, or None."""
        if self.remote(ref):
            from toolkit.remote_images import fetch_image

            return fetch_image(ref)
        path = self.local_path(ref)
        if path is None:
            return None
        mime = mimetypes.guess_type(path.name)[0] or ""
        if mime not in IMAGE_TYPES or path.stat().st_size > MAX_IMAGE_BYTES:
            return None
        data = path.read_bytes()
        if not image_ok(data, mime):
            return None
        return data, mime

    def data_uri(self, ref: str) -> str | None:
        got = self.read(ref)
        if got is None:
            return None
        data, mime = got
        return f"data:{mime};base64,{base64.b64encode(data).decode()}"


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
