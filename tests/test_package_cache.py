"""The derived language tables kept in the user's cache: the same answers cached, uncached, after a
corrupt cache file and with an unwritable cache folder (toolkit/language/package_cache.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import SEED

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="the seed article is not here")

CHECK = """
from toolkit.language import names
from toolkit.readers.text.language import identify_language
places, phrases = names._gazetteer()
given = names._given_names()
print(len(places), len(phrases), len(given), sorted(given.items())[1000:1003],
      identify_language("Le conseil municipal a voté le budget de la piscine après un long débat public."))
"""


def run(cache: str) -> str:
    env = {**os.environ, "TOOLKIT_CACHE_DIR": cache}
    done = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_cached_tables_answer_as_the_packages_do(tmp_path):
    cache = tmp_path / "cache"
    uncached = run("")  # caching off: derived from the packages as before
    assert not cache.exists()
    assert run(str(cache)) == uncached  # derived and stored
    files = sorted(p.name.rsplit("-", 1)[0] for p in cache.iterdir())
    assert files == ["given-names", "langid-nextmove", "langid-ptc", "langid-small", "places"]
    assert run(str(cache)) == uncached  # read back
    for p in cache.iterdir():  # a damaged cache is derived again, never trusted
        p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 3])
    assert run(str(cache)) == uncached


def test_an_unwritable_cache_folder_changes_nothing(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert run(str(blocked / "cache")) == run("")
