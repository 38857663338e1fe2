"""Profiles one edition of the seed repeated k times (pyinstrument), after a warm-up, into build/bench/.

Usage: profile.py [--edition pdf] [--size 10] [--top 40]
Prints the hottest frames (time spent in each module, own time) and writes the full tree as text.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import SEED, make_repeated
from measure import ROOT

WORK = ROOT / "build" / "bench"


def own_time_by_module(session) -> Counter:
    """Self time summed per module (toolkit.*, weasyprint.*, ...), from pyinstrument's frame tree."""
    totals: Counter = Counter()

    def module_of(path: str) -> str:
        if "site-packages/" in path:
            return path.split("site-packages/", 1)[1].split("/", 1)[0]
        if "/toolkit/" in path:
            return "toolkit/" + path.split("/toolkit/", 1)[1]
        return "python/" + Path(path).name

    def visit(frame, owner: str) -> None:
        path = frame.file_path or ""
        if path and not path.startswith("<"):
            owner = module_of(path)
        if not frame.children:  # leaves ([self], built-ins) carry the time; charge the nearest Python module
            totals[owner] += frame.time
        for child in frame.children:
            visit(child, owner)

    visit(session.root_frame(), "?")
    return totals


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--edition", default="pdf")
    ap.add_argument("--size", type=int, default=10)
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    from pyinstrument import Profiler

    from toolkit.options import Context, Options
    from toolkit.pipeline import read, render

    opts = Options()
    ctx = Context(options=opts)
    render(read(SEED, ctx=ctx), args.edition, opts, ctx)  # warm
    path = make_repeated(WORK / "scaling", args.size)
    profiler = Profiler(interval=0.005)
    profiler.start()
    ctx = Context(options=opts)
    render(read(path, ctx=ctx), args.edition, opts, ctx)
    profiler.stop()
    session = profiler.last_session
    out = WORK / f"profile-{args.edition}-x{args.size}.txt"
    out.write_text(profiler.output_text(unicode=True, show_all=False), encoding="utf-8")
    total = session.duration
    print(f"{args.edition} x{args.size}: {total:.2f} s; own time by module (top {args.top}):")
    for module, secs in own_time_by_module(session).most_common(args.top):
        print(f"  {secs:7.2f} s  {secs / total:6.1%}  {module}")
    print(f"full tree: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
