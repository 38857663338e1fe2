"""Writes the annotated HTML edition: one self-contained page (inline CSS, images as data URIs)."""

from __future__ import annotations

import json

from toolkit.options import Context, Options
from toolkit.resources import Resources
from toolkit.styles import edition_css
from toolkit.tree.nodes import Document
from toolkit.writers.html_render import Renderer, byline, esc

CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
       "script-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'")


def json_ld(doc: Document) -> str:
    m = doc.meta
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": m.title or ""}
    if m.subtitle:
        data["description"] = m.subtitle
    if m.authors:
        data["author"] = [{"@type": "Person", "name": a} for a in m.authors]
    if m.date:
        data["datePublished"] = m.date
    if m.language:
        data["inLanguage"] = m.language
    if m.tags:
        data["keywords"] = list(m.tags)
    # "</" cannot end the script element early once escaped
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def page(doc: Document, options: Options, ctx: Context, body: str, css: str, extra_head: str = "",
         extra_body: str = "") -> str:
    m = doc.meta
    desc = f'<meta name="description" content="{esc(m.subtitle)}">' if m.subtitle else ""
    author = f'<meta name="author" content="{esc(byline(doc))}">' if m.authors else ""
    return f"""<!DOCTYPE html>
<html lang="{esc(m.language or 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{esc(m.title or 'Untitled')}</title>
{desc}
{author}
<style>
{css}
</style>
<script type="application/ld+json">{json_ld(doc)}</script>
{extra_head}
</head>
<body>
<a class="skip" href="#main">Skip to the article</a>
<main id="main">
{body}
</main>
{extra_body}
</body>
</html>
"""


def render_annotated_html(doc: Document, options: Options, ctx: Context) -> bytes:
    res = Resources(ctx.base_dir, allow_network=options.allow_network)
    r = Renderer(doc, "screen", image_url=res.data_uri, warn=ctx.warn, annotate=options.annotations)
    css = edition_css("screen", options.style, options.css)
    return page(doc, options, ctx, r.article(), css).encode("utf-8")
