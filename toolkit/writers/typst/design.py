"""The print edition's design for Typst: the preamble of set and show rules that print.css gives WeasyPrint.

Page geometry and type size come from ``toolkit.writers.pdf.page`` (the same paper, margins, columns and
body size as the WeasyPrint edition); fonts, colours and sizes follow ``print.css`` and the theme's sheets.
Sizes in ``rem`` there are the paper's body size here; everything the author wrote reaches the preamble
only as a Typst string literal (``lit``), never as markup.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

from toolkit.language.labels import Labels
from toolkit.language.tags import readable_tags
from toolkit.options import Options
from toolkit.tree.nodes import Document
from toolkit.writers.pdf.page import COLUMN_GAP, columns, paper

# what the print edition's sheets say through their custom properties (print.css: "Theme variables"), read from
# the same sheets WeasyPrint gets (``edition_css``), so that a theme is written once, in CSS
THEME_PROPERTIES = ("--serif", "--display", "--sans", "--accent", "--muted", "--faint", "--rule",
                    "--headline-weight", "--pullquote-style", "--pullquote-weight")
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


@functools.lru_cache(maxsize=8)
def theme_of(style: str) -> dict[str, object]:
    """The theme's faces (tuples of family names), colours (``#hex``), weights (numbers) and the pull quote's
    style, from the ``:root`` rules of the print edition's sheets (later rules win, as in the cascade); kept per
    process (read it, never change it). An unknown theme is the same usage error as for WeasyPrint."""
    import tinycss2

    from toolkit.writers.html.themes import edition_css

    found: dict[str, list] = {}
    for rule in tinycss2.parse_stylesheet(edition_css("print", style), skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule" or tinycss2.serialize(rule.prelude).strip() != ":root":
            continue
        for decl in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
            if decl.type == "declaration" and decl.name in THEME_PROPERTIES:
                found[decl.name] = [t for t in decl.value if t.type not in ("whitespace", "comment")]
    theme: dict[str, object] = {"accent": "#8a1c1c", "muted": "#4a4a4a", "faint": "#6b6b6b", "rule": "#b9b4aa",
                                "headline": 700, "pull_style": "italic", "pull_weight": 400}
    for name in ("serif", "display", "sans"):  # "Charis SIL", "DejaVu Serif", Georgia, serif
        tokens = found.get("--" + name, [])
        theme[name] = tuple(t.value for t in tokens if t.type == "string")
    for name in ("accent", "muted", "faint", "rule"):
        tokens = found.get("--" + name, [])
        value = tinycss2.serialize(tokens).strip() if tokens else ""
        if _HEX.match(value):
            theme[name] = value
    for name, key in (("--headline-weight", "headline"), ("--pullquote-weight", "pull_weight")):
        tokens = found.get(name, [])
        if len(tokens) == 1 and tokens[0].type == "number" and tokens[0].is_integer:
            theme[key] = tokens[0].int_value
    tokens = found.get("--pullquote-style", [])
    if len(tokens) == 1 and tokens[0].type == "ident" and tokens[0].lower_value in ("italic", "normal", "oblique"):
        theme["pull_style"] = tokens[0].lower_value
    return theme


MONO = ("DejaVu Sans Mono",)
SEP = ' + " · " + '
# the running head: title left and section right; over two columns one line across (print.css, page.py)
HEAD_SIDES = """grid(columns: (60%, 40%),
        align(left + bottom, text(font: tk-sans, size: 7pt, fill: tk-muted, tk-running-title)),
        align(right + bottom, text(font: tk-sans, size: 6.5pt, weight: 600, fill: tk-accent, tracking: .12em,
          upper(section))))"""
HEAD_ACROSS = """align(center + bottom, text(font: tk-sans, size: 7pt, fill: tk-muted,
        tk-running-title + "\\u{2009}\\u{00B7}\\u{2009} " + section))"""
BUNDLED = ("Libertinus Serif", "New Computer Modern", "DejaVu Sans Mono")  # Typst's own faces: the last resort
LANG = re.compile(r"^([A-Za-z]{2,3})(?:-([A-Za-z]{4}))?(?:-([A-Za-z]{2}|[0-9]{3}))?(?:-.*)?$")


def lit(text: str) -> str:
    """``text`` as a Typst string literal: every character prints as itself, nothing is read as markup."""
    out = []
    for ch in text:
        if ch in '\\"':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 32 or 0x7f <= ord(ch) < 0xa0:
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def lang_args(tag: str | None) -> str:
    """``lang: "fr", region: "ca"`` for a BCP 47 tag Typst can use (language and region), else ""."""
    m = LANG.match((tag or "").strip().replace("_", "-"))
    if not m:
        return ""
    args = f'lang: "{m.group(1).lower()}"'
    if m.group(3) and m.group(3).isalpha():
        args += f', region: "{m.group(3).lower()}"'
    return args


def words(text: str) -> str:
    """Text as Typst prints it literally: a string literal ended by ``;`` (so nothing after it joins the call)."""
    return f"#{lit(text)};" if text else ""


def with_lang(attr, markup: str) -> str:
    """Markup in the language and direction the author gave it (``lang``, ``dir``), else as it is."""
    args = lang_args(attr.get("lang")) if attr is not None else ""
    direction = (attr.get("dir") or "").strip().lower() if attr is not None else ""
    if direction in ("ltr", "rtl"):
        args += (", " if args else "") + f"dir: {direction}"
    return f"#text({args})[{markup}]" if args else markup


def fonts(names: tuple[str, ...], families: frozenset[str]) -> str:
    """A Typst font list of the faces the compiler knows (a face it lacks would be a warning each build)."""
    known = [n for n in names if n.lower() in families] or [n for n in BUNDLED if n.lower() in families]
    return "(" + ", ".join(lit(n) for n in known) + ",)" if known else "()"


@dataclass(frozen=True)
class Sizes:
    """The type sizes of print.css in points: ``rem`` is the paper's body size."""

    rem: float

    def __call__(self, factor: float) -> str:
        return f"{self.rem * factor:.2f}pt"


