"""Plugins: a writer registered from a real entry point, and a broken plugin that warns."""

from __future__ import annotations

import sys
import textwrap

import pytest

import toolkit
from toolkit.registry import get_registry, reset_registry


@pytest.fixture
def plugin_dir(tmp_path, monkeypatch):
    (tmp_path / "tk_plugin_demo.py").write_text(textwrap.dedent('''
        from toolkit.registry import WriterSpec

        def render_shout(doc, options, ctx):
            return (doc.meta.title or "").upper().encode()

        SPEC = WriterSpec("shout", "shout.txt", render_shout, "the title, loudly")
    '''))
    dist = tmp_path / "tk_plugin_demo-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: tk-plugin-demo\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(
        "[toolkit.writers]\nshout = tk_plugin_demo:SPEC\nbroken = tk_plugin_missing:SPEC\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    reset_registry()
    yield tmp_path
    sys.modules.pop("tk_plugin_demo", None)
    reset_registry()


def test_entry_point_writer_is_used(plugin_dir, seed_path, tmp_path):
    reg = get_registry()
    assert "shout" in reg.writers
    assert any("broken" in w for w in reg.plugin_warnings)
    assert "pdf" in reg.writers  # the broken plugin did not break the others
    out = toolkit.build(seed_path, ["shout"], tmp_path / "out")
    assert out[0].name.endswith(".shout.txt")
    assert out[0].read_text().startswith("CAREFULLY, KAZAKHSTAN")


def test_builtins_are_lazy():
    reg = get_registry()
    assert isinstance(reg.writers["pdf"].target, str)
