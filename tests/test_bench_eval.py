"""make eval's pieces: the leave-one-corpus-out choice (bench/eval.py) on made-up score tables, the knobs
(bench/knobs.py, bench/tuned_toolkit.py) and the whole-page text dump (bench/make_text_corpus.py)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # a dataclass looks its module up there
    spec.loader.exec_module(mod)
    return mod


bench_eval = _load("eval")
knobs = _load("knobs")
tuned = _load("tuned_toolkit")
dumps = _load("make_text_corpus")

REACH = knobs.Knob("reach", knobs.TEXT, ("pkg.a.REACH", "pkg.b.REACH"), 10, (5, 20))


def test_choice_is_made_on_the_other_corpora_only():
    # corpus "alpha" is best at 20 on itself, but the other two are best at 5: alpha gets 5
    table = {"alpha": {10: 0.50, 5: 0.40, 20: 0.90},
             "beta": {10: 0.60, 5: 0.70, 20: 0.55},
             "gamma": {10: 0.60, 5: 0.66, 20: 0.62}}
    assert bench_eval.choose(REACH, table, "alpha") == 5
    # beta held out: mean over alpha and gamma is 0.55 at 10, 0.53 at 5, 0.76 at 20
    assert bench_eval.choose(REACH, table, "beta") == 20


def test_choice_keeps_the_default_on_a_tie_or_without_another_corpus():
    table = {"alpha": {10: 0.9, 5: 0.1, 20: 0.1}, "beta": {10: 0.7, 5: 0.7, 20: 0.7}}
    assert bench_eval.choose(REACH, table, "alpha") == 10
    assert bench_eval.choose(REACH, {"alpha": {10: 0.1, 5: 0.9, 20: 0.9}}, "alpha") == 10


def test_a_corpus_with_a_failed_run_is_left_out_of_every_value():
    table = {"alpha": {10: 0.5, 5: 0.5, 20: 0.5},
             "beta": {10: 0.6, 5: None, 20: 0.9},  # would pull 20 up if half counted
             "gamma": {10: 0.6, 5: 0.7, 20: 0.5}}
    assert bench_eval.choose(REACH, table, "alpha") == 5


def test_loco_setting_sets_every_target_and_leaves_defaults_out():
    other = knobs.Knob("words", knobs.TEXT, ("pkg.c.WORDS",), 40, (20, 60))
    tables = {"reach": {"alpha": {10: 0.1, 5: 0.1, 20: 0.1}, "beta": {10: 0.5, 5: 0.4, 20: 0.8}},
              "words": {"alpha": {40: 0.3, 20: 0.9, 60: 0.1}, "beta": {40: 0.3, 20: 0.2, 60: 0.1}}}
    setting, chosen = bench_eval.loco_setting([REACH, other], tables, "alpha")
    assert chosen == {"reach": 20, "words": 40}
    assert setting == {"pkg.a.REACH": 20, "pkg.b.REACH": 20}


def test_objective_is_the_mean_of_the_headline_metrics_present():
    summary = bench_eval.parse_summary("corpus=x n=3 errors=0 text_p=0.100 text_f1=0.800 title=0.600 date=0.400")
    assert bench_eval.objective(summary) == pytest.approx(0.6)
    assert bench_eval.objective(bench_eval.parse_summary("corpus=q n=3 quote_f1=0.5")) is None


def test_markdown_table_puts_in_sample_and_loco_side_by_side():
    ins = {"n": "40", "text_f1": "0.900", "title": "0.800"}
    lines = bench_eval.markdown_table([("pages", "text", ins, {"n": "40", "text_f1": "0.850", "title": "0.800"})])
    assert lines[0] == "| corpus | n | text_f1 | title |"
    assert lines[2] == "| pages | 40 | 0.900 / 0.850 | 0.800 / 0.800 |"
    held = bench_eval.markdown_table([("quotes", "quotes", {"n": "40", "quote_f1": "0.8"}, {"n": "21", "quote_f1": "0.7"})])
    assert held[2] == "| quotes | 40 / 21 | 0.8 / 0.7 |"


def test_knob_defaults_are_the_toolkits_current_values():
    for knob in knobs.KNOBS:
        assert knobs.current_values(knob) == [knob.default] * len(knob.targets), knob.name
        assert knob.default not in knob.candidates


def test_tuned_toolkit_sets_a_module_global_and_refuses_an_unknown_name():
    from toolkit.readers.text import header

    before = header.SWALLOW_WORDS
    try:
        tuned.apply_knobs({"toolkit.readers.text.header.SWALLOW_WORDS": before + 7})
        assert header.SWALLOW_WORDS == before + 7
    finally:
        header.SWALLOW_WORDS = before
    with pytest.raises(KeyError):
        tuned.apply_knobs({"toolkit.readers.text.header.NO_SUCH_KNOB": 1})


def test_tuned_toolkit_reports_a_bad_setting_in_one_line(tmp_path):
    env = dict(os.environ, TOOLKIT_BENCH_KNOBS=json.dumps({"toolkit.readers.text.title.NOPE": 3}))
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "tuned_toolkit.py"), "formats"],
                          capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "NOPE" in proc.stderr


def test_normalise_dump_makes_blank_line_blocks():
    mark = dumps.LINE_MARK
    raw = f"Menu\n\n\nHome\tNews\n  A   first\u00a0paragraph  \nStreet 1{mark}Town{mark}\n\u200b\nEnd"
    assert dumps.normalise_dump(raw) == "Menu\n\nHome\n\nNews\n\nA first paragraph\n\nStreet 1\nTown\n\nEnd\n"
    assert dumps.normalise_dump("") == ""


def test_text_truth_keeps_what_a_dump_can_carry():
    truth = {"title": "T", "authors": ["Ana Petrova"], "date": "2024-01-02", "text": "x", "subtitle": "s",
             "figures": [{"caption": "c", "credit": None}]}
    assert dumps.text_truth(truth) == {k: v for k, v in truth.items() if k != "figures"}


PAGE = """<!doctype html><html><head><title>Head title</title>
<link rel="stylesheet" href="https://cdn.example.invalid/site.css">
<style>.gone { display: none }</style></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<h1>Rivers of the north</h1>
<p>By Tomasz W\u00f3jcik</p>
<p>The first   paragraph.<br>Its second line.</p>
<div class="gone">hidden by a style</div>
<script>document.write('<p>written by a script</p>')</script>
<noscript><p>Turn scripts on.</p></noscript>
<img src="https://img.example.invalid/a.jpg" alt="a picture">
<table><tr><td>Cell one</td><td>Cell two</td></tr></table>
<footer>\u00a9 Ana Petrova</footer>
</body></html>"""


@pytest.mark.skipif(not CHROMIUM.is_file(), reason="no /usr/bin/chromium")
def test_a_rendered_page_dumps_its_visible_text_in_blocks():
    with dumps.PageDumper() as dumper:
        text = dumper.dump(PAGE)
    assert text == ("Home World\n\nRivers of the north\n\nBy Tomasz W\u00f3jcik\n\n"
                    "The first paragraph.\nIts second line.\n\nTurn scripts on.\n\n"
                    "Cell one\n\nCell two\n\n\u00a9 Ana Petrova\n")
