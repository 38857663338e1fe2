"""Pull quotes: chosen from the tree's direct quotes, set between paragraphs, read by nobody twice."""

from __future__ import annotations

import dataclasses
import itertools

import pypdf
import pytest

import toolkit
from tests.writers.test_pdf import LATER, QUOTE_ADA, QUOTE_TOM, build, sample_doc
from toolkit.tree.nodes import Attr, Document, Meta, Para, Person, Quote, Text
from toolkit.tree.walk import plain_text
from toolkit.writers.pdf import pullquotes as pq


def split_text(path) -> tuple[str, str]:
    """(text inside the tag tree, text drawn as /Artifact) of a PDF, from its content streams."""
    pages = page_texts(path)
    return " ".join(t for t, _ in pages), " ".join(a for _, a in pages)


def page_texts(path) -> list[tuple[str, str]]:
    """(tagged text, artifact text) of each page of a PDF, whitespace collapsed."""
    out = []
    for page in pypdf.PdfReader(path).pages:
        tagged: list[str] = []
        artifact: list[str] = []
        stack: list[str] = []

        def before(op, args, cm, tm, stack=stack):
            if op in (b"BDC", b"BMC"):
                stack.append(str(args[0]))
            elif op == b"EMC" and stack:
                stack.pop()

        def text(t, cm, tm, font, size, stack=stack, tagged=tagged, artifact=artifact):
            (artifact if "/Artifact" in stack else tagged).append(t)

        page.extract_text(visitor_operand_before=before, visitor_text=text)
        out.append((" ".join("".join(tagged).split()), " ".join("".join(artifact).split())))
    return out


def article(*paras: Para, people=()) -> Document:
    return Document(Meta(title="T", language="en"),
                    tuple(dataclasses.replace(p, attr=Attr(f"p{i}")) for i, p in enumerate(paras, 1)),
                    tuple(people))


FILL = Para((Text(" ".join(LATER)),))  # about 180 words


def said(text: str, speaker: str = "p-a", group: str = "") -> Quote:
    kv = (("marks", "“”"),) + ((("group", group),) if group else ())
    return Quote((Text(text),), speaker, "said", True, Attr("", (), kv))


def test_short_articles_get_none():
    doc = article(FILL, Para((said(QUOTE_TOM),)), FILL, people=[Person("p-a", "A. Person")])
    assert pq.wanted(doc) == 0
    assert pq.choose(doc) == []


def test_long_article_gets_its_best_direct_quote():
    people = [Person("p-a", "Ada Fenwick"), Person("p-b", "Tom Okafor")]
    doc = article(FILL, FILL, FILL, Para((Text("She said "), said(QUOTE_TOM, "p-b"), Text("."))), FILL, FILL,
                  Para((said("only a fragment of something", "p-a"),)), FILL, FILL, people=people)
    chosen = pq.choose(doc)
    assert 1 <= len(chosen) <= pq.wanted(doc)  # only one quote here stands alone
    first = chosen[0]
    assert first.text == QUOTE_TOM
    assert first.speaker == "Tom Okafor"
    assert first.slot >= pq.FIRST_SLOT
    assert isinstance(doc.blocks[first.slot - 1], Para)
    assert isinstance(doc.blocks[first.slot], Para)
    assert all("fragment" not in q.text for q in chosen)


def test_indirect_quotes_are_not_pulled():
    indirect = Quote((Text(QUOTE_TOM),), "p-a", "", False)
    doc = article(FILL, FILL, FILL, Para((indirect,)), FILL, FILL, FILL, people=[Person("p-a", "A")])
    assert pq.choose(doc) == []


def test_long_quotes_are_cut_at_a_sentence():
    long = QUOTE_ADA + " " + " ".join(LATER[:2])
    assert len(long) > pq.MAX_CHARS
    got = pq.excerpts(long)
    assert got
    assert all(pq.MIN_CHARS <= len(e) <= pq.MAX_CHARS for e in got)
    assert all(e.endswith((".", "!", "?")) for e in got)