def document_date(value: str | None) -> str:
    """``datetime(...)`` of the article's ISO date, or ``none`` (then Typst's timestamp dates the file)."""
    try:
        d = datetime.date.fromisoformat((value or "")[:10])
    except ValueError:
        return "auto"
    return f"datetime(year: {d.year}, month: {d.month}, day: {d.day})"


def preamble(doc: Document, options: Options, labels: Labels, families: frozenset[str], running_title: str) -> str:
    """Set and show rules for the whole article: page, text, headings, notes, figures, tables, quotes."""
    theme = theme_of(options.style)
    p = paper(options)
    cols = columns(options)
    top, outside, bottom, inside = p.frame(cols)
    rem = Sizes(p.type_size(cols))
    m = doc.meta
    serif, display = fonts(theme["serif"], families), fonts(theme["display"], families)
    sans, mono = fonts(theme["sans"], families), fonts(MONO, families)
    accent, rule, muted, faint = (f'rgb("{theme[k]}")' for k in ("accent", "rule", "muted", "faint"))
    authors = "(" + "".join(lit(a) + ", " for a in m.authors if a.strip()) + ")"
    keywords = "(" + "".join(lit(k) + ", " for k in readable_tags(m.tags)) + ")"
    description = f", description: {lit(m.subtitle)}" if m.subtitle else ""
    title = lit(m.title or labels.word("untitled"))
    lang = lang_args(m.language) or 'lang: "en"'
    page_word, page_of = lit(labels.word("page")), lit(labels.word("page-of"))
    head = HEAD_ACROSS if cols == 2 else HEAD_SIDES
    gutter = ", columns: 2" if cols == 2 else ""
    column = (p.width - outside - inside - (COLUMN_GAP if cols == 2 else 0)) / cols
    return f"""\
#set document(title: {title}, author: {authors}, keywords: {keywords}{description}, date: {document_date(m.date)})
#let tk-accent = {accent}
#let tk-rule = {rule}
#let tk-muted = {muted}
#let tk-faint = {faint}
#let tk-serif = {serif}
#let tk-display = {display}
#let tk-sans = {sans}
#let tk-mono = {mono}
#let tk-rem = {rem(1)}
#let tk-column = {column:.2f}pt
#let tk-kicker = {lit(m.kicker or "")}
#let tk-running-title = {lit(running_title)}
#set smartquote(enabled: false)
#set text(font: tk-serif, size: tk-rem, fill: rgb("#141414"), {lang}, hyphenate: true, kerning: true,
  fallback: true)
#set page(width: {p.width:.2f}pt, height: {p.height:.2f}pt{gutter},
  margin: (top: {top:.2f}pt, right: {outside:.2f}pt, bottom: {bottom:.2f}pt, left: {inside:.2f}pt),
  header-ascent: 8pt, footer-descent: 8pt,
  header: context {{
    let n = counter(page).get().first()
    if n > 1 {{
      let here-page = here().page()
      let on-page = query(<tk-section>).filter(s => s.location().page() == here-page)
      let before = query(selector(<tk-section>).before(here()))
      let section = if on-page.len() > 0 {{ on-page.first().value }} else if before.len() > 0 {{ before.last().value }} else {{ tk-kicker }}
      block(width: 100%, stroke: (bottom: .4pt + tk-rule), inset: (bottom: 4pt), {head})
    }}
  }},
  footer: context {{
    if counter(page).get().first() > 1 {{
      align(center + top, text(font: tk-sans, size: 7pt, fill: tk-muted,
        {page_word} + " " + counter(page).display() + " " + {page_of} + " " + str(counter(page).final().first())))
    }}
  }})
#set columns(gutter: {COLUMN_GAP:.2f}pt)
#set par(justify: true, leading: .8em, spacing: .8em, first-line-indent: 1.3em,
  justification-limits: (spacing: (min: 100%, max: 150%)))
#show heading: set text(font: tk-display, weight: {theme["headline"]}, style: "normal", hyphenate: false,
  number-type: "lining")
#show heading: set par(justify: false, first-line-indent: 0pt)
#show heading: set block(sticky: true)
#show heading.where(level: 1): set text(size: {rem(2.3)}, tracking: -.005em)
#show heading.where(level: 1): set par(leading: .41em)
#show heading.where(level: 1): set block(above: 0pt, below: {rem(.55)})
#show heading.where(level: 2): set text(size: {rem(1.22)})
#show heading.where(level: 2): set block(above: {rem(1.75)}, below: {rem(1.06)})
#show heading.where(level: 3): set text(size: {rem(1.1)})
#show heading.where(level: 3): set block(above: {rem(1.5)}, below: {rem(1.0)})
#show heading.where(level: 4): set block(above: {rem(1.2)}, below: {rem(.6)})
#show heading.where(level: 5): it => block(above: {rem(.9)}, below: {rem(.4)}, smallcaps(it.body))
#show heading.where(level: 6): it => block(above: {rem(.9)}, below: {rem(.4)}, smallcaps(it.body))
#show raw: set text(font: tk-mono, size: .9em)
#show raw.where(block: true): set text(size: {rem(.8)})
#show raw.where(block: true): set par(justify: false, leading: .5em)
#show raw.where(block: true): set block(above: {rem(.6)}, below: {rem(.6)})
#show quote.where(block: true): it => pad(x: 1.4em, y: {rem(.2)}, {{
  set text(style: "italic")
  set par(first-line-indent: 0pt)
  it.body
}})
#set list(indent: .2em, body-indent: .3em, spacing: .8em + {rem(.2)})
#set enum(indent: .2em, body-indent: .3em, spacing: .8em + {rem(.2)})
#show list: set par(justify: false)
#show enum: set par(justify: false)
#set footnote.entry(separator: line(length: 100%, stroke: .5pt + tk-rule), clearance: 12pt, gap: 4pt,
  indent: 0pt)
#show footnote.entry: it => {{
  let n = counter(footnote).at(it.note.location())
  text(font: tk-sans, weight: 600, numbering(it.note.numbering, ..n) + ".\\u{{2002}}")
  it.note.body
}}
#show footnote.entry: set text(size: {rem(.74)}, fill: rgb("#222222"), style: "normal", weight: "regular")
#show footnote.entry: set par(justify: false, leading: .5em, first-line-indent: 0pt, hanging-indent: 0pt)
#show footnote: set text(font: tk-sans, fill: tk-accent, weight: 600)
#show footnote: set super(typographic: false, size: .62em)
#set table(stroke: none, inset: (x: .55em, y: .66em))
#show table: set text(size: {rem(.84)})
#show table: set par(justify: false, first-line-indent: 0pt)
#show table: set text(hyphenate: false)
#show figure: set block(breakable: false, above: {rem(.6)}, below: {rem(1.1)})
#show figure.caption: it => align(left, text(font: tk-sans, size: {rem(.72)}, fill: rgb("#333333"), it.body))
#show figure.where(kind: table): set figure.caption(position: top)
#show figure.where(kind: table): set align(left)
#show figure.where(kind: table): set block(above: {rem(1.1)}, below: {rem(1.2)})
#show figure.where(kind: table): set block(breakable: true)
#let tk-credit(body) = text(size: .86em, tracking: .06em, fill: tk-faint, upper(body))
#let tk-missing(body) = block(below: .45em, text(font: tk-sans, size: {rem(.68)}, style: "italic", fill: tk-faint, body))
// an image at its CSS size (a pixel is .75pt; Typst counts 1pt), never wider than the column nor taller than max-height
#let tk-image(path, alt, max-height) = layout(size => {{
  let natural = measure(image(path))
  let width = calc.min(size.width, natural.width * .75, max-height * (natural.width / natural.height))
  align(center, image(path, alt: alt, width: width))
}})
#let tk-pullquote(body, by) = pdf.artifact(block(width: 100%, inset: (x: {'0%' if cols == 2 else '7%'}),
  above: .8em + {rem(.9)}, below: .8em + {rem(1)}, breakable: false, block(width: 100%, breakable: false,
    stroke: (top: 1.4pt + tk-accent, bottom: .5pt + tk-rule), inset: (top: {rem(.55)}, bottom: {rem(.6)}), {{
    set par(justify: false, first-line-indent: 0pt, leading: .3em)
    text(font: tk-display, size: {rem(1.42)}, style: "{theme["pull_style"]}", weight: {theme["pull_weight"]},
      fill: rgb("#1d1d1d"), hyphenate: false, text(fill: tk-accent, "\\u{{201C}}") + body + text(fill: tk-accent, "\\u{{201D}}"))
    if by != none {{
      v({rem(.45)}, weak: false)
      text(font: tk-sans, size: {rem(.68)}, weight: 600, tracking: .1em, fill: tk-muted, "\\u{{2014}}\\u{{2009}}" + upper(by))
    }}
  }})))
#let tk-label-heading(title) = {{
  show heading: it => block(below: {rem(.6)}, text(font: tk-sans, size: {rem(.68)}, weight: 700,
    tracking: .14em, fill: tk-muted, upper(it.body)))
  heading(level: 2, title)
}}
#let tk-list-section(title, body, keep: false) = block(above: {rem(2.19)}, width: 100%, breakable: not keep,
  stroke: (top: .6pt + tk-rule),
  inset: (top: {rem(.5)}), {{
    set text(size: {rem(.8)})
    set par(justify: false, first-line-indent: 0pt, leading: .55em)
    set enum(body-indent: .6em)
    show heading: it => block(below: {rem(.91)}, text(font: tk-sans, size: {rem(.68)}, weight: 700,
      tracking: .14em, fill: tk-muted, upper(it.body)))
    heading(level: 2, title)
    body
  }})
#let tk-rule-line() = align(center, block(above: {rem(1)}, below: {rem(1)}, line(length: 18%, stroke: .5pt + tk-rule)))
"""


