"""Shared fixtures: the seed article and its editions, built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "kazakhstan-xinjiang-camps.txt"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_doc():
    import toolkit

    return toolkit.read(SEED)


@pytest.fixture(scope="session")
def seed_editions(tmp_path_factory) -> dict[str, Path]:
    import toolkit

    out = tmp_path_factory.mktemp("editions")
    paths = toolkit.build(SEED, ["pdf", "epub", "html"], out)
    return {p.suffix.lstrip("."): p for p in paths}


def have(cmd: str) -> bool:
    return shutil.which(cmd) is not None
