"""Property tests over arbitrary document trees: the JSON form round-trips exactly, the JSON reader
accepts what the writer wrote (or says why in a ToolkitError), and the passes and every writer turn any
valid tree into output without any other exception.

``TOOLKIT_FUZZ_EXAMPLES`` sets the number of examples per property (``make fuzz`` raises it)."""

from __future__ import annotations

import dataclasses
import os

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from toolkit.errors import ToolkitError
from toolkit.options import Context, Options
from toolkit.pipeline import apply_passes, render
from toolkit.registry import get_registry
from toolkit.tree import nodes as n
from toolkit.tree.json import dumps, loads
from toolkit.tree.validate import validate

EXAMPLES = int(os.environ.get("TOOLKIT_FUZZ_EXAMPLES", "12"))
FUZZING = "TOOLKIT_FUZZ_EXAMPLES" in os.environ
FAST_WRITERS = ("html", "epub", "json", "summary")  # in-process and quick: every example in `make test`
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None if not FUZZING else settings().database,
                derandomize=not FUZZING,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

# ------------------------------------------------------------------ strategies
def node(cls, *args, **kwargs):
    """Like ``st.builds`` but printed as the node's own repr (Hypothesis's call-style printing of
    nested ``builds`` takes exponential time on these trees)."""
    return st.tuples(st.tuples(*args), st.fixed_dictionaries(kwargs)).map(lambda a: cls(*a[0], **a[1]))


hostile_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["<script>alert(1)</script>", "javascript:alert(1)", '"><img src=x onerror=alert(1)>',
                     "\u202e\u200b\ufeff", "\x00\x07\x1b", "&amp;&lt;", "]]>", "--><!--", "\ud7ff\ue000",
                     "{{7*7}}", "${x}", "%s%n", "\\u0000", "../../etc/passwd", "\r\n\r", "\u2028\u2029"]),
)
tokens = st.text(alphabet=st.characters(categories=["L", "N"], include_characters="-_:."), max_size=12)
urls = st.one_of(st.sampled_from(["https://example.org/a", "http://127.0.0.1:9/x", "javascript:alert(1)",
                                  "data:text/html,<b>", "mailto:a@b.c", "#p1", "rel/page.html", "//host/x",
                                  " JaVa\tScRiPt:x", "vbscript:x", "file:///etc/passwd", "img.png", ""]), hostile_text)
attrs = node(n.Attr, id=st.one_of(tokens, hostile_text), classes=st.lists(st.one_of(tokens, hostile_text),
                                                                               max_size=3).map(tuple),
                  kv=st.lists(st.tuples(st.one_of(tokens, st.sampled_from(["onclick", "style", "marks", "group"])),
                                        hostile_text), max_size=3).map(tuple))
leaf_inlines = st.one_of(
    node(n.Text, hostile_text), node(n.Code, hostile_text), st.just(n.LineBreak()),
    node(n.Abbr, hostile_text, hostile_text), node(n.NoteRef, st.one_of(tokens, st.just("note1"))),
)


def _containers(children):
    kids = st.lists(children, max_size=4).map(tuple)
    return st.one_of(
        node(n.Emph, kids), node(n.Strong, kids), node(n.Link, kids, urls, hostile_text),
        node(n.Quote, kids, st.one_of(tokens, st.just("person-a")), hostile_text, st.booleans(), attrs),
        node(n.Term, kids, attrs), node(n.Cite, kids, st.one_of(tokens, st.just("source-a")), attrs),
        node(n.Span, kids, attrs),
    )


inlines = st.recursive(leaf_inlines, _containers, max_leaves=12)
inline_seq = st.lists(inlines, max_size=5).map(tuple)
leaf_blocks = st.one_of(
    node(n.Para, inline_seq, attrs), node(n.Heading, st.integers(1, 9), inline_seq, attrs),
    node(n.CodeBlock, hostile_text, attrs), st.just(n.Rule()),
    node(n.Figure, urls, hostile_text, inline_seq, inline_seq, attrs),
)


def _block_containers(children):
    kids = st.lists(children, max_size=3).map(tuple)
    return st.one_of(node(n.BlockQuote, kids, attrs),
                     node(n.ListBlock, st.booleans(), st.lists(kids, max_size=3).map(tuple), attrs))


blocks = st.recursive(leaf_blocks, _block_containers, max_leaves=10)
metas = node(
    n.Meta, title=st.one_of(st.none(), hostile_text), subtitle=st.one_of(st.none(), hostile_text),
    kicker=st.one_of(st.none(), hostile_text), tags=st.lists(hostile_text, max_size=3).map(tuple),
    authors=st.lists(hostile_text, max_size=3).map(tuple),
    date=st.one_of(st.none(), st.sampled_from(["2020-02-29", "2021-13-40", "yesterday", ""]), hostile_text),
    language=st.one_of(st.none(), st.sampled_from(["en", "fr-CA", "zh-Hant-TW", 'en" onload="x', "C", ""])),
    url=st.one_of(st.none(), urls), cover=st.one_of(st.none(), urls),
    extra=st.lists(st.tuples(tokens, hostile_text), max_size=2).map(tuple))
