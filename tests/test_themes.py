"""Themes in toolkit/styles/themes: a base sheet and print, epub and screen sheets each; `toolkit styles`; --style and --css."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.writers.pandoc_inputs import article_copy
from toolkit.cli.commands import main
from toolkit.writers.html import themes
from toolkit.writers.html.themes import EDITION_SHEETS, edition_css, list_themes, styles_dir, theme_edition_css


def test_the_sheets_are_package_data_and_the_top_level_styles_points_there():
    """styles_dir() is the folder inside the package (what a wheel ships); the checkout's styles/ is a
    relative symlink to it, so there is one copy of every sheet."""
    assert styles_dir() == Path(themes.__file__).resolve().parents[2] / "styles"  # toolkit/styles
    assert not (styles_dir() / "__init__.py").exists()  # a data folder, not a package
    top = Path(__file__).resolve().parents[1] / "styles"
    assert top.is_symlink()
    assert os.readlink(top) == "toolkit/styles"
    assert top.resolve() == styles_dir().resolve()


def test_styles_lists_every_theme_with_its_sheets():
    result = CliRunner().invoke(main, ["styles"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == list_themes()
    assert len(lines) >= 2
    for line in lines:
        assert line.endswith("[base, screen, print, epub]")


@pytest.mark.parametrize("theme", list_themes())
def test_each_theme_has_base_print_epub_and_screen_sheets(theme):
    folder = styles_dir() / "themes"
    assert (folder / f"{theme}.css").is_file()
    for edition in EDITION_SHEETS:
        assert (folder / f"{theme}.{edition}.css").is_file()


@pytest.mark.parametrize("edition", sorted(EDITION_SHEETS))
def test_edition_css_takes_the_themes_sheet_for_that_edition_only(edition, tmp_path):
    extra = tmp_path / "mine.css"
    extra.write_text("/* mine */ p { color: #123456; }\n")
    css = edition_css(edition, "modern", (extra,))
    own = theme_edition_css("modern", edition)
    assert own
    assert own in css
    for other in EDITION_SHEETS:
        if other != edition and theme_edition_css("modern", other) not in own:
            assert theme_edition_css("modern", other) not in css
    assert css.rstrip().endswith("p { color: #123456; }")  # the user's sheet comes last and wins


def test_style_and_css_reach_the_html_and_epub_editions(tmp_path):
    src = article_copy(tmp_path / "in")
    mine = tmp_path / "mine.css"
    mine.write_text(".article-body { word-spacing: .0123em; }\n")
    result = CliRunner().invoke(main, ["build", str(src), "--to", "html,epub", "--style", "modern", "--css", str(mine),
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    html = next((tmp_path / "out").glob("*.html")).read_text(encoding="utf-8")
    assert ".0123em" in html
    assert theme_edition_css("modern", "screen").splitlines()[1] in html
    with zipfile.ZipFile(next((tmp_path / "out").glob("*.epub"))) as zf:
        css = "".join(zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".css"))
    assert ".0123em" in css
    assert theme_edition_css("modern", "epub").splitlines()[1] in css


def test_unknown_style_is_a_usage_error(tmp_path):
    src = article_copy(tmp_path / "in")
    result = CliRunner().invoke(main, ["build", str(src), "--to", "html", "--style", "nope", "-o", str(tmp_path)])
    assert result.exit_code != 0
    assert "unknown style 'nope'" in result.output
