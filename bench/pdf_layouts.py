"""How many WeasyPrint layouts each print edition costs, why, and the time of each stage (issue 27).

Builds the print edition in this process (``toolkit.pipeline.read`` then ``render(doc, "pdf")``) for the
seed and a sample of the development corpora (wcxb-dev-text, fundus, ggt-dev: every n-th item, the same
ones each run), and reads the PDF writer's ``last_log``: the number of layouts, the faults that made each
extra one (a pull quote stranded at a page's head, footnotes sent off their call's page, hyphenation), the
faults still in the layout that is kept (notes off their call's page, stranded pull quotes, hyphen faults), and
the wall time of each stage - read+passes, the HTML of the tree, WeasyPrint's layout(s), the checks of a
layout, the PDF's metadata, and ``write_pdf`` (with the tagging of artifacts).

The first build of the run warms the process (imports, fonts, style sheets) and is not counted.
Articles the corpus does not have (no ``/work/shared/corpus``) are skipped; the seed always runs.

Usage: pdf_layouts.py [--limit 10] (items per corpus) [--seed PATH] [--corpus DIR] [--css FILE]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ROOT, table

from toolkit import pipeline
from toolkit.errors import ToolkitError
from toolkit.options import Context, Options
from toolkit.writers.pdf import writer

CORPORA = ("wcxb-dev-text", "fundus", "ggt-dev")
STAGES = ("read", "html", "layout", "checks", "metadata", "write")


def sample(corpus: Path, limit: int) -> list[Path]:
    """``limit`` items of each corpus, spread evenly over its sorted items."""
    out = []
    for name in CORPORA:
        items = sorted((corpus / name / "items").glob("*.*"))
        if items and limit > 0:
            step = max(1, len(items) // limit)
            out += items[::step][:limit]
    return out


def build_one(path: Path, css: tuple[str, ...] = ()) -> dict | None:
    """Layouts, reasons, pages and stage times of one print edition (None if the article cannot be built)."""
    options = Options(css=css)
    ctx = Context(input_path=path, options=options)
    t0 = time.perf_counter()
    try:
        doc = pipeline.read(path, options=options, ctx=ctx)
        read = time.perf_counter() - t0
        pipeline.render(doc, "pdf", options, ctx)
    except ToolkitError as exc:
        print(f"{path.name}: skipped ({exc})", file=sys.stderr)
        return None
    log = writer.last_log
    return {"name": path.name, "layouts": log.layouts, "pages": log.pages, "reasons": log.reasons,
            "faults": dict(log.kept_faults), "seconds": {"read": read, **log.seconds}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=10, help="items per corpus (default 10)")
    parser.add_argument("--seed", type=Path, default=ROOT / "seeds" / "kazakhstan-xinjiang-camps.txt")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--css", action="append", default=[],
                        help="a style sheet laid over the print sheets (to compare a rule's effect)")
    args = parser.parse_args(argv)
    writer.AUDIT_KEPT_LAYOUT = True  # count the faults left in each kept layout
    css = tuple(str(Path(c).resolve()) for c in args.css)

    paths = [args.seed, *(sample(args.corpus, args.limit) if args.corpus.is_dir() else [])]
    t0 = time.perf_counter()
    cold = build_one(args.seed, css)  # warm: imports, fonts, style sheets
    if cold:
        stages = ", ".join(f"{k} {v * 1000:.0f}" for k, v in cold["seconds"].items())
        print(f"the seed's first build in this process (imports and fonts loading on the way): "
              f"{(time.perf_counter() - t0) * 1000:.0f} ms ({stages})\n")
    results = [r for r in (build_one(p, css) for p in paths) if r]
    rows = []
    for r in results:
        s = r["seconds"]
        why = "; ".join("+".join(x) for x in r["reasons"]) or "-"
        left = "+".join(f"{k} {v}" for k, v in r["faults"].items() if v) or "-"
        rows.append(["seed" if r is results[0] else r["name"][:28], r["pages"], r["layouts"], why, left,
                     *(f"{s.get(k, 0.0) * 1000:.0f}" for k in STAGES)])
    print(table("print editions (ms per stage)", ["article", "pages", "layouts", "relayout for", "kept faults",
                                                      *STAGES], rows))

    again = [r for r in results if r["layouts"] > 1]
    causes = Counter(c for r in results for c in {c for rs in r["reasons"][:1] for c in rs})
    print(f"articles: {len(results)}; laid out more than once: {len(again)} "
          f"({100 * len(again) / max(1, len(results)):.0f} %); layouts in all: {sum(r['layouts'] for r in results)}")
    print("first relayout caused by: " + (", ".join(f"{k} {v}" for k, v in causes.most_common()) or "none"))
    kept = Counter()
    for r in results:
        kept.update(r["faults"])
    print(f"faults left in the kept layouts: {sum(kept.values())} in {sum(1 for r in results if any(r['faults'].values()))} "
          "articles (" + (", ".join(f"{k} {v}" for k, v in kept.items())) + ")")
    totals = {k: sum(r["seconds"].get(k, 0.0) for r in results) for k in STAGES}
    whole = sum(totals.values()) or 1.0
    print("stage share of the time: " + ", ".join(f"{k} {100 * v / whole:.0f} %" for k, v in totals.items()))
    medians = {k: statistics.median(r["seconds"].get(k, 0.0) for r in results) * 1000 for k in STAGES}
    print("median ms per article: " + ", ".join(f"{k} {v:.0f}" for k, v in medians.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
