"""Shown speakers on the held-out half of ggt-dev meet issue 24's target (bench/speakers.py).

Skipped without ../shared/corpus (CI or a fresh clone may not have it)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from toolkit.passes.speech.confidence import SHOW_SPEAKER

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "ggt-dev"
SCORER = ROOT.parent / "shared" / "tools" / "eval" / "score.py"

pytestmark = pytest.mark.skipif(not (CORPUS.is_dir() and SCORER.is_file()), reason="no shared corpus")


def bench():
    spec = importlib.util.spec_from_file_location("bench_speakers", ROOT / "bench" / "speakers.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_held_out_shown_speakers_are_precise_and_cover_most_quotes():
    b = bench()
    rows, named = b.collect("held")
    row = next(r for r in b.table(rows, named) if r["threshold"] == SHOW_SPEAKER)
    assert row["precision"] >= 0.95, row
    assert row["coverage"] >= 0.60, row
    everything = b.table(rows, named)[0]
    assert row["precision"] >= everything["precision"]  # the gate does not lower precision
