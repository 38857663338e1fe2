"""Draws the EPUB's cover image (kicker, title, dek, byline) as a PNG with Pillow and the book's faces."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from toolkit.language.labels import Labels

WIDTH, HEIGHT = 1600, 2400
MARGIN = 136
PAPER = (247, 244, 238)
INK = (28, 27, 26)
MUTED = (72, 70, 66)
# Deep, e-ink friendly panel colours (each keeps white text above 7:1 contrast); one is chosen per title.
PANELS = ((122, 31, 31), (24, 58, 94), (33, 74, 61), (74, 44, 92), (40, 44, 52), (104, 58, 20))
PANEL_TEXT = (250, 247, 240)
PANEL_KICKER = (236, 224, 206)

SERIF = "Charis SIL"
SANS = "Inter"


@dataclass(frozen=True)
class CoverText:
    title: str
    kicker: str = ""
    dek: str = ""
    byline: str = ""
    date: str = ""
    site: str = ""


@lru_cache(maxsize=32)
def font_file(family: str, style: str = "Regular") -> str | None:
    """The installed file of ``family`` in ``style`` (through fontconfig), or None when it is absent."""
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(["fc-match", "-f", "%{family}\t%{file}", f"{family}:style={style}"],
                             capture_output=True, text=True, timeout=10, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    families, _, path = out.partition("\t")
    if family.lower() not in families.lower() or not Path(path).is_file():
        return None
    return path


@lru_cache(maxsize=32)
def _charset(path: str) -> frozenset[int]:
    """The characters the font file draws. Kept in the user's cache under the file's path, size and time:
    reading a face's character map (and importing fontTools for it) was 0.2 of the 0.4 CPU s a cold EPUB cost."""
    from toolkit.language.package_cache import cached_table

    try:
        stat = os.stat(path)
    except OSError:
        return frozenset()
    name = "charset-" + hashlib.sha256(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    return cached_table(name, ("fonttools",), lambda: _read_charset(path))


def _read_charset(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap() or ())


def face_for(family: str, style: str, text: str) -> str | None:
    """The face to draw ``text`` in: ``family`` if it has every character, else fontconfig's pick for them."""
    path = font_file(family, style)
    wanted = {ord(ch) for ch in text if not ch.isspace()}
    if path and wanted <= _charset(path):
        return path
    generic = "sans-serif" if family == SANS else "serif"
    missing = " ".join(f"{c:x}" for c in sorted(wanted - (_charset(path) if path else frozenset()))[:24])
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}", f"{generic}:style={style}:charset={missing}"],
                             capture_output=True, text=True, timeout=10, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return path
    if Path(out).is_file() and (path is None or len(wanted & _charset(out)) > len(wanted & _charset(path))):
        return out
    return path


def load_font(family: str, style: str, size: int, text: str = ""):
    from PIL import ImageFont

    path = face_for(family, style, text) if shutil.which("fc-match") else None
    if path:
        return _truetype(path, size)
    return ImageFont.load_default(size)


@lru_cache(maxsize=64)
def _truetype(path: str, size: int):
    """One FreeType face per file and size, for all the covers a process draws."""
    from PIL import ImageFont

    return ImageFont.truetype(path, size)


def _pieces(word: str, font, width: float) -> list[str]:
    """A word wider than the measure (a long URL, a script without spaces) cut between characters."""
    if _length(font, word) <= width:
        return [word]
    out, piece = [], ""
    for ch in word:
        if piece and font.getlength(piece + ch) > width:
            out.append(piece)
            piece = ""
        piece += ch
    return [*out, piece] if piece else out


@lru_cache(maxsize=4096)
def _length(font, text: str) -> float:
    return font.getlength(text)


