"""Images a DOCX, ODT or EPUB carries inside it: each figure's source becomes a ``data:`` URI of its bytes.

pandoc names an embedded image by its path inside the archive (``media/rId9.png`` for ``word/media/rId9.png``,
``Pictures/0.png``, ``media/file0.png`` for ``EPUB/media/file0.png``); without this every such figure lost its
picture. The bytes are taken from the archive the reader already checked (``check_zip``), never from disk, and
must decode as an image within the limits (``toolkit.guard.images``). A picture the editions cannot show (a
Windows metafile, say) keeps its figure and caption, and the build warns once, with the count.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import mimetypes
import posixpath
import zipfile

from toolkit.guard.images import IMAGE_TYPES, MAX_IMAGE_BYTES, image_ok
from toolkit.options import Context
from toolkit.tree.nodes import Document, Figure
from toolkit.tree.walk import walk

MAX_TOTAL_BYTES = 60 * 1024 * 1024  # all the images of one document together


def archive_member(names: list[str], src: str) -> str | None:
    """The one archive member that ``src`` names (exactly, or as the end of its path), else None."""
    src = posixpath.normpath(src.split("#", 1)[0].split("?", 1)[0]).lstrip("/")
    if not src or src.startswith(".."):
        return None
    if src in names:
        return src
    found = [n for n in names if n.endswith("/" + src)]
    return found[0] if len(found) == 1 else None


def embed_archive_images(doc: Document, data: bytes, ctx: Context) -> Document:
    """``doc`` with each figure whose source is inside the archive ``data`` given that image as a data: URI."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return doc
    names = [i.filename for i in archive.infolist() if not i.is_dir()]
    sizes = {i.filename: i.file_size for i in archive.infolist()}
    budget = [MAX_TOTAL_BYTES]
    unusable: dict[str, int] = {}

    def embed(node):
        if not isinstance(node, Figure) or not node.src or ":" in node.src.split("/", 1)[0]:
            return None  # no source, or a URL (http:, data:) that is not the archive's
        member = archive_member(names, node.src)
        if member is None:
            return None
        mime = mimetypes.guess_type(member)[0] or ""
        kind = mime.split("/")[-1].upper() if mime else (posixpath.splitext(member)[1][1:].upper() or "unknown")
        if mime not in IMAGE_TYPES or mime == "image/svg+xml" or sizes[member] > min(MAX_IMAGE_BYTES, budget[0]):
            unusable[kind] = unusable.get(kind, 0) + 1
            return None
        raw = archive.read(member)
        if not image_ok(raw, mime):
            unusable[kind] = unusable.get(kind, 0) + 1
            return None
        budget[0] -= len(raw)
        return dataclasses.replace(node, src=f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}")

    doc = walk(doc, embed)
    for kind, count in sorted(unusable.items()):
        ctx.warn(f"{count} embedded image(s) in {kind} form cannot be shown in the editions (too large, or a "
                 "format they cannot show); the figures keep their captions")
    return doc
