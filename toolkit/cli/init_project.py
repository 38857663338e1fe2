"""Writes a starting ``toolkit.toml`` for ``toolkit init``: every key, commented, with its default."""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import UsageError

TEMPLATE = """\
# toolkit.toml: the project file `toolkit build` and `toolkit convert` read from this folder
# (or the file given with --config). Options typed on the command line win over this file.
# Every key below is commented out and shows its default; uncomment what you want to change.
# Paths are relative to this file. An unknown key or a bad value stops the run and names the key.

# What `toolkit build` writes (--to) and where (-o).
# formats = ["pdf", "epub", "html"]
# output = "build"

# Editions.
# theme = "classic"          # --style; `toolkit styles` lists the themes
# paper = "a4"               # a4, letter, a5 or trade (6x9 in)
# columns = 1                # 1 or 2 body columns in the PDF
# notes = "foot"             # foot or end
# css = ["house.css"]        # extra style sheets, applied last
# pdf-variant = "pdf/ua-1"   # or "pdf/a-3u"
# pdf-engine = "weasyprint"  # or "typst": the same design, several times faster (no --css)
# page-map = false           # EPUB page list matching the PDF's pages
# embed-fonts = false        # embed the text face in the EPUB
# annotations = true         # the HTML edition's annotation layers
# allow-network = false      # fetch images (and URL inputs) from the web
# bleed = "3mm"              # PDF bleed for a print shop
# marks = false              # PDF crop marks
# strict = false             # fail on any warning
# reference-doc = "house-style.docx"   # DOCX/ODT styles

# Metadata an article lacks (the article's own, its sidecar and --meta win).
[meta]
# publisher = "Example Press"
# rights = "CC BY 4.0"
# language = "en"

# Options for one format only, over the ones above.
# [pdf]
# columns = 2
# [docx]
# reference-doc = "house-style.docx"
"""


def write_project_file(folder: str | Path = ".", force: bool = False) -> Path:
    """Write ``toolkit.toml`` into ``folder``; an existing one is kept unless ``force``."""
    from toolkit.config.project import CONFIG_NAME
    from toolkit.output import write_atomic

    path = Path(folder) / CONFIG_NAME
    if path.exists() and not force:
        raise UsageError(f"{path} already exists; edit it, or give --force to replace it")
    write_atomic(path, TEMPLATE.encode("utf-8"))
    return path
