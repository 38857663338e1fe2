"""The Typst print engine's three-line initial and its in-page links: the first word still extracts whole
beside the large initial, a link to an id goes to the place in the PDF, and an endnote links back to its call."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from toolkit.options import Options
from toolkit.pipeline import read, render

pytest.importorskip("typst")

ROOT = Path(__file__).resolve().parents[2]
EVERY_KIND = ROOT / "tests" / "fixtures" / "pandoc" / "every-kind.md"
CHECK_PDF = Path("/work/shared/tools/qa/check-pdf")
OPENING = ("Ana Petrova walked the length of the harbour wall every morning before the ferries came in, "
           "counting the boats that had stayed out overnight and writing their names in a small notebook "
           "that she kept in her coat. Tomasz Wójcik, who ran the kiosk by the steps, said she had done it "
           "for eleven years and had never once missed a day, not even in the winter of the great storm.")


def text_of(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def build(src: Path, out: Path, **options) -> Path:
    opts = Options(pdf_engine="typst", **options)
    out.write_bytes(render(read(src, options=opts), "pdf", opts))
    return out


def checked(pdf: Path, *args: str) -> str:
    if not CHECK_PDF.exists():
        pytest.skip("the QA checker is not there")
    done = subprocess.run([str(CHECK_PDF), str(pdf), "--expect-tagged", *args], capture_output=True, text=True)
    if done.returncode == 3:
        pytest.skip("the QA checker's tools are missing (run tools/qa/setup)")
    assert done.returncode == 0, done.stdout[-2000:]
    return done.stdout


def article(tmp_path: Path, first: str) -> Path:
    src = tmp_path / "harbour.md"
    src.write_text(f"---\ntitle: The Harbour Wall\nlang: en\n---\n\n{first}\n\nA second paragraph follows.\n",
                   encoding="utf-8")
    return src


def test_the_first_paragraph_opens_with_a_large_initial_and_its_word_reads_whole(tmp_path):
    pdf = build(article(tmp_path, OPENING), tmp_path / "harbour.pdf")
    lines = [line.strip() for line in text_of(pdf).splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if "walked the length" in line)
    assert lines[start].startswith("Ana Petrova walked")  # the letter stays in the word
    assert lines[start - 1] == "A"  # the initial, drawn apart (an artifact)
    words = " ".join(" ".join(lines[start:]).replace("-\n", "").split())
    assert "not even in the winter of the great storm." in re.sub(r"(\w)- (\w)", r"\1\2", words)
    checked(pdf)


def test_a_short_first_paragraph_or_one_without_a_letter_has_no_initial(tmp_path):
    short = text_of(build(article(tmp_path, "Ana Petrova walked the wall."), tmp_path / "short.pdf"))
    assert "\nA\n" not in short
    quoted = text_of(build(article(tmp_path, "— " + OPENING), tmp_path / "dash.pdf"))
    assert "\nA\n" not in quoted
    assert "— Ana Petrova" in quoted


def test_the_initial_in_pdf_ua_1(tmp_path):
    pdf = build(article(tmp_path, "(" + OPENING + ")"), tmp_path / "ua.pdf", pdf_variant="pdf/ua-1")
    lines = [line.strip() for line in text_of(pdf).splitlines() if line.strip()]
    assert "(A" in lines
    assert any(line.startswith("(Ana Petrova walked") for line in lines)
    checked(pdf, "--expect-variant", "pdf/ua-1")


def internal_links(report: str) -> int:
    return int(re.search(r"internal=(\d+)", report).group(1))


def test_links_to_ids_are_internal_links_and_endnotes_link_back(tmp_path):
    foot = checked(build(EVERY_KIND, tmp_path / "foot.pdf"))
    assert internal_links(foot) >= 5  # four links to ids in the text, and the footnote's
    end_pdf = build(EVERY_KIND, tmp_path / "end.pdf", notes="end")
    end = checked(end_pdf)
    assert internal_links(end) >= 6  # the four, the call to its note and the note back to its call
    assert "\u2191" in text_of(end_pdf).split("N OT E S")[-1]


def line_starts(pdf: Path) -> list[float]:
    """The left edge of each line of body-sized text on the first page, top to bottom (pdftotext -bbox; the
    large initial, note calls and headings are left out by their height)."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    lines: dict[int, float] = {}
    for x, top, bottom in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', out):
        if 14 < float(bottom) - float(top) < 24:
            key = round(float(bottom))
            lines[key] = min(lines.get(key, 1e9), float(x))
    return [lines[k] for k in sorted(lines)]


def test_three_lines_sit_beside_the_initial_when_a_note_call_and_emphasis_are_among_them(tmp_path):
    src = tmp_path / "notes.md"
    src.write_text("---\ntitle: The Harbour Wall\nlang: en\n---\n\n"
                   + OPENING.replace("every morning", "*every morning*[^1]").replace(
                       "small notebook", "[small notebook](#later)")
                   + "\n\n## Later {#later}\n\nMore.\n\n[^1]: Each one.\n", encoding="utf-8")
    pdf = build(src, tmp_path / "notes.pdf")
    text = " ".join(text_of(pdf).split())
    assert "Ana Petrova walked the length of the harbour wall every morning1 before" in text
    starts = line_starts(pdf)
    margin = min(starts)
    beside = next(i for i, x in enumerate(starts) if x > margin + 20)  # the first line beside the initial
    assert all(x > margin + 20 for x in starts[beside:beside + 3])
    assert starts[beside + 3] - margin < 1  # the fourth line is under the initial, at the margin
    assert internal_links(checked(pdf)) >= 2  # the note call and the link to the heading


def baselines(pdf: Path, page: int, wanted: list[str]) -> list[float]:
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    found = {w: float(y) for y, w in re.findall(r'yMax="([\d.]+)">([^<]+)</word>', out)}
    return [found[w] for w in wanted]


def test_two_lists_in_a_row_are_set_apart(tmp_path):
    src = tmp_path / "lists.md"
    src.write_text("---\ntitle: Lists\nlang: en\n---\n\nWords.\n\n- apples\n- pears\n\n1. oranges\n2. lemons\n",
                   encoding="utf-8")
    one, two, three, four = baselines(build(src, tmp_path / "lists.pdf"), 1, ["apples", "pears", "oranges", "lemons"])
    assert four - three == pytest.approx(two - one, abs=.5)
    assert three - two > (two - one) + 4  # print.css's .7rem below a list, not one more item's gap
