"""Checks the toolkit's external needs (pandoc, WeasyPrint/Pango, HarfBuzz, Java, fonts)."""

from __future__ import annotations

import ctypes.util
import shutil
import subprocess


def _fonts() -> tuple[bool, str]:
    try:
        out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False, "fc-list not found"
    have = [f for f in ("Charis SIL", "Inter") if f in out]
    return len(have) == 2, ", ".join(have) or "neither Charis SIL nor Inter"


def run_checks() -> list[tuple[str, bool, str, str]]:
    from toolkit.pandoc_ast import pandoc_version

    checks = []
    v = pandoc_version()
    checks.append(("pandoc", v is not None, v or "not found", "pip install pypandoc-binary"))
    try:
        import weasyprint

        checks.append(("WeasyPrint (Pango)", True, weasyprint.__version__, ""))
    except Exception as exc:  # OSError when Pango is missing
        checks.append(("WeasyPrint (Pango)", False, str(exc).splitlines()[0],
                       "apt-get install libpango-1.0-0 libpangoft2-1.0-0; pip install weasyprint"))
    hb = ctypes.util.find_library("harfbuzz-subset")
    checks.append(("HarfBuzz subsetting", hb is not None, hb or "not found (slow fontTools fallback)",
                   "apt-get install libharfbuzz-subset0"))
    try:
        import ebooklib  # noqa: F401

        checks.append(("ebooklib", True, "importable", ""))
    except ImportError:
        checks.append(("ebooklib", False, "not installed", "pip install ebooklib"))
    java = shutil.which("java")
    checks.append(("Java (EPUBCheck)", java is not None, java or "not found", "apt-get install default-jre-headless"))
    ok, detail = _fonts()
    checks.append(("fonts", ok, detail, "apt-get install fonts-sil-charis fonts-inter"))
    return checks