def wrap(text: str, font, width: float) -> list[str]:
    """Greedy line breaking at spaces (between characters inside an over-long word).

    A line's length is the sum of its words' and spaces' lengths, each measured once: ``fit`` and
    ``balance`` wrap the same words a dozen times.
    """
    lines: list[str] = []
    line, used = "", 0.0
    space = _length(font, " ")
    for word in (p for w in text.split() for p in _pieces(w, font, width)):
        wide = _length(font, word)
        if not line or used + space + wide <= width:
            line, used = (f"{line} {word}", used + space + wide) if line else (word, wide)
        else:
            lines.append(line)
            line, used = word, wide
    if line:
        lines.append(line)
    return lines


def shorten(lines: list[str], max_lines: int, font, width: float) -> list[str]:
    """At most ``max_lines`` lines; when text is dropped, the last line ends with an ellipsis."""
    if len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1]
    return [*lines[:max_lines - 1], last.rstrip(" ,;:") + "…"]


def balance(text: str, font, width: float) -> list[str]:
    """Lines of even length: the narrowest measure that needs no more lines than ``width`` does."""
    lines = wrap(text, font, width)
    low, high = width / 2, width
    while high - low > 4:
        mid = (low + high) / 2
        if len(wrap(text, font, mid)) <= len(lines):
            high = mid
        else:
            low = mid
    return wrap(text, font, high)


def fit(text: str, family: str, style: str, width: float, sizes: range, max_lines: int):
    """The largest size whose balanced lines fit ``width`` in at most ``max_lines`` lines (else shortened)."""
    font = lines = None
    for size in sizes:
        font = load_font(family, style, size, text)
        lines = wrap(text, font, width)
        if len(lines) <= max_lines:
            return font, balance(text, font, width)
    return font, shorten(lines, max_lines, font, width)


def draw_tracked(draw, xy: tuple[int, int], text: str, font, fill, tracking: float) -> None:
    """Letter-spaced text (Pillow has no tracking): one glyph at a time, ``tracking`` px apart."""
    x, y = xy
    for ch in text:
        draw.text((x, y), ch, font=font, fill=fill, anchor="ls")
        x += font.getlength(ch) + tracking


def tracked_length(text: str, font, tracking: float) -> float:
    return sum(font.getlength(ch) + tracking for ch in text) - tracking


def panel_colour(title: str) -> tuple[int, int, int]:
    return PANELS[hashlib.sha256(title.encode()).digest()[0] % len(PANELS)]


RAMP = 16  # shades between a background and a text colour: anti-aliasing needs no more on a cover


@lru_cache(maxsize=len(PANELS))
def _palette_image(panel: tuple[int, int, int]):
    """A 64-colour palette: each background to each text colour drawn on it, in ``RAMP`` steps."""
    from PIL import Image

    colours = []
    for back, fronts in ((panel, (PANEL_TEXT, PANEL_KICKER)), (PAPER, (INK, MUTED))):
        for front in fronts:
            colours += [tuple(round(b + (f - b) * i / (RAMP - 1)) for b, f in zip(back, front, strict=True))
                        for i in range(RAMP)]
    flat = [c for rgb in colours for c in rgb]
    image = Image.new("P", (1, 1))
    image.putpalette(flat + flat[-3:] * (256 - len(colours)))
    return image


