"""The three-line initial of the article's first paragraph, as the WeasyPrint edition draws it (print.css
``.dropcap``): the first letter (with any opening quotation mark) in the display face and the accent colour,
three lines high, the first lines of the paragraph beside it.

Typst wraps no text around a float, so the paragraph is handed to Typst as a list of pieces (a word with the
space after it, or an inline the words cannot be cut inside: a note call, a link, emphasis). ``tk-dropcap``
(the preamble's) measures how many pieces fill three lines of the narrowed measure, sets them beside the
initial with the last of those lines justified, and the rest as the paragraph's continuation at full width.
The large initial is an artifact; the letter itself stays in the text, unseen and of no width, so the
first word reads and extracts whole ("In", not "I n"), as in the WeasyPrint edition.
"""

from __future__ import annotations

import re
import unicodedata

from toolkit.tree.nodes import Emph, Para, Quote, Span, Strong, Text
from toolkit.tree.walk import plain_text
from toolkit.writers.pdf.render import DROPCAP_MIN_CHARS
from toolkit.writers.typst.design import lit, with_lang, words

OPENING = re.compile(r"^([\"'(\[\u201c\u2018\u00ab\u201e]*)(\w)", re.UNICODE)
SPLIT = (Emph, Strong, Span)  # inlines the initial may be found in, at their start
PIECES = re.compile(r"\S+\s*|\s+")
SPACES = re.compile(r"[ \t\n\r\f\v]+")

# the preamble's part: ``tk-column`` (the column's width) and the faces and colours come before it
DEFINITIONS = """\
#let tk-hidden-letter(letter) = box(width: 0pt, align(right, text(fill: {fill}, letter)))
#let tk-dropcap(initial, pieces) = context {{
  let big = text.with(font: tk-display, weight: {weight}, style: "normal", fill: tk-accent,
    top-edge: "cap-height", bottom-edge: "baseline", number-type: "lining", hyphenate: false)
  let three = measure(block(width: tk-column, par(first-line-indent: 0pt)[X#linebreak()X#linebreak()X])).height
  let size = three / (measure(big(size: 100pt, "H")).height / 100pt)
  let letter = big(size: size, initial)
  let room = measure(letter).width + .05 * size
  let four = measure(block(width: tk-column, par(first-line-indent: 0pt)[X#linebreak()X#linebreak()X#linebreak()X])).height
  // three lines, even when a note call or a formula makes one of them taller
  // the lines beside it are broken first-fit, so that the last of them is full when the next word would not fit
  let height(k) = measure(block(width: tk-column - room,
    par(first-line-indent: 0pt, linebreaks: "simple", pieces.slice(0, k).join()))).height
  let fits(k) = height(k) < (three + four) / 2
  let (lo, hi) = (1, pieces.len())
  while lo < hi {{
    let mid = calc.div-euclid(lo + hi + 1, 2)
    if fits(mid) {{ lo = mid }} else {{ hi = mid - 1 }}
  }}
  let beside = pieces.slice(0, lo).join()
  block(below: par.spacing, {{
    pad(left: room, par(first-line-indent: 0pt, linebreaks: "simple",
      if lo < pieces.len() {{ beside + linebreak(justify: true) }} else {{ beside }}))
    place(top + left, dx: -.02 * size, pdf.artifact(letter))
    // fewer lines beside it (a piece too long to share a line): the rest starts under the initial
    let used = height(lo)
    if lo < pieces.len() and used < three - 1pt {{ v(three - used + par.leading) }}
  }})
  if lo < pieces.len() {{ par(first-line-indent: 0pt, pieces.slice(lo).join()) }}
}}
"""


def definitions(weight: int, opaque: bool = False) -> str:
    """The preamble's ``tk-dropcap`` for a theme whose headings have this weight. ``opaque``: the PDF may hold
    no transparency (PDF/A-1), so the letter in the text is white on the white page, and the initial, drawn
    after it, covers it where the two meet."""
    return DEFINITIONS.format(weight=weight, fill="white" if opaque else "rgb(0, 0, 0, 0)")


def first_para_index(blocks) -> int:
    """The index of the article's first paragraph (the one that opens with the initial), or -1."""
    return next((i for i, b in enumerate(blocks) if isinstance(b, Para)), -1)


def opening_letter(nodes) -> str | None:
    """The initial: the first letter of the paragraph's words (with an opening quotation mark typed before it),
    when those words start in text, emphasis or a span; else None."""
    for node in nodes:
        if isinstance(node, Text):
            m = OPENING.match(SPACES.sub(" ", node.text).lstrip())
            return m.group(0) if m else None
        if isinstance(node, SPLIT):
            return opening_letter(node.children)
        return None
    return None


class Pieces:
    """The paragraph's inlines cut into pieces a line may break between, each complete Typst markup: text at
    its spaces; emphasis, strong text, spans and quotations piece by piece (each piece wrapped as the whole
    was); links, notes, citations and anything else whole. The initial is cut from the first words."""

    def __init__(self, markup, initial: str):
        self.markup, self.initial = markup, initial

    def of(self, nodes) -> list[str]:
        out: list[str] = []
        for node in nodes:
            out += self.one(node)
        return [p for p in out if p]

    def one(self, node) -> list[str]:
        m = self.markup
        if isinstance(node, Text):
            text = SPACES.sub(" ", node.text)
            if self.initial:
                text, self.initial = text.lstrip()[len(self.initial):], ""
            return [m.i_Text(Text(piece)) for piece in PIECES.findall(text)]
        if isinstance(node, (Emph, Strong)):
            call = "emph" if isinstance(node, Emph) else "strong"
            return [f"#{call}[{p}]" for p in self.of(node.children)]
        if isinstance(node, Span):
            inner = [with_lang(node.attr, p) for p in self.of(node.children)]
            return [m.anchor(node.attr) + inner[0], *inner[1:]] if inner else []
        if isinstance(node, Quote):
            m.quote_depth += 1
            try:
                inner = [with_lang(node.attr, p) for p in self.of(node.children)]
            finally:
                m.quote_depth -= 1
            if node.direct and inner:
                opening, closing = m._marks(node.attr)
                inner[0], inner[-1] = words(opening) + inner[0], inner[-1] + words(closing)
            return inner
        return [m.inline(node)]


def dropcap_markup(markup, para: Para) -> str | None:
    """``#tk-dropcap(...)`` for the paragraph, or None when it is too short for a three-line initial or does
    not open with a letter (then it is set as any other paragraph). ``markup`` is the ``TypstMarkup`` that
    sets its inlines (so notes, citations and links are made as everywhere else)."""
    children = para.children
    if len(plain_text(children)) < DROPCAP_MIN_CHARS:
        return None
    initial = opening_letter(children)
    if initial is None or unicodedata.bidirectional(initial[-1]) in ("R", "AL"):
        return None  # a right-to-left paragraph keeps its letters as they are
    pieces = Pieces(markup, initial).of(children)
    if markup.pending and not markup.quote_depth:
        pieces.append("".join(markup.pending))
        markup.pending.clear()
    pieces = pieces or [""]
    pieces[0] = f"#tk-hidden-letter({lit(initial)})" + pieces[0]
    items = ", ".join(f"[{p}]" for p in pieces)
    return f"#tk-dropcap({lit(initial)}, ({items},))"
