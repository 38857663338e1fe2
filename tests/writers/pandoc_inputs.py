"""Inputs for the pandoc writers' tests: the Markdown article with a figure and citations, a tree with every node kind."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from toolkit.tree.nodes import (
    Abbr,
    Attr,
    BlockQuote,
    Cite,
    Code,
    CodeBlock,
    Document,
    Emph,
    Entity,
    Event,
    Figure,
    Heading,
    LineBreak,
    Link,
    ListBlock,
    Meta,
    Note,
    NoteRef,
    Para,
    Person,
    Quote,
    Rule,
    Source,
    Span,
    Strong,
    Term,
    Text,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pandoc"
ARTICLE = FIXTURES / "article.md"


def make_png(path: Path, size: tuple[int, int] = (120, 80)) -> Path:
    from PIL import Image

    Image.new("RGB", size, (70, 110, 150)).save(path)
    return path


def article_copy(folder: Path) -> Path:
    """The Markdown article and its figure's image, copied into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "article.md"
    shutil.copy(ARTICLE, target)
    make_png(folder / "riverbed.png")
    return target


def rich_document() -> Document:
    """Every node kind and every metadata field, in the shape the Markdown reader gives (no passes)."""
    marks = Attr(kv=(("marks", "\u201c\u201d"),))
    meta = Meta(
        title="A \u201cTitle\u201d with O'Brien's *stars* -- and dots...",
        subtitle="The dek: 100% of it, [bracketed] and #hashed",
        kicker="World", tags=("Water", "Energy policy"), authors=("Ana Lima", "Tom\u00e1s Ortega"),
        date="2021-03-14", language="pt-BR", url="https://example.org/a?b=1&c=2",
        site_name="Example Daily", publisher="Example Press", rights="CC BY 4.0",
        cover="cover.jpg", extra=(("identifier", "urn:isbn:9780000000001"), ("edition", "2")),
    )
    blocks = (
        Para((Text("The river\u2019s flow fell by a third, "),
              Cite((Text("according to the ministry"),), "ministry", Attr("c1")),
              Text(". "), Quote((Text("We used to fish here,"),), "maria", "said",
                                attr=Attr("q1", (), (("marks", "\u201c\u201d"), ("group", "g1")))),
              Text(" said Maria; the "), Term((Text("battery"),), marks),
              Text(" of the grid"), NoteRef("note1"), Text(". The "),
              Abbr("RWS", "Regional Wire Service"), Text(" agreed."))),
        Heading(2, (Text("Down"), Emph((Text("stream"),))), Attr("down-stream")),
        Para((Text("She said she "), Quote((Text("would not leave"),), "maria", "", False),
              Text(" \u2014 2*3 = 6, "), Strong((Text("100 %"),)), Text(" sure "),
              Code("x_1 = `y`"), Text(" "), Link((Text("the filing"),), "https://example.org/f", "Filing"),
              LineBreak(), Text("2. not a list"), LineBreak(), Text("\u2018single\u2019 and \"straight\" 'quotes' \u2026 1. not a list"),
              Span((Text("Maria Sousa"),), Attr("", ("entity",), (("kind", "person"),))))),
        Para((Text("A lead paragraph."),), Attr("", ("lead",), (("speaker", "maria"),))),
        BlockQuote((Para((Text("The water does not ask whose side it is on."),)),),
                   Attr("bq1", (), (("speaker", "maria"),))),
        ListBlock(True, ((Para((Text("Upstream"),)),),
                         (Para((Text("Downstream"),)), ListBlock(False, ((Para((Text("nested"),)),),)))),
                  style="decimal"),  # Markdown's "1." is a decimal list; it cannot say "no style given"
        CodeBlock("def flow():\n    return 2 / 3", Attr("", ("python",), ())),
        Rule(),
        Figure("riverbed.png", "A cracked riverbed", (Text("The dry riverbed in "), Emph((Text("August"),))),
               (Text("Photo: Ana Lima"),), Attr("fig1")),
        Figure("", "", (Text("A figure without its image."),), (Text("AP Photo/Someone"),), Attr("fig2")),
        Note("note1", (Para((Text("Talks resumed in June."),)),)),
    )
    return Document(
        meta=meta, blocks=blocks,
        people=(Person("maria", "Maria Sousa", "farmer", aliases=("Sousa",)),
                Person("ministry-org", "Ministry of Water", kind="organization")),
        sources=(Source("ministry", "Ministry of Water Resources", "MWR", "institution",
                        "https://example.org/report", "Annual Flow Report 2020"),),
        abbreviations=(("RWS", "Regional Wire Service"),),
        events=(Event("2019-05-01", "The dam's gates closed.", "p1"),),
        entities=(Entity("Maria Sousa", "person", 3),),
    )


def ast_kinds(ast: dict) -> Counter:
    """How many nodes of each kind (``"t"``) a pandoc JSON AST's blocks hold, at any depth."""
    from toolkit.readers.pandoc import pandoc_nodes

    return Counter(node["t"] for node in pandoc_nodes(ast["blocks"]))
