"""Inputs expand from files, folders, globs and CSV or JSON Lines manifests into one job per file."""

from __future__ import annotations

import json

import pytest

from toolkit.batch.inputs import collect_jobs, is_single_file, read_manifest
from toolkit.errors import InputError, UsageError


def names(jobs):
    return sorted(j.input.rsplit("/", 1)[-1] for j in jobs)


def test_folder_is_walked_by_known_extensions(articles):
    jobs = collect_jobs([str(articles)])
    assert names(jobs) == ["a1.txt", "a2.txt", "a3.txt", "deep.md"]


def test_glob_and_duplicates(articles):
    jobs = collect_jobs([str(articles / "a*.txt"), str(articles / "a1.txt")])
    assert names(jobs) == ["a1.txt", "a2.txt", "a3.txt"]
    assert len({j.key for j in jobs}) == 3


def test_recursive_glob(articles):
    assert names(collect_jobs([str(articles / "**" / "*.md")])) == ["deep.md"]


def test_glob_without_match_names_the_pattern(tmp_path):
    with pytest.raises(InputError, match=r"nothing-\*\.txt"):
        collect_jobs([str(tmp_path / "nothing-*.txt")])


def test_output_folder_inside_input_folder_is_skipped(articles):
    (articles / "out").mkdir()
    (articles / "out" / "built.html").write_text("<html></html>")
    assert "built.html" not in names(collect_jobs([str(articles)], out_dir=articles / "out"))


def test_csv_manifest(articles, tmp_path):
    manifest = tmp_path / "list.csv"
    manifest.write_text("input,output,title,authors\n"
                        "src/a1.txt,first,Better title,Ann Lee; Bo Chen\n"
                        "src/a2.txt,,,\n", encoding="utf-8")
    jobs = read_manifest(manifest)
    assert [j.name for j in jobs] == ["first", None]
    assert jobs[0].metadata == {"title": "Better title", "authors": ["Ann Lee", "Bo Chen"]}
    assert jobs[1].metadata == {}
    assert jobs[0].input == str(articles / "a1.txt")


def test_jsonl_manifest_with_nested_metadata(articles, tmp_path):
    manifest = tmp_path / "list.jsonl"
    rows = [{"input": str(articles / "a3.txt"), "name": "third", "metadata": {"date": "2024-05-01"}},
            {"path": "src/sub/deep.md", "tags": ["x", "y"]}]
    manifest.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    jobs = collect_jobs([str(articles / "a3.txt")], manifest=manifest)
    assert [j.name for j in jobs] == ["third", None]
    assert jobs[0].metadata == {"date": "2024-05-01"}
    assert jobs[1].metadata == {"tags": ["x", "y"]}


@pytest.mark.parametrize(("text", "message"), [
    ("title\nno input column\n", "'input' column"),
    ('{"title": "x"}\n', "no 'input'"),
    ("{not json\n", "line 1 is not JSON"),
])
def test_bad_manifest_is_one_clear_error(tmp_path, text, message):
    manifest = tmp_path / ("m.jsonl" if text.startswith("{") else "m.csv")
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_manifest(manifest)


def test_nothing_given_is_a_usage_error():
    with pytest.raises(UsageError):
        collect_jobs([])


def test_single_file_detection(articles):
    assert is_single_file([str(articles / "a1.txt")], None)
    assert is_single_file([str(articles / "missing.txt")], None)
    assert not is_single_file([str(articles)], None)
    assert not is_single_file([str(articles / "*.txt")], None)
    assert not is_single_file([str(articles / "a1.txt")], "m.csv")
