"""Scores `toolkit inspect --json` on every development corpus in ../shared/corpus (make eval).

Prints each corpus's summary line from the shared scorer and a table of the headline metrics.
Skips (exit 0) when the corpora or the scorer are absent. Usage: eval.py [CORPUS ...] [--limit N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "eval" / "score.py"
COLUMNS = ("n", "errors", "text_f1", "title", "subtitle_f1", "authors_f1", "date", "fig_caption_r",
           "fig_credit_r", "quote_f1", "quote_f1_80", "speaker_acc")


def parse_summary(line: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in line.split() if "=" in part)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpora", nargs="*")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    corpus_root = SHARED / "corpus"
    if not corpus_root.is_dir() or not SCORER.is_file():
        print("eval: ../shared/corpus or the scorer is absent; nothing to score")
        return 0
    names = args.corpora or sorted(p.name for p in corpus_root.iterdir() if (p / "kind").is_file())
    toolkit_cmd = str(Path(sys.executable).parent / "toolkit")
    rows = []
    for name in names:
        cmd = [sys.executable, str(SCORER), str(corpus_root / name), "--cmd", toolkit_cmd,
               "--jobs", str(args.jobs)]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("corpus=")]
        if not lines:
            print(f"eval: {name}: scorer failed: {proc.stderr.strip()[-300:]}")
            continue
        print(lines[-1])
        rows.append((name, parse_summary(lines[-1])))
    if rows:
        print()
        print(f"{'corpus':16}" + "".join(f"{c:>14}" for c in COLUMNS))
        for name, vals in rows:
            print(f"{name:16}" + "".join(f"{vals.get(c, '-'):>14}" for c in COLUMNS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
