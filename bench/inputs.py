"""Benchmark inputs made at run time: a batch from the dev corpora and the seed, the seed repeated k times."""

from __future__ import annotations

import shutil
from pathlib import Path

from measure import ROOT

SEED = ROOT / "seeds" / "kazakhstan-xinjiang-camps.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
CORPORA = ("wcxb-dev-text", "wcxb-dev-html", "fundus")  # articles, not quote snippets

PANDOC_ONE = r"""#!/bin/sh
# The pipeline a user would script around pandoc: HTML and EPUB by pandoc, PDF by the WeasyPrint CLI.
in="$1"; out="$2"; pandoc="$3"; weasy="$4"
base=$(basename "$in"); stem="${base%.*}"
case "$in" in *.html|*.htm) f=html;; *) f=markdown;; esac
"$pandoc" --sandbox -f $f -s --metadata pagetitle="$stem" "$in" -o "$out/$stem.html" 2>/dev/null
"$pandoc" --sandbox -f $f --metadata title="$stem" "$in" -o "$out/$stem.epub" 2>/dev/null
"$weasy" -q "$out/$stem.html" "$out/$stem.pdf" 2>/dev/null
exit 0
"""


def make_batch(folder: Path, n: int) -> dict[str, int]:
    """``n`` articles: the seed plus corpus items taken in turn from each corpus; seed copies if no corpus."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copy(SEED, folder / "000-seed.txt")
    pools = []
    for name in CORPORA:
        items = CORPUS / name / "items"
        if items.is_dir():
            pools.append(sorted(p for p in items.iterdir() if p.suffix in (".txt", ".html")))
    counts = {"seed": 1}
    i = 1
    while i < n and any(pools):
        for pool in pools:
            if pool and i < n:
                src = pool.pop(0)
                shutil.copy(src, folder / f"{i:03d}-{src.parent.parent.name}{src.suffix}")
                counts[src.parent.parent.name] = counts.get(src.parent.parent.name, 0) + 1
                i += 1
    text = SEED.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines()[1:] if line.strip())
    while i < n:  # no corpus here: seed variants with their own titles
        (folder / f"{i:03d}-seed.txt").write_text(text.replace(title, f"{title} ({i})", 1), encoding="utf-8")
        counts["seed"] += 1
        i += 1
    return counts


def make_repeated(folder: Path, k: int) -> Path:
    """The seed's page furniture and headline once, then its body ``k`` times as one article.

    Repeats carry a ``(n)`` mark on each paragraph: the text reader rightly treats paragraphs that
    occur twice on a page as furniture, which would leave a one-paragraph article.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"seed-x{k}.txt"
    blocks = SEED.read_text(encoding="utf-8").strip().split("\n\n")
    first_body = next(i for i, b in enumerate(blocks) if len(b) > 400)
    head, body = blocks[:first_body], blocks[first_body:]
    repeated = [b if n == 0 else f"{b} ({n + 1})" for n in range(k) for b in body]
    path.write_text("\n\n".join(head + repeated) + "\n", encoding="utf-8")
    return path


# The same pipeline's print edition alone: pandoc's HTML laid out by the WeasyPrint CLI.
PANDOC_PDF = r"""#!/bin/sh
in="$1"; out="$2"; pandoc="$3"; weasy="$4"
base=$(basename "$in"); stem="${base%.*}"
case "$in" in *.html|*.htm) f=html;; *) f=markdown;; esac
"$pandoc" --sandbox -f $f -s --metadata pagetitle="$stem" "$in" -o "$out/$stem.html" 2>/dev/null
"$weasy" -q "$out/$stem.html" "$out/$stem.pdf" 2>/dev/null
exit 0
"""


def pandoc_script(folder: Path, pdf_only: bool = False) -> Path:
    path = folder / ("pandoc-pdf.sh" if pdf_only else "pandoc-one.sh")
    path.write_text(PANDOC_PDF if pdf_only else PANDOC_ONE, encoding="utf-8")
    path.chmod(0o755)
    return path


def make_seed_variants(folder: Path, n: int) -> list[Path]:
    """``n`` articles made of the seed's text, varied: each with its own title and, after the first,
    one body paragraph left out in turn, so that lengths, page breaks and pull quotes differ."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    text = SEED.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines()[1:] if line.strip())
    blocks = text.strip().split("\n\n")
    first_body = next(i for i, b in enumerate(blocks) if len(b) > 400)
    paths = []
    for i in range(n):
        kept = blocks if i == 0 else [b for k, b in enumerate(blocks)
                                      if k < first_body or (k - first_body) != (i - 1) % (len(blocks) - first_body)]
        body = "\n\n".join(kept) + "\n"
        path = folder / f"{i:03d}-seed.txt"
        path.write_text(body if i == 0 else body.replace(title, f"{title} ({i})", 1), encoding="utf-8")
        paths.append(path)
    return paths
