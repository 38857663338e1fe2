"""Precision of the speakers an edition shows, at each confidence threshold, on ggt-dev.

For every article of ../shared/corpus/ggt-dev the toolkit reads the text in process, and each
predicted quotation (with its ``rule`` and ``confidence``) is paired with the annotated ones exactly
as the shared scorer pairs them (0.3 character overlap, best first). A shown speaker is *right*
when it shares a name token with the annotated speaker, *wrong* when the pair's annotation names
someone else, and *not speech* when the quotation matches no annotated quote.

    precision = right / (right + wrong)          of the shown speakers of direct quotes (the issue's measure)
    strict    = right / (right + wrong + not speech)
    coverage  = right / named direct quotes      of the annotated ones

Each part of a quotation split by its attribution counts as one, as the edition marks each part.

The articles are split in two halves by a hash of their id: ``--tune`` measures each rule's
precision on the tuning half (the table in toolkit/passes/speech/confidence.py), the default
reports the thresholds on the held-out half (``--half all`` for both). Skips without the corpus.

    .venv/bin/python bench/speakers.py [--half tune|held|all] [--tune] [--show-wrong]
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "ggt-dev"
SCORER = ROOT.parent / "shared" / "tools" / "eval" / "score.py"
THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def half(item_id: str) -> str:
    return "tune" if int(hashlib.sha1(item_id.encode()).hexdigest(), 16) % 2 == 0 else "held"


def predicted(doc, join: bool = False) -> list[dict]:
    """The document's quotations with rule and confidence. Each part of a quotation split by its
    attribution is one entry, as the annotated edition marks each part with its speaker (``join``:
    the parts joined, as the summary JSON and the shared scorer have them)."""
    from toolkit.writers.summary import quotes_of

    return quotes_of(doc, join=join, evidence=True)


def pairs(score, pred: list[dict], truth: list[dict], text: str) -> dict[int, int]:
    """Predicted index -> truth index, the scorer's greedy pairing at 0.3 overlap."""
    art = score.Article(text)
    tq = [q for q in truth if score.strip_quote_marks(q.get("text"))]
    tloc = [art.locate(score.strip_quote_marks(q["text"])) for q in tq]
    ploc = [art.locate(score.strip_quote_marks(q["text"])) for q in pred]
    cand = []
    for i, q in enumerate(tq):
        for j, r in enumerate(pred):
            if tloc[i] and ploc[j]:
                ov = len(tloc[i] & ploc[j]) / len(tloc[i])
            else:
                ov = score._word_weight_overlap(score.strip_quote_marks(q["text"]), score.strip_quote_marks(r["text"]))
            if ov >= 0.3:
                cand.append((ov, i, j))
    cand.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_t, out = set(), {}
    for _, i, j in cand:
        if i not in used_t and j not in out:
            used_t.add(i)
            out[j] = i
    return out, tq


def collect(which: str) -> tuple[list[dict], int]:
    """Every predicted direct quotation with a speaker: its rule, confidence and verdict."""
    from toolkit.pipeline import read

    score = load_scorer()
    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    rows, named = [], 0
    for item_id in sorted(truth):
        if which != "all" and half(item_id) != which:
            continue
        path = CORPUS / "items" / f"{item_id}.txt"
        text = path.read_text(encoding="utf-8")
        tquotes = truth[item_id].get("quotes") or []
        named += sum(1 for q in tquotes if q.get("direct") and score.name_tokens(q.get("reference") or q.get("speaker") or ""))
        pred = [q for q in predicted(read(path)) if score.strip_quote_marks(q["text"])]
        matched, tq = pairs(score, pred, tquotes, text)
        for j, q in enumerate(pred):
            if not q["direct"] or not q["speaker"]:
                continue
            i = matched.get(j)
            if i is None:
                verdict = "not-speech"
            elif not score.name_tokens(tq[i].get("reference") or tq[i].get("speaker") or ""):
                verdict = "unnamed"
            elif not tq[i].get("direct"):
                verdict = "right-indirect" if score._speaker_ok(q["speaker"], tq[i]) else "wrong-indirect"
            else:
                verdict = "right" if score._speaker_ok(q["speaker"], tq[i]) else "wrong"
            rows.append({**q, "id": item_id, "verdict": verdict,
                         "truth": (tq[i].get("reference") or tq[i].get("speaker")) if i is not None else ""})
    return rows, named


def table(rows: list[dict], named: int) -> list[dict]:
    out = []
    for t in THRESHOLDS:
        shown = [r for r in rows if r["confidence"] >= t]
        c = collections.Counter(r["verdict"] for r in shown)
        right, wrong = c["right"], c["wrong"]
        out.append({"threshold": t, "shown": len(shown), "right": right, "wrong": wrong,
                    "not_speech": c["not-speech"], "precision": right / max(1, right + wrong),
                    "strict": right / max(1, right + wrong + c["not-speech"]),
                    "coverage": right / max(1, named)})
    return out


def tune(rows: list[dict]) -> None:
    """Each attribution rule's and each resolution's precision, smoothed: (right + 1) / (shown + 2),
    a quotation that is not speech counted as wrong; a rule seen rarely stays near 0.5."""
    from toolkit.passes.speech.confidence import WEAK_RESOLUTIONS, general

    for part in (0, 1):
        c: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for r in rows:
            attribution, _, resolution = r["rule"].partition("+")
            if part == 0 and resolution in WEAK_RESOLUTIONS:
                continue  # an error there is the resolution's
            c[general(attribution) if part == 0 else resolution][r["verdict"]] += 1
        print(("attribution" if part == 0 else "resolution") + " rules: right wrong not-speech -> precision")
        for key, v in sorted(c.items(), key=lambda kv: -sum(kv[1].values())):
            ok, bad = v["right"] + v["right-indirect"], v["wrong"] + v["wrong-indirect"]
            print(f"  {key:28} {ok:4} {bad:4} {v['not-speech']:4} -> {(ok + 1) / (ok + bad + v['not-speech'] + 2):.2f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--half", choices=("tune", "held", "all"), default="held")
    ap.add_argument("--tune", action="store_true", help="per-rule precision on the tuning half")
    ap.add_argument("--show-wrong", action="store_true")
    args = ap.parse_args()
    if not CORPUS.is_dir() or not SCORER.is_file():
        print("speakers: ../shared/corpus/ggt-dev or the scorer is absent; nothing to measure")
        return 0
    which = "tune" if args.tune else args.half
    rows, named = collect(which)
    if args.tune:
        tune(rows)
    if args.show_wrong:
        for r in rows:
            if r["verdict"] in ("wrong", "not-speech", "wrong-indirect"):
                print(f"{r['verdict']:10} {r['id']} {r['rule']:32} {r['confidence']:.2f} {r['speaker']!r} "
                      f"(truth {r['truth']!r})")
    print(f"half={which} named direct quotes={named}")
    print("threshold  shown  right  wrong  not-speech  precision  strict  coverage")
    for row in table(rows, named):
        print(f"{row['threshold']:9.2f} {row['shown']:6} {row['right']:6} {row['wrong']:6} {row['not_speech']:11}"
              f" {row['precision']:10.3f} {row['strict']:7.3f} {row['coverage']:9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
