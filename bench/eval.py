"""Scores `toolkit inspect --json` on every development corpus, with leave-one-corpus-out figures (make eval).

Corpora: those in ../shared/corpus, plus fundus-text (whole-page text dumps of the fundus pages, built by
bench/make_text_corpus.py into build/corpora/ when missing; skipped without fundus or Chromium).

In-sample: each corpus scored with the toolkit as it is. Its rule constants (bench/knobs.py) were chosen
by looking at these same corpora, so the figure flatters. Leave-one-corpus-out (LOCO): for each corpus C
and each knob, every value of the knob is scored (one knob varied at a time, the others at their
defaults) on the OTHER corpora of C's kind, and the value with the best mean objective there is kept
(a tie keeps the default); C is then scored with all kept values together. C's own scores never
choose anything for C. Objective of one corpus run: the mean of its headline metrics present among
text_f1, title, authors_f1, date, subtitle_f1. The quotes corpus (ggt-dev) has no knob here; its LOCO-like
figure is the held-out half of bench/speakers.py's tune/held split (its confidence table is measured
on the tune half).

Each scorer run's summary line is cached in build/eval-cache/<corpus>-<hash>.txt, the hash over the
knob setting, --limit, the contents of toolkit/ (committed or not) and the corpus files' sizes and
times, so a rerun is cheap and a changed toolkit is measured again.

    .venv/bin/python bench/eval.py [CORPUS ...] [--limit N] [--jobs N] [--no-loco]

Prints each run's summary line, the knob choices and a markdown table (in-sample / LOCO per metric).
Skips (exit 0) when the corpora or the scorer are absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from knobs import KNOBS, Knob  # bench/ is a folder of scripts, not a package

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "eval" / "score.py"
BUILD = ROOT / "build"
CACHE = BUILD / "eval-cache"
TEXT_TWIN = ("fundus", "fundus-text")  # (HTML corpus, the text corpus made from it)
COLUMNS = ("n", "errors", "text_f1", "title", "subtitle_f1", "authors_f1", "date", "fig_caption_r",
           "fig_credit_r", "quote_f1", "quote_f1_80", "speaker_acc")
OBJECTIVE = ("text_f1", "title", "authors_f1", "date", "subtitle_f1")
TABLE_METRICS = ("text_f1", "title", "subtitle_f1", "authors_f1", "date", "fig_caption_r", "quote_f1",
                 "speaker_acc")
ENV = "TOOLKIT_BENCH_KNOBS"


def parse_summary(line: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in line.split() if "=" in part)


# ---------------------------------------------------------------------------- the LOCO choice

def objective(summary: dict[str, str]) -> float | None:
    """Mean of the headline metrics the run has (OBJECTIVE); None when it has none."""
    vals = [float(summary[m]) for m in OBJECTIVE if m in summary]
    return sum(vals) / len(vals) if vals else None


def choose(knob: Knob, table: dict[str, dict[float, float | None]], held_out: str) -> float:
    """The knob value with the best mean objective over the corpora other than ``held_out``.

    ``table`` maps corpus -> knob value -> objective. A corpus missing a value's score is left out of
    every value's mean (so all values are compared on the same corpora). A tie, or no other corpus,
    keeps the default."""
    others = [c for c in table if c != held_out
              and all(table[c].get(v) is not None for v in knob.values())]
    if not others:
        return knob.default
    best, best_score = knob.default, None
    for value in knob.values():  # the default first: a later value must beat it strictly
        score = sum(table[c][value] for c in others) / len(others)
        if best_score is None or score > best_score + 1e-9:
            best, best_score = value, score
    return best


def loco_setting(knobs: list[Knob], tables: dict[str, dict], held_out: str) -> tuple[dict, dict]:
    """(TOOLKIT_BENCH_KNOBS setting, {knob name: chosen value}) for scoring ``held_out``."""
    setting, chosen = {}, {}
    for knob in knobs:
        value = choose(knob, tables[knob.name], held_out)
        chosen[knob.name] = value
        setting.update(knob.setting(value))
    return setting, chosen


# ---------------------------------------------------------------------------- scoring, cached

def code_state() -> str:
    """A hash of every file of toolkit/ as it is on disk (committed or not): the code a run measured."""
    h = hashlib.sha1()
    for f in sorted((ROOT / "toolkit").rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(f"{f.relative_to(ROOT)}\n".encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def corpus_fingerprint(corpus: Path) -> str:
    """A hash of the corpus's files (names, sizes, times): a rebuilt corpus is not read from the cache."""
    h = hashlib.sha1()
    for f in sorted([corpus / "truth.json", *(corpus / "items").iterdir()]):
        st = f.stat()
        h.update(f"{f.name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


class Scorer:
    def __init__(self, limit: int | None, jobs: int, state: str):
        self.limit, self.jobs, self.state = limit, jobs, state
        self.runs = self.cached = 0
        self.seconds = 0.0

    def cache_file(self, corpus: Path, setting: dict) -> Path:
        key = json.dumps({"setting": setting, "limit": self.limit, "code": self.state,
                          "corpus": corpus_fingerprint(corpus)}, sort_keys=True)
        return CACHE / f"{corpus.name}-{hashlib.sha1(key.encode()).hexdigest()[:16]}.txt"

    def score(self, corpus: Path, setting: dict | None = None) -> dict[str, str] | None:
        """The scorer's summary of ``corpus`` with the knob ``setting`` (cached); None when it failed."""
        setting = setting or {}
        cached = self.cache_file(corpus, setting)
        if cached.is_file():
            self.cached += 1
            return parse_summary(cached.read_text(encoding="utf-8"))
        cmd = shlex.join([sys.executable, str(ROOT / "bench" / "tuned_toolkit.py")])
        argv = [sys.executable, str(SCORER), str(corpus), "--cmd", cmd, "--jobs", str(self.jobs)]
        if self.limit:
            argv += ["--limit", str(self.limit)]
        env = dict(os.environ, **{ENV: json.dumps(setting)})
        started = time.monotonic()
        proc = subprocess.run(argv, capture_output=True, text=True, check=False, env=env)
        secs = time.monotonic() - started
        self.runs += 1
        self.seconds += secs
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("corpus=")]
        if not lines:
            print(f"eval: {corpus.name}: scorer failed: {proc.stderr.strip()[-300:]}")
            return None
        CACHE.mkdir(parents=True, exist_ok=True)
        cached.write_text(lines[-1] + "\n", encoding="utf-8")
        label = json.dumps(setting) if setting else "defaults"
        print(f"{lines[-1]}  [{label}, {secs:.0f} s]", flush=True)
        return parse_summary(lines[-1])


