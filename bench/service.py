"""The build service under measure (a section of bench/run.py, ``--only service``).

Starts ``toolkit serve -j 2 --root DIR --port 0`` (with ``SOURCE_DATE_EPOCH`` set, so editions do not
carry the time of the build) and measures:

* warm: the seed's three editions by ``toolkit.client.Client(url).build(...)`` to files on disk, against
  the pipeline of ``bench/inputs.py`` run cold on the seed; the two in turn, the first side swapped
  every round; medians and their ratio (target <= 0.35x);
* load: ``requests`` requests from ``clients`` threads at once, over (up to) ten variants of the seed; every one
  must succeed with the bytes of the same variant built by one request at a time, and those bytes must
  be those of a local ``toolkit build`` of the file; the peak resident memory of the service's process
  tree (the sum over the service and its workers, read from /proc every 0.2 s) must stay under 2 GiB.

A failed request, differing bytes or memory over the bound is a correctness failure (``ok`` False);
timings never are.
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from inputs import SEED, make_seed_variants, pandoc_script
from measure import ROOT, run, table, toolkit_cmd

WORK = ROOT / "build" / "bench"
SERVICE = WORK / "service"
EPOCH = "1700000000"
MEMORY_BOUND_MIB = 2048
PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")


def _tree(pid: int) -> list[int]:
    """``pid`` and every process descending from it, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo += parents.get(p, [])
    return found


def tree_rss_mib(pid: int) -> float:
    total = 0
    for p in _tree(pid):
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
    return total / 2**20


def tree_cpu(pid: int) -> float:
    """User + system seconds of the tree's live processes and of the children they have reaped."""
    total = 0
    for p in _tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
        except (OSError, IndexError, ValueError):
            pass
    return total / TICK


