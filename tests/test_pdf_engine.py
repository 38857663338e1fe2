"""Choosing the print engine: --pdf-engine, toolkit.toml's pdf-engine, Options(pdf_engine=...)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.writers.pandoc_inputs import ARTICLE
from toolkit.cli.commands import main
from toolkit.errors import UsageError
from toolkit.options import Options


def producer(path: Path) -> str:
    """Who made the PDF: WeasyPrint names itself as Producer, Typst as Creator."""
    from pypdf import PdfReader

    info = PdfReader(str(path)).metadata or {}
    return f"{info.get('/Producer', '')} {info.get('/Creator', '')}"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    shutil.copy(ARTICLE, tmp_path / "article.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_the_command_line_chooses_the_engine(project):
    assert run("build", "article.md", "--to", "pdf", "-o", "ws.pdf").exit_code == 0
    result = run("build", "article.md", "--to", "pdf", "--pdf-engine", "typst", "-o", "ty.pdf")
    assert result.exit_code == 0, result.output
    assert "WeasyPrint" in producer(project / "ws.pdf")
    assert "Typst" in producer(project / "ty.pdf")


def test_the_project_file_chooses_the_engine_and_the_command_line_wins(project):
    (project / "toolkit.toml").write_text('pdf-engine = "typst"\n')
    assert run("build", "article.md", "--to", "pdf", "-o", "a.pdf").exit_code == 0
    assert "Typst" in producer(project / "a.pdf")
    assert run("build", "article.md", "--to", "pdf", "--pdf-engine", "weasyprint", "-o", "b.pdf").exit_code == 0
    assert "WeasyPrint" in producer(project / "b.pdf")


def test_an_unknown_engine_is_one_line_naming_the_key(project):
    (project / "toolkit.toml").write_text('pdf-engine = "latex"\n')
    result = run("build", "article.md", "--to", "pdf", "-o", "a.pdf")
    assert result.exit_code == 2
    assert "pdf-engine" in result.output
    assert "toolkit.toml" in result.output
    assert "Traceback" not in result.output
    assert not (project / "a.pdf").exists()
    assert run("build", "article.md", "--pdf-engine", "latex").exit_code == 2


def test_options_check_the_engine():
    assert Options(pdf_engine="typst").pdf_engine == "typst"
    with pytest.raises(UsageError, match="pdf-engine"):
        Options(pdf_engine="latex")


def test_a_page_map_with_the_typst_engine_is_refused(project):
    """The EPUB's page list follows WeasyPrint's pages: beside a Typst PDF it would state wrong page numbers."""
    with pytest.raises(UsageError, match="page-map"):
        Options(pdf_engine="typst", page_map=True)
    result = run("build", "article.md", "--page-map", "--pdf-engine", "typst", "-o", "out")
    assert result.exit_code == 2
    assert "--page-map" in result.output
    assert not (project / "out").exists()


def test_the_typst_engine_takes_its_theme_from_the_style_sheets(project):
    """The faces, colours and weights come from the theme's CSS (one place); an unknown theme is the same
    usage error as with WeasyPrint (it used to fall back to classic in silence)."""
    from toolkit.writers.typst.design import theme_of

    assert theme_of("modern")["accent"] != theme_of("classic")["accent"]
    assert theme_of("modern")["display"][0] == "Inter"
    result = run("build", "article.md", "--to", "pdf", "--pdf-engine", "typst", "--style", "nosuchtheme", "-o", "a.pdf")
    assert result.exit_code == 2
    assert "unknown style 'nosuchtheme'" in result.output
    assert not (project / "a.pdf").exists()
