"""Every CLI command under CliRunner: output, exit codes and one-line messages."""

from __future__ import annotations

import json

from click.testing import CliRunner

from toolkit.cli.commands import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_help_and_version():
    assert run("--help").exit_code == 0
    for cmd in ("build", "convert", "inspect", "formats", "doctor", "styles"):
        assert run(cmd, "--help").exit_code == 0
    r = run("--version")
    assert r.exit_code == 0
    assert "toolkit" in r.output


def test_inspect_json_contract(seed_path):
    r = run("inspect", str(seed_path), "--json")
    assert r.exit_code == 0
    data = json.loads(r.output)
    keys = {"schema", "input", "format", "title", "subtitle", "kicker", "tags", "authors", "date", "language",
            "text", "paragraphs", "figures", "quotes", "sources", "abbreviations", "events", "people",
            "organizations", "places"}
    assert keys <= set(data)
    assert data["schema"] == "toolkit-summary/1"
    assert data["format"] == "text"
    assert data["paragraphs"] == 31


def test_inspect_outline(seed_path):
    r = run("inspect", str(seed_path))
    assert r.exit_code == 0
    assert "Crossroads Asia" in r.output


def test_build_to_folder(tmp_path, seed_path):
    r = run("build", str(seed_path), "--to", "html,json", "-o", str(tmp_path))
    assert r.exit_code == 0, r.output
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))  # not the build state
    assert names == ["carefully-kazakhstan-confronts-china-about-kazakhs-in-xinjiang-re-education.html",
                     "carefully-kazakhstan-confronts-china-about-kazakhs-in-xinjiang-re-education.json"]


def test_missing_file_is_one_line_exit_1(tmp_path):
    r = run("inspect", str(tmp_path / "nope.txt"))
    assert r.exit_code == 1
    assert r.output.strip().count("\n") == 0
    assert "nope.txt" in r.output
    assert "no such file" in r.output


def test_unknown_format_is_usage_error(seed_path, tmp_path):
    r = run("build", str(seed_path), "--to", "mobi", "-o", str(tmp_path))
    assert r.exit_code == 2
    assert "mobi" in r.output


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("  \n\n ")
    r = run("inspect", str(p))
    assert r.exit_code == 1
    assert "empty.txt" in r.output
    assert "Traceback" not in r.output


def test_bad_option_exits_2(seed_path):
    assert run("build", str(seed_path), "--paper", "huge").exit_code == 2


def test_convert_json_stdout(seed_path):
    r = run("convert", str(seed_path), "--to", "json")
    assert r.exit_code == 0
    assert json.loads(r.output)["toolkit-tree-version"]


def test_formats_lists_readers_and_writers():
    r = run("formats")
    assert r.exit_code == 0
    for name in ("text", "markdown", "html", "docx", "pdf", "epub", "json"):
        assert name in r.output
    rows = [line for line in r.output.splitlines() if line.startswith("  ") and "." in line.split()[1][:1]]
    starts = {line.index(line.split()[1]) for line in rows}  # the extension column
    assert len(starts) == 1, "every name fits its column, however long"


def test_help_does_not_import_weasyprint():
    import subprocess
    import sys

    code = "import sys; from toolkit.cli.commands import main; import click\n" \
           "try:\n main(['--help'])\nexcept SystemExit: pass\n" \
           "print('weasyprint' in sys.modules, 'ebooklib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("False False")
