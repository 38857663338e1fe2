"""Turns a Document (and the reader's explanation) into the human-readable ``inspect`` view."""

from __future__ import annotations

import click

from toolkit.options import Context
from toolkit.tree.nodes import Document, Figure, Heading, Para, Quote
from toolkit.tree.walk import iter_nodes, plain_text
from toolkit.writers.summary import quotes_of


def show_outline(doc: Document, ctx: Context) -> None:
    m = doc.meta
    for label, value in (("format", ctx.format), ("title", m.title), ("subtitle", m.subtitle),
                         ("kicker", m.kicker), ("tags", ", ".join(m.tags)), ("authors", ", ".join(m.authors)),
                         ("date", m.date), ("language", m.language)):
        if value:
            click.echo(f"{label:>9}: {value}")
    click.echo("")
    for b in doc.blocks:
        if isinstance(b, Heading):
            click.echo(f"{'#' * b.level} {plain_text(b.children)}")
        elif isinstance(b, Para):
            text = plain_text(b.children)
            click.echo(f"  ¶{b.attr.id[1:] if b.attr.id else '?':>3}  {text[:90]}{'…' if len(text) > 90 else ''}")
        elif isinstance(b, Figure):
            click.echo(f"  [figure] {plain_text(b.caption)[:70]} — {plain_text(b.credit)}")
    quotes = quotes_of(doc)
    if quotes:
        click.echo("\nWho said what:")
        for q in quotes:
            mark = "" if q["direct"] else " (indirect)"
            click.echo(f"  {(q['speaker'] or '?')[:28]:28} {q['cue'] or '':14} {q['text'][:60]}{mark}")
    if doc.sources:
        click.echo("\nSources: " + "; ".join(s.name + (f" ({s.abbrev})" if s.abbrev else "") for s in doc.sources))
    for w in doc.warnings:
        click.echo(f"warning: {w}", err=True)


def show_explain(ctx: Context) -> None:
    if not ctx.explain:
        click.echo(f"(the {ctx.format} reader keeps no per-line explanation)")
        return
    for line, label, reason, text in ctx.explain:
        click.echo(f"{line:5}  {label:10} {text[:60]!s:60}  <- {reason}")


def show_attributions(doc: Document) -> None:
    """Each quotation's speaker with the rule that named it and its confidence, and whether the editions
    show it (a held-back speaker is kept in the tree, not printed on the page)."""
    from toolkit.passes.speech.confidence import speaker_shown

    quotes = [n for n in iter_nodes(doc) if isinstance(n, Quote) and n.direct]
    if not quotes:
        return
    click.echo("\nAttributions (speaker, rule, confidence; 'held' = not shown in the editions):")
    for q in quotes:
        held = q.attr.get("held-speaker")
        pid = q.speaker or held or ""
        person = doc.person(pid) if pid else None
        name = person.name if person else (q.attr.get("said-by") or "?")
        shown = "held" if held or (q.speaker and not speaker_shown(q.attr)) else "shown" if q.speaker else "none"
        text = plain_text(q.children)
        click.echo(f"  {name[:26]:26} {q.attr.get('rule') or '-':28} {q.attr.get('confidence') or '-':>5} "
                   f"{shown:5}  {text[:48]}{'…' if len(text) > 48 else ''}")
