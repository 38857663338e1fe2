"""YAML metadata from the article's folder or its front matter: aliases ("billion laughs") are refused
at once, values that are not text are ignored with a warning."""

from __future__ import annotations

from tests.hostile.conftest import article_text, assert_one_line_error, cli, cli_process, paragraphs

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)) + "title: *i\n"


def test_alias_bomb_in_sidecar(tmp_path, out):
    story = tmp_path / "story.txt"
    story.write_text(article_text())
    (tmp_path / "story.txt.meta.yaml").write_text(BOMB)
    run, peak = cli_process("build", story, "-o", out, timeout=120)
    assert_one_line_error(run, "story.txt.meta.yaml", "aliases", "write the values out")
    assert peak < 400 * 1024


def test_alias_bomb_in_front_matter(tmp_path, out):
    story = tmp_path / "story.md"
    story.write_text("---\n" + BOMB + "---\n\n" + "\n\n".join(paragraphs(2)) + "\n")
    run, peak = cli_process("build", story, "-o", out, timeout=120)
    assert_one_line_error(run, "story.md", "aliases", "write the values out")
    assert peak < 400 * 1024


def test_alias_bomb_in_a_later_metadata_block(tmp_path, out):
    story = tmp_path / "late.md"
    story.write_text("# Title\n\n" + "\n\n".join(paragraphs(2)) + "\n\n---\n" + BOMB + "...\n")
    run, _ = cli_process("build", story, "-o", out, timeout=120)
    assert_one_line_error(run, "late.md", "aliases")


def test_markdown_rules_and_stars_are_not_yaml(tmp_path, out):
    story = tmp_path / "plain.md"
    story.write_text("# Title\n\n" + paragraphs(1)[0] + " *emphasis* & more\n\n---\n\n* a list item\n* another\n")
    run = cli("build", story, "-o", out, "--to", "html")
    assert run.exit_code == 0, run.stderr


def test_non_text_metadata_is_ignored_with_a_warning(tmp_path, out):
    story = tmp_path / "story.txt"
    story.write_text(article_text())
    (tmp_path / "story.txt.meta.yaml").write_text("title: {nested: [1, 2]}\nauthors: [Ann, {x: 1}]\n")
    run = cli("build", story, "-o", out, "--to", "html")
    assert run.exit_code == 0, run.stderr
    assert any("'title' must be text" in w for w in run.warnings), run.stderr
    assert any("'authors' must be text" in w for w in run.warnings), run.stderr