def test_parts_of_one_quote_are_never_joined():
    """A pull quote is the words of one quotation as written: parts split by "she said" are not
    glued into a sentence nobody wrote (issue 24)."""
    doc = article(FILL, FILL, FILL,
                  Para((said("Perhaps, if we had some political life, we would have a force,", group="g1"),
                        Text(" she said. "), said("As it is, the government is on its own.", group="g1"))),
                  FILL, FILL, FILL, people=[Person("p-a", "Ada Fenwick")])
    assert pq.choose(doc, limit=1) == []


def test_a_quote_is_pulled_verbatim():
    text = "Perhaps, if we had some political life, we would have a force of our own,"
    doc = article(FILL, FILL, FILL, Para((said(text), Text(" she said."))), FILL, FILL, FILL,
                  people=[Person("p-a", "Ada Fenwick")])
    chosen = pq.choose(doc, limit=1)
    assert [q.text for q in chosen] == [text[:-1]]  # the comma that hands over to "she said" only
    assert all(q.text in text for q in chosen)


def test_no_pull_quote_from_an_uncertain_speaker():
    weak = Attr("", (), (("marks", "“”"), ("rule", "sentence-subject+single-name"), ("confidence", "0.50")))
    quote = Quote((Text("This sentence is long enough to stand alone on a magazine page."),), "p-a", "said", True, weak)
    doc = article(FILL, FILL, FILL, Para((quote,)), FILL, FILL, FILL, people=[Person("p-a", "Ada Fenwick")])
    assert pq.choose(doc, limit=1) == []
    sure = dataclasses.replace(quote, attr=weak.with_kv("confidence", "0.93"))
    doc = article(FILL, FILL, FILL, Para((sure,)), FILL, FILL, FILL, people=[Person("p-a", "Ada Fenwick")])
    assert [q.speaker for q in pq.choose(doc, limit=1)] == ["Ada Fenwick"]


def test_pull_quotes_keep_their_distance():
    people = [Person("p-a", "Ada Fenwick")]
    quotes = [Para((said(f"Quote number {n} is long enough to stand alone on a magazine page."),)) for n in range(6)]
    blocks = [FILL, FILL, FILL]
    for q in quotes:
        blocks += [q, FILL]
    chosen = pq.choose(article(*blocks, people=people), limit=6)
    slots = [q.slot for q in chosen]
    assert len(slots) >= 2
    assert all(b - a >= pq.MIN_GAP for a, b in itertools.pairwise(slots))


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pq")
    return build(tmp, sample_doc(repeat=3), pdf_variant="pdf/ua-1")


def test_pull_quote_is_an_artifact_and_the_quote_is_read_once(sample):
    tagged, artifact = split_text(sample)
    chosen = [q for q in (QUOTE_ADA, QUOTE_TOM) if q[:40] in artifact]
    assert chosen, f"no pull quote drawn: {artifact[:200]}"
    for quote in chosen:
        assert tagged.count(quote[:40]) == 1  # only where it was said
    assert "Page 2 of" in artifact  # folios and running heads are furniture too
    assert "Page 2 of" not in tagged


def test_no_pull_quotes_without_annotations(tmp_path):
    path = build(tmp_path, sample_doc(repeat=3), annotations=False)
    _, artifact = split_text(path)
    assert QUOTE_TOM[:40] not in artifact
    assert QUOTE_ADA[:40] not in artifact


# ---------------------------------------------------------------- a pull quote away from its own sentence
SHORT = [
    "The ferry left at seven, as it has every weekday for forty years, with a dozen cars and a van of bread.",
    "Nobody on the quay could remember a winter without it, and nobody wanted to imagine one.",
    "The timetable on the harbour wall still lists the summer crossings, though half of them were cut in May.",
    "A deckhand said the engine had been rebuilt twice and would not survive a third attempt.",
    "In the café by the ramp the talk was of little else, and the owner kept a petition by the till.",
    "Tickets now cost more than twice what they did five years ago, and the islanders pay the same as visitors.",
]


def _quote_para(n: int) -> Para:
    words = ("ferry", "harbour", "island", "crossing")[n % 4]
    return Para((Text("At the meeting she was blunt. "),
                 said(f"Without the {words} we are not a town on an island, we are a village at the end of a queue "
                      f"that nobody on the mainland has to stand in."),
                 Text(" Ada Fenwick said.")))


