"""Helpers for hostile-input tests: run the real CLI, write small articles, check one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.commands import main

SENTENCES = [
    "The river authority published its annual report on the state of the northern basin this spring.",
    "Farmers along the lower valley said the new canal had changed how they planned each planting season.",
    "Engineers measured the flow at three stations and found the summer level lower than in any recent year.",
    "Officials in the capital promised a review of the water-sharing agreement before the end of the year.",
    "Residents of the old quarter remember when the market square flooded every other spring without fail.",
    "A local historian keeps records of every flood since the bridge was built more than a century ago.",
    "The council voted to fund a study of the wetlands that once absorbed the worst of the seasonal floods.",
    "Critics of the plan argue that the study will take years while the problems on the ground grow worse.",
]


def paragraphs(n: int = 6) -> list[str]:
    """``n`` different prose paragraphs (so the text reader keeps them all as the article body)."""
    return [f"{SENTENCES[i % len(SENTENCES)]} {SENTENCES[(i * 3 + 1) % len(SENTENCES)]} Item {i + 1} of the story."
            for i in range(n)]


def article_text(title: str = "The River That Changed Its Course", n: int = 6) -> str:
    return "\n\n".join([title, "By Ann Writer", *paragraphs(n)]) + "\n"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def errors(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("toolkit: error:")]

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("toolkit: warning:")]


def cli(*args: str | os.PathLike) -> Run:
    """The CLI in this process (CliRunner); an exception escaping it fails the test."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"exception escaped the CLI: {result.exception!r}") from result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


# Runs the CLI and, at exit, records the process's own peak memory (VmHWM: this program only, not the
# pages it inherited from the forking test process, which ``ru_maxrss`` would count).
_PEAK_WRAPPER = """
import atexit, sys
peak_file = sys.argv[1]
sys.argv = ["toolkit", *sys.argv[2:]]

def report():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                with open(peak_file, "w") as out:
                    out.write(line.split()[1])

atexit.register(report)
from toolkit.cli.commands import main
main()
"""


def cli_process(*args: str | os.PathLike, cwd: Path | None = None, timeout: float = 300,
                env: dict[str, str] | None = None) -> tuple[Run, int]:
    """The CLI as a real process; returns the run and the process's peak memory in KB."""
    with tempfile.TemporaryDirectory() as tmp:
        peak_file = Path(tmp) / "peak"
        try:
            proc = subprocess.run([sys.executable, "-c", _PEAK_WRAPPER, str(peak_file), *map(str, args)], cwd=cwd,
                                  capture_output=True, timeout=timeout, check=False,
                                  env={**os.environ, **env} if env else None)
        except subprocess.TimeoutExpired as exc:
            raise AssertionError(f"the CLI ran for more than {timeout} s: {args}") from exc
        peak = int(peak_file.read_text()) if peak_file.exists() else 0
    assert peak > 0 or not Path("/proc/self/status").exists(), "the CLI did not report its peak memory"
    run = Run(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))
    return run, peak


def assert_one_line_error(run: Run, name: str, *phrases: str, code: int = 1) -> str:
    """Exit ``code``, exactly one ``toolkit: error:`` line naming ``name`` and saying each phrase."""
    assert run.exit_code == code, (run.exit_code, run.stderr)
    assert "Traceback" not in run.stderr + run.stdout, run.stderr
    assert "internal error" not in run.stderr, run.stderr
    assert len(run.errors) == 1, run.stderr
    line = run.errors[0]
    assert name in line, line
    for phrase in phrases:
        assert phrase in line, line
    return line


def pandoc_file(markdown: str, path: Path, *extra: str) -> Path:
    """A DOCX, ODT or EPUB made by pandoc from Markdown (the format follows the extension)."""
    from toolkit.pandoc.run import pandoc_path

    subprocess.run([pandoc_path(), "--from", "markdown", "-o", str(path), *extra], input=markdown.encode(),
                   check=True, capture_output=True)
    return path


def rezip(src: Path, dst: Path, changes: dict[str, bytes | None] | None = None,
          extra: dict[str, bytes] | None = None) -> Path:
    """Copy a zip, replacing (or with None, dropping) entries and adding new ones."""
    changes = changes or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in changes:
                if changes[info.filename] is not None:
                    zout.writestr(info, changes[info.filename])
            else:
                zout.writestr(info, zin.read(info.filename))
        for name, data in (extra or {}).items():
            zout.writestr(zipfile.ZipInfo(name), data)
    return dst


def billion_laughs(root: str) -> str:
    """An internal DTD whose entity &lol9; expands to 10**9 'lol's."""
    ents = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
    return f"<!DOCTYPE {root} [{''.join(ents)}]>"


@pytest.fixture
def tmpfs(tmp_path):
    """``tmpfs(size, read_only=False)`` mounts a small RAM disk under tmp_path (root only; else skip)."""
    mounted: list[Path] = []

    def mount(size: str, read_only: bool = False) -> Path:
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        opts = f"size={size}" + (",ro" if read_only else "")
        proc = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(point)], capture_output=True, text=True)
        if proc.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({proc.stderr.strip() or 'not root'})")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], check=False)


@pytest.fixture
def out(tmp_path) -> Path:
    return tmp_path / "out"
