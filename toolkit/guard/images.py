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


def usable_image(data: bytes, mime: str) -> bytes | None:
    """The bytes an edition may embed: a raster image as it is if it decodes (``image_ok``), an SVG
    sanitised (``sanitized_svg``); None if refused. The one call the file and fetch gates make."""
    if mime == "image/svg+xml":
        return sanitized_svg(data)
    return data if image_ok(data, mime) else None


SVG_BANNED = frozenset(("script", "foreignObject", "iframe", "object", "embed", "handler", "listener", "set",
                        "animate", "animateMotion", "animateTransform", "audio", "video", "discard"))
MAX_SVG_EXPANDED = 200_000  # elements an SVG draws once every <use> (and url(#...) reference) is expanded
_CSS_CALL = re.compile(r"(?<![\w-])(?:url|src|image-set|image|cross-fade|element)\(\s*(?!['\"]?\s*#)", re.I)
_FRAGMENT_CALL = re.compile(r"url\(\s*['\"]?\s*#([^)'\"\s]+)", re.I)


def svg_ok(data: bytes) -> bool:
    """An SVG that is inert as it stands: it parses without entities or network, draws at most
    ``MAX_SVG_EXPANDED`` elements through its ``<use>`` chains, and has nothing ``sanitized_svg`` would drop."""
    parsed = _parse_svg(data)
    return parsed is not None and _strip(parsed) == 0


def sanitized_svg(data: bytes) -> bytes | None:
    """The SVG with what could run or load anything removed, or None if it cannot be made safe.

    Removed: scripts, event attributes, ``foreignObject`` and other embedding elements, animation, and every
    reference that is not an in-document ``#fragment`` or a raster ``data:`` image (``href``, ``xlink:href``,
    ``url(...)`` in presentation attributes and ``style``, ``<style>`` with ``@import`` or outside URLs),
    the DOCTYPE and processing instructions. Refused (None): not XML or not an SVG, entity declarations,
    an SVG with nothing left to draw once cleaned, and an SVG whose ``<use>`` references would expand to over ``MAX_SVG_EXPANDED`` elements
    (the SVG form of the billion-laughs attack), or that refers to itself in a cycle.
    """
    from lxml import etree

    root = _parse_svg(data)
    if root is None:
        return None
    _strip(root)
    if not any(etree.QName(el).localname in DRAWING for el in root.iter() if isinstance(el.tag, str)):
        return None  # nothing left to draw (it was all script or embedded page): refused, with the writers' warning
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


DRAWING = frozenset({"path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "image", "use"})


def _parse_svg(data: bytes):
    """The root of an SVG that parses with no entities, DTD or network and expands within bounds; else None."""
    from lxml import etree

    if b"<!ENTITY" in data or b"<!entity" in data:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_pis=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None or not isinstance(root.tag, str) or etree.QName(root).localname != "svg":
        return None
    try:
        if expanded_size(root) > MAX_SVG_EXPANDED:
            return None
    except (RecursionError, _CycleError):
        return None
    return root


class _CycleError(Exception):
    pass


def expanded_size(root) -> int:
    """How many elements the SVG draws once each reference to ``#id`` (``<use>``, ``url(#id)``) is drawn in
    place: a use of a group of ten uses of a group of ten ... counts every copy. Stops counting past the limit.
    Raises ``_CycleError`` for an element that refers (through any chain) to itself."""
    by_id = {}
    for el in root.iter():
        if isinstance(el.tag, str) and el.get("id") is not None:
            by_id.setdefault(el.get("id"), el)
    sizes: dict = {}
    busy: set = set()

    def size(el) -> int:
        if el in sizes:
            return sizes[el]
        if el in busy:
            raise _CycleError
        busy.add(el)
        total = 1
        for value in _references(el):
            target = by_id.get(value)
            if target is not None:
                total += size(target)
            if total > MAX_SVG_EXPANDED:
                break
        for child in el:
            if total > MAX_SVG_EXPANDED:
                break
            if isinstance(child.tag, str):
                total += size(child)
        busy.discard(el)
        sizes[el] = min(total, MAX_SVG_EXPANDED + 1)
        return sizes[el]

    return size(root)


def _references(el) -> list[str]:
    """The ids an element draws by reference: ``href="#id"`` and ``url(#id)`` in any attribute."""
    out = []
    for name, value in el.attrib.items():
        if name.endswith("href") and value.startswith("#"):
            out.append(value[1:])
        elif "url(" in value.lower():
            out.extend(_FRAGMENT_CALL.findall(value))
    return out


def _strip(root) -> int:
    """Removes from the parsed SVG everything that could run or load; returns how many things were removed."""
    from lxml import etree

    removed = 0
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        local = etree.QName(el).localname
        if local in SVG_BANNED or (local == "style" and _css_loads(el.text or "")):
            removed += 1
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
            continue
        for name, value in list(el.attrib.items()):
            if _attribute_loads(etree.QName(name).localname.lower(), value):
                del el.attrib[name]
                removed += 1
    return removed


def _attribute_loads(local: str, value: str) -> bool:
    """True for an attribute that runs script or points outside the document."""
    if local.startswith("on") or local == "base":
        return True
    if local == "href":
        return not (value.startswith("#") or (value.startswith(RASTER_DATA) and _embedded_raster_ok(value)))
    if local == "style":
        return _css_loads(value)
    return "(" in value and _css_loads(value)


def _embedded_raster_ok(uri: str) -> bool:
    """A base64 raster ``data:`` image inside an SVG passes the same checks as any image (no pixel bomb)."""
    import base64
    import binascii

    head, _, body = uri.partition(",")
    if ";base64" not in head.lower() or len(body) > MAX_IMAGE_BYTES * 4 // 3 + 4:
        return False
    try:
        data = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        return False
    return image_ok(data, head[5:].split(";", 1)[0].lower())


def _css_loads(css: str) -> bool:
    """True if CSS imports or points at anything but an in-document fragment (escapes count as suspect)."""
    return "@import" in css.lower() or "\\" in css or _CSS_CALL.search(css) is not None
