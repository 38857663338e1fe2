"""Scaling with input size (make bench): every pass and edition near-linear in its input (issue 26, class 8).

Inputs are made here, at run time: the seed's body repeated (1x, 10x, 100x the seed's size) and three
pathological kinds at a size s and 10s - text full of unbalanced quotation marks, text of long runs of
spaces and repeated characters, and a Markdown article with thousands of footnotes. Each input is timed
in its own process, twice: `toolkit inspect --json` (reader and passes only) and `toolkit build --to html`.
The table shows the CPU time above that of a tiny input of the same kind (start-up, models, styles) and
its growth per 10x of input; the script exits 1 if any growth exceeds
``--max-growth`` (15x per 10x by default: near-linear, with room for a shared machine's noise).

Usage: scaling.py [--only seed,quotes,spaces,footnotes] [--max-growth 15] [--quick]
(``--quick``: inputs a tenth of the size, the seed at 1x and 10x; a few minutes less.)
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import make_repeated
from measure import ROOT, table

WORK = ROOT / "build" / "bench" / "scaling-kinds"
WORDS = ("the council voted on a plan for new ferries and the harbour road while residents asked "
         "about the cost of the works and the date of the next meeting").split()
MARKS = ("“", "”", '"', "«", "»", "„", "‘", "’", "'")


def _sentence(rng: random.Random, n: int = 12) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def unbalanced_quotes(size: int, seed: int = 7, para_chars: int | None = None) -> str:
    """About ``size`` characters of prose with a quotation mark every ~10 characters, most left unbalanced
    (curly, straight, guillemets, stray closers), in four paragraphs (or paragraphs of ``para_chars``), and
    one sane paragraph with a proper quotation and its speaker in the middle."""
    rng = random.Random(seed)
    para_chars = para_chars or max(2_000, size // 4)
    paras, total = [], 0
    while total < size:
        out, n = [], 0
        while n < para_chars:
            w = rng.choice(WORDS)
            piece = (rng.choice(MARKS) + w) if rng.random() < 0.55 else (w + rng.choice(MARKS)) \
                if rng.random() < 0.3 else w
            out.append(piece)
            n += len(piece) + 1
        paras.append(" ".join(out) + ".")
        total += n
    paras.insert(len(paras) // 2, "“We will open the new ferry terminal in the spring,” said Ana Petrova, "
                                  "the harbour director.")
    return "Harbour Notes\n\n" + "\n\n".join(paras) + "\n"


def long_runs(size: int, seed: int = 11) -> str:
    """About ``size`` characters of long runs of spaces, tabs and repeated characters (capitalised words,
    hyphens, slashes, brackets), with one sane paragraph defining an abbreviation in the middle."""
    rng = random.Random(seed)
    kinds = [lambda k: " " * k, lambda k: "Aa " * (k // 3), lambda k: "A" * k, lambda k: "Of the " * (k // 7),
             lambda k: "-" * k, lambda k: "/A" * (k // 2), lambda k: "(" * k, lambda k: "Ab-" * (k // 3),
             lambda k: "\t" * k, lambda k: "AB " * (k // 3)]
    paras, total = [], 0
    while total < size:
        k = rng.choice((200, 1000, 5000))
        block = "".join(rng.choice(kinds)(k) for _ in range(4)) + " end."
        paras.append(block)
        total += len(block)
    paras.insert(len(paras) // 2, "The Northern Ferry Operators Association (NFOA) met on Monday; the NFOA "
                                  "said fares would rise.")
    return "Harbour Notes\n\n" + "\n\n".join(paras) + "\n"


def many_footnotes(count: int) -> str:
    """A Markdown article with ``count`` footnotes (about 56 bytes per footnote: 10,000 make 560 KB)."""
    body = []
    for i in range(1, count + 1):
        body.append(f"Ferry late, day {i}.[^n{i}]")
        if i % 10 == 0:
            body.append("\n\n")
    notes = [f"[^n{i}]: Timetable {i}." for i in range(1, count + 1)]
    return "---\ntitle: Ferry Log\nauthor: Ana Petrova\n---\n\n" + " ".join(body) + "\n\n" + "\n".join(notes) + "\n"


def kinds(quick: bool) -> dict[str, list[tuple[str, Path]]]:
    """{kind: [(size label, input file)]}, made under build/bench/scaling-kinds: a tiny input of each kind
    first (the fixed cost, taken off before growth is judged), then s and 10s; 10s is the size of the
    issue's inputs (1.1 MB of quotation marks, 1.8 MB of runs, 10,000 footnotes). ``quick``: a tenth."""
    WORK.mkdir(parents=True, exist_ok=True)
    d = 10 if quick else 1

    def write(name: str, label: str, text: str) -> tuple[str, Path]:
        p = WORK / name
        p.write_text(text, encoding="utf-8")
        return label, p

    out: dict[str, list[tuple[str, Path]]] = {}
    tiny = write("tiny.txt", "tiny", "Harbour Notes\n\nThe ferry ran late on Monday, said Ana Petrova.\n")
    out["seed"] = [tiny, *((f"{k}x", make_repeated(WORK, k)) for k in ((1, 10) if quick else (1, 10, 100)))]
    out["quotes"] = [tiny, *(write(f"quotes-{m}.txt", f"{m}s", unbalanced_quotes(m * 110_000 // d)) for m in (1, 10))]
    out["spaces"] = [tiny, *(write(f"spaces-{m}.txt", f"{m}s", long_runs(m * 180_000 // d)) for m in (1, 10))]
    out["footnotes"] = [write("tiny.md", "tiny", many_footnotes(1)),
                        *(write(f"footnotes-{m}.md", f"{m * 1000 // d} notes", many_footnotes(m * 1000 // d))
                          for m in (1, 10))]
    return out


def timed(args: list[str], limit: float) -> tuple[float, float, int]:
    """(wall s, CPU s, exit code) of ``toolkit ARGS`` in a fresh process; exit -9 when past ``limit``."""
    t0 = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        proc = subprocess.run([sys.executable, "-m", "toolkit.cli.commands", *args], capture_output=True,
                              timeout=limit, check=False, env=dict(os.environ, TOOLKIT_PRINT_PROCESS="0"))
        code = proc.returncode
    except subprocess.TimeoutExpired:
        code = -9
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - t0, cpu, code


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="seed,quotes,spaces,footnotes")
    ap.add_argument("--max-growth", type=float, default=15.0)
    ap.add_argument("--quick", action="store_true", help="inputs a tenth of the size (seed at 1x and 10x)")
    ap.add_argument("--limit", type=float, default=600.0, help="seconds before a run counts as never finishing")
    args = ap.parse_args()
    made = kinds(args.quick)
    rows, worst, failed = [], 0.0, []
    out_dir = WORK / "out"
    for kind in args.only.split(","):
        for mode in ("inspect", "html"):
            fixed, prev = None, None
            for label, path in made[kind]:
                cmd = ["inspect", str(path), "--json"] if mode == "inspect" else \
                    ["-q", "build", str(path), "--to", "html", "-o", str(out_dir), "--force"]
                wall, cpu, code = timed(cmd, args.limit)
                if code != 0:
                    failed.append(f"{kind} {mode} {label} (exit {code})")
                if fixed is None:  # the tiny input: start-up, models, styles
                    fixed = cpu
                    rows.append([kind, mode, label, f"{path.stat().st_size / 1000:.0f}", f"{wall:.2f}",
                                 f"{cpu:.2f}", "(fixed cost)", str(code)])
                    continue
                work = max(cpu - fixed, 0.05)
                growth = ""
                if prev is not None:
                    growth = f"{work / prev:.1f}x"
                    worst = max(worst, work / prev)
                    if work / prev > args.max_growth:
                        failed.append(f"{kind} {mode} {label} ({work / prev:.1f}x)")
                prev = work
                rows.append([kind, mode, label, f"{path.stat().st_size / 1000:.0f}", f"{wall:.2f}", f"{work:.2f}",
                             growth, str(code)])
    print(table("Scaling with input size (CPU s above the tiny input's; growth per 10x of input)",
                ["input", "run", "size", "KB", "wall s", "CPU s", "growth", "exit"], rows))
    if failed:
        print(f"not near-linear (growth > {args.max_growth}x per 10x) or failed: {', '.join(failed)}")
        return 1
    print(f"worst growth per 10x: {worst:.1f}x (limit {args.max_growth}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
