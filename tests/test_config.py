"""The project file toolkit.toml: defaults for the command line, metadata defaults, per-format options, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.writers.pandoc_inputs import ARTICLE
from toolkit.cli.commands import main
from toolkit.config.project import load_config
from toolkit.errors import UsageError

STEM = "rivers-without-borders-how-one-dam-divides-two-valleys"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A folder with the Markdown article, as the current folder."""
    shutil.copy(ARTICLE, tmp_path / "article.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def tree(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_formats_and_output_folder_come_from_the_project_file(project):
    (project / "toolkit.toml").write_text('formats = ["json", "markdown"]\noutput = "dist"\n')
    result = run("build", "article.md")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project / "dist").iterdir() if not p.name.startswith(".")) == \
        [f"{STEM}.json", f"{STEM}.md"]


def test_command_line_overrides_the_project_file(project):
    (project / "toolkit.toml").write_text('formats = ["json", "markdown"]\noutput = "dist"\n')
    result = run("build", "article.md", "--to", "json", "-o", "elsewhere")
    assert result.exit_code == 0, result.output
    assert not (project / "dist").exists()
    assert [p.name for p in (project / "elsewhere").iterdir() if not p.name.startswith(".")] == [f"{STEM}.json"]


def test_per_format_table_applies_to_its_format_only_and_loses_to_the_command_line(project):
    (project / "toolkit.toml").write_text('paper = "letter"\n[latex]\npaper = "a5"\n')
    assert run("convert", "article.md", "--to", "latex", "-o", "a.tex").exit_code == 0
    assert "a5paper" in (project / "a.tex").read_text()
    assert run("convert", "article.md", "--to", "latex", "-o", "b.tex", "--paper", "a4").exit_code == 0
    assert "a4paper" in (project / "b.tex").read_text()
    (project / "toolkit.toml").write_text('paper = "letter"\n')
    assert run("convert", "article.md", "--to", "latex", "-o", "c.tex").exit_code == 0
    assert "letterpaper" in (project / "c.tex").read_text()


def test_meta_defaults_fill_only_what_the_article_lacks(project):
    (project / "toolkit.toml").write_text('[meta]\npublisher = "House Press"\nkicker = "Environment"\n')
    assert run("convert", "article.md", "-o", "t.json").exit_code == 0
    meta = tree(project / "t.json")["meta"]
    assert meta["publisher"] == "Example Press"  # the article's own
    assert meta["kicker"] == "Environment"  # the article had none


def test_meta_option_overrides_everything(project):
    (project / "toolkit.toml").write_text('[meta]\npublisher = "House Press"\n')
    result = run("convert", "article.md", "-o", "t.json", "--meta", "publisher=CLI Press",
                 "--meta", "author=Ana Lima", "--meta", "author=Ben Ode", "--meta", "date=14 March 2022",
                 "--meta", "language=pt-BR", "--meta", "rights=All rights reserved",
                 "--meta", "identifier=urn:isbn:9780000000002")
    assert result.exit_code == 0, result.output
    meta = tree(project / "t.json")["meta"]
    assert meta["publisher"] == "CLI Press"
    assert meta["authors"] == ["Ana Lima", "Ben Ode"]
    assert meta["date"] == "2022-03-14"
    assert meta["language"] == "pt-BR"
    assert meta["rights"] == "All rights reserved"
    assert ["identifier", "urn:isbn:9780000000002"] in meta["extra"]


@pytest.mark.parametrize(("args", "message"), [
    (("--meta", "colour=blue"), "unknown metadata key 'colour'"),
    (("--meta", "publisher"), "--meta takes KEY=VALUE"),
    (("--meta", "date=someday"), "--meta date: cannot read 'someday' as a date"),
    (("--meta", "language=not a tag"), "not a language tag"),
])
def test_bad_meta_option_is_a_usage_error(project, args, message):
    result = run("convert", "article.md", "-o", "t.json", *args)
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.parametrize(("toml", "message"), [
    ('papr = "a4"\n', "unknown key 'papr'"),
    ('[pdf]\ncolumn = 2\n', "unknown key 'pdf.column'"),
    ('[meta]\nauthr = "X"\n', "unknown metadata key 'authr'"),
    ('[nosuchformat]\npaper = "a4"\n', "unknown key 'nosuchformat'"),
    ('formats = ["pdf", "doc"]\n', "unknown format 'doc'"),
    ('paper = "a3"\n', "'paper' must be one of"),
    ('columns = 3\n', "'columns' must be 1 or 2"),
    ('strict = "yes"\n', "'strict' must be true or false"),
    ('missing-images = "hide"\n', "'missing-images' must be 'note' or 'drop'"),
    ('paper = \n', "not valid TOML"),
])
def test_project_file_errors_name_the_key(project, toml, message):
    (project / "toolkit.toml").write_text(toml)
    result = run("build", "article.md", "--to", "json")
    assert result.exit_code == 2
    assert message in result.output
    assert "toolkit.toml" in result.output


def test_config_option_names_another_file_and_paths_are_relative_to_it(project):
    (project / "conf").mkdir()
    (project / "conf" / "house.css").write_text("body { color: black; }\n")
    (project / "conf" / "site.toml").write_text('css = ["house.css"]\noutput = "out"\n[meta]\nkicker = "Rivers"\n')
    cfg = load_config(project / "conf" / "site.toml")
    assert cfg.default_map("build")["css"] == [str(project / "conf" / "house.css")]
    result = run("build", "article.md", "--to", "json", "--config", "conf/site.toml")
    assert result.exit_code == 0, result.output
    assert tree(project / "conf" / "out" / f"{STEM}.json")["meta"]["kicker"] == "Rivers"  # beside the file


def test_missing_config_file_is_a_usage_error(project):
    result = run("build", "article.md", "--config", "nope.toml")
    assert result.exit_code == 2
    assert "project file not found" in result.output


def test_no_project_file_means_plain_defaults(project):
    cfg = load_config()
    assert cfg.path is None
    assert cfg.default_map("build") == {}


def test_load_config_rejects_a_missing_css_file(project):
    (project / "toolkit.toml").write_text('css = ["missing.css"]\n')
    with pytest.raises(UsageError, match="no such file"):
        load_config()


def test_the_project_file_sets_missing_images(project):
    (project / "toolkit.toml").write_text('missing-images = "drop"\n')
    (project / "article.md").write_text("# T\n\nText.\n\n![A caption that stays](gone.png)\n", encoding="utf-8")
    result = run("build", "article.md", "--to", "html", "-o", "out")
    assert result.exit_code == 0, result.output
    html = next((project / "out").glob("*.html")).read_text(encoding="utf-8")
    assert "A caption that stays" in html
    assert "Image not included" not in html