# ---------------------------------------------------------------------------- corpora

def corpus_kind(path: Path) -> str:
    return (path / "kind").read_text(encoding="utf-8").strip()


def ensure_text_twin() -> Path | None:
    """build/corpora/fundus-text, made when missing (None without fundus or Chromium)."""
    src, out = SHARED / "corpus" / TEXT_TWIN[0], BUILD / "corpora" / TEXT_TWIN[1]
    if (out / "kind").is_file():
        return out
    if not (src / "truth.json").is_file():
        return None
    import make_text_corpus

    if not make_text_corpus.CHROMIUM.is_file():
        print(f"eval: {TEXT_TWIN[1]} not built: {make_text_corpus.CHROMIUM} is missing")
        return None
    n, failed, secs = make_text_corpus.build(src, out)
    print(f"eval: built {out} ({n} items, {len(failed)} failed, {secs:.0f} s)")
    return out


def held_half(ggt: Path) -> Path:
    """build/eval-cache/<name>-held: the held-out half of bench/speakers.py's split (links to the items)."""
    from speakers import half

    out = CACHE / f"{ggt.name}-held"
    truth = json.loads((ggt / "truth.json").read_text(encoding="utf-8"))
    kept = {k: v for k, v in truth.items() if half(k) == "held"}
    (out / "items").mkdir(parents=True, exist_ok=True)
    for item in (ggt / "items").iterdir():
        link = out / "items" / item.name
        if item.stem in kept and not link.exists():
            link.symlink_to(item)
    (out / "truth.json").write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    (out / "kind").write_text(corpus_kind(ggt) + "\n", encoding="utf-8")
    return out


# ---------------------------------------------------------------------------- tables

def quick_table(rows: list[tuple[str, dict]]) -> None:
    print(f"{'corpus':16}" + "".join(f"{c:>14}" for c in COLUMNS))
    for name, vals in rows:
        print(f"{name:16}" + "".join(f"{vals.get(c, '-'):>14}" for c in COLUMNS))


