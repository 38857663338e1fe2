"""One layout and a cheaper write for the print edition: footnotes kept on their call's page in the first
layout (toolkit.writers.pdf.placement.notes_kept_home), and the PDF's streams deflated at level 6."""

from __future__ import annotations

import re
import zlib

import pytest

from tests.writers.test_pdf_layout import notes_everywhere
from toolkit.options import Context, Options
from toolkit.writers.pdf import writer
from toolkit.writers.pdf.placement import layout_faults, notes_kept_home, notes_off_page
from toolkit.writers.pdf.writer import layout_pdf, render_pdf


def _notes_placed(document) -> int:
    return sum(len(child.children) for page in document.pages for child in page._page_box.children
               if type(child).__name__ == "FootnoteAreaBox")


# papers and shifts where WeasyPrint, left alone, sent notes on to keep a paragraph's lines together and the
# writer needed a second (a4, 5: a third) layout to bring them back
@pytest.mark.parametrize(("paper", "shift"), [("trade", 3), ("a5", 5), ("a4", 5)])
def test_notes_stay_with_their_calls_in_one_layout(tmp_path, paper, shift):
    document = layout_pdf(notes_everywhere(shift), Options(paper=paper), Context(input_path=tmp_path / "a.txt"))
    assert writer.last_log.layouts == 1, writer.last_log.reasons
    assert notes_off_page(document) == 0
    assert layout_faults(document) == {"footnote": 0, "pullquote": 0, "hyphen": 0}
    assert _notes_placed(document) == 14


def test_the_hook_is_undone_after_the_layout():
    from weasyprint.layout import LayoutContext, block

    report, break_line = LayoutContext.report_footnote, block._break_line
    with notes_kept_home() as active:
        assert active, "this WeasyPrint lacks what the hook relies on: notes need a second layout again"
        assert LayoutContext.report_footnote is not report
        assert block._break_line is not break_line
    assert LayoutContext.report_footnote is report
    assert block._break_line is break_line


def test_streams_are_deflated_at_level_six_and_pydyf_is_left_as_it_was(tmp_path):
    import pydyf

    data = render_pdf(notes_everywhere(0), Options(paper="a5"), Context(input_path=tmp_path / "a.txt"))
    headers = [h for h in re.findall(rb"(?<!end)stream\r?\n(..)", data, re.S) if h[:1] == b"x"]  # zlib's
    assert len(headers) >= 5, "no deflated stream found"
    assert b"x\xda" not in headers  # zlib's header for level 9, pydyf's own
    assert headers.count(b"x\x9c") == len(headers)  # level 6 (zlib's default)
    assert pydyf.zlib is zlib
