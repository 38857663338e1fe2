"""`toolkit doctor` checks what a build needs, the packaged style sheets first: without them every
build fails, so doctor must fail too (exit 1, with a fix line)."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from toolkit.cli import doctor
from toolkit.cli.commands import main
from toolkit.writers.html import themes


def styles_check(checks):
    return next(c for c in checks if c[0] == "style sheets")


def test_the_packaged_styles_pass():
    ok, detail = doctor._styles()
    assert ok, detail
    assert str(themes.styles_dir()) in detail
    assert all(name in detail for name in themes.list_themes())


def test_an_empty_styles_folder_fails_the_doctor(monkeypatch, tmp_path):
    monkeypatch.setattr(themes, "styles_dir", lambda: tmp_path)
    _name, ok, detail, fix = styles_check(doctor.run_checks())
    assert not ok
    assert "base.css" in detail
    assert "themes/classic.css" in detail
    assert "reinstall" in fix
    result = CliRunner().invoke(main, ["doctor"])
    assert result.exit_code == 1
    assert "MISSING  style sheets" in result.output
    assert "fix: reinstall the toolkit" in result.output


def test_no_packaged_folder_at_all_fails_the_doctor(monkeypatch, tmp_path):
    """styles_dir() looks only beside the module (toolkit/styles), never elsewhere: moved away, it is missing."""
    monkeypatch.setattr(themes, "__file__", str(tmp_path / "writers" / "html" / "themes.py"))
    ok, detail = doctor._styles()
    assert not ok
    assert "reinstall" in detail
    assert str(tmp_path / "styles") in detail


def test_a_missing_or_unreadable_theme_sheet_fails_the_doctor(monkeypatch, tmp_path):
    copy = tmp_path / "styles"
    shutil.copytree(themes.styles_dir(), copy)
    monkeypatch.setattr(themes, "styles_dir", lambda: copy)
    assert doctor._styles()[0]
    (copy / "themes" / "modern.print.css").write_bytes(b"\xff\xfe not UTF-8 \xc3")
    ok, detail = doctor._styles()
    assert not ok
    assert "themes/modern.print.css (not UTF-8)" in detail
    (copy / "themes" / "modern.print.css").write_text("/* fixed */\n", encoding="utf-8")
    (copy / "themes" / "classic.css").unlink()  # the default theme (and its edition sheets remain)
    ok, detail = doctor._styles()
    assert not ok
    assert "themes/classic.css" in detail
    (copy / "themes").rename(tmp_path / "elsewhere")
    ok, detail = doctor._styles()
    assert not ok
    assert "themes/classic.css" in detail


def test_the_doctor_names_the_typst_engine():
    checks = {name: (ok, detail) for name, ok, detail, _fix in doctor.run_checks()}
    ok, detail = checks["Typst (--pdf-engine typst)"]
    assert ok, detail
    assert detail[:1].isdigit()
