"""The EPUB claims only what was done (issue 28): no conformance claim certified by the build's own
checks; ``dcterms:conformsTo`` and ``a11y:certifiedBy`` only when ``--a11y-certifier`` names who
certified the book; a summary that says what the build did, in whole sentences in every branch."""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner
from lxml import etree

from toolkit.cli.commands import main
from toolkit.errors import UsageError
from toolkit.options import Options
from toolkit.writers.epub.a11y import CONFORMANCE, BookFacts, accessibility_metadata, summary

NS = {"opf": "http://www.idpf.org/2007/opf"}
DESCRIBED = BookFacts(images=2, images_with_alt=2, images_described=2)


def values(meta: list[tuple[str, str]], prop: str) -> list[str]:
    return [v for p, v in meta if p == prop]


def test_no_certifier_no_claim_and_a_summary_that_says_so():
    meta = accessibility_metadata(DESCRIBED, None)
    assert values(meta, "dcterms:conformsTo") == []
    assert values(meta, "a11y:certifiedBy") == []
    said = values(meta, "schema:accessibilitySummary")[0]
    assert said.startswith("Its structure was generated to meet EPUB Accessibility 1.1 (WCAG 2.1 Level AA); "
                           "it has not been certified by a person.")
    assert "checked" not in said  # nothing was checked by machine while the book was built
    assert values(meta, "schema:accessibilityFeature")  # the schema.org terms stay: Ace wants them
    assert values(meta, "schema:accessibilityHazard") == ["none"]


def test_a_named_certifier_makes_the_claim_where_nothing_rules_it_out():
    meta = accessibility_metadata(DESCRIBED, "Ana Petrova, Accessible Books Ltd")
    assert values(meta, "dcterms:conformsTo") == [CONFORMANCE]
    assert values(meta, "a11y:certifiedBy") == ["Ana Petrova, Accessible Books Ltd"]
    assert "certified by Ana Petrova, Accessible Books Ltd." in values(meta, "schema:accessibilitySummary")[0]
    # a certifier does not outweigh what the book lacks
    meta = accessibility_metadata(BookFacts(images=2, images_with_alt=1, images_described=1), "Ana Petrova")
    assert values(meta, "dcterms:conformsTo") == []
    assert values(meta, "a11y:certifiedBy") == []


@pytest.mark.parametrize(("facts", "reason"), [
    (BookFacts(images=2, images_with_alt=1, images_described=1),
     "because it has 1 image without a text alternative."),
    (BookFacts(images=3, images_with_alt=1, images_described=1),
     "because it has 2 images without a text alternative."),
    (BookFacts(language_known=False), "because its language was not stated by the source."),
    (BookFacts(images=1, images_with_alt=1, images_described=1, animated=True),
     "because it contains an animated image that may flash."),
    (BookFacts(images=3, images_with_alt=1, images_described=1, language_known=False, animated=True),
     "because it has 2 images without a text alternative, its language was not stated by the source and "
     "it contains an animated image that may flash."),
])
def test_every_reason_reads_as_english(facts, reason):
    said = summary(facts)
    assert said.startswith("This publication makes no conformance claim " + reason)
    assert "because of" not in said


def test_the_option_is_checked_like_the_command_lines():
    assert Options(a11y_certifier="Tomasz Wójcik").a11y_certifier == "Tomasz Wójcik"
    for bad in ("", "two\nlines", 7):
        with pytest.raises(UsageError, match="a11y_certifier"):
            Options(a11y_certifier=bad)


def _metas(opf, prop: str) -> list[str]:
    return [m.text for m in opf.iterfind(f".//opf:meta[@property='{prop}']", NS)]


def test_the_command_line_certifier_reaches_the_package(tmp_path):
    src = tmp_path / "walk.md"
    src.write_text("---\ntitle: A Walk\nlang: en\n---\n\nAna Petrova walked along the river bank at dawn.\n",
                   encoding="utf-8")

    def package(*extra: str):
        out = tmp_path / f"out{len(extra)}"
        r = CliRunner().invoke(main, ["build", str(src), "--to", "epub", "-o", str(out), *extra])
        assert r.exit_code == 0, r.output
        book = zipfile.ZipFile(io.BytesIO(next(out.glob("*.epub")).read_bytes()))
        return etree.fromstring(book.read("EPUB/content.opf"))

    plain = package()
    assert _metas(plain, "dcterms:conformsTo") == []
    assert _metas(plain, "a11y:certifiedBy") == []
    certified = package("--a11y-certifier", "Tomasz Wójcik")
    assert _metas(certified, "a11y:certifiedBy") == ["Tomasz Wójcik"]
    assert _metas(certified, "dcterms:conformsTo") == [CONFORMANCE]
