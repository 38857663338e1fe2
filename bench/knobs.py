"""The readers' rule constants that leave-one-corpus-out evaluation re-chooses (bench/eval.py).

Each knob is a module-level constant read at call time (so bench/tuned_toolkit.py can set it before a
run), with its current value and two candidates around it. A constant imported by name into another
module is set in both places (``targets``). ``kind`` says which corpora it can move: text knobs act
in the plain-text reader (whole-page dumps), html knobs in the HTML reader.

Chosen from a survey of toolkit/readers/text/*.py and toolkit/readers/html/*.py: the thresholds and
weights that decide what the header (headline, byline, dateline) and the body are, kept where the
scores moved. Measured flat and left out (bench/eval.py --limit 40, wcxb-dev-text and fundus-text, each
at two values a third away from its default: not one metric moved): title.HEAD_WINDOW (15: 10, 20),
header.BELOW_TITLE (8: 5, 12); nor did title.TITLE_REACH at 60 (default 150) on wcxb-dev-text. Size
limits (MAX_HTML_BYTES ...) are safety limits, not rules, and are left out; the HTML body vote's
thresholds are literals inside functions and cannot be set from outside without changing toolkit/.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

TEXT, HTML = "text", "html"


@dataclass(frozen=True)
class Knob:
    name: str  # short name for tables
    kind: str  # TEXT or HTML: the corpora it can affect
    targets: tuple[str, ...]  # "package.module.NAME" set together
    default: float
    candidates: tuple[float, ...]  # the alternatives to the default

    def setting(self, value: float) -> dict[str, float]:
        """The TOOLKIT_BENCH_KNOBS entries for this knob at ``value`` (none at its default)."""
        return {} if value == self.default else {t: value for t in self.targets}

    def values(self) -> tuple[float, ...]:
        return (self.default, *self.candidates)


KNOBS = (
    Knob("title.W_PROSE", TEXT, ("toolkit.readers.text.title.W_PROSE",), 0.5, (0.25, 1.0)),
    Knob("title.W_META", TEXT, ("toolkit.readers.text.title.W_META",), 1.0, (0.5, 1.5)),
    Knob("title.W_OVER", TEXT, ("toolkit.readers.text.title.W_OVER",), 2.0, (1.0, 3.0)),
    Knob("header.SWALLOW_WORDS", TEXT, ("toolkit.readers.text.header.SWALLOW_WORDS",), 40, (20, 60)),
    Knob("tables.MAX_CELL_WORDS", HTML, ("toolkit.readers.html.tables.MAX_CELL_WORDS",), 100, (50, 200)),
    Knob("tables.MAX_CELL_BLOCKS", HTML, ("toolkit.readers.html.tables.MAX_CELL_BLOCKS",), 3, (2, 5)),
)


def current_values(knob: Knob) -> list[object]:
    """The value each of the knob's targets has in the toolkit now (to check ``default`` is right)."""
    out = []
    for dotted in knob.targets:
        module_name, _, attr = dotted.rpartition(".")
        out.append(getattr(importlib.import_module(module_name), attr))
    return out
