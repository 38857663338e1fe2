"""Embeds the text face in the EPUB: subsets of Charis SIL, renamed as the SIL Open Font License asks.

A subset is a Modified Version under the OFL, which may not keep the Reserved Font Names
("Charis", "SIL"); each subset is renamed ``EMBEDDED_FAMILY`` and keeps the copyright, the
licence text and its URL, with a note naming the original.
"""

from __future__ import annotations

import io
import string
from dataclasses import dataclass

from toolkit.errors import RenderError
from toolkit.writers.epub.cover import font_file

SOURCE_FAMILY = "Charis SIL"
EMBEDDED_FAMILY = "Article Serif"
FACES = (("Regular", "normal", "normal"), ("Italic", "italic", "normal"),
         ("Bold", "normal", "bold"), ("Bold Italic", "italic", "bold"))
# Characters a reading system may draw beyond the book's own text (note numbers, quotes, dashes).
ALWAYS = string.printable + "\u00a0\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00b7\u2022\u00ad\u2010\u2011\u2191"
RENAMED_IDS = (1, 3, 4, 6, 16, 17, 18, 21, 22)


@dataclass(frozen=True)
class EmbeddedFont:
    file_name: str   # inside the package, e.g. fonts/ArticleSerif-Regular.ttf
    style: str       # CSS font-style
    weight: str      # CSS font-weight
    data: bytes


def _rename(font, style: str) -> None:
    """Give the subset a name free of the Reserved Font Names, keeping copyright and licence."""
    name = font["name"]
    compact = EMBEDDED_FAMILY.replace(" ", "")
    version = name.getDebugName(5) or ""
    original = name.getDebugName(4) or SOURCE_FAMILY
    values = {1: EMBEDDED_FAMILY, 2: style, 3: f"{compact}-{style.replace(' ', '')};{version}", 4: f"{EMBEDDED_FAMILY} {style}",
              6: f"{compact}-{style.replace(' ', '')}", 16: EMBEDDED_FAMILY, 17: style}
    for record in list(name.names):
        if record.nameID in RENAMED_IDS and record.nameID not in values:
            name.removeNames(nameID=record.nameID)
    for record in name.names:
        if record.nameID in values:
            record.string = values[record.nameID]
    name.setName(f"Subset of {original} ({version}) made for one document; a Modified Version "
                 "under the SIL Open Font License 1.1.", 10, 3, 1, 0x409)


def subset_face(path: str, text: str, style: str) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.drop_tables += ["DSIG"]
    font = TTFont(path, recalcTimestamp=False, lazy=False)
    sub = subset.Subsetter(options)
    sub.populate(text=text)
    sub.subset(font)
    _rename(font, style)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def embedded_fonts(text: str) -> list[EmbeddedFont]:
    """Subsets of the four faces of the text family, covering ``text`` and common punctuation."""
    chars = "".join(sorted(set(text) | set(ALWAYS)))
    fonts = []
    for style, css_style, css_weight in FACES:
        path = font_file(SOURCE_FAMILY, style)
        if path is None:
            raise RenderError(f"--embed-fonts: the {SOURCE_FAMILY} {style} face is not installed "
                              "(Debian package fonts-sil-charis)")
        fonts.append(EmbeddedFont(f"fonts/{EMBEDDED_FAMILY.replace(' ', '')}-{style.replace(' ', '')}.ttf",
                                  css_style, css_weight, subset_face(path, chars, style)))
    return fonts


def uncovered(text: str) -> str:
    """The characters of ``text`` the text face cannot show (the reader's own fonts will)."""
    from toolkit.writers.epub.cover import _charset

    path = font_file(SOURCE_FAMILY, "Regular")
    have = _charset(path) if path else frozenset()
    return "".join(sorted({ch for ch in text if not ch.isspace() and ord(ch) not in have}))


def font_face_css(fonts: list[EmbeddedFont]) -> str:
    """``@font-face`` rules for the embedded faces, and the body set in them (readers may override)."""
    rules = [f'@font-face {{ font-family: "{EMBEDDED_FAMILY}"; font-style: {f.style}; font-weight: {f.weight}; '
             f'src: url("{f.file_name}") format("truetype"); }}' for f in fonts]
    rules.append(f'body {{ font-family: "{EMBEDDED_FAMILY}", "{SOURCE_FAMILY}", serif; }}')
    rules.append(f'h1, h2, h3, h4, h5, h6 {{ font-family: "{EMBEDDED_FAMILY}", "{SOURCE_FAMILY}", serif; }}')
    return "\n".join(rules) + "\n"
