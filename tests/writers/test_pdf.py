"""The print edition's structure: text, metadata, outline, fonts and tags (never its bytes)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdf
import pytest

import toolkit
from toolkit.options import Context, Options
from toolkit.tree.nodes import (
    Attr,
    BlockQuote,
    Cite,
    Document,
    Figure,
    Heading,
    Meta,
    Note,
    NoteRef,
    Para,
    Person,
    Quote,
    Source,
    Text,
)
from toolkit.tree.walk import plain_text

EPOCH = 1_700_000_000  # 2023-11-14T22:13:20Z

OPENING = [
    "The council met on a wet Tuesday evening to decide what would become of the old reading room, a hall of "
    "oak shelves and tall windows that has stood at the corner of the market square since the town was a stop "
    "on the coaching road. For most of the last decade the building has been open only three days a week.",
    "Residents who packed the chamber were divided less on whether to spend money than on what the money should "
    "buy. Some wanted the hall restored as it was; others argued for a building that would serve the children "
    "and the commuters who now pass it by.",
    "The engineers’ report, circulated a week before the meeting, put the cost of a full repair at a little over "
    "four million, roughly twice the figure that had been discussed in the spring, and warned that the timber "
    "frame could not carry a modern lift.",
]
MIDDLE = [
    "Several speakers recalled learning to read in the children’s corner, which was moved to a portable cabin "
    "behind the fire station when the floor above it sagged. The cabin was meant to be temporary; it has now "
    "served for eleven winters.",
    "The plan that emerged late in the evening keeps the façade and the main hall but replaces the rear "
    "extension with a low glass wing, where the children’s library, a study room and a small café would share "
    "a garden that is at present a car park.",
]
LATER = [
    "Shop owners on the square said they would welcome the building works if the scaffolding did not block the "
    "market on Saturdays. One café owner said the closure of the hall had already cost the street much of its "
    "weekday trade.",
    "The librarians themselves were cautious. They pointed out that the collection has shrunk by a third since "
    "the upper gallery closed, and that the local history archive, now kept in boxes in a basement, needs a dry "
    "room before anything else.",
    "A petition asking for the hall to remain open during the works gathered more than two thousand signatures "
    "in a fortnight, a large number for a town of this size, and was presented to the chair at the start of "
    "the meeting.",
    "Architects who studied the building last year found that the original drawings survive in the county "
    "archive, which should make it easier to restore the plasterwork of the ceiling and the iron brackets that "
    "once carried gas lamps.",
    "The council will publish the full proposal next month and hold two open days in the hall itself, so that "
    "residents can see the state of the roof for themselves before the final vote in the new year.",
]
QUOTE_ADA = ("We are not choosing between the past and the future. We are choosing whether this town still has a "
             "place where anyone can walk in and read without being asked to buy anything.")
QUOTE_TOM = "A library that leaks is still a library, but a library that is closed is only a building."
NOTE_TEXT = "The survey was commissioned in 2022 and revised after the winter storms."
SOURCE_URL = "https://example.org/reports/condition-survey.pdf"


def _marks() -> Attr:
    return Attr("", (), (("marks", "“”"),))


def sample_doc(image: str = "", repeat: int = 2, alt: str = "Oak shelves and tall windows in the reading room",
               caption: str = "The reading room is open three days a week.") -> Document:
    """A feature-rich article written for these tests: every node kind the print edition styles."""
    people = (Person("p-ada", "Ada Fenwick", "council chair"), Person("p-tom", "Tom Okafor", "head librarian"))
    sources = (Source("s-eng", "Engineers’ condition survey", kind="report", url=SOURCE_URL),
               Source("s-her", "National Heritage Fund", abbrev="NHF", kind="organization"))
    blocks: list = [Figure(image, alt, (Text(caption),) if caption else (), (Text("Photo: Sample Studio"),))]
    blocks += [Para((Text(t),)) for t in OPENING]
    blocks.append(Para((Text("The chair opened the debate. "),
                        Quote((Text(QUOTE_ADA),), "p-ada", "said", True, _marks()),
                        Text(" Ada Fenwick said, to applause from the gallery."))))
    blocks.append(Para((Text("According to the "), Cite((Text("engineers’ survey"),), "s-eng"),
                        Text(", the roof timbers are sound but the slates have reached the end of their life"),
                        NoteRef("n1"), Text("."))))
    blocks.append(Heading(1, (Text("A glass wing for the children"),)))
    blocks += [Para((Text(t),)) for t in MIDDLE]
    blocks.append(Para((Text("The head librarian was blunter. "),
                        Quote((Text(QUOTE_TOM),), "p-tom", "said", True, _marks()),
                        Text(" Tom Okafor said."))))
    blocks.append(BlockQuote((Para((Text("Every town that lost its library first lost the habit of going."),)),)))
    blocks.append(Heading(1, (Text("Paying for it"),)))
    blocks.append(Para((Text("The "), Cite((Text("National Heritage Fund"),), "s-her"),
                        Text(" has said it will look favourably on projects that reopen public rooms."))))
    for _ in range(repeat):
        blocks += [Para((Text(t),)) for t in LATER]
    blocks.append(Note("n1", (Para((Text(NOTE_TEXT),)),)))
    numbered, n = [], 0
    for b in blocks:
        if isinstance(b, Para):
            n += 1
            b = Para(b.children, Attr(f"p{n}"))
        numbered.append(b)
    meta = Meta(title="The Town That Wants Its Reading Room Back",
                subtitle="A leaking roof, a repair bill and a council divided over what a library is for.",
                kicker="Local Affairs", tags=("Libraries", "Local government"), authors=("Jane Doe", "Sam Roe"),
                date="2024-03-05", language="en")
    return Document(meta, tuple(numbered), people, sources)


def make_image(path: Path, size: tuple[int, int] = (900, 600)) -> Path:
    from PIL import Image, ImageDraw

    im = Image.new("RGB", size, (200, 190, 170))
    draw = ImageDraw.Draw(im)
    step, edge = max(size[0] // 15, 2), size[1] // 8
    for x in range(0, size[0], step):
        draw.rectangle([x, edge, x + step * 3 // 5, size[1] - edge], fill=(120 + x % 100, 80, 60))
    im.save(path)
    return path


def build(tmp: Path, doc: Document | None = None, name: str = "sample.pdf", **options) -> Path:
    """Write ``doc`` (default: the sample with its photo) as PDF into ``tmp``; returns the file."""
    if doc is None:
        make_image(tmp / "photo.png")
        doc = sample_doc("photo.png")
    ctx = Context(input_path=tmp / "article.txt", options=Options(**options))
    return toolkit.write(doc, "pdf", tmp / name, Options(**options), ctx)


def pdftotext(path: Path, first: int | None = None, last: int | None = None) -> str:
    cmd = ["pdftotext", "-enc", "UTF-8"]
    if first:
        cmd += ["-f", str(first)]
    if last:
        cmd += ["-l", str(last)]
    return subprocess.run([*cmd, str(path), "-"], capture_output=True, text=True, check=True).stdout


def letters(text: str) -> str:
    """Letters only: hyphenation, punctuation and footnote calls do not count."""
    return re.sub(r"[^a-z]", "", text.lower().replace("-\n", "").replace("‐\n", ""))


def body_paragraphs(doc: Document) -> list[str]:
    return [plain_text(b.children) for b in doc.blocks if isinstance(b, Para)]


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    import os

    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(EPOCH)
    try:
        return build(tmp_path_factory.mktemp("pdf"))
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def test_every_paragraph_is_in_the_text_in_order(sample_pdf):
    flat = letters(pdftotext(sample_pdf))
    pos = 0
    for para in body_paragraphs(sample_doc()):
        head = letters(para)[:50]
        found = flat.find(head, pos)
        assert found >= 0, f"missing or out of order: {para[:50]}"
        pos = found


def test_page_count_in_range(sample_pdf):
    assert 2 <= len(pypdf.PdfReader(sample_pdf).pages) <= 5


def test_metadata_from_the_tree(sample_pdf):
    info = pypdf.PdfReader(sample_pdf).metadata
    assert info.title == "The Town That Wants Its Reading Room Back"
    assert "Jane Doe" in info.author
    assert "Sam Roe" in info.author
    assert info.subject.startswith("A leaking roof")
    assert "Libraries" in info["/Keywords"]
    assert "Local government" in info["/Keywords"]
    assert info.creation_date.year == 2023
    assert info.creation_date.month == 11
    assert str(pypdf.PdfReader(sample_pdf).trailer["/Root"]["/Lang"]) == "en"


def test_creation_date_from_options_overrides_environment(tmp_path):
    doc = sample_doc(repeat=0)
    path = build(tmp_path, doc, source_date_epoch=86400 * 365)
    assert pypdf.PdfReader(path).metadata.creation_date.year == 1971


def outline_titles(path: Path) -> list[str]:
    titles: list[str] = []

    def collect(items):
        for item in items:
            if isinstance(item, list):
                collect(item)
            else:
                titles.append(item.title)

    collect(pypdf.PdfReader(path).outline)
    return titles


def test_outline_has_title_and_headings(sample_pdf):
    titles = outline_titles(sample_pdf)
    assert titles[0] == "The Town That Wants Its Reading Room Back"
    assert "A glass wing for the children" in titles
    assert "Paying for it" in titles
    assert titles.index("A glass wing for the children") < titles.index("Paying for it")


def test_fonts_embedded_and_subset(sample_pdf):
    lines = subprocess.run(["pdffonts", str(sample_pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert lines
    names = [line.split()[0] for line in lines]
    assert all(re.match(r"^[A-Z]{6}\+", n) for n in names), names  # subset prefix
    assert any("Charis" in n for n in names), names
    assert any("Inter" in n for n in names), names
    for line in lines:
        emb, sub = line.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), line


def test_tagged_with_structure(sample_pdf):
    root = pypdf.PdfReader(sample_pdf).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])


def test_internal_links_resolve(sample_pdf):
    reader = pypdf.PdfReader(sample_pdf)
    names = reader.named_destinations
    internal = 0
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            dest = annot.get("/Dest")
            action = annot.get("/A")
            if dest is None and action is not None and action.get("/S") == "/GoTo":
                dest = action.get("/D")
            if dest is None:
                continue
            internal += 1
            key = str(dest)
            assert key in names, f"link to a missing destination {key}"
    assert internal >= 1  # the citation links to its entry in the sources list


def test_seed_in_a4_and_trade(seed_editions, seed_doc, tmp_path):
    a4 = pypdf.PdfReader(seed_editions["pdf"])
    trade = pypdf.PdfReader(toolkit.write(seed_doc, "pdf", tmp_path / "t.pdf", Options(paper="trade", style="modern")))
    assert (round(float(a4.pages[0].mediabox.width)), round(float(a4.pages[0].mediabox.height))) == (595, 842)
    assert (round(float(trade.pages[0].mediabox.width)), round(float(trade.pages[0].mediabox.height))) == (432, 648)
    assert len(trade.pages) > len(a4.pages)  # a smaller page holds less
    assert a4.metadata.title == seed_doc.meta.title


def test_shared_style_sheets_change_nothing(monkeypatch, tmp_path):
    """A warm process reuses the parsed sheets and font configuration: same bytes as a fresh one;
    another --css is another entry, not the first one's sheets."""
    from toolkit.pipeline import render
    from toolkit.writers.pdf import sheets as pdf

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    doc, opts = sample_doc(), Options()
    pdf._SHEETS.clear()
    first = render(doc, "pdf", opts, Context(options=opts))
    again = render(doc, "pdf", opts, Context(options=opts))
    assert len(pdf._SHEETS) == 1
    pdf._SHEETS.clear()
    assert render(doc, "pdf", opts, Context(options=opts)) == first == again
    red = tmp_path / "red.css"
    red.write_text("body { color: #c00000; }", encoding="utf-8")
    other = Options(css=(red,))
    assert render(doc, "pdf", other, Context(options=other)) != first
    assert len(pdf._SHEETS) == 2