def draw_cover(text: CoverText) -> bytes:
    """A 1600x2400 PNG: a coloured panel with kicker and title, the dek and the byline on paper."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(img)
    measure = WIDTH - 2 * MARGIN
    everything = " ".join((text.title, text.kicker, text.dek, text.byline))
    rtl = any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in everything)
    # letter-spacing glyph by glyph would break joining scripts; right-to-left text sits on the right
    trackable = not rtl and all(unicodedata.combining(ch) == 0 for ch in text.kicker)

    from PIL import features

    shaping = {"direction": "rtl"} if features.check("raqm") else {}

    def put(y: int, line: str, font, fill) -> None:
        if rtl:
            draw.text((WIDTH - MARGIN, y), line, font=font, fill=fill, anchor="rs", **shaping)
        else:
            draw.text((MARGIN, y), line, font=font, fill=fill, anchor="ls")
    panel = panel_colour(text.title)

    kicker_font = load_font(SANS, "SemiBold", 46, text.kicker.upper())
    tracking = 7
    kicker = text.kicker.upper()
    kicker_lines = [kicker] if kicker and tracked_length(kicker, kicker_font, tracking) <= measure else (
        wrap(kicker, kicker_font, measure - 200)[:2] if kicker else [])
    title_font, title_lines = fit(text.title, SERIF, "Bold", measure, range(150, 70, -4), 6)
    if len(title_lines) == 6 and title_lines[-1].endswith("\u2026"):  # a very long title: smaller, more lines
        title_font, title_lines = fit(text.title, SERIF, "Bold", measure, range(68, 44, -4), 10)
    title_lead = round(title_font.size * 1.12)

    y = MARGIN + 40
    kicker_block = len(kicker_lines) * 64 + (70 if kicker_lines else 0)
    title_block = len(title_lines) * title_lead
    panel_bottom = max(int(HEIGHT * 0.5), y + kicker_block + title_block + 110)
    draw.rectangle((0, 0, WIDTH, panel_bottom), fill=panel)

    for line in kicker_lines:
        y += 46
        if trackable:
            draw_tracked(draw, (MARGIN, y), line, kicker_font, PANEL_KICKER, tracking)
        else:
            put(y, line, kicker_font, PANEL_KICKER)
        y += 18
    if kicker_lines:
        y += 40
        left = WIDTH - MARGIN - 150 if rtl else MARGIN
        draw.rectangle((left, y, left + 150, y + 8), fill=PANEL_KICKER)
        y += 30
    # titles sit at the bottom of the panel, so short titles do not float at the top
    y = max(y, panel_bottom - 110 - title_block)
    for line in title_lines:
        y += title_lead
        put(y - round(title_font.size * 0.22), line, title_font, PANEL_TEXT)

    y = panel_bottom + 130
    footer_top = HEIGHT - MARGIN - 150
    if text.dek:
        dek_font, dek_lines = fit(text.dek, SERIF, "Italic", measure, range(72, 40, -4), 7)
        lead = round(dek_font.size * 1.38)
        for line in shorten(dek_lines, max(1, (footer_top - 40 - y) // lead), dek_font, measure):
            y += lead
            put(y, line, dek_font, MUTED)

    if text.byline or text.site or text.date:
        draw.rectangle((MARGIN, footer_top, WIDTH - MARGIN, footer_top + 4), fill=INK)
    second = "  ·  ".join(x for x in (text.site, text.date) if x)
    by_font = load_font(SANS, "SemiBold", 48, text.byline)
    small = load_font(SANS, "Regular", 40, second)
    for value, font, y, colour in ((text.byline, by_font, footer_top + 90, INK),
                                   (second, small, footer_top + 150, MUTED)):
        lines = shorten(wrap(value, font, measure), 1, font, measure) if value.strip() else []
        if lines:  # whitespace-only text wraps to no line at all
            put(y, lines[0], font, colour)

    # a flat design needs few colours: every pixel is a background or a blend of it with one text
    # colour, so a palette of those blends keeps the anti-aliasing at 40% of the bytes (about 70 KB),
    # and mapping to a known palette takes a fifth of the time of finding one (quantize(colors=64))
    flat = img.quantize(palette=_palette_image(panel), dither=Image.Dither.NONE)
    out = io.BytesIO()
    flat.save(out, "PNG", compress_level=6)
    return out.getvalue()


def cover_alt(text: CoverText, labels: Labels | None = None) -> str:
    """The cover's text alternative: everything it shows, in reading order, in the document's language."""
    labels = labels or Labels("en")
    by = f"{labels.word('by')} {text.byline}" if text.byline else ""
    parts = [text.kicker, text.title, text.dek, by, text.site, text.date]
    return labels.word("cover-alt", text=". ".join(p.rstrip(".") for p in parts if p))
