"""Finds the style sheets and themes in ``toolkit/styles/`` and assembles the CSS of one edition.

The sheets are package data (pyproject ``[tool.setuptools.package-data]``), so a wheel, ``pip install .`` and
``pipx install`` carry them; the checkout's top-level ``styles`` is a symlink to the same folder.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import InputError, UsageError
from toolkit.guard.files import read_text

EDITION_SHEETS = {"screen": ("base.css", "screen.css"), "print": ("base.css", "print.css"),
                  "epub": ("base.css", "epub.css")}


def styles_dir() -> Path:
    """The packaged styles folder (``toolkit/styles``); only that one, never a folder beside the package."""
    folder = Path(__file__).resolve().parents[2] / "styles"
    if not (folder / "base.css").is_file():
        raise InputError(f"the toolkit's style sheets are missing ({folder}); reinstall the toolkit")
    return folder


def list_themes() -> list[str]:
    """Theme names: ``themes/NAME.css``; ``NAME.print.css`` and the like are its per-edition sheets."""
    return sorted(p.stem for p in (styles_dir() / "themes").glob("*.css") if "." not in p.stem)


def theme_edition_css(name: str, edition: str) -> str:
    """A theme's sheet for one edition (``themes/NAME.EDITION.css``), or nothing if it has none."""
    path = styles_dir() / "themes" / f"{name}.{edition}.css"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def theme_info(name: str) -> tuple[str, tuple[str, ...]]:
    """(description from the theme's first comment, the editions it has own sheets for)."""
    import re

    head = re.match(r"\s*/\*\s*(.*?)\s*\*/", theme_css(name), re.S)
    description = " ".join(head.group(1).split()) if head else ""
    description = description.split(":", 1)[1].strip() if description.startswith(name + ":") else description
    editions = tuple(e for e in EDITION_SHEETS if (styles_dir() / "themes" / f"{name}.{e}.css").is_file())
    return description, editions


def theme_css(name: str) -> str:
    path = styles_dir() / "themes" / f"{name}.css"
    if not path.is_file():
        raise UsageError(f"unknown style {name!r} (known: {', '.join(list_themes())})")
    return path.read_text(encoding="utf-8")


def edition_css(edition: str, theme: str = "classic", extra: tuple[Path, ...] = ()) -> str:
    """The theme's variables, the edition's sheets, the theme again and its sheet for this edition,
    then the user's own CSS files (``--css``), which win over everything."""
    parts = [theme_css(theme)]
    # theme first for variables; theme rules again last so they win over the base
    parts += [(styles_dir() / name).read_text(encoding="utf-8") for name in EDITION_SHEETS[edition]]
    parts.append(theme_css(theme))
    parts.append(theme_edition_css(theme, edition))
    parts += [read_text(path, "CSS file") for path in extra]
    return "\n".join(parts)
