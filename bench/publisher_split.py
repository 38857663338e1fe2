"""Per-publisher scores of the HTML reader's header fields, to see which rules generalise.

Usage:
    publisher_split.py [CORPUS_DIR] [--limit N] [--only PREFIX] [--misses FIELD]
                       [--save NAME] [--compare NAME]

Reads a corpus (default ../shared/corpus/fundus), groups its items by publisher (fundus ids are
"<cc>-<Publisher>-<version>"; other corpora by the page's canonical or og:url domain), runs
`toolkit inspect ITEM --json` once per item and scores title, subtitle, authors and date with
the shared scorer's own functions (../shared/tools/eval/score.py: coerce and score_item).

Each inspect result is cached in build/eval-cache/<corpus>/ under a key made of the item's
bytes and every file under toolkit/, so a rerun after no code change costs nothing.

--misses FIELD   prints, for every item below 1.0 on FIELD, the prediction beside the truth.
--save NAME      keeps the per-publisher figures in build/eval-cache/<corpus>/NAME.json.
--compare NAME   for each field: on how many publishers the current code helps and hurts
                 against the saved figures (the leave-one-publisher-out view: a rule that
                 helps one publisher only and hurts none is a fit to that publisher).
Skips (exit 0) when the corpus or the scorer is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "eval" / "score.py"
CACHE = ROOT / "build" / "eval-cache"
FIELDS = ("title", "subtitle_f1", "authors_f1", "date")
FIELD_KEYS = {"title": "title", "subtitle_f1": "subtitle", "authors_f1": "authors", "date": "date"}
CANONICAL = re.compile(r"""<(?:link[^>]+rel=["']canonical["'][^>]*href|meta[^>]+property=["']og:url["'][^>]*content)"""
                       r"""=["']https?://([^/"']+)""", re.I)


def load_scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def code_key() -> str:
    """A digest of every file under toolkit/: a code change makes every cached result stale."""
    digest = hashlib.sha1()
    for path in sorted((ROOT / "toolkit").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def publisher_of(item_id: str, html: str, fundus: bool) -> str:
    if fundus:
        return "-".join(item_id.split("-")[:2])
    found = CANONICAL.search(html)
    host = found.group(1).lower() if found else "unknown"
    return host[4:] if host.startswith("www.") else host


def inspect(path: Path, cache_dir: Path, code: str) -> dict:
    data = path.read_bytes()
    key = hashlib.sha1(data + code.encode()).hexdigest()[:16]
    cached = cache_dir / f"{path.stem}-{key}.json"
    if cached.is_file():
        return json.loads(cached.read_text(encoding="utf-8"))
    toolkit = str(Path(sys.executable).parent / "toolkit")
    proc = subprocess.run([toolkit, "inspect", str(path), "--json"], capture_output=True, text=True,
                          timeout=180, check=False)
    try:
        pred = json.loads(proc.stdout) if proc.returncode == 0 else {}
    except ValueError:
        pred = {}
    for stale in cache_dir.glob(f"{path.stem}-*.json"):
        stale.unlink()
    cached.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    return pred


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def score_corpus(corpus: Path, args: argparse.Namespace, scorer) -> tuple[dict, dict]:
    """Per-item scores and the items grouped by publisher."""
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    ids = sorted(i for i in truth if args.only is None or i.startswith(args.only))
    if args.limit:
        ids = ids[:args.limit]
    cache_dir = CACHE / corpus.name
    cache_dir.mkdir(parents=True, exist_ok=True)
    code = code_key()
    fundus = corpus.name == "fundus"
    scores, groups, preds = {}, defaultdict(list), {}
    for n, item_id in enumerate(ids, 1):
        path = next((corpus / "items" / f"{item_id}{ext}" for ext in (".html", ".htm")
                     if (corpus / "items" / f"{item_id}{ext}").is_file()), None)
        if path is None:
            continue
        html = path.read_text(encoding="utf-8", errors="replace")
        pred = scorer.coerce(inspect(path, cache_dir, code))
        preds[item_id] = pred
        scores[item_id] = scorer.score_item(pred, truth[item_id], html)
        groups[publisher_of(item_id, html, fundus)].append(item_id)
        print(f"\r{n}/{len(ids)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    if args.misses:
        field = args.misses
        key = FIELD_KEYS.get(field, field)
        for item_id in ids:
            value = scores.get(item_id, {}).get(field)
            if value is not None and value < 1.0:
                print(f"-- {item_id} {field}={value:.2f}\n   pred:  {preds[item_id].get(key)!r}\n"
                      f"   truth: {truth[item_id].get(key)!r}")
    return scores, dict(groups)


def per_publisher(scores: dict, groups: dict) -> dict[str, dict[str, float]]:
    table = {}
    for pub, items in sorted(groups.items()):
        row = {}
        for field in FIELDS:
            value = mean([scores[i][field] for i in items if field in scores[i]])
            if value is not None:
                row[field] = round(value, 4)
        table[pub] = row
    return table


def report(table: dict, scores: dict) -> None:
    print(f"{'publisher':32}" + "".join(f"{f:>13}" for f in FIELDS))
    for pub, row in table.items():
        cells = "".join(f"{row[f]:>13.3f}" if f in row else f"{'-':>13}" for f in FIELDS)
        print(f"{pub[:32]:32}{cells}")
    print()
    for field in FIELDS:
        items = [s[field] for s in scores.values() if field in s]
        pubs = [row[field] for row in table.values() if field in row]
        if items:
            print(f"{field:12} items {mean(items):.3f} (n={len(items)})   publisher mean {mean(pubs):.3f} "
                  f"(n={len(pubs)})   publishers below 1: {sum(1 for p in pubs if p < 1)}")


def compare(table: dict, saved: dict) -> None:
    print("\nagainst the saved figures, per field: publishers helped / hurt (names of the hurt)")
    for field in FIELDS:
        helped, hurt = [], []
        for pub, row in table.items():
            before = saved.get(pub, {}).get(field)
            if before is None or field not in row:
                continue
            if row[field] > before + 1e-9:
                helped.append(pub)
            elif row[field] < before - 1e-9:
                hurt.append(pub)
        print(f"{field:12} helped {len(helped):3}  hurt {len(hurt):3}  {' '.join(hurt)[:200]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(SHARED / "corpus" / "fundus"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--only", default=None, help="item ids starting with this")
    ap.add_argument("--misses", choices=FIELDS, default=None)
    ap.add_argument("--save", default=None)
    ap.add_argument("--compare", default=None)
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not (corpus / "truth.json").is_file() or not SCORER.is_file():
        print("publisher_split: the corpus or the shared scorer is absent; nothing to score")
        return 0
    scores, groups = score_corpus(corpus, args, load_scorer())
    table = per_publisher(scores, groups)
    report(table, scores)
    if args.compare:
        saved_path = CACHE / corpus.name / f"{args.compare}.json"
        compare(table, json.loads(saved_path.read_text(encoding="utf-8")))
    if args.save:
        (CACHE / corpus.name / f"{args.save}.json").write_text(json.dumps(table, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
