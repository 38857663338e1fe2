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

from toolkit.tree.nodes import Para, Text
from toolkit.tree.walk import plain_text
from toolkit.writers.pdf.render import DROPCAP_MIN_CHARS
from toolkit.writers.typst.design import lit

OPENING = re.compile(r"^([\"'(\[\u201c\u2018\u00ab\u201e]*)(\w)", re.UNICODE)
PIECES = re.compile(r"\S+\s*|\s+")
SPACES = re.compile(r"[ \t\n\r\f\v]+")

# the preamble's part: ``tk-column`` (the column's width) and the faces and colours come before it
DEFINITIONS = """\
#let tk-hidden-letter(letter) = box(width: 0pt, align(right, text(fill: {fill}, letter)))
#let tk-dropcap(initial, pieces) = context {{
  let big = text.with(font: tk-display, weight: "{weight}", style: "normal", fill: tk-accent,
    top-edge: "cap-height", bottom-edge: "baseline", number-type: "lining", hyphenate: false)
  let three = measure(block(width: tk-column, par(first-line-indent: 0pt)[X#linebreak()X#linebreak()X])).height
  let size = three / (measure(big(size: 100pt, "H")).height / 100pt)
  let letter = big(size: size, initial)
  let room = measure(letter).width + .05 * size
  let fits(k) = measure(block(width: tk-column - room,
    par(first-line-indent: 0pt, pieces.slice(0, k).join()))).height <= three + .5pt
  let (lo, hi) = (1, pieces.len())
  while lo < hi {{
    let mid = calc.div-euclid(lo + hi + 1, 2)
    if fits(mid) {{ lo = mid }} else {{ hi = mid - 1 }}
  }}
  let beside = pieces.slice(0, lo).join()
  block(below: par.spacing, {{
    pad(left: room, par(first-line-indent: 0pt,
      if lo < pieces.len() {{ beside + linebreak(justify: true) }} else {{ beside }}))
    place(top + left, dx: -.02 * size, pdf.artifact(letter))
  }})
  if lo < pieces.len() {{ par(first-line-indent: 0pt, pieces.slice(lo).join()) }}
}}
"""


def definitions(weight: str, opaque: bool = False) -> str:
    """The preamble's ``tk-dropcap`` for a theme whose headings have this weight. ``opaque``: the PDF may hold
    no transparency (PDF/A-1), so the letter in the text is white on the white page, and the initial, drawn
    after it, covers it where the two meet."""
    return DEFINITIONS.format(weight=weight, fill="white" if opaque else "rgb(0, 0, 0, 0)")


def first_para_index(blocks) -> int:
    """The index of the article's first paragraph (the one that opens with the initial), or -1."""
    return next((i for i, b in enumerate(blocks) if isinstance(b, Para)), -1)


def dropcap_markup(markup, para: Para) -> str | None:
    """``#tk-dropcap(...)`` for the paragraph, or None when it is too short for a three-line initial or does
    not open with a letter (then it is set as any other paragraph). ``markup`` is the ``TypstMarkup`` that
    sets its inlines (so notes, citations and links are made as everywhere else)."""
    children = para.children
    if not children or not isinstance(children[0], Text) or len(plain_text(children)) < DROPCAP_MIN_CHARS:
        return None
    text = SPACES.sub(" ", children[0].text).lstrip()
    m = OPENING.match(text)
    if not m:
        return None
    initial = m.group(0)
    pieces = []
    for index, child in enumerate(children):
        if isinstance(child, Text):
            words = text[m.end():] if index == 0 else SPACES.sub(" ", child.text)
            for piece in PIECES.findall(words):
                pieces.append(markup.i_Text(Text(piece)))
        else:
            pieces.append(markup.inline(child))
    if markup.pending and not markup.quote_depth:
        pieces.append("".join(markup.pending))
        markup.pending.clear()
    pieces = [p for p in pieces if p] or [""]
    pieces[0] = f"#tk-hidden-letter({lit(initial)})" + pieces[0]
    items = ", ".join(f"[{p}]" for p in pieces)
    return f"#tk-dropcap({lit(initial)}, ({items},))"
