"""A figure's caption is set to its picture's width in the print edition: a portrait photo's caption does not
run past the photo's edges (issue 24), and a landscape photo still fills the measure."""

from __future__ import annotations

import pytest

from tests.writers.test_pdf import make_image
from toolkit.options import Context, Options
from toolkit.tree.nodes import Attr, Document, Figure, Meta, Para, Text
from toolkit.writers.pdf.writer import layout_pdf

CAPTION = ("The harbour master's office at dawn, seen from the old customs quay, with the two cranes that were "
           "taken down the following spring and the ferry that still runs twice a day.")
PROSE = ("The ferry leaves at seven and returns at noon, and on most days the crossing takes a little under an "
         "hour, longer when the wind turns and the boat has to run along the coast. ") * 3


def boxes(box, depth=0):
    yield box
    if depth < 14:
        for child in getattr(box, "children", ()) or ():
            yield from boxes(child, depth + 1)


def widths(tmp_path, size):
    image = make_image(tmp_path / "photo.png", size)
    doc = Document(Meta(title="A figure", language="en"),
                   (Para((Text(PROSE),), Attr("p1")),
                    Figure(src=str(image), alt="The office", caption=(Text(CAPTION),), attr=Attr("f1")),
                    Para((Text(PROSE),), Attr("p2"))))
    document = layout_pdf(doc, Options(paper="a4"), Context(input_path=tmp_path / "a.txt"))
    found = {}
    for page in document.pages:
        for b in boxes(page._page_box):
            tag = getattr(b, "element_tag", None)
            if tag in ("img", "figcaption", "p") and tag not in found and "Line" not in type(b).__name__ \
                    and "Text" not in type(b).__name__:
                found[tag] = b.width
    return found


@pytest.mark.parametrize("size", [(600, 1200), (500, 1500)])
def test_portrait_photo_caption_no_wider_than_the_photo(tmp_path, size):
    w = widths(tmp_path, size)
    assert w["img"] < 0.7 * w["p"], f"the photo fills the measure, the test proves nothing: {w}"
    assert w["figcaption"] <= w["img"] + 1, f"caption wider than its photo: {w}"


def test_landscape_photo_and_caption_fill_the_measure(tmp_path):
    w = widths(tmp_path, (1800, 1000))
    assert w["img"] >= 0.98 * w["p"], w
    assert w["figcaption"] >= 0.98 * w["p"], w


def test_figure_without_its_image_keeps_a_caption_as_wide_as_the_measure(tmp_path):
    doc = Document(Meta(title="A figure", language="en"),
                   (Para((Text(PROSE),), Attr("p1")),
                    Figure(src="", alt="", caption=(Text(CAPTION),), attr=Attr("f1")),
                    Para((Text(PROSE),), Attr("p2"))))
    document = layout_pdf(doc, Options(paper="a4"), Context(input_path=tmp_path / "a.txt"))
    caps = [b for page in document.pages for b in boxes(page._page_box)
            if getattr(b, "element_tag", None) == "figcaption" and "Line" not in type(b).__name__
            and "Text" not in type(b).__name__]
    paras = [b for b in boxes(document.pages[0]._page_box) if getattr(b, "element_tag", None) == "p"]
    assert caps, "the caption was lost"
    assert caps[0].width >= 0.95 * paras[0].width, (caps[:1], paras[:1])
    assert len(document.pages) == 1
