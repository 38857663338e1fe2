"""Writes the annotated HTML edition: one self-contained page with the article and its annotation panels.

Everything is inline (CSS, the script, fonts and images as data URIs) and a strict
Content-Security-Policy in a ``<meta>`` allows exactly that style sheet and that script, by hash.
With ``Options.annotations`` off it is the same page without the layers, panels and script.
"""

from __future__ import annotations

import base64
import hashlib
from importlib import resources as pkg_resources

from toolkit.guard.files import Resources
from toolkit.language.labels import Labels
from toolkit.options import Context, Options
from toolkit.tree.nodes import Document
from toolkit.tree.walk import plain_text
from toolkit.writers.annotated.fonts import font_face_css
from toolkit.writers.annotated.index import ArticleText, measure, reading_minutes, word_count
from toolkit.writers.annotated.jsonld import news_article, script_json
from toolkit.writers.annotated.marks import mark_mentions
from toolkit.writers.annotated.panels import glossary_panel, quote_groups, sources_panel, voices_panel
from toolkit.writers.annotated.render import AnnotatedRenderer, number_annotations
from toolkit.writers.annotated.timeline import entities_panel, timeline_panel
from toolkit.writers.html.render import byline, edition_speakers, esc, labels_of, warn_once
from toolkit.writers.html.themes import edition_css

# (layer or panel, the key of its name in toolkit/language/labels.py)
LAYERS = (("quotes", "quotes"), ("sources", "sources"), ("terms", "terms"), ("dates", "dates"),
          ("entities", "names"))
DEFAULT_LAYERS = ("quotes", "sources", "terms")
PANELS = (("voices", "voices"), ("sources", "sources"), ("glossary", "glossary"), ("timeline", "timeline"),
          ("entities", "index"))