def spaced_article() -> Document:
    """Short and long paragraphs mixed: offsets of a few blocks from a quote are only a few lines of text."""
    blocks = [FILL, Para((Text(SHORT[0]),)), FILL]
    for n in range(3):
        blocks += [_quote_para(n)] + [Para((Text(t),)) for t in SHORT] + [FILL, FILL]
    blocks += [FILL, Para((Text(SHORT[1]),))]
    return article(*blocks, people=[Person("p-a", "Ada Fenwick")])


def _apart(doc: Document, source: int, slot: int) -> int:
    between = doc.blocks[slot:source] if slot <= source else doc.blocks[source + 1:slot]
    return sum(len(plain_text(b.children).split()) for b in between if isinstance(b, Para))


def test_a_pull_quote_stands_away_from_its_own_sentence():
    """Issue 24: with short paragraphs the slot two blocks on was three lines below the sentence quoted."""
    doc = spaced_article()
    chosen = pq.choose(doc, limit=3)
    assert len(chosen) >= 2
    for q in chosen:
        assert _apart(doc, q.source_block, q.slot) >= pq.MIN_WORDS_APART, q
        assert q.slot >= pq.FIRST_SLOT
    assert all(b.slot - a.slot >= pq.MIN_GAP for a, b in itertools.pairwise(chosen))


def _squash(text: str) -> str:
    return "".join(text.replace("\u2010", "").split())  # automatic hyphens and line ends do not count


def test_a_pull_quote_stays_on_its_sentence_page_or_the_next(tmp_path):
    doc = spaced_article()
    path = build(tmp_path, doc)
    pages = [(_squash(t), _squash(a)) for t, a in page_texts(path)]
    drawn = 0
    for q in pq.choose(doc):
        key = _squash(q.text)[:50]
        said_on = [i for i, (t, _) in enumerate(pages) if key in t]
        pulled_on = [i for i, (_, a) in enumerate(pages) if key in a]
        assert len(said_on) == 1, key
        if not pulled_on:
            continue
        drawn += 1
        assert pulled_on[0] - said_on[0] in (0, 1), (key, said_on, pulled_on)
    assert drawn >= 1


def _spaced(text: str) -> str:
    return " ".join(text.split())


FICTION = """---
title: The Ninth Key
lang: en
---

{long}

Marta Kowal, who kept the harbour office, met the girl at the top of the stairs that evening with a ring of
iron keys that had belonged to her grandfather.

"Eight doors," she said. "And a ninth key."

"Eight doors, and every one of them locked since the winter the harbour froze," she said. "And a ninth key
that fits nothing at all in this house, not even the cellar."

{long}

"We will need a hammer and a chisel, and a great deal of patience, because these bricks were laid by
someone who did not want them to come out," Marta Kowal said, and she went back up the stairs.

{long}

"Whatever is behind this door has waited a very long time, and it can wait one more minute while we
both catch our breath," Marta Kowal said quietly.

{long}

{long}
"""


def test_fiction_pull_quotes_are_the_dialogue_verbatim(tmp_path):
    """Issue 24: dialogue split by "she said" was pulled as "Eight doors. and a ninth key"."""
    source = tmp_path / "chapter.md"
    source.write_text(FICTION.format(long=" ".join(LATER)), encoding="utf-8")
    doc = toolkit.read(source)
    chosen = pq.choose(doc)
    assert chosen
    text = _spaced(source.read_text(encoding="utf-8"))
    for q in chosen:
        assert _spaced(q.text) in text, q.text
        assert "doors. and" not in q.text.lower()


def test_seed_pull_quotes_are_verbatim(seed_path, seed_doc):
    chosen = pq.choose(seed_doc)
    assert chosen
    text = _spaced(seed_path.read_text(encoding="utf-8"))
    for q in chosen:
        assert _spaced(q.text) in text, q.text
        assert _apart(seed_doc, q.source_block, q.slot) >= pq.MIN_WORDS_APART