def header_block(doc: Document, labels: Labels, cols: int) -> str:
    """The opening: kicker, title, dek, byline and date over a rule (across both columns when there are two).

    Typst measures the space between blocks from baseline to cap height, CSS from line box to line box:
    each gap here is print.css's margin plus the half-leading CSS adds around a line."""
    m = doc.meta
    parts = []
    if m.kicker:
        parts.append(f"text(font: tk-sans, size: .7 * tk-rem, weight: 700, tracking: .14em, fill: tk-accent, "
                     f"number-type: \"lining\", upper({lit(m.kicker)}))")
        parts.append("v(1.37 * tk-rem)")
    parts.append(f"heading(level: 1, outlined: false, {lit(m.title or labels.word('untitled'))})")
    if m.subtitle:
        parts.append("v(.9 * tk-rem)")
        parts.append(f"text(size: 1.2 * tk-rem, style: \"italic\", fill: tk-muted, hyphenate: false, "
                     f"par(leading: .67em, justify: false, {lit(m.subtitle)}))")
    line = []
    if m.authors:
        line.append(f"text(weight: 600, fill: rgb(\"#222222\"), {lit(labels.byline(m.authors))})")
    if m.date:
        line.append(lit(labels.date(m.date)))
    if line:
        parts.append("v(1.37 * tk-rem)")
        parts.append(f"text(font: tk-sans, size: .74 * tk-rem, fill: tk-muted, tracking: .02em, "
                     f"number-type: \"lining\", {SEP.join(line)})")
    elif m.subtitle:
        parts.append("v(.84 * tk-rem)")  # the dek's margin and what its line box keeps below the baseline
    else:
        parts.append("v(.68 * tk-rem)")  # the title's
    # what CSS's first line box keeps above the cap height (the half-leading and the face's ascent)
    parts.insert(0, "v(.25 * tk-rem)" if m.kicker else "v(.57 * tk-rem)")
    body = "\n  ".join(parts)
    opening = (f"block(width: 100%, below: 1.53 * tk-rem, inset: (bottom: 1.1 * tk-rem), stroke: (bottom: .6pt + tk-rule), {{\n"
               f"  set par(justify: false, first-line-indent: 0pt, spacing: 0pt)\n  set block(above: 0pt, below: 0pt)\n  {body}\n}})")
    if cols == 2:
        opening = f"place(top, scope: \"parent\", float: true, {opening})"
    return f"#{opening}\n"
