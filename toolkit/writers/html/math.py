"""Turns a formula's TeX into MathML for the HTML and EPUB editions (latex2mathml), with its TeX as alternative text.

The ``<math>`` element carries ``alttext`` (the TeX, for assistive technology and readers without MathML) and
a ``<semantics>`` wrapper whose ``<annotation encoding="application/x-tex">`` keeps the source. A formula that
latex2mathml cannot read comes back as ``None``: the caller keeps its TeX as text and warns.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
CODE_CLASS = "math-tex"  # a formula kept as its TeX source


def tex_fallback(tex: str, display: bool) -> str:
    """The formula as its TeX source in a code span: what an edition shows when it cannot draw it."""
    kind = " display" if display else ""
    return f'<code class="{CODE_CLASS}{kind}">{escape(tex, quote=True)}</code>'


@lru_cache(maxsize=1024)
def _convert(tex: str, display: bool) -> str | None:
    import latex2mathml.converter
    from lxml import etree

    try:
        xml = latex2mathml.converter.convert(tex, display="block" if display else "inline")
        root = etree.fromstring(xml.encode("utf-8"))  # well-formed XML, or no MathML at all (the EPUB is XHTML)
    except Exception:  # latex2mathml raises its own errors and plain ones (IndexError ...) on broken TeX
        return None
    if any(isinstance(el.tag, str) and el.tag.endswith("}mi") and (el.text or "").startswith("\\")
           for el in root.iter()):
        return None  # a command it does not know comes out as the command's name: not a formula
    inner = "".join(etree.tostring(child, encoding="unicode") for child in root)
    inner = inner.replace(f' xmlns="{MATHML_NS}"', "")
    return inner


def mathml(tex: str, display: bool = False) -> str | None:
    """The formula as a ``<math>`` element (HTML and XHTML alike), or ``None`` if its TeX cannot be read."""
    tex = tex.strip()
    if not tex:
        return None
    inner = _convert(tex, display)
    if inner is None:
        return None
    alt = escape(tex, quote=True)
    mode = "block" if display else "inline"
    return (f'<math xmlns="{MATHML_NS}" display="{mode}" alttext="{alt}"><semantics><mrow>{inner}</mrow>'
            f'<annotation encoding="application/x-tex">{alt}</annotation></semantics></math>')
