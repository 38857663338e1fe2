"""Metadata dates: one rule for --meta, toolkit.toml [meta], the sidecar, manifest rows and front matter.

Every accepted form gives the same YYYY-MM-DD through every path; a value that is not one day is an
error naming the key and where it was given, never stored as written (see README, "Project file").
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import toolkit
from toolkit.batch.inputs import read_manifest
from toolkit.cli.commands import main
from toolkit.config.project import parse_meta_options
from toolkit.errors import InputError, UsageError
from toolkit.language.dates import parse_metadata_date
from toolkit.pandoc.run import pandoc_path

TEXT = "A Title For The Test\n\nThe river rose in the night and the town woke to water in the streets.\n"

# (as written, the day it means): every form the README lists
FORMS = [
    ("2018-03-29", "2018-03-29"),
    ("2018-3-9", "2018-03-09"),
    ("2018-03-29T10:00:00Z", "2018-03-29"),
    ("2018-03-29T23:30:00-05:00", "2018-03-29"),  # the day as written, not moved to UTC
    ("2018/03/29", "2018-03-29"),
    ("2018.03.29", "2018-03-29"),
    ("20180329", "2018-03-29"),
    ("March 29, 2018", "2018-03-29"),
    ("Mar. 29 2018", "2018-03-29"),
    ("march 29th, 2018", "2018-03-29"),
    ("29 March 2018", "2018-03-29"),
    ("29 Mar 2018", "2018-03-29"),
    ("29th of March, 2018", "2018-03-29"),
    ("29-Mar-2018", "2018-03-29"),
    ("Sept. 3, 2018", "2018-09-03"),
    ("Thursday, March 29, 2018", "2018-03-29"),
    ("03/29/2018", "2018-03-29"),
    ("29/03/2018", "2018-03-29"),
    ("29.03.2018", "2018-03-29"),
    ("29-03-2018", "2018-03-29"),
    ("03/04/2018", "2018-03-04"),  # ambiguous, slashes: month first
    ("03.04.2018", "2018-04-03"),  # ambiguous, dots: day first
    ("03-04-2018", "2018-04-03"),  # ambiguous, dashes: day first
    ("04/04/2018", "2018-04-04"),
]

# (as written, words of the reason): never a date
BAD = [
    ("soon", "write YYYY-MM-DD, 'March 29, 2018' or '29 March 2018'"),
    ("Spring 2018", "write YYYY-MM-DD"),
    ("Published March 29, 2018", "write YYYY-MM-DD"),
    ("2018", "a year alone is not a date"),
    ("March 2018", "a month alone is not a date"),
    ("2018-03", "a month alone is not a date"),
    ("03/2018", "a month alone is not a date"),
    ("03/29/18", "four digits"),
    ("2018-02-30", "there is no February 30 in 2018"),
    ("February 29, 2019", "there is no February 29 in 2019"),
    ("30/02/2018", "there is no February 30 in 2018"),
    ("2018-13-01", "there is no month 13"),
    ("13/13/2018", "no month is over 12"),
    ("Smarch 29, 2018", "'Smarch' is not a month"),
    ("Monday, March 29, 2018", "2018-03-29 is a Thursday, not a Monday"),
]


def article(tmp_path: Path, sidecar: str | None = None) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    if sidecar is not None:
        (tmp_path / "article.txt.meta.yaml").write_text(sidecar, encoding="utf-8")
    return path


def markdown(tmp_path: Path, front: str, name: str = "article.md") -> Path:
    path = tmp_path / name
    path.write_text(f"---\ntitle: A Title\n{front}\n---\n\n{TEXT}", encoding="utf-8")
    return path


def quoted(value: str) -> str:
    return json.dumps(value)  # a YAML double-quoted string


# --- the rule itself ---


@pytest.mark.parametrize(("written", "day"), FORMS)
def test_every_form_reads_as_its_day(written, day):
    assert parse_metadata_date(written) == day


def test_date_objects_and_numbers_from_yaml_or_toml():
    assert parse_metadata_date(datetime.date(2018, 3, 29)) == "2018-03-29"
    assert parse_metadata_date(datetime.datetime(2018, 3, 29, 23, 59)) == "2018-03-29"
    assert parse_metadata_date(20180329) == "2018-03-29"
    for value in (2018, 29.3, True, ["2018-03-29"], {"y": 2018}):
        with pytest.raises(ValueError, match=r"\w"):
            parse_metadata_date(value)


@pytest.mark.parametrize(("written", "reason"), BAD)
def test_what_is_not_one_day_is_refused_with_a_reason(written, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        parse_metadata_date(written)


def test_the_ambiguous_rule_depends_only_on_the_separator():
    """Both numbers 1-12: slashes are month first (US, and pandoc), dots and dashes day first."""
    for a in range(1, 13):
        for b in range(1, 13):
            assert parse_metadata_date(f"{a:02d}/{b:02d}/2020") == f"2020-{a:02d}-{b:02d}"
            assert parse_metadata_date(f"{a}.{b}.2020") == f"2020-{b:02d}-{a:02d}"
            assert parse_metadata_date(f"{a}-{b}-2020") == f"2020-{b:02d}-{a:02d}"
    # a number over 12 can only be the day, whatever the separator
    for sep in "/.-":
        assert parse_metadata_date(f"13{sep}01{sep}2020") == "2020-01-13"
        assert parse_metadata_date(f"01{sep}13{sep}2020") == "2020-01-13"


# --- --meta date= and toolkit.toml [meta] ---


@pytest.mark.parametrize(("written", "day"), FORMS)
def test_meta_option_reads_every_form(written, day):
    assert parse_meta_options((f"date={written}",)) == (("date", day),)


@pytest.mark.parametrize(("written", "reason"), BAD)
def test_meta_option_refuses_a_non_date_naming_the_key(written, reason):
    with pytest.raises(UsageError) as err:
        parse_meta_options((f"date={written}",))
    assert str(err.value).startswith(f"--meta date: cannot read {written!r} as a date (")
    assert reason in str(err.value)


def test_meta_option_on_the_command_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    article(tmp_path)
    runner = CliRunner()
    ok = runner.invoke(main, ["convert", "article.txt", "-o", "t.json", "--meta", "date=03/04/2018"])
    assert ok.exit_code == 0, ok.output
    assert json.loads((tmp_path / "t.json").read_text())["meta"]["date"] == "2018-03-04"
    bad = runner.invoke(main, ["convert", "article.txt", "-o", "u.json", "--meta", "date=soon"])
    assert bad.exit_code == 2
    assert ("--meta date: cannot read 'soon' as a date (write YYYY-MM-DD, 'March 29, 2018' or "
            "'29 March 2018')") in bad.output
    assert not (tmp_path / "u.json").exists()


@pytest.mark.parametrize(("toml", "day"), [
    ('date = "03.04.2018"', "2018-04-03"),
    ('date = "March 29, 2018"', "2018-03-29"),
    ("date = 2018-03-29", "2018-03-29"),  # a TOML date, not a string
    ("date = 2018-03-29T10:00:00Z", "2018-03-29"),
])
def test_project_file_meta_date(tmp_path, monkeypatch, toml, day):
    monkeypatch.chdir(tmp_path)
    article(tmp_path)
    (tmp_path / "toolkit.toml").write_text(f"[meta]\n{toml}\n")
    result = CliRunner().invoke(main, ["convert", "article.txt", "-o", "t.json"])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "t.json").read_text())["meta"]["date"] == day


@pytest.mark.parametrize(("toml", "shown"), [
    ('date = "2018"', "'2018'"), ('date = "sometime"', "'sometime'"), ('date = ["2018-03-29"]', "\"['2018-03-29']\"")])
def test_project_file_bad_date_is_a_usage_error_naming_the_key(tmp_path, monkeypatch, toml, shown):
    monkeypatch.chdir(tmp_path)
    article(tmp_path)
    (tmp_path / "toolkit.toml").write_text(f"[meta]\n{toml}\n")
    result = CliRunner().invoke(main, ["convert", "article.txt", "-o", "t.json"])
    assert result.exit_code == 2
    assert f"toolkit.toml: [meta] date: cannot read {shown} as a date (" in result.output


# --- the sidecar INPUT.meta.yaml and manifest rows ---


@pytest.mark.parametrize(("written", "day"), FORMS)
def test_sidecar_reads_every_form(tmp_path, written, day):
    path = article(tmp_path, f"date: {quoted(written)}\n")
    assert toolkit.read(path, passes=False).meta.date == day


@pytest.mark.parametrize(("yaml", "day"), [
    ("date: 2018-03-29", "2018-03-29"),  # YAML's own date object
    ("date: 2018-03-29 22:15:00", "2018-03-29"),  # a YAML timestamp
    ("date: 2018-03-29T23:30:00-05:00", "2018-03-29"),
    ("date: 03/29/2018", "2018-03-29"),  # unquoted, a YAML string
    ("date: 2018.03.29", "2018-03-29"),
    ("date: 20180329", "2018-03-29"),  # a YAML integer
])
def test_sidecar_unquoted_values(tmp_path, yaml, day):
    path = article(tmp_path, yaml + "\n")
    assert toolkit.read(path, passes=False).meta.date == day


@pytest.mark.parametrize(("written", "reason"), BAD)
def test_sidecar_bad_date_names_the_file_and_the_key(tmp_path, written, reason):
    path = article(tmp_path, f"title: Kept\ndate: {quoted(written)}\n")
    with pytest.raises(InputError) as err:
        toolkit.read(path, passes=False)
    sidecar = tmp_path / "article.txt.meta.yaml"
    assert str(err.value).startswith(f"{sidecar}: date: cannot read {written!r} as a date (")
    assert reason in str(err.value)


@pytest.mark.parametrize("yaml", ["date: 2018-02-30", "date: 2018-13-01", "date: 2018-02-30 10:00:00"])
def test_sidecar_impossible_yaml_timestamp_names_the_key(tmp_path, yaml):
    """YAML itself fails on these (a timestamp with no such day); the error still names file and key."""
    path = article(tmp_path, "title: Kept\n" + yaml + "\n")
    with pytest.raises(InputError) as err:
        toolkit.read(path, passes=False)
    assert str(err.value).startswith(f"{tmp_path / 'article.txt.meta.yaml'}: date: cannot read '2018-")
    assert "there is no" in str(err.value)


@pytest.mark.parametrize("yaml", ["date: [2018-03-29, 2018-04-01]", "date: {year: 2018}", "date: true"])
def test_sidecar_date_that_is_not_one_value_is_an_error(tmp_path, yaml):
    with pytest.raises(InputError, match=r"article\.txt\.meta\.yaml: date: cannot read"):
        toolkit.read(article(tmp_path, yaml + "\n"), passes=False)


@pytest.mark.parametrize("yaml", ["date:", 'date: ""', "date: null"])
def test_sidecar_empty_date_means_no_date(tmp_path, yaml):
    assert toolkit.read(article(tmp_path, yaml + "\n"), passes=False).meta.date is None


def test_sidecar_date_wins_over_the_text_but_meta_option_wins_over_both(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("A Title For The Test\n\nMay 1, 2020\n\nThe river rose in the night and the town woke "
                    "to water in the streets.\n", encoding="utf-8")
    assert toolkit.read(path, passes=False).meta.date == "2020-05-01"
    (tmp_path / "article.txt.meta.yaml").write_text("date: 29 March 2018\n")
    assert toolkit.read(path, passes=False).meta.date == "2018-03-29"
    options = toolkit.Options(meta=parse_meta_options(("date=03.04.2018",)))
    assert toolkit.read(path, options=options, passes=False).meta.date == "2018-04-03"


@pytest.mark.parametrize(("written", "day"), [*FORMS[:8], ("03/04/2018", "2018-03-04"),
                                              (datetime.date(2018, 3, 29), "2018-03-29"), (20180329, "2018-03-29")])
def test_manifest_and_api_metadata_follow_the_rule(tmp_path, written, day):
    assert toolkit.read(article(tmp_path), metadata={"date": written}, passes=False).meta.date == day


@pytest.mark.parametrize(("written", "reason"), BAD[:6])
def test_manifest_and_api_bad_date_names_the_input_and_the_key(tmp_path, written, reason):
    path = article(tmp_path)
    with pytest.raises(InputError) as err:
        toolkit.read(path, metadata={"date": written}, passes=False)
    assert str(err.value).startswith(f"{path}: metadata date: cannot read {written!r} as a date (")
    assert reason in str(err.value)


def test_manifest_rows_normalise_and_a_bad_row_fails_naming_its_input(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "bad.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "m.csv").write_text("input,output,date\ngood.txt,good,29.03.2018\nbad.txt,bad,soon\n")
    good, bad = read_manifest(tmp_path / "m.csv")
    assert toolkit.read(good.input, metadata=good.metadata, passes=False).meta.date == "2018-03-29"
    with pytest.raises(InputError) as err:
        toolkit.read(bad.input, metadata=bad.metadata, passes=False)
    assert str(err.value).startswith(f"{bad.input}: metadata date: cannot read 'soon' as a date (")


# --- front matter ---


@pytest.mark.parametrize(("written", "day"), FORMS)
def test_front_matter_reads_every_form(tmp_path, written, day):
    assert toolkit.read(markdown(tmp_path, f"date: {quoted(written)}"), passes=False).meta.date == day


@pytest.mark.parametrize(("yaml", "day"), [
    ("date: 2018-03-29", "2018-03-29"),  # what a YAML parser would make a date object
    ("date: 2018-03-29 10:00:00", "2018-03-29"),
    ("date: March 29, 2018", "2018-03-29"),
    ("date: 03/04/2018", "2018-03-04"),
    ("date: 03.04.2018", "2018-04-03"),
])
def test_front_matter_unquoted_values(tmp_path, yaml, day):
    assert toolkit.read(markdown(tmp_path, yaml), passes=False).meta.date == day


@pytest.mark.parametrize(("written", "reason"), BAD)
def test_front_matter_bad_date_names_the_file_and_the_key(tmp_path, written, reason):
    path = markdown(tmp_path, f"date: {quoted(written)}")
    with pytest.raises(InputError) as err:
        toolkit.read(path, passes=False)
    assert str(err.value).startswith(f"{path}: front matter date: cannot read {written!r} as a date (")
    assert reason in str(err.value)


def test_front_matter_spring_is_an_error_on_the_command_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    markdown(tmp_path, 'date: "Spring 2018"')
    result = CliRunner().invoke(main, ["convert", "article.md", "-o", "t.json"])
    assert result.exit_code == 1
    assert "article.md: front matter date: cannot read 'Spring 2018' as a date (write YYYY-MM-DD" in result.output
    assert not (tmp_path / "t.json").exists()


def test_latex_date_follows_the_rule(tmp_path):
    path = tmp_path / "a.tex"
    body = r"\begin{document}\maketitle The river rose in the night.\end{document}"
    path.write_text(r"\documentclass{article}\title{T}\date{29 March 2018}" + body)
    assert toolkit.read(path, passes=False).meta.date == "2018-03-29"
    path.write_text(r"\documentclass{article}\title{T}\date{Spring 2018}" + body)
    with pytest.raises(InputError, match=r"a\.tex: metadata date: cannot read 'Spring 2018'"):
        toolkit.read(path, passes=False)


def office_file(tmp_path: Path, fmt: str, date: str) -> Path:
    """A DOCX/ODT/EPUB made by pandoc itself, its date property as given."""
    source = markdown(tmp_path, f"date: {quoted(date)}", name=f"source-{fmt}.md")
    out = tmp_path / f"article.{fmt}"
    subprocess.run([pandoc_path(), str(source), "-o", str(out)], check=True, capture_output=True)
    source.unlink()
    return out


@pytest.mark.parametrize("fmt", ["docx", "epub"])
def test_office_and_epub_dates_are_normalised(tmp_path, fmt):
    doc = toolkit.read(office_file(tmp_path, fmt, "March 29, 2018"), passes=False)
    assert doc.meta.date == "2018-03-29"
    assert not doc.warnings


def test_a_docx_date_that_is_not_a_day_is_dropped_with_a_warning(tmp_path):
    """Word's properties are not typed by the author in a form we ask for: warn, keep building."""
    path = office_file(tmp_path, "docx", "Spring 2018")
    doc = toolkit.read(path, passes=False)
    assert doc.meta.date is None
    assert any("the DOCX file's date: cannot read 'Spring 2018' as a date" in w and "--meta date=" in w
               for w in doc.warnings), doc.warnings
    # a date given for it then applies
    fixed = toolkit.read(path, metadata={"date": "29 March 2018"}, passes=False)
    assert fixed.meta.date == "2018-03-29"


# --- never stored as written ---


@pytest.mark.parametrize("written", ["soon", "Spring 2018", "2018", "03/29/18", "2018-02-30"])
def test_a_non_date_is_never_stored_as_written(tmp_path, written):
    """Every path either stores a YYYY-MM-DD day or fails; none keeps the text."""
    with pytest.raises(UsageError):
        parse_meta_options((f"date={written}",))
    with pytest.raises(InputError):
        toolkit.read(article(tmp_path, f"date: {quoted(written)}\n"), passes=False)
    (tmp_path / "article.txt.meta.yaml").unlink()
    with pytest.raises(InputError):
        toolkit.read(article(tmp_path), metadata={"date": written}, passes=False)
    with pytest.raises(InputError):
        toolkit.read(markdown(tmp_path, f"date: {quoted(written)}"), passes=False)
