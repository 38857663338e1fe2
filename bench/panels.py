"""Precision of the annotated edition's panels on a judged sample of the development corpora.

The panels are what an editor signs: the index (people and organisations), the sources, the
timeline, the glossary's terms and the voices (shown speakers). For a fixed sample of articles
(``SAMPLE``) this prints each panel's entries with a key (a hash of the panel, the article and the
entry, so that no corpus text is stored here); ``bench/panel_judgments.json`` holds a person's
verdict on each key (true: right, false: wrong). Keys without a verdict are listed as unjudged.

    .venv/bin/python bench/panels.py            precision per panel over the judged entries the edition shows
    .venv/bin/python bench/panels.py --all      the same over every entry, held ones too (before gating)
    .venv/bin/python bench/panels.py --list     every entry with its key, verdict, rule and confidence

The index, sources and timeline are gated as the annotated edition gates them (each entry's confidence
against its pass's threshold: ``SHOW_ENTITY``, ``SHOW_SOURCE``, ``SHOW_EVENT``); the table says how many
judged entries the gate holds back, right and wrong. A key does not depend on the gate.

Skips (exit 0) without ../shared/corpus.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpus"
JUDGMENTS = Path(__file__).resolve().parent / "panel_judgments.json"
# Articles judged: the first four ggt-dev items and four fundus pages of four publishers, by name order.
SAMPLE = {"ggt-dev": 4, "fundus": 4}
PANELS = ("index", "sources", "timeline", "terms", "voices")


def key(panel: str, item: str, entry: str) -> str:
    return hashlib.sha1(f"{panel}\0{item}\0{entry}".encode()).hexdigest()[:12]


def sample_items() -> list[tuple[str, Path]]:
    out = []
    for corpus, n in SAMPLE.items():
        items = sorted((CORPORA / corpus / "items").iterdir())
        if corpus == "fundus":
            seen, chosen = set(), []
            for p in items:
                publisher = p.stem.rsplit("-", 1)[0]
                if publisher not in seen:
                    seen.add(publisher)
                    chosen.append(p)
            items = chosen
        out += [(f"{corpus}/{p.stem}", p) for p in items[:n]]
    return out


def entries(path: Path) -> dict[str, list[tuple[str, bool, str]]]:
    """What each panel of the annotated edition lists for one article: (entry, shown, evidence)."""
    from toolkit.passes.dates import event_shown
    from toolkit.passes.entities import entity_shown
    from toolkit.passes.sources import source_shown
    from toolkit.passes.speech.confidence import shown_speakers
    from toolkit.pipeline import read
    from toolkit.tree.nodes import Quote, Term
    from toolkit.tree.walk import iter_nodes, plain_text
    from toolkit.writers.annotated.panels import term_words

    doc = read(path)
    shown = shown_speakers(doc)
    voices = []
    for n in iter_nodes(shown):
        if isinstance(n, Quote) and n.direct and n.speaker:
            person = shown.person(n.speaker)
            voices.append((f"{person.name if person else n.speaker} <- {plain_text(n.children)[:80]}", True, ""))
    return {
        "index": [(f"{e.kind}: {e.name}", entity_shown(e), f"{e.rule} {e.confidence}") for e in doc.entities
                  if e.kind in ("person", "organization")],
        "sources": [(f"{s.kind}: {s.name}", source_shown(s), f"{s.rule} {s.confidence}") for s in doc.sources],
        "timeline": [(f"{e.date}: {e.text[:140]}", event_shown(e), f"{e.rule} {e.confidence}") for e in doc.events],
        "terms": [(f"{term_words(plain_text(n.children))} = {n.attr.get('gloss')}", True, "") for n in iter_nodes(doc)
                  if isinstance(n, Term) and n.attr.get("gloss")],
        "voices": voices,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--all", action="store_true", help="count held entries too (the panels before gating)")
    args = ap.parse_args()
    if not CORPORA.is_dir():
        print("panels: ../shared/corpus is absent; nothing to measure")
        return 0
    verdicts = json.loads(JUDGMENTS.read_text()) if JUDGMENTS.is_file() else {}
    right = {p: 0 for p in PANELS}
    judged = {p: 0 for p in PANELS}
    unjudged = {p: 0 for p in PANELS}
    held_right = {p: 0 for p in PANELS}
    held_wrong = {p: 0 for p in PANELS}
    for item, path in sample_items():
        got = entries(path)
        if args.list:
            print(f"== {item}")
        for panel in PANELS:
            for entry, shown, why in got[panel]:
                k = key(panel, item, entry)
                v = verdicts.get(k)
                if args.list:
                    gate = "" if shown else " HELD"
                    print(f"  {k} {panel:8} {'?' if v is None else 'ok' if v else 'WRONG':5} {entry}"
                          f"{f'  [{why}{gate}]' if why else ''}")
                if not shown and v is not None:
                    (held_right if v else held_wrong)[panel] += 1
                if not shown and not args.all:
                    continue
                if v is None:
                    unjudged[panel] += 1
                else:
                    judged[panel] += 1
                    right[panel] += bool(v)
    print("panel     judged  right  precision  unjudged  held-right  held-wrong")
    for p in PANELS:
        prec = f"{right[p] / judged[p]:.2f}" if judged[p] else "-"
        print(f"{p:9} {judged[p]:6} {right[p]:6} {prec:>10} {unjudged[p]:9} {held_right[p]:11} {held_wrong[p]:11}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
