"""Print typography read from the laid-out pages: what a reader sees at first sight.

Each check reads WeasyPrint's page boxes (what is drawn, in which colour, on which page) or the
written PDF (``pdfinfo -struct``, ``pdftotext -layout``) of articles built through the real pipeline.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import toolkit
from toolkit.options import Context, Options
from toolkit.writers.pdf.writer import layout_pdf

PAPER_RUNS = [("a4", 1), ("letter", 1), ("a5", 1), ("trade", 1), ("a4", 2), ("letter", 2)]
WORDS = ("government officials border region people country years often camps citizens detention family "
         "minister spoke agreement relations between neighbours railway pipeline history language reports "
         "the of and a to in is was that for on are with as they at have this from or had by but what some "
         "can out other were all there when up how said each which their time if will way about many then").split()


def prose(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def markdown_article(path: Path, seed: int = 3, notes: bool = True) -> Path:
    """A Markdown article with no lead figure, level-2 sections, a level-3 subsection and footnotes."""
    rng = random.Random(seed)
    out = ["---", "title: Sections and Notes", "author: Jo Writer", "lang: en", "---", ""]
    out += ["Three years ago " + prose(rng, 90) + (" [^n0]" if notes else ""), ""]
    bodies = []
    for i in range(4):
        out += [f"## Section {i + 1}", ""]
        for j in range(4):
            call = f"[^n{i}{j}]" if notes and j % 2 else ""
            out += [prose(rng, 70 + 13 * j) + call + " " + prose(rng, 30), ""]
            if call:
                bodies.append(f"[^n{i}{j}]: Note {i}{j}: " + prose(rng, 18 + 9 * j))
        out += [f"### Subsection {i + 1}", "", prose(rng, 80), ""]
    if notes:
        out += ["[^n0]: The first note.", *bodies]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def web_page(path: Path, seed: int = 4) -> Path:
    """A web page whose article goes from its h1 straight to h4 section headings."""
    rng = random.Random(seed)
    body = ["<p>Three years ago " + prose(rng, 70) + "</p>"]
    for i in range(3):
        body.append(f"<h4>Part {i + 1} of the story</h4>")
        body += ["<p>" + prose(rng, 80) + "</p>" for _ in range(3)]
    path.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A Web Page</title>'
        '<meta name="author" content="Ann Writer"></head><body><header><nav><a href="/">Home</a></nav></header>'
        f'<main><article><h1>A Web Page</h1><p class="byline">By Ann Writer</p>{"".join(body)}</article></main>'
        "<footer>Copyright</footer></body></html>", encoding="utf-8")
    return path


def boxes(box):
    yield box
    for child in getattr(box, "children", ()) or ():
        yield from boxes(child)


def classes(box) -> list[str]:
    element = getattr(box, "element", None)
    return (element.get("class") or "").split() if element is not None and hasattr(element, "get") else []


def laid_out(path: Path, **options):
    opts = Options(**options)
    ctx = Context(input_path=path, options=opts)
    return layout_pdf(toolkit.read(path, options=opts, ctx=ctx), opts, ctx)


def visible_text(box) -> str:
    """The text drawn inside ``box``, in order, leaving out what is transparent (the drop cap's letter)."""
    return "".join(b.text for b in boxes(box)
                   if type(b).__name__ == "TextBox" and b.style["color"].alpha > 0)


def first_paragraph(document):
    page = document.pages[0]._page_box
    body = next(b for b in boxes(page) if "article-body" in classes(b))
    return next(b for b in boxes(body) if b.element_tag == "p")


def pdf_path(tmp: Path, source: Path, **options) -> Path:
    result = toolkit.build(source, ["pdf"], tmp, options=Options(**options))
    return next(Path(p) for p in result if str(p).endswith(".pdf"))


def struct_headings(pdf: Path) -> list[str]:
    out = subprocess.run(["pdfinfo", "-struct", str(pdf)], capture_output=True, text=True, check=True).stdout
    return re.findall(r"^\s*(H[1-6])\b", out, re.MULTILINE)


needs_poppler = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")


# ---------------------------------------------------------------- the drop cap
@pytest.mark.parametrize("style", ["classic", "modern"])
@pytest.mark.parametrize(("paper", "columns"), [("a4", 1), ("trade", 1), ("letter", 2)])
def test_drop_cap_shows_the_first_letter_once(tmp_path, style, paper, columns):
    """No lead figure: the first paragraph is the body's first child. Its initial is drawn once, large;
    the letter kept in the text for reading and search stays invisible ("Three", not "TThree")."""
    document = laid_out(markdown_article(tmp_path / "a.md", notes=False), paper=paper, columns=columns, style=style)
    para = first_paragraph(document)
    drawn = visible_text(para)
    assert drawn.startswith("Three years ago"), drawn[:20]
    caps = [b for b in boxes(para) if "dropcap" in classes(b)]
    assert caps
    assert visible_text(caps[0]) == "T"


# ---------------------------------------------------------------- headings as an outline
@needs_poppler
def test_markdown_sections_are_tagged_h2_under_the_title(tmp_path):
    pdf = pdf_path(tmp_path, markdown_article(tmp_path / "a.md"))
    tags = struct_headings(pdf)
    assert tags[:4] == ["H1", "H2", "H3", "H2"], tags
    assert "H4" not in tags


@needs_poppler
def test_web_page_h4_sections_are_tagged_h2(tmp_path):
    pdf = pdf_path(tmp_path, web_page(tmp_path / "page.html"))
    tags = struct_headings(pdf)
    assert tags[:4] == ["H1", "H2", "H2", "H2"], tags


def test_every_heading_level_is_set_as_a_heading(tmp_path):
    """Deep headings (h3 to h6) are bold display type larger than or as large as the text, never body-size
    italics, which a reader takes for an emphasised sentence."""
    doc_path = tmp_path / "deep.md"
    doc_path.write_text("# Deep\n\n" + "\n\n".join(
        f"{'#' * n} Level {n}\n\n" + prose(random.Random(n), 60) for n in range(2, 7)) + "\n", encoding="utf-8")
    document = laid_out(doc_path)
    body_size = first_paragraph(document).style["font_size"]
    found = {}
    for page in document.pages:
        for box in boxes(page._page_box):
            if box.element_tag in ("h2", "h3", "h4", "h5", "h6") and type(box).__name__ == "BlockBox":
                found[box.element_tag] = box.style
    assert set(found) >= {"h2", "h3", "h4", "h5"}
    for tag, style in found.items():
        assert style["font_style"] == "normal", tag
        assert style["font_weight"] >= 600, tag
        assert style["font_size"] >= body_size - 0.01, tag


# ---------------------------------------------------------------- the measure
def full_lines(document) -> list[int]:
    """Characters in each line of the body's paragraphs that is not a paragraph's last line."""
    counts = []
    for page in document.pages:
        for box in boxes(page._page_box):
            if box.element_tag != "p" or type(box).__name__ != "BlockBox":
                continue
            if set(classes(box)) & {"pullquote-text", "pullquote-by", "meta-line", "dek"}:
                continue
            lines = [child for child in box.children if type(child).__name__ == "LineBox"]
            for line in lines[:-1]:
                counts.append(len("".join(b.text for b in boxes(line) if type(b).__name__ == "TextBox").strip()))
    return counts


@pytest.fixture(scope="module")
def seed_layouts(seed_path):
    """The seed laid out on every paper, in one and two columns (read once)."""
    doc = toolkit.read(seed_path)
    out = {}
    for paper, cols in PAPER_RUNS:
        opts = Options(paper=paper, columns=cols)
        out[paper, cols] = layout_pdf(doc, opts, Context(input_path=seed_path, options=opts))
    return out


@pytest.mark.parametrize(("paper", "cols"), PAPER_RUNS)
def test_measure_in_the_comfortable_range(seed_layouts, paper, cols):
    """A line of 60 to 75 characters (about 68 on average) on every paper in one column; a column of two
    holds 40 to 55, a newspaper column's measure (60 would need type under 8 pt on A4)."""
    counts = sorted(full_lines(seed_layouts[paper, cols]))
    assert len(counts) > 80
    median, low, high = counts[len(counts) // 2], counts[len(counts) // 10], counts[9 * len(counts) // 10]
    lo, hi = (60, 75) if cols == 1 else (40, 55)
    assert lo <= low, (paper, cols, low, median, high)
    assert high <= hi, (paper, cols, low, median, high)
    assert lo + 4 <= median <= hi - 3, (paper, cols, median)


@needs_poppler
def test_measure_read_back_from_the_pdf(tmp_path, seed_path):
    """The same measure as ``pdftotext -layout`` reads it from the written A4 PDF: its longest lines."""
    pdf = pdf_path(tmp_path, seed_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lengths = sorted(len(" ".join(line.split())) for line in text.splitlines() if len(line.split()) > 6)
    assert lengths[9 * len(lengths) // 10] <= 78, lengths[-10:]


# ---------------------------------------------------------------- notes and page feet
def notes_away(document) -> list[tuple[int, str]]:
    """(page, note id) of each footnote whose call is on a page that does not print it."""
    away = []
    for number, page in enumerate(document.pages, 1):
        page_box = page._page_box
        calls = [b.element for b in boxes(page_box) if (b.element_tag or "").endswith("::footnote-call")]
        printed = {id(b.element) for area in page_box.children if type(area).__name__ == "FootnoteAreaBox"
                   for b in area.children}
        away += [(number, call.get("id")) for call in calls if id(call) not in printed]
    return away


@pytest.mark.parametrize(("paper", "cols"), [("a4", 1), ("trade", 1), ("letter", 2), ("a5", 1)])
@pytest.mark.parametrize("seed", [1, 5, 12])
def test_every_note_on_its_calls_page(tmp_path, paper, cols, seed):
    """Articles with a footnote in every other paragraph: in two columns WeasyPrint sent the note of a call
    at a column's foot to the next page (seeds 1 and 12, letter: pages 1 to 4)."""
    document = laid_out(markdown_article(tmp_path / "a.md", seed=seed), paper=paper, columns=cols)
    assert notes_away(document) == []


@pytest.mark.parametrize(("paper", "cols"), PAPER_RUNS)
def test_seed_notes_on_their_calls_pages(seed_layouts, paper, cols):
    assert notes_away(seed_layouts[paper, cols]) == []


def short_feet(document) -> list[tuple[int, float]]:
    """(page, lines) for each page but the last whose text (each column of it) ends more than two lines and
    a fifth short of the foot (or of the page's notes), unless the next page opens with a heading, which
    takes its two first lines along."""
    out = []
    for number, page in enumerate(document.pages[:-1], 1):
        page_box = page._page_box
        body = next((b for b in boxes(page_box) if "article-body" in classes(b)), None)
        nxt = next((b for b in boxes(document.pages[number]._page_box) if "article-body" in classes(b)), None)
        if body is None or not body.children or nxt is None:  # no body on the next page: the article ended
            continue
        opening = next((b for b in boxes(nxt) if b.element_tag in ("p", "h2", "h3", "h4", "aside", "figure")), None)
        if opening is not None and opening.element_tag.startswith("h"):
            continue
        bottom = page_box.content_box_y() + page_box.height
        for area in page_box.children:
            if type(area).__name__ == "FootnoteAreaBox" and area.children:
                bottom = min(bottom, area.position_y)
        line = body.style["font_size"] * body.style["line_height"].value if hasattr(
            body.style["line_height"], "value") else body.style["font_size"] * 1.45
        columns = [c for c in body.children if c.element is body.element and c.element_tag != "p"] or [body]
        for column in columns:
            blocks = column.children if column is not body else body.children
            if not blocks:
                continue
            last = max(c.position_y + c.margin_height() for c in blocks)
            if bottom - last > 2.2 * line:
                out.append((number, round((bottom - last) / line, 1)))
    return out


@pytest.mark.parametrize(("paper", "cols"), [("a4", 1), ("trade", 1), ("letter", 2), ("letter", 1), ("a5", 1)])
def test_seed_pages_end_at_the_foot(seed_layouts, paper, cols):
    """Seen before: A4 page 4 and 6x9 page 4 ended three lines short, the letter two-column page 1 four."""
    assert short_feet(seed_layouts[paper, cols]) == []


# ---------------------------------------------------------------- hyphenation
def body_lines(document) -> list[tuple[int, str, str]]:
    """(page, paragraph id, text) of every line of the body's paragraphs, in reading order."""
    out = []
    for number, page in enumerate(document.pages, 1):
        for box in boxes(page._page_box):
            if box.element_tag == "p" and type(box).__name__ == "BlockBox":
                out += [(number, box.element.get("id") or "",
                         "".join(b.text for b in boxes(line) if type(b).__name__ == "TextBox").strip())
                        for line in box.children if type(line).__name__ == "LineBox"]
    return out


HYPHEN = "\u2010"  # what WeasyPrint draws at an automatic break


@pytest.mark.parametrize(("paper", "cols"), PAPER_RUNS)
def test_hyphenation_faults(seed_layouts, paper, cols):
    """No word end of one or two letters carried over ("Kaza-kh"), no ladder of three hyphenated lines, no
    word broken across two pages."""
    lines = body_lines(seed_layouts[paper, cols])
    hyphenated = [i for i, (_, _, text) in enumerate(lines) if text.endswith(HYPHEN)]
    assert hyphenated, "the seed is hyphenated at all"
    for i in hyphenated:
        page, pid, _ = lines[i]
        nxt_page, nxt_pid, nxt = lines[i + 1]
        assert nxt_pid == pid
        assert len(re.match(r"\w*", nxt).group()) >= 3, (paper, cols, lines[i][2][-12:], nxt[:12])
        assert nxt_page == page, f"a word broken across pages {page} and {nxt_page}: {lines[i][2][-12:]}"
    ladders = [i for i in hyphenated if i - 1 in hyphenated and i - 2 in hyphenated]
    assert ladders == [], [lines[i][2][-16:] for i in ladders]


# ---------------------------------------------------------------- running heads
def running_heads(document) -> list[str]:
    heads = []
    for page in document.pages[1:]:
        for margin in page._page_box.children:
            if type(margin).__name__ == "MarginBox" and margin.at_keyword in ("@top-left", "@top-right",
                                                                             "@top-center"):
                text = "".join(b.text for b in boxes(margin) if type(b).__name__ == "TextBox")
                if text:
                    heads.append(text)
                    line = max((b.width for b in boxes(margin) if type(b).__name__ == "TextBox"), default=0)
                    assert line <= margin.width + 0.5, f"running head overflows its box: {text}"
    return heads


@pytest.mark.parametrize(("paper", "cols"), [("a4", 1), ("trade", 1), ("letter", 2)])
def test_running_heads_cut_after_a_whole_word(tmp_path, paper, cols):
    title = "Carefully, Kazakhstan Confronts China About Kazakhs in Xinjiang Re-Education Camps Once Again"
    section = "What the Ministry of Foreign Affairs Said in Its Statement"
    rng = random.Random(7)
    path = tmp_path / "long.md"
    path.write_text(f"---\ntitle: {title}\n---\n\n" + prose(rng, 200) + f"\n\n## {section}\n\n" +
                    "\n\n".join(prose(rng, 120) for _ in range(12)) + "\n", encoding="utf-8")
    heads = running_heads(laid_out(path, paper=paper, columns=cols))
    assert heads
    words = (title + " " + section).split()
    for head in heads:
        for part in head.split(" \u00b7 "):
            part = part.strip()
            if part.endswith("…"):
                part = part[:-1]
            if part.isupper():
                continue  # the section in capitals (text-transform): compared below
            assert part.split()[-1].strip(",") in words, head
    assert any(h.endswith("…") for h in heads)
    assert all(h.replace("…", "").split()[-1].strip(",").upper() in {w.upper() for w in words}
               for h in heads)

