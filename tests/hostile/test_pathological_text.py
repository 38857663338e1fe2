"""Ordinary-looking text that is merely large or repetitive still finishes (issue 26, class 8).

Each input runs through the real CLI in its own process, stopped after 120 s (the CLI's default has no
limit): a regression to quadratic or exponential time shows as that stop, not as a timed assertion.
The checks are on the results: the sane paragraph beside the junk keeps its quotation and its speaker,
its abbreviation, its footnotes. The sizes finish in a few seconds now; before the fixes the same inputs
ran for minutes or never finished (docs/performance.md, "Scaling with input size"). The footnotes
test guards the reader and passes; the quadratic part left there is in the HTML writer (reported).
"""

from __future__ import annotations

import json
import random
import re

from tests.hostile.conftest import cli_process

WORDS = ("the council voted on a plan for new ferries and the harbour road while residents asked "
         "about the cost of the works and the date of the next meeting").split()
MARKS = ("“", "”", '"', "«", "»", "„", "‘", "’", "'")
SANE_QUOTE = "“We will open the new ferry terminal in the spring,” said Ana Petrova, the harbour director."
SANE_ABBREV = "The Northern Ferry Operators Association (NFOA) met on Monday; the NFOA said fares would rise."


def unbalanced_quotes(size: int, parts: int = 1) -> str:
    """``parts`` paragraphs of words with a quotation mark every ten characters or so, most unbalanced,
    and one sane paragraph with a proper quotation between them."""
    rng = random.Random(7)
    paras = []
    for _ in range(parts):
        words, n = [], 0
        while n < size // parts:
            w = rng.choice(WORDS)
            words.append(rng.choice(MARKS) + w if rng.random() < 0.55 else w + rng.choice(MARKS)
                         if rng.random() < 0.3 else w)
            n += len(words[-1]) + 1
        paras.append(" ".join(words) + ".")
    paras.insert(1, SANE_QUOTE)
    return "Harbour Notes\n\n" + "\n\n".join(paras) + "\n"


def long_runs(size: int) -> str:
    """Runs of spaces, tabs, capitals, hyphenated capitals, slashes and brackets, with one sane paragraph
    that defines an abbreviation between them."""
    rng = random.Random(11)
    kinds = [lambda k: " " * k, lambda k: "Aa " * (k // 3), lambda k: "A" * k, lambda k: "Of the " * (k // 7),
             lambda k: "-" * k, lambda k: "/A" * (k // 2), lambda k: "(" * k, lambda k: "Ab-" * (k // 3),
             lambda k: "\t" * k, lambda k: "AB " * (k // 3)]
    paras, total = [], 0
    while total < size:
        block = "".join(rng.choice(kinds)(rng.choice((200, 1000, 3000))) for _ in range(4)) + " end."
        paras.append(block)
        total += len(block)
    paras.insert(len(paras) // 2, SANE_ABBREV)
    return "Harbour Notes\n\n" + "\n\n".join(paras) + "\n"


def summary(path) -> dict:
    run, _ = cli_process("inspect", path, "--json", timeout=120)
    assert run.exit_code == 0, run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    return json.loads(run.stdout)


def test_unbalanced_quotation_marks_keep_the_sane_quotation(tmp_path):
    """300 KB with about 20,000 quotation marks in one paragraph: the quote finder asked every mark about
    every other one and tokenized the rest of the paragraph for each (before: 16.4 s, now 4.3 s; the
    issue's 1.1 MB ran past 400 s)."""
    path = tmp_path / "marks.txt"
    path.write_text(unbalanced_quotes(300_000), encoding="utf-8")
    quotes = summary(path)["quotes"]
    sane = [q for q in quotes if "new ferry terminal" in q["text"]]
    assert len(sane) == 1, sane
    assert sane[0]["speaker"] == "Ana Petrova", sane[0]
    assert sane[0]["direct"], sane[0]
    assert sane[0]["text"].startswith("We will open"), sane[0]


def test_long_runs_of_spaces_and_capitals_keep_the_abbreviation(tmp_path):
    """24 KB of runs: the abbreviation pattern backtracked exponentially on "Ab-Ab-Ab-…" and the
    sources' name pattern quadratically on runs of capitals (before: past 400 s, killed; now 3 s)."""
    path = tmp_path / "runs.txt"
    path.write_text(long_runs(24_000), encoding="utf-8")
    data = summary(path)
    assert data["abbreviations"].get("NFOA") == "Northern Ferry Operators Association", data["abbreviations"]
    assert "Ab-Ab-Ab" in data["text"]  # the runs are the author's text: kept, not dropped


def test_hyphenated_capitals_before_a_bracket(tmp_path):
    """The shortest form of the exponential case: 60 hyphenated capitals, then an unclosed bracket."""
    path = tmp_path / "hyphens.txt"
    text = "Harbour Notes\n\n" + "Ab-" * 60 + " (NF\n\n" + SANE_ABBREV + "\n\n" + "AB (" + "Ab-" * 60 + "x\n"
    path.write_text(text, encoding="utf-8")
    assert summary(path)["abbreviations"].get("NFOA") == "Northern Ferry Operators Association"


def test_many_footnotes_all_reach_the_html_edition(tmp_path):
    """2,000 footnotes in Markdown: every call keeps its number and every note its text."""
    n = 2000
    body = " ".join(f"Ferry late, day {i}.[^n{i}]" + ("\n\n" if i % 10 == 0 else "") for i in range(1, n + 1))
    notes = "\n".join(f"[^n{i}]: Timetable {i}." for i in range(1, n + 1))
    path = tmp_path / "notes.md"
    path.write_text(f"---\ntitle: Ferry Log\n---\n\n{body}\n\n{notes}\n", encoding="utf-8")
    out = tmp_path / "out"
    run, _ = cli_process("-q", "build", path, "--to", "html", "-o", out, timeout=120)
    assert run.exit_code == 0, run.stderr
    [page] = out.glob("*.html")
    html = page.read_text(encoding="utf-8")
    assert len(re.findall(r'role="doc-noteref"', html)) == n
    assert f"Timetable {n}." in html
    assert "Timetable 1." in html


def test_a_byline_with_a_long_run_of_blanks_keeps_its_author(tmp_path):
    """50,000 blanks inside a header line: the header's separator and date patterns tried every start in
    the run (over a minute, the square of its length); a run is now cut to 64 blanks as the text is read."""
    path = tmp_path / "blanks.txt"
    body = " ".join(WORDS).capitalize() + ". "
    path.write_text("Harbour Notes\n\nBy Ana Petrova" + " " * 50_000 + "| Harbour desk\n\n" + body * 12 + "\n\n"
                    + SANE_QUOTE + "\n", encoding="utf-8")
    got = summary(path)
    assert got["title"] == "Harbour Notes"
    assert "Ana Petrova" in got["authors"]
    assert any("ferry terminal" in q["text"] for q in got["quotes"])
