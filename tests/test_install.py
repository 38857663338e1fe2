"""The install check (issue 14): the toolkit as a user gets it, not as the checkout runs it.

A wheel is built from the checkout's files and must hold every style sheet, the HTML edition's
scripts and the right metadata (distribution ``toolkit-editions``, ``License-Expression: MIT``, no
setuptools deprecation warning). It is then installed, not editable, into an empty virtual
environment (pip fetches the dependencies through its configured indexes), and from a folder outside
the checkout that environment's ``toolkit`` must build the seed's three editions, pass ``doctor``,
report its version, and use a plugin that declares ``dependencies = ["toolkit-editions"]``.

Only a machine that cannot create a virtual environment skips; a failed install fails, since an
install that does not work is what this module exists to catch. It takes about 40 s here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import toolkit

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "kazakhstan-xinjiang-camps.txt"
PLUGIN = REPO / "tests" / "plugins" / "example_writer"
TITLE = "# Carefully, Kazakhstan Confronts China About Kazakhs in Xinjiang Re-Education Camps"
PYTHON_CHECKS = ("style sheets", "pandoc", "WeasyPrint (Pango)", "ebooklib", "trafilatura (web pages)")


def clean_env() -> dict[str, str]:
    """This environment without anything that would let the checkout or the test venv leak in."""
    drop = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "PYTHONSAFEPATH")
    return {k: v for k, v in os.environ.items() if k not in drop}


def run(cmd: list, *, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=clean_env(), capture_output=True, text=True,
                          timeout=timeout, check=False)


def output(result: subprocess.CompletedProcess) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout[-4000:]}\n--- stderr\n{result.stderr[-4000:]}"


def build_wheel(src: Path, out: Path) -> tuple[Path, str]:
    """``pip wheel --no-deps --no-build-isolation`` (this environment's setuptools, so offline)."""
    result = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                  "--disable-pip-version-check", "-w", out, src])
    assert result.returncode == 0, output(result)
    wheels = list(out.glob("*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0], result.stdout + result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    """(the wheel, pip's output). Built from a copy of the files a wheel is made of, so that the build
    leaves no build/ or *.egg-info in the checkout and no stale build/lib file of an earlier build
    slips into the wheel."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(REPO / name, src / name)
    shutil.copytree(REPO / "toolkit", src / "toolkit", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return build_wheel(src, tmp / "dist")


@pytest.fixture(scope="module")
def venv(built, tmp_path_factory) -> Path:
    """An empty virtual environment with the wheel installed (not editable); its bin/ folder."""
    root = tmp_path_factory.mktemp("venv") / "venv"
    made = run([sys.executable, "-m", "venv", root], timeout=180)
    if made.returncode != 0 or not (root / "bin" / "python").exists():
        pytest.skip(f"cannot create a virtual environment here: {(made.stderr or made.stdout).strip()[-500:]}")
    installed = run([root / "bin" / "python", "-m", "pip", "install", "--disable-pip-version-check", built[0]],
                    timeout=900)
    assert installed.returncode == 0, output(installed)
    return root / "bin"


@pytest.fixture
def work(tmp_path) -> Path:
    """A working folder outside the checkout, holding a copy of the seed."""
    folder = tmp_path / "work"
    folder.mkdir()
    shutil.copy2(SEED, folder / SEED.name)
    return folder


def test_wheel_holds_the_styles_the_scripts_and_the_metadata(built):
    wheel, log = built
    assert wheel.name == f"toolkit_editions-{toolkit.__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        dist_info = f"toolkit_editions-{toolkit.__version__}.dist-info"
        metadata = z.read(f"{dist_info}/METADATA").decode("utf-8")
    styles = REPO / "toolkit" / "styles"
    sheets = {"toolkit/" + p.relative_to(REPO / "toolkit").as_posix() for p in styles.rglob("*.css")}
    assert {"toolkit/styles/base.css", "toolkit/styles/themes/classic.css"} <= sheets
    assert sheets <= names, sorted(sheets - names)
    assets = REPO / "toolkit" / "writers" / "assets"
    scripts = {"toolkit/" + p.relative_to(REPO / "toolkit").as_posix() for p in assets.glob("*.js")}
    assert "toolkit/writers/assets/annotated.js" in scripts
    assert scripts <= names, sorted(scripts - names)
    assert f"{dist_info}/licenses/LICENSE" in names
    assert "toolkit/py.typed" in names  # type checkers read the installed package's annotations
    assert {"toolkit/__main__.py", "toolkit/cli/__main__.py"} <= names
    assert "toolkit/styles.py" not in names
    assert not any(n.startswith("styles/") for n in names)
    head = metadata.split("\n\n", 1)[0].splitlines()
    assert "Name: toolkit-editions" in head
    assert "License-Expression: MIT" in head
    assert not any(line.startswith("License:") for line in head)  # the deprecated free-text field
    assert "deprecat" not in log.lower(), log


def test_installed_wheel_builds_the_three_editions_outside_the_checkout(venv, work):
    where = run([venv / "python", "-c", "import toolkit; print(toolkit.__file__)"], cwd=work)
    assert where.returncode == 0, output(where)
    assert Path(where.stdout.strip()).is_relative_to(venv.parent), where.stdout  # the installed copy, not the checkout
    result = run([venv / "toolkit", "build", SEED.name, "--to", "pdf,epub,html", "-o", "out"], cwd=work)
    assert result.returncode == 0, output(result)
    out = work / "out"
    (pdf,), (epub,), (html,) = (sorted(out.glob(f"*.{ext}")) for ext in ("pdf", "epub", "html"))
    assert pdf.stat().st_size > 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    data = epub.read_bytes()
    assert data.startswith(b"PK\x03\x04")
    with zipfile.ZipFile(epub) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype"
        assert z.read(first) == b"application/epub+zip"
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_installed_doctor_and_version(venv, work):
    result = run([venv / "toolkit", "doctor"], cwd=work)
    lines = result.stdout.splitlines()
    status = {}
    for line in lines:
        for name in (*PYTHON_CHECKS, "HarfBuzz subsetting", "Java (EPUBCheck)", "fonts"):
            if line[9:].startswith(name):
                status[name] = line.startswith("ok")
    assert set(PYTHON_CHECKS) <= set(status), output(result)
    # what the wheel and its dependencies bring must be there; the system's own parts are make system-test's
    assert all(status[name] for name in PYTHON_CHECKS), output(result)
    assert result.returncode == (0 if all(status.values()) else 1), output(result)
    assert str(venv.parent) in next(line for line in lines if line[9:].startswith("style sheets"))
    version = run([venv / "toolkit", "--version"], cwd=work)
    assert version.returncode == 0, output(version)
    assert version.stdout.strip() == f"toolkit, version {toolkit.__version__}"
    as_module = run([venv / "python", "-m", "toolkit", "--version"], cwd=work)
    assert as_module.stdout == version.stdout, output(as_module)


def test_installed_wheel_takes_a_plugin(venv, work, tmp_path):
    """The example plugin declares ``dependencies = ["toolkit-editions"]``: installed with ``--no-index``,
    that dependency can only be met by the wheel already installed (``toolkit`` would not be)."""
    src = tmp_path / "plugin-src"
    shutil.copytree(PLUGIN, src, ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
    plugin, _ = build_wheel(src, tmp_path / "plugin-dist")
    installed = run([venv / "python", "-m", "pip", "install", "--disable-pip-version-check", "--no-index", plugin])
    assert installed.returncode == 0, output(installed)
    result = run([venv / "toolkit", "build", SEED.name, "--to", "gemtext", "-o", "gmi"], cwd=work)
    assert result.returncode == 0, output(result)
    (gmi,) = (work / "gmi").glob("*.gmi")
    text = gmi.read_text(encoding="utf-8")
    assert text.startswith(TITLE + "\n")
    assert "\n## Sources\n" in text


def readme_commands(section: str = "## Command line") -> list[str]:
    """The shell lines of the README's section, as a user would paste them (comments stripped)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    body = text.split(section + "\n", 1)[1].split("\n## ", 1)[0]
    lines = []
    for block in body.split("```sh\n")[1:]:
        for line in block.split("```", 1)[0].splitlines():
            line = line.split("  #", 1)[0].strip()
            if line and "toolkit" in line:
                lines.append(line)
    return lines


def test_the_readme_command_line_examples_run_as_written_from_the_install(venv, work):
    """Every example of the README's "Command line" section, in a folder holding the files it names, with
    the installed ``toolkit`` first on PATH (``.venv/bin/toolkit`` is the install's own). Only the URL
    example is left out: this machine's tests do not reach the web (tests/test_cli_habits.py serves a page
    on loopback instead)."""
    (work / "seeds").mkdir()
    shutil.copy2(SEED, work / "seeds" / SEED.name)
    (work / "article.md").write_text("---\ntitle: A Markdown Article\nauthor: Ann Writer\ndate: 2024-05-01\n---\n\n"
                                     "The first paragraph, with a claim.\n\nThe second paragraph.\n", encoding="utf-8")
    shutil.copy2(SEED, work / "page.txt")
    commands = readme_commands()
    assert len(commands) >= 15, commands
    env = {**clean_env(), "PATH": f"{venv}:{os.environ.get('PATH', '')}"}
    ran = 0
    for line in commands:
        if "https://" in line:
            continue
        shell = line.replace(".venv/bin/toolkit", str(venv / "toolkit"))
        result = subprocess.run(["bash", "-o", "pipefail", "-c", shell], cwd=work, env=env, capture_output=True,
                                timeout=300, check=False)
        assert result.returncode == 0, f"{line}\n{result.stderr.decode(errors='replace')[-2000:]}"
        ran += 1
    assert ran == len(commands) - 1
    assert (work / "article.pdf").read_bytes().startswith(b"%PDF-")
    assert (work / "page.html").read_text(encoding="utf-8").lstrip().startswith("{")
    assert (work / "out.pdf").read_bytes().startswith(b"%PDF-")
    assert (work / "toolkit.toml").is_file()
    assert sorted(p.suffix for p in (work / "build").glob("[!.]*")) == [".epub", ".html", ".pdf"]


def readme_python_blocks() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in text.split("```python\n")[1:]]


def test_the_readme_python_examples_run_as_written_from_the_install(venv, work):
    """The README's Python blocks (the API and the batch example), each as a script of its own."""
    (work / "seeds").mkdir()
    shutil.copy2(SEED, work / "seeds" / SEED.name)
    (work / "articles").mkdir()
    for i in range(2):
        (work / "articles" / f"a{i}.md").write_text(f"# Article {i}\n\nA paragraph of article {i}.\n", encoding="utf-8")
    blocks = readme_python_blocks()
    assert len(blocks) >= 2
    for n, code in enumerate(blocks):
        script = work / f"example{n}.py"
        script.write_text(code, encoding="utf-8")
        result = run([venv / "python", script.name], cwd=work)
        assert result.returncode == 0, f"{code}\n{output(result)}"
    assert (work / "build" / "article.pdf").read_bytes().startswith(b"%PDF-")
    assert len(list((work / "out").glob("*.html"))) == 2
