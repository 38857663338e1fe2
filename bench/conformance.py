"""Every edition of many articles through the shared QA referees (make conformance, issue 16).

Articles: PER_CORPUS items of every development corpus in ../shared/corpus (sorted ids, then a fixed-seed
sample; the quotes corpus's items are text dumps), plus every Markdown, RST and HTML fixture under
tests/fixtures/ and the DOCX and ODT pandoc makes of the preservation article (tests/hostile/ is input made
to be invalid on purpose and is left out). Each article is built with
``toolkit build IN --to pdf,epub,html -o build/conformance/<id>/`` and the folder is judged with
``check-all`` (EPUBCheck + DAISY Ace, qpdf/poppler/pikepdf, Nu + axe), two articles at a time under
``nice``. Writes build/conformance/report.tsv (article, edition, checker, result, first message) and
report.md (pass table per edition and checker, then every failure), and prints the pass rates.
Exit 0 when everything passed, 1 otherwise, 2 when the QA tools are missing.

    .venv/bin/python bench/conformance.py [--per-corpus N] [--limit N] [--jobs N] [--only SUBSTRING ...] [--qa DIR]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from preserve import IMAGE, draw_image, run_pandoc, toolkit_command  # bench/ is a folder of scripts

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
QA = ROOT.parent / "shared" / "tools" / "qa"
FIXTURES = ROOT / "tests" / "fixtures"
OUT = ROOT / "build" / "conformance"
SEED = 16  # the number: the sample never changes unless the corpora do
PER_CORPUS = 10
FIXTURE_SUFFIXES = (".md", ".rst", ".html", ".htm", ".docx", ".odt")
EDITION = {".pdf": "pdf", ".epub": "epub", ".html": "html"}
# A checker's tool headings (lines that start a tool's section in its output) and the summary keys it owns.
TOOLS = {
    "epub": (("EPUBCheck", "epubcheck", ("fatal", "errors", "warnings")), ("Ace", "ace", ("ace_violations",))),
    "html": (("vnu", "vnu", ("vnu_errors",)), ("axe", "axe", ("axe_violations",)),
             ("static scan", "network", ("remote_refs",)), ("network", "network", ("network_requests",))),
    "pdf": (("", "check-pdf", ("failures",)),),
}


@dataclass
class Row:
    article: str
    edition: str
    checker: str
    result: str  # PASS, FAIL, ERROR
    message: str = ""


def corpus_articles(per_corpus: int) -> list[tuple[str, Path]]:
    """(id, input) for a fixed sample of every corpus; none when the corpora are absent."""
    if not CORPUS.is_dir():
        return []
    out = []
    for corpus in sorted(p for p in CORPUS.iterdir() if (p / "items").is_dir()):
        items = sorted(p for p in (corpus / "items").iterdir() if p.suffix in (".txt", ".html"))
        for item in sorted(random.Random(f"{SEED}-{corpus.name}").sample(items, min(per_corpus, len(items)))):
            out.append((f"{corpus.name}-{item.stem}", item))
    return out


def fixture_articles(work: Path) -> list[tuple[str, Path]]:
    """(id, input) for every hand-written fixture, copied with its folder (images, bibliographies), plus the
    DOCX and ODT versions of the preservation article."""
    out = []
    for folder in sorted({p.parent for p in FIXTURES.rglob("*") if p.suffix in FIXTURE_SUFFIXES}):
        rel = folder.relative_to(FIXTURES)
        if "hostile" in rel.parts:
            continue
        dest = work / (str(rel).replace("/", "-") if str(rel) != "." else "top")
        shutil.copytree(folder, dest, dirs_exist_ok=True)
        draw_image(dest / IMAGE)
        for path in sorted(dest.iterdir()):
            if path.suffix in FIXTURE_SUFFIXES:
                out.append((f"fixture-{dest.name}-{path.stem}{path.suffix.replace('.', '-')}", path))
    preserve = work / "preserve" / "article.md"
    if preserve.exists():
        for fmt in ("docx", "odt"):
            run_pandoc(["--citeproc", "-s", "-t", fmt, "-o", f"article.{fmt}", preserve.name], cwd=preserve.parent)
            out.append((f"fixture-preserve-article-{fmt}", preserve.with_suffix("." + fmt)))
    return out


def build(article: str, source: Path) -> tuple[Path, list[Row]]:
    folder = OUT / article
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    proc = subprocess.run(["nice", "-n", "10", toolkit_command(), "build", str(source), "--to", "pdf,epub,html",
                           "-o", str(folder), "-j", "1"], capture_output=True, text=True, check=False, timeout=900)
    (folder / "build.log").write_text(proc.stderr)
    rows = []
    if proc.returncode:
        last = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
        rows.append(Row(article, "build", "toolkit", "FAIL", last))
    return folder, rows


def judge(article: str, folder: Path, qa: Path = QA) -> list[Row]:
    """check-all on ``folder``; one row per edition and checker."""
    if not any(p.suffix in EDITION for p in folder.iterdir()):
        return []
    proc = subprocess.run(["nice", "-n", "10", str(qa / "check-all"), str(folder)], capture_output=True,
                          text=True, check=False, timeout=1800)
    (folder / "check-all.log").write_text(proc.stdout + proc.stderr)
    rows = []
    for edition, section in sections(proc.stdout):
        rows.extend(section_rows(article, edition, section))
    return rows


def sections(output: str) -> list[tuple[str, list[str]]]:
    """(edition, lines) for each checker's section of check-all's output."""
    out: list[tuple[str, list[str]]] = []
    for line in output.splitlines():
        m = re.match(r"^==== \S+ (.+)$", line)
        if m:
            out.append((EDITION.get(Path(m.group(1)).suffix, "other"), []))
        elif out and not line.startswith(("FILE ", "-----", "all: ")):
            out[-1][1].append(line)
    return out


def section_rows(article: str, edition: str, lines: list[str]) -> list[Row]:
    summary = next((ln for ln in reversed(lines) if re.search(r"-> (PASS|FAIL)\s*$", ln)), "")
    values = {k: v for k, v in re.findall(r"(\w+)=(\S+)", summary)}
    messages: dict[str, list[str]] = defaultdict(list)
    tool = ""
    for line in lines:
        if not line.startswith(" "):
            tool = next((name for head, name, _ in TOOLS.get(edition, ()) if head and line.startswith(head)), tool)
        elif line.strip():
            messages[tool or TOOLS.get(edition, (("", edition, ()),))[0][1]].append(line.strip())
    if not summary:
        first = next((ln.strip() for ln in lines if ln.strip()), "no output")
        return [Row(article, edition, "check-" + edition, "ERROR", first[:300])]
    rows: dict[str, Row] = {}
    for _head, name, keys in TOOLS.get(edition, ()):
        bad = any(values.get(k, "0") not in ("0",) for k in keys)
        if name == "check-pdf":
            bad = summary.rstrip().endswith("FAIL")
        row = rows.setdefault(name, Row(article, edition, name, "PASS"))
        if bad:
            row.result = "FAIL"
            row.message = row.message or (messages.get(name) or [summary.strip()])[0][:300]
    return list(rows.values())


def run_one(article: str, source: Path, qa: Path = QA) -> list[Row]:
    t0 = time.monotonic()
    folder, rows = build(article, source)
    rows += judge(article, folder, qa)
    bad = sum(r.result != "PASS" for r in rows)
    print(f"{article}: {len(rows) - bad}/{len(rows)} pass ({time.monotonic() - t0:.0f} s)", flush=True)
    return rows


def read_report(path: Path) -> list[Row]:
    """The rows of an earlier report.tsv (none when there is none)."""
    if not path.exists():
        return []
    lines = path.read_text().splitlines()[1:]
    return [Row(*(line.split("\t") + [""] * 5)[:5]) for line in lines if line.strip()]


def write_reports(rows: list[Row], articles: int, seconds: float) -> tuple[str, str]:
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "report.tsv").open("w") as f:
        f.write("article\tedition\tchecker\tresult\tfirst message\n")
        for r in rows:
            f.write("\t".join((r.article, r.edition, r.checker, r.result, r.message.replace("\t", " "))) + "\n")
    by_article: dict[str, bool] = {}
    for r in rows:
        by_article[r.article] = by_article.get(r.article, True) and r.result == "PASS"
    whole = sum(by_article.values())
    checks = Counter((r.edition, r.checker) for r in rows)
    passed = Counter((r.edition, r.checker) for r in rows if r.result == "PASS")
    good = sum(passed.values())
    lines = ["# Conformance sweep", "", f"{articles} articles, {seconds / 60:.0f} min. "
             f"Articles passing every check: {whole}/{len(by_article)}; checks passed: {good}/{len(rows)}.", "",
             "| edition | checker | pass | of | rate |", "|---|---|---:|---:|---:|"]
    for key in sorted(checks):
        lines.append(f"| {key[0]} | {key[1]} | {passed[key]} | {checks[key]} | {passed[key] / checks[key]:.0%} |")
    failures = [r for r in rows if r.result != "PASS"]
    if failures:
        lines += ["", "## Failures", "", "| article | edition | checker | result | first message |",
                  "|---|---|---|---|---|"]
        lines += [f"| {r.article} | {r.edition} | {r.checker} | {r.result} | {r.message.replace('|', '/')} |"
                  for r in failures]
    (OUT / "report.md").write_text("\n".join(lines) + "\n")
    rate = f"articles passing every check: {whole}/{len(by_article)} ({whole / max(1, len(by_article)):.0%})"
    return rate, f"checks passed: {good}/{len(rows)} ({good / max(1, len(rows)):.1%})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-corpus", type=int, default=PER_CORPUS, help="articles drawn from each corpus")
    ap.add_argument("--limit", type=int, help="only the first N articles (corpora first, then fixtures)")
    ap.add_argument("--jobs", type=int, default=2, help="articles built and checked at once (at most 2)")
    ap.add_argument("--only", nargs="*", default=[], help="only articles whose id contains one of these (the "
                    "earlier report's other rows are kept)")
    ap.add_argument("--no-fixtures", action="store_true")
    ap.add_argument("--qa", type=Path, default=QA, help="the folder of the QA checkers (check-all)")
    args = ap.parse_args(argv)
    if not (args.qa / "check-all").exists():
        print(f"no QA tools at {args.qa}", file=sys.stderr)
        return 2
    if not CORPUS.is_dir():
        print(f"no corpora at {CORPUS}: only the fixtures are checked", file=sys.stderr)
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="conformance-") as tmp:
        articles = corpus_articles(args.per_corpus)
        if not args.no_fixtures:
            articles += fixture_articles(Path(tmp))
        if args.only:
            articles = [a for a in articles if any(s in a[0] for s in args.only)]
        articles = articles[: args.limit] if args.limit else articles
        with ThreadPoolExecutor(max(1, min(2, args.jobs))) as pool:
            results = list(pool.map(lambda a: run_one(*a, args.qa), articles))
    rows = [r for rs in results for r in rs]
    if args.only:  # a re-run of some articles: the earlier report's other articles stay in the table
        again = {a for a, _ in articles}
        earlier = [r for r in read_report(OUT / "report.tsv") if r.article not in again]
        rows = earlier + rows
        articles = sorted({r.article for r in rows})
    whole, checks = write_reports(rows, len(articles), time.monotonic() - t0)
    print(f"{whole}; {checks}; report: {OUT / 'report.md'}")
    return 0 if all(r.result == "PASS" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
