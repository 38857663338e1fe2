"""A batch killed mid-way (SIGTERM, then SIGKILL) and run again builds every article exactly once, no partial file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import SEED
from toolkit.batch.state import read_state

N = 6


def make_articles(src: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines()[1:] if line.strip())
    src.mkdir()
    for i in range(N):
        (src / f"story{i}.txt").write_text(text.replace(title, f"Story {i}: {title}", 1), encoding="utf-8")


def start(src: Path, out: Path, env: dict) -> subprocess.Popen:
    cmd = [sys.executable, "-P", "-m", "toolkit.cli", "build", str(src), "-o", str(out), "--to", "html,pdf", "-j", "1"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def recorded(out: Path) -> dict:
    try:
        return read_state(out)
    except sqlite3.Error:  # the writer holds a lock for an instant
        return {}


def stop_after_first_article(proc: subprocess.Popen, out: Path, sig: int) -> dict:
    deadline = time.monotonic() + 120
    while not recorded(out):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "no article finished in time"
        time.sleep(0.05)
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    return recorded(out)


def assert_no_partial_files(out: Path) -> None:
    for path in out.iterdir():
        if path.name.startswith("."):
            continue
        data = path.read_bytes()
        if path.suffix == ".pdf":
            assert data.startswith(b"%PDF"), path
            assert data.rstrip().endswith(b"%%EOF"), path
        else:
            assert data.rstrip().endswith(b"</html>"), path


def test_interrupted_batch_resumes_and_builds_each_article_once(tmp_path, frozen_env):
    src, out = tmp_path / "src", tmp_path / "out"
    make_articles(src)

    proc = start(src, out, frozen_env)
    after_term = stop_after_first_article(proc, out, signal.SIGTERM)
    assert proc.returncode == 143  # 128 + SIGTERM
    assert 1 <= len(after_term) < N
    assert_no_partial_files(out)

    proc = start(src, out, frozen_env)
    time.sleep(0.2)
    after_kill = stop_after_first_article(proc, out, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    assert len(after_kill) < N
    assert_no_partial_files(out)
    for key, rec in after_kill.items():
        assert all((out / name).is_file() for name in rec.outputs), key

    proc = start(src, out, frozen_env)
    _stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    final = read_state(out)
    assert len(final) == N
    assert all(rec.builds == 1 for rec in final.values()), {k: r.builds for k, r in final.items()}
    for key, rec in after_term.items():  # done before the first interruption: never built again
        assert final[key].run_id == rec.run_id
    assert not [p.name for p in out.iterdir() if p.name.endswith(".part")]
    assert_no_partial_files(out)
    assert len([p for p in out.iterdir() if not p.name.startswith(".")]) == 2 * N


def test_killed_coordinator_leaves_no_worker_behind(tmp_path, frozen_env):
    src, out = tmp_path / "src", tmp_path / "out"
    make_articles(src)
    proc = start(src, out, frozen_env)
    stop_after_first_article(proc, out, signal.SIGKILL)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        orphans = [pid for pid in os.listdir("/proc") if pid.isdigit() and _child_of(int(pid), proc.pid)]
        if not orphans:
            break
        time.sleep(0.2)
    assert not orphans


def _child_of(pid: int, parent: int) -> bool:
    """True if ``pid`` descends from ``parent`` (orphans are re-parented, so look at the session too)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    fields = stat.rsplit(")", 1)[1].split()
    ppid, session = int(fields[1]), int(fields[3])
    return ppid == parent or (session == parent and pid != parent)
