"""What a cold process pays before it reads an article: modules that reading does not need stay unimported,
and dataclasses carry docstrings (else ``dataclass`` computes one with ``inspect.signature``, 0.4 ms each)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED

PACKAGE = Path(__file__).resolve().parent.parent / "toolkit"
# The reading side: what every cold command that reads an article imports.
READING = ("tree", "passes", "readers", "language", "guard", "config", "registry.py", "specs.py", "pipeline.py",
           "options.py")


def _dataclasses_without_docstring(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{path.relative_to(PACKAGE.parent)}: {node.name}" for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef) and not ast.get_docstring(node)
            and any("dataclass" in ast.unparse(d) for d in node.decorator_list)]


def test_reading_dataclasses_have_docstrings():
    found = []
    for part in READING:
        paths = [PACKAGE / part] if part.endswith(".py") else sorted((PACKAGE / part).rglob("*.py"))
        for path in paths:
            found += _dataclasses_without_docstring(path)
    assert found == []


UNNEEDED = ("urllib.request", "http.client", "html.entities", "nicknames")
CHECK = f"""
import sys
import toolkit
toolkit.read({str(SEED)!r})
print(sorted(name for name in {UNNEEDED!r} if name in sys.modules))
"""


@pytest.mark.skipif(not SEED.exists(), reason="the seed article is not here")
def test_reading_a_text_imports_no_network_or_entity_modules(tmp_path):
    env = {**os.environ, "TOOLKIT_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, check=False)
            for _ in range(2)]  # the first fills the cache (the nicknames package is read once)
    assert runs[1].returncode == 0, runs[1].stderr
    assert runs[1].stdout.strip() == "[]"
