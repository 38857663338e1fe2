"""Draws the EPUB's cover image (kicker, title, dek, byline) as a PNG with Pillow and the book's faces."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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


def load_font(family: str, style: str, size: int):
    from PIL import ImageFont

    path = font_file(family, style) or font_file("DejaVu Sans" if family == SANS else "DejaVu Serif", "Book")
    if path:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def wrap(text: str, font, width: float) -> list[str]:
    """Greedy line breaking at spaces; a single over-long word keeps its own line."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        cand = f"{line} {word}".strip()
        if not line or font.getlength(cand) <= width:
            line = cand
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


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
    """The largest size whose balanced lines fit ``width`` in at most ``max_lines`` lines."""
    font = lines = None
    for size in sizes:
        font = load_font(family, style, size)
        lines = wrap(text, font, width)
        if len(lines) <= max_lines and all(font.getlength(x) <= width for x in lines):
            return font, balance(text, font, width)
    return font, lines[:max_lines]


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


def draw_cover(text: CoverText) -> bytes:
    """A 1600x2400 PNG: a coloured panel with kicker and title, the dek and the byline on paper."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(img)
    measure = WIDTH - 2 * MARGIN
    panel = panel_colour(text.title)

    kicker_font = load_font(SANS, "SemiBold", 46)
    tracking = 7
    kicker = text.kicker.upper()
    kicker_lines = [kicker] if kicker and tracked_length(kicker, kicker_font, tracking) <= measure else (
        wrap(kicker, kicker_font, measure - 200)[:2] if kicker else [])
    title_font, title_lines = fit(text.title, SERIF, "Bold", measure, range(150, 70, -4), 6)
    title_lead = round(title_font.size * 1.12)

    y = MARGIN + 40
    kicker_block = len(kicker_lines) * 64 + (70 if kicker_lines else 0)
    title_block = len(title_lines) * title_lead
    panel_bottom = max(int(HEIGHT * 0.5), y + kicker_block + title_block + 110)
    draw.rectangle((0, 0, WIDTH, panel_bottom), fill=panel)

    for line in kicker_lines:
        y += 46
        draw_tracked(draw, (MARGIN, y), line, kicker_font, PANEL_KICKER, tracking)
        y += 18
    if kicker_lines:
        y += 40
        draw.rectangle((MARGIN, y, MARGIN + 150, y + 8), fill=PANEL_KICKER)
        y += 30
    # titles sit at the bottom of the panel, so short titles do not float at the top
    y = max(y, panel_bottom - 110 - title_block)
    for line in title_lines:
        y += title_lead
        draw.text((MARGIN, y - round(title_font.size * 0.22)), line, font=title_font, fill=PANEL_TEXT, anchor="ls")

    y = panel_bottom + 130
    footer_top = HEIGHT - MARGIN - 150
    if text.dek:
        dek_font, dek_lines = fit(text.dek, SERIF, "Italic", measure, range(72, 40, -4), 7)
        lead = round(dek_font.size * 1.38)
        for line in dek_lines:
            if y + lead > footer_top - 40:
                break
            y += lead
            draw.text((MARGIN, y), line, font=dek_font, fill=MUTED, anchor="ls")

    if text.byline or text.site or text.date:
        draw.rectangle((MARGIN, footer_top, WIDTH - MARGIN, footer_top + 4), fill=INK)
    by_font = load_font(SANS, "SemiBold", 48)
    small = load_font(SANS, "Regular", 40)
    if text.byline:
        line = wrap(text.byline, by_font, measure)[0]
        draw.text((MARGIN, footer_top + 90), line, font=by_font, fill=INK, anchor="ls")
    second = "  ·  ".join(x for x in (text.site, text.date) if x)
    if second:
        line = wrap(second, small, measure)[0]
        draw.text((MARGIN, footer_top + 150), line, font=small, fill=MUTED, anchor="ls")

    # a flat design needs few colours: a 64-colour palette keeps the anti-aliasing at 40% of the
    # bytes (about 80 KB); optimize=True would cost 4x the time for 3% smaller
    flat = img.quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    flat.save(out, "PNG", compress_level=6)
    return out.getvalue()


def cover_alt(text: CoverText) -> str:
    """The cover's text alternative: everything it shows, in reading order."""
    parts = [text.kicker, text.title, text.dek, f"By {text.byline}" if text.byline else "", text.site, text.date]
    return "Cover: " + ". ".join(p.rstrip(".") for p in parts if p) + "."
