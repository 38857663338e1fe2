"""The Python API as a script or a service uses it: results carry their warnings, warnings reach logging,
strict fails before anything is written, and the package says it is typed."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest

import toolkit

ARTICLE = "---\ntitle: An article with a missing picture\n---\n\nSome text of the article.\n\n![A harbour](harbour.png)\n"


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "in" / "story.md"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_build_returns_its_paths_warnings_and_timings(article, tmp_path):
    result = toolkit.build(article, ["html", "epub"], tmp_path / "out")
    assert isinstance(result, toolkit.BuildResult)
    assert [p.suffix for p in result] == [".html", ".epub"]  # still a sequence of the paths
    assert result[0].is_file()
    assert len(result) == 2
    assert any("harbour.png" in w for w in result.warnings)
    assert all(w.startswith(str(article)) for w in result.warnings)  # each names its input
    assert [name for name, _ in result.timings] == ["read", "html", "epub"]
    assert all(seconds >= 0 for _, seconds in result.timings)


def test_every_warning_also_goes_to_logging(article, tmp_path, caplog, monkeypatch):
    # the command line (run in this process by other tests) silences the logger: it prints warnings itself
    monkeypatch.setattr(logging.getLogger("toolkit.warnings"), "disabled", False)
    with caplog.at_level(logging.WARNING, logger="toolkit.warnings"):
        result = toolkit.build(article, "html", tmp_path / "out")
    logged = [r.getMessage() for r in caplog.records if r.name == "toolkit.warnings"]
    assert logged
    assert set(logged) <= set(result.warnings)


def test_strict_fails_before_anything_is_written(article, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(toolkit.ToolkitError, match=r"harbour\.png") as caught:
        toolkit.build(article, ["html", "pdf"], out, toolkit.Options(strict=True))
    assert "--strict" in str(caught.value) or "strict" in str(caught.value)
    assert not out.exists() or not any(out.iterdir())
    doc = toolkit.read(article)
    with pytest.raises(toolkit.ToolkitError):
        toolkit.write(doc, "html", tmp_path / "one.html", toolkit.Options(strict=True))
    assert not (tmp_path / "one.html").exists()


def test_a_clean_article_builds_under_strict(tmp_path):
    path = tmp_path / "clean.md"
    path.write_text("---\ntitle: Clean\n---\n\nNothing to warn about here.\n", encoding="utf-8")
    result = toolkit.build(path, "html", tmp_path / "out", toolkit.Options(strict=True))
    assert result.warnings == ()
    assert result[0].is_file()


def test_the_command_line_strict_writes_nothing_either(article, tmp_path):
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "toolkit", "build", str(article), "--to", "html", "-o",
                          str(out / "story.html"), "--strict"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 1
    assert "harbour.png" in run.stderr
    assert not (out / "story.html").exists()


def test_a_host_application_sees_no_output_until_it_configures_logging(article, tmp_path):
    script = ("import sys, toolkit; toolkit.build(sys.argv[1], 'html', sys.argv[2])")
    run = subprocess.run([sys.executable, "-c", script, str(article), str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""  # no logging "last resort" lines from a library
    script = ("import logging, sys, toolkit; logging.basicConfig(format='%(name)s %(message)s');"
              "toolkit.build(sys.argv[1], 'html', sys.argv[2])")
    run = subprocess.run([sys.executable, "-c", script, str(article), str(tmp_path / "out2")],
                         capture_output=True, text=True, timeout=300)
    assert "toolkit.warnings" in run.stderr
    assert "harbour.png" in run.stderr


@pytest.mark.parametrize(("field", "value", "says"), [
    ("columns", 7, "columns must be one of 1, 2"),
    ("notes", "side", "notes must be one of foot, end"),
    ("paper", "tabloid", "paper must be one of"),
    ("missing_images", "hide", "missing-images must be one of note, drop"),
    ("bleed", "lots", "--bleed wants a small length"),
    ("style", "../../etc/passwd", "a theme's name"),
    ("pdf_variant", "word", "a variant such as pdf/ua-1"),
    ("strict", "yes", "wants True or False"),
    ("source_date_epoch", -5, "seconds since 1970"),
])
def test_options_are_checked_when_made_with_the_command_lines_rules(field, value, says):
    with pytest.raises(toolkit.UsageError, match=re.escape(says)):
        toolkit.Options(**{field: value})


def test_options_take_one_path_or_several():
    assert toolkit.Options(css="house.css").css == (Path("house.css"),)
    assert toolkit.Options(css=["a.css", Path("b.css")]).css == (Path("a.css"), Path("b.css"))
    assert toolkit.Options(csl="style.csl").csl == Path("style.csl")
    with pytest.raises(toolkit.UsageError):
        toolkit.Options(css=5)


TIMEOUT_SCRIPT = """
import sys, threading, time
import toolkit

if __name__ == "__main__":
    outcome = []

    def work():
        t0 = time.perf_counter()
        try:
            toolkit.build(sys.argv[1], ["pdf"], sys.argv[2], timeout=0.3)
            outcome.append("built")
        except toolkit.ToolkitError as exc:
            outcome.append(f"{time.perf_counter() - t0:.1f} {exc}")

    thread = threading.Thread(target=work)  # from a thread: no alarm would reach it
    thread.start()
    thread.join()
    print(outcome[0])
    print(toolkit.build(sys.argv[1], ["html"], sys.argv[2], timeout=300)[0])
"""


def test_build_takes_a_timeout_from_any_thread(tmp_path):
    from tests.conftest import SEED

    script = tmp_path / "timed.py"
    script.write_text(TIMEOUT_SCRIPT, encoding="utf-8")
    run = subprocess.run([sys.executable, str(script), str(SEED), str(tmp_path / "out")], capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    first, second = run.stdout.splitlines()[:2]
    assert "gave up after 0.3 s" in first
    assert float(first.split()[0]) < 30  # stopped, not waited out
    assert not list((tmp_path / "out").glob("*.pdf"))
    assert second.endswith(".html")
    with pytest.raises(toolkit.UsageError):
        toolkit.build(SEED, ["html"], tmp_path / "x", timeout=0)