documents = node(
    n.Document, meta=metas,
    blocks=st.tuples(st.lists(blocks, min_size=1, max_size=6).map(tuple),
                     st.lists(node(n.Note, st.just("note1"), st.lists(leaf_blocks, max_size=2).map(tuple)),
                              max_size=1).map(tuple)).map(lambda t: t[0] + t[1]),
    people=st.lists(node(n.Person, st.one_of(st.just("person-a"), tokens, hostile_text), hostile_text,
                              hostile_text, st.sampled_from(["person", "organization"])), max_size=2).map(tuple),
    sources=st.lists(node(n.Source, st.one_of(st.just("source-a"), tokens), hostile_text, hostile_text,
                               st.just("outlet"), urls, hostile_text), max_size=2).map(tuple),
    abbreviations=st.lists(st.tuples(hostile_text, hostile_text), max_size=2).map(tuple),
    events=st.lists(node(n.Event, hostile_text, hostile_text, tokens), max_size=2).map(tuple),
    entities=st.lists(node(n.Entity, hostile_text, tokens, st.integers(0, 9)), max_size=2).map(tuple),
    warnings=st.lists(hostile_text, max_size=2).map(tuple),
)


def writers(fast_only: bool) -> list[str]:
    names = sorted(get_registry().writers)
    return [w for w in names if w in FAST_WRITERS] if fast_only and not FUZZING else names


def render_all(doc: n.Document, ctx: Context, fast_only: bool = True) -> dict[str, bytes]:
    """Every writer's output for ``doc``; a writer may refuse only with a ToolkitError naming why."""
    out = {}
    for fmt in writers(fast_only):
        data = render(doc, fmt, ctx.options, ctx)
        assert isinstance(data, bytes), fmt
        assert data or fmt == "markdown", fmt  # the Markdown of an empty article is empty
        out[fmt] = data
    return out


# ------------------------------------------------------------------ properties
@FUZZ
@given(documents)
def test_json_form_round_trips(doc):
    assert loads(dumps(doc)) == doc
    assert loads(dumps(doc, indent=None)) == doc
    assert validate(doc) is doc


# What fuzzing found (kept as explicit examples so `make test` checks them every time).
FOUND = [
    n.Document(meta=n.Meta(authors=("\r",)), blocks=(n.Para(()),)),  # EPUB cover: IndexError on a blank byline
    n.Document(meta=n.Meta(date="\r"), blocks=(n.Para(()),)),  # EPUB cover: IndexError on a blank date
    n.Document(blocks=(n.Para((n.NoteRef("note1"),)),  # a note citing itself: endless recursion in every writer
                       n.Note("note1", (n.Para((n.NoteRef("note1"),)),)))),
    n.Document(sources=(n.Source("s", "n", reference="\x18x"),), blocks=(n.Para((n.Text("a\x00b"),)),)),  # kepub: XML
    n.Document(blocks=(n.Para((n.Span((n.Text("x"),), n.Attr(classes=("A",), kv=(("marks", ""), ("marks", "")))),)),)),
    # a key twice: data-marks twice, and the EPUB's XHTML is not well-formed
]


def _with_found(test):
    for doc in FOUND:
        test = example(doc)(test)
    return test


@FUZZ
@_with_found
@given(documents)
def test_passes_and_writers_accept_any_valid_tree(doc):
    ctx = Context(options=Options(source_date_epoch=0))
    try:
        enriched = apply_passes(doc, ctx)
    except ToolkitError:
        return
    assert loads(dumps(enriched)) == enriched
    render_all(enriched, ctx)


@FUZZ
@given(documents)
def test_json_reader_reads_what_the_json_writer_wrote(tmp_path_factory, doc):
    import toolkit

    path = tmp_path_factory.mktemp("tree") / "tree.json"
    path.write_text(dumps(doc), encoding="utf-8")
    try:
        again = toolkit.read(path, passes=False)
    except ToolkitError:
        return  # e.g. over the article size limit: refused with a message, never a crash
    assert dataclasses.replace(again, warnings=()) == dataclasses.replace(doc, warnings=())


@settings(max_examples=3 if not FUZZING else EXAMPLES, deadline=None, derandomize=not FUZZING, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
          phases=tuple(Phase) if FUZZING else (Phase.explicit, Phase.generate))  # ~2 s an example: no shrink in CI
@given(documents)
def test_every_writer_including_pdf_and_pandoc(doc):
    ctx = Context(options=Options(source_date_epoch=0))
    try:
        enriched = apply_passes(doc, ctx)
    except ToolkitError:
        return
    render_all(enriched, ctx, fast_only=False)