def sha256_source(text: str) -> str:
    """A CSP hash source for an inline element's exact text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(style: str, script: str | None) -> str:
    script_src = sha256_source(script) if script else "'none'"
    return (f"default-src 'none'; img-src data:; font-src data:; style-src {sha256_source(style)}; "
            f"script-src {script_src}; base-uri 'none'; form-action 'none'; object-src 'none'")


def script_text() -> str:
    return pkg_resources.files("toolkit.writers").joinpath("assets/annotated.js").read_text(encoding="utf-8")


def render_body(doc: Document, options: Options, ctx: Context) -> tuple[AnnotatedRenderer, str]:
    """The renderer (with what it learnt) and the HTML of the article body."""
    if options.annotations:
        doc = number_annotations(mark_mentions(edition_speakers(doc)))
    res = Resources(ctx.base_dir, allow_network=options.allow_network)
    r = AnnotatedRenderer(doc, "screen", image_url=res.data_uri, warn=ctx.warn, annotate=options.annotations,
                          missing_images=options.missing_images)
    return r, r.body()


def measure_article(doc: Document, options: Options, ctx: Context) -> ArticleText:
    """The article's text and every annotation's place in it, as the HTML edition renders them."""
    _, body = render_body(doc, options, ctx)
    return measure(body)


# ------------------------------------------------------------------ page parts
def stat(n: int, key: str, labels: Labels, href: str = "") -> str:
    """One header figure: ``<strong>17</strong> quotes``, linked to its panel when ``href``."""
    inner = f"<strong>{labels.number(n)}</strong> {esc(labels.noun(n, key))}"
    return f'<li><a href="{href}">{inner}</a></li>' if href else f"<li>{inner}</li>"


def header(doc: Document, at: ArticleText, annotate: bool) -> str:
    m, labels = doc.meta, labels_of(doc)
    out = ['<header class="article-header">']
    if m.kicker or m.tags:
        tags = [t for t in m.tags if t != m.kicker]
        line = f'<span class="kicker-main">{esc(m.kicker)}</span>' if m.kicker else ""
        if tags:
            line += f'<span class="tags">{" · ".join(esc(t) for t in tags)}</span>'
        out.append(f'<p class="kicker">{line}</p>')
    out.append(f"<h1>{esc(m.title or labels.word('untitled'))}</h1>")
    if m.subtitle:
        out.append(f'<p class="dek">{esc(m.subtitle)}</p>')
    line = []
    if m.authors:
        line.append(f'<span class="byline">{esc(labels.byline(m.authors))}</span>')
    if m.date:
        line.append(f'<time datetime="{esc(m.date)}">{esc(labels.date(m.date))}</time>')
    if m.site_name or m.publisher:
        line.append(f'<span class="site">{esc(m.site_name or m.publisher or "")}</span>')
    if line:
        out.append(f'<p class="meta-line">{" · ".join(line)}</p>')
    words = word_count(at.text)
    stats = [stat(reading_minutes(words), "min-read", labels), stat(words, "word", labels)]
    if annotate:
        groups = quote_groups(at)
        speakers = {g[0].data.get("data-speaker") for g in groups if doc.person(g[0].data.get("data-speaker", ""))}
        stats += [stat(len(groups), "quote", labels, href="#voices"),
                  stat(len(doc.sources), "source", labels, href="#sources"),
                  stat(len(speakers), "speaker", labels, href="#voices")]
    glance = f'<ul class="stats" aria-label="{esc(labels.word("about-article"))}">{"".join(stats)}</ul>'
    if annotate:
        links = "".join(f'<li><a href="#{key}">{esc(labels.word(name))}</a></li>' for key, name in PANELS)
        glance += (f'<nav class="panel-nav" aria-label="{esc(labels.word("annotation-panels"))}">'
                   f'<p class="glance-label">{esc(labels.word("annotations"))}</p><ul>{links}</ul></nav>')
    out.append(f'<div class="glance">{glance}</div>')
    out.append("</header>")
    return "\n".join(out)


def topbar(doc: Document) -> str:
    """The layer switches: shown only when the script runs (they need it)."""
    labels = labels_of(doc)
    buttons = "".join(
        f'<button type="button" class="layer-toggle lt-{key}" data-layer="{key}" '
        f'aria-pressed="{"true" if key in DEFAULT_LAYERS else "false"}">'
        f'<span class="swatch" aria-hidden="true"></span>{esc(labels.word(name))}</button>' for key, name in LAYERS)
    title = esc(doc.meta.title or labels.word("untitled"))
    brand = esc(doc.meta.kicker or labels.word("annotated-edition"))
    return (f'<header class="topbar" hidden data-needs-js>\n<div class="topbar-inner">\n'
            f'<p class="brand"><a href="#top" title="{title}">{brand}</a></p>\n'
            f'<div class="layers" role="group" aria-labelledby="layers-label">'
            f'<span id="layers-label" class="tb-label">{esc(labels.word("highlight"))}</span>{buttons}</div>\n'
            f'</div>\n</header>')


def panels(doc: Document, at: ArticleText) -> str:
    return "\n".join((
        '<div class="panels">',
        f'<p class="panels-kicker">{esc(labels_of(doc).word("panels-kicker"))}</p>',
        voices_panel(doc, at), sources_panel(doc, at), glossary_panel(doc, at),
        timeline_panel(doc, at), entities_panel(doc, at), "</div>"))


def colophon(annotate: bool, labels: Labels) -> str:
    from toolkit.version import __version__

    said = [labels.word("colophon-paragraphs")]
    if annotate:
        said.append(labels.word("colophon-highlights"))
    said.append(labels.word("made-with", version=__version__))
    return f'<footer class="colophon"><p>{esc(" ".join(said))}</p></footer>'


def css_text(doc: Document, options: Options, body_text: str) -> str:
    m = doc.meta
    text = " ".join(filter(None, (m.title, m.subtitle, m.kicker, *m.tags, *m.authors, body_text,
                                  *(p.name + p.role for p in doc.people), *(s.name for s in doc.sources))))
    css = font_face_css(text) + "\n" + edition_css("screen", options.style, options.css)
    return css.replace("</", "<\\/")  # no style sheet can close its element


# ------------------------------------------------------------------ the page
def render_annotated_html(doc: Document, options: Options, ctx: Context) -> bytes:
    annotate = options.annotations
    labels = labels_of(doc, warn_once(ctx))
    r, body = render_body(doc, options, ctx)
    at = measure(body)
    m = doc.meta
    lang = esc(m.language or "en")
    article = "\n".join(s for s in (
        '<article id="top">', header(r.doc, at, annotate), '<div class="article-body">', body, "</div>",
        r.notes_section(), "" if annotate else r.sources_section(), "</article>") if s)
    captions = " ".join(plain_text(b.caption) + plain_text(getattr(b, "credit", ())) for b in doc.blocks
                        if hasattr(b, "caption"))
    css = css_text(r.doc, options, at.text + " " + captions)
    script = script_text() if annotate else None
    ld = script_json(news_article(r.doc, at if annotate else None))
    desc = f'<meta name="description" content="{esc(m.subtitle)}">\n' if m.subtitle else ""
    author = f'<meta name="author" content="{esc(byline(doc))}">\n' if m.authors else ""
    layers = ""
    if annotate:
        layers = (f' class="{" ".join("l-" + key for key in DEFAULT_LAYERS)}"'
                  f' data-layers="{" ".join(DEFAULT_LAYERS)}"')
    html = f"""<!DOCTYPE html>
<html lang="{lang}"{layers}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{content_security_policy(css, script)}">
<meta name="color-scheme" content="light dark">
<title>{esc(m.title or labels.word('untitled'))}</title>
{desc}{author}<meta name="generator" content="toolkit">
<style>{css}</style>
<script type="application/ld+json">{ld}</script>
</head>
<body>
<a class="skip" href="#main">{esc(labels.word("skip"))}</a>
{topbar(doc) if annotate else ""}
<main id="main">
{article}
{panels(r.doc, at) if annotate else ""}
</main>
{colophon(annotate, labels)}
{f"<script>{script}</script>" if script else ""}
</body>
</html>
"""
    return html.encode("utf-8")
