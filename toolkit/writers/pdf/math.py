"""Turns a formula's TeX into an SVG image for the print edition (ziamath), sized in the text's em.

WeasyPrint has no MathML, so the PDF shows each formula as a vector drawing: ziamath lays the formula out
in pure Python with the STIX Two Math face it bundles, and draws the glyphs as paths (no font to embed or
find). The image is an ``<img>`` with a ``data:`` URL whose ``alt`` is the TeX (the PDF's alternative text);
its width, height and depth below the baseline are given in ``em``, so an inline formula sits on the line's
baseline at the size of the words around it and a display formula scales with the page's type.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from toolkit.writers.html.math import mathml

SIZE = 24.0  # ziamath's font size in SVG units: one em of the drawing


@dataclass(frozen=True)
class MathImage:
    svg: str
    width: float  # em
    height: float  # em
    depth: float  # em below the baseline


@lru_cache(maxsize=1024)
def draw(tex: str, display: bool) -> MathImage | None:
    """The formula drawn as SVG, or ``None`` if its TeX cannot be read (or ziamath fails on it)."""
    tex = tex.strip()
    if not tex or mathml(tex, display) is None:  # the TeX latex2mathml cannot read, ziamath cannot either
        return None
    try:
        import ziamath

        expr = ziamath.Latex(tex, size=SIZE, inline=not display, margin=0.5)
        svg = expr.svg()
        bbox = expr.node.bbox
    except Exception:  # ziamath raises what its layout meets (KeyError, ValueError ...) on TeX it cannot set
        return None
    margin = expr.margin
    width = (bbox.xmax - bbox.xmin + 2 * margin) / SIZE
    height = (bbox.ymax - bbox.ymin + 2 * margin) / SIZE
    depth = (margin - bbox.ymin) / SIZE
    return MathImage(svg, width, height, depth)


def math_img(tex: str, display: bool) -> str | None:
    """An ``<img>`` of the formula for the print HTML (display formulas in a centred block), or ``None``."""
    image = draw(tex, display)
    if image is None:
        return None
    data = base64.b64encode(image.svg.encode("utf-8")).decode("ascii")
    style = f"width:{image.width:.3f}em;height:{image.height:.3f}em;vertical-align:{-image.depth:.3f}em"
    img = (f'<img class="math-svg" src="data:image/svg+xml;base64,{data}" alt="{escape(tex.strip(), quote=True)}" '
           f'style="{style}">')
    kind = "display" if display else "inline"
    layer = escape(spoken_text(tex, display), quote=False)
    text = f'<span class="math-text" aria-hidden="true">{layer}</span>' if layer else ""
    return f'<span class="math {kind}">{img}{text}</span>'


def spoken_text(tex: str, display: bool) -> str:
    """The formula's symbols as plain text (``E = mc2``), for the PDF's text layer under the drawing.

    The drawing is paths, so without it a search or a copy of the page finds nothing of the formula. The
    text is set invisible over the image and drawn as an artifact (``aria-hidden``): the image's ``alt``
    is what a screen reader reads. Operators and multi-letter names stand apart; single letters join,
    as pandoc's plain text writes them (``mc^2`` is ``mc²``).
    """
    from lxml import etree

    markup = mathml(tex, display)
    if markup is None:
        return ""
    root = etree.fromstring(markup.encode("utf-8"))
    parts: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        local = etree.QName(el).localname
        text = (el.text or "").strip()
        if local == "annotation" or not text:
            continue
        if local == "mo" or (local in ("mi", "mtext") and len(text) > 1):
            parts.append(f" {text} ")
        elif local in ("mi", "mn", "ms"):
            parts.append(text)
    return " ".join("".join(parts).split())
