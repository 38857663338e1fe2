"""Class 2 of issue 26: a ``toolkit.toml`` cannot make the toolkit copy a file that is not a style sheet into an
edition, and one found by itself in the current folder names only files under its folder (symlinks resolved)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.conftest import Run, assert_one_line_error, paragraphs

SECRET = "PRIVATE-NOTE-5521: the key is under the mat"


def cli_in(folder: Path, *args) -> Run:
    """The CLI as a process whose current folder is ``folder`` (where it looks for toolkit.toml)."""
    proc = subprocess.run([sys.executable, "-m", "toolkit", *map(str, args)], cwd=folder, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(Path.cwd())})
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def project(tmp_path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "a.txt").write_text("Rivers\n\n" + "\n\n".join(paragraphs(3)) + "\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    return folder


def leaked(folder: Path) -> bool:
    return folder.exists() and any(SECRET in p.read_text(encoding="utf-8", errors="replace")
               for p in folder.rglob("*") if p.is_file() and p.suffix in (".html", ".css", ".xhtml"))


def unzip_all(folder: Path) -> None:
    import zipfile

    for epub in folder.rglob("*.epub"):
        with zipfile.ZipFile(epub) as z:
            z.extractall(epub.with_suffix(".unzipped"))


def test_a_file_that_is_not_css_is_not_copied_into_the_editions(project):
    (project / "notes.css").write_text(SECRET + "\n", encoding="utf-8")  # inside the folder, but not CSS
    (project / "toolkit.toml").write_text('css = ["notes.css"]\n', encoding="utf-8")
    run = cli_in(project, "build", "a.txt", "-o", "out", "--to", "html,epub")
    unzip_all(project / "out")
    assert not leaked(project / "out")
    assert_one_line_error(run, "toolkit.toml", "'css'", "notes.css", "not CSS", code=2)


@pytest.mark.parametrize("how", ["absolute", "relative", "symlink"])
def test_an_auto_found_project_file_names_no_style_sheet_outside_its_folder(project, how):
    sheet = project.parent / "outside.css"
    sheet.write_text("p { color: black }\n", encoding="utf-8")
    if how == "symlink":
        (project / "house.css").symlink_to(sheet)
        name = "house.css"
    else:
        name = str(sheet) if how == "absolute" else "../outside.css"
    (project / "toolkit.toml").write_text(f'css = ["{name}"]\n', encoding="utf-8")
    run = cli_in(project, "build", "a.txt", "-o", "out", "--to", "html")
    assert_one_line_error(run, "toolkit.toml", "'css'", "outside this project file's folder", "--config", code=2)


def test_the_same_file_given_with_config_may_name_a_sheet_elsewhere(project, tmp_path):
    (tmp_path / "shared.css").write_text("p { letter-spacing: 0.01em }\n", encoding="utf-8")
    (project / "toolkit.toml").write_text('css = ["../shared.css"]\n', encoding="utf-8")
    run = cli_in(project, "build", "a.txt", "-o", "out", "--to", "html", "--config", "toolkit.toml")
    assert run.exit_code == 0, run.stderr
    assert "letter-spacing: 0.01em" in next((project / "out").glob("*.html")).read_text(encoding="utf-8")


@pytest.mark.parametrize(("key", "value"), [("reference-doc", "../secret.txt"), ("output", "../elsewhere"),
                                       ("docx.reference-doc", "/etc/hostname")])
def test_other_paths_of_an_auto_found_project_file_stay_in_its_folder(project, key, value):
    if "." in key:
        table, sub = key.split(".")
        text = f'[{table}]\n{sub} = "{value}"\n'
    else:
        text = f'{key} = "{value}"\n'
    (project / "toolkit.toml").write_text(text, encoding="utf-8")
    run = cli_in(project, "build", "a.txt", "-o", "out", "--to", "html")
    assert_one_line_error(run, "toolkit.toml", key, "outside this project file's folder", code=2)
    assert not (project.parent / "elsewhere").exists()


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="no /proc")
def test_a_kernel_file_named_as_css_is_refused_even_with_config(project):
    (project / "site.toml").write_text('css = ["/proc/self/environ"]\n', encoding="utf-8")
    run = cli_in(project, "build", "a.txt", "-o", "out", "--to", "html", "--config", "site.toml")
    assert_one_line_error(run, "site.toml", "'css'", "system file", code=2)


@pytest.mark.parametrize("key", ["reference-doc", "output", "css"])
def test_a_nul_byte_in_a_project_path_is_a_one_line_error(project, key):
    value = '["a\\u0000.css"]' if key == "css" else '"a\\u0000.docx"'
    (project / "toolkit.toml").write_text(f"{key} = {value}\n", encoding="utf-8")
    run = cli_in(project, "build", "a.txt", "-o", "out", "--to", "html")
    assert_one_line_error(run, "toolkit.toml", key, code=2)
