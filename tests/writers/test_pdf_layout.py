"""Page layout of the print edition, read from WeasyPrint's laid-out boxes and the PDF's text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.writers.test_pdf import LATER, MIDDLE, NOTE_TEXT, OPENING, build, letters, make_image, pdftotext, sample_doc
from toolkit.options import Context, Options
from toolkit.tree.nodes import Attr, Document, Meta, Note, NoteRef, Para, Text
from toolkit.writers.pdf import writer
from toolkit.writers.pdf.page import PAPERS, page_css
from toolkit.writers.pdf.placement import HYPHEN
from toolkit.writers.pdf.writer import layout_pdf, render_pdf

PX = 0.75  # points per CSS pixel


def boxes(box, depth=0):
    yield box
    if depth < 12:
        for child in getattr(box, "children", ()) or ():
            yield from boxes(child, depth + 1)


def classes(box) -> list[str]:
    element = getattr(box, "element", None)
    return (element.get("class") or "").split() if element is not None and hasattr(element, "get") else []


def body_of(page):
    return next((b for b in boxes(page._page_box) if "article-body" in classes(b)), None)


def laid_out(tmp: Path, **options):
    make_image(tmp / "photo.png")
    ctx = Context(input_path=tmp / "article.txt", options=Options(**options))
    return layout_pdf(sample_doc("photo.png"), Options(**options), ctx)


@pytest.fixture(scope="module")
def a5(tmp_path_factory):
    return laid_out(tmp_path_factory.mktemp("a5"), paper="a5")


@pytest.fixture(scope="module")
def a4(tmp_path_factory):
    return laid_out(tmp_path_factory.mktemp("a4"), paper="a4")


@pytest.fixture(scope="module")
def a5_pdf(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("a5pdf"), paper="a5")


@pytest.mark.parametrize("paper", ["a4", "letter", "a5", "trade"])
def test_paper_size_and_text_block(tmp_path, paper, a4, a5):
    document = {"a4": a4, "a5": a5}.get(paper) or laid_out(tmp_path, paper=paper)
    spec = PAPERS[paper]
    page = document.pages[0]
    assert abs(page.width * PX - spec.width) < 1
    assert abs(page.height * PX - spec.height) < 1
    body = body_of(page)
    assert abs(body.width * PX - spec.measure) < 1
    assert spec.margins[3] - 1 < body.content_box_x() * PX  # inside the left margin
    assert 2 <= len(document.pages) <= 8


def test_smaller_paper_smaller_type(tmp_path):
    assert PAPERS["a5"].font_size < PAPERS["a4"].font_size
    assert PAPERS["trade"].measure < PAPERS["letter"].measure


def test_first_page_opening_in_order(tmp_path):
    path = build(tmp_path)
    first = pdftotext(path, 1, 1)
    marks = ["LOCAL AFFAIRS", "The Town That Wants Its Reading", "A leaking roof",
             "By Jane Doe and Sam Roe", "March 5, 2024", "The reading room is open", "SAMPLE STUDIO",
             "he council met"]
    flat = " ".join(first.replace("L O C A L A F FA I R S", "LOCAL AFFAIRS").split())
    positions = [flat.find(m) for m in marks]
    assert all(p >= 0 for p in positions), dict(zip(marks, positions, strict=True))
    assert positions == sorted(positions)
    assert "Page 1 of" not in first  # no folio or running head on the opening page


def test_running_heads_and_folios_on_later_pages(a5_pdf):
    path = a5_pdf
    pages = [pdftotext(path, n, n) for n in range(1, 4)]
    total = pdftotext(path).count("\f")
    assert f"Page 2 of {total}" in pages[1]
    assert f"Page 3 of {total}" in pages[2]
    assert "The Town That Wants Its Reading Room Back" in pages[1]  # the title, on one side
    flat = pages[1].replace(" ", "")  # letter-spaced small capitals come back from pdftotext with gaps
    assert any(w in flat for w in ("AFFAIRS", "AGLASSWING")), pages[1][:300]


def test_figure_never_split_and_on_one_page(a5):
    on = {(n, id(b.element)) for n, page in enumerate(a5.pages) for b in boxes(page._page_box)
          if b.element_tag == "figure"}
    assert len(on) == 1, on  # one figure element, on one page (its table wrapper and table are one figure)


def test_no_heading_alone_at_a_page_foot(a5, a4):
    for document in (a5, a4):
        for page in document.pages[:-1]:
            body = body_of(page)
            if body is None:
                continue
            last = body.children[-1]
            assert last.element_tag not in ("h2", "h3", "h4"), f"heading at the foot of a page: {last}"


def test_split_paragraphs_keep_two_lines_each_side(tmp_path):
    long = " ".join(LATER)
    doc = Document(Meta(title="Long paragraphs", language="en"),
                   tuple(Para((Text(long),), Attr(f"p{i}")) for i in range(1, 9)))
    document = layout_pdf(doc, Options(paper="a5"), Context(input_path=tmp_path / "a.txt"))
    parts: dict[str, list[int]] = {}
    for page in document.pages:
        for child in (body_of(page).children if body_of(page) else ()):
            if child.element_tag == "p" and child.element.get("id"):
                lines = sum(1 for b in child.children if type(b).__name__ == "LineBox")
                parts.setdefault(child.element.get("id"), []).append(lines)
    split = {pid: n for pid, n in parts.items() if len(n) > 1}
    assert split, "no paragraph runs over a page break: the test proves nothing"
    for pid, counts in split.items():
        assert min(counts) >= 2, f"{pid} leaves a widow or orphan: {counts}"


LONG_WORDS = ("government officials border region people country years often settlement citizens administration "
              "family minister spoke agreement relations between neighbours railway pipeline history language "
              "reports the of and a to in is was that for on are with as they at have this from or had by but "
              "what some international negotiations representatives considerable infrastructure "
              "unemployment").split()


def long_words(seed: int, paras: int = 8, language: str = "en") -> Document:
    """Paragraphs of prose with many long words: a narrow measure must hyphenate some of them."""
    rng = random.Random(seed)
    blocks = []
    for i in range(paras):
        text = " ".join(rng.choice(LONG_WORDS) for _ in range(rng.randint(60, 140)))
        blocks.append(Para((Text(text[0].upper() + text[1:] + "."),), Attr(f"p{i + 1}")))
    return Document(Meta(title="Long Words", language=language), tuple(blocks))


def line_ends(document) -> list[str]:
    return ["".join(b.text for b in boxes(line) if type(b).__name__ == "TextBox").rstrip()
            for page in document.pages for box in boxes(page._page_box)
            if box.element_tag == "p" and type(box).__name__ == "BlockBox"
            for line in box.children if type(line).__name__ == "LineBox"]


def test_text_is_hyphenated_by_language(tmp_path):
    ctx = Context(input_path=tmp_path / "a.txt")
    hyphenated = [end for end in line_ends(layout_pdf(long_words(0), Options(paper="a5"), ctx))
                  if end.endswith(HYPHEN)]
    assert hyphenated, "English text on A5 breaks some long word at a line end"


def hyphen_relayouts(tmp_path, css=()) -> int:
    """How many of six articles of long words on A5 were laid out again to mend their hyphenation."""
    count = 0
    for seed in range(6):
        options = Options(paper="a5", css=css)
        layout_pdf(long_words(seed), options, Context(input_path=tmp_path / "a.txt", options=options))
        count += any("hyphen" in reasons for reasons in writer.last_log.reasons)
    return count


def test_hyphenation_zone_spares_most_second_layouts(tmp_path):
    """The print sheet's hyphenation zone (a break tried only where much of the line would stay empty) leaves
    fewer ladders and words broken across pages for a second layout to mend than a zone of 6 % did
    (all six of these articles needed one then)."""
    narrow_zone = tmp_path / "zone.css"
    narrow_zone.write_text(".article-body p { hyphenate-limit-zone: 6%; }\n", encoding="utf-8")
    before, now = hyphen_relayouts(tmp_path, (narrow_zone,)), hyphen_relayouts(tmp_path)
    assert now < before, f"{now} of 6 articles laid out again for their hyphens, {before} at a 6 % zone"


def test_layout_log_counts_layouts_reasons_and_stages(tmp_path):
    options = Options(paper="a5")
    ctx = Context(input_path=tmp_path / "a.txt", options=options)
    render_pdf(long_words(1), options, ctx)
    log = writer.last_log
    assert log.layouts == 1 + len(log.reasons) >= 1
    assert all(set(reasons) <= {"pullquote", "footnote", "hyphen"} and reasons for reasons in log.reasons)
    assert {"html", "layout", "checks", "metadata", "write"} <= set(log.seconds)
    assert log.pages >= 2


def _right_half_paragraphs(document) -> int:
    count = 0
    for page in document.pages:
        body = body_of(page)
        if body is None:
            continue
        middle = body.content_box_x() + body.width / 2
        count += sum(1 for b in boxes(body) if type(b).__name__ == "BlockBox" and b.element_tag == "p"
                     and b.element.get("id") and b.position_x > middle)
    return count


def test_two_columns_on_a4_but_not_on_a5(tmp_path, a4, a5):
    assert _right_half_paragraphs(laid_out(tmp_path, paper="a4", columns=2)) >= 3
    assert _right_half_paragraphs(a4) == 0
    assert page_css(Options(paper="a5", columns=2)) == page_css(Options(paper="a5"))  # too narrow for two
    assert _right_half_paragraphs(a5) == 0


def test_footnote_on_the_page_of_its_call(a5_pdf):
    path = a5_pdf
    total = pdftotext(path).count("\f")
    pages = [letters(pdftotext(path, n, n)) for n in range(1, total + 1)]
    call = next(i for i, t in enumerate(pages) if "slateshavereached" in t)
    assert letters(NOTE_TEXT) in pages[call]


def test_endnotes_after_the_body(tmp_path):
    path = build(tmp_path, notes="end")
    flat = letters(pdftotext(path))
    last_paragraph = flat.rindex("finalvoteinthenewyear")
    assert flat.index(letters(NOTE_TEXT)) > last_paragraph
    assert flat.rindex("engineersconditionsurvey") > flat.index(letters(NOTE_TEXT))  # the sources list


def test_drop_cap_after_a_lead_figure(a4):
    document = a4
    first = document.pages[0]
    caps = [b for b in boxes(first._page_box) if "dropcap" in classes(b)]
    assert caps, "no drop cap"
    cap = caps[0]
    assert cap.is_floated()
    assert cap.style["font_size"] > 3 * first._page_box.style["font_size"]


@pytest.mark.parametrize(("style", "face"), [("classic", "Charis"), ("modern", "Inter")])
def test_themes_set_the_headline_face(tmp_path, a4, style, face):
    document = a4 if style == "classic" else laid_out(tmp_path, style=style)
    h1 = next(b for b in boxes(document.pages[0]._page_box) if b.element_tag == "h1")
    assert face in " ".join(h1.style["font_family"])


def test_user_css_comes_last(tmp_path):
    css = tmp_path / "mine.css"
    css.write_text("h1 { color: rgb(0, 128, 0); } @page { margin: 30mm; }", encoding="utf-8")
    document = laid_out(tmp_path, css=(css,))
    h1 = next(b for b in boxes(document.pages[0]._page_box) if b.element_tag == "h1")
    assert tuple(round(c, 2) for c in h1.style["color"][:3]) == (0, round(128 / 255, 2), 0)
    assert abs(body_of(document.pages[0]).content_box_x() * PX - 30 * 72 / 25.4) < 1


def notes_everywhere(shift: int) -> Document:
    """Fourteen paragraphs, each with a footnote: on trade paper WeasyPrint, left alone, sends some
    footnotes to the page after their calls (to keep two lines of a paragraph together)."""
    texts = LATER + OPENING + MIDDLE
    blocks, notes = [], []
    for i in range(1, 15):
        text = texts[(i * 3 + shift) % len(texts)]
        if (i + shift) % 3 == 0:
            text += " " + texts[(i + shift) % len(texts)]
        cut = text.index(" ", len(text) // 3)
        blocks.append(Para((Text(text[:cut]), NoteRef(f"n{i}"), Text(text[cut:])), Attr(f"p{i}")))
        notes.append(Note(f"n{i}", (Para((Text(f"Note {i}: " + texts[(i + 1) % len(texts)][:90]),)),)))
    return Document(Meta(title="Notes everywhere", language="en"), (*blocks, *notes))


@pytest.mark.parametrize("shift", [0, 1])
def test_every_footnote_on_the_page_of_its_call(tmp_path, shift):
    document = layout_pdf(notes_everywhere(shift), Options(paper="trade"), Context(input_path=tmp_path / "a.txt"))
    placed = 0
    for page in document.pages:
        calls = [b.element for b in boxes(page._page_box) if (b.element_tag or "").endswith("::footnote-call")]
        area = [b.element for c in page._page_box.children if type(c).__name__ == "FootnoteAreaBox"
                for b in c.children]
        assert {id(e) for e in calls} <= {id(e) for e in area}, "a footnote left its call's page"
        placed += len(area)
    assert placed == 14
