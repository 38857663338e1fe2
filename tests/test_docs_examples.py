"""Every Python example in docs/ runs as written (the README's run from an installed wheel: tests/test_install.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.S | re.M)


def examples() -> list[tuple[str, int, str]]:
    found = []
    for page in sorted(DOCS.glob("*.md")):
        for n, match in enumerate(BLOCK.finditer(page.read_text(encoding="utf-8"))):
            found.append((page.name, n, match.group(1)))
    return found


def test_the_docs_have_examples():
    assert examples()


@pytest.mark.parametrize(("page", "n", "code"), examples(), ids=lambda v: v if isinstance(v, str) and
                         v.endswith(".md") else None)
def test_each_docs_example_runs(page, n, code, tmp_path):
    script = tmp_path / f"{Path(page).stem}-{n}.py"
    script.write_text(code, encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert run.returncode == 0, f"{page} example {n}:\n{code}\n{run.stderr[-2000:]}"
