"""Timing helpers for the benchmark: run a command, its wall time and peak memory, alternate two commands."""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    wall: float
    peak_mib: float
    code: int
    cpu: float = 0.0  # user + system seconds of the process and the children it waited for


def run(cmd: list[str] | str, env: dict | None = None, cwd: str | None = None, shell: bool = False) -> Run:
    """Wall time and the peak resident memory of the process tree's largest waited-for process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, shell=shell, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_maxrss / 1024, proc.returncode, usage.ru_utime + usage.ru_stime)


PR_SET_CHILD_SUBREAPER = 36


def run_tree(cmd: list[str] | str, env: dict | None = None, shell: bool = False) -> Run:
    """``run``, with ``cpu`` counting every process the command started, also those their parent never
    waited for (a worker pool's processes): this process becomes their subreaper, reaps them once the
    command has ended (up to 30 s), and takes the growth of its children's resource usage."""
    import ctypes
    import resource

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        result = run(cmd, env=env, shell=shell)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break  # no child left
            if pid == 0:
                time.sleep(0.05)
    finally:
        libc.prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Run(result.wall, result.peak_mib, result.code, cpu)


def median(runs: list[Run]) -> float:
    return statistics.median(r.wall for r in runs)


def median_cpu(runs: list[Run]) -> float:
    return statistics.median(r.cpu for r in runs)


def snapshot_env() -> tuple[dict, Path]:
    """A frozen copy of toolkit/ and styles/ on PYTHONPATH, so colleagues' edits cannot change the code mid-run."""
    snap = Path(tempfile.mkdtemp(prefix="toolkit-bench-"))
    shutil.copytree(ROOT / "toolkit", snap / "toolkit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "styles", snap / "styles")
    env = dict(os.environ, PYTHONPATH=str(snap), PYTHONDONTWRITEBYTECODE="")
    # compile once, so the first timed run does not pay for byte-compiling
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(snap / "toolkit")], check=False, env=env)
    return env, snap


def toolkit_cmd() -> list[str]:
    return [sys.executable, "-P", "-m", "toolkit.cli.commands"]  # -P: not the working folder's toolkit, the snapshot


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) / 2**20
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    import weasyprint

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem, 1), "python": platform.python_version(),
            "os": platform.platform(), "weasyprint": weasyprint.__version__,
            "load_at_start": [round(x, 2) for x in load]}


def table(title: str, header: list[str], rows: list[list]) -> str:
    cells = [[str(c) for c in header]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    out = [title, line, "  ".join(h.ljust(w) for h, w in zip(cells[0], widths, strict=True)), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells[1:]]
    return "\n".join([*out, line, ""])
