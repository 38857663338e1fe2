"""Accessibility metadata is derived from what the book holds, not fixed defaults."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

import toolkit
from toolkit.options import Context, Options
from toolkit.tree.nodes import Document, Figure, Meta, Para, Text
from toolkit.writers.epub.a11y import CONFORMANCE, BookFacts, accessibility_metadata

NS = {"opf": "http://www.idpf.org/2007/opf", "x": "http://www.w3.org/1999/xhtml"}


def values(meta: list[tuple[str, str]], prop: str) -> list[str]:
    return [v for p, v in meta if p == prop]


def test_text_with_described_images_claims_conformance():
    meta = accessibility_metadata(BookFacts(images=2, images_with_alt=2, images_described=2), "tester")
    assert values(meta, "schema:accessMode") == ["textual", "visual"]
    assert values(meta, "schema:accessModeSufficient") == ["textual", "textual,visual"]
    assert "alternativeText" in values(meta, "schema:accessibilityFeature")
    assert values(meta, "schema:accessibilityHazard") == ["none"]
    assert values(meta, "dcterms:conformsTo") == [CONFORMANCE]
    assert values(meta, "a11y:certifiedBy") == ["tester"]


def test_caption_as_only_description_is_no_alternative_text():
    meta = accessibility_metadata(BookFacts(images=2, images_with_alt=1, images_described=2), "t")
    assert "alternativeText" not in values(meta, "schema:accessibilityFeature")
    assert values(meta, "dcterms:conformsTo") == [CONFORMANCE]
    assert "caption" in values(meta, "schema:accessibilitySummary")[0]


def test_undescribed_image_withdraws_the_claim_and_textual_sufficiency():
    meta = accessibility_metadata(BookFacts(images=2, images_with_alt=1, images_described=1), "t")
    assert values(meta, "schema:accessModeSufficient") == ["textual,visual"]
    assert "alternativeText" not in values(meta, "schema:accessibilityFeature")
    assert values(meta, "dcterms:conformsTo") == []
    assert values(meta, "a11y:certifiedBy") == []
    assert "1 image without a text alternative" in values(meta, "schema:accessibilitySummary")[0]


def test_animation_is_an_unknown_flashing_hazard():
    meta = accessibility_metadata(BookFacts(images=1, images_with_alt=1, images_described=1, animated=True), "t")
    assert values(meta, "schema:accessibilityHazard") == ["unknownFlashingHazard", "noMotionSimulationHazard",
                                                         "noSoundHazard"]
    assert values(meta, "dcterms:conformsTo") == []


def test_page_map_adds_page_features():
    plain = values(accessibility_metadata(BookFacts(), "t"), "schema:accessibilityFeature")
    mapped = values(accessibility_metadata(BookFacts(page_map=True, page_source="print"), "t"),
                    "schema:accessibilityFeature")
    assert set(mapped) - set(plain) == {"pageBreakMarkers", "pageNavigation"}


def _book(tmp_path, figure: Figure, image: bytes, language: str | None = "en",
          certifier: str | None = None) -> etree._Element:
    (tmp_path / "article.txt").write_text("placeholder")
    (tmp_path / figure.src).write_bytes(image)
    doc = Document(meta=Meta(title="A test", language=language),
                   blocks=(figure, Para((Text("Some text about the picture."),))))
    data = toolkit.render(doc, "epub", Options(a11y_certifier=certifier), Context(input_path=tmp_path / "article.txt"))
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("EPUB/content.opf"))


def _png(frames: int = 1) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    images = [Image.new("RGB", (40, 30), (i * 60, 90, 120)) for i in range(frames)]
    if frames > 1:
        images[0].save(out, "GIF", save_all=True, append_images=images[1:], duration=100, loop=0)
    else:
        images[0].save(out, "PNG")
    return out.getvalue()


def _metas(opf, prop: str) -> list[str]:
    return [m.text for m in opf.iterfind(f".//opf:meta[@property='{prop}']", NS)]


@pytest.mark.parametrize(("figure", "alt_text", "conforms"), [
    (Figure("pic.png", "A red square", (Text("A caption."),)), True, True),
    (Figure("pic.png", "", (Text("A caption."),)), False, True),
    (Figure("pic.png", "", ()), False, False),
])
def test_book_metadata_follows_its_figure(tmp_path, figure, alt_text, conforms):
    opf = _book(tmp_path, figure, _png(), certifier="Ana Petrova")  # a claim needs a named certifier
    assert ("alternativeText" in _metas(opf, "schema:accessibilityFeature")) is alt_text
    assert bool(_metas(opf, "dcterms:conformsTo")) is conforms
    assert _metas(opf, "schema:accessMode") == ["textual", "visual"]
    assert _metas(opf, "a11y:certifiedBy") == (["Ana Petrova"] if conforms else [])


def test_animated_gif_and_unknown_language(tmp_path):
    opf = _book(tmp_path, Figure("anim.gif", "Moving bars", ()), _png(frames=3), language=None)
    assert "unknownFlashingHazard" in _metas(opf, "schema:accessibilityHazard")
    assert _metas(opf, "dcterms:conformsTo") == []
