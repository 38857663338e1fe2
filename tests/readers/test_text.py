"""The text reader on the seed and on a small scraped page written for this test."""

from __future__ import annotations

import subprocess
import sys

from toolkit.summary import summarize
from toolkit.tree.nodes import Figure, Para
from toolkit.tree.walk import plain_text


def seed_paragraphs(path) -> list[str]:
    """The seed's body paragraphs: every block from the first long prose line to the end."""
    text = path.read_text(encoding="utf-8").replace("\u00a0", " ")  # only white space is normalised
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    start = next(i for i, b in enumerate(blocks) if len(b.split()) > 25 and not b.startswith("In this"))
    return blocks[start:]


def test_seed_metadata(seed_doc):
    m = seed_doc.meta
    assert m.title == "Carefully, Kazakhstan Confronts China About Kazakhs in Xinjiang Re-Education Camps"
    assert m.subtitle.startswith("Astana can’t afford to push Beijing too hard")
    assert m.kicker == "Crossroads Asia"
    assert list(m.tags) == ["Diplomacy", "Central Asia"]
    assert m.language == "en"


def test_seed_body_is_31_paragraphs_words_unchanged(seed_doc, seed_path):
    paras = [plain_text(b.children) for b in seed_doc.blocks if isinstance(b, Para)]
    expected = seed_paragraphs(seed_path)
    assert len(paras) == 31
    assert paras == expected
    summary = summarize(seed_doc, str(seed_path), "text")
    assert summary["paragraphs"] == 31
    assert summary["text"] == "\n\n".join(expected)
    assert "Recent Features" not in summary["text"]


def test_seed_figure_caption_and_credit(seed_doc):
    figs = [b for b in seed_doc.blocks if isinstance(b, Figure)]
    assert len(figs) == 1
    assert plain_text(figs[0].caption).startswith("In this March 29, 2018, photo")
    assert plain_text(figs[0].credit) == "AP Photo/Ng Han Guan"
    assert not figs[0].src


SCRAPED = """Home

World

Sport

Log in

Science | Space

Small Rocket Lifts Off From Norwegian Island

By Jane Doe and Tom Ray

May 4, 2024

A private launcher reached orbit for the first time on Saturday, carrying two weather satellites.

Share

The rocket, built by a company of forty engineers, left the pad at dawn after two delays caused by wind. Engineers watched from a hut three kilometres away as the first stage burned for two minutes.

Ground crews said the second stage performed as planned, and both satellites separated at the expected altitude about nine minutes after launch.

What comes next

The company plans four more launches next year, each from the same island, and hopes to carry larger payloads once a new engine is ready.

Related stories

Rocket test delayed by storm

Subscribe to our newsletter

© 2024 Example News. All rights reserved.
"""


def test_generic_scraped_page(tmp_path):
    import toolkit

    p = tmp_path / "page.txt"
    p.write_text(SCRAPED, encoding="utf-8")
    doc = toolkit.read(p)
    s = summarize(doc, str(p), "text")
    assert s["title"] == "Small Rocket Lifts Off From Norwegian Island"
    assert s["authors"] == ["Jane Doe", "Tom Ray"]
    assert s["date"] == "2024-05-04"
    assert s["text"].startswith("The rocket, built by")
    assert "What comes next" in s["text"]
    assert s["text"].rstrip().endswith("new engine is ready.")
    assert "Subscribe" not in s["text"]
    assert "Related stories" not in s["text"]


def test_explain_lists_every_block(seed_path):
    out = subprocess.run([sys.executable, "-m", "toolkit.cli", "inspect", str(seed_path), "--explain"],
                         capture_output=True, text=True, check=True).stdout
    labels = {line.split()[1] for line in out.splitlines() if line.strip()}
    assert {"title", "dek", "kicker", "tags", "caption", "credit", "body", "furniture"} <= labels
