"""Unknown input and output formats are usage errors: exit 2, one line saying what is known."""

from __future__ import annotations

from tests.hostile.conftest import article_text, assert_one_line_error, cli


def test_unknown_extension(tmp_path, out):
    path = tmp_path / "article.xyz"
    path.write_text(article_text())
    assert_one_line_error(cli("build", path, "-o", out), "article.xyz", "give --from", "markdown", code=2)


def test_unknown_from(tmp_path, out):
    path = tmp_path / "article.txt"
    path.write_text(article_text())
    run = cli("build", path, "-o", out, "--from", "wordperfect")
    assert run.exit_code == 2, run.stderr
    assert "wordperfect" in run.stderr
    assert "Traceback" not in run.stderr


def test_unknown_to(tmp_path, out):
    path = tmp_path / "article.txt"
    path.write_text(article_text())
    run = cli("build", path, "-o", out, "--to", "pdf,mobi")
    assert run.exit_code == 2, run.stderr
    assert "mobi" in run.stderr
    assert not out.exists() or not list(out.glob("*.pdf"))
