"""Checks what a build needs: the packaged style sheets, pandoc, WeasyPrint/Pango, HarfBuzz, Java, fonts."""

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


STYLES_FIX = ("reinstall the toolkit from its wheel or checkout (pip install --force-reinstall PATH); "
              "the toolkit-editions wheel carries toolkit/styles/")


def _styles() -> tuple[bool, str]:
    """The packaged ``toolkit/styles`` folder: the edition sheets, the default theme, and every theme's
    sheets present, readable and UTF-8 (a build reads them all; an install without them cannot build)."""
    from toolkit.errors import ToolkitError
    from toolkit.options import Options
    from toolkit.writers.html import themes

    try:
        folder = themes.styles_dir()
    except ToolkitError as exc:
        return False, str(exc)
    names = sorted(p.stem for p in (folder / "themes").glob("*.css") if "." not in p.stem)
    needed = sorted({sheet for sheets in themes.EDITION_SHEETS.values() for sheet in sheets})
    needed += [f"themes/{name}.css" for name in dict.fromkeys([Options().style, *names])]
    needed += sorted(str(p.relative_to(folder)) for p in (folder / "themes").glob("*.*.css"))
    bad = []
    for rel in dict.fromkeys(needed):
        try:
            (folder / rel).read_text(encoding="utf-8")
        except OSError as exc:
            bad.append(f"{rel} ({exc.strerror or 'unreadable'})")
        except UnicodeDecodeError:
            bad.append(f"{rel} (not UTF-8)")
    if bad:
        return False, f"{folder}: missing or unreadable: {', '.join(bad)}"
    return True, f"{folder} (themes: {', '.join(names)})"


def run_checks() -> list[tuple[str, bool, str, str]]:
    from toolkit.pandoc.run import pandoc_version

    checks = []
    ok, detail = _styles()
    checks.append(("style sheets", ok, detail, STYLES_FIX))
    v = pandoc_version()
    checks.append(("pandoc", v is not None, v or "not found", "pip install pypandoc-binary"))
    try:
        import weasyprint

        checks.append(("WeasyPrint (Pango)", True, weasyprint.__version__, ""))
    except Exception as exc:  # OSError when Pango is missing
        checks.append(("WeasyPrint (Pango)", False, str(exc).splitlines()[0],
                       "apt-get install libpango-1.0-0 libpangoft2-1.0-0; pip install weasyprint"))
    try:
        import typst

        checks.append(("Typst (--pdf-engine typst)", True, getattr(typst, "__version__", "importable"), ""))
    except ImportError:
        checks.append(("Typst (--pdf-engine typst)", False, "not installed", "pip install typst"))
    hb = ctypes.util.find_library("harfbuzz-subset")
    checks.append(("HarfBuzz subsetting", hb is not None, hb or "not found (slow fontTools fallback)",
                   "apt-get install libharfbuzz-subset0"))
    try:
        import ebooklib  # noqa: F401

        checks.append(("ebooklib", True, "importable", ""))
    except ImportError:
        checks.append(("ebooklib", False, "not installed", "pip install ebooklib"))
    try:
        import trafilatura

        checks.append(("trafilatura (web pages)", True, trafilatura.__version__, ""))
    except Exception as exc:  # ImportError, e.g. lxml.html.clean (lxml_html_clean) missing under justext
        checks.append(("trafilatura (web pages)", False, str(exc).splitlines()[0],
                       "pip install lxml_html_clean trafilatura"))
    java = shutil.which("java")
    checks.append(("Java (EPUBCheck)", java is not None, java or "not found", "apt-get install default-jre-headless"))
    ok, detail = _fonts()
    checks.append(("fonts", ok, detail, "apt-get install fonts-sil-charis fonts-inter"))
    return checks
