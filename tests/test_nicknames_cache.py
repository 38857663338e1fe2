"""The nicknames tables kept in the user's cache give the package's answers (toolkit/language/nicknames.py)."""

from __future__ import annotations

import os
import subprocess
import sys

CHECK = """
from toolkit.language import nicknames
print(sorted(nicknames.forms("William")), sorted(nicknames.forms("Liz")), len(nicknames._table()),
      nicknames.same_person("John M. Varga", "Mike Varga"), nicknames.same_given_name("Bill", "William"))
"""


def run(cache: str) -> str:
    env = {**os.environ, "TOOLKIT_CACHE_DIR": cache}
    done = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_cached_nicknames_answer_as_the_package_does(tmp_path):
    cache = tmp_path / "cache"
    uncached = run("")
    assert "bill" in uncached
    assert "True True" in uncached
    assert run(str(cache)) == uncached  # derived and stored
    assert [p.name.rsplit("-", 1)[0] for p in cache.glob("nicknames-*")] == ["nicknames"]
    assert run(str(cache)) == uncached  # read back
