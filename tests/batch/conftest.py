"""Small articles written by the tests themselves, for batch builds."""

from __future__ import annotations

from pathlib import Path

import pytest


def write_article(folder: Path, name: str, title: str, paragraphs: int = 2) -> Path:
    body = "\n\n".join(f"Paragraph {i} of {title}. It says \u201csomething worth quoting,\u201d said Ann Lee."
                       for i in range(1, paragraphs + 1))
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{title}\n\nBy Sam Writer\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def articles(tmp_path) -> Path:
    """A folder of four articles (one in a subfolder) plus things a folder walk must skip."""
    src = tmp_path / "src"
    for i in range(1, 4):
        write_article(src, f"a{i}.txt", f"Article number {i}")
    write_article(src, "sub/deep.md", "A deeper article")
    (src / "a1.txt.meta.yaml").write_text("authors: [Sam Writer]\n", encoding="utf-8")
    (src / "notes.xyz").write_text("not an article", encoding="utf-8")
    (src / ".hidden.txt").write_text("hidden", encoding="utf-8")
    return src


@pytest.fixture(scope="session")
def frozen_env(tmp_path_factory) -> dict:
    """Environment running a copy of toolkit/ and styles/: edits made to the working tree while a
    multi-run test goes on must not change the code (and so the build fingerprint) between its runs."""
    import os
    import shutil

    root = Path(__file__).resolve().parents[2]
    snap = tmp_path_factory.mktemp("frozen-toolkit")
    shutil.copytree(root / "toolkit", snap / "toolkit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(root / "styles", snap / "styles")
    return dict(os.environ, PYTHONPATH=str(snap))
