"""Classes 3 and 6 of issue 26: a manifest builds only files under its folder (unless ``--allow-outside``), and a
manifest too odd to read (a huge CSV field, a 5000-digit number) is a one-line error naming file and row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.conftest import assert_one_line_error, cli, paragraphs
from toolkit.batch.inputs import read_manifest
from toolkit.errors import InputError

SECRET = "PRIVATE-NOTE-8830 on the household budget"


@pytest.fixture
def folders(tmp_path) -> tuple[Path, Path]:
    """(the manifest's folder with one article, a private file beside that folder)."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "a.txt").write_text("Rivers\n\n" + "\n\n".join(paragraphs(3)) + "\n", encoding="utf-8")
    private = tmp_path / "private.txt"
    private.write_text("Budget\n\n" + "\n\n".join([SECRET, *paragraphs(2)]) + "\n", encoding="utf-8")
    return work, private


def outputs_hold_secret(out: Path) -> bool:
    return out.exists() and any(SECRET in p.read_text(encoding="utf-8", errors="replace")
                                for p in out.rglob("*") if p.is_file())


@pytest.mark.parametrize("row", ["absolute", "relative", "symlink"])
def test_a_manifest_row_outside_its_folder_is_refused(folders, out, row):
    work, private = folders
    if row == "symlink":
        (work / "notes.txt").symlink_to(private)
        name = "notes.txt"
    else:
        name = str(private) if row == "absolute" else "../private.txt"
    manifest = work / "list.csv"
    manifest.write_text(f"input,title\na.txt,Rivers\n{name},Budget\n", encoding="utf-8")
    run = cli("build", "--manifest", manifest, "-o", out, "--to", "html")
    assert_one_line_error(run, "list.csv:3", "outside the manifest's folder", "--allow-outside")
    assert not outputs_hold_secret(out)


def test_jsonl_rows_are_confined_the_same_way(folders, out):
    work, private = folders
    manifest = work / "list.jsonl"
    manifest.write_text(json.dumps({"input": str(private)}) + "\n", encoding="utf-8")
    run = cli("build", "--manifest", manifest, "-o", out, "--to", "html")
    assert_one_line_error(run, "list.jsonl:1", "outside the manifest's folder")


def test_allow_outside_builds_a_row_elsewhere(folders, out):
    work, private = folders
    manifest = work / "list.csv"
    manifest.write_text(f"input\na.txt\n{private}\n", encoding="utf-8")
    run = cli("build", "--manifest", manifest, "-o", out, "--to", "html", "--allow-outside")
    assert run.exit_code == 0, run.stderr
    assert outputs_hold_secret(out)  # the user said so


def test_a_csv_field_over_128_kb_is_a_one_line_error(folders, out):
    work, _ = folders
    manifest = work / "list.csv"
    manifest.write_text('input,title\na.txt,"' + "x" * (200 * 1024) + '"\n', encoding="utf-8")
    run = cli("build", "--manifest", manifest, "-o", out, "--to", "html")
    assert_one_line_error(run, "list.csv", "line 2", "field")


@pytest.mark.parametrize("line", ['{"input": "a.txt", "year": ' + "7" * 5000 + "}",
                                  '{"input": ' * 100_000 + '"a.txt"' + "}" * 100_000])
def test_a_jsonl_line_python_cannot_read_is_a_one_line_error(folders, line):
    work, _ = folders
    manifest = work / "list.jsonl"
    manifest.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        read_manifest(manifest)


def test_a_nul_byte_in_a_manifest_input_is_a_one_line_error(folders, out):
    work, _ = folders
    manifest = work / "list.csv"
    manifest.write_text("input\nstory\x00.txt\n", encoding="utf-8")
    run = cli("build", "--manifest", manifest, "-o", out, "--to", "html")
    assert_one_line_error(run, "list.csv:2", "NUL byte")
