"""Same work, same yardstick: ``toolkit build FOLDER -j 2`` against the pandoc pipeline run 2 at a time on
the very same files (a section of bench/run.py, ``--only same``).

Two batches, three editions each:

* the seed's text, varied (``inputs.make_seed_variants``): 24 plain-text articles;
* development-corpus articles as extracted Markdown: items taken in turn from the corpora of
  ``inputs.CORPORA``, each converted once with ``toolkit convert ITEM --to markdown`` into
  ``build/bench/same-corpus-md/`` (skipped when /work/shared/corpus is absent).

Both sides read the same files: pandoc reads them as Markdown. The sides run in turn, the first side
swapped every round, so both see the same machine load; medians of wall and CPU seconds (the process
tree's, every descendant included: ``measure.run_tree``) and their ratio. After the last round, the
toolkit's build is run once more with nothing changed (the incremental figure). A batch in which an article fails to build is a
correctness failure (``ok`` False); timings never are.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
from pathlib import Path

from inputs import CORPORA, CORPUS, make_seed_variants, pandoc_script
from measure import ROOT, Run, run_tree, table, toolkit_cmd

WORK = ROOT / "build" / "bench"
CORPUS_MD = WORK / "same-corpus-md"


def corpus_markdown(env: dict, n: int) -> list[Path]:
    """``n`` corpus articles as the toolkit's Markdown, each converted once (kept in CORPUS_MD for later runs)."""
    CORPUS_MD.mkdir(parents=True, exist_ok=True)
    pools = [sorted(p for p in (CORPUS / name / "items").iterdir() if p.suffix in (".txt", ".html"))
             for name in CORPORA if (CORPUS / name / "items").is_dir()]
    made: list[Path] = []
    while len(made) < n and any(pools):
        for pool in pools:
            if not pool or len(made) >= n:
                continue
            src = pool.pop(0)
            out = CORPUS_MD / f"{src.parent.parent.name}-{src.stem}.md"
            if not out.is_file():
                proc = subprocess.run([*toolkit_cmd(), "-q", "convert", str(src), "--to", "markdown", "-o", str(out)],
                                      env=env, capture_output=True, check=False)
                if proc.returncode == 2:  # a usage error: every item would fail the same way
                    raise SystemExit(f"toolkit convert: {proc.stderr.decode(errors='replace').strip()[-300:]}")
                if proc.returncode != 0 or not out.is_file() or out.stat().st_size < 200:
                    out.unlink(missing_ok=True)
                    continue  # an item the reader refuses or finds empty: take the next
            made.append(out)
    return sorted(made)


def _xargs(files: list[Path], out: Path, script: Path, pandoc: str, weasy: Path) -> str:
    listed = " ".join(repr(str(f)) for f in files)
    return f"printf '%s\\n' {listed} | xargs -P 2 -I{{}} sh {script} {{}} {out} {pandoc} {weasy}"