class MemorySampler(threading.Thread):
    """The peak of ``tree_rss_mib`` every 0.2 s until stopped; ``mark()`` starts a second, phase peak."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.phase_peak = pid, 0.0, 0.0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(0.2):
            rss = tree_rss_mib(self.pid)
            self.peak = max(self.peak, rss)
            self.phase_peak = max(self.phase_peak, rss)

    def mark(self) -> None:
        self.phase_peak = 0.0

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def start_service(env: dict, root: Path) -> tuple[subprocess.Popen, str]:
    log = SERVICE / "serve.log"
    out = log.open("w")
    # toolkit.cli, not toolkit.cli.commands: the package adds the serve command to the group
    proc = subprocess.Popen([sys.executable, "-P", "-m", "toolkit.cli", "serve", "-j", "2", "--root", str(root),
                             "--port", "0"],
                            env=dict(env, SOURCE_DATE_EPOCH=EPOCH), stdout=out, stderr=subprocess.STDOUT)
    out.close()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        found = re.search(r"serving on (\S+)", log.read_text())
        if found:
            return proc, found.group(1)
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    stop_service(proc)
    raise SystemExit(f"toolkit serve did not start: {log.read_text()[-500:]}")


def stop_service(proc: subprocess.Popen) -> int:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            return proc.wait(timeout=90)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            return -9
    return proc.returncode


EDITIONS = (".pdf", ".epub", ".html")


def same_files(a: Path, b: Path) -> bool:
    """The same editions, byte for byte (a local build's own files, such as its state, aside)."""
    names_a = sorted(p.name for p in a.iterdir() if p.suffix in EDITIONS)
    names_b = sorted(p.name for p in b.iterdir() if p.suffix in EDITIONS)
    return names_a == names_b and all(filecmp.cmp(a / n, b / n, shallow=False) for n in names_a)


def bench_service(env: dict, pd_env: dict, rounds: int, requests: int, clients: int, formats: tuple[str, ...],
                  pandoc: str, weasy: Path, results: dict, retries: int | None = None) -> tuple[str, bool]:
    """The section's table, and False when a correctness check failed. ``retries``: how often the client
    asks again after a 503 (default: the client's own default)."""
    from toolkit.client import Client

    shutil.rmtree(SERVICE, ignore_errors=True)
    root = SERVICE / "root"
    variants = make_seed_variants(root, min(10, requests))
    seed = root / "seed.txt"
    shutil.copy(SEED, seed)
    script = pandoc_script(WORK)
    proc, url = start_service(env, root)
    sampler = MemorySampler(proc.pid)
    sampler.start()
    try:
        client = Client(url) if retries is None else Client(url, retries=retries)
        health = client.health()
        # warm: the seed's editions, the client's call against the pipeline cold, in turn
        warm_out, pd_out = SERVICE / "warm", SERVICE / "pipeline"
        pd_out.mkdir(parents=True)
        client.build(seed, out_dir=warm_out)
        run(["sh", str(script), str(seed), str(pd_out), pandoc, str(weasy)], env=pd_env)
        walls, cpus, theirs, walls_t, cpus_t = [], [], [], [], []
        typst = {"pdf_engine": "typst"}
        client.build(seed, out_dir=warm_out, options=typst)

        def ours() -> None:
            c0, t0 = tree_cpu(proc.pid), time.perf_counter()
            client.build(seed, out_dir=warm_out)
            walls.append(time.perf_counter() - t0)
            cpus.append(tree_cpu(proc.pid) - c0)

        def ours_typst() -> None:
            c0, t0 = tree_cpu(proc.pid), time.perf_counter()
            client.build(seed, out_dir=warm_out, options=typst)
            walls_t.append(time.perf_counter() - t0)
            cpus_t.append(tree_cpu(proc.pid) - c0)

        walls_v: list[float] = []

        def ours_typst_varied() -> None:  # Typst memoises layout across compilations: a new text each time
            path = variants[len(walls_v) % len(variants)]
            t0 = time.perf_counter()
            client.build(path, out_dir=SERVICE / "warm-varied", options=typst)
            walls_v.append(time.perf_counter() - t0)

        def pipeline() -> None:
            theirs.append(run(["sh", str(script), str(seed), str(pd_out), pandoc, str(weasy)], env=pd_env))

        n_warm = max(rounds, 5)  # a round is a second or two: more of them cost little
        for i in range(n_warm):
            for side in ((ours, ours_typst, ours_typst_varied, pipeline) if i % 2 == 0
                         else (pipeline, ours_typst_varied, ours_typst, ours)):
                side()
        ratio = statistics.median(walls) / statistics.median(r.wall for r in theirs)
        ratio_t = statistics.median(walls_t) / statistics.median(r.wall for r in theirs)
        ratio_v = statistics.median(walls_v) / statistics.median(r.wall for r in theirs)
        # load: one request at a time per variant, then all at once from the client threads
        seq = SERVICE / "sequential"
        for k, path in enumerate(variants):
            client.build(path, formats, out_dir=seq / str(k))
        local = SERVICE / "local"
        local_run = run([*toolkit_cmd(), "-q", "build", str(variants[0]), "--to", ",".join(formats), "-o",
                         str(local)], env=dict(env, SOURCE_DATE_EPOCH=EPOCH))
        local_same = local_run.code == 0 and same_files(local, seq / "0")
        conc = SERVICE / "concurrent"
        errors: list[str] = []
        took: list[float] = []

        def one(i: int) -> None:
            t0 = time.perf_counter()
            try:
                client.build(variants[i % len(variants)], formats, out_dir=conc / str(i))
            except Exception as exc:  # every failure is counted and its message shown
                errors.append(f"request {i}: {exc}")
            took.append(time.perf_counter() - t0)

        sampler.mark()
        load0 = os.getloadavg()[0]
        t0 = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(one, range(requests)))
        load_wall = time.perf_counter() - t0
        load_peak = sampler.phase_peak
        differ = [i for i in range(requests)
                  if (conc / str(i)).is_dir() and not same_files(conc / str(i), seq / str(i % len(variants)))]
        after = client.health()
    finally:
        sampler.stop()
        code = stop_service(proc)
    ok = not errors and not differ and local_same and sampler.peak < MEMORY_BOUND_MIB
    pd_wall = statistics.median(r.wall for r in theirs)
    pd_cpu = statistics.median(r.cpu for r in theirs)
    results["service"] = {"warm": walls, "warm_service_cpu": cpus, "warm_typst": walls_t,
                          "warm_typst_service_cpu": cpus_t, "ratio_typst": ratio_t,
                          "warm_typst_varied": walls_v, "ratio_typst_varied": ratio_v, "pipeline": [r.wall for r in theirs],
                          "pipeline_cpu": [r.cpu for r in theirs], "ratio": ratio, "requests": requests,
                          "clients": clients, "formats": list(formats), "load_wall": load_wall,
                          "request_walls": sorted(took), "errors": errors, "differ": differ,
                          "local_same": local_same, "peak_rss_mib": sampler.peak, "load_peak_rss_mib": load_peak,
                          "load_at_start": load0, "health_before": health, "health_after": after,
                          "exit_on_sigterm": code, "ok": ok,
                          "client_retries": client.retries}
    rows = [["seed, three editions", f"pipeline cold ({n_warm} rounds, in turn)", f"{pd_wall:.2f}", f"{pd_cpu:.2f}",
             ""],
            ["", "service warm: Client.build to files", f"{statistics.median(walls):.2f}",
             f"{statistics.median(cpus):.2f}", f"{ratio:.2f}x the pipeline (target <= 0.35)"],
            ["", "the same, pdf_engine typst", f"{statistics.median(walls_t):.2f}",
             f"{statistics.median(cpus_t):.2f}", f"{ratio_t:.2f}x the pipeline"],
            ["", "the same, pdf_engine typst, another variant of the seed each time", f"{statistics.median(walls_v):.2f}",
             "", f"{ratio_v:.2f}x the pipeline"],
            [f"{requests} requests, {clients} threads", f"{'+'.join(formats)}, {len(variants)} variants of the seed",
             f"{load_wall:.1f}", "", f"{requests - len(errors)} succeeded, {len(differ)} with other bytes than "
             f"sequential builds; median request {statistics.median(took):.1f} s, slowest {max(took):.1f} s"],
            ["", "local toolkit build, same bytes as the service", "", "", "yes" if local_same else "NO"],
            ["", "peak RSS, service + workers (sum)", "", "", f"{load_peak:.0f} MiB under load, {sampler.peak:.0f} "
             f"MiB over the run (bound {MEMORY_BOUND_MIB})"],
            ["", "SIGTERM", "", "", f"exit {code}"]]
    rows += [["", "error", "", "", e[:120]] for e in errors[:5]]
    text = table(f"The build service: toolkit serve -j 2 at {url} (CPU: the service tree's, from /proc; the client "
                 + (f"asks again up to {client.retries} times after a 503)" if client.retries is not None
                    else f"waits out 503s for up to {client.busy_wait:g} s)"),
                 ["case", "run", "median wall s", "median CPU s", "result"], rows)
    return text, ok
