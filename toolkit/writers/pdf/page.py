"""The page geometry of the print edition: paper sizes, margins, type size, bleed and crop marks."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.errors import UsageError
from toolkit.options import Options, bleed_length

MM = 72 / 25.4  # points per millimetre
IN = 72.0


@dataclass(frozen=True)
class Paper:
    """One paper size: page box, margins (top, outside, bottom, inside, in pt) and body type size.

    The margins make a measure (the line) of 60 to 75 characters, about 68 on average, in the body face
    at the body size: wider lines tire the eye on the way back to the next line's start (the seed on A4
    set 92 characters a line before). Two columns use ``column_margins``, a wider text block whose
    columns hold 40 to 55 characters each, the measure of a newspaper or magazine column.
    """

    name: str
    width: float
    height: float
    margins: tuple[float, float, float, float]
    font_size: float
    columns_allowed: bool = True
    column_margins: tuple[float, float, float, float] | None = None
    column_font_size: float | None = None
    image_heights: tuple[str, str] = ("92mm", "105mm")  # an image's most, and the opening figure's

    @property
    def measure(self) -> float:
        """Width of the single-column text block in points."""
        return self.width - self.margins[1] - self.margins[3]

    def frame(self, cols: int) -> tuple[float, float, float, float]:
        """The margins for ``cols`` body columns."""
        return self.column_margins if cols == 2 and self.column_margins else self.margins

    def type_size(self, cols: int) -> float:
        """The body type size for ``cols`` body columns (a column's narrower line takes smaller type)."""
        return self.column_font_size if cols == 2 and self.column_font_size else self.font_size


PAPERS: dict[str, Paper] = {
    # 130 mm of 11.2 pt Charis: 70 characters a line; two columns of 79 mm in 10.4 pt: 45
    "a4": Paper("a4", 210 * MM, 297 * MM, (24 * MM, 40 * MM, 26 * MM, 40 * MM), 11.2,
                column_margins=(22 * MM, 23 * MM, 24 * MM, 23 * MM), column_font_size=10.4),
    "letter": Paper("letter", 8.5 * IN, 11 * IN, (0.95 * IN, 1.68 * IN, 1.0 * IN, 1.68 * IN), 11.2,
                    column_margins=(0.85 * IN, 0.9 * IN, 0.95 * IN, 0.9 * IN), column_font_size=10.4),
    "a5": Paper("a5", 148 * MM, 210 * MM, (17 * MM, 19 * MM, 20 * MM, 19 * MM), 9.8, columns_allowed=False,
                image_heights=("62mm", "70mm")),
    "trade": Paper("trade", 6 * IN, 9 * IN, (0.65 * IN, 0.78 * IN, 0.8 * IN, 0.78 * IN), 10.0,
                   columns_allowed=False, image_heights=("62mm", "70mm")),
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


HEAD_EM = 0.56  # the running title's average character (7 pt sans), in em
SECTION_EM = 0.72  # the section's: capitals, letter-spaced .12em (6.5 pt)


def head_room(options: Options) -> tuple[int, int]:
    """How many characters the running title and the running section hold on this paper (print.css gives
    them 60 % and 40 % of the text block, one column; two columns share one head across the block)."""
    p = paper(options)
    _top, outside, _bottom, inside = p.frame(columns(options))
    width = p.width - outside - inside
    if columns(options) == 2:
        return int(width * .62 / (7 * HEAD_EM)), int(width * .3 / (7 * HEAD_EM))
    return int(width * .58 / (7 * HEAD_EM)), int(width * .38 / (6.5 * SECTION_EM))


def page_css(options: Options) -> str:
    """CSS for the chosen paper: page size and margins, type size, columns, bleed and marks."""
    p = paper(options)
    top, outside, bottom, inside = p.frame(columns(options))
    css = [
        f"@page {{ size: {p.width:.2f}pt {p.height:.2f}pt; "
        f"margin: {top:.2f}pt {outside:.2f}pt {bottom:.2f}pt {inside:.2f}pt; }}",
        f"html {{ font-size: {p.type_size(columns(options))}pt; }}",
    ]
    most, opening = p.image_heights
    css.append(f"figure img {{ max-height: {most}; }} .article-body > figure:first-child img {{ max-height: {opening}; }}")
    if columns(options) == 2:
        css.append(f".article-body {{ column-count: 2; column-gap: {COLUMN_GAP:.2f}pt; column-fill: balance; }}"
                   " .article-body > figure:first-child { column-span: all; }"
                   " .article-body p { hyphenate-limit-chars: 6 3 3; }"
                   " .article-body .pullquote { margin-left: 0; margin-right: 0; }"
                   " .article-body table.table.wide, .article-body table.table.very-wide"
                   " { margin-left: 0; margin-right: 0; width: 100%; max-width: 100%; }"
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
