"""WeasyPrint's C declarations load compiled from the cache, and the editions do not change."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from toolkit.writers.compiled_ffi import _declarations, compiled_ffi

PROBE = """
import sys, toolkit.writers, weasyprint
from weasyprint.text import ffi as mod
print(type(mod.ffi).__module__, len(weasyprint.HTML(string="<p>Hello, cached world</p>").write_pdf()) > 500)
"""


def _probe(tmp_path, **env):
    run_env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), **env)
    proc = subprocess.run([sys.executable, "-c", PROBE], env=run_env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_weasyprint_uses_the_compiled_declarations(tmp_path):
    assert _probe(tmp_path) == ["_cffi_backend", "True"]  # compiled on first use (nothing printed)
    cached = list((tmp_path / "cache" / "toolkit" / "cffi").glob("_toolkit_cffi_*.py"))
    assert len(cached) == 1
    assert not list(cached[0].parent.glob("*.part"))
    assert _probe(tmp_path) == ["_cffi_backend", "True"]  # and loaded from the cache after


def test_switched_off_or_unwritable_means_the_normal_import(tmp_path):
    assert _probe(tmp_path, TOOLKIT_CFFI_CACHE="0") == ["cffi.api", "True"]
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    assert _probe(tmp_path) == ["cffi.api", "True"]


def test_declarations_found_only_in_the_expected_shape():
    import ast

    good = ast.parse("import cffi\nffi = cffi.FFI()\nffi.cdef('int abs(int);')\nlib = ffi.dlopen(None)\n")
    assert _declarations(good) == (1, 2, "int abs(int);")
    assert _declarations(ast.parse("ffi = cffi.FFI()\nffi.cdef(SOURCE)\n")) is None  # not a literal
    assert _declarations(ast.parse("ffi.cdef('int abs(int);')\n")) is None  # no FFI made here


def test_compiled_ffi_calls_c(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    ffi = compiled_ffi("int abs(int);")
    if ffi is None:
        pytest.fail("no compiled FFI")
    assert ffi.dlopen(None).abs(-7) == 7


def test_a_process_that_made_pdfs_exits_cleanly():
    """Pango objects outliving their library at exit crashed the interpreter (SIGSEGV, exit 139) once
    pytest had run the PDF tests with the compiled declarations; the libraries are now pinned."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/writers/test_pdf.py", "-k", "shared_style_sheets"],
                          cwd=root, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, (proc.returncode, proc.stdout[-500:], proc.stderr[-500:])


def test_library_names_read_from_the_module():
    import ast

    from toolkit.writers.compiled_ffi import _library_names

    tree = ast.parse("pango = _dlopen(ffi, 'libpango-1.0-0', 'libpango-1.0.so.0')\nx = other(ffi, 'a')\n")
    assert _library_names(tree) == [("libpango-1.0-0", "libpango-1.0.so.0")]
