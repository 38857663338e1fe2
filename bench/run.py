"""The speed benchmark (make bench): seed vs pandoc, a 200-article batch, scaling, start-up. Prints tables.

The ``kinds`` section runs bench/scaling.py (pathological inputs; exits 1 when one is not near-linear).
The ``same`` section (bench/same_texts.py) runs the batch and the pipeline on the same files; the
``service`` section (bench/service.py) measures a running ``toolkit serve``. Both exit 1 when a
correctness check fails (an article not built, a request failed, bytes that differ), never on timing.

Not part of `make test`: these are measurements on a shared machine, not pass/fail checks.
Usage: run.py [--only startup,seed,speedup,scaling,kinds,batch,same,service] [--articles 200] [--repeat 5]
              [--sizes 1,10,50,100] [--same-articles 24] [--rounds 3] [--requests 50] [--clients 8]
Results also go to build/bench/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inputs import SEED, make_batch, make_repeated, pandoc_script
from measure import ROOT, machine, median, median_cpu, run, snapshot_env, table, toolkit_cmd
from same_texts import bench_same_texts
from service import bench_service

WORK = ROOT / "build" / "bench"
VENV_BIN = Path(sys.executable).parent
REFUSE_NETWORK = {"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}

SCALE_DRIVER = r"""
import json, resource, sys, time
from toolkit.options import Context, Options
from toolkit.pipeline import read, render
fmt, path, seed = sys.argv[1:4]
opts = Options()
ctx = Context(options=opts)
render(read(seed, ctx=ctx), fmt, opts, ctx)  # warm: imports, fonts, styles
t0, c0 = time.perf_counter(), time.process_time()
ctx = Context(options=opts)
doc = read(path, ctx=ctx)
t1, c1 = time.perf_counter(), time.process_time()
data = render(doc, fmt, opts, ctx)
t2, c2 = time.perf_counter(), time.process_time()
print(json.dumps({"read": t1 - t0, "render": t2 - t1, "read_cpu": c1 - c0, "render_cpu": c2 - c1,
                  "bytes": len(data), "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def bench_seed(env: dict, repeat: int, results: dict) -> str:
    """The seed cold, one command: three editions, and the PDF alone, with each print engine, against the
    pipeline (three editions) and its PDF alone (pandoc's HTML through the WeasyPrint CLI); all in turn."""
    out_ours, out_pd = WORK / "seed-ours", WORK / "seed-pandoc"
    for d in (out_ours, out_pd):
        d.mkdir(parents=True, exist_ok=True)
    script, pdf_script = pandoc_script(WORK), pandoc_script(WORK, pdf_only=True)
    pd_env = dict(env, **REFUSE_NETWORK)

    def ours(*extra: str, environ: dict | None = None):
        return lambda: run([*toolkit_cmd(), "-q", "build", str(SEED), "-o", str(out_ours), "--force", *extra],
                           env=environ or env)

    def theirs(path: Path):
        return lambda: run(["sh", str(path), str(SEED), str(out_pd), pandoc_path(), str(VENV_BIN / "weasyprint")],
                           env=pd_env)

    sides = {"three": ours(), "serial": ours(environ=dict(env, TOOLKIT_PRINT_PROCESS="0")),
             "three_typst": ours("--pdf-engine", "typst"), "pipeline": theirs(script),
             "pdf": ours("--to", "pdf"), "pdf_typst": ours("--to", "pdf", "--pdf-engine", "typst"),
             "pipeline_pdf": theirs(pdf_script)}
    for side in sides.values():  # page cache, byte-code, the compiled cffi declarations
        side()
    runs: dict[str, list] = {name: [] for name in sides}
    for i in range(repeat):  # in turn: all see the same machine load, as far as a shared machine allows
        order = list(sides.items())
        for name, side in (order if i % 2 == 0 else order[::-1]):
            runs[name].append(side())
    bad = {name: [r.code for r in got] for name, got in runs.items() if any(r.code != 0 for r in got)}
    if bad:
        raise SystemExit(f"a build of the seed failed (exits {bad})")
    b, bp = runs["pipeline"], runs["pipeline_pdf"]
    results["seed"] = {name: {"wall": [r.wall for r in got], "cpu": [r.cpu for r in got]} for name, got in runs.items()}
    results["seed"].update(ratio=median(runs["three"]) / median(b), ratio_typst=median(runs["three_typst"]) / median(b),
                           ratio_pdf=median(runs["pdf"]) / median(bp),
                           ratio_pdf_typst=median(runs["pdf_typst"]) / median(bp),
                           ours_peak_mib=max(r.peak_mib for r in runs["three"]))

    def row(name, got):
        return [name, f"{median(got):.2f}", f"{min(r.wall for r in got):.2f}", f"{median_cpu(got):.2f}"]

    def ratios(name, got, base):
        return [name, f"{median(got) / median(base):.2f}", f"{min(r.wall for r in got) / min(r.wall for r in base):.2f}",
                f"{median_cpu(got) / median_cpu(base):.2f}"]

    rows = [row("toolkit build (pdf, epub, html)", runs["three"]),
            row("  the same, PDF in the same process (TOOLKIT_PRINT_PROCESS=0)", runs["serial"]),
            row("  the same, --pdf-engine typst", runs["three_typst"]),
            row("pandoc html + pandoc epub + weasyprint pdf", b),
            ratios("ratio (target <= 0.8)", runs["three"], b),
            ratios("ratio, PDF in the same process", runs["serial"], b),
            ratios("ratio, --pdf-engine typst", runs["three_typst"], b),
            row("toolkit build --to pdf", runs["pdf"]),
            row("  the same, --pdf-engine typst", runs["pdf_typst"]),
            row("pandoc html + weasyprint pdf", bp),
            ratios("ratio, PDF alone (target <= 1.0)", runs["pdf"], bp),
            ratios("ratio, PDF alone, --pdf-engine typst", runs["pdf_typst"], bp)]
    return table(f"Seed, one cold command ({repeat} rounds in turn)",
                 ["pipeline", "median wall s", "best wall s", "median CPU s"], rows)


def bench_batch(env: dict, n: int, results: dict) -> str:
    src = WORK / "batch-in"
    counts = make_batch(src, n)
    script = pandoc_script(WORK)
    out = {name: WORK / f"batch-{name}" for name in ("pandoc", "j2", "j1")}
    for d in out.values():
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
    files = sorted(str(p) for p in src.iterdir())
    pd_env = dict(env, **REFUSE_NETWORK)
    xargs = (f"printf '%s\\n' {' '.join(repr(f) for f in files)} | xargs -P 2 -I{{}} sh {script} {{}} "
             f"{out['pandoc']} {pandoc_path()} {VENV_BIN / 'weasyprint'}")
    build = lambda d, j: run([*toolkit_cmd(), "-q", "build", str(src), "-o", str(d), "-j", str(j),  # noqa: E731
                              "--report", str(d / "report.json")], env=env)
    pandoc = run(xargs, env=pd_env, shell=True)
    j2 = build(out["j2"], 2)
    j1 = build(out["j1"], 1)
    again = build(out["j2"], 2)
    report = json.loads((out["j2"] / "report.json").read_text())
    first = json.loads((out["j1"] / "report.json").read_text())
    pd_outputs = len([p for p in out["pandoc"].iterdir() if p.suffix in (".pdf", ".epub", ".html")])
    results["batch"] = {"articles": n, "inputs": counts, "pandoc_xargs_p2": pandoc.wall, "ours_j2": j2.wall,
                        "ours_j1": j1.wall, "rerun_no_change": again.wall, "rerun_counts": report["counts"],
                        "j1_counts": first["counts"], "pandoc_outputs": pd_outputs,
                        "ours_j2_peak_mib": j2.peak_mib}
    rows = [["pandoc pipeline, xargs -P 2", f"{pandoc.wall:.1f}", f"{pd_outputs} files", ""],
            ["toolkit build -j 2", f"{j2.wall:.1f}", f"{first['counts']['built']} built, "
             f"{first['counts']['failed']} failed", f"{j2.wall / pandoc.wall:.2f}x pandoc (target <= 0.35)"],
            ["toolkit build -j 1", f"{j1.wall:.1f}", "", f"speed-up 1->2 jobs {j1.wall / j2.wall:.2f}x (target >= 1.7)"],
            ["toolkit build -j 2, no change", f"{again.wall:.2f}", f"{report['counts']['unchanged']} unchanged",
             f"{again.wall / j2.wall:.1%} of the first (target <= 5%)"]]
    mix = ", ".join(f"{k} {v}" for k, v in counts.items())
    return table(f"Batch of {n} articles ({mix}), all three editions", ["run", "wall s", "result", "figure"], rows)


def bench_speedup(env: dict, n: int, rounds: int, results: dict) -> str:
    """-j 1 and -j 2 alternated on the same articles, so both see the same machine load."""
    src = WORK / "speedup-in"
    make_batch(src, n)
    runs: dict[int, list] = {1: [], 2: []}
    cpu: dict[int, list] = {1: [], 2: []}
    for _ in range(rounds):
        for j in (1, 2):
            out = WORK / f"speedup-j{j}"
            shutil.rmtree(out, ignore_errors=True)
            report = WORK / f"speedup-j{j}.json"
            runs[j].append(run([*toolkit_cmd(), "-q", "build", str(src), "-o", str(out), "-j", str(j),
                                "--report", str(report)], env=env))
            cpu[j].append(json.loads(report.read_text())["cpu"])  # the workers' CPU seconds, all articles
    one, two = median(runs[1]), median(runs[2])
    c1, c2 = sorted(cpu[1])[len(cpu[1]) // 2], sorted(cpu[2])[len(cpu[2]) // 2]
    results["speedup"] = {"articles": n, "j1": [r.wall for r in runs[1]], "j2": [r.wall for r in runs[2]],
                          "speedup": one / two, "j1_cpu": cpu[1], "j2_cpu": cpu[2]}
    rows = [["-j 1", f"{one:.1f}", " ".join(f"{r.wall:.1f}" for r in runs[1]), f"{c1:.1f}"],
            ["-j 2", f"{two:.1f}", " ".join(f"{r.wall:.1f}" for r in runs[2]), f"{c2:.1f}"],
            ["speed-up (target >= 1.7)", f"{one / two:.2f}x", "", f"{c1 / (c2 / 2):.2f}x if both cores were ours"]]
    return table(f"Speed-up from 1 to 2 jobs: {n} articles, {rounds} alternated rounds",
                 ["run", "median wall s", "each run s", "workers' CPU s"], rows)


def bench_scaling(env: dict, sizes: list[int], results: dict,
                  editions: tuple[str, ...] = ("html", "epub", "pdf")) -> str:
    folder = WORK / "scaling"
    rows, data = [], {}
    for fmt in editions:
        base = None
        for k in sizes:
            path = make_repeated(folder, k)
            proc = subprocess.run([sys.executable, "-P", "-c", SCALE_DRIVER, fmt, str(path), str(SEED)], env=env,
                                  capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                rows.append([fmt, f"{k}x", "failed", proc.stderr.strip().splitlines()[-1][-60:] if proc.stderr else "",
                             "", "", ""])
                continue
            m = json.loads(proc.stdout.strip().splitlines()[-1])
            cpu = m["read_cpu"] + m["render_cpu"]
            base = base if base is not None else cpu
            data[f"{fmt}-{k}"] = m
            rows.append([fmt, f"{k}x", f"{m['read'] + m['render']:.2f}", f"{m['read_cpu']:.2f}",
                         f"{m['render_cpu']:.2f}", f"{cpu / base:.1f}", f"{m['peak_mib']:.0f}"])
    results["scaling"] = data
    return table("Scaling: the seed repeated k times as one document (warm process; read + render; growth on "
                 "CPU time, target 100x <= 110x the 1x)",
                 ["edition", "size", "wall s", "read CPU s", "render CPU s", "CPU / 1x CPU", "peak MiB"], rows)


def bench_startup(env: dict, repeat: int, results: dict) -> str:
    out = WORK / "startup"
    out.mkdir(parents=True, exist_ok=True)
    script = VENV_BIN / "toolkit"
    helps = [run([str(script), "--help"], env=env) for _ in range(repeat)]
    htmls = [run([str(script), "build", str(SEED), "--to", "html", "-o", str(out), "--force"], env=env)
             for _ in range(repeat)]
    results["startup"] = {"help": [r.wall for r in helps], "build_html": [r.wall for r in htmls]}
    rows = [["toolkit --help", f"{median(helps):.3f}", f"{min(r.wall for r in helps):.3f}", "< 0.3"],
            ["toolkit build SEED --to html", f"{median(htmls):.3f}", f"{min(r.wall for r in htmls):.3f}", "< 0.5"]]
    return table(f"Start-up ({repeat} runs)", ["command", "median s", "best s", "target s"], rows)


def bench_kinds(env: dict, results: dict) -> str:
    """bench/scaling.py: the seed at 1x, 10x, 100x and three pathological kinds of input, each near-linear."""
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve().parent / "scaling.py")], env=env,
                          capture_output=True, text=True, check=False)
    results["scaling_kinds"] = {"exit": proc.returncode, "table": proc.stdout}
    return proc.stdout + (proc.stderr[-2000:] if proc.returncode else "")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--only", default="startup,seed,speedup,scaling,kinds,batch,same,service")
    ap.add_argument("--speedup-articles", type=int, default=40)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--sizes", default="1,10,50,100")
    ap.add_argument("--editions", default="html,epub,pdf", help="scaling: which editions")
    ap.add_argument("--same-articles", type=int, default=24, help="same: articles in each batch")
    ap.add_argument("--rounds", type=int, default=3, help="same, service: rounds, sides in turn")
    ap.add_argument("--requests", type=int, default=50, help="service: concurrent requests")
    ap.add_argument("--clients", type=int, default=8, help="service: client threads")
    ap.add_argument("--service-formats", default="html,epub,pdf", help="service: editions per request")
    ap.add_argument("--client-retries", type=int, default=None,
                    help="service: the client's retries after a 503 (default: the client's default)")
    args = ap.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    env, snap = snapshot_env()
    results = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    m = results["machine"]
    print(f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}, "
          f"WeasyPrint {m['weasyprint']}, load {m['load_at_start']}\n", flush=True)
    sections = {"startup": lambda: bench_startup(env, args.repeat, results),
                "seed": lambda: bench_seed(env, args.repeat, results),
                "scaling": lambda: bench_scaling(env, [int(s) for s in args.sizes.split(",")], results,
                                                 tuple(args.editions.split(","))),
                "kinds": lambda: bench_kinds(env, results),
                "batch": lambda: bench_batch(env, args.articles, results),
                "speedup": lambda: bench_speedup(env, args.speedup_articles, 2, results),
                "same": lambda: checked("same", *bench_same_texts(env, dict(env, **REFUSE_NETWORK), args.same_articles,
                                                                  args.rounds, pandoc_path(),
                                                                  VENV_BIN / "weasyprint", results)),
                "service": lambda: checked("service", *bench_service(env, dict(env, **REFUSE_NETWORK), args.rounds,
                                                                     args.requests, args.clients,
                                                                     tuple(args.service_formats.split(",")),
                                                                     pandoc_path(), VENV_BIN / "weasyprint",
                                                                     results, args.client_retries))}
    failed: list[str] = []

    def checked(name: str, text: str, ok: bool) -> str:
        if not ok:
            failed.append(name)
        return text
    try:
        for name in args.only.split(","):
            print(sections[name.strip()](), flush=True)
            results["load_after_" + name] = [round(x, 2) for x in os.getloadavg()]
    finally:
        shutil.rmtree(snap, ignore_errors=True)
        path = WORK / f"results-{time.strftime('%Y%m%d-%H%M%S')}.json"
        path.write_text(json.dumps(results, indent=1))
    print(f"results: {path}")
    if failed:
        print(f"correctness check failed in: {', '.join(failed)}", file=sys.stderr)
    # an input kind that is not near-linear, or a correctness check of the same/service sections
    return 1 if results.get("scaling_kinds", {}).get("exit") or failed else 0


if __name__ == "__main__":
    sys.exit(main())