def markdown_table(rows: list[tuple[str, str, dict, dict | None]]) -> list[str]:
    """(corpus, kind, in-sample summary, LOCO summary) -> markdown lines, 'in-sample / LOCO' per cell."""
    metrics = [m for m in TABLE_METRICS if any(m in r[2] for r in rows)]
    out = ["| corpus | n | " + " | ".join(metrics) + " |", "|---|---:|" + "---:|" * len(metrics)]
    for name, _kind, ins, loco in rows:
        cells = []
        for m in metrics:
            a = ins.get(m, "-")
            b = loco.get(m, "-") if loco else "-"
            cells.append(a if a == "-" else f"{a} / {b}")
        n = ins.get("n", "-")
        if loco and loco.get("n", n) != n:
            n = f"{n} / {loco['n']}"  # the quotes corpus's held-out half is smaller
        out.append(f"| {name} | {n} | " + " | ".join(cells) + " |")
    return out


# ---------------------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="*")
    ap.add_argument("--limit", type=int, default=None, help="score only each corpus's first N items")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--no-loco", action="store_true", help="only the in-sample figures (the quick table)")
    args = ap.parse_args()
    corpus_root = SHARED / "corpus"
    if not corpus_root.is_dir() or not SCORER.is_file():
        print("eval: ../shared/corpus or the scorer is absent; nothing to score")
        return 0
    paths = {p.name: p for p in sorted(corpus_root.iterdir()) if (p / "kind").is_file()}
    if not args.corpora or TEXT_TWIN[1] in args.corpora:
        twin = ensure_text_twin()
        if twin is not None:
            paths[twin.name] = twin
    names = args.corpora or list(paths)
    unknown = [n for n in names if n not in paths]
    if unknown:
        print(f"eval: no corpus named {', '.join(unknown)} (have: {', '.join(paths)})")
        return 2
    started = time.monotonic()
    scorer = Scorer(args.limit, args.jobs, code_state())
    kinds = {n: corpus_kind(paths[n]) for n in names}
    ins = {n: scorer.score(paths[n]) for n in names}
    ok = [n for n in names if ins[n] is not None]
    print()
    quick_table([(n, ins[n]) for n in ok])
    if args.no_loco:
        return warn_if_changed(scorer.state)

    # every knob value on every corpus of the knob's kind (one knob varied at a time)
    tables: dict[str, dict[str, dict[float, float | None]]] = {}
    for knob in KNOBS:
        tables[knob.name] = {}
        for n in (n for n in ok if kinds[n] == knob.kind):
            row = {knob.default: objective(ins[n])}
            for value in knob.candidates:
                summary = scorer.score(paths[n], knob.setting(value))
                row[value] = objective(summary) if summary else None
            tables[knob.name][n] = row
    print("\nobjective (mean of " + ", ".join(OBJECTIVE) + " present) per knob value:")
    for knob in KNOBS:
        for n, row in tables[knob.name].items():
            cells = "  ".join(f"{v:g}={s:.4f}" if s is not None else f"{v:g}=-" for v, s in row.items())
            print(f"  {knob.name:24} {n:16} {cells}")

    rows, choices = [], []
    for n in ok:
        if kinds[n] == "quotes":
            held = scorer.score(held_half(paths[n]))
            rows.append((n, kinds[n], ins[n], held))
            choices.append(f"  {n}: no knobs; LOCO-like = held-out half of bench/speakers.py's split "
                           f"(n={held.get('n', '-') if held else '-'})")
            continue
        knobs = [k for k in KNOBS if k.kind == kinds[n]]
        setting, chosen = loco_setting(knobs, tables, n)
        rows.append((n, kinds[n], ins[n], scorer.score(paths[n], setting)))
        choices.append(f"  {n}: " + ", ".join(f"{k}={v:g}" for k, v in chosen.items()))
    print("\nknob values chosen without the scored corpus:")
    print("\n".join(choices))
    print("\nin-sample / leave-one-corpus-out" + (f" (first {args.limit} items of each corpus)" if args.limit else ""))
    print("\n".join(markdown_table(rows)))
    print(f"\neval: {scorer.runs} scorer runs ({scorer.seconds:.0f} s), {scorer.cached} from the cache, "
          f"{time.monotonic() - started:.0f} s in all")
    return warn_if_changed(scorer.state)


def warn_if_changed(state: str) -> int:
    """Says so when toolkit/ changed while the corpora were scored (the runs then mix two versions)."""
    if code_state() != state:
        print("eval: warning: toolkit/ changed during this run; its figures may mix two versions: "
              "run again on a quiet tree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
