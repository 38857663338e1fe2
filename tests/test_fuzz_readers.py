"""Property tests over every reader: arbitrary bytes, text, Markdown-like and HTML-like strings either
read into a Document or stop with the toolkit's own ToolkitError; what they read round-trips through
the JSON form, and the writers make output from it.

``TOOLKIT_FUZZ_EXAMPLES`` sets the number of examples per property (``make fuzz`` raises it)."""

from __future__ import annotations

import json
import uuid

from hypothesis import example, given
from hypothesis import strategies as st

import toolkit
from tests.test_fuzz_trees import FUZZ, hostile_text, render_all, urls
from toolkit.errors import ToolkitError
from toolkit.options import Context, Options
from toolkit.tree.json import dumps, loads

WORDS = ("the river city council said report water farmers flood bridge year people plan market "
         "\u201cquoted\u201d minister told reporters on Monday that it would be \u2014 and was not").split()
sentences = st.lists(st.sampled_from(WORDS), min_size=3, max_size=40).map(lambda w: " ".join(w).capitalize() + ".")
furniture = st.sampled_from(["Share", "Menu", "Advertisement", "By Ann Writer", "June 1, 2018", "Home | World",
                             "Photo: Jane Doe", "Read more", "\u00a9 2020 Site", "Subscribe", "Tags: River"])
scraped_text = st.lists(st.one_of(sentences, furniture, hostile_text,
                                  st.lists(sentences, min_size=2, max_size=6).map(" ".join)),
                        min_size=1, max_size=25).map(lambda blocks: "\n\n".join(blocks))

MD_BITS = ["# ", "## ", "> ", "- ", "1. ", "* ", "```\n", "~~~", "---\n", "***", "| a | b |\n|---|---|\n",
           "[link](", "![img](", ")", "](", "<div>", "</div>", "<script>alert(1)</script>", "[@key]", "[^1]",
           "[^1]: note\n", "{#id .cls onclick=x}", "`code`", "**", "_", "\\", "&amp;", "<!--", "-->", "$x$",
           "---\ntitle: T\nlang: en\n---\n", "::: note\n", ":::\n", "  ", "\t", "\n", "\n\n"]
markdown_like = st.lists(st.one_of(st.sampled_from(MD_BITS), sentences, urls, hostile_text),
                         min_size=1, max_size=40).map("".join)

TAGS = ["p", "div", "span", "b", "i", "em", "strong", "a", "img", "h1", "h2", "h3", "blockquote", "ul", "ol",
        "li", "table", "tr", "td", "figure", "figcaption", "script", "style", "iframe", "form", "input", "br", "hr",
        "pre", "code", "q", "cite", "abbr", "time", "article", "main", "nav", "header", "footer", "aside",
        "section", "svg", "math", "noscript", "template", "sup", "sub", "picture", "source", "dl", "dt", "dd",
        "meta", "link", "title", "base", "object", "embed", "video", "select", "textarea", "frameset"]
ATTRS = ["href", "src", "alt", "title", "class", "id", "style", "onclick", "onerror", "lang", "datetime", "srcset",
         "data-x", "hidden", "aria-hidden", "role", "itemprop", "content", "rel", "name", "property", "charset"]
attr_strings = st.lists(st.tuples(st.sampled_from(ATTRS), st.one_of(urls, hostile_text, sentences)),
                        max_size=3).map(lambda kv: "".join(f' {k}="{v}"' if i % 2 else f" {k}={v}"
                                                           for i, (k, v) in enumerate(kv)))


def _element(children):
    return st.builds(lambda tag, attrs, kids, close: f"<{tag}{attrs}>{''.join(kids)}" + (f"</{tag}>" if close else ""),
                     st.sampled_from(TAGS), attr_strings, st.lists(children, max_size=4), st.booleans())


html_fragment = st.recursive(st.one_of(sentences, hostile_text, st.sampled_from(["&nbsp;", "&#0;", "&#xD800;",
                                                                                 "&bogus;", "<", "</p>", "<!"])),
                             _element, max_leaves=25)
html_like = st.one_of(
    html_fragment,
    st.builds(lambda title, head, body: f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head>"
                                        f"<body><article>{body}</article></body></html>",
              st.one_of(sentences, hostile_text), html_fragment, st.lists(html_fragment, max_size=6).map("".join)),
)
json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                                     hostile_text, st.sampled_from(["Document", "Para", "Text", "Meta", "1.0"])),
                           lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                  st.dictionaries(st.sampled_from(["t", "blocks", "children", "text",
                                                                                   "meta", "title", "level",
                                                                                   "toolkit-tree-version"]),
                                                                  kids, max_size=5)),
                           max_leaves=20)


def read_and_check(tmp_path_factory, name: str, data: bytes) -> None:
    """The property: a Document or a ToolkitError; the Document round-trips and is written."""
    path = tmp_path_factory.mktemp("fuzz") / f"{uuid.uuid4().hex[:8]}-{name}"
    path.write_bytes(data)
    ctx = Context(input_path=path, options=Options(source_date_epoch=0))
    try:
        doc = toolkit.read(path, ctx=ctx)
    except ToolkitError as exc:
        message = str(exc)
    else:
        message = None
    if message is not None:
        assert message.removeprefix(f"{path}: ").strip(), "an error must say what went wrong"
        assert "\n" not in message, message
        return
    assert loads(dumps(doc)) == doc
    render_all(doc, ctx)


@FUZZ
@given(st.sampled_from(["a.txt", "a.md", "a.html", "a.json", "a.docx", "a.epub", "a.odt", "a.rst", "a.tex"]),
       st.binary(max_size=2000))
def test_any_reader_any_bytes(tmp_path_factory, name, data):
    read_and_check(tmp_path_factory, name, data)


@FUZZ
@given(scraped_text, st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
def test_text_reader(tmp_path_factory, text, encoding):
    read_and_check(tmp_path_factory, "story.txt", text.encode(encoding, "replace"))


@FUZZ
@given(markdown_like)
def test_markdown_reader(tmp_path_factory, text):
    read_and_check(tmp_path_factory, "notes.md", text.encode("utf-8", "surrogatepass"))


@FUZZ
@example("<!DOCTYPE html><html><head><title>T</title></head><body><article><meta>\x1f</article></body></html>",
         "page.html")  # found by fuzzing: lxml refused the control character when a tag was dropped
@given(html_like, st.sampled_from(["page.html", "page.xhtml"]))
def test_html_reader(tmp_path_factory, page, name):
    read_and_check(tmp_path_factory, name, page.encode("utf-8", "surrogatepass"))


@FUZZ
@given(json_values)
def test_json_reader(tmp_path_factory, value):
    if isinstance(value, dict) and value.get("t") == "Document":
        value = {**value, "toolkit-tree-version": "1.0"}
    read_and_check(tmp_path_factory, "tree.json", json.dumps(value).encode())


@FUZZ
@given(st.lists(st.one_of(sentences, st.sampled_from(["Title\n=====\n", ".. note::\n", "   indented\n", "`x`_",
                                                      ".. raw:: html\n\n   <script>x</script>\n", "\\section{A}",
                                                      "\\emph{x}", "{", "}", "$", "\\input{/etc/passwd}"])),
                min_size=1, max_size=15).map("\n\n".join), st.sampled_from(["a.rst", "a.tex"]))
def test_pandoc_text_readers(tmp_path_factory, text, name):
    read_and_check(tmp_path_factory, name, text.encode())
