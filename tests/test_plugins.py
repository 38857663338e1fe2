"""Plugins through entry points: the example plugin in tests/plugins is pip-installed into a test
environment (a --target folder on PYTHONPATH, so the developer's own environment is untouched), and the
toolkit run there must list and use its writer, reader and pass; a broken plugin only costs a warning."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.writers.pandoc_inputs import ARTICLE

PLUGINS = Path(__file__).resolve().parent / "plugins"


def pip_install(target: Path, *packages: Path) -> None:
    """pip-install plugin packages into ``target``, offline; built from copies, so tests/ stays clean."""
    copies = []
    for package in packages:
        copy = target.parent / f"{target.name}-src-{package.name}"
        shutil.copytree(package, copy, dirs_exist_ok=True)
        copies.append(str(copy))
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-index", "--no-deps",
                    "--no-build-isolation", "--disable-pip-version-check", "--target", str(target), *copies],
                   check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="session")
def plugin_env(tmp_path_factory) -> dict[str, str]:
    """Environment variables of a test environment with the example plugin installed."""
    target = tmp_path_factory.mktemp("site-example")
    pip_install(target, PLUGINS / "example_writer")
    return {**os.environ, "PYTHONPATH": str(target)}


@pytest.fixture(scope="session")
def broken_env(tmp_path_factory) -> dict[str, str]:
    """... with the example plugin and a plugin whose module fails to import."""
    target = tmp_path_factory.mktemp("site-broken")
    pip_install(target, PLUGINS / "example_writer", PLUGINS / "broken_plugin")
    return {**os.environ, "PYTHONPATH": str(target)}


def toolkit(env: dict[str, str], *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit.cli", *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def test_formats_lists_the_plugin_writer_reader_and_pass(plugin_env):
    result = toolkit(plugin_env, "formats")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    writers = lines[lines.index("Writers:") + 1:lines.index("Passes (in order):")]
    assert any(line.split()[:2] == ["gemtext", ".gmi"] for line in writers)
    assert any(line.split()[0] == "gemtext" for line in lines[:lines.index("Writers:")])
    assert any("reading-time" in line for line in lines[lines.index("Passes (in order):"):])
    assert "warning" not in result.stderr


def test_build_to_the_plugin_format_uses_the_plugin(plugin_env, tmp_path):
    result = toolkit(plugin_env, "build", str(ARTICLE), "--to", "gemtext,json", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    gmi = next(tmp_path.glob("*.gmi")).read_text(encoding="utf-8")
    assert gmi.startswith("# Rivers Without Borders: How One Dam Divides Two Valleys\n")
    assert "=> https://example.org/filing the operator\u2019s filing" in gmi
    assert "## Sources" in gmi
    tree = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))
    assert ["reading-minutes", "1"] in tree["meta"]["extra"]  # the plugin's pass ran


def test_plugin_reader_reads_its_own_output(plugin_env, tmp_path):
    assert toolkit(plugin_env, "build", str(ARTICLE), "--to", "gemtext", "-o", str(tmp_path)).returncode == 0
    gmi = next(tmp_path.glob("*.gmi"))
    result = toolkit(plugin_env, "convert", str(gmi), "--to", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["meta"]["title"] == "Rivers Without Borders: How One Dam Divides Two Valleys"


def test_broken_plugin_warns_by_name_and_the_rest_work(broken_env, tmp_path):
    result = toolkit(broken_env, "formats")
    assert result.returncode == 0
    assert "plugin 'broken-writer' (toolkit.writers) could not be loaded: ImportError" in result.stderr
    assert "libnothere" in result.stderr
    assert "gemtext" in result.stdout
    assert "pdf" in result.stdout
    built = toolkit(broken_env, "build", str(ARTICLE), "--to", "gemtext,markdown", "-o", str(tmp_path))
    assert built.returncode == 0, built.stderr
    assert sorted(p.suffix for p in tmp_path.iterdir() if not p.name.startswith(".")) == [".gmi", ".md"]
    unknown = toolkit(broken_env, "build", str(ARTICLE), "--to", "broken-writer", "-o", str(tmp_path))
    assert unknown.returncode == 2
    assert "unknown output format 'broken-writer'" in unknown.stderr


def test_without_the_plugin_its_format_is_unknown(tmp_path):
    result = toolkit(dict(os.environ), "build", str(ARTICLE), "--to", "gemtext", "-o", str(tmp_path))
    assert result.returncode == 2
    assert "unknown output format 'gemtext'" in result.stderr
