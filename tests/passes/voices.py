"""Builds small documents from paragraphs and runs the recognition passes over them."""

from __future__ import annotations

from toolkit.options import Context
from toolkit.passes.abbreviations import mark_abbreviations
from toolkit.passes.dates import collect_events
from toolkit.passes.entities import collect_entities
from toolkit.passes.sources import collect_sources
from toolkit.passes.speech.quotes import mark_quotes
from toolkit.passes.speech.speakers import resolve_speakers
from toolkit.tree.nodes import BlockQuote, Document, Meta, Para, Text
from toolkit.writers.summary import quotes_of, summarize

PASSES = (mark_quotes, resolve_speakers, mark_abbreviations, collect_sources, collect_events, collect_entities)


def doc_of(*paragraphs: str, date: str | None = None, blockquote: tuple[int, ...] = ()) -> Document:
    blocks = []
    for i, p in enumerate(paragraphs):
        para = Para((Text(p),))
        blocks.append(BlockQuote((para,)) if i in blockquote else para)
    return Document(meta=Meta(date=date), blocks=tuple(blocks))


def run(doc: Document) -> Document:
    ctx = Context()
    for fn in PASSES:
        doc = fn(doc, ctx)
    return doc


def quotes(*paragraphs: str, **kw) -> list[dict]:
    return quotes_of(run(doc_of(*paragraphs, **kw)))


def summary(*paragraphs: str, **kw) -> dict:
    return summarize(run(doc_of(*paragraphs, **kw)))
