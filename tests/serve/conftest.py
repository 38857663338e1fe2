"""A real ``toolkit serve`` in a subprocess (port 0: a free port, read from its first line), the seed in a
root folder, and the seed's editions from a local ``toolkit build`` to compare the service's with."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

EPOCH = "1700000000"  # SOURCE_DATE_EPOCH for the service and the local build alike: reproducible PDFs
START_LIMIT = 300  # seconds to wait for the first line (a guard against a hang, not a timing assertion)


class Service:
    """A running service: its URL, its process, and a way to call it with the standard library."""

    def __init__(self, proc: subprocess.Popen, url: str):
        self.proc, self.url = proc, url

    def call(self, method: str, path: str, body=None, headers=None, raw: bytes | None = None):
        """(status, headers, body) of one request; ``body`` is sent as JSON, ``raw`` as it is."""
        import http.client
        from urllib.parse import urlparse

        parsed = urlparse(self.url)
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=600)
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        try:
            conn.request(method, path, body=data, headers={"Content-Type": "application/json", **(headers or {})})
            response = conn.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(120)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()


def service_env(**extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TOOLKIT_TOKEN", "TOOLKIT_SERVER")}
    env.update(SOURCE_DATE_EPOCH=EPOCH, **extra)
    return env


def start_service(*args: str, env: dict[str, str] | None = None) -> Service:
    proc = subprocess.Popen([sys.executable, "-m", "toolkit", "serve", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env or service_env())
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(proc.stdout.readline()), daemon=True).start()
    try:
        first = lines.get(timeout=START_LIMIT)
    except queue.Empty:
        first = ""
    if "serving on " not in first:
        proc.kill()
        pytest.fail(f"toolkit serve did not start: {first!r} {proc.stderr.read()[-2000:]}")
    return Service(proc, first.split("serving on ", 1)[1].split()[0])


@pytest.fixture(scope="session")
def seed_root(tmp_path_factory, seed_path) -> Path:
    """A service root holding a copy of the seed, an empty article, and a link that points out of it."""
    base = tmp_path_factory.mktemp("serve")
    root = base / "root"
    root.mkdir()
    shutil.copy2(seed_path, root / seed_path.name)
    (root / "empty.txt").write_bytes(b"")
    (base / "outside.txt").write_text("Outside\n\nBy Ana Petrova\n\nNot to be read.\n", encoding="utf-8")
    (root / "link.txt").symlink_to(base / "outside.txt")
    return root


@pytest.fixture(scope="session")
def service(seed_root, tmp_path_factory):
    out = tmp_path_factory.mktemp("served")
    svc = start_service("--port", "0", "-j", "2", "--queue", "2", "--root", str(seed_root), "--output-dir", str(out))
    svc.output_dir = out
    yield svc
    svc.stop()


@pytest.fixture(scope="session")
def local_editions(seed_root, seed_path, tmp_path_factory) -> dict[str, bytes]:
    """The seed's three editions from a cold local ``toolkit build`` of the root's copy."""
    out = tmp_path_factory.mktemp("local")
    done = subprocess.run([sys.executable, "-m", "toolkit", "-q", "build", str(seed_root / seed_path.name),
                           "-o", str(out)], env=service_env(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return {p.suffix.lstrip("."): p.read_bytes() for p in out.iterdir() if p.is_file()}
