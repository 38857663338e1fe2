"""The page geometry of the print edition: paper sizes, margins, type size, bleed and crop marks."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.errors import UsageError
from toolkit.options import Options, bleed_length

MM = 72 / 25.4  # points per millimetre
IN = 72.0


@dataclass(frozen=True)
class Paper:
    """One paper size: page box, margins (top, outside, bottom, inside, in pt) and body type size."""

    name: str
    width: float
    height: float
    margins: tuple[float, float, float, float]
    font_size: float
    columns_allowed: bool = True

    @property
    def measure(self) -> float:
        """Width of the text block in points."""
        return self.width - self.margins[1] - self.margins[3]


PAPERS: dict[str, Paper] = {
    "a4": Paper("a4", 210 * MM, 297 * MM, (22 * MM, 23 * MM, 24 * MM, 23 * MM), 10.8),
    "letter": Paper("letter", 8.5 * IN, 11 * IN, (0.85 * IN, 0.9 * IN, 0.95 * IN, 0.9 * IN), 10.8),
    "a5": Paper("a5", 148 * MM, 210 * MM, (16 * MM, 15 * MM, 19 * MM, 15 * MM), 9.4, columns_allowed=False),
    "trade": Paper("trade", 6 * IN, 9 * IN, (0.65 * IN, 0.6 * IN, 0.8 * IN, 0.7 * IN), 9.6,
                   columns_allowed=False),
}
COLUMN_GAP = 6 * MM


def paper(options: Options) -> Paper:
    try:
        return PAPERS[options.paper]
    except KeyError:
        raise UsageError(f"unknown paper size {options.paper!r} (known: {', '.join(PAPERS)})") from None


def columns(options: Options) -> int:
    """The body's column count: two only when asked for and the paper is wide enough."""
    return 2 if options.columns == 2 and paper(options).columns_allowed else 1


def page_css(options: Options) -> str:
    """CSS for the chosen paper: page size and margins, type size, columns, bleed and marks."""
    p = paper(options)
    top, outside, bottom, inside = p.margins
    css = [
        f"@page {{ size: {p.width:.2f}pt {p.height:.2f}pt; "
        f"margin: {top:.2f}pt {outside:.2f}pt {bottom:.2f}pt {inside:.2f}pt; }}",
        f"html {{ font-size: {p.font_size}pt; }}",
    ]
    if options.paper in ("a5", "trade"):
        css.append("figure img { max-height: 62mm; } .article-body > figure:first-child img { max-height: 70mm; }")
    if columns(options) == 2:
        css.append(f".article-body {{ column-count: 2; column-gap: {COLUMN_GAP:.2f}pt; column-fill: balance; }}"
                   " .article-body > figure:first-child { column-span: all; }"
                   " .article-body p { hyphenate-limit-chars: 5 2 2; }"
                   " .article-body .pullquote { margin-left: 0; margin-right: 0; }"
                   # one running head across both columns, so that text extraction does not
                   # read it as the start of the right-hand column
                   " @page { @top-left { content: none; border: 0; width: 0; margin: 0; padding: 0; }"
                   " @top-right { content: none; border: 0; width: 0; margin: 0; padding: 0; }"
                   " @top-center { content: string(doc-title) ' \\B7  ' string(section); width: 100%;"
                   " vertical-align: bottom; padding-bottom: 4pt; margin-bottom: 8pt;"
                   " border-bottom: .4pt solid var(--rule, #bbb); font-family: var(--sans, sans-serif);"
                   " font-size: 7pt; color: var(--muted, #555); white-space: nowrap; overflow: hidden;"
                   " text-overflow: ellipsis; } }"
                   " @page :first { @top-center { content: none; border: 0; } }")
    if options.bleed:
        css.append(f"@page {{ bleed: {bleed_length(options.bleed)}; }}")
    if options.marks:
        css.append("@page { marks: crop cross; }")
        if not options.bleed:
            css.append("@page { bleed: 3mm; }")  # marks need room outside the trim box
    return "\n".join(css) + "\n"