def compare(name: str, folder: Path, env: dict, pd_env: dict, rounds: int, pandoc: str, weasy: Path,
            results: dict) -> tuple[list, bool]:
    """Rows of the table for one batch, and whether every article was built by both sides."""
    files = sorted(p for p in folder.iterdir() if p.is_file())
    script = pandoc_script(WORK)
    ours_out, pd_out = WORK / f"same-{name}-toolkit", WORK / f"same-{name}-pandoc"
    report = WORK / f"same-{name}-report.json"

    def ours(out: Path = ours_out, where: Path = report, *extra: str) -> Run:
        shutil.rmtree(out, ignore_errors=True)
        return run_tree([*toolkit_cmd(), "-q", "build", str(folder), "-o", str(out), "-j", "2",
                         "--report", str(where), *extra], env=env)

    def ours_typst() -> Run:  # its own folders: the rerun below must find the default engine's editions
        where = WORK / f"same-{name}-typst-report.json"
        got = ours(WORK / f"same-{name}-typst", where, "--pdf-engine", "typst")
        typst_counts.update(json.loads(where.read_text())["counts"] if where.is_file() else {})
        return got

    def theirs() -> Run:
        shutil.rmtree(pd_out, ignore_errors=True)
        pd_out.mkdir(parents=True)
        return run_tree(_xargs(files, pd_out, script, pandoc, weasy), env=pd_env, shell=True)

    a: list[Run] = []
    b: list[Run] = []
    t: list[Run] = []
    typst_counts: dict = {}
    for i in range(rounds):
        for side in ((ours, ours_typst, theirs) if i % 2 == 0 else (theirs, ours_typst, ours)):
            (a if side is ours else b if side is theirs else t).append(side())
    counts = json.loads(report.read_text())["counts"] if report.is_file() else {}
    again = run_tree([*toolkit_cmd(), "-q", "build", str(folder), "-o", str(ours_out), "-j", "2",
                 "--report", str(report)], env=env)
    rerun = json.loads(report.read_text())["counts"] if report.is_file() else {}
    pd_files = len([p for p in pd_out.iterdir() if p.suffix in (".pdf", ".epub", ".html")])
    ours_files = len([p for p in ours_out.rglob("*") if p.suffix in (".pdf", ".epub", ".html")])
    ok = all(r.code == 0 for r in a + t) and typst_counts.get("built") == len(files) and again.code == 0 and counts.get("built") == len(files) \
        and ours_files >= 3 * len(files)
    wall_a, wall_b = statistics.median(r.wall for r in a), statistics.median(r.wall for r in b)
    cpu_a, cpu_b = statistics.median(r.cpu for r in a), statistics.median(r.cpu for r in b)
    results[f"same_{name}"] = {"articles": len(files), "rounds": rounds, "toolkit": [r.wall for r in a],
                               "pipeline": [r.wall for r in b], "toolkit_cpu": [r.cpu for r in a],
                               "pipeline_cpu": [r.cpu for r in b], "ratio": wall_a / wall_b,
                               "cpu_ratio": cpu_a / cpu_b if cpu_b else None, "rerun": again.wall,
                               "counts": counts, "rerun_counts": rerun, "pipeline_files": pd_files,
                               "toolkit_files": ours_files, "ok": ok,
                               "toolkit_peak_mib": max(r.peak_mib for r in a),
                               "typst": [r.wall for r in t], "typst_cpu": [r.cpu for r in t],
                               "typst_ratio": statistics.median(r.wall for r in t) / wall_b, "typst_counts": typst_counts}
    label = f"{name} ({len(files)})"
    each = lambda runs: " ".join(f"{r.wall:.1f}" for r in runs)  # noqa: E731
    rows = [[label, "pandoc + pandoc + weasyprint, xargs -P 2", f"{wall_b:.1f}", f"{cpu_b:.1f}", each(b),
             f"{pd_files} files"],
            [label, "toolkit build -j 2", f"{wall_a:.1f}", f"{cpu_a:.1f}", each(a),
             f"{counts.get('built', 0)} built, {counts.get('failed', 0)} failed, {ours_files} files"],
            [label, "ratio (target <= 0.5)", f"{wall_a / wall_b:.2f}x", f"{cpu_a / cpu_b:.2f}x" if cpu_b else "",
             "", ""],
            [label, "toolkit build -j 2 --pdf-engine typst", f"{statistics.median(r.wall for r in t):.1f}",
             f"{statistics.median(r.cpu for r in t):.1f}", each(t),
             f"{typst_counts.get('built', 0)} built, {typst_counts.get('failed', 0)} failed"],
            [label, "ratio, --pdf-engine typst", f"{statistics.median(r.wall for r in t) / wall_b:.2f}x",
             f"{statistics.median(r.cpu for r in t) / cpu_b:.2f}x" if cpu_b else "", "", ""],
            [label, "toolkit build -j 2, no change", f"{again.wall:.2f}", f"{again.cpu:.2f}",
             f"{again.wall / wall_a:.1%} of the first", f"{rerun.get('unchanged', 0)} unchanged"]]
    return rows, ok


def bench_same_texts(env: dict, pd_env: dict, n: int, rounds: int, pandoc: str, weasy: Path,
                     results: dict) -> tuple[str, bool]:
    """The section's table, and False when an article of either batch was not built."""
    rows: list = []
    ok = True
    seed_folder = WORK / "same-seed-in"
    make_seed_variants(seed_folder, n)
    batches = [("seed-varied", seed_folder)]
    if CORPUS.is_dir():
        md = corpus_markdown(env, n)
        folder = WORK / "same-corpus-in"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for path in md:
            shutil.copy(path, folder / path.name)
        batches.append(("corpus-md", folder))
    else:
        rows.append(["corpus-md", f"skipped: no corpus at {CORPUS}", "", "", "", ""])
    for name, folder in batches:
        got, good = compare(name, folder, env, pd_env, rounds, pandoc, weasy, results)
        rows += got
        ok = ok and good
    title = (f"Same texts, three editions, 2 at a time: toolkit build -j 2 against the pipeline through xargs -P 2 "
             f"({rounds} rounds, sides in turn; CPU = the process tree's user + system seconds)")
    return table(title, ["batch", "run", "median wall s", "median CPU s", "each run s", "result"], rows), ok
