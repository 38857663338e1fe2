"""Finds the style sheets and themes in ``styles/`` and assembles the CSS of one edition."""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import InputError, UsageError

EDITION_SHEETS = {"screen": ("base.css", "screen.css"), "print": ("base.css", "print.css"),
                  "epub": ("base.css", "epub.css")}


def styles_dir() -> Path:
    here = Path(__file__).resolve().parent
    for cand in (here / "styles", here.parent / "styles"):
        if (cand / "base.css").is_file():
            return cand
    raise InputError("the toolkit's styles/ folder is missing; reinstall the toolkit")


def list_themes() -> list[str]:
    return sorted(p.stem for p in (styles_dir() / "themes").glob("*.css"))


def theme_css(name: str) -> str:
    path = styles_dir() / "themes" / f"{name}.css"
    if not path.is_file():
        raise UsageError(f"unknown style {name!r} (known: {', '.join(list_themes())})")
    return path.read_text(encoding="utf-8")


def edition_css(edition: str, theme: str = "classic", extra: tuple[Path, ...] = ()) -> str:
    """The theme's variables, then the edition's sheets, then the user's own CSS files."""
    parts = [theme_css(theme)]
    # theme first for variables; theme rules again last so they win over the base
    parts += [(styles_dir() / name).read_text(encoding="utf-8") for name in EDITION_SHEETS[edition]]
    parts.append(theme_css(theme))
    for path in extra:
        try:
            parts.append(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"cannot read CSS file: {exc.strerror}", str(path)) from None
    return "\n".join(parts)
